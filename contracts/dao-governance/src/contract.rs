#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{to_json_binary, Binary, Deps, DepsMut, Env, MessageInfo, Response};
use cw_storage_plus::Item;
use risk_pool::dao::{ConfigResponse, ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};

use crate::error::ContractError;

pub const CONTRACT_NAME: &str = "crates.io:dao-governance";
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

pub const DEFAULT_EXECUTION_WINDOW_SECS: u64 = 7 * 86_400;
pub const DEFAULT_MAX_TITLE_LEN: u32 = 128;
pub const DEFAULT_MAX_DESCRIPTION_LEN: u32 = 4_096;
/// Hard cap on messages per proposal.
pub const MAX_MSGS: u32 = 64;

pub const CONFIG: Item<ConfigResponse> = Item::new("config");

fn invalid(reason: impl Into<String>) -> ContractError {
    ContractError::InvalidConfig { reason: reason.into() }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    deps: DepsMut,
    _env: Env,
    _info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    if msg.quorum_bps > 10_000 || msg.threshold_bps > 10_000 {
        return Err(invalid("quorum_bps and threshold_bps must be ≤ 10000"));
    }
    if msg.voting_period_secs == 0 {
        return Err(invalid("voting_period_secs must be > 0"));
    }
    if msg.max_msgs == 0 || msg.max_msgs > MAX_MSGS {
        return Err(invalid(format!("max_msgs {} outside [1, {MAX_MSGS}]", msg.max_msgs)));
    }
    let cfg = ConfigResponse {
        vault: deps.api.addr_validate(&msg.vault)?,
        voting_period_secs: msg.voting_period_secs,
        quorum_bps: msg.quorum_bps,
        threshold_bps: msg.threshold_bps,
        timelock_secs: msg.timelock_secs,
        min_propose_power: msg.min_propose_power,
        guardian: msg.guardian.map(|g| deps.api.addr_validate(&g)).transpose()?,
        max_msgs: msg.max_msgs,
        execution_window_secs: msg.execution_window_secs.unwrap_or(DEFAULT_EXECUTION_WINDOW_SECS),
        require_timelock_ge_unbonding: msg.require_timelock_ge_unbonding.unwrap_or(true),
        max_title_len: msg.max_title_len.unwrap_or(DEFAULT_MAX_TITLE_LEN),
        max_description_len: msg.max_description_len.unwrap_or(DEFAULT_MAX_DESCRIPTION_LEN),
    };
    CONFIG.save(deps.storage, &cfg)?;
    Ok(Response::new().add_attribute("action", "instantiate").add_attribute("vault", cfg.vault))
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(_deps: DepsMut, _env: Env, _info: MessageInfo, msg: ExecuteMsg) -> Result<Response, ContractError> {
    match msg {}
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, _env: Env, msg: QueryMsg) -> Result<Binary, ContractError> {
    match msg {
        QueryMsg::Config {} => Ok(to_json_binary(&CONFIG.load(deps.storage)?)?),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    risk_pool::migrate::ensure_upgrade(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    Ok(Response::new().add_attribute("action", "migrate").add_attribute("version", CONTRACT_VERSION))
}
