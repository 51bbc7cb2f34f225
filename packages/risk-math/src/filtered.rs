//! Filtered historical simulation (Hull–White 1998, Barone-Adesi et al. 1999; the filter
//! Eurex Prisma applies): each stored return rescaled to today's volatility before the
//! historical tail is read.
//!
//! r̃ₖᵢ = rₖᵢ·σᵢ,now/σₖᵢ with σₖᵢ the (EWMA) volatility in force for market i when round k
//! was recorded — the forecast the round was assessed under, before its own return updated
//! it — and σᵢ,now the current one ([`crate::ewma`]); then exactly
//! [`crate::measures::historical_per_round`]: Lₖ = −Σᵢ Nᵢ·r̃ₖᵢ·scaleₖ, m = ⌈(1−α)K⌉, VaR = L₍ₘ₎,
//! ES = mean(L₍₁..ₘ₎), floored at 0 and rounded up.

use crate::error::{MathError, MathResult};
use crate::fixed::{ceil_div, floor_div, FRAC_BITS, Q64};
use crate::formats::Ret56;
use crate::measures::{check_notionals, exponent, tail_measure, Measure, MAX_HIST_SCALE, RET_FRAC_BITS};
use ethnum::I256;

/// Largest filter ratio σ_now/σₖ accepted: 2⁶⁴. Above every ratio the oracle can form
/// (σ_now ≤ 100, σₖ ≥ 2⁻⁵⁶ on the stored grid: < 2⁶³), so no market can become unassessable
/// through it (red team: at 1,024 an owner-set 0.04 and an EWMA driven to 41 by ±50 % rounds
/// refused every filtered assessment of the market). It only keeps the 256-bit products in
/// range: a rescaled return < 2⁶¹·2⁶⁴ units, times |N| ≤ 2¹⁰⁰ and 32 markets, < 2²³⁰; the
/// products with the scale are checked.
pub const MAX_FILTER_RATIO: i128 = 1 << 64;

/// The rescaled return's bounds [lo, hi] in units of 2⁻⁵⁶ for a stored return `r` (itself
/// floored: the exact return lies in [r, r + 1 unit)) and the ratio a/b > 0:
/// lo = ⌊r·a/b⌋ ≤ exact·a/b < ⌈(r + 1)·a/b⌉ = hi.
fn rescaled_bounds(r: Ret56, a: i128, b: i128) -> (I256, I256) {
    let raw = I256::from(r.raw());
    let (a, b) = (I256::from(a), I256::from(b));
    (floor_div(raw * a, b), ceil_div((raw + I256::ONE) * a, b))
}

/// The shapes and domains both entry points need (n ≥ 1): `returns` and `sigma_at` K × n,
/// `sigma_now` n, `scales` K within [0, 1024], every return within 1,600 %; returns K.
fn check_inputs(returns: &[Ret56], sigma_at: &[Q64], sigma_now: &[Q64], scales: &[Q64], n: usize) -> MathResult<usize> {
    if !returns.len().is_multiple_of(n) {
        return Err(MathError::DimensionMismatch { expected: n, got: returns.len() % n });
    }
    let k = returns.len() / n;
    if sigma_at.len() != returns.len() {
        return Err(MathError::DimensionMismatch { expected: returns.len(), got: sigma_at.len() });
    }
    if sigma_now.len() != n {
        return Err(MathError::DimensionMismatch { expected: n, got: sigma_now.len() });
    }
    if scales.len() != k {
        return Err(MathError::DimensionMismatch { expected: k, got: scales.len() });
    }
    if scales.iter().any(|s| s.is_negative() || *s > MAX_HIST_SCALE) {
        return Err(MathError::Domain { what: "historical scale outside [0, 1024]" });
    }
    if returns.iter().any(|r| !r.within_max()) {
        return Err(MathError::Domain { what: "return above 1600%" });
    }
    Ok(k)
}

