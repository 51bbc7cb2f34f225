//! Red team of the keyed pending claims (c8113f8: `PENDING_BY` (expires_at, id) instead of the
//! one item `pending`; `sync` reads only the claims with expires_at ≤ now; `migrate` moves the
//! old item) and of 018cff2 (at most 64 claims pending, `TooManyPendingClaims`; the capacity
//! check's own `before` taken fresh from the record; `coverage_report` applies in-memory
//! expiry). Each test asserts what SPEC asks for: a finding is a test that fails
//! (`#[ignore = "finding: …"]`), the others record what held. Every step runs the suite's
//! conservation check and, in this crate, the `invariants` sweep.
//!
//! Figures used throughout (SPEC's oracle fixture, BTC at 60,000): a 1M BTC book has stress
//! loss 400k, `required` 90,677.397315; 500k BTC: stress 200k, `required` 45,338.698658;
//! claim multiple 1.5, cover_n 2.

mod common;
use common::*;
use cosmwasm_std::{Addr, Order};
use pool_vault::ContractError as E;
use risk_pool::vault::*;
use risk_testing::prelude::*;

const BTC: &str = "BTC-PERP";
const LOOKBACK: u64 = 604_800;
const PENDING_SECS: u64 = 1_209_600;
const MAX_PENDING: usize = 64;

/// Every key/value of the vault's storage.
fn snapshot(s: &Suite) -> Vec<(Vec<u8>, Vec<u8>)> {
    s.app.contract_storage(&s.vault).range(None, None, Order::Ascending).collect()
}

/// A bystander's 1-unit top-up: an execute that changes nothing but `member_contributions`
/// (+1) and runs `sync` (the sweep of lapsed claims).
fn poke(s: &mut Suite) {
    let z = s.addr("bystander");
    s.member_deposit(&z, 1).unwrap();
}

/// 1M capital; `ma` (cap 1M, 100k contribution) holds 1M BTC (row 300k); a bystander member;
/// auto-approval off (limit 0): `ma`'s 150k claim is pending, 100k escrow + 50k pool part.
fn one_pending() -> (Suite, u64, u64) {
    let mut s = Suite::new()
        .underwriter("alice", usdc(1_000_000))
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
    let expires_at = s.claim(r.claim_id).expires_at;
    assert_eq!(expires_at, s.now() + PENDING_SECS);
    (s, r.claim_id, expires_at)
}

// ------------------------------------------------------------ the expiry instant

/// What held: one second before `expires_at` the claim is pending for queries and executes
/// alike — the owner approves it (150k to the victim) or rejects it (escrow back).
#[test]
fn a_second_before_expiry_the_owner_still_decides() {
    let (mut s, id, at) = one_pending();
    s.advance_to(at - 1);
    assert_eq!(s.claim(id).status, ClaimStatus::Pending);
    assert_eq!(s.state().pending_exposure.u128(), usdc(50_000));
    let v0 = s.balance(&s.addr("victim"));
    s.dao(&ExecuteMsg::ApproveClaim { id }).unwrap();
    assert_eq!(s.claim(id).status, ClaimStatus::Settled);
    assert_eq!(s.balance(&s.addr("victim")) - v0, usdc(150_000));

    let (mut s, id, at) = one_pending();
    s.advance_to(at - 1);
    s.dao(&ExecuteMsg::RejectClaim { id, reason: "no".into() }).unwrap();
    assert_eq!(s.claim(id).status, ClaimStatus::Rejected);
    assert_eq!(s.member(&s.addr("ma")).contribution.u128(), usdc(100_000));
    assert!(pending_keys(&s).is_empty());
}

