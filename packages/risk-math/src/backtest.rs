//! Model validation (SPEC "Model validation"): the exception band, the Basel traffic light
//! from the exact binomial, Basel's plus factors and the risk factor (3 + k)/3.
//!
//! Everything here is exact integer / rational arithmetic: the zone cut-offs compare binomial
//! sums as big integers ([`crate::bigint::BigInt`]), never as rounded probabilities, and the
//! factor is rounded **up** (a larger factor charges more: the pool's side).

use crate::bigint::BigInt;
use crate::error::{MathError, MathResult};
use crate::fixed::{ceil_div, Q64};
use crate::formats::Ret56;
use crate::normal::var_es_factors;
use crate::wide::mul_i128;
use crate::YEAR_SECS;
use ethnum::I256;

/// Largest backtest window the zone computation accepts (its binomial sums grow by ~7 bits a
/// round at a 1 % tail; 20,000 rounds keep every number below 2¹⁴⁰⁰⁰⁰).
pub const MAX_ZONE_WINDOW: u32 = 20_000;

/// The SPEC's exception probability: 1 % (a two-sided 99 % band).
pub const SPEC_TAIL_BPS: u32 = 100;

/// A traffic-light zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Zone {
    /// Fewer exceptions than the 95 % quantile of the binomial.
    Green,
    /// Between: Basel's plus factors apply.
    Yellow,
    /// From the count whose cumulative probability reaches 99.99 %.
    Red,
}

impl Zone {
    /// `"green"`, `"yellow"` or `"red"` (the SPEC's JSON values).
    pub fn as_str(self) -> &'static str {
        match self {
            Zone::Green => "green",
            Zone::Yellow => "yellow",
            Zone::Red => "red",
        }
    }
}

/// The zone cut-offs of a window: green is `0..yellow_from`, yellow `yellow_from..red_from`,
/// red `red_from..`. For W = 250 at a 1 % tail: yellow from 5, red from 10 (Basel's table).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Zones {
    /// Rounds in the window, W.
    pub window: u32,
    /// The smallest count k with P(X ≤ k) ≥ 95 %, X ~ Bin(W, p).
    pub yellow_from: u32,
    /// The smallest count k with P(X ≤ k) ≥ 99.99 %.
    pub red_from: u32,
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

fn big(v: u64) -> BigInt {
    BigInt::from_i128(i128::from(v))
}

/// bᵉ by repeated squaring, exactly.
fn pow(b: &BigInt, mut e: u32) -> BigInt {
    let (mut acc, mut base) = (BigInt::from_i128(1), b.clone());
    while e > 0 {
        if e & 1 == 1 {
            acc = acc.mul(&base);
        }
        e >>= 1;
        if e > 0 {
            base = base.mul(&base);
        }
    }
    acc
}

