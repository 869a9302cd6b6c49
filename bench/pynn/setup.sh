#!/usr/bin/env bash
# Sets up PyNN 0.10 on NEURON with MPI from Debian's packages, for running the scripts that
# `spikestream export --to pynn` writes (docs/scaling-out.md) and for the tests that run them.
# Idempotent: what is there already is left as it is. Needs root for apt-get and for the one
# file it puts into PyNN's own folder.
#
# Debian's python3-pynn ships PyNN's NEURON mechanisms (.mod files) uncompiled, and Debian's
# nrnivmodl looks for its makefile in /usr/bin, where the package does not put it. So the
# mechanisms are compiled here in a temporary folder, with a bin/ folder that holds links to
# NEURON's tools and its makefile (NRNHOME_EXEC), and the library is copied to where PyNN loads
# it from (pyNN/neuron/nmodl/x86_64/.libs/libnrnmech.so).
set -euo pipefail
PY=/usr/bin/python3
packages=(python3-pynn python3-neo python3-mpi4py neuron neuron-dev openmpi-bin)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2> /dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup-pynn: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" > /dev/null
fi
nmodl=$($PY -c 'import os, pyNN; print(os.path.join(os.path.dirname(pyNN.__file__), "neuron", "nmodl"))')
lib="$nmodl/x86_64/.libs/libnrnmech.so"
if [ ! -f "$lib" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$work/nrn/bin" "$work/mod"
  for tool in nocmodl modlunit nrniv mkthreadsafe; do
    [ -e "/usr/bin/$tool" ] && ln -s "/usr/bin/$tool" "$work/nrn/bin/$tool"
  done
  ln -s /usr/lib/nrn/nrnmech_makefile "$work/nrn/bin/nrnmech_makefile"
  cp "$nmodl"/*.mod "$work/mod/"
  # The library is built first; the `special` executable after it fails on a missing header
  # (ivstream.h) and is not needed by PyNN, so its failure is let go when the library is there.
  (cd "$work/mod" && NRNHOME_EXEC="$work/nrn" LIBRARY_PATH=/usr/lib/nrn nrnivmodl > "$work/nrnivmodl.log" 2>&1) || true
  if [ ! -f "$work/mod/x86_64/.libs/libnrnmech.so" ]; then
    tail -20 "$work/nrnivmodl.log" >&2
    echo "setup-pynn: compiling PyNN's NEURON mechanisms failed" >&2
    exit 1
  fi
  mkdir -p "$(dirname "$lib")"
  cp "$work/mod/x86_64/.libs/libnrnmech.so" "$lib"
fi
# The check the tests make: PyNN builds a cell on NEURON.
$PY -c 'import pyNN.neuron as sim; sim.setup(); sim.Population(1, sim.IF_curr_exp()); sim.end()' > /dev/null 2>&1 \
  || { echo "setup-pynn: PyNN does not run on NEURON" >&2; exit 1; }
echo "setup-pynn: PyNN $($PY -c 'import pyNN; print(pyNN.__version__)') on NEURON, mpirun $(mpirun --version 2>&1 | head -1 | awk '{print $NF}')"
