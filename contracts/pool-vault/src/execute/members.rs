//! Members: contributions, exposure reports gated by the oracle and Cover-N, refreshes and
//! premiums.

use cosmwasm_std::{Addr, Response};
use risk_pool::helpers::AssessFigures;
use risk_pool::oracle::Exposure;
use risk_pool::units::Amount;

use super::Ctx;
use crate::asset;
use crate::config::{limit, MAX_EXPOSURES, MAX_LEGS};
use crate::error::ContractError;
use crate::member::{ensure_capacity, is_reduction, load_member, save_member, save_premium};
use crate::state::Member;

/// Takes a member's contribution. Never fails because of the oracle or a pause: the figures are
/// refreshed when the oracle answers and kept otherwise.
pub fn member_deposit(ctx: &mut Ctx, member: Addr, amount: Amount) -> Result<Response, ContractError> {
    let now = ctx.now;
    let mut m = load_member(ctx.deps.storage, &member, ctx.now)?;
    m.accrue(&ctx.cfg, now)?;
    let refreshed = match ctx.assess(&m.live_book(now)) {
        Ok(a) => {
            m.apply_assessment(&ctx.cfg, &mut ctx.pool, &a, now);
            true
        }
        Err(_) => false,
    };
    m.contribution = m.contribution.checked_add(amount)?;
    ctx.pool.member_contributions = ctx.pool.member_contributions.checked_add(amount)?;
    save_member(ctx.deps.storage, &ctx.cfg, &member, &mut m, now)?;
    Ok(Response::new()
        .add_attribute("action", "member_deposit")
        .add_attribute("member", member)
        .add_attribute("amount", amount)
        .add_attribute("contribution", m.contribution)
        .add_attribute("figures_refreshed", refreshed.to_string()))
}

/// Takes the member's premium due out of its contribution as income (after `accrue`): the
/// pool's books follow; returns (premium taken, protocol fee of it).
pub fn take_due(ctx: &mut Ctx, m: &mut Member) -> Result<(Amount, Amount), ContractError> {
    let premium = m.take_due_from_contribution()?;
    ctx.pool.member_contributions = ctx.pool.member_contributions.checked_sub(premium)?;
    let fee = take_income(ctx, premium)?;
    Ok((premium, fee))
}

/// Pays a member's contribution back down to max(current required, peak required over the
/// lookback). Needs a fresh assessment; allowed while paused (an exit). Premium is accrued and
/// what is due is first taken from the contribution as income; the withdrawal is then refused
/// with `PoolCapacityExceeded` when it would lift the pool's Cover-N requirement above both
/// capacity and where it was (the check of an exposure increase: a smaller contribution leaves
/// more of the member's stress loss to the pool).
pub fn member_withdraw(ctx: &mut Ctx, member: Addr, amount: Amount) -> Result<Response, ContractError> {
    let now = ctx.now;
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount { what: "amount" });
    }
    let mut m = load_member(ctx.deps.storage, &member, ctx.now)?;
    let before = m.uncovered(&ctx.cfg, now);
    m.accrue(&ctx.cfg, now)?;
    let a = ctx.assess(&m.live_book(now))?;
    m.apply_assessment(&ctx.cfg, &mut ctx.pool, &a, now);
    let (premium, fee) = take_due(ctx, &mut m)?;
    let floor = m.required.max(m.peak_required(&ctx.cfg, now));
    let available = m.contribution.saturating_sub(floor);
    if amount > available {
        return Err(ContractError::WithdrawBelowRequirement {
            requested: amount,
            available,
            contribution: m.contribution,
            floor,
        });
    }
    m.contribution = m.contribution.checked_sub(amount)?;
    ctx.pool.member_contributions = ctx.pool.member_contributions.checked_sub(amount)?;
    ensure_capacity(ctx.deps.storage, &ctx.cfg, &ctx.pool, &member, (before, m.uncovered(&ctx.cfg, now)))?;
    save_member(ctx.deps.storage, &ctx.cfg, &member, &mut m, now)?;
    Ok(Response::new()
        .add_messages(asset::pay(&ctx.cfg, &ctx.cfg.treasury, fee)?)
        .add_messages(asset::pay(&ctx.cfg, &member, amount)?)
        .add_attribute("action", "member_withdraw")
        .add_attribute("member", member)
        .add_attribute("amount", amount)
        .add_attribute("premium_taken", premium)
        .add_attribute("protocol_fee", fee)
        .add_attribute("contribution", m.contribution)
        .add_attribute("floor", floor))
}

