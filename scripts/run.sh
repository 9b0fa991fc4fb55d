#!/usr/bin/env bash
# Builds ebs-emulator (installing missing Debian packages first) and runs it on port 4566 with the demo
# fixtures loaded and its state in ./.ebs-emulator/state.db. Extra arguments go to the emulator
# (see `--help`).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target ebs-emulator
fixtures=()
[[ -d fixtures/demo ]] && fixtures=(--fixtures fixtures/demo)
exec build/release/server/ebs-emulator "${fixtures[@]}" "$@"