/// What held: at exactly `expires_at` (max_pending_claim_secs have passed) the claim is
/// expired with no transaction: the queries say so (claim, member, state), the owner's
/// approval and rejection in that block are refused with the claim's status, the refused call
/// leaves the stored claim as it was (still `pending` in storage, its key still held), and the
/// next execute writes exactly what the queries answered.
#[test]
fn at_expires_at_the_claim_is_expired_for_queries_and_executes() {
    let (mut s, id, at) = one_pending();
    let a = s.addr("ma");
    s.advance_to(at);
    assert_eq!(s.claim(id).status, ClaimStatus::Expired);
    assert_eq!(stored_status(&s, id), ClaimStatus::Pending);
    let (m, st) = (s.member(&a), s.state());
    assert_eq!((m.contribution.u128(), m.pending_claim), (usdc(100_000), None));
    assert_eq!((st.pending_exposure.u128(), st.escrow.u128()), (0, 0));
    let refused = E::ClaimStatus { id, status: "expired".into(), expected: "pending" };
    let before = snapshot(&s);
    assert_eq!(s.dao(&ExecuteMsg::ApproveClaim { id }).unwrap_err(), refused);
    assert_eq!(s.dao(&ExecuteMsg::RejectClaim { id, reason: "late".into() }).unwrap_err(), refused);
    assert_eq!(snapshot(&s), before, "a refused decision writes nothing (not even the sweep)");
    assert_eq!(pending_keys(&s), vec![(at, id)]);
    // The sweep: the stored figures become the queries' (member_contributions +1: the poke).
    let claim_q = s.claim(id);
    poke(&mut s);
    // The record is not rewritten by the sweep (it reads as expired by time).
    assert_eq!(stored_status(&s, id), ClaimStatus::Pending);
    assert_eq!(s.claim(id), claim_q);
    assert_eq!(s.member(&a), m);
    // Every figure but `pool_requirement` (stored rows: the finding
    // `cover_n_requirement_applies_the_expiry_like_the_member_figures`: the member's row stays
    // 400k until the member is next saved; 300k with its escrow back).
    let mut st2 = s.state();
    st2.member_contributions = st2.member_contributions.checked_sub(u(1)).unwrap();
    assert_eq!((st.pool_requirement.u128(), st2.pool_requirement.u128()), (usdc(400_000), usdc(400_000)));
    st2.pool_requirement = st.pool_requirement;
    assert_eq!(st2, st);
    assert!(pending_keys(&s).is_empty());
    // The member files again at once (its one pending claim is gone).
    s.claim_loss(&a, usdc(150_000), &s.addr("victim")).unwrap();
}

/// What held: claims with the same `expires_at` (filed in one block) sit in id order; the
/// owner's approval of the middle one removes exactly its key; the others expire together at
/// `expires_at`, each returning its own escrow; a claim filed a second later expires a second
/// later.
#[test]
fn equal_expiry_claims_are_kept_apart_by_id() {
    let mut b = Suite::new().underwriter("alice", usdc(10_000_000)).vault(|v| v.claim_auto_approve_limit = u(0));
    for i in 0..4 {
        b = b.member(name("e", i), usdc(1_000_000), 0, usdc(100_000 + 10_000 * i as u128));
    }
    b = b.member("bystander", usdc(1_000), 0, usdc(1_000));
    let mut s = b.build();
    let who: Vec<Addr> = (0..4).map(|i| s.addr(name("e", i))).collect();
    let victim = s.addr("victim");
    for w in &who {
        s.report(w, vec![exp(BTC, usdc(1_000_000) as i128)]).unwrap();
    }
    let ids: Vec<u64> = who[..3].iter().map(|w| s.claim_loss(w, usdc(300_000), &victim).unwrap().claim_id).collect();
    let at = s.now() + PENDING_SECS;
    s.advance(1);
    let late = s.claim_loss(&who[3], usdc(300_000), &victim).unwrap().claim_id;
    assert_eq!(pending_keys(&s), vec![(at, ids[0]), (at, ids[1]), (at, ids[2]), (at + 1, late)]);
    s.advance_to(at - 1);
    s.dao(&ExecuteMsg::ApproveClaim { id: ids[1] }).unwrap();
    assert_eq!(pending_keys(&s), vec![(at, ids[0]), (at, ids[2]), (at + 1, late)]);
    s.advance(1);
    poke(&mut s);
    let status: Vec<ClaimStatus> = ids.iter().chain([&late]).map(|&id| s.claim(id).status).collect();
    assert_eq!(status, [ClaimStatus::Expired, ClaimStatus::Settled, ClaimStatus::Expired, ClaimStatus::Pending]);
    assert_eq!(s.member(&who[0]).contribution.u128(), usdc(100_000));
    assert_eq!(s.member(&who[2]).contribution.u128(), usdc(120_000));
    assert_eq!(s.member(&who[1]).contribution.u128(), 0);
    // The late claim: 130k escrow, pool part 170k, pending one second more.
    assert_eq!(s.state().pending_exposure.u128(), usdc(170_000));
    s.advance(1);
    assert_eq!(s.claim(late).status, ClaimStatus::Expired);
    assert!(s.state().pending_exposure.is_zero());
}

