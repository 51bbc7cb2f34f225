//! The per-market ladder (as SPAN's risk arrays): legs revalued at a few returns, scenarios read
//! by linear interpolation plus a bound on the interpolation error, so the ladder never
//! understates a loss. Also the scenario sets of historical and Monte Carlo with legs.

use super::book::{ceil_units, linear_pnl, moved_price, prepare_all, Book, Clock, Point, Prepared, PreparedLeg};
use super::OptionKind;
use super::{OptionError, OptionResult, MIN_PRICE};
use crate::fixed::Q64;
use crate::formats::Ret56;
use crate::measures::{min_observations, tail_count, Measure, MAX_HIST_SCALE, RET_FRAC_BITS};
use crate::normal::normal_q32;
use crate::prng::Xoshiro256;
use crate::BPS;
use ethnum::I256;

/// The SPEC default of `option_ladder_points`.
pub const DEFAULT_LADDER_POINTS: u32 = 33;
/// The largest `option_ladder_points` (SPEC).
pub const MAX_LADDER_POINTS: u32 = 65;

/// One market's ladder: its legs' P&L lower bounds at returns r₀ < … < r_{L−1}, with what the
/// interpolation error bound needs at each point.
#[derive(Clone, Debug)]
pub struct Ladder {
    rs: Vec<Q64>,
    pts: Vec<Point>,
    /// One per segment [rⱼ, rⱼ₊₁]: the interpolation's constants, so that reading a scenario
    /// costs multiplies and shifts only (no 256-bit division per scenario).
    segs: Vec<Segment>,
    /// Legs whose price is too sharp for the spacing (σ√τ' ≤ h/8): valued per scenario from
    /// their intrinsic value instead (see [`Ladder::new`]).
    sharp: Vec<PreparedLeg>,
    price: Q64,
    /// Σ|size|·(⌈S⌉ + 1) units of 2⁻⁶⁴ plus one: the constant part of the bound.
    slack: I256,
}

fn check_points(points: u32) -> OptionResult<()> {
    if !(3..=MAX_LADDER_POINTS).contains(&points) || points.is_multiple_of(2) {
        return Err(OptionError::LadderPoints { points, max: MAX_LADDER_POINTS });
    }
    Ok(())
}

/// One ladder segment [a, b] (h = b − a > 0, in 2⁻⁶⁴ units of return) with the constants of
/// [`Ladder::pnl_lower`]'s bound, each rounded so the bound stays a lower bound of the P&L:
/// - `base` = P(a) − spread(b) − slack;
/// - `slope` = ⌊(P(b) − P(a))·2⁶⁴/h⌋, so ⌊d·slope/2⁶⁴⌋ ≤ (P(b) − P(a))·d/h (the chord, down);
/// - `tan_a`, `tan_b` = ⌈T·2⁶⁴/h⌉ of the bought legs' tangent terms T (see [`Ladder::new`]),
///   so ⌈d·tan/2⁶⁴⌉ ≥ T·d/h (the convexity allowance, up); `None` when a tangent term is ≤ 0
///   (no allowance).
///
/// Then at d = r − a ∈ (0, h]: lower(d) = base + ⌊d·slope/2⁶⁴⌋ − min(⌈d·tan_a/2⁶⁴⌉,
/// ⌈(h − d)·tan_b/2⁶⁴⌉), at most 3 units of 2⁻⁶⁴ below the exact-division form.
/// Magnitudes: |P| ≤ 2¹⁸⁴ (legs ≤ 2¹⁰⁶ units·S, |r| ≤ 2¹⁴, in 2⁻⁶⁴ units), so every ·2⁶⁴ and
/// every d·(·) ≤ 2²⁴⁸ fits in 256 bits (checked once here).
#[derive(Clone, Copy, Debug)]
struct Segment {
    h: I256,
    base: I256,
    slope: I256,
    tangents: Option<(I256, I256)>,
}

