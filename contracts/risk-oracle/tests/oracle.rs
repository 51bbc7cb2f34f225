//! risk-oracle through its JSON interface in cw-multi-test: one test per query and per error.

use cosmwasm_std::{coins, Decimal, SignedDecimal};
use cw_multi_test::{App, ContractWrapper, Executor};
use risk_math::measures::{historical, horizon_scale, sigma_horizon, simple_return};
use risk_math::normal::var_es_factors;
use risk_math::Q64;
use risk_oracle::contract::{execute, instantiate, query};
use risk_oracle::ContractError;
use risk_pool::oracle::*;
use risk_pool::Amount;

mod common;
use common::*;

fn f(q: Q64) -> f64 {
    q.raw() as f64 / 18_446_744_073_709_551_616.0
}

#[test]
fn spec_instantiate_example_works_with_documented_defaults() {
    let s = Suite::new();
    let c: ConfigResponse = s.q(&QueryMsg::Config {}).unwrap();
    assert_eq!(c.owner, s.owner);
    assert_eq!(c.method, Method::Parametric);
    assert_eq!((c.history_len, c.round_secs, c.max_move_bps), (250, 3_600, 5_000));
    assert_eq!((c.max_markets, c.max_exposures, c.max_paths, c.max_scenarios), (32, 32, 10_000, 32));
    assert_eq!(c.ewma_lambda, None);
    assert_eq!(c.rounds, 0);
    assert_eq!(c.stress_scenarios[0].name, "crash");
}

#[test]
fn assess_parametric_matches_the_delta_normal_formula() {
    let s = Suite::new();
    let r = s.assess(vec![exp("BTC-PERP", 1_000_000_000), exp("ETH-PERP", -500_000_000)]).unwrap();
    // Reference (f64): σ_p² = Σ NᵢNⱼσᵢσⱼρᵢⱼ·h/Y.
    let h = (DAY as f64 / 31_536_000.0).sqrt();
    let (a, b) = (1e9 * 0.65 * h, -5e8 * 0.80 * h);
    let sd = (a * a + b * b + 2.0 * 0.8 * a * b).sqrt();
    let (z, es_f) = var_es_factors(9900).unwrap();
    let (var, es) = (f(z) * sd, f(es_f) * sd);
    assert!((r.var.u128() as f64 - var).abs() <= 1.0 + 1e-9 * var, "{} vs {var}", r.var);
    assert!((r.es.u128() as f64 - es).abs() <= 1.0 + 1e-9 * es, "{} vs {es}", r.es);
    assert!(r.var.u128() as f64 >= var && r.es.u128() as f64 >= es, "rounds up");
    // required = es · 1.0; stress = max(crash loss 400,000,000, es); claim_limit = 1.5·that.
    assert_eq!(r.required, r.es);
    assert_eq!(r.stress_loss, Amount::new(400_000_000).max(r.es));
    assert_eq!(r.claim_limit, Amount::from(r.stress_loss.raw().mul_floor(dec("1.5"))));
    assert_eq!((r.cover_n, r.confidence_bps, r.horizon_secs), (2, 9900, DAY));
    assert_eq!(r.claim_multiple, dec("1.5"));
    assert_eq!(r.as_of, s.app.block_info().time.seconds());
    // The empty book is zero risk, not an error.
    let zero = s.assess(vec![]).unwrap();
    assert_eq!((zero.var, zero.es, zero.required), (Amount::ZERO, Amount::ZERO, Amount::ZERO));
}

#[test]
fn requirement_applies_multiplier_and_floor_and_claim_limit_uses_stress() {
    let s = Suite::with(|m| {
        m.requirement_multiplier = dec("1.25");
        m.min_requirement = Amount::new(5_000);
    });
    let req: RequirementResponse = s.q(&QueryMsg::Requirement { exposures: vec![exp("BTC-PERP", 1_000_000)] }).unwrap();
    assert_eq!(req.required, Amount::from(req.es.raw().mul_ceil(dec("1.25"))));
    let tiny: RequirementResponse = s.q(&QueryMsg::Requirement { exposures: vec![exp("BTC-PERP", 10)] }).unwrap();
    assert_eq!(tiny.required, Amount::new(5_000));
    let lim: ClaimLimitResponse = s.q(&QueryMsg::ClaimLimit { exposures: vec![exp("BTC-PERP", 1_000_000)] }).unwrap();
    // Long BTC: the crash (−40 %) loses 400,000 > ES, so the limit is 1.5 · 400,000.
    assert_eq!(lim.limit, Amount::new(600_000));
    // Short BTC gains in the crash: stress falls back to ES.
    let a = s.assess(vec![exp("BTC-PERP", -1_000_000)]).unwrap();
    assert_eq!(a.stress_loss, a.es);
}

#[test]
fn pool_requirement_is_cover_two() {
    let s = Suite::new();
    let m = |name: &str, stress: u128, contribution: u128, left: u128| MemberRisk {
        member: name.into(),
        stress_loss: Amount::new(stress),
        contribution: Amount::new(contribution),
        coverage_left: Amount::new(left),
    };
    let r: PoolRequirementResponse = s
        .q(&QueryMsg::PoolRequirement {
            members: vec![
                m("a", 1_000, 100, 10_000),
                m("b", 5_000, 1_000, 2_000),
                m("c", 700, 800, 9_000),
                m("d", 3_000, 0, 9_000),
            ],
        })
        .unwrap();
    let u: Vec<u128> = r.uncovered.iter().map(|x| x.uncovered.u128()).collect();
    assert_eq!(u, vec![900, 2_000, 0, 3_000]);
    assert_eq!(r.required, Amount::new(5_000));
    let too_many = (0..65).map(|i| m(&i.to_string(), 1, 0, 1)).collect();
    assert!(s
        .q::<PoolRequirementResponse>(&QueryMsg::PoolRequirement { members: too_many })
        .unwrap_err()
        .contains("too many members: 65 > 64"));
}

#[test]
fn market_markets_and_correlation_queries() {
    let mut s = Suite::new();
    let m: MarketResponse = s.q(&QueryMsg::Market { id: "BTC-PERP".into() }).unwrap();
    assert_eq!((m.price, m.volatility, m.history_rounds), (dec("60000"), dec("0.65"), 0));
    for i in 0..12 {
        s.owner_exec(ExecuteMsg::UpsertMarket {
            id: format!("M{i:02}"),
            price: dec("1"),
            volatility: dec("0.5"),
            implied_vol: None,
        })
        .unwrap();
    }
    let page: MarketsResponse = s.q(&QueryMsg::Markets { start_after: None, limit: None }).unwrap();
    assert_eq!(page.markets.len(), 10);
    let page2: MarketsResponse =
        s.q(&QueryMsg::Markets { start_after: Some(page.markets[9].id.clone()), limit: Some(100) }).unwrap();
    assert_eq!(page2.markets.len(), 4);
    let c: CorrelationResponse = s.q(&QueryMsg::Correlation { a: "ETH-PERP".into(), b: "BTC-PERP".into() }).unwrap();
    assert_eq!(c.rho, sdec("0.8"));
    let c: CorrelationResponse = s.q(&QueryMsg::Correlation { a: "M00".into(), b: "BTC-PERP".into() }).unwrap();
    assert_eq!(c.rho, SignedDecimal::zero());
    assert!(s
        .q::<CorrelationResponse>(&QueryMsg::Correlation { a: "X".into(), b: "BTC-PERP".into() })
        .unwrap_err()
        .contains("unknown market X"));
}

