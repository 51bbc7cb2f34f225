//! Red team of the lazy claim expiry (6186197): `sync` deletes a lapsed claim's `PENDING_BY` key
//! and moves its escrow and pool part in the POOL's figures only; the claim record keeps status
//! `pending` in storage and reads `expired` by time (`Claim::status_at`); the member's record
//! keeps `pending_claim: Some(id)` and lacks the escrow until it is next read through
//! `load_member` / `may_load_member` (`member::lapse_pending`).
//!
//! Each test asserts what SPEC asks for: a finding is a test that fails (`#[ignore = "finding:
//! …"]`), the others record what held. Every step runs the suite's conservation check (token
//! balance = total_assets + unvested + member_contributions + escrow + surplus) and, in this
//! crate, the `invariants` sweep; [`books`] adds, after every step that matters,
//! Σ member contributions as the `members` query reads them = `member_contributions`, and
//! [`everyone_leaves`] closes each scenario by removing every member: the refunds are exactly
//! `member_contributions` and the vault ends with no member money and no escrow.
//!
//! Figures (SPEC's oracle fixture, BTC at 60,000): a 1M BTC book has stress loss 400k and
//! `required` 90,677.397315; claim multiple 1.5 (claim limit 600k); cover_n 2; loss cap 30 %.

mod common;
use common::*;
use pool_vault::ContractError as E;
use risk_pool::vault::*;
use risk_testing::prelude::*;

const BTC: &str = "BTC-PERP";
const PENDING_SECS: u64 = 1_209_600;
const WINDOW: u64 = 2_592_000;
/// `required` of a 1M BTC book, base units.
const REQUIRED_1M: u128 = 90_677_397_315;

// ------------------------------------------------------------ helpers

/// Every member as the `members` query reads it (pages of 30).
fn all_members(s: &Suite) -> Vec<MemberResponse> {
    let (mut out, mut after) = (vec![], None::<String>);
    loop {
        let page: MembersResponse = s.q(&QueryMsg::Members { start_after: after.clone(), limit: Some(30) });
        let Some(last) = page.members.last() else { return out };
        after = Some(last.member.to_string());
        out.extend(page.members);
    }
}

/// The books as read: Σ contributions of the `members` query = `member_contributions`, the
/// same per member through `member` and `coverage_report`, and no member of the listing shows
/// a pending claim that the pending list does not hold. Returns `member_contributions`.
fn books(s: &Suite) -> u128 {
    let st = s.state();
    let listed = all_members(s);
    let sum: u128 = listed.iter().map(|m| m.contribution.u128()).sum();
    assert_eq!(sum, st.member_contributions.u128(), "Σ contributions as read vs member_contributions");
    let rep: CoverageReportResponse = s.q(&QueryMsg::CoverageReport { start_after: None, limit: None });
    for m in &listed {
        assert_eq!(s.member(&m.member), *m, "member vs members");
        let row = rep.members.iter().find(|r| r.member == m.member).unwrap();
        assert_eq!(row.contribution, m.contribution, "coverage_report vs members");
    }
    let holding: Vec<u64> = listed.iter().filter_map(|m| m.pending_claim).collect();
    let mut keyed: Vec<u64> = pending_keys(s).iter().filter(|k| k.0 > s.now()).map(|k| k.1).collect();
    let mut held = holding.clone();
    held.sort();
    keyed.sort();
    assert_eq!(held, keyed, "members' pending claims vs live keys");
    st.member_contributions.u128()
}

/// The owner removes every member: each refund is its contribution as read (premium 0 here),
/// together exactly `member_contributions`; afterwards no member money and no escrow are left
/// (nothing is `uncollected` in these scenarios) and the books still balance.
fn everyone_leaves(s: &mut Suite) {
    let total = books(s);
    let mut refunds = 0u128;
    for m in all_members(s) {
        let r = s.dao(&ExecuteMsg::RemoveMember { member: m.member.to_string() }).unwrap();
        let refund: u128 = attr_of(&r, "refund").parse().unwrap();
        assert_eq!(refund, m.contribution.u128(), "{}: refund vs contribution as read", m.member);
        refunds += refund;
    }
    let st = s.state();
    assert_eq!(refunds, total);
    assert_eq!((st.member_contributions.u128(), st.escrow.u128(), st.pending_exposure.u128()), (0, 0, 0));
}

