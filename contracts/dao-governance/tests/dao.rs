//! dao-governance with the real vault and oracle (cw-multi-test): the DAO owns both.

use cosmwasm_std::{coins, to_json_binary, CosmosMsg, Empty, Uint128, WasmMsg};
use cw_multi_test::{ContractWrapper, Executor};
use dao_governance::ContractError as E;
use risk_pool::dao::{self, ExecuteMsg, QueryMsg, Status, Vote};
use risk_pool::{oracle, vault};

use risk_testing::prelude::*;

#[test]
fn lifecycle_register_a_member_and_retune_the_oracle() {
    let mut s = standard_dao();
    let msgs = vec![
        s.register_msg("dex"),
        wasm(
            &s.oracle,
            &oracle::ExecuteMsg::UpdateConfig(oracle::ConfigUpdate { cover_n: Some(3), ..Default::default() }),
        ),
    ];
    let id = s.propose("carol", msgs).unwrap();
    let p = s.proposal(id);
    assert_eq!((p.status.clone(), p.total_power.u128()), (Status::Open, usdc(1_000) * 1_000_000));
    // The configured timelock is snapshotted; the wait adds the vault's unbonding (7 days) and
    // the exit window (1 day) to it (revision 2; it was max(1 d, 7 d) = 7 d).
    assert_eq!((p.timelock_secs, p.exit_window_secs, p.unbonding_secs), (86_400, 86_400, Some(604_800)));
    // A deposit after the start height carries no power on this proposal.
    s.deposit("late", usdc(10_000)).unwrap();
    s.advance(5);
    assert!(
        matches!(s.vote("late", id, Vote::Yes).unwrap_err(), E::NoVotingPower { at_start, .. } if at_start.is_zero())
    );
    s.vote("bob", id, Vote::No).unwrap();
    assert_eq!(s.vote("bob", id, Vote::Yes).unwrap_err(), E::AlreadyVoted { id, voter: s.addr("bob").to_string() });
    // Alice's 60 % makes the outcome certain: passed early, the wait starts now.
    s.vote("alice", id, Vote::Yes).unwrap();
    let p = s.proposal(id);
    assert_eq!(p.status, Status::Passed);
    assert_eq!(p.executable_at, Some(s.now() + WAIT));
    assert_eq!((p.yes.u128(), p.no.u128()), (usdc(600) * 1_000_000, usdc(300) * 1_000_000));
    assert!(matches!(s.vote("carol", id, Vote::Yes).unwrap_err(), E::WrongStatus { .. }));
    assert_eq!(
        s.exec("stranger", &ExecuteMsg::Execute { proposal_id: id }).unwrap_err(),
        E::Timelocked { id, executable_at: p.executable_at.unwrap() }
    );
    s.advance(WAIT);
    s.exec("stranger", &ExecuteMsg::Execute { proposal_id: id }).unwrap();
    assert_eq!(s.proposal(id).status, Status::Executed);
    // The vault and the oracle reflect it.
    let m: vault::MemberResponse = s
        .app
        .wrap()
        .query_wasm_smart(&s.vault, &vault::QueryMsg::Member { address: s.addr("dex").to_string() })
        .unwrap();
    assert_eq!(m.coverage_cap.u128(), usdc(500_000));
    let oc: oracle::ConfigResponse = s.app.wrap().query_wasm_smart(&s.oracle, &oracle::QueryMsg::Config {}).unwrap();
    assert_eq!(oc.cover_n, 3);
    // Exactly once.
    assert_eq!(
        s.exec("stranger", &ExecuteMsg::Execute { proposal_id: id }).unwrap_err(),
        E::WrongStatus { id, status: "executed".into(), expected: "passed" }
    );
    let votes: dao::VotesResponse = s
        .app
        .wrap()
        .query_wasm_smart(&s.dao, &QueryMsg::Votes { proposal_id: id, start_after: None, limit: None })
        .unwrap();
    assert_eq!(votes.votes.len(), 2);
}

