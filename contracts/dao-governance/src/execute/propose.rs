//! `propose`: check the sizes, read the proposer's power, snapshot the config and the vault's
//! exit delay, store the proposal open.

use cosmwasm_std::{Addr, CosmosMsg, DepsMut, Env, QuerierWrapper, Response};
use risk_pool::dao::Status;
use risk_pool::{Power, VaultContract};

use crate::classify::claims_only;
use crate::error::ContractError;
use crate::execute::now;
use crate::exits::vault_unbonding;
use crate::state::{Config, Proposal, CONFIG, NEXT_ID, PROPOSALS};

/// What a proposer submits.
pub struct Draft {
    /// At most `max_title_len` bytes.
    pub title: String,
    /// At most `max_description_len` bytes.
    pub description: String,
    /// At most `max_msgs`.
    pub msgs: Vec<CosmosMsg>,
}

/// What `propose` reads besides the draft and the config.
struct Reads {
    /// Total power at the start height.
    total_power: Power,
    /// Every message decides a claim.
    claims_only: bool,
    /// The vault's exit delay now, when the unbonding rule applies.
    unbonding_secs: Option<u64>,
}

/// Stores a new open proposal (SPEC: `propose`); attribute `proposal_id`.
pub fn propose(deps: DepsMut, env: &Env, sender: Addr, draft: Draft) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    check_sizes(&cfg, &draft)?;
    let height = env.block.height;
    let vault = VaultContract(cfg.vault.clone());
    proposer_power(&deps.querier, &vault, &cfg, &sender, height)?;
    let claims_only = claims_only(&draft.msgs, &cfg.vault);
    let reads = Reads {
        total_power: vault.total_power_at_height(&deps.querier, height)?,
        claims_only,
        unbonding_secs: unbonding_snapshot(&deps.querier, &cfg, claims_only)?,
    };
    let id = NEXT_ID.may_load(deps.storage)?.unwrap_or_default() + 1;
    let p = open_proposal(&cfg, env, id, sender, draft, reads)?;
    NEXT_ID.save(deps.storage, &id)?;
    PROPOSALS.save(deps.storage, id, &p)?;
    Ok(Response::new()
        .add_attribute("action", "propose")
        .add_attribute("proposal_id", id.to_string())
        .add_attribute("proposer", p.proposer)
        .add_attribute("start_height", height.to_string())
        .add_attribute("total_power", p.total_power.to_string())
        .add_attribute("voting_ends_at", p.voting_ends_at.to_string()))
}

/// `len ≤ max` (a length past `u32` is always too long).
fn fits(len: usize, max: u32) -> bool {
    u32::try_from(len).is_ok_and(|len| len <= max)
}

/// Title, description and message count within the configured limits.
fn check_sizes(cfg: &Config, d: &Draft) -> Result<(), ContractError> {
    if !fits(d.title.len(), cfg.max_title_len) {
        return Err(ContractError::TooLong { what: "title", len: d.title.len(), max: cfg.max_title_len });
    }
    if !fits(d.description.len(), cfg.max_description_len) {
        return Err(ContractError::TooLong {
            what: "description",
            len: d.description.len(),
            max: cfg.max_description_len,
        });
    }
    if !fits(d.msgs.len(), cfg.max_msgs) {
        return Err(ContractError::TooManyMsgs { count: d.msgs.len(), max: cfg.max_msgs });
    }
    Ok(())
}

/// The proposer's power at the start of this block (a deposit counts from the block after it);
/// `InsufficientPower` below `min_propose_power` or at zero.
fn proposer_power(
    querier: &QuerierWrapper,
    vault: &VaultContract,
    cfg: &Config,
    sender: &Addr,
    height: u64,
) -> Result<Power, ContractError> {
    let power = vault.voting_power_at_height(querier, sender.as_str(), height)?;
    if power < cfg.min_propose_power || power.is_zero() {
        return Err(ContractError::InsufficientPower {
            proposer: sender.to_string(),
            power,
            required: cfg.min_propose_power.max(Power::new(1)),
        });
    }
    Ok(power)
}

/// The vault's exit delay now when the unbonding rule will apply to the proposal, else `None`.
fn unbonding_snapshot(querier: &QuerierWrapper, cfg: &Config, claims_only: bool) -> Result<Option<u64>, ContractError> {
    if cfg.require_timelock_ge_unbonding && !claims_only {
        return vault_unbonding(querier, cfg, cfg.exit_window_secs).map(Some);
    }
    Ok(None)
}

/// A new open proposal with the config snapshotted into it and no votes.
fn open_proposal(
    cfg: &Config,
    env: &Env,
    id: u64,
    proposer: Addr,
    Draft { title, description, msgs }: Draft,
    Reads { total_power, claims_only, unbonding_secs }: Reads,
) -> Result<Proposal, ContractError> {
    let now = now(env);
    let voting_ends_at = now.checked_add(cfg.voting_period_secs).ok_or(ContractError::TimeOverflow {
        what: "voting_ends_at",
        at: now,
        secs: cfg.voting_period_secs,
    })?;
    Ok(Proposal {
        id,
        title,
        description,
        msgs,
        proposer,
        status: Status::Open,
        start_height: env.block.height,
        voting_ends_at,
        executable_at: None,
        yes: Power::ZERO,
        no: Power::ZERO,
        abstain: Power::ZERO,
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
    })
}
