//! Entry points: a thin dispatcher. Each message goes to one function of `instantiate.rs`,
//! `execute/<topic>.rs` or `query.rs`; nothing is decided here but the refusal of funds.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{Binary, Deps, DepsMut, Env, MessageInfo, Reply, Response};
use risk_pool::dao::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};
use risk_pool::reply::ErrorReply;

use crate::error::ContractError;
use crate::execute::{batch, close, config, propose, veto, vote};

pub use crate::instantiate::{CONTRACT_NAME, CONTRACT_VERSION};

/// `instantiate` (see [`crate::instantiate::instantiate`]).
#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    crate::instantiate::instantiate(deps, &info, msg)
}

/// `execute`: no message takes funds.
#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(deps: DepsMut, env: Env, info: MessageInfo, msg: ExecuteMsg) -> Result<Response, ContractError> {
    cw_utils::nonpayable(&info).map_err(|_| ContractError::FundsNotAccepted {})?;
    let sender = info.sender;
    match msg {
        ExecuteMsg::Propose { title, description, msgs } => {
            propose::propose(deps, &env, sender, propose::Draft { title, description, msgs })
        }
        ExecuteMsg::Vote { proposal_id, vote } => vote::vote(deps, &env, sender, proposal_id, vote),
        ExecuteMsg::Execute { proposal_id } => batch::execute(deps, &env, proposal_id),
        ExecuteMsg::ExecuteBatch { proposal_id } => batch::execute_batch(deps, &env, sender, proposal_id),
        ExecuteMsg::Veto { proposal_id } => veto::veto(deps, &env, sender, proposal_id),
        ExecuteMsg::Close { proposal_id } => close::close(deps, &env, proposal_id),
        ExecuteMsg::UpdateConfig(u) => config::update_config(deps, &env, sender, u),
    }
}

/// `reply`: only a failed batch replies. Natively (tests, multi-test) over the whole `Reply`;
/// the wasm export reads only the fields it uses ([`reply_narrow`]).
pub fn reply(deps: DepsMut, env: Env, msg: Reply) -> Result<Response, ContractError> {
    reply_narrow(deps, env, msg.into())
}

/// `reply` over [`ErrorReply`]: the wasm entry point (`risk_pool::reply_entry_point!`).
pub fn reply_narrow(deps: DepsMut, _env: Env, msg: ErrorReply) -> Result<Response, ContractError> {
    batch::reply(deps, msg)
}

risk_pool::reply_entry_point!(super::reply_narrow);

/// `query` (see [`crate::query`]).
#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> Result<Binary, ContractError> {
    crate::query::dispatch(deps, env, msg)
}

/// `migrate` (see [`crate::instantiate::migrate`]).
#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    crate::instantiate::migrate(deps)
}
