#!/usr/bin/env bash
# The product in one command: a local injectived, the suite deployed by governance, a seeded
# pool (underwriters alice and bob, the perp DEX with an open book and the options DEX writing
# calls and puts, a market maker, oracle price rounds, settled claims and a pending one), and the
# dashboard (app/) built and served on 127.0.0.1. Prints the URL and the test accounts, then
# runs until Ctrl-C (or SIGTERM), which stops the web server and the node by their pids.
#
#   scripts/demo.sh                 # dashboard on http://127.0.0.1:5180/ (DEMO_PORT)
#   CHAIN_PORT_BASE=46000 DEMO_PORT=46080 scripts/demo.sh   # beside another node
#
# The chain lives in $CHAIN_HOME (default target/demo-chain), its seed log in $CHAIN_HOME.log.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
t0=$(date +%s)
port=${DEMO_PORT:-5180}

npm_ci_if_stale clients/ts app
say "app: tsc --strict and vite build"
(cd app && npx tsc -p tsconfig.json && npx vite build --logLevel warn)
build_e2e_inputs

server=""
stop_all() {
  trap - EXIT INT TERM
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  stop_scenario_node
  echo "demo stopped: the web server and the node are down"
}
trap stop_all EXIT
trap 'echo; exit 0' INT TERM

start_scenario_node demo
weblog="$CHAIN_HOME.web.log"
node app/test/serve.mjs "$SCENARIO_INFO" "$port" >"$weblog" 2>&1 &
server=$!
url=""
for _ in $(seq 1 50); do
  url=$(sed -n 's/^dashboard: //p' "$weblog")
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$weblog" >&2; echo "the dashboard's server exited (port $port taken? set DEMO_PORT)" >&2; exit 1; }
  sleep 0.2
done
[ -n "$url" ] || { echo "the dashboard's server printed no URL" >&2; exit 1; }

node - "$SCENARIO_INFO" "$url" <<'JS'
const [info, url] = process.argv.slice(2);
const c = JSON.parse(require("fs").readFileSync(info, "utf8"));
const rows = [["dashboard", url], ["chain", `${c.chain_id}: RPC ${c.rpc}, REST and gRPC-web ${c.rest}`],
  ["vault", c.vault], ["oracle", c.oracle], ["DAO", c.dao], ["perp DEX", c.perp_dex], ["options DEX", c.options_dex]];
console.log("\n== the demo is up\n");
for (const [k, v] of rows) console.log(`  ${k.padEnd(12)} ${v}`);
console.log("\n  test accounts (a throwaway chain's eth_secp256k1 keys: import one into Keplr as a private key):");
for (const [name, a] of Object.entries(c.accounts)) console.log(`  ${name.padEnd(6)} ${a.address}  ${a.private_key_hex}`);
console.log(`\n  addresses and keys as JSON: ${info}`);
JS
echo "  ready in $(($(date +%s) - t0)) s; Ctrl-C stops everything"
wait "$SCENARIO_PID"
