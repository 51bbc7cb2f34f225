//! `assess`, `requirement`, `claim_limit`, `pool_requirement`: the risk figures.

use cosmwasm_std::{Deps, Env};
use risk_math::conv::{u64_of_usize, usize_of_u32};
use risk_math::cover::{cover_n, uncovered};
use risk_math::measures::{self, horizon_scale, sigma_horizon, Measure};
use risk_math::Q64;
use risk_pool::oracle::{
    AssessResponse, ClaimLimitResponse, Exposure, MemberRisk, Method, PoolRequirementResponse, RequirementResponse,
    Uncovered,
};
use risk_pool::Amount;

use crate::error::ContractError;
use crate::execute::dec_q64;
use crate::limits::{MAX_EXPOSURES, MAX_MC_DRAWS, MAX_POOL_MEMBERS};
use crate::matrix::{load_cholesky, Corr};
use crate::state::{load_market, load_rounds, Config, CONFIG, ROUNDS, SCENARIOS};

/// The measured figures for one set of exposures.
pub struct Figures {
    /// The configuration they were measured under.
    pub cfg: Config,
    /// Value at risk.
    pub var: Amount,
    /// Expected shortfall.
    pub es: Amount,
    /// max(worst scenario loss, es)
    pub stress_loss: Amount,
    /// Oldest price time among the book's markets (block time for an empty book).
    pub as_of: u64,
    /// The book's delisted markets.
    pub delisted: Vec<String>,
}

impl Figures {
    /// max(es · requirement_multiplier rounded up, min_requirement); `Overflow` above u128
    /// (found by fuzzing: `mul_ceil` panicked for a huge multiplier).
    pub fn required(&self) -> Result<Amount, ContractError> {
        let r = self
            .es
            .raw()
            .checked_mul_ceil(self.cfg.requirement_multiplier)
            .map_err(|_| risk_math::MathError::Overflow { what: "es · requirement_multiplier" })?;
        Ok(Amount::from(r).max(self.cfg.min_requirement))
    }

    /// claim_multiple · max(stress_loss, es), rounded down; `Overflow` above u128.
    pub fn claim_limit(&self) -> Result<Amount, ContractError> {
        let limit = self
            .stress_loss
            .max(self.es)
            .raw()
            .checked_mul_floor(self.cfg.claim_multiple)
            .map_err(|_| risk_math::MathError::Overflow { what: "claim_multiple · max(stress, es)" })?;
        Ok(limit.into())
    }
}

struct Book {
    ids: Vec<String>,
    slots: Vec<u32>,
    notionals: Vec<i128>,
    sigma_h: Vec<Q64>,
    since_round: u64,
    /// The earliest delisting round among the book's markets: its historical window ends there.
    until_round: Option<u64>,
    delisted: Vec<String>,
    as_of: u64,
}

/// Validates the exposures (hard size limit, duplicates, unknown and stale markets) and loads
/// what the math needs: one market read per exposure. Only the hard maximum `MAX_EXPOSURES`
/// binds here, so a stored book stays assessable after the owner lowers `max_exposures`
/// (answered as `max_exposures` for the vault to enforce on new reports). A delisted market is
/// assessed at its last price and volatility, staleness ignored.
fn book(deps: Deps, env: &Env, cfg: &Config, exposures: &[Exposure]) -> Result<Book, ContractError> {
    if exposures.len() > usize_of_u32(MAX_EXPOSURES) {
        return Err(ContractError::LimitExceeded {
            what: "exposures",
            count: u64_of_usize(exposures.len()),
            max: u64::from(MAX_EXPOSURES),
        });
    }
    let now = env.block.time.seconds();
    let count = ROUNDS.load(deps.storage)?.count;
    let need = u64_of_usize(measures::min_observations(cfg.confidence_bps));
    let mut b = Book {
        ids: vec![],
        slots: vec![],
        notionals: vec![],
        sigma_h: vec![],
        since_round: 0,
        until_round: None,
        delisted: vec![],
        as_of: now,
    };
    for (i, e) in exposures.iter().enumerate() {
        if exposures[..i].iter().any(|o| o.market == e.market) {
            return Err(ContractError::DuplicateMarket { market: e.market.clone() });
        }
        let m = load_market(deps.storage, &e.market)?;
        let (since, cap) = m.window(count, need);
        if let Some(d) = cap {
            b.until_round = Some(b.until_round.map_or(d, |u| u.min(d)));
        }
        if m.delisted_round.is_some() {
            b.delisted.push(e.market.clone());
        } else if now.saturating_sub(m.updated_at) > cfg.max_staleness_secs {
            return Err(ContractError::StaleMarket {
                market: e.market.clone(),
                updated_at: m.updated_at,
                now,
                max_staleness_secs: cfg.max_staleness_secs,
            });
        }
        b.as_of = b.as_of.min(m.updated_at);
        b.since_round = b.since_round.max(since);
        b.ids.push(e.market.clone());
        b.slots.push(m.slot);
        b.notionals.push(e.notional.i128());
        let vol = m.effective_volatility(cfg.ewma_lambda.is_some());
        b.sigma_h.push(sigma_horizon(dec_q64(vol)?, cfg.horizon_secs)?);
    }
    Ok(b)
}

