//! Shared harness of the fuzz targets: the three contracts wired together in
//! `cosmwasm_std::testing` mock deps (no cw-multi-test: it is too slow per input).
//!
//! - The oracle runs in its own `MockStorage`.
//! - The vault's `MockQuerier` answers smart queries to the oracle's address by calling
//!   `risk_oracle::contract::query` on the oracle's storage (so `assess` really runs), and bank
//!   balance queries from a tracked balance (funds credited before `execute`, `BankMsg::Send`
//!   debited after it).
//! - The DAO's querier answers smart queries to the vault's address with
//!   `pool_vault::contract::query` on the vault's storage (voting power, config).
//!
//! Any other contract address answers `NoSuchContract`, so a message that names an unknown
//! contract gets the contract's typed error.
//!
//! A realistic state is built once per process ([`Snapshot::get`]) and every input starts from
//! a copy of it ([`World::from_snapshot`]).
//!
//! After an `Err` from `execute`, the contract's storage must be byte-for-byte what it was before
//! the call ([`World::exec_vault`] and friends assert it). The vault's `execute` first brings the
//! books to the block time (`sync`, which may write claim expiries); the harness runs that same
//! step first ([`World::presync_vault`], what any earlier transaction in the block would have
//! done), so a write left behind by an erroring action is a finding, not `sync`'s doing.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::OnceLock;

use cosmwasm_std::testing::{message_info, MockApi, MockQuerier, MockStorage};
use cosmwasm_std::{
    from_json, to_json_binary, Addr, BankMsg, Binary, BlockInfo, Coin, ContractInfo, ContractResult, CosmosMsg, Env,
    Order, OwnedDeps, Reply, ReplyOn, Response, Storage, SubMsgResult, SystemError, SystemResult, Timestamp,
    TransactionInfo, Uint128, WasmMsg, WasmQuery,
};
use risk_pool::{dao, oracle, vault};

pub type Deps = OwnedDeps<MockStorage, MockApi, MockQuerier>;
pub type Kv = Vec<(Vec<u8>, Vec<u8>)>;

pub const DENOM: &str = "uusdc";
pub const DAY: u64 = 86_400;
/// `mock_env()`'s block time, in seconds.
pub const T0: u64 = 1_571_797_419;
pub const H0: u64 = 12_345;
/// 2100-01-01: the harness never moves block time past it.
pub const MAX_TIME: u64 = 4_102_444_800;

/// Named accounts. `@x` in a JSON input (x = the char) is replaced by the account's address, so
/// the fuzzer reaches address-bearing messages without guessing bech32 checksums.
pub const ACCOUNTS: [(char, &str); 13] = [
    ('o', "owner"),
    ('g', "guardian"),
    ('f', "feeder"),
    ('t', "treasury"),
    ('a', "alice"),
    ('b', "bob"),
    ('c', "carol"),
    ('m', "member1"),
    ('n', "member2"),
    ('s', "stranger"),
    ('O', "oracle"),
    ('V', "vault"),
    ('D', "dao"),
];

pub fn addr(name: &str) -> Addr {
    MockApi::default().addr_make(name)
}

/// Address of account `i` (mod the number of accounts).
pub fn account(i: usize) -> Addr {
    addr(ACCOUNTS[i % ACCOUNTS.len()].1)
}

/// Replaces every `@x` by the address of the account `x` (see [`ACCOUNTS`]).
pub fn substitute(json: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(json.len() + 64);
    let mut i = 0;
    while i < json.len() {
        if json[i] == b'@' && i + 1 < json.len() {
            if let Some((_, name)) = ACCOUNTS.iter().find(|(c, _)| *c as u8 == json[i + 1]) {
                out.extend_from_slice(addr(name).as_bytes());
                i += 2;
                continue;
            }
        }
        out.push(json[i]);
        i += 1;
    }
    out
}

pub fn dump(storage: &dyn Storage) -> Kv {
    storage.range(None, None, Order::Ascending).collect()
}

pub fn load(kv: &Kv) -> MockStorage {
    let mut s = MockStorage::new();
    for (k, v) in kv {
        s.set(k, v);
    }
    s
}

