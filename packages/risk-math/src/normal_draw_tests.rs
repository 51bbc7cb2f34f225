//! The Monte Carlo draw ([`super::normal_draw`]) against the exact distribution: its node table,
//! its overflow bounds, its error against Φ⁻¹ over every segment, symmetry, monotonicity, a
//! Kolmogorov–Smirnov test of 10⁶ draws and the tail of the same draws (f64 references).

use super::tests::{as241_f64, ref_cdf};
use super::{cubic, normal_draw, normal_q32, NODES, NODES_PER_OCTAVE};
use crate::prng::Xoshiro256;

const TWO32: f64 = 4_294_967_296.0;
const PHI_NORM: f64 = 0.398_942_280_401_432_7; // 1/√(2π)

/// Φ⁻¹(p) for 0 < p ≤ ½ to ~1e-15 relative in the tail too: AS241 (f64), then two Newton steps
/// on the lower-tail cdf (no 1 − p, which would lose the tail).
fn ref_lower_quantile(p: f64) -> f64 {
    let mut z = as241_f64(p);
    for _ in 0..2 {
        z -= (ref_cdf(z) - p) / (PHI_NORM * (-0.5 * z * z).exp());
    }
    z
}

/// The draw as f64.
fn draw_f(u: u64) -> f64 {
    normal_q32(u) as f64 / TWO32
}

/// The lower-half uniform whose v = 2u + 1 is `v` (odd), and its p = v/2⁶⁵.
fn lower(v: u64) -> (u64, f64) {
    (v >> 1, v as f64 / 2f64.powi(65))
}

/// Every node is −Φ⁻¹ at its probability rounded to nearest Q4.28 (within the reference's error),
/// and the nodes fall strictly toward p = ½ (the last one is 0).
#[test]
fn nodes_are_the_exact_quantiles_rounded() {
    let per = NODES_PER_OCTAVE as usize;
    assert_eq!(NODES.len(), 64 * per + 1);
    let mut worst = 0f64;
    for (n, e) in NODES.iter().enumerate().take(64 * per) {
        let p = 2f64.powi((n / per) as i32 - 65) * (1.0 + (n % per) as f64 / per as f64);
        let off = (*e as f64 - (-ref_lower_quantile(p)) * 2f64.powi(28)).abs();
        worst = worst.max(off);
        assert!(off <= 0.5 + 1e-4, "node {n}: {e} is {off} units from the exact value");
    }
    assert_eq!(NODES[64 * per], 0);
    assert!(NODES.windows(2).all(|w| w[0] > w[1]));
    println!("nodes: max |entry − exact·2²⁸| = {worst:.6} units");
}

/// The Horner evaluation cannot overflow: on every segment |C₃|, |C₂| + |C₃| and
/// |C₁| + |C₂| + |C₃| are below 2³² (each partial sum is bounded by them, x < 2³¹), and 2y₀ + the
/// last product stays below 2³⁸.
#[test]
fn horner_stays_inside_i64_on_every_segment() {
    let mut max = [0i64; 3];
    for o in 0..64 {
        for j in 0..8 {
            let [y0, c1, c2, c3] = cubic(o * 24 + 3 * j).map(|c| c.0);
            let (a3, a2, a1) = (c3.abs(), c2.abs() + c3.abs(), c1.abs() + c2.abs() + c3.abs());
            for (m, a) in max.iter_mut().zip([a3, a2, a1]) {
                *m = (*m).max(a);
            }
            assert!(a1 < 1 << 32 && y0 < 1 << 37, "segment {o}.{j}: {a3} {a2} {a1}");
        }
    }
    println!("max |C₃| {}, |C₂|+|C₃| {}, |C₁|+|C₂|+|C₃| {} (bound 2³² = {})", max[0], max[1], max[2], 1u64 << 32);
}

