//! Storage layout. Stored structs use one-letter JSON keys (`#[serde(rename)]`): a KV write
//! costs 30 SDK gas per byte, and the field names were most of the bytes (pool 479 → ~230 B).
//! Query responses have their own, readable types.
//!
//! Hot paths read few, small items: `POOL` (every action), one `MEMBERS` row, the `cover_n`
//! largest entries of `COVER_BY` (the Cover-N index) and the entries of `PENDING_BY` due to
//! expire.
//! No member action reads or writes anything whose size grows with the number of members.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Decimal};
use cw_storage_plus::{Deque, Item, Map, SnapshotItem, SnapshotMap, Strategy};
use risk_pool::oracle::{Exposure, OptionKind, OptionLeg};
use risk_pool::units::{Amount, Shares};
use risk_pool::vault::{AssetInfo, ClaimStatus};

use crate::peaks::{Low, Peak};

/// Validated configuration (`InstantiateMsg → validate → Config`: addresses are `Addr` here).
/// Stored with the readable field names it has always had (the `config` query's names), so
/// the record is byte-identical to the one earlier versions stored; the query's answer is built
/// from it ([`Config::response`]), so a response change is no storage migration.
#[cw_serde]
pub struct Config {
    /// Members, claims, config.
    pub owner: Addr,
    /// May pause.
    pub guardian: Option<Addr>,
    /// The oracle `assess` asks.
    pub risk_oracle: Addr,
    /// The settlement asset.
    pub asset: AssetInfo,
    /// Seconds from `request_withdraw` to a withdrawable entry.
    pub unbonding_secs: u64,
    /// Seconds a deposit's shares stay locked.
    pub deposit_lock_secs: u64,
    /// Smallest deposit.
    pub min_deposit: Amount,
    /// Protocol fee on premium income, basis points.
    pub protocol_fee_bps: u32,
    /// Fees and swept surplus go here.
    pub treasury: Addr,
    /// Auto-approval limit of a member's pool parts per loss-cap window.
    pub claim_auto_approve_limit: Amount,
    /// Seconds a pending claim waits before it expires.
    pub max_pending_claim_secs: u64,
    /// Loss cap per window, basis points of assets.
    pub loss_cap_bps: u32,
    /// Loss-cap window, seconds (> 0).
    pub loss_cap_window_secs: u64,
    /// Capital cap as a multiple of the Cover-N requirement.
    pub max_capital_multiple: Option<Decimal>,
    /// Lookback of the rolling extremes, seconds.
    pub member_lookback_secs: u64,
    /// Exposures older than this suspend cover.
    pub max_exposure_age_secs: Option<u64>,
    /// Seconds over which income vests.
    pub reward_vesting_secs: u64,
    /// Longest pause, seconds.
    pub max_pause_secs: u64,
    /// Most registered members.
    pub max_members: u32,
    /// Most unbonding entries (and lock lots) per address.
    pub max_unbonding_entries: u32,
    /// Longest memo or reason, bytes.
    pub max_memo_len: u32,
}

pub const CONFIG: Item<Config> = Item::new("config");

/// A linear vesting stream of income (premiums net of fee, recoveries): `amount` vests evenly
/// from `from` to `until`.
#[cw_serde]
#[derive(Default)]
pub struct Vesting {
    #[serde(rename = "a")]
    pub amount: Amount,
    #[serde(rename = "b")]
    pub from: u64,
    #[serde(rename = "c")]
    pub until: u64,
}

