#!/usr/bin/env bash
# Real-VM suite and gas report: runs artifacts/risk_oracle.wasm (and the vault's user actions and
# its member-scaling table, artifacts/pool_vault.wasm) in cosmwasm-vm 2.2.10, checks
# every answer is byte-identical to the native contract's, prints VM and SDK gas per `assess`
# configuration, and fails if one is over 1,000,000 SDK gas. Builds the artifacts if missing.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
[ -f artifacts/risk_oracle.wasm ] || scripts/build.sh
# The `risk` binary (workspace target), run once on a dumped VM state: `risk assess` = the wasm.
cargo build --quiet --locked -p risk-cli --bin risk
RISK_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/risk"
# cosmwasm-vm is a ~15 minute cold build: its target dir lives in the cache, shared by every clone
# on this machine. The suite's own path crates are cleaned first: builds of them from another clone's
# path would otherwise sit beside these and confuse rustc ("multiple versions of crate risk_pool").
export CARGO_TARGET_DIR="$P2P_CACHE/vm-gas-target"
cargo clean --quiet --release --manifest-path tests/vm-gas/Cargo.toml -p vm-gas -p risk-oracle -p risk-pool -p risk-math -p risk-cli
# The vault actions' KV figures go to target/e2e/vault-kv.json, for the gas bench's report
# (scripts/e2e.sh joins them when their checksum is the deployed vault's).
cargo run --quiet --release --locked \
  --manifest-path tests/vm-gas/Cargo.toml -- "$ROOT/artifacts/risk_oracle.wasm" "$ROOT/artifacts/pool_vault.wasm" "$RISK_BIN" \
  "$ROOT/target/e2e/vault-kv.json"
