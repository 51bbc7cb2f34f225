//! The example DEX as a vault member: profitable and bad-debt trades, a settled, a pending and a
//! failed claim, premiums from fees — against the real vault and oracle.

use cosmwasm_std::{coins, Addr, Decimal, Int128};
use cw_multi_test::{App, ContractWrapper, Executor};
use example_perp_dex::msg::{ExecuteMsg, InstantiateMsg, QueryMsg, StateResponse};
use example_perp_dex::ContractError;
use risk_pool::vault::{self, ClaimStatus};
use risk_pool::{oracle, Amount, SignedNotional, VaultContract};
use std::str::FromStr;

const U: &str = "uusdc";
fn usdc(x: u128) -> u128 {
    x * 1_000_000
}

struct S {
    app: App,
    dex: Addr,
    vault: Addr,
    operator: Addr,
    trader: Addr,
    trader2: Addr,
    admin: Addr,
}

impl S {
    fn new() -> S {
        let mut app = App::default();
        let api = cosmwasm_std::testing::MockApi::default();
        let (admin, feeder, treasury, operator, trader, alice) = (
            api.addr_make("admin"),
            api.addr_make("feeder"),
            api.addr_make("treasury"),
            api.addr_make("operator"),
            api.addr_make("trader"),
            api.addr_make("alice"),
        );
        let trader2 = api.addr_make("trader2");
        for a in [&operator, &trader, &alice, &trader2] {
            app.init_modules(|r, _, s| r.bank.init_balance(s, a, coins(usdc(10_000_000), U)).unwrap());
        }
        let oc = app.store_code(Box::new(ContractWrapper::new(
            risk_oracle::contract::execute,
            risk_oracle::contract::instantiate,
            risk_oracle::contract::query,
        )));
        let vc = app.store_code(Box::new(ContractWrapper::new(
            pool_vault::contract::execute,
            pool_vault::contract::instantiate,
            pool_vault::contract::query,
        )));
        let dc = app.store_code(Box::new(
            ContractWrapper::new(
                example_perp_dex::contract::execute,
                example_perp_dex::contract::instantiate,
                example_perp_dex::contract::query,
            )
            .with_reply(example_perp_dex::contract::reply),
        ));
        // SPEC's oracle example cut to BTC-PERP alone (its crash scenario kept, no correlation);
        // staleness widened so that time jumps do not stale the price.
        let mut omsg = risk_testing::oracle_msg(admin.as_str(), feeder.as_str());
        omsg.max_staleness_secs = 315_360_000;
        omsg.markets.retain(|m| m.id == "BTC-PERP");
        omsg.correlations.clear();
        let oracle = app.instantiate_contract(oc, admin.clone(), &omsg, &[], "oracle", None).unwrap();
        let vmsg = risk_testing::vault_msg(admin.as_str(), None, oracle.as_str(), treasury.as_str());
        let vault = app.instantiate_contract(vc, admin.clone(), &vmsg, &[], "vault", None).unwrap();
        let imsg =
            InstantiateMsg { vault: vault.to_string(), denom: U.into(), operator: operator.to_string(), fee_bps: 10 };
        let dex = app.instantiate_contract(dc, admin.clone(), &imsg, &[], "dex", None).unwrap();
        // Underwriter capital, the DEX registered by the owner, its float and contribution.
        app.execute_contract(
            alice,
            vault.clone(),
            &vault::ExecuteMsg::Deposit { recipient: None },
            &coins(usdc(1_000_000), U),
        )
        .unwrap();
        let terms = vault::MemberTerms {
            member: dex.to_string(),
            coverage_cap: usdc(1_000_000).into(),
            premium_rate_bps: 500,
            grace_secs: 604_800,
        };
        app.execute_contract(admin.clone(), vault.clone(), &vault::ExecuteMsg::RegisterMember(terms), &[]).unwrap();
        app.send_tokens(operator.clone(), dex.clone(), &coins(usdc(1_000_000), U)).unwrap();
        let mut s = S { app, dex, vault, operator, trader, trader2, admin };
        s.fund(50_000);
        s.price("60000");
        s
    }
    fn fund(&mut self, amount: u128) {
        self.app
            .execute_contract(
                self.operator.clone(),
                self.dex.clone(),
                &ExecuteMsg::FundContribution {},
                &coins(usdc(amount), U),
            )
            .unwrap();
    }
    fn price(&mut self, p: &str) {
        let m = ExecuteMsg::SetPrice { market: "BTC-PERP".into(), price: Decimal::from_str(p).unwrap() };
        self.app.execute_contract(self.operator.clone(), self.dex.clone(), &m, &[]).unwrap();
    }
    fn open(&mut self, notional: u128, collateral: u128) -> anyhow::Result<u64> {
        let m = ExecuteMsg::Open { market: "BTC-PERP".into(), notional: SignedNotional::new(usdc(notional) as i128) };
        let r = self.app.execute_contract(self.trader.clone(), self.dex.clone(), &m, &coins(usdc(collateral), U))?;
        Ok(r.events.iter().flat_map(|e| &e.attributes).find(|a| a.key == "position_id").unwrap().value.parse()?)
    }
    fn close(&mut self, id: u64) -> String {
        let r = self
            .app
            .execute_contract(self.trader.clone(), self.dex.clone(), &ExecuteMsg::Close { position_id: id }, &[])
            .unwrap();
        r.events
            .iter()
            .flat_map(|e| &e.attributes)
            .find(|a| a.key == "claim_outcome")
            .map(|a| a.value.clone())
            .unwrap_or_default()
    }
    /// `who` opens a signed `notional` (USDC) with `collateral` attached.
    fn open_as(&mut self, who: &Addr, notional: i128, collateral: u128) -> anyhow::Result<u64> {
        let m = ExecuteMsg::Open { market: "BTC-PERP".into(), notional: SignedNotional::new(notional * 1_000_000) };
        let r = self.app.execute_contract(who.clone(), self.dex.clone(), &m, &coins(usdc(collateral), U))?;
        Ok(r.events.iter().flat_map(|e| &e.attributes).find(|a| a.key == "position_id").unwrap().value.parse()?)
    }
    fn close_as(&mut self, who: &Addr, id: u64) -> anyhow::Result<cw_multi_test::AppResponse> {
        self.app.execute_contract(who.clone(), self.dex.clone(), &ExecuteMsg::Close { position_id: id }, &[])
    }
    fn sync(&mut self) -> anyhow::Result<cw_multi_test::AppResponse> {
        let anyone = self.app.api().addr_make("keeper");
        self.app.execute_contract(anyone, self.dex.clone(), &ExecuteMsg::SyncExposure {}, &[])
    }
    fn vault_admin(&mut self, msg: &vault::ExecuteMsg) {
        self.app.execute_contract(self.admin.clone(), self.vault.clone(), msg, &[]).unwrap();
    }
    fn vault_book(&self) -> Vec<oracle::Exposure> {
        VaultContract(self.vault.clone()).member(&self.app.wrap(), self.dex.as_str()).unwrap().exposures
    }
    fn state(&self) -> StateResponse {
        self.app.wrap().query_wasm_smart(&self.dex, &QueryMsg::State {}).unwrap()
    }
    fn balance(&self, a: &Addr) -> u128 {
        self.app.wrap().query_balance(a, U).unwrap().amount.u128()
    }
}

