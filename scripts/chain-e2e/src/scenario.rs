//! The behaviour scenario: deployment by governance, then the life of the pool, every step
//! asserted from queries. The gas bench (bench.rs) runs after [`E2e::behaviour`] on the same
//! chain and before [`E2e::closing`], whose withdrawal would take the capital it measures with;
//! the options DEX's steps (options.rs, 10–12) run between the bench and the closing steps.

use anyhow::{Context, Result};
use cosmwasm_std::{Binary, CosmosMsg, Decimal, Int128, WasmMsg};
use risk_pool::{dao, oracle, vault, Amount};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;
use std::time::Duration;

use crate::chain::{Chain, TxResponse};
use crate::gas::{Bench, FLOOR_CODE, REFERENCE_CODE};
use crate::node::{run, MIN_DEPOSIT};
use crate::{ok, say, wire};

use example_perp_dex::msg as dex;

/// The settlement denom (the vault's native asset).
pub const U: &str = "uusdc";
const SALT: &str = "p2p-e2e-v1";
/// Submits the floor's store proposal and calls the floor in the bench (see [`E2e::deploy`]).
pub const FLOOR_CALLER: &str = "guardian";

/// `x` USDC in base units (6 decimals).
pub const fn usdc(x: u128) -> u128 {
    x * 1_000_000
}

pub fn coin(amount: u128) -> String {
    format!("{amount}{U}")
}

/// The deployed suite.
pub struct Suite {
    pub gov: String,
    pub oracle: String,
    pub vault: String,
    pub dao: String,
    pub dex: String,
    pub cw20: String,
    /// The example options DEX (code 6, instantiated with the others, a member from step 10).
    pub odex: String,
    /// The gas bench's floor (code 7: an execute that does nothing, `scripts/gas-report/gas-floor`).
    pub floor: String,
    /// deploy-plan's proposal files (store-*, instantiate, pin).
    pub proposals: PathBuf,
}

/// The run's context: the chain, where the files go, the deploy-plan binary, the gas figures.
pub struct E2e {
    pub chain: Chain,
    pub work: PathBuf,
    pub deploy_plan: PathBuf,
    pub bench: Bench,
}

fn write_json(path: &Path, v: &Value) -> Result<PathBuf> {
    std::fs::write(path, serde_json::to_string_pretty(v)?)?;
    Ok(path.to_path_buf())
}

/// A `wasm execute` message for a DAO proposal, the inner message in its baseline spelling.
pub fn wasm_exec<M: serde::Serialize>(contract: &str, msg: &M) -> Result<CosmosMsg> {
    Ok(CosmosMsg::Wasm(WasmMsg::Execute {
        contract_addr: contract.to_string(),
        msg: Binary::from(wire::to_wire(msg)?.into_bytes()),
        funds: vec![],
    }))
}

/// The id a DAO `propose` returned.
pub fn proposal_id(res: &TxResponse) -> Result<u64> {
    res.attr_u64("wasm", "proposal_id")
}

impl E2e {
    pub fn smart<T: serde::de::DeserializeOwned, M: serde::Serialize>(&self, c: &str, m: &M) -> Result<T> {
        self.chain.smart(c, m)
    }

    pub fn vault_state(&self, s: &Suite) -> Result<vault::StateResponse> {
        self.smart(&s.vault, &vault::QueryMsg::State {})
    }

    pub fn member(&self, s: &Suite, addr: &str) -> Result<vault::MemberResponse> {
        self.smart(&s.vault, &vault::QueryMsg::Member { address: addr.to_string() })
    }

    pub fn underwriter(&self, s: &Suite, addr: &str) -> Result<vault::UnderwriterResponse> {
        self.smart(&s.vault, &vault::QueryMsg::Underwriter { address: addr.to_string() })
    }

    pub fn proposal(&self, s: &Suite, id: u64) -> Result<dao::ProposalResponse> {
        self.smart(&s.dao, &dao::QueryMsg::Proposal { proposal_id: id })
    }

