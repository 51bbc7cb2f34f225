//! Execute: the context every action works with, the dispatcher (funds normalised once, then one
//! `match`), and one module per group of actions.

pub mod admin;
pub mod claims;
pub mod members;
pub mod shortfall;
pub mod underwriters;

use cosmwasm_std::{Addr, DepsMut, Env, MessageInfo, Response, Storage};
use risk_pool::helpers::AssessFigures;
use risk_pool::oracle::Exposure;
use risk_pool::units::Shares;
use risk_pool::vault::{ExecuteMsg, ReceiveMsg};
use risk_pool::RiskOracleContract;

use crate::asset::{no_funds, Funds};
use crate::error::ContractError;
use crate::state::{Config, Pool, BONDED, CONFIG, POOL, TOTAL_BONDED};
use crate::sync::sync;

/// What every action works with: storage and APIs, the block, the config, and the pool brought
/// to the block time (`sync`); the dispatcher saves the pool after the action.
pub struct Ctx<'a> {
    /// Storage, API and querier.
    pub deps: DepsMut<'a>,
    /// The block and the vault's address.
    pub env: Env,
    /// The configuration in force.
    pub cfg: Config,
    /// The pool's books as of `now`.
    pub pool: Pool,
    /// Block time, seconds.
    pub now: u64,
}

