//! A multi-contract suite builder: the real risk-oracle, the vault (native or cw20 asset), a DAO
//! address as owner, members and underwriters — and a conservation check after every step.

#![allow(dead_code)]

use cosmwasm_std::{coins, from_json, to_json_binary, Addr, Coin, Decimal, Int128};
use cw_multi_test::{App, AppResponse, ContractWrapper, Executor};
use pool_vault::ContractError;
use risk_pool::oracle::{self, Exposure};
#[allow(unused_imports)]
pub use risk_pool::units::{Amount, Power, Shares};
use risk_pool::vault::*;
use std::str::FromStr;

pub const DENOM: &str = "uusdc";
pub const DAY: u64 = 86_400;

/// `x` whole USDC in base units.
pub fn usdc(x: u128) -> u128 {
    x * 1_000_000
}

pub fn exp(market: &str, notional: i128) -> Exposure {
    Exposure { market: market.into(), notional: Int128::new(notional).into() }
}

pub fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

pub struct MemberSpec {
    pub name: &'static str,
    pub coverage_cap: u128,
    pub premium_rate_bps: u32,
    pub grace_secs: u64,
    pub contribution: u128,
}

type Edit<T> = Box<dyn FnOnce(&mut T)>;

pub struct SuiteBuilder {
    vault_edits: Vec<Edit<InstantiateMsg>>,
    oracle_edits: Vec<Edit<oracle::InstantiateMsg>>,
    cw20: bool,
    refusing_token: bool,
    oracle_proxy: bool,
    feeders: usize,
    underwriters: Vec<(&'static str, u128)>,
    members: Vec<MemberSpec>,
}

pub struct Suite {
    pub app: App,
    pub dao: Addr,
    pub guardian: Addr,
    pub feeder: Addr,
    /// Every feeder of the oracle: `feeder` first, then `feeder2`, `feeder3`, … (`feeders(n)`).
    pub feeders: Vec<Addr>,
    pub treasury: Addr,
    pub oracle: Addr,
    pub vault: Addr,
    pub token: Option<Addr>,
    /// With `oracle_proxy()`: the vault's oracle, forwarding to `oracle` and adding the
    /// `delisted` / `max_exposures` answers set with `set_listing`.
    pub oracle_proxy: Option<Addr>,
    /// Every address that ever held shares (for Σ value ≤ net assets).
    pub underwriters: Vec<Addr>,
    /// Donations sent to the vault and not yet swept (the expected surplus).
    pub donated: u128,
    pub steps: u64,
}

impl Default for SuiteBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl SuiteBuilder {
    pub fn new() -> Self {
        SuiteBuilder {
            vault_edits: vec![],
            oracle_edits: vec![],
            cw20: false,
            refusing_token: false,
            oracle_proxy: false,
            feeders: 1,
            underwriters: vec![],
            members: vec![],
        }
    }
    pub fn vault(mut self, f: impl FnOnce(&mut InstantiateMsg) + 'static) -> Self {
        self.vault_edits.push(Box::new(f));
        self
    }
    pub fn oracle(mut self, f: impl FnOnce(&mut oracle::InstantiateMsg) + 'static) -> Self {
        self.oracle_edits.push(Box::new(f));
        self
    }
    pub fn cw20(mut self) -> Self {
        self.cw20 = true;
        self
    }
    /// A cw20 asset whose token refuses transfers to [`REFUSER`] while `Suite::set_refusing(true)`.
    pub fn refusing_cw20(mut self) -> Self {
        self.cw20 = true;
        self.refusing_token = true;
        self
    }
    /// The vault asks an [`oracle_proxy`] in front of the real oracle (listing answers set by test).
    pub fn oracle_proxy(mut self) -> Self {
        self.oracle_proxy = true;
        self
    }
    /// The oracle has `n` feeders (`feeder`, `feeder2`, …): a round needs the majority's submissions.
    pub fn feeders(mut self, n: usize) -> Self {
        self.feeders = n;
        self
    }
    /// An underwriter who deposits `amount` at build time.
    pub fn underwriter(mut self, name: &'static str, amount: u128) -> Self {
        self.underwriters.push((name, amount));
        self
    }
    /// A member registered by the DAO who posts `contribution` at build time.
    pub fn member(mut self, name: &'static str, coverage_cap: u128, premium_rate_bps: u32, contribution: u128) -> Self {
        self.members.push(MemberSpec { name, coverage_cap, premium_rate_bps, grace_secs: 7 * DAY, contribution });
        self
    }