// ------------------------------------------------------------ queries vs executes

/// Two members: `ma` 1M BTC (row 300k), `mb` 500k BTC (row 100k); `ma`'s 150k claim pending
/// (its 100k contribution escrowed: row 400k, requirement 500k), then `max_pending_claim_secs`.
fn expired_unswept() -> (Suite, u64) {
    let mut s = Suite::new()
        .underwriter("alice", usdc(10_000_000))
        .member("ma", usdc(1_000_000), 0, usdc(100_000))
        .member("mb", usdc(1_000_000), 0, usdc(100_000))
        .member("bystander", usdc(1_000), 0, usdc(1_000))
        .build();
    let (a, b, victim) = (s.addr("ma"), s.addr("mb"), s.addr("victim"));
    s.report(&a, vec![exp(BTC, usdc(1_000_000) as i128)]).unwrap();
    s.report(&b, vec![exp(BTC, usdc(500_000) as i128)]).unwrap();
    assert_eq!(s.state().pool_requirement.u128(), usdc(400_000));
    pause(&mut s);
    let id = s.claim_loss(&a, usdc(150_000), &victim).unwrap().claim_id;
    assert_eq!(s.state().pool_requirement.u128(), usdc(500_000));
    s.advance(PENDING_SECS);
    (s, id)
}

/// What held: before the sweep is written, the queries that apply the expiry in memory
/// (claim, member, capacity's member headroom, state's books and capacity, coverage_report's
/// member figures) answer what they answer after the next execute wrote it.
#[test]
fn expiry_figures_agree_before_and_after_the_sweep() {
    let (mut s, id) = expired_unswept();
    let a = s.addr("ma");
    let cap_q = QueryMsg::Capacity { member: a.to_string() };
    let rep_q = QueryMsg::CoverageReport { start_after: None, limit: None };
    let (c, m, st) = (s.claim(id), s.member(&a), s.state());
    let (cap, rep): (CapacityResponse, CoverageReportResponse) = (s.q(&cap_q), s.q(&rep_q));
    assert_eq!(
        (c.status.clone(), m.contribution.u128(), st.pending_exposure.u128()),
        (ClaimStatus::Expired, usdc(100_000), 0)
    );
    let row = rep.members.iter().find(|r| r.member == a).unwrap().clone();
    assert_eq!((row.contribution.u128(), row.uncovered.u128()), (usdc(100_000), usdc(300_000)));
    poke(&mut s);
    let (st2, cap2, rep2): (StateResponse, CapacityResponse, CoverageReportResponse) =
        (s.state(), s.q(&cap_q), s.q(&rep_q));
    assert_eq!((s.claim(id), s.member(&a)), (c, m));
    assert_eq!(cap2.member_headroom, cap.member_headroom);
    assert_eq!(
        (st2.escrow, st2.pending_exposure, st2.capacity, st2.paused),
        (st.escrow, st.pending_exposure, st.capacity, st.paused)
    );
    assert_eq!(st2.member_contributions.u128(), st.member_contributions.u128() + 1);
    assert_eq!(rep2.members.iter().find(|r| r.member == a).unwrap(), &row);
}