#[test]
fn flash_votes_and_unbonded_power_do_not_count() {
    let mut s = standard_dao();
    assert!(matches!(s.propose("late", vec![]).unwrap_err(), E::InsufficientPower { power, .. } if power.is_zero()));
    let id = s.propose("carol", vec![]).unwrap();
    // Deposit and vote in one block: no power at the start height.
    s.deposit("late", usdc(100_000)).unwrap();
    assert!(matches!(s.vote("late", id, Vote::Yes).unwrap_err(), E::NoVotingPower { .. }));
    // Unbonding first: the vote weighs the bonded power now (the smaller).
    s.advance(3_600);
    let alice = s.addr("alice");
    let half = Uint128::new(usdc(300) * 1_000_000);
    s.app
        .execute_contract(alice, s.vault.clone(), &vault::ExecuteMsg::RequestWithdraw { shares: half.into() }, &[])
        .unwrap();
    s.vote("alice", id, Vote::No).unwrap();
    let v: dao::VoteResponse = s
        .app
        .wrap()
        .query_wasm_smart(&s.dao, &QueryMsg::Vote { proposal_id: id, voter: s.addr("alice").to_string() })
        .unwrap();
    assert_eq!(v.vote.unwrap().power.u128(), half.u128());
}

#[test]
fn quorum_not_met_is_rejected_and_closes() {
    let mut s = standard_dao();
    let id = s.propose("carol", vec![]).unwrap();
    s.vote("carol", id, Vote::Yes).unwrap(); // 10 % < 20 % quorum
    assert_eq!(
        s.exec("stranger", &ExecuteMsg::Close { proposal_id: id }).unwrap_err(),
        E::NotClosable { id, status: "open".into() }
    );
    s.advance(259_200);
    assert_eq!(s.proposal(id).status, Status::Rejected);
    assert!(matches!(s.vote("bob", id, Vote::Yes).unwrap_err(), E::WrongStatus { .. }));
    s.exec("stranger", &ExecuteMsg::Close { proposal_id: id }).unwrap();
    assert_eq!(s.proposal(id).status, Status::Rejected);
}

#[test]
fn a_threshold_tie_fails() {
    let mut s = dao_suite(&[("alice", usdc(500)), ("bob", usdc(500))]).build();
    let id = s.propose("alice", vec![]).unwrap();
    s.vote("alice", id, Vote::Yes).unwrap();
    assert_eq!(s.proposal(id).status, Status::Open);
    s.vote("bob", id, Vote::No).unwrap();
    // 50/50 with threshold 50 %: yes·10⁴ = threshold·(yes+no) is not "greater" → rejected at once.
    assert_eq!(s.proposal(id).status, Status::Rejected);
}

#[test]
fn the_guardian_vetoes_during_the_timelock_only_and_not_protected_messages() {
    let mut s = standard_dao();
    let drain = wasm(
        &s.vault,
        &vault::ExecuteMsg::UpdateConfig(vault::ConfigUpdate {
            treasury: Some(s.addr("stranger").to_string()),
            protocol_fee_bps: Some(10_000),
            ..Default::default()
        }),
    );
    let id = s.propose("alice", vec![drain]).unwrap();
    s.vote("alice", id, Vote::Yes).unwrap();
    assert_eq!(
        s.exec("stranger", &ExecuteMsg::Veto { proposal_id: id }).unwrap_err(),
        E::Unauthorized { role: "guardian snapshotted at propose", action: "veto" }
    );
    let guardian = s.guardian.clone();
    s.app.execute_contract(guardian.clone(), s.dao.clone(), &ExecuteMsg::Veto { proposal_id: id }, &[]).unwrap();
    assert_eq!(s.proposal(id).status, Status::Vetoed);
    s.advance(WAIT);
    assert!(matches!(s.exec("stranger", &ExecuteMsg::Execute { proposal_id: id }).unwrap_err(), E::WrongStatus { .. }));
    assert_eq!(s.vault_cfg().protocol_fee_bps, 1000);
    // Unpausing the vault cannot be vetoed.
    let unpause = wasm(&s.vault, &vault::ExecuteMsg::Unpause {});
    let id = s.propose("alice", vec![unpause]).unwrap();
    s.vote("alice", id, Vote::Yes).unwrap();
    let e = s
        .app
        .execute_contract(guardian.clone(), s.dao.clone(), &ExecuteMsg::Veto { proposal_id: id }, &[])
        .unwrap_err();
    assert_eq!(dao_err(e), E::VetoRefused { id });
    // After the timelock, too late.
    let id = s.propose("alice", vec![]).unwrap();
    s.vote("alice", id, Vote::Yes).unwrap();
    s.advance(WAIT);
    let e = s.app.execute_contract(guardian, s.dao.clone(), &ExecuteMsg::Veto { proposal_id: id }, &[]).unwrap_err();
    assert!(matches!(dao_err(e), E::TimelockOver { .. }));
}