/// Panics (a finding) if `before` and `after` differ, naming the first differing key.
pub fn assert_unchanged(contract: &str, what: &str, before: &Kv, after: &Kv) {
    if before == after {
        return;
    }
    let key = before
        .iter()
        .zip(after.iter())
        .find(|(a, b)| a != b)
        .map(|(a, _)| a.0.clone())
        .or_else(|| before.get(after.len()).or(after.get(before.len())).map(|kv| kv.0.clone()))
        .unwrap_or_default();
    panic!(
        "{contract}: storage changed although execute returned Err({what}); first differing key {:?}",
        String::from_utf8_lossy(&key)
    );
}

/// Block time and height shared by the three contracts and their queriers.
#[derive(Clone)]
pub struct Clock {
    pub time: Rc<Cell<u64>>,
    pub height: Rc<Cell<u64>>,
}

impl Clock {
    pub fn env(&self, contract: &Addr) -> Env {
        Env {
            block: BlockInfo {
                height: self.height.get(),
                time: Timestamp::from_seconds(self.time.get()),
                chain_id: "cosmos-testnet-14002".to_string(),
            },
            transaction: Some(TransactionInfo { index: 3 }),
            contract: ContractInfo { address: contract.clone() },
        }
    }

    /// Moves time forward by `secs` (block time stays below 2100, as a chain's would; a
    /// `Timestamp` holds nanoseconds in a u64) and the height by at least one block.
    pub fn advance(&self, secs: u64) {
        self.time.set(self.time.get().saturating_add(secs).min(MAX_TIME));
        self.height.set(self.height.get() + 1 + secs / 5);
    }
}

fn answer(r: Result<Binary, String>) -> SystemResult<ContractResult<Binary>> {
    SystemResult::Ok(match r {
        Ok(b) => ContractResult::Ok(b),
        Err(e) => ContractResult::Err(e),
    })
}

fn smart_router(
    target: Addr,
    clock: Clock,
    run: impl Fn(&Env, &Binary) -> Result<Binary, String> + 'static,
) -> impl Fn(&WasmQuery) -> SystemResult<ContractResult<Binary>> + 'static {
    move |q: &WasmQuery| match q {
        WasmQuery::Smart { contract_addr, msg } if *contract_addr == target.as_str() => {
            answer(run(&clock.env(&target), msg))
        }
        WasmQuery::Smart { contract_addr, .. }
        | WasmQuery::Raw { contract_addr, .. }
        | WasmQuery::ContractInfo { contract_addr } => {
            SystemResult::Err(SystemError::NoSuchContract { addr: contract_addr.clone() })
        }
        _ => SystemResult::Err(SystemError::UnsupportedRequest { kind: "wasm".into() }),
    }
}

/// The three contracts and the chain around them.
pub struct World {
    pub clock: Clock,
    pub oracle: Rc<RefCell<Deps>>,
    pub vault: Rc<RefCell<Deps>>,
    pub dao: Deps,
    /// The vault's bank balance (every denom it holds).
    pub vault_balance: Vec<Coin>,
    pub oracle_addr: Addr,
    pub vault_addr: Addr,
    pub dao_addr: Addr,
}

fn deps_with(storage: MockStorage) -> Deps {
    OwnedDeps {
        storage,
        api: MockApi::default(),
        querier: MockQuerier::default(),
        custom_query_type: Default::default(),
    }
}

impl World {
    fn wire(clock: Clock, oracle_kv: &Kv, vault_kv: &Kv, dao_kv: &Kv, vault_balance: Vec<Coin>) -> World {
        let (oracle_addr, vault_addr, dao_addr) = (addr("oracle"), addr("vault"), addr("dao"));
        let oracle = Rc::new(RefCell::new(deps_with(load(oracle_kv))));
        let vault = Rc::new(RefCell::new(deps_with(load(vault_kv))));
        let mut dao = deps_with(load(dao_kv));
        {
            let o = oracle.clone();
            vault.borrow_mut().querier.update_wasm(smart_router(
                oracle_addr.clone(),
                clock.clone(),
                move |env, msg| {
                    let msg: oracle::QueryMsg = from_json(msg).map_err(|e| e.to_string())?;
                    risk_oracle::contract::query(o.borrow().as_ref(), env.clone(), msg).map_err(|e| e.to_string())
                },
            ));
        }
        {
            let v = vault.clone();
            dao.querier.update_wasm(smart_router(vault_addr.clone(), clock.clone(), move |env, msg| {
                let msg: vault::QueryMsg = from_json(msg).map_err(|e| e.to_string())?;
                pool_vault::contract::query(v.borrow().as_ref(), env.clone(), msg).map_err(|e| e.to_string())
            }));
        }
        let mut w = World { clock, oracle, vault, dao, vault_balance: vec![], oracle_addr, vault_addr, dao_addr };
        w.set_vault_balance(vault_balance);
        w
    }

