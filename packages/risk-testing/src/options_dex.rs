//! The example options DEX's steps on a
//! [`SuiteBuilder::with_options_dex`](crate::suite::SuiteBuilder::with_options_dex) suite: the
//! operator marks, lists, quotes and funds; traders buy; anyone settles (the vault's
//! conservation checked after every step that succeeds). Prices are strings in USD, sizes in
//! BTC millionths (1,000,000 = one BTC's option: the vault's leg size in uusdc per USD).

use cosmwasm_std::{coins, Addr, Decimal};
use cw_multi_test::{AppResponse, Executor};
use example_options_dex::msg::{ExecuteMsg, Position, QueryMsg, QuoteResponse, StateResponse};
use risk_pool::oracle::OptionKind;
use risk_pool::vault::{self, MemberTerms};
use risk_pool::Amount;
use std::str::FromStr;

use crate::dex::{OPERATOR, TRADER};
use crate::suite::{attr, usdc, Actor, Suite, DAY, DENOM};

/// The market the options DEX's steps trade.
pub const BTC: &str = "BTC-PERP";

impl Suite {
    /// The options DEX's address (a `with_options_dex()` suite).
    pub fn odex(&self) -> Addr {
        self.options_dex.clone().expect("a with_options_dex() suite")
    }

    /// `with_options_dex()`'s setup: the owner registers the DEX; its operator marks BTC-PERP at
    /// 60000.
    pub(crate) fn set_up_options_dex(&mut self) {
        let terms = MemberTerms {
            member: self.odex().to_string(),
            coverage_cap: usdc(1_000_000).into(),
            premium_rate_bps: 500,
            grace_secs: 7 * DAY,
        };
        self.dao(&vault::ExecuteMsg::RegisterMember(terms)).unwrap();
        self.odex_price("60000");
    }

    /// An options DEX message from `who` with `funds` base units of the native asset; the error
    /// is the DEX's or, from a message it sent, the vault's.
    pub fn odex_exec(
        &mut self,
        who: &(impl Actor + ?Sized),
        msg: &ExecuteMsg,
        funds: u128,
    ) -> anyhow::Result<AppResponse> {
        let (sender, dex) = (self.who(who), self.odex());
        let funds = if funds == 0 { vec![] } else { coins(funds, DENOM) };
        self.run(&sender, &dex, msg, &funds)
    }

    /// The operator tops the DEX's vault contribution up by `amount` base units.
    pub fn odex_fund(&mut self, amount: u128) -> anyhow::Result<AppResponse> {
        self.odex_exec(OPERATOR, &ExecuteMsg::FundContribution {}, amount)
    }

    /// The operator sends the DEX `amount` base units of float (a bank send).
    pub fn odex_add_float(&mut self, amount: u128) {
        let (operator, dex) = (self.addr(OPERATOR), self.odex());
        self.app.send_tokens(operator, dex, &coins(amount, DENOM)).unwrap();
        self.check();
    }

    /// The operator marks BTC-PERP at `p` now.
    pub fn odex_price(&mut self, p: &str) {
        let m = ExecuteMsg::SetPrice { market: BTC.into(), price: Decimal::from_str(p).unwrap() };
        self.odex_exec(OPERATOR, &m, 0).unwrap();
    }

    /// The operator lists a BTC-PERP call (or put) at `strike` expiring at `expiry`, quoted at
    /// `premium` USD per BTC; returns the series id.
    pub fn odex_list(&mut self, call: bool, strike: &str, expiry: u64, premium: &str) -> u64 {
        let kind = if call { OptionKind::Call } else { OptionKind::Put };
        let m = ExecuteMsg::ListSeries {
            market: BTC.into(),
            kind,
            strike: Decimal::from_str(strike).unwrap(),
            expiry,
            premium: Decimal::from_str(premium).unwrap(),
        };
        let r = self.odex_exec(OPERATOR, &m, 0).unwrap();
        attr(&r, "series_id").parse().unwrap()
    }

    /// The premium `buy {series, size}` takes now (the DEX's `quote` query), base units.
    pub fn odex_quote(&self, series: u64, size: u128) -> u128 {
        let q: QuoteResponse = self
            .app
            .wrap()
            .query_wasm_smart(self.odex(), &QueryMsg::Quote { series_id: series, size: Amount::new(size) })
            .unwrap();
        q.premium.u128()
    }

    /// The trader buys `size` of `series`, attaching the quoted premium; returns the position id.
    pub fn odex_buy(&mut self, series: u64, size: u128) -> anyhow::Result<u64> {
        let premium = self.odex_quote(series, size);
        self.odex_buy_as(TRADER, series, size, premium)
    }

    /// `who` buys `size` of `series` with `paid` base units attached; returns the position id.
    pub fn odex_buy_as(
        &mut self,
        who: &(impl Actor + ?Sized),
        series: u64,
        size: u128,
        paid: u128,
    ) -> anyhow::Result<u64> {
        let m = ExecuteMsg::Buy { series_id: series, size: Amount::new(size) };
        let r = self.odex_exec(who, &m, paid)?;
        Ok(attr(&r, "position_id").parse()?)
    }

    /// A keeper settles position `id`.
    pub fn odex_settle(&mut self, id: u64) -> anyhow::Result<AppResponse> {
        self.odex_exec("keeper", &ExecuteMsg::Settle { position_id: id }, 0)
    }

    /// The claim outcome of a settlement's response (`""` when it made no claim).
    pub fn claim_outcome(r: &AppResponse) -> String {
        r.events
            .iter()
            .flat_map(|e| &e.attributes)
            .find(|a| a.key == "claim_outcome")
            .map(|a| a.value.clone())
            .unwrap_or_default()
    }

    /// Anyone pays the DEX's set-aside premiums to the vault.
    pub fn odex_pay_premium(&mut self) -> anyhow::Result<AppResponse> {
        self.odex_exec("keeper", &ExecuteMsg::PayPremium {}, 0)
    }

    /// A keeper lands the DEX's pending report.
    pub fn odex_sync(&mut self) -> anyhow::Result<AppResponse> {
        self.odex_exec("keeper", &ExecuteMsg::SyncExposure {}, 0)
    }

    /// The options DEX's `state`.
    pub fn odex_state(&self) -> StateResponse {
        self.app.wrap().query_wasm_smart(self.odex(), &QueryMsg::State {}).unwrap()
    }

    /// Position `id`.
    pub fn odex_position(&self, id: u64) -> Position {
        self.app.wrap().query_wasm_smart(self.odex(), &QueryMsg::Position { id }).unwrap()
    }

    /// The book the vault holds for the options DEX.
    pub fn odex_book(&self) -> Vec<risk_pool::oracle::Exposure> {
        self.book(&self.odex())
    }
}
