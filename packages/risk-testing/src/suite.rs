//! The one multi-contract suite of the cw-multi-test tests: the real risk-oracle and pool-vault
//! (native or cw20 asset), and on request the dao-governance contract owning both
//! ([`SuiteBuilder::with_dao`]) and the example DEX as a member ([`SuiteBuilder::with_dex`]);
//! feeders, underwriters and members set up at build time; time travel; and the vault's
//! conservation check ([`Suite::check`]) after every step.
//!
//! ```text
//! let mut s = Suite::new().with_dao().underwriter("alice", usdc(600)).build();
//! ```
//!
//! Every wallet is `MockApi::addr_make(name)`; the steps take a name or an address
//! ([`Actor`]). The DAO's steps are in [`crate::governance`], the DEX's in [`crate::dex`].

use cosmwasm_std::testing::MockApi;
use cosmwasm_std::{coins, from_json, to_json_binary, Addr, Coin, Decimal, Int128};
use cw_multi_test::{App, AppResponse, Executor};
use pool_vault::ContractError as VaultError;
use risk_pool::oracle::{self, Exposure};
use risk_pool::units::Amount;
use risk_pool::vault::*;
use risk_pool::{dao, VaultContract};
use serde::{de::DeserializeOwned, Serialize};
use std::fmt::Debug;
use std::str::FromStr;

use crate::contracts;
use crate::mocks::{oracle_proxy, refusing_token};

/// The settlement denom of native suites.
pub const DENOM: &str = "uusdc";
/// One day, seconds.
pub const DAY: u64 = 86_400;
/// What every wallet of the suite holds at build time: 10⁹ USDC.
pub const FUNDED: u128 = usdc(1_000_000_000);
/// The wallets funded at build time (besides every underwriter and member named).
pub const WALLETS: [&str; 14] = [
    "alice", "bob", "carol", "attacker", "victim", "payer", "stranger", "late", "donor", REFUSER, "dex", "operator",
    "trader", "trader2",
];
/// The wallet the refusing token refuses transfers to.
pub const REFUSER: &str = "refuser";

/// `x` whole USDC in base units.
pub const fn usdc(x: u128) -> u128 {
    x * 1_000_000
}

/// An exposure of `notional` base units on `market`.
pub fn exp(market: &str, notional: i128) -> Exposure {
    Exposure { market: market.into(), notional: Int128::new(notional).into(), option: None }
}

/// An option leg on `market`: `call` or put, strike, expiry (unix seconds), size (settlement
/// base units per unit of price; negative = written).
pub fn leg(market: &str, call: bool, strike: &str, expiry: u64, size: i128) -> Exposure {
    let kind = if call { oracle::OptionKind::Call } else { oracle::OptionKind::Put };
    Exposure::leg(market, oracle::OptionLeg { kind, strike: dec(strike), expiry, size: Int128::new(size) })
}

/// A decimal from its string.
pub fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// `x` base units of whichever unit the place wants (`Amount`, `Shares`, `Power`, `Uint128`).
pub fn u<T: From<u128>>(x: u128) -> T {
    T::from(x)
}

/// The value of attribute `key` in any event of `r` (panics when there is none).
pub fn attr(r: &AppResponse, key: &str) -> String {
    r.events
        .iter()
        .flat_map(|e| e.attributes.iter())
        .find(|a| a.key == key)
        .unwrap_or_else(|| panic!("no attribute {key}"))
        .value
        .clone()
}

/// The vault's typed error out of a multi-test failure (possibly nested in a cw20 `send`:
/// anyhow downcasts through context layers).
pub fn vault_err(e: anyhow::Error) -> VaultError {
    match e.downcast::<VaultError>() {
        Ok(c) => c,
        Err(e) => panic!("not a vault error: {e:?}"),
    }
}

/// Who acts in a step: a wallet's name (`"alice"`, made with `addr_make`) or an address.
pub trait Actor {
    /// The address.
    fn addr(&self, api: &MockApi) -> Addr;
}

impl Actor for str {
    fn addr(&self, api: &MockApi) -> Addr {
        api.addr_make(self)
    }
}