/// The pool's global books.
#[cw_serde]
#[derive(Default)]
pub struct Pool {
    /// Underwriter capital, settlement units (unpaid shortfall is still in it).
    #[serde(rename = "a")]
    pub total_assets: Amount,
    #[serde(rename = "b")]
    pub total_shares: Shares,
    /// Shares in unbonding entries (included in `total_shares`).
    #[serde(rename = "c")]
    pub unbonding_shares: Shares,
    #[serde(rename = "d")]
    pub member_contributions: Amount,
    /// Member parts of pending claims.
    #[serde(rename = "e")]
    pub escrow: Amount,
    #[serde(rename = "f")]
    pub unvested: Vesting,
    /// Σ capped pool parts of pending claims (expired ones are removed by `sync`).
    #[serde(rename = "g")]
    pub pending_exposure: Amount,
    /// Outstanding shortfall (owed, deferred by the loss cap).
    #[serde(rename = "h")]
    pub shortfall: Amount,
    /// Lifetime totals for `coverage_report`.
    #[serde(rename = "i")]
    pub paid_by_pool: Amount,
    #[serde(rename = "j")]
    pub paid_by_members: Amount,
    #[serde(rename = "k")]
    pub denied: Amount,
    #[serde(rename = "l")]
    pub shortfall_to_date: Amount,
    /// Current loss-cap window: index, base assets at its first loss, paid so far.
    #[serde(rename = "m")]
    pub loss_window: Option<LossWindow>,
    #[serde(rename = "n")]
    pub paused_until: Option<u64>,
    /// The guardian may not pause before this time (a lapse + `max_pause_secs`).
    #[serde(rename = "o")]
    pub guardian_pause_after: u64,
    /// The oracle's `cover_n` and `claim_multiple`, from its latest `assess` answer.
    #[serde(rename = "p")]
    pub cover_n: u32,
    #[serde(rename = "q")]
    pub claim_multiple: Decimal,
    #[serde(rename = "r")]
    pub next_claim_id: u64,
    #[serde(rename = "s")]
    pub next_unbonding_id: u64,
    #[serde(rename = "t")]
    pub member_count: u32,
}

#[cw_serde]
pub struct LossWindow {
    #[serde(rename = "a")]
    pub index: u64,
    #[serde(rename = "b")]
    pub base_assets: Amount,
    #[serde(rename = "c")]
    pub paid: Amount,
}

pub const POOL: Item<Pool> = Item::new("pool");

/// One underwriter.
#[cw_serde]
#[derive(Default)]
pub struct Underwriter {
    #[serde(rename = "a")]
    pub shares: Shares,
    /// `shares` not in unbonding entries (the voting power; mirrored in `BONDED`).
    #[serde(rename = "b")]
    pub bonded: Shares,
    #[serde(rename = "c")]
    pub lots: Vec<Lot>,
    #[serde(rename = "d")]
    pub unbonding: Vec<Unbonding>,
}

/// Shares of one deposit inside `deposit_lock_secs` (stored with the names it always had).
#[cw_serde]
pub struct Lot {
    pub shares: Shares,
    pub unlocks_at: u64,
}

/// An unbonding entry (stored with the names it always had).
#[cw_serde]
pub struct Unbonding {
    pub id: u64,
    pub shares: Shares,
    /// Net value of `shares` at the request: the most the withdrawal pays.
    pub value_at_request: Amount,
    pub matures_at: u64,
}

pub const UNDERWRITERS: Map<&Addr, Underwriter> = Map::new("uw");
/// Bonded shares per address, snapshotted every block (voting power at a height).
pub const BONDED: SnapshotMap<&Addr, Shares> =
    SnapshotMap::new("bonded", "bonded__check", "bonded__change", Strategy::EveryBlock);
pub const TOTAL_BONDED: SnapshotItem<Shares> =
    SnapshotItem::new("total_bonded", "total_bonded__check", "total_bonded__change", Strategy::EveryBlock);

