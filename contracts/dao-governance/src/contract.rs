//! Entry points: a thin dispatcher over `execute.rs` and `query.rs`.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{Binary, Deps, DepsMut, Env, MessageInfo, Reply, Response};
use risk_pool::dao::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};

use crate::config::validate;
use crate::error::ContractError;
use crate::execute;
use crate::state::CONFIG;

pub const CONTRACT_NAME: &str = "crates.io:dao-governance";
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    cw_utils::nonpayable(&info).map_err(|_| ContractError::FundsNotAccepted {})?;
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    let cfg = validate(deps.api, msg)?;
    CONFIG.save(deps.storage, &cfg)?;
    Ok(Response::new().add_attribute("action", "instantiate").add_attribute("vault", cfg.vault))
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(deps: DepsMut, env: Env, info: MessageInfo, msg: ExecuteMsg) -> Result<Response, ContractError> {
    cw_utils::nonpayable(&info).map_err(|_| ContractError::FundsNotAccepted {})?;
    let sender = info.sender;
    match msg {
        ExecuteMsg::Propose { title, description, msgs } => {
            execute::propose(deps, &env, sender, title, description, msgs)
        }
        ExecuteMsg::Vote { proposal_id, vote } => execute::vote(deps, &env, sender, proposal_id, vote),
        ExecuteMsg::Execute { proposal_id } => execute::execute(deps, &env, proposal_id),
        ExecuteMsg::ExecuteBatch { proposal_id } => execute::execute_batch(deps, &env, sender, proposal_id),
        ExecuteMsg::Veto { proposal_id } => execute::veto(deps, &env, sender, proposal_id),
        ExecuteMsg::Close { proposal_id } => execute::close(deps, &env, proposal_id),
        ExecuteMsg::UpdateConfig(u) => execute::update_config(deps, &env, sender, u),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn reply(deps: DepsMut, _env: Env, msg: Reply) -> Result<Response, ContractError> {
    execute::reply(deps, msg)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> Result<Binary, ContractError> {
    crate::query::dispatch(deps, env, msg)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    risk_pool::migrate::ensure_upgrade(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    Ok(Response::new().add_attribute("action", "migrate").add_attribute("version", CONTRACT_VERSION))
}
