// Red-team tests of the dashboard, no chain: the built page (app/dist) in Debian's chromium
// (playwright-core) against a mock CometBFT RPC (test/mock-node.mjs) whose contract answers an
// attacker chooses, and tx.js in Node against the same mock. docs/red-team.md rows 42–50.
//   cd app && npm run build && node --test test/redteam.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { toBase64 } from "@cosmjs/encoding";
import { serveApp } from "./serve.mjs";
import { ethSigner } from "./eth-signer.mjs";
import { mockNode } from "./mock-node.mjs";
import { executeContract, MAX_GAS } from "../src/tx.js";

const DIST = process.env.APP_DIST ?? new URL("../dist/", import.meta.url).pathname;
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const CHAIN = "p2p-local-1";
const VAULT = "inj1vaultvaultvaultvaultvaultvaultvaultvau";
const ORACLE = "inj1oracleoracleoracleoracleoracleoracleo";
const DAO = "inj1daodaodaodaodaodaodaodaodaodaodaodaod";
const GAS_PRICE = "160000000inj";

// Every string a member, a proposer or a contract error controls carries markup that runs
// script if it is ever parsed as HTML; each sets window.__xss to its number.
const x = (n) => `<img src=x onerror="window.__xss=${n}">`;
const EVIL = `inj1${x(1)}`;
const HOSTILE = {
  member: EVIL,
  suspended: `deficit${x(2)}`,
  assessError: `assess failed ${x(3)}`,
  claimStatus: `<b onmouseover="window.__xss=4">pending</b>`,
  memo: x(5),
  market: `"><svg onload="window.__xss=6"><script>window.__xss=6</script>`,
  backtestError: `unknown variant \`backtest\` <script>window.__xss=7</script>${x(7)}`,
  title: `<script>window.__xss=8</script>${x(8)}`,
  zone: `red" onmouseover="window.__xss=9`,
  contractError: `deposit below ${x(10)} the minimum`,
};

/** Contract answers: a hostile but well-formed chain, with overrides per test. */
function contracts(over = {}) {
  return (addr, msg) => {
    const [q] = Object.keys(msg);
    if (over[q]) return over[q](msg[q], addr);
    if (addr === VAULT) {
      switch (q) {
        case "state":
          return { total_assets: "2000000000", net_assets: "1990000000", share_price: "0.000001000000000000", net_share_price: "0.000000995000000000", total_shares: "2000000000000000", unvested: "0", member_contributions: "300", escrow: "0", pending_exposure: "10000000", shortfall: "0", paused: false, paused_until: null };
        case "coverage_report":
          return { cover_n: 1, cover_n_requirement: "500000000", capacity: "1000000000", capital: "2000000000", coverage_ratio: "4", losses_paid_by_pool: "0", losses_paid_by_members: "0", denied: "0", shortfall_to_date: "0", members: [{ member: EVIL, stress_loss: "1" }] };
        case "members":
          return {
            members: [
              { member: EVIL, required: "100", contribution: "200", stress_loss: "1", exposures: [{ market: "EVIL", notional: "1" }], suspended: HOSTILE.suspended, premium_due: "0", grace_secs: 0 },
              { member: "inj1oldoracle", required: "100", contribution: "100", stress_loss: "1", exposures: [{ market: "OLD", notional: "1" }], suspended: null, premium_due: "0", grace_secs: 0 },
              { member: "inj1nobook", required: "0", contribution: "0", stress_loss: "0", exposures: [], suspended: null, premium_due: "0", grace_secs: 0 },
            ],
          };
        case "claims":
          return { claims: [{ id: 1, member: EVIL, amount: "1000", status: HOSTILE.claimStatus, paid_by_member: "0", paid_by_pool: "0", denied: "0", shortfall: "0", created_at: 1790000000, memo: HOSTILE.memo }] };
        case "config":
          return { asset: { native: "uusdc" }, min_deposit: "1000000", unbonding_secs: 604800 };
        case "underwriter":
          return { shares: "0", bonded_shares: "0", value: "0", unbonding: [], locked: [] };
      }
    }
    if (addr === ORACLE) {
      switch (q) {
        case "markets":
          return { markets: [{ id: HOSTILE.market, price: "60000", volatility: "0.5", implied_vol: null, history_rounds: 3 }] };
        case "backtest":
          throw new Error(HOSTILE.backtestError);
        case "assess":
          if (msg.assess.exposures[0].market === "EVIL") throw new Error(HOSTILE.assessError);
          return { var: "1", es: "1", required: "1", method: "parametric", confidence_bps: 9900, horizon_secs: 86400, as_of: 1 }; // an older oracle: no grid_loss
      }
    }
    if (addr === DAO && q === "proposals") {
      return { proposals: [{ id: 1, title: HOSTILE.title, status: "open", yes: "0", no: "0", abstain: "0", voting_ends_at: 1790000000 }] };
    }
    throw new Error(`no such query ${q} on ${addr}`);
  };
}

