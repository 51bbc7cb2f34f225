//! Cholesky factorisation of a correlation matrix, after an exact positive-semi-definiteness test.

use crate::bigint::BigInt;
use crate::error::{MathError, MathResult};
use crate::fixed::Q64;
use crate::special::sqrt;

fn validate(rho: &[Q64], n: usize) -> MathResult<()> {
    if rho.len() != n * n {
        return Err(MathError::DimensionMismatch { expected: n * n, got: rho.len() });
    }
    for i in 0..n {
        if rho[i * n + i] != Q64::ONE {
            return Err(MathError::Domain { what: "correlation diagonal must be 1" });
        }
        for j in 0..i {
            let v = rho[i * n + j];
            if v != rho[j * n + i] {
                return Err(MathError::Domain { what: "correlation matrix must be symmetric" });
            }
            if v.abs() > Q64::ONE {
                return Err(MathError::Domain { what: "correlation outside [-1, 1]" });
            }
        }
    }
    Ok(())
}

/// Decides **exactly** whether the symmetric matrix `rho` (its Q64.64 values taken as the
/// integers they are, i.e. the exact rationals ρᵢⱼ·2⁶⁴ / 2⁶⁴) is positive semi-definite, and
/// returns which pivots of its LDLᵀ factorisation (no pivoting) are exactly zero.
///
/// Method: fraction-free symmetric Gaussian elimination (Bareiss) in big integers — every
/// intermediate is a minor of the integer matrix and every division is exact, so nothing
/// rounds and no tolerance exists. Pivot k is p_k = det of the retained leading block with k
/// added, p_k = p_prev·D_k with p_prev > 0, so sign(p_k) = sign(D_k):
/// - p_k < 0 → not PSD, `NotPositiveSemiDefinite { row: k }`;
/// - p_k = 0 → PSD requires the whole row k of the Schur complement to be 0 (a nonzero entry
///   s_kj makes the 2×2 principal minor [[0, s_kj], [s_kj, s_jj]] negative): if so, k is a
///   zero pivot (a semi-definite direction, e.g. ρ = 1 between two markets) and elimination
///   continues without it, else `NotPositiveSemiDefinite { row: k }`;
/// - p_k > 0 → eliminate with it.
///
/// Cost: entries of step k are (k+1)-minors, ≤ (2⁶⁴·√(k+1))^(k+1) — ≤ 2,200 bits at n = 32.
pub fn psd_zero_pivots(rho: &[Q64], n: usize) -> MathResult<Vec<bool>> {
    validate(rho, n)?;
    // Common power of two out (the oracle stores Q1.62, so ≥ 2 bits): same signs, smaller numbers.
    let tz = rho.iter().filter(|v| v.raw() != 0).map(|v| v.raw().trailing_zeros()).min().unwrap_or(0);
    let mut a: Vec<BigInt> = rho.iter().map(|v| BigInt::from_i128(v.raw() >> tz)).collect();
    let mut prev = BigInt::from_i128(1);
    let mut zero = vec![false; n];
    for k in 0..n {
        let p = a[k * n + k].clone();
        if p.is_negative() {
            return Err(MathError::NotPositiveSemiDefinite { row: k });
        }
        if p.is_zero() {
            if (k + 1..n).any(|j| !a[k * n + j].is_zero()) {
                return Err(MathError::NotPositiveSemiDefinite { row: k });
            }
            zero[k] = true;
            continue;
        }
        for i in k + 1..n {
            for j in i..n {
                let num = p.mul(&a[i * n + j]).sub(&a[i * n + k].mul(&a[k * n + j]));
                let v = num.div_exact(&prev).ok_or(MathError::Overflow { what: "inexact Bareiss division" })?;
                a[j * n + i] = v.clone();
                a[i * n + j] = v;
            }
        }
        prev = p;
    }
    Ok(zero)
}

/// Lower-triangular L with ρ ≈ L·Lᵀ, row-major n×n (entries above the diagonal are 0).
///
/// Input: `rho`, row-major n×n, symmetric with ones on the diagonal and entries in [−1, 1]
/// (checked). **Guarantee: accepted ⇔ `rho` is positive semi-definite exactly, as given** —
/// the decision is [`psd_zero_pivots`] in exact integer arithmetic, with no tolerance, so a
/// matrix whose smallest eigenvalue is −10⁻³⁰ is refused and a singular PSD matrix (ρ = 1
/// between two markets) is accepted. Errors: `DimensionMismatch`, `Domain` for a malformed
/// matrix, `NotPositiveSemiDefinite { row }` for the first failing pivot.
///
/// The factor itself is then computed in Q64.64 (products toward −∞): an exactly-zero pivot
/// gives a zero column; a pivot that is positive exactly but rounds to ≤ 0 (|D_k| ≲ n·2⁻⁶⁴)
/// also gives a zero column. Entries reproduce ρ to ~n·2⁻⁶³ where the pivots are not tiny.
/// The factor is a model for Monte Carlo and a floor for the parametric σ_p²
/// ([`crate::measures::parametric_factored`]); acceptance never depends on its rounding.
pub fn cholesky(rho: &[Q64], n: usize) -> MathResult<Vec<Q64>> {
    let zero = psd_zero_pivots(rho, n)?;
    let mut l = vec![Q64::ZERO; n * n];
    for j in 0..n {
        let mut d = Q64::ONE;
        for k in 0..j {
            d = d.sub(l[j * n + k].mul(l[j * n + k])?)?;
        }
        if zero[j] || d.raw() <= 0 {
            continue; // a zero column
        }
        let pivot = sqrt(d)?;
        if pivot == Q64::ZERO {
            continue;
        }
        l[j * n + j] = pivot;
        for i in (j + 1)..n {
            let mut s = rho[i * n + j];
            for k in 0..j {
                s = s.sub(l[i * n + k].mul(l[j * n + k])?)?;
            }
            l[i * n + j] = s.div(pivot)?;
        }
    }
    Ok(l)
}

