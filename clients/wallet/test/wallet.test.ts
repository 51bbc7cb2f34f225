// The underwriter flows signed by a real wallet library against a real local node seeded by
// `chain-e2e serve-scenario` (scripts/wallet.sh starts it and passes its JSON as CHAIN_INFO):
// @injectivelabs/sdk-ts's PrivateKey signs (eth_secp256k1: keccak256 of the SignDoc) and its
// MsgBroadcasterWithPk simulates and broadcasts over gRPC-web; every message comes from the
// generated composers of clients/ts (PoolVaultMsgComposer, DaoGovernanceMsgComposer), and every
// outcome is read back through the generated query clients (at the tx's height and the one before).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { PoolVaultMsgComposer } from "../../ts/src/PoolVault.message-composer";
import { DaoGovernanceMsgComposer } from "../../ts/src/DaoGovernance.message-composer";
import { PoolVaultQueryClient } from "../../ts/src/PoolVault.client";
import { DaoGovernanceQueryClient } from "../../ts/src/DaoGovernance.client";
import { balance, type ChainInfo, wallet, wasmAttr, wasmClient } from "../src/sdk";

const CHAIN_INFO = process.env.CHAIN_INFO;
if (!CHAIN_INFO) throw new Error("CHAIN_INFO (chain-e2e serve-scenario's JSON) is not set: run scripts/wallet.sh");
const info = JSON.parse(readFileSync(CHAIN_INFO, "utf8")) as ChainInfo;
const vaultAt = (h?: number) => new PoolVaultQueryClient(wasmClient(info, h), info.vault);
const daoAt = (h?: number) => new DaoGovernanceQueryClient(wasmClient(info, h), info.dao);
const log = (msg: string) => console.log(`  [wallet] ${msg}`);
/** The promise's rejection message (it must reject). */
const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => assert.fail("the chain accepted what it should refuse"),
    (err: unknown) => err,
  );
  return String((e as { originalMessage?: string }).originalMessage ?? (e as Error).message ?? e);
};

