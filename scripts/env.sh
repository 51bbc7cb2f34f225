# Shared settings for the scripts (sourced, not run).
# Slow things (installed tools, the cosmwasm-vm build) live in a cache outside the clone, so a
# fresh clone on the same machine reuses them; a fresh machine installs them on first use.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
P2P_CACHE=${P2P_CACHE:-$HOME/.cache/p2p-risk-pool}
TOOLS=$P2P_CACHE/tools
BINARYEN_VERSION=132.0.0
COSMWASM_CHECK_VERSION=3.0.10
WASM_OPT=$TOOLS/binaryen/node_modules/.bin/wasm-opt
COSMWASM_CHECK=$TOOLS/cosmwasm-check/bin/cosmwasm-check
CONTRACTS=(risk-oracle pool-vault dao-governance example-perp-dex example-options-dex)
# Per-contract opt-level overrides of Cargo.toml's [profile.release] ("s"), as whole-build
# overrides (--config profile.release.opt-level=...; a string level quoted: '"z"'), not
# [profile.release.package.*]: with the oracle at 3 over dependencies at "z", fat LTO made a
# function with 111 locals, which cosmwasm-check refuses (limit 100). None today: the oracle was
# built at 3 while the rest was at "z" ("z" doubled its Monte Carlo gas); at "s" its assess rows
# take 0.5-5.5 % more SDK gas than at 3 for 20,848 fewer gzipped bytes (docs/size.md step 5).
declare -A OPT_LEVEL=()
# What wasmvm 2.1 chains offer.
CAPABILITIES=iterator,staking,stargate,cosmwasm_1_1,cosmwasm_1_2,cosmwasm_1_3,cosmwasm_1_4,cosmwasm_2_0,cosmwasm_2_1
# Lowers the post-MVP features rustc ≥ 1.87 emits (bulk memory, sign-ext, non-trapping
# float-to-int) that wasmvm 2.x rejects, then optimizes for size.
WASM_OPT_FLAGS=(-Os --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int
  --llvm-memory-copy-fill-lowering --signext-lowering --llvm-nontrapping-fptoint-lowering
  --strip-target-features)
MAX_WASM_BYTES=$((800 * 1024))
# Per-artifact byte budgets (raw and gzipped), checked by scripts/build.sh.
SIZE_BUDGET=${SIZE_BUDGET:-$ROOT/scripts/size-budget.txt}
mkdir -p "$TOOLS"

say() { printf '\n== %s\n' "$*"; }

# rust-toolchain.toml pins the release; a machine that has that release only as `stable` (not
# under its number) and no network for rustup to fetch it uses stable, when it is the same release.
ensure_toolchain() {
  local want
  want=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' "$ROOT/rust-toolchain.toml")
  if ! rustup toolchain list | grep -q "^$want-"; then
    if rustc +stable --version 2>/dev/null | grep -q "^rustc $want "; then
      export RUSTUP_TOOLCHAIN=stable
      echo "rust-toolchain.toml wants $want; using stable, which is rustc $want" >&2
    else
      echo "rust-toolchain.toml wants rustc $want, not installed (rustup toolchain install $want)" >&2
      return 1
    fi
  fi
}
ensure_toolchain

ensure_wasm_target() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
}

ensure_binaryen() {
  if ! "$WASM_OPT" --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
    say "installing binaryen@$BINARYEN_VERSION (npm) into $TOOLS/binaryen"
    npm install --silent --no-audit --no-fund --prefix "$TOOLS/binaryen" "binaryen@$BINARYEN_VERSION" >/dev/null
  fi
}

ensure_cosmwasm_check() {
  if ! "$COSMWASM_CHECK" --version 2>/dev/null | grep -q "${COSMWASM_CHECK_VERSION%.*}"; then
    say "installing cosmwasm-check@$COSMWASM_CHECK_VERSION into $TOOLS/cosmwasm-check (~5 min once)"
    cargo install --locked --quiet "cosmwasm-check@$COSMWASM_CHECK_VERSION" --root "$TOOLS/cosmwasm-check"
  fi
}

# Writes schema/<contract>/ with cosmwasm-schema's write_api! (via each contract's schema bin).
generate_schema() {
  local out=$1 tmp
  for c in "${CONTRACTS[@]}"; do
    tmp=$(mktemp -d)
    (cd "$tmp" && cargo run --quiet --manifest-path "$ROOT/Cargo.toml" -p "$c" --bin "$c-schema" >/dev/null)
    rm -rf "${out:?}/$c"
    mkdir -p "$out"
    mv "$tmp/schema" "$out/$c"
    rm -rf "$tmp"
  done
}

