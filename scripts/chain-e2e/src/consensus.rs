//! `chain-e2e cluster`: the suite under consensus, faults and load on four validators.
//!
//! Step by step: a 4-validator cluster (cluster.rs); the single-node deployment by governance
//! and behaviour scenario against it (scenario.rs, the validators voting); three DAO proposals
//! at once (the load's members, Monte Carlo at the configured path cap, historical); the price
//! rounds fed by transactions, one a block (pre-signed, signer.rs); the heaviest state
//! transitions in transactions — a 32-market report and a `refresh_member` assessed by Monte
//! Carlo at the cap, then by historical simulation over the fed rounds, and an option book
//! under the grid (8 legs) by each; the faults (faults.rs); the load (load.rs). After each
//! phase every header since the last check is compared on all four nodes (the app hash:
//! heights checked, mismatches 0). Figures in `<CHAIN_HOME>/cluster-report.md`.
//!
//! Settings (environment, besides node.rs's): `CLUSTER_ROUNDS` price rounds fed (default 110;
//! the historical method at 99 % needs 100; the full figure is 500), `CLUSTER_HISTORY_LEN`
//! (default 500), `CLUSTER_WALLETS` load wallets (default 50, the first 10 members),
//! `CLUSTER_TXS_PER_WALLET` (default 20), `CLUSTER_STALL_SECS` how long a stall is watched
//! (default 12).

use anyhow::{Context, Result};
use cosmwasm_std::Decimal;
use risk_pool::oracle;
use risk_pool::{dao, vault, Amount};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::{Duration, Instant};

use crate::chain::Chain;
use crate::cluster::{self, Cluster};
use crate::scenario::{coin, proposal_id, usdc, wasm_exec, E2e, Suite};
use crate::signer::{self, Call};
use crate::{gas, node, ok, rpc, say};

fn env_u64(name: &str, default: u64) -> Result<u64> {
    match std::env::var(name) {
        Ok(v) => v.parse().with_context(|| format!("{name}={v}")),
        Err(_) => Ok(default),
    }
}

/// The run's knobs (module doc).
pub struct Opts {
    pub rounds: u64,
    pub history_len: u32,
    pub wallets: usize,
    pub txs_per_wallet: usize,
    pub stall_secs: u64,
}

impl Opts {
    pub fn from_env() -> Result<Opts> {
        Ok(Opts {
            rounds: env_u64("CLUSTER_ROUNDS", 110)?,
            history_len: u32::try_from(env_u64("CLUSTER_HISTORY_LEN", 500)?)?,
            wallets: usize::try_from(env_u64("CLUSTER_WALLETS", 50)?)?,
            txs_per_wallet: usize::try_from(env_u64("CLUSTER_TXS_PER_WALLET", 20)?)?,
            stall_secs: env_u64("CLUSTER_STALL_SECS", 12)?,
        })
    }
}

/// The load members: the first fifth of the wallets (at least one).
pub fn members(o: &Opts) -> usize {
    (o.wallets / 5).max(1)
}

pub fn wallet(i: usize) -> String {
    format!("w{i:02}")
}

/// The report's lines.
#[derive(Default)]
pub struct Report {
    pub lines: Vec<String>,
}

impl Report {
    pub fn add(&mut self, line: String) {
        say(&line);
        self.lines.push(line);
    }
}

/// Everything the phases share.
pub struct Run {
    pub e: E2e,
    pub cl: Cluster,
    pub suite: Suite,
    pub o: Opts,
    pub r: Report,
    pub t0: Instant,
    /// gas_used of a 1-market report under the method in force (the load's gas limits).
    pub report_gas: u64,
}

impl Run {
    pub fn chain(&self) -> &Chain {
        &self.e.chain
    }

    pub fn secs(&self) -> f64 {
        self.t0.elapsed().as_secs_f64()
    }

