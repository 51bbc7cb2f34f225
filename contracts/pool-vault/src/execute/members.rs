//! Members: contributions, exposure reports gated by the oracle and Cover-N, refreshes and
//! premiums.

use cosmwasm_std::{Addr, DepsMut, Env, Response, Uint128};
use risk_pool::oracle::{AssessResponse, Exposure};

use super::{assess, ensure_not_paused};
use crate::asset;
use crate::books::{mul_div_floor, BPS};
use crate::config::MAX_EXPOSURES;
use crate::error::ContractError;
use crate::member::{ensure_capacity, is_reduction, load_member, save_member, save_premium};
use crate::state::{Config, Pool};

/// Takes a member's contribution. Never fails because of the oracle or a pause: the figures are
/// refreshed when the oracle answers and kept otherwise.
pub fn member_deposit(
    deps: DepsMut,
    env: &Env,
    cfg: &Config,
    pool: &mut Pool,
    member: Addr,
    amount: Uint128,
) -> Result<Response, ContractError> {
    let now = env.block.time.seconds();
    let mut m = load_member(deps.storage, &member)?;
    m.accrue(cfg, now)?;
    let refreshed = match assess(&deps.querier, cfg, &m.exposures) {
        Ok(a) => {
            m.apply_assessment(cfg, pool, &a, now);
            true
        }
        Err(_) => false,
    };
    m.contribution += amount;
    pool.member_contributions += amount;
    save_member(deps.storage, cfg, &member, &m, now)?;
    Ok(Response::new()
        .add_attribute("action", "member_deposit")
        .add_attribute("member", member)
        .add_attribute("amount", amount)
        .add_attribute("contribution", m.contribution)
        .add_attribute("figures_refreshed", refreshed.to_string()))
}

/// Pays a member's contribution back down to max(current required, peak required over the
/// lookback). Needs a fresh assessment; allowed while paused (an exit). Premium is accrued and
/// what is due is first taken from the contribution as income; the withdrawal is then refused
/// with `PoolCapacityExceeded` when it would lift the pool's Cover-N requirement above both
/// capacity and where it was (the check of an exposure increase: a smaller contribution leaves
/// more of the member's stress loss to the pool).
pub fn member_withdraw(
    deps: DepsMut,
    env: &Env,
    cfg: &Config,
    pool: &mut Pool,
    member: Addr,
    amount: Uint128,
) -> Result<Response, ContractError> {
    let now = env.block.time.seconds();
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount { what: "amount" });
    }
    let mut m = load_member(deps.storage, &member)?;
    m.accrue(cfg, now)?;
    let a = assess(&deps.querier, cfg, &m.exposures)?;
    m.apply_assessment(cfg, pool, &a, now);
    let premium = m.take_due_from_contribution()?;
    pool.member_contributions -= premium;
    let fee = take_income(cfg, pool, now, premium)?;
    let floor = m.required.max(m.peak_required(cfg, now));
    let available = m.contribution.saturating_sub(floor);
    if amount > available {
        return Err(ContractError::WithdrawBelowRequirement {
            requested: amount,
            available,
            contribution: m.contribution,
            floor,
        });
    }
    m.contribution -= amount;
    pool.member_contributions -= amount;
    ensure_capacity(deps.storage, cfg, pool, &member, m.uncovered(cfg, now))?;
    save_member(deps.storage, cfg, &member, &m, now)?;
    Ok(Response::new()
        .add_messages(asset::pay(cfg, &cfg.treasury, fee)?)
        .add_messages(asset::pay(cfg, &member, amount)?)
        .add_attribute("action", "member_withdraw")
        .add_attribute("member", member)
        .add_attribute("amount", amount)
        .add_attribute("premium_taken", premium)
        .add_attribute("protocol_fee", fee)
        .add_attribute("contribution", m.contribution)
        .add_attribute("floor", floor))
}

/// Drops zero notionals; refuses duplicates and oversize lists.
fn normalize(exposures: Vec<Exposure>) -> Result<Vec<Exposure>, ContractError> {
    if exposures.len() > MAX_EXPOSURES {
        return Err(ContractError::TooManyExposures { count: exposures.len(), max: MAX_EXPOSURES });
    }
    let out: Vec<Exposure> = exposures.into_iter().filter(|e| !e.notional.is_zero()).collect();
    for (i, e) in out.iter().enumerate() {
        if out[..i].iter().any(|o| o.market == e.market) {
            return Err(ContractError::DuplicateMarket { market: e.market.clone() });
        }
    }
    Ok(out)
}

/// The oracle's listing rules for a book that is not a reduction: at most `max_exposures`
/// entries (`TooManyExposures`; `None` = no limit beyond the vault's own), and no delisted market
/// added or raised — new, |new| > |stored|, or a sign flip (`MarketDelisted`). A delisted market
/// the book keeps or shrinks passes.
fn ensure_listed(stored: &[Exposure], new: &[Exposure], a: &AssessResponse) -> Result<(), ContractError> {
    if let Some(max) = a.max_exposures.map(|m| m as usize).filter(|m| new.len() > *m) {
        return Err(ContractError::TooManyExposures { count: new.len(), max });
    }
    match new.iter().find(|n| a.delisted.contains(&n.market) && !is_reduction(stored, std::slice::from_ref(n))) {
        Some(n) => Err(ContractError::MarketDelisted { market: n.market.clone() }),
        None => Ok(()),
    }
}

