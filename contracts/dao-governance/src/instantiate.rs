//! `instantiate`: validate the configuration, store it, record the cw2 version.

use cosmwasm_std::{DepsMut, MessageInfo, Response};
use risk_pool::dao::InstantiateMsg;

use crate::config::validate;
use crate::error::ContractError;
use crate::state::CONFIG;

/// The cw2 contract name.
pub const CONTRACT_NAME: &str = "crates.io:dao-governance";
/// The cw2 contract version (the crate's).
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Stores the validated configuration; refuses funds.
pub fn instantiate(deps: DepsMut, info: &MessageInfo, msg: InstantiateMsg) -> Result<Response, ContractError> {
    cw_utils::nonpayable(info).map_err(|_| ContractError::FundsNotAccepted {})?;
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    let cfg = validate(deps.api, msg)?;
    CONFIG.save(deps.storage, &cfg)?;
    Ok(Response::new().add_attribute("action", "instantiate").add_attribute("vault", cfg.vault))
}

/// `migrate`: cw2's checks (no downgrade, no foreign contract), then the new version.
pub fn migrate(deps: DepsMut) -> Result<Response, ContractError> {
    risk_pool::migrate::ensure_upgrade(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    Ok(Response::new().add_attribute("action", "migrate").add_attribute("version", CONTRACT_VERSION))
}
