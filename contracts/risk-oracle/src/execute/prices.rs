//! Feeders: `set_prices`, one feeder's submission for the next round (SPEC round rule).
//!
//! No single feeder makes a round. A submission prices every listed (not delisted) market and
//! replaces the feeder's older one. A round forms, at most once per `round_secs`, when at least
//! `min_feeders` distinct feeders (default ⌊n/2⌋+1) have a submission younger than
//! `submission_ttl_secs` (default `round_secs`): each market's price is the median of the
//! submissions (even count: the lower middle, and only if the two middles lie within
//! `max_feeder_spread_bps` of the lower — else no round forms, attribute `spread`), clamped to
//! `max_move_bps` from the last price (attribute `clamped`). A round consumes every submission.
//! EWMA never takes a volatility below the owner-set one.
//!
//! With EWMA on, each round also stores every slot's volatility in force before the
//! round (filtered historical's σₖ, in its own σ chunk). With `backtest_window` set, each priced market's return is
//! judged against the band of its unfactored volatility before the round ([`crate::backtest`]).

use cosmwasm_std::{Addr, Decimal, DepsMut, Env, MessageInfo, Order, Response, Storage};
use ethnum::U256;
use risk_math::conv::{u32_of_usize, u64_of_usize};
use risk_math::measures::{min_observations, simple_return};
use risk_math::special::sqrt_ceil;
use risk_math::{MathError, Ret56, Vol56, Q64, YEAR_SECS};
use risk_pool::oracle::PriceInput;

use crate::error::ContractError;
use crate::execute::markets::validate_price;
use crate::execute::{dec_q64, q64_dec_ceil};
use crate::limits::{MAX_HISTORY, MAX_VOLATILITY_PCT};
use crate::state::{append_round, Config, Market, Rounds, Submission, CONFIG, MARKETS, ROUNDS, SLOTS, SUBMISSIONS};

/// |new − old|·10⁴/old, rounded up.
fn move_bps(old: Decimal, new: Decimal) -> u128 {
    let (o, n) = (old.atomics().u128(), new.atomics().u128());
    let diff = U256::from(o.abs_diff(n)) * U256::from(10_000u32);
    let o = U256::from(o);
    let q = diff / o + U256::from(u8::from(diff % o != 0));
    u128::try_from(q).unwrap_or(u128::MAX)
}

/// `new` limited to old·(1 ± bps/10⁴), each bound rounded toward `old` (so the clamped move is
/// never above `bps`); a lower bound exists only for bps < 10⁴ and is ≥ 1 atomic unit.
/// Returns the price and whether it was clamped.
fn clamp_move(old: Decimal, new: Decimal, bps: u32) -> (Decimal, bool) {
    let (o, n) = (U256::from(old.atomics().u128()), U256::from(new.atomics().u128()));
    let ten_k = U256::from(10_000u32);
    let up = o * (ten_k + U256::from(bps)) / ten_k;
    if n > up {
        // up < n ≤ u128::MAX
        return (Decimal::new(up.as_u128().into()), true);
    }
    if bps < 10_000 {
        let num = o * (ten_k - U256::from(bps));
        let low = num / ten_k + U256::from(u8::from(num % ten_k != 0));
        if n < low {
            return (Decimal::new(low.as_u128().into()), true);
        }
    }
    (new, false)
}

/// λ·σ²_old + (1−λ)·r²·year/Δt, the RiskMetrics recursion on annualised variance (Q64.64,
/// products rounded toward −∞); the seed σ²_old is the owner-set variance. Capped at the
/// largest volatility the oracle accepts (`MAX_VOLATILITY_PCT`, 100² annual variance), like an
/// owner-set one, so σ·√(horizon/year) ≤ 100 stays inside the measures' domain (≤ 128) for
/// every horizon: without the cap a +1,000 % round 60 s after the last made every assessment
/// of the market overflow at a one-year horizon.
fn ewma_variance(m: &Market, lambda: Q64, r: Ret56, dt: u64) -> Result<Q64, ContractError> {
    Ok(ewma_variance_uncapped(m, lambda, r, dt)?.min(MAX_VOL.mul(MAX_VOL)?))
}

/// The largest volatility the oracle accepts, `MAX_VOLATILITY_PCT` % = 100.
const MAX_VOL: Q64 = Q64::from_int(100);
const _: () = assert!(MAX_VOLATILITY_PCT == 100 * 100);