/// Finding: the pool's Cover-N figure ignores the expiry the queries apply in memory. It is
/// summed over the stored rows, and the expiring member's row still holds its escrowed
/// contribution out, so until some execute writes the sweep, `state.pool_requirement`,
/// `coverage_report.cover_n_requirement` (beside that very member's fresh `uncovered`) and
/// `capacity.pool_headroom` answer the pending-claim figure. Figures: `ma`'s row 400k (0
/// contribution while 100k is escrowed) + `mb`'s 100k: the queries say 500k; `ma`'s own
/// coverage line in the same answer says uncovered 300k; after any execute, 400k.
/// Suggested fix: `View::requirement` corrects the rows of the members in `v.expired` (at most
/// 64: replace each one's stored row by its `with_expiry` figure over the `cover_n` + |expired|
/// largest keys), as `requirement_with` does for one member.
#[test]
#[ignore = "left (conservative, documented in docs/pool-vault.md): a lapsed claim's member keeps its saved Cover-N row (escrow out) until it is next saved or refreshed (500k vs 400k)"]
fn cover_n_requirement_applies_the_expiry_like_the_member_figures() {
    let (mut s, _) = expired_unswept();
    let a = s.addr("ma");
    let rep: CoverageReportResponse = s.q(&QueryMsg::CoverageReport { start_after: None, limit: None });
    let mine = rep.members.iter().find(|r| r.member == a).unwrap().uncovered.u128();
    let others: u128 = rep.members.iter().filter(|r| r.member != a).map(|r| r.uncovered.u128()).max().unwrap();
    let before = s.state().pool_requirement.u128();
    poke(&mut s);
    let after = s.state().pool_requirement.u128();
    assert_eq!(after, usdc(400_000));
    assert_eq!(rep.cover_n_requirement.u128(), mine + others, "coverage_report vs its own member lines");
    assert_eq!(before, after, "state before the sweep vs after it");
}

// ------------------------------------------------------------ the 64 cap

/// `n` members (1k contribution, no exposure), paused, each files a 1-USDC claim: `n` pending
/// claims, filed one second apart (the first expires first).
fn pending_pool(n: usize, edit: impl FnOnce(&mut InstantiateMsg) + 'static) -> Suite {
    let mut b = Suite::new().underwriter("alice", usdc(10_000_000)).vault(move |v| {
        v.max_members = Some(1_024);
        edit(v)
    });
    for i in 0..n {
        b = b.member(name("p", i), usdc(1_000), 0, usdc(1_000));
    }
    b = b.member("victim-member", usdc(1_000_000), 0, usdc(100_000));
    b = b.member("bystander", usdc(1_000), 0, usdc(1_000));
    let mut s = b.build();
    let big = s.addr("victim-member");
    s.report(&big, vec![exp(BTC, usdc(1_000_000) as i128)]).unwrap();
    pause(&mut s);
    let victim = s.addr("victim");
    for i in 0..n {
        let who = s.addr(name("p", i));
        assert_eq!(s.claim_loss(&who, usdc(1), &victim).unwrap().status, ClaimStatus::Pending);
        s.advance(1);
    }
    assert_eq!(pending_keys(&s).len(), n);
    s
}

fn unpause(s: &mut Suite) {
    s.dao(&ExecuteMsg::Unpause {}).unwrap();
}

/// What held (after the fix of the finding below): a 65th claim is held like the first; there
/// is no bound on how many are pending (the sweep costs a key a claim).
#[test]
fn a_65th_claim_is_held() {
    let mut s = pending_pool(MAX_PENDING, |_| {});
    let (big, victim) = (s.addr("victim-member"), s.addr("victim"));
    assert_eq!(s.claim_loss(&big, usdc(150_000), &victim).unwrap().status, ClaimStatus::Pending);
    assert_eq!(pending_keys(&s).len(), MAX_PENDING + 1);
}

