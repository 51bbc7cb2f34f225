//! `assess`, `requirement`, `claim_limit`, `pool_requirement`: the risk figures.

use cosmwasm_std::{Decimal, Deps, Env};
use ethnum::I256;
use risk_math::conv::{u64_of_usize, usize_of_u32};
use risk_math::cover::{cover_n, uncovered};
use risk_math::filtered::{filtered_historical, filtered_returns};
use risk_math::measures::{self, horizon_scale, sigma_horizon, Measure};
use risk_math::options::{
    delta_equivalents, grid_loss, historical_returns, ladder_losses, monte_carlo_returns, scenario_loss,
    short_option_minimum, tail_measure, Book as OBook, Clock, Leg, Market as OMarket, VolMove,
};
use risk_math::{Vol56, Q64};
use risk_pool::oracle::{
    AssessResponse, ClaimLimitResponse, Exposure, MemberRisk, Method, OptionKind, OptionLeg, PoolRequirementResponse,
    RequirementResponse, Uncovered,
};
use risk_pool::Amount;

use crate::error::ContractError;
use crate::execute::dec_q64;
use crate::limits::{MAX_EXPOSURES, MAX_MC_DRAWS, MAX_MC_LADDER_READS, MAX_POOL_MEMBERS};
use crate::matrix::{load_cholesky, Corr};
use crate::options::{self, kind, sdec_q64};
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
    /// SPEC's option grid loss (0 without legs).
    pub grid_loss: Amount,
    /// The short-option minimum (0 without legs).
    pub short_option_minimum: Amount,
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
        Ok(Amount::from(r).max(self.grid_loss).max(self.short_option_minimum).max(self.cfg.min_requirement))
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
    /// Per market: its option legs (empty for a linear-only market).
    legs: Vec<Vec<Leg>>,
    /// Per market: (price, implied vol, volatility in force times its backtest factor) for the
    /// option math.
    data: Vec<(Decimal, Decimal, Q64)>,
    /// Legs in the query.
    n_legs: usize,
    /// Per market: its backtest risk factor (1 while backtesting is off).
    factors: Vec<Q64>,
    /// Per market: (unfactored volatility in force, owner-set volatility), each cut to the
    /// stored σ's grid ([`Vol56`]): filtered historical's σ_now and its σₖ where a round
    /// stores none.
    filter_vols: Vec<(Q64, Q64)>,
}

impl Book {
    fn has_legs(&self) -> bool {
        self.n_legs > 0
    }

    /// The markets as risk-math option books (linear notional and legs).
    fn option_books(&self) -> Result<Vec<OBook>, ContractError> {
        self.data
            .iter()
            .zip(&self.notionals)
            .zip(&self.legs)
            .map(|(((price, iv, vol), n), legs)| {
                Ok(OBook {
                    market: OMarket { price: dec_q64(*price)?, implied_vol: dec_q64(*iv)?, volatility: *vol },
                    linear: *n,
                    legs: legs.clone(),
                })
            })
            .collect()
    }
}

