//! Test doubles: a cw20 that refuses a recipient, an oracle proxy adding listing answers, and a
//! storage that counts what an action touches.

/// A cw20-base token that, while `refusing`, fails every transfer to
/// [`REFUSER`](crate::suite::REFUSER) (a recipient "the bank refuses").
pub mod refusing_token {
    use cosmwasm_std::{DepsMut, Env, MessageInfo, Response, StdError};
    use cw20::Cw20ExecuteMsg;
    use cw_storage_plus::Item;
    use serde::{Deserialize, Serialize};

    const REFUSING: Item<bool> = Item::new("refusing");

    /// `{"set_refusing": {"refusing": …}}`.
    #[derive(Serialize, Deserialize, Debug, Clone)]
    #[serde(rename_all = "snake_case")]
    pub struct SetRefusing {
        /// Whether transfers to the refuser fail from now on.
        pub refusing: bool,
    }

    /// The token's messages: cw20's, plus `set_refusing`.
    #[derive(Deserialize, Debug)]
    #[serde(untagged)]
    pub enum Msg {
        /// Refuse the refuser, or stop.
        Set {
            /// The switch.
            set_refusing: SetRefusing,
        },
        /// Any cw20 message.
        Cw20(Cw20ExecuteMsg),
    }

    /// cw20-base's execute, but a transfer to the refuser fails while refusing.
    pub fn execute(deps: DepsMut, env: Env, info: MessageInfo, msg: Msg) -> Result<Response, cw20_base::ContractError> {
        match msg {
            Msg::Set { set_refusing } => {
                REFUSING.save(deps.storage, &set_refusing.refusing)?;
                Ok(Response::new())
            }
            Msg::Cw20(Cw20ExecuteMsg::Transfer { recipient, .. })
                if REFUSING.may_load(deps.storage)?.unwrap_or(false)
                    && recipient
                        == cosmwasm_std::testing::MockApi::default().addr_make(crate::suite::REFUSER).as_str() =>
            {
                Err(StdError::generic_err(format!("transfers to {recipient} are refused")).into())
            }
            Msg::Cw20(m) => cw20_base::contract::execute(deps, env, info, m),
        }
    }
}

/// An oracle in front of the real one: forwards every query, and adds to `assess` answers the
/// `delisted` markets (those of the query's exposures in its list) and `max_exposures` it was
/// told (the delisting interface of issue 11 item 15, before the oracle side is merged).
pub mod oracle_proxy {
    use cosmwasm_std::{to_json_binary, Addr, Binary, Deps, DepsMut, Env, MessageInfo, Response, StdResult};
    use cw_storage_plus::Item;
    use risk_pool::oracle::{AssessResponse, QueryMsg};
    use serde::{Deserialize, Serialize};

    const REAL: Item<Addr> = Item::new("real");
    const LISTING: Item<Listing> = Item::new("listing");

    /// What the proxy adds to every `assess` answer (its one execute message).
    #[derive(Serialize, Deserialize, Debug, Clone, Default)]
    pub struct Listing {
        /// Markets reported delisted (when the query names them).
        pub delisted: Vec<String>,
        /// The exposure count limit reported.
        pub max_exposures: Option<u32>,
    }

    /// Instantiated with the real oracle's address.
    pub fn instantiate(deps: DepsMut, _: Env, _: MessageInfo, real: Addr) -> StdResult<Response> {
        REAL.save(deps.storage, &real)?;
        LISTING.save(deps.storage, &Listing::default())?;
        Ok(Response::new())
    }

    /// Sets the listing answers.
    pub fn execute(deps: DepsMut, _: Env, _: MessageInfo, msg: Listing) -> StdResult<Response> {
        LISTING.save(deps.storage, &msg)?;
        Ok(Response::new())
    }

    /// Forwards to the real oracle; `assess` answers get the listing.
    pub fn query(deps: Deps, _: Env, msg: QueryMsg) -> StdResult<Binary> {
        let real = REAL.load(deps.storage)?;
        match &msg {
            QueryMsg::Assess { exposures } => {
                let mut a: AssessResponse = deps.querier.query_wasm_smart(&real, &msg)?;
                let listing = LISTING.load(deps.storage)?;
                a.delisted =
                    listing.delisted.into_iter().filter(|d| exposures.iter().any(|e| &e.market == d)).collect();
                a.max_exposures = listing.max_exposures;
                to_json_binary(&a)
            }
            _ => {
                let v: serde_json::Value = deps.querier.query_wasm_smart(&real, &msg)?;
                to_json_binary(&v)
            }
        }
    }
}

/// A storage that counts what an action touches: every `get`, every range opened and every
/// record a range yields are reads; every `set`/`remove` is a write.
pub struct Counting {
    /// The storage counted.
    pub inner: cosmwasm_std::testing::MockStorage,
    /// Reads so far.
    pub reads: std::cell::Cell<u64>,
    /// Writes so far.
    pub writes: u64,
}

impl Counting {
    /// Counts from zero over `inner`.
    pub fn new(inner: cosmwasm_std::testing::MockStorage) -> Self {
        Counting { inner, reads: Default::default(), writes: 0 }
    }
    fn read(&self) {
        self.reads.set(self.reads.get() + 1);
    }
}

impl cosmwasm_std::Storage for Counting {
    fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
        self.read();
        self.inner.get(key)
    }
    fn range<'a>(
        &'a self,
        start: Option<&[u8]>,
        end: Option<&[u8]>,
        order: cosmwasm_std::Order,
    ) -> Box<dyn Iterator<Item = cosmwasm_std::Record> + 'a> {
        self.read();
        Box::new(self.inner.range(start, end, order).inspect(move |_| self.read()))
    }
    fn set(&mut self, key: &[u8], value: &[u8]) {
        self.writes += 1;
        self.inner.set(key, value)
    }
    fn remove(&mut self, key: &[u8]) {
        self.writes += 1;
        self.inner.remove(key)
    }
}
