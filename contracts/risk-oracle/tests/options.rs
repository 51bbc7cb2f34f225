//! The oracle's option paths through its JSON interface (cw-multi-test), each checked against
//! an independent computation with risk-math's option functions (SPEC, "Options exposures and
//! model validation"): historical and Monte Carlo with legs against direct revaluation of the
//! same scenarios, parametric on delta-equivalents, stress `vol_shock` against `scenario_loss`,
//! feeders' `implied_vol` rounds (median, move guard) and the option settings' validation.

use cosmwasm_std::{Decimal, Int128};
use ethnum::I256;
use risk_math::measures::{horizon_scale, sigma_horizon, simple_return};
use risk_math::normal::var_es_factors;
use risk_math::options::{
    delta_equivalents, direct_losses, grid_loss, historical_returns, ladder_losses, monte_carlo_returns, scenario_loss,
    tail_measure, Book, Clock, Leg, Market, OptionGrid, VolMove,
};
use risk_math::{Ret56, Q64};
use risk_oracle::ContractError;
use risk_pool::oracle::*;
use risk_pool::Amount;

mod common;
use common::*;

const E6: i128 = 1_000_000;
const E18: u128 = 1_000_000_000_000_000_000;

fn now(s: &Suite) -> u64 {
    s.app.block_info().time.seconds()
}

fn leg(market: &str, kind: OptionKind, strike: &str, expiry: u64, size: i128) -> Exposure {
    Exposure::leg(market, OptionLeg { kind, strike: dec(strike), expiry, size: Int128::new(size) })
}

/// A Decimal as Q64.64 rounded toward −∞ (the oracle's conversion).
fn q(d: Decimal) -> Q64 {
    Q64::from_atomics(i128::try_from(d.atomics().u128()).unwrap(), 18).unwrap()
}

fn market(s: &Suite, id: &str) -> MarketResponse {
    s.q(&QueryMsg::Market { id: id.into() }).unwrap()
}

/// risk-math's book of `id` from the exposures, with the market data the oracle answers.
fn obook(s: &Suite, id: &str, exposures: &[Exposure]) -> Book {
    let m = market(s, id);
    let mut linear = 0;
    let mut legs = vec![];
    for e in exposures.iter().filter(|e| e.market == id) {
        match &e.option {
            None => linear = e.notional.i128(),
            Some(l) => legs.push(Leg {
                kind: match l.kind {
                    OptionKind::Call => risk_math::options::OptionKind::Call,
                    OptionKind::Put => risk_math::options::OptionKind::Put,
                },
                strike: q(l.strike),
                expiry: l.expiry,
                size: l.size.i128(),
            }),
        }
    }
    Book {
        market: Market {
            price: q(m.price),
            implied_vol: q(m.implied_vol.unwrap_or(m.volatility)),
            volatility: q(m.volatility),
        },
        linear,
        legs,
    }
}

/// The scan ranges z₀.₉₉·σ·√(day/year) of the books (SPEC's grid, the fixture's 99 %, 1 day).
fn scans(books: &[Book], confidence_bps: u32) -> Vec<Q64> {
    let (z, _) = var_es_factors(confidence_bps).unwrap();
    books.iter().map(|b| z.mul(sigma_horizon(b.market.volatility, DAY).unwrap()).unwrap()).collect()
}

/// A 30-day short BTC straddle at 60,000 (10 BTC each side, settled in uusdc) and a long ETH
/// put, with linear BTC and ETH beside them.
fn mixed_book(t: u64) -> Vec<Exposure> {
    vec![
        exp("BTC-PERP", 200_000 * E6),
        leg("BTC-PERP", OptionKind::Call, "60000", t + 30 * DAY, -10 * E6),
        leg("BTC-PERP", OptionKind::Put, "60000", t + 30 * DAY, -10 * E6),
        exp("ETH-PERP", -150_000 * E6),
        leg("ETH-PERP", OptionKind::Put, "2800", t + 7 * DAY, 50 * E6),
    ]
}

/// Relative distance |a − b|/b.
fn rel(a: u128, b: u128) -> f64 {
    (a as f64 - b as f64).abs() / b as f64
}