    pub fn claim(&self, s: &Suite, id: u64) -> Result<vault::ClaimResponse> {
        self.smart(&s.vault, &vault::QueryMsg::Claim { id })
    }

    /// Waits until a passed DAO proposal may run.
    pub fn wait_executable(&self, p: &dao::ProposalResponse) -> Result<()> {
        self.chain.wait_chain_time(p.executable_at.with_context(|| format!("proposal {} has no executable_at", p.id))?)
    }

    fn a(&self, name: &str) -> String {
        self.chain.addr(name).to_string()
    }

    /// Deployment by governance: upload refused to accounts; deploy-plan's predicted
    /// instantiate2 addresses and proposal files; seven codes stored by proposal (their submit gas
    /// goes to the bench; the options DEX's and the floor's last, so the others keep their code ids); oracle,
    /// vault, DAO, the example DEX, a cw20-base, the options DEX and the floor instantiated by one proposal,
    /// the first three at the predicted addresses, pre-wired.
    pub fn deploy(&mut self) -> Result<Suite> {
        self.deploy_with(|_| {})
    }

    /// [`E2e::deploy`] with the oracle's instantiate message edited last (the cluster's
    /// history length).
    pub fn deploy_with(&mut self, edit: impl FnOnce(&mut oracle::InstantiateMsg)) -> Result<Suite> {
        let root = self.chain.s.root.clone();
        let gov = self.chain.gov_address()?;
        say(&format!("chain up; gov module {gov}"));

        say("1. upload is governance-only");
        let oracle_wasm = root.join("artifacts/risk_oracle.wasm");
        let wasm = oracle_wasm.to_str().context("artifact path")?;
        let refused = self.chain.try_tx(&["wasm", "store", wasm, "--from", "deployer"])?;
        ok(
            matches!(&refused, Err(r) if r.stage == "simulation" && r.text.contains("unauthorized")),
            "a direct `tx wasm store` by an account is refused as unauthorized (upload restricted to governance)",
        )?;

        say("2. deployment plan: predicted instantiate2 addresses, proposal files");
        let (feeder, guardian, treasury) = (self.a("feeder"), self.a("guardian"), self.a("treasury"));
        // SPEC's examples (risk-testing fixtures), edited for a short run. The addresses left
        // empty are deploy-plan's to wire.
        let mut o = risk_testing::oracle_msg("", &feeder);
        o.max_staleness_secs = 86_400;
        o.markets = std::iter::once(("BTC-PERP".to_string(), "60000", "0.65"))
            .chain((0..31).map(|i| (format!("M{i:02}"), "100", "0.5")))
            .map(|(id, p, v)| {
                Ok(oracle::MarketInit { id, price: Decimal::from_str(p)?, volatility: Decimal::from_str(v)? })
            })
            .collect::<Result<_>>()?;
        o.correlations = vec![];
        o.round_secs = Some(1);
        edit(&mut o);
        let mut v = risk_testing::vault_msg("", Some(&guardian), "", &treasury);
        (v.unbonding_secs, v.deposit_lock_secs, v.max_pending_claim_secs) = (20, 5, 3600);
        let mut d = risk_testing::dao_msg("", Some(&guardian));
        (d.voting_period_secs, d.timelock_secs) = (60, 5);
        // SPEC's default exit window is a day; a short one keeps the run short.
        d.exit_window_secs = Some(5);
        let plan = json!({
            "salt": SALT, "deposit": MIN_DEPOSIT,
            "code_ids": {"risk_oracle": 1, "pool_vault": 2, "dao_governance": 3},
            "oracle": wire::strip_nulls(serde_json::to_value(&o)?),
            "vault": wire::strip_nulls(serde_json::to_value(&v)?),
            "dao": wire::strip_nulls(serde_json::to_value(&d)?),
        });
        let plan_file = write_json(&self.work.join("plan.json"), &plan)?;
        let proposals = self.work.join("proposals");
        let out = run(Command::new(&self.deploy_plan)
            .arg("plan")
            .arg("--artifacts")
            .arg(root.join("artifacts"))
            .args(["--prefix", "inj", "--gov", &gov, "--address-len", "20", "--plan"])
            .arg(&plan_file)
            .arg("--out")
            .arg(&proposals))?;
        let predicted: Value = serde_json::from_str(&out)?;
        let addr = |k: &str| predicted[k].as_str().map(String::from).with_context(|| format!("deploy-plan: no {k}"));
        let (oracle_addr, vault_addr, dao_addr) = (addr("risk_oracle")?, addr("pool_vault")?, addr("dao_governance")?);
        say(&format!("predicted: oracle {oracle_addr}, vault {vault_addr}, dao {dao_addr}"));
        // The chain's own computation of the same address (20 bytes on Injective).
        let sum = predicted["checksums"]["risk_oracle"].as_str().context("checksum")?;
        let salt_hex: String = format!("{SALT}/risk_oracle").bytes().map(|b| format!("{b:02x}")).collect();
        let built = run(self.chain.s.injectived().args(["query", "wasm", "build-address", sum, &gov, &salt_hex]))?;
        ok(
            built.lines().any(|l| l.strip_prefix("address: ") == Some(oracle_addr.as_str())),
            "`injectived query wasm build-address` gives the oracle address deploy-plan predicted",
        )?;

        say("3. store the codes by proposal (submitted together, voted, passed)");
        let mut ids = Vec::new();
        for name in ["risk_oracle", "pool_vault", "dao_governance", "example_perp_dex"] {
            let (id, gas) = self.chain.submit(&proposals.join(format!("store-{name}.json")), "deployer")?;
            ids.push(id);
            self.bench.record_store(name, gas);
        }
        let cw20_file = self.work.join("store-cw20.json");
        run(Command::new(&self.deploy_plan)
            .args(["store", "--gov", &gov, "--deposit", MIN_DEPOSIT, "--wasm"])
            .arg(root.join("target/e2e/cw20_ref.wasm"))
            .arg("--out")
            .arg(&cw20_file))?;
        let (id, gas) = self.chain.submit(&cw20_file, "deployer")?;
        self.bench.record_store(REFERENCE_CODE, gas);
        ids.push(id);
        // After the reference: the codes before it keep their ids (and their figures).
        let name = "example_options_dex";
        let (id, gas) = self.chain.submit(&proposals.join(format!("store-{name}.json")), "deployer")?;
        self.bench.record_store(name, gas);
        ids.push(id);
        // The floor last (code 7), submitted by guardian: an account that signs nothing else in
        // the run, so no measured account's sequence (or tx size) moves.
        let floor_file = self.work.join("store-gas-floor.json");
        run(Command::new(&self.deploy_plan)
            .args(["store", "--gov", &gov, "--deposit", MIN_DEPOSIT, "--wasm"])
            .arg(root.join("target/e2e/gas_floor.wasm"))
            .arg("--out")
            .arg(&floor_file))?;
        let (id, gas) = self.chain.submit(&floor_file, FLOOR_CALLER)?;
        self.bench.record_store(FLOOR_CODE, gas);
        ids.push(id);
        self.chain.wait_passed(&ids)?;
        let codes = self.chain.q(&["wasm", "list-code"])?;
        let codes = codes["code_infos"].as_array().cloned().unwrap_or_default();
        let hash = |id: &str| -> Option<String> {
            codes.iter().find(|c| c["code_id"] == id).and_then(|c| c["data_hash"].as_str()).map(str::to_lowercase)
        };
        let listed: Vec<&str> = codes.iter().filter_map(|c| c["code_id"].as_str()).collect();
        ok(codes.len() == 7, &format!("7 codes stored by governance (ids {listed:?})"))?;
        let sums = &predicted["checksums"];
        ok(
            hash("1").as_deref() == sums["risk_oracle"].as_str() && hash("2").as_deref() == sums["pool_vault"].as_str(),
            "on-chain code checksums equal artifacts/checksums.txt",
        )?;
        // Past the simulation, with a fixed gas limit: the chain itself refuses it in the block.
        // (After the store proposals: the first tx an account gets into a block also pays for
        // setting its public key, and the baseline's oracle store figure is deployer's first.)
        let refused = self.chain.try_tx(&["wasm", "store", wasm, "--from", "deployer", "--gas", "3000000"])?;
        let after = self.chain.q(&["wasm", "list-code"])?["code_infos"].as_array().map_or(0, Vec::len);
        ok(
            matches!(&refused, Err(r) if r.stage == "DeliverTx" && r.text.contains("unauthorized")) && after == 7,
            "a direct upload broadcast anyway (fixed gas limit) is refused in the block as unauthorized, and stores nothing",
        )?;

        say("4. instantiate oracle, vault, DAO, the example DEX, the options DEX and the floor by one proposal (instantiate2)");
        let mut inst: Value = serde_json::from_str(&std::fs::read_to_string(proposals.join("instantiate.json"))?)?;
        let dex_init = dex::InstantiateMsg {
            vault: vault_addr.clone(),
            denom: U.into(),
            operator: self.a("dex-owner"),
            fee_bps: 10,
        };
        let cw20_init = json!({"name": "Reference", "symbol": "REF", "decimals": 6,
            "initial_balances": [{"address": self.a("alice"), "amount": "1000000000000"}]});
        let msgs = inst["messages"].as_array_mut().context("instantiate.json: messages")?;
        msgs.push(json!({"@type": "/cosmwasm.wasm.v1.MsgInstantiateContract2", "sender": gov, "admin": gov,
            "code_id": "4", "label": "example-perp-dex", "funds": [], "fix_msg": false,
            "salt": Binary::from(format!("{SALT}/example_perp_dex").into_bytes()).to_base64(),
            "msg": serde_json::to_value(&dex_init)?}));
        msgs.push(json!({"@type": "/cosmwasm.wasm.v1.MsgInstantiateContract", "sender": gov, "admin": gov,
            "code_id": "5", "label": "cw20-ref", "funds": [], "msg": cw20_init}));
        let odex_init = example_options_dex::msg::InstantiateMsg {
            vault: vault_addr.clone(),
            denom: U.into(),
            operator: self.a("dex-owner"),
            fee_bps: 1000,
        };
        msgs.push(json!({"@type": "/cosmwasm.wasm.v1.MsgInstantiateContract2", "sender": gov, "admin": gov,
            "code_id": "6", "label": "example-options-dex", "funds": [], "fix_msg": false,
            "salt": Binary::from(format!("{SALT}/example_options_dex").into_bytes()).to_base64(),
            "msg": serde_json::to_value(&odex_init)?}));
        msgs.push(json!({"@type": "/cosmwasm.wasm.v1.MsgInstantiateContract", "sender": gov, "admin": gov,
            "code_id": "7", "label": "gas-floor", "funds": [], "msg": {}}));
        let (id, _) = self.chain.submit(&write_json(&self.work.join("instantiate-all.json"), &inst)?, "deployer")?;
        self.chain.wait_passed(&[id])?;
        let mut on_chain = Vec::new();
        for c in ["1", "2", "3", "4", "5", "6", "7"] {
            let v = self.chain.q(&["wasm", "list-contract-by-code", c])?;
            let list: Vec<String> = serde_json::from_value(v["contracts"].clone()).unwrap_or_default();
            on_chain.push(list);
        }
        ok(
            on_chain[0] == [oracle_addr.clone()]
                && on_chain[1] == [vault_addr.clone()]
                && on_chain[2] == [dao_addr.clone()],
            &format!(
                "oracle, vault and DAO live at the instantiate2 addresses deploy-plan predicted (chain: {on_chain:?})"
            ),
        )?;
        let one = |i: usize| on_chain[i].first().cloned().with_context(|| format!("no contract of code {}", i + 1));
        let s = Suite {
            gov,
            oracle: oracle_addr,
            vault: vault_addr,
            dao: dao_addr,
            dex: one(3)?,
            cw20: one(4)?,
            odex: one(5)?,
            floor: one(6)?,
            proposals,
        };
        let vcfg: vault::ConfigResponse = self.smart(&s.vault, &vault::QueryMsg::Config {})?;
        let dcfg: dao::ConfigResponse = self.smart(&s.dao, &dao::QueryMsg::Config {})?;
        ok(
            vcfg.owner.as_str() == s.dao && vcfg.risk_oracle.as_str() == s.oracle && dcfg.vault.as_str() == s.vault,
            "pre-wired: the DAO owns the vault, the vault asks the oracle, the DAO reads the vault",
        )?;
        let ocfg: oracle::ConfigResponse = self.smart(&s.oracle, &oracle::QueryMsg::Config {})?;
        ok(ocfg.owner.as_str() == s.dao, "the DAO owns the oracle")?;
        Ok(s)
    }

