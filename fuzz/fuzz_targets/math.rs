//! risk-math over the whole input range of every public function: Q64.64 arithmetic and
//! conversions, exp / ln / sqrt, the normal pdf / cdf / quantile and the Q32.32 draw, the
//! measures (sigma_horizon, horizon_scale, simple_return, parametric, historical, Monte Carlo
//! with at most 200 paths, stress_loss), Cholesky, Cover-N and the 256-bit helpers.
//! Typed errors are fine; a panic (overflow included: the fuzz build has overflow checks on, as
//! the chain build does) is a finding. A few cheap properties are asserted on success too
//! (documented roundings and ranges).
#![no_main]

use arbitrary::Arbitrary;
use ethnum::{I256, U256};
use libfuzzer_sys::fuzz_target;
use risk_math::{cover, linalg, measures, normal, special, wide, Ret56, Q64};

/// A Q64.64 value: anywhere in `i128`, or near the usual scale (|x| < 2¹⁶ with full fraction).
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Q {
    Raw(i128),
    Near(i16, u64),
    Edge(u8),
}

/// Boundary values of `i128`, so that they are tried early.
fn edge(i: u8) -> i128 {
    [i128::MIN, i128::MIN + 1, -(1 << 64), -1, 0, 1, 1 << 64, i128::MAX - 1, i128::MAX][i as usize % 9]
}

impl Q {
    fn q(self) -> Q64 {
        match self {
            Q::Raw(x) => Q64::from_raw(x),
            Q::Near(i, f) => Q64::from_raw(((i as i128) << 64) | f as i128),
            Q::Edge(i) => Q64::from_raw(edge(i)),
        }
    }
}

/// A notional: anywhere in `i128`, or within the documented bound 2¹⁰⁰.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum N {
    Raw(i128),
    Bounded(i128),
    Small(i32),
    Edge(u8),
}

impl N {
    fn n(self) -> i128 {
        match self {
            N::Raw(x) => x,
            N::Bounded(x) => x % (measures::MAX_NOTIONAL + 1),
            N::Small(x) => x as i128,
            N::Edge(i) => edge(i),
        }
    }
}

/// A correlation matrix entry: anywhere, or in [−1, 1].
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Rho {
    Raw(i128),
    Unit(i64),
    Edge(u8),
}

impl Rho {
    fn q(self) -> Q64 {
        match self {
            Rho::Raw(x) => Q64::from_raw(x),
            // i64 · 2 spans [−2⁶⁴, 2⁶⁴] = [−1, 1] in Q64.64 (both ends reachable).
            Rho::Unit(x) => Q64::from_raw((x as i128 * 2).clamp(-(1i128 << 64), 1i128 << 64)),
            Rho::Edge(i) => Q64::from_raw(edge(i)),
        }
    }
}

#[derive(Arbitrary, Debug)]
enum Matrix {
    /// n×n entries as given (may be malformed).
    Raw(Vec<Rho>),
    /// Symmetric with ones on the diagonal, off-diagonal entries from the lower triangle.
    Corr(Vec<Rho>),
}

impl Matrix {
    fn build(&self, n: usize) -> Vec<Q64> {
        match self {
            Matrix::Raw(v) => v.iter().take(n * n + 1).map(|r| r.q()).collect(),
            Matrix::Corr(v) => {
                let mut m = vec![Q64::ZERO; n * n];
                let mut it = v.iter().cycle();
                for i in 0..n {
                    m[i * n + i] = Q64::ONE;
                    for j in 0..i {
                        let r = if v.is_empty() { Q64::ZERO } else { it.next().unwrap().q() };
                        m[i * n + j] = r;
                        m[j * n + i] = r;
                    }
                }
                m
            }
        }
    }
}

#[derive(Arbitrary, Debug)]
enum Op {
    FromRatio(i128, i128),
    FromAtomics(i128, u8),
    ToAtomics(Q, u8),
    Arith(Q, Q),
    Neg(Q),
    Exp(Q),
    Ln(Q),
    Sqrt(Q),
    Pdf(Q),
    Cdf(Q),
    InvCdf(Q),
    VarEs(u32),
    NormalQ32(u64),
    TailCount(u32, u32),
    SigmaHorizon(Q, u64),
    HorizonScale(u64, u64),
    SimpleReturn(u128, u128),
    Parametric { n: u8, notionals: Vec<N>, sigma: Vec<Q>, rho: Matrix, z: Q, es: Q },
    Historical { notionals: Vec<N>, returns: Vec<i64>, scale: Q, bps: u32 },
    MonteCarlo { notionals: Vec<N>, sigma: Vec<Q>, chol: Matrix, factor: bool, paths: u8, seed: u64, bps: u32 },
    Stress { notionals: Vec<N>, shocks: Vec<N> },
    Cholesky { n: u8, rho: Matrix },
    Cover { values: Vec<u128>, n: u8, s: u128, c: u128, l: u128 },
    Wide { a: i128, b: i128, hi: u128, lo: u128, bits: u16 },
}

/// Sigma values are either as given or brought into the documented [0, 128].
fn sigmas(v: &[Q], n: usize) -> Vec<Q64> {
    v.iter().cycle().take(if v.is_empty() { 0 } else { n }).map(|q| q.q()).collect()
}