    pub fn build(self) -> Suite {
        let mut app = App::default();
        let api = cosmwasm_std::testing::MockApi::default();
        let (dao, guardian, feeder, treasury) =
            (api.addr_make("dao"), api.addr_make("guardian"), api.addr_make("feeder"), api.addr_make("treasury"));
        let oracle_code = app.store_code(Box::new(ContractWrapper::new(
            risk_oracle::contract::execute,
            risk_oracle::contract::instantiate,
            risk_oracle::contract::query,
        )));
        let vault_code = app.store_code(Box::new(
            ContractWrapper::new(
                pool_vault::contract::execute,
                pool_vault::contract::instantiate,
                pool_vault::contract::query,
            )
            .with_migrate(pool_vault::contract::migrate)
            .with_reply(pool_vault::contract::reply),
        ));
        let feeders: Vec<Addr> = std::iter::once(feeder.clone())
            .chain((2..=self.feeders).map(|i| api.addr_make(&format!("feeder{i}"))))
            .collect();
        // SPEC's example, staleness widened so that time jumps in vault scenarios do not stale the
        // prices unless a test asks for it.
        let mut omsg = risk_testing::oracle_msg(dao.as_str(), feeder.as_str());
        omsg.max_staleness_secs = 315_360_000;
        omsg.feeders = feeders.iter().map(Addr::to_string).collect();
        for e in self.oracle_edits {
            e(&mut omsg);
        }
        let oracle = app.instantiate_contract(oracle_code, dao.clone(), &omsg, &[], "oracle", None).unwrap();

        // Everybody who will need the asset: underwriters, members, a few spare wallets.
        let mut wallets: Vec<&str> = self.underwriters.iter().map(|u| u.0).collect();
        wallets.extend(self.members.iter().map(|m| m.name));
        wallets.extend(["alice", "bob", "carol", "attacker", "victim", "payer", "stranger", "late", "donor", REFUSER]);
        let funded = usdc(1_000_000_000);
        let token = if self.cw20 {
            let code = if self.refusing_token {
                app.store_code(Box::new(ContractWrapper::new(
                    refusing_token::execute,
                    cw20_base::contract::instantiate,
                    cw20_base::contract::query,
                )))
            } else {
                app.store_code(Box::new(ContractWrapper::new(
                    cw20_base::contract::execute,
                    cw20_base::contract::instantiate,
                    cw20_base::contract::query,
                )))
            };
            wallets.sort();
            wallets.dedup();
            let balances: Vec<cw20::Cw20Coin> = wallets
                .iter()
                .map(|w| cw20::Cw20Coin { address: api.addr_make(w).to_string(), amount: funded.into() })
                .collect();
            let msg = cw20_base::msg::InstantiateMsg {
                name: "USD Coin".into(),
                symbol: "USDC".into(),
                decimals: 6,
                initial_balances: balances,
                mint: None,
                marketing: None,
            };
            Some(app.instantiate_contract(code, dao.clone(), &msg, &[], "usdc", None).unwrap())
        } else {
            wallets.sort();
            wallets.dedup();
            for w in &wallets {
                let addr = api.addr_make(w);
                app.init_modules(|r, _, s| r.bank.init_balance(s, &addr, coins(funded, DENOM)).unwrap());
            }
            None
        };

        let oracle_proxy = self.oracle_proxy.then(|| {
            let code = app.store_code(Box::new(ContractWrapper::new(
                oracle_proxy::execute,
                oracle_proxy::instantiate,
                oracle_proxy::query,
            )));
            app.instantiate_contract(code, dao.clone(), &oracle, &[], "oracle proxy", None).unwrap()
        });
        let vault_oracle = oracle_proxy.clone().unwrap_or_else(|| oracle.clone());
        let mut vmsg =
            risk_testing::vault_msg(dao.as_str(), Some(guardian.as_str()), vault_oracle.as_str(), treasury.as_str());
        if let Some(t) = &token {
            vmsg.asset = AssetInfo::Cw20(t.to_string());
        }
        for e in self.vault_edits {
            e(&mut vmsg);
        }
        let vault =
            app.instantiate_contract(vault_code, dao.clone(), &vmsg, &[], "vault", Some(dao.to_string())).unwrap();
        let mut s = Suite {
            app,
            dao,
            guardian,
            feeder,
            feeders,
            treasury,
            oracle,
            vault,
            token,
            oracle_proxy,
            underwriters: vec![],
            donated: 0,
            steps: 0,
        };
        for (name, amount) in self.underwriters {
            let a = s.addr(name);
            s.deposit(&a, amount).unwrap();
        }
        for m in self.members {
            let a = s.addr(m.name);
            s.register(&a, m.coverage_cap, m.premium_rate_bps, m.grace_secs).unwrap();
            if m.contribution > 0 {
                s.member_deposit(&a, m.contribution).unwrap();
            }
        }
        s
    }
}

/// The vault's typed error out of a multi-test failure (possibly nested in a cw20 `send`:
/// anyhow downcasts through context layers).
pub fn vault_err(e: anyhow::Error) -> ContractError {
    match e.downcast::<ContractError>() {
        Ok(c) => c,
        Err(e) => panic!("not a vault error: {e:?}"),
    }
}

impl Suite {
    pub fn addr(&self, name: &str) -> Addr {
        self.app.api().addr_make(name)
    }