/// The traffic-light cut-offs for a window of W rounds and an exception probability
/// p = `tail_bps`/10⁴ (the SPEC's p is 1 %, [`SPEC_TAIL_BPS`]).
///
/// Exact: with p = a/b in lowest terms, P(X ≤ k) = Sₖ / bᵂ where Sₖ = Σ_{j≤k} C(W, j)·aʲ·(b−a)ᵂ⁻ʲ,
/// each term from the last by ·(W−j)·a / ((j+1)·(b−a)) — an exact division, since every term is
/// an integer. "Reaches 95 %" is 100·Sₖ ≥ 95·bᵂ and "reaches 99.99 %" is 10⁴·Sₖ ≥ 9,999·bᵂ, compared
/// as big integers: no probability is ever rounded. Errors: `Domain` for W = 0, W above
/// [`MAX_ZONE_WINDOW`] or `tail_bps` outside 1..=9,999.
pub fn zones(window: u32, tail_bps: u32) -> MathResult<Zones> {
    if window == 0 || window > MAX_ZONE_WINDOW {
        return Err(MathError::Domain { what: "backtest window outside 1..=20000" });
    }
    if tail_bps == 0 || tail_bps >= crate::BPS {
        return Err(MathError::Domain { what: "exception probability outside (0, 1)" });
    }
    let g = gcd(u64::from(tail_bps), u64::from(crate::BPS));
    let (a, b) = (u64::from(tail_bps) / g, u64::from(crate::BPS) / g);
    let total = pow(&big(b), window);
    let (yellow_goal, red_goal) = (total.mul(&big(95)), total.mul(&big(9_999)));
    let mut term = pow(&big(b - a), window);
    let mut sum = term.clone();
    let mut yellow_from = None;
    for k in 0..=window {
        if yellow_from.is_none() && !sum.mul(&big(100)).sub(&yellow_goal).is_negative() {
            yellow_from = Some(k);
        }
        if !sum.mul(&big(10_000)).sub(&red_goal).is_negative() {
            let yellow_from = yellow_from.unwrap_or(k);
            return Ok(Zones { window, yellow_from, red_from: k });
        }
        if k == window {
            break;
        }
        let num = term.mul(&big(u64::from(window - k) * a));
        term = num
            .div_exact(&big(u64::from(k + 1) * (b - a)))
            .ok_or(MathError::Domain { what: "binomial term not an integer" })?;
        sum = sum.add(&term);
    }
    // S_W = bᵂ reaches every goal, so the loop always returns.
    Err(MathError::Domain { what: "binomial sum never reached 99.99%" })
}

/// Basel's plus factors for W = 250 at a 1 % tail, as hundredths: 5 → 0.40 … 9 → 0.85.
const BASEL_PLUS: [u32; 5] = [40, 50, 65, 75, 85];

impl Zones {
    /// The zone of `exceptions` counted over the window.
    pub fn zone(&self, exceptions: u32) -> Zone {
        if exceptions >= self.red_from {
            Zone::Red
        } else if exceptions >= self.yellow_from {
            Zone::Yellow
        } else {
            Zone::Green
        }
    }

    /// The plus factor k as an exact fraction (num, den): 0 in green, 1 in red; in yellow
    /// Basel's 0.40, 0.50, 0.65, 0.75, 0.85 when the cut-offs are Basel's (yellow 5..=9, the
    /// W = 250 / 1 % case), else linear from 0.40 at the first yellow count to 0.85 at the last,
    /// k = 0.40 + 0.45·(x − first)/(last − first) (a single yellow count takes 0.85, the
    /// higher end: the pool's side).
    pub fn plus_factor(&self, exceptions: u32) -> (u64, u64) {
        match self.zone(exceptions) {
            Zone::Green => (0, 1),
            Zone::Red => (1, 1),
            Zone::Yellow if (self.yellow_from, self.red_from) == (5, 10) => {
                // Yellow: 5 ≤ exceptions ≤ 9, so the index is 0..=4.
                let i = usize::try_from(exceptions - 5).unwrap_or(4).min(4);
                (u64::from(BASEL_PLUS[i]), 100)
            }
            Zone::Yellow => {
                let span = u64::from(self.red_from - 1 - self.yellow_from);
                if span == 0 {
                    return (85, 100);
                }
                let x = u64::from(exceptions - self.yellow_from);
                // (40·span + 45·x) / (100·span)
                (40 * span + 45 * x, 100 * span)
            }
        }
    }

    /// The market's risk factor (3 + k)/3 as Q64.64, k the [`Zones::plus_factor`], rounded up:
    /// 1 in green, 4/3 in red, 3.40/3 … 3.85/3 in yellow (W = 250).
    pub fn factor(&self, exceptions: u32) -> MathResult<Q64> {
        let (num, den) = self.plus_factor(exceptions);
        let top = (I256::from(3 * den + num)) << crate::fixed::FRAC_BITS;
        let q = ceil_div(top, I256::from(3 * den));
        i128::try_from(q).map(Q64::from_raw).map_err(|_| MathError::Overflow { what: "risk factor" })
    }
}

