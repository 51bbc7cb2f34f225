//! A member contract's log of its `claim_loss` calls (the example DEXs use it): one record per
//! claim with what the vault answered, kept in one `Item<Vec<ClaimRecord>>` capped at a fixed
//! length, and the reply handling that fills a record in. The claim is sent with
//! [`crate::VaultContract::claim_loss_submsg`] (reply id = the member's position id), so a
//! settled, a pending and a refused claim all arrive in the member's `reply`.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Reply, StdError, Storage};
use cw_storage_plus::Item;
use thiserror::Error;

use crate::units::{Amount, UnitError};
use crate::vault::{ClaimLossResponse, ClaimStatus};
use crate::VaultContract;

/// One claim and what the vault answered (the stored layout and the member's query response).
#[cw_serde]
pub struct ClaimRecord {
    /// The member's position whose loss was claimed (the reply id).
    pub position_id: u64,
    /// The claim's recipient when it is not the member itself (an options DEX's holder).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder: Option<Addr>,
    /// The loss claimed: the debt beyond the position's collateral.
    pub bad_debt: Amount,
    /// The vault's claim id (`None` when the vault refused the claim).
    pub claim_id: Option<u64>,
    /// The claim's status as the reply reported it.
    pub status: Option<ClaimStatus>,
    /// Paid out of the member's own contribution.
    pub paid_by_member: Amount,
    /// Paid by the pool.
    pub paid_by_pool: Amount,
    /// Denied (beyond the claim cap or coverage).
    pub denied: Amount,
    /// Owed by the pool, unpaid yet.
    pub shortfall: Amount,
    /// The vault's error when it refused the claim.
    pub error: Option<String>,
}

impl ClaimRecord {
    /// A claim of `bad_debt` for `position_id` not yet answered.
    pub fn new(position_id: u64, bad_debt: Amount, holder: Option<Addr>) -> ClaimRecord {
        ClaimRecord {
            position_id,
            holder,
            bad_debt,
            claim_id: None,
            status: None,
            paid_by_member: Amount::ZERO,
            paid_by_pool: Amount::ZERO,
            denied: Amount::ZERO,
            shortfall: Amount::ZERO,
            error: None,
        }
    }

    /// Copies the vault's answer in; returns what the vault paid now (member escrow + pool
    /// part, to the claim's recipient).
    fn answer(&mut self, data: ClaimLossResponse) -> Result<Amount, UnitError> {
        let ClaimLossResponse { claim_id, status, paid_by_member, paid_by_pool, denied, shortfall } = data;
        self.claim_id = Some(claim_id);
        self.status = Some(status);
        self.paid_by_member = paid_by_member;
        self.paid_by_pool = paid_by_pool;
        self.denied = denied;
        self.shortfall = shortfall;
        paid_by_member.checked_add(paid_by_pool)
    }
}

/// The vault refused a member's latest exposure report (its stored book is not the member's):
/// the stored mark and the member's query response. New risk waits until a report lands.
#[cw_serde]
pub struct PendingReport {
    /// Block time of the latest refusal (each refused report restamps it).
    pub since: u64,
    /// The vault's error.
    pub reason: String,
}

/// What a reply did to its record.
#[derive(Clone, Debug, PartialEq)]
pub enum ClaimReplied {
    /// The vault took the claim: its status and what it paid now ("0" while pending).
    Answered {
        /// The claim's status.
        status: ClaimStatus,
        /// Member escrow + pool part paid in this transaction.
        paid: Amount,
    },
    /// The vault refused it (its error is in the record).
    Refused,
}

impl ClaimReplied {
    /// The outcome's name for an attribute: the status, or "failed".
    pub fn name(&self) -> String {
        match self {
            ClaimReplied::Answered { status, .. } => status.to_string(),
            ClaimReplied::Refused => "failed".to_string(),
        }
    }
}

