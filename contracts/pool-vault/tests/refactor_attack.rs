//! An independent attack on the refactor a1139b6 → HEAD (typed units, `Ctx`, funds normalised
//! once, the claim flow in named steps, storage apart from responses, one books check).
//!
//! Each test is an attack an underwriter, a member or an integrator could mount on a behaviour
//! the refactor promised to keep. Every one here is a *defended* attack: the scenario was read in
//! both versions of the code (a1139b6 and HEAD) and the behaviour asserted is the one both give;
//! expected figures are computed in the test from the SPEC's formulas and the state read before
//! the step, never copied from a run.
//!
//! Run on both: every test but `attack_a_books_check_that_cannot_fail` (the balance check is one of
//! the refactor's documented changes) was ported to a1139b6's own `tests/suite` (renames only:
//! `SuiteBuilder::new`, the `config` query for `vault_cfg`) and passes there too.

use cosmwasm_std::{coins, to_json_binary, to_json_vec, Addr};
use cw_multi_test::{AppResponse, Executor};
use pool_vault::ContractError as E;
use risk_pool::vault::*;
use risk_testing::prelude::*;

const V_SHARES: u128 = 1_000_000;
const V_ASSETS: u128 = 1;

/// alice 1,000 USDC of capital; member `dex` (coverage 500k, 5 %/yr, 200 USDC contribution).
fn pool(cw20: bool) -> Suite {
    let b = Suite::new().underwriter("alice", usdc(1_000)).member("dex", usdc(500_000), 500, usdc(200));
    if cw20 { b.cw20() } else { b }.build()
}

/// The attributes of the vault's `wasm` event, contract address left out (it differs between
/// suites).
fn vault_attrs(r: &AppResponse) -> Vec<(String, String)> {
    r.events
        .iter()
        .filter(|e| e.ty == "wasm" && e.attributes.iter().any(|a| a.key == "action" && a.value == "deposit"))
        .flat_map(|e| e.attributes.iter())
        .filter(|a| a.key != "_contract_address")
        .map(|a| (a.key.clone(), a.value.clone()))
        .collect()
}

/// One income step and two deposits, the second at a price that is no longer 1: the cw20 path
/// and the native path, normalised to one `Funds` triple, must mint the same shares, move the
/// same books and answer the same attributes (payer = the cw20 sender, not the token).
#[test]
fn attack_cw20_and_native_paths_diverge_after_normalisation() {
    let run = |cw20: bool| {
        let mut s = pool(cw20);
        let (alice, bob, dex) = (s.addr("alice"), s.addr("bob"), s.addr("dex"));
        // 123.456789 USDC of premium: income vests into the share price over a week.
        s.pay_premium(&bob, &dex, 123_456_789).unwrap();
        s.advance(3 * DAY);
        let r = s.deposit(&bob, 777_777_777).unwrap();
        let attrs = vault_attrs(&r);
        assert!(attrs.contains(&("depositor".into(), bob.to_string())), "payer is the sender: {attrs:?}");
        let st = s.state();
        (attrs, s.underwriter(&alice), s.underwriter(&bob), st.total_assets, st.total_shares, st.unvested)
    };
    let native = run(false);
    let cw20 = run(true);
    assert_eq!(native, cw20);
    // And the second deposit really was at a price above 1 (income vested): fewer shares than
    // 10⁶ per unit.
    assert!(native.2.shares.u128() < 777_777_777 * V_SHARES, "{}", native.2.shares);
}

/// Funds checks keep their order: attached coins are refused before the token is judged, a cw20
/// vault refuses native coins by name, and a non-funds message with coins is refused before its
/// own checks.
#[test]
fn attack_funds_checks_reordered_by_the_dispatcher() {
    let mut s = pool(false);
    let (bob, vault) = (s.addr("bob"), s.vault.clone());
    let hook = ExecuteMsg::Receive(cw20::Cw20ReceiveMsg {
        sender: bob.to_string(),
        amount: 5u128.into(),
        msg: to_json_binary(&ReceiveMsg::Deposit { recipient: None }).unwrap(),
    });
    // Coins attached and not the token: `FundsNotAccepted` first (a1139b6: `no_funds` ran
    // before the token check), then `UnknownToken` without coins.
    assert_eq!(s.exec_raw(&bob, &vault, &hook, &coins(5, DENOM)).unwrap_err(), E::FundsNotAccepted {});
    assert_eq!(s.exec_raw(&bob, &vault, &hook, &[]).unwrap_err(), E::UnknownToken { sender: bob.to_string() });
    // A non-funds message with coins is refused before its own zero check.
    let rw = ExecuteMsg::RequestWithdraw { shares: u(0) };
    assert_eq!(s.exec_raw(&bob, &vault, &rw, &coins(1, DENOM)).unwrap_err(), E::FundsNotAccepted {});

    let mut c = pool(true);
    let (bob, vault, token) = (c.addr("bob"), c.vault.clone(), c.token.clone().unwrap());
    c.app.init_modules(|r, _, st| r.bank.init_balance(st, &bob, coins(usdc(10), DENOM)).unwrap());
    for msg in [
        ExecuteMsg::Deposit { recipient: None },
        ExecuteMsg::MemberDeposit {},
        ExecuteMsg::PayPremium { member: bob.to_string() },
        ExecuteMsg::ReturnRecovery { claim_id: 1 },
    ] {
        assert_eq!(
            c.exec_raw(&bob, &vault, &msg, &coins(usdc(1), DENOM)).unwrap_err(),
            E::UseCw20Send { token: token.to_string() },
            "{msg:?}"
        );
    }
    assert_eq!(c.balance(&bob), FUNDED, "no token moved");
}

