//! Entry points: a thin dispatcher. Every execute first brings the books to the block time
//! (`sync`), runs one action, then saves the pool.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{from_json, Binary, Deps, DepsMut, Env, MessageInfo, Reply, Response};
use risk_pool::vault::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg, ReceiveMsg};

use crate::asset::{native_amount, no_funds, token};
use crate::config::validate;
use crate::error::ContractError;
use crate::execute::{admin, claims, members, underwriters};
use crate::query;
use crate::state::{Pool, CONFIG, POOL, TOTAL_BONDED};
use crate::sync::sync;

pub const CONTRACT_NAME: &str = "crates.io:pool-vault";
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(deps: DepsMut, env: Env, info: MessageInfo, msg: InstantiateMsg) -> Result<Response, ContractError> {
    no_funds(&info)?;
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    let cfg = validate(deps.api, msg)?;
    CONFIG.save(deps.storage, &cfg)?;
    let now = env.block.time.seconds();
    POOL.save(
        deps.storage,
        &Pool { unvested: crate::state::Vesting { from: now, until: now, ..Default::default() }, ..Default::default() },
    )?;
    TOTAL_BONDED.save(deps.storage, &Default::default(), env.block.height)?;
    Ok(Response::new().add_attribute("action", "instantiate").add_attribute("owner", cfg.owner))
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(mut deps: DepsMut, env: Env, info: MessageInfo, msg: ExecuteMsg) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let mut pool = sync(deps.storage, &cfg, env.block.time.seconds())?;
    let (d, p, sender) = (deps.branch(), &mut pool, info.sender.clone());
    let res = match msg {
        ExecuteMsg::Receive(r) => {
            no_funds(&info)?;
            if token(&cfg) != Some(sender.as_str()) {
                return Err(ContractError::UnknownToken { sender: sender.to_string() });
            }
            let payer = d.api.addr_validate(&r.sender)?;
            match from_json(&r.msg)? {
                ReceiveMsg::Deposit { recipient } => {
                    underwriters::deposit(d, &env, &cfg, p, payer, r.amount, recipient)
                }
                ReceiveMsg::MemberDeposit {} => members::member_deposit(d, &env, &cfg, p, payer, r.amount),
                ReceiveMsg::PayPremium { member } => members::pay_premium(d, &env, &cfg, p, payer, member, r.amount),
                ReceiveMsg::ReturnRecovery { claim_id } => {
                    claims::return_recovery(d, &env, &cfg, p, payer, claim_id, r.amount)
                }
            }
        }
        // Funds-taking messages (native asset).
        ExecuteMsg::Deposit { recipient } => {
            let amount = native_amount(&cfg, &info)?;
            underwriters::deposit(d, &env, &cfg, p, sender, amount, recipient)
        }
        ExecuteMsg::MemberDeposit {} => {
            let amount = native_amount(&cfg, &info)?;
            members::member_deposit(d, &env, &cfg, p, sender, amount)
        }
        ExecuteMsg::PayPremium { member } => {
            let amount = native_amount(&cfg, &info)?;
            members::pay_premium(d, &env, &cfg, p, sender, member, amount)
        }
        ExecuteMsg::ReturnRecovery { claim_id } => {
            let amount = native_amount(&cfg, &info)?;
            claims::return_recovery(d, &env, &cfg, p, sender, claim_id, amount)
        }
        msg => {
            no_funds(&info)?;
            match msg {
                ExecuteMsg::RequestWithdraw { shares } => {
                    underwriters::request_withdraw(d, &env, &cfg, p, sender, shares)
                }
                ExecuteMsg::Withdraw {} => underwriters::withdraw(d, &env, &cfg, p, sender),
                ExecuteMsg::CancelWithdraw { id } => underwriters::cancel_withdraw(d, &env, p, sender, id),
                ExecuteMsg::MemberWithdraw { amount } => members::member_withdraw(d, &env, &cfg, p, sender, amount),
                ExecuteMsg::ReportExposure { exposures } => {
                    members::report_exposure(d, &env, &cfg, p, sender, exposures)
                }
                ExecuteMsg::ClaimLoss { amount, recipient, memo } => {
                    claims::claim_loss(d, &env, &cfg, p, sender, amount, recipient, memo)
                }
                ExecuteMsg::RefreshMember { member } => members::refresh_member(d, &env, &cfg, p, member),
                ExecuteMsg::SettleShortfall { claim_id } => claims::settle_shortfall(d, &env, &cfg, p, claim_id),
                ExecuteMsg::SweepSurplus {} => admin::sweep_surplus(d, &env, &cfg, p),
                ExecuteMsg::Collect {} => claims::collect(d, &cfg, p, sender),
                ExecuteMsg::RegisterMember(t) => admin::register_member(d, &env, &cfg, p, sender, t),
                ExecuteMsg::UpdateMember(t) => admin::update_member(d, &env, &cfg, sender, t),
                ExecuteMsg::RemoveMember { member } => admin::remove_member(d, &env, &cfg, p, sender, member),
                ExecuteMsg::ApproveClaim { id } => claims::approve_claim(d, &env, &cfg, p, sender, id),
                ExecuteMsg::RejectClaim { id, reason } => claims::reject_claim(d, &env, &cfg, p, sender, id, reason),
                ExecuteMsg::UpdateConfig(u) => admin::update_config(d, &cfg, p, sender, u),
                ExecuteMsg::TransferOwnership { owner } => admin::transfer_ownership(d, &cfg, sender, owner),
                ExecuteMsg::Pause {} => admin::pause(&env, &cfg, p, sender),
                ExecuteMsg::Unpause {} => admin::unpause(&env, &cfg, p, sender),
                ExecuteMsg::Receive(_)
                | ExecuteMsg::Deposit { .. }
                | ExecuteMsg::MemberDeposit {}
                | ExecuteMsg::PayPremium { .. }
                | ExecuteMsg::ReturnRecovery { .. } => unreachable!("handled above"),
            }
        }
    }?;
    POOL.save(deps.storage, &pool)?;
    #[cfg(feature = "invariants")]
    crate::invariants::check(deps.as_ref(), &env)?;
    Ok(res)
}

/// Replies: only a refused shortfall payment (`reply_on_error`), kept `uncollected`.
#[cfg_attr(not(feature = "library"), entry_point)]
#[cfg_attr(not(feature = "invariants"), allow(unused_variables))]
pub fn reply(mut deps: DepsMut, env: Env, msg: Reply) -> Result<Response, ContractError> {
    let res = match msg.id {
        claims::PAYOUT_REPLY => claims::keep_uncollected(deps.branch(), msg)?,
        id => return Err(ContractError::UnknownReply { id }),
    };
    #[cfg(feature = "invariants")]
    crate::invariants::check(deps.as_ref(), &env)?;
    Ok(res)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> Result<Binary, ContractError> {
    query::dispatch(deps, env, msg)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    risk_pool::migrate::ensure_upgrade(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    let moved = claims::migrate_legacy_queue(deps.storage)?;
    Ok(Response::new()
        .add_attribute("action", "migrate")
        .add_attribute("version", CONTRACT_VERSION)
        .add_attribute("shortfall_queue_migrated", moved.to_string()))
}
