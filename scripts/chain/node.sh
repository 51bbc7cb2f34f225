# A local single-validator Injective chain (injectived from the PyPI package injective-core) for
# end-to-end tests of the contracts. Sourced, not run:
#
#   source scripts/chain/node.sh
#   chain_install; chain_init; chain_start; trap chain_cleanup EXIT
#   tx bank send deployer "$(addr alice)" 1uusdc --from deployer
#   q bank balances "$(addr alice)"
#   id=$(gov_submit_and_pass proposal.json)
#
# Works under `set -euo pipefail`. Progress goes to stderr; functions print only their result on
# stdout. See NOTES.md beside this file for the invocations, the pitfalls and the timings.
#
# Settings (environment, all optional; set them before sourcing): P2P_CACHE, CHAIN_HOME, CHAIN_ID, CHAIN_PORT_BASE,
# CHAIN_GAS_PRICES, CHAIN_TIMEOUT_COMMIT, CHAIN_VOTING_PERIOD, CHAIN_EXPEDITED_VOTING_PERIOD,
# CHAIN_BLOCK_MAX_GAS, CHAIN_TX_MAX_GAS, CHAIN_GAS_ADJUSTMENT, CHAIN_SETTLE_DENOM,
# CHAIN_START_TIMEOUT.

CHAIN_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
P2P_CACHE=${P2P_CACHE:-$HOME/.cache/p2p-risk-pool}
INJECTIVE_VERSION=1.20.1
CHAIN_TOOLS=${CHAIN_TOOLS:-$P2P_CACHE/tools/injective}
# A small sh wrapper around the wheel's binary that sets LD_LIBRARY_PATH for libwasmvm; exported
# so that other programs (a Rust or JS test harness) can run it too.
INJECTIVED=$CHAIN_TOOLS/injectived
CHAIN_HOME=${CHAIN_HOME:-$CHAIN_REPO/.chain}
CHAIN_ID=${CHAIN_ID:-p2p-local-1}
# Every listener is on 127.0.0.1 at CHAIN_PORT_BASE + the usual last three digits.
CHAIN_PORT_BASE=${CHAIN_PORT_BASE:-36000}
CHAIN_RPC_PORT=$((CHAIN_PORT_BASE + 657))
CHAIN_P2P_PORT=$((CHAIN_PORT_BASE + 656))
CHAIN_ABCI_PORT=$((CHAIN_PORT_BASE + 658))
CHAIN_GRPC_PORT=$((CHAIN_PORT_BASE + 90))
CHAIN_API_PORT=$((CHAIN_PORT_BASE + 317))
CHAIN_PPROF_PORT=$((CHAIN_PORT_BASE + 60))
CHAIN_PROM_PORT=$((CHAIN_PORT_BASE + 660))
CHAIN_EVM_RPC_PORT=$((CHAIN_PORT_BASE + 545))
CHAIN_EVM_WS_PORT=$((CHAIN_PORT_BASE + 546))
CHAIN_EVM_METRICS_PORT=$((CHAIN_PORT_BASE + 65))
CHAIN_EVM_DEBUG_PORT=$((CHAIN_PORT_BASE + 547))
CHAIN_NODE=tcp://127.0.0.1:$CHAIN_RPC_PORT
CHAIN_GRPC=127.0.0.1:$CHAIN_GRPC_PORT
CHAIN_API=http://127.0.0.1:$CHAIN_API_PORT
# inj has 18 decimals. The fee market floor (txfees min_gas_price and app.toml
# minimum-gas-prices) is 160000000inj per gas unit.
CHAIN_DENOM=inj
CHAIN_SETTLE_DENOM=${CHAIN_SETTLE_DENOM:-uusdc}
CHAIN_GAS_PRICES=${CHAIN_GAS_PRICES:-160000000inj}
CHAIN_GAS_ADJUSTMENT=${CHAIN_GAS_ADJUSTMENT:-1.4}
CHAIN_TIMEOUT_COMMIT=${CHAIN_TIMEOUT_COMMIT:-500ms}
CHAIN_VOTING_PERIOD=${CHAIN_VOTING_PERIOD:-10s}
CHAIN_EXPEDITED_VOTING_PERIOD=${CHAIN_EXPEDITED_VOTING_PERIOD:-5s}
# Gas limits. A gov proposal carrying a wasm costs ~195 gas per byte of the gzipped wasm at
# submission (gov charges 3 x 30 gas per byte of the proposal, plus the store write and the tx
# size): risk_oracle (160 KB gzipped) 31.2M, pool_vault 36.9M, dao_governance 28.1M. The genesis
# defaults of injectived init are lower: block max_gas 10,000,000 (consensus params) and the
# txfees module's per-tx cap max_gas_wanted_per_tx 30,000,000. Raised here so that the gov
# store path works; set either to the empty string to keep the injectived default.
CHAIN_BLOCK_MAX_GAS=${CHAIN_BLOCK_MAX_GAS-120000000}
CHAIN_TX_MAX_GAS=${CHAIN_TX_MAX_GAS-60000000}
CHAIN_START_TIMEOUT=${CHAIN_START_TIMEOUT:-90}
CHAIN_MIN_DEPOSIT=1000000000000000000inj            # 1 INJ
CHAIN_EXPEDITED_MIN_DEPOSIT=5000000000000000000inj  # 5 INJ
CHAIN_VALIDATOR_STAKE=1000000000000000000000inj     # 1,000 INJ
CHAIN_ACCOUNT_COINS="1000000000000000000000000inj,1000000000000000${CHAIN_SETTLE_DENOM}" # 1M INJ, 1G USDC
CHAIN_ACCOUNTS=(validator deployer alice bob carol dex-owner feeder treasury guardian)
CHAIN_PIDFILE=$CHAIN_HOME/node.pid
CHAIN_LOG=$CHAIN_HOME/node.log