    /// Empty contracts (nothing instantiated) at `mock_env()`'s time.
    pub fn empty() -> World {
        let clock = Clock { time: Rc::new(Cell::new(T0)), height: Rc::new(Cell::new(H0)) };
        World::wire(clock, &vec![], &vec![], &vec![], vec![])
    }

    /// A fresh world in the state of `snap`.
    pub fn from_snapshot(snap: &Snapshot) -> World {
        let clock = Clock { time: Rc::new(Cell::new(snap.time)), height: Rc::new(Cell::new(snap.height)) };
        World::wire(clock, &snap.oracle, &snap.vault, &snap.dao, snap.vault_balance.clone())
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            time: self.clock.time.get(),
            height: self.clock.height.get(),
            oracle: dump(&self.oracle.borrow().storage),
            vault: dump(&self.vault.borrow().storage),
            dao: dump(&self.dao.storage),
            vault_balance: self.vault_balance.clone(),
        }
    }

    pub fn set_vault_balance(&mut self, balance: Vec<Coin>) {
        self.vault_balance = balance.clone();
        self.vault.borrow_mut().querier.bank.update_balance(self.vault_addr.as_str(), balance);
    }

    pub fn now(&self) -> u64 {
        self.clock.time.get()
    }

    // --- oracle

    pub fn exec_oracle(&mut self, sender: &Addr, funds: &[Coin], msg: oracle::ExecuteMsg) -> Result<Response, String> {
        let env = self.clock.env(&self.oracle_addr);
        let mut o = self.oracle.borrow_mut();
        let before = dump(&o.storage);
        let r = risk_oracle::contract::execute(o.as_mut(), env, message_info(sender, funds), msg);
        match r {
            Ok(res) => Ok(res),
            Err(e) => {
                assert_unchanged("risk-oracle", &e.to_string(), &before, &dump(&o.storage));
                Err(e.to_string())
            }
        }
    }

    pub fn query_oracle(&self, msg: oracle::QueryMsg) -> Result<Binary, String> {
        let env = self.clock.env(&self.oracle_addr);
        risk_oracle::contract::query(self.oracle.borrow().as_ref(), env, msg).map_err(|e| e.to_string())
    }

    // --- vault

    /// What any transaction earlier in the block would have left: the books at the block time.
    pub fn presync_vault(&mut self) {
        let now = self.now();
        let mut v = self.vault.borrow_mut();
        let cfg = pool_vault::state::CONFIG.load(&v.storage).expect("vault config");
        let pool = pool_vault::sync::sync(&mut v.storage, &cfg, now).expect("sync");
        pool_vault::state::POOL.save(&mut v.storage, &pool).expect("save pool");
    }

    /// One vault transaction: funds move to the vault first (as the bank module does), then
    /// `execute`; on `Err` storage and balance are checked unchanged and the funds returned; on
    /// `Ok` every `BankMsg::Send` of the response is paid out of the vault's balance (a payout
    /// above the balance is a finding: the books promised tokens the vault does not hold).
    pub fn exec_vault(&mut self, sender: &Addr, funds: &[Coin], msg: vault::ExecuteMsg) -> Result<Response, String> {
        self.presync_vault();
        let before_balance = self.vault_balance.clone();
        let mut credited = before_balance.clone();
        for c in funds {
            match credited.iter_mut().find(|b| b.denom == c.denom) {
                Some(b) => match b.amount.checked_add(c.amount) {
                    Ok(a) => b.amount = a,
                    // More than u128 of one denom cannot exist in a bank balance a contract reads.
                    Err(_) => return Err("harness: funds would overflow the vault balance".into()),
                },
                None => credited.push(c.clone()),
            }
        }
        self.set_vault_balance(credited);
        let env = self.clock.env(&self.vault_addr);
        let r = {
            let mut v = self.vault.borrow_mut();
            let before = dump(&v.storage);
            let r = pool_vault::contract::execute(v.as_mut(), env, message_info(sender, funds), msg);
            if let Err(e) = &r {
                if let pool_vault::ContractError::Invariant { what } = e {
                    panic!("pool-vault invariant broken: {what}");
                }
                assert_unchanged("pool-vault", &e.to_string(), &before, &dump(&v.storage));
            }
            r
        };
        match r {
            Err(e) => {
                self.set_vault_balance(before_balance);
                Err(e.to_string())
            }
            Ok(res) => {
                let mut bal = self.vault_balance.clone();
                for sub in &res.messages {
                    if let CosmosMsg::Bank(BankMsg::Send { amount, to_address }) = &sub.msg {
                        for c in amount {
                            let have = bal.iter_mut().find(|b| b.denom == c.denom);
                            let have_amount = have.as_ref().map(|h| h.amount).unwrap_or_default();
                            match have {
                                Some(h) if h.amount >= c.amount => h.amount -= c.amount,
                                _ => panic!(
                                    "pool-vault pays {} {} to {to_address} but holds only {have_amount}",
                                    c.amount, c.denom
                                ),
                            }
                        }
                    }
                }
                self.set_vault_balance(bal);
                Ok(res)
            }
        }
    }

    pub fn query_vault(&self, msg: vault::QueryMsg) -> Result<Binary, String> {
        let env = self.clock.env(&self.vault_addr);
        pool_vault::contract::query(self.vault.borrow().as_ref(), env, msg).map_err(|e| e.to_string())
    }

    /// The books must balance to the unit (`StateResponse::check_books`: token balance =
    /// total_assets + unvested + member_contributions + escrow + surplus) and the `state` query
    /// must answer.
    pub fn check_vault_books(&self) {
        let st: vault::StateResponse =
            from_json(self.query_vault(vault::QueryMsg::State {}).expect("state query")).expect("state response");
        let bal = self.vault_balance.iter().find(|c| c.denom == DENOM).map(|c| c.amount).unwrap_or_default();
        if let Err(e) = st.check_books(bal.into()) {
            panic!("pool-vault {e} ({st:?})");
        }
    }

    // --- dao

    pub fn exec_dao(&mut self, sender: &Addr, funds: &[Coin], msg: dao::ExecuteMsg) -> Result<Response, String> {
        let env = self.clock.env(&self.dao_addr);
        let before = dump(&self.dao.storage);
        match dao_governance::contract::execute(self.dao.as_mut(), env, message_info(sender, funds), msg) {
            Ok(res) => Ok(res),
            Err(e) => {
                assert_unchanged("dao-governance", &e.to_string(), &before, &dump(&self.dao.storage));
                Err(e.to_string())
            }
        }
    }

    /// A DAO transaction as the chain runs it: `execute`, then its self-call submessage
    /// (`execute_batch`) with every message of the batch dispatched to the vault or the oracle
    /// as the DAO; if any fails, the whole batch is reverted and the DAO's `reply` gets the
    /// error (`reply_on_error`).
    pub fn exec_dao_tx(&mut self, sender: &Addr, funds: &[Coin], msg: dao::ExecuteMsg) -> Result<Response, String> {
        let res = self.exec_dao(sender, funds, msg)?;
        for sub in &res.messages {
            let CosmosMsg::Wasm(WasmMsg::Execute { contract_addr, msg, funds }) = &sub.msg else { continue };
            if *contract_addr != self.dao_addr.as_str() {
                continue;
            }
            let saved = self.snapshot();
            let dao_addr = self.dao_addr.clone();
            let r = match from_json::<dao::ExecuteMsg>(msg) {
                Ok(m) if funds.is_empty() => self
                    .exec_dao(&dao_addr, &[], m)
                    .and_then(|batch| batch.messages.iter().try_for_each(|m| self.dispatch_as_dao(&m.msg).map(|_| ()))),
                Ok(_) => Err("the DAO holds no funds".to_string()),
                Err(e) => Err(e.to_string()),
            };
            if let Err(e) = r {
                let (vault_balance, oracle_kv, vault_kv, dao_kv) =
                    (saved.vault_balance.clone(), saved.oracle, saved.vault, saved.dao);
                self.oracle.borrow_mut().storage = load(&oracle_kv);
                self.vault.borrow_mut().storage = load(&vault_kv);
                self.dao.storage = load(&dao_kv);
                self.set_vault_balance(vault_balance);
                if matches!(sub.reply_on, ReplyOn::Error | ReplyOn::Always) {
                    let reply =
                        Reply { id: sub.id, payload: sub.payload.clone(), gas_used: 0, result: SubMsgResult::Err(e) };
                    let env = self.clock.env(&self.dao_addr);
                    dao_governance::contract::reply(self.dao.as_mut(), env, reply).map_err(|e| e.to_string())?;
                }
            }
        }
        Ok(res)
    }

    fn dispatch_as_dao(&mut self, msg: &CosmosMsg) -> Result<Response, String> {
        let dao_addr = self.dao_addr.clone();
        let CosmosMsg::Wasm(WasmMsg::Execute { contract_addr, msg, funds }) = msg else {
            return Err("harness: only wasm execute messages are routed".into());
        };
        if !funds.is_empty() {
            return Err("the DAO holds no funds".into());
        }
        if *contract_addr == self.vault_addr.as_str() {
            let m = from_json::<vault::ExecuteMsg>(msg).map_err(|e| e.to_string())?;
            self.exec_vault(&dao_addr, &[], m)
        } else if *contract_addr == self.oracle_addr.as_str() {
            let m = from_json::<oracle::ExecuteMsg>(msg).map_err(|e| e.to_string())?;
            self.exec_oracle(&dao_addr, &[], m)
        } else if *contract_addr == self.dao_addr.as_str() {
            let m = from_json::<dao::ExecuteMsg>(msg).map_err(|e| e.to_string())?;
            self.exec_dao(&dao_addr, &[], m)
        } else {
            Err(format!("no such contract: {contract_addr}"))
        }
    }

    pub fn query_dao(&self, msg: dao::QueryMsg) -> Result<Binary, String> {
        let env = self.clock.env(&self.dao_addr);
        dao_governance::contract::query(self.dao.as_ref(), env, msg).map_err(|e| e.to_string())
    }
}