/// A bystander's 1-unit top-up: an execute that runs `sync` and changes nothing else.
fn poke(s: &mut Suite) {
    let z = s.addr("bystander");
    s.member_deposit(&z, 1).unwrap();
}

/// `capital` of underwriting; `ma` (cap 1M, 100k contribution) holds 1M BTC; a bystander
/// member (1k); auto-approval off: `ma`'s 150k claim is pending, 100k escrow + 50k pool part.
/// Returns the suite, the claim and its `expires_at`.
fn one_pending(capital: u128) -> (Suite, u64, u64) {
    let mut s = Suite::new()
        .underwriter("alice", capital)
        .vault(|v| v.claim_auto_approve_limit = u(0))
        .member("ma", usdc(1_000_000), 0, usdc(100_000))
        .member("bystander", usdc(1_000), 0, usdc(1_000))
        .build();
    let (a, victim) = (s.addr("ma"), s.addr("victim"));
    s.report(&a, vec![exp(BTC, usdc(1_000_000) as i128)]).unwrap();
    let r = s.claim_loss(&a, usdc(150_000), &victim).unwrap();
    assert_eq!(
        (r.status, r.paid_by_member.u128(), r.paid_by_pool.u128()),
        (ClaimStatus::Pending, usdc(100_000), usdc(50_000))
    );
    let at = s.claim(r.claim_id).expires_at;
    assert_eq!(at, s.now() + PENDING_SECS);
    assert_eq!(books(&s), usdc(1_000));
    (s, r.claim_id, at)
}

// ------------------------------------------------------------ readers of the record

/// What held: at `expires_at`, before any execute, every reader counts the escrow once — the
/// raw record still says `pending_claim: Some(id)` with contribution 0, the `member`,
/// `members`, `coverage_report` and `capacity` answers say 100k and no pending claim, the
/// state says escrow 0 and member_contributions 101k (the bystander's 1k). After the sweep
/// (a poke) the raw record is unchanged; anyone's `refresh_member` writes the caught-up record
/// (100k, none pending) and the contribution stays put; then everyone leaves with exactly
/// 101k + 1.
#[test]
fn every_reader_counts_a_lapsed_escrow_once() {
    let (mut s, id, at) = one_pending(usdc(10_000_000));
    let a = s.addr("ma");
    s.advance_to(at);
    let raw = stored_member(&s, &a);
    assert_eq!((raw.contribution.u128(), raw.pending_claim), (0, Some(id)));
    let m = s.member(&a);
    assert_eq!((m.contribution.u128(), m.pending_claim), (usdc(100_000), None));
    let cap: CapacityResponse = s.q(&QueryMsg::Capacity { member: a.to_string() });
    assert_eq!(cap.member_headroom.u128(), usdc(100_000) - REQUIRED_1M);
    let st = s.state();
    assert_eq!((st.escrow.u128(), st.pending_exposure.u128()), (0, 0));
    assert_eq!(books(&s), usdc(101_000));

    poke(&mut s);
    assert_eq!(stored_member(&s, &a), raw, "the sweep writes no member record");
    assert_eq!(stored_status(&s, id), ClaimStatus::Pending);
    assert_eq!(books(&s), usdc(101_000) + 1);

    let anyone = s.addr("stranger");
    s.exec(&anyone, &ExecuteMsg::RefreshMember { member: a.to_string() }).unwrap();
    let raw = stored_member(&s, &a);
    assert_eq!((raw.contribution.u128(), raw.pending_claim), (usdc(100_000), None));
    let m2 = s.member(&a);
    assert_eq!((m2.contribution, m2.pending_claim), (m.contribution, None));
    assert_eq!(books(&s), usdc(101_000) + 1);
    everyone_leaves(&mut s);
}