fn run(op: Op) {
    match op {
        Op::FromRatio(a, b) => {
            let _ = Q64::from_ratio(a, b);
        }
        Op::FromAtomics(a, d) => {
            let _ = Q64::from_atomics(a, d as u32);
        }
        Op::ToAtomics(q, d) => {
            let (q, d) = (q.q(), d as u32);
            if let (Ok(f), Ok(c)) = (q.to_atomics_floor(d), q.to_atomics_ceil(d)) {
                assert!(f <= c && c - f <= 1, "floor {f} ceil {c}");
            }
        }
        Op::Arith(a, b) => {
            let (a, b) = (a.q(), b.q());
            let _ = a.mul(b);
            let _ = a.div(b);
            let _ = a.add(b);
            let _ = a.sub(b);
            let _ = a.is_negative();
        }
        Op::Neg(a) => {
            let a = a.q();
            let _ = a.neg();
            let _ = a.abs();
        }
        Op::Exp(x) => {
            if let Ok(e) = special::exp(x.q()) {
                assert!(e.raw() >= 0, "exp negative");
            }
        }
        Op::Ln(x) => {
            let _ = special::ln(x.q());
        }
        Op::Sqrt(x) => {
            let x = x.q();
            if let (Ok(f), Ok(c)) = (special::sqrt(x), special::sqrt_ceil(x)) {
                assert!(f <= c && c.raw() - f.raw() <= 1);
            }
        }
        Op::Pdf(x) => {
            if let Ok(p) = normal::pdf(x.q()) {
                assert!(p.raw() >= 0 && p.raw() < (1i128 << 63), "pdf out of [0, 0.5)");
            }
        }
        Op::Cdf(x) => {
            if let Ok(p) = normal::cdf(x.q()) {
                assert!(p.raw() >= 0 && p <= Q64::ONE, "cdf {p:?} out of [0, 1]");
            }
        }
        Op::InvCdf(p) => {
            let _ = normal::inv_cdf(p.q());
        }
        Op::VarEs(bps) => {
            let _ = normal::var_es_factors(bps);
        }
        Op::NormalQ32(u) => {
            let z = normal::normal_q32(u);
            assert!(z.unsigned_abs() < 10u64 << 32, "draw {z} beyond 10 sigma");
        }
        Op::TailCount(bps, k) => {
            let _ = measures::tail_count(bps, k as usize);
            let _ = measures::min_observations(bps);
        }
        Op::SigmaHorizon(v, h) => {
            let _ = measures::sigma_horizon(v.q(), h);
        }
        Op::HorizonScale(h, r) => {
            let _ = measures::horizon_scale(h, r);
        }
        Op::SimpleReturn(p, c) => {
            let _ = measures::simple_return(p, c);
        }
        Op::Parametric { n, notionals, sigma, rho, z, es } => {
            let n = (n % 9) as usize;
            let notionals: Vec<i128> = notionals.iter().take(n).map(|x| x.n()).collect();
            let k = notionals.len();
            let _ = measures::parametric(&notionals, &sigmas(&sigma, k), &rho.build(k), z.q(), es.q());
        }
        Op::Historical { notionals, returns, scale, bps } => {
            let notionals: Vec<i128> = notionals.iter().take(8).map(|x| x.n()).collect();
            let returns: Vec<Ret56> = returns.into_iter().take(2_000).map(Ret56::from_raw).collect();
            let _ = measures::historical(&notionals, &returns, scale.q(), bps);
        }
        Op::MonteCarlo { notionals, sigma, chol, factor, paths, seed, bps } => {
            let notionals: Vec<i128> = notionals.iter().take(8).map(|x| x.n()).collect();
            let k = notionals.len();
            let m = chol.build(k);
            // Either the given matrix as the factor, or its Cholesky factor when it has one.
            let f = if factor { linalg::cholesky(&m, k).unwrap_or(m) } else { m };
            let paths = (paths as u32 * 200) / 255;
            let _ = measures::monte_carlo(&notionals, &sigmas(&sigma, k), &f, paths, seed, bps);
        }
        Op::Stress { notionals, shocks } => {
            let notionals: Vec<i128> = notionals.iter().take(16).map(|x| x.n()).collect();
            let shocks: Vec<i128> = shocks.iter().take(17).map(|x| x.n()).collect();
            let _ = measures::stress_loss(&notionals, &shocks);
        }
        Op::Cholesky { n, rho } => {
            let n = (n % 9) as usize;
            let m = rho.build(n);
            let _ = linalg::cholesky(&m, n);
        }
        Op::Cover { values, n, s, c, l } => {
            let u = cover::uncovered(s, c, l);
            assert!(u <= l && u <= s);
            let values: Vec<u128> = values.into_iter().take(80).collect();
            let _ = cover::cover_n(&values, n as usize);
        }
        Op::Wide { a, b, hi, lo, bits } => {
            let p = wide::mul_i128(a, b);
            let bits = bits as u32 % 256;
            let _ = wide::shr_floor_to_i128(p, bits);
            let _ = wide::shr_ceil(p, bits);
            let _ = wide::bit_len(p);
            let r = wide::isqrt_u128(hi);
            assert!(r.checked_mul(r).is_some_and(|sq| sq <= hi));
            let _ = wide::isqrt_u64(lo as u64);
            let n = (U256::from(hi) << 128) | U256::from(lo);
            let f = wide::isqrt_u256(n);
            match wide::isqrt_u256_ceil(n) {
                Some(c) => assert!(c >= f && c - f <= 1),
                None => assert_eq!(f, u128::MAX, "ceil root only overflows past (2^128-1)^2"),
            }
            let _ = I256::from(a);
        }
    }
}

fuzz_target!(|ops: Vec<Op>| {
    for op in ops.into_iter().take(16) {
        run(op);
    }
});
