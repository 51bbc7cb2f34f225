//! The faults, on the running cluster: validator 3 SIGKILLed in the middle of a member's claim
//! flow (the chain goes on with 3 of 4, the claim settles, the node restarts and catches up to
//! the same app hashes, the books balance, the pool paying the part of the claim past the
//! member's contribution); validator 1 SIGKILLed and restarted at once (a short outage: it
//! rejoins, signs again, same app hashes); then validators 2 and 3 down together (no height
//! for `CLUSTER_STALL_SECS`, a deposit sent meanwhile is in the mempool and not in a block,
//! the state unchanged), validator 3 back (the chain resumes, the deposit is committed once),
//! validator 2 back and caught up. Every moment goes to the report's timeline.

use anyhow::{ensure, Context, Result};
use risk_pool::{vault, Amount};
use std::time::{Duration, Instant};

use crate::consensus::Run;
use crate::scenario::{coin, usdc, U};
use crate::signer::{self, Call};
use crate::{ok, rpc, say};

/// A timeline entry: seconds since the run began.
fn mark(run: &mut Run, what: &str) {
    let line = format!("fault timeline {:7.1}s: {what}", run.secs());
    run.r.add(line);
}

pub fn run(run: &mut Run) -> Result<()> {
    claim_with_a_crash(run)?;
    short_outage(run)?;
    stall_and_resume(run)
}