#[test]
fn historical_with_legs_bounds_direct_revaluation_of_the_same_rounds() {
    let mut s = Suite::with(|m| {
        m.method = Method::Historical;
        m.confidence_bps = 9500;
        m.history_len = Some(30);
        m.round_secs = Some(3_600);
        m.max_staleness_secs = 10 * DAY;
    });
    let mut prices = vec![(60_000u128, 3_000u128)];
    let mut rng = risk_math::prng::Xoshiro256::seed(5);
    for _ in 0..35 {
        let (b, e) = *prices.last().unwrap();
        let step = |p: u128, u: u64| p * (1_000 + (u % 81) as u128 - 40) / 1_000;
        let next = (step(b, rng.next_u64()), step(e, rng.next_u64()));
        prices.push(next);
        s.advance(3_600);
        s.round(&next.0.to_string(), &next.1.to_string()).unwrap();
    }
    let t = now(&s);
    let book = mixed_book(t);
    let got = s.assess(book.clone()).unwrap();
    // The same 30 rounds from the prices the test sent, each scaled by √(day/hour).
    let mut rets: Vec<Ret56> = vec![];
    for w in prices.windows(2).skip(5) {
        rets.push(simple_return(w[0].0 * E18, w[1].0 * E18).unwrap());
        rets.push(simple_return(w[0].1 * E18, w[1].1 * E18).unwrap());
    }
    let scale = horizon_scale(DAY, 3_600).unwrap();
    let scales = vec![scale; 30];
    let scenarios = historical_returns(&rets, &scales, 2).unwrap();
    let books = vec![obook(&s, "BTC-PERP", &book), obook(&s, "ETH-PERP", &book)];
    let clock = Clock { now: t, horizon_secs: DAY };
    // Direct revaluation of every leg in every round: the reference.
    let direct = tail_measure(direct_losses(&books, &clock, &scenarios).unwrap(), 9500).unwrap();
    println!("historical with legs: oracle var {} es {}; direct var {} es {}", got.var, got.es, direct.var, direct.es);
    assert!(got.var.u128() >= direct.var && got.es.u128() >= direct.es, "the ladder never understates");
    assert!(rel(got.es.u128(), direct.es) < 0.005 && rel(got.var.u128(), direct.var) < 0.005);
    // Exactly the ladder over those rounds plus the documented scaling slack (⌊scale⌋ + 2)·W·2⁸.
    let w: I256 = books
        .iter()
        .map(|b| {
            let px = I256::from((b.market.price.raw() >> 64u32) + 1);
            I256::from(b.linear.unsigned_abs())
                + b.legs.iter().map(|l| I256::from(l.size.unsigned_abs()) * px).sum::<I256>()
        })
        .sum();
    let slack = I256::from((scale.raw() >> 64u32) + 2) * w * I256::from(256u32);
    let ladder: Vec<I256> =
        ladder_losses(&books, &clock, &scenarios, 33).unwrap().into_iter().map(|l| l + slack).collect();
    let want = tail_measure(ladder, 9500).unwrap();
    assert_eq!((got.var.u128(), got.es.u128()), (want.var, want.es));
    // The short straddle adds to the linear positions' own historical figure.
    let linear = s.assess(vec![exp("BTC-PERP", 200_000 * E6), exp("ETH-PERP", -150_000 * E6)]).unwrap();
    println!("linear alone: es {}", linear.es);
    assert!(got.es > linear.es, "{} vs linear {}", got.es, linear.es);
    // required = max(es·1, grid_loss, short-option minimum, min_requirement).
    assert_eq!(got.required, got.es.max(got.grid_loss).max(got.short_option_minimum));
    // More ladder points: still above direct, closer to it.
    s.owner_exec(ExecuteMsg::UpdateConfig(ConfigUpdate { option_ladder_points: Some(65), ..Default::default() }))
        .unwrap();
    let fine = s.assess(book).unwrap();
    assert!(fine.es.u128() >= direct.es && fine.es <= got.es, "65 points: {} (33: {})", fine.es, got.es);
}

