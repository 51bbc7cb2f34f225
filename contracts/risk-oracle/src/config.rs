//! Validation of the configuration: every field against its domain and the hard limits, and
//! the configuration against every assessment it allows (used by instantiate and the owner's
//! actions).

use cosmwasm_std::{Addr, Api, Decimal, Order, SignedDecimal, Storage};
use risk_math::conv::{u32_of_usize, u64_of_usize, usize_of_u32};
use risk_math::measures::{horizon_scale, min_observations, MAX_HIST_SCALE};
use risk_math::normal::var_es_factors;
use risk_pool::oracle::{Method, StressScenario};

use crate::error::ContractError;
use crate::limits::*;
use crate::state::{load_rounds, majority, Config, MARKETS, ROUNDS, SLOTS};

/// `InvalidConfig` with its reason.
pub fn invalid(reason: impl Into<String>) -> ContractError {
    ContractError::InvalidConfig { reason: reason.into() }
}

/// The feeder list: at most `MAX_FEEDERS` valid addresses, none twice.
pub fn validate_feeders(api: &dyn Api, feeders: &[String]) -> Result<Vec<Addr>, ContractError> {
    if feeders.len() > MAX_FEEDERS {
        return Err(ContractError::LimitExceeded {
            what: "feeders",
            count: u64_of_usize(feeders.len()),
            max: u64_of_usize(MAX_FEEDERS),
        });
    }
    let mut out: Vec<Addr> = Vec::with_capacity(feeders.len());
    for f in feeders {
        let a = api.addr_validate(f)?;
        if out.contains(&a) {
            return Err(invalid(format!("feeder {a} listed twice")));
        }
        out.push(a);
    }
    Ok(out)
}

/// Checks every field against its domain and the hard limits, and refreshes the cached
/// quantile factors.
pub fn validate(cfg: &mut Config) -> Result<(), ContractError> {
    cache_factors(cfg)?;
    validate_timing(cfg)?;
    validate_sizes(cfg)?;
    validate_method(cfg)?;
    validate_requirement(cfg)?;
    validate_round_rule(cfg)?;
    crate::options::validate_options(cfg)
}

/// z = Φ⁻¹(α) and φ(z)/(1−α) for the confidence, cached (confidence in [5000, 9999]).
fn cache_factors(cfg: &mut Config) -> Result<(), ContractError> {
    let (z, es) = var_es_factors(cfg.confidence_bps)
        .map_err(|_| invalid(format!("confidence_bps {} outside [5000, 9999]", cfg.confidence_bps)))?;
    cfg.z = z.into();
    cfg.es_factor = es.into();
    Ok(())
}

/// Horizon, staleness, round spacing, round move and the EWMA λ.
fn validate_timing(cfg: &Config) -> Result<(), ContractError> {
    if cfg.horizon_secs == 0 || cfg.horizon_secs > MAX_HORIZON_SECS {
        return Err(invalid(format!("horizon_secs {} outside [1, {MAX_HORIZON_SECS}]", cfg.horizon_secs)));
    }
    if cfg.max_staleness_secs == 0 {
        return Err(invalid("max_staleness_secs must be > 0"));
    }
    if cfg.round_secs == 0 {
        return Err(invalid("round_secs must be > 0"));
    }
    if cfg.max_move_bps == 0 || cfg.max_move_bps > MAX_MOVE_BPS {
        return Err(invalid(format!("max_move_bps {} outside [1, {MAX_MOVE_BPS}]", cfg.max_move_bps)));
    }
    if let Some(l) = cfg.ewma_lambda {
        if l.is_zero() || l >= Decimal::one() {
            return Err(invalid(format!("ewma_lambda {l} outside (0, 1)")));
        }
    }
    Ok(())
}

