//! The gas bench's member-scaling rows (issue 15 item 4): the pinned gas of a member's
//! `member_deposit`, `report_exposure` (1 market) and auto-settled `claim_loss` with 1, 16 and
//! 48 active members, an active member being one registered by the owner (the DAO) that holds an
//! exposure, so that its Cover-N row is non-zero. Run last (after the closing steps), so every
//! other figure of the run sees the state it always saw.
//!
//! Steps: the members holding a Cover-N row (the market maker; the DEXs' peaks) are quieted —
//! an empty book, the lookback waited out, a refresh — so the pool requirement is 0; 48 new
//! accounts (`scale-00` measures, the others only hold a book), funded by one multi-send and
//! registered by DAO proposals (the first also raises `max_members` to 64); `scale-00` runs one
//! unmeasured cycle (its first deposit, report and claim); then at each level the other members
//! are activated up to it (a contribution and a 10,000 BTC book each) and `scale-00` runs the
//! measured cycle: `member_deposit` (10,000), a smaller book (unmeasured, a reduction), the
//! 100,000 BTC book again (measured: an increase, so the Cover-N capacity check runs) and a claim
//! of its contribution + 1,000 (measured: auto-settled, the pool pays 1,000 + any premium due).

use anyhow::{ensure, Context, Result};
use cosmwasm_std::Int128;
use risk_pool::{dao, oracle, vault, Amount};

use crate::gas::{scaled, SCALE_MEMBERS};
use crate::scenario::{coin, proposal_id, usdc, wasm_exec, E2e, Suite};
use crate::{ok, say};

/// The DAO's `max_msgs` (the fixture's 16): registrations go in proposals of at most this many.
const MAX_MSGS: usize = 16;
/// The vault's hard member bound today (contracts/pool-vault/src/config.rs `MAX_MEMBERS`).
const MAX_MEMBERS: u32 = 64;
/// Parallel submitters of the activation txs (different accounts: no sequence conflicts).
const WORKERS: usize = 4;

fn name(i: u32) -> String {
    format!("scale-{i:02}")
}

/// A one-market BTC-PERP book of `usd` notional.
fn btc(usd: u128) -> Result<vault::ExecuteMsg> {
    let notional = Int128::new(i128::try_from(usdc(usd))?).into();
    Ok(vault::ExecuteMsg::ReportExposure {
        exposures: vec![oracle::Exposure { market: "BTC-PERP".into(), notional, option: None }],
    })
}

impl E2e {
    pub fn member_scaling(&mut self, s: &Suite) -> Result<()> {
        let most = SCALE_MEMBERS.iter().copied().max().unwrap_or(1);
        let v = s.vault.clone();
        let mm = self.chain.addr("deployer").to_string();

        say("member scaling: quiet the members holding a Cover-N row (an empty book for the market maker)");
        self.chain.execute(&v, &vault::ExecuteMsg::ReportExposure { exposures: vec![] }, "deployer", None)?;
        let quiet_from = self.chain.chain_time()?;

        say(&format!("member scaling: {most} accounts, funded, registered by DAO proposals"));
        let mut addrs = Vec::new();
        for i in 0..most {
            addrs.push(self.chain.add_key(&name(i))?);
        }
        let amount = format!("10000000000000000000inj,{}", coin(usdc(100_000))); // 10 INJ, 100,000 USDC
        let mut args = vec!["bank", "multi-send", "validator"];
        args.extend(addrs.iter().map(String::as_str));
        args.extend([amount.as_str(), "--from", "validator"]);
        self.chain.tx(&args)?;
        let terms = |m: &str| vault::MemberTerms {
            member: m.to_string(),
            coverage_cap: Amount::new(usdc(1_000_000)),
            premium_rate_bps: 500,
            grace_secs: 604_800,
        };
        let update = vault::ConfigUpdate { max_members: Some(MAX_MEMBERS), ..Default::default() };
        let mut msgs = vec![wasm_exec(&v, &vault::ExecuteMsg::UpdateConfig(update))?];
        for a in &addrs {
            msgs.push(wasm_exec(&v, &vault::ExecuteMsg::RegisterMember(terms(a)))?);
        }
        let mut props = Vec::new();
        for (k, chunk) in msgs.chunks(MAX_MSGS).enumerate() {
            let propose = dao::ExecuteMsg::Propose {
                title: format!("Register scaling members ({})", k + 1),
                description: String::new(),
                msgs: chunk.to_vec(),
            };
            let id = proposal_id(&self.chain.execute(&s.dao, &propose, "alice", None)?)?;
            let vote = dao::ExecuteMsg::Vote { proposal_id: id, vote: dao::Vote::Yes };
            self.chain.execute(&s.dao, &vote, "alice", None)?;
            props.push(id);
        }
        for id in &props {
            let p = self.proposal(s, *id)?;
            ensure!(p.status == dao::Status::Passed, "scaling proposal {id}: {:?}", p.status);
            self.wait_executable(&p)?;
            self.chain.execute(&s.dao, &dao::ExecuteMsg::Execute { proposal_id: *id }, "bob", None)?;
        }
        let cfg: vault::ConfigResponse = self.smart(&v, &vault::QueryMsg::Config {})?;
        ok(
            cfg.max_members == MAX_MEMBERS && self.member(s, &addrs[addrs.len() - 1])?.coverage_cap.u128() > 0,
            &format!("{most} members registered by the DAO (max_members {})", cfg.max_members),
        )?;

        // The lookback (20 s) past the quieting, then a refresh of each: their peaks lapse.
        let lookback = cfg.member_lookback_secs;
        self.chain.wait_chain_time(quiet_from + lookback + 1)?;
        for m in [mm.as_str(), s.dex.as_str(), s.odex.as_str()] {
            self.chain.execute(&v, &vault::ExecuteMsg::RefreshMember { member: m.to_string() }, "carol", None)?;
        }
        ok(self.vault_state(s)?.pool_requirement.is_zero(), "no member holds a Cover-N requirement")?;

        // scale-00's first cycle, unmeasured: its first contribution, book and claim.
        let first = name(0);
        self.cycle(s, &first, None)?;
        let mut active = 1u32;
        for level in SCALE_MEMBERS {
            let others: Vec<String> = (active..level).map(name).collect();
            self.activate(s, &others)?;
            active = level;
            let req = self.vault_state(s)?.pool_requirement;
            say(&format!("member scaling: {level} active members (pool requirement {req})"));
            self.cycle(s, &first, Some(level))?;
        }
        Ok(())
    }

