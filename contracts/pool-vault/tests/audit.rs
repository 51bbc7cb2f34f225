//! Regression tests of issue 11's audit findings (pool-vault: members, premiums, vesting, pause).
//! Each reproduces the scenario the audit showed, with its figures, on the shared suite (the
//! conservation check runs after every step).

use pool_vault::ContractError as E;
use risk_pool::vault::*;
use risk_testing::prelude::*;

const BTC: &str = "BTC-PERP";
const YEAR: u64 = 31_536_000;
const WEEK: u64 = 604_800;

fn btc(notional: i128) -> Vec<risk_pool::oracle::Exposure> {
    vec![exp(BTC, notional)]
}

/// 1M BTC long, in base units.
const ONE_M: i128 = 1_000_000_000_000;

// ------------------------------------------------------------------ 1. prepaid premium

/// A member prepaid 1 base unit at a 100-unit book (required 10: 730 days at 5 %), then grew to
/// 1M BTC (required 90,677.40). Before: `paid_through` = +730 days, and it owed nothing for a
/// year while an identical honest member owed 4,533.87. After: the credit is an amount, drawn at
/// the peak in force: it owes exactly 1 unit less than the honest member, and both fall into
/// arrears at the same moment.
#[test]
fn audit_01_prepaid_premium_buys_cover_not_time() {
    let mut s = Suite::new()
        .underwriter("alice", usdc(10_000_000))
        .member("dex", usdc(1_000_000), 500, usdc(100_000))
        .member("dex2", usdc(1_000_000), 500, usdc(100_000))
        .build();
    let (cheat, honest, payer) = (s.addr("dex"), s.addr("dex2"), s.addr("payer"));
    for m in [&cheat, &honest] {
        s.report(m, btc(100)).unwrap();
    }
    assert_eq!(s.member(&cheat).required, u(10));
    s.pay_premium(&payer, &cheat, 1).unwrap();
    let m = s.member(&cheat);
    // 1·10⁴·year/(10·500) = 730 days, reported, no longer used for accrual.
    assert_eq!((m.prepaid, m.paid_through, m.premium_due), (u(1), Some(s.now() + 730 * DAY), u(0)));
    for m in [&cheat, &honest] {
        s.report(m, btc(ONE_M)).unwrap();
    }
    let required = s.member(&cheat).required;
    assert_eq!(required, u(90_677_397_315));
    // The credit covers ⌊1·10⁴·year/(90,677,403,937·500)⌋ = 0 s at the new peak.
    assert_eq!(s.member(&cheat).paid_through, Some(s.now()));
    let t0 = s.now();
    s.advance(365 * DAY);
    let (c, h) = (s.member(&cheat), s.member(&honest));
    // ⌈90,677,403,937·500·year/(10⁴·year)⌉ = 4,533.869866 USDC.
    assert_eq!(h.premium_due, u(4_533_869_866));
    assert_eq!(c.premium_due, u(4_533_869_865), "the 1-unit credit bought exactly 1 unit");
    assert_eq!((c.prepaid, c.due_since, h.due_since), (u(0), Some(t0), Some(t0)));
    assert_eq!(c.suspended.as_deref(), Some("arrears"));
    assert_eq!(h.suspended.as_deref(), Some("arrears"));
    // Paying clears the clock; an excess is credit again.
    s.pay_premium(&payer, &cheat, c.premium_due.u128() + 7).unwrap();
    let c = s.member(&cheat);
    assert_eq!((c.premium_due, c.prepaid, c.due_since, c.suspended), (u(0), u(7), None, None));
}

/// Arrears count from the moment the credit ran out, however late accrual runs: a member with
/// a 10-day credit and 7 days' grace is suspended after 17 days, not 17 days after a touch.
#[test]
fn audit_01_due_since_is_when_the_credit_ran_out() {
    let mut s =
        Suite::new().underwriter("alice", usdc(10_000_000)).member("dex", usdc(1_000_000), 500, usdc(100_000)).build();
    let (dex, payer) = (s.addr("dex"), s.addr("payer"));
    s.report(&dex, btc(ONE_M)).unwrap();
    let rate = s.member(&dex).required.u128() * 500;
    // Ten days of premium, rounded up to the unit.
    let credit = (rate * 10 * DAY as u128).div_ceil(10_000 * YEAR as u128);
    s.pay_premium(&payer, &dex, credit).unwrap();
    let t0 = s.now();
    let through = s.member(&dex).paid_through.unwrap();
    assert_eq!(through, t0 + 10 * DAY);
    s.advance(17 * DAY);
    let m = s.member(&dex);
    assert_eq!((m.due_since, m.suspended), (Some(through), None));
    s.advance(1);
    assert_eq!(s.member(&dex).suspended.as_deref(), Some("arrears"));
}