/// A round's filter σ_now/σₖ (raw Q64.64 `a`/`b`): σₖ > 0 and the ratio at most 2⁶⁴.
fn check_ratio(a: i128, b: i128) -> MathResult<()> {
    if b <= 0 {
        return Err(MathError::Domain { what: "filtered historical: round volatility not positive" });
    }
    if a > b.saturating_mul(MAX_FILTER_RATIO) {
        return Err(MathError::Domain { what: "filter ratio above 2^64" });
    }
    Ok(())
}

/// Filtered-historical VaR and ES.
///
/// `returns` is K rounds × n markets, round-major (Q7.56, as stored); `sigma_at` the same
/// shape, σₖᵢ the volatility in force when round k was recorded (Q64.64, > 0); `sigma_now`
/// one per market (> 0 where the notional is not 0); `scales[k]` = √(horizon/Δtₖ) as for
/// historical. Rounding: each rescaled return is bounded as in `rescaled_bounds` and a long
/// takes the lower bound, a short the upper, so every Lₖ is ≥ the loss over the exact returns
/// rescaled by the given volatilities; then exact in 256 bits, and only VaR and ES round (up).
///
/// Errors: `DimensionMismatch` for misshapen inputs; `Domain` for a non-positive σ, a ratio
/// σ_now/σₖ above [`MAX_FILTER_RATIO`] (2⁶⁴), a return above 1,600 % or a scale outside [0, 1024];
/// `InsufficientHistory` / `InvalidConfidence` as for historical.
pub fn filtered_historical(
    notionals: &[i128],
    returns: &[Ret56],
    sigma_at: &[Q64],
    sigma_now: &[Q64],
    scales: &[Q64],
    confidence_bps: u32,
) -> MathResult<Measure> {
    let n = notionals.len();
    check_notionals(notionals)?;
    if n == 0 {
        return Ok(Measure { var: 0, es: 0 });
    }
    let k = check_inputs(returns, sigma_at, sigma_now, scales, n)?;
    let active: Vec<bool> = notionals.iter().map(|x| *x != 0).collect();
    for (i, s) in sigma_now.iter().enumerate() {
        if active[i] && *s <= Q64::ZERO {
            return Err(MathError::Domain { what: "filtered historical: current volatility not positive" });
        }
    }
    let mut losses = Vec::with_capacity(k);
    for ((round, sig), scale) in returns.chunks_exact(n).zip(sigma_at.chunks_exact(n)).zip(scales) {
        let mut pnl = I256::ZERO;
        for i in 0..n {
            if !active[i] {
                continue;
            }
            let (a, b) = (sigma_now[i].raw(), sig[i].raw());
            check_ratio(a, b)?;
            let (lo, hi) = rescaled_bounds(round[i], a, b);
            // |r̃| < 2¹²⁵ (|r| ≤ 2⁶⁰ units, ratio ≤ 2⁶⁴) and |N| ≤ 2¹⁰⁰: each product < 2²²⁵.
            pnl += I256::from(notionals[i]) * if notionals[i] > 0 { lo } else { hi };
        }
        // |pnl| < n·2²²⁵, scale < 2⁷⁵: checked, so a huge book is an error, never a wrap.
        let loss = pnl
            .checked_mul(I256::from(scale.raw()))
            .and_then(I256::checked_neg)
            .ok_or(MathError::Overflow { what: "filtered historical loss" })?;
        losses.push(loss);
    }
    tail_measure(losses, exponent(0, RET_FRAC_BITS + FRAC_BITS)?, confidence_bps)
}

