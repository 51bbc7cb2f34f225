//! A minimal signed big integer for exact decisions (the PSD test of a correlation matrix).
//!
//! Sign-magnitude, little-endian `u64` limbs, no trailing zero limbs (zero has no limbs and is
//! never negative). Only what fraction-free elimination needs: multiply, subtract and an
//! *exact* division (the divisor is known to divide), all exact — nothing here rounds.

use core::cmp::Ordering;

use crate::conv::{hi64, lo64, u32_of_usize, usize_of_u32};

/// A signed integer of any size (sign and magnitude); see the module docs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BigInt {
    neg: bool,
    mag: Vec<u64>,
}

fn trim(v: &mut Vec<u64>) {
    while v.last() == Some(&0) {
        v.pop();
    }
}

fn cmp_mag(a: &[u64], b: &[u64]) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.iter().rev().cmp(b.iter().rev()))
}

fn add_mag(a: &[u64], b: &[u64]) -> Vec<u64> {
    let (a, b) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let mut out = Vec::with_capacity(a.len() + 1);
    let mut carry = 0u64;
    for (i, x) in a.iter().enumerate() {
        // ≤ 2·(2⁶⁴ − 1) + 1 < 2¹²⁸: no overflow.
        let s = u128::from(*x) + u128::from(*b.get(i).unwrap_or(&0)) + u128::from(carry);
        out.push(lo64(s));
        carry = hi64(s);
    }
    out.push(carry);
    trim(&mut out);
    out
}

/// a − b for |a| ≥ |b|.
fn sub_mag(a: &[u64], b: &[u64]) -> Vec<u64> {
    let mut out = a.to_vec();
    let _ = sub_in_place(&mut out, b, 0); // |a| ≥ |b|: no final borrow
    trim(&mut out);
    out
}

/// a −= b·2^(64·offset); returns the final borrow (true when the product exceeded a).
fn sub_in_place(a: &mut [u64], b: &[u64], offset: usize) -> bool {
    let mut borrow = false;
    // Panics, like indexing, if b·2^(64·offset) has more limbs than a: callers size a first.
    let (head, tail) = a[offset..].split_at_mut(b.len());
    for (ai, x) in head.iter_mut().zip(b) {
        let (d, b1) = ai.overflowing_sub(*x);
        let (d, b2) = d.overflowing_sub(u64::from(borrow));
        *ai = d;
        borrow = b1 || b2;
    }
    for ai in tail.iter_mut() {
        if !borrow {
            break;
        }
        let (d, b1) = ai.overflowing_sub(1);
        *ai = d;
        borrow = b1;
    }
    borrow
}

fn mul_mag(a: &[u64], b: &[u64]) -> Vec<u64> {
    if a.is_empty() || b.is_empty() {
        return vec![];
    }
    let mut out = vec![0u64; a.len() + b.len()];
    for (i, x) in a.iter().enumerate() {
        let mut carry = 0u64;
        for (j, y) in b.iter().enumerate() {
            // (2⁶⁴ − 1)² + 2·(2⁶⁴ − 1) = 2¹²⁸ − 1: no overflow.
            let t = u128::from(*x) * u128::from(*y) + u128::from(out[i + j]) + u128::from(carry);
            out[i + j] = lo64(t);
            carry = hi64(t);
        }
        out[i + b.len()] = carry;
    }
    trim(&mut out);
    out
}

/// a·m for a single limb m, as a limb vector of length a.len() + 1 (not trimmed).
fn mul_limb(a: &[u64], m: u64) -> Vec<u64> {
    let mut out = Vec::with_capacity(a.len() + 1);
    let mut carry = 0u64;
    for x in a {
        let t = u128::from(*x) * u128::from(m) + u128::from(carry);
        out.push(lo64(t));
        carry = hi64(t);
    }
    out.push(carry);
    out
}