/// Drops zero notionals and zero-size legs; refuses oversize lists (linear entries:
/// `MAX_EXPOSURES`; legs: `MAX_LEGS`), two linear entries in one market (`DuplicateMarket`), two
/// legs with the same market, kind, strike and expiry (`DuplicateLeg`) and a leg at or past
/// expiry (`OptionExpired`: a new report may drop an expired leg, never carry one).
fn normalize(exposures: Vec<Exposure>, now: u64) -> Result<Vec<Exposure>, ContractError> {
    let legs = exposures.iter().filter(|e| e.option.is_some()).count();
    let linear = exposures.len() - legs;
    if linear > MAX_EXPOSURES {
        return Err(ContractError::TooManyExposures { count: linear, max: MAX_EXPOSURES });
    }
    if legs > MAX_LEGS {
        return Err(ContractError::TooManyExposures { count: legs, max: MAX_LEGS });
    }
    let out: Vec<Exposure> = exposures
        .into_iter()
        .filter(|e| e.option.as_ref().map_or(!e.notional.is_zero(), |o| !o.size.is_zero()))
        .collect();
    for (i, e) in out.iter().enumerate() {
        match &e.option {
            None => {
                if out[..i].iter().any(|o| o.market == e.market && o.option.is_none()) {
                    return Err(ContractError::DuplicateMarket { market: e.market.clone() });
                }
            }
            Some(leg) => {
                if leg.expiry <= now {
                    return Err(ContractError::OptionExpired { market: e.market.clone(), expiry: leg.expiry, now });
                }
                let same = |o: &Exposure| {
                    o.market == e.market
                        && o.option
                            .as_ref()
                            .is_some_and(|l| l.kind == leg.kind && l.strike == leg.strike && l.expiry == leg.expiry)
                };
                if out[..i].iter().any(same) {
                    return Err(ContractError::DuplicateLeg {
                        market: e.market.clone(),
                        strike: leg.strike,
                        expiry: leg.expiry,
                    });
                }
            }
        }
    }
    Ok(out)
}

/// The oracle's listing rules for a book that is not a reduction: at most `max_exposures`
/// linear entries (`TooManyExposures`; `None` = no limit beyond the vault's own), and no delisted
/// market added or raised — new, or not a reduction of its stored entries ([`is_reduction`] on
/// that market alone) (`MarketDelisted`). A delisted market the book keeps or shrinks passes.
fn ensure_listed(stored: &[Exposure], new: &[Exposure], a: &AssessFigures, now: u64) -> Result<(), ContractError> {
    let linear = new.iter().filter(|e| e.option.is_none()).count();
    if let Some(max) = a.max_exposures.map(limit).filter(|m| linear > *m) {
        return Err(ContractError::TooManyExposures { count: linear, max });
    }
    let market_of = |book: &[Exposure], id: &str| book.iter().filter(|e| e.market == id).cloned().collect::<Vec<_>>();
    match new.iter().find(|n| a.delisted.contains(&n.market) && !is_reduction(stored, &market_of(new, &n.market), now))
    {
        Some(n) => Err(ContractError::MarketDelisted { market: n.market.clone() }),
        None => Ok(()),
    }
}

