#!/usr/bin/env bash
# End-to-end smoke test on a real injectived node (scripts/chain/node.sh): a fresh chain with
# governance-only code upload; risk-oracle stored by a gov proposal (MsgStoreCode), a direct
# upload by a normal account rejected, the code instantiated by a gov proposal
# (MsgInstantiateContract2) and queried, then pinned by a gov proposal (MsgPinCodes).
# Results (gas, addresses, the instantiate2 inputs, timings) in .chain/smoke-result.json.
# The node is stopped at the end whatever happens.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/node.sh"
ROOT=$CHAIN_REPO
WASM=$ROOT/artifacts/risk_oracle.wasm
SALT=${SMOKE_SALT:-p2p-risk-oracle-1}

T_ALL=$SECONDS
T_STEP=$SECONDS
declare -A TIMES=()
step_done() {
  TIMES[$1]=$((SECONDS - T_STEP))
  printf '   (%s: %ss)\n' "$1" "${TIMES[$1]}" >&2
  T_STEP=$SECONDS
}
say() { printf '\n== %s\n' "$*" >&2; }
fail() { printf '\nSMOKE FAILED: %s\n' "$*" >&2; exit 1; }

if [ ! -f "$WASM" ]; then
  say "no $WASM: running scripts/build.sh"
  "$ROOT/scripts/build.sh"
fi

say "install injectived $INJECTIVE_VERSION"
chain_install
"$INJECTIVED" version >&2
step_done install

say "init"
chain_init
step_done init

chain_trap
say "start"
chain_start
step_done start

GOV=$(gov_module_address)
DEPLOYER=$(addr deployer)
FEEDER=$(addr feeder)
MAX_GAS=$(q consensus params | _json 'd["params"]["block"]["max_gas"]')
say "gov module $GOV ($(addr_hex "$GOV")); block max_gas $MAX_GAS"
q wasm params >&2
TMP=$CHAIN_HOME/smoke
mkdir -p "$TMP"

say "store risk_oracle.wasm by gov proposal (MsgStoreCode, instantiate_permission Everybody)"
gov_store_proposal "$TMP/store.json" "$WASM"
STORE_ID=$(gov_submit_and_pass "$TMP/store.json")
STORE_TX=$(cat "$CHAIN_HOME/gov/$STORE_ID-submit.json")
STORE_GAS=$(printf '%s' "$STORE_TX" | _json 'd["gas_used"]')
STORE_WANTED=$(printf '%s' "$STORE_TX" | _json 'd["gas_wanted"]')
CODE_ID=$(wasm_last_code_id)
CHECKSUM=$(q wasm code-info "$CODE_ID" | _json 'd["checksum"]' | tr 'A-F' 'a-f')
WANT=$(sha256sum "$WASM" | cut -d' ' -f1)
[ "$CHECKSUM" = "$WANT" ] || fail "code $CODE_ID checksum $CHECKSUM != sha256 of $WASM $WANT"
echo "   code_id $CODE_ID, checksum $CHECKSUM; submit tx gas_used $STORE_GAS (gas_wanted $STORE_WANTED)" >&2
step_done store_proposal

say "a direct tx wasm store by deployer must be rejected (code_upload_access Nobody)"
if OUT=$(tx wasm store "$WASM" --from deployer 2>&1); then
  fail "direct upload was accepted: $OUT"
fi
DIRECT_ERR=$(printf '%s\n' "$OUT" | grep -m1 -iE 'unauthorized|error' || printf '%s' "$OUT" | head -n1)
printf '%s' "$DIRECT_ERR" | grep -q unauthorized || fail "direct upload failed, but not as unauthorized: $OUT"
echo "   rejected: $DIRECT_ERR" >&2
[ "$(wasm_last_code_id)" = "$CODE_ID" ] || fail "a code was stored by the direct upload"
step_done direct_store_rejected

say "instantiate by gov proposal (MsgInstantiateContract2, salt \"$SALT\", fix_msg false)"
INIT_MSG=$(cat <<EOF
{"owner": "$DEPLOYER", "feeders": ["$FEEDER"], "confidence_bps": 9900, "horizon_secs": 86400,
 "max_staleness_secs": 3600, "method": "parametric", "requirement_multiplier": "1.0",
 "min_requirement": "0", "cover_n": 2, "claim_multiple": "1.5",
 "markets": [{"id": "BTC-PERP", "price": "60000", "volatility": "0.65"}],
 "correlations": [], "stress_scenarios": []}
EOF
)
SALT_B64=$(printf '%s' "$SALT" | base64 -w0)
SALT_HEX=$(printf '%s' "$SALT" | od -An -tx1 | tr -d ' \n')
gov_proposal_json "$TMP/instantiate.json" "instantiate risk-oracle" "$(cat <<EOF
{"@type": "/cosmwasm.wasm.v1.MsgInstantiateContract2", "sender": "$GOV", "admin": "$GOV",
 "code_id": "$CODE_ID", "label": "risk-oracle", "msg": $INIT_MSG, "funds": [],
 "salt": "$SALT_B64", "fix_msg": false}
