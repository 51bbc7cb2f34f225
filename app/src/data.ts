// Everything the page shows, read through the generated query clients (clients/ts) over
// CosmJS's CosmWasmClient (its queryContractSmart is the clients' ICosmWasmClient).
import { CosmWasmClient } from "@cosmjs/cosmwasm-stargate";
import { QueryClient } from "@cosmjs/stargate";
import { clientAt, cometClient } from "./tx.js";
import { PoolVaultQueryClient } from "../../clients/ts/src/PoolVault.client";
import { RiskOracleQueryClient } from "../../clients/ts/src/RiskOracle.client";
import { DaoGovernanceQueryClient } from "../../clients/ts/src/DaoGovernance.client";
import type {
  ClaimResponse,
  CoverageReportResponse,
  MemberResponse,
  StateResponse,
} from "../../clients/ts/src/PoolVault.types";
import type { MarketResponse } from "../../clients/ts/src/RiskOracle.types";
import type { ProposalResponse } from "../../clients/ts/src/DaoGovernance.types";
import type { ICosmWasmClient } from "../../clients/ts/src/baseClient";

export interface Settings {
  rpc: string;
  chainId: string;
  gasPrice: string;
  denom: string;
  vault: string;
  oracle: string;
  dao: string;
}

/** SPEC's `backtest {market}` answer (risk-oracle, model validation). */
export interface BacktestResponse {
  market: string;
  rounds: number;
  exceptions: number;
  window: number;
  zone: string;
  factor: string;
}

export type Backtests = { available: true; byMarket: Map<string, BacktestResponse> } | { available: false; reason: string };

export interface MemberRow {
  member: MemberResponse;
  /** The oracle's `assess` grid loss of the member's stored exposures ("0" without legs; null: no exposures, or not available: see `gridError`). */
  gridLoss: string | null;
  /** Why the grid loss is not available (the `assess` query failed, or its answer has no `grid_loss`); absent when it is. */
  gridError?: string;
}

export interface Snapshot {
  /** Every figure is the state at this height. */
  height: number;
  /** The generated query clients pinned at that height. */
  at: Queries;
  /** Block time, seconds since the epoch. */
  time: number;
  state: StateResponse;
  coverage: CoverageReportResponse;
  members: MemberRow[];
  claims: ClaimResponse[];
  markets: MarketResponse[];
  backtests: Backtests;
  proposals: ProposalResponse[];
}

export interface Queries {
  vault: PoolVaultQueryClient;
  oracle: RiskOracleQueryClient;
  dao: DaoGovernanceQueryClient;
}

export interface Clients {
  cw: CosmWasmClient;
  q: QueryClient;
  settings: Settings;
}

export async function connect(s: Settings): Promise<Clients> {
  const comet = await cometClient(s.rpc);
  // The figures and the transactions must be one chain's: an RPC that serves another chain
  // than the settings name is refused before anything is shown (a wallet would sign for the
  // settings' chain id what this page read from another chain).
  const network = (await comet.status()).nodeInfo.network;
  if (network !== s.chainId) {
    comet.disconnect();
    throw new Error(`the RPC ${s.rpc} serves chain ${network}, the settings say ${s.chainId}`);
  }
  return { cw: await CosmWasmClient.create(comet), q: QueryClient.withExtensions(comet), settings: s };
}

/** The generated query clients over a CosmWasm client pinned at `height`. */
export function queriesAt(c: Clients, height: number): Queries {
  const cw: ICosmWasmClient = clientAt(c.q, height);
  return {
    vault: new PoolVaultQueryClient(cw, c.settings.vault),
    oracle: new RiskOracleQueryClient(cw, c.settings.oracle),
    dao: new DaoGovernanceQueryClient(cw, c.settings.dao),
  };
}

const PAGE = 30;
/** At most this many pages of one list (30,000 entries): a contract that never ends its list is an error, not a hung page. */
const MAX_PAGES = 1000;