    pub fn now(&self) -> u64 {
        self.app.block_info().time.seconds()
    }

    /// Moves time forward (and the height, one block per 5 s, at least one).
    pub fn advance(&mut self, secs: u64) {
        self.app.update_block(|b| {
            b.time = b.time.plus_seconds(secs);
            b.height += (secs / 5).max(1);
        });
        self.check();
    }

    pub fn next_block(&mut self) {
        self.advance(5);
    }

    pub fn is_cw20(&self) -> bool {
        self.token.is_some()
    }

    pub fn balance(&self, who: &Addr) -> u128 {
        match &self.token {
            Some(t) => {
                let r: cw20::BalanceResponse = self
                    .app
                    .wrap()
                    .query_wasm_smart(t, &cw20::Cw20QueryMsg::Balance { address: who.to_string() })
                    .unwrap();
                r.balance.u128()
            }
            None => self.app.wrap().query_balance(who, DENOM).unwrap().amount.u128(),
        }
    }

    pub fn state(&self) -> StateResponse {
        self.q(&QueryMsg::State {})
    }

    pub fn q<T: serde::de::DeserializeOwned>(&self, msg: &QueryMsg) -> T {
        self.app.wrap().query_wasm_smart(&self.vault, msg).unwrap()
    }

    pub fn try_q<T: serde::de::DeserializeOwned>(&self, msg: &QueryMsg) -> Result<T, String> {
        self.app.wrap().query_wasm_smart(&self.vault, msg).map_err(|e| e.to_string())
    }

    pub fn underwriter(&self, who: &Addr) -> UnderwriterResponse {
        self.q(&QueryMsg::Underwriter { address: who.to_string() })
    }

    pub fn member(&self, who: &Addr) -> MemberResponse {
        self.q(&QueryMsg::Member { address: who.to_string() })
    }

    pub fn claim(&self, id: u64) -> ClaimResponse {
        self.q(&QueryMsg::Claim { id })
    }

    /// Conservation, after every step: the token balance equals the books to the unit
    /// (total_assets + unvested + member_contributions + escrow + the donations not yet swept;
    /// escrow includes what refused payouts left `uncollected`), the sum of every underwriter's
    /// redeemable value never exceeds net assets, and the outstanding shortfall is exactly the
    /// sum of the shortfall queue's entries.
    pub fn check(&mut self) {
        self.steps += 1;
        let s = self.state();
        let balance = self.balance(&self.vault.clone());
        let books = s.total_assets.u128() + s.unvested.u128() + s.member_contributions.u128() + s.escrow.u128();
        assert_eq!(
            balance,
            books + self.donated,
            "conservation broken at step {}: balance {balance} != books {books} + surplus {}",
            self.steps,
            self.donated
        );
        assert_eq!(s.surplus.u128(), self.donated, "surplus");
        let values: u128 = self.underwriters.iter().map(|u| self.underwriter(u).value.u128()).sum();
        assert!(values <= s.net_assets.u128(), "Σ underwriter value {values} > net assets {}", s.net_assets);
        assert_eq!(
            s.net_assets.u128(),
            s.total_assets.u128().saturating_sub(s.pending_exposure.u128() + s.shortfall.u128())
        );
        // The outstanding shortfall is exactly the queue's entries (none of them zeroed).
        let (mut queued, mut count, mut after) = (0u128, 0u64, None);
        let length = loop {
            let page: ShortfallQueueResponse =
                self.q(&QueryMsg::ShortfallQueue { start_after: after, limit: Some(100) });
            let Some(last) = page.entries.last() else { break page.length };
            after = Some(last.seq);
            count += page.entries.len() as u64;
            assert!(page.entries.iter().all(|e| !e.shortfall.is_zero()), "a zeroed entry in the queue");
            queued += page.entries.iter().map(|e| e.shortfall.u128()).sum::<u128>();
        };
        assert_eq!((queued, count), (s.shortfall.u128(), length), "queue vs outstanding shortfall");
    }

