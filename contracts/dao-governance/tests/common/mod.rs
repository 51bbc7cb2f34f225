//! The DAO test suite shared by `dao.rs` and `red_team.rs`: the real vault and oracle in
//! cw-multi-test, handed over to the DAO, with a few underwriters.
#![allow(dead_code)]

use cosmwasm_std::{coins, to_json_binary, Addr, CosmosMsg, Uint128, WasmMsg};
use cw_multi_test::{App, AppResponse, ContractWrapper, Executor};
use dao_governance::ContractError as E;
use risk_pool::dao::{self, ExecuteMsg, ProposalResponse, QueryMsg, Status, Vote};
use risk_pool::{oracle, vault};

pub const DENOM: &str = "uusdc";
pub const DAY: u64 = 86_400;
/// The wait of a passed proposal with the suite's defaults: max(timelock 1 d, vault unbonding 7 d
/// + exit window 1 d) = 8 d (revision 2; it was 7 d).
pub const WAIT: u64 = 8 * DAY;

pub struct Suite {
    pub app: App,
    pub dao: Addr,
    pub vault: Addr,
    pub oracle: Addr,
    pub guardian: Addr,
    pub admin: Addr,
    pub vault_code: u64,
}

pub fn usdc(x: u128) -> u128 {
    x * 1_000_000
}

/// Oracle and vault instantiated by an admin, handed over to the DAO; `holders` deposit.
pub fn suite(holders: &[(&str, u128)], edit: impl FnOnce(&mut dao::InstantiateMsg)) -> Suite {
    suite_with(holders, |_| {}, edit)
}

/// [`suite`] with the vault's instantiate message edited too.
pub fn suite_with(
    holders: &[(&str, u128)],
    edit_vault: impl FnOnce(&mut vault::InstantiateMsg),
    edit: impl FnOnce(&mut dao::InstantiateMsg),
) -> Suite {
    let mut app = App::default();
    let api = cosmwasm_std::testing::MockApi::default();
    let (admin, guardian, feeder, treasury) =
        (api.addr_make("admin"), api.addr_make("guardian"), api.addr_make("feeder"), api.addr_make("treasury"));
    for w in ["alice", "bob", "carol", "late", "stranger", "dex"] {
        let a = api.addr_make(w);
        app.init_modules(|r, _, s| r.bank.init_balance(s, &a, coins(usdc(1_000_000), DENOM)).unwrap());
    }
    let oc = app.store_code(Box::new(ContractWrapper::new(
        risk_oracle::contract::execute,
        risk_oracle::contract::instantiate,
        risk_oracle::contract::query,
    )));
    let vc = app.store_code(Box::new(
        ContractWrapper::new(
            pool_vault::contract::execute,
            pool_vault::contract::instantiate,
            pool_vault::contract::query,
        )
        .with_migrate(pool_vault::contract::migrate),
    ));
    let dc = app.store_code(Box::new(
        ContractWrapper::new(
            dao_governance::contract::execute,
            dao_governance::contract::instantiate,
            dao_governance::contract::query,
        )
        .with_reply(dao_governance::contract::reply)
        .with_migrate(dao_governance::contract::migrate),
    ));
    // SPEC's oracle example cut to BTC-PERP alone, no correlation or scenario; staleness widened
    // so that time jumps do not stale the price.
    let mut omsg = risk_testing::oracle_msg(admin.as_str(), feeder.as_str());
    omsg.max_staleness_secs = 315_360_000;
    omsg.markets.retain(|m| m.id == "BTC-PERP");
    omsg.correlations.clear();
    omsg.stress_scenarios.clear();
    let oracle = app.instantiate_contract(oc, admin.clone(), &omsg, &[], "oracle", None).unwrap();
    let mut vmsg = risk_testing::vault_msg(admin.as_str(), Some(guardian.as_str()), oracle.as_str(), treasury.as_str());
    edit_vault(&mut vmsg);
    let vault = app.instantiate_contract(vc, admin.clone(), &vmsg, &[], "vault", Some(admin.to_string())).unwrap();
    let mut dmsg = risk_testing::dao_msg(vault.as_str(), Some(guardian.as_str()));
    edit(&mut dmsg);
    let dao = app.instantiate_contract(dc, admin.clone(), &dmsg, &[], "dao", None).unwrap();
    app.execute_contract(
        admin.clone(),
        vault.clone(),
        &vault::ExecuteMsg::TransferOwnership { owner: dao.to_string() },
        &[],
    )
    .unwrap();
    app.execute_contract(
        admin.clone(),
        oracle.clone(),
        &oracle::ExecuteMsg::TransferOwnership { owner: dao.to_string() },
        &[],
    )
    .unwrap();
    for (who, amount) in holders {
        let a = api.addr_make(who);
        app.execute_contract(
            a,
            vault.clone(),
            &vault::ExecuteMsg::Deposit { recipient: None },
            &coins(usdc(*amount), DENOM),
        )
        .unwrap();
    }
    let mut s = Suite { app, dao, vault, oracle, guardian, admin, vault_code: vc };
    s.advance(5);
    s
}

pub fn standard() -> Suite {
    suite(&[("alice", 600), ("bob", 300), ("carol", 100)], |_| {})
}

pub fn err(e: anyhow::Error) -> E {
    e.downcast::<E>().unwrap_or_else(|e| panic!("not a DAO error: {e:?}"))
}

