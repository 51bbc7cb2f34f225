//! **Example only — not a production DEX.** A toy options venue that shows how a DEX writing
//! European calls and puts joins the pool vault as a member; integrators copy it, so each file
//! does one thing:
//! - the operator lists option series (market, call/put, strike, expiry) with a premium quote
//!   and marks market prices (`execute/operator.rs`); the DEX has no pricing model of its own:
//!   it sells at the price it is told, and the vault's oracle prices the risk (Black-76, the
//!   option grid);
//! - a trader buys an option the DEX writes, paying the quoted premium; after every trade the
//!   DEX reports its net book to the vault, **one option leg per series** (market, kind,
//!   strike, expiry) with the sizes of its open positions netted (`execute/report.rs`): a buy's
//!   report is a plain message (refused → the buy reverts), a settlement's a submessage
//!   replying on error with a pending mark (a settlement never waits on the vault);
//! - at expiry anyone settles a position at the operator's price (marked at or after expiry):
//!   the DEX pays the intrinsic value from its float, and when the float cannot cover it, it
//!   claims the rest — bad debt — with `claim_loss` as a `SubMsg` replying always, paid by the
//!   vault straight to the holder (`execute/settle.rs`, `execute/claims.rs`);
//! - a share of every premium (`fee_bps`) is set aside and paid to the vault as the DEX's
//!   member premium (`execute/premium.rs`); the operator funds the DEX's first-loss
//!   contribution (`fund_contribution`, the vault's `member_deposit`).
//!
//! Not supported (on purpose, to keep the example one pattern): traders writing options to the
//! DEX (it only writes), closing before expiry, early exercise.
//!
//! Layout: `contract.rs` (entry points, a thin dispatcher), `instantiate.rs`, `execute/`
//! (`operator`, `trade`, `settle`, `report`, `claims`, `premium`), `query.rs`, `state.rs`
//! (stored structs, apart from the messages), `payoff.rs` (premiums and intrinsic values, with
//! their rounding), `error.rs` (typed errors naming the numbers), `msg.rs`.
//!
//! Its messages live here rather than in `risk-pool`: they are not part of the suite's interface.
#![cfg_attr(not(test), deny(clippy::as_conversions))]

pub mod contract;
pub mod error;
pub mod execute;
pub mod instantiate;
pub mod msg;
pub mod payoff;
pub mod query;
pub mod state;

pub use error::ContractError;