#[test]
fn a_passed_proposal_not_executed_in_the_window_expires() {
    let mut s = standard_dao();
    let id = s.propose("alice", vec![]).unwrap();
    s.vote("alice", id, Vote::Yes).unwrap();
    // The window (7 d) counts from the moment execution is allowed (8 d after passing).
    s.advance(WAIT + 604_800 - 1);
    assert_eq!(s.proposal(id).status, Status::Passed);
    s.advance(1);
    assert_eq!(s.proposal(id).status, Status::Expired);
    assert!(matches!(s.exec("stranger", &ExecuteMsg::Execute { proposal_id: id }).unwrap_err(), E::WrongStatus { .. }));
    s.exec("stranger", &ExecuteMsg::Close { proposal_id: id }).unwrap();
    assert_eq!(s.proposal(id).status, Status::Expired);
}

#[test]
fn a_failing_batch_applies_nothing_and_can_be_closed() {
    let mut s = standard_dao();
    let msgs = vec![s.register_msg("dex"), wasm(&s.vault, &vault::ExecuteMsg::ApproveClaim { id: 99 })];
    let id = s.propose("alice", msgs).unwrap();
    s.vote("alice", id, Vote::Yes).unwrap();
    s.advance(WAIT);
    let r = s.exec("stranger", &ExecuteMsg::Execute { proposal_id: id }).unwrap();
    assert!(r.events.iter().any(|e| e.attributes.iter().any(|a| a.value == "execution_failed")));
    let p = s.proposal(id);
    assert_eq!(p.status, Status::ExecutionFailed);
    assert!(p.failure.unwrap().contains("claim 99 not found"));
    // The first message did not apply: no half-executed batch.
    let m: Result<vault::MemberResponse, _> =
        s.app.wrap().query_wasm_smart(&s.vault, &vault::QueryMsg::Member { address: s.addr("dex").to_string() });
    assert!(m.is_err());
    assert!(matches!(s.exec("stranger", &ExecuteMsg::Execute { proposal_id: id }).unwrap_err(), E::WrongStatus { .. }));
    s.exec("stranger", &ExecuteMsg::Close { proposal_id: id }).unwrap();
    assert_eq!(s.proposal(id).status, Status::Closed);
    // Nobody but the DAO runs a batch.
    assert_eq!(
        s.exec("alice", &ExecuteMsg::ExecuteBatch { proposal_id: id }).unwrap_err(),
        E::Unauthorized { role: "DAO itself", action: "execute a batch" }
    );
}

#[test]
fn an_emergency_proposal_pauses_the_vault() {
    let mut s = dao_suite(&[("alice", usdc(600)), ("bob", usdc(400))])
        .dao(|m| m.require_timelock_ge_unbonding = Some(false))
        .build();
    let id = s.propose("bob", vec![wasm(&s.vault, &vault::ExecuteMsg::Pause {})]).unwrap();
    assert_eq!(s.proposal(id).timelock_secs, 86_400, "flag off: the configured timelock");
    s.vote("alice", id, Vote::Yes).unwrap();
    s.advance(86_400);
    s.exec("bob", &ExecuteMsg::Execute { proposal_id: id }).unwrap();
    let st: vault::StateResponse = s.app.wrap().query_wasm_smart(&s.vault, &vault::QueryMsg::State {}).unwrap();
    assert!(st.paused);
}