/// What held: a lapsed member withdraws exactly its contribution as read, once: at
/// `expires_at` its headroom is 100k − 90,677.397315 = 9,322.602685 (one unit more is refused
/// with those figures), that much is paid out, and the record then holds 90,677.397315 with no
/// pending claim — the escrow is not counted a second time by a later read or withdrawal.
#[test]
fn a_lapsed_member_withdraws_its_escrow_once() {
    let (mut s, _, at) = one_pending(usdc(10_000_000));
    let a = s.addr("ma");
    s.advance_to(at);
    let headroom = usdc(100_000) - REQUIRED_1M;
    assert_eq!(
        s.exec(&a, &ExecuteMsg::MemberWithdraw { amount: u(headroom + 1) }).unwrap_err(),
        E::WithdrawBelowRequirement {
            requested: u(headroom + 1),
            available: u(headroom),
            contribution: u(usdc(100_000)),
            floor: u(REQUIRED_1M)
        }
    );
    let b0 = s.balance(&a);
    s.exec(&a, &ExecuteMsg::MemberWithdraw { amount: u(headroom) }).unwrap();
    assert_eq!(s.balance(&a) - b0, headroom);
    let raw = stored_member(&s, &a);
    assert_eq!((raw.contribution.u128(), raw.pending_claim), (REQUIRED_1M, None));
    assert_eq!(
        s.exec(&a, &ExecuteMsg::MemberWithdraw { amount: u(1) }).unwrap_err(),
        E::WithdrawBelowRequirement {
            requested: u(1),
            available: u(0),
            contribution: u(REQUIRED_1M),
            floor: u(REQUIRED_1M)
        }
    );
    assert_eq!(books(&s), usdc(1_000) + REQUIRED_1M);
    everyone_leaves(&mut s);
}

/// What held: a coverage_cap change after the lapse (the owner's `update_member` reads the
/// record through `load_member`) writes the caught-up record: contribution 100k, no pending
/// claim, and its Cover-N row at the new figure — min(400k − 100k, cap 10k) = 10k, the pool's
/// requirement 10k (the bystander has none).
#[test]
fn a_coverage_cap_change_after_the_lapse_writes_the_caught_up_record() {
    let (mut s, _, at) = one_pending(usdc(10_000_000));
    let a = s.addr("ma");
    s.advance_to(at);
    s.dao(&ExecuteMsg::UpdateMember(MemberTerms {
        member: a.to_string(),
        coverage_cap: u(usdc(10_000)),
        premium_rate_bps: 0,
        grace_secs: 7 * DAY,
    }))
    .unwrap();
    let raw = stored_member(&s, &a);
    assert_eq!((raw.contribution.u128(), raw.pending_claim, raw.cover_row.u128()), (usdc(100_000), None, usdc(10_000)));
    assert_eq!(s.state().pool_requirement.u128(), usdc(10_000));
    assert_eq!(books(&s), usdc(101_000));
    everyone_leaves(&mut s);
}

// ------------------------------------------------------------ new registrations, new claims

/// What held: removed at `expires_at`, `ma` is refunded 100k (the escrow back); registered
/// again, its fresh record has no contribution and no pending claim while the old claim is
/// still `pending` in storage (read `expired`, and the owner cannot approve it). It tops up
/// 100k and files 150k again: 100k escrow + 50k pool part, pending; that claim lapses in turn
/// and returns exactly its own 100k (not 200k: the old claim is not credited again), a third
/// claim is approved and pays 150k, and everyone leaves.
#[test]
fn a_re_registered_member_is_not_credited_the_old_claim() {
    let (mut s, old, at) = one_pending(usdc(10_000_000));
    let (a, victim) = (s.addr("ma"), s.addr("victim"));
    s.advance_to(at);
    let b0 = s.balance(&a);
    let r = s.dao(&ExecuteMsg::RemoveMember { member: a.to_string() }).unwrap();
    assert_eq!(attr_of(&r, "refund"), usdc(100_000).to_string());
    assert_eq!(s.balance(&a) - b0, usdc(100_000));
    s.register(&a, usdc(1_000_000), 0, 7 * DAY).unwrap();
    let m = s.member(&a);
    assert_eq!((m.contribution.u128(), m.pending_claim), (0, None));
    assert_eq!((stored_status(&s, old), s.claim(old).status), (ClaimStatus::Pending, ClaimStatus::Expired));
    assert_eq!(
        s.dao(&ExecuteMsg::ApproveClaim { id: old }).unwrap_err(),
        E::ClaimStatus { id: old, status: "expired".into(), expected: "pending" }
    );
    assert_eq!(books(&s), usdc(1_000));

    s.member_deposit(&a, usdc(100_000)).unwrap();
    s.report(&a, vec![exp(BTC, usdc(1_000_000) as i128)]).unwrap();
    let r = s.claim_loss(&a, usdc(150_000), &victim).unwrap();
    assert_eq!(
        (r.status, r.paid_by_member.u128(), r.paid_by_pool.u128()),
        (ClaimStatus::Pending, usdc(100_000), usdc(50_000))
    );
    assert_eq!(s.member(&a).pending_claim, Some(r.claim_id));
    s.advance(PENDING_SECS);
    let m = s.member(&a);
    assert_eq!((m.contribution.u128(), m.pending_claim), (usdc(100_000), None));
    assert_eq!(books(&s), usdc(101_000));
    let r = s.claim_loss(&a, usdc(150_000), &victim).unwrap();
    let v0 = s.balance(&victim);
    s.dao(&ExecuteMsg::ApproveClaim { id: r.claim_id }).unwrap();
    assert_eq!(s.balance(&victim) - v0, usdc(150_000));
    assert_eq!(books(&s), usdc(1_000));
    everyone_leaves(&mut s);
}

