#!/usr/bin/env bash
# sim/ensure-tools.sh: makes sure the tools of the simulated card and of the RTL checks are
# installed: verilator (the model), g++, make and zlib (the harness), yosys (synthesis
# estimates). As root it installs what is missing with apt-get (Debian 12: Verilator 5.006,
# yosys 0.23); otherwise it prints the command to run. Exit 0 when everything is there.
set -euo pipefail

declare -A package_of=([verilator]=verilator [yosys]=yosys [g++]=g++ [make]=make)
missing=()
for tool in verilator yosys g++ make; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("${package_of[$tool]}")
done
[ -f /usr/include/zlib.h ] || missing+=(zlib1g-dev)

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "sim/ensure-tools.sh: missing ${missing[*]}. Install with:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 3
fi
echo "sim/ensure-tools.sh: installing ${missing[*]} with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
for tool in verilator yosys g++ make; do
    command -v "$tool" >/dev/null 2>&1 || { echo "sim/ensure-tools.sh: $tool still missing after apt-get" >&2; exit 3; }
done
echo "sim/ensure-tools.sh: $(verilator --version), $(yosys -V | head -n 1)" >&2