#[test]
fn monte_carlo_with_legs_is_deterministic_bounds_direct_revaluation_and_keeps_the_linear_floor() {
    let mc = |seed| Suite::with(|m| m.method = Method::MonteCarlo { paths: 2_000, seed });
    let (a, b, c) = (mc(7), mc(7), mc(8));
    let t = now(&a);
    assert_eq!(t, now(&c));
    // A short BTC straddle alone (slot 0: one market, the factor is [1]).
    let straddle = vec![
        leg("BTC-PERP", OptionKind::Call, "60000", t + 30 * DAY, -10 * E6),
        leg("BTC-PERP", OptionKind::Put, "60000", t + 30 * DAY, -10 * E6),
    ];
    let (ra, rb, rc) =
        (a.assess(straddle.clone()).unwrap(), b.assess(straddle.clone()).unwrap(), c.assess(straddle.clone()).unwrap());
    assert_eq!(ra, rb, "same seed, same answer");
    assert_ne!((ra.var, ra.es), (rc.var, rc.es), "another seed, other draws");
    // The same 2,000 draws revalued directly.
    let books = vec![obook(&a, "BTC-PERP", &straddle)];
    let clock = Clock { now: t, horizon_secs: DAY };
    let sigma_h = sigma_horizon(q(dec("0.65")), DAY).unwrap();
    let draws = monte_carlo_returns(&[sigma_h], &[Q64::ONE], 2_000, 7).unwrap();
    let direct = tail_measure(direct_losses(&books, &clock, &draws).unwrap(), 9900).unwrap();
    println!("monte carlo straddle: oracle var {} es {}; direct var {} es {}", ra.var, ra.es, direct.var, direct.es);
    assert!(ra.var.u128() >= direct.var && ra.es.u128() >= direct.es);
    assert!(rel(ra.es.u128(), direct.es) < 0.005 && rel(ra.var.u128(), direct.var) < 0.005);
    let ladder = tail_measure(ladder_losses(&books, &clock, &draws, 33).unwrap(), 9900).unwrap();
    assert_eq!((ra.var.u128(), ra.es.u128()), (ladder.var, ladder.es));
    // No linear notional: the parametric floor is 0, the straddle's own figure stands.
    assert!(ra.es.u128() > 0);
    // A protective put under a long: the simulated loss is capped near (S − K)·size, the floor
    // (parametric of the linear notional alone) binds exactly.
    let hedged =
        vec![exp("BTC-PERP", 1_000_000 * E6), leg("BTC-PERP", OptionKind::Put, "57000", t + 30 * DAY, 16_666_667)];
    let floor = Suite::new().assess(vec![exp("BTC-PERP", 1_000_000 * E6)]).unwrap();
    assert_eq!(floor.es, Amount::new(90_677_397_315));
    let h = a.assess(hedged.clone()).unwrap();
    let hb = vec![obook(&a, "BTC-PERP", &hedged)];
    let own = tail_measure(ladder_losses(&hb, &clock, &draws, 33).unwrap(), 9900).unwrap();
    println!("monte carlo hedged: ladder es {}, floor es {}, answer es {}", own.es, floor.es, h.es);
    assert!(own.es < floor.es.u128());
    assert_eq!((h.var, h.es), (floor.var, floor.es));
    // Unhedged the same long is above the floor only by sampling noise; hedged it is not below.
    let naked = a.assess(vec![exp("BTC-PERP", 1_000_000 * E6)]).unwrap();
    assert!(naked.es >= floor.es);
}