/// What held: `ma` files again in the very block its claim lapsed; the new claim escrows the
/// whole 100k returned to it (and only that), and its rejection returns exactly 100k.
#[test]
fn a_new_claim_in_the_lapse_block_escrows_the_returned_contribution_once() {
    let (mut s, _, at) = one_pending(usdc(10_000_000));
    let (a, victim) = (s.addr("ma"), s.addr("victim"));
    s.advance_to(at);
    let r = s.claim_loss(&a, usdc(150_000), &victim).unwrap();
    assert_eq!(
        (r.status, r.paid_by_member.u128(), r.paid_by_pool.u128()),
        (ClaimStatus::Pending, usdc(100_000), usdc(50_000))
    );
    let st = s.state();
    assert_eq!((st.escrow.u128(), st.pending_exposure.u128()), (usdc(100_000), usdc(50_000)));
    assert_eq!(books(&s), usdc(1_000));
    s.dao(&ExecuteMsg::RejectClaim { id: r.claim_id, reason: "no".into() }).unwrap();
    assert_eq!(books(&s), usdc(101_000));
    everyone_leaves(&mut s);
}

// ------------------------------------------------------------ shortfall and recovery

/// What held, through the raw `MEMBERS` load/save of `settle_shortfall`: `ma` (cap 2M, 100k,
/// 1M BTC) had claim A (700k: 100k escrow + 600k pool part) approved with the loss cap's 300k
/// room (1M capital): 300k paid, 300k shortfall. It tops up 100k and files B (110k: 100k
/// escrow and 10k pool part), pending, which lapses. In the next window (room 30 % of 700k = 210k)
/// anyone settles A's head: 210k to the victim, 90k left; the raw save keeps the stale record
/// (contribution 0, `pending_claim: Some(B)`), which still reads 100k and none pending. A
/// recovery of 640k on A splits 90k to the victim, 510k to the pool, 40k to the member: 140k.
#[test]
fn shortfall_settlement_and_recovery_on_another_claim_after_a_lapse() {
    let mut s = Suite::new()
        .underwriter("alice", usdc(1_000_000))
        .vault(|v| v.claim_auto_approve_limit = u(0))
        .member("ma", usdc(2_000_000), 0, usdc(100_000))
        .member("bystander", usdc(1_000), 0, usdc(1_000))
        .build();
    let (a, victim, payer, late) = (s.addr("ma"), s.addr("victim"), s.addr("payer"), s.addr("late"));
    s.report(&a, vec![exp(BTC, usdc(1_000_000) as i128)]).unwrap();
    let ra = s.claim_loss(&a, usdc(700_000), &victim).unwrap();
    assert_eq!((ra.paid_by_member.u128(), ra.paid_by_pool.u128()), (usdc(100_000), usdc(600_000)));
    let v0 = s.balance(&victim);
    s.dao(&ExecuteMsg::ApproveClaim { id: ra.claim_id }).unwrap();
    assert_eq!(s.balance(&victim) - v0, usdc(400_000));
    assert_eq!(s.claim(ra.claim_id).shortfall.u128(), usdc(300_000));

    s.member_deposit(&a, usdc(100_000)).unwrap();
    let rb = s.claim_loss(&a, usdc(110_000), &victim).unwrap();
    assert_eq!(
        (rb.status, rb.paid_by_member.u128(), rb.paid_by_pool.u128()),
        (ClaimStatus::Pending, usdc(100_000), usdc(10_000))
    );
    s.advance(PENDING_SECS);
    assert_eq!(s.claim(rb.claim_id).status, ClaimStatus::Expired);
    assert_eq!(books(&s), usdc(101_000));
    s.advance(WINDOW);
    let v0 = s.balance(&victim);
    let r = s.exec(&late, &ExecuteMsg::SettleShortfall { claim_id: ra.claim_id }).unwrap();
    assert_eq!((attr_of(&r, "amount"), attr_of(&r, "member_books")), (usdc(210_000).to_string(), "updated".into()));
    assert_eq!(s.balance(&victim) - v0, usdc(210_000));
    let raw = stored_member(&s, &a);
    assert_eq!(
        (raw.contribution.u128(), raw.pending_claim, raw.shortfall.u128()),
        (0, Some(rb.claim_id), usdc(90_000))
    );
    let m = s.member(&a);
    assert_eq!((m.contribution.u128(), m.pending_claim), (usdc(100_000), None));
    assert_eq!(books(&s), usdc(101_000));

    let v0 = s.balance(&victim);
    let r = s.exec_funds(&payer, ReceiveMsg::ReturnRecovery { claim_id: ra.claim_id }, usdc(640_000)).unwrap();
    assert_eq!(
        (attr_of(&r, "to_recipient"), attr_of(&r, "to_pool"), attr_of(&r, "to_member")),
        (usdc(90_000).to_string(), usdc(510_000).to_string(), usdc(40_000).to_string())
    );
    assert_eq!(s.balance(&victim) - v0, usdc(90_000));
    let raw = stored_member(&s, &a);
    assert_eq!((raw.contribution.u128(), raw.pending_claim, raw.shortfall.u128()), (usdc(140_000), None, 0));
    assert_eq!(books(&s), usdc(141_000));
    everyone_leaves(&mut s);
}

