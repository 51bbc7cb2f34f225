//! pool-vault: underwriter capital and shares, member contributions, risk-gated exposure, the
//! loss waterfall and premiums (SPEC.md, pool-vault section).
//!
//! Layout: `contract` (entry points, a thin dispatcher), `instantiate`, `execute/<topic>`,
//! `query`, `state` (storage records, apart from the responses); the domain: `books` (share
//! price, vesting, loss cap), `member`, `peaks`, `asset` (funds in and out), `config`, `sync`.

#![cfg_attr(not(test), deny(clippy::as_conversions))]

pub mod asset;
pub mod books;
pub mod config;
pub mod contract;
pub mod error;
pub mod execute;
pub mod instantiate;
#[cfg(feature = "invariants")]
pub mod invariants;
pub mod member;
pub mod peaks;
pub mod query;
pub mod state;
pub mod sync;

pub use error::ContractError;
