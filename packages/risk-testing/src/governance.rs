//! The DAO's steps on a [`SuiteBuilder::with_dao`] suite: propose, vote, pass, execute, and the
//! vault messages proposals carry.

use cosmwasm_std::{to_json_binary, CosmosMsg, WasmMsg};
use cw_multi_test::AppResponse;
use dao_governance::ContractError as DaoError;
use risk_pool::dao::{ExecuteMsg, ProposalResponse, QueryMsg, Status, Vote};
use risk_pool::vault;

use crate::suite::{attr, usdc, Actor, Suite, SuiteBuilder, DAY};

/// The wait of a passed proposal with the suite's defaults: max(timelock 1 d, vault unbonding 7 d
/// + exit window 1 d) = 8 d (revision 2; it was 7 d).
pub const WAIT: u64 = 8 * DAY;

/// The DAO tests' electorate: alice 600, bob 300, carol 100 USDC (alice alone is a majority).
pub const ELECTORATE: [(&str, u128); 3] = [("alice", usdc(600)), ("bob", usdc(300)), ("carol", usdc(100))];

/// The DAO tests' suite: `with_dao()` over an oracle that knows BTC-PERP alone, without stress
/// scenarios; `holders` deposit at build time.
pub fn dao_suite(holders: &[(&'static str, u128)]) -> SuiteBuilder {
    Suite::new().with_dao().btc_only().without_stress_scenarios().underwriters(holders)
}

/// [`dao_suite`] over the [`ELECTORATE`].
pub fn standard_dao() -> Suite {
    dao_suite(&ELECTORATE).build()
}

/// The DAO's typed error out of a multi-test failure.
pub fn dao_err(e: anyhow::Error) -> DaoError {
    e.downcast::<DaoError>().unwrap_or_else(|e| panic!("not a DAO error: {e:?}"))
}

/// A wasm execute of `msg` on `contract`, no funds (a proposal's message).
pub fn wasm(contract: &cosmwasm_std::Addr, msg: &impl serde::Serialize) -> CosmosMsg {
    WasmMsg::Execute { contract_addr: contract.to_string(), msg: to_json_binary(msg).unwrap(), funds: vec![] }.into()
}

impl Suite {
    /// `who` proposes `msgs`; returns the proposal id.
    pub fn propose(&mut self, who: &(impl Actor + ?Sized), msgs: Vec<CosmosMsg>) -> Result<u64, DaoError> {
        let r = self.exec(who, &ExecuteMsg::Propose { title: "t".into(), description: "d".into(), msgs })?;
        Ok(attr(&r, "proposal_id").parse().unwrap())
    }

    /// `who` votes on proposal `id`.
    pub fn vote(&mut self, who: &(impl Actor + ?Sized), id: u64, vote: Vote) -> Result<AppResponse, DaoError> {
        self.exec(who, &ExecuteMsg::Vote { proposal_id: id, vote })
    }

    /// Proposal `id`.
    pub fn proposal(&self, id: u64) -> ProposalResponse {
        self.app.wrap().query_wasm_smart(&self.dao, &QueryMsg::Proposal { proposal_id: id }).unwrap()
    }

    /// A stranger executes proposal `id`.
    pub fn execute(&mut self, id: u64) -> Result<AppResponse, DaoError> {
        self.exec("stranger", &ExecuteMsg::Execute { proposal_id: id })
    }

    /// Alice (60 % of the [`ELECTORATE`]) proposes `msgs` and passes them alone, in one block.
    pub fn pass_alone(&mut self, msgs: Vec<CosmosMsg>) -> u64 {
        let id = self.propose("alice", msgs).unwrap();
        self.vote("alice", id, Vote::Yes).unwrap();
        assert_eq!(self.proposal(id).status, Status::Passed);
        id
    }

    /// Asks to withdraw all of `who`'s bonded shares; returns when the exit matures.
    pub fn request_exit(&mut self, who: &(impl Actor + ?Sized)) -> u64 {
        let who = self.who(who);
        let shares = self.underwriter(&who).bonded_shares;
        self.exec(&who, &vault::ExecuteMsg::RequestWithdraw { shares }).unwrap();
        self.underwriter(&who).unbonding.last().unwrap().matures_at
    }

    /// The vault's `update_config` to `secs` of unbonding.
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

    /// The vault's registration of the wallet `member` (cover 500k USDC, 5 %, grace 7 d).
    pub fn register_msg(&self, member: &str) -> CosmosMsg {
        wasm(
            &self.vault,
            &vault::ExecuteMsg::RegisterMember(vault::MemberTerms {
                member: self.addr(member).to_string(),
                coverage_cap: usdc(500_000).into(),
                premium_rate_bps: 500,
                grace_secs: 7 * DAY,
            }),
        )
    }
}