/// Every size limit in [1, its hard maximum].
fn validate_sizes(cfg: &Config) -> Result<(), ContractError> {
    let limit = |what: &str, v: u32, max: u32| {
        if v == 0 || v > max {
            Err(invalid(format!("{what} {v} outside [1, {max}]")))
        } else {
            Ok(())
        }
    };
    limit("max_markets", cfg.max_markets, MAX_MARKETS)?;
    limit("max_exposures", cfg.max_exposures, MAX_EXPOSURES)?;
    limit("max_paths", cfg.max_paths, MAX_PATHS)?;
    limit("max_scenarios", cfg.max_scenarios, MAX_SCENARIOS)?;
    limit("history_len", cfg.history_len, MAX_HISTORY)
}

/// Whether the method reads the price history (historical, filtered historical).
pub fn uses_history(m: &Method) -> bool {
    matches!(m, Method::Historical | Method::FilteredHistorical)
}

/// The method has the observations the confidence needs: history for historical, paths (within
/// `max_paths`) for Monte Carlo; filtered historical needs EWMA on (`FilteredNeedsEwma`).
fn validate_method(cfg: &Config) -> Result<(), ContractError> {
    if cfg.method == Method::FilteredHistorical && cfg.ewma_lambda.is_none() {
        return Err(ContractError::FilteredNeedsEwma {});
    }
    // ⌈1/(1−α)⌉ ≤ 10⁴.
    let need = u32_of_usize(min_observations(cfg.confidence_bps)).unwrap_or(u32::MAX);
    if uses_history(&cfg.method) && cfg.history_len < need {
        return Err(invalid(format!("history_len {} below the {need} rounds the confidence needs", cfg.history_len)));
    }
    if let Method::MonteCarlo { paths, .. } = cfg.method {
        if paths > cfg.max_paths {
            return Err(ContractError::LimitExceeded {
                what: "paths",
                count: u64::from(paths),
                max: u64::from(cfg.max_paths),
            });
        }
        if paths < need {
            return Err(invalid(format!("paths {paths} below the {need} the confidence needs")));
        }
    }
    Ok(())
}

/// A positive requirement multiplier and a Cover-N within the members one query takes.
fn validate_requirement(cfg: &Config) -> Result<(), ContractError> {
    if cfg.requirement_multiplier.is_zero() {
        return Err(invalid("requirement_multiplier must be > 0"));
    }
    if cfg.cover_n == 0 || usize_of_u32(cfg.cover_n) > MAX_POOL_MEMBERS {
        return Err(invalid(format!("cover_n {} outside [1, {MAX_POOL_MEMBERS}]", cfg.cover_n)));
    }
    Ok(())
}

/// The round rule: feeders a round needs, submission lifetime and the even-count spread.
fn validate_round_rule(cfg: &Config) -> Result<(), ContractError> {
    validate_min_feeders(cfg)?;
    if cfg.submission_ttl() == 0 {
        return Err(invalid("submission_ttl_secs must be > 0"));
    }
    if cfg.max_feeder_spread_bps > MAX_FEEDER_SPREAD_BPS {
        return Err(invalid(format!(
            "max_feeder_spread_bps {} outside [0, {MAX_FEEDER_SPREAD_BPS}]",
            cfg.max_feeder_spread_bps
        )));
    }
    Ok(())
}

/// An owner-set `min_feeders` lies in [⌊n/2⌋+1, n] for the current feeder set of n.
pub fn validate_min_feeders(cfg: &Config) -> Result<(), ContractError> {
    if let Some(k) = cfg.min_feeders {
        // n ≤ MAX_FEEDERS.
        let n = u32_of_usize(cfg.feeders.len()).unwrap_or(u32::MAX);
        let maj = majority(cfg.feeders.len());
        if k < maj || k > n {
            return Err(ContractError::MinFeedersOutOfRange { min_feeders: k, majority: maj, feeders: n });
        }
    }
    Ok(())
}

