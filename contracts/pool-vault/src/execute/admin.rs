//! Owner and guardian actions: members, config, ownership, pause; and `sweep_surplus` (anyone).

use cosmwasm_std::{Addr, Response};
use risk_pool::units::Amount;
use risk_pool::vault::{ConfigUpdate, MemberTerms};

use super::members::take_due;
use super::Ctx;
use crate::asset;
use crate::config::apply_update;
use crate::error::ContractError;
use crate::member::{load_member, move_row, save_member};
use crate::state::{Member, CONFIG, MEMBERS, PREMIUMS};

fn validate_terms(terms: &MemberTerms) -> Result<(), ContractError> {
    if terms.premium_rate_bps > 10_000 {
        return Err(ContractError::InvalidConfig {
            reason: format!("premium_rate_bps {} > 10000", terms.premium_rate_bps),
        });
    }
    Ok(())
}

fn terms_response(action: &str, addr: Addr, terms: &MemberTerms) -> Response {
    Response::new()
        .add_attribute("action", action)
        .add_attribute("member", addr)
        .add_attribute("coverage_cap", terms.coverage_cap)
        .add_attribute("premium_rate_bps", terms.premium_rate_bps.to_string())
        .add_attribute("grace_secs", terms.grace_secs.to_string())
}

/// Owner: registers a member on `terms` (within `max_members`).
pub fn register_member(ctx: &mut Ctx, sender: Addr, terms: MemberTerms) -> Result<Response, ContractError> {
    ctx.ensure_owner(&sender, "register members")?;
    validate_terms(&terms)?;
    let addr = ctx.deps.api.addr_validate(&terms.member)?;
    if MEMBERS.has(ctx.deps.storage, &addr) {
        return Err(ContractError::MemberExists { address: addr.to_string() });
    }
    if ctx.pool.member_count >= ctx.cfg.max_members {
        return Err(ContractError::TooManyMembers { max: ctx.cfg.max_members });
    }
    ctx.pool.member_count = ctx.pool.member_count.checked_add(1).ok_or(ContractError::Math { what: "member count" })?;
    save_member(ctx.deps.storage, &ctx.cfg, &addr, &mut Member::new(&terms, ctx.now), ctx.now)?;
    Ok(terms_response("register_member", addr, &terms))
}

/// Owner: new terms apply from now; premium is accrued on the old rate first.
pub fn update_member(ctx: &mut Ctx, sender: Addr, terms: MemberTerms) -> Result<Response, ContractError> {
    ctx.ensure_owner(&sender, "update members")?;
    validate_terms(&terms)?;
    let addr = ctx.deps.api.addr_validate(&terms.member)?;
    let mut m = load_member(ctx.deps.storage, &addr, ctx.now)?;
    m.accrue(&ctx.cfg, ctx.now)?;
    m.coverage_cap = terms.coverage_cap;
    m.premium.rate_bps = terms.premium_rate_bps;
    m.premium.grace_secs = terms.grace_secs;
    save_member(ctx.deps.storage, &ctx.cfg, &addr, &mut m, ctx.now)?;
    Ok(terms_response("update_member", addr, &terms))
}

/// Refused while the member has a pending claim or outstanding shortfall (a claim's shortfall
/// stays owed to its recipient and is tracked on the member: removing it would leave the
/// settlement and recovery books without their member row); premium due is taken from the
/// contribution (as income), the rest is refunded to the member.
pub fn remove_member(ctx: &mut Ctx, sender: Addr, member: String) -> Result<Response, ContractError> {
    ctx.ensure_owner(&sender, "remove members")?;
    let addr = ctx.deps.api.addr_validate(&member)?;
    let mut m = load_member(ctx.deps.storage, &addr, ctx.now)?;
    if let Some(claim_id) = m.pending_claim {
        return Err(ContractError::MemberHasPendingClaim { claim_id });
    }
    if !m.shortfall.is_zero() {
        return Err(ContractError::MemberHasShortfall { member: addr.to_string(), shortfall: m.shortfall });
    }
    m.accrue(&ctx.cfg, ctx.now)?;
    let (premium, fee) = take_due(ctx, &mut m)?;
    let refund = m.contribution;
    ctx.pool.member_contributions = ctx.pool.member_contributions.checked_sub(refund)?;
    ctx.pool.member_count = ctx.pool.member_count.checked_sub(1).ok_or(ContractError::Math { what: "member count" })?;
    MEMBERS.remove(ctx.deps.storage, &addr);
    PREMIUMS.remove(ctx.deps.storage, &addr);
    move_row(ctx.deps.storage, &addr, m.cover_row, Amount::ZERO)?;
    Ok(Response::new()
        .add_messages(asset::pay(&ctx.cfg, &ctx.cfg.treasury, fee)?)
        .add_messages(asset::pay(&ctx.cfg, &addr, refund)?)
        .add_attribute("action", "remove_member")
        .add_attribute("member", addr)
        .add_attribute("premium_taken", premium)
        .add_attribute("protocol_fee", fee)
        .add_attribute("refund", refund))
}

