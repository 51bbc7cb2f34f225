//! Integer conversions without `as` (the crate denies `clippy::as_conversions`).
//!
//! Two kinds:
//! - `const` widenings and a range-checked narrowing for `const fn`s, where `From` / `TryFrom`
//!   cannot be called: done through the little-endian bytes, exact;
//! - conversions between `usize` and the fixed-width integers, which `std` offers only as
//!   `TryFrom` (their width is the target's): infallible on every target this crate builds for,
//!   which the assertion below makes a compile-time fact, so they return plain values.

// `usize` is 32 bits (wasm32) or 64 bits (hosts): a `u32` always fits it and it always fits
// a `u64`. A 16-bit or 128-bit target fails to compile here instead of converting wrongly.
const _: () = assert!(usize::BITS == 32 || usize::BITS == 64);

/// `n` as an `i128`, exactly (sign-extending its bytes; `i128::from` is not `const`).
pub const fn i128_of_i64(n: i64) -> i128 {
    let b = n.to_le_bytes();
    let f = if n < 0 { 0xff } else { 0 };
    i128::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], f, f, f, f, f, f, f, f])
}

/// `d` as a `u128`, exactly (`u128::from` is not `const`).
pub const fn u128_of_u8(d: u8) -> u128 {
    u128::from_le_bytes([d, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
}

/// `d` as an `i32`, exactly (`i32::from` is not `const`).
pub const fn i32_of_u8(d: u8) -> i32 {
    i32::from_le_bytes([d, 0, 0, 0])
}

/// `v` as an `i64`. Panics (at compile time when used in a `const`) if `v` does not fit: only
/// for constants whose range is known.
pub const fn i64_of_i128(v: i128) -> i64 {
    assert!(v >= i128_of_i64(i64::MIN) && v <= i128_of_i64(i64::MAX), "does not fit i64");
    let b = v.to_le_bytes();
    i64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
}

/// `n` as a `usize` (lossless: `usize` has at least 32 bits on every supported target).
pub fn usize_of_u32(n: u32) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// `n` as a `u64` (lossless: `usize` has at most 64 bits on every supported target).
pub fn u64_of_usize(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

/// `n` as a `u128` (lossless).
pub fn u128_of_usize(n: usize) -> u128 {
    u128::from(u64_of_usize(n))
}

/// `n` as a `u32`, or `None` above `u32::MAX`.
pub fn u32_of_usize(n: usize) -> Option<u32> {
    u32::try_from(n).ok()
}

/// `n` as a `usize`, or `None` where it does not fit (above `u32::MAX` on wasm32).
pub fn usize_of_u64(n: u64) -> Option<usize> {
    usize::try_from(n).ok()
}

/// The low 64 bits of `x` (the truncation multi-limb arithmetic wants).
pub fn lo64(x: u128) -> u64 {
    u64::try_from(x & u128::from(u64::MAX)).unwrap_or(u64::MAX)
}

/// The high 64 bits of `x`.
pub fn hi64(x: u128) -> u64 {
    u64::try_from(x >> 64).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn const_conversions_are_exact() {
        for n in [i64::MIN, -1, 0, 1, i64::MAX] {
            assert_eq!(i128_of_i64(n), i128::from(n));
            assert_eq!(i64_of_i128(i128::from(n)), n);
        }
        for d in [0u8, 9, 255] {
            assert_eq!(u128_of_u8(d), u128::from(d));
            assert_eq!(i32_of_u8(d), i32::from(d));
        }
        let x = (7u128 << 64) | 9;
        assert_eq!((hi64(x), lo64(x)), (7, 9));
        assert_eq!((hi64(u128::MAX), lo64(u128::MAX)), (u64::MAX, u64::MAX));
    }

    #[test]
    #[should_panic(expected = "does not fit i64")]
    fn narrowing_refuses_out_of_range() {
        i64_of_i128(1i128 << 63);
    }
}