#[test]
fn the_dex_reports_pays_premiums_and_claims_bad_debt() {
    let mut s = S::new();
    let vault = VaultContract(s.vault.clone());
    // Profitable trade: +5 % on a 500k long with 50k collateral (fee 500).
    let id = s.open(500_000, 50_000).unwrap();
    let m = vault.member(&s.app.wrap(), s.dex.as_str()).unwrap();
    assert_eq!(m.exposures[0].notional, (Int128::new(usdc(500_000) as i128)).into());
    s.price("63000");
    let t0 = s.balance(&s.trader.clone());
    assert_eq!(s.close(id), "");
    assert_eq!(s.balance(&s.trader.clone()) - t0, usdc(49_500) + usdc(25_000));
    assert!(vault.member(&s.app.wrap(), s.dex.as_str()).unwrap().exposures.is_empty());
    // The vault refuses a book the contribution cannot carry: the open reverts.
    assert!(s.open(5_000_000, 100_000).is_err());

    // Bad debt, settled: −20 % on 500k with 10k collateral → loss 100k, bad debt 90.5k:
    // the DEX's 50k contribution first, then 40.5k from the pool (within the 50k auto limit).
    s.price("60000");
    let id = s.open(500_000, 10_000).unwrap();
    s.price("48000");
    let d0 = s.balance(&s.dex.clone());
    assert_eq!(s.close(id), "settled");
    let c = s.state().claims.last().unwrap().clone();
    assert_eq!(
        (c.bad_debt.u128(), c.paid_by_member.u128(), c.paid_by_pool.u128()),
        (usdc(90_500), usdc(50_000), usdc(40_500))
    );
    assert_eq!(s.balance(&s.dex.clone()) - d0, usdc(90_500));

    // Pending: the pool part would take the window total past the auto limit.
    s.fund(100_000);
    s.price("60000");
    let id = s.open(500_000, 10_000).unwrap();
    s.price("42000");
    assert_eq!(s.close(id), "pending");
    let c = s.state().claims.last().unwrap().clone();
    assert_eq!(
        (c.status, c.paid_by_member.u128(), c.paid_by_pool.u128()),
        (Some(ClaimStatus::Pending), usdc(100_000), usdc(40_500))
    );

    // Failed: a second claim while one is pending — the close still stands, the error is kept.
    s.fund(10_000);
    s.price("60000");
    let id = s.open(10_000, 200).unwrap();
    s.price("30000");
    assert_eq!(s.close(id), "failed");
    assert!(s.state().claims.last().unwrap().error.as_ref().unwrap().contains("pending claim"));
    assert!(
        !s.app
            .wrap()
            .query_wasm_smart::<example_perp_dex::msg::Position>(&s.dex, &QueryMsg::Position { id })
            .unwrap()
            .open
    );

    // Premiums from fees.
    let fees = s.state().fees.u128();
    assert_eq!(fees, usdc(500) + usdc(500) + usdc(500) + usdc(10));
    s.app.execute_contract(s.trader.clone(), s.dex.clone(), &ExecuteMsg::PayPremium {}, &[]).unwrap();
    assert_eq!(s.state().fees, Amount::ZERO);
}

