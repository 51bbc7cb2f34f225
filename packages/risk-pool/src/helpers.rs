//! Typed wrappers over contract addresses, in the manner of cw20's `Cw20Contract`: a caller
//! holds `RiskOracleContract(addr)` and gets typed queries instead of hand-built JSON.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{to_json_binary, Addr, CosmosMsg, QuerierWrapper, StdResult, WasmMsg};

use crate::oracle::{self, AssessResponse, Exposure};
use crate::vault;

/// The risk oracle at an address.
#[cw_serde]
pub struct RiskOracleContract(pub Addr);

impl RiskOracleContract {
    pub fn addr(&self) -> Addr {
        self.0.clone()
    }

    /// One `assess` smart query: every figure the vault needs for these exposures.
    pub fn assess(&self, querier: &QuerierWrapper, exposures: Vec<Exposure>) -> StdResult<AssessResponse> {
        querier.query_wasm_smart(&self.0, &oracle::QueryMsg::Assess { exposures })
    }

    pub fn config(&self, querier: &QuerierWrapper) -> StdResult<oracle::ConfigResponse> {
        querier.query_wasm_smart(&self.0, &oracle::QueryMsg::Config {})
    }

    /// A no-funds execute of `msg` on the oracle (for governance proposals).
    pub fn call(&self, msg: &oracle::ExecuteMsg) -> StdResult<CosmosMsg> {
        Ok(WasmMsg::Execute { contract_addr: self.0.to_string(), msg: to_json_binary(msg)?, funds: vec![] }.into())
    }
}

/// The pool vault at an address.
#[cw_serde]
pub struct VaultContract(pub Addr);

impl VaultContract {
    pub fn addr(&self) -> Addr {
        self.0.clone()
    }

    pub fn config(&self, querier: &QuerierWrapper) -> StdResult<vault::ConfigResponse> {
        querier.query_wasm_smart(&self.0, &vault::QueryMsg::Config {})
    }
}