    /// A tx's gas, recorded under `what`.
    fn heavy(&mut self, what: &str, msg: &vault::ExecuteMsg, from: &str) -> Result<u64> {
        let res = self.e.chain.execute(&self.suite.vault, msg, from, None)?;
        let g = res.gas_used()?;
        self.r.add(format!("heavy: {what}: gas_used {} (tx {})", gas::thousands(g), res.txhash));
        Ok(g)
    }

    /// Proposes `msgs` in the DAO (alice's 60 % passes it at once); the proposal.
    fn propose(&self, title: &str, msgs: Vec<cosmwasm_std::CosmosMsg>) -> Result<dao::ProposalResponse> {
        let c = self.chain();
        let p = dao::ExecuteMsg::Propose { title: title.into(), description: "cluster".into(), msgs };
        let id = proposal_id(&c.execute(&self.suite.dao, &p, "alice", None)?)?;
        c.execute(&self.suite.dao, &dao::ExecuteMsg::Vote { proposal_id: id, vote: dao::Vote::Yes }, "alice", None)?;
        let p = self.e.proposal(&self.suite, id)?;
        ok(p.status == dao::Status::Passed, &format!("DAO proposal {id} ({title}) passed"))?;
        Ok(p)
    }

    fn execute_proposal(&self, p: &dao::ProposalResponse) -> Result<()> {
        self.e.wait_executable(p)?;
        self.chain().execute(&self.suite.dao, &dao::ExecuteMsg::Execute { proposal_id: p.id }, "carol", None)?;
        ok(self.e.proposal(&self.suite, p.id)?.status == dao::Status::Executed, &format!("proposal {} executed", p.id))
    }

    pub fn audit(&mut self, phase: &str) -> Result<()> {
        let n = self.cl.audit()?;
        self.r.add(format!(
            "app hash after {phase}: {n} new heights compared on 4 validators (total {} heights, up to {}), mismatches {}",
            self.cl.checked,
            self.cl.audited_to,
            self.cl.mismatches.len()
        ));
        Ok(())
    }

    /// The vault's bank balance against its books, to the unit.
    pub fn books_balance(&self, when: &str) -> Result<()> {
        let st = self.e.vault_state(&self.suite)?;
        let bal = self.chain().balance(&self.suite.vault, crate::scenario::U)?;
        let res = st.check_books(Amount::new(bal));
        ok(
            res.is_ok(),
            &format!(
                "{when}: vault balance {bal} = total_assets {} + unvested {} + member_contributions {} + escrow {} + surplus {} ({res:?})",
                st.total_assets, st.unvested, st.member_contributions, st.escrow, st.surplus
            ),
        )
    }

    /// Σ shares of every underwriter the run knows (the single node's accounts, the extra
    /// validators, the load wallets) against the vault's `total_shares`, to the unit.
    pub fn shares_balance(&self, when: &str) -> Result<()> {
        let st = self.e.vault_state(&self.suite)?;
        let mut names: Vec<String> = node::ACCOUNTS.iter().map(|s| s.to_string()).collect();
        names.extend(cluster::EXTRA_VALIDATORS.iter().map(|s| s.to_string()));
        names.extend((0..self.o.wallets).map(wallet));
        let (mut sum, mut holders) = (0u128, 0usize);
        for n in &names {
            let u: vault::UnderwriterResponse = rpc::smart(
                self.cl.rpc_port(0),
                &self.suite.vault,
                &vault::QueryMsg::Underwriter { address: self.chain().addr(n).to_string() },
            )?;
            holders += usize::from(!u.shares.is_zero());
            sum += u.shares.u128();
        }
        ok(
            sum == st.total_shares.u128(),
            &format!("{when}: Σ shares of the {holders} underwriters = total_shares {} (Σ {sum})", st.total_shares),
        )
    }
}

/// The markets the deployment lists (BTC-PERP and M00..M30) and their starting prices in
/// 10⁻⁴ USD.
fn markets() -> Vec<(String, u64)> {
    std::iter::once(("BTC-PERP".to_string(), 600_000_000))
        .chain((0..31).map(|i| (format!("M{i:02}"), 1_000_000)))
        .collect()
}