impl Segment {
    fn new(a: Q64, b: Q64, pa: &Point, pb: &Point, slack: I256) -> OptionResult<Segment> {
        let overflow = || OptionError::Math(crate::MathError::Overflow { what: "ladder segment" });
        let h = I256::from(b.raw() - a.raw());
        let shifted = |x: I256| x.checked_mul(I256::ONE << 64u32).ok_or_else(overflow);
        let slope = shifted(pb.pnl - pa.pnl)?.div_euclid(h);
        // The bought legs' tangent bound: h·s ∈ [D − spread_a, D + spread_b], D the difference of
        // their lower bounds (their constant parts cancel).
        let d = pb.long_pnl - pa.long_pnl;
        let tan_a = d + pb.long_spread - ((h * pa.slope_lo) >> 64u32);
        let tan_b = -((-(h * pb.slope_hi)) >> 64u32) - (d - pa.long_spread);
        let tangents = if tan_a <= 0 || tan_b <= 0 {
            None
        } else {
            let up = |t: I256| -> OptionResult<I256> { Ok((shifted(t)? + h - 1) / h) };
            Some((up(tan_a)?, up(tan_b)?))
        };
        Ok(Segment { h, base: pa.pnl - pb.spread - slack, slope, tangents })
    }

    /// The P&L lower bound at d = r − a (0 < d ≤ h), 2⁻⁶⁴ settlement units.
    fn lower(&self, d: I256) -> I256 {
        let step = (d * self.slope) >> 64u32;
        let allowance = match self.tangents {
            None => I256::ZERO,
            Some((ta, tb)) => ceil_units(d * ta).min(ceil_units((self.h - d) * tb)),
        };
        self.base + step - allowance
    }
}

impl Ladder {
    /// The ladder of one market's legs (vol unchanged, revalued at τ' = max(τ − horizon, 0)) over
    /// `points` returns evenly spanning [max(−R, r_min), R], R = `r_max` (the largest |return|
    /// among the market's scenarios) and r_min = ⌊MIN_PRICE/S⌋ − 1 (every return below r_min
    /// already prices the market at [`MIN_PRICE`], so clamping there changes no P&L and keeps a
    /// put's kink at S' = MIN_PRICE out of the interior of a segment).
    ///
    /// Interpolation error bound at a return x in the segment [a, b] (stated; subtracted from the
    /// interpolated P&L by [`Ladder::pnl_lower`]): every leg's value is convex in r (Black-76 is
    /// convex in S and S' = S(1+r)), so the chord of the written legs' P&L (concave) lies below
    /// it — conservative — and only the bought legs' P&L G (convex) can lie below its chord, by at
    /// most min((x−a)·(s − G'(a)), (b−x)·(G'(b) − s)), s = (G(b) − G(a))/(b − a) (G lies above
    /// its tangents at a and b). The bound evaluates that with G' = Σ size·S·Δ taken at its
    /// bracket ends and s at its bracket's worse end, floored at 0; it is at most
    /// (b−a)·(G'(b) − G'(a))/4. Added to it: the width of all legs' price brackets at b (so the
    /// ladder also dominates direct revaluation computed in the same arithmetic) and
    /// Σ|size|·(⌈S⌉ + 1)·2⁻⁶⁴. Units: 2⁻⁶⁴ settlement base units.
    ///
    /// Sharp legs: a bought leg whose σ√τ' is at most an eighth of the spacing (one expiring at
    /// or just after the horizon: its P&L is nearly a kink, where the convexity bound is widest)
    /// is not put on the ladder but valued per scenario at its intrinsic value at S' — one
    /// multiply and a comparison, no Φ. Intrinsic never exceeds the bracket's lower end, so the
    /// ladder still dominates direct revaluation; it understates the leg's value (overstates the
    /// loss) by at most its time value, ≤ S'·σ√τ'/√(2π) ≤ S'·h/20. Written legs stay on the ladder
    /// (their chord is conservative).
    /// Domain: odd `points` in [3, 65], |R| ≤ 2¹⁴. Cost: `points` revaluations per smooth leg.
    pub fn new(book: &Book, clock: &Clock, r_max: Q64, points: u32) -> OptionResult<Ladder> {
        Ladder::build(&Prepared::new(book, clock)?, r_max, points)
    }