/// Stress scenarios: at most `max_scenarios`, each named (1-64 bytes, unique), shocking known
/// markets once each by a move in [−1, 1024].
pub fn validate_scenarios(
    storage: &dyn Storage,
    cfg: &Config,
    scenarios: &[StressScenario],
) -> Result<(), ContractError> {
    if scenarios.len() > usize_of_u32(cfg.max_scenarios) {
        return Err(ContractError::LimitExceeded {
            what: "stress scenarios",
            count: u64_of_usize(scenarios.len()),
            max: u64::from(cfg.max_scenarios),
        });
    }
    let max_shock = SignedDecimal::from_ratio(1024, 1);
    for (i, s) in scenarios.iter().enumerate() {
        let bad = |reason: String| ContractError::InvalidScenario { name: s.name.clone(), reason };
        if s.name.is_empty() || s.name.len() > MAX_NAME_LEN {
            return Err(bad(format!("name must be 1-{MAX_NAME_LEN} bytes")));
        }
        if scenarios[..i].iter().any(|o| o.name == s.name) {
            return Err(bad("name used twice".into()));
        }
        if s.shocks.len() > usize_of_u32(MAX_MARKETS) {
            return Err(bad(format!("{} shocks > {MAX_MARKETS}", s.shocks.len())));
        }
        for (j, sh) in s.shocks.iter().enumerate() {
            if !MARKETS.has(storage, &sh.market) {
                return Err(ContractError::UnknownMarket { market: sh.market.clone() });
            }
            if s.shocks[..j].iter().any(|o| o.market == sh.market) {
                return Err(bad(format!("market {} shocked twice", sh.market)));
            }
            if sh.shock < SignedDecimal::negative_one() || sh.shock > max_shock {
                return Err(bad(format!("shock {} for {} outside [-1, 1024]", sh.shock, sh.market)));
            }
            if let Some(v) = sh.vol_shock.filter(|v| *v <= SignedDecimal::negative_one() || *v > max_shock) {
                return Err(bad(format!("vol_shock {v} for {} outside (-1, 1024]", sh.market)));
            }
        }
    }
    Ok(())
}

/// One past the highest slot holding a market (listed or delisted).
fn slot_span(storage: &dyn Storage) -> Result<u64, ContractError> {
    let slots = SLOTS.may_load(storage)?.unwrap_or_default();
    Ok(slots.iter().rposition(|s| s.is_some()).map_or(0, |i| u64_of_usize(i).saturating_add(1)))
}

/// Checks the configuration against every assessment it allows, so that none can fail on it:
/// - Monte Carlo draws: a simulation spans the book's highest slot + 1, and new markets take
///   the first free slot, so every query spans at most max(slot span, max_markets) slots:
///   paths × that ≤ `MAX_MC_DRAWS`.
/// - Filtered historical reads every stored round's returns and volatilities of every slot:
///   `history_len` × max(slot span, max_markets) ≤ `MAX_FILTERED_CELLS`.
/// - Historical scale √(horizon/Δt) ≤ `MAX_HIST_SCALE` for every Δt an assessment can meet:
///   future rounds (Δt ≥ `round_secs`) and every stored round still reachable.
pub fn check_reachable(storage: &mut dyn Storage, cfg: &Config) -> Result<(), ContractError> {
    if let Method::MonteCarlo { paths, .. } = cfg.method {
        let span = slot_span(storage)?.max(u64::from(cfg.max_markets));
        let draws = u64::from(paths).saturating_mul(span);
        if draws > MAX_MC_DRAWS {
            return Err(ContractError::LimitExceeded {
                what: "monte carlo draws (paths × slots)",
                count: draws,
                max: MAX_MC_DRAWS,
            });
        }
    }
    if cfg.method == Method::FilteredHistorical {
        let span = slot_span(storage)?.max(u64::from(cfg.max_markets));
        let cells = u64::from(cfg.history_len).saturating_mul(span);
        if cells > MAX_FILTERED_CELLS {
            return Err(ContractError::LimitExceeded {
                what: "filtered historical rounds × slots (history_len × max_markets)",
                count: cells,
                max: MAX_FILTERED_CELLS,
            });
        }
    }
    check_horizon(storage, cfg)
}

