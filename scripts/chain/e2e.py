#!/usr/bin/env python3
"""End to end on a real node (injectived, wasmd 0.53 / wasmvm 2.1.5), using only the node's CLI
and JSON, plus the gas report.

Run by scripts/e2e.sh (which builds what is missing). Steps, each asserted from queries:
  deploy by governance (store x5, instantiate2 at predicted addresses, upload restricted to gov)
  -> underwriters deposit (wallet JSON) -> the DAO registers the DEX and a market maker
  -> profitable and bad-debt trades, a claim settled through the waterfall, a large claim
  pending and approved by a DAO vote -> a withdrawal after unbonding -> gas of each action,
  before and after pinning the codes by proposal -> a migration by gov proposal.
The node it starts is stopped by its pid whatever happens (trap in node.sh's chain_cleanup).

The behaviour steps assert state; the gas bench (gasbench.py) only records gas_used: the store
proposals of step 3 and the actions of measure_actions (step 10, unpinned then pinned). At the
end it writes $CHAIN_HOME/gas-report.md and gas-report.json and checks every figure against
gas-baseline.json (fails above +5 %; GAS_BASELINE_UPDATE=1 writes a new baseline instead).
"""

import base64
import json
import os
import subprocess
import sys
import time

import gasbench

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
NODE = os.path.join(HERE, "node.sh")
HOME = os.environ.get("CHAIN_HOME", os.path.join(ROOT, ".chain"))
U = "uusdc"
T0 = time.time()
LOG = []
BENCH = gasbench.Bench()


def usdc(x):
    return int(x * 1_000_000)


def say(msg):
    line = f"[e2e {time.time() - T0:6.1f}s] {msg}"
    LOG.append(line)
    print(line, flush=True)


def ok(cond, what):
    if not cond:
        raise AssertionError(what)
    say("  ok: " + what)


def sh(fn, *args, check=True):
    """Runs a node.sh function; returns its stdout."""
    p = subprocess.run(["bash", "-c", f'set -euo pipefail; source "{NODE}"; {fn} "$@"', "_", *map(str, args)],
                       capture_output=True, text=True)
    if check and p.returncode != 0:
        sys.stderr.write(p.stderr[-4000:])
        raise RuntimeError(f"{fn} {' '.join(map(str, args))[:200]} failed ({p.returncode}): {p.stdout[-2000:]}")
    return p.stdout.strip() if check else (p.returncode, p.stdout.strip(), p.stderr.strip())


def q(*args):
    return json.loads(sh("q", *args))


def smart(contract, msg):
    return q("wasm", "contract-state", "smart", contract, json.dumps(msg))["data"]


def balance(addr, denom=U):
    for c in q("bank", "balances", addr).get("balances", []):
        if c["denom"] == denom:
            return int(c["amount"])
    return 0


def tx(*args):
    return json.loads(sh("tx", *args))


def attr(res, typ, key):
    evs = list(res.get("events") or [])
    for l in res.get("logs") or []:
        evs += l.get("events") or []
    for e in evs:
        if e.get("type") == typ or typ is None:
            for a in e.get("attributes") or []:
                if a.get("key") == key:
                    return a.get("value")
    return None


def execute(contract, msg, sender, funds=None, measure=None, pinned=False):
    args = ["wasm", "execute", contract, json.dumps(msg), "--from", sender]
    if funds:
        args += ["--amount", funds]
    res = tx(*args)
    if measure:
        BENCH.record(measure, pinned, res["gas_used"])
    return res


def try_execute(contract, msg, sender, funds=None):
    args = ["wasm", "execute", contract, json.dumps(msg), "--from", sender]
    if funds:
        args += ["--amount", funds]
    code, out, err = sh("tx", *args, check=False)
    return code, out + err


def addr(name):
    return sh("addr", name)


# ---------------------------------------------------------------- governance helpers

def submit(file, sender="deployer"):
    res = tx("gov", "submit-proposal", file, "--from", sender)
    pid = attr(res, "submit_proposal", "proposal_id")
    tx("gov", "vote", pid, "yes", "--from", "validator")
    return pid, int(res["gas_used"])


