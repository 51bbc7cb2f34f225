//! pool-vault, structure-aware: `arbitrary` builds a sequence of up to 48 typed actions (every
//! `ExecuteMsg` variant, donations, oracle price moves and volatility changes, time steps) with
//! bounded but wide numbers, varying senders and funds, run in order from the snapshot.
//! Findings: a panic, storage changed by an execute that returned `Err`, a payout above the
//! vault's balance, books that stop balancing to the unit after a success (token balance =
//! total_assets + unvested + member_contributions + escrow + surplus), or a `state`,
//! `coverage_report` or `config` query that fails.
#![no_main]

use arbitrary::Arbitrary;
use cosmwasm_std::{Coin, Decimal};
use fuzz_harness::{account, addr, exposure, Snapshot, World, DENOM};
use libfuzzer_sys::fuzz_target;
use risk_pool::oracle;
use risk_pool::vault::{ConfigUpdate, ExecuteMsg, MemberTerms, QueryMsg};

/// Senders: the accounts of the snapshot (owner, guardian, feeder, treasury, alice, bob, carol,
/// member1, member2, stranger, oracle, vault, dao).
#[derive(Arbitrary, Debug, Clone, Copy)]
struct Who(u8);

impl Who {
    fn addr(self) -> cosmwasm_std::Addr {
        account(self.0 as usize)
    }
}

/// Amounts in base units, from one unit to 2¹²⁸ − 1, weighted toward the scale of the snapshot.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Amt {
    Zero,
    Tiny(u8),
    Usdc(u16),
    Big(u64),
    Huge(u128),
}

