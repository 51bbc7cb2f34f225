// The generated clients of clients/ts on @injectivelabs/sdk-ts: the message composers' EncodeObjects
// become sdk-ts messages (signed by its PrivateKey and broadcast by MsgBroadcasterWithPk over
// gRPC-web), and the generated query clients read through sdk-ts's ChainGrpcWasmApi, optionally
// pinned to one block height (the `x-cosmos-block-height` header).
import { ChainGrpcBankApi, ChainGrpcWasmApi, MsgBroadcasterWithPk, MsgExecuteContract, PrivateKey } from "@injectivelabs/sdk-ts";
import type { TxResponse } from "@injectivelabs/sdk-ts";
import { Network } from "@injectivelabs/networks";
import type { ICosmWasmClient } from "../../ts/src/baseClient";
import type { PoolVaultMsgComposer } from "../../ts/src/PoolVault.message-composer";

/** What the generated composers return (interchainjs' EncodeObject). */
export type EncodeObject = ReturnType<PoolVaultMsgComposer["withdraw"]>;
type ChainId = NonNullable<ConstructorParameters<typeof MsgBroadcasterWithPk>[0]["chainId"]>;

/** `chain-e2e serve-scenario`'s JSON (the fields used here). */
export interface ChainInfo {
  chain_id: string;
  grpc_web: string;
  rest: string;
  denom: string;
  vault: string;
  oracle: string;
  dao: string;
  accounts: Record<string, { address: string; private_key_hex: string }>;
}

const EXECUTE = "/cosmwasm.wasm.v1.MsgExecuteContract";

/** The composer's `{typeUrl, value}` (interchainjs' MsgExecuteContract: the contract message as
 * UTF-8 JSON bytes) as sdk-ts's MsgExecuteContract, the same proto message. */
export function toSdkMsg(eo: EncodeObject): MsgExecuteContract {
  if (eo.typeUrl !== EXECUTE) throw new Error(`not a ${EXECUTE}: ${eo.typeUrl}`);
  const v = eo.value as { sender: string; contract: string; msg: Uint8Array; funds: { denom: string; amount: string }[] };
  return MsgExecuteContract.fromJSON({
    sender: v.sender,
    contractAddress: v.contract,
    msg: JSON.parse(new TextDecoder().decode(v.msg)) as object,
    funds: v.funds.length ? v.funds : undefined,
  });
}

/** A signer for one test account: its key, its address and a broadcaster that simulates first
 * (gas = simulated × 1.4: the simulation leaves out the eth_secp256k1 signature check). */
export function wallet(info: ChainInfo, name: string) {
  const acct = info.accounts[name];
  if (!acct) throw new Error(`no test key for ${name}`);
  // createTransaction encodes the pubkey as Injective's eth_secp256k1 only for these chain ids.
  if (!info.chain_id.startsWith("injective")) throw new Error(`sdk-ts signs eth_secp256k1 only for chain ids "injective…", not ${info.chain_id} (CHAIN_ID)`);
  const key = PrivateKey.fromHex(acct.private_key_hex);
  const broadcaster = new MsgBroadcasterWithPk({
    privateKey: key,
    network: Network.Local,
    chainId: info.chain_id as ChainId,
    endpoints: { grpc: info.grpc_web, rest: info.rest, indexer: info.rest },
    simulateTx: true,
    gasBufferCoefficient: 1.4,
  });
  return {
    name,
    key,
    address: key.toBech32(),
    keyringAddress: acct.address,
    /** Signs and broadcasts the composer's messages; the included tx's response. */
    send: (...eos: EncodeObject[]): Promise<TxResponse> => broadcaster.broadcast({ msgs: eos.map(toSdkMsg) }),
  };
}

/** The generated query clients' transport: smart queries through sdk-ts's gRPC-web client, at
 * `height` when given (else the latest). */
export function wasmClient(info: ChainInfo, height?: number): ICosmWasmClient {
  const api = new ChainGrpcWasmApi(info.grpc_web);
  if (height !== undefined) api.setMetadata({ "x-cosmos-block-height": String(height) });
  return {
    queryContractSmart: async (contract: string, query: unknown) => {
      const r = await api.fetchSmartContractState(contract, query as Record<string, unknown>);
      return JSON.parse(new TextDecoder().decode(r.data));
    },
  };
}

/** The bank balance of `address` in `denom`, in base units. */
export async function balance(info: ChainInfo, address: string, denom: string): Promise<bigint> {
  const c = await new ChainGrpcBankApi(info.grpc_web).fetchBalance({ accountAddress: address, denom });
  return BigInt(c.amount);
}

/** The value of attribute `key` of the first `wasm` event from `contract` in a tx's events. */
export function wasmAttr(tx: TxResponse, contract: string, key: string): string {
  const str = (x: unknown) => (typeof x === "string" ? x : new TextDecoder().decode(x as Uint8Array));
  for (const e of (tx.events ?? []) as { type: string; attributes: { key: unknown; value: unknown }[] }[]) {
    if (e.type !== "wasm") continue;
    const attrs = new Map(e.attributes.map((a) => [str(a.key), str(a.value)]));
    if (attrs.get("_contract_address") === contract && attrs.has(key)) return attrs.get(key)!;
  }
  throw new Error(`tx ${tx.txHash}: no wasm attribute ${key} from ${contract}`);
}
