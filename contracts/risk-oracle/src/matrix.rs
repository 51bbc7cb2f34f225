//! The correlation matrix over market slots and its cached Cholesky factor, stored as packed
//! lower triangles of [`Q62`] (Q1.62: |ρ| ≤ 1, resolution 2⁻⁶² ≈ 2·10⁻¹⁹).

use cosmwasm_std::Storage;
use risk_math::{linalg::cholesky, MathError, Q62, Q64};

use crate::error::ContractError;
use crate::state::{load_q62s, save_q62s, CHOL_KEY, CORR_KEY, SLOTS};

fn tri(i: usize, j: usize) -> usize {
    i * (i + 1) / 2 + j
}

/// Entry (i, j ≤ i) of a packed lower triangle as Q64.64; entries past the stored triangle (a
/// slot added since) read as the identity's.
fn packed_entry(packed: &[Q62], i: usize, j: usize) -> Q64 {
    packed.get(tri(i, j)).map_or(if i == j { Q64::ONE } else { Q64::ZERO }, |v| v.to_q64())
}

/// A full symmetric n×n correlation matrix over slots, in Q64.64.
pub struct Corr {
    /// The dimension (slots).
    pub n: usize,
    /// Row-major n×n entries.
    pub full: Vec<Q64>,
}

impl Corr {
    /// The stored matrix over the first `n` slots (slots past it uncorrelated).
    pub fn load(storage: &dyn Storage, n: usize) -> Corr {
        let packed = load_q62s(storage, CORR_KEY);
        let mut full = vec![Q64::ZERO; n * n];
        for i in 0..n {
            for j in 0..=i {
                let v = packed_entry(&packed, i, j);
                full[i * n + j] = v;
                full[j * n + i] = v;
            }
        }
        Corr { n, full }
    }

    /// Sets ρᵢⱼ = ρⱼᵢ = `v`.
    pub fn set(&mut self, i: usize, j: usize, v: Q64) {
        self.full[i * self.n + j] = v;
        self.full[j * self.n + i] = v;
    }

    /// The matrix as it will be stored: off-diagonal entries cut to the Q1.62 grid (toward
    /// zero, [`Q62::from_q64_toward_zero`]), ones on the diagonal.
    fn as_stored(&self) -> Result<Vec<Q64>, ContractError> {
        let n = self.n;
        (0..n * n)
            .map(|k| Ok(if k / n == k % n { Q64::ONE } else { Q62::from_q64_toward_zero(self.full[k])?.to_q64() }))
            .collect()
    }

    /// Factors the matrix and stores both it and its factor. The PSD decision is exact on the
    /// values as stored (Q1.62; [`risk_math::linalg::cholesky`] decides in exact integer
    /// arithmetic, no tolerance), so a stored matrix is always positive semi-definite — a
    /// singular one (ρ = 1) included. A failing pivot names its market.
    pub fn factor_and_save(&self, storage: &mut dyn Storage) -> Result<(), ContractError> {
        let stored = self.as_stored()?;
        let l = cholesky(&stored, self.n).map_err(|e| match e {
            MathError::NotPositiveSemiDefinite { row } => {
                let slots = SLOTS.may_load(storage).ok().flatten().unwrap_or_default();
                let market = slots.get(row).cloned().flatten().unwrap_or_else(|| format!("slot {row}"));
                ContractError::NotPositiveSemiDefinite { market }
            }
            other => other.into(),
        })?;
        let mut packed = Vec::with_capacity(tri(self.n, 0));
        let mut packed_l = Vec::with_capacity(tri(self.n, 0));
        for i in 0..self.n {
            for j in 0..=i {
                // The stored entries are on the grid already: the cut is exact.
                packed.push(if i == j { Q62::ONE } else { Q62::from_q64_toward_zero(stored[i * self.n + j])? });
                packed_l.push(Q62::from_q64_toward_zero(l[i * self.n + j])?);
            }
        }
        save_q62s(storage, CORR_KEY, &packed);
        save_q62s(storage, CHOL_KEY, &packed_l);
        Ok(())
    }
}

/// The cached Cholesky factor over the first `n` slots, row-major n×n (Q64.64).
/// Leading principal blocks of a lower-triangular factor are the factor of the leading block,
/// so truncating to the slots in use is exact.
pub fn load_cholesky(storage: &dyn Storage, n: usize) -> Vec<Q64> {
    let packed = load_q62s(storage, CHOL_KEY);
    let mut l = vec![Q64::ZERO; n * n];
    for i in 0..n {
        for j in 0..=i {
            l[i * n + j] = packed_entry(&packed, i, j);
        }
    }
    l
}
