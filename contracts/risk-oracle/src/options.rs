//! Option legs (SPEC, "Options exposures"): the configuration's option grid as risk-math's
//! [`OptionGrid`], its validation, and the conversions of message values to fixed point.

use cosmwasm_std::{Decimal, SignedDecimal};
use risk_math::options::{OptionGrid, OptionKind, MAX_LADDER_POINTS};
use risk_math::{BPS, Q64};
use risk_pool::oracle::{OptionGridConfig, OptionKind as MsgKind};

use crate::config::invalid;
use crate::error::ContractError;
use crate::execute::dec_q64;
use crate::limits::MAX_OPTION_LEGS;
use crate::state::Config;

/// A `SignedDecimal` as Q64.64, rounded toward −∞.
pub fn sdec_q64(d: SignedDecimal) -> Result<Q64, ContractError> {
    Ok(Q64::from_atomics(d.atomics().i128(), SignedDecimal::DECIMAL_PLACES)?)
}

/// The message's kind as risk-math's.
pub fn kind(k: MsgKind) -> OptionKind {
    match k {
        MsgKind::Call => OptionKind::Call,
        MsgKind::Put => OptionKind::Put,
    }
}

/// The grid in force: the configured one, else SPEC's defaults.
pub fn grid(cfg: &Config) -> Result<OptionGrid, ContractError> {
    match &cfg.option_grid {
        None => Ok(OptionGrid::default()),
        Some(g) => grid_of(g),
    }
}

fn grid_of(g: &OptionGridConfig) -> Result<OptionGrid, ContractError> {
    let moves = |v: &[SignedDecimal]| v.iter().map(|m| sdec_q64(*m)).collect::<Result<Vec<Q64>, _>>();
    let d = |x: Decimal| dec_q64(x);
    Ok(OptionGrid {
        core_moves: moves(&g.core_moves)?,
        extended_moves: moves(&g.extended_moves)?,
        vol_up: d(g.vol_up)?,
        vol_down: sdec_q64(g.vol_down)?,
        p_short: d(g.p_short)?,
        p_long: d(g.p_long)?,
        short_dte_secs: g.short_dte_secs,
        ref_secs: g.ref_secs,
        min_secs: g.min_secs,
        down_floor: sdec_q64(g.down_floor)?,
    })
}

/// The option settings: the grid valid (risk-math's ranges, down shock keeping σ' > 0), ladder
/// points odd in [3, 65], short-option minimum ≤ 10⁴ bps, option legs in [1, 64], the vol
/// move guard in [1, 10⁵] bps.
pub fn validate_options(cfg: &Config) -> Result<(), ContractError> {
    grid(cfg)?.validate().map_err(|e| ContractError::InvalidOptionGrid { reason: e.to_string() })?;
    let p = cfg.ladder_points();
    if !(3..=MAX_LADDER_POINTS).contains(&p) || p.is_multiple_of(2) {
        return Err(ContractError::InvalidLadderPoints { points: p, max: MAX_LADDER_POINTS });
    }
    if cfg.short_option_min_bps() > BPS {
        return Err(invalid(format!("short_option_min_bps {} above {BPS}", cfg.short_option_min_bps())));
    }
    let legs = cfg.max_option_legs();
    if legs == 0 || legs > MAX_OPTION_LEGS {
        return Err(invalid(format!("max_option_legs {legs} outside [1, {MAX_OPTION_LEGS}]")));
    }
    let v = cfg.max_vol_move_bps();
    if v == 0 || v > crate::limits::MAX_MOVE_BPS {
        return Err(invalid(format!("max_vol_move_bps {v} outside [1, {}]", crate::limits::MAX_MOVE_BPS)));
    }
    Ok(())
}