EOF
)"
INST_ID=$(gov_submit_and_pass "$TMP/instantiate.json")
INST_GAS=$(_json 'd["gas_used"]' <"$CHAIN_HOME/gov/$INST_ID-submit.json")
CONTRACT=$(q wasm list-contract-by-code "$CODE_ID" | _json 'd["contracts"][-1]')
PREDICTED=$(q wasm build-address "$CHECKSUM" "$GOV" "$SALT_HEX" | _json 'd["address"]' 2>/dev/null ||
  inj query wasm build-address "$CHECKSUM" "$GOV" "$SALT_HEX" 2>&1 | tail -n1)
echo "   contract $CONTRACT (build-address: $PREDICTED)" >&2
[ "$CONTRACT" = "$PREDICTED" ] || fail "instantiate2 address $CONTRACT != build-address $PREDICTED"
q wasm contract "$CONTRACT" >&2
step_done instantiate_proposal

say "query {\"config\":{}}"
CONFIG=$(q wasm contract-state smart "$CONTRACT" '{"config":{}}')
printf '%s\n' "$CONFIG" >&2
OWNER=$(printf '%s' "$CONFIG" | _json 'd["data"]["owner"]')
[ "$OWNER" = "$DEPLOYER" ] || fail "config owner $OWNER != deployer $DEPLOYER"
step_done query_config

say "pin code $CODE_ID by gov proposal (MsgPinCodes)"
gov_proposal_json "$TMP/pin.json" "pin risk-oracle" \
  "{\"@type\": \"/cosmwasm.wasm.v1.MsgPinCodes\", \"authority\": \"$GOV\", \"code_ids\": [\"$CODE_ID\"]}"
PIN_ID=$(gov_submit_and_pass "$TMP/pin.json")
PIN_GAS=$(_json 'd["gas_used"]' <"$CHAIN_HOME/gov/$PIN_ID-submit.json")
PINNED=$(q wasm pinned | _json '[str(c) for c in d["code_ids"]]')
printf '%s' "$PINNED" | grep -q "\"$CODE_ID\"" || fail "code $CODE_ID not pinned: $PINNED"
echo "   pinned: $PINNED" >&2
step_done pin_proposal

TOTAL=$((SECONDS - T_ALL))
TIMES_JSON=$(for k in "${!TIMES[@]}"; do printf '"%s": %s,' "$k" "${TIMES[$k]}"; done)
python3 - "$CHAIN_HOME/smoke-result.json" <<EOF
import json, sys
r = {
  "chain_id": "$CHAIN_ID", "injectived": "$INJECTIVE_VERSION",
  "block_max_gas": int("$MAX_GAS"),
  "gov_module_address": "$GOV", "gov_module_address_hex": "$(addr_hex "$GOV")",
  "code_id": int("$CODE_ID"), "checksum": "$CHECKSUM",
  "store_proposal": {"id": int("$STORE_ID"), "submit_gas_used": int("$STORE_GAS"),
                     "submit_gas_wanted": int("$STORE_WANTED"), "wasm_bytes": $(stat -c %s "$WASM")},
  "direct_store_error": json.loads('''$(printf '%s' "$DIRECT_ERR" | python3 -c 'import json,sys; print(json.dumps(sys.stdin.read()))')'''),
  "instantiate2": {"proposal_id": int("$INST_ID"), "submit_gas_used": int("$INST_GAS"),
                   "creator": "$GOV", "creator_hex": "$(addr_hex "$GOV")",
                   "checksum": "$CHECKSUM", "salt": "$SALT", "salt_hex": "$SALT_HEX",
                   "salt_b64": "$SALT_B64", "fix_msg": False,
                   "contract": "$CONTRACT", "contract_hex": "$(addr_hex "$CONTRACT")",
                   "build_address": "$PREDICTED"},
  "pin_proposal": {"id": int("$PIN_ID"), "submit_gas_used": int("$PIN_GAS")},
  "seconds": {$TIMES_JSON "total": $TOTAL},
}
json.dump(r, open(sys.argv[1], "w"), indent=1)
print(json.dumps(r, indent=1))
EOF

say "smoke passed in ${TOTAL}s (result in $CHAIN_HOME/smoke-result.json)"