/// A lower bound of z₀.₉₉₅ = Φ⁻¹(0.995) ≈ 2.5758 (the two-sided 99 % band's multiplier):
/// [`var_es_factors`]`(9950)`'s z is an upper bound within 4 units, so 4 units below it is
/// at or below the exact quantile — a narrower band counts more exceptions: the pool's side.
pub fn band_z() -> MathResult<Q64> {
    let (z, _) = var_es_factors(9_950)?;
    z.sub(Q64::from_raw(4))
}

/// Whether a round's return is an exception: |r| > z·σ·√(Δt/year), σ the annualised
/// volatility in force before the round (Q64.64), Δt the round's own spacing in seconds, z the
/// band multiplier ([`band_z`]).
///
/// Exact given its inputs except one rounding: z·σ is floored to Q64.64 (a narrower band: the
/// pool's side); then r²·year > (z·σ)²·Δt is decided exactly in 256 bits. Errors: `Domain`
/// for a negative σ or z, `Overflow` if z·σ ≥ 2⁶³.
pub fn is_exception(r: Ret56, sigma: Q64, dt_secs: u64, z: Q64) -> MathResult<bool> {
    if sigma.is_negative() || z.is_negative() {
        return Err(MathError::Domain { what: "negative volatility or band multiplier" });
    }
    let zs = z.mul(sigma)?.raw();
    let r = r.to_q64().raw();
    // |r| ≤ 2⁷ → r² < 2¹⁴⁴·year < 2¹⁷⁰; zs < 2¹²⁷ → zs² < 2²⁵⁴ … times Δt can pass 2²⁵⁵:
    // checked (an absurd σ or Δt is an overflow, never a wrong answer).
    let lhs = mul_i128(r, r) * I256::from(YEAR_SECS);
    let rhs =
        mul_i128(zs, zs).checked_mul(I256::from(dt_secs)).ok_or(MathError::Overflow { what: "exception band" })?;
    Ok(lhs > rhs)
}

/// ⌈x·f⌉ in Q64.64: a volatility (or any non-negative quantity) times a risk factor, rounded
/// **up** (a larger volatility charges more: the pool's side). `Overflow` above Q64.64.
pub fn factored(x: Q64, factor: Q64) -> MathResult<Q64> {
    let p = mul_i128(x.raw(), factor.raw());
    i128::try_from(crate::wide::shr_ceil(p, crate::fixed::FRAC_BITS))
        .map(Q64::from_raw)
        .map_err(|_| MathError::Overflow { what: "factored volatility" })
}

/// A window's exception count, rolled round by round: push each round's verdict, the count
/// over the last `window` verdicts is [`Backtest::exceptions`]; until `window` rounds exist
/// the factor is 1 (SPEC). The state is the last `window` verdicts, one bit each (a ring:
/// verdict number j, counting from 0, sits at bit j mod W), and the number pushed — the form
/// the oracle stores per market ([`Backtest::to_bytes`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backtest {
    zones: Zones,
    bits: Vec<u8>,
    pushed: u64,
    exceptions: u32,
}

/// Bytes of a stored [`Backtest`] before its ring: the verdicts pushed, `u64` little-endian.
const PUSHED_BYTES: usize = 8;

impl Backtest {
    /// An empty window with these cut-offs.
    pub fn new(zones: Zones) -> Backtest {
        let w = usize::try_from(zones.window).unwrap_or(0);
        Backtest { zones, bits: vec![0; w.div_ceil(8)], pushed: 0, exceptions: 0 }
    }

    fn window(&self) -> u64 {
        u64::from(self.zones.window)
    }

    /// (byte, mask) of ring position `i` (< W).
    fn pos(i: u64) -> (usize, u8) {
        // i < W ≤ 20,000.
        (usize::try_from(i / 8).unwrap_or(0), 1u8 << (i % 8))
    }