_chain_say() { printf '[chain %s] %s\n' "$(date +%T)" "$*" >&2; }

# python3 is on every machine of this kind; jq may not be. `_json EXPR` evaluates EXPR with
# the JSON document on stdin bound to d and prints the result (dicts/lists as JSON).
_json() {
  python3 -c '
import json, sys
try:
    d = json.load(sys.stdin)
except ValueError as e:
    sys.exit(f"_json: not JSON ({e})")
r = eval(sys.argv[1])
if r is None: sys.exit(1)
print(json.dumps(r) if isinstance(r, (dict, list, bool)) else r)' "$1"
}

# The value of attribute $3 of the first event of type $2 in tx JSON $1 (events of the tx, then
# of its logs for older formats).
tx_event_attr() {
  printf '%s' "$1" | python3 -c '
import json, sys
d, typ, key = json.load(sys.stdin), sys.argv[1], sys.argv[2]
evs = list(d.get("events") or [])
for l in d.get("logs") or []: evs += l.get("events") or []
for e in evs:
    if e.get("type") == typ:
        for a in e.get("attributes") or []:
            if a.get("key") == key: print(a.get("value")); sys.exit(0)
sys.exit(1)' "$2" "$3"
}

_chain_inj_ok() {
  [ -x "$INJECTIVED" ] && "$INJECTIVED" version 2>&1 | grep -q "^Version v$INJECTIVE_VERSION"
}