#[test]
fn parametric_with_legs_is_delta_normal_on_delta_equivalents_and_grid_and_minimum_are_independent() {
    let s = Suite::new();
    let t = now(&s);
    let book = mixed_book(t);
    let got = s.assess(book.clone()).unwrap();
    let books = vec![obook(&s, "BTC-PERP", &book), obook(&s, "ETH-PERP", &book)];
    let deltas = delta_equivalents(&books, t).unwrap();
    println!("delta-equivalents {deltas:?}");
    // The straddle at the money is near delta-neutral: BTC's equivalent is the linear 2e11 less
    // about 10 BTC · 60,000 · (2·N(d₁) − 1) ≈ 0.05·6e11.
    assert!(deltas[0] < 200_000 * E6 && deltas[0] > 150_000 * E6, "{}", deltas[0]);
    let linear = s.assess(vec![exp("BTC-PERP", deltas[0]), exp("ETH-PERP", deltas[1])]).unwrap();
    assert_eq!((got.var, got.es), (linear.var, linear.es));
    // grid_loss as risk-math computes it for the same books.
    let clock = Clock { now: t, horizon_secs: DAY };
    let grid = grid_loss(&books, &clock, &scans(&books, 9900), &OptionGrid::default()).unwrap();
    assert_eq!(got.grid_loss, Amount::new(grid));
    // Short-option minimum: 1 % of |size|·S over the written legs (the bought ETH put adds 0).
    assert_eq!(got.short_option_minimum, Amount::new(2 * 10 * E6 as u128 * 60_000 / 100));
    // The straddle's grid loss dominates its delta-normal ES.
    assert!(grid > got.es.u128());
    assert_eq!(got.required, Amount::new(grid));
    // stress_loss = max(scenario losses, grid, es); the fixture's crash (BTC −40 %) revalued directly.
    let crash =
        scenario_loss(&books, &clock, &[(q(dec("0.4")).neg(), VolMove::Unchanged), (Q64::ZERO, VolMove::Unchanged)])
            .unwrap();
    assert_eq!(got.stress_loss, Amount::new(crash.max(grid).max(got.es.u128())));
    let req: RequirementResponse = s.q(&QueryMsg::Requirement { exposures: book }).unwrap();
    assert_eq!(
        (req.required, req.grid_loss, req.short_option_minimum),
        (got.required, got.grid_loss, got.short_option_minimum)
    );
    // A linear-only book answers "0" for both.
    let lin = s.assess(vec![exp("BTC-PERP", E6)]).unwrap();
    assert_eq!((lin.grid_loss, lin.short_option_minimum), (Amount::ZERO, Amount::ZERO));
}

fn scenario(name: &str, shocks: &[(&str, &str, Option<&str>)]) -> StressScenario {
    StressScenario {
        name: name.into(),
        shocks: shocks
            .iter()
            .map(|(m, sh, v)| Shock { market: (*m).into(), shock: sdec(sh), vol_shock: v.map(sdec) })
            .collect(),
    }
}

#[test]
fn stress_vol_shock_revalues_legs_directly() {
    let mut s = Suite::new();
    let t = now(&s);
    let book = vec![
        leg("BTC-PERP", OptionKind::Call, "60000", t + 30 * DAY, -10 * E6),
        leg("BTC-PERP", OptionKind::Put, "60000", t + 30 * DAY, -10 * E6),
        exp("ETH-PERP", 100_000 * E6),
    ];
    let books = vec![obook(&s, "BTC-PERP", &book), obook(&s, "ETH-PERP", &book)];
    let clock = Clock { now: t, horizon_secs: DAY };
    let grid = grid_loss(&books, &clock, &scans(&books, 9900), &OptionGrid::default()).unwrap();
    let loss = |btc: &str, vol: Option<&str>, eth: &str| {
        let v = vol.map_or(VolMove::Unchanged, |v| VolMove::Relative(risk_oracle_sdec(v)));
        scenario_loss(&books, &clock, &[(risk_oracle_sdec(btc), v), (risk_oracle_sdec(eth), VolMove::Unchanged)])
            .unwrap()
    };
    // A crash with implied vol doubled; a rally with vol crushed; the same crash at unchanged vol.
    let spiked = loss("-0.3", Some("1.0"), "-0.2");
    let crushed = loss("0.1", Some("-0.5"), "0");
    let flat = loss("-0.3", None, "-0.2");
    println!("stress: spiked {spiked}, flat {flat}, crushed {crushed}, grid {grid}");
    assert!(spiked > flat && flat > grid, "the vol shock adds to the short straddle's loss");
    s.owner_exec(ExecuteMsg::SetStressScenarios {
        scenarios: vec![
            scenario("crash-vol", &[("BTC-PERP", "-0.3", Some("1.0")), ("ETH-PERP", "-0.2", None)]),
            scenario("rally-crush", &[("BTC-PERP", "0.1", Some("-0.5"))]),
        ],
    })
    .unwrap();
    let r = s.assess(book.clone()).unwrap();
    assert_eq!(r.stress_loss, Amount::new(spiked));
    assert_eq!(r.claim_limit, Amount::from(Amount::new(spiked).raw().mul_floor(dec("1.5"))));
    // Without the vol shock the same scenario costs less.
    s.owner_exec(ExecuteMsg::SetStressScenarios {
        scenarios: vec![scenario("crash", &[("BTC-PERP", "-0.3", None), ("ETH-PERP", "-0.2", None)])],
    })
    .unwrap();
    assert_eq!(s.assess(book.clone()).unwrap().stress_loss, Amount::new(flat));
    // A vol crush alone: a short straddle gains; stress falls back to max(grid, es).
    s.owner_exec(ExecuteMsg::SetStressScenarios {
        scenarios: vec![scenario("crush", &[("BTC-PERP", "0", Some("-0.5"))])],
    })
    .unwrap();
    let calm = s.assess(book.clone()).unwrap();
    assert_eq!(loss("0", Some("-0.5"), "0"), 0);
    assert_eq!(calm.stress_loss, Amount::new(grid).max(calm.es));
    // A vol shock of −100 % would leave σ' = 0: refused, scenarios unchanged.
    let before: ConfigResponse = s.q(&QueryMsg::Config {}).unwrap();
    let e = s
        .owner_exec(ExecuteMsg::SetStressScenarios { scenarios: vec![scenario("x", &[("BTC-PERP", "0", Some("-1"))])] })
        .unwrap_err();
    assert_eq!(
        e,
        ContractError::InvalidScenario {
            name: "x".into(),
            reason: "vol_shock -1 for BTC-PERP outside (-1, 1024]".into()
        }
    );
    assert_eq!(s.q::<ConfigResponse>(&QueryMsg::Config {}).unwrap(), before);
    assert_eq!(s.assess(book).unwrap().stress_loss, calm.stress_loss);
}