    /// Records one round's verdict (true = exception), dropping the oldest once full.
    pub fn push(&mut self, exception: bool) {
        if self.window() == 0 {
            return;
        }
        let (byte, mask) = Self::pos(self.pushed % self.window());
        if self.bits[byte] & mask != 0 {
            self.exceptions -= 1;
            self.bits[byte] &= !mask;
        }
        if exception {
            self.bits[byte] |= mask;
            self.exceptions += 1;
        }
        // 2⁶⁴ rounds are unreachable; saturating keeps this total.
        self.pushed = self.pushed.saturating_add(1);
    }

    /// Exceptions among the last `window` rounds (fewer rounds: all of them).
    pub fn exceptions(&self) -> u32 {
        self.exceptions
    }

    /// Rounds in the window: min(rounds pushed, W).
    pub fn rounds(&self) -> u32 {
        u32::try_from(self.pushed.min(self.window())).unwrap_or(self.zones.window)
    }

    /// Rounds pushed since the window started.
    pub fn pushed(&self) -> u64 {
        self.pushed
    }

    /// The cut-offs.
    pub fn zones(&self) -> Zones {
        self.zones
    }

    /// Whether `window` rounds have been pushed (the zone and factor count from then on).
    pub fn is_full(&self) -> bool {
        self.window() > 0 && self.pushed >= self.window()
    }

    /// The zone, green until the window is full.
    pub fn zone(&self) -> Zone {
        if self.is_full() {
            self.zones.zone(self.exceptions)
        } else {
            Zone::Green
        }
    }

    /// The factor (3 + k)/3, 1 until the window is full.
    pub fn factor(&self) -> MathResult<Q64> {
        if self.is_full() {
            self.zones.factor(self.exceptions)
        } else {
            Ok(Q64::ONE)
        }
    }

    /// The j-th most recent verdict (j = 0: the last pushed), j < [`Backtest::rounds`].
    fn ago(&self, j: u64) -> bool {
        let w = self.window();
        let (byte, mask) = Self::pos((self.pushed - 1 - j) % w);
        self.bits[byte] & mask != 0
    }

    /// The stored form: the verdicts pushed (`u64` LE) then the ring, ⌈W/8⌉ bytes (bit i of
    /// the ring is bit i mod 8 of byte i/8). 8 + 32 bytes for W = 250.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = self.pushed.to_le_bytes().to_vec();
        out.extend_from_slice(&self.bits);
        out
    }

    /// A window back from [`Backtest::to_bytes`] under the same cut-offs; the exception count
    /// is recounted from the ring. `Domain` for a length that is not 8 + ⌈W/8⌉ or a ring bit
    /// set at a position never written.
    pub fn from_bytes(zones: Zones, bytes: &[u8]) -> MathResult<Backtest> {
        let mut b = Backtest::new(zones);
        let bad = || MathError::Domain { what: "stored backtest window" };
        let (pushed, ring) = bytes.split_first_chunk::<PUSHED_BYTES>().ok_or_else(bad)?;
        if ring.len() != b.bits.len() {
            return Err(bad());
        }
        b.pushed = u64::from_le_bytes(*pushed);
        b.bits.copy_from_slice(ring);
        let written = b.pushed.min(b.window());
        for i in written..u64::try_from(b.bits.len()).unwrap_or(0).saturating_mul(8) {
            let (byte, mask) = Self::pos(i);
            if b.bits[byte] & mask != 0 {
                return Err(bad());
            }
        }
        b.exceptions = b.bits.iter().map(|x| x.count_ones()).sum();
        Ok(b)
    }

    /// The same verdicts under other cut-offs (a new window W'): the most recent
    /// min(rounds, W') verdicts are kept, in order, and count as pushed; the rest are dropped.
    /// So a longer window keeps what is known and fills from there, a shorter one is full at
    /// once if W' rounds are known.
    pub fn rewindow(&self, zones: Zones) -> Backtest {
        let mut b = Backtest::new(zones);
        let keep = u64::from(self.rounds()).min(u64::from(zones.window));
        for j in (0..keep).rev() {
            b.push(self.ago(j));
        }
        b
    }
}

