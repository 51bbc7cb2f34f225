#!/usr/bin/env bash
# End to end on a real node + the gas bench: builds what is missing (the contract artifacts, the
# cw20-base reference wasm, the deploy-plan and chain-e2e binaries), then runs the driver
# (scripts/chain-e2e/src/main.rs says what it does, step by step). The driver installs
# injective-core from PyPI into the tools cache when missing, runs a fresh single-validator chain
# (governance-only upload) and always stops the node it started, by pid. Report:
# $CHAIN_HOME/gas-report.md and gas-report.json; the run fails if a figure is more than 5 % above
# scripts/chain/gas-baseline.json. A new baseline, deliberately (commit it with the change that
# moves it; CI never sets this):
#   GAS_BASELINE_UPDATE=1 scripts/e2e.sh
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

build_e2e_inputs

say "chain end to end (chain-e2e)"
exec target/debug/chain-e2e run