#[cfg(test)]
#[allow(clippy::as_conversions)]
pub(crate) mod tests {
    use super::*;
    use crate::testutil::from_f as q;
    use proptest::prelude::*;

    /// A correlation matrix with ones on the diagonal and the given pairs (test helper).
    pub(crate) fn matrix(n: usize, pairs: &[(usize, usize, f64)]) -> Vec<Q64> {
        let mut m = vec![Q64::ZERO; n * n];
        for i in 0..n {
            m[i * n + i] = Q64::ONE;
        }
        for &(a, b, r) in pairs {
            m[a * n + b] = q(r);
            m[b * n + a] = q(r);
        }
        m
    }

    fn reproduces(rho: &[Q64], l: &[Q64], n: usize) -> i128 {
        let mut worst = 0;
        for i in 0..n {
            for j in 0..n {
                let mut s = Q64::ZERO;
                for k in 0..n {
                    s = s.add(l[i * n + k].mul(l[j * n + k]).unwrap()).unwrap();
                }
                worst = worst.max((s.raw() - rho[i * n + j].raw()).abs());
            }
        }
        worst
    }

    #[test]
    fn two_by_two() {
        let rho = matrix(2, &[(0, 1, 0.8)]);
        let l = cholesky(&rho, 2).unwrap();
        assert_eq!(l[0], Q64::ONE);
        assert_eq!(l[1], Q64::ZERO);
        assert!((l[2].raw() - q(0.8).raw()).abs() <= 1);
        assert!((l[3].raw() as f64 / 2f64.powi(64) - 0.6).abs() < 1e-15);
        assert!(reproduces(&rho, &l, 2) < 8);
    }

    #[test]
    fn semi_definite_is_accepted() {
        // Two identical markets: ρ = 1.
        let rho = matrix(3, &[(0, 1, 1.0), (0, 2, 0.5), (1, 2, 0.5)]);
        let l = cholesky(&rho, 3).unwrap();
        assert_eq!(l[4], Q64::ZERO);
        assert!(reproduces(&rho, &l, 3) < 64);
    }

    #[test]
    fn indefinite_is_rejected_with_the_row() {
        // ρ12 = ρ13 = 0.9 but ρ23 = −0.9 is impossible.
        let rho = matrix(3, &[(0, 1, 0.9), (0, 2, 0.9), (1, 2, -0.9)]);
        assert_eq!(cholesky(&rho, 3), Err(MathError::NotPositiveSemiDefinite { row: 2 }));
        // Inconsistent with a zero pivot: ρ12 = 1, ρ13 = 0.5, ρ23 = −0.5.
        let rho = matrix(3, &[(0, 1, 1.0), (0, 2, 0.5), (1, 2, -0.5)]);
        assert!(matches!(cholesky(&rho, 3), Err(MathError::NotPositiveSemiDefinite { .. })));
    }

    #[test]
    fn malformed_inputs() {
        assert!(matches!(cholesky(&[Q64::ONE], 2), Err(MathError::DimensionMismatch { .. })));
        let mut rho = matrix(2, &[(0, 1, 0.3)]);
        rho[1] = q(0.4);
        assert!(matches!(cholesky(&rho, 2), Err(MathError::Domain { .. })));
        let rho = matrix(2, &[(0, 1, 1.5)]);
        assert!(matches!(cholesky(&rho, 2), Err(MathError::Domain { .. })));
    }

    proptest! {
        // Random PSD matrices from random factors: every one factors and is reproduced.
        #[test]
        fn random_psd_matrices_factor(n in 1usize..8, seed in any::<u64>()) {
            let mut rng = crate::prng::Xoshiro256::seed(seed);
            let f: Vec<f64> = (0..n * n).map(|_| (rng.next_u64() as f64 / u64::MAX as f64) - 0.5).collect();
            let mut g = vec![0.0; n * n];
            for i in 0..n { for j in 0..n { for k in 0..n { g[i*n+j] += f[i*n+k] * f[j*n+k]; } } }
            let mut rho = vec![Q64::ZERO; n * n];
            for i in 0..n { for j in 0..n {
                let r = if i == j { 1.0 } else { g[i*n+j] / (g[i*n+i] * g[j*n+j]).sqrt() };
                rho[i*n+j] = if i == j { Q64::ONE } else { q(r) };
            } }
            let l = cholesky(&rho, n).unwrap();
            prop_assert!(reproduces(&rho, &l, n) < 1 << 20);
        }
    }
}
