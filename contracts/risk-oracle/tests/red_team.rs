//! Red-team attacks on the risk oracle (revision 2): each test asserts the correct behaviour.
#![allow(dead_code)]

use cosmwasm_std::Decimal;
use cw_multi_test::AppResponse;
use risk_oracle::ContractError;
use risk_pool::oracle::*;

mod common;
use common::*;

const E6: u128 = 1_000_000;
const YEAR: u64 = 31_536_000;

fn update(s: &mut Suite, u: ConfigUpdate) -> Result<(), ContractError> {
    s.owner_exec(ExecuteMsg::UpdateConfig(u))
}

fn prices(list: &[(&str, &str)]) -> ExecuteMsg {
    ExecuteMsg::SetPrices {
        prices: list
            .iter()
            .map(|(m, p)| PriceInput { market: (*m).into(), price: dec(p), implied_vol: None })
            .collect(),
    }
}

/// Quant: the owner-set volatility is a decimal; converting it to Q64.64 toward −∞ (as
/// `dec_q64` did) loses up to 2⁻⁶⁴ of σ, which the later round-ups of σ²·h/year do not always
/// cover. At |N| = 2¹⁰⁰ one ulp of σ·√(h/year) is ~10¹¹ units of VaR. VaR must be ≥ a certified
/// lower bound of the exact z·|N|·σ·√(h/year) with the decimal σ (big-integer reference,
/// z ≥ 2.326347874040841100885606163346911723351, the true z₀.₉₉ = 2.32634787404084110088560616334691172335181…).
/// The volatilities were found by searching for σ whose floored Q64.64 gives σ·√(1 d/year) below exact.
#[test]
fn rt_decimal_volatility_never_understates_parametric_var() {
    use num_bigint::BigInt;
    let z_lo: BigInt = "2326347874040841100885606163346911723351".parse().unwrap(); // 10⁻³⁹ units
    let n = BigInt::from(1) << 100u32;
    let mut below = vec![];
    for (vol, h) in [
        ("0.658838578298160076", DAY),
        ("1.759562095186503548", DAY),
        ("1.110774342272857519", DAY),
        ("0.71310621736015158", DAY),
        ("79.241750015876432528", DAY),
        ("6.017433215850984685", 3_600),
        ("0.65", DAY),
        ("0.65", YEAR),
    ] {
        let s = Suite::with(|m| {
            m.horizon_secs = h;
            m.markets[0].volatility = dec(vol);
        });
        let got = s.assess(vec![exp("BTC-PERP", 1i128 << 100)]).unwrap().var.u128();
        let v = BigInt::from(dec(vol).atomics().u128());
        // exact VaR² = z²·v²·N²·h/year, v in 10⁻¹⁸ units: lower bound ⌊√(z_lo²v²N²h / (year·10¹¹⁴))⌋.
        let sq =
            (&z_lo * &z_lo * &v * &v * &n * &n * BigInt::from(h)) / (BigInt::from(YEAR) * BigInt::from(10).pow(114));
        let lo = sq.sqrt();
        if BigInt::from(got) < lo {
            below.push(format!(
                "σ {vol}, h {h}: VaR {got} < exact lower bound {lo} (short by {})",
                &lo - BigInt::from(got)
            ));
        }
    }
    assert!(below.is_empty(), "{below:#?}");
}