/// The state every input starts from.
#[derive(Clone)]
pub struct Snapshot {
    pub time: u64,
    pub height: u64,
    pub oracle: Kv,
    pub vault: Kv,
    pub dao: Kv,
    pub vault_balance: Vec<Coin>,
}

/// SPEC.md's oracle instantiate message (`risk-testing`'s fixture), two markets, owner `owner`;
/// staleness widened so that time jumps do not stale the prices.
pub fn oracle_instantiate() -> oracle::InstantiateMsg {
    let mut msg = risk_testing::oracle_msg(addr("owner").as_str(), addr("feeder").as_str());
    msg.max_staleness_secs = 315_360_000;
    msg
}

/// SPEC.md's vault instantiate message (`risk-testing`'s fixture), native `uusdc`.
pub fn vault_instantiate() -> vault::InstantiateMsg {
    risk_testing::vault_msg(
        addr("owner").as_str(),
        Some(addr("guardian").as_str()),
        addr("oracle").as_str(),
        addr("treasury").as_str(),
    )
}

/// SPEC.md's DAO instantiate message (`risk-testing`'s fixture), over the vault.
pub fn dao_instantiate() -> dao::InstantiateMsg {
    risk_testing::dao_msg(addr("vault").as_str(), Some(addr("guardian").as_str()))
}