/// The largest |draw − Φ⁻¹(p)| over every octave and segment (65 points per segment and its
/// last point, both halves) and 200,000 random uniforms: below 2.7·10⁻⁷, printed with where.
#[test]
fn draw_error_against_the_exact_quantile() {
    let mut worst = (0f64, 0f64, 0f64);
    let mut check = |v: u64| {
        let (u, p) = lower(v);
        let exact = ref_lower_quantile(p);
        for (got, want) in [(draw_f(u), exact), (draw_f(!u), -exact)] {
            let e = (got - want).abs();
            if e > worst.0 {
                worst = (e, p, want);
            }
        }
    };
    for lz in 0..64u32 {
        for j in 0..8u64 {
            let steps = (0..=64u64).map(|k| (k << 31) / 64).map(|x| x.min((1 << 31) - 1));
            for x in steps {
                let m = (1u64 << 63) | (j << 60) | (x << 29);
                check((m >> lz) | 1);
            }
        }
    }
    let mut rng = Xoshiro256::seed(99);
    for _ in 0..200_000 {
        check(rng.next_u64() | 1);
    }
    let (e, p, z) = worst;
    println!("max |normal_draw − Φ⁻¹| = {e:.3e} at p = {p:.6e} (z = {z:.6})");
    assert!(e < 2.7e-7, "draw error {e:e} at p = {p:e}");
}

/// Symmetry is exact: the complement of the uniform negates the draw. The extremes are ±9.16σ,
/// the middle two uniforms straddle 0.
#[test]
fn draw_is_exactly_symmetric() {
    let mut rng = Xoshiro256::seed(5);
    let specials = [0, 1, u64::MAX, (1 << 63) - 1, 1 << 63, 1 << 62, (1 << 62) - 1, 12_345];
    for u in specials.into_iter().chain((0..100_000).map(|_| rng.next_u64())) {
        assert_eq!(normal_q32(!u), -normal_q32(u), "u = {u}");
    }
    assert_eq!(normal_q32(0), -(i64::from(NODES[0]) << 4));
    assert!((draw_f(0) + 9.155).abs() < 1e-3);
    assert!(normal_q32((1 << 63) - 1) <= 0 && normal_q32(1 << 63) >= 0);
    assert!(normal_q32((1 << 63) - 1) > -(1 << 4), "p just below ½ draws ~0");
    assert_eq!(normal_draw(u64::MAX).raw(), i64::from(NODES[0]) << 4);
}

/// Monotone in u: non-decreasing across every segment boundary (the floors run the cubic up
/// to the next node from below) and over random pairs, within 2 units of 2⁻³².
#[test]
fn draw_is_monotone() {
    let mut worst = 0i64;
    for lz in 0..63u32 {
        for j in 0..8u64 {
            // The boundary's mantissa and the largest v below it (lower half: z rises with v).
            let m = (1u64 << 63) | (j << 60);
            let v = (m >> lz) | 1;
            let (hi, _) = lower(v);
            let lo = hi.saturating_sub(1);
            worst = worst.max(normal_q32(lo) - normal_q32(hi));
            worst = worst.max(normal_q32(!hi) - normal_q32(!lo));
        }
    }
    let mut rng = Xoshiro256::seed(11);
    for _ in 0..100_000 {
        let (a, b) = (rng.next_u64(), rng.next_u64());
        let (lo, hi) = if a < b { (a, b) } else { (b, a) };
        worst = worst.max(normal_q32(lo) - normal_q32(hi));
        let d = rng.next_u64() >> 40; // a close pair
        worst = worst.max(normal_q32(lo) - normal_q32(lo.saturating_add(d)));
    }
    println!("largest decrease of the draw in u: {worst} units of 2⁻³²");
    assert!(worst <= 2, "draw decreases by {worst} units");
}

/// Kolmogorov's limiting p-value P(√n·D > λ) with Stephens' small-sample correction.
fn ks_p_value(d: f64, n: usize) -> f64 {
    let rn = (n as f64).sqrt();
    let lambda = (rn + 0.12 + 0.11 / rn) * d;
    let sum: f64 = (1..=100)
        .map(|k| (if k % 2 == 1 { 2.0 } else { -2.0 }) * (-2.0 * (k * k) as f64 * lambda * lambda).exp())
        .sum();
    sum.clamp(0.0, 1.0)
}

