// The dashboard: settings → snapshot of the chain (data.ts) → the page; the wallet flows.
import "./style.css";
import { connect, load, type Clients, type Settings, type Snapshot } from "./data";
import { amount, decimal, percent, time, short, parseAmount, parseCount, shift } from "./format";
import { bars, priceChart, type PricePoint } from "./charts";
import { connectKeplr, refusal, type Wallet } from "./wallet";

const STORE = "p2p-dashboard-settings";
const REFRESH_MS = 15_000;

const $ = <T extends HTMLElement = HTMLElement>(sel: string) => {
  const e = document.querySelector<T>(sel);
  if (!e) throw new Error(`no element ${sel}`);
  return e;
};

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

/** One figure: a <dt>/<dd> pair; the <dd> carries the field name and the chain's raw value. */
function fig(dl: HTMLElement, field: string, label: string, raw: string, text: string) {
  // A <div> around each pair is valid inside <dl> (HTML's grouping) and makes one grid cell.
  dl.append(h("div", { class: "fig" }, h("dt", {}, label), h("dd", { "data-field": field, "data-raw": raw }, text)));
}

/** A table cell carrying its raw value. */
function td(field: string, raw: string, text: string) {
  return h("td", { "data-field": field, "data-raw": raw }, text);
}

const usdc = (base: string) => `${amount(base)} USDC`;

let defaults: Settings;
let settings: Settings;
let clients: Clients | undefined;
let snapshot: Snapshot | undefined;
let wallet: Wallet | undefined;
/** The settings the wallet was connected with: a flow runs only while they are the page's. */
let walletSettings: Settings | undefined;
/** The vault's own config (asset, minimum deposit, unbonding), read once per settings. */
let vaultCfg: { asset: { native: string } | { cw20: string }; min_deposit: string; unbonding_secs: number } | undefined;
/** Bumped by every settings change: a refresh started before it renders nothing. */
let generation = 0;

async function loadSettings(): Promise<void> {
  const res = await fetch("./config.json", { cache: "no-store" });
  if (!res.ok) throw new Error(`config.json: HTTP ${res.status}`);
  defaults = (await res.json()) as Settings;
  const saved = localStorage.getItem(STORE);
  settings = { ...defaults, ...(saved ? (JSON.parse(saved) as Partial<Settings>) : {}) };
  const f = $<HTMLFormElement>("#settings");
  for (const k of ["rpc", "chainId", "vault", "oracle", "dao"] as const) {
    (f.elements.namedItem(k) as HTMLInputElement).value = settings[k];
  }
}

function status(text: string, error = false) {
  const s = $("#status");
  s.textContent = text;
  s.classList.toggle("error", error);
}

// ---- rendering

function renderPool(s: Snapshot) {
  const dl = $("#pool");
  dl.replaceChildren();
  const st = s.state;
  fig(dl, "state.total_assets", "Capital (underwriters)", st.total_assets, usdc(st.total_assets));
  fig(dl, "state.net_assets", "Net assets", st.net_assets, usdc(st.net_assets));
  // Prices per 10⁶ shares: a first deposit mints 10⁶ shares per base unit, so 1 at launch.
  fig(dl, "state.share_price", "Share price, gross (1 at launch)", st.share_price, decimal(shift(st.share_price, 6)));
  fig(dl, "state.net_share_price", "Share price, net (what exits get)", st.net_share_price, decimal(shift(st.net_share_price, 6)));
  fig(dl, "state.total_shares", "Shares", st.total_shares, BigInt(st.total_shares).toLocaleString("en-US"));
  fig(dl, "state.unvested", "Unvested income", st.unvested, usdc(st.unvested));
  fig(dl, "state.member_contributions", "Member contributions", st.member_contributions, usdc(st.member_contributions));
  fig(dl, "state.escrow", "Escrow", st.escrow, usdc(st.escrow));
  fig(dl, "state.pending_exposure", "Pending claims (pool part)", st.pending_exposure, usdc(st.pending_exposure));
  fig(dl, "state.shortfall", "Shortfall", st.shortfall, usdc(st.shortfall));
  fig(dl, "state.paused", "Paused", String(st.paused), st.paused ? `yes${st.paused_until ? ` until ${time(st.paused_until)}` : ""}` : "no");
}