# Installs injective-core==$INJECTIVE_VERSION from PyPI into $CHAIN_TOOLS (once), unpacks the
# binary it ships (bin/injectived.tar.zst: injectived-linux-x64 + libwasmvm.x86_64.so), writes
# the $INJECTIVED wrapper and exports INJECTIVED.
chain_install() {
  if ! _chain_inj_ok; then
    local tmp=$CHAIN_TOOLS.tmp.$$
    _chain_say "installing injective-core==$INJECTIVE_VERSION (PyPI) into $CHAIN_TOOLS"
    rm -rf "$tmp"
    mkdir -p "$(dirname "$CHAIN_TOOLS")"
    python3 -m pip install --quiet --disable-pip-version-check --no-warn-script-location \
      --root-user-action=ignore \
      --target "$tmp" "injective-core==$INJECTIVE_VERSION" >&2
    # The wheel unpacks its payload into the package's bin/ on first use.
    local bin
    bin=$(PYTHONPATH=$tmp python3 -c 'import injective_core as c; print(c.get_binary_path())')
    bin=$(dirname "$bin")
    bin=${bin/#$tmp/$CHAIN_TOOLS}
    cat >"$tmp/injectived" <<EOF
#!/bin/sh
# injectived $INJECTIVE_VERSION from PyPI injective-core; libwasmvm lies beside the binary.
LD_LIBRARY_PATH="$bin\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}" exec "$bin/injectived" "\$@"
EOF
    chmod +x "$tmp/injectived"
    rm -rf "$CHAIN_TOOLS"
    mv "$tmp" "$CHAIN_TOOLS"
    _chain_inj_ok || { _chain_say "injectived does not run: $("$INJECTIVED" version 2>&1)"; return 1; }
  fi
  export INJECTIVED
}

# injectived with this chain's home (the keyring lives there too).
inj() { "$INJECTIVED" --home "$CHAIN_HOME" "$@"; }

# Sets keys in a TOML file: _toml_set FILE SECTION.KEY=VALUE... (VALUE as written in TOML; a
# key without a section is top level). Fails if a key is not found.
_toml_set() {
  python3 - "$@" <<'EOF'
import re, sys
path, sets = sys.argv[1], sys.argv[2:]
lines = open(path).read().split("\n")
for s in sets:
    k, v = s.split("=", 1)
    sec, _, key = k.rpartition(".")
    cur, done = "", False
    for i, line in enumerate(lines):
        m = re.match(r"^\s*\[([^\]]+)\]\s*$", line)
        if m:
            cur = m.group(1).strip()
            continue
        if cur == sec and re.match(r"^\s*" + re.escape(key) + r"\s*=", line):
            lines[i] = f"{key} = {v}"
            done = True
            break
    if not done:
        sys.exit(f"{path}: no key {k}")
open(path, "w").write("\n".join(lines))
EOF
}

_chain_running() {
  local pid
  [ -f "$CHAIN_PIDFILE" ] || return 1
  pid=$(cat "$CHAIN_PIDFILE")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null &&
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "injectived start --home $CHAIN_HOME "
}

# A fresh chain in $CHAIN_HOME: keys (keyring test) and genesis accounts for every name in
# CHAIN_ACCOUNTS, one validator, governance-only code upload, short gov periods, fast blocks,
# non-default ports on 127.0.0.1. Writes $CHAIN_HOME/accounts.json (name, address, mnemonic).
chain_init() {
  chain_install
  if _chain_running; then chain_stop; fi
  _chain_say "init $CHAIN_ID in $CHAIN_HOME"
  case $CHAIN_HOME in
    ''|/|"$HOME"|"$CHAIN_REPO") _chain_say "refusing to wipe CHAIN_HOME=$CHAIN_HOME"; return 1 ;;
  esac
  rm -rf "$CHAIN_HOME"
  mkdir -p "$CHAIN_HOME"
  inj init p2p-validator --chain-id "$CHAIN_ID" >/dev/null 2>&1
  # Defaults for a plain `injectived --home $CHAIN_HOME ...` (the genesis commands need chain-id).
  _toml_set "$CHAIN_HOME/config/client.toml" \
    "chain-id=\"$CHAIN_ID\"" "keyring-backend=\"test\"" "node=\"$CHAIN_NODE\""
  local name
  printf '[' >"$CHAIN_HOME/accounts.json"
  for name in "${CHAIN_ACCOUNTS[@]}"; do
    # eth_secp256k1 (the default --key-type of injectived), coin type 60.
    local k
    k=$(inj keys add "$name" --keyring-backend test --output json 2>/dev/null)
    [ "$name" = "${CHAIN_ACCOUNTS[0]}" ] || printf ',' >>"$CHAIN_HOME/accounts.json"
    printf '%s' "$k" | python3 -c '
import json, sys
k = json.load(sys.stdin)
json.dump({"name": k["name"], "address": k["address"], "mnemonic": k["mnemonic"]}, sys.stdout)' \
      >>"$CHAIN_HOME/accounts.json"
    inj genesis add-genesis-account "$name" "$CHAIN_ACCOUNT_COINS" --keyring-backend test \
      --chain-id "$CHAIN_ID" >/dev/null
  done
  printf ']\n' >>"$CHAIN_HOME/accounts.json"

  local g=$CHAIN_HOME/config/genesis.json
  python3 - "$g" <<EOF
import json, sys
path = sys.argv[1]
g = json.load(open(path))
a = g["app_state"]
den = "$CHAIN_DENOM"
a["staking"]["params"]["bond_denom"] = den
a["mint"]["params"]["mint_denom"] = den
if "crisis" in a: a["crisis"]["constant_fee"]["denom"] = den
gp = a["gov"]["params"]
def coins(s):
    amt = s.rstrip("abcdefghijklmnopqrstuvwxyz/")
    return [{"denom": s[len(amt):], "amount": amt}]
gp["min_deposit"] = coins("$CHAIN_MIN_DEPOSIT")
gp["expedited_min_deposit"] = coins("$CHAIN_EXPEDITED_MIN_DEPOSIT")
gp["max_deposit_period"] = "600s"
gp["voting_period"] = "$CHAIN_VOTING_PERIOD"
gp["expedited_voting_period"] = "$CHAIN_EXPEDITED_VOTING_PERIOD"
# Code upload only through governance (MsgStoreCode with authority = gov module), as on mainnets
# that gate uploads; instantiating an uploaded code is open unless the code says otherwise.
a["wasm"]["params"]["code_upload_access"] = {"permission": "Nobody", "addresses": []}
a["wasm"]["params"]["instantiate_default_permission"] = "Everybody"
a["bank"]["denom_metadata"].append({
    "description": "local settlement token (USDC-like, 6 decimals)",
    "denom_units": [{"denom": "$CHAIN_SETTLE_DENOM", "exponent": 0, "aliases": []},
                    {"denom": "USDC", "exponent": 6, "aliases": []}],
    "base": "$CHAIN_SETTLE_DENOM", "display": "USDC", "name": "USDC", "symbol": "USDC",
    "uri": "", "uri_hash": "", "decimals": 6})
if "$CHAIN_TX_MAX_GAS" and "txfees" in a:
    a["txfees"]["params"]["max_gas_wanted_per_tx"] = "$CHAIN_TX_MAX_GAS"
if "$CHAIN_BLOCK_MAX_GAS":
    g["consensus"]["params"]["block"]["max_gas"] = "$CHAIN_BLOCK_MAX_GAS"
json.dump(g, open(path, "w"), indent=1)
EOF
  inj genesis gentx "${CHAIN_ACCOUNTS[0]}" "$CHAIN_VALIDATOR_STAKE" --chain-id "$CHAIN_ID" \
    --keyring-backend test >/dev/null 2>&1
  inj genesis collect-gentxs >/dev/null 2>&1
  inj genesis validate >/dev/null

  local c=$CHAIN_HOME/config/config.toml a=$CHAIN_HOME/config/app.toml l=127.0.0.1
  _toml_set "$c" \
    "proxy_app=\"tcp://$l:$CHAIN_ABCI_PORT\"" \
    "rpc.laddr=\"tcp://$l:$CHAIN_RPC_PORT\"" \
    "rpc.pprof_laddr=\"$l:$CHAIN_PPROF_PORT\"" \
    "p2p.laddr=\"tcp://$l:$CHAIN_P2P_PORT\"" \
    "p2p.addr_book_strict=false" \
    "p2p.pex=false" \
    "consensus.timeout_commit=\"$CHAIN_TIMEOUT_COMMIT\"" \
    "consensus.timeout_propose=\"1s\"" \
    "instrumentation.prometheus_listen_addr=\"$l:$CHAIN_PROM_PORT\""
  _toml_set "$a" \
    "minimum-gas-prices=\"$CHAIN_GAS_PRICES\"" \
    "pruning=\"everything\"" \
    "api.address=\"tcp://$l:$CHAIN_API_PORT\"" \
    "grpc.address=\"$l:$CHAIN_GRPC_PORT\"" \
    "json-rpc.enable=false" \
    "json-rpc.address=\"$l:$CHAIN_EVM_RPC_PORT\"" \
    "json-rpc.ws-address=\"$l:$CHAIN_EVM_WS_PORT\"" \
    "json-rpc.metrics-address=\"$l:$CHAIN_EVM_METRICS_PORT\"" \
    "json-rpc-debug.address=\"$l:$CHAIN_EVM_DEBUG_PORT\""
}

