//! The EWMA (RiskMetrics) volatility exactly as risk-oracle's `set_prices` runs it today, so
//! that the oracle, the filtered historical method and the `risk` tool share one code path.
//!
//! Per round, with r the round's simple return ([`crate::measures::simple_return`], Q7.56) and
//! Δt its spacing in seconds: σ²_new = λ·σ²_old + (1−λ)·r²·year/Δt (annualised variance,
//! Q64.64, every product rounded toward −∞), capped at [`MAX_EWMA_VOL`]² = 100²; the first
//! update is seeded with the owner-set variance σ_owner² (itself ⌊σ_owner⌋² in Q64.64). The
//! oracle stores the variance and its root as 18-decimal `Decimal`s rounded **up**
//! ([`EwmaState`]) and reads them back rounded down, so the state carried from round to round
//! is the 18-decimal one — reproduced here bit for bit. The volatility in force is
//! max(owner-set, EWMA).

use crate::error::{MathError, MathResult};
use crate::fixed::Q64;
use crate::formats::Ret56;
use crate::special::sqrt_ceil;
use crate::YEAR_SECS;

/// Decimal places of the oracle's stored `Decimal`s.
pub const DEC_PLACES: u32 = 18;

/// The largest volatility the oracle accepts (10,000 %, its `MAX_VOLATILITY_PCT`): the EWMA
/// variance is capped at its square, so σ·√(horizon/year) stays inside the measures' domain.
pub const MAX_EWMA_VOL: Q64 = Q64::from_int(100);

/// λ·σ²_old + (1−λ)·r²·year/Δt, capped at 100² (annualised variance, Q64.64).
///
/// Rounding: r² toward −∞, then ·year/Δt toward −∞, each product with λ and 1−λ toward −∞ —
/// exactly the oracle's `ewma_variance`. Errors: `DivisionByZero` for Δt = 0, `Overflow` when
/// an intermediate leaves Q64.64 (not reachable for |r| ≤ 16, Δt ≥ 1 and σ_old ≤ 100).
pub fn ewma_variance(old_var: Q64, lambda: Q64, r: Ret56, dt_secs: u64) -> MathResult<Q64> {
    let r = r.to_q64();
    let annual = r.mul(r)?.mul_ratio_floor(i128::from(YEAR_SECS), i128::from(dt_secs))?;
    let var = lambda.mul(old_var)?.add(Q64::ONE.sub(lambda)?.mul(annual)?)?;
    Ok(var.min(MAX_EWMA_VOL.mul(MAX_EWMA_VOL)?))
}

/// A `Decimal`'s atomics (18 places) as Q64.64, rounded toward −∞ (the oracle's `dec_q64`).
pub fn q64_of_dec(atomics: u128) -> MathResult<Q64> {
    let a = i128::try_from(atomics).map_err(|_| MathError::Overflow { what: "decimal" })?;
    Q64::from_atomics(a, DEC_PLACES)
}

/// A Q64.64 value as 18-decimal atomics rounded toward +∞, a negative one as 0 (the oracle's
/// `q64_dec_ceil`).
pub fn dec_of_q64_ceil(q: Q64) -> MathResult<u128> {
    Ok(u128::try_from(q.to_atomics_ceil(DEC_PLACES)?).unwrap_or(0))
}

/// What the oracle stores after an update: the variance and ⌈√variance⌉ (Q64.64), each as
/// 18-decimal atomics rounded up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EwmaState {
    /// Annualised variance, 18-decimal atomics.
    pub var_atomics: u128,
    /// Annualised volatility, 18-decimal atomics.
    pub vol_atomics: u128,
}

impl EwmaState {
    /// The stored form of a variance: ⌈var⌉₁₈ and ⌈⌈√var⌉⌉₁₈.
    pub fn of_variance(var: Q64) -> MathResult<EwmaState> {
        Ok(EwmaState { var_atomics: dec_of_q64_ceil(var)?, vol_atomics: dec_of_q64_ceil(sqrt_ceil(var)?)? })
    }
}

/// One market's EWMA as the oracle keeps it: λ (Q64.64, the `Decimal` `ewma_lambda` read down)
/// and the stored state, `None` before the first update.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ewma {
    /// The decay λ ∈ (0, 1).
    pub lambda: Q64,
    /// The stored state; `None` until a round has updated it.
    pub state: Option<EwmaState>,
}