/// Waits until node 0's height passes `h`; the new height and the seconds waited.
fn next_height(run: &Run, h: u64, timeout: Duration) -> Result<(u64, f64)> {
    let t = Instant::now();
    loop {
        let now = rpc::height(run.cl.rpc_port(0))?;
        if now > h {
            return Ok((now, t.elapsed().as_secs_f64()));
        }
        ensure!(t.elapsed() < timeout, "no height above {h} within {timeout:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Restarts validator `i` and waits until it has every height node 0 had at its restart.
fn restart_and_catch_up(run: &mut Run, i: usize) -> Result<()> {
    let t = Instant::now();
    run.cl.restart(i)?;
    let target = rpc::height(run.cl.rpc_port(0))?;
    mark(run, &format!("validator {i} restarted (pid {}); node 0 at height {target}", run.cl.pid(i).unwrap_or(0)));
    let secs = run.cl.wait_node_height(i, target, Duration::from_secs(180))?;
    mark(
        run,
        &format!(
            "validator {i} caught up to height {target} ({:.1}s after restart, {secs:.1}s after it first answered)",
            t.elapsed().as_secs_f64()
        ),
    );
    Ok(())
}

fn claim_with_a_crash(run: &mut Run) -> Result<()> {
    say("== cluster fault 1: a validator SIGKILLed in the middle of a claim flow");
    let mm = "deployer";
    let mm_addr = run.chain().addr(mm).to_string();
    // Not the treasury: it also takes the protocol fee of any premium due the claim collects.
    let treasury = run.chain().addr("guardian").to_string();
    let v = run.suite.vault.clone();
    // Half the bench's book: the pool's capacity after the behaviour claims carries its Cover-N.
    let one = risk_pool::oracle::Exposure::linear("BTC-PERP", i128::try_from(usdc(500_000))?);
    let res = run.e.chain.execute(&v, &vault::ExecuteMsg::ReportExposure { exposures: vec![one] }, mm, None)?;
    run.report_gas = res.gas_used()?;
    run.r.add(format!("heavy: historical: report_exposure (1 market): gas_used {}", run.report_gas));
    run.e.chain.execute(&v, &vault::ExecuteMsg::MemberDeposit {}, mm, Some(&coin(usdc(20_000))))?;
    mark(run, "claim flow: member reported 500,000 BTC-PERP and deposited 20,000 USDC");
    let h0 = rpc::height(run.cl.rpc_port(0))?;
    run.cl.kill(3)?;
    mark(run, &format!("validator 3 SIGKILLed at height {h0} (3 of 4 left: 75 % of the power)"));
    // The waterfall: the member's contribution first (less the premium due the claim takes
    // from it), then the pool, up to the claim limit and the coverage left; the rest denied.
    // Claiming the contribution + 5,000 USDC (within both, and the auto-approval limit) makes
    // the pool pay a positive part.
    let m = run.e.member(&run.suite, &mm_addr)?;
    let coverage_left = m.coverage_cap.u128().saturating_sub(m.coverage_used.u128());
    let pool_part = usdc(5_000).min(m.claim_limit.u128()).min(coverage_left);
    ok(
        pool_part > 0,
        &format!("claim limit {} and coverage left {coverage_left} leave the pool a part", m.claim_limit),
    )?;
    let amount = m.contribution.u128() + pool_part;
    say(&format!("  contribution {}, claim limit {}: claiming {amount}", m.contribution, m.claim_limit));
    let t0 = run.chain().balance(&treasury, U)?;
    let cov0: vault::CoverageReportResponse =
        run.e.smart(&v, &vault::QueryMsg::CoverageReport { start_after: None, limit: None })?;
    let claim = vault::ExecuteMsg::ClaimLoss { amount: Amount::new(amount), recipient: treasury.clone(), memo: None };
    let res = run.e.chain.execute(&v, &claim, mm, None)?;
    let status = res.attr("wasm", "claim_status").unwrap_or_default().to_string();
    let premium: u128 = res.attr("wasm", "premium_taken").context("claim_loss: no premium_taken")?.parse()?;
    let id = res.attr_u64("wasm", "claim_id")?;
    let c = run.e.claim(&run.suite, id)?;
    let (by_member, by_pool) = (c.paid_by_member.u128(), c.paid_by_pool.u128());
    let received = run.chain().balance(&treasury, U)? - t0;
    mark(
        run,
        &format!(
            "claim_loss {amount} committed with validator 3 down: {status}; paid by the member {by_member} \
             (contribution {} − premium due {premium}), by the pool {by_pool}, denied {}, shortfall {}; recipient +{received}",
            m.contribution, c.denied, c.shortfall
        ),
    );
    ok(status == "settled", "the claim settled with 3 of 4 validators")?;
    // The member pays all it has; the pool the rest (the premium due taken moves to the pool's
    // part: still within the claim limit and the coverage left at 5,000 USDC + a few units).
    let expect_member = m.contribution.u128() - premium;
    ok(
        c.amount.u128() == amount
            && by_member == expect_member
            && by_pool == amount - expect_member
            && by_pool > 0
            && c.denied.is_zero()
            && c.shortfall.is_zero()
            && received == amount,
        &format!(
            "claim {id}: member {by_member} = contribution {} − premium {premium}, pool {by_pool} > 0 = {amount} − {by_member}, \
             the recipient received {received} = the amount",
            m.contribution
        ),
    )?;
    let cov1: vault::CoverageReportResponse =
        run.e.smart(&v, &vault::QueryMsg::CoverageReport { start_after: None, limit: None })?;
    let after = run.e.member(&run.suite, &mm_addr)?;
    ok(
        cov1.losses_paid_by_pool.u128() - cov0.losses_paid_by_pool.u128() == by_pool
            && cov1.losses_paid_by_members.u128() - cov0.losses_paid_by_members.u128() == by_member
            && after.contribution.is_zero()
            && after.coverage_used.u128() - m.coverage_used.u128() == by_pool,
        &format!(
            "the pool's books: losses paid by the pool +{by_pool}, by members +{by_member}; the member's contribution 0, coverage used +{by_pool}"
        ),
    )?;
    let (h1, _) = next_height(run, h0 + 3, Duration::from_secs(60))?;
    mark(run, &format!("chain went on without validator 3: height {h0} -> {h1}"));
    run.books_balance("after the claim, validator 3 down")?;
    restart_and_catch_up(run, 3)?;
    run.audit("fault 1 (the restarted node's heights included)")?;
    run.books_balance("after validator 3 caught up")?;
    run.shares_balance("after validator 3 caught up")
}

/// Validator 1 SIGKILLed and restarted at once (a crash and a supervisor's restart): it answers
/// again within ~2 s, catches up, signs blocks again (its precommit in a commit after the
/// restart), and every height of the outage has the same app hash on all four. Reported: the
/// seconds to answer, to catch up and to sign again, and how many commits lacked its precommit.
fn short_outage(run: &mut Run) -> Result<()> {
    say("== cluster fault 2: a validator SIGKILLed and restarted at once (a short outage)");
    let i = 1;
    let rpc0 = run.cl.rpc_port(0);
    let val = rpc::validator_address(run.cl.rpc_port(i))?;
    let h0 = rpc::height(rpc0)?;
    let t = Instant::now();
    run.cl.kill(i)?;
    run.cl.restart(i)?;
    let answered = t.elapsed().as_secs_f64();
    let h_up = rpc::height(rpc0)?;
    mark(
        run,
        &format!(
            "validator {i} SIGKILLed at height {h0} and restarted at once (pid {}): answering {answered:.1}s after the kill, node 0 at height {h_up}",
            run.cl.pid(i).unwrap_or(0)
        ),
    );
    ok(answered < 5.0, &format!("validator {i} answers {answered:.1}s after the kill (a short outage: < 5 s)"))?;
    run.cl.wait_node_height(i, h_up, Duration::from_secs(60))?;
    let caught = t.elapsed().as_secs_f64();
    // Its precommit again: the first commit carrying it of a height whose round began after
    // the node answered again (above h_up + 1: h_up + 1's round may have begun before the kill,
    // with the old process's precommit). Each commit is asked once a later block exists, so it
    // is the canonical one.
    let (mut h, mut missed) = (h0 + 1, 0u64);
    let back = loop {
        ensure!(t.elapsed() < Duration::from_secs(60), "validator {i} signed no commit within 60 s of its restart");
        if rpc::height(rpc0)? <= h {
            std::thread::sleep(Duration::from_millis(200));
            continue;
        }
        if rpc::signed(rpc0, h, &val)? {
            if h > h_up + 1 {
                break h;
            }
        } else {
            missed += 1;
        }
        h += 1;
    };
    mark(
        run,
        &format!(
            "validator {i} caught up {caught:.1}s after the kill, its precommit in the commit of height {back} \
             ({:.1}s after the kill); {missed} of the {} commits {}..={back} lack it",
            t.elapsed().as_secs_f64(),
            back - h0,
            h0 + 1,
        ),
    );
    run.audit("fault 2 (the short outage)")
}

fn stall_and_resume(run: &mut Run) -> Result<()> {
    say("== cluster fault 3: two validators down, the chain stalls and resumes");
    let carol = run.chain().addr("carol").to_string();
    let v = run.suite.vault.clone();
    let (rpc0, api0) = (run.cl.rpc_port(0), run.cl.api_port(0));
    let deposit = usdc(12_345);
    let preview: vault::PreviewDepositResponse =
        run.e.smart(&v, &vault::QueryMsg::PreviewDeposit { amount: Amount::new(deposit) })?;
    // Signed before the stall (signing is offline; the account number and sequence are read now).
    let (acct, seq) = rpc::account(api0, &carol)?;
    let call = Call {
        contract: v.clone(),
        msg: serde_json::to_value(vault::ExecuteMsg::Deposit { recipient: None })?,
        funds: Some((deposit, U.to_string())),
        gas: 600_000,
    };
    let dir = run.e.work.join("stall");
    std::fs::create_dir_all(&dir)?;
    let tx = signer::sign(
        &run.cl.nodes[0],
        api0,
        &signer::Account { key: "carol", addr: &carol, number: acct, seq },
        &[call],
        &dir,
    )?
    .remove(0);
    run.cl.kill(2)?;
    run.cl.kill(3)?;
    let h_kill = rpc::height(rpc0)?;
    mark(run, &format!("validators 2 and 3 SIGKILLed at height {h_kill} (2 of 4 left: 50 %, below 2/3)"));
    // A block already in flight may still commit: settle, then watch.
    std::thread::sleep(Duration::from_secs(3));
    let h_a = rpc::height(rpc0)?;
    let shares0 = run.e.underwriter(&run.suite, &carol)?.shares;
    let bal0 = run.chain().balance(&v, U)?;
    let (code, log, hash) = rpc::broadcast_sync(rpc0, &tx)?;
    ok(code == 0, &format!("a deposit sent while stalled passes CheckTx into the mempool (hash {hash}; {log})"))?;
    mark(run, &format!("deposit of {deposit} broadcast while stalled at height {h_a}"));
    std::thread::sleep(Duration::from_secs(run.o.stall_secs));
    let h_b = rpc::height(rpc0)?;
    ok(
        h_b == h_a,
        &format!("no new height for {} s with 2 of 4 validators (height {h_a} -> {h_b})", run.o.stall_secs),
    )?;
    ok(rpc::tx_result(rpc0, &hash)?.is_none(), "the stalled deposit is in no block")?;
    ok(
        run.e.underwriter(&run.suite, &carol)?.shares == shares0 && run.chain().balance(&v, U)? == bal0,
        "nothing of it is applied: carol's shares and the vault's balance unchanged",
    )?;
    mark(run, &format!("stalled at height {h_a} for {} s", run.o.stall_secs));
    let t_resume = Instant::now();
    run.cl.restart(3)?;
    mark(run, &format!("validator 3 restarted (pid {})", run.cl.pid(3).unwrap_or(0)));
    let (h_c, _) = next_height(run, h_b, Duration::from_secs(120))?;
    mark(
        run,
        &format!("chain resumed: height {h_b} -> {h_c}, {:.1}s after the restart", t_resume.elapsed().as_secs_f64()),
    );
    let t = Instant::now();
    let committed = loop {
        if let Some(r) = rpc::tx_result(rpc0, &hash)? {
            break r;
        }
        ensure!(
            t.elapsed() < Duration::from_secs(60),
            "the stalled deposit was not committed within 60 s of the resume"
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    ok(committed.1 == 0, &format!("the stalled deposit committed at height {} (code {})", committed.0, committed.1))?;
    let shares1 = run.e.underwriter(&run.suite, &carol)?.shares;
    let res: crate::chain::TxResponse = serde_json::from_value(run.chain().q(&["tx", &hash])?)?;
    let minted: u128 = res.attr("wasm", "shares").context("the deposit minted no shares")?.parse()?;
    ok(
        shares1.u128() - shares0.u128() == minted && run.chain().balance(&v, U)? - bal0 == deposit,
        &format!(
            "applied once: carol's shares +{minted} (the tx's minted shares; the preview before the stall said {}), the vault's balance +{deposit}",
            preview.shares
        ),
    )?;
    let (_, seq1) = rpc::account(api0, &carol)?;
    ok(seq1 == seq + 1, &format!("carol's sequence {seq} -> {seq1}: one tx, once"))?;
    mark(run, &format!("stalled deposit committed once at height {}", committed.0));
    run.books_balance("after the resume")?;
    restart_and_catch_up(run, 2)?;
    run.audit("fault 3").context("audit after fault 3")
}