fn ewma_variance_uncapped(m: &Market, lambda: Q64, r: Ret56, dt: u64) -> Result<Q64, ContractError> {
    let r = r.to_q64();
    // r²·year/Δt, rounded toward −∞ (r² ≥ 0).
    let annual = r.mul(r)?.mul_ratio_floor(i128::from(YEAR_SECS), i128::from(dt))?;
    let old = match m.ewma_var {
        Some(v) => dec_q64(v)?,
        None => {
            let v = dec_q64(m.volatility)?;
            v.mul(v)?
        }
    };
    Ok(lambda.mul(old)?.add(Q64::ONE.sub(lambda)?.mul(annual)?)?)
}

/// Every market in a slot, by slot: (id, market). Delisted ones included.
fn slot_markets(storage: &dyn Storage) -> Result<Vec<(usize, String, Market)>, ContractError> {
    let mut out = vec![];
    for (slot, id) in SLOTS.load(storage)?.into_iter().enumerate() {
        if let Some(id) = id {
            let m = MARKETS.load(storage, &id)?;
            out.push((slot, id, m));
        }
    }
    Ok(out)
}

/// A submission prices every listed market exactly once, each price > 0; a delisted or unknown
/// market is refused.
fn validate_submission(markets: &[(usize, String, Market)], prices: &[PriceInput]) -> Result<(), ContractError> {
    for (i, p) in prices.iter().enumerate() {
        if prices[..i].iter().any(|o| o.market == p.market) {
            return Err(ContractError::DuplicateMarket { market: p.market.clone() });
        }
        match markets.iter().find(|(_, id, _)| *id == p.market) {
            None => return Err(ContractError::UnknownMarket { market: p.market.clone() }),
            Some((_, _, m)) if m.delisted_round.is_some() => {
                return Err(ContractError::MarketDelisted { market: p.market.clone() })
            }
            Some(_) => {
                validate_price(&p.market, p.price)?;
                if let Some(iv) = p.implied_vol {
                    crate::execute::markets::validate_volatility(&p.market, iv)?;
                }
            }
        }
    }
    if let Some((_, id, _)) =
        markets.iter().find(|(_, id, m)| m.delisted_round.is_none() && !prices.iter().any(|p| p.market == *id))
    {
        return Err(ContractError::IncompleteRound { missing: id.clone() });
    }
    Ok(())
}

/// Why a submission formed no round.
enum Pending {
    TooSoon { next_at: u64 },
    Waiting { have: u32, need: u32 },
    Spread { market: String },
}

/// The submissions that count now (younger than the TTL, from a current feeder, pricing every
/// listed market); expired ones are deleted.
fn live_submissions(
    storage: &mut dyn Storage,
    cfg: &Config,
    now: u64,
    markets: &[(usize, String, Market)],
) -> Result<Vec<Submission>, ContractError> {
    let all: Vec<(Addr, Submission)> =
        SUBMISSIONS.range(storage, None, None, Order::Ascending).collect::<Result<_, _>>()?;
    let mut live = vec![];
    for (feeder, s) in all {
        if now.saturating_sub(s.at) > cfg.submission_ttl() || !cfg.feeders.contains(&feeder) {
            SUBMISSIONS.remove(storage, &feeder);
            continue;
        }
        let complete = markets
            .iter()
            .filter(|(_, _, m)| m.delisted_round.is_none())
            .all(|(_, id, _)| s.prices.iter().any(|p| p.market == *id));
        if complete {
            live.push(s);
        }
    }
    Ok(live)
}

/// The round price of `id`: the median of the submissions (even count: the lower middle, if
/// the two middles are within `max_spread_bps` of the lower), or `None` on too wide a spread.
fn median(subs: &[Submission], id: &str, max_spread_bps: u32) -> Option<Decimal> {
    let mut v: Vec<Decimal> =
        subs.iter().filter_map(|s| s.prices.iter().find(|p| p.market == id)).map(|p| p.price).collect();
    v.sort_unstable();
    let c = v.len();
    if c == 0 {
        return None;
    }
    if c % 2 == 1 {
        return Some(v[c / 2]);
    }
    let (lo, hi) = (v[c / 2 - 1], v[c / 2]);
    (move_bps(lo, hi) <= u128::from(max_spread_bps)).then_some(lo)
}