# The block height the node reports, or nothing.
chain_height() {
  inj status --node "$CHAIN_NODE" 2>/dev/null | _json 'd.get("sync_info", d.get("SyncInfo", {})).get("latest_block_height")' 2>/dev/null || true
}

# Waits until the chain is at height ≥ $1 (default: the current height + 1).
chain_wait_height() {
  local want=${1:-} h t=0
  if [ -z "$want" ]; then
    h=$(chain_height)
    want=$(( ${h:-0} + 1 ))
  fi
  while h=$(chain_height); [ -z "$h" ] || [ "$h" -lt "$want" ]; do
    t=$((t + 1))
    [ "$t" -le 600 ] || { _chain_say "height $want not reached (at ${h:-?})"; return 1; }
    sleep 0.2
  done
}

# Starts the node in the background (pid in $CHAIN_PIDFILE, log in $CHAIN_LOG) and waits until
# it has produced blocks. Initializes the chain first if there is none.
chain_start() {
  chain_install
  [ -f "$CHAIN_HOME/config/genesis.json" ] || chain_init
  if _chain_running; then
    _chain_say "already running (pid $(cat "$CHAIN_PIDFILE"))"
    return 0
  fi
  local port
  for port in $CHAIN_RPC_PORT $CHAIN_P2P_PORT $CHAIN_ABCI_PORT $CHAIN_GRPC_PORT $CHAIN_API_PORT; do
    if ss -ltnH "sport = :$port" 2>/dev/null | grep -q .; then
      _chain_say "port $port is taken (another node? set CHAIN_PORT_BASE)"
      return 1
    fi
  done
  _chain_say "starting injectived (rpc $CHAIN_NODE, grpc $CHAIN_GRPC, api $CHAIN_API; log $CHAIN_LOG)"
  # The wrapper execs, so $! is injectived itself.
  "$INJECTIVED" start --home "$CHAIN_HOME" --log-level info --log-no-color \
    </dev/null >>"$CHAIN_LOG" 2>&1 &
  echo $! >"$CHAIN_PIDFILE"
  local t0=$SECONDS h
  while :; do
    h=$(chain_height)
    if [ -n "$h" ] && [ "$h" -ge 2 ]; then break; fi
    if ! kill -0 "$(cat "$CHAIN_PIDFILE")" 2>/dev/null; then
      _chain_say "injectived exited; the end of $CHAIN_LOG:"
      tail -n 30 "$CHAIN_LOG" >&2
      rm -f "$CHAIN_PIDFILE"
      return 1
    fi
    if [ $((SECONDS - t0)) -ge "$CHAIN_START_TIMEOUT" ]; then
      _chain_say "no blocks after ${CHAIN_START_TIMEOUT}s; the end of $CHAIN_LOG:"
      tail -n 30 "$CHAIN_LOG" >&2
      chain_stop
      return 1
    fi
    sleep 0.3
  done
  _chain_say "producing blocks (height $h, $((SECONDS - t0))s)"
}