impl<'a> Ctx<'a> {
    /// Loads the config and brings the pool to the block time (writing any claim expiry).
    pub fn load(deps: DepsMut<'a>, env: Env) -> Result<Ctx<'a>, ContractError> {
        let cfg = CONFIG.load(deps.storage)?;
        let now = env.block.time.seconds();
        let pool = sync(deps.storage, &cfg, now)?;
        Ok(Ctx { deps, env, cfg, pool, now })
    }

    /// Saves the pool (and, with the `invariants` feature, checks the books).
    pub fn save(self) -> Result<(), ContractError> {
        POOL.save(self.deps.storage, &self.pool)?;
        #[cfg(feature = "invariants")]
        crate::invariants::check(self.deps.as_ref(), &self.env)?;
        Ok(())
    }

    /// The oracle's `assess` of `exposures` (the action's one cross-contract call).
    pub fn assess(&self, exposures: &[Exposure]) -> Result<AssessFigures, ContractError> {
        RiskOracleContract(self.cfg.risk_oracle.clone())
            .assess_figures(&self.deps.querier, exposures)
            .map_err(|e| ContractError::OracleError { reason: e.to_string() })
    }

    /// Refuses `action` unless `sender` is the owner.
    pub fn ensure_owner(&self, sender: &Addr, action: &'static str) -> Result<(), ContractError> {
        if *sender != self.cfg.owner {
            return Err(ContractError::Unauthorized { role: "owner", action });
        }
        Ok(())
    }

    /// Refuses `action` while the pool is paused.
    pub fn ensure_not_paused(&self, action: &'static str) -> Result<(), ContractError> {
        match self.pool.paused_until {
            Some(until) => Err(ContractError::Paused { until, action }),
            None => Ok(()),
        }
    }
}

/// Whether `msg` is a native-asset funds-taking message (every other message refuses coins).
fn takes_native_funds(msg: &ExecuteMsg) -> bool {
    matches!(
        msg,
        ExecuteMsg::Deposit { .. }
            | ExecuteMsg::MemberDeposit {}
            | ExecuteMsg::PayPremium { .. }
            | ExecuteMsg::ReturnRecovery { .. }
    )
}

/// Routes one message to its action. A funds-taking message — coins attached, or the cw20
/// token's `send` — is first normalised to [`Funds`] (payer, amount, message) and dispatched by
/// [`funded`]; every other message refuses coins.
pub fn dispatch(ctx: &mut Ctx, info: MessageInfo, msg: ExecuteMsg) -> Result<Response, ContractError> {
    if !takes_native_funds(&msg) {
        no_funds(&info)?;
    }
    let native = |ctx: &mut Ctx, msg| {
        let funds = Funds::native(&ctx.cfg, &info, msg)?;
        funded(ctx, funds)
    };
    let sender = info.sender.clone();
    match msg {
        ExecuteMsg::Receive(r) => {
            let funds = Funds::cw20(ctx.deps.api, &ctx.cfg, &info, r)?;
            funded(ctx, funds)
        }
        ExecuteMsg::Deposit { recipient } => native(ctx, ReceiveMsg::Deposit { recipient }),
        ExecuteMsg::MemberDeposit {} => native(ctx, ReceiveMsg::MemberDeposit {}),
        ExecuteMsg::PayPremium { member } => native(ctx, ReceiveMsg::PayPremium { member }),
        ExecuteMsg::ReturnRecovery { claim_id } => native(ctx, ReceiveMsg::ReturnRecovery { claim_id }),
        ExecuteMsg::RequestWithdraw { shares } => underwriters::request_withdraw(ctx, sender, shares),
        ExecuteMsg::Withdraw {} => underwriters::withdraw(ctx, sender),
        ExecuteMsg::CancelWithdraw { id } => underwriters::cancel_withdraw(ctx, sender, id),
        ExecuteMsg::MemberWithdraw { amount } => members::member_withdraw(ctx, sender, amount),
        ExecuteMsg::ReportExposure { exposures } => members::report_exposure(ctx, sender, exposures),
        ExecuteMsg::ClaimLoss { amount, recipient, memo } => {
            claims::claim_loss(ctx, claims::Filing { member: sender, amount, recipient, memo })
        }
        ExecuteMsg::RefreshMember { member } => members::refresh_member(ctx, member),
        ExecuteMsg::SettleShortfall { claim_id } => shortfall::settle_shortfall(ctx, claim_id),
        ExecuteMsg::SweepSurplus {} => admin::sweep_surplus(ctx),
        ExecuteMsg::Collect {} => shortfall::collect(ctx, sender),
        ExecuteMsg::RegisterMember(t) => admin::register_member(ctx, sender, t),
        ExecuteMsg::UpdateMember(t) => admin::update_member(ctx, sender, t),
        ExecuteMsg::RemoveMember { member } => admin::remove_member(ctx, sender, member),
        ExecuteMsg::ApproveClaim { id } => claims::approve_claim(ctx, sender, id),
        ExecuteMsg::RejectClaim { id, reason } => claims::reject_claim(ctx, sender, id, reason),
        ExecuteMsg::UpdateConfig(u) => admin::update_config(ctx, sender, u),
        ExecuteMsg::TransferOwnership { owner } => admin::transfer_ownership(ctx, sender, owner),
        ExecuteMsg::Pause {} => admin::pause(ctx, sender),
        ExecuteMsg::Unpause {} => admin::unpause(ctx, sender),
    }
}

/// The funds-taking actions, one arm each, whichever way the funds came.
fn funded(ctx: &mut Ctx, Funds { payer, amount, msg }: Funds) -> Result<Response, ContractError> {
    match msg {
        ReceiveMsg::Deposit { recipient } => underwriters::deposit(ctx, payer, amount, recipient),
        ReceiveMsg::MemberDeposit {} => members::member_deposit(ctx, payer, amount),
        ReceiveMsg::PayPremium { member } => members::pay_premium(ctx, payer, member, amount),
        ReceiveMsg::ReturnRecovery { claim_id } => shortfall::return_recovery(ctx, payer, claim_id, amount),
    }
}

/// Records `addr`'s bonded shares (voting power) from block `height` on, and the total.
pub fn set_bonded(
    storage: &mut dyn Storage,
    addr: &Addr,
    old: Shares,
    new: Shares,
    height: u64,
) -> Result<(), ContractError> {
    if old == new {
        return Ok(());
    }
    BONDED.save(storage, addr, &new, height)?;
    let total = TOTAL_BONDED.may_load(storage)?.unwrap_or_default();
    TOTAL_BONDED.save(storage, &total.checked_add(new)?.checked_sub(old)?, height)?;
    Ok(())
}
