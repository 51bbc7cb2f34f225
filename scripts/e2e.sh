#!/usr/bin/env bash
# End to end on a real node + the gas report (scripts/chain/e2e.py says what it does).
# Installs injective-core from PyPI into the tools cache when missing, starts a fresh
# single-validator chain (governance-only upload), runs the scenario, and stops the node it
# started whatever happens. Report: $CHAIN_HOME/gas-report.md and gas-report.json; the run fails
# if a figure is more than 5 % above scripts/chain/gas-baseline.json (scripts/chain/gasbench.py).
# A new baseline, deliberately (commit it with the change that moves it; CI never sets this):
#   GAS_BASELINE_UPDATE=1 scripts/e2e.sh
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$ROOT/scripts/chain/node.sh"
cd "$ROOT"

for c in "${CONTRACTS[@]}"; do
  [ -f "artifacts/${c//-/_}.wasm" ] || { scripts/build.sh; break; }
done

say "gas-report reference: cw20-base (crates.io) as a contract"
ensure_wasm_target
ensure_binaryen
mkdir -p target/e2e
CARGO_TARGET_DIR="$ROOT/target/wasm" RUSTFLAGS="-C link-arg=-s" \
  cargo build --locked --release --quiet --lib --target wasm32-unknown-unknown -p cw20-ref
"$WASM_OPT" "${WASM_OPT_FLAGS[@]}" target/wasm/wasm32-unknown-unknown/release/cw20_ref.wasm -o target/e2e/cw20_ref.wasm
cargo build --locked --quiet -p deploy-plan

say "chain"
chain_install
chain_init
chain_trap
chain_start

say "scenario"
python3 scripts/chain/e2e.py
