// Keplr (window.keplr) for the underwriter flows. Injective keys are eth_secp256k1: Keplr
// signs keccak256 of the SignDoc for chains it knows with the "eth-key-sign" feature, which
// experimentalSuggestChain declares for a local chain; tx.js builds and broadcasts.
import { executeContract, TxRefused } from "./tx.js";
import type { Settings } from "./data";

export interface KeplrKey {
  name: string;
  algo: string;
  pubKey: Uint8Array;
  bech32Address: string;
}

export interface Keplr {
  enable(chainId: string): Promise<void>;
  getKey(chainId: string): Promise<KeplrKey>;
  getOfflineSigner(chainId: string): {
    getAccounts(): Promise<readonly { address: string; pubkey: Uint8Array; algo: string }[]>;
    signDirect(signer: string, doc: unknown): Promise<{ signed: unknown; signature: { signature: string } }>;
  };
  experimentalSuggestChain?(info: unknown): Promise<void>;
}

declare global {
  interface Window {
    keplr?: Keplr;
  }
}

export interface Wallet {
  address: string;
  pubkey: Uint8Array;
  run(contract: string, msg: unknown, funds?: { denom: string; amount: string }[]): Promise<{ hash: string; height: number; gasUsed: number }>;
}

/** Chain info for Keplr's experimentalSuggestChain (a local Injective-like chain). */
function chainInfo(s: Settings) {
  const gasPrice = /^(\d+(?:\.\d+)?)/.exec(s.gasPrice)?.[1] ?? "160000000";
  const fee = /([a-z][a-z0-9/]*)$/i.exec(s.gasPrice)?.[1] ?? "inj";
  return {
    chainId: s.chainId,
    chainName: `Local ${s.chainId}`,
    rpc: s.rpc,
    rest: s.rpc,
    bip44: { coinType: 60 },
    bech32Config: { bech32PrefixAccAddr: "inj", bech32PrefixAccPub: "injpub", bech32PrefixValAddr: "injvaloper", bech32PrefixValPub: "injvaloperpub", bech32PrefixConsAddr: "injvalcons", bech32PrefixConsPub: "injvalconspub" },
    currencies: [{ coinDenom: "INJ", coinMinimalDenom: fee, coinDecimals: 18 }, { coinDenom: "USDC", coinMinimalDenom: s.denom, coinDecimals: 6 }],
    feeCurrencies: [{ coinDenom: "INJ", coinMinimalDenom: fee, coinDecimals: 18, gasPriceStep: { low: Number(gasPrice), average: Number(gasPrice), high: Number(gasPrice) } }],
    stakeCurrency: { coinDenom: "INJ", coinMinimalDenom: fee, coinDecimals: 18 },
    features: ["eth-address-gen", "eth-key-sign"],
  };
}

export async function connectKeplr(s: Settings): Promise<Wallet> {
  const k = window.keplr;
  if (!k) throw new Error("no Keplr wallet in this browser (window.keplr)");
  if (k.experimentalSuggestChain) await k.experimentalSuggestChain(chainInfo(s));
  await k.enable(s.chainId);
  const key = await k.getKey(s.chainId);
  const signer = k.getOfflineSigner(s.chainId);
  return {
    address: key.bech32Address,
    pubkey: key.pubKey,
    run: (contract, msg, funds = []) =>
      executeContract({ rpc: s.rpc, chainId: s.chainId, gasPrice: s.gasPrice }, signer as never, key.bech32Address, key.pubKey, contract, msg, funds),
  };
}

/** The chain's refusal text for display: the contract's typed error (with its numbers) first. */
export function refusal(e: unknown): { headline: string; detail: string } {
  if (e instanceof TxRefused) return { headline: e.contractError, detail: `${e.stage}: ${e.text}` };
  const m = e instanceof Error ? e.message : String(e);
  return { headline: m, detail: "" };
}
