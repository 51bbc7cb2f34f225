//! The example DEX as a vault member: profitable and bad-debt trades, a settled, a pending and a
//! failed claim, premiums from fees — against the real vault and oracle.

use cosmwasm_std::{coins, Decimal};
use cw_multi_test::Executor;
use example_perp_dex::msg::{ExecuteMsg, QueryMsg};
use example_perp_dex::ContractError;
use risk_pool::vault::{self, ClaimStatus};
use risk_pool::{Amount, SignedNotional, VaultContract};
use risk_testing::prelude::*;

/// The DEX as a member of the vault (no guardian), over an oracle that knows BTC-PERP alone
/// (its crash scenario kept): alice's 1M of capital, the DEX's 1M float and 50k contribution,
/// BTC-PERP at 60000.
fn dex_suite() -> Suite {
    Suite::new().btc_only().vault(|v| v.guardian = None).underwriter("alice", usdc(1_000_000)).with_dex().build()
}

#[test]
fn the_dex_reports_pays_premiums_and_claims_bad_debt() {
    let mut s = dex_suite();
    let vault = VaultContract(s.vault.clone());
    // Profitable trade: +5 % on a 500k long with 50k collateral (fee 500).
    let id = s.dex_open(500_000, 50_000).unwrap();
    let m = vault.member(&s.app.wrap(), s.dex().as_str()).unwrap();
    assert_eq!(m.exposures[0].notional, SignedNotional::new(usdc(500_000) as i128));
    s.dex_price("63000");
    let t0 = s.balance(TRADER);
    assert_eq!(s.dex_close(id), "");
    assert_eq!(s.balance(TRADER) - t0, usdc(49_500) + usdc(25_000));
    assert!(vault.member(&s.app.wrap(), s.dex().as_str()).unwrap().exposures.is_empty());
    // The vault refuses a book the contribution cannot carry: the open reverts.
    assert!(s.dex_open(5_000_000, 100_000).is_err());

    // Bad debt, settled: −20 % on 500k with 10k collateral → loss 100k, bad debt 90.5k:
    // the DEX's 50k contribution first, then 40.5k from the pool (within the 50k auto limit).
    s.dex_price("60000");
    let id = s.dex_open(500_000, 10_000).unwrap();
    s.dex_price("48000");
    let d0 = s.balance(&s.dex());
    assert_eq!(s.dex_close(id), "settled");
    let c = s.dex_state().claims.last().unwrap().clone();
    assert_eq!(
        (c.bad_debt.u128(), c.paid_by_member.u128(), c.paid_by_pool.u128()),
        (usdc(90_500), usdc(50_000), usdc(40_500))
    );
    assert_eq!(s.balance(&s.dex()) - d0, usdc(90_500));

    // Pending: the pool part would take the window total past the auto limit.
    s.dex_fund(100_000);
    s.dex_price("60000");
    let id = s.dex_open(500_000, 10_000).unwrap();
    s.dex_price("42000");
    assert_eq!(s.dex_close(id), "pending");
    let c = s.dex_state().claims.last().unwrap().clone();
    assert_eq!(
        (c.status, c.paid_by_member.u128(), c.paid_by_pool.u128()),
        (Some(ClaimStatus::Pending), usdc(100_000), usdc(40_500))
    );

    // Failed: a second claim while one is pending — the close still stands, the error is kept.
    s.dex_fund(10_000);
    s.dex_price("60000");
    let id = s.dex_open(10_000, 200).unwrap();
    s.dex_price("30000");
    assert_eq!(s.dex_close(id), "failed");
    assert!(s.dex_state().claims.last().unwrap().error.as_ref().unwrap().contains("pending claim"));
    assert!(
        !s.app
            .wrap()
            .query_wasm_smart::<example_perp_dex::msg::Position>(&s.dex(), &QueryMsg::Position { id })
            .unwrap()
            .open
    );

    // Premiums from fees.
    let fees = s.dex_state().fees.u128();
    assert_eq!(fees, usdc(500) + usdc(500) + usdc(500) + usdc(10));
    s.app.execute_contract(s.addr(TRADER), s.dex(), &ExecuteMsg::PayPremium {}, &[]).unwrap();
    assert_eq!(s.dex_state().fees, Amount::ZERO);
}