/// Filtered historical scenario returns for option legs (the revaluation ladder), the
/// filtered counterpart of [`crate::options::historical_returns`]: r̃ₖᵢ = rₖᵢ·(σᵢ,now/σₖᵢ)·scaleₖ
/// in Q64.64, rounded toward −∞, `returns` and `sigma_at` K rounds × n markets (round-major),
/// `sigma_now` one per market, `scales[k]` = √(horizon/Δtₖ). With σ_now/σₖ = 1 it is exactly
/// `historical_returns` (tested).
///
/// Also returns, per round, the slack multiplier sₖ = maxᵢ ⌊(σᵢ,now/σₖᵢ)·scaleₖ⌋ + 2: the exact
/// rescaled return (stored returns are floored, exact rₖᵢ ∈ [r, r + 2⁻⁵⁶)) lies in
/// [r̃ₖᵢ, r̃ₖᵢ + sₖ·2⁻⁵⁶], so a caller that needs a strict bound adds sₖ·2⁻⁵⁶ times the legs'
/// largest |∂P&L/∂r| (as the oracle does with (⌊scale⌋ + 2) for plain historical).
///
/// Errors: `DimensionMismatch` for misshapen inputs; `Domain` for a non-positive σ, a ratio
/// above [`MAX_FILTER_RATIO`], a return above 1,600 % or a scale outside [0, 1024].
pub fn filtered_returns(
    returns: &[Ret56],
    sigma_at: &[Q64],
    sigma_now: &[Q64],
    scales: &[Q64],
    n: usize,
) -> MathResult<(Vec<Q64>, Vec<I256>)> {
    if n == 0 {
        return Err(MathError::DimensionMismatch { expected: n, got: returns.len() });
    }
    let k = check_inputs(returns, sigma_at, sigma_now, scales, n)?;
    if sigma_now.iter().any(|s| *s <= Q64::ZERO) {
        return Err(MathError::Domain { what: "filtered historical: current volatility not positive" });
    }
    let mut out = Vec::with_capacity(returns.len());
    let mut slack = Vec::with_capacity(k);
    let shift = FRAC_BITS + RET_FRAC_BITS;
    for ((row, sig), s) in returns.chunks_exact(n).zip(sigma_at.chunks_exact(n)).zip(scales) {
        let mut worst = I256::ZERO;
        for ((r, b), a) in row.iter().zip(sig).zip(sigma_now) {
            let (a, b) = (a.raw(), b.raw());
            check_ratio(a, b)?;
            // |r| < 2⁶¹, a ≤ 2¹⁰·b < 2¹³⁸ only if b is huge; a < 2⁷¹ (σ ≤ 128 after a factor ≤ 4/3),
            // scale < 2⁷⁵: the product stays below 2²⁰⁷.
            let num = I256::from(r.raw()) * I256::from(a) * I256::from(s.raw());
            let den = I256::from(b) << (shift - FRAC_BITS);
            let x = i128::try_from(floor_div(num, den))
                .map_err(|_| MathError::Overflow { what: "filtered scaled return" })?;
            out.push(Q64::from_raw(x));
            worst = worst.max(floor_div(I256::from(a) * I256::from(s.raw()), I256::from(b) << FRAC_BITS));
        }
        slack.push(worst + I256::from(2u8));
    }
    Ok((out, slack))
}

#[cfg(test)]
#[allow(clippy::as_conversions)]
mod tests {
    use super::*;
    use crate::measures::{historical_per_round, simple_return, tail_count};
    use crate::prng::Xoshiro256;
    use crate::testutil::to_f;
    use proptest::prelude::*;

