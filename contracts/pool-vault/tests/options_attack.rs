//! An independent attack on the option legs (issue 13/14 red team): a member DEX after a smaller
//! requirement or a bigger claim, a feeder moving implied vol, an underwriter left with unpriced
//! risk. Each test either records a defence (passes) or, where the attack works, asserts the
//! safe outcome and is `#[ignore = "finding: …"]` with the measured figures in a comment.
//! Run with `--nocapture` (and `--include-ignored`) to see the figures.

use cw_multi_test::Executor;
use pool_vault::ContractError as E;
use risk_pool::oracle::{self, AssessResponse, Exposure};
use risk_pool::vault::ExecuteMsg;
use risk_testing::prelude::*;

const BTC: &str = "BTC-PERP";
/// One BTC of options in uusdc per USD of price.
const ONE: i128 = 1_000_000;

fn assess(s: &Suite, book: Vec<Exposure>) -> AssessResponse {
    s.app.wrap().query_wasm_smart(&s.oracle, &oracle::QueryMsg::Assess { exposures: book }).unwrap()
}

fn try_assess(s: &Suite, book: Vec<Exposure>) -> Result<AssessResponse, String> {
    s.app
        .wrap()
        .query_wasm_smart::<AssessResponse>(&s.oracle, &oracle::QueryMsg::Assess { exposures: book })
        .map_err(|e| e.to_string())
}

fn show(name: &str, a: &AssessResponse) {
    println!(
        "{name}: required {} es {} stress_loss {} grid_loss {} short_option_minimum {}",
        a.required, a.es, a.stress_loss, a.grid_loss, a.short_option_minimum
    );
}

fn funded() -> Suite {
    Suite::new().underwriter("alice", usdc(1_000_000)).member("dex", usdc(1_000_000), 500, usdc(200_000)).build()
}

fn refresh(s: &mut Suite, who: &cosmwasm_std::Addr) {
    s.exec(who, &ExecuteMsg::RefreshMember { member: who.to_string() }).unwrap();
}

// ---------------------------------------------------------------------------------------------
// Reductions
// ---------------------------------------------------------------------------------------------

/// FINDING (low money, unbounded count): the one-f rule's "within one unit" also admits f = 1 with
/// every value rounded *away* from zero by one, so |new| = |stored| + 1 passes as a reduction: no
/// pause check, no oracle, no contribution or capacity gate. Measured: a written call of
/// −1,000,000 (1 BTC) grows to −1,000,100 in 100 reports made while the vault is paused, every
/// one answered `reduction = true`; a linear-only market refuses the same +1 (`|new| ≤ |old|`).
/// Each unit of size is S settlement units (60,000 uusdc = 0.06 USDC at BTC 60,000), so the
/// money per report is tiny here but scales with the market's price (up to 2⁴⁰ ≈ 1.1·10¹² units
/// per report at MAX_PRICE) and with every leg and the linear notional of the market moving at
/// once (65 entries per report). Safe outcome: an entry whose |new| exceeds |stored| is never a
/// reduction (f ≤ 1 must bound every value: |v| ≤ |s|). Fixed: `member::scaled_down` refuses |new| > |stored|.
#[test]
fn a_reduction_cannot_grow_a_written_leg_by_one_unit() {
    let mut s = funded();
    let dex = s.addr("dex");
    let t = s.now() + 30 * DAY;
    s.report(&dex, vec![exp(BTC, 30_000 * ONE), leg(BTC, true, "60000", t, -ONE)]).unwrap();
    s.exec(&s.guardian.clone(), &ExecuteMsg::Pause {}).unwrap();
    // Each report: the linear notional of this legs market and the written call, both +1 unit
    // (a linear-only market refuses +1: `a_linear_market_refuses_plus_one_while_paused`).
    let mut grown = 0;
    for k in 1..=100i128 {
        let book = vec![exp(BTC, 30_000 * ONE + k), leg(BTC, true, "60000", t, -ONE - k)];
        match s.report(&dex, book) {
            Ok(r) => {
                assert_eq!(attr(&r, "reduction"), "true");
                grown = k;
            }
            Err(_) => break,
        }
    }
    println!("paused vault: written call grown by {grown} units of size (of 100 tried)");
    assert_eq!(grown, 0, "a paused vault accepted |new| = |stored| + 1 as a reduction {grown} times");
}

