//! One module per group of actions; `contract.rs` dispatches here after `sync`.

pub mod admin;
pub mod claims;
pub mod members;
pub mod underwriters;

use cosmwasm_std::{Addr, QuerierWrapper, Storage, Uint128};
use risk_pool::oracle::{AssessResponse, Exposure};
use risk_pool::RiskOracleContract;

use crate::error::ContractError;
use crate::state::{Config, Pool, BONDED, TOTAL_BONDED};

/// Refuses `action` while the pool is paused.
pub fn ensure_not_paused(pool: &Pool, action: &'static str) -> Result<(), ContractError> {
    match pool.paused_until {
        Some(until) => Err(ContractError::Paused { until, action }),
        None => Ok(()),
    }
}

pub fn ensure_owner(cfg: &Config, sender: &Addr, action: &'static str) -> Result<(), ContractError> {
    if sender != cfg.owner {
        return Err(ContractError::Unauthorized { role: "owner", action });
    }
    Ok(())
}

/// The oracle's `assess` of `exposures` (the action's one cross-contract call).
pub fn assess(querier: &QuerierWrapper, cfg: &Config, exposures: &[Exposure]) -> Result<AssessResponse, ContractError> {
    RiskOracleContract(cfg.risk_oracle.clone())
        .assess(querier, exposures.to_vec())
        .map_err(|e| ContractError::OracleError { reason: e.to_string() })
}

/// Records `addr`'s bonded shares (voting power) from block `height` on, and the total.
pub fn set_bonded(
    storage: &mut dyn Storage,
    addr: &Addr,
    old: Uint128,
    new: Uint128,
    height: u64,
) -> Result<(), ContractError> {
    if old == new {
        return Ok(());
    }
    BONDED.save(storage, addr, &new, height)?;
    let total = TOTAL_BONDED.may_load(storage)?.unwrap_or_default();
    TOTAL_BONDED.save(storage, &(total + new - old), height)?;
    Ok(())
}