/// Forms the round if the rule allows: returns (round index, markets clamped) or why not.
fn try_round(
    storage: &mut dyn Storage,
    cfg: &Config,
    now: u64,
    mut markets: Vec<(usize, String, Market)>,
) -> Result<Result<(u64, Vec<String>), Pending>, ContractError> {
    let mut rounds = ROUNDS.load(storage)?;
    if let Some(last) = rounds.last_at {
        let next_at = last.saturating_add(cfg.round_secs);
        if now < next_at {
            return Ok(Err(Pending::TooSoon { next_at }));
        }
    }
    let subs = live_submissions(storage, cfg, now, &markets)?;
    let (have, need) = (u32_of_usize(subs.len()).unwrap_or(u32::MAX), cfg.min_feeders());
    if have < need {
        return Ok(Err(Pending::Waiting { have, need }));
    }
    let medians = match round_medians(&subs, &markets, cfg.max_feeder_spread_bps) {
        Ok(m) => m,
        Err(p) => return Ok(Err(p)),
    };
    let priced = price_markets(storage, cfg, &rounds, now, &mut markets, medians, &subs)?;
    record_round(storage, &mut rounds, cfg, now, &priced)?;
    let keys: Vec<Addr> = SUBMISSIONS.keys(storage, None, None, Order::Ascending).collect::<Result<_, _>>()?;
    for k in keys {
        SUBMISSIONS.remove(storage, &k);
    }
    Ok(Ok((rounds.count.saturating_sub(1), priced.clamped)))
}

/// Each market's round price, by slot order (`None` for a delisted market), or the first
/// market whose two middle submissions are too far apart.
fn round_medians(
    subs: &[Submission],
    markets: &[(usize, String, Market)],
    max_spread_bps: u32,
) -> Result<Vec<Option<Decimal>>, Pending> {
    markets
        .iter()
        .map(|(_, id, m)| match m.delisted_round {
            Some(_) => Ok(None),
            None => median(subs, id, max_spread_bps).map(Some).ok_or_else(|| Pending::Spread { market: id.clone() }),
        })
        .collect()
}

/// What a round did to the markets.
struct Priced {
    /// The round's returns by slot (0 for a market it does not price).
    returns: Vec<Ret56>,
    /// The markets whose median was clamped to `max_move_bps`.
    clamped: Vec<String>,
    /// The oldest round a frozen window still reads (history before it may be pruned).
    keep_from: u64,
    /// With EWMA on: each slot's volatility in force before the round (filtered historical's
    /// σₖ; 0 for an empty slot).
    sigmas: Option<Vec<Vol56>>,
}

/// The round's own Δt: now − the last round (the first round: `round_secs`), at least 1 s.
fn round_dt(rounds: &Rounds, cfg: &Config, now: u64) -> u64 {
    rounds.last_at.map_or(cfg.round_secs, |t| now.saturating_sub(t)).max(1)
}

/// Moves every priced market to its round price (saved) and collects the round's returns.
fn price_markets(
    storage: &mut dyn Storage,
    cfg: &Config,
    rounds: &Rounds,
    now: u64,
    markets: &mut [(usize, String, Market)],
    medians: Vec<Option<Decimal>>,
    subs: &[Submission],
) -> Result<Priced, ContractError> {
    let lambda = cfg.ewma_lambda.map(dec_q64).transpose()?;
    // EWMA updates from the second round on: (λ, Δt since the last round).
    let ewma = lambda.zip(rounds.last_at.map(|t| now.saturating_sub(t)));
    let n_slots = markets.iter().map(|(s, _, _)| s + 1).max().unwrap_or(0);
    let ewma_on = lambda.is_some();
    let mut priced = Priced {
        returns: vec![Ret56::ZERO; n_slots],
        clamped: vec![],
        keep_from: u64::MAX,
        sigmas: ewma_on.then(|| vec![Vol56::default(); n_slots]),
    };
    let need = u64_of_usize(min_observations(cfg.confidence_bps));
    let dt = round_dt(rounds, cfg, now);
    for ((slot, id, m), median) in markets.iter_mut().zip(medians) {
        // A delisted market's frozen window, or a relisted one's until its new rounds suffice.
        if let (_, Some(end)) = m.window(rounds.count, need) {
            priced.keep_from = priced.keep_from.min(end.saturating_sub(u64::from(MAX_HISTORY)));
        }
        // The unfactored volatility in force before the round: the backtest's σ and, with
        // EWMA on, the round's stored σₖ.
        let sigma =
            if ewma_on || cfg.backtest.is_some() { dec_q64(m.effective_volatility(ewma_on))? } else { Q64::ZERO };
        if let Some(s) = priced.sigmas.as_mut() {
            s[*slot] = Vol56::from_q64_floor(sigma)?;
        }
        let Some(median) = median else {
            continue;
        };
        let (r, was_clamped) = move_market(m, median, cfg.max_move_bps, ewma, now)?;
        crate::backtest::record(storage, cfg, id, m, r, sigma, dt)?;
        if was_clamped {
            priced.clamped.push(id.clone());
        }
        if move_implied_vol(m, id, subs, cfg)? {
            priced.clamped.push(format!("{id}/implied_vol"));
        }
        priced.returns[*slot] = r;
        MARKETS.save(storage, id, m)?;
    }
    Ok(priced)
}