test("sdk-ts signs the composers' messages: deposit, vote, request_withdraw", async () => {
  const alice = wallet(info, "alice");
  const bob = wallet(info, "bob");
  for (const w of [alice, bob]) assert.equal(w.address, w.keyringAddress, `${w.name}: sdk-ts's address of the key is the keyring's`);
  const vaultMsgs = new PoolVaultMsgComposer(alice.address, info.vault);
  const cfg = await vaultAt().config();
  const usdc = (n: bigint) => [{ denom: info.denom, amount: n.toString() }];

  // Deposit: refused below the minimum (the contract's typed error, from the simulation), then 1,000 USDC.
  const tooSmall = BigInt(cfg.min_deposit) / 2n;
  const refused = await refusal(alice.send(vaultMsgs.deposit({}, usdc(tooSmall))));
  assert.match(refused, new RegExp(`deposit ${tooSmall} below the minimum ${cfg.min_deposit}`));
  log(`deposit of ${tooSmall} refused: ${refused.match(/deposit \d+ below the minimum \d+/)?.[0]}`);
  const amount = 1_000_000_000n;
  const bal0 = await balance(info, alice.address, info.denom);
  const tx = await alice.send(vaultMsgs.deposit({}, usdc(amount)));
  const h = tx.height;
  const minted = wasmAttr(tx, info.vault, "shares");
  const [u0, u1, s0, s1, preview] = await Promise.all([
    vaultAt(h - 1).underwriter({ address: alice.address }),
    vaultAt(h).underwriter({ address: alice.address }),
    vaultAt(h - 1).state(),
    vaultAt(h).state(),
    vaultAt(h - 1).previewDeposit({ amount: amount.toString() }),
  ]);
  log(`deposit ${amount} uusdc: tx ${tx.txHash} at height ${h}, gas ${tx.gasUsed}/${tx.gasWanted}, minted ${minted} shares`);
  assert.equal(bal0 - (await balance(info, alice.address, info.denom)), amount, "exactly the deposit left the wallet (the fee is in inj)");
  assert.equal(wasmAttr(tx, info.vault, "amount"), amount.toString());
  assert.ok(BigInt(minted) > 0n);
  assert.equal(BigInt(u1.shares) - BigInt(u0.shares), BigInt(minted), "the underwriter's shares grew by the minted shares");
  assert.equal(BigInt(u1.bonded_shares) - BigInt(u0.bonded_shares), BigInt(minted), "bonded at once");
  assert.equal(BigInt(s1.total_shares) - BigInt(s0.total_shares), BigInt(minted), "the vault's total shares grew by the same");
  assert.equal(BigInt(s1.total_assets) - BigInt(s0.total_assets) >= amount, true, "total assets grew by at least the deposit");
  assert.ok(BigInt(minted) <= BigInt(preview.shares), `minted ${minted} ≤ preview_deposit ${preview.shares} a block earlier (the price does not fall)`);
  const lot = u1.locked.find((l) => !u0.locked.some((o) => o.unlocks_at === l.unlocks_at && o.shares === l.shares));
  assert.ok(lot && BigInt(lot.shares) >= BigInt(minted), "the new shares are locked");
  assert.equal(lot.unlocks_at - cfg.deposit_lock_secs, Math.floor(Date.parse(tx.timestamp) / 1000), "for deposit_lock_secs from the block time");

  // Vote: bob proposes after the deposit, alice votes yes with her power at its start height.
  const daoBob = new DaoGovernanceMsgComposer(bob.address, info.dao);
  const inner = Buffer.from(JSON.stringify({ update_config: { max_memo_len: cfg.max_memo_len } })).toString("base64");
  const ptx = await bob.send(
    daoBob.propose({ title: "sdk-ts: a no-op config update", description: "signed by @injectivelabs/sdk-ts", msgs: [{ wasm: { execute: { contract_addr: info.vault, msg: inner, funds: [] } } }] }),
  );
  const pid = Number(wasmAttr(ptx, info.dao, "proposal_id"));
  const p0 = await daoAt(ptx.height).proposal({ proposalId: pid });
  assert.equal(p0.proposer, bob.address);
  const power = (await vaultAt().votingPowerAtHeight({ address: alice.address, height: p0.start_height })).power;
  assert.equal(power, u1.bonded_shares, "alice's power at the start height is her bonded shares after the deposit");
  const daoAlice = new DaoGovernanceMsgComposer(alice.address, info.dao);
  const vtx = await alice.send(daoAlice.vote({ proposalId: pid, vote: "yes" }));
  const [v, p1, pBefore] = await Promise.all([
    daoAt(vtx.height).vote({ proposalId: pid, voter: alice.address }),
    daoAt(vtx.height).proposal({ proposalId: pid }),
    daoAt(vtx.height - 1).proposal({ proposalId: pid }),
  ]);
  log(`proposal ${pid} by bob (start height ${p0.start_height}); alice votes yes: tx ${vtx.txHash}, power ${v.vote?.power}, yes ${pBefore.yes} → ${p1.yes}, status ${p1.status}`);
  assert.equal(v.vote?.vote, "yes");
  assert.equal(v.vote?.power, power, "the vote weighs alice's power at the start height");
  assert.equal(BigInt(p1.yes) - BigInt(pBefore.yes), BigInt(power), "the yes tally grew by her power");
  // Alice holds most of the power: her yes passes it early, and a second vote finds it closed.
  assert.equal(p1.status, "passed", "alice's majority passes the proposal early");
  const again = await refusal(alice.send(daoAlice.vote({ proposalId: pid, vote: "no" })));
  assert.match(again, new RegExp(`proposal ${pid} is passed, not open`));
  log(`a second vote refused: ${again.match(/proposal \d+ is passed, not open/)?.[0]}`);

  // Request a withdrawal: more than bonded is refused with the numbers; then half her shares from before the deposit.
  const tooMany = BigInt(u1.bonded_shares) + 1n;
  const locked = await refusal(alice.send(vaultMsgs.requestWithdraw({ shares: tooMany.toString() })));
  const m = locked.match(new RegExp(`requested ${tooMany} shares, (\\d+) bonded and unlocked`));
  assert.ok(m, locked);
  assert.ok(BigInt(m[1]) >= BigInt(u0.bonded_shares) && BigInt(m[1]) <= BigInt(u1.bonded_shares), `available ${m[1]}`);
  log(`request of ${tooMany} shares refused: ${m[0]}`);
  const shares = BigInt(u0.bonded_shares) / 2n;
  const wtx = await alice.send(vaultMsgs.requestWithdraw({ shares: shares.toString() }));
  const id = Number(wasmAttr(wtx, info.vault, "unbonding_id"));
  const [w0, w1, ws0, ws1] = await Promise.all([
    vaultAt(wtx.height - 1).underwriter({ address: alice.address }),
    vaultAt(wtx.height).underwriter({ address: alice.address }),
    vaultAt(wtx.height - 1).state(),
    vaultAt(wtx.height).state(),
  ]);
  const entry = w1.unbonding.find((e) => e.id === id);
  log(`request_withdraw ${shares} shares: tx ${wtx.txHash}, entry ${JSON.stringify(entry)}`);
  assert.ok(entry, `unbonding entry ${id}`);
  assert.equal(w1.unbonding.length, w0.unbonding.length + 1, "one new unbonding entry");
  assert.equal(entry.shares, shares.toString());
  assert.equal(entry.value_at_request, wasmAttr(wtx, info.vault, "value_at_request"));
  assert.equal(entry.matures_at, Math.floor(Date.parse(wtx.timestamp) / 1000) + cfg.unbonding_secs, "matures unbonding_secs after the block time");
  assert.equal(BigInt(w0.bonded_shares) - BigInt(w1.bonded_shares), shares, "no longer bonded");
  assert.equal(w1.shares, w0.shares, "still hers until withdrawn");
  assert.equal(BigInt(ws1.total_shares), BigInt(ws0.total_shares), "no share burned yet");
  assert.ok(BigInt(entry.value_at_request) > 0n);
});