/// Replaces the member's exposures. A reduction is always accepted (paused or not, whatever the
/// oracle answers). Anything else needs the pool unpaused, the oracle's listing rules
/// ([`ensure_listed`]), contribution ≥ the new `required`, and a Cover-N requirement within
/// capacity (or not above where it already was).
pub fn report_exposure(ctx: &mut Ctx, member: Addr, exposures: Vec<Exposure>) -> Result<Response, ContractError> {
    let now = ctx.now;
    let mut m = load_member(ctx.deps.storage, &member, ctx.now)?;
    let before = m.uncovered(&ctx.cfg, now);
    let exposures = normalize(exposures, now)?;
    let stored = m.book();
    let reduction = is_reduction(&stored, &exposures, now);
    if !reduction {
        ctx.ensure_not_paused("an exposure increase")?;
    }
    m.accrue(&ctx.cfg, now)?;
    if m.committed_required.points.is_empty() && m.exposures_at.is_some() {
        // A record stored before `committed_required`: the floor in force until now seeds it.
        if let Some(low) = m.lowest_required(&ctx.cfg, now) {
            m.committed_required.set(low, now, ctx.cfg.member_lookback_secs);
        }
    }
    let oracle = match ctx.assess(&exposures) {
        Ok(a) => {
            if !reduction {
                ensure_listed(&stored, &exposures, &a, now)?;
            }
            m.apply_assessment(&ctx.cfg, &mut ctx.pool, &a, now);
            "ok"
        }
        Err(e) if !reduction => return Err(e),
        Err(_) => "error: cached figures kept",
    };
    if !reduction {
        if m.contribution < m.required {
            return Err(ContractError::InsufficientContribution { required: m.required, contribution: m.contribution });
        }
        ensure_capacity(ctx.deps.storage, &ctx.cfg, &ctx.pool, &member, (before, m.uncovered(&ctx.cfg, now)))?;
        m.restart_low_required(&ctx.cfg, now);
    } else {
        m.end_commitment(&ctx.cfg, now);
    }
    let entries = exposures.len();
    m.set_book(exposures);
    m.exposures_at = Some(now);
    save_member(ctx.deps.storage, &ctx.cfg, &member, &mut m, now)?;
    Ok(Response::new()
        .add_attribute("action", "report_exposure")
        .add_attribute("member", member)
        .add_attribute("reduction", reduction.to_string())
        .add_attribute("markets", entries.to_string())
        .add_attribute("required", m.required)
        .add_attribute("stress_loss", m.stress_loss)
        .add_attribute("oracle", oracle))
}

/// Re-assesses a member's stored exposures (anyone may call it).
pub fn refresh_member(ctx: &mut Ctx, member: String) -> Result<Response, ContractError> {
    let now = ctx.now;
    let member = ctx.deps.api.addr_validate(&member)?;
    let mut m = load_member(ctx.deps.storage, &member, ctx.now)?;
    m.accrue(&ctx.cfg, now)?;
    let a = ctx.assess(&m.live_book(now))?;
    m.apply_assessment(&ctx.cfg, &mut ctx.pool, &a, now);
    save_member(ctx.deps.storage, &ctx.cfg, &member, &mut m, now)?;
    Ok(Response::new()
        .add_attribute("action", "refresh_member")
        .add_attribute("member", member)
        .add_attribute("required", m.required)
        .add_attribute("peak_required", m.peak_required(&ctx.cfg, now))
        .add_attribute("stress_loss", m.stress_loss))
}

/// Premium income: ⌊amount·protocol_fee_bps/10⁴⌋ to the treasury (rounds down), the rest into
/// the vesting stream. Returns the fee.
pub fn take_income(ctx: &mut Ctx, amount: Amount) -> Result<Amount, ContractError> {
    let fee = amount.mul_bps_floor(ctx.cfg.protocol_fee_bps)?;
    ctx.pool.add_income(amount.checked_sub(fee)?, ctx.now, ctx.cfg.reward_vesting_secs)?;
    Ok(fee)
}

/// Anyone pays a member's premium; beyond what is due it is prepaid. Never fails because of the
/// oracle or a pause.
pub fn pay_premium(ctx: &mut Ctx, payer: Addr, member: String, amount: Amount) -> Result<Response, ContractError> {
    let now = ctx.now;
    let member = ctx.deps.api.addr_validate(&member)?;
    let mut m = load_member(ctx.deps.storage, &member, ctx.now)?;
    m.accrue(&ctx.cfg, now)?;
    let excess = m.pay_premium(amount)?;
    let fee = take_income(ctx, amount)?;
    save_premium(ctx.deps.storage, &member, &m)?;
    let paid_through = m.paid_through(&ctx.cfg, now).map_or_else(|| "null".to_string(), |t| t.to_string());
    Ok(Response::new()
        .add_messages(asset::pay(&ctx.cfg, &ctx.cfg.treasury, fee)?)
        .add_attribute("action", "pay_premium")
        .add_attribute("payer", payer)
        .add_attribute("member", member)
        .add_attribute("amount", amount)
        .add_attribute("protocol_fee", fee)
        .add_attribute("premium_due", m.premium.due)
        .add_attribute("prepaid_added", excess)
        .add_attribute("prepaid", m.premium.prepaid)
        .add_attribute("paid_through", paid_through))
}