# Stops the node this library started (the pid in $CHAIN_PIDFILE, checked to be injectived with
# this home), TERM then KILL after 15 s. Always returns 0.
chain_stop() {
  [ -f "$CHAIN_PIDFILE" ] || return 0
  local pid i
  pid=$(cat "$CHAIN_PIDFILE")
  if _chain_running; then
    _chain_say "stopping injectived (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 75); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$CHAIN_PIDFILE"
  return 0
}

# For `trap chain_cleanup EXIT`: stops the node and keeps the exit status.
chain_cleanup() {
  local rc=$?
  chain_stop
  return $rc
}

# Installs EXIT/INT/TERM traps that stop the node.
chain_trap() {
  trap chain_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

# The bech32 address (inj1...) of a keyring key.
addr() { inj keys show "$1" -a --keyring-backend test; }

# A query with JSON output: q bank balances inj1... ; q wasm contract-state smart ADDR '{...}'
# (--chain-id: some queries, e.g. gov proposal, fail without it: 'required flag(s) "chain-id"
# not set', client.toml notwithstanding.)
q() { inj query "$@" --node "$CHAIN_NODE" --chain-id "$CHAIN_ID" -o json; }

# Broadcasts a tx (tx bank send alice inj1... 1inj --from alice), waits until it is in a block
# and prints the tx JSON (code, gas_used, gas_wanted, events). Fails (status 1, JSON still
# printed) if CheckTx or DeliverTx returned a non-zero code; a failed simulation prints the
# CLI's error to stderr and fails.
#
# Gas: the CLI's simulation (--gas auto) leaves out the eth_secp256k1 signature check, which
# costs ~28,000 gas when the tx runs, so `--gas auto --gas-adjustment 1.4` runs small txs out of
# gas (a vote: simulated 60,731, used 89,905). Hence: simulate (--generate-only --gas auto),
# then send with gas = estimate x CHAIN_GAS_ADJUSTMENT + CHAIN_GAS_MARGIN. If that is above the
# txfees per-tx cap and the estimate is not, the cap is used. --gas N or --fees X given by the
# caller win.
CHAIN_GAS_MARGIN=${CHAIN_GAS_MARGIN:-50000}
tx() {
  local auto=1 fee=(--gas-prices "$CHAIN_GAS_PRICES") a
  for a in "$@"; do
    case $a in
      --gas|--gas=*) auto=0 ;;
      --fees|--fees=*|--gas-prices|--gas-prices=*) fee=() ;;
    esac
  done
  local base=(tx "$@" --keyring-backend test --chain-id "$CHAIN_ID" --node "$CHAIN_NODE" "${fee[@]}")
  local err out code hash t res est=0 max gas=()
  err=$(mktemp)
  if [ "$auto" = 1 ]; then
    if ! inj "${base[@]}" --gas auto --gas-adjustment 1 --generate-only >/dev/null 2>"$err"; then
      cat "$err" >&2
      rm -f "$err"
      return 1
    fi
    est=$(sed -n 's/^gas estimate: \([0-9]*\).*/\1/p' "$err" | head -n1)
    gas=(--gas "$(awk -v e="$est" -v f="$CHAIN_GAS_ADJUSTMENT" -v m="$CHAIN_GAS_MARGIN" \
      'BEGIN { printf "%d", e * f + m }')")
  fi
  if ! out=$(inj "${base[@]}" "${gas[@]}" -y -o json 2>"$err"); then
    # The txfees module rejects a gas limit above max_gas_wanted_per_tx in CheckTx.
    max=$(grep -o 'Too much gas wanted: [0-9]*, maximum is [0-9]*' "$err" | sed 's/.*maximum is //' | head -n1)
    if [ "$auto" = 1 ] && [ -n "$max" ] && [ "$((est + 30000))" -le "$max" ]; then
      _chain_say "gas ${gas[1]} is above the per-tx cap $max (estimate $est): sending with --gas $max"
      out=$(inj "${base[@]}" --gas "$max" -y -o json 2>"$err") || max=
    else
      max=
    fi
    if [ -z "$max" ]; then
      cat "$err" >&2
      printf '%s\n' "$out" >&2
      rm -f "$err"
      return 1
    fi
  fi
  rm -f "$err"
  code=$(printf '%s' "$out" | _json 'd.get("code", 0)')
  hash=$(printf '%s' "$out" | _json 'd["txhash"]')
  if [ "$code" != 0 ]; then
    printf '%s\n' "$out"
    _chain_say "CheckTx rejected $hash: $(printf '%s' "$out" | _json 'd.get("raw_log")')"
    return 1
  fi
  for t in $(seq 1 150); do
    if res=$(inj query tx "$hash" --node "$CHAIN_NODE" -o json 2>/dev/null) && [ -n "$res" ]; then
      printf '%s\n' "$res"
      code=$(printf '%s' "$res" | _json 'd.get("code", 0)')
      if [ "$code" != 0 ]; then
        _chain_say "tx $hash failed (code $code): $(printf '%s' "$res" | _json 'd.get("raw_log")')"
        return 1
      fi
      return 0
    fi
    sleep 0.2
  done
  _chain_say "tx $hash not in a block after 30 s"
  return 1
}

