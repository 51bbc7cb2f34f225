//! propose, vote, execute (atomic batch through a self-call), veto, close, update_config.

use cosmwasm_std::{
    from_json, to_json_binary, Addr, CosmosMsg, DepsMut, Env, QuerierWrapper, Reply, Response, StdResult, Storage,
    SubMsg, SubMsgResult, Uint128, WasmMsg,
};
use risk_pool::dao::{ConfigUpdate, ExecuteMsg, ProposalResponse, Status, Vote};
use risk_pool::{vault, VaultContract};

use crate::config::{apply_update, Config};
use crate::error::ContractError;
use crate::state::{log_unbonding, unbonding_log, BALLOTS, CONFIG, EXECUTING, NEXT_ID, PROPOSALS};
use crate::tally::{outcome, pass, seen_unbonding, status_at, Outcome};

fn load_stored(storage: &dyn Storage, id: u64) -> Result<ProposalResponse, ContractError> {
    PROPOSALS.may_load(storage, id)?.ok_or(ContractError::ProposalNotFound { id })
}

/// The proposal as of `now`. Once passed, its wait and expiry are computed with the vault's
/// `unbonding_secs` read now when the unbonding rule applies to it (`VaultUnavailable` if the
/// vault cannot be queried; nothing is read for a proposal in any other state).
fn load(deps: &DepsMut, cfg: &Config, id: u64, now: u64) -> Result<ProposalResponse, ContractError> {
    let stored = load_stored(deps.storage, id)?;
    let p = status_at(stored.clone(), now, None);
    if !matches!(p.status, Status::Passed | Status::Expired) {
        return Ok(p);
    }
    let live = live_unbonding(&deps.querier, cfg, &stored)?;
    let seen = seen_unbonding(&stored, live, &unbonding_log(deps.storage)?);
    let mut p = status_at(stored, now, seen);
    record_unbonding(&mut p, live);
    Ok(p)
}

/// The vault's current configuration, as a typed error if the vault cannot be queried.
pub fn vault_config(querier: &QuerierWrapper, cfg: &Config) -> Result<vault::ConfigResponse, ContractError> {
    VaultContract(cfg.vault.clone())
        .config(querier)
        .map_err(|e| ContractError::VaultUnavailable { vault: cfg.vault.to_string(), reason: e.to_string() })
}

/// The exit delay a passed proposal's wait adds `exit_window` to: the vault's `unbonding_secs`
/// plus the part of its `deposit_lock_secs` beyond the exit window. An underwriter who
/// deposited before the proposal (and so could vote on it) can ask to exit at the latest when
/// its lock ends, ≤ passed_at + deposit_lock_secs, so the wait max(exit_window, lock) +
/// unbonding lets it leave first (red team: a 3-day lock let a drain apply 2 days before a
/// no-voter's exit matured). Recorded in the proposal's `unbonding_secs`.
pub fn exit_delay(c: &vault::ConfigResponse, exit_window: u64) -> u64 {
    c.unbonding_secs.saturating_add(c.deposit_lock_secs.saturating_sub(exit_window))
}

/// [`exit_delay`] of the vault now, as a typed error if the vault cannot be queried.
pub fn vault_unbonding(querier: &QuerierWrapper, cfg: &Config, exit_window: u64) -> Result<u64, ContractError> {
    vault_config(querier, cfg).map(|c| exit_delay(&c, exit_window))
}

/// [`vault_unbonding`] when the unbonding rule applies to `p` (snapshotted
/// `require_timelock_ge_unbonding` and not `claims_only`), else `None` (nothing to read).
pub fn live_unbonding(
    querier: &QuerierWrapper,
    cfg: &Config,
    p: &ProposalResponse,
) -> Result<Option<u64>, ContractError> {
    if !p.require_timelock_ge_unbonding || p.claims_only {
        return Ok(None);
    }
    vault_unbonding(querier, cfg, p.exit_window_secs).map(Some)
}

/// Records the vault's unbonding read now in `p` (never lowering the recorded value: an exit
/// requested under the larger one still takes that long).
fn record_unbonding(p: &mut ProposalResponse, live: Option<u64>) {
    if let Some(u) = live {
        p.unbonding_secs = Some(p.unbonding_secs.map_or(u, |r| r.max(u)));
    }
}

fn expect(p: &ProposalResponse, expected: Status) -> Result<(), ContractError> {
    if p.status != expected {
        return Err(ContractError::WrongStatus { id: p.id, status: p.status.to_string(), expected: expected.as_str() });
    }
    Ok(())
}

