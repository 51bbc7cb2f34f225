//! (Red team of issue 15 step 7.) The DAO's queries now serialize the stored `Proposal` / `Config`
//! instead of `ProposalResponse` / `ConfigResponse`. Records as an older DAO stored them (no
//! revision-2 fields, nulls) must answer the bytes the response types would.

use cosmwasm_std::{from_json, to_json_binary, to_json_vec};
use dao_governance::state::{Config, Proposal};
use risk_pool::dao::{ConfigResponse, ProposalResponse};

const OLD_PROPOSAL: &str = r#"{"id":1,"title":"t\u0000\"","description":"","msgs":[],"proposer":"p","status":"passed","start_height":2,"voting_ends_at":3,"executable_at":null,"yes":"5","no":"0","abstain":"0","total_power":"8","quorum_bps":9,"threshold_bps":10,"timelock_secs":11,"execution_window_secs":12,"guardian":null,"created_at":13,"passed_at":null,"failure":null}"#;
const OLD_CONFIG: &str = r#"{"vault":"vault","voting_period_secs":1,"quorum_bps":2,"threshold_bps":3,"timelock_secs":4,"min_propose_power":"5","guardian":null,"max_msgs":6,"execution_window_secs":7,"require_timelock_ge_unbonding":false,"max_title_len":8,"max_description_len":9}"#;

#[test]
fn old_records_answer_what_the_response_types_answered() {
    let partial: Vec<String> = {
        // Each revision-2 field present on its own, too.
        let base = OLD_PROPOSAL.trim_end_matches('}');
        [
            "",
            r#","require_timelock_ge_unbonding":false"#,
            r#","exit_window_secs":0"#,
            r#","unbonding_secs":7"#,
            r#","claims_only":true"#,
        ]
        .iter()
        .map(|extra| format!("{base}{extra}}}"))
        .collect()
    };
    for json in &partial {
        let stored: Proposal = from_json(json.as_bytes()).unwrap();
        let response: ProposalResponse = from_json(json.as_bytes()).unwrap();
        assert_eq!(to_json_binary(&stored).unwrap(), to_json_binary(&response).unwrap(), "{json}");
        assert_eq!(to_json_binary(&ProposalResponse::from(stored.clone())).unwrap(), to_json_binary(&stored).unwrap());
    }
    let stored: Config = from_json(OLD_CONFIG.as_bytes()).unwrap();
    let response: ConfigResponse = from_json(OLD_CONFIG.as_bytes()).unwrap();
    assert_eq!(to_json_vec(&stored).unwrap(), to_json_vec(&response).unwrap());
    // The proposals page wrapper: `{"proposals":[…]}`, as `ProposalsResponse` wrote it.
    let page = risk_pool::dao::ProposalsResponse { proposals: vec![from_json(OLD_PROPOSAL.as_bytes()).unwrap()] };
    let text = String::from_utf8(to_json_vec(&page).unwrap()).unwrap();
    assert!(text.starts_with(r#"{"proposals":[{"id":1,"#), "{text}");
}