/** Every page of a `start_after`/`limit` list; refused when the pages do not advance or never end. */
export async function all<T, K>(page: (startAfter: K | undefined) => Promise<T[]>, key: (t: T) => K): Promise<T[]> {
  const out: T[] = [];
  let after: K | undefined;
  for (let n = 0; n < MAX_PAGES; n++) {
    const got = await page(after);
    out.push(...got);
    if (got.length < PAGE) return out;
    const next = key(got[got.length - 1]);
    if (next === after) throw new Error(`the list does not advance: the page after ${String(after)} ends at it again`);
    after = next;
  }
  throw new Error(`the list did not end after ${MAX_PAGES} pages`);
}

async function backtests(c: Queries, markets: MarketResponse[]): Promise<Backtests> {
  if (markets.length === 0) return { available: true, byMarket: new Map() };
  // Not in the generated client yet (the query is newer than schema/): asked directly.
  const one = (id: string) => c.oracle.client.queryContractSmart(c.oracle.contractAddress, { backtest: { market: id } }) as Promise<BacktestResponse>;
  try {
    const first = await one(markets[0].id);
    const rest = await Promise.all(markets.slice(1).map((m) => one(m.id)));
    return { available: true, byMarket: new Map([first, ...rest].map((b) => [b.market, b])) };
  } catch (e) {
    return { available: false, reason: e instanceof Error ? e.message : String(e) };
  }
}

export async function load(clients: Clients, atLeast = 0): Promise<Snapshot> {
  // The last height but one: a query at a past height runs at that block's own time (the node
  // takes it from the height's commit info), while one at the latest height may run at another
  // time, and option legs' figures (grid loss) move with time. One block of lag buys a snapshot
  // that anyone re-querying at the same height gets exactly; after the user's own transaction
  // the page shows at least its height (`atLeast`), so the user sees its effect at once.
  const height = Math.max(1, (await clients.cw.getHeight()) - 1, atLeast);
  const c = queriesAt(clients, height);
  // The coverage report's members come in pages (64 at most each): the pool's figures from
  // the first page, every member from all of them.
  const [block, state, report, covered, claims, markets, proposals] = await Promise.all([
    clients.cw.getBlock(height),
    c.vault.state(),
    c.vault.coverageReport({ limit: 1 }),
    all((a: string | undefined) => c.vault.coverageReport({ startAfter: a, limit: PAGE }).then((r) => r.members), (x) => x.member),
    all((a: number | undefined) => c.vault.claims({ startAfter: a, limit: PAGE }).then((r) => r.claims), (x) => x.id),
    all((a: string | undefined) => c.oracle.markets({ startAfter: a, limit: PAGE }).then((r) => r.markets), (x) => x.id),
    all((a: number | undefined) => c.dao.proposals({ startAfter: a, limit: PAGE }).then((r) => r.proposals), (x) => x.id),
  ]);
  const members = await all((a: string | undefined) => c.vault.members({ startAfter: a, limit: PAGE }).then((r) => r.members), (x) => x.member);
  const rows = await Promise.all(
    members.map(async (member): Promise<MemberRow> => {
      if (member.exposures.length === 0) return { member, gridLoss: null };
      // A failed query or an answer without the figure is said so, never shown as 0 or as
      // the "no exposures" dash.
      try {
        const a = await c.oracle.assess({ exposures: member.exposures });
        if (typeof a.grid_loss !== "string") return { member, gridLoss: null, gridError: "the oracle's assess answer has no grid_loss" };
        return { member, gridLoss: a.grid_loss };
      } catch (e) {
        return { member, gridLoss: null, gridError: e instanceof Error ? e.message : String(e) };
      }
    }),
  );
  return {
    height,
    at: c,
    time: Math.floor(new Date(block.header.time).getTime() / 1000),
    state,
    coverage: { ...report, members: covered },
    members: rows,
    claims,
    markets,
    backtests: await backtests(c, markets),
    proposals,
  };
}