/// D = sup |Fₙ − Φ| of the (sorted) sample.
fn ks_statistic(sorted: &[f64]) -> f64 {
    let n = sorted.len() as f64;
    sorted.iter().enumerate().fold(0f64, |d, (i, x)| {
        let f = ref_cdf(*x);
        d.max((i + 1) as f64 / n - f).max(f - i as f64 / n)
    })
}

/// 10⁶ draws from the Monte Carlo stream (xoshiro256**, seed 7), sorted.
fn sample() -> Vec<f64> {
    let mut rng = Xoshiro256::seed(7);
    let mut xs: Vec<f64> = (0..1_000_000).map(|_| draw_f(rng.next_u64())).collect();
    xs.sort_by(|a, b| a.partial_cmp(b).unwrap());
    xs
}

/// Kolmogorov–Smirnov: 10⁶ draws are not rejected against Φ (p > 0.05); the same draws scaled
/// by 1.01 or shifted by 0.005 are rejected (p < 10⁻³), so the test has the power to see a
/// distribution 1 % off.
#[test]
fn kolmogorov_smirnov_of_a_million_draws() {
    let xs = sample();
    let n = xs.len();
    let d = ks_statistic(&xs);
    let p = ks_p_value(d, n);
    println!("KS, 10⁶ draws (seed 7): D = {d:.3e}, √n·D = {:.4}, p = {p:.4}", d * (n as f64).sqrt());
    assert!(p > 0.05, "draws rejected: D {d:e}, p {p}");
    for (what, f) in [("scaled by 1.01", 1.01f64), ("shifted by 0.005", 0.0)] {
        let bad: Vec<f64> = xs.iter().map(|x| if f > 0.0 { x * f } else { x + 0.005 }).collect();
        let (db, pb) = (ks_statistic(&bad), ks_p_value(ks_statistic(&bad), n));
        println!("KS, the draws {what}: D = {db:.3e}, p = {pb:.2e} (rejected)");
        assert!(pb < 1e-3, "{what} not rejected: D {db:e}, p {pb}");
    }
}

/// The tail of the same 10⁶ draws: the empirical 99 % and 99.9 % quantiles within 4 standard
/// errors (√(α(1−α)/n)/φ(z_α): 0.0037 and 0.0094) of 2.3263479 and 3.0902323, and the mean of
/// the top 1 % (ES at 99 %) within 4 standard errors (0.0046) of φ(z₉₉)/0.01 = 2.6652142; the
/// lower tail likewise (by symmetry of Φ).
#[test]
fn tail_quantiles_and_expected_shortfall_of_a_million_draws() {
    let xs = sample();
    let n = xs.len();
    let exact = [(0.99, 2.326_347_874_040_841, 0.003_73), (0.999, 3.090_232_306_167_814, 0.009_39)];
    for (alpha, z, se) in exact {
        let k = ((1.0 - alpha) * n as f64).round() as usize; // draws above the quantile
        let (hi, lo) = (xs[n - k - 1], -xs[k]);
        println!("{alpha}: empirical quantile {hi:.5} (upper), {lo:.5} (lower), exact {z:.5}, 4 SE {:.4}", 4.0 * se);
        assert!((hi - z).abs() < 4.0 * se && (lo - z).abs() < 4.0 * se, "{alpha}: {hi} / {lo} vs {z}");
    }
    let m = n / 100;
    let es_hi = xs[n - m..].iter().sum::<f64>() / m as f64;
    let es_lo = -xs[..m].iter().sum::<f64>() / m as f64;
    let es = 2.665_214_220_345_806;
    println!("ES 99 %: {es_hi:.5} (upper), {es_lo:.5} (lower), exact {es:.5}, 4 SE 0.0184");
    assert!((es_hi - es).abs() < 0.0184 && (es_lo - es).abs() < 0.0184);
    let mean = xs.iter().sum::<f64>() / n as f64;
    let var = xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1) as f64;
    println!("mean {mean:.5}, variance {var:.5}");
    assert!(mean.abs() < 4e-3 && (var - 1.0).abs() < 4.0 * (2.0 / n as f64).sqrt());
}
