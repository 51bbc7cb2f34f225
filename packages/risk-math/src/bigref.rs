//! Arbitrary-precision reference model (test only): the normal pdf, cdf and quantile in
//! 192-bit binary fixed point over `num-bigint`, with certified brackets. Every value is an
//! integer holding `x · 2^P`; errors stay below 2⁻¹⁸⁰, far under what the checks resolve.

use num_bigint::BigInt;
use std::cmp::Ordering;
use std::sync::OnceLock;

/// Fractional bits of the reference.
pub const P: u32 = 192;
/// Half-width of the certified bracket around a reference quantile: 2⁻¹⁵⁰.
pub const BRACKET: u32 = 150;
/// Error allowance of a reference cdf value (2⁻¹⁷⁰ ≫ its actual ~2⁻¹⁸⁵).
const CDF_SLACK: u32 = 170;

pub fn one() -> BigInt {
    BigInt::from(1) << P
}

pub fn from_q64(raw: i128) -> BigInt {
    BigInt::from(raw) << (P - 64)
}

fn mul(a: &BigInt, b: &BigInt) -> BigInt {
    (a * b) >> P
}

/// e^y for y ≥ 0 (Taylor, all terms positive).
fn exp_pos(y: &BigInt) -> BigInt {
    let mut term = one();
    let mut sum = one();
    let mut k = 1u32;
    loop {
        term = mul(&term, y) / BigInt::from(k);
        if term == BigInt::from(0) {
            return sum;
        }
        sum += &term;
        k += 1;
    }
}

/// atan(1/k) for an integer k ≥ 2.
fn atan_inv(k: u32) -> BigInt {
    let k2 = BigInt::from(k * k);
    let mut power = one() / BigInt::from(k);
    let mut sum = power.clone();
    let mut n = 1u32;
    loop {
        power /= &k2;
        let term = &power / BigInt::from(2 * n + 1);
        if term == BigInt::from(0) {
            return sum;
        }
        if n % 2 == 1 {
            sum -= term;
        } else {
            sum += term;
        }
        n += 1;
    }
}

/// √(2π), Machin's π.
fn sqrt_2pi() -> &'static BigInt {
    static V: OnceLock<BigInt> = OnceLock::new();
    V.get_or_init(|| {
        let pi: BigInt = atan_inv(5) * 16 - atan_inv(239) * 4;
        let two_pi: BigInt = pi * 2;
        (two_pi << P).sqrt()
    })
}

/// φ(x) = e^(−x²/2)/√(2π).
pub fn pdf(x: &BigInt) -> BigInt {
    let y = mul(x, x) / 2;
    let e_inv = (BigInt::from(1) << (2 * P)) / exp_pos(&y);
    (e_inv << P) / sqrt_2pi()
}

/// Φ(x) − ½ for x ≥ 0: φ(x)·Σ x^(2n+1)/(2n+1)!!.
pub fn cdf_minus_half(x: &BigInt) -> BigInt {
    let x2 = mul(x, x);
    let mut term = x.clone();
    let mut sum = x.clone();
    let mut n = 1u32;
    loop {
        term = mul(&term, &x2) / BigInt::from(2 * n + 1);
        if term == BigInt::from(0) {
            break;
        }
        sum += &term;
        n += 1;
    }
    mul(&sum, &pdf(x))
}

/// Φ(x) against α = bps/10⁴, certified (panics if the reference cannot decide).
pub fn cmp_cdf(x: &BigInt, bps: u32) -> Ordering {
    let f = cdf_minus_half(x) * BigInt::from(10_000);
    let target = BigInt::from(bps as i64 - 5_000) << P;
    let slack = (BigInt::from(10_000) << P) >> CDF_SLACK;
    if f > &target + &slack {
        Ordering::Greater
    } else if f < &target - &slack {
        Ordering::Less
    } else {
        panic!("reference cdf cannot decide at bps {bps}")
    }
}

/// A certified bracket [lo, hi] of Φ⁻¹(bps/10⁴), hi − lo = 2^(P+1−BRACKET): Newton from
/// `start` (any close value), then Φ(lo) < α < Φ(hi) checked.
pub fn quantile(bps: u32, start: &BigInt) -> (BigInt, BigInt) {
    let mut x = start.clone();
    let target = (BigInt::from(bps as i64 - 5_000) << P) / BigInt::from(10_000);
    for _ in 0..4 {
        let d = cdf_minus_half(&x) - &target;
        x -= (d << P) / pdf(&x);
    }
    let half = BigInt::from(1) << (P - BRACKET);
    let (lo, hi) = (&x - &half, &x + &half);
    assert_eq!(cmp_cdf(&lo, bps), Ordering::Less, "bracket low at {bps}");
    assert_eq!(cmp_cdf(&hi, bps), Ordering::Greater, "bracket high at {bps}");
    (lo, hi)
}

/// ⌈√n⌉ for n ≥ 0.
pub fn sqrt_ceil(n: &BigInt) -> BigInt {
    let r = n.sqrt();
    if &(&r * &r) == n {
        r
    } else {
        r + 1
    }
}
