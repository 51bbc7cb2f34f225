//! Helpers the vault's scenario tests share: storage reads under the queries, the guardian's
//! pause, and the legacy layouts `migrate` moves. (Each test file is its own crate: it takes
//! what it uses.)
#![allow(dead_code)]

use cosmwasm_std::{Addr, Order};
use cw_multi_test::{AppResponse, Executor};
use pool_vault::state::{Member, PendingRef, CLAIMS, LEGACY_PENDING, MEMBERS, PENDING_BY};
use risk_pool::vault::{ClaimStatus, ExecuteMsg, MigrateMsg};
use risk_testing::prelude::*;

/// A `&'static str` account name: `prefix` and four digits.
pub fn name(prefix: &str, i: usize) -> &'static str {
    Box::leak(format!("{prefix}{i:04}").into_boxed_str())
}

/// The guardian pauses the vault.
pub fn pause(s: &mut Suite) {
    let g = s.guardian.clone();
    s.exec(&g, &ExecuteMsg::Pause {}).unwrap();
}

/// The stored member record (not the query's answer).
pub fn stored_member(s: &Suite, who: &Addr) -> Member {
    MEMBERS.load(&*s.app.contract_storage(&s.vault), who).unwrap()
}

/// The stored status of claim `id` (not the query's `status_at`).
pub fn stored_status(s: &Suite, id: u64) -> ClaimStatus {
    CLAIMS.load(&*s.app.contract_storage(&s.vault), id).unwrap().status
}

/// The keys (expires_at, id) of the pending claims, ascending.
pub fn pending_keys(s: &Suite) -> Vec<(u64, u64)> {
    PENDING_BY.keys(&*s.app.contract_storage(&s.vault), None, None, Order::Ascending).map(|r| r.unwrap()).collect()
}

/// The pending entry of claim `id`.
pub fn pending_ref(s: &Suite, id: u64) -> PendingRef {
    let store = s.app.contract_storage(&s.vault);
    let p = PENDING_BY.range(&*store, None, None, Order::Ascending).map(|r| r.unwrap().1).find(|p| p.id == id);
    p.unwrap()
}

/// The value of the first attribute `key` in `r`'s events.
pub fn attr_of(r: &AppResponse, key: &str) -> String {
    r.events.iter().flat_map(|e| &e.attributes).find(|a| a.key == key).unwrap().value.clone()
}

/// Rewrites the keyed pending claims as the one item held them (`entries`, in that order).
pub fn to_legacy(s: &mut Suite, entries: Vec<PendingRef>) {
    let vault = s.vault.clone();
    let mut store = s.app.contract_storage_mut(&vault);
    let keys: Vec<(u64, u64)> = PENDING_BY.keys(&*store, None, None, Order::Ascending).map(|r| r.unwrap()).collect();
    for k in keys {
        PENDING_BY.remove(&mut *store, k);
    }
    LEGACY_PENDING.save(&mut *store, &entries).unwrap();
}

/// The vault's admin migrates it to its own code; the response.
pub fn migrate(s: &mut Suite) -> AppResponse {
    let (admin, vault, code) = (s.admin.clone(), s.vault.clone(), s.vault_code);
    s.app.migrate_contract(admin, vault, &MigrateMsg {}, code).unwrap()
}

/// [`migrate`]'s count of pending claims it moved into the keyed list.
pub fn migrated_pending(s: &mut Suite) -> String {
    attr_of(&migrate(s), "pending_claims_migrated")
}
