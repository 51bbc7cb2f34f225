//! Storage: the stored structs, apart from the messages (`query.rs` answers from these). The
//! JSON layouts are pinned by `layout_tests` below.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Decimal, Order, StdResult, Storage};
use cw_storage_plus::{Item, Map};
use risk_pool::claims::{ClaimLog, PendingReport};
use risk_pool::vault::AssetInfo;
use risk_pool::{Amount, SignedNotional, VaultContract};

use crate::msg;

/// The configuration (set once at instantiate).
#[cw_serde]
pub struct Config {
    /// The pool vault this DEX is a member of.
    pub vault: VaultContract,
    /// The settlement asset (always native in this example).
    pub asset: AssetInfo,
    /// Sets prices, funds the contribution.
    pub operator: Addr,
    /// Trading fee, basis points of |notional|.
    pub fee_bps: u32,
}

/// A position, open or closed.
#[cw_serde]
pub struct Position {
    /// Its id (from 1).
    pub id: u64,
    /// Who opened it (and alone may close it).
    pub trader: Addr,
    /// The market.
    pub market: String,
    /// Signed notional, settlement units (long > 0).
    pub notional: SignedNotional,
    /// The market price at open.
    pub entry_price: Decimal,
    /// Collateral net of the fee.
    pub collateral: Amount,
    /// False once closed.
    pub open: bool,
}

/// The configuration.
pub const CONFIG: Item<Config> = Item::new("config");
/// Mark price per market.
pub const PRICES: Map<&str, Decimal> = Map::new("prices");
/// Positions by id.
pub const POSITIONS: Map<u64, Position> = Map::new("positions");
/// The last position id used.
pub const NEXT_ID: Item<u64> = Item::new("next_id");
/// Fees collected and not yet paid as premium.
pub const FEES: Item<Amount> = Item::new("fees");
/// Bad debt claimed, and what came back.
pub const BAD_DEBT: Item<(Amount, Amount)> = Item::new("bad_debt");
/// The latest 32 claim records, oldest first (an example keeps the last 32).
pub const CLAIMS: ClaimLog = ClaimLog::new("claims", 32);
/// Present while the vault has refused our latest report (its stored book is not ours).
pub const REPORT_PENDING: Item<PendingReport> = Item::new("report_pending");
/// Reply id of a close's exposure report. Claim replies use the position id, which starts at 1.
pub const REPORT_REPLY: u64 = 0;

/// The open positions, in id order.
pub fn open_positions(storage: &dyn Storage) -> impl Iterator<Item = StdResult<Position>> + '_ {
    POSITIONS
        .range(storage, None, None, Order::Ascending)
        .filter_map(|r| r.map(|(_, p)| p).map(|p| p.open.then_some(p)).transpose())
}

impl From<Position> for msg::Position {
    fn from(p: Position) -> msg::Position {
        let Position { id, trader, market, notional, entry_price, collateral, open } = p;
        msg::Position { id, trader, market, notional, entry_price, collateral, open }
    }
}

/// Each stored struct, fully populated, serializes to exactly its golden JSON (the layout the
/// DEX has always written) and reads back from it.
#[cfg(test)]
mod layout_tests {
    use cosmwasm_std::{Int128, Uint128};
    use risk_pool::claims::ClaimRecord;
    use risk_pool::vault::ClaimStatus;

    use super::*;

    use risk_testing::layout::check;

    #[test]
    fn stored_layouts_are_pinned() {
        let a = |s: &str| Addr::unchecked(s);
        check(
            &Config {
                vault: VaultContract(a("vault")),
                asset: AssetInfo::Native("uusdc".into()),
                operator: a("operator"),
                fee_bps: 1,
            },
            r#"{"vault":"vault","asset":{"native":"uusdc"},"operator":"operator","fee_bps":1}"#,
        );
        check(
            &Position {
                id: 1,
                trader: a("trader"),
                market: "BTC-PERP".into(),
                notional: SignedNotional::from(Int128::new(-2)),
                entry_price: Decimal::percent(150),
                collateral: Amount::from(Uint128::new(3)),
                open: true,
            },
            r#"{"id":1,"trader":"trader","market":"BTC-PERP","notional":"-2","entry_price":"1.5","collateral":"3","open":true}"#,
        );
        check(
            &ClaimRecord {
                position_id: 1,
                holder: None,
                bad_debt: Amount::new(2),
                claim_id: Some(3),
                status: Some(ClaimStatus::Settled),
                paid_by_member: Amount::new(4),
                paid_by_pool: Amount::new(5),
                denied: Amount::new(6),
                shortfall: Amount::new(7),
                error: Some("error".into()),
            },
            r#"{"position_id":1,"bad_debt":"2","claim_id":3,"status":"settled","paid_by_member":"4","paid_by_pool":"5","denied":"6","shortfall":"7","error":"error"}"#,
        );
        check(&PendingReport { since: 1, reason: "paused".into() }, r#"{"since":1,"reason":"paused"}"#);
        check(&(Amount::new(1), Amount::new(2)), r#"["1","2"]"#);
    }
}
