//! Red team (options ladder, Monte Carlo draw, filtered historical): adversarial inputs that try
//! to make the ladder understate direct revaluation, to make any of these functions panic (the
//! release build has overflow checks on: a panic aborts the query), or to make the normal draw
//! misbehave at its ends.

use ethnum::I256;
use proptest::prelude::*;
use risk_math::options::*;
use risk_math::Q64;
use std::panic::{catch_unwind, AssertUnwindSafe};

const DAY: u64 = 86_400;
const YEAR: u64 = 31_536_000;
const NOW: u64 = 1_700_000_000;

fn kind_of(call: bool) -> OptionKind {
    if call {
        OptionKind::Call
    } else {
        OptionKind::Put
    }
}

/// Prices at the edges: one unit above MIN_PRICE, tiny, ordinary, and the largest accepted.
fn arb_price() -> impl Strategy<Value = Q64> {
    prop_oneof![
        (19i128..2_000).prop_map(Q64::from_raw),
        Just(Q64::lit("0.000001")),
        Just(Q64::ONE),
        Just(Q64::from_int(60_000)),
        (1i64..=(1 << 40)).prop_map(Q64::from_int),
        Just(MAX_PRICE),
    ]
}

fn arb_vol() -> impl Strategy<Value = Q64> {
    prop_oneof![
        Just(Q64::ZERO),
        Just(Q64::from_raw(1)),
        Just(Q64::lit("0.0001")),
        Just(Q64::lit("0.65")),
        Just(Q64::from_int(5)),
        Just(Q64::from_int(128)),
    ]
}

/// A leg whose |size|·max(S, K) is anywhere up to the exposure maximum 2¹⁰⁰; expiries at and
/// around the horizon (sharp legs) and far.
fn arb_leg(s: Q64, horizon: u64) -> impl Strategy<Value = Leg> {
    let strike = prop_oneof![
        Just(s),
        (1u32..400).prop_map(move |m| Q64::from_raw((I256::from(s.raw()) * I256::from(m) / 100).as_i128().max(19))),
        Just(MIN_PRICE),
        Just(MAX_PRICE),
    ];
    let expiry = prop_oneof![
        Just(NOW + 1),
        Just(NOW + horizon),
        Just(NOW + horizon + 1),
        (1u64..3_600).prop_map(move |d| NOW + horizon + d),
        (1u64..2 * YEAR).prop_map(|d| NOW + d),
    ];
    (any::<bool>(), strike, expiry, any::<bool>(), 0u32..=100, any::<u64>()).prop_map(
        move |(call, k, expiry, short, bits, frac)| {
            let m = s.max(k);
            // size ≤ 2^bits, and |size|·m ≤ 2¹⁰⁰.
            let cap = ((I256::from(MAX_EXPOSURE) << 64u32) / I256::from(m.raw())).as_i128().max(1);
            let want = if bits >= 127 { i128::MAX } else { (1i128 << bits).max(1) };
            let top = want.min(cap);
            let size = (i128::from(frac) % top) + 1;
            let size = size.min(top);
            Leg { kind: kind_of(call), strike: k, expiry, size: if short { -size } else { size } }
        },
    )
}

fn arb_book(horizon: u64) -> impl Strategy<Value = Book> {
    (arb_price(), arb_vol(), arb_vol(), 0u32..=100, any::<bool>())
        .prop_flat_map(move |(s, iv, vol, lb, neg)| {
            let lin = if lb == 0 { 0 } else { (1i128 << lb.min(100)) * if neg { -1 } else { 1 } };
            (Just(s), Just(iv), Just(vol), Just(lin), prop::collection::vec(arb_leg(s, horizon), 1..5))
        })
        .prop_map(|(s, iv, vol, lin, legs)| Book {
            market: Market { price: s, implied_vol: iv, volatility: vol },
            linear: lin,
            legs,
        })
}

/// Scenario returns: all zero (R = 0), −100 % and below, tiny, exact ladder points, huge.
fn arb_returns() -> impl Strategy<Value = Vec<Q64>> {
    let one = prop_oneof![
        Just(Q64::ZERO),
        Just(Q64::from_int(-1)),
        Just(Q64::lit("-0.999999")),
        Just(Q64::from_raw(1)),
        Just(Q64::from_raw(-1)),
        (-1_000_000i64..1_000_000).prop_map(|x| Q64::from_raw(i128::from(x) << 40)),
        Just(Q64::from_int(16)),
        Just(Q64::from_int(1 << 13)),
    ];
    prop::collection::vec(one, 1..40)
}

/// Runs `f`, turning a panic into a test failure naming the inputs.
fn no_panic<T>(what: &str, f: impl FnOnce() -> T) -> Result<T, TestCaseError> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|_| TestCaseError::fail(format!("{what} panicked")))
}