function renderCover(s: Snapshot) {
  const c = s.coverage;
  const dl = $("#cover");
  dl.replaceChildren();
  fig(dl, "coverage.cover_n", "N (largest members covered)", String(c.cover_n), String(c.cover_n));
  fig(dl, "coverage.cover_n_requirement", "Cover-N requirement", c.cover_n_requirement, usdc(c.cover_n_requirement));
  fig(dl, "coverage.capacity", "Capacity", c.capacity, usdc(c.capacity));
  fig(dl, "coverage.capital", "Capital", c.capital, usdc(c.capital));
  const ratio = c.coverage_ratio ?? "";
  fig(dl, "coverage.coverage_ratio", "Coverage ratio (capital ÷ requirement)", ratio, ratio ? `${decimal(ratio, 4)}×` : "no requirement");
  const req = BigInt(c.cover_n_requirement), cap = BigInt(c.capacity);
  const used = cap > 0n ? `${(req * 10000n) / cap}` : "";
  fig(dl, "coverage.utilisation", "Capacity used (requirement ÷ capacity)", used, cap > 0n ? percent(`${req * 10000n / cap / 10000n}.${(req * 10000n / cap % 10000n).toString().padStart(4, "0")}`) : "no capacity");
  fig(dl, "coverage.losses_paid_by_pool", "Losses paid by the pool", c.losses_paid_by_pool, usdc(c.losses_paid_by_pool));
  fig(dl, "coverage.losses_paid_by_members", "Losses paid by members", c.losses_paid_by_members, usdc(c.losses_paid_by_members));
  fig(dl, "coverage.denied", "Denied to date", c.denied, usdc(c.denied));
  fig(dl, "coverage.shortfall_to_date", "Shortfall to date", c.shortfall_to_date, usdc(c.shortfall_to_date));
  const toNum = (x: string) => Number(BigInt(x) / 10000n) / 100;
  $("#cover-chart").replaceChildren(
    bars(
      [
        { label: "Requirement", value: toNum(c.cover_n_requirement), text: usdc(c.cover_n_requirement), cls: "bar-req" },
        { label: "Capacity", value: toNum(c.capacity), text: usdc(c.capacity), cls: "bar-cap" },
      ],
      `Cover-${c.cover_n} requirement ${usdc(c.cover_n_requirement)} against capacity ${usdc(c.capacity)}`,
    ),
  );
}

function premiumStatus(m: Snapshot["members"][number]["member"], now: number): { raw: string; text: string } {
  if (m.suspended) return { raw: `suspended:${m.suspended}`, text: `Cover suspended (${m.suspended.replace(/_/g, " ")})` };
  if (BigInt(m.premium_due) > 0n) {
    const since = m.due_since ?? now;
    const late = now - since > m.grace_secs;
    return { raw: late ? "arrears" : "due", text: `${late ? "In arrears" : "Due"}: ${usdc(m.premium_due)} since ${time(since)}` };
  }
  if (m.paid_through) return { raw: "paid", text: `Paid through ${time(m.paid_through)}` };
  return { raw: "current", text: "Nothing due" };
}

function renderMembers(s: Snapshot) {
  const cov = new Map(s.coverage.members.map((m) => [m.member, m]));
  const body = $("#members tbody");
  body.replaceChildren(
    ...s.members.map(({ member: m, gridLoss, gridError }) => {
      const c = cov.get(m.member);
      const p = premiumStatus(m, s.time);
      return h(
        "tr",
        { "data-member": m.member },
        h("th", { scope: "row", title: m.member }, short(m.member)),
        td("required", m.required, usdc(m.required)),
        td("contribution", m.contribution, usdc(m.contribution)),
        td("stress_loss", c?.stress_loss ?? m.stress_loss, usdc(c?.stress_loss ?? m.stress_loss)),
        gridError !== undefined
          ? h("td", { "data-field": "grid_loss", "data-raw": "", "data-error": gridError, title: gridError }, "not available")
          : td("grid_loss", gridLoss ?? "", gridLoss === null ? "—" : usdc(gridLoss)),
        td("premium", p.raw, p.text),
      );
    }),
  );
  if (s.members.length === 0) body.append(h("tr", {}, h("td", { colspan: "6" }, "No members yet.")));
}

