#!/usr/bin/env bash
# Lint the card RTL with every warning on, at the default and at a small set of parameters.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
files=$(sed 's#^#rtl/#' rtl/files.f)
verilator --lint-only -Wall lint.vlt $files --top-module xb_card
verilator --lint-only -Wall lint.vlt $files --top-module xb_card \
    -GInstruments=3 -GLevelsPerSide=256 -GOrderSlots=40 -GAccounts=6
echo "lint: clean"