/// Owner: switching to the historical method (or raising the confidence under it) while the
/// stored history is too short for it turns every stored book's assessment into
/// `InsufficientHistory` — every member action locked by one owner action. SPEC: "No owner
/// action may make a member's stored book unassessable": the change must be refused.
#[test]
fn rt_method_switch_with_too_little_history_is_refused() {
    let mut s = Suite::with(|m| m.max_staleness_secs = 10 * DAY);
    let book = || vec![exp("BTC-PERP", 1_000_000 * E6 as i128)];
    assert!(s.assess(book()).is_ok());
    for _ in 0..10 {
        s.advance(3_600);
        s.round("60000", "3000").unwrap();
    }
    let r = update(&mut s, ConfigUpdate { method: Some(Method::Historical), ..Default::default() });
    assert!(r.is_err() || s.assess(book()).is_ok(), "accepted and the book became: {:?}", s.assess(book()));
    assert_eq!(r, Err(ContractError::InsufficientHistory { have: 10, need: 100 }));
    assert!(s.assess(book()).is_ok());
    // Raising the confidence under historical: 120 rounds suffice at 99 % (need 100), not at
    // 99.6 % (need 250, history_len 250).
    let mut s = Suite::with(|m| {
        m.method = Method::Historical;
        m.max_staleness_secs = 10 * DAY;
        m.max_move_bps = Some(100_000);
    });
    let mut btc = 60_000u64;
    for i in 0..120 {
        s.advance(3_600);
        btc = if i % 2 == 0 { btc * 101 / 100 } else { btc * 98 / 100 };
        s.round(&btc.to_string(), "3000").unwrap();
    }
    assert!(s.assess(book()).is_ok());
    let r = update(&mut s, ConfigUpdate { confidence_bps: Some(9960), ..Default::default() });
    assert!(r.is_err() || s.assess(book()).is_ok(), "accepted and the book became: {:?}", s.assess(book()));
    assert_eq!(r, Err(ContractError::InsufficientHistory { have: 120, need: 250 }));
    // A lower need, or other fields, are not blocked.
    update(&mut s, ConfigUpdate { confidence_bps: Some(9500), ..Default::default() }).unwrap();
    assert!(s.assess(book()).is_ok());
}

/// Owner: delist BTC, let rounds run without it, relist it (`upsert_market`). The rounds it
/// missed are stored with a zero BTC return, and the relisted market keeps `since_round`, so a
/// historical window over them prices a risky BTC book at VaR 0 — "zeroed risk for a risky book"
/// (was: VaR 147,051,773,507 → 0). Fixed: `Market::window` never includes the missed rounds.
#[test]

fn rt_relisted_market_is_not_priced_on_phantom_zero_returns() {
    let mut s = Suite::with(|m| {
        m.method = Method::Historical;
        m.history_len = Some(100);
        m.max_staleness_secs = 10 * DAY;
    });
    let feeder = s.feeder.clone();
    let book = || vec![exp("BTC-PERP", 1_000_000 * E6 as i128)];
    let mut btc = 60_000u64;
    for i in 0..110 {
        s.advance(3_600);
        btc = if i % 2 == 0 { btc * 103 / 100 } else { btc * 97 / 100 };
        s.round(&btc.to_string(), "3000").unwrap();
    }
    let before = s.assess(book()).unwrap();
    assert!(before.var.u128() > 10_000 * E6, "a risky book: {}", before.var);
    s.owner_exec(ExecuteMsg::RemoveMarket { id: "BTC-PERP".into() }).unwrap();
    for _ in 0..100 {
        s.advance(3_600);
        s.exec(&feeder, &prices(&[("ETH-PERP", "3000")])).unwrap();
    }
    // Delisted: the frozen window still prices the risk.
    assert_eq!(s.assess(book()).unwrap().var, before.var);
    s.owner_exec(ExecuteMsg::UpsertMarket {
        id: "BTC-PERP".into(),
        price: dec(&btc.to_string()),
        volatility: dec("0.65"),
        implied_vol: None,
    })
    .unwrap();
    let after = s.assess(book());
    println!("before delisting: VaR {}; after relisting: {after:?}", before.var);
    if let Ok(a) = &after {
        assert!(a.var.u128() * 10 >= before.var.u128(), "relisting cut VaR {} → {}", before.var, a.var);
    }
    // Until 100 new rounds exist the frozen window prices it; a delisting and relisting in
    // between keeps that window.
    assert_eq!(after.unwrap().var, before.var);
    let both = |b: &str| prices(&[("BTC-PERP", b), ("ETH-PERP", "3000")]);
    for _ in 0..5 {
        s.advance(3_600);
        s.exec(&feeder, &both(&btc.to_string())).unwrap();
    }
    s.owner_exec(ExecuteMsg::RemoveMarket { id: "BTC-PERP".into() }).unwrap();
    for _ in 0..50 {
        s.advance(3_600);
        s.exec(&feeder, &prices(&[("ETH-PERP", "3000")])).unwrap();
    }
    s.owner_exec(ExecuteMsg::UpsertMarket {
        id: "BTC-PERP".into(),
        price: dec(&btc.to_string()),
        volatility: dec("0.65"),
        implied_vol: None,
    })
    .unwrap();
    assert_eq!(s.assess(book()).unwrap().var, before.var);
    // 100 new rounds with ±1 % moves: the window is theirs alone.
    for i in 0..100 {
        s.advance(3_600);
        btc = if i % 2 == 0 { btc * 101 / 100 } else { btc * 99 / 100 };
        s.exec(&feeder, &both(&btc.to_string())).unwrap();
    }
    let fresh = s.assess(book()).unwrap();
    println!("after 100 new rounds: VaR {}", fresh.var);
    assert!(fresh.var.u128() > 0 && fresh.var < before.var, "{} vs {}", fresh.var, before.var);
}

