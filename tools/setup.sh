#!/usr/bin/env bash
# Installs what zonesim needs from Debian 12 packages and builds it into build/ (Release).
# usage: tools/setup.sh            (as root, or with sudo available)
# Set ZONESIM_SKIP_APT=1 to skip the package step when everything is installed already.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  build-essential cmake git                       # compiler (gcc with OpenMP), build system, provenance
  libeigen3-dev libboost-graph-dev libyaml-cpp-dev  # Eigen, Boost.Graph, yaml-cpp
  libhdf5-dev                                     # HDF5 C library and its high-level library (dimension scales)
  libpagmo-dev                                    # pagmo2 (zonesim optimize: NSGA-II); pulls Boost.Serialization and TBB
  librandom123-dev catch2                         # counter-based RNG (Philox), Catch2 v2 tests
  python3 python3-numpy python3-scipy python3-h5py python3-xarray python3-h5netcdf netcdf-bin  # reading results, tests
  python3-pandas python3-matplotlib python3-nbclient python3-nbformat python3-ipykernel  # figures, notebooks
  python3-geopandas python3-sklearn fonts-noto-cjk  # the report: country outline, CART, Chinese labels
  chromium                                        # the report's test renders it in a headless browser
)

if [[ ${ZONESIM_SKIP_APT:-0} != 1 ]]; then
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >/dev/null
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release ${ZONESIM_CMAKE_ARGS:-}
cmake --build build -j"$(nproc)"
echo "zonesim built: build/zonesim (try: build/zonesim run scenarios/baseline.yaml -o out.h5)"
