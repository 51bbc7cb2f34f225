//! The `reply` exports of the vault and the DAO artifacts (issue 15: `risk_pool::reply_entry_point!`
//! reads a narrow `ErrorReply` through `do_sudo`, not the whole `Reply`): the VM's own `Reply`
//! JSON goes in, with every field set (events, message responses, data, gas), and the answer must
//! be the handler's: a refused payout kept uncollected, a success ignored, an unknown id refused.

use cosmwasm_std::testing::message_info;
use cosmwasm_std::{
    Addr, Attribute, Binary, ContractResult, Empty, Event, MsgResponse, Reply, Response, SubMsgResponse, SubMsgResult,
};
use cosmwasm_vm::testing::{instantiate, reply, MockApi, MockQuerier};
use cosmwasm_vm::{Backend, Instance, InstanceOptions};

use crate::{env_at, Counting, Vm, GAS_LIMIT};

#[allow(deprecated)]
fn ok_result() -> SubMsgResult {
    SubMsgResult::Ok(SubMsgResponse {
        events: vec![Event::new("wasm").add_attributes(vec![Attribute::new("k", "v")])],
        data: Some(Binary::from(b"d".to_vec())),
        msg_responses: vec![MsgResponse { type_url: "/x.y".into(), value: Binary::from(b"v".to_vec()) }],
    })
}

fn vm(wasm: &[u8]) -> (Vm, MockApi) {
    let api = MockApi::default();
    let backend = Backend { api, storage: Counting::default(), querier: MockQuerier::new(&[]) };
    (Instance::from_code(wasm, backend, InstanceOptions { gas_limit: GAS_LIMIT }, None).unwrap(), api)
}

fn attr<'a>(r: &'a Response, key: &str) -> Option<&'a str> {
    r.attributes.iter().find(|a| a.key == key).map(|a| a.value.as_str())
}

fn call(vm: &mut Vm, msg: Reply) -> Result<Response, String> {
    let r: ContractResult<Response<Empty>> = reply(vm, env_at(100), msg);
    r.into_result()
}

/// Panics on any difference from the expected answers.
pub fn check(vault_path: &str) {
    let vault = std::fs::read(vault_path).unwrap_or_else(|e| panic!("{vault_path}: {e}"));
    let dao_path = std::path::Path::new(vault_path).with_file_name("dao_governance.wasm");
    let dao = std::fs::read(&dao_path).unwrap_or_else(|e| panic!("{}: {e}", dao_path.display()));

    let (mut v, api) = vm(&vault);
    let [owner, oracle, treasury, alice] = ["dao", "oracle", "treasury", "alice"].map(|n| api.addr_make(n));
    let init = risk_testing::vault_msg(&owner, None, &oracle, &treasury);
    let r: ContractResult<Response<Empty>> =
        instantiate(&mut v, env_at(0), message_info(&Addr::unchecked(&owner), &[]), &init);
    r.into_result().expect("vault instantiate");
    let payload = Binary::from(format!(r#"{{"recipient":"{alice}","amount":"1234"}}"#).into_bytes());
    let refused = Reply { id: 1, payload: payload.clone(), gas_used: 77, result: SubMsgResult::Err("refused".into()) };
    let r = call(&mut v, refused.clone()).expect("vault reply, refused payout");
    assert_eq!(
        (attr(&r, "action"), attr(&r, "uncollected"), attr(&r, "total_uncollected"), attr(&r, "reason")),
        (Some("payout_refused"), Some("1234"), Some("1234"), Some("refused")),
        "vault reply: {r:?}"
    );
    let r = call(&mut v, refused).expect("vault reply, refused again");
    assert_eq!(attr(&r, "total_uncollected"), Some("2468"), "the second refusal adds to the first");
    let r = call(&mut v, Reply { id: 1, payload, gas_used: 1, result: ok_result() }).expect("vault reply, success");
    assert!(r.attributes.is_empty() && r.messages.is_empty(), "a success changes nothing: {r:?}");
    let e = call(&mut v, Reply { id: 9, payload: Binary::default(), gas_used: 0, result: ok_result() }).unwrap_err();
    assert!(e.contains('9'), "an unknown reply id is refused, naming it: {e}");

    let (mut d, api) = vm(&dao);
    let vault_addr = api.addr_make("vault");
    let init = risk_testing::dao_msg(&vault_addr, None);
    let r: ContractResult<Response<Empty>> =
        instantiate(&mut d, env_at(0), message_info(&Addr::unchecked(&owner), &[]), &init);
    r.into_result().expect("dao instantiate");
    let r = call(&mut d, Reply { id: 5, payload: Binary::default(), gas_used: 3, result: ok_result() })
        .expect("dao reply, success");
    assert!(r.attributes.is_empty(), "a successful batch's reply changes nothing: {r:?}");
    let e = call(
        &mut d,
        Reply { id: 5, payload: Binary::default(), gas_used: 3, result: SubMsgResult::Err("boom".into()) },
    )
    .unwrap_err();
    assert!(e.contains("not found"), "a failed batch of no stored proposal: {e}");
    println!("reply exports (vault, DAO): the VM's full Reply JSON read by the narrow ErrorReply; answers as expected");
}
