# The golden cases, sourced by check.sh and regenerate.sh: "name command scenario" per line. Each writes
# tests/golden/<name>.h5; the data must stay bit-identical (tests/contract/same_data.py --portable-paths).
GOLDEN_CASES=(
  "baseline run baseline.yaml"
  "calibration run calibration.yaml"
  "schemes sweep schemes.yaml"
)
