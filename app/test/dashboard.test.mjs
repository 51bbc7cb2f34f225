// The dashboard in a real browser (Debian's chromium, driven by playwright-core) against a real
// local node seeded by `chain-e2e serve-scenario` (scripts/app.sh starts it and passes its JSON
// as CHAIN_INFO). Asserts the figures on screen equal the chain's own answers (queried here with
// CosmJS's CosmWasmClient), takes desktop and phone screenshots into SCREENS, then runs the
// underwriter flows (deposit, vote, request_withdraw, withdraw, each refused once with its typed
// error's numbers) with a Keplr-shaped eth_secp256k1 signer injected into the page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CosmWasmClient } from "@cosmjs/cosmwasm-stargate";
import { toBase64, toUtf8 } from "@cosmjs/encoding";
import { serveApp, configFrom } from "./serve.mjs";
import { ethSigner } from "./eth-signer.mjs";
import { QueryClient } from "@cosmjs/stargate";
import { cometClient, executeContract, smartQueryAt } from "../src/tx.js";

const CHAIN_INFO = process.env.CHAIN_INFO;
const DIST = process.env.APP_DIST ?? new URL("../dist/", import.meta.url).pathname;
const SCREENS = process.env.SCREENS ?? new URL("../../target/app-screens/", import.meta.url).pathname;
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
if (!CHAIN_INFO) throw new Error("CHAIN_INFO (chain-e2e serve-scenario's JSON) is not set: run scripts/app.sh");
const chain = JSON.parse(readFileSync(CHAIN_INFO, "utf8"));
const cfg = configFrom(chain);
const chainInfo = { rpc: chain.rpc, chainId: chain.chain_id, gasPrice: chain.gas_price };

