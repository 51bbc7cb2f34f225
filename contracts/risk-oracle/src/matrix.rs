//! The correlation matrix over market slots and its cached Cholesky factor, stored as packed
//! lower triangles of `i64` in Q1.62 (|ρ| ≤ 1, resolution 2⁻⁶² ≈ 2·10⁻¹⁹).

use cosmwasm_std::Storage;
use risk_math::{linalg::cholesky, MathError, Q64};

use crate::error::ContractError;
use crate::state::{load_i64s, save_i64s, CHOL_KEY, CORR_KEY, SLOTS};

const ONE_62: i64 = 1 << 62;

fn tri(i: usize, j: usize) -> usize {
    i * (i + 1) / 2 + j
}

/// Q64.64 → Q1.62, rounded toward zero (|x| ≤ 1).
pub fn to_62(x: Q64) -> i64 {
    (x.0 / 4) as i64
}

pub fn from_62(x: i64) -> Q64 {
    Q64((x as i128) << 2)
}

/// A full symmetric n×n correlation matrix over slots, in Q64.64.
pub struct Corr {
    pub n: usize,
    pub full: Vec<Q64>,
}

impl Corr {
    pub fn load(storage: &dyn Storage, n: usize) -> Corr {
        let packed = load_i64s(storage, CORR_KEY);
        let mut full = vec![Q64::ZERO; n * n];
        for i in 0..n {
            for j in 0..=i {
                let v =
                    packed.get(tri(i, j)).copied().map(from_62).unwrap_or(if i == j { Q64::ONE } else { Q64::ZERO });
                full[i * n + j] = v;
                full[j * n + i] = v;
            }
        }
        Corr { n, full }
    }

    pub fn set(&mut self, i: usize, j: usize, v: Q64) {
        self.full[i * self.n + j] = v;
        self.full[j * self.n + i] = v;
    }

    /// Resets slot `i` to an uncorrelated row (ρ = 0 off the diagonal, 1 on it).
    pub fn clear(&mut self, i: usize) {
        for j in 0..self.n {
            self.set(i, j, if i == j { Q64::ONE } else { Q64::ZERO });
        }
    }

    /// The principal sub-matrix over `slots`, row-major.
    pub fn sub(&self, slots: &[u32]) -> Vec<Q64> {
        let k = slots.len();
        let mut out = vec![Q64::ZERO; k * k];
        for (a, i) in slots.iter().enumerate() {
            for (b, j) in slots.iter().enumerate() {
                out[a * k + b] = self.full[*i as usize * self.n + *j as usize];
            }
        }
        out
    }

    /// The matrix as it will be stored: off-diagonal entries cut to the Q1.62 grid
    /// ([`to_62`] then [`from_62`]), ones on the diagonal.
    fn as_stored(&self) -> Vec<Q64> {
        let n = self.n;
        (0..n * n).map(|k| if k / n == k % n { Q64::ONE } else { from_62(to_62(self.full[k])) }).collect()
    }

    /// Factors the matrix and stores both it and its factor. The PSD decision is exact on the
    /// values as stored (Q1.62; [`risk_math::linalg::cholesky`] decides in exact integer
    /// arithmetic, no tolerance), so a stored matrix is always positive semi-definite — a
    /// singular one (ρ = 1) included. A failing pivot names its market.
    pub fn factor_and_save(&self, storage: &mut dyn Storage) -> Result<(), ContractError> {
        let stored = self.as_stored();
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
                packed.push(if i == j { ONE_62 } else { to_62(stored[i * self.n + j]) });
                packed_l.push(to_62(l[i * self.n + j]));
            }
        }
        save_i64s(storage, CORR_KEY, &packed);
        save_i64s(storage, CHOL_KEY, &packed_l);
        Ok(())
    }
}

/// The cached Cholesky factor over the first `n` slots, row-major n×n (Q64.64).
/// Leading principal blocks of a lower-triangular factor are the factor of the leading block,
/// so truncating to the slots in use is exact.
pub fn load_cholesky(storage: &dyn Storage, n: usize) -> Vec<Q64> {
    let packed = load_i64s(storage, CHOL_KEY);
    let mut l = vec![Q64::ZERO; n * n];
    for i in 0..n {
        for j in 0..=i {
            l[i * n + j] =
                packed.get(tri(i, j)).copied().map(from_62).unwrap_or(if i == j { Q64::ONE } else { Q64::ZERO });
        }
    }
    l
}
