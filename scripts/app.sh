#!/usr/bin/env bash
# The dashboard (app/) built and tested in a real browser against a real local node:
#   1. Debian's chromium (apt-get, when /usr/bin/chromium is missing), the npm packages
#      (npm ci in clients/ts and app/), the app type-checked (tsc --strict) and built (vite);
#      then app/test/redteam.test.mjs (no chain: the built page against a mock RPC);
#   2. what the node driver needs (build_e2e_inputs: artifacts, cw20 reference, binaries), then
#      `chain-e2e serve-scenario`: a fresh chain in $CHAIN_HOME (default target/app-chain),
#      deployed by governance and seeded (deposits, two members, trades, a settled, an approved
#      and a pending claim, oracle price rounds); it writes the addresses to $CHAIN_HOME.json;
#   3. app/test (node --test, playwright-core driving /usr/bin/chromium): the figures on screen
#      against the chain's queries, screenshots into target/app-screens (desktop 1280×800,
#      phone 390×844, the wallet flows), deposit / vote / request_withdraw / withdraw with an
#      injected Keplr-shaped eth_secp256k1 signer;
#   4. the node is stopped (by the driver's pid; the node follows it: PR_SET_PDEATHSIG).
# Exit status: non-zero when any step or assertion fails. CHAIN_PORT_BASE as for scripts/e2e.sh.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
t0=$(date +%s)

if [ ! -x /usr/bin/chromium ]; then
  say "installing Debian's chromium"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
npm_ci_if_stale clients/ts app

say "app: tsc --strict and vite build"
(cd app && npx tsc -p tsconfig.json && npx vite build --logLevel warn)

say "app: red-team tests (no chain: a mock RPC with hostile answers, docs/red-team.md 42–50)"
(cd app && node --test --test-reporter=spec test/redteam.test.mjs)

build_e2e_inputs

trap stop_scenario_node EXIT
start_scenario_node app
info=$SCENARIO_INFO

say "browser test (app/test, chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'))"
rm -rf target/app-screens
(cd app && CHAIN_INFO="$info" SCREENS="$ROOT/target/app-screens" node --test --test-reporter=spec test/dashboard.test.mjs)
ls -1 target/app-screens
echo "scripts/app.sh: passed in $(($(date +%s) - t0)) s"