#[test]
fn update_config_only_through_a_proposal() {
    let mut s = standard_dao();
    let upd = dao::ConfigUpdate { quorum_bps: Some(3000), ..Default::default() };
    assert_eq!(
        s.exec("alice", &ExecuteMsg::UpdateConfig(upd.clone())).unwrap_err(),
        E::Unauthorized { role: "DAO itself (through a proposal)", action: "update the config" }
    );
    let dao_addr = s.dao.clone();
    let id = s.propose("alice", vec![wasm(&dao_addr, &ExecuteMsg::UpdateConfig(upd))]).unwrap();
    s.vote("alice", id, Vote::Yes).unwrap();
    s.advance(WAIT);
    s.exec("stranger", &ExecuteMsg::Execute { proposal_id: id }).unwrap();
    let c: dao::ConfigResponse = s.app.wrap().query_wasm_smart(&s.dao, &QueryMsg::Config {}).unwrap();
    assert_eq!(c.quorum_bps, 3000);
    // Oversize inputs are typed errors.
    let msgs: Vec<CosmosMsg<Empty>> = (0..17).map(|_| wasm(&dao_addr, &ExecuteMsg::Close { proposal_id: 1 })).collect();
    assert_eq!(s.propose("alice", msgs).unwrap_err(), E::TooManyMsgs { count: 17, max: 16 });
    let long = ExecuteMsg::Propose { title: "x".repeat(129), description: String::new(), msgs: vec![] };
    assert_eq!(s.exec("alice", &long).unwrap_err(), E::TooLong { what: "title", len: 129, max: 128 });
}

// ---------------------------------------------------------------- audit (issue 11) regressions

/// Item 14, the audit's scenario: Alice raises unbonding 7 d → 30 d (A); during A's wait she
/// proposes a fee drain (B) while the vault is still at 7 d; A executes; she passes B and Bob asks
/// to leave in that block, his exit maturing 30 d later. Before: B had snapshotted a 7-day wait and
/// executed 23 days before Bob could leave. After: the vault's unbonding is read again, so B
/// waits 30 d + the 1-day exit window.
#[test]
fn audit_14_a_drain_cannot_execute_before_an_exit_under_the_raised_unbonding() {
    let mut s = standard_dao();
    s.advance(3_600); // Bob's deposit is past its lock
    let a = s.pass_alone(vec![s.unbonding_msg(30 * DAY)]);
    let t0 = s.now();
    assert_eq!(s.proposal(a).executable_at, Some(t0 + WAIT));
    s.advance_to(t0 + WAIT - 3_600); // inside A's wait and B's 3-day vote
    let b = s.propose("alice", vec![s.drain_msg()]).unwrap();
    assert_eq!(s.proposal(b).unbonding_secs, Some(7 * DAY), "read at propose");
    s.advance_to(t0 + WAIT);
    s.execute(a).unwrap();
    assert_eq!(s.vault_cfg().unbonding_secs, 30 * DAY);
    s.vote("alice", b, Vote::Yes).unwrap();
    let t2 = s.now();
    let matures = s.request_exit("bob");
    assert_eq!(matures, t2 + 30 * DAY);
    assert_eq!(s.proposal(b).executable_at, Some(t2 + 31 * DAY)); // before: t2 + 7 d
    s.advance(7 * DAY);
    assert_eq!(s.execute(b).unwrap_err(), E::Timelocked { id: b, executable_at: t2 + 31 * DAY });
    // Bob leaves with his 300 USDC while the fee is still 10 %.
    s.advance_to(matures);
    assert_eq!(s.execute(b).unwrap_err(), E::Timelocked { id: b, executable_at: t2 + 31 * DAY });
    let before = s.balance("bob");
    s.vault_exec("bob", &vault::ExecuteMsg::Withdraw {}, 0).unwrap();
    assert_eq!(s.balance("bob") - before, usdc(300));
    assert_eq!(s.vault_cfg().protocol_fee_bps, 1000);
    s.advance_to(t2 + 31 * DAY);
    s.execute(b).unwrap();
    assert_eq!(s.vault_cfg().protocol_fee_bps, 10_000);
}

