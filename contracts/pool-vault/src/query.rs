//! Queries: cached figures as of the block time (vesting, pause lapse and claim expiry applied
//! in memory, premiums accrued in memory); no oracle call. One function per query; every
//! answer is built from the storage records.

use cosmwasm_std::{to_json_binary, Addr, Binary, Decimal, Deps, Env, Order, Uint128};
use cw_storage_plus::Bound;
use risk_pool::units::{Amount, Shares};
use risk_pool::vault::*;
use serde::Serialize;

use crate::asset;
use crate::books::{VIRTUAL_ASSETS, VIRTUAL_SHARES};
use crate::config::{limit, DEFAULT_PAGE, MAX_PAGE};
use crate::error::ContractError;
use crate::member::{at_time, lapse_pending, load_member, pool_requirement};
use crate::state::{
    Claim, Config, Member, Pool, BONDED, CLAIMS, CONFIG, MEMBERS, SHORTFALL_FIFO, SHORTFALL_META, TOTAL_BONDED,
    UNCOLLECTED, UNDERWRITERS,
};
use crate::sync::view;

/// What every query reads: the pool as of the block time (lapsed claims swept, not written).
struct View<'a> {
    deps: Deps<'a>,
    env: Env,
    cfg: Config,
    pool: Pool,
    now: u64,
}