/// Validates the exposures (hard size limit, duplicates, unknown and stale markets) and loads
/// what the math needs: one market read per exposure. Only the hard maximum `MAX_EXPOSURES`
/// binds here, so a stored book stays assessable after the owner lowers `max_exposures`
/// (answered as `max_exposures` for the vault to enforce on new reports). A delisted market is
/// assessed at its last price and volatility, staleness ignored.
fn book(deps: Deps, env: &Env, cfg: &Config, exposures: &[Exposure]) -> Result<Book, ContractError> {
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
        legs: vec![],
        data: vec![],
        n_legs: 0,
        factors: vec![],
        filter_vols: vec![],
    };
    let linear_count = exposures.iter().filter(|e| e.option.is_none()).count();
    if linear_count > usize_of_u32(MAX_EXPOSURES) {
        return Err(ContractError::LimitExceeded {
            what: "exposures",
            count: u64_of_usize(linear_count),
            max: u64::from(MAX_EXPOSURES),
        });
    }
    b.n_legs = exposures.len() - linear_count;
    if b.n_legs > usize_of_u32(cfg.max_option_legs()) {
        return Err(ContractError::TooManyOptionLegs {
            legs: u64_of_usize(b.n_legs),
            max: u64::from(cfg.max_option_legs()),
        });
    }
    for (i, e) in exposures.iter().enumerate() {
        match &e.option {
            None => {
                if exposures[..i].iter().any(|o| o.market == e.market && o.option.is_none()) {
                    return Err(ContractError::DuplicateMarket { market: e.market.clone() });
                }
            }
            Some(leg) => check_leg(exposures, i, leg, now)?,
        }
        let at = match b.ids.iter().position(|id| *id == e.market) {
            Some(at) => at,
            None => {
                add_book_market(deps, cfg, &mut b, &e.market, count, need, now)?;
                b.ids.len() - 1
            }
        };
        match &e.option {
            None => b.notionals[at] = e.notional.i128(),
            Some(leg) => b.legs[at].push(Leg {
                kind: kind(leg.kind),
                strike: dec_q64(leg.strike)?,
                expiry: leg.expiry,
                size: leg.size.i128(),
            }),
        }
    }
    Ok(b)
}

/// A leg of a new book: strike > 0, not expired (`OptionExpired`: expiry ≤ now), not the same
/// market, kind, strike and expiry as an earlier leg (`DuplicateLeg`).
fn check_leg(exposures: &[Exposure], i: usize, leg: &OptionLeg, now: u64) -> Result<(), ContractError> {
    let market = &exposures[i].market;
    if leg.strike.is_zero() {
        return Err(ContractError::InvalidLeg { market: market.clone(), reason: "strike must be > 0".into() });
    }
    if leg.expiry <= now {
        return Err(ContractError::OptionExpired { market: market.clone(), expiry: leg.expiry, now });
    }
    let same = |o: &Exposure| {
        o.market == *market
            && o.option.as_ref().is_some_and(|l| l.kind == leg.kind && l.strike == leg.strike && l.expiry == leg.expiry)
    };
    if exposures[..i].iter().any(same) {
        let kind = match leg.kind {
            OptionKind::Call => "call",
            OptionKind::Put => "put",
        };
        return Err(ContractError::DuplicateLeg {
            market: market.clone(),
            kind: kind.into(),
            strike: leg.strike,
            expiry: leg.expiry,
        });
    }
    Ok(())
}

/// Loads `id` into the book (one market read): staleness, window, σ·√(h/year).
fn add_book_market(
    deps: Deps,
    cfg: &Config,
    b: &mut Book,
    id: &str,
    count: u64,
    need: u64,
    now: u64,
) -> Result<(), ContractError> {
    let m = load_market(deps.storage, id)?;
    let (since, cap) = m.window(count, need);
    if let Some(d) = cap {
        b.until_round = Some(b.until_round.map_or(d, |u| u.min(d)));
    }
    if m.delisted_round.is_some() {
        b.delisted.push(id.to_string());
    } else if now.saturating_sub(m.updated_at) > cfg.max_staleness_secs {
        return Err(ContractError::StaleMarket {
            market: id.to_string(),
            updated_at: m.updated_at,
            now,
            max_staleness_secs: cfg.max_staleness_secs,
        });
    }
    b.as_of = b.as_of.min(m.updated_at);
    b.since_round = b.since_round.max(since);
    b.ids.push(id.to_string());
    b.slots.push(m.slot);
    b.notionals.push(0);
    let ewma_on = cfg.ewma_lambda.is_some();
    let vol = dec_q64(m.effective_volatility(ewma_on))?;
    // The backtest factor scales the volatility (never the implied vol); at 1 nothing changes.
    let f = crate::backtest::factor(cfg, &m);
    let vol_f = crate::backtest::apply(vol, f)?;
    b.sigma_h.push(sigma_horizon(vol_f, cfg.horizon_secs)?);
    b.legs.push(vec![]);
    b.data.push((m.price, m.implied_volatility(ewma_on), vol_f));
    b.factors.push(f);
    if cfg.method == Method::FilteredHistorical {
        let grid = |q: Q64| Vol56::from_q64_floor(q).map(Vol56::to_q64);
        b.filter_vols.push((grid(vol)?, grid(dec_q64(m.sigma_less_vol())?)?));
    }
    Ok(())
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
    by_slot_of(b, &b.notionals)
}

