#!/usr/bin/env bash
# The quick half of synthesis, for the test command: yosys reads the RTL (read_verilog -sv) and
# elaborates the card at the small parameters (hierarchy -check). It takes seconds, against
# minutes for hw/synth/synth.sh, and fails on what yosys's front end does not accept (Verilator
# accepts more: a function of module signals that calls another function, for instance), so RTL
# that only simulates cannot land unnoticed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
yosys=${YOSYS:-yosys}
files=$(sed 's#^#rtl/#' rtl/files.f | tr '\n' ' ')
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! "$yosys" -q -l "$log" -p "read_verilog -sv $files; hierarchy -check -top xb_card \
        -chparam Instruments 3 -chparam LevelsPerSide 256 -chparam OrderSlots 40 -chparam Accounts 6" \
        >/dev/null 2>&1; then
    echo "hw/synth/elaborate.sh: yosys does not accept the RTL:" >&2
    grep -i "error" "$log" >&2 || tail -n 20 "$log" >&2
    exit 1
fi
echo "yosys: the card elaborates ($("$yosys" -V | cut -d' ' -f1-2))"
