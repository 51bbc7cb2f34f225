//! Model validation (SPEC "Model validation"): each market backtests its own volatility every
//! round and carries a risk factor (3 + k)/3 from the Basel traffic light of its exceptions.
//!
//! - Each price round, for each market it prices, the round's return r over the round's own Δt
//!   is an exception when |r| > z₀.₉₉₅·σ·√(Δt/year) ([`risk_math::backtest::is_exception`]),
//!   σ the market's **unfactored** volatility in force before the round (max(EWMA, owner-set)
//!   while EWMA is on). Delisted markets are not priced, so they count no rounds.
//! - The last W = `backtest_window` verdicts are kept per market, one bit each
//!   ([`risk_math::backtest::Backtest`]'s stored form under the raw key `bt` + market id:
//!   8 + ⌈W/8⌉ bytes, 40 for W = 250), read and written only by rounds and the `backtest` query.
//! - Until W rounds are counted the factor is 1; then zone and factor follow the exceptions in
//!   the window (risk-math's `Zones`, cut-offs cached in the configuration). The factor, when it
//!   is not 1, is kept in the market record ([`Market::risk_factor`]) so `assess` reads nothing
//!   more; it multiplies the market's volatility in parametric, Monte Carlo and the option
//!   grid's scan range, and its returns in historical and filtered historical — never its
//!   implied vol.
//! - Changing the window (`update_config`): off → on starts every market empty; on → off drops
//!   every window and factor; W → W′ keeps each market's most recent min(rounds counted, W′)
//!   verdicts ([`Backtest::rewindow`]), so a shorter window can be full (and charge) at once and
//!   a longer one fills from what is known, the factor in force at the change kept as a floor
//!   until it is full ([`Market::factor_floor`]): an owner's window change never lowers a
//!   requirement. Nothing is refused or reset silently.

use cosmwasm_std::{Decimal, Deps, Order, Storage};
use risk_math::backtest::{band_z, factored, is_exception, zones, Backtest, SPEC_TAIL_BPS};
use risk_math::{Ret56, Q64};
use risk_pool::oracle::BacktestResponse;

use crate::error::ContractError;
use crate::execute::q64_dec_ceil;
use crate::limits::MAX_BACKTEST_WINDOW;
use crate::state::{load_market, BacktestZones, Config, Market, CONFIG, MARKETS};

const KEY_PREFIX: &[u8] = b"bt";

fn key(id: &str) -> Vec<u8> {
    let mut k = KEY_PREFIX.to_vec();
    k.extend_from_slice(id.as_bytes());
    k
}

/// The stored cut-offs of a window setting: 0 = off (`None`), else W ∈ [1, 500] with its
/// binomial cut-offs; `InvalidBacktestWindow` above.
pub fn zones_of(window: u32) -> Result<Option<BacktestZones>, ContractError> {
    if window == 0 {
        return Ok(None);
    }
    if window > MAX_BACKTEST_WINDOW {
        return Err(ContractError::InvalidBacktestWindow { window, max: MAX_BACKTEST_WINDOW });
    }
    Ok(Some(zones(window, SPEC_TAIL_BPS)?.into()))
}

/// A market's window (empty if none stored).
fn load(storage: &dyn Storage, id: &str, z: BacktestZones) -> Result<Backtest, ContractError> {
    match storage.get(&key(id)) {
        None => Ok(Backtest::new(z.into())),
        Some(b) => Ok(Backtest::from_bytes(z.into(), &b)?),
    }
}

/// Stores the window and puts its factor in the market record (`None` when it is 1): the
/// window's own factor, or the floor left by a lengthening while the window is not full (the
/// floor is dropped once it is).
fn save(storage: &mut dyn Storage, id: &str, m: &mut Market, b: &Backtest) -> Result<(), ContractError> {
    storage.set(&key(id), &b.to_bytes());
    if b.is_full() {
        m.factor_floor = None;
    }
    let floor = m.factor_floor.map_or(Q64::ONE, |f| f.q64());
    let f = b.factor()?.max(floor);
    m.risk_factor = (f != Q64::ONE).then(|| f.into());
    Ok(())
}