/// Why a reply could not be recorded.
#[derive(Error, Debug, PartialEq)]
pub enum ClaimLogError {
    /// Storage or the reply's data.
    #[error("{0}")]
    Std(#[from] StdError),
    /// What the vault paid overflows.
    #[error("{0}")]
    Unit(#[from] UnitError),
    /// No record of a claim for this position.
    #[error("claim reply for position {position_id}, which has no claim record")]
    UnknownClaimReply {
        /// The reply id.
        position_id: u64,
    },
}

/// The log: the latest `max` claim records, oldest first, in one item.
pub struct ClaimLog {
    item: Item<Vec<ClaimRecord>>,
    max: usize,
}

impl ClaimLog {
    /// The log stored under `key`, keeping the latest `max` records.
    pub const fn new(key: &'static str, max: usize) -> ClaimLog {
        ClaimLog { item: Item::new(key), max }
    }

    /// An empty log (at instantiate).
    pub fn init(&self, storage: &mut dyn Storage) -> Result<(), StdError> {
        self.item.save(storage, &vec![])
    }

    /// Every record kept, oldest first.
    pub fn load(&self, storage: &dyn Storage) -> Result<Vec<ClaimRecord>, StdError> {
        self.item.load(storage)
    }

    /// Appends `rec`, dropping the oldest past `max`.
    pub fn push(&self, storage: &mut dyn Storage, rec: ClaimRecord) -> Result<(), StdError> {
        let mut claims = self.item.load(storage)?;
        claims.push(rec);
        if claims.len() > self.max {
            claims.remove(0);
        }
        self.item.save(storage, &claims)
    }

    /// A `claim_loss` reply (id = the position id) into the newest record of that position:
    /// the vault's figures, or its error (the member's own state change stands either way).
    pub fn record_reply(&self, storage: &mut dyn Storage, msg: Reply) -> Result<ClaimReplied, ClaimLogError> {
        let position_id = msg.id;
        let mut claims = self.item.load(storage)?;
        let rec = claims
            .iter_mut()
            .rev()
            .find(|c| c.position_id == position_id)
            .ok_or(ClaimLogError::UnknownClaimReply { position_id })?;
        let outcome = match VaultContract::parse_claim_reply(msg)? {
            Ok(data) => {
                let status = data.status.clone();
                let paid = rec.answer(data)?;
                ClaimReplied::Answered { status, paid }
            }
            Err(reason) => {
                rec.error = Some(reason);
                ClaimReplied::Refused
            }
        };
        self.item.save(storage, &claims)?;
        Ok(outcome)
    }
}

#[cfg(test)]
mod tests {
    use cosmwasm_std::testing::MockStorage;
    use cosmwasm_std::{Binary, SubMsgResponse, SubMsgResult};

    use super::*;

    const LOG: ClaimLog = ClaimLog::new("claims", 2);

    fn reply(id: u64, result: SubMsgResult) -> Reply {
        Reply { id, payload: Binary::default(), gas_used: 0, result }
    }

    #[allow(deprecated)]
    fn answered(data: &ClaimLossResponse) -> SubMsgResult {
        SubMsgResult::Ok(SubMsgResponse {
            events: vec![],
            data: Some(cosmwasm_std::to_json_binary(data).unwrap()),
            msg_responses: vec![],
        })
    }

    #[test]
    fn the_log_keeps_the_latest_records_and_fills_in_replies() {
        let mut st = MockStorage::new();
        LOG.init(&mut st).unwrap();
        for id in 1..=3 {
            LOG.push(&mut st, ClaimRecord::new(id, Amount::new(100 * u128::from(id)), None)).unwrap();
        }
        let ids: Vec<u64> = LOG.load(&st).unwrap().iter().map(|c| c.position_id).collect();
        assert_eq!(ids, vec![2, 3], "the oldest is dropped past the cap");
        // A settled answer: the figures copied, what was paid returned.
        let data = ClaimLossResponse {
            claim_id: 9,
            status: ClaimStatus::Settled,
            paid_by_member: Amount::new(120),
            paid_by_pool: Amount::new(150),
            denied: Amount::new(30),
            shortfall: Amount::ZERO,
        };
        let out = LOG.record_reply(&mut st, reply(3, answered(&data))).unwrap();
        assert_eq!(out, ClaimReplied::Answered { status: ClaimStatus::Settled, paid: Amount::new(270) });
        assert_eq!(out.name(), "settled");
        let rec = &LOG.load(&st).unwrap()[1];
        assert_eq!((rec.claim_id, rec.paid_by_pool, rec.denied), (Some(9), Amount::new(150), Amount::new(30)));
        // A refusal: the vault's error kept, nothing paid.
        let out = LOG.record_reply(&mut st, reply(2, SubMsgResult::Err("paused".into()))).unwrap();
        assert_eq!((out.name(), LOG.load(&st).unwrap()[0].error.clone()), ("failed".into(), Some("paused".into())));
        // A reply for a position without a record (dropped, or never claimed): typed, unchanged.
        let before = LOG.load(&st).unwrap();
        let err = LOG.record_reply(&mut st, reply(1, SubMsgResult::Err("x".into()))).unwrap_err();
        assert_eq!(err, ClaimLogError::UnknownClaimReply { position_id: 1 });
        assert_eq!(LOG.load(&st).unwrap(), before);
    }
}