impl<'a> View<'a> {
    fn load(deps: Deps<'a>, env: Env) -> Result<View<'a>, ContractError> {
        let cfg = CONFIG.load(deps.storage)?;
        let now = env.block.time.seconds();
        let pool = view(deps.storage, &cfg, now)?;
        Ok(View { deps, env, cfg, pool, now })
    }

    fn addr(&self, address: &str) -> Result<Addr, ContractError> {
        Ok(self.deps.api.addr_validate(address)?)
    }

    fn requirement(&self) -> Result<Amount, ContractError> {
        pool_requirement(self.deps.storage, self.pool.cover_n)
    }
}

fn page(limit_: Option<u32>) -> usize {
    limit(limit_.unwrap_or(DEFAULT_PAGE).min(MAX_PAGE))
}

fn bin<T: Serialize>(answer: Result<T, ContractError>) -> Result<Binary, ContractError> {
    Ok(to_json_binary(&answer?)?)
}

/// Answers one query.
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> Result<Binary, ContractError> {
    let v = View::load(deps, env)?;
    match msg {
        QueryMsg::Config {} => bin(Ok(v.cfg.response())),
        QueryMsg::State {} => bin(state(&v)),
        QueryMsg::Underwriter { address } => bin(underwriter(&v, &address)),
        QueryMsg::Member { address } => bin(member_at(&v, &address)),
        QueryMsg::Members { start_after, limit } => bin(members(&v, start_after, limit)),
        QueryMsg::Claim { id } => bin(claim_by_id(&v, id)),
        QueryMsg::Claims { start_after, limit } => bin(claims(&v, start_after, limit)),
        QueryMsg::Capacity { member } => bin(capacity(&v, &member)),
        QueryMsg::PreviewDeposit { amount } => {
            bin(v.pool.shares_for(amount).map(|shares| PreviewDepositResponse { shares }))
        }
        QueryMsg::PreviewRedeem { shares } => {
            bin(v.pool.value_of(shares).map(|amount| PreviewRedeemResponse { amount }))
        }
        QueryMsg::CoverageReport { start_after, limit } => bin(coverage_report(&v, start_after, limit)),
        QueryMsg::VotingPowerAtHeight { address, height } => bin(voting_power(&v, &address, height)),
        QueryMsg::TotalPowerAtHeight { height } => bin(total_power(&v, height)),
        QueryMsg::Uncollected { address } => bin(uncollected(&v, &address)),
        QueryMsg::ShortfallQueue { start_after, limit } => bin(shortfall_queue(&v, start_after, limit)),
    }
}

fn member_at(v: &View, address: &str) -> Result<MemberResponse, ContractError> {
    let addr = v.addr(address)?;
    member(v, &addr, load_member(v.deps.storage, &addr, v.now)?)
}

fn members(v: &View, start_after: Option<String>, limit: Option<u32>) -> Result<MembersResponse, ContractError> {
    let start = start_after.map(|s| v.addr(&s)).transpose()?;
    let members = MEMBERS
        .range(v.deps.storage, start.as_ref().map(Bound::exclusive), None, Order::Ascending)
        .take(page(limit))
        .map(|r| {
            let (a, m) = r?;
            member(v, &a, at_time(v.deps.storage, &a, m, v.now)?)
        })
        .collect::<Result<_, _>>()?;
    Ok(MembersResponse { members })
}

fn claim_by_id(v: &View, id: u64) -> Result<ClaimResponse, ContractError> {
    claim(v, CLAIMS.may_load(v.deps.storage, id)?.ok_or(ContractError::ClaimNotFound { id })?)
}

fn claims(v: &View, start_after: Option<u64>, limit: Option<u32>) -> Result<ClaimsResponse, ContractError> {
    let claims = CLAIMS
        .range(v.deps.storage, start_after.map(Bound::exclusive), None, Order::Ascending)
        .take(page(limit))
        .map(|r| claim(v, r?.1))
        .collect::<Result<_, _>>()?;
    Ok(ClaimsResponse { claims })
}

fn capacity(v: &View, address: &str) -> Result<CapacityResponse, ContractError> {
    let m = member_at(v, address)?;
    Ok(CapacityResponse {
        // What member_withdraw would allow: premium due is taken from the contribution first.
        member_headroom: m.contribution.saturating_sub(m.premium_due).saturating_sub(m.required.max(m.peak_required)),
        pool_headroom: v.pool.capacity(&v.cfg)?.saturating_sub(v.requirement()?),
    })
}

fn voting_power(v: &View, address: &str, height: Option<u64>) -> Result<VotingPowerAtHeightResponse, ContractError> {
    let addr = v.addr(address)?;
    let height = height.unwrap_or(v.env.block.height);
    let bonded = BONDED.may_load_at_height(v.deps.storage, &addr, height)?.unwrap_or_default();
    Ok(VotingPowerAtHeightResponse { power: risk_pool::Power::of_bonded(bonded), height })
}

fn total_power(v: &View, height: Option<u64>) -> Result<TotalPowerAtHeightResponse, ContractError> {
    let height = height.unwrap_or(v.env.block.height);
    let bonded = TOTAL_BONDED.may_load_at_height(v.deps.storage, height)?.unwrap_or_default();
    Ok(TotalPowerAtHeightResponse { power: risk_pool::Power::of_bonded(bonded), height })
}

fn uncollected(v: &View, address: &str) -> Result<UncollectedResponse, ContractError> {
    let address = v.addr(address)?;
    let amount = UNCOLLECTED.may_load(v.deps.storage, &address)?.unwrap_or_default();
    Ok(UncollectedResponse { address, amount })
}

/// The shortfall queue from `start_after` (a `seq`), head first.
fn shortfall_queue(
    v: &View,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> Result<ShortfallQueueResponse, ContractError> {
    let storage = v.deps.storage;
    let entries = SHORTFALL_FIFO
        .range(storage, start_after.map(Bound::exclusive), None, Order::Ascending)
        .take(page(limit))
        .map(|r| {
            let (seq, claim_id) = r?;
            Ok(ShortfallEntry { seq, claim_id, shortfall: CLAIMS.load(storage, claim_id)?.shortfall })
        })
        .collect::<Result<_, ContractError>>()?;
    Ok(ShortfallQueueResponse { length: SHORTFALL_META.may_load(storage)?.unwrap_or_default().len, entries })
}

/// a/b as a Decimal; beyond Decimal's range (≈3.4·10²⁰) it reads Decimal::MAX rather than
/// failing the query (found by fuzzing: `from_ratio` panicked in `coverage_report`).
fn ratio(a: Uint128, b: Uint128) -> Decimal {
    Decimal::checked_from_ratio(a, b).unwrap_or(Decimal::MAX)
}

/// (assets + 1)/(shares + 10⁶).
fn price(assets: Amount, shares: Shares) -> Result<Decimal, ContractError> {
    Ok(ratio(assets.checked_add(VIRTUAL_ASSETS)?.raw(), shares.checked_add(VIRTUAL_SHARES)?.raw()))
}

fn state(v: &View) -> Result<StateResponse, ContractError> {
    let p = &v.pool;
    let balance = asset::balance(&v.deps.querier, &v.cfg, &v.env.contract.address)?;
    Ok(StateResponse {
        total_assets: p.total_assets,
        total_shares: p.total_shares,
        unbonding_shares: p.unbonding_shares,
        share_price: price(p.total_assets, p.total_shares)?,
        net_share_price: price(p.net_assets(), p.total_shares)?,
        net_assets: p.net_assets(),
        unvested: p.unvested.amount,
        member_contributions: p.member_contributions,
        escrow: p.escrow,
        surplus: p.books().surplus(balance)?,
        pending_exposure: p.pending_exposure,
        shortfall: p.shortfall,
        pool_requirement: v.requirement()?,
        capacity: p.capacity(&v.cfg)?,
        paused: p.paused_until.is_some(),
        paused_until: p.paused_until,
    })
}

fn underwriter(v: &View, address: &str) -> Result<UnderwriterResponse, ContractError> {
    let uw = UNDERWRITERS.may_load(v.deps.storage, &v.addr(address)?)?.unwrap_or_default();
    Ok(UnderwriterResponse {
        shares: uw.shares,
        bonded_shares: uw.bonded,
        value: v.pool.value_of(uw.shares)?,
        unbonding: uw
            .unbonding
            .into_iter()
            .map(|e| UnbondingEntry {
                id: e.id,
                shares: e.shares,
                value_at_request: e.value_at_request,
                matures_at: e.matures_at,
            })
            .collect(),
        locked: uw
            .lots
            .into_iter()
            .filter(|l| l.unlocks_at > v.now)
            .map(|l| LockLot { shares: l.shares, unlocks_at: l.unlocks_at })
            .collect(),
    })
}

/// The answer for `m`, a record made whole at the view's time (`member::at_time`).
fn member(v: &View, addr: &Addr, mut m: Member) -> Result<MemberResponse, ContractError> {
    let (cfg, now) = (&v.cfg, v.now);
    m.accrue(cfg, now)?;
    Ok(MemberResponse {
        member: addr.clone(),
        contribution: m.contribution,
        required: m.required,
        peak_required: m.peak_required(cfg, now),
        deficit: m.deficit(cfg, now),
        exposures: m.book(),
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
        claim_limit: m.claim_limit(cfg, v.pool.claim_multiple, now)?,
        pending_claim: m.pending_claim,
        suspended: m.suspension(cfg, now, m.contribution).map(String::from),
        prepaid: m.premium.prepaid,
        due_since: m.premium.due_since,
        lowest_required: m.lowest_required(cfg, now),
    })
}

fn claim(v: &View, c: Claim) -> Result<ClaimResponse, ContractError> {
    let status = c.status_at(v.now);
    Ok(ClaimResponse {
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
        recovered: Amount::checked_sum([c.recovered_shortfall, c.recovered_pool, c.recovered_member])?,
    })
}

/// A member's coverage line from its stored record (a lapsed pending claim's escrow returned).
fn member_coverage(v: &View, addr: Addr, mut m: Member) -> Result<MemberCoverage, ContractError> {
    let (cfg, now) = (&v.cfg, v.now);
    lapse_pending(v.deps.storage, &mut m, now)?;
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
}

/// `coverage_report`'s page: 64 members, so that a pool of SPEC's size answers in one page and a
/// pool of 1,024 in 16 queries of bounded gas.
pub const COVERAGE_PAGE: u32 = 64;

fn coverage_report(
    v: &View,
    start_after: Option<String>,
    limit_: Option<u32>,
) -> Result<CoverageReportResponse, ContractError> {
    let p = &v.pool;
    let requirement = v.requirement()?;
    let start = start_after.map(|a| v.addr(&a)).transpose()?;
    let members = MEMBERS
        .range(v.deps.storage, start.as_ref().map(Bound::exclusive), None, Order::Ascending)
        .take(limit(limit_.unwrap_or(COVERAGE_PAGE).min(COVERAGE_PAGE)))
        .map(|r| {
            let (addr, m) = r?;
            member_coverage(v, addr, m)
        })
        .collect::<Result<_, ContractError>>()?;
    Ok(CoverageReportResponse {
        capital: p.net_assets(),
        cover_n: p.cover_n,
        cover_n_requirement: requirement,
        coverage_ratio: (!requirement.is_zero()).then(|| ratio(p.net_assets().raw(), requirement.raw())),
        capacity: p.capacity(&v.cfg)?,
        members,
        losses_paid_by_pool: p.paid_by_pool,
        losses_paid_by_members: p.paid_by_members,
        denied: p.denied,
        shortfall: p.shortfall,
        shortfall_to_date: p.shortfall_to_date,
        as_of: v.now,
        member_count: p.member_count,
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
