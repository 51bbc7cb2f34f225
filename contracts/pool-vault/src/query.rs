//! Queries: cached figures as of the block time (vesting, pause lapse and claim expiry applied
//! in memory, premiums accrued in memory); no oracle call.

use cosmwasm_std::{to_json_binary, Addr, Binary, Decimal, Deps, Env, Order, Uint128};
use cw_storage_plus::Bound;
use risk_pool::vault::*;

use crate::asset;
use crate::books::{VIRTUAL_ASSETS, VIRTUAL_SHARES};
use crate::config::{DEFAULT_PAGE, MAX_PAGE};
use crate::error::ContractError;
use crate::execute::admin::books;
use crate::member::{load_member, pool_requirement};
use crate::state::{
    Claim, Config, Member, PendingRef, Pool, BONDED, CLAIMS, CONFIG, COVER, MEMBERS, PREMIUMS, SHORTFALL_FIFO,
    SHORTFALL_META, TOTAL_BONDED, UNCOLLECTED, UNDERWRITERS,
};
use crate::sync::view;

struct View {
    cfg: Config,
    pool: Pool,
    expired: Vec<PendingRef>,
    now: u64,
}

fn load_view(deps: Deps, env: &Env) -> Result<View, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let now = env.block.time.seconds();
    let (pool, _, expired) = view(deps.storage, &cfg, now)?;
    Ok(View { cfg, pool, expired, now })
}

fn page(limit: Option<u32>) -> usize {
    limit.unwrap_or(DEFAULT_PAGE).min(MAX_PAGE) as usize
}

pub fn dispatch(deps: Deps, env: Env, msg: QueryMsg) -> Result<Binary, ContractError> {
    let v = load_view(deps, &env)?;
    Ok(match msg {
        QueryMsg::Config {} => to_json_binary(&v.cfg)?,
        QueryMsg::State {} => to_json_binary(&state(deps, &env, &v)?)?,
        QueryMsg::Underwriter { address } => to_json_binary(&underwriter(deps, &v, address)?)?,
        QueryMsg::Member { address } => {
            let addr = deps.api.addr_validate(&address)?;
            to_json_binary(&member(&v, &addr, load_member(deps.storage, &addr)?)?)?
        }
        QueryMsg::Members { start_after, limit } => {
            let start = start_after.map(|s| deps.api.addr_validate(&s)).transpose()?;
            let members = MEMBERS
                .range(deps.storage, start.as_ref().map(Bound::exclusive), None, Order::Ascending)
                .take(page(limit))
                .map(|r| {
                    let (a, mut m) = r?;
                    m.premium = PREMIUMS.load(deps.storage, &a)?;
                    m.upgrade_premium();
                    member(&v, &a, m)
                })
                .collect::<Result<_, _>>()?;
            to_json_binary(&MembersResponse { members })?
        }
        QueryMsg::Claim { id } => {
            let c = CLAIMS.may_load(deps.storage, id)?.ok_or(ContractError::ClaimNotFound { id })?;
            to_json_binary(&claim(&v, c))?
        }
        QueryMsg::Claims { start_after, limit } => {
            let claims = CLAIMS
                .range(deps.storage, start_after.map(Bound::exclusive), None, Order::Ascending)
                .take(page(limit))
                .map(|r| r.map(|(_, c)| claim(&v, c)))
                .collect::<Result<_, _>>()?;
            to_json_binary(&ClaimsResponse { claims })?
        }
        QueryMsg::Capacity { member: addr } => {
            let addr = deps.api.addr_validate(&addr)?;
            let m = member(&v, &addr, load_member(deps.storage, &addr)?)?;
            let requirement = pool_requirement(&COVER.may_load(deps.storage)?.unwrap_or_default(), v.pool.cover_n)?;
            to_json_binary(&CapacityResponse {
                // What member_withdraw would allow: premium due is taken from the contribution first.
                member_headroom: m
                    .contribution
                    .saturating_sub(m.premium_due)
                    .saturating_sub(m.required.max(m.peak_required)),
                pool_headroom: v.pool.capacity(&v.cfg)?.saturating_sub(requirement),
            })?
        }
        QueryMsg::PreviewDeposit { amount } => {
            to_json_binary(&PreviewDepositResponse { shares: v.pool.shares_for(amount)? })?
        }
        QueryMsg::PreviewRedeem { shares } => {
            to_json_binary(&PreviewRedeemResponse { amount: v.pool.value_of(shares)? })?
        }
        QueryMsg::CoverageReport {} => to_json_binary(&coverage_report(deps, &v)?)?,
        QueryMsg::VotingPowerAtHeight { address, height } => {
            let addr = deps.api.addr_validate(&address)?;
            let height = height.unwrap_or(env.block.height);
            let power = BONDED.may_load_at_height(deps.storage, &addr, height)?.unwrap_or_default();
            to_json_binary(&VotingPowerAtHeightResponse { power, height })?
        }
        QueryMsg::TotalPowerAtHeight { height } => {
            let height = height.unwrap_or(env.block.height);
            let power = TOTAL_BONDED.may_load_at_height(deps.storage, height)?.unwrap_or_default();
            to_json_binary(&TotalPowerAtHeightResponse { power, height })?
        }
        QueryMsg::Uncollected { address } => {
            let address = deps.api.addr_validate(&address)?;
            let amount = UNCOLLECTED.may_load(deps.storage, &address)?.unwrap_or_default();
            to_json_binary(&UncollectedResponse { address, amount })?
        }
        QueryMsg::ShortfallQueue { start_after, limit } => to_json_binary(&shortfall_queue(deps, start_after, limit)?)?,
    })
}