/// Item 16, the audit's scenario: t1 long 500k and t2 short 500k net to 0; the vault pauses; t2's
/// close raises the net to +500k, an increase the paused vault refuses. Before: the close
/// reverted and t2's collateral stayed locked for the whole pause. After: the close pays t2
/// (49,500 = 50k collateral − the 500 fee, price unchanged), the DEX marks the report pending and
/// refuses new opens; after the unpause anyone's `sync_exposure` lands it and opens work again.
#[test]
fn audit_16_a_close_the_paused_vault_refuses_to_book_still_pays_the_trader() {
    let mut s = dex_suite();
    let (t1, t2) = (s.addr(TRADER), s.addr("trader2"));
    s.dex_open_as(&t1, 500_000, 50_000).unwrap();
    let short = s.dex_open_as(&t2, -500_000, 50_000).unwrap();
    assert!(s.dex_book().iter().all(|e| e.notional.is_zero()), "net 0: {:?}", s.dex_book());
    s.dao(&vault::ExecuteMsg::Pause {}).unwrap();
    let before = s.balance(&t2);
    let r = s.dex_close_as(&t2, short).unwrap();
    assert!(r.events.iter().any(|e| e.attributes.iter().any(|a| a.value == "report_pending")));
    assert_eq!(s.balance(&t2) - before, usdc(49_500));
    let pending = s.dex_state().report_pending.expect("report pending");
    assert_eq!(pending.since, s.app.block_info().time.seconds());
    assert!(pending.reason.contains("paused"), "{}", pending.reason);
    // The vault still holds the old net book (0); ours is +500k.
    assert!(s.dex_book().iter().all(|e| e.notional.is_zero()));
    assert_eq!(s.dex_state().net_exposure[0].notional, SignedNotional::new(usdc(500_000) as i128));
    // New opens are refused with the typed error; a sync is refused while the vault is paused.
    let e = s.dex_open_as(&t2, 1_000, 1_000).unwrap_err().downcast::<ContractError>().unwrap();
    assert_eq!(e, ContractError::ReportPending { since: pending.since, reason: pending.reason.clone() });
    assert!(s.dex_sync().is_err());
    assert!(s.dex_state().report_pending.is_some());
    // After the unpause anyone lands the report; opens work again.
    s.dao(&vault::ExecuteMsg::Unpause {}).unwrap();
    s.dex_sync().unwrap();
    assert_eq!(s.dex_state().report_pending, None);
    assert_eq!(s.dex_book()[0].notional, SignedNotional::new(usdc(500_000) as i128));
    s.dex_open_as(&t2, -100_000, 10_000).unwrap();
    assert_eq!(s.dex_book()[0].notional, SignedNotional::new(usdc(400_000) as i128));
}

/// Item 16: the next close whose report lands clears the mark too.
#[test]
fn audit_16_the_next_landed_report_clears_the_pending_mark() {
    let mut s = dex_suite();
    let (t1, t2) = (s.addr(TRADER), s.addr("trader2"));
    let long = s.dex_open_as(&t1, 500_000, 50_000).unwrap();
    let short = s.dex_open_as(&t2, -500_000, 50_000).unwrap();
    s.dao(&vault::ExecuteMsg::Pause {}).unwrap();
    s.dex_close_as(&t2, short).unwrap();
    assert!(s.dex_state().report_pending.is_some());
    // t1's close brings the net back to 0: a reduction the paused vault accepts.
    let before = s.balance(&t1);
    s.dex_close_as(&t1, long).unwrap();
    assert_eq!(s.balance(&t1) - before, usdc(49_500));
    assert_eq!(s.dex_state().report_pending, None);
    assert!(s.dex_book().iter().all(|e| e.notional.is_zero()));
}

/// Every refusal is a typed error naming the numbers, and changes nothing.
#[test]
fn refusals_are_typed_and_name_the_numbers() {
    let mut s = dex_suite();
    let err = |r: anyhow::Result<cw_multi_test::AppResponse>| r.unwrap_err().downcast::<ContractError>().unwrap();
    let (dex, trader, operator) = (s.dex(), s.addr(TRADER), s.addr(OPERATOR));
    let zero = ExecuteMsg::SetPrice { market: "BTC-PERP".into(), price: Decimal::zero() };
    assert_eq!(
        err(s.app.execute_contract(trader.clone(), dex.clone(), &zero, &[])),
        ContractError::NotOperator { operator: operator.clone(), sender: trader.clone(), action: "set prices" }
    );
    assert_eq!(
        err(s.app.execute_contract(operator.clone(), dex.clone(), &zero, &[])),
        ContractError::ZeroPrice { market: "BTC-PERP".into() }
    );
    // No price for ETH-PERP; collateral below the fee (10 bps of 500k = 500 USDC).
    let eth = ExecuteMsg::Open { market: "ETH-PERP".into(), notional: SignedNotional::new(1) };
    assert_eq!(
        err(s.app.execute_contract(trader.clone(), dex.clone(), &eth, &coins(1, DENOM))),
        ContractError::NoPrice { market: "ETH-PERP".into() }
    );
    let e = s.dex_open(500_000, 499).unwrap_err().downcast::<ContractError>().unwrap();
    assert_eq!(
        e,
        ContractError::CollateralBelowFee {
            collateral: Amount::new(usdc(499)),
            fee: Amount::new(usdc(500)),
            fee_bps: 10,
            notional: Amount::new(usdc(500_000)),
        }
    );
    assert_eq!(s.dex_state().fees, Amount::ZERO, "a refused open takes no fee");
    assert_eq!(
        err(s.app.execute_contract(trader.clone(), dex.clone(), &ExecuteMsg::PayPremium {}, &[])),
        ContractError::NoFees {}
    );
    // Only the trader closes, once; an unknown id is named.
    let id = s.dex_open(1_000, 100).unwrap();
    let t2 = s.addr("trader2");
    assert_eq!(
        err(s.dex_close_as(&t2, id)),
        ContractError::NotTheTrader { position_id: id, trader: trader.clone(), sender: t2.clone() }
    );
    s.dex_close(id);
    assert_eq!(err(s.dex_close_as(&trader, id)), ContractError::PositionClosed { position_id: id });
    assert_eq!(err(s.dex_close_as(&trader, 99)), ContractError::PositionNotFound { position_id: 99 });
}
