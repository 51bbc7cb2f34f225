//! Typed wrappers over contract addresses, in the manner of cw20's `Cw20Contract`: a caller
//! holds `RiskOracleContract(addr)` and gets typed queries instead of hand-built JSON.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    coins, from_json, to_json_binary, to_json_vec, Addr, Binary, Coin, ContractResult, CosmosMsg, QuerierWrapper,
    Reply, StdError, StdResult, SubMsg, SubMsgResult, SystemResult, Uint128, WasmMsg,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::oracle::{self, AssessResponse, Exposure};
use crate::units::{Amount, Power};
use crate::vault;

/// The risk oracle at an address.
#[cw_serde]
pub struct RiskOracleContract(pub Addr);

impl RiskOracleContract {
    /// The oracle's address.
    pub fn addr(&self) -> Addr {
        self.0.clone()
    }

    /// One `assess` smart query: every figure the vault needs for these exposures.
    pub fn assess(&self, querier: &QuerierWrapper, exposures: Vec<Exposure>) -> StdResult<AssessResponse> {
        smart_query(querier, self.0.as_str(), &OracleQuery::Assess { exposures: &exposures })
    }

    /// `assess` read into [`AssessFigures`]: the same query, only the figures the vault keeps
    /// deserialized.
    pub fn assess_figures(&self, querier: &QuerierWrapper, exposures: &[Exposure]) -> StdResult<AssessFigures> {
        smart_query(querier, self.0.as_str(), &OracleQuery::Assess { exposures })
    }

    /// The oracle's configuration.
    pub fn config(&self, querier: &QuerierWrapper) -> StdResult<oracle::ConfigResponse> {
        smart_query(querier, self.0.as_str(), &OracleQuery::Config {})
    }

    /// A no-funds execute of `msg` on the oracle (for governance proposals).
    pub fn call(&self, msg: &oracle::ExecuteMsg) -> StdResult<CosmosMsg> {
        Ok(WasmMsg::Execute { contract_addr: self.0.to_string(), msg: to_json_binary(msg)?, funds: vec![] }.into())
    }
}

/// The fields of an [`AssessResponse`] the vault uses, read from the oracle's `assess` answer
/// (the others — var, claim_limit, method, confidence, horizon, grid loss, short-option minimum —
/// are skipped, not deserialized: no `deny_unknown_fields`). Each field means what it means in
/// [`AssessResponse`], with the same defaults.
#[derive(Deserialize, Clone, Debug, PartialEq)]
pub struct AssessFigures {
    /// Expected shortfall (rounded up).
    pub es: Amount,
    /// max(ES · requirement_multiplier rounded up, min_requirement).
    pub required: Amount,
    /// max(worst stress scenario loss, ES).
    pub stress_loss: Amount,
    /// The configured claim multiple.
    pub claim_multiple: cosmwasm_std::Decimal,
    /// The configured Cover-N.
    pub cover_n: u32,
    /// Oldest price time (seconds) among the exposures' markets.
    pub as_of: u64,
    /// The queried exposures' markets that are delisted.
    #[serde(default)]
    pub delisted: Vec<String>,
    /// The oracle's limit on entries of a new report (None = no extra limit).
    #[serde(default)]
    pub max_exposures: Option<u32>,
}

impl From<AssessResponse> for AssessFigures {
    fn from(a: AssessResponse) -> AssessFigures {
        let AssessResponse {
            es, required, stress_loss, claim_multiple, cover_n, as_of, delisted, max_exposures, ..
        } = a;
        AssessFigures { es, required, stress_loss, claim_multiple, cover_n, as_of, delisted, max_exposures }
    }
}

/// The pool vault at an address: what a member (a perp DEX contract) needs in a few lines.
///
/// ```ignore
/// let vault = VaultContract(cfg.vault);
/// let report = vault.report_exposure(vec![Exposure { market: "BTC-PERP".into(), notional }])?;
/// let premium = vault.pay_premium(&asset, env.contract.address.as_str(), fee)?;
/// let claim = vault.claim_loss_submsg(CLAIM_REPLY, bad_debt, &trader, None)?;
/// // in `reply`: let r = VaultContract::parse_claim_reply(msg)?;  // claim_id, status, paid parts
/// ```
#[cw_serde]
pub struct VaultContract(pub Addr);

impl VaultContract {
    /// The vault's address.
    pub fn addr(&self) -> Addr {
        self.0.clone()
    }