/// The shortfall queue from `start_after` (a `seq`), head first.
fn shortfall_queue(
    deps: Deps,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> Result<ShortfallQueueResponse, ContractError> {
    let entries = SHORTFALL_FIFO
        .range(deps.storage, start_after.map(Bound::exclusive), None, Order::Ascending)
        .take(page(limit))
        .map(|r| {
            let (seq, claim_id) = r?;
            Ok(ShortfallEntry { seq, claim_id, shortfall: CLAIMS.load(deps.storage, claim_id)?.shortfall })
        })
        .collect::<Result<_, ContractError>>()?;
    Ok(ShortfallQueueResponse { length: SHORTFALL_META.may_load(deps.storage)?.unwrap_or_default().len, entries })
}

/// a/b as a Decimal; beyond Decimal's range (≈3.4·10²⁰) it reads Decimal::MAX rather than
/// failing the query (found by fuzzing: `from_ratio` panicked in `coverage_report`).
fn ratio(a: Uint128, b: Uint128) -> Decimal {
    Decimal::checked_from_ratio(a, b).unwrap_or(Decimal::MAX)
}

fn price(assets: Uint128, shares: Uint128) -> Decimal {
    ratio(assets + Uint128::new(VIRTUAL_ASSETS), shares + Uint128::new(VIRTUAL_SHARES))
}

fn state(deps: Deps, env: &Env, v: &View) -> Result<StateResponse, ContractError> {
    let p = &v.pool;
    let balance = asset::balance(&deps.querier, &v.cfg, &env.contract.address)?;
    let rows = COVER.may_load(deps.storage)?.unwrap_or_default();
    Ok(StateResponse {
        total_assets: p.total_assets,
        total_shares: p.total_shares,
        unbonding_shares: p.unbonding_shares,
        share_price: price(p.total_assets, p.total_shares),
        net_share_price: price(p.net_assets(), p.total_shares),
        net_assets: p.net_assets(),
        unvested: p.unvested.amount,
        member_contributions: p.member_contributions,
        escrow: p.escrow,
        surplus: balance.saturating_sub(books(p)),
        pending_exposure: p.pending_exposure,
        shortfall: p.shortfall,
        pool_requirement: pool_requirement(&rows, p.cover_n)?,
        capacity: p.capacity(&v.cfg)?,
        paused: p.paused_until.is_some(),
        paused_until: p.paused_until,
    })
}

fn underwriter(deps: Deps, v: &View, address: String) -> Result<UnderwriterResponse, ContractError> {
    let addr = deps.api.addr_validate(&address)?;
    let uw = UNDERWRITERS.may_load(deps.storage, &addr)?.unwrap_or_default();
    Ok(UnderwriterResponse {
        shares: uw.shares,
        bonded_shares: uw.bonded,
        value: v.pool.value_of(uw.shares)?,
        unbonding: uw.unbonding,
        locked: uw.lots.into_iter().filter(|l| l.unlocks_at > v.now).collect(),
    })
}

fn member(v: &View, addr: &Addr, mut m: Member) -> Result<MemberResponse, ContractError> {
    let (cfg, now) = (&v.cfg, v.now);
    if let Some(p) = v.expired.iter().find(|p| Some(p.id) == m.pending_claim) {
        m.contribution += p.escrow;
        m.pending_claim = None;
    }
    m.accrue(cfg, now)?;
    Ok(MemberResponse {
        member: addr.clone(),
        contribution: m.contribution,
        required: m.required,
        peak_required: m.peak_required(cfg, now),
        deficit: m.deficit(cfg, now),
        exposures: m.exposures.clone(),
        exposures_at: m.exposures_at,
        coverage_cap: m.coverage_cap,
        coverage_used: m.coverage_used,
        premium_rate_bps: m.premium.rate_bps,
        premium_due: m.premium.due,
        paid_through: m.paid_through(cfg, now),
        grace_secs: m.premium.grace_secs,
        es: m.es,
        stress_loss: m.stress_loss,
        peak_es: m.peak_es(cfg, now),
        peak_stress_loss: m.peak_stress(cfg, now),
        assessed_at: m.assessed_at,
        as_of: m.as_of,
        claim_limit: m.claim_limit(cfg, v.pool.claim_multiple, now),
        pending_claim: m.pending_claim,
        suspended: m.suspension(cfg, now, m.contribution).map(String::from),
        prepaid: m.premium.prepaid,
        due_since: m.premium.due_since,
        lowest_required: m.lowest_required(cfg, now),
    })
}

fn claim(v: &View, c: Claim) -> ClaimResponse {
    let status =
        if c.status == ClaimStatus::Pending && c.expires_at <= v.now { ClaimStatus::Expired } else { c.status };
    ClaimResponse {
        id: c.id,
        member: c.member,
        amount: c.amount,
        recipient: c.recipient,
        status,
        paid_by_member: c.paid_by_member,
        paid_by_pool: c.paid_by_pool,
        denied: c.denied,
        shortfall: c.shortfall,
        created_at: c.created_at,
        memo: c.memo,
        expires_at: c.expires_at,
        reason: c.reason,
        suspended: c.suspended,
        needs_assessment: c.needs_assessment,
        recovered: c.recovered_shortfall + c.recovered_pool + c.recovered_member,
    }
}

fn coverage_report(deps: Deps, v: &View) -> Result<CoverageReportResponse, ContractError> {
    let (cfg, now, p) = (&v.cfg, v.now, &v.pool);
    let rows = COVER.may_load(deps.storage)?.unwrap_or_default();
    let requirement = pool_requirement(&rows, p.cover_n)?;
    let members = MEMBERS
        .range(deps.storage, None, None, Order::Ascending)
        .map(|r| {
            let (addr, m) = r?;
            Ok(MemberCoverage {
                uncovered: m.uncovered(cfg, now),
                coverage_left: m.coverage_left(),
                required: m.required,
                contribution: m.contribution,
                stress_loss: m.stress_loss,
                peak_stress_loss: m.peak_stress(cfg, now),
                paid_by_pool: m.paid_by_pool,
                denied: m.denied,
                shortfall: m.shortfall,
                member: addr,
            })
        })
        .collect::<Result<_, ContractError>>()?;
    Ok(CoverageReportResponse {
        capital: p.net_assets(),
        cover_n: p.cover_n,
        cover_n_requirement: requirement,
        coverage_ratio: (!requirement.is_zero()).then(|| ratio(p.net_assets(), requirement)),
        capacity: p.capacity(cfg)?,
        members,
        losses_paid_by_pool: p.paid_by_pool,
        losses_paid_by_members: p.paid_by_members,
        denied: p.denied,
        shortfall: p.shortfall,
        shortfall_to_date: p.shortfall_to_date,
        as_of: now,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fuzzing regression (V1): a ratio beyond Decimal's range reads Decimal::MAX, no panic.
    #[test]
    fn ratio_saturates() {
        assert_eq!(ratio(Uint128::MAX, Uint128::one()), Decimal::MAX);
        assert_eq!(ratio(Uint128::new(3), Uint128::new(2)), Decimal::percent(150));
    }
}