fn worst_scenario(deps: Deps, b: &Book) -> Result<u128, ContractError> {
    let mut worst = 0u128;
    for s in SCENARIOS.load(deps.storage)? {
        let shocks: Vec<i128> = b
            .ids
            .iter()
            .map(|id| s.shocks.iter().find(|sh| &sh.market == id).map_or(0, |sh| sh.shock.atomics().i128()))
            .collect();
        worst = worst.max(measures::stress_loss(&b.notionals, &shocks)?);
    }
    Ok(worst)
}

/// The book laid out by slot over slots 0..=max used: markets not in the book get a zero
/// notional (leading blocks of ρ and of its lower-triangular factor are exact cuts).
fn by_slot(b: &Book) -> (Vec<i128>, Vec<Q64>) {
    let n = b.slots.iter().map(|s| usize_of_u32(*s) + 1).max().unwrap_or(0);
    let mut notionals = vec![0i128; n];
    let mut sigma_h = vec![Q64::ZERO; n];
    for (i, s) in b.slots.iter().enumerate() {
        notionals[usize_of_u32(*s)] = b.notionals[i];
        sigma_h[usize_of_u32(*s)] = b.sigma_h[i];
    }
    (notionals, sigma_h)
}

/// Delta-normal over the stored ρ with the cached factor as a floor (σ_p² ≥ the Monte Carlo
/// model's variance; see `measures::parametric_factored`).
fn parametric(deps: Deps, cfg: &Config, b: &Book) -> Result<Measure, ContractError> {
    let (notionals, sigma_h) = by_slot(b);
    let n = notionals.len();
    let rho = Corr::load(deps.storage, n).full;
    let chol = load_cholesky(deps.storage, n);
    Ok(measures::parametric_factored(&notionals, &sigma_h, &rho, &chol, cfg.z(), cfg.es_factor())?)
}

/// Historical over the last `history_len` rounds that include every market of the book (ending
/// at the earliest delisting among them), each round's loss scaled by √(horizon/Δt_k) of its own
/// stored Δt (rounded up; one root per distinct Δt).
fn historical(deps: Deps, cfg: &Config, b: &Book) -> Result<Measure, ContractError> {
    let rounds = ROUNDS.load(deps.storage)?;
    let end = b.until_round.map_or(rounds.count, |u| u.min(rounds.count));
    let start = b.since_round.max(end.saturating_sub(u64::from(cfg.history_len)));
    let legacy_dt = rounds.legacy_dt.unwrap_or(cfg.round_secs);
    let h = load_rounds(deps.storage, start, end.max(start), &b.slots, legacy_dt)?;
    let scales = round_scales(cfg.horizon_secs, &h.dts)?;
    Ok(measures::historical_per_round(&b.notionals, &h.returns, &scales, cfg.confidence_bps)?)
}

/// √(horizon/Δt) per round, rounded up, computed once per distinct Δt.
fn round_scales(horizon_secs: u64, dts: &[u64]) -> Result<Vec<Q64>, ContractError> {
    let mut cache = std::collections::BTreeMap::new();
    dts.iter()
        .map(|dt| match cache.get(dt) {
            Some(s) => Ok(*s),
            None => {
                let s = horizon_scale(horizon_secs, *dt)?;
                cache.insert(*dt, s);
                Ok(s)
            }
        })
        .collect()
}

