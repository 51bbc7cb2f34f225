//! Third red-team pass, on commit 32ef420 (claim_loss takes premium due from the contribution
//! first; the deficit floor adds `committed_required`). Each test asserts the correct behaviour
//! (SPEC.md, pool-vault: claim_loss, coverage suspension, premiums), so it fails if the attack
//! works. Every step runs the suite's conservation check.

use cosmwasm_std::{from_json, to_json_vec, Addr};
use risk_pool::vault::*;
use risk_testing::prelude::*;

const BTC: &str = "BTC-PERP";
const LOOKBACK: u64 = 604_800;

/// 10M USDC of capital; one member `dex` (cover 10M, premium `rate_bps`, grace 7 days) with
/// `contribution`; every claim within 10M auto-settles.
fn pool(rate_bps: u32, contribution: u128) -> Suite {
    Suite::new()
        .underwriter("alice", usdc(10_000_000))
        .vault(|v| v.claim_auto_approve_limit = u(usdc(10_000_000)))
        .member("dex", usdc(10_000_000), rate_bps, contribution)
        .build()
}

fn set_multiplier(s: &mut Suite, m: &str) {
    s.oracle_exec(&risk_pool::oracle::ExecuteMsg::UpdateConfig(risk_pool::oracle::ConfigUpdate {
        requirement_multiplier: Some(dec(m)),
        ..Default::default()
    }));
}

fn refresh(s: &mut Suite, who: &Addr) {
    let stranger = s.addr("stranger");
    s.exec(&stranger, &ExecuteMsg::RefreshMember { member: who.to_string() }).unwrap();
}

/// Attack (honest member wrongly denied): `committed_required` never lapses while the member
/// holds its book. The DEX reports 1M BTC (required 90,677.40) with 100k; the market calms
/// (required halves; anyone's refresh), and more than the lookback later the vault itself lets
/// it withdraw down to max(required, peak required) = 45,338.70. Every SPEC test then passes:
/// no arrears, exposures reported, contribution = the lowest (and the only) `required` cached
/// during the lookback. But the 90,677.40 committed at the report is still "in force" in the
/// rolling max (it ends only at the member's next report), so the claim is suspended for
/// `deficit` and the pool pays 0 of a 154,661.30 pool part (the `member` query, too, shows
/// `deficit` right after the withdrawal the vault accepted).
#[test]
fn a_commitment_does_not_outlive_the_lookback_and_suspend_a_member_at_its_floor() {
    let mut s = pool(0, usdc(100_000));
    let (dex, victim) = (s.addr("dex"), s.addr("victim"));
    s.report(&dex, vec![exp(BTC, usdc(1_000_000) as i128)]).unwrap();
    let r0 = s.member(&dex).required.u128();
    set_multiplier(&mut s, "0.5");
    refresh(&mut s, &dex);
    s.advance(LOOKBACK + 1);
    refresh(&mut s, &dex);
    let m = s.member(&dex);
    let floor = m.required.u128().max(m.peak_required.u128());
    assert!(floor < r0, "floor {floor} vs committed {r0}");
    s.exec(&dex, &ExecuteMsg::MemberWithdraw { amount: u(usdc(100_000) - floor) }).unwrap();
    assert_eq!(s.member(&dex).contribution.u128(), floor);
    let r = s.claim_loss(&dex, usdc(200_000), &victim).unwrap();
    assert_eq!(
        (s.claim(r.claim_id).suspended, r.paid_by_member.u128(), r.paid_by_pool.u128()),
        (None, floor, usdc(200_000) - floor),
        "contribution {floor} = the lowest required over the lookback, yet the commitment {r0} made over a lookback ago binds"
    );
}

/// Attack (honest member wrongly denied): premium due *within grace* now suspends cover. The DEX
/// posts exactly its `required` (report_exposure accepts contribution ≥ required) at 5 %/yr;
/// one day later (grace 7 days, not in arrears) ~12.42 USDC premium is due. `claim_loss` judges
/// the deficit on contribution − due, 1 unit is enough: the contribution is "below" the
/// lowest required and the pool pays 0. SPEC suspends for premium only in arrears past
/// `grace_secs`, and the `member` query (which tests the contribution itself) says covered.
#[test]
fn premium_due_within_grace_does_not_suspend_cover() {
    let mut s = pool(500, 0);
    let (dex, victim) = (s.addr("dex"), s.addr("victim"));
    let book = vec![exp(BTC, usdc(1_000_000) as i128)];
    let required = s.assess(book.clone()).required.u128();
    s.member_deposit(&dex, required).unwrap();
    s.report(&dex, book).unwrap();
    s.advance(DAY);
    let m = s.member(&dex);
    assert!(m.premium_due.u128() > 0 && m.suspended.is_none(), "{m:?}");
    let due = m.premium_due.u128();
    let r = s.claim_loss(&dex, usdc(200_000), &victim).unwrap();
    assert_eq!(
        (s.claim(r.claim_id).suspended, r.paid_by_member.u128(), r.paid_by_pool.u128()),
        (None, required - due, usdc(200_000) - (required - due)),
        "{due} of premium due within grace suspended a {required} contribution"
    );
}

