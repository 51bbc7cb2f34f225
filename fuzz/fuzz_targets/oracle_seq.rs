//! risk-oracle, structure-aware: `arbitrary` builds a sequence of up to 32 typed actions (every
//! `ExecuteMsg` variant over a pool of five market ids, full-range decimals for prices,
//! volatilities, correlations and shocks, every method and config field, time steps) and risk
//! queries, run in order from the snapshot's oracle (two markets, 120 rounds) with varying
//! senders. After every action `assess` (each method) runs on a fixed book and on the
//! generated one. Findings: a panic, storage changed by an execute that returned `Err`, or a
//! `config` / `markets` query that fails.
#![no_main]

use arbitrary::Arbitrary;
use cosmwasm_std::{Decimal, Int128, SignedDecimal, Uint128};
use fuzz_harness::{account, addr, Snapshot, World};
use libfuzzer_sys::fuzz_target;
use risk_pool::oracle::*;

const IDS: [&str; 5] = ["BTC-PERP", "ETH-PERP", "SOL-PERP", "X", ""];

#[derive(Arbitrary, Debug, Clone, Copy)]
struct Id(u8);

impl Id {
    fn s(self) -> String {
        IDS[self.0 as usize % IDS.len()].to_string()
    }
}

/// A sender: mostly the owner or the feeder, sometimes anyone.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Who {
    Owner,
    Feeder,
    Other(u8),
}

impl Who {
    fn addr(self) -> cosmwasm_std::Addr {
        match self {
            Who::Owner => addr("owner"),
            Who::Feeder => addr("feeder"),
            Who::Other(i) => account(i as usize),
        }
    }
}

/// An unsigned 18-decimal value: near the usual scale, or the full `u128` range of atomics.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Dec {
    Permille(u16),
    Int(u32),
    Raw(u128),
}

impl Dec {
    fn d(self) -> Decimal {
        match self {
            Dec::Permille(x) => Decimal::permille(x as u64),
            Dec::Int(x) => Decimal::from_ratio(x, 1u8),
            Dec::Raw(x) => Decimal::raw(x),
        }
    }
}

/// A signed 18-decimal value (correlations, shocks).
#[derive(Arbitrary, Debug, Clone, Copy)]
enum SDec {
    Permille(i16),
    Raw(i128),
}