impl Amt {
    fn get(self) -> u128 {
        match self {
            Amt::Zero => 0,
            Amt::Tiny(x) => x as u128,
            Amt::Usdc(x) => x as u128 * 1_000_000,
            Amt::Big(x) => x as u128,
            Amt::Huge(x) => x,
        }
    }
    fn u<T: From<u128>>(self) -> T {
        T::from(self.get())
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Funds {
    None,
    Usdc(Amt),
    Other(Amt),
    Two(Amt),
}

impl Funds {
    fn coins(self) -> Vec<Coin> {
        let c = |a: Amt, d: &str| Coin { denom: d.into(), amount: a.u() };
        match self {
            Funds::None => vec![],
            Funds::Usdc(a) => vec![c(a, DENOM)],
            Funds::Other(a) => vec![c(a, "uatom")],
            Funds::Two(a) => vec![c(a, DENOM), c(a, "uatom")],
        }
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Market {
    Btc,
    Eth,
    Unknown,
}

impl Market {
    fn id(self) -> &'static str {
        match self {
            Market::Btc => "BTC-PERP",
            Market::Eth => "ETH-PERP",
            Market::Unknown => "DOGE-PERP",
        }
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Notional {
    Small(i32),
    Wide(i64),
    Full(i128),
}

impl Notional {
    fn get(self) -> i128 {
        match self {
            Notional::Small(x) => x as i128 * 1_000,
            Notional::Wide(x) => x as i128,
            Notional::Full(x) => x,
        }
    }
}

#[derive(Arbitrary, Debug)]
enum Action {
    Deposit {
        who: Who,
        funds: Funds,
        recipient: Option<Who>,
    },
    RequestWithdraw {
        who: Who,
        shares: Amt,
    },
    Withdraw {
        who: Who,
    },
    CancelWithdraw {
        who: Who,
        id: u8,
    },
    MemberDeposit {
        who: Who,
        funds: Funds,
    },
    MemberWithdraw {
        who: Who,
        amount: Amt,
    },
    ReportExposure {
        who: Who,
        exposures: Vec<(Market, Notional)>,
    },
    ClaimLoss {
        who: Who,
        amount: Amt,
        recipient: Who,
        memo: Option<u16>,
    },
    PayPremium {
        who: Who,
        member: Who,
        funds: Funds,
    },
    RefreshMember {
        who: Who,
        member: Who,
    },
    SettleShortfall {
        who: Who,
        claim_id: u8,
    },
    ReturnRecovery {
        who: Who,
        claim_id: u8,
        funds: Funds,
    },
    SweepSurplus {
        who: Who,
    },
    RegisterMember {
        who: Who,
        member: Who,
        cap: Amt,
        rate_bps: u16,
        grace_secs: u32,
    },
    UpdateMember {
        who: Who,
        member: Who,
        cap: Amt,
        rate_bps: u16,
        grace_secs: u32,
    },
    RemoveMember {
        who: Who,
        member: Who,
    },
    ApproveClaim {
        who: Who,
        id: u8,
    },
    RejectClaim {
        who: Who,
        id: u8,
    },
    UpdateConfig {
        who: Who,
        update: Cfg,
    },
    TransferOwnership {
        who: Who,
        to: Who,
    },
    Pause {
        who: Who,
    },
    Unpause {
        who: Who,
    },
    /// A bank send to the vault outside any message: surplus.
    Donate {
        amount: Amt,
    },
    /// Time passes (seconds, up to ~2 years).
    Advance {
        secs: u32,
        days: u8,
    },
    /// A feeder price round (moves in basis points, bounded by the oracle's 50 % guard or not).
    Prices {
        btc_bps: i16,
        eth_bps: i16,
    },
    /// The oracle owner changes a volatility (atomics of an 18-decimal `Decimal`).
    Volatility {
        market: Market,
        atomics: u64,
    },
    /// The oracle owner switches the method.
    Method {
        which: u8,
        paths: u16,
        seed: u64,
    },
}

#[derive(Arbitrary, Debug)]
struct Cfg {
    guardian: Option<Option<Who>>,
    unbonding_secs: Option<u32>,
    deposit_lock_secs: Option<u32>,
    min_deposit: Option<Amt>,
    protocol_fee_bps: Option<u16>,
    claim_auto_approve_limit: Option<Amt>,
    max_pending_claim_secs: Option<u32>,
    loss_cap_bps: Option<u16>,
    loss_cap_window_secs: Option<u32>,
    max_capital_multiple: Option<u32>,
    member_lookback_secs: Option<u32>,
    max_exposure_age_secs: Option<u32>,
    reward_vesting_secs: Option<u32>,
    max_pause_secs: Option<u32>,
    max_members: Option<u8>,
    max_unbonding_entries: Option<u8>,
    max_memo_len: Option<u16>,
}

impl Cfg {
    fn update(&self) -> ConfigUpdate {
        let u64_ = |v: Option<u32>| v.map(u64::from);
        ConfigUpdate {
            guardian: self.guardian.map(|g| g.map(|w| w.addr().to_string()).unwrap_or_default()),
            unbonding_secs: u64_(self.unbonding_secs),
            deposit_lock_secs: u64_(self.deposit_lock_secs),
            min_deposit: self.min_deposit.map(Amt::u),
            protocol_fee_bps: self.protocol_fee_bps.map(u32::from),
            treasury: None,
            claim_auto_approve_limit: self.claim_auto_approve_limit.map(Amt::u),
            max_pending_claim_secs: u64_(self.max_pending_claim_secs),
            loss_cap_bps: self.loss_cap_bps.map(u32::from),
            loss_cap_window_secs: u64_(self.loss_cap_window_secs),
            max_capital_multiple: self.max_capital_multiple.map(|m| Decimal::permille(m as u64)),
            member_lookback_secs: u64_(self.member_lookback_secs),
            max_exposure_age_secs: u64_(self.max_exposure_age_secs),
            reward_vesting_secs: u64_(self.reward_vesting_secs),
            max_pause_secs: u64_(self.max_pause_secs),
            max_members: self.max_members.map(u32::from),
            max_unbonding_entries: self.max_unbonding_entries.map(u32::from),
            max_memo_len: self.max_memo_len.map(u32::from),
        }
    }
}

fn terms(member: Who, cap: Amt, rate_bps: u16, grace_secs: u32) -> MemberTerms {
    MemberTerms {
        member: member.addr().to_string(),
        coverage_cap: cap.u(),
        premium_rate_bps: rate_bps as u32,
        grace_secs: grace_secs as u64,
    }
}

/// Moves `price` by `bps` basis points (floored at one atomic unit).
fn moved(price: Decimal, bps: i16) -> Decimal {
    let p = price.atomics().u128();
    let delta = (p / 10_000).saturating_mul(bps.unsigned_abs() as u128);
    Decimal::raw(if bps < 0 { p.saturating_sub(delta).max(1) } else { p.saturating_add(delta) })
}

fn price(w: &World, market: &str) -> Decimal {
    let r: oracle::MarketResponse =
        cosmwasm_std::from_json(w.query_oracle(oracle::QueryMsg::Market { id: market.into() }).unwrap()).unwrap();
    r.price
}

fn run(w: &mut World, action: Action) {
    let oracle_owner = addr("owner");
    let r = match action {
        Action::Deposit { who, funds, recipient } => w.exec_vault(
            &who.addr(),
            &funds.coins(),
            ExecuteMsg::Deposit { recipient: recipient.map(|r| r.addr().to_string()) },
        ),
        Action::RequestWithdraw { who, shares } => {
            w.exec_vault(&who.addr(), &[], ExecuteMsg::RequestWithdraw { shares: shares.u() })
        }
        Action::Withdraw { who } => w.exec_vault(&who.addr(), &[], ExecuteMsg::Withdraw {}),
        Action::CancelWithdraw { who, id } => {
            w.exec_vault(&who.addr(), &[], ExecuteMsg::CancelWithdraw { id: id as u64 })
        }
        Action::MemberDeposit { who, funds } => w.exec_vault(&who.addr(), &funds.coins(), ExecuteMsg::MemberDeposit {}),
        Action::MemberWithdraw { who, amount } => {
            w.exec_vault(&who.addr(), &[], ExecuteMsg::MemberWithdraw { amount: amount.u() })
        }
        Action::ReportExposure { who, exposures } => {
            let exposures = exposures.iter().take(4).map(|(m, n)| exposure(m.id(), n.get())).collect();
            w.exec_vault(&who.addr(), &[], ExecuteMsg::ReportExposure { exposures })
        }
        Action::ClaimLoss { who, amount, recipient, memo } => w.exec_vault(
            &who.addr(),
            &[],
            ExecuteMsg::ClaimLoss {
                amount: amount.u(),
                recipient: recipient.addr().to_string(),
                memo: memo.map(|n| "m".repeat(n as usize % 5_000)),
            },
        ),
        Action::PayPremium { who, member, funds } => {
            w.exec_vault(&who.addr(), &funds.coins(), ExecuteMsg::PayPremium { member: member.addr().to_string() })
        }
        Action::RefreshMember { who, member } => {
            w.exec_vault(&who.addr(), &[], ExecuteMsg::RefreshMember { member: member.addr().to_string() })
        }
        Action::SettleShortfall { who, claim_id } => {
            w.exec_vault(&who.addr(), &[], ExecuteMsg::SettleShortfall { claim_id: claim_id as u64 })
        }
        Action::ReturnRecovery { who, claim_id, funds } => {
            w.exec_vault(&who.addr(), &funds.coins(), ExecuteMsg::ReturnRecovery { claim_id: claim_id as u64 })
        }
        Action::SweepSurplus { who } => w.exec_vault(&who.addr(), &[], ExecuteMsg::SweepSurplus {}),
        Action::RegisterMember { who, member, cap, rate_bps, grace_secs } => {
            w.exec_vault(&who.addr(), &[], ExecuteMsg::RegisterMember(terms(member, cap, rate_bps, grace_secs)))
        }
        Action::UpdateMember { who, member, cap, rate_bps, grace_secs } => {
            w.exec_vault(&who.addr(), &[], ExecuteMsg::UpdateMember(terms(member, cap, rate_bps, grace_secs)))
        }
        Action::RemoveMember { who, member } => {
            w.exec_vault(&who.addr(), &[], ExecuteMsg::RemoveMember { member: member.addr().to_string() })
        }
        Action::ApproveClaim { who, id } => w.exec_vault(&who.addr(), &[], ExecuteMsg::ApproveClaim { id: id as u64 }),
        Action::RejectClaim { who, id } => {
            w.exec_vault(&who.addr(), &[], ExecuteMsg::RejectClaim { id: id as u64, reason: "fuzz".into() })
        }
        Action::UpdateConfig { who, update } => {
            w.exec_vault(&who.addr(), &[], ExecuteMsg::UpdateConfig(update.update()))
        }
        Action::TransferOwnership { who, to } => {
            w.exec_vault(&who.addr(), &[], ExecuteMsg::TransferOwnership { owner: to.addr().to_string() })
        }
        Action::Pause { who } => w.exec_vault(&who.addr(), &[], ExecuteMsg::Pause {}),
        Action::Unpause { who } => w.exec_vault(&who.addr(), &[], ExecuteMsg::Unpause {}),
        Action::Donate { amount } => {
            let mut bal = w.vault_balance.clone();
            match bal.iter_mut().find(|c| c.denom == DENOM) {
                Some(c) => c.amount = c.amount.saturating_add(amount.u()),
                None => bal.push(Coin { denom: DENOM.into(), amount: amount.u() }),
            }
            w.set_vault_balance(bal);
            Ok(Default::default())
        }
        Action::Advance { secs, days } => {
            w.clock.advance(secs as u64 % 86_400 + days as u64 * 3 * 86_400);
            Ok(Default::default())
        }
        Action::Prices { btc_bps, eth_bps } => {
            let (b, e) = (moved(price(w, "BTC-PERP"), btc_bps), moved(price(w, "ETH-PERP"), eth_bps));
            let msg = oracle::ExecuteMsg::SetPrices {
                prices: vec![
                    oracle::PriceInput { market: "BTC-PERP".into(), price: b, implied_vol: None },
                    oracle::PriceInput { market: "ETH-PERP".into(), price: e, implied_vol: None },
                ],
            };
            w.exec_oracle(&addr("feeder"), &[], msg)
        }
        Action::Volatility { market, atomics } => w.exec_oracle(
            &oracle_owner,
            &[],
            oracle::ExecuteMsg::SetVolatility { market: market.id().into(), volatility: Decimal::raw(atomics as u128) },
        ),
        Action::Method { which, paths, seed } => {
            let method = match which % 3 {
                0 => oracle::Method::Parametric,
                1 => oracle::Method::Historical,
                _ => oracle::Method::MonteCarlo { paths: (paths % 200) as u32, seed },
            };
            w.exec_oracle(
                &oracle_owner,
                &[],
                oracle::ExecuteMsg::UpdateConfig(oracle::ConfigUpdate { method: Some(method), ..Default::default() }),
            )
        }
    };
    if r.is_ok() {
        w.check_vault_books();
    }
    w.query_vault(QueryMsg::State {}).expect("state must answer");
    w.query_vault(QueryMsg::CoverageReport { start_after: None, limit: None }).expect("coverage_report must answer");
    w.query_vault(QueryMsg::Config {}).expect("config must answer");
}

fuzz_target!(|actions: Vec<Action>| {
    let mut w = World::from_snapshot(Snapshot::get());
    for a in actions.into_iter().take(48) {
        run(&mut w, a);
    }
});