/// Attack (member, legacy record): red_team2's split claims after an empty book, on a member
/// record stored before 32ef420 (no `t`). Its commitment is empty, so the reduction's
/// `end_commitment` sets 0 over nothing; the rolling minimum drops to the empty book's 0, and the
/// second claim, filed with contribution 0, takes another full 600k claim limit from the pool
/// with no first loss, for the whole first lookback after the upgrade.
#[test]
fn a_legacy_record_does_not_let_split_claims_dodge_first_loss() {
    let mut s = pool(0, usdc(100_000));
    let (dex, victim, vault) = (s.addr("dex"), s.addr("victim"), s.vault.clone());
    s.report(&dex, vec![exp(BTC, usdc(1_000_000) as i128)]).unwrap();
    s.advance(DAY);
    {
        // The record as the previous code stored it: no `committed_required` ("t").
        let key = pool_vault::state::MEMBERS.key(&dex);
        let mut st = s.app.contract_storage_mut(&vault);
        let mut v: serde_json::Value = from_json(st.get(&key).unwrap()).unwrap();
        assert!(v.as_object_mut().unwrap().remove("t").is_some());
        st.set(&key, &to_json_vec(&v).unwrap());
    }
    s.assert_split_claims_after_an_empty_book_pay_nothing(&dex, &victim);
}

/// Defence (premium booked once): a claim filed while the oracle errs (pending) takes the due
/// once, books fee + vesting income at filing; rejection returns only the escrow; removal then
/// takes only what accrued since. Conservation holds at every step (suite check).
#[test]
fn premium_taken_at_a_pending_claim_is_booked_once() {
    let mut s = Suite::new()
        .underwriter("alice", usdc(10_000_000))
        .oracle(|o| o.max_staleness_secs = 3_600)
        .member("dex", usdc(10_000_000), 500, usdc(200_000))
        .build();
    let (dex, victim, treasury) = (s.addr("dex"), s.addr("victim"), s.treasury.clone());
    s.report(&dex, vec![exp(BTC, usdc(1_000_000) as i128)]).unwrap();
    s.advance(3 * DAY);
    let due = s.member(&dex).premium_due.u128();
    assert!(due > 0);
    let (t0, unvested0) = (s.balance(&treasury), s.state().unvested.u128());
    let res = s
        .exec(&dex, &ExecuteMsg::ClaimLoss { amount: u(usdc(50_000)), recipient: victim.to_string(), memo: None })
        .unwrap();
    assert_eq!(attr(&res, "premium_taken"), due.to_string());
    let id: u64 = attr(&res, "claim_id").parse().unwrap();
    assert_eq!(s.claim(id).status, ClaimStatus::Pending);
    let fee = due * 1_000 / 10_000;
    assert_eq!(s.balance(&treasury) - t0, fee);
    assert_eq!(s.state().unvested.u128() - unvested0, due - fee);
    assert_eq!(s.member(&dex).contribution.u128(), usdc(200_000) - due - usdc(50_000));
    s.dao(&ExecuteMsg::RejectClaim { id, reason: "no".into() }).unwrap();
    assert_eq!(s.member(&dex).contribution.u128(), usdc(200_000) - due);
    let res = s.dao(&ExecuteMsg::RemoveMember { member: dex.to_string() }).unwrap();
    assert_eq!(attr(&res, "premium_taken"), "0");
}

/// Defence (SPEC: a raise by the market or a third party's refresh within the lookback does not
/// suspend): the DEX at exactly its required; the oracle doubles every requirement and a stranger
/// refreshes; a claim within the lookback is covered (the commitment is the 1× figure).
#[test]
fn a_market_raise_and_a_third_party_refresh_do_not_suspend() {
    let mut s = pool(0, 0);
    let (dex, victim) = (s.addr("dex"), s.addr("victim"));
    let book = vec![exp(BTC, usdc(1_000_000) as i128)];
    let required = s.assess(book.clone()).required.u128();
    s.member_deposit(&dex, required).unwrap();
    s.report(&dex, book).unwrap();
    set_multiplier(&mut s, "2.0");
    refresh(&mut s, &dex);
    s.advance(DAY);
    refresh(&mut s, &dex);
    let r = s.claim_loss(&dex, usdc(200_000), &victim).unwrap();
    assert_eq!((s.claim(r.claim_id).suspended, r.paid_by_pool.u128()), (None, usdc(200_000) - required));
}

/// The same on the approval path: a claim filed while the oracle errs (pending, assessed at
/// approval). The DEX at exactly its required, 5 %/yr, 1 day of premium due within grace; the
/// approval's re-cap tests contribution + escrow, which lacks the premium taken at filing, so
/// it too finds a `deficit` (and so does the filing on cached figures) and the pool pays 0.
#[test]
fn premium_due_within_grace_does_not_suspend_a_claim_approved_later() {
    let mut s = Suite::new()
        .underwriter("alice", usdc(10_000_000))
        .oracle(|o| o.max_staleness_secs = 3_600)
        .member("dex", usdc(10_000_000), 500, 0)
        .build();
    let (dex, victim) = (s.addr("dex"), s.addr("victim"));
    let book = vec![exp(BTC, usdc(1_000_000) as i128)];
    let required = s.assess(book.clone()).required.u128();
    s.member_deposit(&dex, required).unwrap();
    s.report(&dex, book).unwrap();
    s.advance(DAY);
    let due = s.member(&dex).premium_due.u128();
    let r = s.claim_loss(&dex, usdc(200_000), &victim).unwrap();
    assert_eq!(r.status, ClaimStatus::Pending);
    s.set_prices("60000", "3000");
    let v0 = s.balance(&victim);
    s.dao(&ExecuteMsg::ApproveClaim { id: r.claim_id }).unwrap();
    let c = s.claim(r.claim_id);
    assert_eq!(
        (c.suspended, s.balance(&victim) - v0),
        (None, usdc(200_000)),
        "{due} of premium due within grace: the pool paid {}",
        c.paid_by_pool
    );
}