/// Control for the finding above: on a linear-only market +1 is an increase (refused paused).
#[test]
fn a_linear_market_refuses_plus_one_while_paused() {
    let mut s = funded();
    let dex = s.addr("dex");
    s.report(&dex, vec![exp(BTC, 30_000 * ONE)]).unwrap();
    s.exec(&s.guardian.clone(), &ExecuteMsg::Pause {}).unwrap();
    assert!(matches!(s.report(&dex, vec![exp(BTC, 30_000 * ONE + 1)]).unwrap_err(), E::Paused { .. }));
    let r = s.report(&dex, vec![exp(BTC, 30_000 * ONE - 1)]).unwrap();
    assert_eq!(attr(&r, "reduction"), "true");
}

/// Defended: a "reduction" that is not one f — halving the protective long while keeping the
/// written leg, or flipping a sign — is an increase: paused, it is refused.
#[test]
fn mixed_or_sign_flipping_reductions_are_increases() {
    let mut s = funded();
    let dex = s.addr("dex");
    let t = s.now() + 30 * DAY;
    let spread = vec![leg(BTC, true, "60000", t, -ONE), leg(BTC, true, "65000", t, ONE)];
    s.report(&dex, spread).unwrap();
    s.exec(&s.guardian.clone(), &ExecuteMsg::Pause {}).unwrap();
    // Keep the written call, drop the protective long: f = 1 for one, f = 0 for the other.
    let naked = vec![leg(BTC, true, "60000", t, -ONE)];
    assert!(matches!(s.report(&dex, naked).unwrap_err(), E::Paused { .. }));
    // The protective long shrunk by 1 % with the short kept.
    let thinner = vec![leg(BTC, true, "60000", t, -ONE), leg(BTC, true, "65000", t, ONE - ONE / 100)];
    assert!(matches!(s.report(&dex, thinner).unwrap_err(), E::Paused { .. }));
    // A sign flip of the long at f·s ≈ 0.
    let flipped = vec![leg(BTC, true, "60000", t, -1), leg(BTC, true, "65000", t, -1)];
    assert!(matches!(s.report(&dex, flipped).unwrap_err(), E::Paused { .. }));
    // A new leg (different strike) in the market.
    let added =
        vec![leg(BTC, true, "60000", t, -ONE), leg(BTC, true, "65000", t, ONE), leg(BTC, false, "50000", t, -1)];
    assert!(matches!(s.report(&dex, added).unwrap_err(), E::Paused { .. }));
    // A linear notional added to a legs market that held none.
    let linear = vec![exp(BTC, 1), leg(BTC, true, "60000", t, -ONE), leg(BTC, true, "65000", t, ONE)];
    assert!(matches!(s.report(&dex, linear).unwrap_err(), E::Paused { .. }));
    // The genuine f = ½ passes paused.
    let half = vec![leg(BTC, true, "60000", t, -ONE / 2), leg(BTC, true, "65000", t, ONE / 2)];
    assert_eq!(attr(&s.report(&dex, half.clone()).unwrap(), "reduction"), "true");
    assert_eq!(s.member(&dex).exposures, half);
}

/// Defended: a live leg cannot be dropped as "expired" one second before its expiry (paused, the
/// drop of a live protective leg is refused); at its expiry it may be.
#[test]
fn a_live_leg_cannot_be_dropped_as_expired() {
    let mut s = funded();
    let dex = s.addr("dex");
    let t = s.now() + 600;
    let far = s.now() + 30 * DAY;
    s.report(&dex, vec![leg(BTC, true, "60000", far, -ONE), leg(BTC, true, "65000", t, ONE)]).unwrap();
    s.exec(&s.guardian.clone(), &ExecuteMsg::Pause {}).unwrap();
    s.advance_to(t - 1);
    assert!(matches!(s.report(&dex, vec![leg(BTC, true, "60000", far, -ONE)]).unwrap_err(), E::Paused { .. }));
    s.advance_to(t);
    let r = s.report(&dex, vec![leg(BTC, true, "60000", far, -ONE)]).unwrap();
    assert_eq!(attr(&r, "reduction"), "true");
}

// ---------------------------------------------------------------------------------------------
// Spellings, zero sizes, delisted markets, sizes, counts
// ---------------------------------------------------------------------------------------------