/// What held: with 64 pending (the pause lifted — they stay pending), a 120k claim (100k
/// escrow + 20k pool part, within the 50k auto-approval limit) settles at once and pays.
#[test]
fn an_auto_settled_claim_needs_no_slot() {
    let mut s = pending_pool(MAX_PENDING, |_| {});
    unpause(&mut s);
    assert_eq!(pending_keys(&s).len(), MAX_PENDING, "lifting the pause decides nothing");
    let (big, victim) = (s.addr("victim-member"), s.addr("victim"));
    let v0 = s.balance(&victim);
    let r = s.claim_loss(&big, usdc(120_000), &victim).unwrap();
    assert_eq!((r.status, r.paid_by_pool.u128()), (ClaimStatus::Settled, usdc(20_000)));
    assert_eq!(s.balance(&victim) - v0, usdc(120_000));
    assert_eq!(pending_keys(&s).len(), MAX_PENDING);
}

/// What held: an approval frees its slot, including that of a claim filed during an oracle
/// outage and re-capped on the fresh figures at approval (`figures: assessed`); a rejection
/// frees one too. Prices stale after an hour here.
#[test]
fn an_approval_or_rejection_frees_a_slot() {
    let mut b = Suite::new()
        .underwriter("alice", usdc(10_000_000))
        .oracle(|o| o.max_staleness_secs = 3_600)
        .vault(|v| v.max_members = Some(1_024));
    for i in 0..MAX_PENDING - 1 {
        b = b.member(name("p", i), usdc(1_000), 0, usdc(1_000));
    }
    let mut s =
        b.member("ma", usdc(1_000_000), 0, usdc(100_000)).member("mb", usdc(1_000_000), 0, usdc(100_000)).build();
    let (a, bb, victim) = (s.addr("ma"), s.addr("mb"), s.addr("victim"));
    s.report(&a, vec![exp(BTC, usdc(1_000_000) as i128)]).unwrap();
    s.report(&bb, vec![exp(BTC, usdc(1_000_000) as i128)]).unwrap();
    pause(&mut s);
    for i in 0..MAX_PENDING - 1 {
        let who = s.addr(name("p", i));
        s.claim_loss(&who, usdc(1), &victim).unwrap();
    }
    s.advance(7_200); // every assess errs
    let r = s.claim_loss(&a, usdc(150_000), &victim).unwrap();
    assert!(s.claim(r.claim_id).needs_assessment);
    s.set_prices("60000", "3000");
    let res = s.dao(&ExecuteMsg::ApproveClaim { id: r.claim_id }).unwrap();
    assert_eq!(attr(&res, "figures"), "assessed");
    assert_eq!(pending_keys(&s).len(), MAX_PENDING - 1);
    let rb = s.claim_loss(&bb, usdc(150_000), &victim).unwrap();
    assert_eq!(rb.status, ClaimStatus::Pending);
    s.dao(&ExecuteMsg::RejectClaim { id: rb.claim_id, reason: "no".into() }).unwrap();
    assert_eq!(s.claim_loss(&bb, usdc(150_000), &victim).unwrap().status, ClaimStatus::Pending);
}