    /// Each of `members`: a 1,000 contribution and a 10,000 BTC book (uncovered: its stress loss
    /// beyond the contribution, non-zero), `WORKERS` accounts at a time.
    fn activate(&self, s: &Suite, members: &[String]) -> Result<()> {
        let (c, v) = (&self.chain, s.vault.as_str());
        let book = btc(10_000)?;
        let per = members.len().div_ceil(WORKERS).max(1);
        std::thread::scope(|scope| {
            let jobs: Vec<_> = members
                .chunks(per)
                .map(|chunk| {
                    let book = &book;
                    scope.spawn(move || -> Result<()> {
                        for m in chunk {
                            c.execute(v, &vault::ExecuteMsg::MemberDeposit {}, m, Some(&coin(usdc(1_000))))?;
                            c.execute(v, book, m, None)?;
                        }
                        Ok(())
                    })
                })
                .collect();
            jobs.into_iter().try_for_each(|j| j.join().map_err(|_| anyhow::anyhow!("an activation thread panicked"))?)
        })?;
        for m in members {
            let r = self.member(s, c.addr(m))?;
            ensure!(r.exposures.len() == 1 && !r.contribution.is_zero(), "{m} is not active: {r:?}");
        }
        Ok(())
    }

    /// `member`'s cycle: `member_deposit`, a reduction, the 100,000 BTC book, a claim of its
    /// contribution + 1,000; measured (pinned) under the level's names when `level` is given.
    fn cycle(&mut self, s: &Suite, member: &str, level: Option<u32>) -> Result<()> {
        let v = s.vault.clone();
        let treasury = self.chain.addr("treasury").to_string();
        let addr = self.chain.addr(member).to_string();
        let run = |e: &mut E2e, action: &str, msg: &vault::ExecuteMsg, funds: Option<&str>| match level {
            Some(n) => e.measure(&scaled(action, n), true, &v, msg, member, funds),
            None => e.chain.execute(&v, msg, member, funds),
        };
        run(self, "member_deposit", &vault::ExecuteMsg::MemberDeposit {}, Some(&coin(usdc(10_000))))?;
        if level.is_some() {
            self.chain.execute(&v, &btc(50_000)?, member, None)?;
        }
        let res = run(self, "report_exposure (1 markets)", &btc(100_000)?, None)?;
        ensure!(res.attr("wasm", "reduction") == Some("false"), "{member}'s report is not an increase");
        let m = self.member(s, &addr)?;
        let claim = vault::ExecuteMsg::ClaimLoss {
            amount: Amount::new(m.contribution.u128() + usdc(1_000)),
            recipient: treasury,
            memo: None,
        };
        let res = run(self, "claim_loss (auto)", &claim, None)?;
        let paid: u128 = res.attr("wasm", "paid_by_pool").context("claim: no paid_by_pool")?.parse()?;
        ensure!(
            res.attr("wasm", "claim_status") == Some("settled") && paid >= usdc(1_000),
            "{member}'s claim did not auto-settle with a pool part: {:?}, {paid}",
            res.attr("wasm", "claim_status")
        );
        if let Some(n) = level {
            say(&format!("  {member} at {n} active members: deposit, increase and auto-settled claim measured"));
        }
        Ok(())
    }
}
