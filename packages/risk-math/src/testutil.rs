//! f64 bridges for the test-only reference models (never compiled into the crate).

use crate::Q64;

/// 2⁶⁴ as f64.
pub const TWO64: f64 = 18_446_744_073_709_551_616.0;

/// The Q64.64 value as f64 (rounded to 53 bits).
pub fn to_f(q: Q64) -> f64 {
    q.raw() as f64 / TWO64
}

/// An f64 as Q64.64; exact, since x·2⁶⁴ has at most 53 significant bits.
pub fn from_f(x: f64) -> Q64 {
    Q64::from_raw((x * TWO64) as i128)
}