/// [`by_slot`] with other per-market notionals (the delta-equivalents).
fn by_slot_of(b: &Book, per_market: &[i128]) -> (Vec<i128>, Vec<Q64>) {
    let n = b.slots.iter().map(|s| usize_of_u32(*s) + 1).max().unwrap_or(0);
    let mut notionals = vec![0i128; n];
    let mut sigma_h = vec![Q64::ZERO; n];
    for (i, s) in b.slots.iter().enumerate() {
        notionals[usize_of_u32(*s)] = per_market[i];
        sigma_h[usize_of_u32(*s)] = b.sigma_h[i];
    }
    (notionals, sigma_h)
}

/// Delta-normal over the stored ρ with the cached factor as a floor (σ_p² ≥ the Monte Carlo
/// model's variance; see `measures::parametric_factored`).
fn parametric(deps: Deps, cfg: &Config, b: &Book) -> Result<Measure, ContractError> {
    parametric_of(deps, cfg, by_slot(b))
}

/// Delta-normal of notionals and horizon volatilities laid out by slot.
fn parametric_of(
    deps: Deps,
    cfg: &Config,
    (notionals, sigma_h): (Vec<i128>, Vec<Q64>),
) -> Result<Measure, ContractError> {
    let n = notionals.len();
    let rho = Corr::load(deps.storage, n).full;
    let chol = load_cholesky(deps.storage, n);
    Ok(measures::parametric_factored(&notionals, &sigma_h, &rho, &chol, cfg.z(), cfg.es_factor())?)
}

/// Historical over the last `history_len` rounds that include every market of the book (ending
/// at the earliest delisting among them), each round's loss scaled by √(horizon/Δt_k) of its own
/// stored Δt (rounded up; one root per distinct Δt). A backtest factor fᵢ ≠ 1 multiplies market
/// i's returns: filtered historical's rescaling with ratio fᵢ (`filtered_historical` with
/// σₖ = 1, σ_now = fᵢ, so each rescaled return is bounded on the pool's side).
fn historical(deps: Deps, cfg: &Config, b: &Book) -> Result<Measure, ContractError> {
    let (h, scales) = history(deps, cfg, b)?;
    if b.factors.iter().all(|f| *f == Q64::ONE) {
        return Ok(measures::historical_per_round(&b.notionals, &h.returns, &scales, cfg.confidence_bps)?);
    }
    let ones = vec![Q64::ONE; h.returns.len()];
    Ok(filtered_historical(&b.notionals, &h.returns, &ones, &b.factors, &scales, cfg.confidence_bps)?)
}

/// Filtered historical (SPEC "Measures"): as [`historical`], each stored return rₖᵢ rescaled
/// by σᵢ,now·fᵢ/σₖᵢ — σₖᵢ the volatility in force before round k (stored with it while EWMA is
/// on), σᵢ,now the one in force now, fᵢ the backtest factor ([`risk_math::filtered`], the CLI's
/// code path). A round stored without σ (EWMA off then, or written before σ was stored) takes
/// σₖ = the lowest owner-set volatility that can have been in force then
/// ([`crate::state::Market::sigma_less_vol`]): never above the true one, so the ratio never
/// understates, and the true one for rounds recorded with EWMA off at an unchanged volatility. Both σ are cut to 2⁻⁵⁶ ([`Vol56`]) so equal
/// volatilities give ratio 1 exactly. `FilteredNeedsEwma` while EWMA is off.
fn filtered(deps: Deps, cfg: &Config, b: &Book) -> Result<Measure, ContractError> {
    let (h, scales, now) = filtered_history(deps, cfg, b)?;
    Ok(filtered_historical(&b.notionals, &h.returns, &h.sigmas, &now, &scales, cfg.confidence_bps)?)
}