// ------------------------------------------------------------------ 2. withdrawal vs capacity

/// Capacity 300k; a member with 600k contribution and a 2M BTC book (stress 800k, Cover-N
/// requirement 200k). Before: it withdrew 418,645.21 to its floor and the pool requirement rose
/// to 618,645.21. After: refused with PoolCapacityExceeded; up to the edge (requirement =
/// capacity) is allowed, one unit more is not.
#[test]
fn audit_02_member_withdraw_respects_cover_n_capacity() {
    let mut s =
        Suite::new().underwriter("alice", usdc(1_000_000)).member("dex", usdc(1_000_000), 0, usdc(600_000)).build();
    let dex = s.addr("dex");
    s.report(&dex, btc(2 * ONE_M)).unwrap();
    let st = s.state();
    assert_eq!((st.pool_requirement, st.capacity), (u(usdc(200_000)), u(usdc(300_000))));
    let floor = s.member(&dex).required;
    let to_floor = Amount::new(usdc(600_000)).checked_sub(floor).unwrap();
    assert_eq!(to_floor, u(418_645_205_371));
    assert_eq!(
        s.exec(&dex, &ExecuteMsg::MemberWithdraw { amount: to_floor }).unwrap_err(),
        E::PoolCapacityExceeded { requirement: u(618_645_205_371), capacity: u(usdc(300_000)) }
    );
    assert_eq!(
        s.exec(&dex, &ExecuteMsg::MemberWithdraw { amount: u(usdc(100_000) + 1) }).unwrap_err(),
        E::PoolCapacityExceeded { requirement: u(usdc(300_000) + 1), capacity: u(usdc(300_000)) }
    );
    s.exec(&dex, &ExecuteMsg::MemberWithdraw { amount: u(usdc(100_000)) }).unwrap();
    assert_eq!(s.state().pool_requirement, u(usdc(300_000)));
    // Paused, the same check applies (a withdrawal is an exit, not a capacity exemption).
    s.dao(&ExecuteMsg::Pause {}).unwrap();
    assert!(matches!(
        s.exec(&dex, &ExecuteMsg::MemberWithdraw { amount: u(1) }).unwrap_err(),
        E::PoolCapacityExceeded { .. }
    ));
}

// ------------------------------------------------------------------ 3. premium before exit

/// 1M BTC at 5 %/yr for a year, closed, 7 days more (the peak still in force during them):
/// 4,620.82 premium due. Before: the member withdrew its whole 100k contribution and
/// remove_member then took 0. After: the due is taken from the contribution first (as income,
/// fee to the treasury) and the withdrawal is limited to the rest.
#[test]
fn audit_03_premium_due_is_taken_from_the_contribution_first() {
    let mut s =
        Suite::new().underwriter("alice", usdc(10_000_000)).member("dex", usdc(1_000_000), 500, usdc(100_000)).build();
    let dex = s.addr("dex");
    s.report(&dex, btc(ONE_M)).unwrap();
    s.advance(365 * DAY);
    s.report(&dex, vec![]).unwrap();
    s.advance(WEEK);
    let m = s.member(&dex);
    assert_eq!((m.required, m.peak_required), (u(0), u(0)));
    let due = m.premium_due;
    assert_eq!(due, u(4_620_820_795));
    let rest = Amount::new(usdc(100_000)).checked_sub(due).unwrap();
    assert_eq!(
        s.exec(&dex, &ExecuteMsg::MemberWithdraw { amount: u(usdc(100_000)) }).unwrap_err(),
        E::WithdrawBelowRequirement { requested: u(usdc(100_000)), available: rest, contribution: rest, floor: u(0) }
    );
    let (d0, t0, unvested0) = (s.balance(&dex), s.balance(&s.treasury.clone()), s.state().unvested);
    let r = s.exec(&dex, &ExecuteMsg::MemberWithdraw { amount: rest }).unwrap();
    assert_eq!(attr(&r, "premium_taken"), due.to_string());
    assert_eq!(s.balance(&dex) - d0, rest.u128());
    let fee = due.u128() / 10;
    assert_eq!(s.balance(&s.treasury.clone()) - t0, fee);
    assert_eq!(s.state().unvested.u128() - unvested0.u128(), due.u128() - fee);
    let m = s.member(&dex);
    assert_eq!((m.contribution, m.premium_due, m.due_since), (u(0), u(0), None));
    let r = s.dao(&ExecuteMsg::RemoveMember { member: dex.to_string() }).unwrap();
    assert_eq!((attr(&r, "premium_taken"), attr(&r, "refund")), ("0".to_string(), "0".to_string()));
}