/// A SignedDecimal string as Q64.64 rounded toward −∞ (the oracle's `sdec_q64`).
fn risk_oracle_sdec(v: &str) -> Q64 {
    Q64::from_atomics(sdec(v).atomics().i128(), 18).unwrap()
}

/// Feeder `i` prices BTC at 60,000 (with `iv`, if given) and ETH at 3,000.
fn submit_iv(s: &mut Suite, i: usize, iv: Option<&str>) -> Result<cw_multi_test::AppResponse, ContractError> {
    use cw_multi_test::Executor;
    let msg = ExecuteMsg::SetPrices {
        prices: vec![
            PriceInput { market: "BTC-PERP".into(), price: dec("60000"), implied_vol: iv.map(dec) },
            PriceInput { market: "ETH-PERP".into(), price: dec("3000"), implied_vol: None },
        ],
    };
    s.app
        .execute_contract(s.feeders[i].clone(), s.oracle.clone(), &msg, &[])
        .map_err(|e| e.downcast::<ContractError>().unwrap())
}

/// One round from all three feeders; returns the last response.
fn iv_round(s: &mut Suite, ivs: [Option<&str>; 3]) -> cw_multi_test::AppResponse {
    s.advance(3_600);
    let mut last = None;
    for (i, iv) in ivs.into_iter().enumerate() {
        last = Some(submit_iv(s, i, iv).unwrap());
    }
    let r = last.unwrap();
    assert_eq!(attr(&r, "round_formed"), "true");
    r
}

fn iv(s: &Suite) -> Option<Decimal> {
    market(s, "BTC-PERP").implied_vol
}