/// Monte Carlo over the cached factor (the book laid out by slot, see [`by_slot`]).
/// The draws (paths × (highest slot + 1)) are checked against `MAX_MC_DRAWS` here too: the
/// configuration bounds them, this catches state from before that bound counted slots.
fn monte_carlo(deps: Deps, cfg: &Config, b: &Book, paths: u32, seed: u64) -> Result<Measure, ContractError> {
    let (notionals, sigma_h) = by_slot(b);
    let draws = u64::from(paths).saturating_mul(u64_of_usize(notionals.len()));
    if draws > MAX_MC_DRAWS {
        return Err(ContractError::LimitExceeded {
            what: "monte carlo draws (paths × slots)",
            count: draws,
            max: MAX_MC_DRAWS,
        });
    }
    let chol = load_cholesky(deps.storage, notionals.len());
    Ok(measures::monte_carlo(&notionals, &sigma_h, &chol, paths, seed, cfg.confidence_bps)?)
}

/// Every figure for `exposures` under the configured method. Monte Carlo is floored at the
/// parametric figures so that a public seed cannot be searched for a cheap requirement.
pub fn measure(deps: Deps, env: &Env, exposures: &[Exposure]) -> Result<Figures, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let b = book(deps, env, &cfg, exposures)?;
    let m = if b.ids.is_empty() {
        Measure { var: 0, es: 0 }
    } else {
        match cfg.method {
            Method::Parametric => parametric(deps, &cfg, &b)?,
            Method::Historical => historical(deps, &cfg, &b)?,
            Method::MonteCarlo { paths, seed } => {
                let mc = monte_carlo(deps, &cfg, &b, paths, seed)?;
                let floor = parametric(deps, &cfg, &b)?;
                Measure { var: mc.var.max(floor.var), es: mc.es.max(floor.es) }
            }
        }
    };
    let stress = worst_scenario(deps, &b)?;
    Ok(Figures {
        var: Amount::new(m.var),
        es: Amount::new(m.es),
        stress_loss: Amount::new(stress.max(m.es)),
        as_of: b.as_of,
        delisted: b.delisted,
        cfg,
    })
}

pub fn assess(deps: Deps, env: &Env, exposures: &[Exposure]) -> Result<AssessResponse, ContractError> {
    let f = measure(deps, env, exposures)?;
    Ok(AssessResponse {
        var: f.var,
        es: f.es,
        required: f.required()?,
        stress_loss: f.stress_loss,
        claim_limit: f.claim_limit()?,
        claim_multiple: f.cfg.claim_multiple,
        cover_n: f.cfg.cover_n,
        method: f.cfg.method.clone(),
        confidence_bps: f.cfg.confidence_bps,
        horizon_secs: f.cfg.horizon_secs,
        as_of: f.as_of,
        max_exposures: Some(f.cfg.max_exposures),
        delisted: f.delisted,
    })
}

pub fn requirement(deps: Deps, env: &Env, exposures: &[Exposure]) -> Result<RequirementResponse, ContractError> {
    let f = measure(deps, env, exposures)?;
    Ok(RequirementResponse {
        var: f.var,
        es: f.es,
        required: f.required()?,
        method: f.cfg.method.clone(),
        confidence_bps: f.cfg.confidence_bps,
        horizon_secs: f.cfg.horizon_secs,
        as_of: f.as_of,
        max_exposures: Some(f.cfg.max_exposures),
        delisted: f.delisted,
    })
}

pub fn claim_limit(deps: Deps, env: &Env, exposures: &[Exposure]) -> Result<ClaimLimitResponse, ContractError> {
    Ok(ClaimLimitResponse { limit: measure(deps, env, exposures)?.claim_limit()? })
}

/// Cover-N: uncovered = min(max(0, stress_loss − contribution), coverage_left); required = sum
/// of the `cover_n` largest. Exact.
pub fn pool_requirement(deps: Deps, members: &[MemberRisk]) -> Result<PoolRequirementResponse, ContractError> {
    if members.len() > MAX_POOL_MEMBERS {
        return Err(ContractError::LimitExceeded {
            what: "members",
            count: u64_of_usize(members.len()),
            max: u64_of_usize(MAX_POOL_MEMBERS),
        });
    }
    let cfg = CONFIG.load(deps.storage)?;
    let list: Vec<Uncovered> = members
        .iter()
        .map(|m| Uncovered {
            member: m.member.clone(),
            uncovered: Amount::new(uncovered(m.stress_loss.u128(), m.contribution.u128(), m.coverage_left.u128())),
        })
        .collect();
    let values: Vec<u128> = list.iter().map(|u| u.uncovered.u128()).collect();
    let required = Amount::new(cover_n(&values, usize_of_u32(cfg.cover_n))?);
    Ok(PoolRequirementResponse { required, uncovered: list })
}