#[test]
fn assess_errors_are_typed_never_zeros() {
    let mut s = Suite::with(|m| m.max_exposures = Some(2));
    let e = s.assess(vec![exp("DOGE-PERP", 1)]).unwrap_err();
    assert!(e.contains("unknown market DOGE-PERP"), "{e}");
    let e = s.assess(vec![exp("BTC-PERP", 1), exp("BTC-PERP", 2)]).unwrap_err();
    assert!(e.contains("market BTC-PERP listed twice"), "{e}");
    // Queries enforce the hard maximum only (a lowered max_exposures binds new reports, in the
    // vault, through the `max_exposures` answered): 33 entries are refused, whatever they are.
    let e = s.assess((0..33).map(|i| exp(&format!("M{i}"), 1)).collect()).unwrap_err();
    assert!(e.contains("too many exposures: 33 > 32"), "{e}");
    assert_eq!(s.assess(vec![exp("BTC-PERP", 1), exp("ETH-PERP", 1)]).unwrap().max_exposures, Some(2));
    let e = s.assess(vec![exp("BTC-PERP", i128::MAX)]).unwrap_err();
    assert!(e.contains("notional above 2^100"), "{e}");
    s.advance(3_601);
    let e = s.assess(vec![exp("BTC-PERP", 1)]).unwrap_err();
    assert!(e.contains("market BTC-PERP is stale") && e.contains("max staleness 3600s"), "{e}");
}

#[test]
fn only_feeders_price_and_only_the_owner_configures() {
    let mut s = Suite::new();
    let stranger = s.app.api().addr_make("stranger");
    let prices = ExecuteMsg::SetPrices { prices: vec![] };
    assert_eq!(s.exec(&stranger, &prices), Err(ContractError::Unauthorized { role: "feeder", action: "set prices" }));
    let owner_msgs = vec![
        ExecuteMsg::UpsertMarket { id: "X".into(), price: dec("1"), volatility: dec("1"), implied_vol: None },
        ExecuteMsg::SetVolatility { market: "BTC-PERP".into(), volatility: dec("1") },
        ExecuteMsg::RemoveMarket { id: "BTC-PERP".into() },
        ExecuteMsg::SetCorrelations { pairs: vec![] },
        ExecuteMsg::SetStressScenarios { scenarios: vec![] },
        ExecuteMsg::SetFeeders { feeders: vec![] },
        ExecuteMsg::UpdateConfig(ConfigUpdate::default()),
        ExecuteMsg::TransferOwnership { owner: stranger.to_string() },
    ];
    let feeder = s.feeder.clone();
    for m in &owner_msgs {
        for who in [&stranger, &feeder] {
            assert!(matches!(s.exec(who, m), Err(ContractError::Unauthorized { role: "owner", .. })), "{m:?}");
        }
    }
    // Funds are refused on every message.
    s.app
        .sudo(cw_multi_test::SudoMsg::Bank(cw_multi_test::BankSudo::Mint {
            to_address: s.owner.to_string(),
            amount: coins(5, "uusdc"),
        }))
        .unwrap();
    let err =
        s.app.execute_contract(s.owner.clone(), s.oracle.clone(), &owner_msgs[6], &coins(5, "uusdc")).unwrap_err();
    assert_eq!(err.downcast::<ContractError>().unwrap(), ContractError::FundsNotAccepted {});
    // Ownership moves.
    s.owner_exec(ExecuteMsg::TransferOwnership { owner: stranger.to_string() }).unwrap();
    assert!(s.owner_exec(ExecuteMsg::SetFeeders { feeders: vec![] }).is_err());
    s.exec(&stranger, &ExecuteMsg::SetFeeders { feeders: vec![] }).unwrap();
}

/// Changed with issue 11 item 10: a submission before `round_secs` is stored and forms no
/// round (it was `RoundTooSoon`), and a move over `max_move_bps` is clamped (it was
/// `PriceMoveTooLarge`, which let one feeder stall the oracle).
#[test]
fn feeder_guards_spacing_completeness_and_max_move() {
    let mut s = Suite::new();
    let r = s.submit_by(0, "60000", "3000").unwrap();
    assert_eq!((attr(&r, "round_formed"), attr(&r, "round")), ("true".into(), "0".into()));
    let now = s.app.block_info().time.seconds();
    let r = s.submit_by(0, "60001", "3000").unwrap();
    assert_eq!(attr(&r, "round_formed"), "false");
    assert_eq!((attr(&r, "reason"), attr(&r, "next_at")), ("too_soon".into(), (now + 3_600).to_string()));
    s.advance(3_600);
    let feeder = s.feeder.clone();
    let only_btc = ExecuteMsg::SetPrices {
        prices: vec![PriceInput { market: "BTC-PERP".into(), price: dec("60000"), implied_vol: None }],
    };
    assert_eq!(s.exec(&feeder, &only_btc), Err(ContractError::IncompleteRound { missing: "ETH-PERP".into() }));
    let dup = ExecuteMsg::SetPrices {
        prices: vec![
            PriceInput { market: "BTC-PERP".into(), price: dec("60000"), implied_vol: None },
            PriceInput { market: "BTC-PERP".into(), price: dec("60000"), implied_vol: None },
            PriceInput { market: "ETH-PERP".into(), price: dec("3000"), implied_vol: None },
        ],
    };
    assert_eq!(s.exec(&feeder, &dup), Err(ContractError::DuplicateMarket { market: "BTC-PERP".into() }));
    assert_eq!(
        s.round("60000", "0"),
        Err(ContractError::InvalidPrice { market: "ETH-PERP".into(), price: Decimal::zero() })
    );
    // A 50.01 % move is over the default 5,000 bps: clamped to +50 % exactly, not rejected.
    let r = s.submit_by(0, "90006", "3000").unwrap();
    assert_eq!((attr(&r, "round_formed"), attr(&r, "clamped")), ("true".into(), "BTC-PERP".into()));
    let m: MarketResponse = s.q(&QueryMsg::Market { id: "BTC-PERP".into() }).unwrap();
    assert_eq!((m.price, m.history_rounds), (dec("90000"), 2));
}

#[test]
fn historical_method_over_recorded_rounds_is_exact() {
    let mut s = Suite::with(|m| {
        m.method = Method::Historical;
        m.confidence_bps = 9500;
        m.history_len = Some(30);
        m.round_secs = Some(3_600);
        m.max_staleness_secs = 10 * DAY;
    });
    let book = vec![exp("BTC-PERP", 1_000_000_000), exp("ETH-PERP", 300_000_000)];
    // Before 20 rounds (⌈1/(1−0.95)⌉) the method refuses: never a silent zero.
    let e = s.assess(book.clone()).unwrap_err();
    assert!(e.contains("insufficient history: 0 rounds, the method needs 20"), "{e}");
    let mut prices = vec![(60_000u128, 3_000u128)];
    let mut rng = risk_math::prng::Xoshiro256::seed(3);
    for _ in 0..35 {
        let (b, e) = *prices.last().unwrap();
        let step = |p: u128, u: u64| p * (1_000 + (u % 61) as u128 - 30) / 1_000;
        let next = (step(b, rng.next_u64()), step(e, rng.next_u64()));
        prices.push(next);
        s.advance(3_600);
        s.round(&next.0.to_string(), &next.1.to_string()).unwrap();
    }
    let got = s.assess(book).unwrap();
    // Reference: the last 30 returns from the prices the test sent, the same formula.
    let e18 = 1_000_000_000_000_000_000u128;
    let mut returns = vec![];
    for w in prices.windows(2).skip(5) {
        returns.push(simple_return(w[0].0 * e18, w[1].0 * e18).unwrap());
        returns.push(simple_return(w[0].1 * e18, w[1].1 * e18).unwrap());
    }
    let scale = horizon_scale(DAY, 3_600).unwrap();
    let want = historical(&[1_000_000_000, 300_000_000], &returns, scale, 9500).unwrap();
    assert_eq!((got.var.u128(), got.es.u128()), (want.var, want.es));
    assert!(got.var.u128() > 0);
}