/// Defended: strikes are `Decimal`s, compared by value: "65000", "65000.0" and "65000.000" are
/// one strike (`DuplicateLeg` in the vault and the oracle), and a stored "65000.0" reduces as
/// "65000". A strike 10⁻¹⁸ away is another leg, priced on its own (no netting dodge: the pair
/// long/short at 65000 / 65000.000000000000000001 is assessed as the near-zero risk it is).
#[test]
fn one_strike_spelled_two_ways_is_one_leg() {
    let mut s = funded();
    let dex = s.addr("dex");
    let t = s.now() + 30 * DAY;
    let spelled = |strike: &str, size: i128| leg(BTC, true, strike, t, size);
    let dup = vec![spelled("65000", -ONE), spelled("65000.0", ONE)];
    assert!(matches!(s.report(&dex, dup.clone()).unwrap_err(), E::DuplicateLeg { .. }));
    assert!(try_assess(&s, dup).unwrap_err().contains("listed twice"));
    let dup3 = vec![spelled("65000.000", -ONE), spelled("65000", -ONE)];
    assert!(matches!(s.report(&dex, dup3).unwrap_err(), E::DuplicateLeg { .. }));
    // Stored as "65000.0", reduced as "65000" while paused.
    s.report(&dex, vec![spelled("65000.0", -ONE)]).unwrap();
    s.exec(&s.guardian.clone(), &ExecuteMsg::Pause {}).unwrap();
    let r = s.report(&dex, vec![spelled("65000", -ONE / 2)]).unwrap();
    assert_eq!(attr(&r, "reduction"), "true");
    // Near-equal strikes: two legs, and the box of them nets to a tiny figure, as it should.
    let near = vec![spelled("65000", -ONE), spelled("65000.000000000000000001", ONE)];
    let a = assess(&s, near);
    let naked = assess(&s, vec![spelled("65000", -ONE)]);
    show("65000 short / 65000+1e-18 long", &a);
    show("65000 short alone", &naked);
    // The short side still pays its short-option minimum; the grid sees the pair as flat.
    assert_eq!(a.short_option_minimum, naked.short_option_minimum);
    assert!(a.grid_loss < naked.grid_loss);
    assert!(a.required >= a.short_option_minimum);
}

/// Defended: a zero-size leg is dropped by the vault (it cannot turn a linear market into a legs
/// market to reach the one-f rule) and priced as nothing by the oracle.
#[test]
fn a_zero_size_leg_is_nothing() {
    let mut s = funded();
    let dex = s.addr("dex");
    let t = s.now() + 30 * DAY;
    s.report(&dex, vec![exp(BTC, 30_000 * ONE), leg(BTC, true, "60000", t, 0)]).unwrap();
    assert_eq!(s.member(&dex).exposures, vec![exp(BTC, 30_000 * ONE)]);
    s.exec(&s.guardian.clone(), &ExecuteMsg::Pause {}).unwrap();
    // Still the linear rule: +1 refused.
    assert!(matches!(
        s.report(&dex, vec![exp(BTC, 30_000 * ONE + 1), leg(BTC, true, "60000", t, 0)]).unwrap_err(),
        E::Paused { .. }
    ));
    let zero = assess(&s, vec![exp(BTC, 30_000 * ONE), leg(BTC, true, "60000", t, 0)]);
    let linear = assess(&s, vec![exp(BTC, 30_000 * ONE)]);
    assert_eq!(
        (zero.required, zero.es, zero.short_option_minimum),
        (linear.required, linear.es, linear.short_option_minimum)
    );
}

/// Defended: no leg can be added or raised on a delisted market (the oracle proxy answers the
/// market as delisted); shrinking by one f is still accepted.
#[test]
fn legs_on_a_delisted_market_only_shrink() {
    let mut s = Suite::new()
        .oracle_proxy()
        .underwriter("alice", usdc(1_000_000))
        .member("dex", usdc(1_000_000), 500, usdc(200_000))
        .build();
    let dex = s.addr("dex");
    let t = s.now() + 30 * DAY;
    s.report(&dex, vec![leg(BTC, false, "60000", t, -ONE)]).unwrap();
    s.set_listing(&[BTC], None);
    let delisted = E::MarketDelisted { market: BTC.into() };
    assert_eq!(
        s.report(&dex, vec![leg(BTC, false, "60000", t, -ONE), leg(BTC, false, "55000", t, -1)]).unwrap_err(),
        delisted
    );
    assert_eq!(s.report(&dex, vec![leg(BTC, false, "60000", t, -2 * ONE)]).unwrap_err(), delisted);
    let r = s.report(&dex, vec![leg(BTC, false, "60000", t, -ONE / 4)]).unwrap();
    assert_eq!(attr(&r, "reduction"), "true");
}