/// The share price: a deposit mints ⌊d·(S + 10⁶)/(A + 1)⌋ (gross assets), a redemption is worth
/// ⌊s·(net + 1)/(S + 10⁶)⌋ (net assets), both rounded toward the pool; a typed `mul_ratio_*`
/// applied the wrong way round (ceil, or the ratio inverted) moves these figures.
#[test]
fn attack_share_price_rounds_toward_the_depositor() {
    let mut s = pool(false);
    let (bob, carol, dex) = (s.addr("bob"), s.addr("carol"), s.addr("dex"));
    s.pay_premium(&carol, &dex, 333_333_333).unwrap();
    s.advance(DAY + 7);
    // A pending claim with a pool part makes net assets differ from gross ones.
    s.report(&dex, vec![exp("BTC-PERP", usdc(500) as i128)]).unwrap();
    s.exec(&s.guardian.clone(), &ExecuteMsg::Pause {}).unwrap();
    let c = s.claim_loss(&dex, usdc(260), &carol).unwrap();
    assert_eq!(c.status, ClaimStatus::Pending);
    assert!(s.state().pending_exposure.u128() > 0 && s.state().net_assets < s.state().total_assets);
    s.dao(&ExecuteMsg::Unpause {}).unwrap();
    for d in [1_000_003u128, 999_999_937, 12_345_678_901] {
        let st = s.state();
        let (a, sh) = (st.total_assets.u128(), st.total_shares.u128());
        let expect = d * (sh + V_SHARES) / (a + V_ASSETS);
        let preview: PreviewDepositResponse = s.q(&QueryMsg::PreviewDeposit { amount: u(d) });
        assert_eq!(preview.shares.u128(), expect, "preview of {d}");
        let before = s.underwriter(&bob).shares.u128();
        s.deposit(&bob, d).unwrap();
        let minted = s.underwriter(&bob).shares.u128() - before;
        assert_eq!(minted, expect, "minted for {d}");
        let st = s.state();
        let (net, sh) = (st.net_assets.u128(), st.total_shares.u128());
        let redeem: PreviewRedeemResponse = s.q(&QueryMsg::PreviewRedeem { shares: u(minted) });
        assert_eq!(redeem.amount.u128(), minted * (net + V_ASSETS) / (sh + V_SHARES), "value of {minted}");
        assert!(redeem.amount.u128() <= d, "a round trip profits: {} > {d}", redeem.amount);
    }
}

/// `withdraw` pays min(value at request, value now) per entry: a loss after the request lowers
/// the payout, a gain after it does not raise it.
#[test]
fn attack_withdraw_pays_the_higher_of_request_and_now() {
    let mut s = pool(false);
    let (alice, carol, dex) = (s.addr("alice"), s.addr("carol"), s.addr("dex"));
    s.advance(3_600);
    let shares = s.underwriter(&alice).shares.u128();
    let half = shares / 2;
    s.request_withdraw(&alice, half).unwrap();
    let at_request = s.underwriter(&alice).unbonding[0].value_at_request.u128();
    // Income after the request (fully vested by maturity): the price rises.
    s.pay_premium(&carol, &dex, usdc(100)).unwrap();
    s.advance(s.vault_cfg().unbonding_secs);
    let preview: PreviewRedeemResponse = s.q(&QueryMsg::PreviewRedeem { shares: u(half) });
    assert!(preview.amount.u128() > at_request);
    assert_eq!(s.withdraw(&alice).unwrap(), at_request);
    // Now the other half, and a loss (a settled claim paid by the pool) before it matures.
    s.request_withdraw(&alice, shares - half).unwrap();
    let at_request = s.underwriter(&alice).unbonding[0].value_at_request.u128();
    s.advance(1);
    s.report(&dex, vec![exp("BTC-PERP", usdc(500) as i128)]).unwrap();
    let c = s.claim_loss(&dex, usdc(260), &carol).unwrap();
    assert!(c.paid_by_pool.u128() > 0, "{c:?}");
    s.advance(s.vault_cfg().unbonding_secs);
    let preview: PreviewRedeemResponse = s.q(&QueryMsg::PreviewRedeem { shares: u(shares - half) });
    assert!(preview.amount.u128() < at_request);
    assert_eq!(s.withdraw(&alice).unwrap(), preview.amount.u128());
}