// Independent of the page's format.ts: base units → "1,234.56 USDC" (truncated; every decimal
// below 1 USDC), Decimals cut, a share price per 10⁶ shares.
const usdc = (base) => {
  const v = BigInt(base);
  const s = v.toString().padStart(7, "0");
  const whole = s.slice(0, -6).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${whole}.${v > 0n && v < 1_000_000n ? s.slice(-6) : s.slice(-6, -4)} USDC`;
};
const perMillionShares = (d) => {
  const [i, f = ""] = d.split(".");
  const atomics = BigInt(i + f.padEnd(18, "0")) * 1_000_000n; // 18 decimal places
  const s = atomics.toString().padStart(19, "0");
  const frac = s.slice(-18, -12).replace(/0+$/, "");
  return frac ? `${BigInt(s.slice(0, -18))}.${frac}` : `${BigInt(s.slice(0, -18))}`;
};
const dec = (d, places = 6) => {
  const [i, f = ""] = d.split(".");
  const t = f.slice(0, places).replace(/0+$/, "");
  return t ? `${i}.${t}` : i;
};

let browser, server, cw, qc, page, context;
const q = (addr, msg) => cw.queryContractSmart(addr, msg);
/** The page's snapshot height and the chain's answers at that same height. */
const pageHeight = async () => Number(await page.getAttribute("body", "data-height"));
const at = (height) => (addr, msg) => smartQueryAt(qc, addr, msg, height);

/** The field's [raw, text] on the page. */
async function field(scope, name) {
  const el = scope.locator(`[data-field="${name}"]`).first();
  return [await el.getAttribute("data-raw"), (await el.textContent())?.trim()];
}

async function reload() {
  await page.click("#refresh");
  const h = (await cw.getHeight()) - 1;
  await page.waitForFunction((min) => Number(document.body.dataset.height ?? 0) >= min, h, { timeout: 30_000 });
}

/** Waits until the latest block's time reaches `secs` (at most 120 s). */
async function waitChainTime(secs) {
  const t0 = Date.now();
  while (Date.parse((await cw.getBlock()).header.time) / 1000 < secs) {
    assert.ok(Date.now() - t0 < 120_000, `chain time did not reach ${secs}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function shoot(name) {
  await page.screenshot({ path: join(SCREENS, name), fullPage: true });
}

before(async () => {
  mkdirSync(SCREENS, { recursive: true });
  const comet = await cometClient(chain.rpc);
  cw = await CosmWasmClient.create(comet);
  qc = QueryClient.withExtensions(comet);
  server = await serveApp(DIST, cfg);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
  cw?.disconnect();
});

test("read-only: the figures on screen are the chain's", async () => {
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(server.url);
  await page.waitForSelector('[data-field="state.total_assets"]', { timeout: 30_000 });
  await page.waitForSelector('#markets tbody tr[data-market]', { timeout: 30_000 });
  assert.match(await page.locator("#wallet-note").textContent(), /no Keplr wallet/);

  // The chain's answers at the height of the page's snapshot (figures like total_assets move
  // every block as premium income vests).
  await reload();
  const height = await pageHeight();
  const qh = at(height);
  const [state, cov, claims, members, markets] = await Promise.all([
    qh(chain.vault, { state: {} }),
    qh(chain.vault, { coverage_report: {} }),
    qh(chain.vault, { claims: { limit: 30 } }),
    qh(chain.vault, { members: { limit: 30 } }),
    qh(chain.oracle, { markets: { limit: 30 } }),
  ]);

  for (const k of ["total_assets", "net_assets", "unvested", "member_contributions", "escrow", "pending_exposure", "shortfall"]) {
    assert.deepEqual(await field(page, `state.${k}`), [state[k], usdc(state[k])], `state.${k}`);
  }
  for (const k of ["share_price", "net_share_price"]) {
    assert.deepEqual(await field(page, `state.${k}`), [state[k], perMillionShares(state[k])], `state.${k}`);
  }
  for (const k of ["cover_n_requirement", "capacity", "capital", "losses_paid_by_pool", "losses_paid_by_members", "denied", "shortfall_to_date"]) {
    assert.deepEqual(await field(page, `coverage.${k}`), [cov[k], usdc(cov[k])], `coverage.${k}`);
  }
  assert.deepEqual(await field(page, "coverage.cover_n"), [String(cov.cover_n), String(cov.cover_n)]);
  assert.equal((await field(page, "coverage.coverage_ratio"))[0], cov.coverage_ratio ?? "");
  const util = BigInt(cov.capacity) > 0n ? String((BigInt(cov.cover_n_requirement) * 10000n) / BigInt(cov.capacity)) : "";
  assert.equal((await field(page, "coverage.utilisation"))[0], util, "requirement ÷ capacity in basis points");
  const bar = await page.locator("#cover-chart svg").getAttribute("aria-label");
  assert.equal(bar, `Cover-${cov.cover_n} requirement ${usdc(cov.cover_n_requirement)} against capacity ${usdc(cov.capacity)}`);
  assert.equal(await page.locator("#price-chart svg path.line-gross").count(), 1);

  // Members: three (the perp DEX, the market maker and the options DEX), each figure from
  // member / coverage_report / assess.
  assert.equal(members.members.length, 3);
  assert.equal(await page.locator("#members tbody tr[data-member]").count(), members.members.length);
  for (const m of members.members) {
    const row = page.locator(`#members tr[data-member="${m.member}"]`);
    const c = cov.members.find((x) => x.member === m.member);
    assert.deepEqual(await field(row, "required"), [m.required, usdc(m.required)], `${m.member} required`);
    assert.deepEqual(await field(row, "contribution"), [m.contribution, usdc(m.contribution)], `${m.member} contribution`);
    assert.deepEqual(await field(row, "stress_loss"), [c.stress_loss, usdc(c.stress_loss)], `${m.member} stress loss`);
    const grid = m.exposures.length ? (await qh(chain.oracle, { assess: { exposures: m.exposures } })).grid_loss ?? "0" : "";
    assert.equal((await field(row, "grid_loss"))[0], grid, `${m.member} grid loss`);
    const [premium] = await field(row, "premium");
    const want = m.suspended ? `suspended:${m.suspended}` : BigInt(m.premium_due) > 0n ? ["due", "arrears"] : m.paid_through ? "paid" : "current";
    if (Array.isArray(want)) assert.ok(want.includes(premium), `${m.member} premium ${premium}`);
    else assert.equal(premium, want, `${m.member} premium`);
  }

  const dex = members.members.find((m) => m.member === chain.perp_dex);
  assert.ok(dex.exposures.length === 1 && BigInt(dex.required) > 0n, "the perp DEX's open book carries a requirement");
  const odex = members.members.find((m) => m.member === chain.options_dex);
  assert.ok(odex.exposures.length === 2 && odex.exposures.every((e) => e.option), "the options DEX carries its written call and put");

  // Claims: the seed's three (1 auto-settled, 2 approved by the DAO, 3 pending).
  assert.deepEqual(claims.claims.map((c) => c.status), ["settled", "settled", "pending"]);
  for (const c of claims.claims) {
    const row = page.locator(`#claims tr[data-claim="${c.id}"]`);
    assert.deepEqual(await field(row, "status"), [c.status, c.status]);
    for (const k of ["amount", "paid_by_member", "paid_by_pool", "denied", "shortfall"]) {
      assert.deepEqual(await field(row, k), [c[k], usdc(c[k])], `claim ${c.id} ${k}`);
    }
  }

  // Markets (32 listed: the page pages through them) and the backtest, or its absence.
  assert.equal(await page.locator("#markets tbody tr[data-market]").count(), 32);
  for (const m of markets.markets.slice(0, 5)) {
    const row = page.locator(`#markets tr[data-market="${m.id}"]`);
    assert.deepEqual(await field(row, "price"), [m.price, dec(m.price)], `${m.id} price`);
    assert.deepEqual(await field(row, "volatility"), [m.volatility, dec(m.volatility, 4)], `${m.id} vol`);
    assert.equal((await field(row, "implied_vol"))[0], m.implied_vol ?? "", `${m.id} implied vol`);
    assert.equal((await field(row, "history_rounds"))[0], String(m.history_rounds));
  }
  const btc = markets.markets.find((m) => m.id === "BTC-PERP");
  assert.equal(btc.price, "60100", "the last seeded oracle round");
  let backtest;
  try {
    backtest = await qh(chain.oracle, { backtest: { market: "BTC-PERP" } });
  } catch (e) {
    backtest = { error: String(e) };
  }
  const [avail, note] = await field(page, "backtest.available");
  if (backtest.error) {
    assert.equal(avail, "false");
    assert.match(note, /^Backtests not available/);
    assert.equal((await field(page.locator('#markets tr[data-market="BTC-PERP"]'), "zone"))[1], "not available");
  } else {
    assert.equal(avail, "true");
    const row = page.locator('#markets tr[data-market="BTC-PERP"]');
    assert.equal((await field(row, "zone"))[0], backtest.zone);
    assert.equal((await field(row, "exceptions"))[0], `${backtest.exceptions}/${backtest.window}`);
    assert.equal((await field(row, "factor"))[0], backtest.factor);
  }
  await shoot("desktop-1280x800.png");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(200);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 390, `no sideways scrolling at phone width (page is ${overflow}px wide)`);
  await shoot("phone-390x844.png");
  assert.deepEqual(errors, []);
  await context.close();
});