#[test]
fn monte_carlo_is_deterministic_and_never_below_parametric() {
    let book = vec![exp("BTC-PERP", 1_000_000_000), exp("ETH-PERP", -400_000_000)];
    let param = Suite::new().assess(book.clone()).unwrap();
    let mc = |seed| Suite::with(|m| m.method = Method::MonteCarlo { paths: 2_000, seed }).assess(book.clone()).unwrap();
    let (a, b, c) = (mc(7), mc(7), mc(8));
    assert_eq!(a, b);
    for r in [&a, &c] {
        assert!(r.required >= param.required && r.var >= param.var && r.es >= param.es);
    }
    // Over the path limit: typed error at instantiate.
    let mut app = App::default();
    let code = app.store_code(Box::new(ContractWrapper::new(execute, instantiate, query)));
    let owner = app.api().addr_make("o");
    let mut msg = spec_msg(&owner, &owner);
    msg.method = Method::MonteCarlo { paths: 10_001, seed: 1 };
    let err = app.instantiate_contract(code, owner.clone(), &msg, &[], "o", None).unwrap_err();
    assert_eq!(
        err.downcast::<ContractError>().unwrap(),
        ContractError::LimitExceeded { what: "paths", count: 10_001, max: 10_000 }
    );
    // 10,000 paths at the default max_markets (32): 320,000 draws, the draw cap (issue 15; the
    // old cap of 160,000 refused this and needed max_markets ≤ 16).
    msg.method = Method::MonteCarlo { paths: 10_000, seed: 1 };
    assert_eq!(msg.max_markets, None);
    app.instantiate_contract(code, owner.clone(), &msg, &[], "o", None).unwrap();
}

#[test]
fn correlations_are_validated_and_psd_checked_as_a_batch() {
    let mut s = Suite::new();
    s.owner_exec(ExecuteMsg::UpsertMarket {
        id: "SOL-PERP".into(),
        price: dec("150"),
        volatility: dec("1.1"),
        implied_vol: None,
    })
    .unwrap();
    let pair = |a: &str, b: &str, r: &str| CorrelationPair { a: a.into(), b: b.into(), rho: sdec(r) };
    assert_eq!(
        s.owner_exec(ExecuteMsg::SetCorrelations { pairs: vec![pair("BTC-PERP", "SOL-PERP", "1.01")] }),
        Err(ContractError::InvalidCorrelation { a: "BTC-PERP".into(), b: "SOL-PERP".into(), rho: sdec("1.01") })
    );
    assert!(matches!(
        s.owner_exec(ExecuteMsg::SetCorrelations { pairs: vec![pair("BTC-PERP", "BTC-PERP", "0.5")] }),
        Err(ContractError::InvalidCorrelation { .. })
    ));
    // BTC/ETH 0.8, BTC/SOL 0.9, ETH/SOL −0.5 is not a correlation matrix.
    assert_eq!(
        s.owner_exec(ExecuteMsg::SetCorrelations {
            pairs: vec![pair("BTC-PERP", "SOL-PERP", "0.9"), pair("ETH-PERP", "SOL-PERP", "-0.5")]
        }),
        Err(ContractError::NotPositiveSemiDefinite { market: "SOL-PERP".into() })
    );
    // Nothing of the failed batch was applied.
    let c: CorrelationResponse = s.q(&QueryMsg::Correlation { a: "BTC-PERP".into(), b: "SOL-PERP".into() }).unwrap();
    assert_eq!(c.rho, SignedDecimal::zero());
    // A valid batch is applied, and a semi-definite one (ρ = 1) is accepted.
    s.owner_exec(ExecuteMsg::SetCorrelations {
        pairs: vec![pair("BTC-PERP", "SOL-PERP", "0.9"), pair("ETH-PERP", "SOL-PERP", "0.7")],
    })
    .unwrap();
    s.owner_exec(ExecuteMsg::SetCorrelations {
        pairs: vec![
            pair("BTC-PERP", "ETH-PERP", "1"),
            pair("BTC-PERP", "SOL-PERP", "0"),
            pair("ETH-PERP", "SOL-PERP", "0"),
        ],
    })
    .unwrap();
    // ρ = 1: a long and an equal short of the two same-vol markets would hedge; vol differs here,
    // so the risk is |σ₁N − σ₂N|-sized, far below the unhedged sum.
    let hedged = s.assess(vec![exp("BTC-PERP", 1_000_000), exp("ETH-PERP", -1_000_000)]).unwrap();
    let long = s.assess(vec![exp("BTC-PERP", 1_000_000)]).unwrap();
    assert!(hedged.var < long.var);
}

/// Changed with issue 11 item 15: `remove_market` delists (it freed the slot and forgot the
/// market, making stored books unassessable); a new market takes a fresh slot.
#[test]
fn removing_a_market_delists_it_and_a_new_market_takes_a_fresh_slot() {
    let mut s = Suite::new();
    s.round("60000", "3000").unwrap();
    s.owner_exec(ExecuteMsg::RemoveMarket { id: "ETH-PERP".into() }).unwrap();
    assert_eq!(s.assess(vec![exp("ETH-PERP", 1)]).unwrap().delisted, vec!["ETH-PERP".to_string()]);
    assert_eq!(
        s.owner_exec(ExecuteMsg::RemoveMarket { id: "ETH-PERP".into() }),
        Err(ContractError::MarketDelisted { market: "ETH-PERP".into() })
    );
    s.owner_exec(ExecuteMsg::UpsertMarket {
        id: "SOL-PERP".into(),
        price: dec("150"),
        volatility: dec("1.1"),
        implied_vol: None,
    })
    .unwrap();
    let c: CorrelationResponse = s.q(&QueryMsg::Correlation { a: "BTC-PERP".into(), b: "SOL-PERP".into() }).unwrap();
    assert_eq!(c.rho, SignedDecimal::zero());
    let c: CorrelationResponse = s.q(&QueryMsg::Correlation { a: "BTC-PERP".into(), b: "ETH-PERP".into() }).unwrap();
    assert_eq!(c.rho, sdec("0.8"), "a delisted market keeps its correlations");
    let m: MarketResponse = s.q(&QueryMsg::Market { id: "SOL-PERP".into() }).unwrap();
    assert_eq!((m.history_rounds, m.delisted), (0, false));
    // Parametric over BTC+SOL equals the uncorrelated formula.
    let r = s.assess(vec![exp("BTC-PERP", 1_000_000), exp("SOL-PERP", 1_000_000)]).unwrap();
    let h = (DAY as f64 / 31_536_000.0).sqrt();
    let sd = ((0.65 * h * 1e6f64).powi(2) + (1.1 * h * 1e6f64).powi(2)).sqrt();
    let (z, _) = var_es_factors(9900).unwrap();
    assert!((r.var.u128() as f64 - f(z) * sd).abs() <= 1.0 + 1e-9 * f(z) * sd);
}

#[test]
fn ewma_raises_volatility_after_large_moves_but_never_lowers_it_below_the_owner_value() {
    let mut s = Suite::with(|m| m.ewma_lambda = Some(dec("0.94")));
    s.round("60000", "3000").unwrap();
    // Calm rounds: EWMA variance decays toward ~0, but the volatility in force stays 0.65.
    for _ in 0..5 {
        s.advance(3_600);
        s.round("60000", "3000").unwrap();
    }
    let m: MarketResponse = s.q(&QueryMsg::Market { id: "BTC-PERP".into() }).unwrap();
    assert!(m.ewma_volatility.unwrap() < dec("0.65"));
    assert_eq!(m.volatility, dec("0.65"));
    // A 10 % hourly move: r²·year/Δt = 0.01·8760 = 87.6 annual variance; 6 % weight → σ ≈ 2.3.
    s.advance(3_600);
    s.round("66000", "3000").unwrap();
    let m: MarketResponse = s.q(&QueryMsg::Market { id: "BTC-PERP".into() }).unwrap();
    let v = m.volatility;
    assert!(v > dec("2.2") && v < dec("2.4"), "{v}");
    assert_eq!(m.base_volatility, dec("0.65"));
}