/// The book's history with σₖ per round and market, and σ_now·f per market.
fn filtered_history(
    deps: Deps,
    cfg: &Config,
    b: &Book,
) -> Result<(crate::state::History, Vec<Q64>, Vec<Q64>), ContractError> {
    if cfg.ewma_lambda.is_none() {
        return Err(ContractError::FilteredNeedsEwma {});
    }
    let fallback: Vec<Q64> = b.filter_vols.iter().map(|(_, owner)| *owner).collect();
    let (h, scales) = history_with(deps, cfg, b, Some(&fallback))?;
    let now = b
        .filter_vols
        .iter()
        .zip(&b.factors)
        .map(|((v, _), f)| crate::backtest::apply(*v, *f))
        .collect::<Result<Vec<Q64>, _>>()?;
    Ok((h, scales, now))
}

/// The book's historical window and each round's √(horizon/Δt).
fn history(deps: Deps, cfg: &Config, b: &Book) -> Result<(crate::state::History, Vec<Q64>), ContractError> {
    history_with(deps, cfg, b, None)
}

/// [`history`], with each round's σ per market when `sigma_fallback` is given.
fn history_with(
    deps: Deps,
    cfg: &Config,
    b: &Book,
    sigma_fallback: Option<&[Q64]>,
) -> Result<(crate::state::History, Vec<Q64>), ContractError> {
    let rounds = ROUNDS.load(deps.storage)?;
    let end = b.until_round.map_or(rounds.count, |u| u.min(rounds.count));
    let start = b.since_round.max(end.saturating_sub(u64::from(cfg.history_len)));
    let legacy_dt = rounds.legacy_dt.unwrap_or(cfg.round_secs);
    let h = load_rounds(deps.storage, start, end.max(start), &b.slots, legacy_dt, sigma_fallback)?;
    let scales = round_scales(cfg.horizon_secs, &h.dts)?;
    Ok((h, scales))
}

/// Historical with legs: each round's scaled returns ([`historical_returns`], rounded toward
/// −∞), every market's legs read through its ladder, and each round's loss raised by the
/// scaling's slack: the exact scaled return lies within (scale + 1)·2⁻⁵⁶ above, and no
/// position's P&L moves faster than W = Σ(|N| + Σ|size|·⌈S⌉) per unit return, so
/// (⌊scale⌋ + 2)·W·2⁸ units of 2⁻⁶⁴ more keep the loss an upper bound.
///
/// Filtered historical, and historical with a backtest factor ≠ 1, rescale the returns first
/// ([`filtered_returns`]: ratio σ_now·f/σₖ, resp. f) and raise each loss by that function's
/// slack sₖ = maxᵢ ⌊ratio·scale⌋ + 2 in place of ⌊scale⌋ + 2.
fn historical_legs(
    deps: Deps,
    cfg: &Config,
    b: &Book,
    books: &[OBook],
    clock: &Clock,
) -> Result<Measure, ContractError> {
    let n = b.ids.len();
    let (rets, slack) = if cfg.method == Method::FilteredHistorical {
        let (h, scales, now) = filtered_history(deps, cfg, b)?;
        filtered_returns(&h.returns, &h.sigmas, &now, &scales, n)?
    } else if b.factors.iter().any(|f| *f != Q64::ONE) {
        let (h, scales) = history(deps, cfg, b)?;
        filtered_returns(&h.returns, &vec![Q64::ONE; h.returns.len()], &b.factors, &scales, n)?
    } else {
        let (h, scales) = history(deps, cfg, b)?;
        let slack = scales.iter().map(|s| I256::from((s.raw() >> 64u32) + 2)).collect();
        (historical_returns(&h.returns, &scales, n)?, slack)
    };
    let mut losses = ladder_losses(books, clock, &rets, cfg.ladder_points())?;
    let w = sensitivity(books);
    for (loss, whole) in losses.iter_mut().zip(&slack) {
        *loss += *whole * w * I256::from(256u32);
    }
    Ok(tail_measure(losses, cfg.confidence_bps)?)
}