/// A price in 10⁻⁴ USD as a decimal.
fn price(p: u64) -> Result<Decimal> {
    Ok(Decimal::from_str(&format!("{}.{:04}", p / 10_000, p % 10_000))?)
}

/// A 32-market linear book, 1,000 + i USDC in market i.
fn book32() -> Result<Vec<oracle::Exposure>> {
    markets()
        .iter()
        .zip(0u128..)
        .map(|((m, _), i)| Ok(oracle::Exposure::linear(m, i128::try_from(usdc(1_000 + i))?)))
        .collect()
}

/// Feeds `target` price rounds: pre-signed `set_prices` txs from the feeder, one broadcast per
/// new block (a round forms at most once per `round_secs` of block time, so more than one a
/// block would only replace the pending submission). Returns (rounds, seconds).
fn feed_rounds(run: &mut Run, target: u64) -> Result<(u64, f64)> {
    let t = Instant::now();
    let s0 = run.cl.nodes[0].clone();
    let (rpc_port, api) = (run.cl.rpc_port(0), run.cl.api_port(0));
    let feeder = run.chain().addr("feeder").to_string();
    let mut state: Vec<(String, u64)> = markets();
    let mut lcg: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut round = |state: &mut Vec<(String, u64)>| -> Result<oracle::ExecuteMsg> {
        let mut prices = Vec::new();
        for (m, c) in state.iter_mut() {
            lcg = lcg.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            // A move in [−0.02 %, +0.02 %]: rounds ~1 s apart scale to the one-day horizon by
            // √86,400 ≈ 294, so about a 3 % daily move at most (BTC-PERP's 65 % a year is ~3.4 % a day).
            let d = (lcg >> 33) % 401;
            *c = (*c * (999_800 + d) / 1_000_000).max(10_000);
            prices.push(oracle::PriceInput { market: m.clone(), price: price(*c)?, implied_vol: None });
        }
        Ok(oracle::ExecuteMsg::SetPrices { prices })
    };
    // The first round through the CLI gives the gas a round costs.
    let first = round(&mut state)?;
    let res = run.chain().execute(&run.suite.oracle, &first, "feeder", None)?;
    let gas = res.gas_used()? * 3 / 2 + 100_000;
    let need = target.saturating_sub(1);
    // As many again for the blocks less than round_secs apart (~half of them at 500 ms
    // timeout_commit: their submission only waits for the next).
    let spare = need + 20;
    let calls = (0..need + spare)
        .map(|_| {
            let msg = serde_json::to_value(crate::wire::strip_nulls(serde_json::to_value(round(&mut state)?)?))?;
            Ok(Call { contract: run.suite.oracle.clone(), msg, funds: None, gas })
        })
        .collect::<Result<Vec<_>>>()?;
    let (acct, seq) = rpc::account(api, &feeder)?;
    let dir = run.e.work.join("rounds");
    std::fs::create_dir_all(&dir)?;
    let txs =
        signer::sign(&s0, api, &signer::Account { key: "feeder", addr: &feeder, number: acct, seq }, &calls, &dir)?;
    say(&format!(
        "{} set_prices txs signed offline ({:.1}s; gas limit {gas} each)",
        txs.len(),
        t.elapsed().as_secs_f64()
    ));
    let rounds = |run: &Run| -> Result<u64> {
        let m: oracle::MarketResponse =
            run.e.smart(&run.suite.oracle, &oracle::QueryMsg::Market { id: "BTC-PERP".into() })?;
        Ok(m.history_rounds)
    };
    let mut h = rpc::height(rpc_port)?;
    let mut have = rounds(run)?;
    let mut sent = 0usize;
    for (k, tx) in txs.iter().enumerate() {
        let (code, log, _) = rpc::broadcast_sync(rpc_port, tx)?;
        anyhow::ensure!(code == 0, "set_prices tx {k} refused at CheckTx ({code}): {log}");
        sent += 1;
        // The next block.
        let w = Instant::now();
        while rpc::height(rpc_port)? <= h {
            anyhow::ensure!(w.elapsed() < Duration::from_secs(60), "no block for 60 s while feeding rounds");
            std::thread::sleep(Duration::from_millis(100));
        }
        h = rpc::height(rpc_port)?;
        if k % 25 == 24 || sent as u64 >= need {
            have = rounds(run)?;
            say(&format!("  rounds: {have} ({sent} set_prices sent, height {h}, {:.0}s)", t.elapsed().as_secs_f64()));
            if have >= target {
                break;
            }
        }
    }
    // The last broadcast's block.
    std::thread::sleep(Duration::from_secs(2));
    have = have.max(rounds(run)?);
    ok(have >= target, &format!("{have} price rounds of 32 markets stored by {} set_prices txs", sent + 1))?;
    Ok((have, t.elapsed().as_secs_f64()))
}

