//! Issue 15 item 4: Cover-N with 1,000 members. The index answers what brute force over every
//! member record answers, the capacity check refuses with the exact requirement, and a
//! removal takes the member's row out. (The gas, flat in the number of members, is measured
//! by tests/vm-gas and the real-node bench; this is the correctness half.)

mod common;
use common::{attr_of, migrate, name};
use pool_vault::state::{CONFIG, MEMBERS};
use pool_vault::ContractError as E;
use risk_pool::vault::*;
use risk_testing::prelude::*;

const BTC: &str = "BTC-PERP";
const MEMBERS_N: usize = 1_000;

/// Member `i`'s account name.
fn m(i: usize) -> &'static str {
    name("m", i)
}

/// Notional of member `i`: distinct values with repeats (ties in the index), 50k–90k USDC.
fn notional(i: usize) -> u128 {
    usdc(50_000 + ((i * 7_919) % 400) as u128 * 100)
}

/// Every member's `uncovered` now, from its stored record, sorted largest first.
fn brute(s: &Suite) -> Vec<u128> {
    let store = s.app.contract_storage(&s.vault);
    let cfg = CONFIG.load(&*store).unwrap();
    let now = s.now();
    let mut v: Vec<u128> = MEMBERS
        .range(&*store, None, None, cosmwasm_std::Order::Ascending)
        .map(|r| r.unwrap().1.uncovered(&cfg, now).u128())
        .collect();
    v.sort_unstable_by(|a, b| b.cmp(a));
    v
}