    /// Deposits, membership by DAO vote, trades, a claim through the waterfall, a DAO-approved
    /// claim.
    pub fn behaviour(&mut self, s: &Suite) -> Result<()> {
        let (alice, carol) = (self.a("alice"), self.a("carol"));
        let c = &self.chain;

        say("5. underwriters deposit, with the JSON a wallet sends");
        let deposit = vault::ExecuteMsg::Deposit { recipient: None };
        c.execute(&s.vault, &deposit, "alice", Some(&coin(usdc(600_000))))?;
        c.execute(&s.vault, &deposit, "bob", Some(&coin(usdc(400_000))))?;
        let st = self.vault_state(s)?;
        ok(st.total_assets.u128() == usdc(1_000_000), &format!("total_assets = 1,000,000 USDC ({})", st.total_assets))?;
        ok(
            self.underwriter(s, &alice)?.shares.u128() == usdc(600_000) * 1_000_000,
            "alice holds 600,000·10⁶·10⁶ shares (first deposit at 10⁶ shares per unit)",
        )?;

        say("6. the DAO registers the DEX and a market maker (deployer) as members");
        let terms = |m: &str, cap: u128| vault::MemberTerms {
            member: m.to_string(),
            coverage_cap: Amount::new(usdc(cap)),
            premium_rate_bps: 500,
            grace_secs: 604_800,
        };
        std::thread::sleep(Duration::from_millis(1500)); // power counts from the block after the deposit
        let propose = dao::ExecuteMsg::Propose {
            title: "Register members".into(),
            description: "DEX and MM".into(),
            msgs: vec![
                wasm_exec(&s.vault, &vault::ExecuteMsg::RegisterMember(terms(&s.dex, 1_000_000)))?,
                wasm_exec(&s.vault, &vault::ExecuteMsg::RegisterMember(terms(&self.a("deployer"), 1_000_000)))?,
            ],
        };
        let prop = proposal_id(&c.execute(&s.dao, &propose, "alice", None)?)?;
        c.execute(&s.dao, &dao::ExecuteMsg::Vote { proposal_id: prop, vote: dao::Vote::Yes }, "alice", None)?;
        let p = self.proposal(s, prop)?;
        ok(
            p.status == dao::Status::Passed,
            &format!(
                "proposal {prop} passed early on alice's 60 % (executable at passed + max(timelock, vault unbonding + exit window) = {:?})",
                p.executable_at
            ),
        )?;
        self.wait_executable(&p)?;
        c.execute(&s.dao, &dao::ExecuteMsg::Execute { proposal_id: prop }, "carol", None)?;
        ok(self.proposal(s, prop)?.status == dao::Status::Executed, "executed by anyone after the timelock")?;
        ok(self.member(s, &s.dex)?.coverage_cap.u128() == usdc(1_000_000), "the DEX is a member")?;

        say("7. the DEX: contribution, float, prices, a profitable trade");
        c.execute(&s.dex, &dex::ExecuteMsg::FundContribution {}, "dex-owner", Some(&coin(usdc(50_000))))?;
        c.tx(&["bank", "send", "dex-owner", &s.dex, &coin(usdc(1_000_000)), "--from", "dex-owner"])?;
        let set_price = |p: &str| -> Result<()> {
            let msg = dex::ExecuteMsg::SetPrice { market: "BTC-PERP".into(), price: Decimal::from_str(p)? };
            c.execute(&s.dex, &msg, "dex-owner", None).map(|_| ())
        };
        let open = |notional: u128, collateral: u128| -> Result<u64> {
            let n = i128::try_from(usdc(notional))?;
            let msg = dex::ExecuteMsg::Open { market: "BTC-PERP".into(), notional: Int128::new(n).into() };
            c.execute(&s.dex, &msg, "carol", Some(&coin(usdc(collateral))))?.attr_u64("wasm", "position_id")
        };
        // Closes a position: (the DEX's claim outcome, the premium due the vault took first).
        let close = |id: u64| -> Result<(String, u128)> {
            let res = c.execute(&s.dex, &dex::ExecuteMsg::Close { position_id: id }, "carol", None)?;
            let due = res.attr("wasm", "premium_taken").map(str::parse).transpose()?.unwrap_or(0);
            Ok((res.attr("wasm", "claim_outcome").unwrap_or_default().to_string(), due))
        };
        set_price("60000")?;
        let pos = open(500_000, 50_000)?;
        let m = self.member(s, &s.dex)?;
        let reported: Vec<(String, i128)> =
            m.exposures.iter().map(|e| (e.market.clone(), Int128::from(e.notional).i128())).collect();
        ok(
            reported == [("BTC-PERP".to_string(), i128::try_from(usdc(500_000))?)],
            "the DEX reported its net exposure",
        )?;
        set_price("63000")?;
        let c0 = c.balance(&carol, U)?;
        close(pos)?;
        ok(
            c.balance(&carol, U)? - c0 == usdc(49_500 + 25_000),
            "profitable close: +5 % paid 74,500 USDC to the trader",
        )?;

        say("8. bad debt settled through the waterfall");
        set_price("60000")?;
        let pos = open(500_000, 10_000)?;
        set_price("48000")?;
        let st = self.vault_state(s)?;
        let (d0, a0) = (c.balance(&s.dex, U)?, st.total_assets.u128() + st.unvested.u128());
        let (outcome, due) = close(pos)?;
        let claim = self.claim(s, 1)?;
        ok(
            outcome == "settled" && claim.status == vault::ClaimStatus::Settled,
            "bad-debt claim 1 auto-settled (reply read from response data)",
        )?;
        say(&format!("  the vault took {due} base units of premium due from the contribution first"));
        ok(
            (claim.paid_by_member.u128(), claim.paid_by_pool.u128()) == (usdc(50_000) - due, usdc(40_500) + due),
            "waterfall: the member's 50,000 less the premium due first, then the rest from the pool",
        )?;
        ok(
            c.balance(&s.dex, U)? - d0 == usdc(90_500),
            "the DEX received 90,500 (its escrow + the pool part); the trader nothing",
        )?;
        let st = self.vault_state(s)?;
        let income = due - due * 1000 / 10_000; // the premium less the 10 % protocol fee joins the stream
        ok(
            a0 - st.total_assets.u128() - st.unvested.u128() == usdc(40_500) + due - income,
            "pool assets + unvested down by exactly the pool part less the premium income",
        )?;

        say("9. a large claim pending, approved by a DAO vote");
        c.execute(&s.dex, &dex::ExecuteMsg::FundContribution {}, "dex-owner", Some(&coin(usdc(100_000))))?;
        set_price("60000")?;
        let pos = open(500_000, 10_000)?;
        set_price("42000")?;
        let (outcome, due) = close(pos)?;
        let claim = self.claim(s, 2)?;
        ok(
            outcome == "pending"
                && claim.status == vault::ClaimStatus::Pending
                && claim.paid_by_pool.u128() == usdc(40_500) + due,
            "claim 2 pending: the window total would pass the 50,000 auto limit",
        )?;
        let propose = dao::ExecuteMsg::Propose {
            title: "Approve claim 2".into(),
            description: "bad debt".into(),
            msgs: vec![wasm_exec(&s.vault, &vault::ExecuteMsg::ApproveClaim { id: 2 })?],
        };
        let prop = proposal_id(&c.execute(&s.dao, &propose, "bob", None)?)?;
        c.execute(&s.dao, &dao::ExecuteMsg::Vote { proposal_id: prop, vote: dao::Vote::Yes }, "alice", None)?;
        let p = self.proposal(s, prop)?;
        let d0 = c.balance(&s.dex, U)?;
        self.wait_executable(&p)?;
        c.execute(&s.dao, &dao::ExecuteMsg::Execute { proposal_id: prop }, "bob", None)?;
        ok(self.claim(s, 2)?.status == vault::ClaimStatus::Settled, "the DAO approved claim 2")?;
        ok(c.balance(&s.dex, U)? - d0 == usdc(140_500), "the DEX received 100,000 escrow + 40,500 pool part")?;

        Ok(())
    }

