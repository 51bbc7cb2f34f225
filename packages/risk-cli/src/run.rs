//! The rolling one-step-ahead backtest over risk-math's integer measures (the oracle's code
//! path): one row = one round of [`ROUND_SECS`]; the VaR for the move from row t to row t+h
//! uses only the `window` returns that end at row t.

use ethnum::I256;
use risk_math::ewma::{rms_volatility, Ewma, EwmaState};
use risk_math::filtered::filtered_historical;
use risk_math::measures::{
    historical_per_round, horizon_scale, parametric_factored, sigma_horizon, simple_return, Measure,
};
use risk_math::normal::var_es_factors;
use risk_math::{Ret56, Q64};

use crate::prices::Row;

/// The spacing of one row: a day (the annualisation of volatilities uses year = 365 days, as
/// the oracle; it cancels out of every VaR here except through rounding).
pub const ROUND_SECS: u64 = 86_400;

/// The position's notional: 10¹⁸ settlement units (one unit of 18-decimal money), so the VaR
/// in units is the VaR as a fraction of the notional times 10¹⁸.
pub const NOTIONAL: i128 = 1_000_000_000_000_000_000;

/// Which VaR model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// Delta-normal: z·σ·√h, σ the window's RMS volatility (or the EWMA one when λ is given).
    Parametric,
    /// The m-th largest loss of the window.
    Historical,
    /// Historical over returns rescaled by σ_now/σ_k (EWMA σ).
    FilteredHistorical,
}

impl Method {
    /// The name used on the command line and in the JSON.
    pub fn name(self) -> &'static str {
        match self {
            Method::Parametric => "parametric",
            Method::Historical => "historical",
            Method::FilteredHistorical => "filtered_historical",
        }
    }
}

/// Everything a run needs.
#[derive(Clone, Debug)]
pub struct Config {
    /// The model.
    pub method: Method,
    /// Rounds (returns) in the window.
    pub window: usize,
    /// One-sided confidence, bps.
    pub confidence_bps: u32,
    /// EWMA λ as 18-decimal atomics; `None`: parametric uses the window's volatility.
    pub lambda_atomics: Option<u128>,
    /// The owner-set volatility floor (annualised, 18-decimal atomics; 0 = none).
    pub vol_floor_atomics: u128,
    /// Long (true) or short.
    pub long: bool,
    /// Horizon in rows.
    pub horizon_rows: usize,
}

/// One backtested round.
#[derive(Clone, Debug)]
pub struct Obs {
    /// Index of the row the forecast is made at (the move is from it to `at + h`).
    pub at: usize,
    /// VaR and ES in units of [`NOTIONAL`].
    pub measure: Measure,
    /// The realised loss as a fraction of the notional (for the statistics and the chart).
    pub loss: f64,
    /// The realised loss exceeds the VaR (decided exactly in integers).
    pub breach: bool,
}

/// `x` as f64 without `as` (exact to 53 bits).
pub fn u128_f64(x: u128) -> f64 {
    let hi = u64::try_from(x >> 64).unwrap_or(u64::MAX);
    let lo = u64::try_from(x & u128::from(u64::MAX)).unwrap_or(0);
    let part = |v: u64| {
        f64::from(u32::try_from(v >> 32).unwrap_or(u32::MAX)) * 4_294_967_296.0
            + f64::from(u32::try_from(v & 0xffff_ffff).unwrap_or(0))
    };
    part(hi) * 18_446_744_073_709_551_616.0 + part(lo)
}

/// A Q64.64 value as f64.
pub fn q64_f64(q: Q64) -> f64 {
    let neg = q.is_negative();
    let v = u128_f64(q.raw().unsigned_abs()) / 18_446_744_073_709_551_616.0;
    if neg {
        -v
    } else {
        v
    }
}

fn math(e: risk_math::MathError, row: &Row) -> String {
    format!("at {}: {e}", row.date)
}

