//! Black-76 against an independent 50-digit reference (tests/ref/black76.py, mpmath), and the
//! normal cdf it is built on.

use risk_math::normal::cdf;
use risk_math::options::{black76, leg_value, Leg, Market, OptionKind};
use risk_math::Q64;
use serde_json::Value;

const TWO64: f64 = 18_446_744_073_709_551_616.0;

fn raw(v: &Value, key: &str) -> i128 {
    v[key].as_str().unwrap_or_else(|| panic!("{key}")).parse().unwrap()
}

fn reference() -> Value {
    serde_json::from_str(include_str!("ref/black76.json")).unwrap()
}

/// Price within 1e-9·S, delta within 1e-9, the bracket contains the reference, parity exact.
#[test]
fn black76_matches_mpmath_reference() {
    let r = reference();
    let vectors = r["options"].as_array().unwrap();
    assert!(vectors.len() > 1000);
    let (mut worst_price, mut worst_put, mut worst_delta, mut worst_width) = (0f64, 0f64, 0f64, 0f64);
    let mut at_price = String::new();
    let mut at_delta = String::new();
    for v in vectors {
        let s = Q64::from_raw(raw(v, "s"));
        let k = Q64::from_raw(raw(v, "k"));
        let sigma = Q64::from_raw(raw(v, "sigma"));
        let tau = v["tau_secs"].as_u64().unwrap();
        let (call_ref, put_ref, delta_ref) = (raw(v, "call"), raw(v, "put"), raw(v, "delta"));
        let c = black76(OptionKind::Call, s, k, tau, sigma).unwrap();
        let p = black76(OptionKind::Put, s, k, tau, sigma).unwrap();
        let sf = s.raw() as f64;
        let e_call = (c.value.raw() - call_ref).abs() as f64 / sf;
        let e_put = (p.value.raw() - put_ref).abs() as f64 / sf;
        let e_delta = (c.delta.raw() - delta_ref).abs() as f64 / TWO64;
        if e_call > worst_price {
            worst_price = e_call;
            at_price = format!(
                "S={} K/S={:.3} tau={tau}s sigma={:.3}",
                sf / TWO64,
                k.raw() as f64 / sf,
                sigma.raw() as f64 / TWO64
            );
        }
        if e_delta > worst_delta {
            worst_delta = e_delta;
            at_delta = format!(
                "S={} K/S={:.3} tau={tau}s sigma={:.3}",
                sf / TWO64,
                k.raw() as f64 / sf,
                sigma.raw() as f64 / TWO64
            );
        }
        worst_put = worst_put.max(e_put);
        worst_width = worst_width.max((c.hi.raw() - c.lo.raw()) as f64 / sf);
        assert!(e_call <= 1e-9 && e_put <= 1e-9, "price error {e_call} / {e_put} at {v}");
        assert!(e_delta <= 1e-9, "delta error {e_delta} at {v}");
        // The bracket holds the exact value (the reference is rounded to nearest: ±1 unit).
        assert!(c.lo.raw() <= call_ref + 1 && call_ref - 1 <= c.hi.raw(), "call bracket at {v}: {c:?}");
        assert!(p.lo.raw() <= put_ref + 1 && put_ref - 1 <= p.hi.raw(), "put bracket at {v}: {p:?}");
        // Parity, exact in Q64.64 for the value and both bracket ends; Δ_put = Δ_call − 1 exactly.
        let fwd = s.raw() - k.raw();
        assert_eq!(p.value.raw(), (c.value.raw() - fwd).max(0));
        assert_eq!(p.lo.raw(), (c.lo.raw() - fwd).max(0));
        assert_eq!(p.hi.raw(), (c.hi.raw() - fwd).max(0));
        assert_eq!(p.delta.raw(), c.delta.raw() - Q64::ONE.raw());
    }
    println!(
        "black76 vs mpmath ({} vectors): max |call − ref|/S = {worst_price:.3e} at {at_price}; max |put − ref|/S = {worst_put:.3e}; \
         max |Δ − ref| = {worst_delta:.3e} at {at_delta}; widest bracket (hi − lo)/S = {worst_width:.3e}",
        vectors.len()
    );
}

/// The normal cdf the pricing rests on, against the same reference.
#[test]
fn cdf_matches_mpmath_reference() {
    let r = reference();
    let mut worst = 0i128;
    let mut at = 0f64;
    for v in r["cdf"].as_array().unwrap() {
        let x = Q64::from_raw(raw(v, "x"));
        let e = (cdf(x).unwrap().raw() - raw(v, "cdf")).abs();
        if e > worst {
            worst = e;
            at = x.raw() as f64 / TWO64;
        }
    }
    println!("normal cdf vs mpmath: max error {worst} units of 2^-64 ({:.3e}) at x = {at:.4}", worst as f64 / TWO64);
    assert!(worst as f64 / TWO64 <= 1e-17);
}

/// Parity in settlement units: a put's and a call's leg values differ by size·(K − S) within the
/// one unit of their separate roundings, and exactly when size·(S − K) is whole.
#[test]
fn parity_to_the_unit_in_settlement_units() {
    let r = reference();
    let mut worst = 0i128;
    for (i, v) in r["options"].as_array().unwrap().iter().enumerate() {
        let s = Q64::from_raw(raw(v, "s"));
        let k = Q64::from_raw(raw(v, "k"));
        let market = Market { price: s, implied_vol: Q64::from_raw(raw(v, "sigma")), volatility: Q64::ONE };
        let expiry = 1_000 + v["tau_secs"].as_u64().unwrap();
        for size in [1_000_000i128, -2_500_000, 7, -1] {
            let call = leg_value(&Leg { kind: OptionKind::Call, strike: k, expiry, size }, &market, 1_000).unwrap();
            let put = leg_value(&Leg { kind: OptionKind::Put, strike: k, expiry, size }, &market, 1_000).unwrap();
            // size·(S − K) in 2⁻⁶⁴ units, exact.
            let fwd = size * (s.raw() - k.raw());
            let exact_diff = call as f64 - put as f64 - fwd as f64 / TWO64;
            let d = exact_diff.abs().ceil() as i128;
            worst = worst.max(d);
            assert!(exact_diff.abs() <= 1.0 + 1e-6, "vector {i} size {size}: call {call} put {put} diff {exact_diff}");
        }
    }
    // Whole prices: size·(S − K) is whole, so parity is exact.
    let market = Market { price: Q64::from_int(60_000), implied_vol: Q64::lit("0.65"), volatility: Q64::lit("0.65") };
    for strike in [30_000i64, 59_999, 60_000, 65_000, 240_000] {
        for size in [-2_500_000i128, 3, 1] {
            let leg = |kind| Leg { kind, strike: Q64::from_int(strike), expiry: 86_400 * 30, size };
            let call = leg_value(&leg(OptionKind::Call), &market, 0).unwrap();
            let put = leg_value(&leg(OptionKind::Put), &market, 0).unwrap();
            assert_eq!(call - put, size * i128::from(60_000 - strike), "strike {strike} size {size}");
        }
    }
    println!("parity in settlement units: worst |call − put − size·(S−K)| rounded up = {worst} unit(s)");
}
