//! Owner and guardian actions: members, config, ownership, pause; and `sweep_surplus` (anyone).

use cosmwasm_std::{Addr, DepsMut, Env, Response, Uint128};
use risk_pool::vault::{ConfigUpdate, MemberTerms};

use super::ensure_owner;
use super::members::take_income;
use crate::asset;
use crate::config::apply_update;
use crate::error::ContractError;
use crate::member::{load_member, save_member, with_row};
use crate::state::{Config, Member, Pool, CONFIG, COVER, MEMBERS, PREMIUMS};

fn validate_terms(terms: &MemberTerms) -> Result<(), ContractError> {
    if terms.premium_rate_bps > 10_000 {
        return Err(ContractError::InvalidConfig {
            reason: format!("premium_rate_bps {} > 10000", terms.premium_rate_bps),
        });
    }
    Ok(())
}

pub fn register_member(
    deps: DepsMut,
    env: &Env,
    cfg: &Config,
    pool: &mut Pool,
    sender: Addr,
    terms: MemberTerms,
) -> Result<Response, ContractError> {
    let now = env.block.time.seconds();
    ensure_owner(cfg, &sender, "register members")?;
    validate_terms(&terms)?;
    let addr = deps.api.addr_validate(&terms.member)?;
    if MEMBERS.has(deps.storage, &addr) {
        return Err(ContractError::MemberExists { address: addr.to_string() });
    }
    if pool.member_count >= cfg.max_members {
        return Err(ContractError::TooManyMembers { max: cfg.max_members });
    }
    pool.member_count += 1;
    save_member(deps.storage, cfg, &addr, &Member::new(&terms, now), now)?;
    Ok(Response::new()
        .add_attribute("action", "register_member")
        .add_attribute("member", addr)
        .add_attribute("coverage_cap", terms.coverage_cap)
        .add_attribute("premium_rate_bps", terms.premium_rate_bps.to_string())
        .add_attribute("grace_secs", terms.grace_secs.to_string()))
}

/// New terms apply from now: premium is accrued on the old rate first.
pub fn update_member(
    deps: DepsMut,
    env: &Env,
    cfg: &Config,
    sender: Addr,
    terms: MemberTerms,
) -> Result<Response, ContractError> {
    let now = env.block.time.seconds();
    ensure_owner(cfg, &sender, "update members")?;
    validate_terms(&terms)?;
    let addr = deps.api.addr_validate(&terms.member)?;
    let mut m = load_member(deps.storage, &addr)?;
    m.accrue(cfg, now)?;
    m.coverage_cap = terms.coverage_cap;
    m.premium.rate_bps = terms.premium_rate_bps;
    m.premium.grace_secs = terms.grace_secs;
    save_member(deps.storage, cfg, &addr, &m, now)?;
    Ok(Response::new()
        .add_attribute("action", "update_member")
        .add_attribute("member", addr)
        .add_attribute("coverage_cap", terms.coverage_cap)
        .add_attribute("premium_rate_bps", terms.premium_rate_bps.to_string())
        .add_attribute("grace_secs", terms.grace_secs.to_string()))
}

/// Refused while the member has a pending claim or outstanding shortfall (a claim's shortfall
/// stays owed to its recipient and is tracked on the member: removing it would leave the
/// settlement and recovery books without their member row); premium due is taken from the
/// contribution (as income), the rest is refunded to the member.
pub fn remove_member(
    deps: DepsMut,
    env: &Env,
    cfg: &Config,
    pool: &mut Pool,
    sender: Addr,
    member: String,
) -> Result<Response, ContractError> {
    let now = env.block.time.seconds();
    ensure_owner(cfg, &sender, "remove members")?;
    let addr = deps.api.addr_validate(&member)?;
    let mut m = load_member(deps.storage, &addr)?;
    if let Some(claim_id) = m.pending_claim {
        return Err(ContractError::MemberHasPendingClaim { claim_id });
    }
    if !m.shortfall.is_zero() {
        return Err(ContractError::MemberHasShortfall { member: addr.to_string(), shortfall: m.shortfall });
    }
    m.accrue(cfg, now)?;
    let premium = m.take_due_from_contribution()?;
    let refund = m.contribution;
    pool.member_contributions -= premium + refund;
    let fee = take_income(cfg, pool, now, premium)?;
    pool.member_count -= 1;
    MEMBERS.remove(deps.storage, &addr);
    PREMIUMS.remove(deps.storage, &addr);
    let rows = COVER.may_load(deps.storage)?.unwrap_or_default();
    COVER.save(deps.storage, &with_row(rows, &addr, None))?;
    Ok(Response::new()
        .add_messages(asset::pay(cfg, &cfg.treasury, fee)?)
        .add_messages(asset::pay(cfg, &addr, refund)?)
        .add_attribute("action", "remove_member")
        .add_attribute("member", addr)
        .add_attribute("premium_taken", premium)
        .add_attribute("protocol_fee", fee)
        .add_attribute("refund", refund))
}

