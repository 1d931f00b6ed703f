#!/usr/bin/env bash
# sim/ensure-tools.sh: makes sure the tools of the simulated card and of the RTL checks are
# installed: verilator (the model), g++, make and zlib (the harness), yosys (synthesis
# estimates), and clang++ (the model's compiler when present: it runs faster built with clang;
# sim/build.sh falls back to g++ without it). As root it installs what is missing with apt-get
# (Debian 12: Verilator 5.006, yosys 0.23, clang 14); otherwise it prints the command to run.
# Exit 0 when everything is there.
set -euo pipefail

declare -A package_of=([verilator]=verilator [yosys]=yosys [g++]=g++ [make]=make [clang++]=clang)
required=(verilator yosys g++ make)
missing=()
for tool in "${required[@]}"; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("${package_of[$tool]}")
done
[ -f /usr/include/zlib.h ] || missing+=(zlib1g-dev)
optional=()
command -v clang++ >/dev/null 2>&1 || optional+=(clang)

if [ ${#missing[@]} -eq 0 ] && [ ${#optional[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    if [ ${#missing[@]} -eq 0 ]; then
        echo "sim/ensure-tools.sh: clang++ is not installed; the simulated card is built with g++ (slower)." \
            "To use clang: sudo apt-get install -y clang" >&2
        exit 0
    fi
    echo "sim/ensure-tools.sh: missing ${missing[*]}. Install with:" >&2
    echo "  sudo apt-get install -y ${missing[*]} ${optional[*]}" >&2
    exit 3
fi
echo "sim/ensure-tools.sh: installing ${missing[*]} ${optional[*]} with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
    if [ ${#optional[@]} -gt 0 ]; then
        apt-get install -y -qq --no-install-recommends "${optional[@]}" >&2 || true
    fi
else
    # only the optional compiler is missing: a failure here (no network, apt's lock held) is
    # reported, never fatal
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${optional[@]}"; } >&2 || true
fi
for tool in "${required[@]}"; do
    command -v "$tool" >/dev/null 2>&1 || { echo "sim/ensure-tools.sh: $tool still missing after apt-get" >&2; exit 3; }
done
command -v clang++ >/dev/null 2>&1 ||
    echo "sim/ensure-tools.sh: clang did not install; the simulated card is built with g++ (slower)" >&2
echo "sim/ensure-tools.sh: $(verilator --version), $(yosys -V | head -n 1)" >&2