/// Owner: the config with `update` laid over it, validated as a whole.
pub fn update_config(ctx: &mut Ctx, sender: Addr, update: ConfigUpdate) -> Result<Response, ContractError> {
    ctx.ensure_owner(&sender, "update the config")?;
    let new = apply_update(ctx.deps.api, &ctx.cfg, update)?;
    if new.max_members < ctx.pool.member_count {
        return Err(ContractError::InvalidConfig {
            reason: format!("max_members {} below the {} registered members", new.max_members, ctx.pool.member_count),
        });
    }
    CONFIG.save(ctx.deps.storage, &new)?;
    ctx.cfg = new;
    Ok(Response::new().add_attribute("action", "update_config"))
}

/// Owner: hands the owner role to `owner`.
pub fn transfer_ownership(ctx: &mut Ctx, sender: Addr, owner: String) -> Result<Response, ContractError> {
    ctx.ensure_owner(&sender, "transfer ownership")?;
    ctx.cfg.owner = ctx.deps.api.addr_validate(&owner)?;
    CONFIG.save(ctx.deps.storage, &ctx.cfg)?;
    Ok(Response::new().add_attribute("action", "transfer_ownership").add_attribute("owner", ctx.cfg.owner.clone()))
}

/// Owner or guardian: pauses for `max_pause_secs` (then it lapses by itself). The guardian may
/// not extend a pause, nor pause again within `max_pause_secs` of a lapse or of the owner's
/// `unpause`; the owner may.
pub fn pause(ctx: &mut Ctx, sender: Addr) -> Result<Response, ContractError> {
    let (cfg, pool) = (&ctx.cfg, &mut ctx.pool);
    let by_owner = sender == cfg.owner;
    if !by_owner && cfg.guardian.as_ref() != Some(&sender) {
        return Err(ContractError::Unauthorized { role: "owner or guardian", action: "pause" });
    }
    if !by_owner {
        if let Some(until) = pool.paused_until {
            return Err(ContractError::AlreadyPaused { until });
        }
        if ctx.now < pool.guardian_pause_after {
            return Err(ContractError::GuardianCooldown { after: pool.guardian_pause_after });
        }
    }
    let until = ctx.now.saturating_add(cfg.max_pause_secs);
    pool.paused_until = Some(until);
    Ok(Response::new()
        .add_attribute("action", "pause")
        .add_attribute("by", sender)
        .add_attribute("paused_until", until.to_string()))
}

/// Owner: ends a pause now. Like a lapse, it starts the guardian's cooldown: the guardian may
/// not pause again before now + `max_pause_secs` (else it could re-pause right after every
/// unpause, indefinitely).
pub fn unpause(ctx: &mut Ctx, sender: Addr) -> Result<Response, ContractError> {
    ctx.ensure_owner(&sender, "unpause")?;
    let pool = &mut ctx.pool;
    if pool.paused_until.take().is_none() {
        return Err(ContractError::NotPaused {});
    }
    let after = ctx.now.saturating_add(ctx.cfg.max_pause_secs);
    pool.guardian_pause_after = pool.guardian_pause_after.max(after);
    Ok(Response::new()
        .add_attribute("action", "unpause")
        .add_attribute("guardian_pause_after", pool.guardian_pause_after.to_string()))
}

/// Anyone: the balance above the books (a donation) goes to the treasury.
pub fn sweep_surplus(ctx: &mut Ctx) -> Result<Response, ContractError> {
    let balance = asset::balance(&ctx.deps.querier, &ctx.cfg, &ctx.env.contract.address)?;
    let books = ctx.pool.books();
    let surplus = books.surplus(balance)?;
    if surplus.is_zero() {
        return Err(ContractError::NoSurplus { balance, books: books.total()? });
    }
    Ok(Response::new()
        .add_messages(asset::pay(&ctx.cfg, &ctx.cfg.treasury, surplus)?)
        .add_attribute("action", "sweep_surplus")
        .add_attribute("amount", surplus))
}
