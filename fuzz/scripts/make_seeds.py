#!/usr/bin/env python3
"""Writes the seed inputs of the *_json targets into fuzz/corpus/<target>/seed-*.

Layout (fuzz/src/lib.rs, JsonInput): byte 0 = sender (low 4 bits) | funds (bits 5-7),
byte 1 = time step (low 3 bits) | query (bit 7), then JSON with @x account placeholders
(@o owner, @g guardian, @f feeder, @t treasury, @a alice, @b bob, @c carol, @m member1,
@n member2, @s stranger, @O oracle, @V vault, @D dao)."""
import os, sys

SENDER = dict(o=0, g=1, f=2, t=3, a=4, b=5, c=6, m=7, n=8, s=9, O=10, V=11, D=12)
# funds selectors (lib.rs funds()): 0 none, 1 one unit, 2 1 USDC, 3 50 USDC, 4 1e12, 5 1e30,
# 6 another denom, 7 two coins
def inp(sender, json, funds=0, step=0, query=False):
    return bytes([SENDER[sender] | (funds << 5), step | (0x80 if query else 0)]) + json.encode()

E = lambda s, j, **k: inp(s, j, **k)
Q = lambda j, **k: inp('s', j, query=True, **k)
BOOK = '[{"market":"BTC-PERP","notional":"1000000000"},{"market":"ETH-PERP","notional":"-500000000"}]'
TERMS = '{"member":"@c","coverage_cap":"1000000","premium_rate_bps":100,"grace_secs":86400}'

SEEDS = {
    "oracle_json": [
        E('f', '{"set_prices":{"prices":[{"market":"BTC-PERP","price":"60100"},{"market":"ETH-PERP","price":"3010"}]}}', step=2),
        E('o', '{"upsert_market":{"id":"SOL-PERP","price":"150","volatility":"0.9"}}'),
        E('o', '{"set_volatility":{"market":"BTC-PERP","volatility":"0.7"}}'),
        E('o', '{"remove_market":{"id":"ETH-PERP"}}'),
        E('o', '{"set_correlations":{"pairs":[{"a":"BTC-PERP","b":"ETH-PERP","rho":"-0.3"}]}}'),
        E('o', '{"set_stress_scenarios":{"scenarios":[{"name":"up","shocks":[{"market":"ETH-PERP","shock":"0.5"}]}]}}'),
        E('o', '{"set_feeders":{"feeders":["@f","@a"]}}'),
        E('o', '{"update_config":{"method":{"monte_carlo":{"paths":100,"seed":7}},"confidence_bps":9500}}'),
        E('o', '{"update_config":{"method":"historical","history_len":100,"ewma_lambda":"0.94"}}'),
        E('o', '{"transfer_ownership":{"owner":"@a"}}'),
        Q('{"assess":{"exposures":%s}}' % BOOK),
        Q('{"requirement":{"exposures":%s}}' % BOOK),
        Q('{"claim_limit":{"exposures":%s}}' % BOOK),
        Q('{"pool_requirement":{"members":[{"member":"@m","stress_loss":"100","contribution":"10","coverage_left":"50"}]}}'),
        Q('{"config":{}}'),
        Q('{"market":{"id":"BTC-PERP"}}'),
        Q('{"markets":{"start_after":null,"limit":5}}'),
        Q('{"correlation":{"a":"BTC-PERP","b":"ETH-PERP"}}'),
    ],
    "vault_json": [
        E('a', '{"deposit":{"recipient":null}}', funds=2),
        E('c', '{"deposit":{"recipient":"@a"}}', funds=3),
        E('b', '{"request_withdraw":{"shares":"1000000"}}'),
        E('b', '{"withdraw":{}}', step=5),
        E('b', '{"cancel_withdraw":{"id":0}}'),
        E('m', '{"member_deposit":{}}', funds=3),
        E('m', '{"member_withdraw":{"amount":"1000000"}}'),
        E('m', '{"report_exposure":{"exposures":[{"market":"BTC-PERP","notional":"9000000"}]}}'),
        E('n', '{"report_exposure":{"exposures":[{"market":"ETH-PERP","notional":"1000"}]}}'),
        E('m', '{"claim_loss":{"amount":"1000000","recipient":"@m","memo":"x"}}'),
        E('a', '{"pay_premium":{"member":"@m"}}', funds=2),
        E('s', '{"refresh_member":{"member":"@n"}}'),
        E('s', '{"settle_shortfall":{"claim_id":1}}'),
        E('m', '{"return_recovery":{"claim_id":1}}', funds=2),
        E('s', '{"sweep_surplus":{}}'),
        E('o', '{"register_member":%s}' % TERMS),
        E('o', '{"update_member":%s}' % TERMS.replace('@c', '@m')),
        E('o', '{"remove_member":{"member":"@n"}}'),
        E('o', '{"approve_claim":{"id":1}}'),
        E('o', '{"reject_claim":{"id":1,"reason":"no"}}'),
        E('o', '{"update_config":{"guardian":"","loss_cap_bps":10,"max_capital_multiple":"2"}}'),
        E('o', '{"transfer_ownership":{"owner":"@D"}}'),
        E('g', '{"pause":{}}'),
        E('o', '{"unpause":{}}'),
        E('a', '{"receive":{"sender":"@a","amount":"5","msg":"eyJkZXBvc2l0Ijp7fX0="}}'),
        Q('{"config":{}}'), Q('{"state":{}}'), Q('{"underwriter":{"address":"@b"}}'),
        Q('{"member":{"address":"@m"}}'), Q('{"members":{"start_after":null,"limit":3}}'),
        Q('{"claim":{"id":1}}'), Q('{"claims":{"start_after":null,"limit":3}}'),
        Q('{"capacity":{"member":"@m"}}'), Q('{"preview_deposit":{"amount":"1000"}}'),
        Q('{"preview_redeem":{"shares":"1000000"}}'), Q('{"coverage_report":{}}'),
        Q('{"voting_power_at_height":{"address":"@a","height":12345}}'),
        Q('{"total_power_at_height":{"height":null}}'),
    ],
    "dao_json": [
        E('a', '{"propose":{"title":"t","description":"d","msgs":[{"wasm":{"execute":{"contract_addr":"@V","msg":"eyJ1bnBhdXNlIjp7fX0=","funds":[]}}}]}}'),
        E('b', '{"propose":{"title":"cfg","description":"","msgs":[{"wasm":{"execute":{"contract_addr":"@D","msg":"eyJ1cGRhdGVfY29uZmlnIjp7InF1b3J1bV9icHMiOjEwMH19","funds":[]}}}]}}'),
        E('a', '{"vote":{"proposal_id":2,"vote":"yes"}}'),
        E('b', '{"vote":{"proposal_id":1,"vote":"no"}}'),
        E('c', '{"vote":{"proposal_id":1,"vote":"abstain"}}'),
        E('s', '{"execute":{"proposal_id":1}}', step=5),
        E('g', '{"veto":{"proposal_id":1}}', step=4),
        E('s', '{"close":{"proposal_id":2}}', step=7),
        E('D', '{"update_config":{"guardian":"","threshold_bps":6000}}'),
        E('D', '{"execute_batch":{"proposal_id":1}}'),
        Q('{"config":{}}'), Q('{"proposal":{"proposal_id":1}}'),
        Q('{"proposals":{"start_after":null,"limit":5}}'),
        Q('{"vote":{"proposal_id":1,"voter":"@a"}}'),
        Q('{"votes":{"proposal_id":1,"start_after":null,"limit":5}}'),
    ],
}

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus")
for target, seeds in SEEDS.items():
    if len(sys.argv) > 1 and target not in sys.argv[1:]:
        continue
    d = os.path.join(root, target)
    os.makedirs(d, exist_ok=True)
    for i, s in enumerate(seeds):
        with open(os.path.join(d, "seed-%02d" % i), "wb") as f:
            f.write(s)