let browser;
const open = [];
before(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"] });
});
after(async () => {
  await browser?.close();
  for (const c of open) await c.close();
});

/** The built page served with `config`, against `node`; a Keplr-shaped signer injected when `signer` is given. */
async function openPage(node, { signer, tamper, config } = {}) {
  const server = await serveApp(DIST, { rpc: node.url, chainId: CHAIN, gasPrice: GAS_PRICE, denom: "uusdc", vault: VAULT, oracle: ORACLE, dao: DAO, ...config });
  open.push(server);
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  const dialogs = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const signedDocs = [];
  if (signer) {
    await page.exposeFunction("__keplrKey", () => ({ ...signer.key, pubKey: toBase64(signer.pubkey), address: toBase64(signer.addressBytes) }));
    await page.exposeFunction("__keplrSign", async (who, body, auth, chainId, accountNumber) => {
      signedDocs.push({ who, chainId, accountNumber });
      let b = Uint8Array.from(Buffer.from(body, "base64"));
      if (tamper) b = tamper(b);
      const a = Uint8Array.from(Buffer.from(auth, "base64"));
      const r = await signer.signDirect(who, { bodyBytes: b, authInfoBytes: a, chainId, accountNumber: BigInt(accountNumber) });
      return { signature: r.signature, body: toBase64(b) };
    });
    await page.addInitScript(() => {
      const dec = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
      const enc = (u) => btoa(String.fromCharCode(...u));
      const key = async () => {
        const k = await window.__keplrKey();
        return { ...k, pubKey: dec(k.pubKey), address: dec(k.address) };
      };
      window.keplr = {
        async experimentalSuggestChain() {},
        async enable() {},
        getKey: key,
        getOfflineSigner() {
          return {
            async getAccounts() {
              const k = await key();
              return [{ address: k.bech32Address, pubkey: k.pubKey, algo: k.algo }];
            },
            async signDirect(who, doc) {
              const r = await window.__keplrSign(who, enc(doc.bodyBytes), enc(doc.authInfoBytes), doc.chainId, doc.accountNumber.toString());
              return { signed: { ...doc, bodyBytes: dec(r.body) }, signature: r.signature };
            },
          };
        },
      };
    });
  }
  await page.goto(server.url);
  return { page, errors, dialogs, signedDocs, context };
}

const ready = (page) => page.waitForFunction(() => document.body.dataset.height !== undefined || document.querySelector("#status.error"), null, { timeout: 20_000 });

async function connectWallet(page) {
  await page.click("#connect");
  await page.waitForSelector('#account:not([hidden]) [data-field="account.address"]', { timeout: 20_000 });
}

