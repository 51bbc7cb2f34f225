// Contract executions on an Injective (eth_secp256k1) chain, signed by a Keplr-shaped signer.
// Plain ES module (JSDoc types) so the page and the Node browser test share it.
//
// Why not CosmJS's SigningCosmWasmClient: it knows only the cosmos secp256k1/ed25519 pubkey
// types and the cosmos BaseAccount. Injective accounts are `/injective.types.v1beta1.EthAccount`
// (a BaseAccount in field 1) with `/injective.crypto.v1beta1.ethsecp256k1.PubKey` keys (same
// protobuf shape as secp256k1's: `bytes key = 1`, the 33-byte compressed key) whose signatures
// are over keccak256(SignDoc bytes). So this module builds the SignDoc with CosmJS's proto
// helpers and a custom pubkey Any, and leaves the hashing to the signer (Keplr does keccak for
// chains it knows as eth-key-sign; the test's injected signer does the same).
//
// Flow: account number/sequence (auth Account query) → simulate (empty signature; a refusal
// here is the contract's typed error, before the wallet is asked) → gas = ⌈estimate × 1.4⌉ +
// 50,000 (the simulation leaves out the eth_secp256k1 signature check, ~28,000 gas, like the
// CLI's) → fee = gas × gas price → signDirect → broadcast_tx_sync → wait for the block; a
// DeliverTx failure returns its log (the contract's error text).