    fn unit(rng: &mut Xoshiro256) -> f64 {
        (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    #[test]
    fn equal_volatilities_give_plain_historical() {
        let mut rng = Xoshiro256::seed(3);
        let mut p = 1_000_000u128;
        let returns: Vec<Ret56> = (0..300)
            .map(|_| {
                let q = ((p as f64) * (0.96 + 0.08 * unit(&mut rng))) as u128;
                let r = simple_return(p, q).unwrap();
                p = q;
                r
            })
            .collect();
        let sig = vec![Q64::lit("0.3"); 300];
        let scales = vec![Q64::ONE; 300];
        for n in [1_000_000_000_000i128, -1_000_000_000_000] {
            let f = filtered_historical(&[n], &returns, &sig, &[Q64::lit("0.3")], &scales, 9900).unwrap();
            let h = historical_per_round(&[n], &returns, &scales, 9900).unwrap();
            assert_eq!(f, h, "ratio 1: the bounds are exactly historical's");
        }
        // Doubling today's volatility doubles the figures (within the rounding).
        let f2 = filtered_historical(&[1_000_000_000_000], &returns, &sig, &[Q64::lit("0.6")], &scales, 9900).unwrap();
        let h = historical_per_round(&[1_000_000_000_000], &returns, &scales, 9900).unwrap();
        assert!(f2.var.abs_diff(2 * h.var) <= 2 && f2.es.abs_diff(2 * h.es) <= 2, "{f2:?} vs 2·{h:?}");
    }

    #[test]
    fn ladder_returns_are_historical_at_ratio_one_and_scale_with_the_ratio() {
        let r: Vec<Ret56> = [-70_000i64, 3, 0, -1, 1 << 50, -(1 << 55)].iter().map(|x| Ret56::from_raw(*x)).collect();
        let scales = vec![Q64::lit("1.5"), Q64::ONE, Q64::lit("2.25")];
        let one = vec![Q64::lit("0.4"); 6];
        let (got, slack) = filtered_returns(&r, &one, &[Q64::lit("0.4"); 2], &scales, 2).unwrap();
        assert_eq!(got, crate::options::historical_returns(&r, &scales, 2).unwrap());
        assert_eq!(slack, vec![I256::from(3u8), I256::from(3u8), I256::from(4u8)], "⌊scale⌋ + 2");
        // Ratio 2 on market 0 (σ_now 0.5 over σ_k 0.25), 1 on market 1: the floor of twice the
        // unfloored product.
        let quarter = vec![Q64::lit("0.25"); 6];
        let (twice, slack) = filtered_returns(&r, &quarter, &[Q64::lit("0.5"), Q64::lit("0.25")], &scales, 2).unwrap();
        for (k, s) in scales.iter().enumerate() {
            let exact = (I256::from(r[2 * k].raw()) * I256::from(2 * s.raw())) >> 56u32;
            assert_eq!(I256::from(twice[2 * k].raw()), exact);
            assert_eq!(twice[2 * k + 1], got[2 * k + 1]);
        }
        assert_eq!(slack, vec![I256::from(5u8), I256::from(4u8), I256::from(6u8)], "⌊2·scale⌋ + 2");
        assert_eq!(
            filtered_returns(&r, &one, &[Q64::ZERO, Q64::ONE], &scales, 2),
            Err(MathError::Domain { what: "filtered historical: current volatility not positive" })
        );
        assert_eq!(
            filtered_returns(&r, &one[..5], &[Q64::ONE; 2], &scales, 2),
            Err(MathError::DimensionMismatch { expected: 6, got: 5 })
        );
    }

    #[test]
    fn typed_errors_change_nothing() {
        let r = vec![simple_return(100, 99).unwrap(); 100];
        let s = vec![Q64::ONE; 100];
        let sc = vec![Q64::ONE; 100];
        let e = |what| Err(MathError::Domain { what });
        assert_eq!(
            filtered_historical(&[1], &r, &s, &[Q64::ZERO], &sc, 9900),
            e("filtered historical: current volatility not positive")
        );
        let mut zero = s.clone();
        zero[7] = Q64::ZERO;
        assert_eq!(
            filtered_historical(&[1], &r, &zero, &[Q64::ONE], &sc, 9900),
            e("filtered historical: round volatility not positive")
        );
        let mut tiny = s.clone();
        tiny[3] = Q64::from_raw(Q64::ONE.raw() / 1025);
        assert!(filtered_historical(&[1], &r, &tiny, &[Q64::ONE], &sc, 9900).is_ok(), "ratio 1,025 is in range");
        tiny[3] = Q64::from_raw(1);
        let big = Q64::from_int(2);
        assert_eq!(filtered_historical(&[1], &r, &tiny, &[big], &sc, 9900), e("filter ratio above 2^64"));
        assert_eq!(
            filtered_historical(&[1], &r, &s[..99], &[Q64::ONE], &sc, 9900),
            Err(MathError::DimensionMismatch { expected: 100, got: 99 })
        );
        assert_eq!(
            filtered_historical(&[1], &r[..99], &s[..99], &[Q64::ONE], &sc[..99], 9900),
            Err(MathError::InsufficientHistory { have: 99, need: 100 })
        );
        // A zero notional needs no volatility.
        assert_eq!(filtered_historical(&[0], &r, &s, &[Q64::ZERO], &sc, 9900), Ok(Measure { var: 0, es: 0 }));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// VaR and ES are ≥ the exact figures over the exact returns rescaled by the given
        /// volatilities (a 2⁻¹⁹²-exact reference), for either sign, and within 1e-12 of f64.
        #[test]
        fn at_least_exact(seed in any::<u64>(), long in any::<bool>(), pick in 0usize..3) {
            let bps = [9000u32, 9750, 9900][pick];
            let mut rng = Xoshiro256::seed(seed);
            let k = 100 + (unit(&mut rng) * 200.0) as usize;
            let n: i128 = ((unit(&mut rng) + 0.5) * 2f64.powi(80)) as i128 * if long { 1 } else { -1 };
            let mut p = 1_000_000_000u128;
            let (mut returns, mut exact, mut sig) = (vec![], vec![], vec![]);
            let now = Q64::from_raw(((0.05 + unit(&mut rng)) * 2f64.powi(64)) as i128);
            for _ in 0..k {
                let q = ((p as f64) * (0.9 + 0.2 * unit(&mut rng))).max(1.0) as u128;
                returns.push(simple_return(p, q).unwrap());
                let s = Q64::from_raw(((0.05 + unit(&mut rng)) * 2f64.powi(64)) as i128);
                sig.push(s);
                // Exact loss: −N·(q − p)/p·now/s, in 2⁻⁶⁴ units, ceil: num/den.
                let num = -(num_bigint::BigInt::from(n) * (num_bigint::BigInt::from(q) - num_bigint::BigInt::from(p)) * num_bigint::BigInt::from(now.raw())) << 64u32;
                let den = num_bigint::BigInt::from(p) * num_bigint::BigInt::from(s.raw());
                let (qq, rr) = (&num / &den, &num % &den);
                exact.push(if rr > num_bigint::BigInt::from(0) { qq + 1 } else { qq });
                p = q;
            }
            let got = filtered_historical(&[n], &returns, &sig, &[now], &vec![Q64::ONE; k], bps).unwrap();
            exact.sort_by(|a, b| b.cmp(a));
            let m = tail_count(bps, k);
            let var_hi = exact[m - 1].clone().max(num_bigint::BigInt::from(0));
            let sum: num_bigint::BigInt = exact[..m].iter().sum();
            prop_assert!((num_bigint::BigInt::from(got.var) << 64u32) >= var_hi, "var {} below exact", got.var);
            prop_assert!((num_bigint::BigInt::from(got.es) << 64u32) * num_bigint::BigInt::from(m) >= sum, "es below exact");
            // And close to f64.
            let mut lf: Vec<f64> = returns.iter().zip(&sig).map(|(r, s)| -(n as f64) * to_f(r.to_q64()) * to_f(now) / to_f(*s)).collect();
            lf.sort_by(|a, b| b.partial_cmp(a).unwrap());
            let v = lf[m - 1].max(0.0);
            prop_assert!((got.var as f64 - v).abs() <= 1e-9 * v.abs() + 2.0, "var {} vs {v}", got.var);
        }
    }
}