/// The heavy phase: proposals, rounds, Monte Carlo at the cap, historical, option legs.
fn heavy(run: &mut Run) -> Result<()> {
    let s = &run.suite;
    say("== cluster: DAO proposals (load members, Monte Carlo at the cap, historical)");
    let cfg: oracle::ConfigResponse = run.e.smart(&s.oracle, &oracle::QueryMsg::Config {})?;
    let m = members(&run.o);
    let reg = (0..m)
        .map(|i| {
            let terms = vault::MemberTerms {
                member: run.chain().addr(&wallet(i)).to_string(),
                coverage_cap: Amount::new(usdc(1_000_000)),
                premium_rate_bps: 500,
                grace_secs: 604_800,
            };
            wasm_exec(&s.vault, &vault::ExecuteMsg::RegisterMember(terms))
        })
        .collect::<Result<Vec<_>>>()?;
    let p_reg = run.propose("Register the load members", reg)?;
    let method = |m: oracle::Method| {
        wasm_exec(
            &s.oracle,
            &oracle::ExecuteMsg::UpdateConfig(oracle::ConfigUpdate { method: Some(m), ..Default::default() }),
        )
    };
    let paths = cfg.max_paths;
    let p_mc = run.propose("Monte Carlo at the cap", vec![method(oracle::Method::MonteCarlo { paths, seed: 17 })?])?;
    let p_hist = run.propose("Historical", vec![method(oracle::Method::Historical)?])?;

    say(&format!(
        "== cluster: {} price rounds × 32 markets by transaction (history_len {})",
        run.o.rounds, cfg.history_len
    ));
    let (rounds, secs) = feed_rounds(run, run.o.rounds)?;
    run.r.add(format!(
        "rounds: {rounds} rounds × 32 markets fed by tx in {secs:.0}s ({:.2} s a round; 500 rounds would take ~{:.0}s)",
        secs / rounds as f64,
        secs / rounds as f64 * 500.0
    ));
    run.audit("the rounds")?;

    run.execute_proposal(&p_reg)?;
    run.execute_proposal(&p_mc)?;
    let cfg: oracle::ConfigResponse = run.e.smart(&run.suite.oracle, &oracle::QueryMsg::Config {})?;
    ok(
        cfg.method == oracle::Method::MonteCarlo { paths, seed: 17 },
        &format!("the oracle assesses by Monte Carlo, {paths} paths"),
    )?;
    let mm = "deployer";
    let mm_addr = run.chain().addr(mm).to_string();
    run.e.chain.execute(&run.suite.vault, &vault::ExecuteMsg::MemberDeposit {}, mm, Some(&coin(usdc(300_000))))?;
    say(&format!("== cluster: Monte Carlo, {paths} paths (the configured cap), in transactions"));
    let b32 = book32()?;
    run.heavy(
        "Monte Carlo: report_exposure (32 markets)",
        &vault::ExecuteMsg::ReportExposure { exposures: b32.clone() },
        mm,
    )?;
    let refresh = vault::ExecuteMsg::RefreshMember { member: mm_addr.clone() };
    run.heavy("Monte Carlo: refresh_member (32 markets)", &refresh, "carol")?;
    let now = run.chain().chain_time()?;
    let legs = risk_testing::written_strip(now + 30 * 86_400);
    run.heavy(
        "Monte Carlo: report_exposure (8 legs, grid + ladder)",
        &vault::ExecuteMsg::ReportExposure { exposures: legs.clone() },
        mm,
    )?;
    let mem = run.e.member(&run.suite, &mm_addr)?;
    ok(
        mem.exposures == legs && mem.required.u128() > 0,
        &format!("the legs book is stored, required {}", mem.required),
    )?;
    run.audit("Monte Carlo")?;

    run.execute_proposal(&p_hist)?;
    let cfg: oracle::ConfigResponse = run.e.smart(&run.suite.oracle, &oracle::QueryMsg::Config {})?;
    ok(cfg.method == oracle::Method::Historical, "the oracle assesses by historical simulation")?;
    say(&format!("== cluster: historical over {rounds} rounds × 32 markets, in transactions"));
    run.heavy("historical: report_exposure (32 markets)", &vault::ExecuteMsg::ReportExposure { exposures: b32 }, mm)?;
    run.heavy("historical: refresh_member (32 markets)", &refresh, "carol")?;
    let legs = risk_testing::written_strip(run.chain().chain_time()? + 30 * 86_400);
    run.heavy(
        "historical: report_exposure (8 legs, grid + ladder)",
        &vault::ExecuteMsg::ReportExposure { exposures: legs },
        mm,
    )?;
    run.heavy("historical: refresh_member (8 legs)", &refresh, "carol")?;
    run.audit("historical")?;
    Ok(())
}

