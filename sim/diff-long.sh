#!/usr/bin/env bash
# sim/diff-long.sh: the long differential run of the card's RTL against the reference engine,
# beyond what the test suite does (4 x 50,000 commands): by default 10 million commands per seed
# for seeds 1..3, in-process, on the small engine of RandomCommands.smallConfig(). Stops at the
# first divergence and prints the seed, the command and both events as a reproducer.
#
#   sim/diff-long.sh [--device=sim-inproc|sim] [--commands=N] [--seeds=S,S,...] [--config=small|default]
#
# Environment overrides the defaults too: DEVICE, COMMANDS, SEEDS, CONFIG.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$root/crossbar" diff \
    --device="${DEVICE:-sim-inproc}" \
    --commands="${COMMANDS:-10000000}" \
    --seeds="${SEEDS:-1,2,3}" \
    --config="${CONFIG:-small}" \
    "$@"