pub fn propose(
    deps: DepsMut,
    env: &Env,
    sender: Addr,
    title: String,
    description: String,
    msgs: Vec<CosmosMsg>,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let now = env.block.time.seconds();
    if title.len() > cfg.max_title_len as usize {
        return Err(ContractError::TooLong { what: "title", len: title.len(), max: cfg.max_title_len });
    }
    if description.len() > cfg.max_description_len as usize {
        return Err(ContractError::TooLong {
            what: "description",
            len: description.len(),
            max: cfg.max_description_len,
        });
    }
    if msgs.len() > cfg.max_msgs as usize {
        return Err(ContractError::TooManyMsgs { count: msgs.len(), max: cfg.max_msgs });
    }
    let vault = VaultContract(cfg.vault.clone());
    let height = env.block.height;
    // Power at the start of this block: a deposit counts from the block after it.
    let power = vault.voting_power_at_height(&deps.querier, sender.as_str(), height)?.raw();
    if power < cfg.min_propose_power || power.is_zero() {
        return Err(ContractError::InsufficientPower {
            proposer: sender.to_string(),
            power,
            required: cfg.min_propose_power.max(Uint128::one()),
        });
    }
    let total_power = vault.total_power_at_height(&deps.querier, height)?.raw();
    let claims_only = claims_only(&msgs, &cfg.vault);
    let unbonding_secs = if cfg.require_timelock_ge_unbonding && !claims_only {
        Some(vault_unbonding(&deps.querier, &cfg, cfg.exit_window_secs)?)
    } else {
        None
    };
    let id = NEXT_ID.may_load(deps.storage)?.unwrap_or_default() + 1;
    NEXT_ID.save(deps.storage, &id)?;
    let p = ProposalResponse {
        id,
        title,
        description,
        msgs,
        proposer: sender.clone(),
        status: Status::Open,
        start_height: height,
        voting_ends_at: now + cfg.voting_period_secs,
        executable_at: None,
        yes: Uint128::zero(),
        no: Uint128::zero(),
        abstain: Uint128::zero(),
        total_power,
        quorum_bps: cfg.quorum_bps,
        threshold_bps: cfg.threshold_bps,
        timelock_secs: cfg.timelock_secs,
        execution_window_secs: cfg.execution_window_secs,
        guardian: cfg.guardian.clone(),
        created_at: now,
        passed_at: None,
        failure: None,
        require_timelock_ge_unbonding: cfg.require_timelock_ge_unbonding,
        exit_window_secs: cfg.exit_window_secs,
        unbonding_secs,
        claims_only,
    };
    PROPOSALS.save(deps.storage, id, &p)?;
    Ok(Response::new()
        .add_attribute("action", "propose")
        .add_attribute("proposal_id", id.to_string())
        .add_attribute("proposer", sender)
        .add_attribute("start_height", height.to_string())
        .add_attribute("total_power", total_power)
        .add_attribute("voting_ends_at", p.voting_ends_at.to_string()))
}

/// A vote weighs min(power at the start height, bonded power now). Power "now" is read at the
/// next height, which the vault answers with the current bonded shares (changes made earlier in
/// this block included).
pub fn vote(deps: DepsMut, env: &Env, sender: Addr, id: u64, vote: Vote) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let now = env.block.time.seconds();
    let mut p = status_at(load_stored(deps.storage, id)?, now, None);
    expect(&p, Status::Open)?;
    if BALLOTS.has(deps.storage, (id, &sender)) {
        return Err(ContractError::AlreadyVoted { id, voter: sender.to_string() });
    }
    // The latest unbonding: the vote that passes the proposal starts its wait with it.
    let live = live_unbonding(&deps.querier, &cfg, &p)?;
    record_unbonding(&mut p, live);
    let vault = VaultContract(cfg.vault);
    let at_start = vault.voting_power_at_height(&deps.querier, sender.as_str(), p.start_height)?.raw();
    let bonded_now = vault.voting_power_at_height(&deps.querier, sender.as_str(), env.block.height + 1)?.raw();
    let power = at_start.min(bonded_now);
    if power.is_zero() {
        return Err(ContractError::NoVotingPower { voter: sender.to_string(), at_start, now: bonded_now });
    }
    match vote {
        Vote::Yes => p.yes += power,
        Vote::No => p.no += power,
        Vote::Abstain => p.abstain += power,
    }
    BALLOTS.save(deps.storage, (id, &sender), &(vote.clone(), power))?;
    match outcome(&p, false) {
        Outcome::Pass => pass(&mut p, now),
        Outcome::Fail => p.status = Status::Rejected,
        Outcome::Undecided => {}
    }
    PROPOSALS.save(deps.storage, id, &p)?;
    Ok(Response::new()
        .add_attribute("action", "vote")
        .add_attribute("proposal_id", id.to_string())
        .add_attribute("voter", sender)
        .add_attribute("vote", format!("{vote:?}").to_lowercase())
        .add_attribute("power", power)
        .add_attribute("status", p.status.as_str()))
}

