#!/usr/bin/env bash
# Every check, in the order CI runs them: format, clippy (host and wasm, warnings denied),
# every Rust test, schema drift, the chain-ready build, and the real-VM suite with its gas report.
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

schema_drift() {
  local tmp; tmp=$(mktemp -d)
  generate_schema "$tmp"
  if ! diff -r "$tmp" schema; then
    echo "schema/ is out of date: run scripts/build.sh and commit schema/" >&2
    rm -rf "$tmp"; return 1
  fi
  rm -rf "$tmp"
  echo "schema/ matches the messages"
}

step "cargo fmt --check" cargo fmt --all --check
step "cargo fmt --check (vm-gas)" cargo fmt --manifest-path tests/vm-gas/Cargo.toml --check
step "clippy (host)" cargo clippy --locked --workspace --all-targets -- -D warnings
step "clippy (wasm32)" cargo clippy --locked --workspace --lib --target wasm32-unknown-unknown -- -D warnings
step "cargo test" cargo test --locked --workspace
step "schema drift" schema_drift
step "build artifacts (scripts/build.sh)" scripts/build.sh
step "real VM + gas (scripts/vm-gas.sh)" scripts/vm-gas.sh

say "timings"
printf '%s\n' "${timings[@]}"
