"""`python3 -m zonesim.report OUT.h5 -o report.html ...`: the command line of the report (command.py)."""
import sys

from .command import main

if __name__ == "__main__":
    sys.exit(main())