    /// One execute; on success the conservation check runs, on failure the state must be
    /// unchanged and the vault's typed error is returned.
    pub fn exec_raw(
        &mut self,
        sender: &Addr,
        contract: &Addr,
        msg: &(impl serde::Serialize + std::fmt::Debug),
        funds: &[Coin],
    ) -> Result<AppResponse, ContractError> {
        let before = self.state();
        match self.app.execute_contract(sender.clone(), contract.clone(), msg, funds) {
            Ok(r) => {
                self.check();
                Ok(r)
            }
            Err(e) => {
                assert_eq!(self.state(), before, "a failed call changed the books");
                Err(vault_err(e))
            }
        }
    }

    pub fn exec(&mut self, sender: &Addr, msg: &ExecuteMsg) -> Result<AppResponse, ContractError> {
        let vault = self.vault.clone();
        self.exec_raw(sender, &vault, msg, &[])
    }

    pub fn dao(&mut self, msg: &ExecuteMsg) -> Result<AppResponse, ContractError> {
        let dao = self.dao.clone();
        self.exec(&dao, msg)
    }

    /// A funds-taking message in the vault's asset (native coins, or the cw20 `send` hook).
    pub fn exec_funds(&mut self, sender: &Addr, msg: ReceiveMsg, amount: u128) -> Result<AppResponse, ContractError> {
        match self.token.clone() {
            Some(t) => {
                let send = cw20::Cw20ExecuteMsg::Send {
                    contract: self.vault.to_string(),
                    amount: amount.into(),
                    msg: to_json_binary(&msg).unwrap(),
                };
                self.exec_raw(sender, &t, &send, &[])
            }
            None => {
                let vault = self.vault.clone();
                self.exec_raw(sender, &vault, &ExecuteMsg::from(msg), &coins(amount, DENOM))
            }
        }
    }

    /// Anyone sweeps the surplus to the treasury; the expected surplus becomes zero.
    pub fn sweep(&mut self, who: &Addr) -> Result<AppResponse, ContractError> {
        let vault = self.vault.clone();
        let r = self.app.execute_contract(who.clone(), vault, &ExecuteMsg::SweepSurplus {}, &[]).map_err(vault_err)?;
        self.donated = 0;
        self.check();
        Ok(r)
    }

    pub fn deposit(&mut self, who: &Addr, amount: u128) -> Result<AppResponse, ContractError> {
        if !self.underwriters.contains(who) {
            self.underwriters.push(who.clone());
        }
        self.exec_funds(who, ReceiveMsg::Deposit { recipient: None }, amount)
    }

    pub fn deposit_for(&mut self, who: &Addr, recipient: &Addr, amount: u128) -> Result<AppResponse, ContractError> {
        if !self.underwriters.contains(recipient) {
            self.underwriters.push(recipient.clone());
        }
        self.exec_funds(who, ReceiveMsg::Deposit { recipient: Some(recipient.to_string()) }, amount)
    }

    /// Returns the unbonding id.
    pub fn request_withdraw(&mut self, who: &Addr, shares: u128) -> Result<u64, ContractError> {
        let r = self.exec(who, &ExecuteMsg::RequestWithdraw { shares: shares.into() })?;
        Ok(attr(&r, "unbonding_id").parse().unwrap())
    }