/// Item 14 at execute itself: B passed (vault at 7 d, wait known as 8 d) before A raised the
/// vault to 30 d. `execute` reads the vault again: refused until passed + 31 d; the `proposal`
/// response follows the live figure, and the window (`expired`) counts from that moment.
/// Before: B executed at passed + 7 d (and read `expired` at passed + 14 d).
#[test]
fn audit_14_execute_rereads_the_vaults_unbonding_and_expiry_follows() {
    let mut s = standard_dao();
    let a = s.pass_alone(vec![s.unbonding_msg(30 * DAY)]);
    let t0 = s.now();
    s.advance(3_600);
    let b = s.pass_alone(vec![s.drain_msg()]);
    let t1 = s.now();
    assert_eq!(s.proposal(b).executable_at, Some(t1 + WAIT));
    s.advance_to(t0 + WAIT);
    s.execute(a).unwrap();
    // Known now: the vault takes 30 d.
    assert_eq!(s.proposal(b).executable_at, Some(t1 + 31 * DAY));
    s.advance_to(t1 + WAIT);
    assert_eq!(s.execute(b).unwrap_err(), E::Timelocked { id: b, executable_at: t1 + 31 * DAY });
    // Past the old deadline (8 d + 7 d window) it is still passed, not expired.
    s.advance_to(t1 + WAIT + 7 * DAY);
    assert_eq!(s.proposal(b).status, Status::Passed);
    assert!(matches!(s.exec("stranger", &ExecuteMsg::Close { proposal_id: b }).unwrap_err(), E::NotClosable { .. }));
    // Expired exactly one window after the moment it became executable.
    s.advance_to(t1 + 31 * DAY + 7 * DAY - 1);
    assert_eq!(s.proposal(b).status, Status::Passed);
    s.advance(1);
    assert_eq!(s.proposal(b).status, Status::Expired);
    assert!(matches!(s.execute(b).unwrap_err(), E::WrongStatus { .. }));
    assert_eq!(s.vault_cfg().protocol_fee_bps, 1000);
}

/// Item 14, the other direction: an exit requested while the vault stood at 30 d matures 30 d
/// after it even if the vault is lowered to 7 d later, so lowering never shortens the wait below
/// the unbonding recorded for the proposal (propose, votes, execute).
#[test]
fn audit_14_lowering_the_unbonding_after_passing_does_not_shorten_the_wait() {
    let mut s = dao_suite(&ELECTORATE).vault(|v| v.unbonding_secs = 30 * DAY).build();
    s.advance(3_600);
    let lower = s.pass_alone(vec![s.unbonding_msg(7 * DAY)]);
    let t0 = s.now();
    s.advance(3_600);
    let b = s.pass_alone(vec![s.drain_msg()]);
    let t1 = s.now();
    let matures = s.request_exit("bob");
    assert_eq!(matures, t1 + 30 * DAY);
    s.advance_to(t0 + 31 * DAY);
    s.execute(lower).unwrap();
    assert_eq!(s.vault_cfg().unbonding_secs, 7 * DAY);
    let p = s.proposal(b);
    assert_eq!((p.unbonding_secs, p.executable_at), (Some(30 * DAY), Some(t1 + 31 * DAY)));
    assert_eq!(s.execute(b).unwrap_err(), E::Timelocked { id: b, executable_at: t1 + 31 * DAY });
    s.advance_to(t1 + 31 * DAY);
    s.execute(b).unwrap();
}

