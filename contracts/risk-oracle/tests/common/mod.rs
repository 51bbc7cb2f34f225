//! The oracle test suite shared by `oracle.rs` and `red_team.rs` (cw-multi-test, the SPEC's
//! instantiate example).
#![allow(dead_code)]

use cosmwasm_std::{Addr, Decimal, Int128, SignedDecimal};
use cw_multi_test::{App, AppBuilder, AppResponse, ContractWrapper, Executor};
use risk_oracle::contract::{execute, instantiate, migrate, query};
use risk_oracle::ContractError;
use risk_pool::oracle::*;
use std::str::FromStr;

pub const DAY: u64 = 86_400;

pub struct Suite {
    pub app: App,
    pub owner: Addr,
    pub feeder: Addr,
    /// Every feeder (`feeder` is the first).
    pub feeders: Vec<Addr>,
    pub oracle: Addr,
    pub code_id: u64,
}

pub fn attr(r: &AppResponse, key: &str) -> String {
    r.events
        .iter()
        .flat_map(|e| e.attributes.iter())
        .find(|a| a.key == key)
        .map(|a| a.value.clone())
        .unwrap_or_default()
}

pub fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}
pub fn sdec(s: &str) -> SignedDecimal {
    SignedDecimal::from_str(s).unwrap()
}
pub fn exp(market: &str, notional: i128) -> Exposure {
    Exposure { market: market.into(), notional: Int128::new(notional).into(), option: None }
}

/// The instantiate message of SPEC.md (`risk-testing`'s fixture), verbatim but for the addresses.
pub fn spec_msg(owner: &Addr, feeder: &Addr) -> InstantiateMsg {
    risk_testing::oracle_msg(owner.as_str(), feeder.as_str())
}

impl Suite {
    pub fn with(edit: impl FnOnce(&mut InstantiateMsg)) -> Suite {
        Suite::with_feeders(1, edit)
    }

    /// `n` feeders ("feeder", "feeder1", …).
    pub fn with_feeders(n: usize, edit: impl FnOnce(&mut InstantiateMsg)) -> Suite {
        let mut app = AppBuilder::new().build(|_, _, _| {});
        let owner = app.api().addr_make("dao");
        let feeder = app.api().addr_make("feeder");
        let mut feeders = vec![feeder.clone()];
        feeders.extend((1..n).map(|i| app.api().addr_make(&format!("feeder{i}"))));
        let code_id = app.store_code(Box::new(ContractWrapper::new(execute, instantiate, query).with_migrate(migrate)));
        let mut msg = spec_msg(&owner, &feeder);
        msg.feeders = feeders.iter().map(|f| f.to_string()).collect();
        edit(&mut msg);
        let oracle =
            app.instantiate_contract(code_id, owner.clone(), &msg, &[], "oracle", Some(owner.to_string())).unwrap();
        Suite { app, owner, feeder, feeders, oracle, code_id }
    }

    /// Feeder `i`'s submission of BTC and ETH prices.
    pub fn submit_by(&mut self, i: usize, btc: &str, eth: &str) -> Result<AppResponse, ContractError> {
        let msg = ExecuteMsg::SetPrices {
            prices: vec![
                PriceInput { market: "BTC-PERP".into(), price: dec(btc), implied_vol: None },
                PriceInput { market: "ETH-PERP".into(), price: dec(eth), implied_vol: None },
            ],
        };
        self.app
            .execute_contract(self.feeders[i].clone(), self.oracle.clone(), &msg, &[])
            .map_err(|e| e.downcast::<ContractError>().unwrap())
    }

    pub fn new() -> Suite {
        Suite::with(|_| {})
    }

    pub fn exec(&mut self, sender: &Addr, msg: &ExecuteMsg) -> Result<(), ContractError> {
        self.app
            .execute_contract(sender.clone(), self.oracle.clone(), msg, &[])
            .map(|_| ())
            .map_err(|e| e.downcast::<ContractError>().unwrap())
    }

    pub fn owner_exec(&mut self, msg: ExecuteMsg) -> Result<(), ContractError> {
        let owner = self.owner.clone();
        self.exec(&owner, &msg)
    }

    pub fn q<T: serde::de::DeserializeOwned>(&self, msg: &QueryMsg) -> Result<T, String> {
        self.app.wrap().query_wasm_smart(&self.oracle, msg).map_err(|e| e.to_string())
    }

    pub fn assess(&self, exposures: Vec<Exposure>) -> Result<AssessResponse, String> {
        self.q(&QueryMsg::Assess { exposures })
    }

    pub fn advance(&mut self, secs: u64) {
        self.app.update_block(|b| {
            b.time = b.time.plus_seconds(secs);
            b.height += 1;
        });
    }

    /// One price round at `round_secs` after the last, with the given prices.
    pub fn round(&mut self, btc: &str, eth: &str) -> Result<(), ContractError> {
        let feeder = self.feeder.clone();
        self.exec(
            &feeder,
            &ExecuteMsg::SetPrices {
                prices: vec![
                    PriceInput { market: "BTC-PERP".into(), price: dec(btc), implied_vol: None },
                    PriceInput { market: "ETH-PERP".into(), price: dec(eth), implied_vol: None },
                ],
            },
        )
    }
}