/// Replaces the member's exposures. A reduction is always accepted (paused or not, whatever the
/// oracle answers). Anything else needs the pool unpaused, the oracle's listing rules
/// ([`ensure_listed`]), contribution ≥ the new `required`, and a Cover-N requirement within
/// capacity (or not above where it already was).
pub fn report_exposure(
    deps: DepsMut,
    env: &Env,
    cfg: &Config,
    pool: &mut Pool,
    member: Addr,
    exposures: Vec<Exposure>,
) -> Result<Response, ContractError> {
    let now = env.block.time.seconds();
    let mut m = load_member(deps.storage, &member)?;
    let exposures = normalize(exposures)?;
    let reduction = is_reduction(&m.exposures, &exposures);
    if !reduction {
        ensure_not_paused(pool, "an exposure increase")?;
    }
    m.accrue(cfg, now)?;
    if m.committed_required.points.is_empty() && m.exposures_at.is_some() {
        // A record stored before `committed_required`: the floor in force until now seeds it.
        if let Some(low) = m.lowest_required(cfg, now) {
            m.committed_required.set(low, now, cfg.member_lookback_secs);
        }
    }
    let oracle = match assess(&deps.querier, cfg, &exposures) {
        Ok(a) => {
            if !reduction {
                ensure_listed(&m.exposures, &exposures, &a)?;
            }
            m.apply_assessment(cfg, pool, &a, now);
            "ok"
        }
        Err(e) if !reduction => return Err(e),
        Err(_) => "error: cached figures kept",
    };
    if !reduction {
        if m.contribution < m.required {
            return Err(ContractError::InsufficientContribution { required: m.required, contribution: m.contribution });
        }
        ensure_capacity(deps.storage, cfg, pool, &member, m.uncovered(cfg, now))?;
        m.restart_low_required(cfg, now);
    } else {
        m.end_commitment(cfg, now);
    }
    m.exposures = exposures;
    m.exposures_at = Some(now);
    save_member(deps.storage, cfg, &member, &m, now)?;
    Ok(Response::new()
        .add_attribute("action", "report_exposure")
        .add_attribute("member", member)
        .add_attribute("reduction", reduction.to_string())
        .add_attribute("markets", m.exposures.len().to_string())
        .add_attribute("required", m.required)
        .add_attribute("stress_loss", m.stress_loss)
        .add_attribute("oracle", oracle))
}

/// Re-assesses a member's stored exposures (anyone may call it).
pub fn refresh_member(
    deps: DepsMut,
    env: &Env,
    cfg: &Config,
    pool: &mut Pool,
    member: String,
) -> Result<Response, ContractError> {
    let now = env.block.time.seconds();
    let member = deps.api.addr_validate(&member)?;
    let mut m = load_member(deps.storage, &member)?;
    m.accrue(cfg, now)?;
    let a = assess(&deps.querier, cfg, &m.exposures)?;
    m.apply_assessment(cfg, pool, &a, now);
    save_member(deps.storage, cfg, &member, &m, now)?;
    Ok(Response::new()
        .add_attribute("action", "refresh_member")
        .add_attribute("member", member)
        .add_attribute("required", m.required)
        .add_attribute("peak_required", m.peak_required(cfg, now))
        .add_attribute("stress_loss", m.stress_loss))
}

/// Premium income: ⌊amount·protocol_fee_bps/10⁴⌋ to the treasury (rounds down), the rest into
/// the vesting stream. Returns the fee.
pub fn take_income(cfg: &Config, pool: &mut Pool, now: u64, amount: Uint128) -> Result<Uint128, ContractError> {
    let fee = mul_div_floor(amount, cfg.protocol_fee_bps, BPS)?;
    pool.add_income(amount - fee, now, cfg.reward_vesting_secs);
    Ok(fee)
}

/// Anyone pays a member's premium; beyond what is due it is prepaid. Never fails because of the
/// oracle or a pause.
pub fn pay_premium(
    deps: DepsMut,
    env: &Env,
    cfg: &Config,
    pool: &mut Pool,
    payer: Addr,
    member: String,
    amount: Uint128,
) -> Result<Response, ContractError> {
    let now = env.block.time.seconds();
    let member = deps.api.addr_validate(&member)?;
    let mut m = load_member(deps.storage, &member)?;
    m.accrue(cfg, now)?;
    let excess = m.pay_premium(amount)?;
    let fee = take_income(cfg, pool, now, amount)?;
    save_premium(deps.storage, &member, &m)?;
    let paid_through = m.paid_through(cfg, now).map_or_else(|| "null".to_string(), |t| t.to_string());
    Ok(Response::new()
        .add_messages(asset::pay(cfg, &cfg.treasury, fee)?)
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