/// Moves `m` to the round's `median` clamped to `max_move_bps` from its last price, and updates
/// its EWMA when on (`ewma` = (λ, Δt)). Returns the market's return and whether it was clamped.
fn move_market(
    m: &mut Market,
    median: Decimal,
    max_move_bps: u32,
    ewma: Option<(Q64, u64)>,
    now: u64,
) -> Result<(Ret56, bool), ContractError> {
    let (price, clamped) = clamp_move(m.price, median, max_move_bps);
    let r = simple_return(m.price.atomics().u128(), price.atomics().u128())?;
    if let Some((lambda, dt)) = ewma {
        let var = ewma_variance(m, lambda, r, dt)?;
        m.ewma_var = Some(q64_dec_ceil(var)?);
        m.ewma_vol = Some(q64_dec_ceil(sqrt_ceil(var)?)?);
    }
    m.price = price;
    m.updated_at = now;
    Ok((r, clamped))
}

/// The round's implied vol of `id` (SPEC): the median (upper middle) of the submissions that
/// carry one, once at least `min_feeders` do (else unchanged), clamped to `max_vol_move_bps`
/// from the implied vol in force and to the largest volatility accepted. Returns whether it was
/// clamped.
fn move_implied_vol(m: &mut Market, id: &str, subs: &[Submission], cfg: &Config) -> Result<bool, ContractError> {
    let mut v: Vec<Decimal> =
        subs.iter().filter_map(|s| s.prices.iter().find(|p| p.market == id).and_then(|p| p.implied_vol)).collect();
    if v.is_empty() || u32_of_usize(v.len()).unwrap_or(u32::MAX) < cfg.min_feeders() {
        return Ok(false);
    }
    v.sort_unstable();
    let median = v[v.len() / 2];
    let old = m.implied_volatility(cfg.ewma_lambda.is_some());
    let (iv, clamped) = clamp_move(old, median, cfg.max_vol_move_bps());
    let max = Decimal::percent(MAX_VOLATILITY_PCT);
    m.implied_vol = Some(iv.min(max));
    Ok(clamped || iv > max)
}

/// Appends a round with its own Δt = now − last round (the first round: `round_secs`) and
/// keeps `legacy_dt` and `min_dt` current.
fn record_round(
    storage: &mut dyn Storage,
    rounds: &mut Rounds,
    cfg: &Config,
    now: u64,
    priced: &Priced,
) -> Result<(), ContractError> {
    let dt = round_dt(rounds, cfg, now);
    let legacy = *rounds.legacy_dt.get_or_insert(cfg.round_secs);
    let prior_min = rounds.min_dt.or((rounds.count > 0).then_some(legacy));
    rounds.min_dt = Some(prior_min.map_or(dt, |m| m.min(dt)));
    append_round(storage, rounds, dt, &priced.returns, priced.sigmas.as_deref(), priced.keep_from)?;
    rounds.count = rounds.count.checked_add(1).ok_or(MathError::Overflow { what: "round count" })?;
    rounds.last_at = Some(now);
    ROUNDS.save(storage, rounds)?;
    Ok(())
}

pub fn set_prices(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    prices: Vec<PriceInput>,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    if !cfg.feeders.contains(&info.sender) {
        return Err(ContractError::Unauthorized { role: "feeder", action: "set prices" });
    }
    let now = env.block.time.seconds();
    let markets = slot_markets(deps.storage)?;
    validate_submission(&markets, &prices)?;
    let n = prices.len();
    let prices = prices.into_iter().map(Into::into).collect();
    SUBMISSIONS.save(deps.storage, &info.sender, &Submission { at: now, prices })?;
    let resp = Response::new()
        .add_attribute("action", "set_prices")
        .add_attribute("feeder", info.sender.as_str())
        .add_attribute("markets", n.to_string());
    Ok(match try_round(deps.storage, &cfg, now, markets)? {
        Ok((round, clamped)) => {
            let resp = resp.add_attribute("round_formed", "true").add_attribute("round", round.to_string());
            if clamped.is_empty() {
                resp
            } else {
                resp.add_attribute("clamped", clamped.join(","))
            }
        }
        Err(p) => {
            let resp = resp.add_attribute("round_formed", "false");
            match p {
                Pending::TooSoon { next_at } => {
                    resp.add_attribute("reason", "too_soon").add_attribute("next_at", next_at.to_string())
                }
                Pending::Waiting { have, need } => resp
                    .add_attribute("reason", "waiting_for_feeders")
                    .add_attribute("submissions", have.to_string())
                    .add_attribute("min_feeders", need.to_string()),
                Pending::Spread { market } => resp.add_attribute("reason", "spread").add_attribute("spread", market),
            }
        }
    })
}