/// W = Σ over markets of |N| + Σ legs |size|·(⌊S⌋ + 1): a bound of |∂P&L/∂r| (settlement units
/// per unit return; a leg's |Δ| ≤ 1).
fn sensitivity(books: &[OBook]) -> I256 {
    books
        .iter()
        .map(|bk| {
            let s = I256::from((bk.market.price.raw() >> 64u32) + 1);
            I256::from(bk.linear.unsigned_abs())
                + bk.legs.iter().map(|l| I256::from(l.size.unsigned_abs()) * s).sum::<I256>()
        })
        .sum()
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
    check_draws(paths, notionals.len())?;
    let chol = load_cholesky(deps.storage, notionals.len());
    Ok(measures::monte_carlo(&notionals, &sigma_h, &chol, paths, seed, cfg.confidence_bps)?)
}

fn check_draws(paths: u32, slots: usize) -> Result<(), ContractError> {
    let draws = u64::from(paths).saturating_mul(u64_of_usize(slots));
    if draws > MAX_MC_DRAWS {
        return Err(ContractError::LimitExceeded {
            what: "monte carlo draws (paths × slots)",
            count: draws,
            max: MAX_MC_DRAWS,
        });
    }
    Ok(())
}

/// Paths × markets holding an unexpired leg ≤ `MAX_MC_LADDER_READS` (else `LimitExceeded`).
fn check_ladder_reads(paths: u32, books: &[OBook], clock: &Clock) -> Result<(), ContractError> {
    let with_legs = books.iter().filter(|bk| bk.legs.iter().any(|l| l.expiry > clock.now)).count();
    let reads = u64::from(paths).saturating_mul(u64_of_usize(with_legs));
    if reads > MAX_MC_LADDER_READS {
        return Err(ContractError::LimitExceeded {
            what: "monte carlo ladder reads (paths × markets with legs)",
            count: reads,
            max: MAX_MC_LADDER_READS,
        });
    }
    Ok(())
}

/// Monte Carlo with legs: the same draws as [`monte_carlo`] ([`monte_carlo_returns`]: the
/// seed's stream over the slots), each market's legs read through its ladder.
fn monte_carlo_legs(
    deps: Deps,
    cfg: &Config,
    b: &Book,
    books: &[OBook],
    clock: &Clock,
    paths: u32,
    seed: u64,
) -> Result<Measure, ContractError> {
    let (_, sigma_h) = by_slot(b);
    let n = sigma_h.len();
    check_draws(paths, n)?;
    check_ladder_reads(paths, books, clock)?;
    let chol = load_cholesky(deps.storage, n);
    let rets = monte_carlo_returns(&sigma_h, &chol, paths, seed)?;
    let empty = OBook {
        market: OMarket { price: Q64::ONE, implied_vol: Q64::ZERO, volatility: Q64::ZERO },
        linear: 0,
        legs: vec![],
    };
    let mut slotted = vec![empty; n];
    for (i, s) in b.slots.iter().enumerate() {
        slotted[usize_of_u32(*s)] = books[i].clone();
    }
    let losses = ladder_losses(&slotted, clock, &rets, cfg.ladder_points())?;
    Ok(tail_measure(losses, cfg.confidence_bps)?)
}

