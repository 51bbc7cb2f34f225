//! The gas bench's floor (issue 15 item 3): `instantiate` and `execute` read nothing, write
//! nothing and answer an empty `Response`, and `execute` takes any funds. What a chain charges
//! for its execute (the tx, the signature, wasmd's contract set-up, the message's JSON) is the
//! least any contract action costs; the bench prints every action's distance above it. Not a
//! deliverable: no schema, no TS client, built only for the bench (scripts/env.sh).

#![deny(clippy::as_conversions)]

use cosmwasm_std::{entry_point, DepsMut, Empty, Env, MessageInfo, Response, StdResult};
use serde::Deserialize;

/// The one message: `{"noop":{}}`.
#[derive(Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ExecuteMsg {
    /// Does nothing; any funds sent stay with the contract.
    Noop {},
}

#[entry_point]
pub fn instantiate(_deps: DepsMut, _env: Env, _info: MessageInfo, _msg: Empty) -> StdResult<Response> {
    Ok(Response::new())
}

#[entry_point]
pub fn execute(_deps: DepsMut, _env: Env, _info: MessageInfo, msg: ExecuteMsg) -> StdResult<Response> {
    match msg {
        ExecuteMsg::Noop {} => Ok(Response::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::testing::{message_info, mock_dependencies, mock_env};
    use cosmwasm_std::{coins, from_json};

    #[test]
    fn execute_answers_an_empty_response_with_or_without_funds() {
        let mut deps = mock_dependencies();
        let sender = deps.api.addr_make("caller");
        instantiate(deps.as_mut(), mock_env(), message_info(&sender, &[]), Empty {}).unwrap();
        for funds in [vec![], coins(1_000, "uusdc")] {
            let msg: ExecuteMsg = from_json(br#"{"noop":{}}"#).unwrap();
            let res = execute(deps.as_mut(), mock_env(), message_info(&sender, &funds), msg).unwrap();
            assert_eq!(res, Response::new());
        }
        // Nothing stored.
        assert_eq!(cosmwasm_std::Storage::range(&deps.storage, None, None, cosmwasm_std::Order::Ascending).count(), 0);
        assert!(from_json::<ExecuteMsg>(br#"{"other":{}}"#).is_err());
    }
}