impl SDec {
    fn d(self) -> SignedDecimal {
        match self {
            SDec::Permille(x) => SignedDecimal::permille(x as i64),
            SDec::Raw(x) => SignedDecimal::raw(x),
        }
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Notional {
    Small(i32),
    Wide(i64),
    Full(i128),
}

impl Notional {
    fn get(self) -> Int128 {
        Int128::new(match self {
            Notional::Small(x) => x as i128 * 1_000,
            Notional::Wide(x) => x as i128,
            Notional::Full(x) => x,
        })
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum M {
    Parametric,
    Historical,
    MonteCarlo { paths: u16, seed: u64 },
}

impl M {
    /// Monte Carlo bounded to 200 paths (the fuzzer's time budget, not the contract's limit).
    fn m(self) -> Method {
        match self {
            M::Parametric => Method::Parametric,
            M::Historical => Method::Historical,
            M::MonteCarlo { paths, seed } => Method::MonteCarlo { paths: (paths % 201) as u32, seed },
        }
    }
}

#[derive(Arbitrary, Debug)]
struct Cfg {
    confidence_bps: Option<u16>,
    horizon_secs: Option<u64>,
    max_staleness_secs: Option<u64>,
    method: Option<M>,
    requirement_multiplier: Option<Dec>,
    min_requirement: Option<u64>,
    cover_n: Option<u8>,
    claim_multiple: Option<Dec>,
    history_len: Option<u16>,
    round_secs: Option<u32>,
    max_move_bps: Option<u32>,
    ewma_lambda: Option<Dec>,
    max_markets: Option<u8>,
    max_exposures: Option<u8>,
    max_paths: Option<u16>,
    max_scenarios: Option<u8>,
}

impl Cfg {
    fn update(&self) -> ConfigUpdate {
        ConfigUpdate {
            confidence_bps: self.confidence_bps.map(u32::from),
            horizon_secs: self.horizon_secs,
            max_staleness_secs: self.max_staleness_secs,
            method: self.method.map(M::m),
            requirement_multiplier: self.requirement_multiplier.map(Dec::d),
            min_requirement: self.min_requirement.map(|m| Uint128::from(m).into()),
            cover_n: self.cover_n.map(u32::from),
            claim_multiple: self.claim_multiple.map(Dec::d),
            history_len: self.history_len.map(u32::from),
            round_secs: self.round_secs.map(u64::from),
            max_move_bps: self.max_move_bps,
            ewma_lambda: self.ewma_lambda.map(Dec::d),
            max_markets: self.max_markets.map(u32::from),
            max_exposures: self.max_exposures.map(u32::from),
            // At most 200 paths x 32 markets: the fuzzer's time budget.
            max_paths: self.max_paths.map(|p| (p % 201) as u32),
            max_scenarios: self.max_scenarios.map(u32::from),
            min_feeders: None,
            submission_ttl_secs: None,
            max_feeder_spread_bps: None,
            option_grid: None,
            option_ladder_points: None,
            short_option_min_bps: None,
            max_option_legs: None,
            max_vol_move_bps: None,
            backtest_window: None,
        }
    }
}

#[derive(Arbitrary, Debug)]
enum Action {
    /// A round: `moves` are basis-point moves applied to the current prices of `ids`.
    SetPrices {
        who: Who,
        ids: Vec<(Id, i16)>,
    },
    SetPricesRaw {
        who: Who,
        prices: Vec<(Id, Dec)>,
    },
    UpsertMarket {
        who: Who,
        id: Id,
        price: Dec,
        volatility: Dec,
    },
    SetVolatility {
        who: Who,
        id: Id,
        volatility: Dec,
    },
    RemoveMarket {
        who: Who,
        id: Id,
    },
    SetCorrelations {
        who: Who,
        pairs: Vec<(Id, Id, SDec)>,
    },
    SetStressScenarios {
        who: Who,
        scenarios: Vec<(u8, Vec<(Id, SDec)>)>,
    },
    SetFeeders {
        who: Who,
        feeders: Vec<u8>,
    },
    UpdateConfig {
        who: Who,
        update: Cfg,
    },
    TransferOwnership {
        who: Who,
        to: u8,
    },
    Advance {
        secs: u32,
    },
    Assess {
        exposures: Vec<(Id, Notional)>,
    },
    PoolRequirement {
        members: Vec<(u8, u64, u64, u128)>,
    },
    Correlation {
        a: Id,
        b: Id,
    },
    Markets {
        start_after: Option<Id>,
        limit: Option<u8>,
    },
}

fn current_price(w: &World, id: &str) -> Decimal {
    w.query_oracle(QueryMsg::Market { id: id.into() })
        .ok()
        .and_then(|b| cosmwasm_std::from_json::<MarketResponse>(b).ok())
        .map(|m| m.price)
        .unwrap_or(Decimal::one())
}

fn moved(p: Decimal, bps: i16) -> Decimal {
    let a = p.atomics().u128();
    let d = (a / 10_000).saturating_mul(bps.unsigned_abs() as u128);
    Decimal::raw(if bps < 0 { a.saturating_sub(d).max(1) } else { a.saturating_add(d) })
}

fn exposures(v: &[(Id, Notional)]) -> Vec<Exposure> {
    v.iter().take(8).map(|(id, n)| Exposure { market: id.s(), notional: n.get().into(), option: None }).collect()
}

fn run(w: &mut World, a: Action) {
    let _ = match a {
        Action::SetPrices { who, ids } => {
            let prices = ids
                .iter()
                .take(6)
                .map(|(id, bps)| PriceInput {
                    market: id.s(),
                    price: moved(current_price(w, &id.s()), *bps),
                    implied_vol: None,
                })
                .collect();
            w.exec_oracle(&who.addr(), &[], ExecuteMsg::SetPrices { prices })
        }
        Action::SetPricesRaw { who, prices } => {
            let prices = prices
                .iter()
                .take(6)
                .map(|(id, p)| PriceInput { market: id.s(), price: p.d(), implied_vol: None })
                .collect();
            w.exec_oracle(&who.addr(), &[], ExecuteMsg::SetPrices { prices })
        }
        Action::UpsertMarket { who, id, price, volatility } => w.exec_oracle(
            &who.addr(),
            &[],
            ExecuteMsg::UpsertMarket { id: id.s(), price: price.d(), volatility: volatility.d(), implied_vol: None },
        ),
        Action::SetVolatility { who, id, volatility } => {
            w.exec_oracle(&who.addr(), &[], ExecuteMsg::SetVolatility { market: id.s(), volatility: volatility.d() })
        }
        Action::RemoveMarket { who, id } => w.exec_oracle(&who.addr(), &[], ExecuteMsg::RemoveMarket { id: id.s() }),
        Action::SetCorrelations { who, pairs } => {
            let pairs =
                pairs.iter().take(12).map(|(a, b, r)| CorrelationPair { a: a.s(), b: b.s(), rho: r.d() }).collect();
            w.exec_oracle(&who.addr(), &[], ExecuteMsg::SetCorrelations { pairs })
        }
        Action::SetStressScenarios { who, scenarios } => {
            let scenarios = scenarios
                .iter()
                .take(6)
                .map(|(n, shocks)| StressScenario {
                    name: format!("s{}", n % 4),
                    shocks: shocks
                        .iter()
                        .take(6)
                        .map(|(id, s)| Shock { market: id.s(), shock: s.d(), vol_shock: None })
                        .collect(),
                })
                .collect();
            w.exec_oracle(&who.addr(), &[], ExecuteMsg::SetStressScenarios { scenarios })
        }
        Action::SetFeeders { who, feeders } => {
            let feeders = feeders.iter().take(20).map(|i| account(*i as usize).to_string()).collect();
            w.exec_oracle(&who.addr(), &[], ExecuteMsg::SetFeeders { feeders })
        }
        Action::UpdateConfig { who, update } => {
            w.exec_oracle(&who.addr(), &[], ExecuteMsg::UpdateConfig(update.update()))
        }
        Action::TransferOwnership { who, to } => {
            w.exec_oracle(&who.addr(), &[], ExecuteMsg::TransferOwnership { owner: account(to as usize).to_string() })
        }
        Action::Advance { secs } => {
            w.clock.advance(secs as u64);
            Ok(Default::default())
        }
        Action::Assess { exposures: e } => {
            let e = exposures(&e);
            let _ = w.query_oracle(QueryMsg::Requirement { exposures: e.clone() });
            let _ = w.query_oracle(QueryMsg::ClaimLimit { exposures: e.clone() });
            let _ = w.query_oracle(QueryMsg::Assess { exposures: e });
            Ok(Default::default())
        }
        Action::PoolRequirement { members } => {
            let members = members
                .iter()
                .take(70)
                .map(|(who, s, c, l)| MemberRisk {
                    member: account(*who as usize).to_string(),
                    stress_loss: Uint128::from(*s).into(),
                    contribution: Uint128::from(*c).into(),
                    coverage_left: Uint128::new(*l).into(),
                })
                .collect();
            let _ = w.query_oracle(QueryMsg::PoolRequirement { members });
            Ok(Default::default())
        }
        Action::Correlation { a, b } => {
            let _ = w.query_oracle(QueryMsg::Correlation { a: a.s(), b: b.s() });
            Ok(Default::default())
        }
        Action::Markets { start_after, limit } => {
            let _ =
                w.query_oracle(QueryMsg::Markets { start_after: start_after.map(Id::s), limit: limit.map(u32::from) });
            Ok(Default::default())
        }
    };
    // The oracle must keep answering: config and markets always; assess on a fixed book under
    // every method may give a typed error (stale, unknown market, short history) but not panic.
    w.query_oracle(QueryMsg::Config {}).expect("config must answer");
    w.query_oracle(QueryMsg::Markets { start_after: None, limit: Some(30) }).expect("markets must answer");
    let book = vec![
        Exposure { market: "BTC-PERP".into(), notional: Int128::new(1_000_000_000).into(), option: None },
        Exposure { market: "ETH-PERP".into(), notional: Int128::new(-500_000_000).into(), option: None },
    ];
    let _ = w.query_oracle(QueryMsg::Assess { exposures: book });
}

fuzz_target!(|actions: Vec<Action>| {
    let mut w = World::from_snapshot(Snapshot::get());
    for a in actions.into_iter().take(32) {
        run(&mut w, a);
    }
});