/// A registered member (covered protocol).
#[cw_serde]
pub struct Member {
    #[serde(rename = "a")]
    pub contribution: Amount,
    #[serde(rename = "b")]
    pub exposures: Vec<Exposure>,
    #[serde(rename = "c")]
    pub exposures_at: Option<u64>,
    /// Cached from the last `assess` answer.
    #[serde(rename = "d")]
    pub required: Amount,
    #[serde(rename = "e")]
    pub es: Amount,
    #[serde(rename = "f")]
    pub stress_loss: Amount,
    #[serde(rename = "g")]
    pub assessed_at: Option<u64>,
    #[serde(rename = "h")]
    pub as_of: Option<u64>,
    /// Rolling maxima over `member_lookback_secs`.
    #[serde(rename = "i")]
    pub peak_required: Peak,
    #[serde(rename = "j")]
    pub peak_es: Peak,
    #[serde(rename = "k")]
    pub peak_stress: Peak,
    #[serde(rename = "l")]
    pub coverage_cap: Amount,
    /// Lifetime pool part of settled claims: paid + shortfall.
    #[serde(rename = "m")]
    pub coverage_used: Amount,
    /// Stored apart (`PREMIUMS`) so that paying a premium rewrites ~150 bytes, not the member.
    #[serde(skip)]
    pub premium: Premium,
    /// Pool parts settled in the loss-cap window `window.0` (the auto-approval total).
    #[serde(rename = "n")]
    pub window: (u64, Amount),
    #[serde(rename = "o")]
    pub pending_claim: Option<u64>,
    #[serde(rename = "p")]
    pub paid_by_pool: Amount,
    #[serde(rename = "q")]
    pub denied: Amount,
    #[serde(rename = "r")]
    pub shortfall: Amount,
    /// Rolling minimum of `required` over `member_lookback_secs` (coverage suspension's deficit
    /// test). Empty in records stored before revision 2: see `Member::lowest_required`.
    #[serde(rename = "s", default)]
    pub low_required: Low,
    /// Rolling maximum over `member_lookback_secs` of the `required` the member itself committed
    /// to: the figure at each accepted exposure increase (where contribution ≥ required was
    /// checked); an accepted reduction ends it (a 0 from then on, so the larger figure binds for
    /// the lookback after the reduction). Raises by market moves or `refresh_member` do not enter
    /// it. Empty
    /// in records stored before it (then 0: the rolling minimum alone applies).
    #[serde(rename = "t", default)]
    pub committed_required: Peak,
    /// The option legs as reported (issue 13), compact: one JSON array per leg (about half the
    /// bytes of the message shape). `exposures` keeps the linear entries in their old layout;
    /// not stored when empty, so a linear member's record is byte-identical to before.
    #[serde(rename = "u", default, skip_serializing_if = "Vec::is_empty")]
    pub legs: Vec<StoredLeg>,
    /// The `uncovered` figure (settlement units) this member's entry in `COVER_BY` holds, as of
    /// its last save: the Cover-N input. 0 = no entry (not stored, so a member with nothing
    /// uncovered keeps the record it had before the index).
    #[serde(rename = "v", default, skip_serializing_if = "is_zero")]
    pub cover_row: Amount,
}

fn is_zero(a: &Amount) -> bool {
    a.is_zero()
}

/// A stored option leg: (market, kind 0 = call / 1 = put, strike, expiry, size), stored as a
/// JSON array (serde-json-wasm writes tuples, not tuple structs).
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Clone, Debug, PartialEq)]
#[serde(from = "LegTuple", into = "LegTuple")]
pub struct StoredLeg(pub String, pub u8, pub Decimal, pub u64, pub cosmwasm_std::Int128);

type LegTuple = (String, u8, Decimal, u64, cosmwasm_std::Int128);

impl From<LegTuple> for StoredLeg {
    fn from((a, b, c, d, e): LegTuple) -> StoredLeg {
        StoredLeg(a, b, c, d, e)
    }
}

impl From<StoredLeg> for LegTuple {
    fn from(StoredLeg(a, b, c, d, e): StoredLeg) -> LegTuple {
        (a, b, c, d, e)
    }
}

impl StoredLeg {
    /// The leg of a reported exposure (`None` for a linear one).
    pub fn of(e: &Exposure) -> Option<StoredLeg> {
        let o = e.option.as_ref()?;
        let kind = match o.kind {
            OptionKind::Call => 0,
            OptionKind::Put => 1,
        };
        Some(StoredLeg(e.market.clone(), kind, o.strike, o.expiry, o.size))
    }