def wait_passed(pids, timeout=180):
    t = time.time()
    for pid in pids:
        while True:
            p = q("gov", "proposal", pid)
            p = p.get("proposal", p)
            st = p["status"]
            if st not in ("PROPOSAL_STATUS_DEPOSIT_PERIOD", "PROPOSAL_STATUS_VOTING_PERIOD"):
                break
            if time.time() - t > timeout:
                raise RuntimeError(f"proposal {pid} still {st}")
            time.sleep(0.5)
        if st != "PROPOSAL_STATUS_PASSED":
            raise RuntimeError(f"proposal {pid}: {st}: {p.get('failed_reason')}")


def write_json(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=1)
    return path


def chain_time():
    st = json.loads(sh("inj", "status"))
    info = st.get("sync_info") or st.get("SyncInfo")
    t = info["latest_block_time"]
    # RFC3339 with nanoseconds -> epoch seconds
    from datetime import datetime, timezone
    base = t.split(".")[0].rstrip("Z")
    return int(datetime.strptime(base, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc).timestamp())


def wait_chain_time(ts, limit_secs=300):
    """Waits until the chain's block time reaches ts; fails rather than hang past limit_secs."""
    t0 = time.time()
    while chain_time() < ts:
        if time.time() - t0 > limit_secs:
            raise SystemExit(f"chain time did not reach {ts} within {limit_secs} s (now {chain_time()})")
        time.sleep(0.5)


# ---------------------------------------------------------------- the scenario