// ------------------------------------------------------------ the lapsed claim itself

/// What held: every decision on a lapsed claim is refused with its status and changes nothing
/// (the suite compares the state): approval, rejection (`expired`, expected `pending`),
/// settlement (`NoShortfall`), recovery (`expired`, expected `settled`).
#[test]
fn a_lapsed_claim_takes_no_decision() {
    let (mut s, id, at) = one_pending(usdc(10_000_000));
    s.advance_to(at);
    let refused = E::ClaimStatus { id, status: "expired".into(), expected: "pending" };
    assert_eq!(s.dao(&ExecuteMsg::ApproveClaim { id }).unwrap_err(), refused);
    assert_eq!(s.dao(&ExecuteMsg::RejectClaim { id, reason: "late".into() }).unwrap_err(), refused);
    let late = s.addr("late");
    assert_eq!(
        s.exec(&late, &ExecuteMsg::SettleShortfall { claim_id: id }).unwrap_err(),
        E::NoShortfall { claim_id: id }
    );
    let payer = s.addr("payer");
    assert_eq!(
        s.exec_funds(&payer, ReceiveMsg::ReturnRecovery { claim_id: id }, usdc(1)).unwrap_err(),
        E::ClaimStatus { id, status: "expired".into(), expected: "settled" }
    );
    assert_eq!(books(&s), usdc(101_000));
    everyone_leaves(&mut s);
}