pub fn usdc(x: u128) -> Vec<Coin> {
    cosmwasm_std::coins(x * 1_000_000, DENOM)
}

pub fn exposure(market: &str, notional: i128) -> oracle::Exposure {
    oracle::Exposure { market: market.into(), notional: cosmwasm_std::Int128::new(notional).into(), option: None }
}

pub fn prices(btc: &str, eth: &str) -> oracle::ExecuteMsg {
    let p = |m: &str, v: &str| oracle::PriceInput { market: m.into(), price: v.parse().unwrap(), implied_vol: None };
    oracle::ExecuteMsg::SetPrices { prices: vec![p("BTC-PERP", btc), p("ETH-PERP", eth)] }
}

impl Snapshot {
    /// Built once per process:
    /// - oracle: SPEC's two markets, 120 hourly price rounds (enough history for a 99 %
    ///   historical VaR), owner `owner`, feeder `feeder`;
    /// - vault: owner `owner`, guardian `guardian`; alice 1,000 and bob 500 USDC of capital (bob
    ///   unbonding 100 M shares); members `member1` (long BTC, short ETH) and `member2` (long
    ///   ETH) registered, funded and exposed; one settled claim of member1;
    /// - dao over the vault, proposal 1 by alice (open, alice voted yes), proposal 2 by bob.
    pub fn get() -> &'static Snapshot {
        static SNAP: OnceLock<Snapshot> = OnceLock::new();
        SNAP.get_or_init(Snapshot::build)
    }

    fn build() -> Snapshot {
        let mut w = World::empty();
        let owner = addr("owner");
        {
            let env = w.clock.env(&w.oracle_addr);
            let mut o = w.oracle.borrow_mut();
            risk_oracle::contract::instantiate(o.as_mut(), env, message_info(&owner, &[]), oracle_instantiate())
                .expect("oracle instantiate");
        }
        for i in 0..120u32 {
            w.clock.advance(3_600);
            let btc = 60_000 + (i * 7919 % 1_000) as i64 - 500;
            let eth = 3_000 + (i * 104_729 % 100) as i64 - 50;
            w.exec_oracle(&addr("feeder"), &[], prices(&btc.to_string(), &eth.to_string())).expect("price round");
        }
        {
            let env = w.clock.env(&w.vault_addr);
            let mut v = w.vault.borrow_mut();
            pool_vault::contract::instantiate(v.as_mut(), env, message_info(&owner, &[]), vault_instantiate())
                .expect("vault instantiate");
        }
        let ok = |r: Result<Response, String>, what: &str| {
            r.unwrap_or_else(|e| panic!("snapshot step {what}: {e}"));
        };
        ok(w.exec_vault(&addr("alice"), &usdc(1_000), vault::ExecuteMsg::Deposit { recipient: None }), "alice deposit");
        ok(w.exec_vault(&addr("bob"), &usdc(500), vault::ExecuteMsg::Deposit { recipient: None }), "bob deposit");
        for (m, cap) in [("member1", 200u128), ("member2", 100)] {
            let terms = vault::MemberTerms {
                member: addr(m).to_string(),
                coverage_cap: Uint128::new(cap * 1_000_000).into(),
                premium_rate_bps: 500,
                grace_secs: 7 * DAY,
            };
            ok(w.exec_vault(&owner, &[], vault::ExecuteMsg::RegisterMember(terms)), "register");
            ok(w.exec_vault(&addr(m), &usdc(50), vault::ExecuteMsg::MemberDeposit {}), "member deposit");
        }
        w.clock.advance(7_200);
        ok(
            w.exec_vault(
                &addr("member1"),
                &[],
                vault::ExecuteMsg::ReportExposure {
                    exposures: vec![exposure("BTC-PERP", 10_000_000), exposure("ETH-PERP", -5_000_000)],
                },
            ),
            "report 1",
        );
        ok(
            w.exec_vault(
                &addr("member2"),
                &[],
                vault::ExecuteMsg::ReportExposure { exposures: vec![exposure("ETH-PERP", 8_000_000)] },
            ),
            "report 2",
        );
        w.clock.advance(60);
        ok(
            w.exec_vault(
                &addr("member1"),
                &[],
                vault::ExecuteMsg::ClaimLoss {
                    amount: Uint128::new(2_000_000).into(),
                    recipient: addr("member1").to_string(),
                    memo: Some("liquidation shortfall".into()),
                },
            ),
            "claim",
        );
        ok(
            w.exec_vault(
                &addr("bob"),
                &[],
                vault::ExecuteMsg::RequestWithdraw { shares: Uint128::new(100_000_000).into() },
            ),
            "request withdraw",
        );
        w.check_vault_books();
        {
            let env = w.clock.env(&w.dao_addr);
            dao_governance::contract::instantiate(w.dao.as_mut(), env, message_info(&owner, &[]), dao_instantiate())
                .expect("dao instantiate");
        }
        w.clock.advance(10);
        let pause = CosmosMsg::Wasm(cosmwasm_std::WasmMsg::Execute {
            contract_addr: w.vault_addr.to_string(),
            msg: to_json_binary(&vault::ExecuteMsg::Pause {}).unwrap(),
            funds: vec![],
        });
        ok(
            w.exec_dao(
                &addr("alice"),
                &[],
                dao::ExecuteMsg::Propose {
                    title: "pause".into(),
                    description: "pause the vault".into(),
                    msgs: vec![pause],
                },
            ),
            "propose 1",
        );
        ok(w.exec_dao(&addr("alice"), &[], dao::ExecuteMsg::Vote { proposal_id: 1, vote: dao::Vote::Yes }), "vote 1");
        ok(
            w.exec_dao(
                &addr("bob"),
                &[],
                dao::ExecuteMsg::Propose { title: "nothing".into(), description: String::new(), msgs: vec![] },
            ),
            "propose 2",
        );
        w.clock.advance(5);
        w.snapshot()
    }
}