/// The ladder's P&L is a lower bound of direct revaluation (so its loss is ≥ direct's) on
/// adversarial books and scenarios, including the ladder's own points; and neither ever panics.
/// Where direct revaluation answers and the ladder refuses, the case is reported (a query that
/// a direct revaluation could answer is refused — a typed error, not a wrong figure).
#[test]
fn rt_ladder_never_below_direct_on_adversarial_books() {
    let cases = std::env::var("RT_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(300);
    let rng = proptest::test_runner::TestRng::deterministic_rng(proptest::test_runner::RngAlgorithm::ChaCha);
    let mut runner = proptest::test_runner::TestRunner::new_with_rng(
        ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() },
        rng,
    );
    let refused = std::cell::Cell::new(0u32);
    let both_err = std::cell::Cell::new(0u32);
    let strategy = prop::sample::select(vec![DAY, 10 * DAY, YEAR]).prop_flat_map(|h| {
        (Just(h), arb_book(h), arb_returns(), prop::sample::select(vec![3u32, 5, 33, 65]), any::<bool>())
    });
    runner
        .run(&strategy, |(horizon, book, mut returns, points, at_points)| {
            let clock = Clock { now: NOW, horizon_secs: horizon };
            let books = vec![book];
            if at_points {
                // Read exactly at the ladder's own points (and one unit either side).
                let r_max = returns.iter().map(|r| r.abs()).max().unwrap_or(Q64::ZERO);
                if let Ok(Ok(l)) = catch_unwind(AssertUnwindSafe(|| Ladder::new(&books[0], &clock, r_max, points))) {
                    for p in l.points().to_vec() {
                        for d in [-1i128, 0, 1] {
                            let x = Q64::from_raw(p.raw() + d);
                            if x.abs() <= r_max {
                                returns.push(x);
                            }
                        }
                    }
                }
            }
            let direct = no_panic("direct_losses", || direct_losses(&books, &clock, &returns))?;
            let ladder = no_panic("ladder_losses", || ladder_losses(&books, &clock, &returns, points))?;
            match (direct, ladder) {
                (Ok(d), Ok(l)) => {
                    for ((d, l), r) in d.iter().zip(&l).zip(&returns) {
                        prop_assert!(
                            l >= d,
                            "ladder {l} < direct {d} at r = {r:?}, book {:?}, {points} points",
                            books[0]
                        );
                    }
                }
                (Ok(_), Err(e)) => {
                    refused.set(refused.get() + 1);
                    if refused.get() <= 3 {
                        println!("ladder refused what direct answers: {e:?} (book {:?})", books[0]);
                    }
                }
                (Err(_), _) => both_err.set(both_err.get() + 1),
            }
            // The Monte Carlo measure over these returns never panics either.
            let _ = no_panic("tail_measure", || {
                ladder_losses(&books, &clock, &returns, points).map(|l| tail_measure(l, 9_000))
            })?;
            Ok(())
        })
        .unwrap();
    println!("{cases} cases: ladder refused {} that direct answered; both refused {}", refused.get(), both_err.get());
}

/// A scenario set whose largest |return| is a few units of 2⁻⁶⁴ (a tiny volatility or a horizon
/// far below the round spacing): the 33 ladder points fall onto fewer distinct returns. Found:
/// a zero-width segment divided by zero (`attempt to divide by zero`, a panic in the query);
/// fixed: coinciding points are kept once.
#[test]
fn rt_a_tiny_scenario_range_does_not_divide_by_zero() {
    let s = Q64::from_int(60_000);
    let book = Book {
        market: Market { price: s, implied_vol: Q64::lit("0.65"), volatility: Q64::lit("0.65") },
        linear: 0,
        legs: vec![Leg { kind: OptionKind::Call, strike: s, expiry: NOW + 30 * DAY, size: 2_500_000 }],
    };
    let clock = Clock { now: NOW, horizon_secs: DAY };
    for r in [1i128, 5, 15, 31, 63] {
        let returns = vec![Q64::from_raw(r), Q64::from_raw(-r), Q64::ZERO];
        for points in [3, 33, 65] {
            let l = ladder_losses(std::slice::from_ref(&book), &clock, &returns, points).unwrap();
            let d = direct_losses(std::slice::from_ref(&book), &clock, &returns).unwrap();
            for (l, d) in l.iter().zip(&d) {
                assert!(l >= d, "R = {r}, {points} points: ladder {l} < direct {d}");
            }
            let ladder = Ladder::new(&book, &clock, Q64::from_raw(r), points).unwrap();
            let rs = ladder.points();
            assert!(rs.windows(2).all(|w| w[0] < w[1]), "distinct ascending points");
            assert_eq!((rs[0], *rs.last().unwrap()), (Q64::from_raw(-r), Q64::from_raw(r)));
        }
    }
}