/// What held: the `claims` listing reads each claim at the block time: `ma`'s (filed first)
/// `expired` at its `expires_at` while `mb`'s (filed a day later) is `pending`, both still
/// `pending` in storage; a day later both are `expired`; the `claim` query agrees.
#[test]
fn the_claims_listing_reads_lapsed_claims_as_expired() {
    let mut s = Suite::new()
        .underwriter("alice", usdc(10_000_000))
        .vault(|v| v.claim_auto_approve_limit = u(0))
        .member("ma", usdc(1_000_000), 0, usdc(100_000))
        .member("mb", usdc(1_000_000), 0, usdc(100_000))
        .member("bystander", usdc(1_000), 0, usdc(1_000))
        .build();
    let (a, b, victim) = (s.addr("ma"), s.addr("mb"), s.addr("victim"));
    s.report(&a, vec![exp(BTC, usdc(1_000_000) as i128)]).unwrap();
    s.report(&b, vec![exp(BTC, usdc(1_000_000) as i128)]).unwrap();
    let ia = s.claim_loss(&a, usdc(150_000), &victim).unwrap().claim_id;
    s.advance(DAY);
    let ib = s.claim_loss(&b, usdc(150_000), &victim).unwrap().claim_id;
    let listing = |s: &Suite| -> Vec<(u64, ClaimStatus)> {
        let r: ClaimsResponse = s.q(&QueryMsg::Claims { start_after: None, limit: None });
        r.claims.into_iter().map(|c| (c.id, c.status)).collect()
    };
    s.advance(PENDING_SECS - DAY);
    assert_eq!(listing(&s), vec![(ia, ClaimStatus::Expired), (ib, ClaimStatus::Pending)]);
    assert_eq!((stored_status(&s, ia), stored_status(&s, ib)), (ClaimStatus::Pending, ClaimStatus::Pending));
    assert_eq!((s.claim(ia).status, s.claim(ib).status), (ClaimStatus::Expired, ClaimStatus::Pending));
    assert_eq!(s.state().pending_exposure.u128(), usdc(50_000));
    assert_eq!(books(&s), usdc(101_000));
    s.advance(DAY);
    assert_eq!(listing(&s), vec![(ia, ClaimStatus::Expired), (ib, ClaimStatus::Expired)]);
    assert_eq!(books(&s), usdc(201_000));
    everyone_leaves(&mut s);
}

/// What held: a claim expires `max_pending_claim_secs` after filing as configured then; an
/// `update_config` after filing moves neither way: shortened to one day, the claim is still
/// pending (the owner approves it on day 2 and it pays 150k); lengthened to 30 days, another
/// claim still lapses at 14 days. A claim filed after the change takes the new figure.
#[test]
fn the_expiry_is_fixed_at_filing_whatever_update_config_does() {
    let (mut s, id, at) = one_pending(usdc(10_000_000));
    let (a, victim) = (s.addr("ma"), s.addr("victim"));
    s.dao(&ExecuteMsg::UpdateConfig(ConfigUpdate { max_pending_claim_secs: Some(DAY), ..Default::default() })).unwrap();
    s.advance(2 * DAY);
    assert_eq!((s.claim(id).status, s.claim(id).expires_at), (ClaimStatus::Pending, at));
    let v0 = s.balance(&victim);
    s.dao(&ExecuteMsg::ApproveClaim { id }).unwrap();
    assert_eq!(s.balance(&victim) - v0, usdc(150_000));

    let (mut s, id, at) = one_pending(usdc(10_000_000));
    s.dao(&ExecuteMsg::UpdateConfig(ConfigUpdate { max_pending_claim_secs: Some(30 * DAY), ..Default::default() }))
        .unwrap();
    s.advance_to(at - 1);
    assert_eq!(s.claim(id).status, ClaimStatus::Pending);
    s.advance(1);
    assert_eq!(s.claim(id).status, ClaimStatus::Expired);
    assert_eq!(s.member(&a).contribution.u128(), usdc(100_000));
    let r = s.claim_loss(&a, usdc(150_000), &victim).unwrap();
    assert_eq!(s.claim(r.claim_id).expires_at, s.now() + 30 * DAY);
    assert_eq!(books(&s), usdc(1_000));
}

// ------------------------------------------------------------ migration of the one-item list

