//! The load: `CLUSTER_WALLETS` funded wallets (the first fifth members, registered by the DAO
//! in the heavy phase; the rest underwriters) send `CLUSTER_TXS_PER_WALLET` transactions each,
//! concurrently, over loopback: a first wave (a deposit or a member deposit each), then, once
//! the deposit lock has passed, the rest — deposits, withdrawal requests and premiums from the
//! underwriters, exposure reports and premiums from the members — with deliberately bad ones
//! mixed in (a deposit in the wrong denom, an exposure far over the member's limit, an
//! unauthorised `register_member`). All signed offline (signer.rs), broadcast by 8 threads,
//! each wallet's txs in sequence order.
//!
//! Asserted: every tx passes CheckTx and is committed; every good one succeeds or fails with
//! a typed contract error; every bad one fails with its typed error; every wallet's sequence
//! advanced by exactly its tx count; the vault's balance equals its books to the unit; the
//! underwriters' shares sum to `total_shares`. Reported: throughput, gas per block, p50/p99
//! inclusion latency (broadcast to the first 100 ms poll that sees the block).

use anyhow::{ensure, Context, Result};
use risk_pool::{oracle, vault, Amount, Shares};
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::consensus::{members, wallet, Run};
use crate::scenario::{usdc, U};
use crate::signer::{self, Call};
use crate::{gas, node, ok, rpc, say};

/// What a tx is for, and the typed error a bad one must fail with.
#[derive(Clone, Debug)]
struct Planned {
    wallet: usize,
    kind: &'static str,
    bad: Option<&'static [&'static str]>,
    call: Call,
}

/// A broadcast's outcome.
#[derive(Clone, Debug)]
struct Sent {
    idx: usize,
    sent: Instant,
    check_code: u32,
    check_log: String,
    hash: String,
}

const WRONG_DENOM: &[&str] = &["wrong asset"];
const OVER_LIMIT: &[&str] = &["insufficient contribution", "pool capacity exceeded", "coverage"];
const UNAUTHORISED: &[&str] = &["unauthorized"];

fn msg<M: serde::Serialize>(m: &M) -> Result<Value> {
    Ok(crate::wire::strip_nulls(serde_json::to_value(m)?))
}

/// Each wallet's txs, the first-wave one first.
fn plan(run: &Run, report_gas: u64) -> Result<Vec<Vec<Planned>>> {
    let v = run.suite.vault.clone();
    let m = members(&run.o);
    let n = run.o.txs_per_wallet.max(2);
    let small = 600_000;
    let call = |msg: Value, funds: Option<(u128, String)>, gas: u64| Call { contract: v.clone(), msg, funds, gas };
    let mut all = Vec::new();
    for w in 0..run.o.wallets {
        let mut txs = Vec::new();
        let p = |kind, bad, call| Planned { wallet: w, kind, bad, call };
        if w < m {
            txs.push(p(
                "member_deposit",
                None,
                call(msg(&vault::ExecuteMsg::MemberDeposit {})?, Some((usdc(100_000), U.into())), small),
            ));
            let me = run.chain().addr(&wallet(w)).to_string();
            for k in 1..n {
                if k % 4 == 0 {
                    let pay = vault::ExecuteMsg::PayPremium { member: me.clone() };
                    txs.push(p("pay_premium", None, call(msg(&pay)?, Some((usdc(1), U.into())), small)));
                } else {
                    let notional = i128::try_from(usdc(1_000 + 500 * u128::try_from(k)?))?;
                    let signed = if k % 2 == 0 { -notional } else { notional };
                    let market = if k % 3 == 0 { "M00" } else { "BTC-PERP" };
                    let r =
                        vault::ExecuteMsg::ReportExposure { exposures: vec![oracle::Exposure::linear(market, signed)] };
                    txs.push(p("report_exposure", None, call(msg(&r)?, None, report_gas)));
                }
            }
            if w % 5 == 1 {
                // Far past what its contribution can carry.
                let r = vault::ExecuteMsg::ReportExposure {
                    exposures: vec![oracle::Exposure::linear("BTC-PERP", i128::try_from(usdc(1_000_000_000))?)],
                };
                txs.insert(
                    n / 2,
                    p("report_exposure (over limit)", Some(OVER_LIMIT), call(msg(&r)?, None, report_gas)),
                );
            }
        } else {
            let dep = msg(&vault::ExecuteMsg::Deposit { recipient: None })?;
            txs.push(p("deposit", None, call(dep.clone(), Some((usdc(1_000), U.into())), small)));
            for k in 1..n {
                let member = run.chain().addr(&wallet(k % m)).to_string();
                match k % 5 {
                    0 | 3 => txs.push(p("deposit", None, call(dep.clone(), Some((usdc(100), U.into())), small))),
                    1 => {
                        // 1 USDC of shares (10⁶ shares a base unit at the start; a little more
                        // value now): well inside the first wave's unlocked 1,000 USDC.
                        let r = vault::ExecuteMsg::RequestWithdraw { shares: Shares::new(usdc(1) * 1_000_000) };
                        txs.push(p("request_withdraw", None, call(msg(&r)?, None, small)));
                    }
                    _ => {
                        let pay = vault::ExecuteMsg::PayPremium { member };
                        txs.push(p("pay_premium", None, call(msg(&pay)?, Some((usdc(1), U.into())), small)));
                    }
                }
            }
            if w % 10 == 5 {
                txs.insert(
                    n / 2,
                    p(
                        "deposit (wrong denom)",
                        Some(WRONG_DENOM),
                        call(dep.clone(), Some((1_000_000, node::DENOM.into())), small),
                    ),
                );
            }
            if w % 10 == 7 {
                let terms = vault::MemberTerms {
                    member: run.chain().addr(&wallet(w)).to_string(),
                    coverage_cap: Amount::new(usdc(1_000)),
                    premium_rate_bps: 1,
                    grace_secs: 1,
                };
                let r = vault::ExecuteMsg::RegisterMember(terms);
                txs.insert(
                    n / 2 + 1,
                    p("register_member (unauthorised)", Some(UNAUTHORISED), call(msg(&r)?, None, small)),
                );
            }
        }
        all.push(txs);
    }
    Ok(all)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let k = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[k.min(sorted.len() - 1)]
}