# libFuzzer dictionaries: every property and enum name of the contract's execute/query schema,
# the @x placeholders, and boundary numbers.
import json, re
SCHEMA = {"oracle_json": "risk-oracle", "vault_json": "pool-vault", "dao_json": "dao-governance"}
def names(node, out):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "properties" and isinstance(v, dict):
                out.update(v.keys())
            if k in ("enum", "required") and isinstance(v, list):
                out.update(x for x in v if isinstance(x, str))
            names(v, out)
    elif isinstance(node, list):
        for v in node:
            names(v, out)
schema_root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "schema")
dict_root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus")
for target, contract in SCHEMA.items():
    toks = set()
    for f in ("execute.json", "query.json"):
        p = os.path.join(schema_root, contract, "raw", f)
        if os.path.exists(p):
            names(json.load(open(p)), toks)
    words = ['"%s"' % t for t in sorted(toks)]
    words += ['"@%s"' % c for c in SENDER]
    words += ['"0"', '"1"', '"-1"', '"0.000000000000000001"', '"1.0"', '"-1.0"',
              '"340282366920938463463374607431768211455"',      # u128::MAX
              '"170141183460469231731687303715884105727"',      # i128::MAX
              '"-170141183460469231731687303715884105728"',     # i128::MIN
              '"340282366920938463463.374607431768211455"',     # Decimal::MAX
              '"-170141183460469231731.687303715884105728"',    # SignedDecimal::MIN
              '18446744073709551615', '4294967295', 'null', 'true', 'false', '{}', '[]',
              '"BTC-PERP"', '"ETH-PERP"', '"uusdc"']
    with open(os.path.join(dict_root, target + ".dict"), "w") as f:
        for i, w in enumerate(words):
            f.write('w%d=%s\n' % (i, json.dumps(w)))