#[test]
fn config_and_scenario_validation() {
    let mut s = Suite::new();
    let bad = |u: ConfigUpdate| ExecuteMsg::UpdateConfig(u);
    assert!(matches!(
        s.owner_exec(bad(ConfigUpdate { confidence_bps: Some(10_000), ..Default::default() })),
        Err(ContractError::InvalidConfig { .. })
    ));
    assert!(matches!(
        s.owner_exec(bad(ConfigUpdate { history_len: Some(501), ..Default::default() })),
        Err(ContractError::InvalidConfig { .. })
    ));
    assert!(matches!(
        s.owner_exec(bad(ConfigUpdate {
            method: Some(Method::Historical),
            history_len: Some(50),
            ..Default::default()
        })),
        Err(ContractError::InvalidConfig { .. })
    ));
    assert!(matches!(
        s.owner_exec(bad(ConfigUpdate { ewma_lambda: Some(dec("1")), ..Default::default() })),
        Err(ContractError::InvalidConfig { .. })
    ));
    // A confidence change refreshes the cached quantile.
    let before = s.assess(vec![exp("BTC-PERP", 1_000_000)]).unwrap();
    s.owner_exec(bad(ConfigUpdate { confidence_bps: Some(9750), ..Default::default() })).unwrap();
    let after = s.assess(vec![exp("BTC-PERP", 1_000_000)]).unwrap();
    assert!(after.var < before.var && after.confidence_bps == 9750);
    let sc = |name: &str, market: &str, shock: &str| StressScenario {
        name: name.into(),
        shocks: vec![Shock { market: market.into(), shock: sdec(shock), vol_shock: None }],
    };
    assert_eq!(
        s.owner_exec(ExecuteMsg::SetStressScenarios { scenarios: vec![sc("x", "NOPE", "-0.1")] }),
        Err(ContractError::UnknownMarket { market: "NOPE".into() })
    );
    assert!(matches!(
        s.owner_exec(ExecuteMsg::SetStressScenarios { scenarios: vec![sc("x", "BTC-PERP", "-1.5")] }),
        Err(ContractError::InvalidScenario { .. })
    ));
    assert!(matches!(
        s.owner_exec(ExecuteMsg::SetStressScenarios {
            scenarios: vec![sc("x", "BTC-PERP", "-0.1"), sc("x", "ETH-PERP", "-0.1")]
        }),
        Err(ContractError::InvalidScenario { .. })
    ));
    s.owner_exec(ExecuteMsg::SetStressScenarios { scenarios: vec![sc("eth-crash", "ETH-PERP", "-0.5")] }).unwrap();
    let r = s.assess(vec![exp("ETH-PERP", 1_000_000_000)]).unwrap();
    assert_eq!(r.stress_loss, Amount::new(500_000_000));
    assert!(matches!(
        s.owner_exec(ExecuteMsg::UpsertMarket {
            id: "bad id!".into(),
            price: dec("1"),
            volatility: dec("1"),
            implied_vol: None
        }),
        Err(ContractError::InvalidMarketId { .. })
    ));
    assert!(matches!(
        s.owner_exec(ExecuteMsg::UpsertMarket {
            id: "X".into(),
            price: dec("1"),
            volatility: dec("101"),
            implied_vol: None
        }),
        Err(ContractError::InvalidVolatility { .. })
    ));
}

#[test]
fn market_limit_is_enforced() {
    let mut s = Suite::with(|m| m.max_markets = Some(3));
    s.owner_exec(ExecuteMsg::UpsertMarket { id: "A".into(), price: dec("1"), volatility: dec("1"), implied_vol: None })
        .unwrap();
    assert_eq!(
        s.owner_exec(ExecuteMsg::UpsertMarket {
            id: "B".into(),
            price: dec("1"),
            volatility: dec("1"),
            implied_vol: None
        }),
        Err(ContractError::LimitExceeded { what: "markets", count: 4, max: 3 })
    );
}

#[test]
fn migrate_refuses_foreign_contracts_and_accepts_same_version() {
    let mut s = Suite::new();
    let owner = s.owner.clone();
    s.app.migrate_contract(owner.clone(), s.oracle.clone(), &MigrateMsg {}, s.code_id).unwrap();
    // A contract claiming another name cannot be migrated to the oracle.
    let other = s.app.store_code(Box::new(ContractWrapper::new(
        pool_vault_like::execute,
        pool_vault_like::instantiate,
        pool_vault_like::query,
    )));
    let foreign = s
        .app
        .instantiate_contract(other, owner.clone(), &cosmwasm_std::Empty {}, &[], "x", Some(owner.to_string()))
        .unwrap();
    let err = s.app.migrate_contract(owner, foreign, &MigrateMsg {}, s.code_id).unwrap_err();
    assert!(matches!(
        err.downcast::<ContractError>().unwrap(),
        ContractError::Migrate(risk_pool::migrate::MigrateError::Refused { .. })
    ));
}

mod pool_vault_like {
    use cosmwasm_std::{Binary, Deps, DepsMut, Empty, Env, MessageInfo, Response, StdResult};
    pub fn instantiate(deps: DepsMut, _: Env, _: MessageInfo, _: Empty) -> StdResult<Response> {
        cw2::set_contract_version(deps.storage, "crates.io:something-else", "0.1.0")?;
        Ok(Response::new())
    }
    pub fn execute(_: DepsMut, _: Env, _: MessageInfo, _: Empty) -> StdResult<Response> {
        Ok(Response::new())
    }
    pub fn query(_: Deps, _: Env, _: Empty) -> StdResult<Binary> {
        Ok(Binary::default())
    }
}

#[test]
fn sigma_horizon_matches_the_annualised_convention() {
    // Units sanity for readers: 65 % annual over one day = 3.40 % daily.
    let s = sigma_horizon(Q64::from_ratio(65, 100).unwrap(), DAY).unwrap();
    assert!((f(s) - 0.65 * (1.0f64 / 365.0).sqrt()).abs() < 1e-15);
}

/// Fuzzing regression (fuzz/regressions/oracle_json): `assess` of a notional of Int128::MIN is a
/// typed error (it panicked on `abs`).
#[test]
fn int128_min_notional_is_a_typed_error() {
    let s = Suite::new();
    let err = s.q::<AssessResponse>(&QueryMsg::Assess { exposures: vec![exp("BTC-PERP", i128::MIN)] }).unwrap_err();
    assert!(err.contains("notional above 2^100"), "{err}");
}