#[cfg(test)]
#[allow(clippy::as_conversions)]
mod tests {
    use super::*;
    use crate::measures::simple_return;
    use crate::testutil::to_f;
    use proptest::prelude::*;

    /// ln P(X ≤ k) by f64 log-sum (the independent reference for the cut-offs).
    fn cdf_f64(w: u32, p: f64, k: u32) -> f64 {
        let mut ln_c = 0.0f64;
        let mut s = 0.0f64;
        for j in 0..=k {
            if j > 0 {
                ln_c += ((w - j + 1) as f64).ln() - (j as f64).ln();
            }
            s += (ln_c + j as f64 * p.ln() + (w - j) as f64 * (1.0 - p).ln()).exp();
        }
        s
    }

    #[test]
    fn basel_table_for_250_rounds() {
        let z = zones(250, SPEC_TAIL_BPS).unwrap();
        assert_eq!(z, Zones { window: 250, yellow_from: 5, red_from: 10 });
        let zs: Vec<&str> = (0..12).map(|k| z.zone(k).as_str()).collect();
        assert_eq!(
            zs,
            ["green"; 5].iter().chain(["yellow"; 5].iter()).chain(["red"; 2].iter()).copied().collect::<Vec<_>>()
        );
        let plus: Vec<(u64, u64)> = (0..11).map(|k| z.plus_factor(k)).collect();
        assert_eq!(&plus[..5], &[(0, 1); 5]);
        assert_eq!(&plus[5..10], &[(40, 100), (50, 100), (65, 100), (75, 100), (85, 100)]);
        assert_eq!(plus[10], (1, 1));
        assert_eq!(z.factor(0).unwrap(), Q64::ONE);
        let f = |k| to_f(z.factor(k).unwrap());
        assert!((f(5) - 3.40 / 3.0).abs() < 1e-15 && (f(9) - 3.85 / 3.0).abs() < 1e-15);
        assert!((f(10) - 4.0 / 3.0).abs() < 1e-15);
        // Rounded up: 3·factor ≥ 3 + k exactly.
        for k in 0..12 {
            let (num, den) = z.plus_factor(k);
            let three_f = I256::from(z.factor(k).unwrap().raw()) * I256::from(3 * den);
            let exact = I256::from(3 * den + num) << 64u32;
            assert!(three_f >= exact && three_f - exact < I256::from(3 * den), "k = {k}");
        }
    }

    #[test]
    fn cut_offs_match_the_f64_binomial() {
        for (w, bps) in [
            (1u32, 100u32),
            (10, 100),
            (100, 100),
            (250, 100),
            (500, 100),
            (1000, 100),
            (250, 500),
            (4780, 100),
            (37, 2500),
        ] {
            let z = zones(w, bps).unwrap();
            let p = f64::from(bps) / 1e4;
            let first = |goal: f64| (0..=w).find(|k| cdf_f64(w, p, *k) >= goal).unwrap();
            println!("W {w} p {p}: yellow from {}, red from {}", z.yellow_from, z.red_from);
            assert_eq!(z.yellow_from, first(0.95), "W {w}");
            assert_eq!(z.red_from, first(0.9999), "W {w}");
            assert!(z.yellow_from <= z.red_from);
        }
        // W = 500: yellow from 9, red from 15 (P(X ≤ 8) = 0.932, P(X ≤ 9) = 0.968).
        assert_eq!(zones(500, 100).unwrap(), Zones { window: 500, yellow_from: 9, red_from: 15 });
    }

    #[test]
    fn bad_windows_are_typed_errors() {
        let e = |what| Err(MathError::Domain { what });
        assert_eq!(zones(0, 100), e("backtest window outside 1..=20000"));
        assert_eq!(zones(MAX_ZONE_WINDOW + 1, 100), e("backtest window outside 1..=20000"));
        assert_eq!(zones(250, 0), e("exception probability outside (0, 1)"));
        assert_eq!(zones(250, 10_000), e("exception probability outside (0, 1)"));
        assert!(zones(MAX_ZONE_WINDOW, 100).is_ok());
    }