// ------------------------------------------------------------------ 5. removal with shortfall

/// A claim deferred 100k by the loss cap: removing the member is refused while that shortfall
/// is outstanding (before: it was removed, and a re-registration made settle_shortfall and
/// return_recovery underflow). Once settled, removal goes through.
#[test]
fn audit_05_remove_member_refused_with_outstanding_shortfall() {
    let mut s = Suite::new()
        .underwriter("alice", usdc(1_000_000))
        .member("dex", usdc(1_000_000), 0, usdc(100_000))
        .vault(|v| v.claim_auto_approve_limit = u(usdc(10_000_000)))
        .build();
    let (dex, victim, payer) = (s.addr("dex"), s.addr("victim"), s.addr("payer"));
    s.report(&dex, btc(ONE_M)).unwrap();
    let r = s.claim_loss(&dex, usdc(500_000), &victim).unwrap();
    assert_eq!((r.paid_by_pool, r.shortfall), (u(usdc(300_000)), u(usdc(100_000))));
    assert_eq!(
        s.dao(&ExecuteMsg::RemoveMember { member: dex.to_string() }).unwrap_err(),
        E::MemberHasShortfall { member: dex.to_string(), shortfall: u(usdc(100_000)) }
    );
    s.advance(2_592_000);
    s.exec(&payer, &ExecuteMsg::SettleShortfall { claim_id: r.claim_id }).unwrap();
    s.dao(&ExecuteMsg::RemoveMember { member: dex.to_string() }).unwrap();
}

// ------------------------------------------------------------------ 6. guardian after unpause

/// Before: the guardian re-paused 5 s after the owner's unpause, for a fresh max_pause_secs,
/// indefinitely. After: the owner's unpause starts the guardian's cooldown; the owner may still
/// pause at once.
#[test]
fn audit_06_owner_unpause_starts_the_guardian_cooldown() {
    let mut s = Suite::new().underwriter("alice", usdc(1_000)).build();
    let guardian = s.guardian.clone();
    s.exec(&guardian, &ExecuteMsg::Pause {}).unwrap();
    s.advance(60);
    s.dao(&ExecuteMsg::Unpause {}).unwrap();
    let after = s.now() + WEEK;
    s.advance(5);
    assert_eq!(s.exec(&guardian, &ExecuteMsg::Pause {}).unwrap_err(), E::GuardianCooldown { after });
    s.dao(&ExecuteMsg::Pause {}).unwrap();
    s.dao(&ExecuteMsg::Unpause {}).unwrap();
    // The owner's second unpause restarted the cooldown.
    let after = s.now() + WEEK;
    s.advance(WEEK - 1);
    assert_eq!(s.exec(&guardian, &ExecuteMsg::Pause {}).unwrap_err(), E::GuardianCooldown { after });
    s.advance(1);
    s.exec(&guardian, &ExecuteMsg::Pause {}).unwrap();
}

// ------------------------------------------------------------------ 8. vesting stream

/// 900k of income (1M premium less the 10 % fee) vesting over 7 days, then a 1-unit income at
/// half time. Before: the stream restarted — 225,000.000001 still unvested at the original end,
/// and the end moved to +10.5 days. After: the end stays put (the rate cap binds) and the
/// unvested amount follows the big income's linear schedule.
#[test]
fn audit_08_tiny_income_does_not_restart_vesting() {
    let mut s =
        Suite::new().underwriter("alice", usdc(1_000_000)).member("dex", usdc(1_000_000), 0, usdc(100_000)).build();
    let (dex, payer) = (s.addr("dex"), s.addr("payer"));
    s.pay_premium(&payer, &dex, usdc(1_000_000)).unwrap();
    assert_eq!(s.state().unvested, u(usdc(900_000)));
    s.advance(WEEK / 2);
    assert_eq!(s.state().unvested, u(usdc(450_000)));
    s.pay_premium(&payer, &dex, 1).unwrap(); // fee ⌊0.1⌋ = 0: income 1
    assert_eq!(s.state().unvested, u(usdc(450_000) + 1));
    s.advance(WEEK / 4);
    // ⌊(450,000,000,001)·151,200/302,400⌋ vested: the linear 225k of the big income is left, +1.
    assert_eq!(s.state().unvested, u(usdc(225_000) + 1));
    s.advance(WEEK / 4);
    assert_eq!(s.state().unvested, u(0));
}

// ------------------------------------------------------------------ 9. deficit on the lowest required