function renderClaims(s: Snapshot) {
  const body = $("#claims tbody");
  body.replaceChildren(
    ...s.claims.map((c) =>
      h(
        "tr",
        { "data-claim": String(c.id) },
        h("th", { scope: "row" }, String(c.id)),
        h("td", { title: c.member }, short(c.member)),
        td("amount", c.amount, usdc(c.amount)),
        td("status", c.status, c.status),
        td("paid_by_member", c.paid_by_member, usdc(c.paid_by_member)),
        td("paid_by_pool", c.paid_by_pool, usdc(c.paid_by_pool)),
        td("denied", c.denied, usdc(c.denied)),
        td("shortfall", c.shortfall, usdc(c.shortfall)),
        h("td", {}, time(c.created_at)),
      ),
    ),
  );
  if (s.claims.length === 0) body.append(h("tr", {}, h("td", { colspan: "9" }, "No claims.")));
}

function renderMarkets(s: Snapshot) {
  const bt = s.backtests;
  const note = $("#backtest-note");
  note.setAttribute("data-field", "backtest.available");
  note.setAttribute("data-raw", String(bt.available));
  note.textContent = bt.available
    ? "Backtest: exceptions of each market's 99 % band over the window; zones green / yellow / red (Basel traffic light)."
    : `Backtests not available: this oracle does not answer the backtest query (${bt.reason.slice(0, 160)}).`;
  const body = $("#markets tbody");
  body.replaceChildren(
    ...s.markets.map((m) => {
      const b = bt.available ? bt.byMarket.get(m.id) : undefined;
      const na = bt.available ? "—" : "not available";
      return h(
        "tr",
        { "data-market": m.id },
        h("th", { scope: "row" }, m.id),
        td("price", m.price, decimal(m.price)),
        td("volatility", m.volatility, decimal(m.volatility, 4)),
        td("implied_vol", m.implied_vol ?? "", m.implied_vol ? decimal(m.implied_vol, 4) : "—"),
        td("history_rounds", String(m.history_rounds), String(m.history_rounds)),
        b ? h("td", { "data-field": "zone", "data-raw": b.zone, class: `zone zone-${b.zone}` }, b.zone) : td("zone", "", na),
        b ? td("exceptions", `${b.exceptions}/${b.window}`, `${b.exceptions} / ${b.window}`) : td("exceptions", "", na),
        b ? td("factor", b.factor, decimal(b.factor, 4)) : td("factor", "", na),
      );
    }),
  );
}

function renderProposals(s: Snapshot) {
  const body = $("#proposals tbody");
  body.replaceChildren(
    ...s.proposals.map((p) =>
      h(
        "tr",
        { "data-proposal": String(p.id) },
        h("th", { scope: "row" }, String(p.id)),
        h("td", {}, p.title),
        td("status", p.status, p.status.replace(/_/g, " ")),
        td("yes", p.yes, BigInt(p.yes).toLocaleString("en-US")),
        td("no", p.no, BigInt(p.no).toLocaleString("en-US")),
        td("abstain", p.abstain, BigInt(p.abstain).toLocaleString("en-US")),
        h("td", {}, time(p.voting_ends_at)),
      ),
    ),
  );
  const sel = $<HTMLSelectElement>("#vote-proposal");
  const keep = sel.value;
  const open = s.proposals.filter((p) => p.status === "open");
  sel.replaceChildren(...open.map((p) => h("option", { value: String(p.id) }, `${p.id}: ${p.title}`)));
  if (open.length === 0) sel.append(h("option", { value: "" }, "No open proposal"));
  if (open.some((p) => String(p.id) === keep)) sel.value = keep;
}

