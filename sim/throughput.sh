#!/usr/bin/env bash
# sim/throughput.sh: measures the simulated card's throughput, in-process (Panama downcalls into
# libxbcard.so) and over shared memory (the xb-card process), as the median of RUNS separate
# runs (each its own JVM and card) of COMMANDS random commands, with the lowest and highest.
# The rate counts only the time spent offering to and polling the device, not the generation
# of the stream or the reference engine it is checked against.
#
# A million commands per run by default: shorter runs are dominated by start-up (the JVM's
# compilation of the harness's path, the card's initialisation) and read low.
#
#   sim/throughput.sh [RUNS=3] [COMMANDS=1000000] [CONFIG=small|default]   (environment)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-3}" commands="${COMMANDS:-1000000}" config="${CONFIG:-small}"

summary() {  # numbers on stdin -> "median (min .. max)"
    sort -n | awk '{ v[NR] = $1 } END {
        m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "%\047.0f (%\047.0f .. %\047.0f)", m, v[1], v[NR] }'
}

echo "simulated card throughput: $runs runs of $commands commands, config $config, $(nproc) cores"
for device in sim-inproc sim; do
    rates=() cycles=()
    for run in $(seq 1 "$runs"); do
        line="$("$root/crossbar" diff --device="$device" --commands="$commands" --seeds="$run" --config="$config" 2>/dev/null |
                grep '^seed ')"
        rates+=("$(sed -E 's/.*identical; ([0-9,]+) commands\/s.*/\1/' <<<"$line" | tr -d ,)")
        cycles+=("$(sed -E 's/.* ([0-9,]+) cycles\/s simulated.*/\1/' <<<"$line" | tr -d ,)")
    done
    printf '  %-10s  commands/s %s   simulated cycles/s %s\n' "$device" \
        "$(printf '%s\n' "${rates[@]}" | summary)" "$(printf '%s\n' "${cycles[@]}" | summary)"
done