/** Submits a flow form; the result's ok flag and message. */
async function run(page, form, fill) {
  if (fill) await fill();
  await page.evaluate(() => document.querySelector("#tx-result").removeAttribute("data-busy"));
  await page.locator(`${form} button[type="submit"]`).click();
  await page.waitForSelector('#tx-result[data-busy="false"]', { timeout: 30_000 });
  return {
    ok: (await page.getAttribute("#tx-result", "data-ok")) === "true",
    msg: (await page.locator('#tx-result [data-field="tx.message"]').textContent()).trim(),
    detail: (await page.locator("#tx-result").textContent()).trim(),
  };
}

const TEST_KEY = "4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d"; // a throwaway key, test-only

test("XSS: member addresses, suspension reasons, claim status and memo, market ids, proposal titles and contract errors render as text", async () => {
  const node = await mockNode({ chainId: CHAIN, contracts: contracts(), gasUsed: () => { throw new Error(HOSTILE.contractError); } });
  open.push(node);
  const signer = await ethSigner(TEST_KEY);
  const { page, errors, dialogs } = await openPage(node, { signer });
  await ready(page);
  await connectWallet(page);
  const r = await run(page, "#f-deposit", () => page.fill("#deposit-amount", "5"));
  assert.equal(r.ok, false);
  assert.ok(r.detail.includes(HOSTILE.contractError), `the contract's error is echoed, as text: ${r.detail}`);
  await page.hover("#claims tbody td:nth-child(4)");
  await page.hover("#markets tbody th");
  await page.waitForTimeout(300);

  assert.equal(await page.evaluate(() => window.__xss), undefined, "no injected script ran");
  assert.deepEqual(dialogs, []);
  assert.equal(await page.locator("main img, main script, main b, main svg[onload], main [onerror], main [onmouseover]").count(), 0, "no element was parsed out of a chain string");
  // The strings are on the page, literally.
  const text = (sel) => page.locator(sel).first().textContent();
  assert.equal(await page.getAttribute("#members tbody tr th", "title"), EVIL);
  assert.equal(await text("#proposals tbody td"), HOSTILE.title);
  assert.equal(await page.locator("#vote-proposal option").first().textContent(), `1: ${HOSTILE.title}`);
  assert.equal(await text("#markets tbody th"), HOSTILE.market);
  assert.equal(await text('#claims [data-field="status"]'), HOSTILE.claimStatus);
  assert.ok((await text("#backtest-note")).includes("<script>window.__xss=7</script>"));
  assert.equal(await page.getAttribute('#members [data-field="premium"]', "data-raw"), `suspended:${HOSTILE.suspended}`);
  assert.match(await text('#members [data-field="premium"]'), /^Cover suspended \(deficit<img src=x onerror="window\. {2}xss=2">\)$/);
  assert.deepEqual(errors, []);
});

test("no silent zero: a grid loss whose assess fails or whose answer lacks grid_loss is 'not available', apart from a member without exposures", async () => {
  const node = await mockNode({ chainId: CHAIN, contracts: contracts() });
  open.push(node);
  const { page, errors } = await openPage(node);
  await ready(page);
  const rows = [EVIL, "inj1oldoracle", "inj1nobook"];
  assert.deepEqual(await page.locator("#members tbody tr").evaluateAll((trs) => trs.map((t) => t.dataset.member)), rows);
  const cell = (m) => page.locator("#members tbody tr").nth(rows.indexOf(m)).locator('[data-field="grid_loss"]');
  assert.equal((await cell(EVIL).textContent()).trim(), "not available");
  assert.equal(await cell(EVIL).getAttribute("data-error"), `Query failed with (29): ${HOSTILE.assessError}`);
  assert.equal((await cell("inj1oldoracle").textContent()).trim(), "not available", "an answer without grid_loss is not 0.00 USDC");
  assert.equal(await cell("inj1oldoracle").getAttribute("data-error"), "the oracle's assess answer has no grid_loss");
  assert.equal((await cell("inj1nobook").textContent()).trim(), "—");
  assert.equal(await cell("inj1nobook").getAttribute("data-error"), null);
  assert.deepEqual(errors, []);
});