function priceHistory(s: Snapshot): PricePoint[] {
  const key = `p2p-price-history:${settings.vault}`;
  const pts: PricePoint[] = JSON.parse(localStorage.getItem(key) ?? "[]");
  const p = { time: s.time, gross: Number(shift(s.state.share_price, 6)), net: Number(shift(s.state.net_share_price, 6)) };
  const last = pts[pts.length - 1];
  if (!last || last.time < p.time) pts.push(p);
  const kept = pts.slice(-500);
  localStorage.setItem(key, JSON.stringify(kept));
  return kept;
}

function renderPriceChart(s: Snapshot) {
  const pts = priceHistory(s);
  $("#price-chart").replaceChildren(
    priceChart(pts, `Share price per 10⁶ shares: gross ${decimal(shift(s.state.share_price, 6))}, net ${decimal(shift(s.state.net_share_price, 6))}, ${pts.length} observation(s)`),
  );
}

/** The height of the user's latest transaction: a refresh never shows the state before it. */
let txHeight = 0;

async function refresh() {
  const gen = generation;
  try {
    const c = (clients ??= await connect(settings));
    const snap = await load(c, txHeight);
    // Settings changed while this refresh read the old chain: its figures are not shown (the
    // flows would act on the new settings beside the old figures).
    if (gen !== generation) return;
    snapshot = snap;
    renderPool(snapshot);
    renderCover(snapshot);
    renderPriceChart(snapshot);
    renderMembers(snapshot);
    renderClaims(snapshot);
    renderMarkets(snapshot);
    renderProposals(snapshot);
    if (wallet) await renderAccount();
    status(`Height ${snapshot.height}, ${time(snapshot.time)}`);
    document.body.setAttribute("data-height", String(snapshot.height));
  } catch (e) {
    if (gen !== generation) return;
    status(`Cannot read the chain at ${settings.rpc}: ${e instanceof Error ? e.message : String(e)}`, true);
    clients = undefined;
  }
}

/** The vault's config at the current snapshot, read once per settings. */
async function vaultConfig() {
  if (!vaultCfg && snapshot) vaultCfg = await snapshot.at.vault.config();
  return vaultCfg;
}

/** After a settings change: the wallet, its figures and the old chain's figures are dropped. */
function settingsChanged() {
  generation++;
  txHeight = 0;
  clients = undefined;
  snapshot = undefined;
  vaultCfg = undefined;
  if (wallet) {
    wallet = undefined;
    walletSettings = undefined;
    $("#account").hidden = true;
    $("#account-figures").replaceChildren();
    $("#tx-result").replaceChildren();
    const btn = $<HTMLButtonElement>("#connect");
    btn.hidden = false;
    $("#wallet-note").textContent = "Settings changed: connect the wallet again for this chain.";
  }
}

// ---- wallet

