//! Storage: the stored structs, apart from the messages (`query.rs` answers from these). The
//! JSON layouts are pinned by `layout_tests` below.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Decimal, Order, StdResult, Storage};
use cw_storage_plus::{Item, Map};
use risk_pool::claims::{ClaimLog, PendingReport};
use risk_pool::oracle::OptionKind;
use risk_pool::vault::AssetInfo;
use risk_pool::{Amount, VaultContract};

use crate::msg;

/// The configuration (set once at instantiate).
#[cw_serde]
pub struct Config {
    /// The pool vault this DEX is a member of.
    pub vault: VaultContract,
    /// The settlement asset (always native in this example).
    pub asset: AssetInfo,
    /// Lists series, quotes, marks prices, funds the contribution.
    pub operator: Addr,
    /// Share of each premium set aside for the vault's member premium, basis points.
    pub fee_bps: u32,
}

/// A market's price as the operator marked it.
#[cw_serde]
pub struct Mark {
    /// The price, > 0.
    pub price: Decimal,
    /// Block time of the mark.
    pub at: u64,
}

/// An option series the DEX writes.
#[cw_serde]
pub struct Series {
    /// The market.
    pub market: String,
    /// Call or put.
    pub kind: OptionKind,
    /// Strike, price units.
    pub strike: Decimal,
    /// Expiry, unix seconds.
    pub expiry: u64,
    /// Premium per unit of the underlying, price units (0: not selling).
    pub premium: Decimal,
    /// Σ size of its unsettled positions (what the DEX has written).
    pub open_size: Amount,
}

/// What a settlement paid.
#[cw_serde]
pub struct Settlement {
    /// The market price it settled at.
    pub price: Decimal,
    /// ⌊size · intrinsic⌋.
    pub payoff: Amount,
    /// Paid from the float.
    pub from_float: Amount,
    /// Claimed from the vault (paid to the holder).
    pub bad_debt: Amount,
}

/// A bought option.
#[cw_serde]
pub struct Position {
    /// Who bought it and is paid at settlement.
    pub holder: Addr,
    /// Its series.
    pub series_id: u64,
    /// Settlement base units per unit of price.
    pub size: Amount,
    /// The premium paid.
    pub premium: Amount,
    /// Set once settled.
    pub settlement: Option<Settlement>,
}

/// The configuration.
pub const CONFIG: Item<Config> = Item::new("config");
/// The operator's mark per market.
pub const PRICES: Map<&str, Mark> = Map::new("prices");
/// Series by id (from 1).
pub const SERIES: Map<u64, Series> = Map::new("series");
/// The last series id used.
pub const SERIES_COUNT: Item<u64> = Item::new("series_count");
/// Positions by id (from 1).
pub const POSITIONS: Map<u64, Position> = Map::new("positions");
/// The last position id used.
pub const NEXT_ID: Item<u64> = Item::new("next_id");
/// Premium set aside for the vault and not yet paid.
pub const FEES: Item<Amount> = Item::new("fees");
/// Bad debt claimed, and what settled claims paid holders.
pub const BAD_DEBT: Item<(Amount, Amount)> = Item::new("bad_debt");
/// Set while the vault's view of the book is stale.
pub const REPORT_PENDING: Item<PendingReport> = Item::new("report_pending");

/// The latest 32 claim records, oldest first (an example keeps the last 32).
pub const CLAIMS: ClaimLog = ClaimLog::new("claims", 32);
/// Series listed at most (live or expired): the report carries one leg per live series, and
/// the vault's oracle takes at most `max_option_legs` (default 64).
pub const MAX_SERIES: u32 = 32;
/// The reply id of a settlement's report (claims reply with the position id, from 1).
pub const REPORT_REPLY: u64 = 0;

/// Every series, in id order.
pub fn all_series(storage: &dyn Storage) -> impl Iterator<Item = StdResult<(u64, Series)>> + '_ {
    SERIES.range(storage, None, None, Order::Ascending)
}

impl Series {
    /// The message form, with its id.
    pub fn to_msg(&self, id: u64) -> msg::Series {
        let Series { market, kind, strike, expiry, premium, open_size } = self.clone();
        msg::Series { id, market, kind, strike, expiry, premium, open_size }
    }
}

impl Position {
    /// The message form, with its id.
    pub fn to_msg(&self, id: u64) -> msg::Position {
        let Position { holder, series_id, size, premium, settlement } = self.clone();
        let settlement = settlement.map(|Settlement { price, payoff, from_float, bad_debt }| msg::Settlement {
            price,
            payoff,
            from_float,
            bad_debt,
        });
        msg::Position { id, holder, series_id, size, premium, settlement }
    }
}

/// Each stored struct, fully populated, serializes to exactly its golden JSON and reads back
/// from it.
#[cfg(test)]
mod layout_tests {
    use risk_pool::claims::ClaimRecord;
    use risk_pool::vault::ClaimStatus;
    use risk_testing::layout::check;

    use super::*;

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
        check(&Mark { price: Decimal::percent(150), at: 7 }, r#"{"price":"1.5","at":7}"#);
        check(
            &Series {
                market: "BTC-PERP".into(),
                kind: OptionKind::Put,
                strike: Decimal::percent(250),
                expiry: 9,
                premium: Decimal::percent(5),
                open_size: Amount::new(3),
            },
            r#"{"market":"BTC-PERP","kind":"put","strike":"2.5","expiry":9,"premium":"0.05","open_size":"3"}"#,
        );
        check(
            &Position {
                holder: a("holder"),
                series_id: 2,
                size: Amount::new(3),
                premium: Amount::new(4),
                settlement: Some(Settlement {
                    price: Decimal::percent(300),
                    payoff: Amount::new(5),
                    from_float: Amount::new(1),
                    bad_debt: Amount::new(4),
                }),
            },
            r#"{"holder":"holder","series_id":2,"size":"3","premium":"4","settlement":{"price":"3","payoff":"5","from_float":"1","bad_debt":"4"}}"#,
        );
        check(
            &ClaimRecord {
                position_id: 1,
                holder: Some(a("holder")),
                bad_debt: Amount::new(2),
                claim_id: Some(3),
                status: Some(ClaimStatus::Settled),
                paid_by_member: Amount::new(4),
                paid_by_pool: Amount::new(5),
                denied: Amount::new(6),
                shortfall: Amount::new(7),
                error: Some("error".into()),
            },
            r#"{"position_id":1,"holder":"holder","bad_debt":"2","claim_id":3,"status":"settled","paid_by_member":"4","paid_by_pool":"5","denied":"6","shortfall":"7","error":"error"}"#,
        );
        check(&PendingReport { since: 1, reason: "paused".into() }, r#"{"since":1,"reason":"paused"}"#);
        check(&(Amount::new(1), Amount::new(2)), r#"["1","2"]"#);
    }
}