    #[test]
    fn linear_plus_factors_for_other_windows() {
        let z = zones(500, 100).unwrap(); // yellow 9..=14
        assert_eq!(z.plus_factor(9), (40 * 5, 500));
        assert_eq!(z.plus_factor(14), (40 * 5 + 45 * 5, 500));
        assert_eq!(z.plus_factor(14).0 * 100, 85 * z.plus_factor(14).1);
        assert_eq!(z.plus_factor(15), (1, 1));
        let single = Zones { window: 7, yellow_from: 3, red_from: 4 };
        assert_eq!(single.plus_factor(3), (85, 100));
        // Factors never fall as exceptions rise.
        for w in [100, 250, 500, 1000] {
            let z = zones(w, 100).unwrap();
            let f: Vec<Q64> = (0..z.red_from + 2).map(|k| z.factor(k).unwrap()).collect();
            assert!(f.windows(2).all(|p| p[0] <= p[1]), "W {w}");
        }
    }

    #[test]
    fn the_band_is_two_sided_and_exact_at_its_edge() {
        let z = band_z().unwrap();
        assert!((to_f(z) - 2.575_829_303_548_900_4).abs() < 1e-15);
        let sigma = Q64::from_int(1); // 100 % a year
        let day = 86_400;
        // Band for one day: 2.5758·√(1/365) = 13.48 %.
        let band = 2.575_829_303_548_900_4 / 365f64.sqrt();
        for (p, want) in [(11_300u128, false), (11_400, true), (8_700, false), (8_600, true), (10_000, false)] {
            let r = simple_return(10_000, p).unwrap();
            assert_eq!(is_exception(r, sigma, day, z).unwrap(), want, "price {p}");
            assert_eq!(((p as f64 / 1e4) - 1.0).abs() > band, want);
        }
        // At the edge: r = zσ·√(Δt/year) exactly when Δt = year and σ = 1: r = z (not above it).
        let r = Ret56::from_q64_floor(z).unwrap();
        assert!(!is_exception(r, sigma, YEAR_SECS, Q64::from_raw(r.to_q64().raw())).unwrap());
        assert!(is_exception(Ret56::from_raw(r.raw() + 1), sigma, YEAR_SECS, r.to_q64()).unwrap());
        assert_eq!(
            is_exception(r, Q64::from_int(-1), day, z),
            Err(MathError::Domain { what: "negative volatility or band multiplier" })
        );
    }

    #[test]
    fn the_window_counts_the_last_rounds_and_the_factor_falls_back() {
        let mut b = Backtest::new(zones(250, 100).unwrap());
        for _ in 0..249 {
            b.push(true);
        }
        assert_eq!((b.exceptions(), b.zone(), b.factor().unwrap()), (249, Zone::Green, Q64::ONE), "not full yet");
        b.push(false);
        assert_eq!((b.zone(), b.factor().unwrap()), (Zone::Red, zones(250, 100).unwrap().factor(249).unwrap()));
        // 243 quiet rounds push all but 6 exceptions out: yellow at 6 exceptions, factor 3.5/3.
        for _ in 0..243 {
            b.push(false);
        }
        assert_eq!((b.exceptions(), b.zone()), (6, Zone::Yellow));
        assert!((to_f(b.factor().unwrap()) - 3.5 / 3.0).abs() < 1e-15);
        for _ in 0..6 {
            b.push(false);
        }
        assert_eq!((b.exceptions(), b.zone(), b.factor().unwrap()), (0, Zone::Green, Q64::ONE));
    }