/// Two pending claims (`ma` first, `mb` a day later), both 100k escrow + 50k pool part.
fn two_pending() -> (Suite, u64, u64) {
    let mut s = Suite::new()
        .underwriter("alice", usdc(10_000_000))
        .vault(|v| v.claim_auto_approve_limit = u(0))
        .member("ma", usdc(1_000_000), 0, usdc(100_000))
        .member("mb", usdc(1_000_000), 0, usdc(100_000))
        .member("bystander", usdc(1_000), 0, usdc(1_000))
        .build();
    let (a, b, victim) = (s.addr("ma"), s.addr("mb"), s.addr("victim"));
    s.report(&a, vec![exp(BTC, usdc(1_000_000) as i128)]).unwrap();
    s.report(&b, vec![exp(BTC, usdc(1_000_000) as i128)]).unwrap();
    let ia = s.claim_loss(&a, usdc(150_000), &victim).unwrap().claim_id;
    s.advance(DAY);
    let ib = s.claim_loss(&b, usdc(150_000), &victim).unwrap().claim_id;
    (s, ia, ib)
}

/// What held: a vault in the one-item layout whose first entry lapsed before the migration
/// (no execute since) migrates both entries; the lapsed one is swept once (escrow 100k back to
/// `ma`, read before and after the next execute), the live one is still the owner's to approve
/// (150k paid), and everyone leaves with exactly what the books hold.
#[test]
fn a_legacy_list_with_a_lapsed_entry_migrates_and_lapses_once() {
    let (mut s, ia, ib) = two_pending();
    let a = s.addr("ma");
    let (pa, pb) = (pending_ref(&s, ia), pending_ref(&s, ib));
    to_legacy(&mut s, vec![pa.clone(), pb]);
    s.advance_to(pa.expires_at);
    assert_eq!(migrated_pending(&mut s), "2");
    assert_eq!(s.member(&a).contribution.u128(), usdc(100_000));
    assert_eq!(s.state().escrow.u128(), usdc(100_000), "mb's escrow only");
    assert_eq!(books(&s), usdc(101_000));
    poke(&mut s);
    assert_eq!(pending_keys(&s).len(), 1);
    assert_eq!(books(&s), usdc(101_000) + 1);
    let v0 = s.balance(&s.addr("victim"));
    s.dao(&ExecuteMsg::ApproveClaim { id: ib }).unwrap();
    assert_eq!(s.balance(&s.addr("victim")) - v0, usdc(150_000));
    assert_eq!(books(&s), usdc(101_000) + 1);
    everyone_leaves(&mut s);
}

/// Finding (fixed: the entry is rebuilt from the claim): the migration dropped a legacy entry whose `expires_at` disagrees with its claim's
/// even though the claim is still `pending`, and nothing else holds that claim's escrow and
/// pool part: before its expiry the owner cannot decide it (`take_pending` finds no key:
/// `ClaimNotFound`), and at the claim's own expiry the member's record takes the 100k escrow
/// back (`lapse_pending` reads the claim) while no sweep ever moves it in the pool's figures:
/// `escrow` stays 100k, `member_contributions` 1k while the members read 101k, and
/// `pending_exposure` keeps 50k out of the share price forever. (Without the test-only
/// invariants, `ma`'s withdrawal of its 9,322.6 headroom and its removal would then fail on
/// member_contributions 1k − that amount.) Before 6186197 such an entry was keyed
/// under its own expiry and swept (consistently, if at the wrong second). Like the duplicated
/// and settled-claim entries of red_team_pending.rs, it needs a list the old code never wrote.
/// Suggested fix: for a claim still pending, key the entry from the CLAIM (its `expires_at`,
/// `paid_by_member`, `paid_by_pool`) instead of dropping it; drop only entries of claims no
/// longer pending or repeated.
#[test]
fn a_pending_claims_entry_with_a_wrong_expiry_is_not_lost_at_migration() {
    let migrated = || {
        let (mut s, id, at) = one_pending(usdc(10_000_000));
        let mut p = pending_ref(&s, id);
        p.expires_at = at + 1;
        to_legacy(&mut s, vec![p]);
        let moved = migrated_pending(&mut s);
        (s, id, moved)
    };
    // The owner decides it a second before its expiry (SPEC: it is pending): 150k paid.
    let (mut s, id, _) = migrated();
    s.advance(PENDING_SECS - 1);
    let approval = s.dao(&ExecuteMsg::ApproveClaim { id }).err();
    // Or it lapses: at the claim's expiry (without the suite's per-step check) the books.
    let (mut s, _, moved) = migrated();
    s.app.update_block(|b| b.time = b.time.plus_seconds(PENDING_SECS));
    let st = s.state();
    let read: u128 = all_members(&s).iter().map(|m| m.contribution.u128()).sum();
    assert_eq!(
        (st.escrow.u128(), st.pending_exposure.u128(), st.member_contributions.u128(), read, approval),
        (0, 0, usdc(101_000), usdc(101_000), None),
        "escrow, pending_exposure, member_contributions, Σ as read at the claim's expiry; approval before it"
    );
    assert_eq!(moved, "1");
}