    /// Back to the message shape.
    pub fn exposure(&self) -> Exposure {
        let kind = if self.1 == 0 { OptionKind::Call } else { OptionKind::Put };
        Exposure::leg(self.0.clone(), OptionLeg { kind, strike: self.2, expiry: self.3, size: self.4 })
    }
}

pub const MEMBERS: Map<&Addr, Member> = Map::new("members");

/// A member's premium account.
#[cw_serde]
#[derive(Default)]
pub struct Premium {
    /// Annual rate on the peak required contribution, basis points.
    #[serde(rename = "a")]
    pub rate_bps: u32,
    #[serde(rename = "b")]
    pub grace_secs: u64,
    #[serde(rename = "c")]
    pub due: Amount,
    /// Records stored before revision 2 kept prepaid premium as time ("premium is paid for every
    /// instant before this"). Read once, on load, by `Member::upgrade_premium`, which converts
    /// the time still prepaid into a `prepaid` amount; new records never write it.
    #[serde(rename = "d", default, skip_serializing_if = "Option::is_none")]
    pub legacy_paid_through: Option<u64>,
    /// Premium accrued up to this time.
    #[serde(rename = "e")]
    pub accrued_at: u64,
    /// Premium paid beyond what was due (settlement units): later accruals draw on it before
    /// anything becomes due. Already income (it vested into the share price when paid).
    #[serde(rename = "f", default)]
    pub prepaid: Amount,
    /// When `due` last became positive (None while nothing is due): arrears are
    /// now − due_since > grace_secs.
    #[serde(rename = "g", default)]
    pub due_since: Option<u64>,
}

pub const PREMIUMS: Map<&Addr, Premium> = Map::new("premiums");

/// Cover-N inputs as stored before the index: every member's row in one item, so each save
/// rewrote a row per member. Read only by `migrate`, which moves it into `COVER_BY`.
#[cw_serde]
pub struct CoverRow {
    #[serde(rename = "a")]
    pub member: Addr,
    #[serde(rename = "b")]
    pub uncovered: Amount,
}

/// The legacy Cover-N rows (see [`CoverRow`]); absent once migrated.
pub const LEGACY_COVER: Item<Vec<CoverRow>> = Item::new("cover");

/// The Cover-N index: one key (uncovered, member) per member with `uncovered` > 0, so that a
/// descending range yields the largest rows first and Cover-N reads only `cover_n` (+1) keys.
/// The member's own record holds the figure too (`Member::cover_row`), so a save finds and
/// replaces its key without a read. Big-endian u128 keys: key order is numeric order.
pub const COVER_BY: Map<(u128, &Addr), ()> = Map::new("cover_by");

#[cw_serde]
pub struct Claim {
    pub id: u64,
    pub member: Addr,
    pub amount: Amount,
    pub recipient: Addr,
    pub memo: Option<String>,
    pub status: ClaimStatus,
    pub paid_by_member: Amount,
    /// Pending: the capped pool part; settled: what the pool paid (shortfall excluded).
    pub paid_by_pool: Amount,
    pub denied: Amount,
    pub shortfall: Amount,
    pub created_at: u64,
    pub expires_at: u64,
    pub reason: Option<String>,
    pub suspended: Option<String>,
    pub needs_assessment: bool,
    /// Recoveries returned so far, by destination.
    pub recovered_shortfall: Amount,
    pub recovered_pool: Amount,
    pub recovered_member: Amount,
    /// Its key in `SHORTFALL_FIFO` while it has outstanding shortfall (absent in state stored
    /// before the keyed queue: `migrate` fills it).
    #[serde(default)]
    pub queue_seq: Option<u64>,
}

impl Claim {
    /// The status at `now`: a pending claim past `expires_at` is expired, whether or not its
    /// record was rewritten (SPEC: "expired with no transaction needed"; `sync` sweeps the
    /// pool's figures, the member's record catches up when next read: `member::lapse_pending`).
    pub fn status_at(&self, now: u64) -> ClaimStatus {
        if self.status == ClaimStatus::Pending && self.expires_at <= now {
            ClaimStatus::Expired
        } else {
            self.status.clone()
        }
    }
}