    #[test]
    fn stored_form_round_trips_and_is_compact() {
        let z = zones(250, 100).unwrap();
        let mut b = Backtest::new(z);
        assert_eq!(b.to_bytes().len(), 8 + 32, "u64 + 250 bits");
        for i in 0..300u32 {
            b.push(i % 37 == 0);
        }
        let bytes = b.to_bytes();
        assert_eq!(&bytes[..8], &300u64.to_le_bytes());
        let back = Backtest::from_bytes(z, &bytes).unwrap();
        assert_eq!(back, b);
        assert_eq!((back.rounds(), back.pushed(), back.exceptions()), (250, 300, b.exceptions()));
        let bad = Err(MathError::Domain { what: "stored backtest window" });
        assert_eq!(Backtest::from_bytes(z, &bytes[..39]), bad);
        assert_eq!(Backtest::from_bytes(zones(260, 100).unwrap(), &bytes), bad.clone());
        // A bit past the rounds written is corrupt, not an extra exception.
        let mut young = Backtest::new(z);
        young.push(true);
        let mut forged = young.to_bytes();
        forged[8] |= 0b10;
        assert_eq!(Backtest::from_bytes(z, &forged), bad);
        assert_eq!(factored(Q64::from_raw(3), Q64::lit("1.5")), Ok(Q64::from_raw(5)), "rounded up");
        assert_eq!(factored(Q64::lit("0.65"), Q64::ONE), Ok(Q64::lit("0.65")));
    }

    #[test]
    fn rewindow_keeps_the_most_recent_verdicts() {
        let mut b = Backtest::new(zones(250, 100).unwrap());
        // 10 exceptions, then 240 quiet rounds: red, and all ten are in the last 250.
        for i in 0..250 {
            b.push(i < 10);
        }
        assert_eq!((b.zone(), b.exceptions()), (Zone::Red, 10));
        // A 240-round window keeps only the 240 quiet ones: full and green at once.
        let short = b.rewindow(zones(240, 100).unwrap());
        assert_eq!((short.rounds(), short.exceptions(), short.zone()), (240, 0, Zone::Green));
        // A 500-round window keeps all 250 (in order) and is not full yet: factor 1.
        let mut long = b.rewindow(zones(500, 100).unwrap());
        assert_eq!((long.rounds(), long.exceptions(), long.factor().unwrap()), (250, 10, Q64::ONE));
        for _ in 0..250 {
            long.push(false);
        }
        // W = 500: yellow 9..=14; 10 exceptions = the second yellow count.
        assert_eq!((long.zone(), long.exceptions()), (Zone::Yellow, 10));
        assert_eq!(long.zones().plus_factor(10), (40 * 5 + 45, 500));
    }