impl Actor for Addr {
    fn addr(&self, _: &MockApi) -> Addr {
        self.clone()
    }
}

impl<T: Actor + ?Sized> Actor for &T {
    fn addr(&self, api: &MockApi) -> Addr {
        (**self).addr(api)
    }
}

/// An execute message the suite knows the contract of, and the error its failure comes as.
pub trait SuiteMsg: Serialize + Debug {
    /// A failed execution.
    type Error;
    /// Sends `self` from `sender` to its contract.
    fn send(&self, s: &mut Suite, sender: &Addr) -> Result<AppResponse, Self::Error>;
}

/// To the vault: conservation checked on success, state unchanged on failure.
impl SuiteMsg for ExecuteMsg {
    type Error = VaultError;
    fn send(&self, s: &mut Suite, sender: &Addr) -> Result<AppResponse, VaultError> {
        let vault = s.vault.clone();
        s.exec_raw(sender, &vault, self, &[])
    }
}

/// To the DAO (a [`SuiteBuilder::with_dao`] suite): the vault's conservation checked on success.
impl SuiteMsg for dao::ExecuteMsg {
    type Error = dao_governance::ContractError;
    fn send(&self, s: &mut Suite, sender: &Addr) -> Result<AppResponse, Self::Error> {
        assert!(s.governed, "a with_dao() suite");
        let dao = s.dao.clone();
        s.run(sender, &dao, self, &[]).map_err(crate::governance::dao_err)
    }
}

/// A member registered by the DAO at build time.
pub struct MemberSpec {
    /// The wallet's name.
    pub name: &'static str,
    /// Coverage cap, base units.
    pub coverage_cap: u128,
    /// Premium rate, bps a year.
    pub premium_rate_bps: u32,
    /// Grace period, seconds.
    pub grace_secs: u64,
    /// Contribution posted at build time, base units.
    pub contribution: u128,
}

type Edit<T> = Box<dyn FnOnce(&mut T)>;