pub fn wasm(contract: &Addr, msg: &impl serde::Serialize) -> CosmosMsg {
    WasmMsg::Execute { contract_addr: contract.to_string(), msg: to_json_binary(msg).unwrap(), funds: vec![] }.into()
}

impl Suite {
    pub fn addr(&self, name: &str) -> Addr {
        self.app.api().addr_make(name)
    }
    pub fn now(&self) -> u64 {
        self.app.block_info().time.seconds()
    }
    pub fn advance(&mut self, secs: u64) {
        self.app.update_block(|b| {
            b.time = b.time.plus_seconds(secs);
            b.height += (secs / 5).max(1);
        });
    }
    pub fn exec(&mut self, who: &str, msg: &ExecuteMsg) -> Result<AppResponse, E> {
        let a = self.addr(who);
        self.app.execute_contract(a, self.dao.clone(), msg, &[]).map_err(err)
    }
    pub fn propose(&mut self, who: &str, msgs: Vec<CosmosMsg>) -> Result<u64, E> {
        let r = self.exec(who, &ExecuteMsg::Propose { title: "t".into(), description: "d".into(), msgs })?;
        let id = r
            .events
            .iter()
            .flat_map(|e| &e.attributes)
            .find(|a| a.key == "proposal_id")
            .unwrap()
            .value
            .parse()
            .unwrap();
        Ok(id)
    }
    pub fn vote(&mut self, who: &str, id: u64, vote: Vote) -> Result<AppResponse, E> {
        self.exec(who, &ExecuteMsg::Vote { proposal_id: id, vote })
    }
    pub fn proposal(&self, id: u64) -> ProposalResponse {
        self.app.wrap().query_wasm_smart(&self.dao, &QueryMsg::Proposal { proposal_id: id }).unwrap()
    }
    pub fn vault_cfg(&self) -> vault::ConfigResponse {
        self.app.wrap().query_wasm_smart(&self.vault, &vault::QueryMsg::Config {}).unwrap()
    }
    pub fn deposit(&mut self, who: &str, amount: u128) {
        let a = self.addr(who);
        self.app
            .execute_contract(
                a,
                self.vault.clone(),
                &vault::ExecuteMsg::Deposit { recipient: None },
                &coins(usdc(amount), DENOM),
            )
            .unwrap();
    }
    pub fn advance_to(&mut self, t: u64) {
        let now = self.now();
        assert!(t >= now, "advance_to {t} < now {now}");
        if t > now {
            self.advance(t - now);
        }
    }
    pub fn execute(&mut self, id: u64) -> Result<AppResponse, E> {
        self.exec("stranger", &ExecuteMsg::Execute { proposal_id: id })
    }
    pub fn vault_exec(&mut self, who: &str, msg: &vault::ExecuteMsg, funds: u128) -> anyhow::Result<AppResponse> {
        let a = self.addr(who);
        let funds = if funds == 0 { vec![] } else { coins(funds, DENOM) };
        self.app.execute_contract(a, self.vault.clone(), msg, &funds)
    }
    pub fn underwriter(&self, who: &str) -> vault::UnderwriterResponse {
        let q = vault::QueryMsg::Underwriter { address: self.addr(who).to_string() };
        self.app.wrap().query_wasm_smart(&self.vault, &q).unwrap()
    }
    /// Asks to withdraw all of `who`'s bonded shares; returns when the exit matures.
    pub fn request_exit(&mut self, who: &str) -> u64 {
        let shares = self.underwriter(who).bonded_shares;
        self.vault_exec(who, &vault::ExecuteMsg::RequestWithdraw { shares }, 0).unwrap();
        self.underwriter(who).unbonding.last().unwrap().matures_at
    }
    pub fn balance(&self, who: &str) -> u128 {
        self.app.wrap().query_balance(self.addr(who), DENOM).unwrap().amount.u128()
    }
    pub fn unbonding_msg(&self, secs: u64) -> CosmosMsg {
        let u = vault::ConfigUpdate { unbonding_secs: Some(secs), ..Default::default() };
        wasm(&self.vault, &vault::ExecuteMsg::UpdateConfig(u))
    }
    /// The fee drain of the audit: every premium to a stranger's treasury.
    pub fn drain_msg(&self) -> CosmosMsg {
        let u = vault::ConfigUpdate {
            treasury: Some(self.addr("stranger").to_string()),
            protocol_fee_bps: Some(10_000),
            ..Default::default()
        };
        wasm(&self.vault, &vault::ExecuteMsg::UpdateConfig(u))
    }
    /// Alice (60 %) proposes `msgs` and passes them alone, in one block.
    pub fn pass_alone(&mut self, msgs: Vec<CosmosMsg>) -> u64 {
        let id = self.propose("alice", msgs).unwrap();
        self.vote("alice", id, Vote::Yes).unwrap();
        assert_eq!(self.proposal(id).status, Status::Passed);
        id
    }
    pub fn register_msg(&self, member: &str) -> CosmosMsg {
        wasm(
            &self.vault,
            &vault::ExecuteMsg::RegisterMember(vault::MemberTerms {
                member: self.addr(member).to_string(),
                coverage_cap: Uint128::new(usdc(500_000)).into(),
                premium_rate_bps: 500,
                grace_secs: 7 * DAY,
            }),
        )
    }
}