fn broken_query(
    _: cosmwasm_std::Deps,
    _: cosmwasm_std::Env,
    _: vault::QueryMsg,
) -> cosmwasm_std::StdResult<cosmwasm_std::Binary> {
    Err(cosmwasm_std::StdError::generic_err("vault down"))
}

fn noop_migrate(
    _: cosmwasm_std::DepsMut,
    _: cosmwasm_std::Env,
    _: Empty,
) -> cosmwasm_std::StdResult<cosmwasm_std::Response> {
    Ok(cosmwasm_std::Response::new())
}

/// Item 14: if the vault cannot be queried, `execute` fails with a typed error and the proposal
/// stays passed (executable once the vault answers again).
#[test]
fn audit_14_an_unqueryable_vault_refuses_execution_and_the_proposal_stays_passed() {
    let mut s = standard_dao();
    let id = s.pass_alone(vec![s.drain_msg()]);
    s.advance(WAIT);
    let broken = s.app.store_code(Box::new(
        ContractWrapper::new(pool_vault::contract::execute, pool_vault::contract::instantiate, broken_query)
            .with_migrate(noop_migrate),
    ));
    let (admin, v) = (s.admin.clone(), s.vault.clone());
    s.app.migrate_contract(admin.clone(), v.clone(), &Empty {}, broken).unwrap();
    let e = s.execute(id).unwrap_err();
    assert!(
        matches!(&e, E::VaultUnavailable { vault, reason } if vault == s.vault.as_str() && reason.contains("vault down")),
        "{e:?}"
    );
    assert_eq!(s.proposal(id).status, Status::Passed);
    let code = s.vault_code;
    s.app.migrate_contract(admin, v, &vault::MigrateMsg {}, code).unwrap();
    s.execute(id).unwrap();
    assert_eq!(s.proposal(id).status, Status::Executed);
    assert_eq!(s.vault_cfg().protocol_fee_bps, 10_000);
}

/// Item 17, the audit's scenario: Alice proposes and votes in one block, so the proposal passes at
/// once; Bob asks to leave 5 s later. Before: executable at passed + 7 d, 5 s before Bob's exit
/// matured. After: passed + 7 d + the 1-day exit window; Bob's exit matures first.
#[test]
fn audit_17_an_exit_asked_right_after_an_early_pass_matures_before_execution() {
    let mut s = standard_dao();
    s.advance(3_600);
    let id = s.pass_alone(vec![s.drain_msg()]);
    let t0 = s.now();
    let p = s.proposal(id);
    assert_eq!((p.passed_at, p.executable_at), (Some(t0), Some(t0 + 7 * DAY + 86_400)));
    s.advance(5);
    let matures = s.request_exit("bob");
    assert_eq!(matures, t0 + 5 + 7 * DAY);
    s.advance_to(t0 + 7 * DAY);
    assert_eq!(s.execute(id).unwrap_err(), E::Timelocked { id, executable_at: t0 + 8 * DAY });
    s.advance_to(matures);
    let before = s.balance("bob");
    s.vault_exec("bob", &vault::ExecuteMsg::Withdraw {}, 0).unwrap();
    assert_eq!(s.balance("bob") - before, usdc(300));
    s.advance_to(t0 + 8 * DAY - 1);
    assert_eq!(s.execute(id).unwrap_err(), E::Timelocked { id, executable_at: t0 + 8 * DAY });
    s.advance(1);
    s.execute(id).unwrap();
    assert_eq!(s.vault_cfg().protocol_fee_bps, 10_000);
}

