//! Every message of the suite, in one crate (JSON shapes are SPEC.md's), plus typed helpers for
//! contracts that call the suite.

#![warn(missing_docs)]
#![cfg_attr(not(test), deny(clippy::as_conversions))]

pub mod books;
pub mod claims;
pub mod dao;
pub mod helpers;
pub mod migrate;
pub mod oracle;
pub mod reply;
pub mod units;
pub mod vault;

pub use books::{Books, BooksError};
pub use helpers::{RiskOracleContract, VaultContract};
pub use units::{Amount, Power, Shares, SignedNotional, UnitError};

#[cfg(test)]
mod status_names {
    use cosmwasm_std::to_json_string;

    use crate::dao::{Status, Vote};
    use crate::vault::ClaimStatus;

    /// `Display` / `as_str` of a status is its JSON name, for every variant.
    fn same_as_json<T: serde::Serialize + std::fmt::Display>(all: &[T]) {
        for s in all {
            assert_eq!(to_json_string(s).unwrap(), format!("\"{s}\""));
        }
    }

    #[test]
    fn status_display_is_the_json_name() {
        use ClaimStatus as C;
        same_as_json(&[C::Pending, C::Settled, C::Rejected, C::Expired]);
        use Status as S;
        same_as_json(&[
            S::Open,
            S::Passed,
            S::Rejected,
            S::Executed,
            S::ExecutionFailed,
            S::Closed,
            S::Vetoed,
            S::Expired,
        ]);
        assert_eq!(S::ExecutionFailed.as_str(), "execution_failed");
    }

    /// `Vote::as_str` (the ballot's `vote` attribute) is its JSON name, for every variant.
    #[test]
    fn vote_as_str_is_the_json_name() {
        for v in [Vote::Yes, Vote::No, Vote::Abstain] {
            assert_eq!(to_json_string(&v).unwrap(), format!("\"{}\"", v.as_str()));
        }
    }
}
