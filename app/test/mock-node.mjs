// A CometBFT 0.38-shaped JSON-RPC server on 127.0.0.1 that answers the page's reads and
// transactions from JavaScript fixtures — no chain. For the red-team tests (test/redteam.test.mjs):
// contract answers the attacker chooses (hostile strings, failing queries, a lying simulation),
// and a record of every transaction the page simulated and broadcast, decoded, so a test can
// compare what was signed with what the page showed.
//
// `contracts(address, msg)` answers a smart query (return the JSON answer, or throw: the query
// then fails with the error's message as its log, as a contract error does).
import { createServer } from "node:http";
import { fromBase64, fromHex, toBase64, toHex, fromUtf8 } from "@cosmjs/encoding";
import { sha256 } from "@cosmjs/crypto";
import { BaseAccount } from "cosmjs-types/cosmos/auth/v1beta1/auth.js";
import { QueryAccountRequest, QueryAccountResponse } from "cosmjs-types/cosmos/auth/v1beta1/query.js";
import { QueryBalanceRequest, QueryBalanceResponse } from "cosmjs-types/cosmos/bank/v1beta1/query.js";
import { SimulateRequest, SimulateResponse } from "cosmjs-types/cosmos/tx/v1beta1/service.js";
import { AuthInfo, TxBody, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx.js";
import { MsgExecuteContract } from "cosmjs-types/cosmwasm/wasm/v1/tx.js";
import { QuerySmartContractStateRequest, QuerySmartContractStateResponse } from "cosmjs-types/cosmwasm/wasm/v1/query.js";

const HASH = "AB".repeat(32);

/** A decoded transaction: its one MsgExecuteContract, the memo, fee and gas. */
export function decodeTx(bytes) {
  const raw = TxRaw.decode(bytes);
  const body = TxBody.decode(raw.bodyBytes);
  const auth = AuthInfo.decode(raw.authInfoBytes);
  const msgs = body.messages.map((m) => {
    const e = MsgExecuteContract.decode(m.value);
    return { typeUrl: m.typeUrl, sender: e.sender, contract: e.contract, msg: JSON.parse(fromUtf8(e.msg)), funds: e.funds };
  });
  return {
    raw,
    msgs,
    memo: body.memo,
    gas: auth.fee.gasLimit,
    fee: auth.fee.amount,
    signers: auth.signerInfos.map((s) => ({ pubkeyType: s.publicKey?.typeUrl, sequence: s.sequence })),
    signatures: raw.signatures,
  };
}

/**
 * @param {{ chainId: string, height?: number, time?: string,
 *   contracts: (address: string, msg: any, height: number) => any,
 *   account?: { accountNumber: bigint, sequence: bigint },
 *   balance?: (address: string, denom: string) => string,
 *   gasUsed?: (tx: any) => bigint | undefined, deliver?: (tx: any) => { code: number, log?: string } }} opts
 */
export async function mockNode(opts) {
  const height = opts.height ?? 1000;
  const time = opts.time ?? "2026-11-01T12:00:00.123456789Z";
  const seen = { simulated: [], broadcast: [], queries: [] };
  const abci = (path, data, h) => {
    const req = fromHex(data);
    switch (path) {
      case "/cosmwasm.wasm.v1.Query/SmartContractState": {
        const { address, queryData } = QuerySmartContractStateRequest.decode(req);
        const msg = JSON.parse(fromUtf8(queryData));
        seen.queries.push({ address, msg, height: h });
        const answer = opts.contracts(address, msg, h);
        return QuerySmartContractStateResponse.encode({ data: new TextEncoder().encode(JSON.stringify(answer)) }).finish();
      }
      case "/cosmos.auth.v1beta1.Query/Account": {
        const { address } = QueryAccountRequest.decode(req);
        const a = opts.account ?? { accountNumber: 7n, sequence: 3n };
        const base = BaseAccount.encode({ address, accountNumber: a.accountNumber, sequence: a.sequence }).finish();
        // An Injective EthAccount: its BaseAccount in field 1 (and a code hash in field 2).
        const eth = new Uint8Array([0x0a, base.length, ...base, 0x12, 2, 0xc5, 0xd2]);
        return QueryAccountResponse.encode({ account: { typeUrl: "/injective.types.v1beta1.EthAccount", value: eth } }).finish();
      }
      case "/cosmos.bank.v1beta1.Query/Balance": {
        const { address, denom } = QueryBalanceRequest.decode(req);
        return QueryBalanceResponse.encode({ balance: { denom, amount: opts.balance?.(address, denom) ?? "5000000000" } }).finish();
      }
      case "/cosmos.tx.v1beta1.Service/Simulate": {
        const { txBytes } = SimulateRequest.decode(req);
        const tx = decodeTx(txBytes);
        seen.simulated.push(tx);
        const used = opts.gasUsed ? opts.gasUsed(tx) : 200_000n;
        return SimulateResponse.encode({ gasInfo: used === undefined ? undefined : { gasWanted: 0n, gasUsed: used } }).finish();
      }
      default:
        throw new Error(`mock node: no ABCI path ${path}`);
    }
  };
  const blockId = { hash: HASH, parts: { total: 1, hash: HASH } };
  const header = {
    version: { block: "11", app: "0" }, chain_id: opts.chainId, height: String(height), time, last_block_id: blockId,
    last_commit_hash: "", data_hash: "", validators_hash: "", next_validators_hash: "", consensus_hash: "", app_hash: "",
    last_results_hash: "", evidence_hash: "", proposer_address: "AA".repeat(20),
  };
  const methods = {
    status: () => ({
      node_info: { protocol_version: { p2p: "8", block: "11", app: "0" }, id: "aa".repeat(20), listen_addr: "tcp://0.0.0.0:26656", network: opts.chainId, version: "1.0.1", channels: "40", moniker: "mock", other: { tx_index: "on", rpc_address: "tcp://127.0.0.1:26657" } },
      sync_info: { latest_block_hash: HASH, latest_app_hash: HASH, latest_block_height: String(height), latest_block_time: time, catching_up: false },
      validator_info: { address: "AA".repeat(20), pub_key: { type: "tendermint/PubKeyEd25519", value: toBase64(new Uint8Array(32).fill(1)) }, voting_power: "10" },
    }),
    block: () => ({ block_id: blockId, block: { header, data: { txs: [] }, evidence: { evidence: [] }, last_commit: { height: String(height - 1), round: 0, block_id: blockId, signatures: [] } } }),
    abci_query: (p) => {
      const h = p.height ? Number(p.height) : height;
      try {
        return { response: { code: 0, log: "", info: "", index: "0", key: null, value: toBase64(abci(p.path, p.data, h)), proofOps: null, height: String(h), codespace: "" } };
      } catch (e) {
        return { response: { code: 29, log: e instanceof Error ? e.message : String(e), info: "", index: "0", key: null, value: null, proofOps: null, height: String(h), codespace: "wasm" } };
      }
    },
    broadcast_tx_sync: (p) => {
      const tx = decodeTx(fromBase64(p.tx));
      seen.broadcast.push(tx);
      return { code: 0, data: "", log: "", codespace: "", hash: toHex(sha256(fromBase64(p.tx))).toUpperCase() };
    },
    tx: (p) => {
      const last = seen.broadcast[seen.broadcast.length - 1];
      const r = opts.deliver ? opts.deliver(last) : { code: 0 };
      return { hash: toHex(fromBase64(p.hash)).toUpperCase(), height: String(height + 1), index: 0, tx_result: { code: r.code, data: "", log: r.log ?? "", info: "", gas_wanted: String(last?.gas ?? 0n), gas_used: "123456", events: [], codespace: "" }, tx: toBase64(TxRaw.encode(last.raw).finish()) };
    },
  };
  const server = createServer((req, res) => {
    res.setHeader("access-control-allow-origin", "*");
    res.setHeader("access-control-allow-headers", "content-type");
    if (req.method === "OPTIONS") return res.writeHead(204).end();
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      let call;
      try {
        call = JSON.parse(body);
        const f = methods[call.method];
        if (!f) throw new Error(`mock node: no method ${call.method}`);
        const result = f(call.params ?? {});
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ jsonrpc: "2.0", id: call.id, result }));
      } catch (e) {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ jsonrpc: "2.0", id: call?.id ?? -1, error: { code: -32603, message: String(e), data: String(e) } }));
      }
    });
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const port = server.address().port;
  return { url: `http://127.0.0.1:${port}`, seen, close: () => new Promise((ok) => server.close(() => ok())) };
}