def main():
    gov = sh("gov_module_address")
    say(f"chain up; gov module {gov}")
    A = {n: addr(n) for n in ["deployer", "alice", "bob", "carol", "dex-owner", "feeder", "treasury", "guardian"]}
    work = os.path.join(HOME, "e2e")
    os.makedirs(work, exist_ok=True)

    # ---- 1. upload is governance-only
    code, out = try_execute_store(os.path.join(ROOT, "artifacts", "risk_oracle.wasm"))
    ok(code != 0, "a direct `tx wasm store` by an account is refused (upload restricted to governance)")

    # ---- 2. deployment plan: predicted instantiate2 addresses, proposal files
    markets = [{"id": "BTC-PERP", "price": "60000", "volatility": "0.65"}] + \
              [{"id": f"M{i:02}", "price": "100", "volatility": "0.5"} for i in range(31)]
    plan = {
        "salt": "p2p-e2e-v1",
        "deposit": "1000000000000000000inj",
        "code_ids": {"risk_oracle": 1, "pool_vault": 2, "dao_governance": 3},
        "oracle": {"feeders": [A["feeder"]], "confidence_bps": 9900, "horizon_secs": 86400,
                   "max_staleness_secs": 86400, "method": "parametric", "requirement_multiplier": "1.0",
                   "min_requirement": "0", "cover_n": 2, "claim_multiple": "1.5", "markets": markets,
                   "correlations": [], "round_secs": 1,
                   "stress_scenarios": [{"name": "crash", "shocks": [{"market": "BTC-PERP", "shock": "-0.4"}]}]},
        "vault": {"guardian": A["guardian"], "asset": {"native": U}, "unbonding_secs": 20, "deposit_lock_secs": 5,
                  "min_deposit": "1000000", "protocol_fee_bps": 1000, "treasury": A["treasury"],
                  "claim_auto_approve_limit": "50000000000", "max_pending_claim_secs": 3600,
                  "loss_cap_bps": 3000, "loss_cap_window_secs": 2592000, "max_capital_multiple": None},
        "dao": {"voting_period_secs": 60, "quorum_bps": 2000, "threshold_bps": 5000, "timelock_secs": 5,
                "min_propose_power": "1", "guardian": A["guardian"], "max_msgs": 16,
                # SPEC's default exit window is a day; a short one keeps the run short.
                "exit_window_secs": 5},
    }
    plan_file = write_json(os.path.join(work, "plan.json"), plan)
    out_dir = os.path.join(work, "proposals")
    deploy = os.path.join(ROOT, "target", "debug", "deploy-plan")
    predicted = json.loads(subprocess.run([deploy, "plan", "--artifacts", os.path.join(ROOT, "artifacts"), "--prefix", "inj",
                                           "--gov", gov, "--plan", plan_file, "--out", out_dir, "--address-len", "20"],
                                          check=True, capture_output=True, text=True).stdout)
    say(f"predicted: oracle {predicted['risk_oracle']}, vault {predicted['pool_vault']}, dao {predicted['dao_governance']}")

    # ---- 3. store the codes by proposal (submitted together, voted, passed)
    pids = []
    for name in ["risk_oracle", "pool_vault", "dao_governance", "example_perp_dex"]:
        pid, gas = submit(os.path.join(out_dir, f"store-{name}.json"))
        pids.append(pid)
        BENCH.record_store(name, gas)
    cw20_file = os.path.join(work, "store-cw20.json")
    sh("gov_store_proposal", cw20_file, os.path.join(ROOT, "target", "e2e", "cw20_ref.wasm"))
    pid, gas = submit(cw20_file)
    BENCH.record_store(gasbench.REFERENCE_CODE, gas)
    pids.append(pid)
    wait_passed(pids)
    codes = {c["code_id"]: c for c in q("wasm", "list-code")["code_infos"]}
    ok(len(codes) == 5, f"5 codes stored by governance (ids {sorted(codes)})")
    sums = predicted["checksums"]
    ok(codes["1"]["data_hash"].lower() == sums["risk_oracle"] and codes["2"]["data_hash"].lower() == sums["pool_vault"],
       "on-chain code checksums equal artifacts/checksums.txt")

    # ---- 4. instantiate oracle, vault, DAO and the example DEX by one proposal (instantiate2)
    inst = json.load(open(os.path.join(out_dir, "instantiate.json")))
    dex_salt = b"p2p-e2e-v1/example_perp_dex"
    inst["messages"].append({"@type": "/cosmwasm.wasm.v1.MsgInstantiateContract2", "sender": gov, "admin": gov,
                             "code_id": "4", "label": "example-perp-dex", "funds": [], "fix_msg": False,
                             "salt": base64.b64encode(dex_salt).decode(),
                             "msg": {"vault": predicted["pool_vault"], "denom": U, "operator": A["dex-owner"],
                                     "fee_bps": 10}})
    inst["messages"].append({"@type": "/cosmwasm.wasm.v1.MsgInstantiateContract", "sender": gov, "admin": gov,
                             "code_id": "5", "label": "cw20-ref", "funds": [],
                             "msg": {"name": "Reference", "symbol": "REF", "decimals": 6,
                                     "initial_balances": [{"address": A["alice"], "amount": "1000000000000"}]}})
    pid, _ = submit(write_json(os.path.join(work, "instantiate-all.json"), inst))
    wait_passed([pid])
    ORACLE, VAULT, DAO = predicted["risk_oracle"], predicted["pool_vault"], predicted["dao_governance"]
    on_chain = {c: q("wasm", "list-contract-by-code", c)["contracts"] for c in ["1", "2", "3", "4", "5"]}
    ok(on_chain["1"] == [ORACLE] and on_chain["2"] == [VAULT] and on_chain["3"] == [DAO],
       f"oracle, vault and DAO live at the instantiate2 addresses deploy-plan predicted (chain: {on_chain})")
    DEX, CW20 = on_chain["4"][0], on_chain["5"][0]
    vcfg = smart(VAULT, {"config": {}})
    ok(vcfg["owner"] == DAO and vcfg["risk_oracle"] == ORACLE and smart(DAO, {"config": {}})["vault"] == VAULT,
       "pre-wired: the DAO owns the vault, the vault asks the oracle, the DAO reads the vault")
    ok(smart(ORACLE, {"config": {}})["owner"] == DAO, "the DAO owns the oracle")

    # ---- 5. underwriters deposit, with the JSON a wallet sends
    execute(VAULT, {"deposit": {}}, "alice", f"{usdc(600_000)}{U}")
    execute(VAULT, {"deposit": {}}, "bob", f"{usdc(400_000)}{U}")
    st = smart(VAULT, {"state": {}})
    ok(int(st["total_assets"]) == usdc(1_000_000), f"total_assets = 1,000,000 USDC ({st['total_assets']})")
    ok(int(smart(VAULT, {"underwriter": {"address": A["alice"]}})["shares"]) == usdc(600_000) * 1_000_000,
       "alice holds 600,000·10⁶·10⁶ shares (first deposit at 10⁶ shares per unit)")

    # ---- 6. the DAO registers the DEX and a market maker (deployer) as members
    def terms(m, cap):
        return {"member": m, "coverage_cap": str(usdc(cap)), "premium_rate_bps": 500, "grace_secs": 604800}
    wasm = lambda c, m: {"wasm": {"execute": {"contract_addr": c, "msg": base64.b64encode(json.dumps(m).encode()).decode(), "funds": []}}}
    time.sleep(1.5)  # power counts from the block after the deposit
    res = execute(DAO, {"propose": {"title": "Register members", "description": "DEX and MM",
                                    "msgs": [wasm(VAULT, {"register_member": terms(DEX, 1_000_000)}),
                                             wasm(VAULT, {"register_member": terms(A["deployer"], 1_000_000)})]}},
                  "alice")
    prop = int(attr(res, "wasm", "proposal_id"))
    execute(DAO, {"vote": {"proposal_id": prop, "vote": "yes"}}, "alice")
    p = smart(DAO, {"proposal": {"proposal_id": prop}})
    ok(p["status"] == "passed", f"proposal {prop} passed early on alice's 60 % (executable at passed + max(timelock, vault unbonding + exit window) = {p['executable_at']})")
    wait_chain_time(p["executable_at"])
    execute(DAO, {"execute": {"proposal_id": prop}}, "carol")
    ok(smart(DAO, {"proposal": {"proposal_id": prop}})["status"] == "executed", "executed by anyone after the timelock")
    ok(int(smart(VAULT, {"member": {"address": DEX}})["coverage_cap"]) == usdc(1_000_000), "the DEX is a member")

    # ---- 7. the DEX: contribution, float, prices, a profitable trade
    execute(DEX, {"fund_contribution": {}}, "dex-owner", f"{usdc(50_000)}{U}")
    tx("bank", "send", "dex-owner", DEX, f"{usdc(1_000_000)}{U}", "--from", "dex-owner")
    set_price = lambda p: execute(DEX, {"set_price": {"market": "BTC-PERP", "price": p}}, "dex-owner")
    set_price("60000")

    def open_pos(notional, collateral):
        res = execute(DEX, {"open": {"market": "BTC-PERP", "notional": str(usdc(notional))}}, "carol", f"{usdc(collateral)}{U}")
        return int(attr(res, "wasm", "position_id"))

    def close_pos(pid):
        """Closes position pid; returns (the DEX's claim outcome, premium due the vault took first)."""
        res = execute(DEX, {"close": {"position_id": pid}}, "carol")
        return attr(res, "wasm", "claim_outcome"), int(attr(res, "wasm", "premium_taken") or 0)

    pos = open_pos(500_000, 50_000)
    m = smart(VAULT, {"member": {"address": DEX}})
    ok(m["exposures"] == [{"market": "BTC-PERP", "notional": str(usdc(500_000))}], "the DEX reported its net exposure")
    set_price("63000")
    c0 = balance(A["carol"])
    close_pos(pos)
    ok(balance(A["carol"]) - c0 == usdc(49_500 + 25_000), "profitable close: +5 % paid 74,500 USDC to the trader")

    # ---- 8. bad debt settled through the waterfall
    set_price("60000")
    pos = open_pos(500_000, 10_000)
    set_price("48000")
    st = smart(VAULT, {"state": {}})
    d0, a0 = balance(DEX), int(st["total_assets"]) + int(st["unvested"])
    outcome, due = close_pos(pos)
    claim = smart(VAULT, {"claim": {"id": 1}})
    ok(outcome == "settled" and claim["status"] == "settled", "bad-debt claim 1 auto-settled (reply read from response data)")
    say(f"  the vault took {due} base units of premium due from the contribution first")
    ok((int(claim["paid_by_member"]), int(claim["paid_by_pool"])) == (usdc(50_000) - due, usdc(40_500) + due),
       "waterfall: the member's 50,000 less the premium due first, then the rest from the pool")
    ok(balance(DEX) - d0 == usdc(90_500), "the DEX received 90,500 (its escrow + the pool part); the trader nothing")
    st = smart(VAULT, {"state": {}})
    income = due - due * 1000 // 10_000  # the premium less the 10 % protocol fee joins the stream
    ok(a0 - int(st["total_assets"]) - int(st["unvested"]) == usdc(40_500) + due - income,
       "pool assets + unvested down by exactly the pool part less the premium income")

    # ---- 9. a large claim pending, approved by a DAO vote
    execute(DEX, {"fund_contribution": {}}, "dex-owner", f"{usdc(100_000)}{U}")
    set_price("60000")
    pos = open_pos(500_000, 10_000)
    set_price("42000")
    outcome, due = close_pos(pos)
    claim = smart(VAULT, {"claim": {"id": 2}})
    ok(outcome == "pending" and claim["status"] == "pending" and int(claim["paid_by_pool"]) == usdc(40_500) + due,
       "claim 2 pending: the window total would pass the 50,000 auto limit")
    res = execute(DAO, {"propose": {"title": "Approve claim 2", "description": "bad debt",
                                    "msgs": [wasm(VAULT, {"approve_claim": {"id": 2}})]}}, "bob")
    prop = int(attr(res, "wasm", "proposal_id"))
    execute(DAO, {"vote": {"proposal_id": prop, "vote": "yes"}}, "alice")
    p = smart(DAO, {"proposal": {"proposal_id": prop}})
    d0 = balance(DEX)
    wait_chain_time(p["executable_at"])
    execute(DAO, {"execute": {"proposal_id": prop}}, "bob")
    ok(smart(VAULT, {"claim": {"id": 2}})["status"] == "settled", "the DAO approved claim 2")
    ok(balance(DEX) - d0 == usdc(140_500), "the DEX received 100,000 escrow + 40,500 pool part")

    # ---- 10. gas of each action (unpinned), then pin by proposal and measure again
    # The DEX's closed book keeps its peaks for the 20 s lookback, and its Cover-N row until the
    # member is touched: wait them out and refresh, so the measured reports see the free capacity.
    wait_chain_time(smart(VAULT, {"member": {"address": DEX}})["exposures_at"] + 21)
    execute(VAULT, {"refresh_member": {"member": DEX}}, "carol")
    ok(int(smart(VAULT, {"state": {}})["pool_requirement"]) == 0, "the DEX's lapsed peaks leave the Cover-N requirement")
    measure_actions(VAULT, DAO, CW20, A, wasm, pinned=False)
    pin = json.load(open(os.path.join(out_dir, "pin.json")))
    pid, _ = submit(write_json(os.path.join(work, "pin.json"), pin))
    wait_passed([pid])
    pinned = q("wasm", "pinned").get("code_ids", [])
    ok(sorted(map(str, pinned)) == ["1", "2", "3"], f"codes pinned by proposal ({pinned})")
    measure_actions(VAULT, DAO, CW20, A, wasm, pinned=True)

    # ---- 11. a withdrawal after unbonding
    shares = int(smart(VAULT, {"underwriter": {"address": A["bob"]}})["bonded_shares"])
    res = execute(VAULT, {"request_withdraw": {"shares": str(shares)}}, "bob")
    entry = smart(VAULT, {"underwriter": {"address": A["bob"]}})["unbonding"][-1]
    wait_chain_time(entry["matures_at"])
    b0 = balance(A["bob"])
    net_now = int(smart(VAULT, {"preview_redeem": {"shares": entry["shares"]}})["amount"])
    res = execute(VAULT, {"withdraw": {}}, "bob")
    paid = int(attr(res, "wasm", "amount"))
    ok(paid == min(int(entry["value_at_request"]), net_now) and balance(A["bob"]) - b0 == paid,
       f"bob withdrew {paid / 1e6:,.2f} USDC after unbonding = min(value at request, net value at payout)")

    # ---- 12. migration by gov proposal
    mig = os.path.join(work, "migrate.json")
    subprocess.run([deploy, "migrate", "--gov", gov, "--contract", VAULT, "--code-id", "2", "--msg", "{}",
                    "--out", mig, "--deposit", "1000000000000000000inj"], check=True)
    pid, _ = submit(mig)
    wait_passed([pid])
    hist = q("wasm", "contract-history", VAULT)["entries"]
    ok(hist[-1]["operation"] == "CONTRACT_CODE_HISTORY_OPERATION_TYPE_MIGRATE", "vault migrated by governance (cw2 guard accepted the same version)")
    ok(int(smart(VAULT, {"state": {}})["total_assets"]) > 0, "state intact after migration")

    return report()