/// Defended: sizes at and above MAX_EXPOSURE (|size|·max(S, K) ≤ 2¹⁰⁰) answer typed errors or a
/// requirement no contribution meets; nothing panics and nothing is stored. 65 legs are refused.
#[test]
fn huge_sizes_and_too_many_legs_are_refused() {
    let mut s = funded();
    let dex = s.addr("dex");
    let t = s.now() + 30 * DAY;
    let before = s.member(&dex);
    // 2¹⁰⁰ / 65,000 rounds down: just inside the bound at K = 65,000.
    let inside = (1i128 << 100) / 65_000;
    let a = try_assess(&s, vec![leg(BTC, true, "65000", t, -inside)]);
    println!("size {inside} at K 65000: {a:?}");
    match s.report(&dex, vec![leg(BTC, true, "65000", t, -inside)]).unwrap_err() {
        E::InsufficientContribution { required, .. } => assert!(required.u128() > u128::from(u64::MAX)),
        E::OracleError { .. } => {}
        e => panic!("{e:?}"),
    }
    let outside = inside + 1_000;
    assert!(try_assess(&s, vec![leg(BTC, true, "65000", t, -outside)]).unwrap_err().contains("exposure"));
    assert!(matches!(s.report(&dex, vec![leg(BTC, true, "65000", t, -outside)]).unwrap_err(), E::OracleError { .. }));
    let legs: Vec<Exposure> = (0..65).map(|i| leg(BTC, true, &format!("{}", 50_000 + i), t, -1)).collect();
    assert!(matches!(s.report(&dex, legs).unwrap_err(), E::TooManyExposures { count: 65, max: 64 }));
    assert_eq!(s.member(&dex).exposures, before.exposures);
}

// ---------------------------------------------------------------------------------------------
// Expiry: τ' = 0, intrinsic pricing, claims after an expiry loss
// ---------------------------------------------------------------------------------------------

/// Defended: a written call expiring within the horizon (now + 1 s, exactly at the horizon, just
/// past it) is revalued at intrinsic at τ' = 0 and is not cheaper than a longer one: the grid's
/// up moves charge the full intrinsic move, so expiring soon buys no discount below the
/// short-option minimum or the scan-range loss.
#[test]
fn a_leg_expiring_within_the_horizon_is_charged_its_intrinsic_move() {
    let s = funded();
    let now = s.now();
    let h = 86_400;
    let mut figures = vec![];
    for (name, t) in [("now+1", now + 1), ("now+h", now + h), ("now+h+1", now + h + 1), ("now+30d", now + 30 * DAY)] {
        let a = assess(&s, vec![leg(BTC, true, "60000", t, -ONE)]);
        show(&format!("short ATM call expiring {name}"), &a);
        figures.push(a);
    }
    // ATM, σ_m 0.65, z 2.326, 1 day: R = 2.326·0.65·√(1/365) ≈ 7.9 %: the intrinsic at +R of one
    // BTC at 60,000 is ≈ 4,750 USDC; the 1-second call's grid loss is at least that.
    let r = 2.326_f64 * 0.65 * (1.0_f64 / 365.0).sqrt();
    let intrinsic = (r * 60_000.0 * 1e6) as u128;
    println!("intrinsic at +R: {intrinsic}");
    assert!(figures[0].grid_loss.u128() >= intrinsic * 99 / 100, "{} vs {intrinsic}", figures[0].grid_loss);
    for a in &figures {
        assert!(a.required >= a.short_option_minimum && a.short_option_minimum.u128() == 600_000_000);
    }
}