# The gov module account address (inj10d07y265gmmuvt4z0w9aw880jnsr700jstypyt).
gov_module_address() {
  q auth module-account gov | _json 'd["account"]["value"]["address"]'
}

# Writes a gov v1 proposal file: gov_proposal_json FILE TITLE MSG_JSON... (each MSG_JSON one
# proto-JSON message with "@type"), with the minimum deposit.
gov_proposal_json() {
  local file=$1 title=$2
  shift 2
  python3 - "$file" "$title" "$CHAIN_MIN_DEPOSIT" "$@" <<'EOF'
import json, sys
file, title, deposit, msgs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
json.dump({"messages": [json.loads(m) for m in msgs], "metadata": "", "deposit": deposit,
           "title": title, "summary": title, "expedited": False}, open(file, "w"))
EOF
}

# Submits a gov v1 proposal file from $2 (default deployer), votes yes with the validator, waits
# for the end of the voting period and checks that it PASSED (prints failed_reason otherwise).
# Prints the proposal id. Keeps the submit tx JSON in $CHAIN_HOME/gov/<id>-submit.json and the
# final proposal in $CHAIN_HOME/gov/<id>.json, the events of the block that tallied it (where its
# messages ran: see gov_exec_events) in $CHAIN_HOME/gov/<id>-events.json.
gov_submit_and_pass() {
  local file=$1 from=${2:-deployer} res id p status t0=$SECONDS
  mkdir -p "$CHAIN_HOME/gov"
  res=$(tx gov submit-proposal "$file" --from "$from") || {
    printf '%s\n' "${res:-}" >&2
    _chain_say "submit-proposal $file failed"
    return 1
  }
  id=$(tx_event_attr "$res" submit_proposal proposal_id)
  printf '%s\n' "$res" >"$CHAIN_HOME/gov/$id-submit.json"
  _chain_say "proposal $id submitted (gas_used $(printf '%s' "$res" | _json 'd["gas_used"]')); voting yes"
  tx gov vote "$id" yes --from "${CHAIN_ACCOUNTS[0]}" >/dev/null || {
    _chain_say "vote on proposal $id failed"
    return 1
  }
  while :; do
    p=$(q gov proposal "$id") || { _chain_say "query of proposal $id failed"; return 1; }
    status=$(printf '%s' "$p" | _json '(d.get("proposal") or d)["status"]')
    case $status in
      PROPOSAL_STATUS_DEPOSIT_PERIOD|PROPOSAL_STATUS_VOTING_PERIOD) ;;
      *) break ;;
    esac
    if [ $((SECONDS - t0)) -gt 180 ]; then
      _chain_say "proposal $id still $status after 180 s"
      return 1
    fi
    sleep 0.5
  done
  printf '%s\n' "$p" >"$CHAIN_HOME/gov/$id.json"
  gov_exec_events "$id" >"$CHAIN_HOME/gov/$id-events.json" || true
  if [ "$status" != PROPOSAL_STATUS_PASSED ]; then
    _chain_say "proposal $id: $status; failed_reason: $(printf '%s' "$p" | _json '(d.get("proposal") or d).get("failed_reason", "")')"
    return 1
  fi
  _chain_say "proposal $id PASSED ($((SECONDS - t0))s)"
  printf '%s\n' "$id"
}

