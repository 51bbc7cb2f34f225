//! The example DEX as a vault member: profitable and bad-debt trades, a settled, a pending and a
//! failed claim, premiums from fees — against the real vault and oracle.

use cosmwasm_std::{coins, from_json, Addr, Decimal, Int128, Uint128};
use cw_multi_test::{App, ContractWrapper, Executor};
use example_perp_dex::msg::{ExecuteMsg, InstantiateMsg, QueryMsg, StateResponse};
use risk_pool::vault::{self, ClaimStatus};
use risk_pool::{oracle, VaultContract};
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
        for a in [&operator, &trader, &alice] {
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
        let omsg: oracle::InstantiateMsg = from_json(format!(
            r#"{{"owner": "{admin}", "feeders": ["{feeder}"], "confidence_bps": 9900, "horizon_secs": 86400,
 "max_staleness_secs": 315360000, "method": "parametric", "requirement_multiplier": "1.0",
 "min_requirement": "0", "cover_n": 2, "claim_multiple": "1.5",
 "markets": [{{"id": "BTC-PERP", "price": "60000", "volatility": "0.65"}}],
 "correlations": [], "stress_scenarios": [{{"name": "crash", "shocks": [{{"market": "BTC-PERP", "shock": "-0.4"}}]}}]}}"#
        ))
        .unwrap();
        let oracle = app.instantiate_contract(oc, admin.clone(), &omsg, &[], "oracle", None).unwrap();
        let vmsg: vault::InstantiateMsg = from_json(format!(
            r#"{{"owner": "{admin}", "guardian": null, "risk_oracle": "{oracle}", "asset": {{"native": "uusdc"}},
 "unbonding_secs": 604800, "deposit_lock_secs": 3600, "min_deposit": "1000000", "protocol_fee_bps": 1000,
 "treasury": "{treasury}", "claim_auto_approve_limit": "50000000000", "max_pending_claim_secs": 1209600,
 "loss_cap_bps": 3000, "loss_cap_window_secs": 2592000, "max_capital_multiple": null}}"#
        ))
        .unwrap();
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
        app.execute_contract(admin, vault.clone(), &vault::ExecuteMsg::RegisterMember(terms), &[]).unwrap();
        app.send_tokens(operator.clone(), dex.clone(), &coins(usdc(1_000_000), U)).unwrap();
        let mut s = S { app, dex, vault, operator, trader };
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
        let m = ExecuteMsg::Open { market: "BTC-PERP".into(), notional: Int128::new(usdc(notional) as i128) };
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
    assert_eq!(m.exposures[0].notional, Int128::new(usdc(500_000) as i128));
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
    assert_eq!(s.state().fees, Uint128::zero());
}