/// Item 17: `exit_window_secs` is configurable (instantiate and `update_config`), and a timelock
/// longer than unbonding + exit window still rules.
#[test]
fn audit_17_exit_window_secs_is_configurable_and_the_timelock_can_exceed_it() {
    let mut s =
        dao_suite(&[("alice", usdc(600)), ("bob", usdc(400))]).dao(|m| m.exit_window_secs = Some(3_600)).build();
    let c: dao::ConfigResponse = s.app.wrap().query_wasm_smart(&s.dao, &QueryMsg::Config {}).unwrap();
    assert_eq!(c.exit_window_secs, 3_600);
    let id = s.pass_alone(vec![]);
    assert_eq!(s.proposal(id).executable_at, Some(s.now() + 7 * DAY + 3_600));
    s.advance(7 * DAY + 3_600);
    s.execute(id).unwrap();
    let upd =
        dao::ConfigUpdate { exit_window_secs: Some(2 * DAY), timelock_secs: Some(10 * DAY), ..Default::default() };
    let dao_addr = s.dao.clone();
    let id = s.pass_alone(vec![wasm(&dao_addr, &ExecuteMsg::UpdateConfig(upd))]);
    s.advance(7 * DAY + 3_600);
    s.execute(id).unwrap();
    let c: dao::ConfigResponse = s.app.wrap().query_wasm_smart(&s.dao, &QueryMsg::Config {}).unwrap();
    assert_eq!((c.exit_window_secs, c.timelock_secs), (2 * DAY, 10 * DAY));
    // max(10 d, 7 d + 2 d) = 10 d.
    let id = s.pass_alone(vec![]);
    assert_eq!(s.proposal(id).executable_at, Some(s.now() + 10 * DAY));
}

/// Item 18, the audit's scenario: unbonding (7 d) ≥ max_pending_claim_secs (7 d). A pending
/// claim's approval waits only the 1-day timelock and settles the claim. Before: it waited 7 d,
/// the claim had expired ("claim 1 is expired, not pending") and the batch failed.
#[test]
fn audit_18_a_claim_approval_waits_only_the_timelock_and_settles_before_expiry() {
    let mut s = dao_suite(&[("alice", usdc(600_000)), ("bob", usdc(300_000)), ("carol", usdc(100_000))])
        .vault(|v| {
            v.max_pending_claim_secs = 7 * DAY;
            v.claim_auto_approve_limit = Uint128::new(usdc(1)).into();
        })
        .build();
    let reg = s.pass_alone(vec![s.register_msg("dex")]);
    s.advance(WAIT);
    s.execute(reg).unwrap();
    s.vault_exec("dex", &vault::ExecuteMsg::MemberDeposit {}, usdc(50_000)).unwrap();
    let book = vec![oracle::Exposure {
        market: "BTC-PERP".into(),
        notional: cosmwasm_std::Int128::new(usdc(500_000) as i128).into(),
        option: None,
    }];
    s.vault_exec("dex", &vault::ExecuteMsg::ReportExposure { exposures: book }, 0).unwrap();
    let dex = s.addr("dex").to_string();
    let claim = vault::ExecuteMsg::ClaimLoss { amount: Uint128::new(usdc(100_000)).into(), recipient: dex, memo: None };
    s.vault_exec("dex", &claim, 0).unwrap();
    let q = vault::QueryMsg::Claim { id: 1 };
    let c: vault::ClaimResponse = s.app.wrap().query_wasm_smart(&s.vault, &q).unwrap();
    assert_eq!((c.status, c.paid_by_member.u128()), (vault::ClaimStatus::Pending, usdc(50_000)));
    // 100k − the 50k escrow = 50k pool part, above the 1-USDC auto limit.
    let pool_part = c.paid_by_pool.u128();
    assert_eq!(pool_part, usdc(50_000));
    assert_eq!(c.expires_at, s.now() + 7 * DAY);
    // A mixed batch, or an approval carrying funds, is not a claim decision: the full wait.
    let mixed = s.pass_alone(vec![wasm(&s.vault, &vault::ExecuteMsg::ApproveClaim { id: 1 }), s.register_msg("x")]);
    let with_funds: CosmosMsg = WasmMsg::Execute {
        contract_addr: s.vault.to_string(),
        msg: to_json_binary(&vault::ExecuteMsg::ApproveClaim { id: 1 }).unwrap(),
        funds: coins(1, DENOM),
    }
    .into();
    let funded = s.pass_alone(vec![with_funds]);
    for id in [mixed, funded] {
        let p = s.proposal(id);
        assert_eq!((p.claims_only, p.executable_at), (false, Some(s.now() + WAIT)));
    }
    let reject = s.pass_alone(vec![wasm(&s.vault, &vault::ExecuteMsg::RejectClaim { id: 1, reason: "no".into() })]);
    assert_eq!(s.proposal(reject).executable_at, Some(s.now() + DAY));
    let approve = s.pass_alone(vec![wasm(&s.vault, &vault::ExecuteMsg::ApproveClaim { id: 1 })]);
    let p = s.proposal(approve);
    assert_eq!((p.claims_only, p.unbonding_secs, p.executable_at), (true, None, Some(s.now() + DAY)));
    assert!(p.executable_at.unwrap() < c.expires_at);
    s.advance(DAY - 1);
    assert_eq!(s.execute(approve).unwrap_err(), E::Timelocked { id: approve, executable_at: s.now() + 1 });
    s.advance(1);
    let before = s.balance("dex");
    s.execute(approve).unwrap();
    assert_eq!(s.proposal(approve).status, Status::Executed);
    let c: vault::ClaimResponse = s.app.wrap().query_wasm_smart(&s.vault, &q).unwrap();
    assert_eq!((c.status, c.paid_by_pool.u128()), (vault::ClaimStatus::Settled, pool_part));
    assert_eq!(s.balance("dex") - before, usdc(50_000) + pool_part);
    // The rejection, now moot, fails on its own without touching the settled claim.
    s.execute(reject).unwrap();
    assert_eq!(s.proposal(reject).status, Status::ExecutionFailed);
}