/// Stress scenarios with legs: every leg revalued directly at the scenario's price move and,
/// where given, its relative `vol_shock`.
fn worst_scenario_legs(deps: Deps, b: &Book, books: &[OBook], clock: &Clock) -> Result<u128, ContractError> {
    let mut worst = 0u128;
    for s in SCENARIOS.load(deps.storage)? {
        let moves = b
            .ids
            .iter()
            .map(|id| match s.shocks.iter().find(|sh| &sh.market == id) {
                None => Ok((Q64::ZERO, VolMove::Unchanged)),
                Some(sh) => {
                    let vol = match sh.vol_shock {
                        None => VolMove::Unchanged,
                        Some(v) => VolMove::Relative(sdec_q64(v)?),
                    };
                    Ok((sdec_q64(sh.shock)?, vol))
                }
            })
            .collect::<Result<Vec<_>, ContractError>>()?;
        worst = worst.max(scenario_loss(books, clock, &moves)?);
    }
    Ok(worst)
}

/// Every figure for `exposures` under the configured method. Monte Carlo is floored at the
/// parametric figures so that a public seed cannot be searched for a cheap requirement.
pub fn measure(deps: Deps, env: &Env, exposures: &[Exposure]) -> Result<Figures, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let b = book(deps, env, &cfg, exposures)?;
    if b.has_legs() {
        return measure_legs(deps, env, cfg, b);
    }
    let m = if b.ids.is_empty() {
        Measure { var: 0, es: 0 }
    } else {
        match cfg.method {
            Method::Parametric => parametric(deps, &cfg, &b)?,
            Method::Historical => historical(deps, &cfg, &b)?,
            Method::FilteredHistorical => filtered(deps, &cfg, &b)?,
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
        grid_loss: Amount::ZERO,
        short_option_minimum: Amount::ZERO,
        cfg,
    })
}

/// A book with option legs (SPEC, "Options exposures"): parametric on the delta-equivalents,
/// historical and Monte Carlo through the per-market ladder (Monte Carlo floored at the
/// parametric figure of the linear notionals alone), stress scenarios and the grid by direct
/// revaluation; `stress_loss` = max(scenario losses, grid_loss, es). `required` adds grid_loss
/// and the short-option minimum to its maximum ([`Figures::required`]).
fn measure_legs(deps: Deps, env: &Env, cfg: Config, b: Book) -> Result<Figures, ContractError> {
    let now = env.block.time.seconds();
    let clock = Clock { now, horizon_secs: cfg.horizon_secs };
    let books = b.option_books()?;
    let m = match cfg.method {
        Method::Parametric => {
            let deltas = delta_equivalents(&books, now)?;
            parametric_of(deps, &cfg, by_slot_of(&b, &deltas))?
        }
        Method::Historical | Method::FilteredHistorical => historical_legs(deps, &cfg, &b, &books, &clock)?,
        Method::MonteCarlo { paths, seed } => {
            let mc = monte_carlo_legs(deps, &cfg, &b, &books, &clock, paths, seed)?;
            let floor = parametric(deps, &cfg, &b)?;
            Measure { var: mc.var.max(floor.var), es: mc.es.max(floor.es) }
        }
    };
    let z = cfg.z();
    let scans = b.sigma_h.iter().map(|s| z.mul(*s)).collect::<Result<Vec<Q64>, _>>()?;
    let grid = grid_loss(&books, &clock, &scans, &options::grid(&cfg)?)?;
    let som = short_option_minimum(&books, now, cfg.short_option_min_bps())?;
    let stress = worst_scenario_legs(deps, &b, &books, &clock)?;
    Ok(Figures {
        var: Amount::new(m.var),
        es: Amount::new(m.es),
        stress_loss: Amount::new(stress.max(grid).max(m.es)),
        as_of: b.as_of,
        delisted: b.delisted,
        grid_loss: Amount::new(grid),
        short_option_minimum: Amount::new(som),
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
        grid_loss: f.grid_loss,
        short_option_minimum: f.short_option_minimum,
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
        grid_loss: f.grid_loss,
        short_option_minimum: f.short_option_minimum,
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