/// Defended: a written call that expires in the money drops out of `required` (its payoff is a
/// claim, not market risk), but the peaks cached before expiry still bound the member's
/// withdrawal and the claim: the pool part is at most claim_multiple·peak stress loss, whatever
/// the loss the member files.
#[test]
fn a_claim_after_an_expiry_loss_is_bounded_by_the_peaks() {
    let mut s = funded();
    let dex = s.addr("dex");
    let victim = s.addr("victim");
    let t = s.now() + 2 * 3_600;
    let book = vec![leg(BTC, true, "60000", t, -10 * ONE)];
    let a = assess(&s, book.clone());
    show("10 short calls expiring in 2 h", &a);
    s.report(&dex, book).unwrap();
    let peak_stress = s.member(&dex).required;
    // BTC to 66,000 (+10 %) then the calls expire: the DEX owes 10 × 6,000 = 60,000 USDC.
    s.advance(3_600);
    s.set_prices("63000", "3000");
    s.advance(3_600);
    s.set_prices("66000", "3000");
    refresh(&mut s, &dex);
    let m = s.member(&dex);
    println!("after expiry: required {} peak_required {} (was {peak_stress})", m.required, m.peak_required);
    assert_eq!(m.required.u128(), 0, "expired legs carry no market risk");
    assert!(m.peak_required >= peak_stress);
    // The contribution cannot leave: the peak bounds it.
    let out = s.exec(&dex, &ExecuteMsg::MemberWithdraw { amount: m.contribution });
    assert!(matches!(out.unwrap_err(), E::WithdrawBelowRequirement { .. }));
    // A claim of the full 60,000 USDC (and a greedy 10× of it): the pool part is capped.
    let cap = |stress: u128, es: u128| stress.max(es) * 3 / 2;
    let r = s.claim_loss(&dex, usdc(600_000), &victim).unwrap();
    println!("claim 600,000: {r:?}");
    let limit = cap(a.stress_loss.u128(), a.es.u128());
    assert!(r.paid_by_pool.u128() + r.shortfall.u128() <= limit, "pool part {} over cap {limit}", r.paid_by_pool);
    assert_eq!(r.paid_by_pool.u128() + r.shortfall.u128(), limit, "the cap binds: 1.5 × the peak stress loss");
    // The escrow is the contribution net of the premium accrued meanwhile.
    assert!(r.paid_by_member.u128() <= m.contribution.u128() && r.paid_by_member.u128() > usdc(199_000));
    s.check();
}

// ---------------------------------------------------------------------------------------------
// Feeders' implied vol
// ---------------------------------------------------------------------------------------------

fn submit_iv(s: &mut Suite, i: usize, btc_iv: Option<&str>) -> bool {
    let msg = oracle::ExecuteMsg::SetPrices {
        prices: vec![
            oracle::PriceInput { market: BTC.into(), price: dec("60000"), implied_vol: btc_iv.map(dec) },
            oracle::PriceInput { market: "ETH-PERP".into(), price: dec("3000"), implied_vol: None },
        ],
    };
    let r = s.app.execute_contract(s.feeders[i].clone(), s.oracle.clone(), &msg, &[]).unwrap();
    attr(&r, "round_formed") == "true"
}

fn btc_iv(s: &Suite) -> String {
    let m: oracle::MarketResponse =
        s.app.wrap().query_wasm_smart(&s.oracle, &oracle::QueryMsg::Market { id: BTC.into() }).unwrap();
    m.implied_vol.map_or_else(|| format!("default {}", m.volatility), |v| v.to_string())
}

/// Defended: one feeder alone (under `min_feeders`) cannot move implied vol; the round still forms
/// on the majority's prices.
#[test]
fn one_feeder_under_min_feeders_does_not_move_implied_vol() {
    let mut s = Suite::new().feeders(3).build();
    let before = btc_iv(&s);
    s.advance(3_600);
    assert!(!submit_iv(&mut s, 0, Some("5")));
    assert!(submit_iv(&mut s, 1, None));
    assert_eq!(btc_iv(&s), before);
}

