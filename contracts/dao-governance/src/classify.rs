//! What a proposal's messages do, read from their JSON: claim decisions (a shorter wait), a
//! change of the vault's unbonding (logged), and the messages a guardian may not veto.

use cosmwasm_std::{from_json, Addr, CosmosMsg, WasmMsg};
use risk_pool::dao::{self, ConfigUpdate};
use risk_pool::vault;
use serde::Deserialize;

/// The four vault executes the DAO reads in a proposal, as [`vault::ExecuteMsg`] spells them
/// (`cw_serde`: snake_case, unknown fields refused): any other vault message fails to parse
/// here, as it fell to the `_` arm there. Parsing only these keeps the vault's whole execute
/// enum (exposure books, option legs, cw20 receive) out of the DAO's wasm (issue 15).
#[derive(Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[allow(clippy::large_enum_variant)]
enum VaultCall {
    ApproveClaim {
        #[allow(dead_code)]
        id: u64,
    },
    RejectClaim {
        #[allow(dead_code)]
        id: u64,
        #[allow(dead_code)]
        reason: String,
    },
    UpdateConfig(vault::ConfigUpdate),
    Unpause {},
}

/// The target and JSON of a no-funds wasm execute, if `msg` is one.
fn no_funds_execute(msg: &CosmosMsg) -> Option<(&str, &cosmwasm_std::Binary)> {
    match msg {
        CosmosMsg::Wasm(WasmMsg::Execute { contract_addr, msg, funds }) if funds.is_empty() => {
            Some((contract_addr.as_str(), msg))
        }
        _ => None,
    }
}

/// Every message is a no-funds wasm execute of `approve_claim` or `reject_claim` on the vault
/// (and there is at least one): such a proposal waits only `timelock_secs`.
pub fn claims_only(msgs: &[CosmosMsg], vault_addr: &Addr) -> bool {
    !msgs.is_empty() && msgs.iter().all(|m| claim_decision(m, vault_addr))
}

fn claim_decision(msg: &CosmosMsg, vault_addr: &Addr) -> bool {
    let Some((contract_addr, msg)) = no_funds_execute(msg) else { return false };
    contract_addr == vault_addr.as_str()
        && matches!(from_json::<VaultCall>(msg), Ok(VaultCall::ApproveClaim { .. } | VaultCall::RejectClaim { .. }))
}

/// The `unbonding_secs` a wasm `update_config` on the vault sets, if any.
pub fn sets_unbonding(msg: &CosmosMsg, vault_addr: &Addr) -> Option<u64> {
    let CosmosMsg::Wasm(WasmMsg::Execute { contract_addr, msg, .. }) = msg else { return None };
    if contract_addr != vault_addr.as_str() {
        return None;
    }
    match from_json::<VaultCall>(msg) {
        Ok(VaultCall::UpdateConfig(u)) => u.unbonding_secs,
        _ => None,
    }
}

/// Messages the guardian may not veto: a no-funds `{"unpause":{}}` on the vault, or an
/// `update_config` whose only field is `guardian` on the vault or on the DAO itself.
pub fn protected(msg: &CosmosMsg, vault_addr: &Addr, dao: &Addr) -> bool {
    let Some((contract_addr, msg)) = no_funds_execute(msg) else { return false };
    if contract_addr == vault_addr.as_str() {
        return match from_json::<VaultCall>(msg) {
            Ok(VaultCall::Unpause {}) => true,
            Ok(VaultCall::UpdateConfig(u)) => {
                u.guardian.is_some() && u == vault::ConfigUpdate { guardian: u.guardian.clone(), ..Default::default() }
            }
            _ => false,
        };
    }
    if contract_addr == dao.as_str() {
        if let Ok(dao::ExecuteMsg::UpdateConfig(u)) = from_json::<dao::ExecuteMsg>(msg) {
            return u.guardian.is_some() && u == ConfigUpdate { guardian: u.guardian.clone(), ..Default::default() };
        }
    }
    false
}
