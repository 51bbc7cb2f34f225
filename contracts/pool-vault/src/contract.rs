//! Entry points: a thin dispatcher. Every execute first brings the books to the block time
//! (`Ctx::load` runs `sync`), runs one action, then saves the pool.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{Binary, Deps, DepsMut, Env, MessageInfo, Reply, Response};
use risk_pool::reply::ErrorReply;
use risk_pool::vault::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};

use crate::error::ContractError;
use crate::execute::{self, claims, shortfall, Ctx};

/// The cw2 contract name.
pub const CONTRACT_NAME: &str = "crates.io:pool-vault";
/// The cw2 version: the crate's.
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(deps: DepsMut, env: Env, info: MessageInfo, msg: InstantiateMsg) -> Result<Response, ContractError> {
    crate::instantiate::instantiate(deps, env, info, msg)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(deps: DepsMut, env: Env, info: MessageInfo, msg: ExecuteMsg) -> Result<Response, ContractError> {
    let mut ctx = Ctx::load(deps, env)?;
    let res = execute::dispatch(&mut ctx, info, msg)?;
    ctx.save()?;
    Ok(res)
}

/// Replies: only a refused shortfall payment (`reply_on_error`), kept `uncollected`. Natively
/// (tests, multi-test) over the whole `Reply`; the wasm export reads only the fields it uses
/// ([`reply_narrow`]).
pub fn reply(deps: DepsMut, env: Env, msg: Reply) -> Result<Response, ContractError> {
    reply_narrow(deps, env, msg.into())
}

risk_pool::reply_entry_point!(super::reply_narrow);

/// `reply` over [`ErrorReply`]: the wasm entry point (`risk_pool::reply_entry_point!`).
#[cfg_attr(not(feature = "invariants"), allow(unused_variables))]
pub fn reply_narrow(mut deps: DepsMut, env: Env, msg: ErrorReply) -> Result<Response, ContractError> {
    let res = match msg.id {
        claims::PAYOUT_REPLY => shortfall::keep_uncollected(deps.branch(), msg)?,
        id => return Err(ContractError::UnknownReply { id }),
    };
    #[cfg(feature = "invariants")]
    crate::invariants::check(deps.as_ref(), &env)?;
    Ok(res)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> Result<Binary, ContractError> {
    crate::query::query(deps, env, msg)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    risk_pool::migrate::ensure_upgrade(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    let moved = shortfall::migrate_legacy_queue(deps.storage)?;
    let rows = crate::member::migrate_legacy_cover(deps.storage)?;
    let pending = crate::sync::migrate_legacy_pending(deps.storage)?;
    Ok(Response::new()
        .add_attribute("action", "migrate")
        .add_attribute("version", CONTRACT_VERSION)
        .add_attribute("shortfall_queue_migrated", moved.to_string())
        .add_attribute("cover_rows_migrated", rows.to_string())
        .add_attribute("pending_claims_migrated", pending.to_string()))
}
