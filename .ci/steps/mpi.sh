#!/usr/bin/env bash
# CI: the optional MPI build (-DZONESIM_MPI=ON) in build-mpi and its tests (label mpi): the same sweep in one
# process and on 2 and 3 ranks, bit for bit; a killed rank; --resume under mpirun (docs/cluster.md).
set -euo pipefail
cd "$(dirname "$0")/../.."

export DEBIAN_FRONTEND=noninteractive
SUDO=""
[[ $(id -u) -eq 0 ]] || SUDO=sudo
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends openmpi-bin libopenmpi-dev >/dev/null

cmake -S . -B build-mpi -DCMAKE_BUILD_TYPE=Release -DZONESIM_MPI=ON
cmake --build build-mpi -j"$(nproc)" --target zonesim
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
ctest --test-dir build-mpi --output-on-failure -L mpi