pub const CLAIMS: Map<u64, Claim> = Map::new("claims");

/// Pending claims (at most one per member): what `sync` needs to expire them without reading
/// every claim.
#[cw_serde]
pub struct PendingRef {
    #[serde(rename = "a")]
    pub id: u64,
    #[serde(rename = "b")]
    pub member: Addr,
    #[serde(rename = "c")]
    pub pool_part: Amount,
    #[serde(rename = "d")]
    pub escrow: Amount,
    #[serde(rename = "e")]
    pub expires_at: u64,
    /// Premium due taken from the contribution at filing (0 in older records).
    #[serde(rename = "f", default)]
    pub premium: Amount,
}

/// The pending claims as stored before the keyed list: one item, read by every action. Read
/// only by `migrate`, which moves it into [`PENDING_BY`].
pub const LEGACY_PENDING: Item<Vec<PendingRef>> = Item::new("pending");

/// Pending claims keyed (expires_at, id): `sync` reads only those due to expire (a range up to
/// the block time), so no action reads a list that grows with the number of pending claims.
pub const PENDING_BY: Map<(u64, u64), PendingRef> = Map::new("pending_by");

/// Legacy (before the keyed queue): claim ids in the order the shortfall arose, zeroed entries
/// left in place until a walk popped them. `migrate` moves the live ones to `SHORTFALL_FIFO`.
pub const SHORTFALL_QUEUE: Deque<u64> = Deque::new("shortfall_q");

/// The shortfall queue: `seq → claim id`, paid in ascending `seq` (strictly FIFO). Exactly the
/// claims with outstanding shortfall: an entry is removed the moment its claim's shortfall
/// reaches zero (paid or recovered), so the head is the first key — one iterator step, however
/// many entries came and went before it.
pub const SHORTFALL_FIFO: Map<u64, u64> = Map::new("shortfall_fifo");

/// `SHORTFALL_FIFO`'s next sequence number and entry count.
#[cw_serde]
#[derive(Default)]
pub struct QueueMeta {
    #[serde(rename = "a")]
    pub next_seq: u64,
    #[serde(rename = "b")]
    pub len: u64,
}

pub const SHORTFALL_META: Item<QueueMeta> = Item::new("shortfall_meta");

/// Shortfall payments the recipient's bank or token refused, kept for it to `collect`
/// (settlement units; part of `Pool::escrow`, so the books still balance to the unit).
pub const UNCOLLECTED: Map<&Addr, Amount> = Map::new("uncollected");

/// The stored layout, pinned: each stored struct, fully populated (every `Option` set, every
/// `Vec` non-empty, a distinct value per field), serializes to exactly its golden JSON, reads
/// back from it, and repeats no key in any object. A duplicate `rename` letter compiles, and
/// would make two fields share one key in state; a changed letter makes stored records unreadable.
#[cfg(test)]
mod layout_tests {

    use cosmwasm_std::{from_json, to_json_string, Int128};

    use super::*;
    use crate::peaks::PeakPoint;

    use risk_testing::layout::check;

    fn u<T: From<u128>>(n: u128) -> T {
        T::from(n)
    }

    fn addr(s: &str) -> Addr {
        Addr::unchecked(s)
    }

    fn rolling<K>(a: u128, b: u128) -> crate::peaks::Rolling<K> {
        crate::peaks::Rolling {
            points: vec![PeakPoint { value: u(a), until: Some(b as u64) }, PeakPoint { value: u(a + 1), until: None }],
            kind: std::marker::PhantomData,
        }
    }