/// The `invariants` feature's new balance check is live: a vault whose token balance falls
/// below its books refuses every execute with `Invariant` naming the numbers (a check that could
/// not fail would let this pass).
#[test]
fn attack_a_books_check_that_cannot_fail() {
    let mut s = pool(false);
    let (guardian, vault) = (s.guardian.clone(), s.vault.clone());
    let books = s.state().books().total().unwrap();
    assert_eq!(s.balance(&vault), books.u128());
    // One unit leaves the vault behind its back; an action that would succeed (a pause) is
    // refused by the check run after it.
    s.app.init_modules(|r, _, st| r.bank.init_balance(st, &vault, coins(books.u128() - 1, DENOM)).unwrap());
    let err = s.app.execute_contract(guardian.clone(), vault.clone(), &ExecuteMsg::Pause {}, &[]).unwrap_err();
    let err = vault_err(err);
    let E::Invariant { what } = &err else { panic!("{err:?}") };
    assert!(
        what.contains(&format!("token balance {} < books {books}", books.u128() - 1)),
        "the invariant names the numbers: {what}"
    );
    assert!(!s.state().paused, "the refused pause changed nothing");
    // Restored, the same call goes through.
    s.app.init_modules(|r, _, st| r.bank.init_balance(st, &vault, coins(books.u128(), DENOM)).unwrap());
    s.exec(&guardian, &ExecuteMsg::Pause {}).unwrap();
    assert!(s.state().paused);
}

/// `claim_loss`'s refusals, now `check_filing`'s, in a1139b6's order: pending claim, zero
/// amount, recipient (address, then the vault or its token), memo length.
#[test]
fn attack_claim_filing_checks_reordered() {
    let mut s = pool(false);
    let (dex, carol, vault) = (s.addr("dex"), s.addr("carol"), s.vault.clone());
    let max = s.vault_cfg().max_memo_len;
    let long = Some("x".repeat(max as usize + 1));
    let claim = |amount: u128, recipient: &Addr, memo: Option<String>| ExecuteMsg::ClaimLoss {
        amount: u(amount),
        recipient: recipient.to_string(),
        memo,
    };
    // Zero amount and an invalid recipient: the amount first.
    let bad = ExecuteMsg::ClaimLoss { amount: u(0), recipient: "not an address".into(), memo: long.clone() };
    assert_eq!(s.exec(&dex, &bad).unwrap_err(), E::ZeroAmount { what: "amount" });
    // The vault as recipient and an oversize memo: the recipient first.
    assert_eq!(
        s.exec(&dex, &claim(1, &vault, long.clone())).unwrap_err(),
        E::InvalidRecipient { recipient: vault.to_string() }
    );
    assert_eq!(
        s.exec(&dex, &claim(1, &carol, long.clone())).unwrap_err(),
        E::MemoTooLong { len: max as usize + 1, max }
    );
    // A pending claim (filed while paused) comes before everything else.
    s.exec(&s.guardian.clone(), &ExecuteMsg::Pause {}).unwrap();
    let c = s.claim_loss(&dex, usdc(1), &carol).unwrap();
    assert_eq!(c.status, ClaimStatus::Pending);
    assert_eq!(
        s.exec(&dex, &bad).unwrap_err(),
        E::PendingClaimExists { member: dex.to_string(), claim_id: c.claim_id }
    );
    // Not a member at all: `NotAMember` before any of the filing checks.
    assert_eq!(s.exec(&carol, &bad).unwrap_err(), E::NotAMember { address: carol.to_string() });
}

