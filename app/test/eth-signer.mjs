// An eth_secp256k1 signer from a private key, shaped like Keplr's (getKey, an offline signer's
// getAccounts/signDirect), for the browser test and its Node-side transactions.
// Injective's ethsecp256k1: address = bech32("inj", keccak256(uncompressed key without its 0x04
// prefix)[12..]); a signature is secp256k1 over keccak256(SignDoc bytes), 64 bytes r‖s (low s).
import { Keccak256, Secp256k1 } from "@cosmjs/crypto";
import { fromHex, toBase64, toBech32 } from "@cosmjs/encoding";
import { makeSignBytes } from "@cosmjs/proto-signing";

/** @param {string} privateKeyHex */
export async function ethSigner(privateKeyHex, prefix = "inj") {
  const priv = fromHex(privateKeyHex);
  const { pubkey: uncompressed } = await Secp256k1.makeKeypair(priv);
  const pubkey = Secp256k1.compressPubkey(uncompressed);
  const addressBytes = new Keccak256(uncompressed.slice(1)).digest().slice(12);
  const address = toBech32(prefix, addressBytes);
  /** The SignDoc as Keplr's signDirect receives it (accountNumber a bigint or a Long-like). */
  async function signDirect(signerAddress, doc) {
    if (signerAddress !== address) throw new Error(`signer ${address} asked to sign for ${signerAddress}`);
    const bytes = makeSignBytes({
      bodyBytes: doc.bodyBytes,
      authInfoBytes: doc.authInfoBytes,
      chainId: doc.chainId,
      accountNumber: BigInt(doc.accountNumber.toString()),
    });
    const sig = await Secp256k1.createSignature(new Keccak256(bytes).digest(), priv);
    const rs = new Uint8Array([...sig.r(32), ...sig.s(32)]);
    return {
      signed: doc,
      signature: { pub_key: { type: "ethermint/PubKeyEthSecp256k1", value: toBase64(pubkey) }, signature: toBase64(rs) },
    };
  }
  return {
    address,
    pubkey,
    addressBytes,
    signDirect,
    key: { name: "test", algo: "ethsecp256k1", pubKey: pubkey, address: addressBytes, bech32Address: address, isNanoLedger: false, isKeystone: false },
  };
}
