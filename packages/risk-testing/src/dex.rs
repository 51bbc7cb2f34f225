//! The example DEX's steps on a [`SuiteBuilder::with_dex`](crate::suite::SuiteBuilder::with_dex)
//! suite: the operator prices and funds, traders open and close (the vault's conservation
//! checked after every step that succeeds).

use cosmwasm_std::{coins, Addr, Decimal};
use cw_multi_test::{AppResponse, Executor};
use example_perp_dex::msg::{ExecuteMsg, QueryMsg, StateResponse};
use risk_pool::vault::{self, MemberTerms};
use risk_pool::SignedNotional;
use std::str::FromStr;

use crate::suite::{attr, usdc, Actor, Suite, DAY, DENOM};

/// The DEX's operator wallet.
pub const OPERATOR: &str = "operator";
/// The wallet [`Suite::dex_open`] and [`Suite::dex_close`] trade from.
pub const TRADER: &str = "trader";

impl Suite {
    /// The DEX's address (a `with_dex()` suite).
    pub fn dex(&self) -> Addr {
        self.dex.clone().expect("a with_dex() suite")
    }

    /// `with_dex()`'s setup: the owner registers the DEX, its operator sends it a 1M float and
    /// a 50k contribution and marks BTC-PERP at 60000.
    pub(crate) fn set_up_dex(&mut self) {
        let dex = self.dex();
        let terms = MemberTerms {
            member: dex.to_string(),
            coverage_cap: usdc(1_000_000).into(),
            premium_rate_bps: 500,
            grace_secs: 7 * DAY,
        };
        self.dao(&vault::ExecuteMsg::RegisterMember(terms)).unwrap();
        let operator = self.addr(OPERATOR);
        self.app.send_tokens(operator, dex, &coins(usdc(1_000_000), DENOM)).unwrap();
        self.check();
        self.dex_fund(50_000);
        self.dex_price("60000");
    }

    /// A DEX message from `who` with `funds` of the native asset; the error is the DEX's or,
    /// from a message it sent, the vault's.
    pub fn dex_exec(
        &mut self,
        who: &(impl Actor + ?Sized),
        msg: &ExecuteMsg,
        funds: u128,
    ) -> anyhow::Result<AppResponse> {
        let (sender, dex) = (self.who(who), self.dex());
        let funds = if funds == 0 { vec![] } else { coins(funds, DENOM) };
        self.run(&sender, &dex, msg, &funds)
    }

    /// The operator tops the DEX's contribution up by `amount` whole USDC.
    pub fn dex_fund(&mut self, amount: u128) {
        self.dex_exec(OPERATOR, &ExecuteMsg::FundContribution {}, usdc(amount)).unwrap();
    }

    /// The operator marks BTC-PERP at `p`.
    pub fn dex_price(&mut self, p: &str) {
        let m = ExecuteMsg::SetPrice { market: "BTC-PERP".into(), price: Decimal::from_str(p).unwrap() };
        self.dex_exec(OPERATOR, &m, 0).unwrap();
    }

    /// The trader opens `notional` whole USDC of BTC-PERP with `collateral`; returns the id.
    pub fn dex_open(&mut self, notional: u128, collateral: u128) -> anyhow::Result<u64> {
        self.dex_open_as(TRADER, i128::try_from(notional).unwrap(), collateral)
    }

    /// `who` opens a signed `notional` (whole USDC) with `collateral` attached; returns the id.
    pub fn dex_open_as(
        &mut self,
        who: &(impl Actor + ?Sized),
        notional: i128,
        collateral: u128,
    ) -> anyhow::Result<u64> {
        let m = ExecuteMsg::Open { market: "BTC-PERP".into(), notional: SignedNotional::new(notional * 1_000_000) };
        let r = self.dex_exec(who, &m, usdc(collateral))?;
        Ok(attr(&r, "position_id").parse()?)
    }

    /// The trader closes position `id`; returns the claim outcome (`""` when no claim).
    pub fn dex_close(&mut self, id: u64) -> String {
        let r = self.dex_close_as(TRADER, id).unwrap();
        r.events
            .iter()
            .flat_map(|e| &e.attributes)
            .find(|a| a.key == "claim_outcome")
            .map(|a| a.value.clone())
            .unwrap_or_default()
    }

    /// `who` closes position `id`.
    pub fn dex_close_as(&mut self, who: &(impl Actor + ?Sized), id: u64) -> anyhow::Result<AppResponse> {
        self.dex_exec(who, &ExecuteMsg::Close { position_id: id }, 0)
    }

    /// A keeper lands the DEX's pending report.
    pub fn dex_sync(&mut self) -> anyhow::Result<AppResponse> {
        self.dex_exec("keeper", &ExecuteMsg::SyncExposure {}, 0)
    }

    /// The DEX's `state`.
    pub fn dex_state(&self) -> StateResponse {
        self.app.wrap().query_wasm_smart(self.dex(), &QueryMsg::State {}).unwrap()
    }

    /// The book the vault holds for the DEX.
    pub fn dex_book(&self) -> Vec<risk_pool::oracle::Exposure> {
        self.book(&self.dex())
    }
}