/// Item 16, the audit's scenario: t1 long 500k and t2 short 500k net to 0; the vault pauses; t2's
/// close raises the net to +500k, an increase the paused vault refuses. Before: the close
/// reverted and t2's collateral stayed locked for the whole pause. After: the close pays t2
/// (49,500 = 50k collateral − the 500 fee, price unchanged), the DEX marks the report pending and
/// refuses new opens; after the unpause anyone's `sync_exposure` lands it and opens work again.
#[test]
fn audit_16_a_close_the_paused_vault_refuses_to_book_still_pays_the_trader() {
    let mut s = S::new();
    let (t1, t2) = (s.trader.clone(), s.trader2.clone());
    s.open_as(&t1, 500_000, 50_000).unwrap();
    let short = s.open_as(&t2, -500_000, 50_000).unwrap();
    assert!(s.vault_book().iter().all(|e| e.notional.is_zero()), "net 0: {:?}", s.vault_book());
    s.vault_admin(&vault::ExecuteMsg::Pause {});
    let before = s.balance(&t2);
    let r = s.close_as(&t2, short).unwrap();
    assert!(r.events.iter().any(|e| e.attributes.iter().any(|a| a.value == "report_pending")));
    assert_eq!(s.balance(&t2) - before, usdc(49_500));
    let pending = s.state().report_pending.expect("report pending");
    assert_eq!(pending.since, s.app.block_info().time.seconds());
    assert!(pending.reason.contains("paused"), "{}", pending.reason);
    // The vault still holds the old net book (0); ours is +500k.
    assert!(s.vault_book().iter().all(|e| e.notional.is_zero()));
    assert_eq!(s.state().net_exposure[0].notional, (Int128::new(usdc(500_000) as i128)).into());
    // New opens are refused with the typed error; a sync is refused while the vault is paused.
    let e = s.open_as(&t2, 1_000, 1_000).unwrap_err().downcast::<ContractError>().unwrap();
    assert_eq!(e, ContractError::ReportPending { since: pending.since, reason: pending.reason.clone() });
    assert!(s.sync().is_err());
    assert!(s.state().report_pending.is_some());
    // After the unpause anyone lands the report; opens work again.
    s.vault_admin(&vault::ExecuteMsg::Unpause {});
    s.sync().unwrap();
    assert_eq!(s.state().report_pending, None);
    assert_eq!(s.vault_book()[0].notional, (Int128::new(usdc(500_000) as i128)).into());
    s.open_as(&t2, -100_000, 10_000).unwrap();
    assert_eq!(s.vault_book()[0].notional, (Int128::new(usdc(400_000) as i128)).into());
}