/// Feeders: 5 feeders, min_feeders 3 (the majority). Two colluders wait for the first honest
/// submission and then submit at once: the round forms on the third submission, of which two
/// are theirs, so the median is theirs — a 40 % minority moves every round by up to
/// max_move_bps (here +10 % per round, 60,000 → 66,000) with one honest feeder in it.
#[test]
#[ignore = "finding: the round forms at the min_feeders-th submission, so ⌈min_feeders/2⌉ colluders (a minority) set its median; needs a spec decision (e.g. wait for all live feeders or a closing time)"]
fn rt_two_colluders_of_five_cannot_set_the_round_price() {
    let mut s = Suite::with_feeders(5, |m| m.max_move_bps = Some(1_000));
    s.advance(3_600);
    s.submit_by(0, "60000", "3000").unwrap(); // honest
    s.submit_by(3, "90000", "3000").unwrap(); // colluder
    let r = s.submit_by(4, "90000", "3000").unwrap(); // colluder: third distinct feeder
    assert_eq!(attr(&r, "round_formed"), "true");
    let m: MarketResponse = s.q(&QueryMsg::Market { id: "BTC-PERP".into() }).unwrap();
    assert_eq!(m.price, dec("60000"), "the colluders' median made the round: {}", m.price);
}

/// Defence: a feeder re-submitting counts once; a removed feeder's submission stops counting;
/// a submission at `Decimal::MAX` from a majority is clamped, never a panic or overflow.
#[test]
fn rt_refused_one_feeder_many_submissions_removed_feeders_and_extreme_prices() {
    let mut s = Suite::with_feeders(3, |_| {});
    s.advance(3_600);
    for _ in 0..3 {
        let r = s.submit_by(0, "90000", "3000").unwrap();
        assert_eq!(attr(&r, "round_formed"), "false");
    }
    s.submit_by(1, "90000", "3000").unwrap_err_or_round(true);
    let max = Decimal::MAX.to_string();
    let mut s = Suite::with_feeders(3, |_| {});
    s.advance(3_600);
    s.submit_by(0, &max, &max).unwrap();
    let f1 = s.feeders[1].to_string();
    let f2 = s.feeders[2].to_string();
    let owner = s.owner.clone();
    let feeder0 = s.feeders[0].to_string();
    // Feeder 0 is removed: its submission no longer counts toward the next round.
    s.exec(&owner, &ExecuteMsg::SetFeeders { feeders: vec![f1, f2, s.app.api().addr_make("x").to_string()] }).unwrap();
    let r = s.submit_by(1, &max, &max).unwrap();
    assert_eq!(attr(&r, "round_formed"), "false", "the removed feeder {feeder0} still counted");
    let r = s.submit_by(2, &max, &max).unwrap();
    assert_eq!(attr(&r, "round_formed"), "true");
    assert_eq!(attr(&r, "clamped"), "BTC-PERP,ETH-PERP");
    let m: MarketResponse = s.q(&QueryMsg::Market { id: "BTC-PERP".into() }).unwrap();
    assert_eq!(m.price, dec("90000"));
    assert!(s.assess(vec![exp("BTC-PERP", 1_000_000)]).is_ok());
}

