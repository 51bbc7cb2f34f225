//! One module per group of actions.

pub mod admin;
pub mod correlations;
pub mod markets;
pub mod prices;

use cosmwasm_std::{Decimal, MessageInfo};
use risk_math::Q64;

use crate::error::ContractError;
use crate::state::Config;

/// Only the owner.
pub fn ensure_owner(cfg: &Config, info: &MessageInfo, action: &'static str) -> Result<(), ContractError> {
    if info.sender != cfg.owner {
        return Err(ContractError::Unauthorized { role: "owner", action });
    }
    Ok(())
}

/// A `Decimal` as Q64.64, rounded toward −∞.
pub fn dec_q64(d: Decimal) -> Result<Q64, ContractError> {
    let atomics = i128::try_from(d.atomics().u128())
        .map_err(|_| ContractError::Math(risk_math::MathError::Overflow { what: "decimal" }))?;
    Ok(Q64::from_atomics(atomics, Decimal::DECIMAL_PLACES)?)
}

/// A Q64.64 value as a `Decimal`, rounded toward +∞ (used for volatilities: conservative);
/// a negative value gives 0.
pub fn q64_dec_ceil(q: Q64) -> Result<Decimal, ContractError> {
    let atomics = u128::try_from(q.to_atomics_ceil(Decimal::DECIMAL_PLACES)?).unwrap_or(0);
    Ok(Decimal::new(atomics.into()))
}