/// Finding (fixed, same root: the entry is rebuilt from the claim): the sweep moved the ENTRY's
/// escrow in the pool's figures while `lapse_pending` credits the CLAIM's `paid_by_member` to
/// the record. A legacy entry whose escrow disagrees with its pending claim's (here one unit
/// less: 99,999.999999 vs 100,000) is kept, and at expiry the members read one unit more than
/// `member_contributions`, with one unit left in `escrow` for good (before 6186197 both sides
/// used the entry's figure). Suggested fix: as above (key from the claim), or make
/// `lapse_pending` and the sweep use one figure.
#[test]
fn the_sweep_and_the_record_use_one_escrow_figure() {
    let (mut s, id, at) = one_pending(usdc(10_000_000));
    let mut p = pending_ref(&s, id);
    p.escrow = u(usdc(100_000) - 1);
    to_legacy(&mut s, vec![p]);
    assert_eq!(migrated_pending(&mut s), "1");
    s.app.update_block(|b| b.time = b.time.plus_seconds(at - b.time.seconds()));
    let st = s.state();
    let read: u128 = all_members(&s).iter().map(|m| m.contribution.u128()).sum();
    assert_eq!((st.escrow.u128(), st.member_contributions.u128(), read), (0, usdc(101_000), usdc(101_000)));
}

// ------------------------------------------------------------ Cover-N after the sweep

/// Finding (the documented decision of docs/pool-vault.md, here as an execute it refuses): the
/// sweep does not move a lapsed member's Cover-N row, and nothing does until that member is
/// saved again. `ma` (1M BTC, 100k) had a 150k claim pending (row 400k: its contribution
/// escrowed); it lapsed and the sweep was written a month ago; `mb` (100k) now reports 500k
/// BTC (uncovered 100k): SPEC's requirement is 300k + 100k = 400k ≤ capacity 450k (30 % of
/// 1.5M), but the vault sums the stale 400k row: 500k, refused. Anyone's `refresh_member` on
/// `ma` unblocks it. Suggested fix: carry the escrow in the pending entry's row delta so the
/// sweep can move the index key (and have `lapse_pending` set `cover_row` to match), or apply
/// the lapse to the rows of the members whose claims the sweep removed.
#[test]
#[ignore = "left (documented in docs/pool-vault.md; conservative, refresh_member clears it): a lapsed member's stale Cover-N row (400k vs 300k) refuses another member's exposure a month later (500k > 450k)"]
fn a_lapsed_members_stale_row_refuses_no_exposure_spec_accepts() {
    let mut s = Suite::new()
        .underwriter("alice", usdc(1_500_000))
        .vault(|v| v.claim_auto_approve_limit = u(0))
        .member("ma", usdc(1_000_000), 0, usdc(100_000))
        .member("mb", usdc(1_000_000), 0, usdc(100_000))
        .member("bystander", usdc(1_000), 0, usdc(1_000))
        .build();
    let (a, b, victim) = (s.addr("ma"), s.addr("mb"), s.addr("victim"));
    s.report(&a, vec![exp(BTC, usdc(1_000_000) as i128)]).unwrap();
    s.claim_loss(&a, usdc(150_000), &victim).unwrap();
    s.advance(PENDING_SECS);
    poke(&mut s);
    s.advance(WINDOW);
    assert_eq!(s.state().capacity.u128(), usdc(450_000));
    let r = s.report(&b, vec![exp(BTC, usdc(500_000) as i128)]);
    assert!(r.is_ok(), "SPEC's requirement 400k ≤ 450k: {r:?}");
    assert_eq!(s.state().pool_requirement.u128(), usdc(400_000));
}