/// Anyone, once: marks the proposal executed, then runs its messages as one submessage (a call
/// of the DAO to itself, `execute_batch`) replying on error; a failure reverts the whole batch
/// and leaves the proposal `execution_failed`. Refused (`Timelocked`) before passed_at +
/// [`crate::tally::wait_secs`], with the vault's unbonding read here (and the values recorded
/// and logged since propose); if the vault cannot be queried, `VaultUnavailable` and the
/// proposal stays passed.
pub fn execute(deps: DepsMut, env: &Env, id: u64) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let now = env.block.time.seconds();
    let mut p = load(&deps, &cfg, id, now)?;
    expect(&p, Status::Passed)?;
    let executable_at = p.executable_at.unwrap_or_default();
    if now < executable_at {
        return Err(ContractError::Timelocked { id, executable_at });
    }
    p.status = Status::Executed;
    PROPOSALS.save(deps.storage, id, &p)?;
    EXECUTING.save(deps.storage, &id)?;
    let batch = WasmMsg::Execute {
        contract_addr: env.contract.address.to_string(),
        msg: to_json_binary(&ExecuteMsg::ExecuteBatch { proposal_id: id })?,
        funds: vec![],
    };
    Ok(Response::new()
        .add_submessage(SubMsg::reply_on_error(batch, id))
        .add_attribute("action", "execute")
        .add_attribute("proposal_id", id.to_string())
        .add_attribute("msgs", p.msgs.len().to_string()))
}

/// The DAO's self-call: dispatches an executed proposal's messages.
pub fn execute_batch(deps: DepsMut, env: &Env, sender: Addr, id: u64) -> Result<Response, ContractError> {
    if sender != env.contract.address {
        return Err(ContractError::Unauthorized { role: "DAO itself", action: "execute a batch" });
    }
    let p = PROPOSALS.may_load(deps.storage, id)?.ok_or(ContractError::ProposalNotFound { id })?;
    expect(&p, Status::Executed)?;
    // Only the batch `execute` just dispatched: an executed proposal's messages never run twice
    // (a later proposal calling the DAO's own `execute_batch` is refused).
    if EXECUTING.may_load(deps.storage)? != Some(id) {
        return Err(ContractError::Unauthorized { role: "execute of this proposal", action: "run its batch" });
    }
    EXECUTING.remove(deps.storage);
    // Log a change of the vault's unbonding (the last one of the batch is the one in force);
    // reverted with the batch if any message fails.
    let cfg = CONFIG.load(deps.storage)?;
    if let Some(u) = p.msgs.iter().rev().find_map(|m| sets_unbonding(m, &cfg.vault)) {
        log_unbonding(deps.storage, env.block.time.seconds(), u)?;
    }
    Ok(Response::new()
        .add_messages(p.msgs)
        .add_attribute("action", "execute_batch")
        .add_attribute("proposal_id", id.to_string()))
}

pub fn reply(deps: DepsMut, msg: Reply) -> Result<Response, ContractError> {
    let id = msg.id;
    let reason = match msg.result {
        SubMsgResult::Err(e) => e,
        SubMsgResult::Ok(_) => return Ok(Response::new()),
    };
    EXECUTING.remove(deps.storage);
    let mut p = PROPOSALS.load(deps.storage, id)?;
    p.status = Status::ExecutionFailed;
    p.failure = Some(reason.clone());
    PROPOSALS.save(deps.storage, id, &p)?;
    Ok(Response::new()
        .add_attribute("action", "execution_failed")
        .add_attribute("proposal_id", id.to_string())
        .add_attribute("reason", reason))
}

/// Every message is a no-funds wasm execute of `approve_claim` or `reject_claim` on the vault
/// (and there is at least one): such a proposal waits only `timelock_secs`.
pub fn claims_only(msgs: &[CosmosMsg], vault_addr: &Addr) -> bool {
    !msgs.is_empty() && msgs.iter().all(|m| claim_decision(m, vault_addr))
}