#[test]
fn feeders_implied_vol_is_the_median_and_clamped_by_the_move_guard() {
    let mut s = Suite::with_feeders(3, |m| m.min_feeders = Some(3));
    assert_eq!(iv(&s), Some(dec("0.65")), "default: the volatility");
    // Median (upper middle) of the three: 0.70; within 50 % of 0.65, not clamped.
    let r = iv_round(&mut s, [Some("0.90"), Some("0.60"), Some("0.70")]);
    assert_eq!(attr(&r, "clamped"), "");
    assert_eq!(iv(&s), Some(dec("0.70")));
    // Median 1.6, 128 % up: clamped to 0.70·1.5 = 1.05.
    let r = iv_round(&mut s, [Some("2.0"), Some("1.5"), Some("1.6")]);
    assert_eq!(attr(&r, "clamped"), "BTC-PERP/implied_vol");
    assert_eq!(iv(&s), Some(dec("1.05")));
    // Fewer than min_feeders (3) carry one: unchanged.
    let r = iv_round(&mut s, [Some("0.3"), None, Some("0.3")]);
    assert_eq!(attr(&r, "clamped"), "");
    assert_eq!(iv(&s), Some(dec("1.05")));
    // Down: 0.1 is clamped to 1.05·0.5 = 0.525.
    iv_round(&mut s, [Some("0.1"), Some("0.1"), Some("0.1")]);
    assert_eq!(iv(&s), Some(dec("0.525")));
    // A tighter guard (10 %) through update_config: 0.9 becomes 0.525·1.1 = 0.5775.
    s.owner_exec(ExecuteMsg::UpdateConfig(ConfigUpdate { max_vol_move_bps: Some(1_000), ..Default::default() }))
        .unwrap();
    let r = iv_round(&mut s, [Some("0.9"), Some("0.9"), Some("0.9")]);
    assert_eq!(attr(&r, "clamped"), "BTC-PERP/implied_vol");
    assert_eq!(iv(&s), Some(dec("0.5775")));
    // The legs are valued at it: the grid loss is risk-math's at σ = 0.5775 (volatility 0.65).
    let t = now(&s);
    let book = vec![leg("BTC-PERP", OptionKind::Call, "62000", t + 10 * DAY, -5 * E6)];
    let books = vec![obook(&s, "BTC-PERP", &book)];
    assert_eq!(books[0].market.implied_vol, q(dec("0.5775")));
    let clock = Clock { now: t, horizon_secs: DAY };
    let grid = grid_loss(&books, &clock, &scans(&books, 9900), &OptionGrid::default()).unwrap();
    assert_eq!(s.assess(book).unwrap().grid_loss, Amount::new(grid));
    // An implied vol of 0 in a submission is refused; nothing is stored.
    s.advance(3_600);
    assert_eq!(
        submit_iv(&mut s, 0, Some("0")).unwrap_err(),
        ContractError::InvalidVolatility { market: "BTC-PERP".into(), volatility: Decimal::zero() }
    );
    assert_eq!(attr(&submit_iv(&mut s, 1, None).unwrap(), "submissions"), "1");
    // upsert_market sets it; an upsert without one keeps it.
    s.owner_exec(ExecuteMsg::UpsertMarket {
        id: "BTC-PERP".into(),
        price: dec("60000"),
        volatility: dec("0.65"),
        implied_vol: Some(dec("0.8")),
    })
    .unwrap();
    assert_eq!(iv(&s), Some(dec("0.8")));
    s.owner_exec(ExecuteMsg::UpsertMarket {
        id: "BTC-PERP".into(),
        price: dec("60000"),
        volatility: dec("0.65"),
        implied_vol: None,
    })
    .unwrap();
    assert_eq!(iv(&s), Some(dec("0.8")));
}

#[test]
fn feeders_implied_vol_even_count_takes_the_upper_middle() {
    // Default majority: 2 of 3.
    let mut s = Suite::with_feeders(3, |_| {});
    submit_iv(&mut s, 0, Some("0.60")).unwrap();
    let r = submit_iv(&mut s, 1, Some("0.80")).unwrap();
    assert_eq!(attr(&r, "round_formed"), "true");
    assert_eq!(iv(&s), Some(dec("0.80")));
}

