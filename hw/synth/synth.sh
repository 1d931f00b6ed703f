#!/usr/bin/env bash
# Synthesise the card (top xb_card) for Xilinx UltraScale+ with yosys and summarise the result.
#   hw/synth/synth.sh           default parameters (Instruments=16 LevelsPerSide=4096
#                               OrderSlots=65536 Accounts=4096)
#   hw/synth/synth.sh --small   Instruments=3 LevelsPerSide=256 OrderSlots=40 Accounts=6, a quick check
# Flow: read_verilog -sv, hierarchy with the parameters, synth_xilinx -family xcup with -flatten
# (ltp needs one module), -uram (large memories may use URAM288 as well as block RAM) and
# -noiopad (the card sits behind the host interface, not on pins); then stat for resources and
# ltp -noff for the longest path. The memories are listed with their size between the two
# halves of synth_xilinx, before map_memory.
# Output: hw/synth/build/<mode>.ys (script), <mode>.log, <mode>-mapped.il (the mapped netlist,
# for hw/synth/paths.sh), <mode>-stat.txt, <mode>-ltp.txt,
# <mode>-mem.txt and <mode>-summary.md; the summary also replaces this mode's section of
# hw/synth/results.md. Environment: YOSYS (default yosys), SYNTH_TIMEOUT in seconds (default 2400).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

mode=default
params="-chparam Instruments 16 -chparam LevelsPerSide 4096 -chparam OrderSlots 65536 -chparam Accounts 4096"
case "${1:-}" in
  "") ;;
  --small)
    mode=small
    params="-chparam Instruments 3 -chparam LevelsPerSide 256 -chparam OrderSlots 40 -chparam Accounts 6"
    ;;
  *) echo "usage: $0 [--small]" >&2; exit 2 ;;
esac

yosys=${YOSYS:-yosys}
limit=${SYNTH_TIMEOUT:-2400}
build=build
mkdir -p "$build"
rm -f "$build/$mode".* "$build/$mode"-*
files=$(sed 's#^#../rtl/#' ../rtl/files.f | tr '\n' ' ')
script=$build/$mode.ys
log=$build/$mode.log
synth="synth_xilinx -family xcup -flatten -uram -noiopad -top xb_card"
ram_types="URAM288 RAMB36E2 RAMB18E2 RAM32M16 RAM64M8 RAM32M RAM64M RAM32X1D RAM64X1D RAM128X1D RAM256X1D"

# ltp -noff only recognises yosys' internal flip-flop cells, so the mapped sequential primitives
# (FD*, RAMB*, URAM*, SRL*) are left out of its selection: paths start and end at them or at
# ports, and every other cell on a path (LUT, MUXF, CARRY, DSP48E2, distributed RAM) is a level.
# sta then weighs each cell by the timing arcs of yosys' Xilinx cell models (see summary.py).
cat > "$script" <<EOF
read_verilog -sv $files
hierarchy -check -top xb_card $params
$synth -run :map_memory
tee -q -o $build/$mode-mem.txt dump t:\$mem_v2
$synth -run map_memory:
tee -q -o $build/$mode-stat.txt stat
write_rtlil $build/$mode-mapped.il
tee -q -o $build/$mode-ltp.txt ltp -noff t:FD* t:RAMB* t:URAM* t:SRL* %u %u %u %n
read_verilog -lib -specify +/xilinx/cells_sim.v
tee -q -o $build/$mode-sta.txt sta
EOF
# the RAM primitives by type, to count them per memory
for type in $ram_types; do
  echo "tee -q -o $build/$mode-cells-$type.txt select -list t:$type" >> "$script"
done

# the RTL this run reads: last commit touching hw/rtl, and whether the working tree differs
rtl_rev=$(git -C .. log -1 --format=%h -- rtl 2>/dev/null || true)
if [ -n "$rtl_rev" ] && ! git -C .. diff --quiet HEAD -- rtl 2>/dev/null; then
  rtl_rev="$rtl_rev with uncommitted changes"
fi
export SYNTH_RTL_REV=${rtl_rev:-unknown}

echo "synth: $mode parameters; log hw/synth/$log; limit ${limit} s"
start=$(date +%s)
set +e
timeout "$limit" nice "$yosys" -l "$log" -s "$script" > /dev/null 2>&1
status=$?
set -e
elapsed=$(( $(date +%s) - start ))

python3 summary.py "$mode" "$build" "$status" "$elapsed" "$limit" "$synth" $params
exit "$status"