/// Two members at contribution = required (1M BTC, 90,677.40). BTC +10 % in one hourly round
/// (EWMA λ 0.94) and a third party's refresh_member raise `required` to 331,688.90. Before: the next claim was suspended as "deficit" (the pool
/// paid 0 of its 10k part). After: the lowest required cached during the lookback decides, so
/// the claim is covered; a member whose contribution stays below the raised requirement for
/// longer than the lookback is suspended.
#[test]
fn audit_09_a_raise_within_the_lookback_does_not_suspend_cover() {
    let mut s = Suite::new()
        .underwriter("alice", usdc(10_000_000))
        .member("dex", usdc(1_000_000), 0, 0)
        .member("dex2", usdc(1_000_000), 0, 0)
        .oracle(|o| o.ewma_lambda = Some(dec("0.94")))
        .build();
    let (dex, dex2, victim, stranger) = (s.addr("dex"), s.addr("dex2"), s.addr("victim"), s.addr("stranger"));
    let r0: Amount = s.assess(btc(ONE_M)).required;
    assert_eq!(r0, u(90_677_397_315));
    for m in [&dex, &dex2] {
        s.member_deposit(m, r0.u128()).unwrap();
        s.report(m, btc(ONE_M)).unwrap();
    }
    // Two hourly rounds: the second, BTC +10 %, lifts the EWMA volatility above the set 0.65.
    s.advance(3_600);
    s.set_prices("60000", "3000");
    s.advance(3_600);
    s.set_prices("66000", "3000");
    for m in [&dex, &dex2] {
        s.exec(&stranger, &ExecuteMsg::RefreshMember { member: m.to_string() }).unwrap();
    }
    let raised = s.member(&dex).required;
    assert_eq!(raised, u(331_688_904_641)); // 331,688.90: 3.66 × the contribution
    let t1 = s.now();
    let m = s.member(&dex);
    assert_eq!((m.lowest_required, m.suspended), (Some(r0), None));
    let r = s.claim_loss(&dex, r0.u128() + usdc(10_000), &victim).unwrap();
    assert_eq!(
        (r.status, r.paid_by_member, r.paid_by_pool, r.denied),
        (ClaimStatus::Settled, r0, u(usdc(10_000)), u(0))
    );
    assert_eq!(s.claim(r.claim_id).suspended, None);
    // dex2 never tops up: covered until the raise is a full lookback old, suspended from then on.
    s.advance(t1 + WEEK - 1 - s.now());
    assert_eq!(s.member(&dex2).suspended, None);
    s.advance(1);
    assert_eq!(s.member(&dex2).lowest_required, Some(raised));
    let r = s.claim_loss(&dex2, r0.u128() + usdc(10_000), &victim).unwrap();
    assert_eq!((r.paid_by_member, r.paid_by_pool, r.denied), (r0, u(0), u(usdc(10_000))));
    assert_eq!(s.claim(r.claim_id).suspended.as_deref(), Some("deficit"));
}

/// The member's own accepted increase restarts the minimum (its contribution covered the new
/// requirement at that instant): the 0 of its earlier empty book does not cover a second claim
/// filed once the first claim's escrow emptied the contribution. A member that never reported
/// has no cover.
#[test]
fn audit_09_own_increase_restarts_the_minimum_and_no_book_no_cover() {
    let mut s = Suite::new()
        .underwriter("alice", usdc(10_000_000))
        .member("dex", usdc(1_000_000), 0, usdc(100_000))
        .member("dex2", usdc(1_000_000), 0, usdc(100_000))
        .build();
    let (dex, dex2, victim) = (s.addr("dex"), s.addr("dex2"), s.addr("victim"));
    let r = s.claim_loss(&dex2, usdc(110_000), &victim).unwrap();
    assert_eq!((r.paid_by_member, r.paid_by_pool), (u(usdc(100_000)), u(0)));
    assert_eq!(s.claim(r.claim_id).suspended.as_deref(), Some("no_exposures"));
    s.report(&dex, btc(ONE_M)).unwrap();
    assert_eq!(s.member(&dex).lowest_required, Some(u(90_677_397_315)));
    let r = s.claim_loss(&dex, usdc(110_000), &victim).unwrap();
    assert_eq!((r.paid_by_member, r.paid_by_pool), (u(usdc(100_000)), u(usdc(10_000))));
    let r = s.claim_loss(&dex, usdc(10_000), &victim).unwrap();
    assert_eq!((r.paid_by_member, r.paid_by_pool, r.denied), (u(0), u(0), u(usdc(10_000))));
    assert_eq!(s.claim(r.claim_id).suspended.as_deref(), Some("deficit"));
}