# What the real-node driver needs (scripts/e2e.sh, scripts/app.sh): the contract artifacts when
# missing, the cw20-base reference wasm, the deploy-plan and chain-e2e binaries.
build_e2e_inputs() {
  local c
  for c in "${CONTRACTS[@]}"; do
    [ -f "$ROOT/artifacts/${c//-/_}.wasm" ] || { "$ROOT/scripts/build.sh"; break; }
  done
  say "gas-report reference: cw20-base (crates.io) as a contract; the floor (gas-floor: an execute that does nothing)"
  # At opt-level 3, as cw-plus builds it, whatever [profile.release] says for our contracts.
  # Neither is a deliverable: no schema, no TS client, not in artifacts/ (target/e2e/ only).
  ensure_wasm_target
  ensure_binaryen
  mkdir -p "$ROOT/target/e2e"
  (cd "$ROOT" && CARGO_TARGET_DIR="$ROOT/target/wasm" RUSTFLAGS="-C link-arg=-s" \
    cargo build --locked --release --quiet --lib --target wasm32-unknown-unknown --config 'profile.release.opt-level=3' -p cw20-ref -p gas-floor)
  for c in cw20_ref gas_floor; do
    "$WASM_OPT" "${WASM_OPT_FLAGS[@]}" "$ROOT/target/wasm/wasm32-unknown-unknown/release/$c.wasm" -o "$ROOT/target/e2e/$c.wasm"
  done
  (cd "$ROOT" && cargo build --locked --quiet -p deploy-plan -p chain-e2e)
}

# `npm ci` in each given directory (relative to the clone) that has no node_modules yet or
# whose package-lock.json is newer than it (from the npm cache when warm).
npm_ci_if_stale() {
  local dir
  for dir in "$@"; do
    if [ ! -d "$ROOT/$dir/node_modules" ] || [ "$ROOT/$dir/package-lock.json" -nt "$ROOT/$dir/node_modules" ]; then
      say "npm ci in $dir"
      (cd "$ROOT/$dir" && npm ci --silent --no-audit --no-fund)
    fi
  done
}

# `chain-e2e serve-scenario` in the background (scripts/app.sh, wallet.sh, demo.sh): a fresh
# chain in $CHAIN_HOME (default target/<name>-chain; the caller may set it), deployed by
# governance and seeded. Sets SCENARIO_PID (the driver; the node follows it when it dies:
# PR_SET_PDEATHSIG), SCENARIO_INFO ($CHAIN_HOME.json: addresses, endpoints, test keys) and
# SCENARIO_LOG, and returns once the JSON is written; fails with the end of the log if the
# driver exits first or after 900 s. The caller traps stop_scenario_node.
start_scenario_node() {
  export CHAIN_HOME=${CHAIN_HOME:-$ROOT/target/$1-chain}
  SCENARIO_INFO="$CHAIN_HOME.json"
  SCENARIO_LOG="$CHAIN_HOME.log"
  rm -f "$SCENARIO_INFO"
  mkdir -p "$(dirname "$CHAIN_HOME")"
  say "chain-e2e serve-scenario (log $SCENARIO_LOG)"
  "$ROOT/target/debug/chain-e2e" serve-scenario "$SCENARIO_INFO" >"$SCENARIO_LOG" 2>&1 &
  SCENARIO_PID=$!
  local waited=0
  until [ -f "$SCENARIO_INFO" ]; do
    if ! kill -0 "$SCENARIO_PID" 2>/dev/null; then
      tail -40 "$SCENARIO_LOG" >&2
      echo "chain-e2e serve-scenario exited before serving (log $SCENARIO_LOG)" >&2
      return 1
    fi
    if [ "$waited" -ge 900 ]; then
      tail -20 "$SCENARIO_LOG" >&2
      echo "chain-e2e serve-scenario: no $SCENARIO_INFO after 900 s" >&2
      return 1
    fi
    sleep 2
    waited=$((waited + 2))
  done
  grep -E '^\[e2e' "$SCENARIO_LOG" | tail -3
}

# Stops the driver started by start_scenario_node (by its pid) and waits for it; the node gets
# SIGTERM as the driver dies, and this waits (at most 20 s) until the node's pid is gone too.
stop_scenario_node() {
  local node_pid=""
  [ -n "${CHAIN_HOME:-}" ] && [ -f "$CHAIN_HOME/node.pid" ] && node_pid=$(cat "$CHAIN_HOME/node.pid")
  if [ -n "${SCENARIO_PID:-}" ] && kill -0 "$SCENARIO_PID" 2>/dev/null; then
    kill "$SCENARIO_PID" 2>/dev/null || true
    wait "$SCENARIO_PID" 2>/dev/null || true
  fi
  if [ -n "$node_pid" ]; then
    local i
    for i in $(seq 1 40); do
      kill -0 "$node_pid" 2>/dev/null || return 0
      sleep 0.5
    done
    echo "injectived (pid $node_pid) still running 20 s after its driver stopped: killing it" >&2
    kill -KILL "$node_pid" 2>/dev/null || true
  fi
}
