//! dao-governance: stake-weighted proposals (power = the vault's bonded shares at the proposal's
//! start height) that own and steer the vault and the oracle (SPEC.md, dao-governance section).
//!
//! Layout: `contract.rs` (entry points, a thin dispatcher), `instantiate.rs`,
//! `execute/<topic>.rs` (propose, vote, batch = execute/execute_batch/reply, veto, close,
//! config), `query.rs`, `state.rs` (stored structs, apart from the responses), and the domain
//! modules `config.rs` (validation), `tally.rs` (the passing rule and the wait), `exits.rs` (the
//! vault's exit delay) and `classify.rs` (what a proposal's messages do).
#![cfg_attr(not(test), deny(clippy::as_conversions))]

pub mod classify;
pub mod config;
pub mod contract;
pub mod error;
pub mod execute;
pub mod exits;
pub mod instantiate;
pub mod query;
pub mod state;
pub mod tally;

pub use error::ContractError;
