//! The multi-test wrappers of every contract of the suite, one each: every entry point the
//! contract has (execute, instantiate, query, and reply / migrate where it has them).

use cosmwasm_std::Empty;
use cw_multi_test::{Contract, ContractWrapper};

use crate::mocks::{oracle_proxy, refusing_token};

/// risk-oracle.
pub fn oracle() -> Box<dyn Contract<Empty>> {
    use risk_oracle::contract::{execute, instantiate, migrate, query};
    Box::new(ContractWrapper::new(execute, instantiate, query).with_migrate(migrate))
}

/// pool-vault (with its `invariants` checked after every execute and reply).
pub fn vault() -> Box<dyn Contract<Empty>> {
    use pool_vault::contract::{execute, instantiate, migrate, query, reply};
    Box::new(ContractWrapper::new(execute, instantiate, query).with_migrate(migrate).with_reply(reply))
}

/// dao-governance.
pub fn dao() -> Box<dyn Contract<Empty>> {
    use dao_governance::contract::{execute, instantiate, migrate, query, reply};
    Box::new(ContractWrapper::new(execute, instantiate, query).with_reply(reply).with_migrate(migrate))
}

/// example-perp-dex.
pub fn dex() -> Box<dyn Contract<Empty>> {
    use example_perp_dex::contract::{execute, instantiate, query, reply};
    Box::new(ContractWrapper::new(execute, instantiate, query).with_reply(reply))
}

/// example-options-dex.
pub fn options_dex() -> Box<dyn Contract<Empty>> {
    use example_options_dex::contract::{execute, instantiate, query, reply};
    Box::new(ContractWrapper::new(execute, instantiate, query).with_reply(reply))
}

/// cw20-base, the cw20 settlement asset.
pub fn cw20() -> Box<dyn Contract<Empty>> {
    use cw20_base::contract::{execute, instantiate, query};
    Box::new(ContractWrapper::new(execute, instantiate, query))
}

/// cw20-base that refuses transfers to [`crate::suite::REFUSER`] while told to
/// ([`refusing_token`]).
pub fn refusing_cw20() -> Box<dyn Contract<Empty>> {
    use cw20_base::contract::{instantiate, query};
    Box::new(ContractWrapper::new(refusing_token::execute, instantiate, query))
}

/// An oracle in front of the real one, adding listing answers ([`oracle_proxy`]).
pub fn oracle_proxy() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(oracle_proxy::execute, oracle_proxy::instantiate, oracle_proxy::query))
}
