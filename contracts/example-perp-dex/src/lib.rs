//! **Example only — not a production DEX.** A toy perpetuals venue that shows the whole pattern
//! of a pool-vault member; integrators copy it, so each file does one thing:
//! - after every position change, report the net exposure per market (`report_exposure`): an
//!   open's report as a plain message (refused → the open reverts); a close's as a submessage
//!   replying on error, so a refusal (a paused vault, a net book that grows when one side closes)
//!   never locks the trader's collateral: the DEX marks the report pending and refuses new opens
//!   until a report lands (the next close, or anyone's `sync_exposure`). `execute/report.rs`
//!   explains why;
//! - pay premiums out of trading fees (`pay_premium`, `execute/premium.rs`);
//! - when a position closes with bad debt, claim it with `claim_loss` as a `SubMsg` replying
//!   always, and handle a settled, a pending and a failed claim in `reply` from the response data
//!   (`execute/claims.rs`).
//!
//! Layout: `contract.rs` (entry points, a thin dispatcher), `instantiate.rs`, `execute/`
//! (`operator`, `trade`, `report`, `claims`, `premium`), `query.rs`, `state.rs` (stored structs,
//! apart from the messages), `pnl.rs` (a position's result at a price), `error.rs` (typed errors
//! naming the numbers), `msg.rs`.
//!
//! Its messages live here rather than in `risk-pool`: they are not part of the suite's interface.
#![cfg_attr(not(test), deny(clippy::as_conversions))]

pub mod contract;
pub mod error;
pub mod execute;
pub mod instantiate;
pub mod msg;
pub mod pnl;
pub mod query;
pub mod state;

pub use error::ContractError;