    fn call(&self, msg: &MemberCall, funds: Vec<Coin>) -> StdResult<CosmosMsg> {
        Ok(WasmMsg::Execute { contract_addr: self.0.to_string(), msg: to_json_binary(msg)?, funds }.into())
    }

    /// A funds-taking message in the vault's asset: native coins attached, or a cw20 `send`
    /// carrying the same JSON as the hook's [`vault::ReceiveMsg`] (the funds-taking variants of
    /// [`MemberCall`] are spelled alike in both).
    fn with_funds(&self, asset: &vault::AssetInfo, msg: &MemberCall, amount: Amount) -> StdResult<CosmosMsg> {
        match asset {
            vault::AssetInfo::Native(denom) => self.call(msg, coins(amount.u128(), denom)),
            vault::AssetInfo::Cw20(token) => Ok(WasmMsg::Execute {
                contract_addr: token.clone(),
                msg: to_json_binary(&Cw20Send::Send {
                    contract: self.0.as_str(),
                    amount: amount.raw(),
                    msg: to_json_binary(msg)?,
                })?,
                funds: vec![],
            }
            .into()),
        }
    }

    /// Replaces the member's stored exposures (the sender must be the member).
    pub fn report_exposure(&self, exposures: Vec<Exposure>) -> StdResult<CosmosMsg> {
        self.call(&MemberCall::ReportExposure { exposures: &exposures }, vec![])
    }

    /// `report_exposure` as a submessage replying on error, for a report whose refusal must not
    /// revert the caller's action (e.g. a position close: the vault refuses an increase while
    /// paused or under-collateralized, and a *net* book can grow when one side closes). The
    /// caller records in `reply` that the vault's view is stale and reports again later.
    pub fn report_exposure_submsg(&self, id: u64, exposures: Vec<Exposure>) -> StdResult<SubMsg> {
        Ok(SubMsg::reply_on_error(self.report_exposure(exposures)?, id))
    }

    /// Adds `amount` of the vault's asset to the sender's (a member's) contribution.
    pub fn member_deposit(&self, asset: &vault::AssetInfo, amount: impl Into<Amount>) -> StdResult<CosmosMsg> {
        self.with_funds(asset, &MemberCall::MemberDeposit {}, amount.into())
    }

    /// Takes `amount` of the sender's contribution back (down to its floor).
    pub fn member_withdraw(&self, amount: impl Into<Amount>) -> StdResult<CosmosMsg> {
        self.call(&MemberCall::MemberWithdraw { amount: amount.into() }, vec![])
    }

    /// Pays `amount` of `member`'s premium (beyond what is due: prepaid).
    pub fn pay_premium(
        &self,
        asset: &vault::AssetInfo,
        member: &str,
        amount: impl Into<Amount>,
    ) -> StdResult<CosmosMsg> {
        self.with_funds(asset, &MemberCall::PayPremium { member }, amount.into())
    }

    /// Files a loss claim of `amount`, paid to `recipient`.
    pub fn claim_loss(&self, amount: impl Into<Amount>, recipient: &str, memo: Option<String>) -> StdResult<CosmosMsg> {
        self.call(&MemberCall::ClaimLoss { amount: amount.into(), recipient, memo: memo.as_deref() }, vec![])
    }

    /// `claim_loss` as a submessage replying always, so the caller handles settled, pending and
    /// failed claims in `reply` (read it with [`VaultContract::parse_claim_reply`]).
    pub fn claim_loss_submsg(
        &self,
        id: u64,
        amount: impl Into<Amount>,
        recipient: &str,
        memo: Option<String>,
    ) -> StdResult<SubMsg> {
        Ok(SubMsg::reply_always(self.claim_loss(amount, recipient, memo)?, id))
    }

    /// The `claim_loss` response data from a reply: `Ok(Ok(data))` on success, `Ok(Err(reason))`
    /// when the vault refused the claim.
    pub fn parse_claim_reply(reply: Reply) -> StdResult<Result<vault::ClaimLossResponse, String>> {
        match reply.result {
            SubMsgResult::Ok(res) => {
                #[allow(deprecated)]
                let data = res.msg_responses.first().map(|r| r.value.clone()).or(res.data);
                let data = data.ok_or_else(|| StdError::generic_err("claim_loss reply without data"))?;
                // A contract's data comes back wrapped in MsgExecuteContractResponse { data } (protobuf
                // field 1) inside msg_responses; plain JSON from older chains.
                Ok(Ok(from_json(unwrap_execute_response(&data))?))
            }
            SubMsgResult::Err(e) => Ok(Err(e)),
        }
    }