/// The whole `cluster` run.
pub fn run(root: &Path) -> Result<()> {
    let t0 = Instant::now();
    let o = Opts::from_env()?;
    let base = node::Settings::from_env(root)?;
    node::install(&base)?;
    let wallets: Vec<String> = (0..o.wallets).map(wallet).collect();
    let nodes = cluster::init(&base, &wallets)?;
    let cl = Cluster::start(nodes)?;
    let mut chain = Chain::new(cl.nodes[0].clone())?;
    // Two of four equal validators: past the 33.4 % quorum, every vote yes.
    chain.set_voters(vec![cluster::validator_key(0).into(), cluster::validator_key(1).into()]);
    let work = base.home.join("e2e");
    std::fs::create_dir_all(&work)?;
    let deploy_plan =
        std::env::var("DEPLOY_PLAN").map(PathBuf::from).unwrap_or_else(|_| root.join("target/debug/deploy-plan"));
    let mut e = E2e { chain, work, deploy_plan, bench: gas::Bench::default() };
    let mut r = Report::default();
    r.add(format!("cluster up in {:.0}s (4 validators, equal stake)", t0.elapsed().as_secs_f64()));
    say("== cluster: deployment by governance and the behaviour scenario");
    let history_len = o.history_len;
    let suite = e.deploy_with(|m| m.history_len = Some(history_len))?;
    e.behaviour(&suite)?;
    let mut run = Run { e, cl, suite, o, r, t0, report_gas: 1_000_000 };
    run.r.add(format!("deployment + behaviour done at {:.0}s", run.secs()));
    run.audit("deployment and behaviour")?;
    heavy(&mut run)?;
    run.r.add(format!("heavy phase done at {:.0}s", run.secs()));
    crate::faults::run(&mut run)?;
    run.r.add(format!("faults done at {:.0}s", run.secs()));
    crate::load::run(&mut run)?;
    run.audit("the load")?;
    run.r.add(format!(
        "cluster: all passed in {:.0}s; app hash: {} heights compared on all 4 validators, {} mismatches",
        run.secs(),
        run.cl.checked,
        run.cl.mismatches.len()
    ));
    let text = run.r.lines.join("\n");
    std::fs::write(base.home.join("cluster-report.md"), format!("# cluster run\n\n```text\n{text}\n```\n"))?;
    Ok(())
}
