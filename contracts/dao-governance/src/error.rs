//! The DAO's typed errors.

use cosmwasm_std::StdError;
use risk_pool::{Power, UnitError};
use thiserror::Error;

/// Every rejection of the DAO; each names the numbers involved and changes nothing.
#[derive(Error, Debug, PartialEq)]
pub enum ContractError {
    #[error("{0}")]
    Std(#[from] StdError),

    #[error(transparent)]
    Migrate(#[from] risk_pool::migrate::MigrateError),

    /// A tally past `u128::MAX` (the operands are named).
    #[error(transparent)]
    Unit(#[from] UnitError),

    #[error("{what}: {at} + {secs} seconds is past the end of time (u64)")]
    TimeOverflow { what: &'static str, at: u64, secs: u64 },

    #[error("unauthorized: only the {role} may {action}")]
    Unauthorized { role: &'static str, action: &'static str },

    #[error("this message takes no funds")]
    FundsNotAccepted {},

    #[error("invalid config: {reason}")]
    InvalidConfig { reason: String },

    #[error("{what} of {len} bytes, at most {max}")]
    TooLong { what: &'static str, len: usize, max: u32 },

    #[error("{count} messages, at most {max}")]
    TooManyMsgs { count: usize, max: u32 },

    #[error("proposing needs {required} voting power, {proposer} has {power}")]
    InsufficientPower { proposer: String, power: Power, required: Power },

    #[error("proposal {id} not found")]
    ProposalNotFound { id: u64 },

    #[error("proposal {id} is {status}, not {expected}")]
    WrongStatus { id: u64, status: String, expected: &'static str },

    #[error("{voter} already voted on proposal {id}")]
    AlreadyVoted { id: u64, voter: String },

    #[error("{voter} has no voting power (power at start height {at_start}, bonded now {now})")]
    NoVotingPower { voter: String, at_start: Power, now: Power },

    #[error("the vault {vault} cannot be queried for its unbonding_secs ({reason}); nothing changed")]
    VaultUnavailable { vault: String, reason: String },

    #[error("proposal {id} is timelocked until {executable_at}")]
    Timelocked { id: u64, executable_at: u64 },

    #[error("proposal {id} is past its timelock (ended {executable_at}): too late to veto")]
    TimelockOver { id: u64, executable_at: u64 },

    #[error("veto refused: every message of proposal {id} only unpauses the vault or changes a guardian")]
    VetoRefused { id: u64 },

    #[error("proposal {id} is {status}: only rejected, expired or execution_failed proposals close")]
    NotClosable { id: u64, status: String },
}