pub fn update_config(
    deps: DepsMut,
    cfg: &Config,
    pool: &Pool,
    sender: Addr,
    update: ConfigUpdate,
) -> Result<Response, ContractError> {
    ensure_owner(cfg, &sender, "update the config")?;
    let new = apply_update(deps.api, cfg, update)?;
    if new.max_members < pool.member_count {
        return Err(ContractError::InvalidConfig {
            reason: format!("max_members {} below the {} registered members", new.max_members, pool.member_count),
        });
    }
    CONFIG.save(deps.storage, &new)?;
    Ok(Response::new().add_attribute("action", "update_config"))
}

pub fn transfer_ownership(deps: DepsMut, cfg: &Config, sender: Addr, owner: String) -> Result<Response, ContractError> {
    ensure_owner(cfg, &sender, "transfer ownership")?;
    let mut new = cfg.clone();
    new.owner = deps.api.addr_validate(&owner)?;
    CONFIG.save(deps.storage, &new)?;
    Ok(Response::new().add_attribute("action", "transfer_ownership").add_attribute("owner", new.owner))
}

/// Owner or guardian: pauses for `max_pause_secs` (then it lapses by itself). The guardian may
/// not extend a pause, nor pause again within `max_pause_secs` of a lapse or of the owner's
/// `unpause`; the owner may.
pub fn pause(env: &Env, cfg: &Config, pool: &mut Pool, sender: Addr) -> Result<Response, ContractError> {
    let now = env.block.time.seconds();
    let by_owner = sender == cfg.owner;
    if !by_owner && cfg.guardian.as_ref() != Some(&sender) {
        return Err(ContractError::Unauthorized { role: "owner or guardian", action: "pause" });
    }
    if !by_owner {
        if let Some(until) = pool.paused_until {
            return Err(ContractError::AlreadyPaused { until });
        }
        if now < pool.guardian_pause_after {
            return Err(ContractError::GuardianCooldown { after: pool.guardian_pause_after });
        }
    }
    let until = now.saturating_add(cfg.max_pause_secs);
    pool.paused_until = Some(until);
    Ok(Response::new()
        .add_attribute("action", "pause")
        .add_attribute("by", sender)
        .add_attribute("paused_until", until.to_string()))
}

/// Owner: ends a pause now. Like a lapse, it starts the guardian's cooldown: the guardian may
/// not pause again before now + `max_pause_secs` (else it could re-pause right after every
/// unpause, indefinitely).
pub fn unpause(env: &Env, cfg: &Config, pool: &mut Pool, sender: Addr) -> Result<Response, ContractError> {
    ensure_owner(cfg, &sender, "unpause")?;
    if pool.paused_until.take().is_none() {
        return Err(ContractError::NotPaused {});
    }
    let after = env.block.time.seconds().saturating_add(cfg.max_pause_secs);
    pool.guardian_pause_after = pool.guardian_pause_after.max(after);
    Ok(Response::new()
        .add_attribute("action", "unpause")
        .add_attribute("guardian_pause_after", pool.guardian_pause_after.to_string()))
}

/// The books the token balance must cover: assets + unvested + contributions + escrow.
pub fn books(pool: &Pool) -> Uint128 {
    pool.total_assets + pool.unvested.amount + pool.member_contributions + pool.escrow
}

/// Anyone: the balance above the books (a donation) goes to the treasury.
pub fn sweep_surplus(deps: DepsMut, env: &Env, cfg: &Config, pool: &Pool) -> Result<Response, ContractError> {
    let balance = asset::balance(&deps.querier, cfg, &env.contract.address)?;
    let books = books(pool);
    let surplus = balance.saturating_sub(books);
    if surplus.is_zero() {
        return Err(ContractError::NoSurplus { balance, books });
    }
    Ok(Response::new()
        .add_messages(asset::pay(cfg, &cfg.treasury, surplus)?)
        .add_attribute("action", "sweep_surplus")
        .add_attribute("amount", surplus))
}