impl Ewma {
    /// λ from its 18-decimal atomics (the oracle's `ewma_lambda`), rounded down; `Domain`
    /// unless 0 < λ < 1.
    pub fn new(lambda_atomics: u128, state: Option<EwmaState>) -> MathResult<Ewma> {
        let lambda = q64_of_dec(lambda_atomics)?;
        if lambda <= Q64::ZERO || lambda >= Q64::ONE {
            return Err(MathError::Domain { what: "EWMA lambda outside (0, 1)" });
        }
        Ok(Ewma { lambda, state })
    }

    /// One round: the return `r` over `dt_secs`; the first update is seeded with the owner-set
    /// volatility `owner_vol_atomics` squared (as the oracle does).
    pub fn update(&mut self, owner_vol_atomics: u128, r: Ret56, dt_secs: u64) -> MathResult<()> {
        let old = match self.state {
            Some(s) => q64_of_dec(s.var_atomics)?,
            None => {
                let v = q64_of_dec(owner_vol_atomics)?;
                v.mul(v)?
            }
        };
        self.state = Some(EwmaState::of_variance(ewma_variance(old, self.lambda, r, dt_secs)?)?);
        Ok(())
    }

    /// The volatility in force, max(owner-set, EWMA), as the measures read it (Q64.64,
    /// rounded down from the stored decimal: the oracle's `effective_volatility` then
    /// `dec_q64`).
    pub fn vol_in_force(&self, owner_vol_atomics: u128) -> MathResult<Q64> {
        let ewma = self.state.map_or(0, |s| s.vol_atomics);
        q64_of_dec(ewma.max(owner_vol_atomics))
    }
}

/// The annualised root-mean-square volatility of a window of one market's returns (zero mean,
/// as RiskMetrics): √(Σ r²·year / (K·Δt)), rounded **up** (the sum of squares is exact in 256
/// bits; the ratio and the root each round up). Errors: `InsufficientHistory` for an empty
/// window, `DivisionByZero` for Δt = 0, `Overflow` above Q64.64.
pub fn rms_volatility(returns: &[Ret56], dt_secs: u64) -> MathResult<Q64> {
    use ethnum::I256;
    if returns.is_empty() {
        return Err(MathError::InsufficientHistory { have: 0, need: 1 });
    }
    if dt_secs == 0 {
        return Err(MathError::DivisionByZero);
    }
    // Σ raw² in units of 2⁻¹¹², each raw < 2⁶¹: the sum of < 2⁶⁴ terms stays below 2¹⁸⁶.
    let sum: I256 = returns.iter().map(|r| I256::from(r.raw()) * I256::from(r.raw())).sum();
    let k = I256::from(crate::conv::u64_of_usize(returns.len()));
    // Q64.64 raw = Σ raw² · 2⁻¹¹² · 2⁶⁴ · year / (K·Δt) = Σ raw² · year / (K·Δt·2⁴⁸).
    let num = sum * I256::from(YEAR_SECS);
    let den = (k * I256::from(dt_secs)) << 48u32;
    let var =
        i128::try_from(crate::fixed::ceil_div(num, den)).map_err(|_| MathError::Overflow { what: "rms volatility" })?;
    sqrt_ceil(Q64::from_raw(var))
}

#[cfg(test)]
#[allow(clippy::as_conversions)]
mod tests {
    use super::*;
    use crate::measures::simple_return;
    use crate::testutil::to_f;
    use proptest::prelude::*;

    const E18: u128 = 1_000_000_000_000_000_000;

