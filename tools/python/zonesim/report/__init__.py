"""`zonesim report`: one self-contained HTML page on the schemes of a sweep (docs/report.md).

The modules, in the order the data flows:
  command.py       the command line: options, checks of the input (exit 2), writing the file (exit 1 on failure)
  numbers.py       the `zonesim compare --format json` calls whose numbers the summary and the tables show
  text.py          numbers as text, each marked with the compare field it comes from
  summary.py       the plain-language summary
  polarization.py, cost.py, for_whom.py, channels.py, sure.py, discovery.py: one section each
  page.py          figures as PNG data URIs, tables, sections
  document.py      the context the sections share and the whole page

Run it as `python3 -m zonesim.report OUT.h5 -o report.html [--year Y] [--reference R] [--zonesim PATH]`.
"""
from .command import main

__all__ = ["main"]