    pub(crate) fn build(p: &Prepared, r_max: Q64, points: u32) -> OptionResult<Ladder> {
        check_points(points)?;
        let r_max = r_max.abs();
        super::book::check_move(r_max)?;
        if p.legs.is_empty() {
            return Ok(Ladder {
                rs: vec![r_max],
                pts: vec![Point::default()],
                segs: Vec::new(),
                sharp: Vec::new(),
                price: p.price,
                slack: I256::ZERO,
            });
        }
        let slack = p
            .legs
            .iter()
            .map(|l| I256::from(l.size.unsigned_abs()) * I256::from((p.price.raw() >> 64u32) + 1))
            .sum::<I256>()
            + 1;
        let r_min = MIN_PRICE.div(p.price)?.sub(Q64::ONE)?;
        let lo = r_max.neg().max(r_min);
        if lo >= r_max {
            return Ok(Ladder {
                rs: vec![r_max],
                pts: vec![p.eval(r_max, None)?],
                segs: Vec::new(),
                sharp: Vec::new(),
                price: p.price,
                slack,
            });
        }
        let span = I256::from(r_max.raw() - lo.raw());
        let last = I256::from(points - 1);
        let h8 = i128::try_from(span / (last * 8)).unwrap_or(i128::MAX);
        let (sharp, smooth): (Vec<PreparedLeg>, Vec<PreparedLeg>) =
            p.legs.iter().partition(|l| l.size > 0 && l.after.v.raw() <= h8);
        let p = &Prepared { legs: smooth, ..p.clone() };
        let mut rs = Vec::new();
        let mut pts = Vec::new();
        for j in 0..points {
            let off = i128::try_from(span * I256::from(j) / last)
                .map_err(|_| crate::MathError::Overflow { what: "ladder" })?;
            let r = Q64::from_raw(lo.raw() + off);
            // A span narrower than the spacing (R below 64 units of 2⁻⁶⁴) rounds neighbouring
            // points onto one return: keep it once, so every segment has h ≥ 1 (red team: a
            // zero-width segment divided by zero and aborted the query).
            if rs.last() == Some(&r) {
                continue;
            }
            rs.push(r);
            pts.push(p.eval(r, None)?);
        }
        let segs = rs
            .windows(2)
            .zip(pts.windows(2))
            .map(|(r, pt)| Segment::new(r[0], r[1], &pt[0], &pt[1], slack))
            .collect::<OptionResult<_>>()?;
        Ok(Ladder { rs, pts, segs, sharp, price: p.price, slack })
    }

    /// Lower bound of the legs' P&L at return `r` (2⁻⁶⁴ settlement base units): the chord
    /// between the two points around r, rounded toward −∞, minus the bound stated at
    /// [`Ladder::new`]. A return below the first point reads the first point (same S').
    /// Domain: r ≤ R (else `MoveOutOfRange`).
    pub fn pnl_lower(&self, r: Q64) -> OptionResult<I256> {
        Ok(self.smooth_lower(r)? + self.sharp_lower(r)?)
    }

    /// The sharp legs (bought) at r: S' = max(S(1+r), MIN_PRICE), each at its intrinsic value,
    /// which never exceeds the lower end of its Black-76 bracket.
    fn sharp_lower(&self, r: Q64) -> OptionResult<I256> {
        let mut pnl = I256::ZERO;
        if self.sharp.is_empty() {
            return Ok(pnl);
        }
        let s1 = moved_price(self.price, r)?;
        for leg in &self.sharp {
            let intrinsic = match leg.kind {
                OptionKind::Call if s1 > leg.strike => s1.sub(leg.strike)?,
                OptionKind::Put if leg.strike > s1 => leg.strike.sub(s1)?,
                _ => Q64::ZERO,
            };
            let abs = I256::from(leg.size.unsigned_abs());
            pnl += I256::from(leg.size) * I256::from(intrinsic.sub(leg.base)?.raw())
                - abs * I256::from((self.price.raw() >> 64u32) + 1);
        }
        Ok(pnl)
    }

    fn smooth_lower(&self, r: Q64) -> OptionResult<I256> {
        let n = self.rs.len();
        let last = self.rs[n - 1];
        if r > last {
            return Err(OptionError::MoveOutOfRange { ret: r, max: last });
        }
        if n == 1 || r <= self.rs[0] {
            return Ok(self.pts[0].pnl - self.pts[0].spread - self.slack);
        }
        // The segment [rⱼ, rⱼ₊₁] holding r (rs ascending, r₀ < r ≤ r_last): comparisons only.
        let j = self.rs.partition_point(|x| *x < r).saturating_sub(1).min(self.segs.len() - 1);
        Ok(self.segs[j].lower(I256::from(r.raw() - self.rs[j].raw())))
    }