# The events (JSON list of {type, attributes: {key: value}}) of the block in which gov proposal
# $1 was tallied (EndBlock: the messages of a passed proposal run there, so their events, e.g.
# store_code.code_id or instantiate._contract_address, are in no tx). Scans back from the latest
# block, at most $2 (default 200) blocks.
gov_exec_events() {
  python3 - "http://127.0.0.1:$CHAIN_RPC_PORT" "$1" "${2:-200}" <<'PY'
import json, sys, urllib.request
node, pid, depth = sys.argv[1], sys.argv[2], int(sys.argv[3])
get = lambda p: json.load(urllib.request.urlopen(node + p, timeout=10))["result"]
h = int(get("/status")["sync_info"]["latest_block_height"])
for height in range(h, max(h - depth, 0), -1):
    evs = get(f"/block_results?height={height}").get("finalize_block_events") or []
    evs = [{"type": e["type"], "attributes": {a["key"]: a["value"] for a in e.get("attributes") or []}}
           for e in evs]
    if any(e["type"] == "active_proposal" and e["attributes"].get("proposal_id") == pid for e in evs):
        print(json.dumps({"height": height, "events": evs}))
        sys.exit(0)
sys.exit(f"no tally of proposal {pid} in the last {depth} blocks")
PY
}

# Attribute $3 of the first event of type $2 that gov proposal $1's messages emitted (from
# $CHAIN_HOME/gov/$1-events.json, written by gov_submit_and_pass):
# gov_event_attr 1 store_code code_id; gov_event_attr 2 instantiate _contract_address
gov_event_attr() {
  python3 - "$CHAIN_HOME/gov/$1-events.json" "$2" "$3" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for e in d["events"]:
    if e["type"] == sys.argv[2] and sys.argv[3] in e["attributes"]:
        print(e["attributes"][sys.argv[3]])
        sys.exit(0)
sys.exit(f"no {sys.argv[2]}.{sys.argv[3]} in {sys.argv[1]}")
PY
}

