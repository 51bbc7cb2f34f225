#!/usr/bin/env bash
# Every check, in the order CI runs them: format, clippy (host and wasm, warnings denied),
# every Rust test, the chain-ready build, schema drift, the real-VM suite with its gas report, the
# real-node end to end with its gas check, and the dashboard in a real browser.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
ensure_wasm_target

timings=()
step() {
  local name=$1; shift
  say "$name"
  local t0=$SECONDS
  "$@"
  timings+=("$(printf '%-34s %5ds' "$name" $((SECONDS - t0)))")
}

# build.sh has just regenerated schema/ in place: any difference from the commit is drift.
schema_drift() {
  if [ -n "$(git status --porcelain -- schema)" ]; then
    git status --short -- schema
    git --no-pager diff --stat -- schema
    echo "schema/ is out of date: commit what scripts/build.sh regenerated" >&2
    return 1
  fi
  echo "schema/ matches the messages"
}

step "cargo fmt --check" cargo fmt --all --check
step "cargo fmt --check (vm-gas)" cargo fmt --manifest-path tests/vm-gas/Cargo.toml --check
step "vendored crates = crates.io + vendor/PATCHES.md (scripts/vendor-check.sh)" scripts/vendor-check.sh
step "clippy (host)" cargo clippy --locked --workspace --all-targets -- -D warnings
step "clippy (wasm32)" cargo clippy --locked --workspace --lib --target wasm32-unknown-unknown -- -D warnings
# The real price series for risk-cli's backtest test (pinned arch wheel from PyPI, cached; not
# committed): fetched here so that a failed fetch fails CI instead of skipping the test.
backtest_data() {
  python3 scripts/backtest/fetch_data.py "$ROOT/target/backtest-data"
}
step "backtest data (scripts/backtest/fetch_data.py)" backtest_data
export RISK_BACKTEST_DATA="$ROOT/target/backtest-data" RISK_BACKTEST_REQUIRED=1
step "fuzz harness compiles (cargo check, fuzz/)" cargo +stable check --locked --quiet --manifest-path fuzz/Cargo.toml --all-targets
step "cargo test" cargo test --locked --workspace
step "build artifacts (scripts/build.sh)" scripts/build.sh
step "schema drift" schema_drift
step "TS client: codegen drift + tsc --strict" scripts/client.sh
step "real VM + gas (scripts/vm-gas.sh)" scripts/vm-gas.sh
step "real node end to end + gas report (scripts/e2e.sh)" scripts/e2e.sh
# The dashboard in headless Chromium against a seeded node (screenshots: target/app-screens).
step "dashboard in a real browser (scripts/app.sh)" scripts/app.sh
# The underwriter flows through @injectivelabs/sdk-ts against a seeded node.
step "wallet library end to end (scripts/wallet.sh)" scripts/wallet.sh
# Four validators: app hashes every block, a validator killed mid-claim, two down, 1,000 txs of load.
step "four validators: consensus, faults, load (scripts/cluster.sh)" scripts/cluster.sh

say "timings"
printf '%s\n' "${timings[@]}"