/// The volatility in force before each return (index j: before return j updated it; index
/// R: after the last), EWMA seeded at the window's first `window` returns' RMS volatility.
fn ewma_path(returns: &[Ret56], cfg: &Config, lambda: u128, rows: &[Row]) -> Result<Vec<Q64>, String> {
    let seed = rms_volatility(&returns[..cfg.window.min(returns.len())], ROUND_SECS).map_err(|e| math(e, &rows[0]))?;
    let state =
        EwmaState::of_variance(seed.mul(seed).map_err(|e| math(e, &rows[0]))?).map_err(|e| math(e, &rows[0]))?;
    let mut ewma = Ewma::new(lambda, Some(state)).map_err(|e| format!("--lambda: {e}"))?;
    let mut out = Vec::with_capacity(returns.len() + 1);
    for (j, r) in returns.iter().enumerate() {
        out.push(ewma.vol_in_force(cfg.vol_floor_atomics).map_err(|e| math(e, &rows[j]))?);
        ewma.update(cfg.vol_floor_atomics, *r, ROUND_SECS).map_err(|e| math(e, &rows[j + 1]))?;
    }
    out.push(ewma.vol_in_force(cfg.vol_floor_atomics).map_err(|e| math(e, &rows[returns.len()]))?);
    Ok(out)
}

/// Runs the backtest; `tick` is called once per round (the progress bar).
pub fn backtest(rows: &[Row], cfg: &Config, mut tick: impl FnMut()) -> Result<Vec<Obs>, String> {
    let h = cfg.horizon_rows.max(1);
    let returns: Vec<Ret56> = rows
        .windows(2)
        .map(|w| simple_return(w[0].atomics, w[1].atomics).map_err(|e| math(e, &w[1])))
        .collect::<Result<_, _>>()?;
    if returns.len() < cfg.window + h {
        return Err(format!(
            "{} rows give {} returns; a window of {} and a horizon of {h} rows need at least {}",
            rows.len(),
            returns.len(),
            cfg.window,
            cfg.window + h
        ));
    }
    let notional = if cfg.long { NOTIONAL } else { -NOTIONAL };
    let horizon = ROUND_SECS * u64::try_from(h).map_err(|_| "horizon too long")?;
    let scale = horizon_scale(horizon, ROUND_SECS).map_err(|e| format!("--horizon-rows: {e}"))?;
    let scales = vec![scale; cfg.window];
    let (z, es_f) = var_es_factors(cfg.confidence_bps).map_err(|e| format!("--confidence-bps: {e}"))?;
    let sigmas = match (cfg.method, cfg.lambda_atomics) {
        (Method::FilteredHistorical, None) => return Err("filtered_historical needs EWMA: give --lambda".into()),
        (_, Some(l)) if cfg.method != Method::Historical => Some(ewma_path(&returns, cfg, l, rows)?),
        _ => None,
    };
    let mut out = Vec::with_capacity(returns.len() - cfg.window);
    for t in cfg.window..=returns.len() - h {
        let win = &returns[t - cfg.window..t];
        let row = &rows[t];
        let m = match cfg.method {
            Method::Historical => historical_per_round(&[notional], win, &scales, cfg.confidence_bps),
            Method::Parametric => {
                let vol = match &sigmas {
                    Some(s) => Ok(s[t]),
                    None => rms_volatility(win, ROUND_SECS),
                };
                vol.and_then(|v| sigma_horizon(v, horizon))
                    .and_then(|s| parametric_factored(&[notional], &[s], &[Q64::ONE], &[Q64::ONE], z, es_f))
            }
            Method::FilteredHistorical => {
                let s = sigmas.as_deref().unwrap_or(&[]);
                filtered_historical(&[notional], win, &s[t - cfg.window..t], &[s[t]], &scales, cfg.confidence_bps)
            }
        }
        .map_err(|e| math(e, row))?;
        // Realised loss of the move row t → t+h: −N·(p₁ − p₀)/p₀ > VaR ⇔ −N·(p₁ − p₀) > VaR·p₀.
        let (p0, p1) = (rows[t].atomics, rows[t + h].atomics);
        let lhs = -I256::from(notional) * (I256::from(p1) - I256::from(p0));
        let breach = lhs > I256::from(m.var) * I256::from(p0);
        let frac = (u128_f64(p1) - u128_f64(p0)) / u128_f64(p0);
        let loss = if cfg.long { -frac } else { frac };
        out.push(Obs { at: t, measure: m, loss, breach });
        tick();
    }
    Ok(out)
}

/// An 18-decimal atomics value of a decimal flag (`0.94`), for λ and the floor.
pub fn atomics_of(flag: &str, value: &str) -> Result<u128, String> {
    crate::prices::parse_decimal(value).ok_or_else(|| format!("{flag}: `{value}` is not a plain decimal number"))
}

/// λ's Q64 as risk-math reads it, for the report (`None` without EWMA).
pub fn lambda_q64(a: Option<u128>) -> Option<f64> {
    a.and_then(|a| risk_math::ewma::q64_of_dec(a).ok()).map(q64_f64)
}