# The id of the newest stored code.
wasm_last_code_id() {
  q wasm list-code | _json 'max(int(c["code_id"]) for c in d["code_infos"])'
}

# Writes a gov v1 proposal file with one /cosmwasm.wasm.v1.MsgStoreCode (sender = the gov module,
# the wasm gzipped as `tx wasm store` does): gov_store_proposal FILE WASM [PERMISSION_JSON]
# (default {"permission":"Everybody","addresses":[]}). The wasm is read from the file: as one
# command-line argument it would exceed Linux's 128 KiB limit.
gov_store_proposal() {
  local file=$1 wasm=$2 perm=${3:-'{"permission":"Everybody","addresses":[]}'} gov
  gov=$(gov_module_address)
  python3 - "$file" "$wasm" "$perm" "$gov" "$CHAIN_MIN_DEPOSIT" <<'PY'
import base64, gzip, json, os, sys
file, wasm, perm, gov, deposit = sys.argv[1:]
code = gzip.compress(open(wasm, "rb").read(), compresslevel=9, mtime=0)
name = os.path.basename(wasm)
msg = {"@type": "/cosmwasm.wasm.v1.MsgStoreCode", "sender": gov,
       "wasm_byte_code": base64.b64encode(code).decode(),
       "instantiate_permission": json.loads(perm)}
json.dump({"messages": [msg], "metadata": "", "deposit": deposit, "title": f"store {name}",
           "summary": f"store {name}", "expedited": False}, open(file, "w"))
PY
}

# bech32 address -> hex of its bytes (the canonical address cosmwasm-std sees).
addr_hex() {
  python3 - "$1" <<'PY'
import sys
a = sys.argv[1].lower()
CS = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
data = [CS.index(c) for c in a[a.rindex("1") + 1:]][:-6]
acc, bits, out = 0, 0, bytearray()
for v in data:
    acc, bits = (acc << 5) | v, bits + 5
    if bits >= 8:
        bits -= 8
        out.append((acc >> bits) & 0xFF)
print(out.hex())
PY
}