fn trailing_zeros(a: &[u64]) -> u32 {
    // Saturates past 2³² bits, like `bits`.
    let bits_below = |limbs: usize| u32_of_usize(limbs).unwrap_or(u32::MAX).saturating_mul(64);
    match a.iter().position(|x| *x != 0) {
        Some(i) => bits_below(i).saturating_add(a[i].trailing_zeros()),
        None => bits_below(a.len()),
    }
}

fn shr_mag(a: &[u64], bits: u32) -> Vec<u64> {
    let (limbs, bits) = (usize_of_u32(bits / 64), bits % 64);
    let mut out: Vec<u64> = a.iter().skip(limbs).copied().collect();
    if bits > 0 {
        for i in 0..out.len() {
            let hi = out.get(i + 1).copied().unwrap_or(0);
            out[i] = (out[i] >> bits) | (hi << (64 - bits));
        }
    }
    trim(&mut out);
    out
}

/// The inverse of an odd `b` modulo 2⁶⁴ (Newton: each step doubles the correct low bits).
fn inv_mod_2_64(b: u64) -> u64 {
    let mut x = b; // b·b ≡ 1 (mod 8): 3 bits
    for _ in 0..5 {
        x = x.wrapping_mul(2u64.wrapping_sub(b.wrapping_mul(x)));
    }
    x
}

/// q = a / b for odd b dividing a exactly (Jebelean's exact division: quotient limbs from the
/// low end, q_i = a_i · b⁻¹ mod 2⁶⁴). `None` if b does not divide a.
fn div_exact_odd(a: &[u64], b: &[u64]) -> Option<Vec<u64>> {
    if a.is_empty() {
        return Some(vec![]);
    }
    if a.len() < b.len() {
        return None;
    }
    let inv = inv_mod_2_64(b[0]);
    let mut rem = a.to_vec();
    rem.push(0);
    let qlen = a.len() - b.len() + 1;
    let mut q = Vec::with_capacity(qlen);
    for i in 0..qlen {
        let qi = rem[i].wrapping_mul(inv);
        q.push(qi);
        // A borrow out of the top means the running remainder went negative: not a multiple.
        if sub_in_place(&mut rem, &mul_limb(b, qi), i) {
            return None;
        }
    }
    if rem.iter().any(|x| *x != 0) {
        return None;
    }
    trim(&mut q);
    Some(q)
}

impl BigInt {
    /// Zero.
    pub fn zero() -> BigInt {
        BigInt { neg: false, mag: vec![] }
    }

    /// `v`, exactly.
    pub fn from_i128(v: i128) -> BigInt {
        let u = v.unsigned_abs();
        let mut mag = vec![lo64(u), hi64(u)];
        trim(&mut mag);
        BigInt { neg: v < 0, mag }
    }

    fn make(neg: bool, mag: Vec<u64>) -> BigInt {
        BigInt { neg: neg && !mag.is_empty(), mag }
    }

    /// Whether the value is zero.
    pub fn is_zero(&self) -> bool {
        self.mag.is_empty()
    }

    /// Whether the value is below zero.
    pub fn is_negative(&self) -> bool {
        self.neg
    }

    /// Number of significant bits of |self|.
    pub fn bits(&self) -> u32 {
        // Saturates past 2³² bits (a magnitude of half a gigabyte: never built here).
        let limbs = u32_of_usize(self.mag.len()).unwrap_or(u32::MAX);
        self.mag.last().map_or(0, |top| limbs.saturating_mul(64).saturating_sub(top.leading_zeros()))
    }

    /// `self · o`, exactly.
    pub fn mul(&self, o: &BigInt) -> BigInt {
        BigInt::make(self.neg != o.neg, mul_mag(&self.mag, &o.mag))
    }

    /// `self + o`, exactly.
    pub fn add(&self, o: &BigInt) -> BigInt {
        self.sub(&BigInt::make(!o.neg, o.mag.clone()))
    }

    /// `self − o`, exactly.
    pub fn sub(&self, o: &BigInt) -> BigInt {
        if self.neg != o.neg {
            return BigInt::make(self.neg, add_mag(&self.mag, &o.mag));
        }
        match cmp_mag(&self.mag, &o.mag) {
            Ordering::Less => BigInt::make(!self.neg, sub_mag(&o.mag, &self.mag)),
            _ => BigInt::make(self.neg, sub_mag(&self.mag, &o.mag)),
        }
    }