test("amounts: the deposit carries exactly the typed amount in base units; decimal commas, exponents, signs, zero and junk are refused before the wallet is asked", async () => {
  const node = await mockNode({ chainId: CHAIN, contracts: contracts(), gasUsed: () => 123_457n });
  open.push(node);
  const signer = await ethSigner(TEST_KEY);
  const { page, errors, signedDocs } = await openPage(node, { signer });
  await ready(page);
  await connectWallet(page);

  const preview = async (text) => {
    await page.fill("#deposit-amount", text);
    return [await page.getAttribute("#deposit-preview", "data-raw"), (await page.locator("#deposit-preview").textContent()).trim()];
  };
  assert.deepEqual(await preview("1,234.5"), ["1234500000", `Sends 1,234.50 USDC = 1234500000 uusdc to ${VAULT}`]);
  assert.deepEqual(await preview("0.000001"), ["1", `Sends 0.000001 USDC = 1 uusdc to ${VAULT}`]);
  assert.deepEqual(await preview("1,000,000"), ["1000000000000", `Sends 1,000,000.00 USDC = 1000000000000 uusdc to ${VAULT}`]);
  assert.deepEqual(await preview("9007199254740993.000001"), ["9007199254740993000001", `Sends 9,007,199,254,740,993.00 USDC = 9007199254740993000001 uusdc to ${VAULT}`], "beyond 2⁵³: no float rounding");

  const refused = {
    "1,5": /^not an amount: 1,5 \(write the decimal point as "\." /, // de-DE 1.5 — read as 15 before the fix
    "1,50": /^not an amount: 1,50 /,
    "1,500": /^ambiguous: 1,500 \(write 1500 or 1\.500\)$/,
    "12,34.5": /^not an amount/,
    "1e6": /^not an amount: 1e6$/,
    "-5": /^not an amount: -5$/,
    "+5": /^not an amount: \+5$/,
    "0x10": /^not an amount: 0x10$/,
    "0": /^nothing to send: 0$/,
    "0.0000001": /^at most 6 decimals: 0\.0000001$/,
    "１２": /^not an amount: １２$/,
    "340282366920938463463374607431768.211456": /^more than any balance can hold/,
  };
  for (const [text, want] of Object.entries(refused)) {
    const [raw, shown] = await preview(text);
    assert.equal(raw, "", text);
    assert.match(shown, want, `preview of ${text}`);
    const r = await run(page, "#f-deposit", () => page.fill("#deposit-amount", text));
    assert.equal(r.ok, false, text);
    assert.match(r.msg, want, text);
  }
  assert.equal(node.seen.simulated.length, 0, "nothing refused reached the simulation");
  assert.equal(signedDocs.length, 0, "nor the wallet");

  const r = await run(page, "#f-deposit", () => page.fill("#deposit-amount", "1,234.5"));
  assert.ok(r.ok, r.msg);
  assert.equal(node.seen.broadcast.length, 1);
  const tx = node.seen.broadcast[0];
  assert.deepEqual(tx.msgs, [{ typeUrl: "/cosmwasm.wasm.v1.MsgExecuteContract", sender: signer.address, contract: VAULT, msg: { deposit: {} }, funds: [{ denom: "uusdc", amount: "1234500000" }] }]);
  assert.equal(tx.memo, "");
  // gas = ⌈123,457 × 1.4⌉ + 50,000 = 172,840 + 50,000; fee = gas × 160,000,000 inj.
  assert.equal(tx.gas, 222_840n);
  assert.deepEqual(tx.fee, [{ denom: "inj", amount: (222_840n * 160_000_000n).toString() }]);
  assert.deepEqual(tx.signers, [{ pubkeyType: "/injective.crypto.v1beta1.ethsecp256k1.PubKey", sequence: 3n }]);
  assert.deepEqual(signedDocs, [{ who: signer.address, chainId: CHAIN, accountNumber: "7" }]);

  // Shares: commas only as thousands groups.
  const s = await run(page, "#f-request", () => page.fill("#request-shares", "1,5"));
  assert.equal(s.ok, false);
  assert.match(s.msg, /^not a whole number: 1,5 /);
  const s2 = await run(page, "#f-request", () => page.fill("#request-shares", "1,500,000"));
  assert.ok(s2.ok, s2.msg);
  assert.deepEqual(node.seen.broadcast[1].msgs[0].msg, { request_withdraw: { shares: "1500000" } });
  assert.deepEqual(errors, []);
});

test("denom: a settings denom that is not the vault's asset (another token, a cw20 vault) is refused before the wallet", async () => {
  for (const asset of [{ native: "peggy0xdAC17F958D2ee523a2206206994597C13D831ec7" }, { cw20: "inj1cw20" }]) {
    const node = await mockNode({ chainId: CHAIN, contracts: contracts({ config: () => ({ asset, min_deposit: "1000000", unbonding_secs: 604800 }) }) });
    open.push(node);
    const { page } = await openPage(node, { signer: await ethSigner(TEST_KEY) });
    await ready(page);
    await connectWallet(page);
    const r = await run(page, "#f-deposit", () => page.fill("#deposit-amount", "5"));
    assert.equal(r.ok, false);
    assert.equal(r.msg, `the vault takes ${JSON.stringify(asset)}, the settings say uusdc: nothing sent`);
    assert.equal(node.seen.simulated.length, 0);
  }
});

test("chain id: an RPC that serves another chain than the settings name shows no figures and signs nothing", async () => {
  const node = await mockNode({ chainId: "injective-1", contracts: contracts() });
  open.push(node);
  const { page } = await openPage(node);
  await ready(page);
  assert.equal(await page.getAttribute("#status", "class"), "error");
  assert.match(await page.locator("#status").textContent(), /serves chain injective-1, the settings say p2p-local-1/);
  assert.equal(await page.locator("#pool [data-field]").count(), 0);
  // tx.js on its own (the same check before signing).
  const signer = await ethSigner(TEST_KEY);
  let asked = 0;
  const spy = { signDirect: (...a) => (asked++, signer.signDirect(...a)) };
  await assert.rejects(
    executeContract({ rpc: node.url, chainId: CHAIN, gasPrice: GAS_PRICE }, spy, signer.address, signer.pubkey, VAULT, { deposit: {} }, [{ denom: "uusdc", amount: "1" }]),
    /serves chain injective-1, not p2p-local-1: nothing signed/,
  );
  assert.equal(asked, 0);
});

test("settings change: the wallet connected for one chain is dropped, so no flow signs for the old chain while the page shows the new one", async () => {
  const opts = { chainId: CHAIN, contracts: contracts() };
  const node = await mockNode(opts);
  open.push(node);
  const { page, signedDocs } = await openPage(node, { signer: await ethSigner(TEST_KEY) });
  await ready(page);
  await connectWallet(page);
  // The user (or a pasted "new address") switches to another vault on another chain.
  opts.chainId = "other-chain-2";
  await page.click("#settings-box summary");
  await page.fill("#set-chain", "other-chain-2");
  await page.fill("#set-vault", "inj1anothervault");
  await page.click('#settings button[type="submit"]');
  await page.waitForFunction(() => document.querySelector("#account").hidden, null, { timeout: 10_000 });
  assert.equal(await page.isVisible("#connect"), true);
  assert.match(await page.locator("#wallet-note").textContent(), /Settings changed: connect the wallet again/);
  // The form is hidden; even a script-driven submit does nothing.
  await page.evaluate(() => document.querySelector("#f-deposit").requestSubmit());
  await page.waitForTimeout(500);
  assert.equal(node.seen.simulated.length, 0);
  assert.equal(signedDocs.length, 0);
});

test("tx.js: no gas estimate, a huge estimate and a wallet that changes the body are refused; nothing is broadcast", async () => {
  const signer = await ethSigner(TEST_KEY);
  const chain = (url) => ({ rpc: url, chainId: CHAIN, gasPrice: GAS_PRICE });
  const exec = (url, s = signer) => executeContract(chain(url), s, signer.address, signer.pubkey, VAULT, { deposit: {} }, [{ denom: "uusdc", amount: "1000000" }]);

  const none = await mockNode({ chainId: CHAIN, contracts: contracts(), gasUsed: () => undefined });
  open.push(none);
  await assert.rejects(exec(none.url), /the simulation returned no gas estimate: nothing signed/);

  const huge = await mockNode({ chainId: CHAIN, contracts: contracts(), gasUsed: () => 1_000_000_000_000n });
  open.push(huge);
  await assert.rejects(exec(huge.url), new RegExp(`asks for 1000000000000 gas .* above this page's limit ${MAX_GAS}: nothing signed`));

  const node = await mockNode({ chainId: CHAIN, contracts: contracts() });
  open.push(node);
  // A wallet that signs a memo in (any body change: a different message, funds or contract).
  const { TxBody } = await import("cosmjs-types/cosmos/tx/v1beta1/tx.js");
  const tampering = {
    async signDirect(who, doc) {
      const body = TxBody.decode(doc.bodyBytes);
      const changed = { ...doc, bodyBytes: TxBody.encode({ ...body, memo: "sent elsewhere" }).finish() };
      return signer.signDirect(who, changed).then((r) => ({ signed: changed, signature: r.signature }));
    },
  };
  await assert.rejects(exec(node.url, tampering), /the wallet returned a different transaction .*: not broadcast/);
  const otherChain = { signDirect: (who, doc) => signer.signDirect(who, { ...doc, chainId: "injective-1" }).then((r) => ({ signed: { ...doc, chainId: "injective-1" }, signature: r.signature })) };
  await assert.rejects(exec(node.url, otherChain), /not broadcast/);
  for (const n of [none, huge, node]) assert.equal(n.seen.broadcast.length, 0);

  // At the limit: ⌈2,107,142 × 1.4⌉ + 50,000 = 2,999,999 is signed.
  const edge = await mockNode({ chainId: CHAIN, contracts: contracts(), gasUsed: () => 2_107_142n });
  open.push(edge);
  const r = await exec(edge.url);
  assert.equal(r.gasWanted, 2_999_999);
  assert.equal(edge.seen.broadcast[0].gas, 2_999_999n);
});

test("a contract whose list pages never advance is an error, not a hung page", async () => {
  const page30 = Array.from({ length: 30 }, (_, i) => ({ id: `M${String(i).padStart(2, "0")}`, price: "1", volatility: "0.1", implied_vol: null, history_rounds: 1 }));
  const node = await mockNode({ chainId: CHAIN, contracts: contracts({ markets: () => ({ markets: page30 }), backtest: () => ({ market: "M00", rounds: 1, exceptions: 0, window: 1, zone: "green", factor: "0" }) }) });
  open.push(node);
  const { page } = await openPage(node);
  await ready(page);
  assert.match(await page.locator("#status").textContent(), /the list does not advance: the page after M29 ends at it again/);
  assert.ok(node.seen.queries.filter((q) => q.msg.markets).length <= 4, "stopped at the first repeated page");
});

test("the built bundle ships no test signer, key or hook", () => {
  const dir = join(DIST, "assets");
  const js = readdirSync(dir).filter((f) => f.endsWith(".js")).map((f) => readFileSync(join(dir, f), "utf8")).join("\n");
  const html = readFileSync(join(DIST, "index.html"), "utf8");
  for (const needle of ["__keplrSign", "__keplrKey", "ethSigner", "private_key_hex", "asked to sign for", "eth-signer", "serve-scenario", TEST_KEY]) {
    assert.ok(!js.includes(needle) && !html.includes(needle), `bundle contains ${needle}`);
  }
  assert.deepEqual(JSON.parse(readFileSync(join(DIST, "config.json"), "utf8")).vault, "", "the shipped config.json names no contract");
});