async function renderAccount() {
  if (!wallet || !clients || !snapshot) return;
  const u = await snapshot.at.vault.underwriter({ address: wallet.address });
  const bal = await clients.cw.getBalance(wallet.address, settings.denom);
  const dl = $("#account-figures");
  dl.replaceChildren();
  fig(dl, "account.address", "Address", wallet.address, wallet.address);
  fig(dl, "account.balance", "Wallet balance", bal.amount, usdc(bal.amount));
  fig(dl, "account.shares", "Shares", u.shares, BigInt(u.shares).toLocaleString("en-US"));
  fig(dl, "account.bonded_shares", "Bonded shares (vote)", u.bonded_shares, BigInt(u.bonded_shares).toLocaleString("en-US"));
  fig(dl, "account.value", "Value (net)", u.value, usdc(u.value));
  const cfg = await vaultConfig();
  const now = snapshot?.time ?? 0;
  const unlocked = BigInt(u.bonded_shares) - u.locked.filter((l) => l.unlocks_at > now).reduce((a, l) => a + BigInt(l.shares), 0n);
  $("#request-all").dataset.shares = (unlocked > 0n ? unlocked : 0n).toString();
  const entries = u.unbonding.map((e) => `#${e.id}: ${BigInt(e.shares).toLocaleString("en-US")} shares, ${usdc(e.value_at_request)} at request, matures ${time(e.matures_at)}`);
  fig(dl, "account.unbonding", "Unbonding", String(u.unbonding.length), entries.length ? entries.join("; ") : "none");
  const minimum = cfg ? `Minimum ${usdc(cfg.min_deposit)}.` : "Minimum not known (the vault's config did not load).";
  // SPEC: deposits mint at the gross price, exits pay the net one (pending claims and shortfall
  // deducted): say what a deposit is worth at once when the two differ.
  const g = BigInt(shift(snapshot.state.share_price, 18).split(".")[0]);
  const n = BigInt(shift(snapshot.state.net_share_price, 18).split(".")[0]);
  $("#deposit-note").textContent =
    g > n && g > 0n
      ? `Deposits mint at the gross price and exits pay the net one: while claims are pending, a deposit is worth ${percent(`0.${((n * 10000n) / g).toString().padStart(4, "0")}`)} of itself at once. ${minimum}`
      : `Deposits mint at the share price; exits after ${cfg ? cfg.unbonding_secs : "?"} s of unbonding. ${minimum}`;
  const locks = u.locked.map((l) => `${BigInt(l.shares).toLocaleString("en-US")} until ${time(l.unlocks_at)}`);
  fig(dl, "account.locked", "Locked deposits", String(u.locked.length), locks.length ? locks.join("; ") : "none");
}

function showResult(ok: boolean, what: string, body: string, detail = "") {
  const out = $("#tx-result");
  out.replaceChildren();
  out.className = ok ? "ok" : "error";
  out.setAttribute("data-ok", String(ok));
  const p = h("p", {}, h("strong", {}, ok ? `${what}: done. ` : `${what} refused: `), h("span", { "data-field": "tx.message" }, body));
  out.append(p);
  if (detail) out.append(h("details", {}, h("summary", {}, "Chain output"), h("pre", {}, detail)));
}

type Exec = { contract: string; msg: unknown; funds?: { denom: string; amount: string }[] };

async function flow(what: string, form: HTMLFormElement, msg: () => Exec | Promise<Exec>) {
  if (!wallet) return;
  if (walletSettings !== settings) {
    showResult(false, what, "the settings changed since the wallet connected: connect again");
    return;
  }
  const buttons = [...form.querySelectorAll("button")];
  buttons.forEach((b) => (b.disabled = true));
  $("#tx-result").setAttribute("data-busy", "true");
  try {
    const m = await msg();
    const r = await wallet.run(m.contract, m.msg, m.funds);
    txHeight = Math.max(txHeight, r.height);
    showResult(true, what, `tx ${r.hash} at height ${r.height}, gas used ${r.gasUsed.toLocaleString("en-US")}`);
  } catch (e) {
    const r = refusal(e);
    showResult(false, what, r.headline, r.detail);
  } finally {
    buttons.forEach((b) => (b.disabled = false));
    await refresh();
    $("#tx-result").setAttribute("data-busy", "false");
  }
}