#[test]
fn cover_n_over_a_thousand_members_matches_brute_force() {
    let mut b = Suite::new().underwriter("alice", usdc(200_000)).vault(|v| v.max_members = Some(1_000));
    for i in 0..MEMBERS_N {
        b = b.member(m(i), usdc(500_000), 0, usdc(10_000));
    }
    let mut s = b.build();
    let st = s.state();
    assert_eq!(st.pool_requirement, u(0));
    for i in 0..MEMBERS_N {
        let who = s.addr(m(i));
        s.report(&who, vec![exp(BTC, notional(i) as i128)]).unwrap();
    }
    let rows = brute(&s);
    assert_eq!(rows.len(), MEMBERS_N);
    assert!(rows[1] > rows[2] && rows[2] > 0, "the largest rows: {:?}", &rows[..4]);
    // SPEC's `{"coverage_report": {}}`: the pool's figures and the first page of 64 members.
    let report: CoverageReportResponse =
        s.app.wrap().query_wasm_smart(&s.vault, &serde_json::json!({"coverage_report": {}})).unwrap();
    assert_eq!((report.members.len(), report.member_count, report.cover_n), (64, 1_000, 2));
    assert_eq!(report.cover_n_requirement.u128(), rows[0] + rows[1]);
    // The pages, ascending by address, hold every member once; a limit above 64 is clamped.
    let mut seen: Vec<cosmwasm_std::Addr> = vec![];
    loop {
        let q = QueryMsg::CoverageReport { start_after: seen.last().map(|a| a.to_string()), limit: Some(1_000) };
        let page: CoverageReportResponse = s.q(&q);
        assert!(page.members.len() <= 64);
        if page.members.is_empty() {
            break;
        }
        seen.extend(page.members.into_iter().map(|m| m.member));
    }
    assert_eq!(seen.len(), MEMBERS_N);
    assert!(seen.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(s.state().pool_requirement.u128(), rows[0] + rows[1]);

    // The 1,001st registration is refused at the bound.
    assert_eq!(s.register(&s.addr("one-too-many"), usdc(1), 0, 1).unwrap_err(), E::TooManyMembers { max: 1_000 });

    // A member whose increase would lift Cover-N over capacity: refused with the exact
    // requirement the brute force gives with its row replaced.
    let cap = s.state().capacity.u128();
    let big = s.addr(m(17));
    s.member_deposit(&big, usdc(300_000)).unwrap();
    let huge = usdc(2_000_000) as i128;
    let err = s.report(&big, vec![exp(BTC, huge)]).unwrap_err();
    let E::PoolCapacityExceeded { requirement, capacity } = err else { panic!("{err:?}") };
    assert_eq!(capacity.u128(), cap);
    assert_eq!(cap, usdc(60_000));
    // Stress loss 40 % of 2M = 800k, less the 310k contribution, within the 500k coverage.
    let row = (usdc(2_000_000) * 4 / 10 - usdc(310_000)).min(usdc(500_000));
    let mut others = brute(&s);
    let mine = {
        let store = s.app.contract_storage(&s.vault);
        let cfg = CONFIG.load(&*store).unwrap();
        MEMBERS.load(&*store, &big).unwrap().uncovered(&cfg, s.now()).u128()
    };
    let at = others.iter().position(|&x| x == mine).unwrap();
    others.remove(at);
    others.push(row);
    others.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(requirement.u128(), others[0] + others[1]);

    // Removing the member with the largest row: Cover-N moves to the next two.
    let (first, _) = (0..MEMBERS_N).map(|i| (i, notional(i))).max_by_key(|&(i, n)| (n, std::cmp::Reverse(i))).unwrap();
    let top = s.addr(m(first));
    s.dao(&ExecuteMsg::RemoveMember { member: top.to_string() }).unwrap();
    let rows = brute(&s);
    assert_eq!(rows.len(), MEMBERS_N - 1);
    assert_eq!(s.state().pool_requirement.u128(), rows[0] + rows[1]);
}

/// A vault that stored its Cover-N rows and its pending claims in the one-item layouts
/// (`cover` and `pending`, before the keyed ones) migrates: `migrate` moves every row into the
/// index and the records and every pending claim under its key; the requirement, the capacity
/// check and the claim's approval read them again, and the invariants hold.
#[test]
fn legacy_cover_rows_and_pending_claims_migrate_through_the_entry_point() {
    use pool_vault::state::{CoverRow, COVER_BY, LEGACY_COVER, LEGACY_PENDING, PENDING_BY};
    let mut b = Suite::new().underwriter("alice", usdc(1_000_000)).vault(|v| v.claim_auto_approve_limit = u(0));
    for i in 0..5 {
        b = b.member(m(i), usdc(500_000), 0, usdc(10_000));
    }
    let mut s = b.build();
    for i in 0..5 {
        let who = s.addr(m(i));
        s.report(&who, vec![exp(BTC, notional(i) as i128)]).unwrap();
    }
    let claimer = s.addr(m(3));
    let victim = s.addr("victim");
    let id = s.claim_loss(&claimer, usdc(15_000), &victim).unwrap().claim_id;
    assert_eq!(s.claim(id).status, ClaimStatus::Pending);
    let want = s.state().pool_requirement;
    let pending_exposure = s.state().pending_exposure;
    assert!(!want.is_zero() && !pending_exposure.is_zero());
    // Rewrite the storage as the one-item layout held it.
    let vault = s.vault.clone();
    {
        let mut store = s.app.contract_storage_mut(&vault);
        let members: Vec<_> =
            MEMBERS.range(&*store, None, None, cosmwasm_std::Order::Ascending).map(|r| r.unwrap()).collect();
        let mut rows = vec![];
        for (addr, mut m) in members {
            COVER_BY.remove(&mut *store, (m.cover_row.u128(), &addr));
            rows.push(CoverRow { member: addr.clone(), uncovered: m.cover_row });
            m.cover_row = u(0);
            MEMBERS.save(&mut *store, &addr, &m).unwrap();
        }
        LEGACY_COVER.save(&mut *store, &rows).unwrap();
        let pending: Vec<_> =
            PENDING_BY.range(&*store, None, None, cosmwasm_std::Order::Ascending).map(|r| r.unwrap()).collect();
        assert_eq!(pending.len(), 1);
        for (key, _) in &pending {
            PENDING_BY.remove(&mut *store, *key);
        }
        LEGACY_PENDING.save(&mut *store, &pending.into_iter().map(|(_, p)| p).collect()).unwrap();
    }
    assert_eq!(s.q::<StateResponse>(&QueryMsg::State {}).pool_requirement, u(0), "the index is empty now");
    let r = migrate(&mut s);
    assert_eq!((attr_of(&r, "cover_rows_migrated"), attr_of(&r, "pending_claims_migrated")), ("5".into(), "1".into()));
    assert_eq!((s.state().pool_requirement, s.state().pending_exposure), (want, pending_exposure));
    // The migrated pending claim is found again: the owner approves it and it pays.
    let v0 = s.balance(&victim);
    s.dao(&ExecuteMsg::ApproveClaim { id }).unwrap();
    assert_eq!(s.claim(id).status, ClaimStatus::Settled);
    assert_eq!(s.balance(&victim) - v0, usdc(15_000));
    assert!(s.state().pending_exposure.is_zero());
    // An action after the migration runs the invariant check (index = records).
    let who = s.addr(m(0));
    s.member_deposit(&who, usdc(1)).unwrap();
    assert_eq!(s.state().pool_requirement, want);
}

/// Pending claims keyed by expiry: of six claims filed 100 s apart, those past
/// `max_pending_claim_secs` expire (queries see it at once, the next execute writes it) in
/// expiry order, each returning its escrow; the live ones keep their pool parts pending.
#[test]
fn pending_claims_expire_by_key_order() {
    let mut b = Suite::new().underwriter("alice", usdc(1_000_000)).vault(|v| {
        v.claim_auto_approve_limit = u(0);
        v.max_pending_claim_secs = 1_000;
    });
    for i in 0..6 {
        b = b.member(m(i), usdc(500_000), 0, usdc(10_000));
    }
    let mut s = b.build();
    let victim = s.addr("victim");
    let mut ids = vec![];
    for i in 0..6 {
        let who = s.addr(m(i));
        s.report(&who, vec![exp(BTC, notional(i) as i128)]).unwrap();
        ids.push(s.claim_loss(&who, usdc(15_000), &victim).unwrap().claim_id);
        s.advance(100);
    }
    let parts: Vec<u128> = ids.iter().map(|&id| s.claim(id).paid_by_pool.u128()).collect();
    assert!(parts.iter().all(|&p| p == usdc(5_000)), "{parts:?}");
    // Filed at t0, t0+100, …, t0+500; now t0+600: advance to t0+1,250 → the first three expired.
    s.advance(650);
    let status: Vec<ClaimStatus> = ids.iter().map(|&id| s.claim(id).status).collect();
    assert_eq!(status[..3], [ClaimStatus::Expired, ClaimStatus::Expired, ClaimStatus::Expired]);
    assert_eq!(status[3..], [ClaimStatus::Pending, ClaimStatus::Pending, ClaimStatus::Pending]);
    assert_eq!(s.state().pending_exposure.u128(), usdc(15_000));
    // An execute writes the expiries: the escrow is back in the members' contributions.
    let c0 = s.member(&s.addr(m(0))).contribution.u128();
    s.deposit(&s.addr("alice"), usdc(1)).unwrap();
    assert_eq!(s.state().pending_exposure.u128(), usdc(15_000));
    assert_eq!(s.member(&s.addr(m(0))).contribution.u128(), c0);
    assert_eq!(c0, usdc(10_000));
    s.advance(300);
    assert!(s.state().pending_exposure.is_zero());
}
