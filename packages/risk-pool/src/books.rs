//! The vault's books and the one conservation identity every checker uses:
//!
//! token balance = total_assets + unvested + member_contributions + escrow + surplus
//!
//! [`Books`] are the four parts the vault's token balance must cover; whatever the balance holds
//! above them is the surplus (a donation, which `sweep_surplus` sends to the treasury). The vault
//! computes its surplus and sweeps with [`Books::surplus`]; its `invariants` feature, the test
//! suites and the fuzz harness check a balance against the books with [`Books::check`] and a
//! `state` answer with [`StateResponse::check_books`].

use thiserror::Error;

use crate::units::{Amount, UnitError};
use crate::vault::StateResponse;

/// What the vault's token balance must cover, part by part.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Books {
    /// Underwriter capital (vested rewards included).
    pub total_assets: Amount,
    /// Income not yet vested into the share price.
    pub unvested: Amount,
    /// Σ member contributions.
    pub member_contributions: Amount,
    /// Member parts of pending claims, and refused payouts kept `uncollected`.
    pub escrow: Amount,
}

/// The balance and the books disagree; every figure is named.
#[derive(Error, Debug, Clone, PartialEq, Eq)]
pub enum BooksError {
    /// The parts of the books overflow an amount.
    #[error("the books overflow: {0}")]
    Unit(#[from] UnitError),
    /// The balance does not cover the books: the vault promised tokens it does not hold.
    #[error(
        "the books are not covered: token balance {balance} < books {books} (total_assets {total_assets} \
         + unvested {unvested} + member_contributions {member_contributions} + escrow {escrow})"
    )]
    Uncovered {
        /// The vault's token balance.
        balance: Amount,
        /// The books' total.
        books: Amount,
        /// Underwriter capital.
        total_assets: Amount,
        /// Unvested income.
        unvested: Amount,
        /// Member contributions.
        member_contributions: Amount,
        /// Escrow.
        escrow: Amount,
    },
    /// The balance is not the books plus the reported surplus.
    #[error("the books do not balance: token balance {balance} != books {books} + surplus {surplus}")]
    Unbalanced {
        /// The vault's token balance.
        balance: Amount,
        /// The books' total.
        books: Amount,
        /// The surplus the vault reported.
        surplus: Amount,
    },
}

impl Books {
    /// total_assets + unvested + member_contributions + escrow.
    pub fn total(&self) -> Result<Amount, UnitError> {
        Amount::checked_sum([self.total_assets, self.unvested, self.member_contributions, self.escrow])
    }

    /// What `balance` holds above the books (zero when it holds less).
    pub fn surplus(&self, balance: Amount) -> Result<Amount, UnitError> {
        Ok(balance.saturating_sub(self.total()?))
    }

    /// `balance` covers the books; returns the surplus above them.
    pub fn check(&self, balance: Amount) -> Result<Amount, BooksError> {
        let books = self.total()?;
        balance.checked_sub(books).map_err(|_| BooksError::Uncovered {
            balance,
            books,
            total_assets: self.total_assets,
            unvested: self.unvested,
            member_contributions: self.member_contributions,
            escrow: self.escrow,
        })
    }
}

impl StateResponse {
    /// The books of this `state` answer.
    pub fn books(&self) -> Books {
        Books {
            total_assets: self.total_assets,
            unvested: self.unvested,
            member_contributions: self.member_contributions,
            escrow: self.escrow,
        }
    }

    /// Conservation to the unit: `balance` = the books + the reported surplus.
    pub fn check_books(&self, balance: Amount) -> Result<(), BooksError> {
        let surplus = self.books().check(balance)?;
        if surplus != self.surplus {
            return Err(BooksError::Unbalanced { balance, books: self.books().total()?, surplus: self.surplus });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn books() -> Books {
        Books {
            total_assets: Amount::new(1_000),
            unvested: Amount::new(20),
            member_contributions: Amount::new(300),
            escrow: Amount::new(4),
        }
    }

    #[test]
    fn the_total_and_the_surplus() {
        assert_eq!(books().total(), Ok(Amount::new(1_324)));
        assert_eq!(books().surplus(Amount::new(1_330)), Ok(Amount::new(6)));
        assert_eq!(books().surplus(Amount::new(1_000)), Ok(Amount::ZERO));
        assert_eq!(books().check(Amount::new(1_324)), Ok(Amount::ZERO));
        assert_eq!(books().check(Amount::new(1_330)), Ok(Amount::new(6)));
    }

    #[test]
    fn an_uncovered_balance_names_every_part() {
        let e = books().check(Amount::new(1_323)).unwrap_err();
        assert_eq!(
            e,
            BooksError::Uncovered {
                balance: Amount::new(1_323),
                books: Amount::new(1_324),
                total_assets: Amount::new(1_000),
                unvested: Amount::new(20),
                member_contributions: Amount::new(300),
                escrow: Amount::new(4),
            }
        );
        assert_eq!(
            e.to_string(),
            "the books are not covered: token balance 1323 < books 1324 (total_assets 1000 + unvested 20 \
             + member_contributions 300 + escrow 4)"
        );
    }

    #[test]
    fn an_overflow_is_a_typed_error() {
        let b = Books { total_assets: Amount::new(u128::MAX), escrow: Amount::new(1), ..Books::default() };
        assert!(matches!(b.total(), Err(UnitError::Overflow { .. })));
        assert!(matches!(b.check(Amount::new(u128::MAX)), Err(BooksError::Unit(UnitError::Overflow { .. }))));
    }

    #[test]
    fn a_state_answer_balances_only_with_its_surplus() {
        let state: StateResponse = cosmwasm_std::from_json(
            r#"{"total_assets":"1000","total_shares":"0","unbonding_shares":"0","share_price":"1",
                "net_share_price":"1","net_assets":"1000","unvested":"20","member_contributions":"300",
                "escrow":"4","surplus":"6","pending_exposure":"0","shortfall":"0","pool_requirement":"0",
                "capacity":"0","paused":false,"paused_until":null}"#,
        )
        .unwrap();
        assert_eq!(state.books(), books());
        assert_eq!(state.check_books(Amount::new(1_330)), Ok(()));
        assert_eq!(
            state.check_books(Amount::new(1_331)),
            Err(BooksError::Unbalanced {
                balance: Amount::new(1_331),
                books: Amount::new(1_324),
                surplus: Amount::new(6)
            })
        );
        assert!(matches!(state.check_books(Amount::new(1_000)), Err(BooksError::Uncovered { .. })));
    }
}
