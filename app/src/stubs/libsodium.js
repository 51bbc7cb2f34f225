// Stands in for libsodium-wrappers-sumo (≈1.6 MB of asm.js) in the page's bundle: @cosmjs/crypto
// imports it for Ed25519, Argon2 and XChaCha20, none of which the dashboard uses (Injective
// keys are secp256k1 and Keplr holds them). Anything that reaches it fails loudly.
const unavailable = () => {
  throw new Error("libsodium is not bundled in the dashboard");
};
const sodium = new Proxy(
  { ready: Promise.resolve() },
  { get: (target, key) => (key in target ? target[key] : unavailable) },
);
export default sodium;
