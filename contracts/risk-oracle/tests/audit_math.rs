//! Issue 11, items 11 and 13 end to end through the oracle's JSON interface (cw-multi-test).

use cosmwasm_std::{Addr, Int128, SignedDecimal};
use cw_multi_test::{App, AppBuilder, ContractWrapper, Executor};
use risk_oracle::contract::{execute, instantiate, query};
use risk_oracle::ContractError;
use risk_pool::oracle::{AssessResponse, CorrelationResponse, ExecuteMsg, Exposure, InstantiateMsg, QueryMsg};
use std::str::FromStr;

/// Markets A, B, X (σ 0.65 each), ρ(A,B) = 1; parametric, 99 %, 1 day.
fn instantiate_json(owner: &Addr, feeder: &Addr, confidence_bps: u32) -> String {
    format!(
        r#"{{"owner": "{owner}", "feeders": ["{feeder}"],
 "confidence_bps": {confidence_bps}, "horizon_secs": 86400, "max_staleness_secs": 3600,
 "method": "parametric",
 "requirement_multiplier": "1.0", "min_requirement": "0",
 "cover_n": 2, "claim_multiple": "1.5",
 "markets": [{{"id": "A-PERP", "price": "100", "volatility": "0.65"}},
             {{"id": "B-PERP", "price": "100", "volatility": "0.65"}},
             {{"id": "X-PERP", "price": "100", "volatility": "0.65"}}],
 "correlations": [{{"a": "A-PERP", "b": "B-PERP", "rho": "1"}}],
 "stress_scenarios": []}}"#
    )
}

struct Suite {
    app: App,
    owner: Addr,
    oracle: Addr,
}

fn setup(confidence_bps: u32) -> Result<Suite, ContractError> {
    let mut app = AppBuilder::new().build(|_, _, _| {});
    let owner = app.api().addr_make("dao");
    let feeder = app.api().addr_make("feeder");
    let code_id = app.store_code(Box::new(ContractWrapper::new(execute, instantiate, query)));
    let msg: InstantiateMsg = cosmwasm_std::from_json(instantiate_json(&owner, &feeder, confidence_bps)).unwrap();
    let oracle = app
        .instantiate_contract(code_id, owner.clone(), &msg, &[], "oracle", None)
        .map_err(|e| e.downcast::<ContractError>().unwrap())?;
    Ok(Suite { app, owner, oracle })
}

impl Suite {
    fn exec_json(&mut self, json: &str) -> Result<(), ContractError> {
        let msg: ExecuteMsg = cosmwasm_std::from_json(json).unwrap();
        self.app
            .execute_contract(self.owner.clone(), self.oracle.clone(), &msg, &[])
            .map(|_| ())
            .map_err(|e| e.downcast::<ContractError>().unwrap())
    }

    /// One batch: ρ(A,X) = 0.3 and ρ(B,X) = `rho`.
    fn set_x(&mut self, rho: &str) -> Result<(), ContractError> {
        self.exec_json(&format!(
            r#"{{"set_correlations": {{"pairs": [{{"a": "A-PERP", "b": "X-PERP", "rho": "0.3"}},
                {{"a": "B-PERP", "b": "X-PERP", "rho": "{rho}"}}]}}}}"#
        ))
    }

    fn rho(&self, a: &str, b: &str) -> SignedDecimal {
        let q = QueryMsg::Correlation { a: a.into(), b: b.into() };
        let r: CorrelationResponse = self.app.wrap().query_wasm_smart(&self.oracle, &q).unwrap();
        r.rho
    }

    fn assess(&self, book: &[(&str, i128)]) -> AssessResponse {
        let exposures = book
            .iter()
            .map(|(m, n)| Exposure { market: m.to_string(), notional: (Int128::new(*n)).into(), option: None })
            .collect();
        self.app.wrap().query_wasm_smart(&self.oracle, &QueryMsg::Assess { exposures }).unwrap()
    }
}

const BOOK: [(&str, i128); 3] =
    [("A-PERP", 1_000_000_000_000_000), ("B-PERP", -1_000_000_000_000_000), ("X-PERP", 10_000_000_000)];

/// Item 11: ρ(B,X) = 0.30001 with ρ(A,B) = 1 and ρ(A,X) = 0.3 is not PSD (smallest eigenvalue
/// −5.5e-11); it is refused naming the zero pivot B, and nothing changes. The old oracle
/// accepted it and priced the book at VaR 0. With ρ(B,X) = 0.3 (singular, PSD) the book is
/// priced at X's own risk, 791,482,985.
#[test]
fn audit_11_not_psd_correlations_are_refused_and_singular_ones_priced() {
    let mut s = setup(9900).unwrap();
    assert_eq!(s.set_x("0.30001"), Err(ContractError::NotPositiveSemiDefinite { market: "B-PERP".into() }));
    assert_eq!((s.rho("A-PERP", "X-PERP"), s.rho("B-PERP", "X-PERP")), (SignedDecimal::zero(), SignedDecimal::zero()));
    let x_alone = s.assess(&BOOK[2..]).var.u128();
    assert_eq!(x_alone, 791_482_985);
    s.set_x("0.3").unwrap();
    assert_eq!(s.rho("B-PERP", "X-PERP"), SignedDecimal::from_str("0.3").unwrap());
    let r = s.assess(&BOOK);
    assert!(r.var.u128() >= x_alone && r.var.u128() <= x_alone + 1, "{} vs X alone {x_alone}", r.var);
    assert!(r.es.u128() > 0);
}

/// Item 13: confidence ≥ 10,000 bps is refused at instantiate and at update_config with a typed
/// error (the math below it now also refuses it instead of panicking).
#[test]
fn audit_13_full_confidence_is_refused_by_the_oracle() {
    for bps in [10_000, 10_001] {
        assert_eq!(
            setup(bps).err(),
            Some(ContractError::InvalidConfig { reason: format!("confidence_bps {bps} outside [5000, 9999]") })
        );
    }
    let mut s = setup(9900).unwrap();
    assert_eq!(
        s.exec_json(r#"{"update_config": {"confidence_bps": 10000}}"#),
        Err(ContractError::InvalidConfig { reason: "confidence_bps 10000 outside [5000, 9999]".into() })
    );
}
