// A static server for the built app on 127.0.0.1 (an ephemeral port unless given), with
// config.json answered from the given settings (the chain the test or the demo runs).
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon" };

/**
 * @param {string} dir the built site (app/dist)
 * @param {object} config what /config.json answers
 * @param {number} [port]
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function serveApp(dir, config, port = 0) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    if (path === "/config.json") {
      res.writeHead(200, { "content-type": TYPES[".json"], "cache-control": "no-store" });
      res.end(JSON.stringify(config));
      return;
    }
    const file = normalize(join(dir, path === "/" ? "index.html" : path));
    if (!file.startsWith(normalize(dir))) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((ok) => server.listen(port, "127.0.0.1", ok));
  const addr = server.address();
  const p = typeof addr === "object" && addr ? addr.port : port;
  return { url: `http://127.0.0.1:${p}/`, close: () => new Promise((ok) => server.close(() => ok())) };
}

/** The page's settings from chain-e2e serve-scenario's JSON. */
export function configFrom(chain) {
  return { rpc: chain.rpc, chainId: chain.chain_id, gasPrice: chain.gas_price, denom: chain.denom, vault: chain.vault, oracle: chain.oracle, dao: chain.dao };
}

// `node test/serve.mjs CHAIN.json [PORT]`: serve app/dist for a person (scripts/demo.sh).
if (import.meta.url === `file://${process.argv[1]}`) {
  const chain = JSON.parse(await readFile(process.argv[2], "utf8"));
  const dist = new URL("../dist/", import.meta.url).pathname;
  const s = await serveApp(dist, configFrom(chain), Number(process.argv[3] ?? 0));
  console.log(`dashboard: ${s.url}`);
}