trait RoundCheck {
    fn unwrap_err_or_round(self, formed: bool);
}
impl RoundCheck for Result<AppResponse, ContractError> {
    fn unwrap_err_or_round(self, formed: bool) {
        let r = self.unwrap();
        assert_eq!(attr(&r, "round_formed"), formed.to_string());
    }
}

/// Defence: a submission cannot be replayed into the next round (a round consumes every
/// submission), and an early submission waits rather than forming a round too soon.
#[test]
fn rt_refused_submissions_do_not_carry_into_the_next_round() {
    let mut s = Suite::with_feeders(3, |_| {});
    s.advance(3_600);
    s.submit_by(0, "61000", "3000").unwrap();
    s.submit_by(1, "61000", "3000").unwrap_err_or_round(true);
    s.advance(3_600);
    // Feeder 2 alone (with the consumed submissions of 0 and 1) forms nothing.
    s.submit_by(2, "90000", "3000").unwrap_err_or_round(false);
    let m: MarketResponse = s.q(&QueryMsg::Market { id: "BTC-PERP".into() }).unwrap();
    assert_eq!(m.price, dec("61000"));
}

/// Owner + feeders (stall): a market delisted for a long time holds back history pruning (its
/// frozen window); once it is relisted, the next chunk start deleted every chunk held since in
/// one transaction — one KV delete per 10 rounds delisted (a year of one-minute rounds: 52,560
/// deletes, far past a block's gas), so that `set_prices` could never succeed again. The work of
/// one round must stay bounded (here: at most 16 chunk deletes).
#[test]
fn rt_relisting_after_a_long_delisting_does_not_make_one_round_delete_unboundedly() {
    let mut s = Suite::with(|m| {
        m.round_secs = Some(60);
        m.max_staleness_secs = 10 * DAY;
    });
    let feeder = s.feeder.clone();
    s.owner_exec(ExecuteMsg::RemoveMarket { id: "ETH-PERP".into() }).unwrap();
    for _ in 0..1_500 {
        s.advance(60);
        s.exec(&feeder, &prices(&[("BTC-PERP", "60000")])).unwrap();
    }
    s.owner_exec(ExecuteMsg::UpsertMarket {
        id: "ETH-PERP".into(),
        price: dec("3000"),
        volatility: dec("0.8"),
        implied_vol: None,
    })
    .unwrap();
    let chunks = |s: &Suite| {
        (0..200u64)
            .filter(|c| {
                let mut key = b"hist".to_vec();
                key.extend_from_slice(&c.to_be_bytes());
                s.app.contract_storage(&s.oracle).get(&key).is_some()
            })
            .count()
    };
    let mut worst = 0;
    for _ in 0..200 {
        let before = chunks(&s);
        s.advance(60);
        s.round("60000", "3000").unwrap();
        worst = worst.max(before.saturating_sub(chunks(&s)));
    }
    println!("most chunks deleted by one round: {worst}; chunks left {}", chunks(&s));
    assert!(worst <= 16, "one round deleted {worst} chunks");
    assert!(chunks(&s) <= 53, "pruning catches up: {} chunks left", chunks(&s));
}