/// Time steps a control byte can choose (seconds).
pub const TIME_STEPS: [u64; 8] = [0, 1, 3_600, DAY, 3 * DAY + 1, 7 * DAY + 1, 30 * DAY, 400 * DAY];

/// Funds a control byte can choose: none, `uusdc` amounts from 1 unit to 10³⁰, another denom,
/// two coins.
pub fn funds(sel: u8) -> Vec<Coin> {
    let c = |a: u128, d: &str| Coin { denom: d.into(), amount: Uint128::new(a) };
    match sel % 8 {
        0 => vec![],
        1 => vec![c(1, DENOM)],
        2 => vec![c(1_000_000, DENOM)],
        3 => vec![c(50_000_000, DENOM)],
        4 => vec![c(1_000_000_000_000, DENOM)],
        5 => vec![c(10u128.pow(30), DENOM)],
        6 => vec![c(1_000_000, "uatom")],
        _ => vec![c(1_000_000, DENOM), c(5, "uatom")],
    }
}

/// The input layout of the `*_json` targets: byte 0 = sender (low 4 bits: account index) and
/// funds (high 3 bits, [`funds`]), byte 1 = time step ([`TIME_STEPS`], low 3 bits) and execute
/// vs query (bit 7); the rest is the message JSON, with `@x` account placeholders.
pub struct JsonInput {
    pub sender: Addr,
    pub funds: Vec<Coin>,
    pub advance: u64,
    pub query: bool,
    pub json: Vec<u8>,
}