/// What held: the cap frees at exactly the oldest claim's `expires_at` (the sweep runs before
/// the count, in the same transaction) and only by the claims that lapsed; a member with a
/// pending claim cannot be removed, and at its `expires_at` its removal (same transaction as
/// the sweep) refunds the contribution with the escrow back in it.
#[test]
fn expiry_frees_slots_at_the_oldest_expires_at_and_a_member_can_then_be_removed() {
    let mut s = pending_pool(MAX_PENDING, |_| {});
    unpause(&mut s);
    let keys = pending_keys(&s);
    let (oldest, second) = (keys[0], keys[1]);
    assert_eq!(second.0, oldest.0 + 1);
    let (big, victim) = (s.addr("victim-member"), s.addr("victim"));
    let first = s.addr(name("p", 0));
    assert_eq!(
        s.dao(&ExecuteMsg::RemoveMember { member: first.to_string() }).unwrap_err(),
        E::MemberHasPendingClaim { claim_id: oldest.1 }
    );
    s.advance_to(oldest.0);
    let f0 = s.balance(&first);
    let r = s.dao(&ExecuteMsg::RemoveMember { member: first.to_string() }).unwrap();
    assert_eq!(attr_of(&r, "refund"), usdc(1_000).to_string());
    assert_eq!(s.balance(&first) - f0, usdc(1_000));
    assert_eq!(s.claim(oldest.1).status, ClaimStatus::Expired);
    let r = s.claim_loss(&big, usdc(200_000), &victim).unwrap();
    assert_eq!((r.status, r.paid_by_pool.u128()), (ClaimStatus::Pending, usdc(100_000)));
    let other = s.addr("bystander");
    s.member_deposit(&other, usdc(1_000)).unwrap();
    assert_eq!(s.claim_loss(&other, usdc(1), &victim).unwrap().status, ClaimStatus::Settled, "pool part 0: auto");
}

/// 64 members file 1-unit claims during a guardian pause (no exposure, no cover: they cost
/// their filers 1 unit of escrow each, returned later). `ma` held 1M BTC (stress 400k, 100k
/// contribution, claim limit 600k) and closed it at a loss just before (empty book): its 700k
/// claim is 100k escrow + 600k pool part, above the 50k auto-approval limit, so it must be
/// held. Returns the suite and `ma`.
fn griefed() -> (Suite, Addr) {
    let mut b = Suite::new().underwriter("alice", usdc(10_000_000)).vault(|v| v.max_members = Some(1_024));
    for i in 0..MAX_PENDING {
        b = b.member(name("g", i), usdc(1_000), 0, usdc(1_000));
    }
    let mut s = b.member("ma", usdc(1_000_000), 0, usdc(100_000)).build();
    let (a, victim) = (s.addr("ma"), s.addr("victim"));
    s.report(&a, vec![exp(BTC, usdc(1_000_000) as i128)]).unwrap();
    s.report(&a, vec![]).unwrap();
    assert_eq!(s.member(&a).claim_limit.u128(), usdc(600_000));
    pause(&mut s);
    for i in 0..MAX_PENDING {
        let who = s.addr(name("g", i));
        s.claim_loss(&who, usdc(1), &victim).unwrap();
    }
    (s, a)
}

/// Finding: SPEC has no bound on pending claims — a claim the auto-approval does not settle is
/// `pending` until the owner decides or `max_pending_claim_secs` pass. The 64 cap lets any 64
/// members (or a pause, or an oracle outage, during which every claim is held) refuse every
/// other member's filing for up to `max_pending_claim_secs` (14 days), long enough for a
/// closed position's peak to leave the 7-day lookback: in `griefed()`, `ma`'s 700k claim is
/// refused instead of held with 600k pool part, and filed a lookback later it gets 0 (600k
/// denied; test above). Suggested fix: keep the gas bound without refusing claims — e.g.
/// make the sweep cheap per claim (sync only removes the key and moves the pool sums; the
/// member record takes its escrow back lazily when next loaded, as `with_expiry` already does
/// for queries, and the claim's status is read as expired from `expires_at ≤ now`), so 1,024
/// lapsing together fit a transaction; or, if a cap stays, hold the claim's figures fixed at
/// filing in a queue rather than refusing it, and document the deviation in SPEC.
/// Fixed: the cap is gone; the sweep takes a key a claim and the member's record catches up
/// when next read.
#[test]
fn a_claim_is_held_whatever_other_members_hold() {
    let (mut s, a) = griefed();
    let victim = s.addr("victim");
    let r = s.claim_loss(&a, usdc(700_000), &victim).unwrap();
    assert_eq!(
        (r.status, r.paid_by_member.u128(), r.paid_by_pool.u128()),
        (ClaimStatus::Pending, usdc(100_000), usdc(600_000))
    );
}

// ------------------------------------------------------------ migration of the legacy item

