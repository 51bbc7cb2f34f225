//! Cover-N: the capital needed to survive the default of the N members with the largest
//! uncovered stress losses.

use crate::error::{MathError, MathResult};

/// uncovered = min(max(0, stress_loss − contribution), coverage_left), in settlement units.
/// Exact (no rounding).
pub fn uncovered(stress_loss: u128, contribution: u128, coverage_left: u128) -> u128 {
    stress_loss.saturating_sub(contribution).min(coverage_left)
}

/// Sum of the `n` largest values of `uncovered`, in settlement units. Exact; `Overflow` if the
/// sum exceeds `u128`. O(len · log len); `n = 0` gives 0; `n ≥ len` sums everything.
pub fn cover_n(uncovered: &[u128], n: usize) -> MathResult<u128> {
    let mut v = uncovered.to_vec();
    v.sort_unstable_by(|a, b| b.cmp(a));
    v.iter().take(n).try_fold(0u128, |acc, x| acc.checked_add(*x)).ok_or(MathError::Overflow { what: "cover_n sum" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn picks_the_n_largest() {
        assert_eq!(cover_n(&[5, 1, 9, 3], 2).unwrap(), 14);
        assert_eq!(cover_n(&[5, 1, 9, 3], 0).unwrap(), 0);
        assert_eq!(cover_n(&[5, 1], 4).unwrap(), 6);
        assert_eq!(cover_n(&[], 2).unwrap(), 0);
        assert!(cover_n(&[u128::MAX, 1], 2).is_err());
    }

    #[test]
    fn uncovered_is_capped() {
        assert_eq!(uncovered(100, 30, 1_000), 70);
        assert_eq!(uncovered(100, 130, 1_000), 0);
        assert_eq!(uncovered(100, 30, 50), 50);
    }

    proptest! {
        #[test]
        fn cover_n_matches_brute_force(v in proptest::collection::vec(0u128..1_000_000, 0..20), n in 0usize..6) {
            // Brute force: repeatedly take the max.
            let mut rest = v.clone();
            let mut want = 0;
            for _ in 0..n {
                if let Some((i, _)) = rest.iter().enumerate().max_by_key(|(_, x)| **x) {
                    want += rest.remove(i);
                }
            }
            prop_assert_eq!(cover_n(&v, n).unwrap(), want);
        }
    }
}