impl JsonInput {
    pub fn parse(data: &[u8]) -> Option<JsonInput> {
        if data.len() < 3 {
            return None;
        }
        Some(JsonInput {
            sender: account((data[0] & 0x0f) as usize),
            funds: funds(data[0] >> 5),
            advance: TIME_STEPS[(data[1] & 7) as usize],
            query: data[1] & 0x80 != 0,
            json: substitute(&data[2..]),
        })
    }
}

/// Known findings (docs/fuzzing.md) are skipped so that a run keeps exploring past them;
/// `FUZZ_KNOWN=1` turns the skips off, which is how the inputs in `fuzz/regressions/` reproduce.
pub fn skip_known() -> bool {
    static SKIP: OnceLock<bool> = OnceLock::new();
    *SKIP.get_or_init(|| std::env::var_os("FUZZ_KNOWN").is_none())
}

/// With `FUZZ_DEBUG=1`, prints what an input did (run a target on one file to see it).
pub fn debug<T, E: std::fmt::Debug>(what: &str, r: &Result<T, E>) {
    static ON: OnceLock<bool> = OnceLock::new();
    if *ON.get_or_init(|| std::env::var_os("FUZZ_DEBUG").is_some()) {
        match r {
            Ok(_) => eprintln!("[fuzz] {what}: ok"),
            Err(e) => eprintln!("[fuzz] {what}: err {e:?}"),
        }
    }
}