/// What held: a legacy list holding one claim twice migrates to one key (the books counted it
/// once); the claim is approved once and pays 150k; a second `migrate` moves nothing.
/// (The attribute `pending_claims_migrated` counts the keys written, 1.)
#[test]
fn a_duplicated_legacy_entry_migrates_to_one_key() {
    let (mut s, id, at) = one_pending();
    let p = pending_ref(&s, id);
    to_legacy(&mut s, vec![p.clone(), p]);
    assert_eq!(migrated_pending(&mut s), "1");
    assert_eq!(pending_keys(&s), vec![(at, id)]);
    assert_eq!(migrated_pending(&mut s), "0");
    assert_eq!(s.state().pending_exposure.u128(), usdc(50_000));
    let v0 = s.balance(&s.addr("victim"));
    s.dao(&ExecuteMsg::ApproveClaim { id }).unwrap();
    assert_eq!(s.balance(&s.addr("victim")) - v0, usdc(150_000));
    assert!(pending_keys(&s).is_empty());
    poke(&mut s);
}

/// Finding (fixed: the migration keeps an entry only if its claim is pending, with the claim's
/// expiry, once): `migrate_legacy_pending` keyed every legacy entry without looking at its claim
/// (the Cover-N migration drops the rows of removed members; this one keeps anything). An
/// entry whose claim is no longer pending — here `mb`'s claim, approved and settled (100k
/// escrow paid out) but left in the list — is swept at its `expires_at` as if pending: its
/// escrow is taken from the pool's escrow a second time. With `ma`'s 100k the only escrow
/// held, the sweep of both (same `expires_at`) underflows, and from that block every execute
/// and every query of the vault fails (the sweep runs in both) — the vault is stuck until a
/// code migration. Had `ma`'s claim expired later, `mb` would first be credited `ma`'s escrow
/// and its settled claim rewritten `expired`. The old code never left such an entry, so this
/// needs a corrupted list; the brief asked. Suggested fix: at migration keep an entry only if
/// `CLAIMS[id]` is `pending`, its `expires_at` is the claim's and its id not yet moved (count
/// those), and make the sweep skip (and remove) a key whose claim is not pending.
#[test]
fn a_legacy_entry_of_a_settled_claim_is_not_swept() {
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
    let ib = s.claim_loss(&b, usdc(150_000), &victim).unwrap().claim_id;
    let (pa, pb) = (pending_ref(&s, ia), pending_ref(&s, ib));
    assert_eq!(pa.expires_at, pb.expires_at);
    s.dao(&ExecuteMsg::ApproveClaim { id: ib }).unwrap();
    assert_eq!(s.state().escrow.u128(), usdc(100_000));
    to_legacy(&mut s, vec![pa, pb]);
    let moved = migrated_pending(&mut s);
    // To the expiry without the suite's per-step check (it queries `state`).
    s.app.update_block(|bl| bl.time = bl.time.plus_seconds(PENDING_SECS));
    let st = s.try_q::<StateResponse>(&QueryMsg::State {});
    assert!(st.is_ok(), "state query at expiry: {st:?}");
    poke(&mut s);
    assert_eq!(stored_status(&s, ib), ClaimStatus::Settled);
    assert_eq!(s.member(&b).contribution.u128(), 0);
    assert_eq!(s.member(&a).contribution.u128(), usdc(100_000));
    assert_eq!(moved, "1", "only the pending claim's entry moves");
}

// ------------------------------------------------------------ the own `before` of the check