    /// A correct model stays green as often as the binomial says: simple returns drawn
    /// N(0, σ²·Δt/year) (Box–Muller over xoshiro256**, seed fixed) make integer prices; each
    /// round is judged by [`is_exception`] at σ, over 2,000 independent 250-round windows.
    /// The share green must be within 0.03 (≈ 4 standard errors of √(p(1−p)/2000) = 0.0069)
    /// of P(Bin(250, 0.01) ≤ 4) = 0.8922, and the exception rate within 0.001 of 1 %.
    #[test]
    fn a_correct_model_is_green_as_often_as_the_binomial_says() {
        let (w, trials, dt) = (250u32, 2_000usize, 86_400u64);
        let z = zones(w, SPEC_TAIL_BPS).unwrap();
        let bz = band_z().unwrap();
        let sigma = 0.65f64;
        let sigma_q = Q64::lit("0.65");
        let sd = sigma * (dt as f64 / YEAR_SECS as f64).sqrt();
        let mut rng = crate::prng::Xoshiro256::seed(20_240_601);
        let mut unit = || ((rng.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64;
        let (mut green, mut yellow, mut red, mut exceptions) = (0usize, 0usize, 0usize, 0u64);
        for _ in 0..trials {
            let mut b = Backtest::new(z);
            let mut p: u128 = 60_000_000_000_000_000_000_000; // 60,000 in 18 decimals
            for _ in 0..w {
                let (u1, u2) = (unit(), unit());
                let n = (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos();
                let q = ((p as f64) * (1.0 + sd * n)) as u128;
                let r = simple_return(p, q).unwrap();
                let x = is_exception(r, sigma_q, dt, bz).unwrap();
                exceptions += u64::from(x);
                b.push(x);
                p = q;
            }
            match b.zone() {
                Zone::Green => green += 1,
                Zone::Yellow => yellow += 1,
                Zone::Red => red += 1,
            }
        }
        let want_green = cdf_f64(w, 0.01, z.yellow_from - 1);
        let want_red = 1.0 - cdf_f64(w, 0.01, z.red_from - 1);
        let share = green as f64 / trials as f64;
        let rate = exceptions as f64 / (trials as f64 * f64::from(w));
        println!(
            "correct model: green {green}, yellow {yellow}, red {red} of {trials}; share green {share:.4} (binomial {want_green:.4}), red {:.4} (binomial {want_red:.5}); exception rate {rate:.5}",
            red as f64 / trials as f64
        );
        assert!((share - want_green).abs() < 0.03, "green share {share} vs {want_green}");
        assert!((rate - 0.01).abs() < 0.001, "exception rate {rate}");
        assert!(red as f64 / (trials as f64) < 0.005, "red {red} of {trials}: P(red) = {want_red}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// The cut-offs agree with the f64 binomial for random windows and tails, away from
        /// ties (where f64 cannot decide).
        #[test]
        fn cut_offs_random(w in 1u32..1500, bps in 1u32..3000) {
            let z = zones(w, bps).unwrap();
            let p = f64::from(bps) / 1e4;
            let y = z.yellow_from;
            prop_assert!(cdf_f64(w, p, y) >= 0.95 - 1e-9);
            prop_assert!(y == 0 || cdf_f64(w, p, y - 1) < 0.95 + 1e-9);
            let r = z.red_from;
            prop_assert!(cdf_f64(w, p, r) >= 0.9999 - 1e-9);
            prop_assert!(r == 0 || cdf_f64(w, p, r - 1) < 0.9999 + 1e-9);
        }

        /// A rolled window's count equals a recount of its last W verdicts.
        #[test]
        fn rolling_count_is_a_recount(v in prop::collection::vec(any::<bool>(), 0..700), w in 1u32..300, w2 in 1u32..600) {
            let mut b = Backtest::new(zones(w, 100).unwrap());
            for x in &v { b.push(*x); }
            let from = v.len().saturating_sub(w as usize);
            prop_assert_eq!(b.exceptions() as usize, v[from..].iter().filter(|x| **x).count());
            prop_assert_eq!(b.rounds() as usize, v.len().min(w as usize));
            // The stored form reads back to the same window.
            prop_assert_eq!(&Backtest::from_bytes(b.zones(), &b.to_bytes()).unwrap(), &b);
            // Rewindowed: the last min(rounds, W') verdicts, recounted.
            let r = b.rewindow(zones(w2, 100).unwrap());
            let keep = v.len().min(w as usize).min(w2 as usize);
            prop_assert_eq!(r.rounds() as usize, keep);
            prop_assert_eq!(r.exceptions() as usize, v[v.len() - keep..].iter().filter(|x| **x).count());
            prop_assert_eq!(r.is_full(), keep == w2 as usize);
        }

        /// The band decision agrees with f64 away from the edge.
        #[test]
        fn band_matches_f64(p in 1u128..2_000_000, vol_pct in 1i128..300, dt in 1u64..10_000_000) {
            let r = simple_return(1_000_000, p).unwrap();
            let sigma = Q64::from_ratio(vol_pct, 100).unwrap();
            let got = is_exception(r, sigma, dt, band_z().unwrap()).unwrap();
            let rf = p as f64 / 1e6 - 1.0;
            let band = 2.575_829_303_548_900_4 * vol_pct as f64 / 100.0 * (dt as f64 / YEAR_SECS as f64).sqrt();
            if (rf.abs() - band).abs() > 1e-9 * band.max(1e-9) {
                prop_assert_eq!(got, rf.abs() > band);
            }
        }
    }
}
