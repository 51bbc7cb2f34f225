//! 256-bit helpers and exact integer square roots.

use ethnum::{I256, U256};

/// The exact 256-bit product `a · b`.
#[inline]
pub fn mul_i128(a: i128, b: i128) -> I256 {
    I256::from(a) * I256::from(b)
}

/// ⌊v / 2^bits⌋ (arithmetic shift, rounds toward −∞) if it fits an `i128`.
#[inline]
pub fn shr_floor_to_i128(v: I256, bits: u32) -> Option<i128> {
    i128::try_from(v >> bits).ok()
}

/// ⌈v / 2^bits⌉ for 256-bit `v` (rounds toward +∞).
#[inline]
pub fn shr_ceil(v: I256, bits: u32) -> I256 {
    if bits == 0 {
        return v;
    }
    let q = v >> bits;
    if (q << bits) == v {
        q
    } else {
        q + 1
    }
}

/// Number of significant bits of |v| (0 for 0).
#[inline]
pub fn bit_len(v: I256) -> u32 {
    256 - v.unsigned_abs().leading_zeros()
}

/// ⌊√n⌋, exact, for any `u128` (Newton's method from an over-estimate; monotone decreasing).
pub fn isqrt_u128(n: u128) -> u128 {
    if n < 2 {
        return n;
    }
    let bits = 128 - n.leading_zeros();
    let mut x: u128 = 1u128 << bits.div_ceil(2); // ≥ √n
    loop {
        let y = (x + n / x) >> 1;
        if y >= x {
            return x;
        }
        x = y;
    }
}

/// ⌊√n⌋, exact, for any `u64`.
pub fn isqrt_u64(n: u64) -> u64 {
    if n < 2 {
        return n;
    }
    let bits = 64 - n.leading_zeros();
    let mut x: u64 = 1u64 << bits.div_ceil(2);
    loop {
        let y = (x + n / x) >> 1;
        if y >= x {
            return x;
        }
        x = y;
    }
}

/// ⌊√n⌋, exact, for any 256-bit `n`; the root always fits 128 bits.
pub fn isqrt_u256(n: U256) -> u128 {
    if n < U256::from(2u8) {
        return n.as_u128();
    }
    if n <= U256::from(u128::MAX) {
        return isqrt_u128(n.as_u128());
    }
    let bits = 256 - n.leading_zeros();
    let mut x: U256 = U256::ONE << bits.div_ceil(2);
    loop {
        let y = (x + n / x) >> 1;
        if y >= x {
            return x.as_u128();
        }
        x = y;
    }
}

/// ⌈√n⌉, exact.
/// ⌈√n⌉ for n ≤ (2¹²⁸ − 1)²; `None` above, where the ceiling root is 2¹²⁸ and does not fit
/// (found by fuzzing: `r + 1` overflowed).
pub fn isqrt_u256_ceil(n: U256) -> Option<u128> {
    let r = isqrt_u256(n);
    if U256::from(r) * U256::from(r) == n {
        Some(r)
    } else {
        r.checked_add(1)
    }
}

#[cfg(test)]
#[allow(clippy::as_conversions)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn isqrt_edges() {
        assert_eq!(isqrt_u128(0), 0);
        assert_eq!(isqrt_u128(1), 1);
        assert_eq!(isqrt_u128(3), 1);
        assert_eq!(isqrt_u128(4), 2);
        assert_eq!(isqrt_u128(u128::MAX), u64::MAX as u128);
        assert_eq!(isqrt_u64(u64::MAX), u32::MAX as u64);
        assert_eq!(isqrt_u256(U256::MAX), u128::MAX);
        assert_eq!(isqrt_u256_ceil(U256::from(10u8)), Some(4));
        assert_eq!(isqrt_u256_ceil(U256::MAX), None);
        assert_eq!(isqrt_u256_ceil(U256::from(9u8)), Some(3));
    }

    proptest! {
        #[test]
        fn isqrt_u256_is_exact_floor(hi in any::<u128>(), lo in any::<u128>()) {
            let n = (U256::from(hi) << 128) | U256::from(lo);
            let r = U256::from(isqrt_u256(n));
            prop_assert!(r * r <= n);
            let r1 = r + 1;
            // (r+1)² > n, computed without overflow when r+1 = 2^128.
            prop_assert!(r1.checked_mul(r1).is_none_or(|sq| sq > n));
        }

        #[test]
        fn isqrt_u64_is_exact_floor(n in any::<u64>()) {
            let r = isqrt_u64(n) as u128;
            prop_assert!(r * r <= n as u128 && (r + 1) * (r + 1) > n as u128);
        }

        #[test]
        fn shr_ceil_matches_division(v in any::<i128>(), bits in 0u32..100) {
            let got = shr_ceil(I256::from(v), bits);
            let d = I256::ONE << bits;
            let want = crate::fixed::ceil_div(I256::from(v), d);
            prop_assert_eq!(got, want);
        }
    }
}