fn horizon_error(cfg: &Config, dt: u64) -> ContractError {
    // The largest scale, 1024, as a whole number.
    let max_scale = MAX_HIST_SCALE.to_atomics_floor(0).ok().and_then(|s| u64::try_from(s).ok()).unwrap_or(u64::MAX);
    ContractError::HorizonScaleTooLarge { horizon_secs: cfg.horizon_secs, dt_secs: dt, max_scale }
}

/// √(horizon/Δt) fits for Δt = `round_secs` and for the smallest stored Δt. The cached
/// `min_dt` is a lower bound over all rounds ever recorded; only when it fails are the
/// rounds any assessment can still reach (the last `MAX_HISTORY`, and the frozen windows of
/// delisted markets) read, and `min_dt` tightened to their minimum.
fn check_horizon(storage: &mut dyn Storage, cfg: &Config) -> Result<(), ContractError> {
    let fits = |dt: u64| horizon_scale(cfg.horizon_secs, dt).is_ok();
    if !fits(cfg.round_secs) {
        return Err(horizon_error(cfg, cfg.round_secs));
    }
    let Some(mut rounds) = ROUNDS.may_load(storage)? else { return Ok(()) };
    let legacy = rounds.legacy_dt.unwrap_or(cfg.round_secs);
    let Some(min_dt) = rounds.min_dt.or((rounds.count > 0).then_some(legacy)) else { return Ok(()) };
    if fits(min_dt) {
        return Ok(());
    }
    let mut end = rounds.count;
    let need = u64_of_usize(min_observations(cfg.confidence_bps));
    for m in MARKETS.range(storage, None, None, Order::Ascending) {
        if let (_, Some(d)) = m?.1.window(rounds.count, need) {
            end = end.min(d);
        }
    }
    let from = end.saturating_sub(u64::from(MAX_HISTORY));
    let exact = load_rounds(storage, from, rounds.count, &[], legacy, None)?.dts.into_iter().min();
    rounds.min_dt = exact;
    ROUNDS.save(storage, &rounds)?;
    match exact {
        Some(dt) if !fits(dt) => Err(horizon_error(cfg, dt)),
        _ => Ok(()),
    }
}

/// Switching to historical (or filtered historical), or raising the rounds it needs (a higher confidence), must not turn
/// a stored book's assessment into `InsufficientHistory` (SPEC: no owner action may make a
/// stored book unassessable). Books are not known here, so the check is conservative: the
/// window every market shares — from the latest `since_round` to the earliest end (delisting
/// round, else the round count), capped at `history_len` — must hold the rounds the new
/// confidence needs. Refused with `InsufficientHistory { have, need }`. Not re-checked while
/// the method stays historical with the same or a lower need.
pub fn check_history_suffices(
    storage: &dyn Storage,
    cfg: &Config,
    old_need: Option<usize>,
) -> Result<(), ContractError> {
    if !uses_history(&cfg.method) {
        return Ok(());
    }
    let need = min_observations(cfg.confidence_bps);
    if old_need.is_some_and(|old| need <= old) {
        return Ok(());
    }
    let need = u64_of_usize(need);
    let count = ROUNDS.may_load(storage)?.unwrap_or_default().count;
    let (mut since, mut end) = (0u64, count);
    let mut any = false;
    for m in MARKETS.range(storage, None, None, Order::Ascending) {
        let (s, cap) = m?.1.window(count, need);
        any = true;
        since = since.max(s);
        end = end.min(cap.unwrap_or(count));
    }
    if !any {
        return Ok(());
    }
    let have = end.saturating_sub(since).min(u64::from(cfg.history_len));
    if have < need {
        return Err(ContractError::InsufficientHistory { have, need });
    }
    Ok(())
}