import { fromBase64, fromUtf8, toBase64, toHex, toUtf8 } from "@cosmjs/encoding";
import { makeAuthInfoBytes, makeSignDoc } from "@cosmjs/proto-signing";
import { QueryClient } from "@cosmjs/stargate";
import { Comet38Client } from "@cosmjs/tendermint-rpc";
import { BaseAccount } from "cosmjs-types/cosmos/auth/v1beta1/auth.js";
import { QueryAccountRequest, QueryAccountResponse } from "cosmjs-types/cosmos/auth/v1beta1/query.js";
import { PubKey } from "cosmjs-types/cosmos/crypto/secp256k1/keys.js";
import { SimulateRequest, SimulateResponse } from "cosmjs-types/cosmos/tx/v1beta1/service.js";
import { TxBody, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx.js";
import { MsgExecuteContract } from "cosmjs-types/cosmwasm/wasm/v1/tx.js";
import { QuerySmartContractStateRequest, QuerySmartContractStateResponse } from "cosmjs-types/cosmwasm/wasm/v1/query.js";
import { BinaryReader } from "cosmjs-types/binary.js";

export const ETH_PUBKEY_TYPE = "/injective.crypto.v1beta1.ethsecp256k1.PubKey";
const GAS_ADJUSTMENT = 1.4;
const GAS_MARGIN = 50_000;
/**
 * The most gas this page asks a wallet to sign for. The underwriter flows use 120,000–230,000
 * gas (scripts/chain/gas-baseline.json); an RPC that answers the simulation with a huge estimate would otherwise set the
 * fee (gas × price) the wallet is asked to pay.
 */
export const MAX_GAS = 3_000_000;

/** Same bytes. */
function sameBytes(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** A refused transaction: where it stopped and the chain's text (the contract's typed error). */
export class TxRefused extends Error {
  /**
   * @param {"simulation" | "CheckTx" | "DeliverTx"} stage
   * @param {string} text
   * @param {number | undefined} code
   */
  constructor(stage, text, code) {
    super(`${stage}: ${text}`);
    this.stage = stage;
    this.text = text;
    this.code = code;
  }

  /** The contract's own message inside the SDK's wrapping ("…: <contract error>: execute wasm contract failed"). */
  get contractError() {
    const m = /message index: \d+: (.*?): execute wasm contract failed/s.exec(this.text);
    return m ? m[1] : this.text;
  }
}

/**
 * The account number and sequence of `address` (a cosmos BaseAccount or an Injective EthAccount,
 * whose field 1 is its BaseAccount).
 * @param {QueryClient} q
 * @param {string} address
 */
export async function accountOf(q, address) {
  const req = QueryAccountRequest.encode({ address }).finish();
  const res = QueryAccountResponse.decode(await q.queryAbci("/cosmos.auth.v1beta1.Query/Account", req).then((r) => r.value));
  const any = res.account;
  if (!any) throw new Error(`account ${address} not found`);
  let base;
  if (any.typeUrl === "/cosmos.auth.v1beta1.BaseAccount") {
    base = BaseAccount.decode(any.value);
  } else {
    const r = new BinaryReader(any.value);
    while (r.pos < r.len) {
      const tag = r.uint32();
      if (tag >>> 3 === 1 && (tag & 7) === 2) {
        base = BaseAccount.decode(r.bytes());
        break;
      }
      r.skipType(tag & 7);
    }
  }
  if (!base) throw new Error(`account ${address}: no base account in ${any.typeUrl}`);
  return { accountNumber: base.accountNumber, sequence: base.sequence };
}

/** @param {Uint8Array} compressed 33-byte public key */
export function ethPubkeyAny(compressed) {
  return { typeUrl: ETH_PUBKEY_TYPE, value: PubKey.encode({ key: compressed }).finish() };
}

/**
 * @typedef {{ rpc: string, chainId: string, gasPrice: string }} ChainInfo  gasPrice like "160000000inj"
 * @typedef {{ denom: string, amount: string }} Coin
 * @typedef {{ bodyBytes: Uint8Array, authInfoBytes: Uint8Array, chainId: string, accountNumber: bigint }} SignDoc
 * @typedef {{ signDirect(signer: string, doc: SignDoc): Promise<{ signed: SignDoc, signature: { signature: string } }> }} DirectSigner
 * @typedef {{ hash: string, height: number, gasUsed: number, gasWanted: number }} TxResult
 */

/** @param {string} s "160000000inj" */
function parseCoin(s) {
  const m = /^(\d+(?:\.\d+)?)([a-zA-Z][a-zA-Z0-9/:._-]*)$/.exec(s.trim());
  if (!m) throw new Error(`not a gas price: ${s}`);
  return { amount: m[1], denom: m[2] };
}

/** ⌈gas × price⌉ in integers (the price may have a fraction). */
function feeAmount(gas, price) {
  const [int, frac = ""] = price.split(".");
  const scale = 10n ** BigInt(frac.length);
  const num = BigInt(gas) * BigInt(int + frac);
  return ((num + scale - 1n) / scale).toString();
}

/**
 * A CometBFT RPC client. Injective 1.20 runs CometBFT 1.0, whose version CosmJS 0.32's
 * `connectComet` does not know (it falls back to the Tendermint 0.34 client, which cannot read
 * 1.0's tx results); 1.0's RPC answers in 0.38's shapes, so the 0.38 client is taken directly.
 * @param {string} rpc
 */
export async function cometClient(rpc) {
  return Comet38Client.connect(rpc);
}

/**
 * A smart query answered from the state at `height` (one consistent snapshot for a whole page,
 * and the same snapshot for the test that checks it). The chain must keep that height's state
 * (serve-scenario's node prunes nothing).
 * @param {QueryClient} q
 * @param {string} address
 * @param {unknown} msg
 * @param {number} height
 */
export async function smartQueryAt(q, address, msg, height) {
  const req = QuerySmartContractStateRequest.encode({ address, queryData: toUtf8(JSON.stringify(msg)) }).finish();
  const res = await q.queryAbci("/cosmwasm.wasm.v1.Query/SmartContractState", req, height);
  return JSON.parse(fromUtf8(QuerySmartContractStateResponse.decode(res.value).data));
}

/**
 * An ICosmWasmClient (the generated clients' interface) pinned at `height`.
 * @param {QueryClient} q
 * @param {number} height
 */
export function clientAt(q, height) {
  return { queryContractSmart: (address, msg) => smartQueryAt(q, address, msg, height) };
}

/** @param {string} rpc */
async function connect(rpc) {
  const comet = await cometClient(rpc);
  return { comet, q: QueryClient.withExtensions(comet) };
}

/**
 * Executes `msg` on `contract` from `sender` (with `funds`), signed by `signer`.
 * @param {ChainInfo} chain
 * @param {DirectSigner} signer
 * @param {string} sender bech32 address
 * @param {Uint8Array} pubkey the sender's compressed eth_secp256k1 key
 * @param {string} contract
 * @param {unknown} msg
 * @param {Coin[]} [funds]
 * @returns {Promise<TxResult>}
 */
export async function executeContract(chain, signer, sender, pubkey, contract, msg, funds = []) {
  const { comet, q } = await connect(chain.rpc);
  try {
    const exec = MsgExecuteContract.fromPartial({ sender, contract, msg: toUtf8(JSON.stringify(msg)), funds });
    const bodyBytes = TxBody.encode(
      TxBody.fromPartial({
        messages: [{ typeUrl: "/cosmwasm.wasm.v1.MsgExecuteContract", value: MsgExecuteContract.encode(exec).finish() }],
        memo: "",
      }),
    ).finish();
    // Sign only for the chain the RPC serves (a signature for another chain id is one the RPC
    // could hand to that chain).
    const network = (await comet.status()).nodeInfo.network;
    if (network !== chain.chainId) throw new Error(`the RPC ${chain.rpc} serves chain ${network}, not ${chain.chainId}: nothing signed`);
    const { accountNumber, sequence } = await accountOf(q, sender);
    const pk = ethPubkeyAny(pubkey);
    const price = parseCoin(chain.gasPrice);
    const authInfo = (gas) =>
      makeAuthInfoBytes([{ pubkey: pk, sequence }], [{ denom: price.denom, amount: feeAmount(gas, price.amount) }], gas, undefined, undefined);

    // Simulation: the typed error comes back here, before anything is signed.
    const simTx = TxRaw.encode({ bodyBytes, authInfoBytes: authInfo(0), signatures: [new Uint8Array(0)] }).finish();
    let estimate;
    try {
      const res = await q.queryAbci("/cosmos.tx.v1beta1.Service/Simulate", SimulateRequest.encode({ txBytes: simTx }).finish());
      estimate = SimulateResponse.decode(res.value).gasInfo?.gasUsed;
    } catch (e) {
      throw new TxRefused("simulation", e instanceof Error ? e.message : String(e), undefined);
    }
    // No silent zero: a simulation without an estimate would sign a 50,000-gas transaction that
    // runs out of gas (and pays its fee).
    if (!estimate) throw new Error("the simulation returned no gas estimate: nothing signed");
    const gas = Math.ceil(Number(estimate) * GAS_ADJUSTMENT) + GAS_MARGIN;
    if (!(gas <= MAX_GAS)) throw new Error(`the simulation asks for ${estimate} gas (${gas} with the margin), above this page's limit ${MAX_GAS}: nothing signed`);
    const doc = makeSignDoc(bodyBytes, authInfo(gas), chain.chainId, Number(accountNumber));
    const { signed, signature } = await signer.signDirect(sender, doc);
    // The wallet may change the fee (Keplr lets its user do so), but what the transaction does,
    // the chain and the account must be what this page built and showed.
    if (!sameBytes(signed.bodyBytes, bodyBytes) || signed.chainId !== chain.chainId || BigInt(signed.accountNumber.toString()) !== BigInt(accountNumber)) {
      throw new Error("the wallet returned a different transaction (messages, memo, chain or account) than the page built: not broadcast");
    }
    const raw = TxRaw.encode({
      bodyBytes: signed.bodyBytes,
      authInfoBytes: signed.authInfoBytes,
      signatures: [fromBase64(signature.signature)],
    }).finish();
    const sent = await comet.broadcastTxSync({ tx: raw });
    if (sent.code !== 0) throw new TxRefused("CheckTx", sent.log ?? "", sent.code);
    const hash = toHex(sent.hash).toUpperCase();
    const t0 = Date.now();
    while (Date.now() - t0 < 30_000) {
      await new Promise((r) => setTimeout(r, 400));
      let res;
      try {
        res = await comet.tx({ hash: sent.hash });
      } catch {
        continue; // not in a block yet
      }
      if (res.result.code !== 0) throw new TxRefused("DeliverTx", res.result.log ?? "", res.result.code);
      return { hash, height: res.height, gasUsed: Number(res.result.gasUsed), gasWanted: Number(res.result.gasWanted) };
    }
    throw new Error(`tx ${hash} not in a block after 30 s`);
  } finally {
    comet.disconnect();
  }
}

export { toBase64 };