/// Fuzzing regression (O2): a huge requirement_multiplier / claim_multiple makes `assess` a typed
/// overflow error instead of a panic in `mul_ceil` / `mul_floor`.
#[test]
fn huge_multipliers_are_typed_errors() {
    let mut s = Suite::new();
    let big = Decimal::MAX;
    s.owner_exec(ExecuteMsg::UpdateConfig(ConfigUpdate {
        requirement_multiplier: Some(big),
        claim_multiple: Some(big),
        ..Default::default()
    }))
    .unwrap();
    // es ≈ 9·10²⁵ for a 10²⁷ notional: times Decimal::MAX (3.4·10²⁰) it is past u128.
    let err =
        s.q::<AssessResponse>(&QueryMsg::Assess { exposures: vec![exp("BTC-PERP", 10i128.pow(27))] }).unwrap_err();
    assert!(err.to_lowercase().contains("overflow"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// Issue 11 (audit) regressions.
// ---------------------------------------------------------------------------------------------

const E6: u128 = 1_000_000;

fn required(s: &Suite, book: Vec<Exposure>) -> u128 {
    s.assess(book).unwrap().required.u128()
}

fn update(s: &mut Suite, u: ConfigUpdate) -> Result<(), ContractError> {
    s.owner_exec(ExecuteMsg::UpdateConfig(u))
}

/// Item 10: one feeder of three forms no round. The scenario: EWMA λ 0.94, a member long
/// 1,000,000 USDC of BTC (required 90,677.40); one feeder pushes BTC +49.98 %. Before, that
/// single submission was a round and required became 1,601,011.11 (17.7×).
#[test]
fn audit_10_one_feeder_of_three_forms_no_round() {
    let mut s = Suite::with_feeders(3, |m| m.ewma_lambda = Some(dec("0.94")));
    let book = || vec![exp("BTC-PERP", 1_000_000 * E6 as i128)];
    let c: ConfigResponse = s.q(&QueryMsg::Config {}).unwrap();
    assert_eq!((c.min_feeders, c.submission_ttl_secs, c.max_feeder_spread_bps), (2, 3_600, 100));
    // Round 0 needs two of the three.
    assert_eq!(attr(&s.submit_by(0, "60000", "3000").unwrap(), "round_formed"), "false");
    assert_eq!(attr(&s.submit_by(1, "60000", "3000").unwrap(), "round_formed"), "true");
    let before = required(&s, book());
    println!("required before: {before}");
    assert_eq!(before, 90_677_397_315); // 90,677.40 USDC
    s.advance(3_600);
    // The attacker alone: stored, no round, nothing moves.
    let r = s.submit_by(0, "89990", "3000").unwrap();
    assert_eq!((attr(&r, "round_formed"), attr(&r, "reason")), ("false".into(), "waiting_for_feeders".into()));
    assert_eq!(required(&s, book()), before);
    let m: MarketResponse = s.q(&QueryMsg::Market { id: "BTC-PERP".into() }).unwrap();
    assert_eq!((m.price, m.volatility, m.history_rounds), (dec("60000"), dec("0.65"), 1));
    // An honest second submission: two middles 49.98 % apart, over the 1 % spread: no round.
    let r = s.submit_by(1, "60000", "3000").unwrap();
    assert_eq!((attr(&r, "round_formed"), attr(&r, "spread")), ("false".into(), "BTC-PERP".into()));
    assert_eq!(required(&s, book()), before);
    // The third: the median of 60,000, 60,000, 89,988 is 60,000.
    let r = s.submit_by(2, "60000", "3000").unwrap();
    assert_eq!((attr(&r, "round_formed"), attr(&r, "round")), ("true".into(), "1".into()));
    let m: MarketResponse = s.q(&QueryMsg::Market { id: "BTC-PERP".into() }).unwrap();
    assert_eq!((m.price, m.volatility, m.history_rounds), (dec("60000"), dec("0.65"), 2));
    assert_eq!(required(&s, book()), before);
    // What the old rule did, for the record: one +49.98 % (89,990) round with λ 0.94 gives
    // σ² = 0.94·0.65² + 0.06·0.4998²·8760 and required 1,601,011.11 USDC.
    let mut one = Suite::with(|m| m.ewma_lambda = Some(dec("0.94")));
    one.round("60000", "3000").unwrap();
    one.advance(3_600);
    one.round("89990", "3000").unwrap();
    let old = required(&one, book());
    println!("one feeder's round (a set of one feeder): {old}");
    assert_eq!(old / 10_000, 160_101_111); // 1,601,011.11 USDC
}

/// Item 10: the median of an odd count; the lower middle of an even count within the spread.
#[test]
fn audit_10_round_price_is_the_median() {
    let mut s = Suite::with_feeders(3, |m| m.min_feeders = Some(3));
    s.submit_by(0, "60000", "3000").unwrap();
    s.submit_by(1, "61000", "2900").unwrap();
    let r = s.submit_by(2, "75000", "3100").unwrap();
    assert_eq!(attr(&r, "round_formed"), "true");
    let m: MarketResponse = s.q(&QueryMsg::Market { id: "BTC-PERP".into() }).unwrap();
    assert_eq!(m.price, dec("61000"));
    let m: MarketResponse = s.q(&QueryMsg::Market { id: "ETH-PERP".into() }).unwrap();
    assert_eq!(m.price, dec("3000"));
    // Even count (2 of 3 with the default majority): 0.82 % apart, the lower one is taken.
    let mut s = Suite::with_feeders(3, |_| {});
    s.submit_by(0, "60500", "3000").unwrap();
    assert_eq!(attr(&s.submit_by(1, "60000", "3030").unwrap(), "round_formed"), "true");
    let m: MarketResponse = s.q(&QueryMsg::Market { id: "BTC-PERP".into() }).unwrap();
    assert_eq!(m.price, dec("60000"));
    let m: MarketResponse = s.q(&QueryMsg::Market { id: "ETH-PERP".into() }).unwrap();
    assert_eq!(m.price, dec("3000"));
}

/// Item 10: a median over `max_move_bps` is clamped (attribute `clamped`), both ways.
#[test]
fn audit_10_large_median_is_clamped_not_rejected() {
    let mut s = Suite::with_feeders(3, |_| {});
    s.submit_by(0, "100000", "1000").unwrap();
    let r = s.submit_by(1, "100000", "1000").unwrap();
    assert_eq!((attr(&r, "round_formed"), attr(&r, "clamped")), ("true".into(), "BTC-PERP,ETH-PERP".into()));
    let p = |s: &Suite, id: &str| s.q::<MarketResponse>(&QueryMsg::Market { id: id.into() }).unwrap().price;
    // +66.7 % → +50 %; −66.7 % → −50 %.
    assert_eq!((p(&s, "BTC-PERP"), p(&s, "ETH-PERP")), (dec("90000"), dec("1500")));
    // The next round continues toward the real price: the oracle never stalls.
    s.advance(3_600);
    s.submit_by(1, "100000", "1000").unwrap();
    s.submit_by(2, "100000", "1000").unwrap();
    assert_eq!((p(&s, "BTC-PERP"), p(&s, "ETH-PERP")), (dec("100000"), dec("1000")));
}

/// Item 10: submissions expire after `submission_ttl_secs` (default `round_secs`); a feeder's
/// newer submission replaces its older one.
#[test]
fn audit_10_submissions_expire_and_are_replaced() {
    let mut s = Suite::with_feeders(3, |_| {});
    s.submit_by(0, "60000", "3000").unwrap();
    s.advance(3_601);
    let r = s.submit_by(1, "60000", "3000").unwrap();
    assert_eq!((attr(&r, "round_formed"), attr(&r, "submissions")), ("false".into(), "1".into()));
    // Feeder 1 first sends a wild price, then corrects it: only the correction counts.
    let mut s = Suite::with_feeders(3, |_| {});
    s.submit_by(0, "89990", "3000").unwrap();
    s.submit_by(0, "60000", "3000").unwrap();
    let r = s.submit_by(1, "60000", "3000").unwrap();
    assert_eq!(attr(&r, "round_formed"), "true");
    let m: MarketResponse = s.q(&QueryMsg::Market { id: "BTC-PERP".into() }).unwrap();
    assert_eq!(m.price, dec("60000"));
    // A shorter TTL set by the owner.
    let mut s = Suite::with_feeders(3, |m| m.submission_ttl_secs = Some(60));
    s.submit_by(0, "60000", "3000").unwrap();
    s.advance(61);
    assert_eq!(attr(&s.submit_by(1, "60000", "3000").unwrap(), "round_formed"), "false");
    assert_eq!(attr(&s.submit_by(2, "60000", "3000").unwrap(), "round_formed"), "true");
}

/// Item 10: `min_feeders` never below the majority nor above the set; `set_feeders` drops the
/// submissions of removed feeders; a single feeder still forms rounds alone (majority of 1).
#[test]
fn audit_10_min_feeders_bounds_and_feeder_changes() {
    let mut s = Suite::with_feeders(3, |_| {});
    assert_eq!(
        update(&mut s, ConfigUpdate { min_feeders: Some(1), ..Default::default() }),
        Err(ContractError::MinFeedersOutOfRange { min_feeders: 1, majority: 2, feeders: 3 })
    );
    assert_eq!(
        update(&mut s, ConfigUpdate { min_feeders: Some(4), ..Default::default() }),
        Err(ContractError::MinFeedersOutOfRange { min_feeders: 4, majority: 2, feeders: 3 })
    );
    update(&mut s, ConfigUpdate { min_feeders: Some(3), ..Default::default() }).unwrap();
    assert_eq!(s.q::<ConfigResponse>(&QueryMsg::Config {}).unwrap().min_feeders, 3);
    let two: Vec<String> = s.feeders[1..].iter().map(|f| f.to_string()).collect();
    assert_eq!(
        s.owner_exec(ExecuteMsg::SetFeeders { feeders: two.clone() }),
        Err(ContractError::MinFeedersOutOfRange { min_feeders: 3, majority: 2, feeders: 2 })
    );
    update(&mut s, ConfigUpdate { min_feeders: Some(2), ..Default::default() }).unwrap();
    s.submit_by(0, "89990", "3000").unwrap();
    s.owner_exec(ExecuteMsg::SetFeeders { feeders: two }).unwrap();
    // Feeder 0's submission went with it: feeder 1 alone is one of the two needed.
    let r = s.submit_by(1, "60000", "3000").unwrap();
    assert_eq!((attr(&r, "round_formed"), attr(&r, "submissions")), ("false".into(), "1".into()));
    assert_eq!(attr(&s.submit_by(2, "60000", "3000").unwrap(), "round_formed"), "true");
    let m: MarketResponse = s.q(&QueryMsg::Market { id: "BTC-PERP".into() }).unwrap();
    assert_eq!(m.price, dec("60000"));
    // Instantiate refuses an out-of-range min_feeders too.
    let mut app = App::default();
    let code = app.store_code(Box::new(ContractWrapper::new(execute, instantiate, query)));
    let owner = app.api().addr_make("o");
    let mut msg = spec_msg(&owner, &owner);
    msg.min_feeders = Some(2);
    let err = app.instantiate_contract(code, owner.clone(), &msg, &[], "o", None).unwrap_err();
    assert_eq!(
        err.downcast::<ContractError>().unwrap(),
        ContractError::MinFeedersOutOfRange { min_feeders: 2, majority: 1, feeders: 1 }
    );
}

/// Item 15: removing a market a stored book holds delists it; the book stays assessable with
/// the same figures (staleness ignored), `delisted` names it, rounds skip it; a lowered
/// `max_exposures` is answered, not enforced on the query. Before: "unknown market ETH-PERP"
/// and "too many exposures: 2 > 1".
#[test]
fn audit_15_delisted_market_and_lowered_limit_keep_books_assessable() {
    let mut s = Suite::new();
    let book = || vec![exp("BTC-PERP", 1_000_000 * E6 as i128), exp("ETH-PERP", 500_000 * E6 as i128)];
    s.round("60000", "3000").unwrap();
    let before = s.assess(book()).unwrap();
    assert_eq!((before.delisted.clone(), before.max_exposures), (vec![], Some(32)));
    s.owner_exec(ExecuteMsg::RemoveMarket { id: "ETH-PERP".into() }).unwrap();
    let m: MarketResponse = s.q(&QueryMsg::Market { id: "ETH-PERP".into() }).unwrap();
    assert!(m.delisted);
    // Two hours on (ETH would be stale), a round that prices BTC only forms.
    s.advance(7_200);
    let feeder = s.feeder.clone();
    let btc_only = |p: &str| ExecuteMsg::SetPrices {
        prices: vec![PriceInput { market: "BTC-PERP".into(), price: dec(p), implied_vol: None }],
    };
    assert_eq!(
        s.exec(
            &feeder,
            &ExecuteMsg::SetPrices {
                prices: vec![
                    PriceInput { market: "BTC-PERP".into(), price: dec("60000"), implied_vol: None },
                    PriceInput { market: "ETH-PERP".into(), price: dec("3000"), implied_vol: None },
                ],
            }
        ),
        Err(ContractError::MarketDelisted { market: "ETH-PERP".into() })
    );
    s.exec(&feeder, &btc_only("60000")).unwrap();
    let after = s.assess(book()).unwrap();
    assert_eq!(after.delisted, vec!["ETH-PERP".to_string()]);
    assert_eq!(
        (after.var, after.es, after.required, after.stress_loss, after.claim_limit),
        (before.var, before.es, before.required, before.stress_loss, before.claim_limit)
    );
    println!("delisted book: required {} (var {}, es {})", after.required, after.var, after.es);
    let c: ConfigResponse = s.q(&QueryMsg::Config {}).unwrap();
    assert_eq!(c.rounds, 2);
    // A lowered max_exposures binds new reports (the vault, with the limit answered here).
    update(&mut s, ConfigUpdate { max_exposures: Some(1), ..Default::default() }).unwrap();
    let lowered = s.assess(book()).unwrap();
    assert_eq!((lowered.required, lowered.max_exposures), (before.required, Some(1)));
    let req: RequirementResponse = s.q(&QueryMsg::Requirement { exposures: book() }).unwrap();
    assert_eq!((req.required, req.max_exposures, req.delisted), (before.required, Some(1), vec!["ETH-PERP".into()]));
    // Relisting: rounds must price it again.
    s.owner_exec(ExecuteMsg::UpsertMarket {
        id: "ETH-PERP".into(),
        price: dec("3000"),
        volatility: dec("0.80"),
        implied_vol: None,
    })
    .unwrap();
    s.advance(3_600);
    assert_eq!(s.exec(&feeder, &btc_only("60000")), Err(ContractError::IncompleteRound { missing: "ETH-PERP".into() }));
    assert!(s.assess(book()).unwrap().delisted.is_empty());
}

/// Item 15 (historical): a delisted market's window is frozen at its delisting, so later rounds
/// (which no longer price it) cannot dilute its history.
#[test]
fn audit_15_delisted_market_history_is_frozen() {
    let mut s = Suite::with(|m| {
        m.method = Method::Historical;
        m.confidence_bps = 9500;
        m.history_len = Some(20);
    });
    let mut rng = risk_math::prng::Xoshiro256::seed(11);
    let (mut btc, mut eth) = (60_000u64, 3_000u64);
    for _ in 0..21 {
        btc = btc * (970 + rng.next_u64() % 61) / 1_000;
        eth = eth * (970 + rng.next_u64() % 61) / 1_000;
        s.round(&btc.to_string(), &eth.to_string()).unwrap();
        s.advance(3_600);
    }
    let book = || vec![exp("BTC-PERP", 1_000_000 * E6 as i128), exp("ETH-PERP", -700_000 * E6 as i128)];
    let before = s.assess(book()).unwrap();
    s.owner_exec(ExecuteMsg::RemoveMarket { id: "ETH-PERP".into() }).unwrap();
    let feeder = s.feeder.clone();
    for i in 0..5 {
        let p = if i % 2 == 0 { "50000" } else { "60000" };
        s.exec(
            &feeder,
            &ExecuteMsg::SetPrices {
                prices: vec![PriceInput { market: "BTC-PERP".into(), price: dec(p), implied_vol: None }],
            },
        )
        .unwrap();
        s.advance(3_600);
    }
    let after = s.assess(book()).unwrap();
    assert_eq!((after.var, after.es, after.delisted.len()), (before.var, before.es, 1));
    // BTC alone sees the new rounds (a −16.7 % hour).
    assert!(s.assess(vec![exp("BTC-PERP", 1_000_000 * E6 as i128)]).unwrap().var > before.var);
}

/// Item 19: `update_config {round_secs: 86400}` no longer rescales stored hourly history: each
/// round keeps its own Δt. Before, VaR fell by √24 with no new data (96,058,421,286 →
/// 19,607,843,138 in the issue's book).
#[test]
fn audit_19_round_secs_change_keeps_stored_history_scale() {
    let mut s = Suite::with(|m| {
        m.method = Method::Historical;
        m.confidence_bps = 9500;
        m.history_len = Some(30);
        m.max_staleness_secs = 10 * DAY;
    });
    let book = || vec![exp("BTC-PERP", 1_000_000 * E6 as i128), exp("ETH-PERP", 300_000 * E6 as i128)];
    let mut prices = vec![(60_000u128, 3_000u128)];
    let mut dts = vec![];
    let mut rng = risk_math::prng::Xoshiro256::seed(5);
    for k in 0..25 {
        let (b, e) = *prices.last().unwrap();
        let step = |p: u128, u: u64| p * (1_000 + (u % 61) as u128 - 30) / 1_000;
        let next = (step(b, rng.next_u64()), step(e, rng.next_u64()));
        // Round 0's Δt is round_secs; one round comes two hours after the previous.
        let dt = if k == 0 {
            0
        } else if k == 10 {
            7_200
        } else {
            3_600
        };
        s.advance(dt);
        dts.push(if k == 0 { 3_600 } else { dt });
        prices.push(next);
        s.round(&next.0.to_string(), &next.1.to_string()).unwrap();
    }
    let before = s.assess(book()).unwrap();
    // Reference: the same formula with each round's own Δt.
    let e18 = 1_000_000_000_000_000_000u128;
    let mut returns = vec![];
    for w in prices.windows(2) {
        returns.push(simple_return(w[0].0 * e18, w[1].0 * e18).unwrap());
        returns.push(simple_return(w[0].1 * e18, w[1].1 * e18).unwrap());
    }
    let scales: Vec<Q64> = dts.iter().map(|dt| horizon_scale(DAY, *dt).unwrap()).collect();
    let notionals = [1_000_000 * E6 as i128, 300_000 * E6 as i128];
    let want = risk_math::measures::historical_per_round(&notionals, &returns, &scales, 9500).unwrap();
    assert_eq!((before.var.u128(), before.es.u128()), (want.var, want.es));
    update(&mut s, ConfigUpdate { round_secs: Some(DAY), ..Default::default() }).unwrap();
    let after = s.assess(book()).unwrap();
    println!("historical VaR before {} after {} (ES {} / {})", before.var, after.var, before.es, after.es);
    assert_eq!((after.var, after.es), (before.var, before.es));
    // What the old rule computed after the change: every round scaled by √(86400/86400) = 1.
    let old = historical(&notionals, &returns, horizon_scale(DAY, DAY).unwrap(), 9500).unwrap();
    println!("old rule after the change: VaR {} ES {}", old.var, old.es);
    assert!(old.var * 4 < before.var.u128());
}

/// Item 19 (migration): rounds stored before Δt was kept take the `round_secs` in force at
/// migration; a later `update_config {round_secs}` does not rescale them.
#[test]
fn audit_19_legacy_rounds_take_round_secs_at_migration() {
    let mut s = Suite::with(|m| {
        m.method = Method::Historical;
        m.confidence_bps = 9500;
        m.max_staleness_secs = 10 * DAY;
    });
    // Old-format state: 20 records `[n][n × i64]` of +1 %/−2 % BTC returns, no Δt, Rounds as
    // the old code stored it.
    let r1 = ((1i128 << 56) / 100) as i64;
    let oracle = s.oracle.clone();
    {
        let mut st = s.app.contract_storage_mut(&oracle);
        let mut chunks: Vec<Vec<u8>> = vec![vec![], vec![]];
        for k in 0..20usize {
            let r = if k % 5 == 0 { -2 * r1 } else { r1 };
            let rec = &mut chunks[k / 10];
            rec.push(2);
            rec.extend_from_slice(&r.to_le_bytes());
            rec.extend_from_slice(&0i64.to_le_bytes());
        }
        for (c, bytes) in chunks.iter().enumerate() {
            let mut key = b"hist".to_vec();
            key.extend_from_slice(&(c as u64).to_be_bytes());
            st.set(&key, bytes);
        }
        st.set(b"rounds", br#"{"count":20,"last_at":1}"#);
    }
    s.app.migrate_contract(s.owner.clone(), oracle, &MigrateMsg {}, s.code_id).unwrap();
    let book = || vec![exp("BTC-PERP", 1_000_000 * E6 as i128)];
    let before = s.assess(book()).unwrap();
    // Worst losses 2 % × 1,000,000 USDC × √24 (hourly rounds to a day), K = 20, m = 1.
    let returns: Vec<risk_math::Ret56> =
        (0..20).map(|k| risk_math::Ret56::from_raw(if k % 5 == 0 { -2 * r1 } else { r1 })).collect();
    let want = historical(&[1_000_000 * E6 as i128], &returns, horizon_scale(DAY, 3_600).unwrap(), 9500).unwrap();
    assert_eq!((before.var.u128(), before.es.u128()), (want.var, want.es));
    println!("legacy rounds: VaR {}", before.var);
    assert!((before.var.u128() as f64 - 20_000.0 * 24f64.sqrt() * E6 as f64).abs() < 1e3);
    update(&mut s, ConfigUpdate { round_secs: Some(DAY), ..Default::default() }).unwrap();
    assert_eq!(s.assess(book()).unwrap().var, before.var);
}

/// Item 20: turning EWMA off drops its state: the owner-set volatility applies at once, and a
/// later `set_volatility` takes effect. Before, the EWMA volatility stayed in force for good.
#[test]
fn audit_20_ewma_off_restores_owner_volatility() {
    let mut s = Suite::with(|m| m.ewma_lambda = Some(dec("0.94")));
    let book = || vec![exp("BTC-PERP", 1_000_000 * E6 as i128)];
    s.round("60000", "3000").unwrap();
    let calm = required(&s, book());
    s.advance(3_600);
    s.round("90000", "3000").unwrap();
    let m: MarketResponse = s.q(&QueryMsg::Market { id: "BTC-PERP".into() }).unwrap();
    println!("EWMA volatility after +50 %: {}", m.volatility);
    assert!(m.volatility > dec("11.4") && m.volatility < dec("11.5"), "{}", m.volatility);
    let hot = required(&s, book());
    update(&mut s, ConfigUpdate { ewma_lambda: Some(Decimal::zero()), ..Default::default() }).unwrap();
    let m: MarketResponse = s.q(&QueryMsg::Market { id: "BTC-PERP".into() }).unwrap();
    assert_eq!((m.volatility, m.ewma_volatility), (dec("0.65"), None));
    assert_eq!(required(&s, book()), calm);
    // The owner's new volatility is in force at once: required scales with it (0.70 / 0.65).
    s.owner_exec(ExecuteMsg::SetVolatility { market: "BTC-PERP".into(), volatility: dec("0.70") }).unwrap();
    let m: MarketResponse = s.q(&QueryMsg::Market { id: "BTC-PERP".into() }).unwrap();
    assert_eq!(m.volatility, dec("0.70"));
    let r70 = required(&s, book());
    println!("required: calm {calm}, EWMA {hot}, after off {calm}, at 0.70 {r70}");
    assert!((r70 as f64 / calm as f64 - 0.70 / 0.65).abs() < 1e-9);
    // Turned back on, EWMA restarts from the owner-set variance, not the stale 11.48.
    update(&mut s, ConfigUpdate { ewma_lambda: Some(dec("0.94")), ..Default::default() }).unwrap();
    assert_eq!(required(&s, book()), r70);
}

/// Item 21: `update_config {horizon_secs: 31536000, round_secs: 20}` is refused with the numbers
/// (√(31,536,000/20) = 1,255.7 > 1,024); so is a horizon that stored 20-second rounds would
/// overflow on after `round_secs` is raised. Before: accepted, then every historical assess
/// failed with an overflow.
#[test]
fn audit_21_config_refuses_overflowing_horizon() {
    let mut s = Suite::with(|m| m.method = Method::Historical);
    assert_eq!(
        update(&mut s, ConfigUpdate { horizon_secs: Some(31_536_000), round_secs: Some(20), ..Default::default() }),
        Err(ContractError::HorizonScaleTooLarge { horizon_secs: 31_536_000, dt_secs: 20, max_scale: 1024 })
    );
    let c: ConfigResponse = s.q(&QueryMsg::Config {}).unwrap();
    assert_eq!((c.horizon_secs, c.round_secs), (DAY, 3_600));
    // Rounds 20 s apart are stored; raising round_secs does not make a year's horizon safe.
    update(&mut s, ConfigUpdate { round_secs: Some(20), ..Default::default() }).unwrap();
    for _ in 0..3 {
        s.round("60000", "3000").unwrap();
        s.advance(20);
    }
    assert_eq!(
        update(&mut s, ConfigUpdate { horizon_secs: Some(31_536_000), round_secs: Some(3_600), ..Default::default() }),
        Err(ContractError::HorizonScaleTooLarge { horizon_secs: 31_536_000, dt_secs: 20, max_scale: 1024 })
    );
    // 20 s × 1024² = 20,971,520 s is the longest horizon they allow.
    update(&mut s, ConfigUpdate { horizon_secs: Some(20_971_520), ..Default::default() }).unwrap();
    // Instantiate refuses it too.
    let mut app = App::default();
    let code = app.store_code(Box::new(ContractWrapper::new(execute, instantiate, query)));
    let owner = app.api().addr_make("o");
    let mut msg = spec_msg(&owner, &owner);
    (msg.horizon_secs, msg.round_secs) = (31_536_000, Some(20));
    let err = app.instantiate_contract(code, owner.clone(), &msg, &[], "o", None).unwrap_err();
    assert_eq!(
        err.downcast::<ContractError>().unwrap(),
        ContractError::HorizonScaleTooLarge { horizon_secs: 31_536_000, dt_secs: 20, max_scale: 1024 }
    );
}

/// Item 22: 16 markets in slots 16–31 (slots 0–15 freed by the old `remove_market`) with
/// max_markets 16: a simulation spans 32 slots. The draw bound counts slots, not markets. With
/// the draw cap at 320,000 = paths limit × market limit (issue 15) the configuration check
/// cannot bind any more (10,000 paths × 32 slots is allowed); the query's check still counts
/// slots, shown on a stored configuration over the path limit (state from before a bound).
#[test]
fn audit_22_draw_bound_counts_slots_not_markets() {
    let mut s = Suite::with(|m| {
        m.markets =
            (0..32).map(|i| MarketInit { id: format!("M{i:02}"), price: dec("100"), volatility: dec("0.5") }).collect();
        m.correlations = vec![];
        m.stress_scenarios = vec![];
    });
    // The old remove_market freed slots 0–15: write that state.
    let oracle = s.oracle.clone();
    {
        let mut st = s.app.contract_storage_mut(&oracle);
        let mut slots = risk_oracle::state::SLOTS.load(&*st).unwrap();
        for (i, slot) in slots.iter_mut().enumerate().take(16) {
            *slot = None;
            risk_oracle::state::MARKETS.remove(&mut *st, &format!("M{i:02}"));
        }
        risk_oracle::state::SLOTS.save(&mut *st, &slots).unwrap();
    }
    let mc = |paths| Method::MonteCarlo { paths, seed: 7 };
    update(&mut s, ConfigUpdate { max_markets: Some(16), method: Some(mc(10_000)), ..Default::default() }).unwrap();
    let book = vec![exp("M31", 1_000_000)];
    assert!(s.assess(book.clone()).is_ok());
    // A stored configuration of 20,000 paths: one market in slot 31 is 20,000 × 32 slots =
    // 640,000 draws (20,000 × 16 max_markets would pass), refused with the numbers.
    {
        let mut st = s.app.contract_storage_mut(&oracle);
        let mut cfg = risk_oracle::state::CONFIG.load(&*st).unwrap();
        cfg.method = mc(20_000);
        risk_oracle::state::CONFIG.save(&mut *st, &cfg).unwrap();
    }
    let e = s.assess(book).unwrap_err();
    assert!(e.contains("too many monte carlo draws (paths × slots): 640000 > 320000"), "{e}");
    // A book in slot 16 spans 17 slots.
    assert!(s.assess(vec![exp("M16", 1_000_000)]).unwrap_err().contains("340000 > 320000"));
}

/// Item 15 (pruning): history chunks a delisted market's frozen window reads are kept past the
/// usual 500 rounds, and deleted once it is relisted.
#[test]
fn audit_15_delisted_history_survives_pruning() {
    let mut s = Suite::with(|m| {
        m.method = Method::Historical;
        m.confidence_bps = 9500;
        m.history_len = Some(20);
        m.round_secs = Some(60);
        m.max_staleness_secs = 10 * DAY;
    });
    let feeder = s.feeder.clone();
    let mut rng = risk_math::prng::Xoshiro256::seed(2);
    let (mut btc, mut eth) = (60_000u64, 3_000u64);
    for _ in 0..30 {
        btc = btc * (970 + rng.next_u64() % 61) / 1_000;
        eth = eth * (970 + rng.next_u64() % 61) / 1_000;
        s.round(&btc.to_string(), &eth.to_string()).unwrap();
        s.advance(60);
    }
    let book = || vec![exp("BTC-PERP", 1_000_000 * E6 as i128), exp("ETH-PERP", 400_000 * E6 as i128)];
    let before = s.assess(book()).unwrap();
    s.owner_exec(ExecuteMsg::RemoveMarket { id: "ETH-PERP".into() }).unwrap();
    let btc_only = |p: u64| ExecuteMsg::SetPrices {
        prices: vec![PriceInput { market: "BTC-PERP".into(), price: dec(&p.to_string()), implied_vol: None }],
    };
    for _ in 0..600 {
        btc = btc * (990 + rng.next_u64() % 21) / 1_000;
        s.exec(&feeder, &btc_only(btc)).unwrap();
        s.advance(60);
    }
    let after = s.assess(book()).unwrap();
    assert_eq!((after.var, after.es), (before.var, before.es));
    let chunk = |s: &Suite, c: u64| {
        let mut key = b"hist".to_vec();
        key.extend_from_slice(&c.to_be_bytes());
        s.app.contract_storage(&s.oracle).get(&key).is_some()
    };
    assert!(chunk(&s, 0), "chunk 0 holds the frozen window's first rounds");
    // Relisted after 600 missed rounds: the book keeps the frozen window (red team: the missed
    // rounds hold zero ETH returns) until 20 new rounds (what 95 % needs) exist, so the held
    // chunks stay for those; they go at the next chunk start after that.
    s.owner_exec(ExecuteMsg::UpsertMarket {
        id: "ETH-PERP".into(),
        price: dec("3000"),
        volatility: dec("0.8"),
        implied_vol: None,
    })
    .unwrap();
    for _ in 0..10 {
        s.round(&btc.to_string(), "3000").unwrap();
        s.advance(60);
    }
    assert!(chunk(&s, 0), "still read by the frozen window");
    assert_eq!((s.assess(book()).unwrap().var, s.assess(book()).unwrap().es), (before.var, before.es));
    for _ in 0..11 {
        s.round(&btc.to_string(), "3000").unwrap();
        s.advance(60);
    }
    assert!(!chunk(&s, 0) && !chunk(&s, 8) && chunk(&s, 20), "old chunks pruned after relisting");
    assert!(s.assess(book()).is_ok());
}

/// Item 21 (EWMA path): with a one-year horizon, one-minute rounds and max_move_bps 100,000, a
/// +1,000 % round made the EWMA volatility ≈ 1,775 and σ·√(h/year) > 128: every assessment of
/// the market overflowed. EWMA is capped at the largest accepted volatility (100 = 10,000 %).
#[test]
fn audit_21_ewma_volatility_is_capped_so_assess_never_overflows() {
    let mut s = Suite::with(|m| {
        m.ewma_lambda = Some(dec("0.94"));
        m.horizon_secs = 31_536_000;
        m.round_secs = Some(60);
        m.max_move_bps = Some(100_000);
    });
    s.round("60000", "3000").unwrap();
    s.advance(60);
    s.round("660000", "3000").unwrap();
    let m: MarketResponse = s.q(&QueryMsg::Market { id: "BTC-PERP".into() }).unwrap();
    assert_eq!(m.volatility, dec("100"));
    let r = s.assess(vec![exp("BTC-PERP", 1_000_000 * E6 as i128)]).unwrap();
    println!("capped EWMA: required {}", r.required);
    assert!(r.required > Amount::ZERO);
}

/// Item 21: the stored-Δt bound is exact over the rounds an assessment can still reach: once
/// the 20-second rounds are older than the 500 kept, the one-year horizon is accepted.
#[test]
fn audit_21_horizon_bound_forgets_unreachable_rounds() {
    let mut s = Suite::with(|m| {
        m.round_secs = Some(20);
        m.max_staleness_secs = 10 * DAY;
    });
    for _ in 0..3 {
        s.round("60000", "3000").unwrap();
        s.advance(20);
    }
    update(&mut s, ConfigUpdate { round_secs: Some(3_600), ..Default::default() }).unwrap();
    let year = ConfigUpdate { horizon_secs: Some(31_536_000), ..Default::default() };
    for _ in 0..499 {
        s.advance(3_600);
        s.round("60000", "3000").unwrap();
    }
    // Round 2 (Δt 20 s) is still among the last 500.
    assert_eq!(
        update(&mut s, year.clone()),
        Err(ContractError::HorizonScaleTooLarge { horizon_secs: 31_536_000, dt_secs: 20, max_scale: 1024 })
    );
    s.advance(3_600);
    s.round("60000", "3000").unwrap();
    update(&mut s, year).unwrap();
    assert_eq!(s.q::<ConfigResponse>(&QueryMsg::Config {}).unwrap().horizon_secs, 31_536_000);
}
