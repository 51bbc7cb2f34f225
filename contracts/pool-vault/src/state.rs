use cw_storage_plus::Item;

/// Validated configuration (`XUnchecked → validate → X`: addresses are `Addr` here). Until the
/// vault keeps state-only fields, the stored shape is exactly the `config` query's answer.
pub type Config = risk_pool::vault::ConfigResponse;

pub const CONFIG: Item<Config> = Item::new("config");