/// Broadcasts `txs` (per wallet, in order) from `threads` threads, wallets interleaved.
fn broadcast(rpc_port: u16, txs: &[Vec<(usize, String)>], threads: usize) -> Vec<Sent> {
    let out = Mutex::new(Vec::new());
    std::thread::scope(|sc| {
        for t in 0..threads {
            let out = &out;
            sc.spawn(move || {
                let mine: Vec<&Vec<(usize, String)>> = txs.iter().skip(t).step_by(threads).collect();
                let longest = mine.iter().map(|v| v.len()).max().unwrap_or(0);
                for k in 0..longest {
                    for w in &mine {
                        let Some((idx, tx)) = w.get(k) else { continue };
                        let sent = Instant::now();
                        let (check_code, check_log, hash) = match rpc::broadcast_sync(rpc_port, tx) {
                            Ok(r) => r,
                            Err(e) => (u32::MAX, format!("{e:#}"), String::new()),
                        };
                        if let Ok(mut o) = out.lock() {
                            o.push(Sent { idx: *idx, sent, check_code, check_log, hash });
                        }
                    }
                }
            });
        }
    });
    let mut v = out.into_inner().unwrap_or_default();
    v.sort_by_key(|s| s.idx);
    v
}

/// Polls until every hash is in a block (or `timeout`); hash → (height, code, log).
fn wait_committed(rpc_port: u16, hashes: &[String], timeout: Duration) -> Result<BTreeMap<String, (u64, u32, String)>> {
    let t = Instant::now();
    let mut done = BTreeMap::new();
    loop {
        for h in hashes {
            if !done.contains_key(h) {
                if let Some(r) = rpc::tx_result(rpc_port, h)? {
                    done.insert(h.clone(), r);
                }
            }
        }
        if done.len() == hashes.len() {
            return Ok(done);
        }
        ensure!(
            t.elapsed() < timeout,
            "{} of {} txs not committed within {timeout:?}",
            hashes.len() - done.len(),
            hashes.len()
        );
        std::thread::sleep(Duration::from_millis(500));
    }
}