/// FINDING (SPEC-level: "median (upper middle)"): with three feeders and the majority of two
/// forming the round, when both carry an implied vol the round takes the *higher* of the two, so
/// ONE feeder (a minority of the set) sets implied vol upward as far as `max_vol_move_bps` allows,
/// every round: measured 0.65 → 0.975 → 1.4625 → 2.19375 → 3.290625 → 4.9359375 (×1.5 a round,
/// default 5,000 bps; 128 after ~11 rounds). Prices use the lower middle plus the
/// `max_feeder_spread_bps` guard; implied vol has neither. A written 30-day ATM call of 1 BTC
/// follows: `required` = `stress_loss` = grid_loss 4,562,611,495 → 12,937,087,977 uusdc (×2.84)
/// after 5 rounds, so a colluding member's claim cap 1.5·max(stress, es) rises from 6.84k to
/// 19.4k USDC per BTC written, and every honest option member's requirement can be forced up
/// (griefing: increases refused, withdrawals frozen). The safe outcome: a single feeder of three
/// moves implied vol no further than the honest one submitted.
#[test]
#[ignore = "finding: with 2 of 3 feeders submitting, implied vol takes the upper of the two: one feeder ratchets it up ×1.5 per round"]
fn one_feeder_of_three_cannot_ratchet_implied_vol() {
    let mut s = funded_with_feeders(3);
    let dex = s.addr("dex");
    let t = s.now() + 30 * DAY;
    let book = vec![leg(BTC, true, "60000", t, -ONE)];
    s.report(&dex, book.clone()).unwrap();
    let honest = assess(&s, book.clone());
    show("iv 0.65", &honest);
    let mut ivs = vec![btc_iv(&s)];
    for _ in 0..5 {
        s.advance(3_600);
        assert!(!submit_iv(&mut s, 0, Some("0.65")), "the honest feeder alone forms no round");
        assert!(submit_iv(&mut s, 1, Some("100")), "the attacker's submission completes the round");
        ivs.push(btc_iv(&s));
    }
    let pushed = assess(&s, book.clone());
    show(&format!("iv {}", ivs.last().unwrap()), &pushed);
    println!("implied vol per round: {ivs:?}");
    refresh(&mut s, &dex);
    println!("member after refresh: required {}", s.member(&dex).required);
    assert!(
        ivs.last().unwrap() == "0.65" || ivs.last().unwrap() == "default 0.65",
        "one feeder of three moved implied vol: {ivs:?}"
    );
}

fn funded_with_feeders(n: usize) -> Suite {
    Suite::new()
        .feeders(n)
        .underwriter("alice", usdc(1_000_000))
        .member("dex", usdc(1_000_000), 500, usdc(200_000))
        .build()
}

// ---------------------------------------------------------------------------------------------
// Hiding a written option behind bought ones
// ---------------------------------------------------------------------------------------------

/// Defended, with a model note: a written ATM put "hedged" by bought far-OTM calls. The calls'
/// vega gains in the grid's vol-up cells do offset the put's vol-up loss (the grid shocks every
/// strike's vol the same way: no skew, so in a crash OTM calls are assumed to gain vol with the
/// put), which lowers `required` by up to 12 %: measured naked put 4,100,451,177; + 5 calls
/// 90000: 3,680,650,734; + 200 calls 120000: 3,596,612,306 uusdc. But it never goes below the
/// put's own loss in the unchanged-vol cell at −R (the calls only lose there): the grid takes the
/// worst of every (move, vol) cell, so one generous cell hides nothing.
#[test]
fn far_otm_calls_do_not_hide_a_written_put() {
    use risk_math::options::{scenario_loss, Book, Clock, Leg, Market, OptionKind, VolMove};
    use risk_math::Q64;
    let s = funded();
    let t = s.now() + 30 * DAY;
    let put = leg(BTC, false, "60000", t, -ONE);
    let naked = assess(&s, vec![put.clone()]);
    show("naked short put 60000", &naked);
    // R = z·σ·√(h/year) = 2.326·0.65·√(1/365) ≈ 7.914 %: take 7.9 % (a smaller move, a lower
    // bound of the put's loss at −R with vol unchanged).
    let market = Market {
        price: Q64::from_int(60_000),
        implied_vol: Q64::from_ratio(65, 100).unwrap(),
        volatility: Q64::from_ratio(65, 100).unwrap(),
    };
    let book = Book {
        market,
        linear: 0,
        legs: vec![Leg { kind: OptionKind::Put, strike: Q64::from_int(60_000), expiry: t, size: -ONE }],
    };
    let clock = Clock { now: s.now(), horizon_secs: 86_400 };
    let floor = scenario_loss(&[book], &clock, &[(Q64::from_ratio(-79, 1000).unwrap(), VolMove::Unchanged)]).unwrap();
    println!("the put alone at −7.9 %, vol unchanged: {floor}");
    assert!(floor > 0 && floor < naked.grid_loss.u128());
    for (k, size) in [("90000", 5 * ONE), ("90000", 50 * ONE), ("120000", 200 * ONE), ("70000", 2 * ONE)] {
        let hidden = assess(&s, vec![put.clone(), leg(BTC, true, k, t, size)]);
        show(&format!("short put + {} calls {k}", size / ONE), &hidden);
        assert!(hidden.grid_loss.u128() >= floor, "{} under {floor}", hidden.grid_loss);
        assert!(hidden.required >= hidden.grid_loss);
    }
}
