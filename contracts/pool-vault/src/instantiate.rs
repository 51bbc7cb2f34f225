//! `instantiate`: the validated config, an empty pool whose vesting stream starts now, and a
//! zero total of bonded shares.

use cosmwasm_std::{DepsMut, Env, MessageInfo, Response};
use risk_pool::vault::InstantiateMsg;

use crate::asset::no_funds;
use crate::config::validate;
use crate::contract::{CONTRACT_NAME, CONTRACT_VERSION};
use crate::error::ContractError;
use crate::state::{Pool, Vesting, CONFIG, POOL, TOTAL_BONDED};

/// Validates `msg` (no funds), records the cw2 version and the initial state.
pub fn instantiate(deps: DepsMut, env: Env, info: MessageInfo, msg: InstantiateMsg) -> Result<Response, ContractError> {
    no_funds(&info)?;
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    let cfg = validate(deps.api, msg)?;
    CONFIG.save(deps.storage, &cfg)?;
    let now = env.block.time.seconds();
    POOL.save(
        deps.storage,
        &Pool { unvested: Vesting { from: now, until: now, ..Default::default() }, ..Default::default() },
    )?;
    TOTAL_BONDED.save(deps.storage, &Default::default(), env.block.height)?;
    Ok(Response::new().add_attribute("action", "instantiate").add_attribute("owner", cfg.owner))
}