    pub fn withdraw(&mut self, who: &Addr) -> Result<u128, ContractError> {
        let r = self.exec(who, &ExecuteMsg::Withdraw {})?;
        Ok(attr(&r, "amount").parse().unwrap())
    }

    pub fn register(
        &mut self,
        who: &Addr,
        coverage_cap: u128,
        rate_bps: u32,
        grace: u64,
    ) -> Result<AppResponse, ContractError> {
        self.dao(&ExecuteMsg::RegisterMember(MemberTerms {
            member: who.to_string(),
            coverage_cap: coverage_cap.into(),
            premium_rate_bps: rate_bps,
            grace_secs: grace,
        }))
    }

    pub fn member_deposit(&mut self, who: &Addr, amount: u128) -> Result<AppResponse, ContractError> {
        self.exec_funds(who, ReceiveMsg::MemberDeposit {}, amount)
    }

    pub fn report(&mut self, who: &Addr, exposures: Vec<Exposure>) -> Result<AppResponse, ContractError> {
        self.exec(who, &ExecuteMsg::ReportExposure { exposures })
    }

    pub fn pay_premium(&mut self, payer: &Addr, member: &Addr, amount: u128) -> Result<AppResponse, ContractError> {
        self.exec_funds(payer, ReceiveMsg::PayPremium { member: member.to_string() }, amount)
    }

    pub fn claim_loss(
        &mut self,
        member: &Addr,
        amount: u128,
        recipient: &Addr,
    ) -> Result<ClaimLossResponse, ContractError> {
        let r = self.exec(
            member,
            &ExecuteMsg::ClaimLoss { amount: amount.into(), recipient: recipient.to_string(), memo: None },
        )?;
        assert_eq!(
            attr(&r, "claim_id"),
            from_json::<ClaimLossResponse>(r.data.as_ref().unwrap()).unwrap().claim_id.to_string()
        );
        Ok(from_json(r.data.unwrap()).unwrap())
    }

    /// A bank send / cw20 transfer to the vault outside any message (a donation).
    pub fn donate(&mut self, from: &Addr, amount: u128) {
        match self.token.clone() {
            Some(t) => {
                self.app
                    .execute_contract(
                        from.clone(),
                        t,
                        &cw20::Cw20ExecuteMsg::Transfer { recipient: self.vault.to_string(), amount: amount.into() },
                        &[],
                    )
                    .unwrap();
            }
            None => {
                self.app.send_tokens(from.clone(), self.vault.clone(), &coins(amount, DENOM)).unwrap();
            }
        }
        self.donated += amount;
        self.check();
    }

    /// Sets new prices (one round): the majority of the feeders submit them.
    pub fn set_prices(&mut self, btc: &str, eth: &str) {
        let majority = self.feeders.len() / 2 + 1;
        let formed = (0..majority).map(|i| self.submit_prices(i, btc, eth)).last();
        assert_eq!(formed, Some(true), "the majority's submissions formed no round");
    }

    /// The split-claims attack on a member holding a 1M BTC book with 100k contribution (claim
    /// limit 600k): it reports an empty book, claim 1 takes 100k + 600k, and claim 2 — filed with
    /// the contribution spent — must get nothing from the pool (paid or queued).
    pub fn assert_split_claims_after_an_empty_book_pay_nothing(&mut self, member: &Addr, victim: &Addr) {
        self.report(member, vec![]).unwrap();
        let r1 = self.claim_loss(member, usdc(700_000), victim).unwrap();
        assert_eq!((r1.paid_by_member.u128(), r1.paid_by_pool.u128()), (usdc(100_000), usdc(600_000)));
        let r2 = self.claim_loss(member, usdc(600_000), victim).unwrap();
        assert_eq!(
            r2.paid_by_pool.u128() + r2.shortfall.u128(),
            0,
            "second claim with zero contribution took {} from the pool",
            r2.paid_by_pool
        );
    }

    /// One feeder's submission (`feeders[i]`); returns whether it formed a round.
    pub fn submit_prices(&mut self, i: usize, btc: &str, eth: &str) -> bool {
        let msg = oracle::ExecuteMsg::SetPrices {
            prices: vec![
                oracle::PriceInput { market: "BTC-PERP".into(), price: dec(btc) },
                oracle::PriceInput { market: "ETH-PERP".into(), price: dec(eth) },
            ],
        };
        let r = self.app.execute_contract(self.feeders[i].clone(), self.oracle.clone(), &msg, &[]).unwrap();
        attr(&r, "round_formed") == "true"
    }