    #[test]
    fn stored_layouts_are_pinned() {
        let config = Config {
            owner: addr("owner"),
            guardian: Some(addr("guardian")),
            risk_oracle: addr("oracle"),
            asset: AssetInfo::Cw20("token".into()),
            unbonding_secs: 1,
            deposit_lock_secs: 2,
            min_deposit: u(3),
            protocol_fee_bps: 4,
            treasury: addr("treasury"),
            claim_auto_approve_limit: u(5),
            max_pending_claim_secs: 6,
            loss_cap_bps: 7,
            loss_cap_window_secs: 8,
            max_capital_multiple: Some(Decimal::percent(150)),
            member_lookback_secs: 9,
            max_exposure_age_secs: Some(10),
            reward_vesting_secs: 11,
            max_pause_secs: 12,
            max_members: 13,
            max_unbonding_entries: 14,
            max_memo_len: 15,
        };
        let golden = r#"{"owner":"owner","guardian":"guardian","risk_oracle":"oracle","asset":{"cw20":"token"},"unbonding_secs":1,"deposit_lock_secs":2,"min_deposit":"3","protocol_fee_bps":4,"treasury":"treasury","claim_auto_approve_limit":"5","max_pending_claim_secs":6,"loss_cap_bps":7,"loss_cap_window_secs":8,"max_capital_multiple":"1.5","member_lookback_secs":9,"max_exposure_age_secs":10,"reward_vesting_secs":11,"max_pause_secs":12,"max_members":13,"max_unbonding_entries":14,"max_memo_len":15}"#;
        check(&config, golden);
        // Byte-identical to the record earlier versions stored (the response type itself).
        assert_eq!(to_json_string(&config.response()).unwrap(), golden);
        let vesting = Vesting { amount: u(1), from: 2, until: 3 };
        check(&vesting, r#"{"a":"1","b":2,"c":3}"#);
        let loss_window = LossWindow { index: 1, base_assets: u(2), paid: u(3) };
        check(&loss_window, r#"{"a":1,"b":"2","c":"3"}"#);
        check(
            &Pool {
                total_assets: u(1),
                total_shares: u(2),
                unbonding_shares: u(3),
                member_contributions: u(4),
                escrow: u(5),
                unvested: vesting,
                pending_exposure: u(7),
                shortfall: u(8),
                paid_by_pool: u(9),
                paid_by_members: u(10),
                denied: u(11),
                shortfall_to_date: u(12),
                loss_window: Some(loss_window),
                paused_until: Some(14),
                guardian_pause_after: 15,
                cover_n: 16,
                claim_multiple: Decimal::percent(170),
                next_claim_id: 18,
                next_unbonding_id: 19,
                member_count: 20,
            },
            r#"{"a":"1","b":"2","c":"3","d":"4","e":"5","f":{"a":"1","b":2,"c":3},"g":"7","h":"8","i":"9","j":"10","k":"11","l":"12","m":{"a":1,"b":"2","c":"3"},"n":14,"o":15,"p":16,"q":"1.7","r":18,"s":19,"t":20}"#,
        );
        check(
            &Underwriter {
                shares: u(1),
                bonded: u(2),
                lots: vec![Lot { shares: u(3), unlocks_at: 4 }],
                unbonding: vec![Unbonding { id: 5, shares: u(6), value_at_request: u(7), matures_at: 8 }],
            },
            r#"{"a":"1","b":"2","c":[{"shares":"3","unlocks_at":4}],"d":[{"id":5,"shares":"6","value_at_request":"7","matures_at":8}]}"#,
        );
        check(&PeakPoint { value: u(1), until: Some(2) }, r#"{"a":"1","b":2}"#);
        check(
            &Member {
                contribution: u(1),
                exposures: vec![Exposure {
                    market: "BTC-PERP".into(),
                    notional: (Int128::new(-2)).into(),
                    option: None,
                }],
                exposures_at: Some(3),
                required: u(4),
                es: u(5),
                stress_loss: u(6),
                assessed_at: Some(7),
                as_of: Some(8),
                peak_required: rolling(9, 10),
                peak_es: rolling(11, 12),
                peak_stress: rolling(13, 14),
                coverage_cap: u(15),
                coverage_used: u(16),
                // Not in the record (`PREMIUMS` holds it): default, so that it reads back equal.
                premium: Premium::default(),
                window: (17, u(18)),
                pending_claim: Some(19),
                paid_by_pool: u(20),
                denied: u(21),
                shortfall: u(22),
                low_required: rolling(23, 24),
                committed_required: rolling(25, 26),
                legs: vec![],
                cover_row: Amount::ZERO,
            },
            MEMBER_GOLDEN,
        );
        // With a Cover-N index entry: the same record plus its figure under "v".
        check(
            &Member { cover_row: u(27), ..from_json::<Member>(MEMBER_GOLDEN).unwrap() },
            &format!("{},{}}}", MEMBER_GOLDEN.strip_suffix('}').unwrap(), r#""v":"27""#),
        );
        // With legs (issue 13): the linear layout above plus one compact array per leg.
        check(
            &Member {
                legs: vec![
                    StoredLeg("BTC-PERP".into(), 0, "65000".parse().unwrap(), 1_767_225_600, Int128::new(-2_500_000)),
                    StoredLeg("BTC-PERP".into(), 1, "50000.5".parse().unwrap(), 1_767_225_601, Int128::new(3)),
                ],
                ..from_json::<Member>(MEMBER_GOLDEN).unwrap()
            },
            &format!(
                "{},{}}}",
                MEMBER_GOLDEN.strip_suffix('}').unwrap(),
                r#""u":[["BTC-PERP",0,"65000",1767225600,"-2500000"],["BTC-PERP",1,"50000.5",1767225601,"3"]]"#
            ),
        );
        check(
            &Premium {
                rate_bps: 1,
                grace_secs: 2,
                due: u(3),
                legacy_paid_through: Some(4),
                accrued_at: 5,
                prepaid: u(6),
                due_since: Some(7),
            },
            r#"{"a":1,"b":2,"c":"3","d":4,"e":5,"f":"6","g":7}"#,
        );
        const MEMBER_GOLDEN: &str = r#"{"a":"1","b":[{"market":"BTC-PERP","notional":"-2"}],"c":3,"d":"4","e":"5","f":"6","g":7,"h":8,"i":{"points":[{"a":"9","b":10},{"a":"10","b":null}]},"j":{"points":[{"a":"11","b":12},{"a":"12","b":null}]},"k":{"points":[{"a":"13","b":14},{"a":"14","b":null}]},"l":"15","m":"16","n":[17,"18"],"o":19,"p":"20","q":"21","r":"22","s":{"points":[{"a":"23","b":24},{"a":"24","b":null}]},"t":{"points":[{"a":"25","b":26},{"a":"26","b":null}]}}"#;
        check(&CoverRow { member: addr("member"), uncovered: u(1) }, r#"{"a":"member","b":"1"}"#);
        check(
            &PendingRef { id: 1, member: addr("member"), pool_part: u(2), escrow: u(3), expires_at: 4, premium: u(5) },
            r#"{"a":1,"b":"member","c":"2","d":"3","e":4,"f":"5"}"#,
        );
        check(&QueueMeta { next_seq: 1, len: 2 }, r#"{"a":1,"b":2}"#);
        check(
            &Claim {
                id: 1,
                member: addr("member"),
                amount: u(2),
                recipient: addr("recipient"),
                memo: Some("memo".into()),
                status: ClaimStatus::Settled,
                paid_by_member: u(3),
                paid_by_pool: u(4),
                denied: u(5),
                shortfall: u(6),
                created_at: 7,
                expires_at: 8,
                reason: Some("reason".into()),
                suspended: Some("suspended".into()),
                needs_assessment: true,
                recovered_shortfall: u(9),
                recovered_pool: u(10),
                recovered_member: u(11),
                queue_seq: Some(12),
            },
            r#"{"id":1,"member":"member","amount":"2","recipient":"recipient","memo":"memo","status":"settled","paid_by_member":"3","paid_by_pool":"4","denied":"5","shortfall":"6","created_at":7,"expires_at":8,"reason":"reason","suspended":"suspended","needs_assessment":true,"recovered_shortfall":"9","recovered_pool":"10","recovered_member":"11","queue_seq":12}"#,
        );
    }
}
