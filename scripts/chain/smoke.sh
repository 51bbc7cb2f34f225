#!/usr/bin/env bash
# End-to-end smoke test on a real injectived node (scripts/chain/node.sh): a fresh chain with
# governance-only code upload; risk-oracle stored by a gov proposal (MsgStoreCode), a direct
# upload by a normal account rejected, the code instantiated by a gov proposal
# (MsgInstantiateContract2), queried and executed, then pinned by a gov proposal (MsgPinCodes).
# Results (gas, addresses, the instantiate2 inputs, timings) in .chain/smoke-result.json.
# The node is stopped at the end whatever happens.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/node.sh"
ROOT=$CHAIN_REPO
WASM=$ROOT/artifacts/risk_oracle.wasm
SALT=${SMOKE_SALT:-p2p-risk-oracle-1}

T_ALL=$SECONDS
T_STEP=$SECONDS
TIMES_JSON=
step_done() {
  TIMES_JSON+="\"$1\": $((SECONDS - T_STEP)), "
  printf '   (%s: %ss)\n' "$1" "$((SECONDS - T_STEP))" >&2
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
# A snapshot: scripts/build.sh (run by someone else meanwhile) rewrites artifacts/.
mkdir -p "$CHAIN_HOME/smoke"
cp "$WASM" "$CHAIN_HOME/smoke/risk_oracle.wasm"
WASM=$CHAIN_HOME/smoke/risk_oracle.wasm

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
CODE_ID=$(gov_event_attr "$STORE_ID" store_code code_id)
[ "$CODE_ID" = "$(wasm_last_code_id)" ] || fail "store_code event code_id $CODE_ID != the last code"
CHECKSUM=$(q wasm code-info "$CODE_ID" | _json 'd.get("checksum") or d["data_hash"]' | tr 'A-F' 'a-f')
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
echo "   rejected by the simulation: $DIRECT_ERR" >&2
# The same, past the simulation: broadcast with a fixed gas limit, the chain itself rejects it.
if OUT=$(tx wasm store "$WASM" --from deployer --gas 3000000 2>/dev/null); then
  fail "direct upload (broadcast) was accepted: $OUT"
fi
DIRECT_CODE=$(printf '%s' "$OUT" | _json 'd.get("code")' 2>/dev/null || echo "?")
DIRECT_LOG=$(printf '%s' "$OUT" | _json 'd.get("raw_log")' 2>/dev/null || printf '%s' "$OUT")
printf '%s' "$DIRECT_LOG" | grep -q unauthorized || fail "broadcast direct upload failed, but not as unauthorized: $OUT"
echo "   rejected in the block: code $DIRECT_CODE: $DIRECT_LOG" >&2
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
CONTRACT=$(gov_event_attr "$INST_ID" instantiate _contract_address)
[ "$CONTRACT" = "$(q wasm list-contract-by-code "$CODE_ID" | _json 'd["contracts"][-1]')" ] ||
  fail "instantiate event address $CONTRACT is not the contract of code $CODE_ID"
PREDICTED=$(inj query wasm build-address "$CHECKSUM" "$GOV" "$SALT_HEX" | sed -n 's/^address: //p')
echo "   contract $CONTRACT (build-address: $PREDICTED)" >&2
[ "$CONTRACT" = "$PREDICTED" ] || fail "instantiate2 address $CONTRACT != build-address $PREDICTED"
# What cosmwasm-std's instantiate2_address(checksum, canonical creator, salt) computes: the
# 32-byte sha256(sha256("module") || "wasm\0" || len64|checksum || len64|creator || len64|salt
# || len64|msg), msg empty as fix_msg is false. Injective's wasmd keeps its first 20 bytes.
FULL_HEX=$(python3 - "$CHECKSUM" "$(addr_hex "$GOV")" "$SALT_HEX" <<'PY'
import hashlib, sys
cs, cr, salt = (bytes.fromhex(x) for x in sys.argv[1:])
lp = lambda b: len(b).to_bytes(8, "big") + b
key = b"wasm\0" + lp(cs) + lp(cr) + lp(salt) + lp(b"")
print(hashlib.sha256(hashlib.sha256(b"module").digest() + key).hexdigest())
PY
)
CONTRACT_HEX=$(addr_hex "$CONTRACT")
echo "   instantiate2 hash $FULL_HEX; the contract's address bytes $CONTRACT_HEX (${#CONTRACT_HEX} hex digits)" >&2
[ "$CONTRACT_HEX" = "${FULL_HEX:0:${#CONTRACT_HEX}}" ] || fail "contract bytes $CONTRACT_HEX are not a prefix of $FULL_HEX"
q wasm contract "$CONTRACT" >&2
step_done instantiate_proposal

say "query {\"config\":{}}"
CONFIG=$(q wasm contract-state smart "$CONTRACT" '{"config":{}}')
printf '%s\n' "$CONFIG" >&2
OWNER=$(printf '%s' "$CONFIG" | _json 'd["data"]["owner"]')
[ "$OWNER" = "$DEPLOYER" ] || fail "config owner $OWNER != deployer $DEPLOYER"
step_done query_config

say "execute: feeder set_prices, owner upsert_market (code not pinned yet)"
SET_PRICES=$(tx wasm execute "$CONTRACT" '{"set_prices":{"prices":[{"market":"BTC-PERP","price":"60500"}]}}' --from feeder)
SET_PRICES_GAS=$(printf '%s' "$SET_PRICES" | _json 'd["gas_used"]')
UPSERT='{"upsert_market":{"id":"BTC-PERP","price":"61000","volatility":"0.66"}}'
UPSERT_GAS_UNPINNED=$(tx wasm execute "$CONTRACT" "$UPSERT" --from deployer | _json 'd["gas_used"]')
echo "   gas_used: set_prices $SET_PRICES_GAS, upsert_market $UPSERT_GAS_UNPINNED" >&2
ASSESS=$(q wasm contract-state smart "$CONTRACT" '{"assess":{"exposures":[{"market":"BTC-PERP","notional":"1000000"}]}}')
echo "   assess: $ASSESS" >&2
step_done execute

say "pin code $CODE_ID by gov proposal (MsgPinCodes)"
gov_proposal_json "$TMP/pin.json" "pin risk-oracle" \
  "{\"@type\": \"/cosmwasm.wasm.v1.MsgPinCodes\", \"authority\": \"$GOV\", \"code_ids\": [\"$CODE_ID\"]}"
PIN_ID=$(gov_submit_and_pass "$TMP/pin.json")
PIN_GAS=$(_json 'd["gas_used"]' <"$CHAIN_HOME/gov/$PIN_ID-submit.json")
PINNED=$(q wasm pinned | _json '[str(c) for c in d["code_ids"]]')
printf '%s' "$PINNED" | grep -q "\"$CODE_ID\"" || fail "code $CODE_ID not pinned: $PINNED"
echo "   pinned: $PINNED" >&2
UPSERT_GAS_PINNED=$(tx wasm execute "$CONTRACT" "$UPSERT" --from deployer | _json 'd["gas_used"]')
echo "   upsert_market gas_used once pinned: $UPSERT_GAS_PINNED (unpinned $UPSERT_GAS_UNPINNED)" >&2
step_done pin_proposal

TOTAL=$((SECONDS - T_ALL))
export CHAIN_ID INJECTIVE_VERSION MAX_GAS GOV CODE_ID CHECKSUM STORE_ID STORE_GAS STORE_WANTED \
  DIRECT_ERR DIRECT_CODE DIRECT_LOG INST_ID INST_GAS SALT SALT_HEX SALT_B64 CONTRACT CONTRACT_HEX \
  FULL_HEX PREDICTED PIN_ID PIN_GAS TOTAL TIMES_JSON WASM DEPLOYER SET_PRICES_GAS \
  UPSERT_GAS_UNPINNED UPSERT_GAS_PINNED
GOV_HEX=$(addr_hex "$GOV") TX_MAX_GAS=$(q txfees params | _json 'd["params"]["max_gas_wanted_per_tx"]') \
  python3 - "$CHAIN_HOME/smoke-result.json" <<'EOF'
import json, os, sys
e = os.environ
r = {
  "chain_id": e["CHAIN_ID"], "injectived": e["INJECTIVE_VERSION"],
  "block_max_gas": int(e["MAX_GAS"]), "txfees_max_gas_wanted_per_tx": int(e["TX_MAX_GAS"]),
  "gov_module_address": e["GOV"], "gov_module_address_hex": e["GOV_HEX"],
  "code_id": int(e["CODE_ID"]), "checksum": e["CHECKSUM"],
  "store_proposal": {"id": int(e["STORE_ID"]), "submit_gas_used": int(e["STORE_GAS"]),
                     "submit_gas_wanted": int(e["STORE_WANTED"]),
                     "wasm": os.path.basename(e["WASM"]), "wasm_bytes": os.path.getsize(e["WASM"])},
  "direct_store": {"simulation_error": e["DIRECT_ERR"], "block_code": e["DIRECT_CODE"],
                   "block_raw_log": e["DIRECT_LOG"]},
  "instantiate2": {"proposal_id": int(e["INST_ID"]), "submit_gas_used": int(e["INST_GAS"]),
                   "creator": e["GOV"], "creator_hex": e["GOV_HEX"], "checksum": e["CHECKSUM"],
                   "salt": e["SALT"], "salt_hex": e["SALT_HEX"], "salt_b64": e["SALT_B64"],
                   "fix_msg": False, "admin": e["GOV"], "owner": e["DEPLOYER"],
                   "contract": e["CONTRACT"], "contract_hex": e["CONTRACT_HEX"],
                   "build_address": e["PREDICTED"], "instantiate2_hash_hex": e["FULL_HEX"],
                   "contract_bytes_are_hash_prefix": len(e["CONTRACT_HEX"]) // 2},
  "pin_proposal": {"id": int(e["PIN_ID"]), "submit_gas_used": int(e["PIN_GAS"])},
  "execute_gas_used": {"set_prices": int(e["SET_PRICES_GAS"]),
                       "upsert_market_unpinned": int(e["UPSERT_GAS_UNPINNED"]),
                       "upsert_market_pinned": int(e["UPSERT_GAS_PINNED"])},
  "seconds": json.loads("{" + e["TIMES_JSON"] + '"total": ' + e["TOTAL"] + "}"),
}
json.dump(r, open(sys.argv[1], "w"), indent=1)
print(json.dumps(r, indent=1))
EOF

say "smoke passed in ${TOTAL}s (result in $CHAIN_HOME/smoke-result.json)"