    pub fn oracle_exec(&mut self, msg: &oracle::ExecuteMsg) {
        self.app.execute_contract(self.dao.clone(), self.oracle.clone(), msg, &[]).unwrap();
    }

    /// The refusing token (`refusing_cw20()`) refuses transfers to [`REFUSER`] or accepts them.
    pub fn set_refusing(&mut self, refusing: bool) {
        let (dao, token) = (self.dao.clone(), self.token.clone().expect("a cw20 suite"));
        let msg = serde_json::json!({ "set_refusing": refusing_token::SetRefusing { refusing } });
        self.app.execute_contract(dao, token, &msg, &[]).unwrap();
    }

    /// What the oracle proxy (`oracle_proxy()`) adds to every `assess` answer.
    pub fn set_listing(&mut self, delisted: &[&str], max_exposures: Option<u32>) {
        let (dao, proxy) = (self.dao.clone(), self.oracle_proxy.clone().expect("an oracle_proxy suite"));
        let msg = oracle_proxy::Listing { delisted: delisted.iter().map(|m| m.to_string()).collect(), max_exposures };
        self.app.execute_contract(dao, proxy, &msg, &[]).unwrap();
    }

    pub fn queue(&self) -> ShortfallQueueResponse {
        self.q(&QueryMsg::ShortfallQueue { start_after: None, limit: Some(100) })
    }

    pub fn uncollected(&self, who: &Addr) -> u128 {
        let r: UncollectedResponse = self.q(&QueryMsg::Uncollected { address: who.to_string() });
        r.amount.u128()
    }

    pub fn assess(&self, exposures: Vec<Exposure>) -> oracle::AssessResponse {
        self.app.wrap().query_wasm_smart(&self.oracle, &oracle::QueryMsg::Assess { exposures }).unwrap()
    }
}

impl Drop for Suite {
    fn drop(&mut self) {
        // `cargo test -- --nocapture` shows how many conservation checks each scenario ran.
        eprintln!("conservation checks passed: {}", self.steps);
    }
}

pub fn attr(r: &AppResponse, key: &str) -> String {
    r.events
        .iter()
        .flat_map(|e| e.attributes.iter())
        .find(|a| a.key == key)
        .unwrap_or_else(|| panic!("no attribute {key}"))
        .value
        .clone()
}

/// `x` base units of whichever unit the place wants (`Amount`, `Shares`, `Power`, `Uint128`).
pub fn u<T: From<u128>>(x: u128) -> T {
    T::from(x)
}

/// The wallet the refusing token refuses transfers to.
pub const REFUSER: &str = "refuser";

/// A cw20-base token that, while `refusing`, fails every transfer to [`REFUSER`] (a recipient
/// "the bank refuses").
pub mod refusing_token {
    use cosmwasm_std::{DepsMut, Env, MessageInfo, Response, StdError};
    use cw20::Cw20ExecuteMsg;
    use cw_storage_plus::Item;
    use serde::{Deserialize, Serialize};

    const REFUSING: Item<bool> = Item::new("refusing");

    #[derive(Serialize, Deserialize, Debug, Clone)]
    #[serde(rename_all = "snake_case")]
    pub struct SetRefusing {
        pub refusing: bool,
    }

    #[derive(Deserialize, Debug)]
    #[serde(untagged)]
    pub enum Msg {
        Set { set_refusing: SetRefusing },
        Cw20(Cw20ExecuteMsg),
    }