def try_execute_store(wasm):
    code, out, err = sh("tx", "wasm", "store", wasm, "--from", "deployer", check=False)
    return code, out + err


def measure_actions(VAULT, DAO, CW20, A, wasm, pinned):
    """One of each user action, gas_used recorded under (action, pinned)."""
    mm = "deployer"
    member = lambda: smart(VAULT, {"member": {"address": A[mm]}})
    execute(CW20, {"transfer": {"recipient": A["bob"], "amount": "1000"}}, "alice", measure="cw20 transfer", pinned=pinned)
    execute(VAULT, {"deposit": {}}, "carol", f"{usdc(1_000)}{U}", measure="deposit", pinned=pinned)
    time.sleep(6)  # deposit lock
    execute(VAULT, {"request_withdraw": {"shares": "1000000"}}, "carol", measure="request_withdraw", pinned=pinned)
    execute(VAULT, {"member_deposit": {}}, mm, f"{usdc(200_000)}{U}", measure="member_deposit", pinned=pinned)
    mk = ["BTC-PERP"] + [f"M{i:02}" for i in range(31)]
    for n in (8, 32):
        exps = [{"market": m, "notional": str(usdc(1_000 + i))} for i, m in enumerate(mk[:n])]
        execute(VAULT, {"report_exposure": {"exposures": exps}}, mm, measure=f"report_exposure ({n} markets)", pinned=pinned)
    execute(VAULT, {"report_exposure": {"exposures": [{"market": "BTC-PERP", "notional": str(usdc(1_000_000))}]}}, mm,
            measure="report_exposure (1 markets)", pinned=pinned)
    execute(VAULT, {"pay_premium": {"member": A[mm]}}, "bob", f"{usdc(10)}{U}", measure="pay_premium", pinned=pinned)
    # Auto: the pool pays 10,000 after the member's contribution.
    amount = int(member()["contribution"]) + usdc(10_000)
    res = execute(VAULT, {"claim_loss": {"amount": str(amount), "recipient": A["treasury"]}}, mm, measure="claim_loss (auto)", pinned=pinned)
    ok(attr(res, "wasm", "claim_status") == "settled" and int(attr(res, "wasm", "paid_by_pool")) == usdc(10_000),
       "auto claim: contribution first, 10,000 from the pool")
    execute(VAULT, {"member_deposit": {}}, mm, f"{usdc(200_000)}{U}")
    amount = int(member()["contribution"]) + usdc(60_000)
    res = execute(VAULT, {"claim_loss": {"amount": str(amount), "recipient": A["treasury"]}}, mm, measure="claim_loss (pending)", pinned=pinned)
    ok(attr(res, "wasm", "claim_status") == "pending", "a claim past the window's auto limit is pending")
    res = execute(DAO, {"propose": {"title": "Reject", "description": "", "msgs": [
        wasm(VAULT, {"reject_claim": {"id": int(member()["pending_claim"]), "reason": "test"}})]}},
        "alice", measure="propose", pinned=pinned)
    prop = int(attr(res, "wasm", "proposal_id"))
    execute(DAO, {"vote": {"proposal_id": prop, "vote": "yes"}}, "alice", measure="vote", pinned=pinned)
    p = smart(DAO, {"proposal": {"proposal_id": prop}})
    entry = smart(VAULT, {"underwriter": {"address": A["carol"]}})["unbonding"][-1]
    wait_chain_time(max(entry["matures_at"], p["executable_at"]))
    execute(VAULT, {"withdraw": {}}, "carol", measure="withdraw", pinned=pinned)
    execute(DAO, {"execute": {"proposal_id": prop}}, "bob", measure="execute", pinned=pinned)
    ok(member()["pending_claim"] is None, "the DAO's reject_claim returned the escrow")
    say(f"  measured {BENCH.count(pinned)} actions ({'pinned' if pinned else 'unpinned'})")


