//! Cholesky factorisation of a correlation matrix.

use crate::error::{MathError, MathResult};
use crate::fixed::Q64;
use crate::special::sqrt;

/// A pivot below −`PSD_TOLERANCE` means the matrix is not positive semi-definite; a pivot in
/// [−tol, tol] is treated as an exact zero (a semi-definite direction). 2⁻³⁰ ≈ 9.3·10⁻¹⁰, far above
/// the ~n·2⁻⁶⁴ rounding of the factorisation and far below any meaningful correlation.
pub const PSD_TOLERANCE: Q64 = Q64(1 << 34);
/// Off-diagonal residual allowed against a zero pivot (2⁻¹⁶ relative to ρ ∈ [−1, 1]).
const ZERO_PIVOT_RESIDUAL: Q64 = Q64(1 << 48);

/// Lower-triangular L with ρ = L·Lᵀ, row-major n×n (entries above the diagonal are 0).
///
/// Input: `rho`, row-major n×n, symmetric with ones on the diagonal and entries in [−1, 1]
/// (checked). Semi-definite matrices (e.g. ρ = 1 between two markets) are accepted: a zero
/// pivot gives a zero column. Errors: `DimensionMismatch`, `Domain` for a malformed matrix,
/// `NotPositiveSemiDefinite { row }` for the first failing pivot.
/// Rounding: products toward −∞; the factor reproduces ρ to within ~n·2⁻⁶³.
pub fn cholesky(rho: &[Q64], n: usize) -> MathResult<Vec<Q64>> {
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
    let mut l = vec![Q64::ZERO; n * n];
    for j in 0..n {
        let mut d = Q64::ONE;
        for k in 0..j {
            d = d.sub(l[j * n + k].mul(l[j * n + k])?)?;
        }
        if d < PSD_TOLERANCE.neg() {
            return Err(MathError::NotPositiveSemiDefinite { row: j });
        }
        let pivot = if d <= PSD_TOLERANCE { Q64::ZERO } else { sqrt(d)? };
        l[j * n + j] = pivot;
        for i in (j + 1)..n {
            let mut s = rho[i * n + j];
            for k in 0..j {
                s = s.sub(l[i * n + k].mul(l[j * n + k])?)?;
            }
            l[i * n + j] = if pivot == Q64::ZERO {
                if s.abs() > ZERO_PIVOT_RESIDUAL {
                    return Err(MathError::NotPositiveSemiDefinite { row: i });
                }
                Q64::ZERO
            } else {
                s.div(pivot)?
            };
        }
    }
    Ok(l)
}

#[cfg(test)]
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
                worst = worst.max((s.0 - rho[i * n + j].0).abs());
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
        assert!((l[2].0 - q(0.8).0).abs() <= 1);
        assert!((l[3].0 as f64 / 2f64.powi(64) - 0.6).abs() < 1e-15);
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