function wireWallet() {
  const note = $("#wallet-note");
  const btn = $<HTMLButtonElement>("#connect");
  if (!window.keplr) {
    note.textContent = "Read-only: no Keplr wallet found in this browser.";
    btn.disabled = true;
  }
  btn.addEventListener("click", async () => {
    try {
      const s = settings;
      const w = await connectKeplr(s);
      if (s !== settings) return; // the settings changed while the wallet connected
      wallet = w;
      walletSettings = s;
      note.textContent = `Connected: ${wallet.address}`;
      btn.hidden = true;
      $("#account").hidden = false;
      await renderAccount();
    } catch (e) {
      note.textContent = `Could not connect: ${e instanceof Error ? e.message : String(e)}`;
    }
  });
  const fDeposit = $<HTMLFormElement>("#f-deposit");
  fDeposit.addEventListener("submit", (ev) => {
    ev.preventDefault();
    void flow("Deposit", fDeposit, async () => {
      const base = parseAmount($<HTMLInputElement>("#deposit-amount").value);
      // The funds' denom is the vault's own asset: a config.json / settings denom that differs
      // (another token, or a cw20 vault) is refused before the wallet is asked.
      const cfg = await vaultConfig();
      if (!cfg) throw new Error("the vault's config did not load: nothing sent");
      if (!("native" in cfg.asset) || cfg.asset.native !== settings.denom) {
        throw new Error(`the vault takes ${JSON.stringify(cfg.asset)}, the settings say ${settings.denom}: nothing sent`);
      }
      return { contract: settings.vault, msg: { deposit: {} }, funds: [{ denom: settings.denom, amount: base.toString() }] };
    });
  });
  // What the typed amount sends, in base units, before anything is signed.
  const preview = $("#deposit-preview");
  $<HTMLInputElement>("#deposit-amount").addEventListener("input", (ev) => {
    const text = (ev.target as HTMLInputElement).value;
    try {
      const base = parseAmount(text);
      preview.textContent = `Sends ${usdc(base.toString())} = ${base} ${settings.denom} to ${settings.vault}`;
      preview.setAttribute("data-raw", base.toString());
      preview.classList.remove("error");
    } catch (e) {
      preview.textContent = text.trim() ? (e instanceof Error ? e.message : String(e)) : "";
      preview.setAttribute("data-raw", "");
      preview.classList.toggle("error", text.trim() !== "");
    }
  });
  const fRequest = $<HTMLFormElement>("#f-request");
  $("#request-all").addEventListener("click", () => {
    $<HTMLInputElement>("#request-shares").value = $("#request-all").dataset.shares ?? "0";
  });
  fRequest.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const text = $<HTMLInputElement>("#request-shares").value;
    void flow("Withdrawal request", fRequest, () => ({ contract: settings.vault, msg: { request_withdraw: { shares: parseCount(text) } } }));
  });
  const fWithdraw = $<HTMLFormElement>("#f-withdraw");
  fWithdraw.addEventListener("submit", (ev) => {
    ev.preventDefault();
    void flow("Withdrawal", fWithdraw, () => ({ contract: settings.vault, msg: { withdraw: {} } }));
  });
  const fVote = $<HTMLFormElement>("#f-vote");
  fVote.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const id = Number($<HTMLSelectElement>("#vote-proposal").value);
    const vote = (fVote.elements.namedItem("vote") as RadioNodeList).value;
    void flow("Vote", fVote, () => {
      if (!Number.isInteger(id) || id <= 0) throw new Error("no open proposal chosen");
      return { contract: settings.dao, msg: { vote: { proposal_id: id, vote } } };
    });
  });
}

function wireSettings() {
  const f = $<HTMLFormElement>("#settings");
  f.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const get = (k: string) => (f.elements.namedItem(k) as HTMLInputElement).value.trim();
    const changed: Partial<Settings> = { rpc: get("rpc"), chainId: get("chainId"), vault: get("vault"), oracle: get("oracle"), dao: get("dao") };
    localStorage.setItem(STORE, JSON.stringify(changed));
    settings = { ...defaults, ...changed };
    settingsChanged();
    void refresh();
  });
  $("#settings-reset").addEventListener("click", () => {
    localStorage.removeItem(STORE);
    void loadSettings().then(() => {
      settingsChanged();
      return refresh();
    });
  });
}

async function main() {
  try {
    await loadSettings();
  } catch (e) {
    status(`No settings: ${e instanceof Error ? e.message : String(e)}`, true);
    return;
  }
  wireSettings();
  wireWallet();
  $("#refresh").addEventListener("click", () => void refresh());
  await refresh();
  setInterval(() => void refresh(), REFRESH_MS);
}

void main();
