//! Red-team attacks on dao-governance (revision 2): each test asserts the correct behaviour.
#![allow(dead_code)]

use cosmwasm_std::{coins, Addr, CosmosMsg};
use dao_governance::ContractError as E;
use risk_pool::dao::{ExecuteMsg, Status, Vote};
use risk_pool::vault;

use risk_testing::prelude::*;

fn send_msg(to: &Addr, amount: u128) -> CosmosMsg {
    cosmwasm_std::BankMsg::Send { to_address: to.to_string(), amount: coins(amount, DENOM) }.into()
}

/// Voter with a majority: proposal A (pay 100 USDC from the DAO's funds) executed once; a later
/// proposal B whose only message is the DAO's own `execute_batch {proposal_id: A}` — the DAO
/// calling itself, so the "only the DAO itself" check passes and A is `executed` — dispatched
/// A's messages a second time. B must fail and A's payment happen once.
#[test]
fn rt_an_executed_batch_cannot_be_replayed_through_a_later_proposal() {
    let mut s = standard_dao();
    let dao_addr = s.dao.clone();
    s.app.init_modules(|r, _, st| r.bank.init_balance(st, &dao_addr, coins(usdc(1_000), DENOM)).unwrap());
    let stranger = s.addr("stranger");
    let before = s.balance("stranger");
    let a = s.pass_alone(vec![send_msg(&stranger, usdc(100))]);
    s.advance(WAIT);
    s.execute(a).unwrap();
    assert_eq!(s.proposal(a).status, Status::Executed);
    assert_eq!(s.balance("stranger"), before + usdc(100));
    let replay = wasm(&s.dao, &ExecuteMsg::ExecuteBatch { proposal_id: a });
    let b = s.pass_alone(vec![replay]);
    s.advance(WAIT);
    let _ = s.execute(b);
    assert_eq!(s.balance("stranger"), before + usdc(100), "proposal {a}'s payment ran twice");
    assert_eq!(s.proposal(b).status, Status::ExecutionFailed);
    assert_eq!(s.proposal(a).status, Status::Executed);
}

/// Defence: one vote per voter, one execution per proposal, and execution_failed cannot be
/// re-executed; nobody but the DAO can call execute_batch.
#[test]
fn rt_refused_double_vote_double_execute_and_foreign_batch() {
    let mut s = standard_dao();
    let id = s.propose("alice", vec![s.unbonding_msg(8 * DAY)]).unwrap();
    s.vote("bob", id, Vote::No).unwrap();
    assert!(matches!(s.vote("bob", id, Vote::No), Err(E::AlreadyVoted { .. })));
    s.vote("alice", id, Vote::Yes).unwrap();
    assert!(matches!(s.vote("alice", id, Vote::Yes), Err(E::AlreadyVoted { .. }) | Err(E::WrongStatus { .. })));
    assert!(matches!(s.exec("alice", &ExecuteMsg::ExecuteBatch { proposal_id: id }), Err(E::Unauthorized { .. })));
    s.advance(10 * DAY);
    s.execute(id).unwrap();
    assert!(matches!(s.execute(id), Err(E::WrongStatus { .. })));
    assert_eq!(s.vault_cfg().unbonding_secs, 8 * DAY);
}

/// Voter with a majority vs. an underwriter who votes no: Bob asks to exit in the block the
/// proposal passes; the change (a fee drain) cannot execute before his exit matures, and a
/// second proposal raising the unbonding meanwhile lengthens the wait (read at execution).
#[test]
fn rt_refused_a_change_before_the_no_voters_exit() {
    let mut s = standard_dao();
    s.advance(3_600); // past the deposit lock
    let drain = s.pass_alone(vec![s.drain_msg()]);
    let matures = s.request_exit("bob");
    let raise = s.pass_alone(vec![s.unbonding_msg(30 * DAY)]);
    s.advance(WAIT);
    s.execute(raise).unwrap();
    assert!(matches!(s.execute(drain), Err(E::Timelocked { .. })));
    let at = s.proposal(drain).executable_at.unwrap();
    assert!(at >= matures, "drain executable at {at} before Bob's exit matures at {matures}");
    s.advance_to(at);
    s.execute(drain).unwrap();
}

/// Voter with a majority vs. a no-voter inside the vault's deposit lock: with
/// `deposit_lock_secs` 3 d (the vault accepts any value) and the default exit window 1 d, Bob —
/// who deposited before the proposal and voted no — can ask to exit only when his lock ends
/// (t₀ + 3 d), so his exit matures at t₀ + 10 d, while the drain waited unbonding 7 d + exit
/// window 1 d = t₀ + 8 d. The wait must cover the lock too.
#[test]
fn rt_a_change_cannot_apply_before_a_no_voter_inside_the_deposit_lock_can_exit() {
    let mut s = dao_suite(&ELECTORATE).vault(|v| v.deposit_lock_secs = 3 * DAY).build();
    let id = s.propose("alice", vec![s.drain_msg()]).unwrap();
    s.vote("bob", id, Vote::No).unwrap();
    s.vote("alice", id, Vote::Yes).unwrap();
    assert_eq!(s.proposal(id).status, Status::Passed);
    let shares = s.underwriter("bob").bonded_shares;
    assert!(s.vault_exec("bob", &vault::ExecuteMsg::RequestWithdraw { shares }, 0).is_err(), "locked");
    s.advance(3 * DAY);
    let matures = s.request_exit("bob");
    let at = s.proposal(id).executable_at.unwrap();
    println!("drain executable at {at}, Bob's exit matures at {matures}");
    assert!(at >= matures, "drain executable at {at}, {} s before Bob's exit matures at {matures}", matures - at);
    s.advance_to(at);
    s.execute(id).unwrap();
}