test("wallet flows with a Keplr-shaped eth_secp256k1 signer", async () => {
  const carol = await ethSigner(chain.accounts.carol.private_key_hex);
  const bob = await ethSigner(chain.accounts.bob.private_key_hex);
  assert.equal(carol.address, chain.accounts.carol.address, "keccak address of the key = the keyring's address");
  assert.equal(bob.address, chain.accounts.bob.address);

  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const signed = [];
  await page.exposeFunction("__keplrKey", () => ({ ...carol.key, pubKey: toBase64(carol.pubkey), address: toBase64(carol.addressBytes) }));
  await page.exposeFunction("__keplrSign", async (signer, body, auth, chainId, accountNumber) => {
    const b = Uint8Array.from(Buffer.from(body, "base64"));
    const a = Uint8Array.from(Buffer.from(auth, "base64"));
    signed.push(chainId);
    const r = await carol.signDirect(signer, { bodyBytes: b, authInfoBytes: a, chainId, accountNumber: BigInt(accountNumber) });
    return r.signature;
  });
  await page.addInitScript(() => {
    const dec = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
    const enc = (u) => btoa(String.fromCharCode(...u));
    const enabled = new Set();
    const key = async () => {
      const k = await window.__keplrKey();
      return { ...k, pubKey: dec(k.pubKey), address: dec(k.address) };
    };
    window.keplr = {
      version: "0.12-test",
      async experimentalSuggestChain(info) {
        window.__suggested = info;
      },
      async enable(chainId) {
        enabled.add(chainId);
      },
      async getKey(chainId) {
        if (!enabled.has(chainId)) throw new Error(`${chainId} not enabled`);
        return key();
      },
      getOfflineSigner(chainId) {
        return {
          async getAccounts() {
            const k = await key();
            return [{ address: k.bech32Address, pubkey: k.pubKey, algo: k.algo }];
          },
          async signDirect(signer, doc) {
            const signature = await window.__keplrSign(signer, enc(doc.bodyBytes), enc(doc.authInfoBytes), doc.chainId, doc.accountNumber.toString());
            return { signed: doc, signature };
          },
        };
      },
    };
  });
  await page.goto(server.url);
  await page.waitForSelector('[data-field="state.total_assets"]', { timeout: 30_000 });
  // Keyboard: focus the button and press Enter.
  await page.locator("#connect").focus();
  await page.keyboard.press("Enter");
  await page.waitForSelector('#account:not([hidden]) [data-field="account.address"]');
  assert.equal((await field(page, "account.address"))[0], carol.address);
  assert.deepEqual(await page.evaluate(() => window.__suggested.features), ["eth-address-gen", "eth-key-sign"]);

  const vaultCfg = await q(chain.vault, { config: {} });
  const run = async (form, fill) => {
    if (fill) await fill();
    await page.locator(`${form} button[type="submit"]`).click();
    await page.waitForSelector('#tx-result[data-busy="false"]', { timeout: 60_000 });
    const ok = (await page.locator("#tx-result").getAttribute("data-ok")) === "true";
    const msg = (await page.locator('#tx-result [data-field="tx.message"]').textContent()).trim();
    await page.evaluate(() => document.querySelector("#tx-result").removeAttribute("data-busy"));
    return { ok, msg };
  };
  const propose = async (title) => {
    const inner = toBase64(toUtf8(JSON.stringify({ update_config: { max_memo_len: 300 } })));
    const msg = { propose: { title, description: "browser test", msgs: [{ wasm: { execute: { contract_addr: chain.vault, msg: inner, funds: [] } } }] } };
    const r = await executeContract(chainInfo, bob, bob.address, bob.pubkey, chain.dao, msg);
    const props = (await q(chain.dao, { proposals: { limit: 30 } })).proposals;
    const p = props[props.length - 1];
    assert.equal(p.title, title);
    assert.ok(p.start_height <= r.height);
    return p.id;
  };
  const bal = async () => BigInt((await cw.getBalance(carol.address, chain.denom)).amount);

  // A proposal made before carol holds any share: her vote will have no power.
  const before = await propose("Before carol's deposit");

  // Deposit: refused below the minimum, then accepted.
  let r = await run("#f-deposit", () => page.fill("#deposit-amount", "0.5"));
  assert.equal(r.ok, false);
  assert.match(r.msg, new RegExp(`deposit 500000 below the minimum ${vaultCfg.min_deposit}`));
  await shoot("wallet-refused-deposit.png");
  const b0 = await bal();
  r = await run("#f-deposit", () => page.fill("#deposit-amount", "1000"));
  assert.ok(r.ok, r.msg);
  assert.equal(b0 - (await bal()), 1_000_000_000n, "1,000 USDC left carol's wallet");
  const u1 = await at(await pageHeight())(chain.vault, { underwriter: { address: carol.address } });
  assert.ok(BigInt(u1.shares) > 0n);
  assert.deepEqual(await field(page, "account.shares"), [u1.shares, BigInt(u1.shares).toLocaleString("en-US")]);
  assert.equal((await field(page, "account.value"))[0], u1.value);

  // Vote: no power on the older proposal (typed error's numbers), yes on a newer one, not twice.
  await page.selectOption("#vote-proposal", String(before));
  r = await run("#f-vote");
  assert.equal(r.ok, false);
  assert.match(r.msg, new RegExp(`${carol.address} has no voting power \\(power at start height 0, bonded now \\d+\\)`));
  const after = await propose("After carol's deposit");
  await reload();
  await page.selectOption("#vote-proposal", String(after));
  await page.check('#f-vote input[value="yes"]');
  r = await run("#f-vote");
  assert.ok(r.ok, r.msg);
  const v = await q(chain.dao, { vote: { proposal_id: after, voter: carol.address } });
  assert.equal(v.vote.vote, "yes");
  assert.equal(v.vote.power, u1.bonded_shares, "carol's vote weighs her bonded shares");
  const p = await q(chain.dao, { proposal: { proposal_id: after } });
  assert.deepEqual(await field(page.locator(`#proposals tr[data-proposal="${after}"]`), "yes"), [p.yes, BigInt(p.yes).toLocaleString("en-US")]);
  await page.selectOption("#vote-proposal", String(after));
  r = await run("#f-vote");
  assert.equal(r.ok, false);
  assert.match(r.msg, new RegExp(`${carol.address} already voted on proposal ${after}`));

  // Request a withdrawal: more than she has is refused with the numbers; then all of it.
  const tooMany = (BigInt(u1.shares) * 10n).toString();
  r = await run("#f-request", () => page.fill("#request-shares", tooMany));
  assert.equal(r.ok, false);
  assert.match(r.msg, new RegExp(`requested ${tooMany} shares, (0|${u1.bonded_shares}) bonded and unlocked`));
  const unlock = Math.max(0, ...u1.locked.map((l) => l.unlocks_at));
  await waitChainTime(unlock + 1);
  await reload();
  await page.click("#request-all");
  assert.equal(await page.inputValue("#request-shares"), u1.bonded_shares);
  r = await run("#f-request");
  assert.ok(r.ok, r.msg);
  const u2 = await q(chain.vault, { underwriter: { address: carol.address } });
  assert.equal(u2.unbonding.length, 1);
  assert.equal(u2.unbonding[0].shares, u1.bonded_shares);
  assert.equal((await field(page, "account.unbonding"))[0], "1");

  // Withdraw: refused before maturity (the entry's maturity in the error), paid after it.
  r = await run("#f-withdraw");
  assert.equal(r.ok, false);
  assert.match(r.msg, new RegExp(`no unbonding entry has matured \\(next at Some\\(${u2.unbonding[0].matures_at}\\)\\)`));
  await shoot("wallet-refused-withdraw.png");
  await waitChainTime(u2.unbonding[0].matures_at + 1);
  const b1 = await bal();
  r = await run("#f-withdraw");
  assert.ok(r.ok, r.msg);
  const paid = (await bal()) - b1;
  assert.ok(paid > 0n && paid <= BigInt(u2.unbonding[0].value_at_request), `paid ${paid} ≤ value at request ${u2.unbonding[0].value_at_request}`);
  const u3 = await q(chain.vault, { underwriter: { address: carol.address } });
  assert.equal(u3.unbonding.length, 0);
  assert.equal(u3.shares, "0");
  assert.ok(signed.length >= 4 && signed.every((c) => c === chain.chain_id), "every signature was the injected wallet's");
  await shoot("wallet-after-withdraw.png");
  assert.deepEqual(errors, []);
  await context.close();
});