    /// The ladder's returns (for tests and reports).
    pub fn points(&self) -> &[Q64] {
        &self.rs
    }
}

fn check_rows(n: usize, len: usize) -> OptionResult<usize> {
    if n == 0 {
        return Ok(0);
    }
    if !len.is_multiple_of(n) {
        return Err(OptionError::DimensionMismatch { expected: n, got: len % n });
    }
    Ok(len / n)
}

/// The ladders of every book over its own scenarios' largest |return| (`returns` K × n,
/// scenario-major); `None` for a book without unexpired legs.
fn ladders(prepared: &[Prepared], returns: &[Q64], points: u32) -> OptionResult<Vec<Option<Ladder>>> {
    let n = prepared.len();
    prepared
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if p.legs.is_empty() {
                return Ok(None);
            }
            let r_max = returns.iter().skip(i).step_by(n).map(|r| r.abs()).max().unwrap_or(Q64::ZERO);
            Ladder::build(p, r_max, points).map(Some)
        })
        .collect()
}

/// Per-scenario losses with legs read through each market's [`Ladder`]: loss_k = −Σᵢ (Nᵢ·r_ki +
/// ladderᵢ(r_ki)), `returns` K scenarios × n markets (scenario-major), each the floor of the
/// scenario's true return (a Monte Carlo draw, [`monte_carlo_returns`]). Units: 2⁻⁶⁴ settlement
/// base units, not clamped. Rounding: a short linear takes r + 2⁻⁶⁴; the ladder's lower bound
/// makes each loss ≥ the loss [`super::direct_losses`] computes for the same scenario (tested).
/// Cost: `points` valuations per leg plus one interpolation per market and scenario.
pub fn ladder_losses(books: &[Book], clock: &Clock, returns: &[Q64], points: u32) -> OptionResult<Vec<I256>> {
    let prepared = prepare_all(books, clock)?;
    let n = prepared.len();
    check_rows(n, returns.len())?;
    if n == 0 {
        return Ok(Vec::new());
    }
    let ls = ladders(&prepared, returns, points)?;
    returns
        .chunks_exact(n)
        .map(|row| {
            let mut pnl = I256::ZERO;
            for ((p, l), r) in prepared.iter().zip(&ls).zip(row) {
                pnl += linear_pnl(p.linear, *r, true);
                if let Some(l) = l {
                    pnl += l.pnl_lower(*r)?;
                }
            }
            Ok(-pnl)
        })
        .collect()
}

/// VaR and ES of losses given in units of 2⁻⁶⁴ settlement base units: sorted descending,
/// m = ⌈(1−α)K⌉ ([`tail_count`]), VaR = L₍ₘ₎, ES = mean(L₍₁..ₘ₎), each floored at 0 and rounded
/// up to whole units (the mean rounded up first). `InsufficientHistory` while K < ⌈1/(1−α)⌉;
/// `InvalidConfidence` for α ≥ 100 %.
pub fn tail_measure(mut losses: Vec<I256>, confidence_bps: u32) -> OptionResult<Measure> {
    if confidence_bps >= BPS {
        return Err(crate::MathError::InvalidConfidence { confidence_bps, min: 0, max: BPS - 1 }.into());
    }
    let k = losses.len();
    let need = min_observations(confidence_bps);
    if k < need {
        return Err(crate::MathError::InsufficientHistory { have: k, need }.into());
    }
    let m = tail_count(confidence_bps, k);
    losses.select_nth_unstable_by(m - 1, |a, b| b.cmp(a));
    let var = losses[m - 1];
    let sum: I256 = losses[..m].iter().copied().sum();
    let den = I256::from(u64::try_from(m).map_err(|_| crate::MathError::Overflow { what: "tail count" })?);
    let mean = (sum + den - 1).div_euclid(den);
    Ok(Measure { var: super::book::loss_units(var)?, es: super::book::loss_units(mean)? })
}

