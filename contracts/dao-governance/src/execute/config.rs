//! `update_config`: only the DAO itself, through a proposal.

use cosmwasm_std::{Addr, DepsMut, Env, Response};
use risk_pool::dao::ConfigUpdate;

use crate::config::apply_update;
use crate::error::ContractError;
use crate::execute::ensure_self;
use crate::state::CONFIG;

/// Lays `u` over the config and stores the result, validated as a whole.
pub fn update_config(deps: DepsMut, env: &Env, sender: Addr, u: ConfigUpdate) -> Result<Response, ContractError> {
    ensure_self(env, &sender, "DAO itself (through a proposal)", "update the config")?;
    let cfg = CONFIG.load(deps.storage)?;
    CONFIG.save(deps.storage, &apply_update(deps.api, &cfg, u)?)?;
    Ok(Response::new().add_attribute("action", "update_config"))
}
