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

    #[error(transparent)]
    Migrate(#[from] risk_pool::migrate::MigrateError),
}