#[test]
fn option_settings_are_validated_with_typed_errors_and_change_nothing() {
    let mut s = Suite::new();
    let t = now(&s);
    let cfg = |s: &Suite| s.q::<ConfigResponse>(&QueryMsg::Config {}).unwrap();
    let defaults = cfg(&s);
    assert_eq!(
        (
            defaults.option_grid.clone(),
            defaults.option_ladder_points,
            defaults.short_option_min_bps,
            defaults.max_option_legs,
            defaults.max_vol_move_bps
        ),
        (None, 33, 100, 64, 5_000)
    );
    let book = mixed_book(t);
    let before = s.assess(book.clone()).unwrap();
    let default_grid = OptionGridConfig {
        core_moves: ["0", "0.25", "-0.25", "0.5", "-0.5", "0.75", "-0.75", "1", "-1"].map(sdec).to_vec(),
        extended_moves: ["-3", "-2", "2", "3", "5", "8"].map(sdec).to_vec(),
        vol_up: dec("0.40"),
        vol_down: sdec("-0.22"),
        p_short: dec("0.30"),
        p_long: dec("0.13"),
        short_dte_secs: 2_592_000,
        ref_secs: 2_592_000,
        min_secs: 86_400,
        down_floor: sdec("-0.95"),
    };
    let grid_with = |f: &dyn Fn(&mut OptionGridConfig)| {
        let mut g = default_grid.clone();
        f(&mut g);
        ConfigUpdate { option_grid: Some(Box::new(g)), ..Default::default() }
    };
    let bad: Vec<(ConfigUpdate, ContractError)> = vec![
        (
            ConfigUpdate { option_ladder_points: Some(4), ..Default::default() },
            ContractError::InvalidLadderPoints { points: 4, max: 65 },
        ),
        (
            ConfigUpdate { option_ladder_points: Some(1), ..Default::default() },
            ContractError::InvalidLadderPoints { points: 1, max: 65 },
        ),
        (
            ConfigUpdate { option_ladder_points: Some(67), ..Default::default() },
            ContractError::InvalidLadderPoints { points: 67, max: 65 },
        ),
        (
            ConfigUpdate { short_option_min_bps: Some(10_001), ..Default::default() },
            ContractError::InvalidConfig { reason: "short_option_min_bps 10001 above 10000".into() },
        ),
        (
            ConfigUpdate { max_option_legs: Some(0), ..Default::default() },
            ContractError::InvalidConfig { reason: "max_option_legs 0 outside [1, 64]".into() },
        ),
        (
            ConfigUpdate { max_option_legs: Some(65), ..Default::default() },
            ContractError::InvalidConfig { reason: "max_option_legs 65 outside [1, 64]".into() },
        ),
        (
            ConfigUpdate { max_vol_move_bps: Some(0), ..Default::default() },
            ContractError::InvalidConfig { reason: "max_vol_move_bps 0 outside [1, 100000]".into() },
        ),
        (
            ConfigUpdate { max_vol_move_bps: Some(100_001), ..Default::default() },
            ContractError::InvalidConfig { reason: "max_vol_move_bps 100001 outside [1, 100000]".into() },
        ),
        // 0.5·30^0.30 ≈ 1.387 ≥ 1: the down shock would take σ' below 0 at one day.
        (
            grid_with(&|g| g.vol_down = sdec("-0.5")),
            ContractError::InvalidOptionGrid {
                reason: "vol down shock -0.5 with exponent 0.299999999999999999: |v_down|·x_max^p = 1.387".into(),
            },
        ),
        (
            grid_with(&|g| g.vol_up = dec("4.5")),
            ContractError::InvalidOptionGrid { reason: "option grid vol_up = 4.5 invalid".into() },
        ),
        (
            grid_with(&|g| g.min_secs = 0),
            ContractError::InvalidOptionGrid { reason: "option grid min_secs = 0 invalid".into() },
        ),
        (
            grid_with(&|g| g.down_floor = sdec("-1")),
            ContractError::InvalidOptionGrid { reason: "option grid down_floor = -1 invalid".into() },
        ),
        (
            grid_with(&|g| g.extended_moves.push(sdec("0"))),
            ContractError::InvalidOptionGrid { reason: "option grid extended_moves = 0 invalid".into() },
        ),
        (
            grid_with(&|g| g.p_long = dec("1.5")),
            ContractError::InvalidOptionGrid { reason: "option grid p_long = 1.5 invalid".into() },
        ),
    ];
    for (u, want) in bad {
        let e = s.owner_exec(ExecuteMsg::UpdateConfig(u.clone())).unwrap_err();
        match (&e, &want) {
            // The factor's digits are rounded: compare up to the printed prefix.
            (ContractError::InvalidOptionGrid { reason: got }, ContractError::InvalidOptionGrid { reason: w }) => {
                assert!(got.starts_with(w.as_str()), "{u:?}: {got} vs {w}")
            }
            _ => assert_eq!(e, want, "{u:?}"),
        }
        assert_eq!(cfg(&s), defaults, "refused {u:?} changed the config");
        assert_eq!(s.assess(book.clone()).unwrap(), before);
    }
    // Only the owner.
    let feeder = s.feeder.clone();
    assert_eq!(
        s.exec(&feeder, &ExecuteMsg::UpdateConfig(ConfigUpdate { max_option_legs: Some(2), ..Default::default() })),
        Err(ContractError::Unauthorized { role: "owner", action: "update the config" })
    );
    // Accepted settings take effect: legs per query, the minimum, the grid.
    s.owner_exec(ExecuteMsg::UpdateConfig(ConfigUpdate {
        max_option_legs: Some(2),
        short_option_min_bps: Some(250),
        option_grid: Some(Box::new(OptionGridConfig { vol_up: dec("0.8"), ..default_grid.clone() })),
        ..Default::default()
    }))
    .unwrap();
    let c = cfg(&s);
    assert_eq!((c.max_option_legs, c.short_option_min_bps), (2, 250));
    let e = s.assess(book.clone()).unwrap_err();
    assert!(e.contains("too many option legs: 3 > 2"), "{e}");
    let two = book[..3].to_vec();
    let r = s.assess(two.clone()).unwrap();
    assert_eq!(r.short_option_minimum, Amount::new(2 * 10 * E6 as u128 * 60_000 * 250 / 10_000));
    let books = vec![obook(&s, "BTC-PERP", &two)];
    let clock = Clock { now: t, horizon_secs: DAY };
    let steep = OptionGrid { vol_up: Q64::lit("0.8"), ..OptionGrid::default() };
    let grid = grid_loss(&books, &clock, &scans(&books, 9900), &steep).unwrap();
    let flat = grid_loss(&books, &clock, &scans(&books, 9900), &OptionGrid::default()).unwrap();
    assert!(grid > flat);
    assert_eq!(r.grid_loss, Amount::new(grid));
}