/// One round's verdict for market `id` (its return `r` over `dt` seconds, `sigma` its
/// unfactored volatility in force before the round), rolled into its window; `m` gets the new
/// factor (the caller saves it). A no-op while backtesting is off.
pub fn record(
    storage: &mut dyn Storage,
    cfg: &Config,
    id: &str,
    m: &mut Market,
    r: Ret56,
    sigma: Q64,
    dt: u64,
) -> Result<(), ContractError> {
    let Some(z) = cfg.backtest else { return Ok(()) };
    let mut b = load(storage, id, z)?;
    b.push(is_exception(r, sigma, dt, band_z()?)?);
    save(storage, id, m, &b)
}

/// The window setting changed from `old` to `new` (see the module docs): every market's window
/// is carried over, started or dropped, and its factor follows.
pub fn rewindow_all(
    storage: &mut dyn Storage,
    old: Option<BacktestZones>,
    new: Option<BacktestZones>,
) -> Result<(), ContractError> {
    if old == new {
        return Ok(());
    }
    let all: Vec<(String, Market)> = MARKETS.range(storage, None, None, Order::Ascending).collect::<Result<_, _>>()?;
    for (id, mut m) in all {
        match (old, new) {
            (_, None) => {
                storage.remove(&key(&id));
                m.risk_factor = None;
                m.factor_floor = None;
            }
            (None, Some(z)) => save(storage, &id, &mut m, &Backtest::new(z.into()))?,
            (Some(o), Some(z)) => {
                let b = load(storage, &id, o)?.rewindow(z.into());
                // The factor in force now floors the new window's until it is full.
                m.factor_floor = m.risk_factor;
                save(storage, &id, &mut m, &b)?;
            }
        }
        MARKETS.save(storage, &id, &m)?;
    }
    Ok(())
}

/// The factor in force for a market: its stored factor while backtesting is on, else 1.
pub fn factor(cfg: &Config, m: &Market) -> Q64 {
    match (cfg.backtest, m.risk_factor) {
        (Some(_), Some(f)) => f.q64(),
        _ => Q64::ONE,
    }
}

/// `vol` times the factor, rounded up, capped at the largest volatility the oracle accepts
/// (100, as EWMA is: so σ·√(horizon/year) stays inside the measures' domain and a factored
/// market never becomes unassessable); `vol` itself (bit for bit) at factor 1.
pub fn apply(vol: Q64, f: Q64) -> Result<Q64, ContractError> {
    if f == Q64::ONE {
        return Ok(vol);
    }
    Ok(factored(vol, f)?.min(MAX_VOL))
}

/// The largest volatility the oracle accepts, `MAX_VOLATILITY_PCT` % = 100.
const MAX_VOL: Q64 = Q64::from_int(100);
const _: () = assert!(crate::limits::MAX_VOLATILITY_PCT == 100 * 100);

/// The factor as a `Decimal`, rounded up.
fn factor_dec(f: Q64) -> Result<Decimal, ContractError> {
    q64_dec_ceil(f)
}

/// The market's factor for its response (`None` while backtesting is off).
pub fn response_factor(cfg: &Config, m: &Market) -> Result<Option<Decimal>, ContractError> {
    cfg.backtest.map(|_| factor_dec(factor(cfg, m))).transpose()
}

/// `backtest {market}`: rounds = min(rounds counted since the window started, W) — the zone
/// counts once it reaches W; the factor is the one in force (the window's, or a lengthening's
/// floor while it fills); while off: window 0, no rounds, green, factor 1.
pub fn query(deps: Deps, market: String) -> Result<BacktestResponse, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    load_market(deps.storage, &market)?;
    let Some(z) = cfg.backtest else {
        return Ok(BacktestResponse {
            market,
            rounds: 0,
            exceptions: 0,
            window: 0,
            zone: "green".into(),
            factor: Decimal::one(),
        });
    };
    let b = load(deps.storage, &market, z)?;
    let m = load_market(deps.storage, &market)?;
    Ok(BacktestResponse {
        market,
        rounds: b.rounds(),
        exceptions: b.exceptions(),
        window: z.window,
        zone: b.zone().as_str().into(),
        // In force: the window's own, or a lengthening's floor while the window fills.
        factor: factor_dec(factor(&cfg, &m))?,
    })
}