/// Item 18 (`executable_at` and `expired`): the vault goes 7 d → 30 d → 7 d while B waits. B
/// passed at t1 with the vault at 7 d and was refused until t1 + 31 d while the vault stood at
/// 30 d; when the vault drops back to 7 d at t0 + 1 h + 31 d, B must not read `expired`
/// (t1 + 8 d + 7 d window is long past) without ever having been executable: the logged 30 d
/// keeps its `executable_at` at t1 + 31 d, and it executes then.
#[test]
fn audit_18_a_proposal_cannot_read_expired_before_it_could_be_executed() {
    let mut s = standard_dao();
    let raise = s.pass_alone(vec![s.unbonding_msg(30 * DAY)]);
    let t0 = s.now();
    s.advance(3_600);
    let lower = s.pass_alone(vec![s.unbonding_msg(7 * DAY)]);
    s.advance(3_600);
    let b = s.pass_alone(vec![s.drain_msg()]);
    let t1 = s.now();
    s.advance_to(t0 + WAIT);
    s.execute(raise).unwrap();
    assert_eq!(s.execute(b).unwrap_err(), E::Timelocked { id: b, executable_at: t1 + 31 * DAY });
    s.advance_to(t0 + 3_600 + 31 * DAY);
    s.execute(lower).unwrap();
    assert_eq!(s.vault_cfg().unbonding_secs, 7 * DAY);
    let p = s.proposal(b);
    assert_eq!((p.status, p.executable_at), (Status::Passed, Some(t1 + 31 * DAY)));
    let page: dao::ProposalsResponse =
        s.app.wrap().query_wasm_smart(&s.dao, &QueryMsg::Proposals { start_after: Some(lower), limit: None }).unwrap();
    assert_eq!(page.proposals[0].executable_at, Some(t1 + 31 * DAY));
    assert_eq!(s.execute(b).unwrap_err(), E::Timelocked { id: b, executable_at: t1 + 31 * DAY });
    s.advance_to(t1 + 31 * DAY);
    s.execute(b).unwrap();
    assert_eq!(s.vault_cfg().protocol_fee_bps, 10_000);
}