/// Builds a [`Suite`]: `Suite::new()`, then what the scenario has, then `build()`.
pub struct SuiteBuilder {
    vault_edits: Vec<Edit<InstantiateMsg>>,
    oracle_edits: Vec<Edit<oracle::InstantiateMsg>>,
    dao_edits: Vec<Edit<dao::InstantiateMsg>>,
    cw20: bool,
    refusing_token: bool,
    oracle_proxy: bool,
    feeders: usize,
    underwriters: Vec<(&'static str, u128)>,
    members: Vec<MemberSpec>,
    with_dao: bool,
    with_dex: bool,
    with_options_dex: bool,
}

/// The contracts, the wallets that run them, and what the conservation check tracks.
///
/// - `dao`: the vault's (and the oracle's) owner: the wallet `dao`, or with `with_dao()` the
///   dao-governance contract; `admin`: who instantiated the contracts and is the vault's wasm
///   admin (the wallet `dao`, or with `with_dao()` the wallet `admin`, who handed the ownership
///   over to the DAO); `guardian` and `treasury`: the vault's;
/// - `feeders`: every feeder of the oracle, `feeder` first, then `feeder2`, `feeder3`, …
///   (`feeders(n)`);
/// - `oracle`, `vault` (its code `vault_code`, to migrate back to), `token` (a cw20 asset), and
///   `oracle_proxy`: with `oracle_proxy()` the vault's oracle, forwarding to `oracle` and adding
///   the `delisted` / `max_exposures` answers set with `set_listing`;
/// - for the conservation check: `underwriters` (every address that ever held shares, for
///   Σ value ≤ net assets), `donated` (donations not yet swept: the expected surplus) and `steps`
///   (checks run so far).
#[allow(missing_docs)]
pub struct Suite {
    pub app: App,
    // The wallets with a role.
    pub dao: Addr,
    pub admin: Addr,
    pub guardian: Addr,
    pub treasury: Addr,
    // The oracle and its feeders.
    pub oracle: Addr,
    pub feeder: Addr,
    pub feeders: Vec<Addr>,
    // The vault, its code and asset, and what it asks for prices.
    pub vault: Addr,
    pub vault_code: u64,
    pub token: Option<Addr>,
    pub oracle_proxy: Option<Addr>,
    // What the conservation check tracks.
    pub underwriters: Vec<Addr>,
    pub donated: u128,
    pub steps: u64,
    // `with_dao()`, `with_dex()`, `with_options_dex()`.
    pub(crate) governed: bool,
    pub(crate) dex: Option<Addr>,
    pub(crate) options_dex: Option<Addr>,
}

impl Default for SuiteBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl SuiteBuilder {
    /// SPEC's oracle (one feeder, staleness widened) and vault (native `uusdc`, guardian set),
    /// owned by the wallet `dao`.
    pub fn new() -> Self {
        SuiteBuilder {
            vault_edits: vec![],
            oracle_edits: vec![],
            dao_edits: vec![],
            cw20: false,
            refusing_token: false,
            oracle_proxy: false,
            feeders: 1,
            underwriters: vec![],
            members: vec![],
            with_dao: false,
            with_dex: false,
            with_options_dex: false,
        }
    }
    /// Edits the vault's instantiate message.
    pub fn vault(mut self, f: impl FnOnce(&mut InstantiateMsg) + 'static) -> Self {
        self.vault_edits.push(Box::new(f));
        self
    }
    /// Edits the oracle's instantiate message.
    pub fn oracle(mut self, f: impl FnOnce(&mut oracle::InstantiateMsg) + 'static) -> Self {
        self.oracle_edits.push(Box::new(f));
        self
    }
    /// Edits the DAO's instantiate message (`with_dao()`).
    pub fn dao(mut self, f: impl FnOnce(&mut dao::InstantiateMsg) + 'static) -> Self {
        self.dao_edits.push(Box::new(f));
        self
    }
    /// The oracle knows BTC-PERP alone: ETH-PERP and its correlation dropped (the `crash`
    /// scenario, a BTC shock, kept).
    pub fn btc_only(self) -> Self {
        self.oracle(|m| {
            m.markets.retain(|k| k.id == "BTC-PERP");
            m.correlations.clear();
        })
    }
    /// The oracle has no stress scenario.
    pub fn without_stress_scenarios(self) -> Self {
        self.oracle(|m| m.stress_scenarios.clear())
    }
    /// A cw20 asset (cw20-base) instead of native `uusdc`.
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
    /// The vault asks an oracle proxy in front of the real oracle (listing answers set by test).
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
    /// Underwriters who deposit at build time, in order.
    pub fn underwriters(mut self, holders: &[(&'static str, u128)]) -> Self {
        self.underwriters.extend_from_slice(holders);
        self
    }
    /// A member registered by the owner who posts `contribution` at build time.
    pub fn member(mut self, name: &'static str, coverage_cap: u128, premium_rate_bps: u32, contribution: u128) -> Self {
        self.members.push(MemberSpec { name, coverage_cap, premium_rate_bps, grace_secs: 7 * DAY, contribution });
        self
    }
    /// SPEC's dao-governance over the vault: the wallet `admin` instantiates the oracle, the
    /// vault and the DAO, then hands the oracle and the vault over to the DAO; one block passes
    /// after the build's deposits (so that they vote on the next proposal).
    pub fn with_dao(mut self) -> Self {
        self.with_dao = true;
        self
    }
    /// The example DEX (operator `operator`, fee 10 bps) as a member of the vault: registered
    /// by the owner (coverage cap 1M USDC, 5 %, grace 7 d) after the build's deposits, a 1M USDC
    /// float from its operator, a 50k contribution, its BTC-PERP mark at 60000.
    pub fn with_dex(mut self) -> Self {
        self.with_dex = true;
        self
    }
    /// The example options DEX (operator `operator`, 10 % of premiums set aside for the vault)
    /// as a member of the vault: registered by the owner after the build's deposits (coverage
    /// cap 1M USDC, 5 %, grace 7 d), its BTC-PERP mark at 60000; no float and no contribution
    /// (the scenario funds them: [`crate::options_dex`]).
    pub fn with_options_dex(mut self) -> Self {
        self.with_options_dex = true;
        self
    }

    /// Stores and instantiates everything, funds every wallet with [`FUNDED`], then runs the
    /// deposits, the registrations and the DEX's setup (conservation checked after each).
    pub fn build(self) -> Suite {
        let mut app = App::default();
        let api = MockApi::default();
        let (dao, guardian, feeder, treasury) =
            (api.addr_make("dao"), api.addr_make("guardian"), api.addr_make("feeder"), api.addr_make("treasury"));
        let admin = if self.with_dao { api.addr_make("admin") } else { dao.clone() };
        let oracle_code = app.store_code(contracts::oracle());
        let vault_code = app.store_code(contracts::vault());
        let dao_code = self.with_dao.then(|| app.store_code(contracts::dao()));
        let dex_code = self.with_dex.then(|| app.store_code(contracts::dex()));
        let feeders: Vec<Addr> = std::iter::once(feeder.clone())
            .chain((2..=self.feeders).map(|i| api.addr_make(&format!("feeder{i}"))))
            .collect();
        // SPEC's example, staleness widened so that time jumps in vault scenarios do not stale the
        // prices unless a test asks for it.
        let mut omsg = crate::oracle_msg(admin.as_str(), feeder.as_str());
        omsg.max_staleness_secs = 315_360_000;
        omsg.feeders = feeders.iter().map(Addr::to_string).collect();
        for e in self.oracle_edits {
            e(&mut omsg);
        }
        let oracle = app.instantiate_contract(oracle_code, admin.clone(), &omsg, &[], "oracle", None).unwrap();

        // Everybody who will need the asset: underwriters, members, the spare wallets.
        let mut wallets: Vec<&str> = self.underwriters.iter().map(|u| u.0).collect();
        wallets.extend(self.members.iter().map(|m| m.name));
        wallets.extend(WALLETS);
        wallets.sort();
        wallets.dedup();
        let token = if self.cw20 {
            let code = app.store_code(if self.refusing_token { contracts::refusing_cw20() } else { contracts::cw20() });
            let balances: Vec<cw20::Cw20Coin> = wallets
                .iter()
                .map(|w| cw20::Cw20Coin { address: api.addr_make(w).to_string(), amount: FUNDED.into() })
                .collect();
            let msg = cw20_base::msg::InstantiateMsg {
                name: "USD Coin".into(),
                symbol: "USDC".into(),
                decimals: 6,
                initial_balances: balances,
                mint: None,
                marketing: None,
            };
            Some(app.instantiate_contract(code, admin.clone(), &msg, &[], "usdc", None).unwrap())
        } else {
            for w in &wallets {
                let addr = api.addr_make(w);
                app.init_modules(|r, _, s| r.bank.init_balance(s, &addr, coins(FUNDED, DENOM)).unwrap());
            }
            None
        };

        let oracle_proxy = self.oracle_proxy.then(|| {
            let code = app.store_code(contracts::oracle_proxy());
            app.instantiate_contract(code, admin.clone(), &oracle, &[], "oracle proxy", None).unwrap()
        });
        let vault_oracle = oracle_proxy.clone().unwrap_or_else(|| oracle.clone());
        let mut vmsg =
            crate::vault_msg(admin.as_str(), Some(guardian.as_str()), vault_oracle.as_str(), treasury.as_str());
        if let Some(t) = &token {
            vmsg.asset = AssetInfo::Cw20(t.to_string());
        }
        for e in self.vault_edits {
            e(&mut vmsg);
        }
        let vault =
            app.instantiate_contract(vault_code, admin.clone(), &vmsg, &[], "vault", Some(admin.to_string())).unwrap();
        let owner = match dao_code {
            Some(code) => {
                let mut dmsg = crate::dao_msg(vault.as_str(), Some(guardian.as_str()));
                for e in self.dao_edits {
                    e(&mut dmsg);
                }
                let gov = app.instantiate_contract(code, admin.clone(), &dmsg, &[], "dao", None).unwrap();
                let to_dao = ExecuteMsg::TransferOwnership { owner: gov.to_string() };
                app.execute_contract(admin.clone(), vault.clone(), &to_dao, &[]).unwrap();
                let to_dao = oracle::ExecuteMsg::TransferOwnership { owner: gov.to_string() };
                app.execute_contract(admin.clone(), oracle.clone(), &to_dao, &[]).unwrap();
                gov
            }
            None => dao,
        };
        let dex = dex_code.map(|code| {
            let msg = example_perp_dex::msg::InstantiateMsg {
                vault: vault.to_string(),
                denom: DENOM.into(),
                operator: api.addr_make(crate::dex::OPERATOR).to_string(),
                fee_bps: 10,
            };
            app.instantiate_contract(code, admin.clone(), &msg, &[], "dex", None).unwrap()
        });
        let options_dex = self.with_options_dex.then(|| {
            let code = app.store_code(contracts::options_dex());
            let msg = example_options_dex::msg::InstantiateMsg {
                vault: vault.to_string(),
                denom: DENOM.into(),
                operator: api.addr_make(crate::dex::OPERATOR).to_string(),
                fee_bps: 1_000,
            };
            app.instantiate_contract(code, admin.clone(), &msg, &[], "options dex", None).unwrap()
        });
        let mut s = Suite {
            app,
            dao: owner,
            admin,
            guardian,
            feeder,
            feeders,
            treasury,
            oracle,
            vault,
            vault_code,
            token,
            oracle_proxy,
            underwriters: vec![],
            donated: 0,
            steps: 0,
            governed: self.with_dao,
            dex,
            options_dex,
        };
        for (name, amount) in self.underwriters {
            s.deposit(name, amount).unwrap();
        }
        for m in self.members {
            let a = s.addr(m.name);
            s.register(&a, m.coverage_cap, m.premium_rate_bps, m.grace_secs).unwrap();
            if m.contribution > 0 {
                s.member_deposit(&a, m.contribution).unwrap();
            }
        }
        if self.with_dex {
            s.set_up_dex();
        }
        if self.with_options_dex {
            s.set_up_options_dex();
        }
        if self.with_dao {
            s.advance(5);
        }
        s
    }
}

impl Suite {
    /// The builder (`Suite::new()…build()`).
    #[allow(clippy::new_ret_no_self)]
    pub fn new() -> SuiteBuilder {
        SuiteBuilder::new()
    }

    /// The address of the wallet `name`.
    pub fn addr(&self, name: &str) -> Addr {
        self.app.api().addr_make(name)
    }

    pub(crate) fn who(&self, who: &(impl Actor + ?Sized)) -> Addr {
        who.addr(self.app.api())
    }

    /// Block time, seconds.
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

    /// Moves time forward to `t` (no move when it is now).
    pub fn advance_to(&mut self, t: u64) {
        let now = self.now();
        assert!(t >= now, "advance_to {t} < now {now}");
        if t > now {
            self.advance(t - now);
        }
    }

    /// One block (5 s).
    pub fn next_block(&mut self) {
        self.advance(5);
    }

    /// Whether the asset is a cw20.
    pub fn is_cw20(&self) -> bool {
        self.token.is_some()
    }

    /// `who`'s balance of the vault's asset.
    pub fn balance(&self, who: &(impl Actor + ?Sized)) -> u128 {
        let who = self.who(who);
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

    /// The vault's `state`.
    pub fn state(&self) -> StateResponse {
        self.q(&QueryMsg::State {})
    }

    /// A vault query.
    pub fn q<T: DeserializeOwned>(&self, msg: &QueryMsg) -> T {
        self.app.wrap().query_wasm_smart(&self.vault, msg).unwrap()
    }

    /// A vault query that may fail (its error as a string).
    pub fn try_q<T: DeserializeOwned>(&self, msg: &QueryMsg) -> Result<T, String> {
        self.app.wrap().query_wasm_smart(&self.vault, msg).map_err(|e| e.to_string())
    }

    /// `who`'s underwriter record.
    pub fn underwriter(&self, who: &(impl Actor + ?Sized)) -> UnderwriterResponse {
        self.q(&QueryMsg::Underwriter { address: self.who(who).to_string() })
    }

    /// `who`'s member record.
    pub fn member(&self, who: &Addr) -> MemberResponse {
        self.q(&QueryMsg::Member { address: who.to_string() })
    }

    /// Claim `id`.
    pub fn claim(&self, id: u64) -> ClaimResponse {
        self.q(&QueryMsg::Claim { id })
    }

    /// Conservation, after every step: the token balance equals the books to the unit
    /// (`StateResponse::check_books`: total_assets + unvested + member_contributions + escrow +
    /// surplus; escrow includes what refused payouts left `uncollected`) with the surplus
    /// exactly the donations not yet swept, the sum of every underwriter's redeemable value
    /// never exceeds net assets, and the outstanding shortfall is exactly the sum of the
    /// shortfall queue's entries.
    pub fn check(&mut self) {
        self.steps += 1;
        let s = self.state();
        let balance = self.balance(&self.vault);
        if let Err(e) = s.check_books(Amount::new(balance)) {
            panic!("conservation broken at step {}: {e}", self.steps);
        }
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

    /// One execute of any contract; on success the conservation check runs.
    pub fn run(
        &mut self,
        sender: &Addr,
        contract: &Addr,
        msg: &(impl Serialize + Debug),
        funds: &[Coin],
    ) -> anyhow::Result<AppResponse> {
        let r = self.app.execute_contract(sender.clone(), contract.clone(), msg, funds)?;
        self.check();
        Ok(r)
    }

    /// One execute that reaches the vault; on success the conservation check runs, on failure
    /// the vault's state must be unchanged and the vault's typed error is returned.
    pub fn exec_raw(
        &mut self,
        sender: &Addr,
        contract: &Addr,
        msg: &(impl Serialize + Debug),
        funds: &[Coin],
    ) -> Result<AppResponse, VaultError> {
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

    /// `msg` from `who` to its contract (the vault's or the DAO's [`SuiteMsg`]).
    pub fn exec<M: SuiteMsg>(&mut self, who: &(impl Actor + ?Sized), msg: &M) -> Result<AppResponse, M::Error> {
        let sender = self.who(who);
        msg.send(self, &sender)
    }

    /// A vault message from `who` with `funds` of the native asset attached (none when 0).
    pub fn vault_exec(
        &mut self,
        who: &(impl Actor + ?Sized),
        msg: &ExecuteMsg,
        funds: u128,
    ) -> Result<AppResponse, VaultError> {
        let (sender, vault) = (self.who(who), self.vault.clone());
        let funds = if funds == 0 { vec![] } else { coins(funds, DENOM) };
        self.exec_raw(&sender, &vault, msg, &funds)
    }

    /// A vault message from the owner.
    pub fn dao(&mut self, msg: &ExecuteMsg) -> Result<AppResponse, VaultError> {
        let dao = self.dao.clone();
        self.exec(&dao, msg)
    }

    /// A funds-taking message in the vault's asset (native coins, or the cw20 `send` hook).
    pub fn exec_funds(&mut self, sender: &Addr, msg: ReceiveMsg, amount: u128) -> Result<AppResponse, VaultError> {
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
    pub fn sweep(&mut self, who: &Addr) -> Result<AppResponse, VaultError> {
        let vault = self.vault.clone();
        let r = self.app.execute_contract(who.clone(), vault, &ExecuteMsg::SweepSurplus {}, &[]).map_err(vault_err)?;
        self.donated = 0;
        self.check();
        Ok(r)
    }

    /// `who` deposits `amount` (base units) as an underwriter.
    pub fn deposit(&mut self, who: &(impl Actor + ?Sized), amount: u128) -> Result<AppResponse, VaultError> {
        let who = self.who(who);
        if !self.underwriters.contains(&who) {
            self.underwriters.push(who.clone());
        }
        self.exec_funds(&who, ReceiveMsg::Deposit { recipient: None }, amount)
    }

    /// `who` deposits `amount` for `recipient`.
    pub fn deposit_for(&mut self, who: &Addr, recipient: &Addr, amount: u128) -> Result<AppResponse, VaultError> {
        if !self.underwriters.contains(recipient) {
            self.underwriters.push(recipient.clone());
        }
        self.exec_funds(who, ReceiveMsg::Deposit { recipient: Some(recipient.to_string()) }, amount)
    }

    /// Returns the unbonding id.
    pub fn request_withdraw(&mut self, who: &Addr, shares: u128) -> Result<u64, VaultError> {
        let r = self.exec(who, &ExecuteMsg::RequestWithdraw { shares: shares.into() })?;
        Ok(attr(&r, "unbonding_id").parse().unwrap())
    }

    /// Returns the amount withdrawn.
    pub fn withdraw(&mut self, who: &Addr) -> Result<u128, VaultError> {
        let r = self.exec(who, &ExecuteMsg::Withdraw {})?;
        Ok(attr(&r, "amount").parse().unwrap())
    }

    /// The owner registers `who` as a member.
    pub fn register(
        &mut self,
        who: &Addr,
        coverage_cap: u128,
        rate_bps: u32,
        grace: u64,
    ) -> Result<AppResponse, VaultError> {
        self.dao(&ExecuteMsg::RegisterMember(MemberTerms {
            member: who.to_string(),
            coverage_cap: coverage_cap.into(),
            premium_rate_bps: rate_bps,
            grace_secs: grace,
        }))
    }

    /// `who` posts a member contribution.
    pub fn member_deposit(&mut self, who: &Addr, amount: u128) -> Result<AppResponse, VaultError> {
        self.exec_funds(who, ReceiveMsg::MemberDeposit {}, amount)
    }

    /// `who` reports its book.
    pub fn report(&mut self, who: &Addr, exposures: Vec<Exposure>) -> Result<AppResponse, VaultError> {
        self.exec(who, &ExecuteMsg::ReportExposure { exposures })
    }

    /// `payer` pays `member`'s premium.
    pub fn pay_premium(&mut self, payer: &Addr, member: &Addr, amount: u128) -> Result<AppResponse, VaultError> {
        self.exec_funds(payer, ReceiveMsg::PayPremium { member: member.to_string() }, amount)
    }

    /// `member` claims a loss paid to `recipient`; the claim id attribute is the response's.
    pub fn claim_loss(
        &mut self,
        member: &Addr,
        amount: u128,
        recipient: &Addr,
    ) -> Result<ClaimLossResponse, VaultError> {
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
                oracle::PriceInput { market: "BTC-PERP".into(), price: dec(btc), implied_vol: None },
                oracle::PriceInput { market: "ETH-PERP".into(), price: dec(eth), implied_vol: None },
            ],
        };
        let r = self.app.execute_contract(self.feeders[i].clone(), self.oracle.clone(), &msg, &[]).unwrap();
        attr(&r, "round_formed") == "true"
    }

    /// An oracle message from the owner.
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

    /// The shortfall queue's first 100 entries.
    pub fn queue(&self) -> ShortfallQueueResponse {
        self.q(&QueryMsg::ShortfallQueue { start_after: None, limit: Some(100) })
    }

    /// What refused payouts left `who` to collect.
    pub fn uncollected(&self, who: &Addr) -> u128 {
        let r: UncollectedResponse = self.q(&QueryMsg::Uncollected { address: who.to_string() });
        r.amount.u128()
    }

    /// The oracle's `assess` of `exposures`.
    pub fn assess(&self, exposures: Vec<Exposure>) -> oracle::AssessResponse {
        self.app.wrap().query_wasm_smart(&self.oracle, &oracle::QueryMsg::Assess { exposures }).unwrap()
    }

    /// The vault's config.
    pub fn vault_cfg(&self) -> ConfigResponse {
        self.q(&QueryMsg::Config {})
    }

    /// The book the vault holds for `member`.
    pub fn book(&self, member: &Addr) -> Vec<Exposure> {
        VaultContract(self.vault.clone()).member(&self.app.wrap(), member.as_str()).unwrap().exposures
    }

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

impl Drop for Suite {
    fn drop(&mut self) {
        // `cargo test -- --nocapture` shows how many conservation checks each scenario ran.
        eprintln!("conservation checks passed: {}", self.steps);
    }
}