#[test]
fn bad_legs_are_refused_with_typed_errors() {
    let s = Suite::new();
    let t = now(&s);
    let e = s.assess(vec![leg("BTC-PERP", OptionKind::Call, "60000", t, -E6)]).unwrap_err();
    assert!(e.contains(&format!("option leg in BTC-PERP expired: expiry {t} ≤ now {t}")), "{e}");
    let e = s
        .assess(vec![
            leg("BTC-PERP", OptionKind::Put, "55000", t + DAY, -E6),
            leg("BTC-PERP", OptionKind::Put, "55000", t + DAY, E6),
        ])
        .unwrap_err();
    assert!(e.contains(&format!("option leg put 55000 expiring {} in BTC-PERP listed twice", t + DAY)), "{e}");
    let e = s.assess(vec![leg("BTC-PERP", OptionKind::Call, "0", t + DAY, E6)]).unwrap_err();
    assert!(e.contains("invalid option leg in BTC-PERP: strike must be > 0"), "{e}");
    let e = s.assess(vec![leg("SOL-PERP", OptionKind::Call, "100", t + DAY, E6)]).unwrap_err();
    assert!(e.contains("unknown market SOL-PERP"), "{e}");
    // A call and a put at the same strike and expiry are two legs, and a linear entry beside them.
    s.assess(vec![
        leg("BTC-PERP", OptionKind::Put, "55000", t + DAY, -E6),
        leg("BTC-PERP", OptionKind::Call, "55000", t + DAY, -E6),
        exp("BTC-PERP", E6),
    ])
    .unwrap();
}

#[test]
fn monte_carlo_ladder_reads_are_bounded_by_paths_times_markets_with_legs() {
    // 10,000 paths (the largest setting) and five markets: one unexpired leg on each is 50,000
    // ladder reads, over the 40,000 bound; four of them are exactly at it.
    let mut s = Suite::with(|m| {
        m.method = Method::MonteCarlo { paths: 10_000, seed: 7 };
        // The draw cap counts paths × max_markets.
        m.max_markets = Some(5);
    });
    for id in ["M2", "M3", "M4"] {
        s.owner_exec(ExecuteMsg::UpsertMarket {
            id: id.into(),
            price: dec("100"),
            volatility: dec("0.5"),
            implied_vol: None,
        })
        .unwrap();
    }
    let t = now(&s);
    let ids = ["BTC-PERP", "ETH-PERP", "M2", "M3", "M4"];
    let book: Vec<Exposure> = ids
        .iter()
        .map(|id| {
            let strike = market(&s, id).price.to_string();
            leg(id, OptionKind::Call, &strike, t + 30 * DAY, -E6)
        })
        .collect();
    let err = s.assess(book.clone()).unwrap_err();
    let want = ContractError::LimitExceeded {
        what: "monte carlo ladder reads (paths × markets with legs)",
        count: 50_000,
        max: 40_000,
    };
    assert!(err.contains(&want.to_string()), "{err}");
    // Four markets with legs (a linear entry on the fifth does not count): answered, ladder
    // figures above zero.
    let mut four = book[..4].to_vec();
    four.push(exp("M4", 1_000 * E6));
    let r = s.assess(four).unwrap();
    assert!(r.es > Amount::ZERO && r.var > Amount::ZERO, "{r:?}");
}