/// Owner and settlement refusals keep their order: the owner check before the memo, the memo
/// before the claim's existence; the pause before a settlement's claim is looked up.
#[test]
fn attack_owner_and_settlement_checks_reordered() {
    let mut s = pool(false);
    let carol = s.addr("carol");
    let max = s.vault_cfg().max_memo_len;
    let reject = ExecuteMsg::RejectClaim { id: 999, reason: "y".repeat(max as usize + 1) };
    assert_eq!(s.exec(&carol, &reject).unwrap_err(), E::Unauthorized { role: "owner", action: "reject claims" });
    assert_eq!(s.dao(&reject).unwrap_err(), E::MemoTooLong { len: max as usize + 1, max });
    let reject = ExecuteMsg::RejectClaim { id: 999, reason: "y".into() };
    assert_eq!(s.dao(&reject).unwrap_err(), E::ClaimNotFound { id: 999 });
    assert_eq!(s.dao(&ExecuteMsg::ApproveClaim { id: 999 }).unwrap_err(), E::ClaimNotFound { id: 999 });
    let settle = ExecuteMsg::SettleShortfall { claim_id: 999 };
    assert_eq!(s.exec(&carol, &settle).unwrap_err(), E::ClaimNotFound { id: 999 });
    s.exec(&s.guardian.clone(), &ExecuteMsg::Pause {}).unwrap();
    let until = s.state().paused_until.unwrap();
    assert_eq!(s.exec(&carol, &settle).unwrap_err(), E::Paused { until, action: "settlement" });
}

/// Storage apart from responses: the stored config record is still byte for byte the `config`
/// answer (in a1139b6 the stored type *was* `ConfigResponse`), so old state reads unchanged.
#[test]
fn attack_stored_config_bytes_changed() {
    for cw20 in [false, true] {
        let mut s = pool(cw20);
        s.dao(&ExecuteMsg::UpdateConfig(ConfigUpdate { max_capital_multiple: Some(dec("2.5")), ..Default::default() }))
            .unwrap();
        let raw = s.app.wrap().query_wasm_raw(s.vault.to_string(), b"config".to_vec()).unwrap().unwrap();
        let answer: ConfigResponse = s.q(&QueryMsg::Config {});
        assert_eq!(String::from_utf8(raw).unwrap(), String::from_utf8(to_json_vec(&answer).unwrap()).unwrap());
    }
}

/// Voting power is the bonded shares, in the vault's `Power` (same JSON string): requesting a
/// withdrawal lowers it and the total from the next block, cancelling restores both.
#[test]
fn attack_voting_power_snapshot_drifts_from_bonded_shares() {
    let mut s = Suite::new().underwriters(&[("alice", usdc(1_000)), ("bob", usdc(3_000))]).build();
    let (alice, bob) = (s.addr("alice"), s.addr("bob"));
    s.advance(3_600);
    let power = |s: &Suite, who: &Addr| -> (u128, u128) {
        let h = s.app.block_info().height + 1;
        let p: VotingPowerAtHeightResponse =
            s.q(&QueryMsg::VotingPowerAtHeight { address: who.to_string(), height: Some(h) });
        let t: TotalPowerAtHeightResponse = s.q(&QueryMsg::TotalPowerAtHeight { height: Some(h) });
        (p.power.u128(), t.power.u128())
    };
    let (a, b) = (s.underwriter(&alice).bonded_shares.u128(), s.underwriter(&bob).bonded_shares.u128());
    assert_eq!(power(&s, &alice), (a, a + b));
    let id = s.request_withdraw(&alice, a / 3).unwrap();
    s.next_block();
    assert_eq!(power(&s, &alice), (a - a / 3, a - a / 3 + b));
    s.exec(&alice, &ExecuteMsg::CancelWithdraw { id }).unwrap();
    s.next_block();
    assert_eq!(power(&s, &alice), (a, a + b));
    // The answer's JSON: a bare integer string, as `Uint128` was.
    let h = s.app.block_info().height;
    let raw: serde_json::Value = s.q(&QueryMsg::VotingPowerAtHeight { address: bob.to_string(), height: Some(h) });
    assert_eq!(raw["power"], serde_json::Value::String(b.to_string()));
}

/// A deposit for a full address from a third party is refused, one for itself only delays its
/// own newest lot (the `lock` step rewritten from an if/else chain to a match).
#[test]
fn attack_lock_lots_full_branch_swapped() {
    let mut s = Suite::new().vault(|m| m.max_unbonding_entries = Some(2)).underwriter("alice", usdc(10)).build();
    let (alice, bob) = (s.addr("alice"), s.addr("bob"));
    s.deposit(&alice, usdc(10)).unwrap();
    let lots = s.underwriter(&alice).locked;
    assert_eq!(lots.len(), 2);
    s.advance(60);
    assert_eq!(
        s.deposit_for(&bob, &alice, usdc(1)).unwrap_err(),
        E::LockLotsFull { address: alice.to_string(), max: 2 }
    );
    s.deposit(&alice, usdc(1)).unwrap();
    let after = s.underwriter(&alice).locked;
    assert_eq!(after.len(), 2);
    assert_eq!(after[0], lots[0]);
    assert!(after[1].shares > lots[1].shares && after[1].unlocks_at == lots[1].unlocks_at + 60, "{after:?}");
}
