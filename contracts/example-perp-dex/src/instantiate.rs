//! `instantiate`: the configuration and zeroed books.

use cosmwasm_std::{DepsMut, Response};
use risk_pool::vault::AssetInfo;
use risk_pool::{Amount, VaultContract};

use crate::error::ContractError;
use crate::msg::InstantiateMsg;
use crate::state::{Config, BAD_DEBT, CLAIMS, CONFIG, FEES};

/// The cw2 contract name.
pub const CONTRACT_NAME: &str = "crates.io:example-perp-dex";

/// Stores the configuration; fees, bad debt and claim records start empty.
pub fn instantiate(deps: DepsMut, msg: InstantiateMsg) -> Result<Response, ContractError> {
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, env!("CARGO_PKG_VERSION"))?;
    let cfg = Config {
        vault: VaultContract(deps.api.addr_validate(&msg.vault)?),
        asset: AssetInfo::Native(msg.denom),
        operator: deps.api.addr_validate(&msg.operator)?,
        fee_bps: msg.fee_bps,
    };
    CONFIG.save(deps.storage, &cfg)?;
    FEES.save(deps.storage, &Amount::ZERO)?;
    BAD_DEBT.save(deps.storage, &(Amount::ZERO, Amount::ZERO))?;
    CLAIMS.init(deps.storage)?;
    Ok(Response::new().add_attribute("action", "instantiate"))
}