    /// The vault's configuration.
    pub fn config(&self, querier: &QuerierWrapper) -> StdResult<vault::ConfigResponse> {
        self.config_fields(querier)
    }

    /// The vault's configuration read into `T`: a struct of the fields a caller uses, without
    /// `deny_unknown_fields`, so that only those are deserialized (the DAO's `VaultTimes`).
    pub fn config_fields<T: DeserializeOwned>(&self, querier: &QuerierWrapper) -> StdResult<T> {
        smart_query(querier, self.0.as_str(), &VaultQuery::Config {})
    }

    /// A member's figures.
    pub fn member(&self, querier: &QuerierWrapper, address: &str) -> StdResult<vault::MemberResponse> {
        smart_query(querier, self.0.as_str(), &VaultQuery::Member { address })
    }

    /// A member's and the pool's headroom.
    pub fn capacity(&self, querier: &QuerierWrapper, member: &str) -> StdResult<vault::CapacityResponse> {
        smart_query(querier, self.0.as_str(), &VaultQuery::Capacity { member })
    }

    /// `address`'s voting power (bonded shares) at the start of block `height`.
    pub fn voting_power_at_height(&self, querier: &QuerierWrapper, address: &str, height: u64) -> StdResult<Power> {
        let r: PowerOnly =
            smart_query(querier, self.0.as_str(), &VaultQuery::VotingPowerAtHeight { address, height: Some(height) })?;
        Ok(r.power)
    }

    /// The total voting power at the start of block `height`.
    pub fn total_power_at_height(&self, querier: &QuerierWrapper, height: u64) -> StdResult<Power> {
        let r: PowerOnly =
            smart_query(querier, self.0.as_str(), &VaultQuery::TotalPowerAtHeight { height: Some(height) })?;
        Ok(r.power)
    }
}

/// The vault messages a member contract sends (through [`VaultContract`]), spelled exactly as
/// `cw_serde` spells the same variants of [`vault::ExecuteMsg`] (and, for `member_deposit` and
/// `pay_premium`, of the cw20 hook's [`vault::ReceiveMsg`]): serializing the vault's whole
/// `ExecuteMsg` links a serializer for every one of its variants into each member (~6 KB per
/// message type in the example DEXs); this one has only what a member sends. Serialize-only,
/// borrowing its strings (no copies).
#[derive(Serialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum MemberCall<'a> {
    /// [`vault::ExecuteMsg::MemberDeposit`] (funds attached or sent by cw20).
    MemberDeposit {},
    /// [`vault::ExecuteMsg::MemberWithdraw`].
    MemberWithdraw {
        /// Contribution to take back.
        amount: Amount,
    },
    /// [`vault::ExecuteMsg::ReportExposure`].
    ReportExposure {
        /// The member's whole book.
        exposures: &'a [Exposure],
    },
    /// [`vault::ExecuteMsg::ClaimLoss`] (`memo: null` when none, as `cw_serde` writes it).
    ClaimLoss {
        /// The loss claimed.
        amount: Amount,
        /// Who is paid.
        recipient: &'a str,
        /// A note kept with the claim.
        memo: Option<&'a str>,
    },
    /// [`vault::ExecuteMsg::PayPremium`] (funds attached or sent by cw20).
    PayPremium {
        /// The member whose premium is paid.
        member: &'a str,
    },
}

/// cw20's `send`, the only variant of `cw20::Cw20ExecuteMsg` a member sends, spelled as
/// `cw_serde` spells it (for the same reason as [`MemberCall`]).
#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum Cw20Send<'a> {
    Send { contract: &'a str, amount: Uint128, msg: Binary },
}

/// cw20's `{"transfer":{"recipient","amount"}}` (the bytes of `Cw20ExecuteMsg::Transfer`),
/// serializing only that variant (for the same reason as [`MemberCall`]).
pub fn cw20_transfer_msg(recipient: &str, amount: Uint128) -> StdResult<Binary> {
    #[derive(Serialize)]
    #[serde(rename_all = "snake_case")]
    enum Cw20Transfer<'a> {
        Transfer { recipient: &'a str, amount: Uint128 },
    }
    to_json_binary(&Cw20Transfer::Transfer { recipient, amount })
}

/// The oracle queries the vault sends, spelled as `cw_serde` spells the same variants of
/// [`oracle::QueryMsg`] (serializing the whole enum would link every variant's serializer).
#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum OracleQuery<'a> {
    Assess { exposures: &'a [Exposure] },
    Config {},
}