    /// After the gas bench: a withdrawal after unbonding (it takes 40 % of the capital, which the
    /// bench's 1,000,000-notional report needs), then a migration by gov proposal.
    pub fn closing(&mut self, s: &Suite) -> Result<()> {
        let bob = self.a("bob");
        let c = &self.chain;
        say("13. a withdrawal after unbonding");
        let shares = self.underwriter(s, &bob)?.bonded_shares;
        c.execute(&s.vault, &vault::ExecuteMsg::RequestWithdraw { shares }, "bob", None)?;
        let entry = self.underwriter(s, &bob)?.unbonding.last().cloned().context("bob has no unbonding entry")?;
        c.wait_chain_time(entry.matures_at)?;
        let b0 = c.balance(&bob, U)?;
        let preview: vault::PreviewRedeemResponse =
            self.smart(&s.vault, &vault::QueryMsg::PreviewRedeem { shares: entry.shares })?;
        let res = c.execute(&s.vault, &vault::ExecuteMsg::Withdraw {}, "bob", None)?;
        let paid: u128 = res.attr("wasm", "amount").context("withdraw: no amount")?.parse()?;
        ok(
            paid == entry.value_at_request.u128().min(preview.amount.u128()) && c.balance(&bob, U)? - b0 == paid,
            &format!(
                "bob withdrew {}.{:02} USDC after unbonding = min(value at request, net value at payout)",
                crate::gas::thousands(u64::try_from(paid / 1_000_000)?),
                paid % 1_000_000 / 10_000
            ),
        )?;

        say("14. migration by gov proposal");
        let mig = self.work.join("migrate.json");
        run(Command::new(&self.deploy_plan)
            .args(["migrate", "--gov", &s.gov, "--contract", &s.vault, "--code-id", "2", "--msg", "{}"])
            .args(["--deposit", MIN_DEPOSIT, "--out"])
            .arg(&mig))?;
        let (id, _) = c.submit(&mig, "deployer")?;
        c.wait_passed(&[id])?;
        let hist = c.q(&["wasm", "contract-history", &s.vault])?;
        let last = hist["entries"].as_array().and_then(|e| e.last()).context("no contract history")?;
        ok(
            last["operation"] == "CONTRACT_CODE_HISTORY_OPERATION_TYPE_MIGRATE",
            "vault migrated by governance (cw2 guard accepted the same version)",
        )?;
        ok(self.vault_state(s)?.total_assets.u128() > 0, "state intact after migration")?;
        Ok(())
    }
}