fn claim_decision(msg: &CosmosMsg, vault_addr: &Addr) -> bool {
    let CosmosMsg::Wasm(WasmMsg::Execute { contract_addr, msg, funds }) = msg else { return false };
    funds.is_empty()
        && contract_addr == vault_addr.as_str()
        && matches!(
            from_json::<vault::ExecuteMsg>(msg),
            Ok(vault::ExecuteMsg::ApproveClaim { .. } | vault::ExecuteMsg::RejectClaim { .. })
        )
}

/// The `unbonding_secs` a wasm `update_config` on the vault sets, if any.
fn sets_unbonding(msg: &CosmosMsg, vault_addr: &Addr) -> Option<u64> {
    let CosmosMsg::Wasm(WasmMsg::Execute { contract_addr, msg, .. }) = msg else { return None };
    if contract_addr != vault_addr.as_str() {
        return None;
    }
    match from_json::<vault::ExecuteMsg>(msg) {
        Ok(vault::ExecuteMsg::UpdateConfig(u)) => u.unbonding_secs,
        _ => None,
    }
}

/// Messages the guardian may not veto: a no-funds `{"unpause":{}}` on the vault, or an
/// `update_config` whose only field is `guardian` on the vault or on the DAO itself.
fn protected(msg: &CosmosMsg, vault_addr: &Addr, dao: &Addr) -> bool {
    let CosmosMsg::Wasm(WasmMsg::Execute { contract_addr, msg, funds }) = msg else { return false };
    if !funds.is_empty() {
        return false;
    }
    if contract_addr == vault_addr.as_str() {
        let parsed: StdResult<vault::ExecuteMsg> = from_json(msg);
        return match parsed {
            Ok(vault::ExecuteMsg::Unpause {}) => true,
            Ok(vault::ExecuteMsg::UpdateConfig(u)) => {
                u.guardian.is_some() && u == vault::ConfigUpdate { guardian: u.guardian.clone(), ..Default::default() }
            }
            _ => false,
        };
    }
    if contract_addr == dao.as_str() {
        if let Ok(ExecuteMsg::UpdateConfig(u)) = from_json::<ExecuteMsg>(msg) {
            return u.guardian.is_some() && u == ConfigUpdate { guardian: u.guardian.clone(), ..Default::default() };
        }
    }
    false
}

pub fn veto(deps: DepsMut, env: &Env, sender: Addr, id: u64) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let now = env.block.time.seconds();
    let mut p = load(&deps, &cfg, id, now)?;
    if p.guardian.as_ref() != Some(&sender) {
        return Err(ContractError::Unauthorized { role: "guardian snapshotted at propose", action: "veto" });
    }
    expect(&p, Status::Passed)?;
    let executable_at = p.executable_at.unwrap_or_default();
    if now >= executable_at {
        return Err(ContractError::TimelockOver { id, executable_at });
    }
    if !p.msgs.is_empty() && p.msgs.iter().all(|m| protected(m, &cfg.vault, &env.contract.address)) {
        return Err(ContractError::VetoRefused { id });
    }
    p.status = Status::Vetoed;
    PROPOSALS.save(deps.storage, id, &p)?;
    Ok(Response::new()
        .add_attribute("action", "veto")
        .add_attribute("proposal_id", id.to_string())
        .add_attribute("guardian", sender))
}

pub fn close(deps: DepsMut, env: &Env, id: u64) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let now = env.block.time.seconds();
    let mut p = load(&deps, &cfg, id, now)?;
    let stored = PROPOSALS.load(deps.storage, id)?.status;
    p.status = match (&stored, &p.status) {
        (Status::Open, Status::Rejected) | (Status::Passed, Status::Expired) | (Status::Open, Status::Expired) => {
            p.status.clone()
        }
        (Status::ExecutionFailed, _) => Status::Closed,
        _ => return Err(ContractError::NotClosable { id, status: p.status.to_string() }),
    };
    PROPOSALS.save(deps.storage, id, &p)?;
    Ok(Response::new()
        .add_attribute("action", "close")
        .add_attribute("proposal_id", id.to_string())
        .add_attribute("status", p.status.as_str()))
}

pub fn update_config(deps: DepsMut, env: &Env, sender: Addr, u: ConfigUpdate) -> Result<Response, ContractError> {
    if sender != env.contract.address {
        return Err(ContractError::Unauthorized {
            role: "DAO itself (through a proposal)",
            action: "update the config",
        });
    }
    let cfg = CONFIG.load(deps.storage)?;
    CONFIG.save(deps.storage, &apply_update(deps.api, &cfg, u)?)?;
    Ok(Response::new().add_attribute("action", "update_config"))
}