    pub fn execute(deps: DepsMut, env: Env, info: MessageInfo, msg: Msg) -> Result<Response, cw20_base::ContractError> {
        match msg {
            Msg::Set { set_refusing } => {
                REFUSING.save(deps.storage, &set_refusing.refusing)?;
                Ok(Response::new())
            }
            Msg::Cw20(Cw20ExecuteMsg::Transfer { recipient, .. })
                if REFUSING.may_load(deps.storage)?.unwrap_or(false)
                    && recipient == cosmwasm_std::testing::MockApi::default().addr_make(super::REFUSER).as_str() =>
            {
                Err(StdError::generic_err(format!("transfers to {recipient} are refused")).into())
            }
            Msg::Cw20(m) => cw20_base::contract::execute(deps, env, info, m),
        }
    }
}

/// An oracle in front of the real one: forwards every query, and adds to `assess` answers the
/// `delisted` markets (those of the query's exposures in its list) and `max_exposures` it was
/// told (the delisting interface of issue 11 item 15, before the oracle side is merged).
pub mod oracle_proxy {
    use cosmwasm_std::{to_json_binary, Addr, Binary, Deps, DepsMut, Env, MessageInfo, Response, StdResult};
    use cw_storage_plus::Item;
    use risk_pool::oracle::{AssessResponse, QueryMsg};
    use serde::{Deserialize, Serialize};

    const REAL: Item<Addr> = Item::new("real");
    const LISTING: Item<Listing> = Item::new("listing");

    #[derive(Serialize, Deserialize, Debug, Clone, Default)]
    pub struct Listing {
        pub delisted: Vec<String>,
        pub max_exposures: Option<u32>,
    }

    pub fn instantiate(deps: DepsMut, _: Env, _: MessageInfo, real: Addr) -> StdResult<Response> {
        REAL.save(deps.storage, &real)?;
        LISTING.save(deps.storage, &Listing::default())?;
        Ok(Response::new())
    }

    pub fn execute(deps: DepsMut, _: Env, _: MessageInfo, msg: Listing) -> StdResult<Response> {
        LISTING.save(deps.storage, &msg)?;
        Ok(Response::new())
    }

    pub fn query(deps: Deps, _: Env, msg: QueryMsg) -> StdResult<Binary> {
        let real = REAL.load(deps.storage)?;
        match &msg {
            QueryMsg::Assess { exposures } => {
                let mut a: AssessResponse = deps.querier.query_wasm_smart(&real, &msg)?;
                let listing = LISTING.load(deps.storage)?;
                a.delisted =
                    listing.delisted.into_iter().filter(|d| exposures.iter().any(|e| &e.market == d)).collect();
                a.max_exposures = listing.max_exposures;
                to_json_binary(&a)
            }
            _ => {
                let v: serde_json::Value = deps.querier.query_wasm_smart(&real, &msg)?;
                to_json_binary(&v)
            }
        }
    }
}

/// A storage that counts what an action touches: every `get`, every range opened and every
/// record a range yields are reads; every `set`/`remove` is a write.
pub struct Counting {
    pub inner: cosmwasm_std::testing::MockStorage,
    pub reads: std::cell::Cell<u64>,
    pub writes: u64,
}

impl Counting {
    pub fn new(inner: cosmwasm_std::testing::MockStorage) -> Self {
        Counting { inner, reads: Default::default(), writes: 0 }
    }
    fn read(&self) {
        self.reads.set(self.reads.get() + 1);
    }
}

impl cosmwasm_std::Storage for Counting {
    fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
        self.read();
        self.inner.get(key)
    }
    fn range<'a>(
        &'a self,
        start: Option<&[u8]>,
        end: Option<&[u8]>,
        order: cosmwasm_std::Order,
    ) -> Box<dyn Iterator<Item = cosmwasm_std::Record> + 'a> {
        self.read();
        Box::new(self.inner.range(start, end, order).inspect(move |_| self.read()))
    }
    fn set(&mut self, key: &[u8], value: &[u8]) {
        self.writes += 1;
        self.inner.set(key, value)
    }
    fn remove(&mut self, key: &[u8]) {
        self.writes += 1;
        self.inner.remove(key)
    }
}

impl Suite {
    /// A copy of the vault's whole storage (to run a handler on it off the books).
    pub fn vault_storage(&self) -> cosmwasm_std::testing::MockStorage {
        use cosmwasm_std::Storage;
        let mut copy = cosmwasm_std::testing::MockStorage::new();
        for (k, v) in self.app.contract_storage(&self.vault).range(None, None, cosmwasm_std::Order::Ascending) {
            copy.set(&k, &v);
        }
        copy
    }

    /// An `Env` for the vault at the current block.
    pub fn vault_env(&self) -> cosmwasm_std::Env {
        let mut env = cosmwasm_std::testing::mock_env();
        env.block = self.app.block_info();
        env.contract.address = self.vault.clone();
        env
    }
}