pub fn run(run: &mut Run) -> Result<()> {
    say(&format!(
        "== cluster load: {} wallets × {} txs (+ the bad ones), signed offline, broadcast concurrently",
        run.o.wallets, run.o.txs_per_wallet
    ));
    let (rpc0, api0) = (run.cl.rpc_port(0), run.cl.api_port(0));
    let s0 = run.cl.nodes[0].clone();
    let report_gas = run.report_gas * 2 + 200_000;
    let plans = plan(run, report_gas)?;
    let flat: Vec<&Planned> = plans.iter().flatten().collect();
    let t_sign = Instant::now();
    let dir = run.e.work.join("load");
    std::fs::create_dir_all(&dir)?;
    // (wallet → its signed txs with their flat index), signed two wallets at a time.
    let mut signed: Vec<Vec<(usize, String)>> = vec![Vec::new(); plans.len()];
    let mut start_seq = vec![0u64; plans.len()];
    let mut base = 0usize;
    let mut jobs = Vec::new();
    for (w, p) in plans.iter().enumerate() {
        let addr = run.chain().addr(&wallet(w)).to_string();
        let (acct, seq) = rpc::account(api0, &addr)?;
        start_seq[w] = seq;
        jobs.push((w, addr, acct, seq, base, p.iter().map(|x| x.call.clone()).collect::<Vec<_>>()));
        base += p.len();
    }
    let results = Mutex::new(Vec::new());
    std::thread::scope(|sc| {
        for t in 0..2 {
            let (jobs, results, s0, dir) = (&jobs, &results, &s0, &dir);
            sc.spawn(move || {
                for (w, addr, acct, seq, base, calls) in jobs.iter().skip(t).step_by(2) {
                    let key = wallet(*w);
                    let a = signer::Account { key: &key, addr, number: *acct, seq: *seq };
                    let r = signer::sign(s0, api0, &a, calls, dir);
                    if let Ok(mut o) = results.lock() {
                        o.push((*w, *base, r));
                    }
                }
            });
        }
    });
    for (w, base, r) in results.into_inner().unwrap_or_default() {
        let txs = r.with_context(|| format!("signing {}", wallet(w)))?;
        signed[w] = txs.into_iter().enumerate().map(|(k, tx)| (base + k, tx)).collect();
    }
    let n_txs = flat.len();
    let n_bad = flat.iter().filter(|p| p.bad.is_some()).count();
    run.r.add(format!(
        "load: {n_txs} txs ({n_bad} deliberately bad) from {} wallets signed offline in {:.1}s",
        plans.len(),
        t_sign.elapsed().as_secs_f64()
    ));

    // Heights as a 100 ms poll first sees them.
    let seen: Mutex<BTreeMap<u64, Instant>> = Mutex::new(BTreeMap::new());
    let stop = AtomicBool::new(false);
    let h_start = rpc::height(rpc0)?;
    let (sent, committed, t_first, wave2_at) = std::thread::scope(|sc| -> Result<_> {
        let (seen_r, stop_r) = (&seen, &stop);
        sc.spawn(move || {
            while !stop_r.load(Ordering::Relaxed) {
                if let Ok(h) = rpc::height(rpc0) {
                    if let Ok(mut m) = seen_r.lock() {
                        m.entry(h).or_insert_with(Instant::now);
                    }
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        });
        let result = (|| -> Result<_> {
            let wave1: Vec<Vec<(usize, String)>> = signed.iter().map(|v| v.iter().take(1).cloned().collect()).collect();
            let wave2: Vec<Vec<(usize, String)>> = signed.iter().map(|v| v.iter().skip(1).cloned().collect()).collect();
            let t_first = Instant::now();
            let mut sent = broadcast(rpc0, &wave1, 8);
            let hashes: Vec<String> = sent.iter().map(|s| s.hash.clone()).filter(|h| !h.is_empty()).collect();
            let mut committed = wait_committed(rpc0, &hashes, Duration::from_secs(120))?;
            say(&format!(
                "  wave 1: {} txs committed ({:.1}s); the deposit lock passes",
                committed.len(),
                t_first.elapsed().as_secs_f64()
            ));
            std::thread::sleep(Duration::from_secs(6));
            let wave2_at = Instant::now();
            let mut sent2 = broadcast(rpc0, &wave2, 8);
            say(&format!("  wave 2: {} txs broadcast in {:.1}s", sent2.len(), wave2_at.elapsed().as_secs_f64()));
            let hashes: Vec<String> = sent2.iter().map(|s| s.hash.clone()).filter(|h| !h.is_empty()).collect();
            committed.extend(wait_committed(rpc0, &hashes, Duration::from_secs(300))?);
            sent.append(&mut sent2);
            Ok((sent, committed, t_first, wave2_at))
        })();
        stop.store(true, Ordering::Relaxed);
        result
    })?;
    let seen = seen.into_inner().unwrap_or_default();

    // Every broadcast into the mempool, every tx in a block.
    let refused: Vec<String> = sent
        .iter()
        .filter(|s| s.check_code != 0)
        .map(|s| format!("{} {}: {}", wallet(flat[s.idx].wallet), flat[s.idx].kind, s.check_log))
        .collect();
    ok(refused.is_empty(), &format!("all {} txs passed CheckTx (refused: {refused:?})", sent.len()))?;
    ok(committed.len() == n_txs, &format!("all {n_txs} txs committed"))?;
    let mut good_fail: BTreeMap<String, usize> = BTreeMap::new();
    let mut good_ok = 0usize;
    let mut bad_ok = Vec::new();
    let mut by_kind: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for s in &sent {
        let p = flat[s.idx];
        let (_, code, log) = &committed[&s.hash];
        let e = by_kind.entry(p.kind).or_default();
        if *code == 0 {
            e.0 += 1;
        } else {
            e.1 += 1;
        }
        match (p.bad, *code) {
            (None, 0) => good_ok += 1,
            (None, _) => {
                let typed = log.contains("execute wasm contract failed");
                ensure!(typed, "good tx {} {} failed untyped: {log}", wallet(p.wallet), p.kind);
                *good_fail.entry(node::tail(log, 160).to_string()).or_default() += 1;
            }
            (Some(expect), code) => {
                if code == 0 || !expect.iter().any(|x| log.contains(x)) {
                    bad_ok.push(format!("{} {} (code {code}): {log}", wallet(p.wallet), p.kind));
                }
            }
        }
    }
    run.r.add(format!("load outcomes by kind (ok, failed): {by_kind:?}"));
    ok(bad_ok.is_empty(), &format!("every bad tx ({n_bad}) failed with its typed error (wrong: {bad_ok:?})"))?;
    ok(
        good_fail.is_empty(),
        &format!("every good tx ({good_ok}) succeeded (failed with typed errors: {good_fail:?})"),
    )?;
    for (w, p) in plans.iter().enumerate() {
        let (_, seq) = rpc::account(api0, run.chain().addr(&wallet(w)))?;
        ensure!(
            seq == start_seq[w] + p.len() as u64,
            "{}: sequence {} -> {seq}, {} txs sent",
            wallet(w),
            start_seq[w],
            p.len()
        );
    }
    ok(true, &format!("every wallet's sequence advanced by exactly its tx count ({} wallets)", plans.len()))?;

    // Throughput, gas per block, latency.
    let heights: Vec<u64> = committed.values().map(|r| r.0).collect();
    let (lo, hi) = (heights.iter().min().copied().unwrap_or(0), heights.iter().max().copied().unwrap_or(0));
    let last_seen = seen.get(&hi).copied().context("the last load block was not seen by the poll")?;
    let wave2: Vec<&Sent> = sent.iter().filter(|s| s.sent >= wave2_at).collect();
    let w2_lo = wave2.iter().map(|s| committed[&s.hash].0).min().unwrap_or(hi);
    let w2_secs = last_seen.duration_since(wave2_at).as_secs_f64();
    let mut lat: Vec<f64> = sent
        .iter()
        .filter_map(|s| {
            let h = committed[&s.hash].0;
            seen.get(&h).map(|t| t.saturating_duration_since(s.sent).as_secs_f64())
        })
        .collect();
    lat.sort_by(|a, b| a.total_cmp(b));
    let mut gas_blocks = Vec::new();
    for h in lo..=hi {
        gas_blocks.push((h, rpc::block_gas(rpc0, h)?));
    }
    let mut per_block: Vec<u64> = gas_blocks.iter().filter(|(_, (_, n))| *n > 0).map(|(_, (g, _))| *g).collect();
    per_block.sort();
    let max_gas = run.chain().block_max_gas().unwrap_or(0);
    run.r.add(format!(
        "load: {n_txs} txs in blocks {lo}..={hi} (chain at {h_start} before); wave 2 ({} txs, heights {w2_lo}..={hi}) committed in {w2_secs:.1}s = {:.1} tx/s; whole load {:.1} tx/s over {:.1}s",
        wave2.len(),
        wave2.len() as f64 / w2_secs,
        n_txs as f64 / last_seen.duration_since(t_first).as_secs_f64(),
        last_seen.duration_since(t_first).as_secs_f64()
    ));
    run.r.add(format!(
        "load: inclusion latency (broadcast → block seen by a 100 ms poll) p50 {:.2}s p99 {:.2}s max {:.2}s",
        percentile(&lat, 0.5),
        percentile(&lat, 0.99),
        lat.last().copied().unwrap_or(0.0)
    ));
    run.r.add(format!(
        "load: gas used per block ({} blocks with txs; block max_gas {}): min {} median {} max {}; txs per block max {}",
        per_block.len(),
        gas::thousands(max_gas),
        gas::thousands(per_block.first().copied().unwrap_or(0)),
        gas::thousands(percentile_u(&per_block, 0.5)),
        gas::thousands(per_block.last().copied().unwrap_or(0)),
        gas_blocks.iter().map(|(_, (_, n))| *n).max().unwrap_or(0)
    ));
    let rows: Vec<String> = gas_blocks.iter().map(|(h, (g, n))| format!("{h}:{n}tx/{}", gas::thousands(*g))).collect();
    run.r.add(format!("load: per block (height:txs/gas): {}", rows.join(" ")));

    // The books and the shares.
    run.books_balance("after the load")?;
    run.shares_balance("after the load")?;
    Ok(())
}

fn percentile_u(sorted: &[u64], p: f64) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let k = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[k.min(sorted.len() - 1)]
}
