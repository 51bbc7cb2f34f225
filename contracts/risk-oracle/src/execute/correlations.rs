//! Owner: `set_correlations`, a batch validated as a whole.

use cosmwasm_std::{DepsMut, MessageInfo, Response, SignedDecimal};
use risk_math::conv::{u64_of_usize, usize_of_u32};
use risk_math::Q64;
use risk_pool::oracle::CorrelationPair;

use crate::error::ContractError;
use crate::execute::ensure_owner;
use crate::matrix::Corr;
use crate::state::{load_market, CONFIG, PAIRS, SLOTS};

/// ρ as Q64.64, rounded toward zero (so |ρ| never grows past 1).
fn rho_q64(rho: SignedDecimal) -> Result<Q64, ContractError> {
    let q = Q64::from_atomics(rho.atomics().i128().abs(), SignedDecimal::DECIMAL_PLACES)?;
    Ok(if rho.is_negative() { q.neg() } else { q })
}

/// Applies `pairs` to the matrix and factors it; nothing is stored unless the whole batch
/// leaves the matrix positive semi-definite. Used by instantiate too.
pub fn apply(deps: &mut DepsMut, pairs: &[CorrelationPair]) -> Result<(), ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let markets = u64::from(cfg.max_markets);
    let max_pairs = markets * markets.saturating_sub(1) / 2;
    if u64_of_usize(pairs.len()) > max_pairs.max(1) {
        return Err(ContractError::LimitExceeded {
            what: "correlation pairs",
            count: u64_of_usize(pairs.len()),
            max: max_pairs,
        });
    }
    let slots = SLOTS.load(deps.storage)?;
    let mut corr = Corr::load(deps.storage, slots.len());
    for p in pairs {
        let invalid = || ContractError::InvalidCorrelation { a: p.a.clone(), b: p.b.clone(), rho: p.rho };
        if p.a == p.b || p.rho > SignedDecimal::one() || p.rho < SignedDecimal::negative_one() {
            return Err(invalid());
        }
        let ma = load_market(deps.storage, &p.a)?;
        let mb = load_market(deps.storage, &p.b)?;
        corr.set(usize_of_u32(ma.slot), usize_of_u32(mb.slot), rho_q64(p.rho)?);
    }
    corr.factor_and_save(deps.storage)?;
    for p in pairs {
        let (a, b) = if p.a < p.b { (&p.a, &p.b) } else { (&p.b, &p.a) };
        if p.rho.is_zero() {
            PAIRS.remove(deps.storage, (a, b));
        } else {
            PAIRS.save(deps.storage, (a, b), &p.rho)?;
        }
    }
    Ok(())
}

/// Owner: `set_correlations`.
pub fn set(mut deps: DepsMut, info: MessageInfo, pairs: Vec<CorrelationPair>) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    ensure_owner(&cfg, &info, "set correlations")?;
    apply(&mut deps, &pairs)?;
    Ok(Response::new().add_attribute("action", "set_correlations").add_attribute("pairs", pairs.len().to_string()))
}
