use cosmwasm_std::StdError;
use thiserror::Error;

#[derive(Error, Debug, PartialEq)]
pub enum ContractError {
    #[error("{0}")]
    Std(#[from] StdError),

    #[error("unauthorized: only the {role} may {action}")]
    Unauthorized { role: &'static str, action: &'static str },

    #[error("this message takes no funds")]
    FundsNotAccepted {},

    #[error("invalid config: {reason}")]
    InvalidConfig { reason: String },

    #[error("cannot migrate from {from_contract} {from_version} to {to_version}")]
    Migration { from_contract: String, from_version: String, to_version: String },
}

impl From<risk_pool::migrate::MigrateErrorOrStd> for ContractError {
    fn from(e: risk_pool::migrate::MigrateErrorOrStd) -> Self {
        match e {
            risk_pool::migrate::MigrateErrorOrStd::Std(e) => ContractError::Std(e),
            risk_pool::migrate::MigrateErrorOrStd::Refused(e) => ContractError::Migration {
                from_contract: e.from_contract,
                from_version: e.from_version,
                to_version: e.to_version,
            },
        }
    }
}