/// Item 16: the next close whose report lands clears the mark too.
#[test]
fn audit_16_the_next_landed_report_clears_the_pending_mark() {
    let mut s = S::new();
    let (t1, t2) = (s.trader.clone(), s.trader2.clone());
    let long = s.open_as(&t1, 500_000, 50_000).unwrap();
    let short = s.open_as(&t2, -500_000, 50_000).unwrap();
    s.vault_admin(&vault::ExecuteMsg::Pause {});
    s.close_as(&t2, short).unwrap();
    assert!(s.state().report_pending.is_some());
    // t1's close brings the net back to 0: a reduction the paused vault accepts.
    let before = s.balance(&t1);
    s.close_as(&t1, long).unwrap();
    assert_eq!(s.balance(&t1) - before, usdc(49_500));
    assert_eq!(s.state().report_pending, None);
    assert!(s.vault_book().iter().all(|e| e.notional.is_zero()));
}

/// Every refusal is a typed error naming the numbers, and changes nothing.
#[test]
fn refusals_are_typed_and_name_the_numbers() {
    let mut s = S::new();
    let err = |r: anyhow::Result<cw_multi_test::AppResponse>| r.unwrap_err().downcast::<ContractError>().unwrap();
    let (dex, trader, operator) = (s.dex.clone(), s.trader.clone(), s.operator.clone());
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
        err(s.app.execute_contract(trader.clone(), dex.clone(), &eth, &coins(1, U))),
        ContractError::NoPrice { market: "ETH-PERP".into() }
    );
    let e = s.open(500_000, 499).unwrap_err().downcast::<ContractError>().unwrap();
    assert_eq!(
        e,
        ContractError::CollateralBelowFee {
            collateral: Amount::new(usdc(499)),
            fee: Amount::new(usdc(500)),
            fee_bps: 10,
            notional: Amount::new(usdc(500_000)),
        }
    );
    assert_eq!(s.state().fees, Amount::ZERO, "a refused open takes no fee");
    assert_eq!(
        err(s.app.execute_contract(trader.clone(), dex.clone(), &ExecuteMsg::PayPremium {}, &[])),
        ContractError::NoFees {}
    );
    // Only the trader closes, once; an unknown id is named.
    let id = s.open(1_000, 100).unwrap();
    let t2 = s.trader2.clone();
    assert_eq!(
        err(s.close_as(&t2, id)),
        ContractError::NotTheTrader { position_id: id, trader: trader.clone(), sender: t2.clone() }
    );
    s.close(id);
    assert_eq!(err(s.close_as(&trader, id)), ContractError::PositionClosed { position_id: id });
    assert_eq!(err(s.close_as(&trader, 99)), ContractError::PositionNotFound { position_id: 99 });
}
