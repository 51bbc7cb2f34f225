use cosmwasm_std::Addr;
use cw_storage_plus::{Item, Map};
use risk_pool::dao::{ProposalResponse, Vote};

use crate::config::Config;

pub const CONFIG: Item<Config> = Item::new("config");
pub const NEXT_ID: Item<u64> = Item::new("next_id");
/// Stored proposals (`status` as last written; `tally::status_at` gives the status now).
pub const PROPOSALS: Map<u64, ProposalResponse> = Map::new("proposals");
/// (proposal, voter) → (vote, weight).
pub const BALLOTS: Map<(u64, &Addr), (Vote, cosmwasm_std::Uint128)> = Map::new("ballots");