    #[test]
    fn seeds_with_the_owner_variance_then_carries_the_stored_decimal() {
        let mut e = Ewma::new(94 * E18 / 100, None).unwrap();
        let owner = 65 * E18 / 100; // 0.65
        let r = simple_return(100_000, 101_000).unwrap(); // +1 %
        e.update(owner, r, 86_400).unwrap();
        // 0.94·0.4225 + 0.06·0.0001·365 = 0.39715 + 0.00219 = 0.39934
        let s = e.state.unwrap();
        assert!((s.var_atomics as f64 / 1e18 - 0.39934).abs() < 1e-12, "{s:?}");
        assert!((s.vol_atomics as f64 / 1e18 - 0.39934f64.sqrt()).abs() < 1e-12);
        // In force: the owner-set 0.65 floors the EWMA 0.632.
        assert_eq!(e.vol_in_force(owner).unwrap(), q64_of_dec(owner).unwrap());
        assert_eq!(e.vol_in_force(0).unwrap(), q64_of_dec(s.vol_atomics).unwrap());
        // The second update starts from the stored (rounded-up) decimal, not the Q64 value.
        let mut again = e;
        again.update(owner, r, 86_400).unwrap();
        let old = q64_of_dec(s.var_atomics).unwrap();
        let want = EwmaState::of_variance(ewma_variance(old, e.lambda, r, 86_400).unwrap()).unwrap();
        assert_eq!(again.state, Some(want));
    }

    #[test]
    fn capped_and_typed_errors() {
        let big = simple_return(1, 11).unwrap(); // +1,000 %
        let v = ewma_variance(Q64::ONE, Q64::lit("0.94"), big, 60).unwrap();
        assert_eq!(v, Q64::from_int(10_000), "capped at 100²");
        assert_eq!(ewma_variance(Q64::ONE, Q64::lit("0.94"), big, 0), Err(MathError::DivisionByZero));
        assert_eq!(Ewma::new(E18, None), Err(MathError::Domain { what: "EWMA lambda outside (0, 1)" }));
        assert_eq!(Ewma::new(0, None), Err(MathError::Domain { what: "EWMA lambda outside (0, 1)" }));
        assert_eq!(rms_volatility(&[], 1), Err(MathError::InsufficientHistory { have: 0, need: 1 }));
        assert_eq!(rms_volatility(&[Ret56::ZERO], 0), Err(MathError::DivisionByZero));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// The integer EWMA tracks the f64 recursion within 1e-12 relative over 300 rounds.
        #[test]
        fn tracks_the_f64_recursion(seed in any::<u64>(), lambda_pct in 80u128..99) {
            let mut rng = crate::prng::Xoshiro256::seed(seed);
            let mut e = Ewma::new(lambda_pct * E18 / 100, None).unwrap();
            let owner = 3 * E18 / 10;
            let l = lambda_pct as f64 / 100.0;
            let mut var = 0.09f64;
            let mut p = 1_000_000u128;
            for _ in 0..300 {
                let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
                let q = ((p as f64) * (0.95 + 0.1 * u)) as u128;
                let r = simple_return(p, q).unwrap();
                e.update(owner, r, 86_400).unwrap();
                let rf = to_f(r.to_q64());
                var = l * var + (1.0 - l) * rf * rf * 365.0;
                p = q;
            }
            let got = e.state.unwrap().var_atomics as f64 / 1e18;
            prop_assert!((got - var).abs() <= 1e-12 * var + 1e-17, "{got} vs {var}");
        }

        /// The RMS volatility is never below the exact root and within 1e-15 relative of f64.
        #[test]
        fn rms_is_an_upper_bound(raws in prop::collection::vec(-(1i64 << 58)..(1i64 << 58), 1..300)) {
            let r: Vec<Ret56> = raws.iter().map(|x| Ret56::from_raw(*x)).collect();
            let got = rms_volatility(&r, 86_400).unwrap();
            let mean: f64 = raws.iter().map(|x| (*x as f64 / 2f64.powi(56)).powi(2)).sum::<f64>() / raws.len() as f64;
            let want = (mean * 365.0).sqrt();
            prop_assert!(to_f(got) >= want * (1.0 - 1e-13));
            prop_assert!((to_f(got) - want).abs() <= 1e-12 * want + 1e-18);
            // Upper bound exactly: got² ≥ Σr²·year/(K·Δt), checked in 256 bits.
            use ethnum::I256;
            let sum: I256 = raws.iter().map(|x| I256::from(*x) * I256::from(*x)).sum();
            let lhs = I256::from(got.raw()) * I256::from(got.raw()) * I256::from(raws.len() as u64 * 86_400);
            prop_assert!(lhs >= (sum * I256::from(YEAR_SECS)) << 16u32);
        }
    }
}
