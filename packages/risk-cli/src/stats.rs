//! Backtest statistics (floating point: this is the off-chain tool; the VaR figures they test
//! come from risk-math's integer code).
//!
//! - Kupiec (1995) proportion of failures: LR = −2 ln[(1−p)^(n−x) p^x / ((1−π)^(n−x) π^x)],
//!   π = x/n, χ²(1).
//! - Christoffersen (1998) independence: a first-order Markov chain of the breach indicator
//!   against independence, χ²(1); conditional coverage = Kupiec + independence, χ²(2).
//! - Acerbi–Székely (2014) Z₂ for expected shortfall: Z₂ = 1 − Σₜ Iₜ·Lₜ/ESₜ / (n·p), Lₜ the
//!   realised loss, Iₜ the breach indicator, p the tail probability. E[Z₂] = 0 when the model's
//!   ES is right; negative means the tail losses exceed the ES. Acerbi and Székely tabulate the
//!   5 % critical value near −0.70 (stable across Student-t tails), which is used here.

/// The number `n` as `f64` (counts here are far below 2⁵³).
pub fn f(n: usize) -> f64 {
    u32::try_from(n).map_or(f64::MAX, f64::from)
}

fn xlogy(x: f64, y: f64) -> f64 {
    if x == 0.0 {
        0.0
    } else {
        x * y.ln()
    }
}

/// P(χ²₁ > lr).
pub fn chi2_1_sf(lr: f64) -> f64 {
    libm::erfc((lr.max(0.0) / 2.0).sqrt())
}

/// P(χ²₂ > lr).
pub fn chi2_2_sf(lr: f64) -> f64 {
    (-lr.max(0.0) / 2.0).exp()
}

/// Kupiec's LR for x breaches in n observations at tail probability p, and its p-value.
pub fn kupiec(n: usize, x: usize, p: f64) -> (f64, f64) {
    let (n, x) = (f(n), f(x));
    let pi = x / n;
    let lr = -2.0 * (xlogy(n - x, 1.0 - p) + xlogy(x, p) - xlogy(n - x, 1.0 - pi) - xlogy(x, pi));
    (lr, chi2_1_sf(lr))
}

/// Christoffersen's independence LR over the breach sequence, and its p-value.
pub fn christoffersen(hits: &[bool]) -> (f64, f64) {
    let mut c = [[0usize; 2]; 2];
    for w in hits.windows(2) {
        c[usize::from(w[0])][usize::from(w[1])] += 1;
    }
    let [[n00, n01], [n10, n11]] = c.map(|r| r.map(f));
    let (n0, n1) = (n00 + n01, n10 + n11);
    let p01 = if n0 > 0.0 { n01 / n0 } else { 0.0 };
    let p11 = if n1 > 0.0 { n11 / n1 } else { 0.0 };
    let p = (n01 + n11) / (n0 + n1).max(1.0);
    let null = xlogy(n00 + n10, 1.0 - p) + xlogy(n01 + n11, p);
    let alt = xlogy(n00, 1.0 - p01) + xlogy(n01, p01) + xlogy(n10, 1.0 - p11) + xlogy(n11, p11);
    let lr = -2.0 * (null - alt);
    (lr, chi2_1_sf(lr))
}

/// Acerbi–Székely Z₂ from the realised losses, the breach flags and the ES forecasts.
pub fn acerbi_szekely_z2(losses: &[f64], hits: &[bool], es: &[f64], p: f64) -> f64 {
    let s: f64 = losses.iter().zip(hits).zip(es).filter(|((_, h), e)| **h && **e > 0.0).map(|((l, _), e)| l / e).sum();
    1.0 - s / (f(losses.len()) * p)
}

/// The 5 % critical value of Z₂ (Acerbi–Székely 2014): Z₂ below it rejects the ES.
pub const Z2_CRITICAL_5PCT: f64 = -0.70;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        // χ²₁: P(> 3.841459) = 0.05; χ²₂: P(> 5.991465) = 0.05.
        assert!((chi2_1_sf(3.841_458_820_694_124) - 0.05).abs() < 1e-12);
        assert!((chi2_2_sf(5.991_464_547_107_979) - 0.05).abs() < 1e-12);
        // Exactly the expected rate: LR 0, p 1.
        assert_eq!(kupiec(1000, 10, 0.01), (0.0, 1.0));
        // The S&P historical figure: 67 in 4,780 → p ≈ 0.0085.
        let (lr, p) = kupiec(4780, 67, 0.01);
        assert!((lr - 6.925_381_217_589).abs() < 1e-9 && (p - 0.008_498_087_569_6).abs() < 1e-9, "{lr} {p}");
        // Clustered breaches fail independence; spread ones do not.
        let mut clustered = vec![false; 1000];
        for i in 0..10 {
            clustered[500 + i] = true;
        }
        assert!(christoffersen(&clustered).1 < 1e-6);
        let spread: Vec<bool> = (0..1000).map(|i| i % 100 == 50).collect();
        assert!(christoffersen(&spread).1 > 0.5);
        // Z₂: tail losses equal to the ES at exactly the expected rate give 0.
        let hits: Vec<bool> = (0..1000).map(|i| i % 100 == 0).collect();
        let losses: Vec<f64> = hits.iter().map(|h| if *h { 3.0 } else { -1.0 }).collect();
        assert!(acerbi_szekely_z2(&losses, &hits, &[3.0; 1000], 0.01).abs() < 1e-12);
        assert!(acerbi_szekely_z2(&losses, &hits, &[1.5; 1000], 0.01) < Z2_CRITICAL_5PCT);
    }
}