/// VaR and ES over a scenario set with legs through the ladder: [`tail_measure`] of
/// [`ladder_losses`]. Rounding: up.
pub fn ladder_measure(
    books: &[Book],
    clock: &Clock,
    returns: &[Q64],
    points: u32,
    confidence_bps: u32,
) -> OptionResult<Measure> {
    tail_measure(ladder_losses(books, clock, returns, points)?, confidence_bps)
}

/// Historical scenario returns for the legs: r_ki·scale_k in Q64.64, rounded toward −∞, from
/// stored simple returns in Q7.56 (`returns` K rounds × n markets, round-major, as
/// [`crate::measures::historical_per_round`] takes them) and `scales[k]` = √(horizon/Δt_k).
/// The exact scaled return lies in [r, r + (scale + 1)·2⁻⁵⁶]; a caller that needs a strict bound
/// adds that slack times Σ|size|·S (the legs' largest |∂P&L/∂r|). Domain: |r| ≤ 16, scale ≤ 1024.
pub fn historical_returns(returns: &[Ret56], scales: &[Q64], n: usize) -> OptionResult<Vec<Q64>> {
    let k = check_rows(n, returns.len())?;
    if scales.len() != k {
        return Err(OptionError::DimensionMismatch { expected: k, got: scales.len() });
    }
    if scales.iter().any(|s| s.is_negative() || *s > MAX_HIST_SCALE) || returns.iter().any(|r| !r.within_max()) {
        return Err(crate::MathError::Domain { what: "return above 1600% or scale outside [0, 1024]" }.into());
    }
    let mut out = Vec::with_capacity(returns.len());
    for (row, s) in returns.chunks_exact(n.max(1)).zip(scales) {
        for r in row {
            let x = (I256::from(r.raw()) * I256::from(s.raw())) >> RET_FRAC_BITS;
            out.push(Q64::from_raw(
                i128::try_from(x).map_err(|_| crate::MathError::Overflow { what: "scaled return" })?,
            ));
        }
    }
    Ok(out)
}

/// Monte Carlo scenario returns per market: rᵢ = sᵢ·(L·z)ᵢ for `paths` draws, z from
/// [`normal_q32`] over xoshiro256**(`seed`) drawn path-major, market-minor (the same stream as
/// [`crate::measures::simulate`]), `chol` the lower-triangular Cholesky factor of ρ (n×n,
/// row-major, |L| ≤ 2), `sigma_h[i]` = σᵢ√(h/year) ≤ 128. Result: `paths` × n (path-major),
/// each rounded toward −∞ (the model's exact return lies within 2⁻⁶⁴ above). Cost: n(n+1)/2
/// multiplies and n draws per path.
pub fn monte_carlo_returns(sigma_h: &[Q64], chol: &[Q64], paths: u32, seed: u64) -> OptionResult<Vec<Q64>> {
    let n = sigma_h.len();
    if chol.len() != n * n {
        return Err(OptionError::DimensionMismatch { expected: n * n, got: chol.len() });
    }
    if sigma_h.iter().any(|s| s.is_negative() || *s > crate::measures::MAX_SIGMA_H)
        || chol.iter().any(|c| c.abs() > Q64::from_int(2))
    {
        return Err(crate::MathError::Domain { what: "horizon volatility outside [0, 128] or |L| > 2" }.into());
    }
    let mut rng = Xoshiro256::seed(seed);
    let cap = usize::try_from(paths).unwrap_or(0).saturating_mul(n);
    let mut out = Vec::with_capacity(cap);
    let mut z = vec![0i64; n];
    for _ in 0..paths {
        for zk in z.iter_mut() {
            *zk = normal_q32(rng.next_u64());
        }
        for i in 0..n {
            // x = Σₖ≤ᵢ Lᵢₖ·zₖ in units of 2⁻⁹⁶; r = s·x in 2⁻¹⁶⁰ → Q64.64.
            let x: I256 = (0..=i).map(|k| I256::from(chol[i * n + k].raw()) * I256::from(z[k])).sum();
            let r = (x * I256::from(sigma_h[i].raw())) >> 96u32;
            out.push(Q64::from_raw(
                i128::try_from(r).map_err(|_| crate::MathError::Overflow { what: "simulated return" })?,
            ));
        }
    }
    Ok(out)
}