def injectived_version():
    """The version line of `injectived version` ("v1.20.1 (eef179e)"), or None."""
    code, out, err = sh("inj", "version", check=False)
    for line in (out + "\n" + err).splitlines():
        if line.startswith("Version "):
            return line[len("Version "):].strip()
    return None


def report():
    """Writes gas-report.md and gas-report.json to $CHAIN_HOME; returns the report object."""
    try:
        params = q("consensus", "params")
        max_gas = int((params.get("params") or params)["block"]["max_gas"])
    except Exception as e:  # the report still prints without it
        say(f"consensus params unavailable: {e}")
        max_gas = None
    measured = BENCH.to_json(max_gas, injectived_version())
    text = gasbench.markdown(measured)
    print(text)
    with open(os.path.join(HOME, "gas-report.md"), "w") as f:
        f.write("\n".join(LOG) + "\n" + text + "\n")
    gasbench.write_json(os.path.join(HOME, "gas-report.json"), measured)
    say(f"gas report written to {os.path.join(HOME, 'gas-report.md')} and gas-report.json")
    return measured


if __name__ == "__main__":
    measured = main()
    say("end-to-end: all behaviour steps passed")
    say("gas bench: the measured figures against the baseline")
    if not gasbench.check(measured, out=say):
        sys.exit("gas bench failed: see above (the behaviour steps passed)")
    say("gas bench passed")