/// `ma` (150k contribution) reported 1M BTC then 500k (its row saved then: peak 400k − 150k =
/// 250k), a lookback + 1 s ago: SPEC's figure now is 200k − 150k = 50k, the stored row still
/// 250k. The underwriter's unbonding halves capacity to ~150k.
fn stale_own_row() -> (Suite, u128) {
    let mut s = Suite::new()
        .underwriter("alice", usdc(1_000_000))
        .member("ma", usdc(1_000_000), 0, usdc(150_000))
        .member("mb", usdc(1_000_000), 0, usdc(100_000))
        .build();
    let (alice, a) = (s.addr("alice"), s.addr("ma"));
    s.report(&a, vec![exp(BTC, usdc(1_000_000) as i128)]).unwrap();
    s.report(&a, vec![exp(BTC, usdc(500_000) as i128)]).unwrap();
    s.advance(LOOKBACK + 1);
    let shares = s.underwriter(&alice).shares.u128();
    s.request_withdraw(&alice, shares / 2).unwrap();
    let cap = s.state().capacity.u128();
    assert!(cap.abs_diff(usdc(150_000)) <= 1, "capacity {cap}");
    assert_eq!(s.state().pool_requirement.u128(), usdc(250_000), "the stale row");
    (s, cap)
}

/// What held: the stale own row is no headroom for a withdrawal either (018cff2 fixed it for
/// both paths): 104k out would lift `ma` to 154k > capacity — refused with that exact figure
/// (before the fix: accepted, 154k ≤ the stale 250k); `capacity − 50k` out exactly fills
/// capacity and is accepted.
#[test]
fn a_stale_own_row_is_no_headroom_for_a_withdrawal() {
    let (mut s, cap) = stale_own_row();
    let a = s.addr("ma");
    let err = s.exec(&a, &ExecuteMsg::MemberWithdraw { amount: u(usdc(104_000)) }).unwrap_err();
    assert_eq!(err, E::PoolCapacityExceeded { requirement: u(usdc(154_000)), capacity: u(cap) });
    s.exec(&a, &ExecuteMsg::MemberWithdraw { amount: u(cap - usdc(50_000)) }).unwrap();
    assert_eq!(s.state().pool_requirement.u128(), cap);
}

/// What held: `before` is never above the member's figure now, so nothing is refused that
/// does not raise Cover-N: with the pool over capacity (two members clamped at their 100k
/// coverage: requirement 200k > ~150k), a withdrawal that leaves a clamped member's uncovered
/// at 100k is accepted (before = after), a reduction is accepted, and an increase of the
/// clamped member (still 100k) is accepted too; the unclamped one's increase is refused.
#[test]
fn a_change_that_leaves_the_own_figure_is_accepted_over_capacity() {
    let mut s = Suite::new()
        .underwriter("alice", usdc(1_000_000))
        .member("ma", usdc(100_000), 0, usdc(150_000))
        .member("mb", usdc(100_000), 0, usdc(150_000))
        .member("mc", usdc(1_000_000), 0, usdc(150_000))
        .build();
    let (alice, a, b, c) = (s.addr("alice"), s.addr("ma"), s.addr("mb"), s.addr("mc"));
    s.report(&a, vec![exp(BTC, usdc(1_000_000) as i128)]).unwrap();
    s.report(&b, vec![exp(BTC, usdc(1_000_000) as i128)]).unwrap();
    s.report(&c, vec![exp(BTC, usdc(250_000) as i128)]).unwrap();
    s.advance(3_600); // the deposit lock
    let shares = s.underwriter(&alice).shares.u128();
    s.request_withdraw(&alice, shares / 2).unwrap();
    let cap = s.state().capacity.u128();
    assert_eq!(s.state().pool_requirement.u128(), usdc(200_000));
    assert!(cap < usdc(200_000));
    s.exec(&a, &ExecuteMsg::MemberWithdraw { amount: u(usdc(10_000)) }).unwrap();
    assert_eq!(s.state().pool_requirement.u128(), usdc(200_000));
    s.report(&b, vec![exp(BTC, usdc(1_200_000) as i128)]).unwrap();
    s.report(&b, vec![exp(BTC, usdc(900_000) as i128)]).unwrap();
    // mc: 700k BTC, stress 280k − 150k = 130k: Cover-N 130k + 100k = 230k.
    let err = s.report(&c, vec![exp(BTC, usdc(700_000) as i128)]).unwrap_err();
    assert_eq!(err, E::PoolCapacityExceeded { requirement: u(usdc(230_000)), capacity: u(cap) });
}
