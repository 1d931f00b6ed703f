#!/usr/bin/env bash
# hw/tb/figures.sh: the card's cycle figures (docs/hardware.md, "Cycle figures") on the
# differential workload. Records a seeded RandomCommands stream while checking it on the RTL
# (crossbar diff --device=sim-inproc --record), then replays the recording through the testbench
# xb_replay, which counts cycles per command kind and per event, and prints its table.
#
#   hw/tb/figures.sh [SEED=2] [COMMANDS=50000] [CONFIG=small|default]   (environment)
#   STREAM=peer hw/tb/figures.sh [SEED=20240917] [COMMANDS=1000000]
#
# STREAM=peer replays the peer stream of bench/ instead (a market maker's flow on one
# instrument: 82% moves, 9% GTC, 6% cancels, 3% IOC, about 1,000 resting orders; the card's
# default parameters), checks every event against the reference engine's, and adds the cycles per
# command of its main part.
#
# Output: the figures table on stdout; the recording and the events under sim/build/figures/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
stream="${STREAM:-random}"
case "$stream" in
    random) seed="${SEED:-2}" commands="${COMMANDS:-50000}" config="${CONFIG:-small}" ;;
    peer) seed="${SEED:-20240917}" commands="${COMMANDS:-1000000}" config=default ;;
    *) echo "hw/tb/figures.sh: STREAM must be random or peer, not '$stream'" >&2; exit 2 ;;
esac
case "$config" in
    small) params=(--instruments 3 --levels 256 --slots 40 --accounts 6) ;;
    default) params=() ;;
    *) echo "hw/tb/figures.sh: CONFIG must be small or default, not '$config'" >&2; exit 2 ;;
esac

model="$("$root/sim/build.sh" --quiet "${params[@]}")"
work="$root/sim/build/figures"
mkdir -p "$work"

# The testbench links the same verilated model and Verilator runtime objects as the harness.
vinc="$(verilator --getenv VERILATOR_ROOT)/include"
bench="$model/xb_replay"
if [ ! -x "$bench" ] || [ "$bench" -ot "$model/verilated/Vxb_card__ALL.a" ] || [ "$bench" -ot "$root/hw/tb/xb_replay.cpp" ]; then
    g++ -std=c++17 -O2 -faligned-new -pthread -DVM_TRACE=1 -DVM_TRACE_FST=1 \
        -isystem "$vinc" -isystem "$vinc/vltstd" -isystem "$model/verilated" \
        -o "$bench" "$root/hw/tb/xb_replay.cpp" "$model/verilated/Vxb_card__ALL.a" \
        "$model/obj/verilated.o" "$model/obj/verilated_fst_c.o" "$model/obj/verilated_threads.o" -lz -pthread -latomic
fi

if [ "$stream" = peer ]; then
    peer="$work/peer-s$seed-n$commands"
    "$root/bench/run" peer-stream write "$peer" --commands="$commands" --seed="$seed"
    read -r setup prefill main _ < "$peer/parts.txt"
    first=$((setup + prefill))
    "$bench" "$peer/commands.bin" "$peer/events.bin" "$work/figures.txt" "$first" "$((first + main))"
    "$root/bench/run" peer-stream check "$peer/expected.bin" "$peer/events.bin"
    cat "$work/figures.txt"
    exit 0
fi

recording="$work/commands-s$seed-n$commands-$config.bin"
if ! "$root/crossbar" diff --device=sim-inproc --seeds="$seed" --commands="$commands" --config="$config" \
        --record="$recording" >"$work/diff.log" 2>&1; then
    echo "hw/tb/figures.sh: the RTL did not match the reference engine on this stream:" >&2
    tail -n 20 "$work/diff.log" >&2
    exit 1
fi
grep -E '^(seed|PASS)' "$work/diff.log" >&2
"$bench" "$recording" "$work/events.bin" "$work/figures.txt"
cat "$work/figures.txt"