    /// self / d when d divides self exactly; `None` for d = 0 or an inexact division.
    pub fn div_exact(&self, d: &BigInt) -> Option<BigInt> {
        if d.is_zero() {
            return None;
        }
        let tz = trailing_zeros(&d.mag);
        if !self.is_zero() && trailing_zeros(&self.mag) < tz {
            return None;
        }
        let q = div_exact_odd(&shr_mag(&self.mag, tz), &shr_mag(&d.mag, tz))?;
        Some(BigInt::make(self.neg != d.neg, q))
    }

    /// self / 2^bits for a power of two known to divide (a plain shift of the magnitude).
    pub fn shr(&self, bits: u32) -> BigInt {
        BigInt::make(self.neg, shr_mag(&self.mag, bits))
    }

    /// Trailing zero bits (`None` for zero).
    pub fn trailing_zeros(&self) -> Option<u32> {
        (!self.is_zero()).then(|| trailing_zeros(&self.mag))
    }
}

#[cfg(test)]
#[allow(clippy::as_conversions)]
mod tests {
    use super::*;
    use num_bigint::BigInt as Ref;
    use proptest::prelude::*;

    fn to_ref(b: &BigInt) -> Ref {
        let mut r = Ref::from(0);
        for limb in b.mag.iter().rev() {
            r = (r << 64) + Ref::from(*limb);
        }
        if b.neg {
            -r
        } else {
            r
        }
    }

    fn big(parts: &[i128]) -> BigInt {
        parts.iter().fold(BigInt::from_i128(1), |acc, p| acc.mul(&BigInt::from_i128(*p)))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Products, differences and exact quotients agree with num-bigint.
        #[test]
        fn matches_num_bigint(a in prop::collection::vec(any::<i128>(), 1..6),
                              b in prop::collection::vec(any::<i128>(), 1..4),
                              shift in 0u32..130) {
            let (x, y) = (big(&a), big(&b).mul(&BigInt::from_i128(1i128 << (shift % 126))));
            prop_assert_eq!(to_ref(&x.mul(&y)), to_ref(&x) * to_ref(&y));
            prop_assert_eq!(to_ref(&x.sub(&y)), to_ref(&x) - to_ref(&y));
            prop_assert_eq!(to_ref(&y.sub(&x)), to_ref(&y) - to_ref(&x));
            prop_assert_eq!(to_ref(&x.add(&y)), to_ref(&x) + to_ref(&y));
            prop_assert_eq!(to_ref(&y.sub(&x).add(&x)), to_ref(&y));
            if !y.is_zero() {
                let p = x.mul(&y);
                prop_assert_eq!(p.div_exact(&y), Some(x.clone()));
                // Not a multiple: refused, never a wrong quotient.
                let off = p.sub(&BigInt::from_i128(1));
                if to_ref(&off) % to_ref(&y) != Ref::from(0) {
                    prop_assert_eq!(off.div_exact(&y), None);
                }
            }
            prop_assert_eq!(x.bits() as u64, to_ref(&x).bits());
        }
    }

    #[test]
    fn edges() {
        assert!(BigInt::from_i128(0).is_zero());
        assert!(!BigInt::from_i128(0).sub(&BigInt::from_i128(0)).is_negative());
        assert_eq!(BigInt::from_i128(5).div_exact(&BigInt::zero()), None);
        assert_eq!(BigInt::from_i128(-12).div_exact(&BigInt::from_i128(4)), Some(BigInt::from_i128(-3)));
        assert_eq!(BigInt::from_i128(i128::MIN).div_exact(&BigInt::from_i128(-1)).map(|b| b.bits()), Some(128));
        assert_eq!(BigInt::from_i128(96).shr(5), BigInt::from_i128(3));
        assert_eq!(BigInt::from_i128(96).trailing_zeros(), Some(5));
    }
}
