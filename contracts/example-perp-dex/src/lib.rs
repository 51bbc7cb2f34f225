//! **Example only — not a production DEX.** A toy perpetuals venue that shows, in one small file
//! (`contract.rs`), the whole pattern of a pool-vault member:
//! - after every position change, report the net exposure per market (`report_exposure`): an
//!   open's report as a plain message (refused → the open reverts); a close's as a submessage
//!   replying on error, so a refusal (a paused vault, a net book that grows when one side closes)
//!   never locks the trader's collateral: the DEX marks the report pending and refuses new opens
//!   until a report lands (the next close, or anyone's `sync_exposure`);
//! - pay premiums out of trading fees (`pay_premium`);
//! - when a position closes with bad debt, claim it with `claim_loss` as a `SubMsg` replying
//!   always, and handle a settled, a pending and a failed claim in `reply` from the response data.
//!
//! Its messages live here rather than in `risk-pool`: they are not part of the suite's interface.

pub mod contract;
pub mod msg;