/// The vault queries the helpers send, spelled as the same variants of [`vault::QueryMsg`].
#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum VaultQuery<'a> {
    Config {},
    Member { address: &'a str },
    Capacity { member: &'a str },
    VotingPowerAtHeight { address: &'a str, height: Option<u64> },
    TotalPowerAtHeight { height: Option<u64> },
}

/// The `power` of a `voting_power_at_height` / `total_power_at_height` answer (unknown fields,
/// here `height`, are skipped).
#[derive(Deserialize)]
struct PowerOnly {
    power: Power,
}

/// The two kinds of chain query the suite's contracts make, each spelled as cosmwasm-std's
/// `QueryRequest` spells it: `{"bank":{"balance":{"address","denom"}}}` and
/// `{"wasm":{"smart":{"contract_addr","msg"}}}` (`msg` base64). Serializing cosmwasm-std's own
/// `QueryRequest` links a serializer for all of its variants (staking, distribution, ibc, grpc,
/// …) into every contract that queries; two one-variant types link only what a contract uses
/// (measured: one two-variant type is 650 B smaller in the vault, which makes both, but 480 B
/// larger in the DAO and 530 B in the options DEX, which make one each).
#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum BankRequest<'a> {
    Bank(BankBalance<'a>),
}

#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum BankBalance<'a> {
    Balance { address: &'a str, denom: &'a str },
}

/// See [`BankRequest`].
#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum WasmRequest<'a> {
    Wasm(WasmSmart<'a>),
}

#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum WasmSmart<'a> {
    Smart { contract_addr: &'a str, msg: Binary },
}

/// The answer's bytes, with `QuerierWrapper::query`'s error strings.
fn answer(querier: &QuerierWrapper, request: &impl Serialize) -> StdResult<Binary> {
    let raw = to_json_vec(request).map_err(|e| StdError::generic_err(format!("Serializing QueryRequest: {e}")))?;
    match querier.raw_query(&raw) {
        SystemResult::Err(e) => Err(StdError::generic_err(format!("Querier system error: {e}"))),
        SystemResult::Ok(ContractResult::Err(e)) => Err(StdError::generic_err(format!("Querier contract error: {e}"))),
        SystemResult::Ok(ContractResult::Ok(value)) => Ok(value),
    }
}

/// `querier.query_wasm_smart(contract, msg)`: the same request bytes, answer and error strings,
/// through the narrow [`WasmRequest`].
pub fn smart_query<T: DeserializeOwned>(
    querier: &QuerierWrapper,
    contract: &str,
    msg: &impl Serialize,
) -> StdResult<T> {
    let msg = to_json_binary(msg)?;
    from_json(answer(querier, &WasmRequest::Wasm(WasmSmart::Smart { contract_addr: contract, msg }))?)
}

/// `address`'s balance of the native `denom`: what `querier.query_balance(address,
/// denom)?.amount` answers, with the same request JSON and the same error strings (but for an
/// answer that is not a balance, which names this function's answer type instead of
/// `BalanceResponse`), reading only `amount.amount`.
pub fn native_balance(querier: &QuerierWrapper, address: &str, denom: &str) -> StdResult<Uint128> {
    #[derive(Deserialize)]
    struct Balance {
        amount: CoinAmount,
    }
    #[derive(Deserialize)]
    struct CoinAmount {
        amount: Uint128,
    }
    let value = answer(querier, &BankRequest::Bank(BankBalance::Balance { address, denom }))?;
    Ok(from_json::<Balance>(value)?.amount.amount)
}

/// `address`'s balance of the cw20 `token`: cw20's `{"balance":{"address"}}` smart query (the
/// same bytes as `Cw20QueryMsg::Balance`), reading only the answer's `balance`.
pub fn cw20_balance(querier: &QuerierWrapper, token: &str, address: &str) -> StdResult<Uint128> {
    #[derive(Serialize)]
    #[serde(rename_all = "snake_case")]
    enum Cw20Query<'a> {
        Balance { address: &'a str },
    }
    #[derive(Deserialize)]
    struct Balance {
        balance: Uint128,
    }
    let r: Balance = smart_query(querier, token, &Cw20Query::Balance { address })?;
    Ok(r.balance)
}

/// The JSON inside `MsgExecuteContractResponse { bytes data = 1; }` when `raw` is that protobuf
/// (decoded by cw-utils), otherwise `raw` itself (plain JSON from older chains).
fn unwrap_execute_response(raw: &Binary) -> Binary {
    match cw_utils::parse_execute_response_data(raw) {
        Ok(cw_utils::MsgExecuteContractResponse { data: Some(inner) }) => inner,
        _ => raw.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::{MsgResponse, SubMsgResponse};

    fn response() -> vault::ClaimLossResponse {
        vault::ClaimLossResponse {
            claim_id: 7,
            status: vault::ClaimStatus::Settled,
            paid_by_member: Amount::new(1),
            paid_by_pool: Amount::new(2),
            denied: Amount::MAX,
            shortfall: Amount::MAX,
        }
    }

    /// `MsgExecuteContractResponse { data }`: field 1, wire type 2, varint length, bytes.
    fn protobuf(data: &[u8]) -> Binary {
        let mut out = vec![0x0a];
        let mut n = data.len();
        while n >= 0x80 {
            out.push((n as u8 & 0x7f) | 0x80);
            n >>= 7;
        }
        out.push(n as u8);
        out.extend_from_slice(data);
        Binary::new(out)
    }

    #[allow(deprecated)]
    fn reply(data: Option<Binary>, msg_responses: Vec<Binary>) -> Reply {
        Reply {
            id: 1,
            payload: Binary::default(),
            gas_used: 0,
            result: SubMsgResult::Ok(SubMsgResponse {
                events: vec![],
                data,
                msg_responses: msg_responses
                    .into_iter()
                    .map(|value| MsgResponse { type_url: "/cosmwasm.wasm.v1.MsgExecuteContractResponse".into(), value })
                    .collect(),
            }),
        }
    }

    #[test]
    fn claim_reply_reads_protobuf_wrapped_and_plain_json_data() {
        let json = to_json_binary(&response()).unwrap();
        // A long enough body for a two-byte varint length.
        assert!(json.len() >= 0x80, "{}", json.len());
        for r in [
            reply(None, vec![protobuf(&json)]),
            reply(Some(protobuf(&json)), vec![]),
            reply(Some(json.clone()), vec![]),
            // msg_responses first, the deprecated data field only as a fallback.
            reply(Some(Binary::from(b"junk")), vec![protobuf(&json)]),
        ] {
            assert_eq!(VaultContract::parse_claim_reply(r).unwrap(), Ok(response()));
        }
    }

    fn execute(msg: CosmosMsg) -> (String, Binary, Vec<Coin>) {
        match msg {
            CosmosMsg::Wasm(WasmMsg::Execute { contract_addr, msg, funds }) => (contract_addr, msg, funds),
            other => panic!("not a wasm execute: {other:?}"),
        }
    }

    /// Every message the helper sends is byte for byte what the vault's full `ExecuteMsg` (and,
    /// through a cw20 `send`, its `ReceiveMsg` inside cw20's `Cw20ExecuteMsg`) serializes to.
    #[test]
    fn member_calls_are_spelled_as_the_full_messages() {
        use crate::oracle::{OptionKind, OptionLeg};
        use cosmwasm_std::{Decimal, Int128};
        let v = VaultContract(Addr::unchecked("vault"));
        let full = |m: vault::ExecuteMsg| to_json_binary(&m).unwrap();
        let exposures = vec![
            Exposure::linear("BTC-PERP", -1_234_567),
            Exposure {
                market: "ETH".into(),
                notional: crate::SignedNotional::new(0),
                option: Some(OptionLeg {
                    kind: OptionKind::Put,
                    strike: Decimal::percent(150),
                    expiry: 1_700_000_000,
                    size: Int128::new(-5),
                }),
            },
        ];
        let no_funds = |m: CosmosMsg| {
            let (addr, msg, funds) = execute(m);
            assert_eq!((addr.as_str(), funds), ("vault", vec![]));
            msg
        };
        let cases = [
            (
                no_funds(v.report_exposure(exposures.clone()).unwrap()),
                full(vault::ExecuteMsg::ReportExposure { exposures: exposures.clone() }),
            ),
            (
                no_funds(v.report_exposure(vec![]).unwrap()),
                full(vault::ExecuteMsg::ReportExposure { exposures: vec![] }),
            ),
            (
                no_funds(v.member_withdraw(Amount::new(u128::MAX)).unwrap()),
                full(vault::ExecuteMsg::MemberWithdraw { amount: Amount::MAX }),
            ),
            (
                no_funds(v.claim_loss(Amount::new(42), "holder", None).unwrap()),
                full(vault::ExecuteMsg::ClaimLoss { amount: Amount::new(42), recipient: "holder".into(), memo: None }),
            ),
            (
                no_funds(v.claim_loss(Amount::new(7), "h\"o", Some("a \"memo\"\n".into())).unwrap()),
                full(vault::ExecuteMsg::ClaimLoss {
                    amount: Amount::new(7),
                    recipient: "h\"o".into(),
                    memo: Some("a \"memo\"\n".into()),
                }),
            ),
        ];
        for (got, want) in cases {
            assert_eq!(got, want, "{} != {}", got, want);
        }
        assert_eq!(
            to_json_binary(&MemberCall::ClaimLoss { amount: Amount::new(1), recipient: "r", memo: None })
                .unwrap()
                .to_vec(),
            br#"{"claim_loss":{"amount":"1","recipient":"r","memo":null}}"#.to_vec()
        );

        // Funds-taking messages, native: the coins attached, the ExecuteMsg's JSON.
        let native = vault::AssetInfo::Native("uusd".into());
        let (addr, msg, funds) = execute(v.member_deposit(&native, Amount::new(900)).unwrap());
        assert_eq!(
            (addr.as_str(), &funds, msg),
            ("vault", &coins(900, "uusd"), full(vault::ExecuteMsg::MemberDeposit {}))
        );
        let (addr, msg, funds) = execute(v.pay_premium(&native, "dex", Amount::new(3)).unwrap());
        assert_eq!(
            (addr.as_str(), &funds, msg),
            ("vault", &coins(3, "uusd"), full(vault::ExecuteMsg::PayPremium { member: "dex".into() }))
        );

        for amount in [Uint128::zero(), Uint128::MAX] {
            assert_eq!(
                cw20_transfer_msg("r\"x", amount).unwrap(),
                to_json_binary(&cw20::Cw20ExecuteMsg::Transfer { recipient: "r\"x".into(), amount }).unwrap()
            );
        }

        // Through a cw20 token: cw20's full `send` carrying the full ReceiveMsg.
        let token = vault::AssetInfo::Cw20("token".into());
        let send = |amount: u128, hook: vault::ReceiveMsg| {
            to_json_binary(&cw20::Cw20ExecuteMsg::Send {
                contract: "vault".into(),
                amount: Uint128::new(amount),
                msg: to_json_binary(&hook).unwrap(),
            })
            .unwrap()
        };
        let (addr, msg, funds) = execute(v.member_deposit(&token, Amount::new(900)).unwrap());
        assert_eq!((addr.as_str(), funds, msg), ("token", vec![], send(900, vault::ReceiveMsg::MemberDeposit {})));
        let (addr, msg, funds) = execute(v.pay_premium(&token, "dex", Amount::new(3)).unwrap());
        assert_eq!(
            (addr.as_str(), funds, msg),
            ("token", vec![], send(3, vault::ReceiveMsg::PayPremium { member: "dex".into() }))
        );
    }

    /// A querier answering `answer` to anything, recording the requests' bytes.
    struct Canned {
        answer: cosmwasm_std::QuerierResult,
        seen: std::cell::RefCell<Vec<Vec<u8>>>,
    }

    impl cosmwasm_std::Querier for Canned {
        fn raw_query(&self, bin_request: &[u8]) -> cosmwasm_std::QuerierResult {
            self.seen.borrow_mut().push(bin_request.to_vec());
            self.answer.clone()
        }
    }

    /// `native_balance` sends cosmwasm-std's own request bytes and answers what `query_balance`
    /// answers, errors included (same strings).
    #[test]
    fn native_balance_is_query_balance() {
        use cosmwasm_std::{BankQuery, Empty, QueryRequest, SystemError};
        let full_request = to_json_vec(&QueryRequest::<Empty>::Bank(BankQuery::Balance {
            address: "dex".into(),
            denom: "uusd".into(),
        }))
        .unwrap();
        let ok = SystemResult::Ok(ContractResult::Ok(Binary::from(
            br#"{"amount":{"denom":"uusd","amount":"340282366920938463463374607431768211455"}}"#,
        )));
        let answers = [
            ok,
            SystemResult::Ok(ContractResult::Err("no such denom".into())),
            SystemResult::Err(SystemError::UnsupportedRequest { kind: "bank".into() }),
            SystemResult::Ok(ContractResult::Ok(Binary::from(br#"{"amount":{"denom":"uusd"}}"#))),
        ];
        let mut outcomes = vec![];
        for answer in answers {
            let q = Canned { answer, seen: Default::default() };
            let w = QuerierWrapper::<Empty>::new(&q);
            let narrow = native_balance(&w, "dex", "uusd").map_err(|e| e.to_string());
            let full = w.query_balance("dex", "uusd").map(|c| c.amount).map_err(|e| e.to_string());
            if outcomes.len() < 3 {
                assert_eq!(narrow, full);
            } else {
                // A malformed answer: both refuse it, naming their own answer type.
                assert!(full.unwrap_err().contains("BalanceResponse: missing field `amount`"));
            }
            let seen = q.seen.into_inner();
            assert_eq!(seen, vec![full_request.clone(), full_request.clone()]);
            outcomes.push(narrow);
        }
        assert_eq!(outcomes[0], Ok(Uint128::MAX));
        assert!(outcomes[1].as_ref().unwrap_err().contains("Querier contract error: no such denom"), "{outcomes:?}");
        assert!(outcomes[2].as_ref().unwrap_err().contains("Querier system error"), "{outcomes:?}");
        assert!(
            outcomes[3].as_ref().unwrap_err().contains("native_balance::Balance: missing field `amount`"),
            "{outcomes:?}"
        );
    }

    /// The narrow query messages are spelled as the full `QueryMsg` variants.
    #[test]
    fn narrow_queries_are_spelled_as_the_full_messages() {
        let exposures = vec![Exposure::linear("BTC", 5), Exposure::linear("ETH", -7)];
        let same = |narrow: Binary, full: Binary| assert_eq!(narrow, full, "{narrow} != {full}");
        fn j(m: &impl Serialize) -> Binary {
            to_json_binary(m).unwrap()
        }
        same(
            j(&OracleQuery::Assess { exposures: &exposures }),
            to_json_binary(&oracle::QueryMsg::Assess { exposures: exposures.clone() }).unwrap(),
        );
        same(j(&OracleQuery::Config {}), to_json_binary(&oracle::QueryMsg::Config {}).unwrap());
        same(j(&VaultQuery::Config {}), to_json_binary(&vault::QueryMsg::Config {}).unwrap());
        same(
            j(&VaultQuery::Member { address: "m" }),
            to_json_binary(&vault::QueryMsg::Member { address: "m".into() }).unwrap(),
        );
        same(
            j(&VaultQuery::Capacity { member: "m" }),
            to_json_binary(&vault::QueryMsg::Capacity { member: "m".into() }).unwrap(),
        );
        for height in [None, Some(0), Some(u64::MAX)] {
            same(
                j(&VaultQuery::VotingPowerAtHeight { address: "v", height }),
                to_json_binary(&vault::QueryMsg::VotingPowerAtHeight { address: "v".into(), height }).unwrap(),
            );
            same(
                j(&VaultQuery::TotalPowerAtHeight { height }),
                to_json_binary(&vault::QueryMsg::TotalPowerAtHeight { height }).unwrap(),
            );
        }
    }

    /// `AssessFigures` reads its fields of a full `AssessResponse` answer (a Monte Carlo one,
    /// the method the most complex JSON) unchanged, and the same defaults when the optional
    /// fields are absent.
    #[test]
    fn assess_figures_are_the_responses_fields() {
        use cosmwasm_std::Decimal;
        let full = AssessResponse {
            var: Amount::new(1),
            es: Amount::new(2),
            required: Amount::MAX,
            stress_loss: Amount::new(4),
            claim_limit: Amount::new(5),
            claim_multiple: Decimal::permille(1_500),
            cover_n: 3,
            method: oracle::Method::MonteCarlo { paths: 10_000, seed: 7 },
            confidence_bps: 9_900,
            horizon_secs: 86_400,
            as_of: 1_700_000_000,
            delisted: vec!["LUNA".into(), "FTT".into()],
            max_exposures: Some(12),
            grid_loss: Amount::new(8),
            short_option_minimum: Amount::new(9),
        };
        let f: AssessFigures = from_json(to_json_binary(&full).unwrap()).unwrap();
        assert_eq!(f, AssessFigures::from(full.clone()));
        assert_eq!(
            f,
            AssessFigures {
                es: full.es,
                required: full.required,
                stress_loss: full.stress_loss,
                claim_multiple: full.claim_multiple,
                cover_n: full.cover_n,
                as_of: full.as_of,
                delisted: full.delisted.clone(),
                max_exposures: full.max_exposures,
            }
        );
        let old = br#"{"var":"0","es":"1","required":"2","stress_loss":"3","claim_limit":"0","claim_multiple":"1",
            "cover_n":2,"method":"parametric","confidence_bps":9900,"horizon_secs":86400,"as_of":20}"#;
        let (full, f): (AssessResponse, AssessFigures) = (from_json(old).unwrap(), from_json(old).unwrap());
        assert_eq!((f.es, f.required, f.cover_n, f.as_of), (full.es, full.required, full.cover_n, full.as_of));
        assert_eq!((f.delisted, f.max_exposures), (vec![], None));
    }

    /// `smart_query` and `cw20_balance` send cosmwasm-std's own request bytes (for the full
    /// messages) and answer what `query_wasm_smart` answers, errors included.
    #[test]
    fn smart_query_is_query_wasm_smart() {
        use cosmwasm_std::{Empty, QueryRequest, SystemError, WasmQuery};
        let full_request = |contract: &str, msg: Binary| {
            to_json_vec(&QueryRequest::<Empty>::Wasm(WasmQuery::Smart { contract_addr: contract.into(), msg })).unwrap()
        };
        let answers = || {
            [
                SystemResult::Ok(ContractResult::Ok(Binary::from(br#"{"balance":"12345","extra":1}"#))),
                SystemResult::Ok(ContractResult::Err("unknown variant".into())),
                SystemResult::Err(SystemError::NoSuchContract { addr: "token".into() }),
            ]
        };
        // cw20's balance query: the request of Cw20QueryMsg::Balance, the answer's `balance`.
        let cw20_msg = to_json_binary(&cw20::Cw20QueryMsg::Balance { address: "vault".into() }).unwrap();
        for (i, answer) in answers().into_iter().enumerate() {
            let q = Canned { answer, seen: Default::default() };
            let w = QuerierWrapper::<Empty>::new(&q);
            let narrow = cw20_balance(&w, "token", "vault").map_err(|e| e.to_string());
            assert_eq!(q.seen.borrow().as_slice(), [full_request("token", cw20_msg.clone())]);
            let full = w
                .query_wasm_smart::<serde_json::Value>(
                    "token",
                    &cw20::Cw20QueryMsg::Balance { address: "vault".into() },
                )
                .map(|v| Uint128::new(v["balance"].as_str().unwrap().parse().unwrap()))
                .map_err(|e| e.to_string());
            assert_eq!(narrow, full);
            if i == 0 {
                assert_eq!(narrow, Ok(Uint128::new(12_345)));
            }
        }
        // The vault's voting power: the full request; `power` read, `height` skipped.
        let v = VaultContract(Addr::unchecked("vault"));
        let power = SystemResult::Ok(ContractResult::Ok(Binary::from(br#"{"power":"77","height":9}"#)));
        let q = Canned { answer: power, seen: Default::default() };
        let w = QuerierWrapper::<Empty>::new(&q);
        assert_eq!(v.voting_power_at_height(&w, "u", 9).unwrap(), Power::new(77));
        assert_eq!(v.total_power_at_height(&w, 9).unwrap(), Power::new(77));
        let full = w
            .query_wasm_smart::<vault::VotingPowerAtHeightResponse>(
                "vault",
                &vault::QueryMsg::VotingPowerAtHeight { address: "u".into(), height: Some(9) },
            )
            .unwrap();
        assert_eq!(full.power, Power::new(77));
        let seen = q.seen.into_inner();
        let vp =
            to_json_binary(&vault::QueryMsg::VotingPowerAtHeight { address: "u".into(), height: Some(9) }).unwrap();
        let tp = to_json_binary(&vault::QueryMsg::TotalPowerAtHeight { height: Some(9) }).unwrap();
        assert_eq!(seen, [full_request("vault", vp.clone()), full_request("vault", tp), full_request("vault", vp)]);
    }

    #[test]
    fn claim_reply_errors() {
        let e = VaultContract::parse_claim_reply(reply(None, vec![])).unwrap_err();
        assert!(e.to_string().contains("claim_loss reply without data"), "{e}");
        assert!(VaultContract::parse_claim_reply(reply(Some(protobuf(b"")), vec![])).is_err());
        assert!(VaultContract::parse_claim_reply(reply(Some(Binary::from(b"not json")), vec![])).is_err());
        let refused =
            Reply { id: 1, payload: Binary::default(), gas_used: 0, result: SubMsgResult::Err("refused".into()) };
        assert_eq!(VaultContract::parse_claim_reply(refused).unwrap(), Err("refused".to_string()));
    }
}
