//! Red-team scenarios that the rule tests (`vault.rs`) do not already cover. The full list, with
//! the test for each, is docs/red-team.md.

use cosmwasm_std::{
    to_json_binary, Binary, Deps, DepsMut, Empty, Env, MessageInfo, Reply, Response, StdResult, SubMsg, WasmMsg,
};
use cw_multi_test::{ContractWrapper, Executor};
use risk_pool::vault::*;
use risk_testing::prelude::*;

/// Deposit the block before a loss, exit right after: the deposit lock and the unbonding period
/// keep the newcomer in the pool while the loss is paid, so it bears its pro-rata share.
#[test]
fn deposit_just_before_a_claim_and_exit_just_after_bears_the_loss() {
    let mut s = Suite::new()
        .underwriter("alice", usdc(1_000_000))
        .member("dex", usdc(1_000_000), 0, usdc(100_000))
        .vault(|v| v.claim_auto_approve_limit = u(usdc(1_000_000)))
        .build();
    let (dex, victim, attacker) = (s.addr("dex"), s.addr("victim"), s.addr("attacker"));
    s.report(&dex, vec![exp("BTC-PERP", usdc(1_000_000) as i128)]).unwrap();
    s.deposit(&attacker, usdc(1_000_000)).unwrap();
    // The claim comes in the same block: an exit is impossible (locked), then takes 7 days.
    let shares = s.underwriter(&attacker).shares.u128();
    assert!(matches!(
        s.request_withdraw(&attacker, shares).unwrap_err(),
        pool_vault::ContractError::SharesLocked { .. }
    ));
    let r = s.claim_loss(&dex, usdc(300_000), &victim).unwrap();
    assert_eq!(r.paid_by_pool.u128(), usdc(200_000));
    s.advance(3_600);
    s.request_withdraw(&attacker, shares).unwrap();
    s.advance(604_800);
    // Half the capital, half the 200k loss.
    assert_eq!(s.withdraw(&attacker).unwrap(), usdc(900_000));
}

// A malicious member contract: executing it with the vault's address files a claim as a
// reply-always submessage; its `reply` re-enters the vault with a second claim before the first
// transaction has finished.
const TARGET: cw_storage_plus::Item<String> = cw_storage_plus::Item::new("target");

fn claim_msg(vault: &str, recipient: &str) -> StdResult<WasmMsg> {
    let claim = ExecuteMsg::ClaimLoss { amount: u(usdc(150_000)), recipient: recipient.to_string(), memo: None };
    Ok(WasmMsg::Execute { contract_addr: vault.to_string(), msg: to_json_binary(&claim)?, funds: vec![] })
}

fn evil_execute(deps: DepsMut, env: Env, _: MessageInfo, vault: String) -> StdResult<Response> {
    TARGET.save(deps.storage, &vault)?;
    Ok(Response::new().add_submessage(SubMsg::reply_always(claim_msg(&vault, env.contract.address.as_str())?, 1)))
}

fn evil_reply(deps: DepsMut, env: Env, _: Reply) -> StdResult<Response> {
    let vault = TARGET.load(deps.storage)?;
    Ok(Response::new().add_message(claim_msg(&vault, env.contract.address.as_str())?))
}

fn evil_instantiate(_: DepsMut, _: Env, _: MessageInfo, _: Empty) -> StdResult<Response> {
    Ok(Response::new())
}

fn evil_query(_: Deps, _: Env, _: Empty) -> StdResult<Binary> {
    to_json_binary(&())
}

#[test]
fn reentrancy_through_a_submessage_reply_moves_nothing_it_should_not() {
    let mut s = Suite::new()
        .underwriter("alice", usdc(1_000_000))
        .vault(|v| v.claim_auto_approve_limit = u(usdc(1_000_000)))
        .build();
    let code = s
        .app
        .store_code(Box::new(ContractWrapper::new(evil_execute, evil_instantiate, evil_query).with_reply(evil_reply)));
    let dao = s.dao.clone();
    let evil = s.app.instantiate_contract(code, dao, &Empty {}, &[], "evil", None).unwrap();
    s.register(&evil, usdc(1_000_000), 0, 86_400).unwrap();
    let (funder, vault) = (s.addr("payer"), s.vault.clone());
    s.app.send_tokens(funder, evil.clone(), &cosmwasm_std::coins(usdc(100_000), DENOM)).unwrap();
    s.exec_raw(&evil, &vault, &ExecuteMsg::MemberDeposit {}, &cosmwasm_std::coins(usdc(100_000), DENOM)).unwrap();
    s.exec(&evil, &ExecuteMsg::ReportExposure { exposures: vec![exp("BTC-PERP", usdc(500_000) as i128)] }).unwrap();
    let assets = s.state().total_assets.u128();
    s.app.execute_contract(s.addr("attacker"), evil.clone(), &vault.to_string(), &[]).unwrap();
    s.check();
    // First claim: escrow 100k, pool 50k (claim limit 1.5 × 200k stress covers it), settled.
    // Re-entrant claim: the vault had already written the first one (contribution 0 < required),
    // so coverage is suspended and the pool pays nothing.
    let c1 = s.claim(1);
    let c2 = s.claim(2);
    assert_eq!((c1.paid_by_member.u128(), c1.paid_by_pool.u128()), (usdc(100_000), usdc(50_000)));
    assert_eq!((c2.paid_by_member.u128(), c2.paid_by_pool.u128(), c2.denied.u128()), (0, 0, usdc(150_000)));
    assert_eq!(c2.suspended.as_deref(), Some("deficit"));
    assert_eq!(s.state().total_assets.u128(), assets - usdc(50_000));
    assert_eq!(s.balance(&evil), usdc(150_000));
}

/// Fuzzing regression (fuzz/regressions/vault_json): a notional of Int128::MIN is a typed error.
#[test]
fn int128_min_notional_is_a_typed_error() {
    let mut s =
        Suite::new().underwriter("alice", usdc(1_000_000)).member("dex", usdc(1_000_000), 0, usdc(100_000)).build();
    let dex = s.addr("dex");
    let err = s.report(&dex, vec![exp("BTC-PERP", i128::MIN)]).unwrap_err();
    assert!(matches!(err, pool_vault::ContractError::OracleError { .. }), "{err:?}");
    s.report(&dex, vec![exp("BTC-PERP", 1_000)]).unwrap();
    // As a reduction candidate it is not one (|MIN| > |1,000|): refused the same way.
    let err = s.report(&dex, vec![exp("BTC-PERP", i128::MIN)]).unwrap_err();
    assert!(matches!(err, pool_vault::ContractError::OracleError { .. }), "{err:?}");
}
