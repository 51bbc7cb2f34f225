#!/usr/bin/env bash
# The underwriter flows signed by a real wallet library (issue 16 item 4) against a real local node:
#   1. the npm packages (npm ci in clients/ts and clients/wallet: @injectivelabs/sdk-ts, tsx,
#      pinned in clients/wallet/package-lock.json), the script type-checked (tsc --strict,
#      with the generated client it imports);
#   2. what the node driver needs (build_e2e_inputs), then `chain-e2e serve-scenario`: a fresh
#      chain in $CHAIN_HOME (default target/wallet-chain), deployed by governance and seeded;
#   3. clients/wallet/test/wallet.test.ts (node --test, run through tsx): deposit, vote and
#      request_withdraw, each message from the generated composers (PoolVaultMsgComposer,
#      DaoGovernanceMsgComposer), signed by sdk-ts's PrivateKey and broadcast by its
#      MsgBroadcasterWithPk over gRPC-web (the API server, CHAIN_PORT_BASE+317), every outcome
#      asserted from queries at the tx's height;
#   4. the node is stopped (by the driver's pid; the node follows it).
# Exit status: non-zero when any step or assertion fails. CHAIN_PORT_BASE as for scripts/e2e.sh.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
t0=$(date +%s)

npm_ci_if_stale clients/ts clients/wallet
say "clients/wallet: tsc --strict"
(cd clients/wallet && npx tsc -p tsconfig.json)

build_e2e_inputs

# sdk-ts picks the pubkey type by the chain id: `/injective.crypto.v1beta1.ethsecp256k1.PubKey`
# only for ids starting with "injective" (else cosmos secp256k1, which the node refuses:
# "pubKey does not match signer address"). So this chain is named like Injective's own.
export CHAIN_ID=${CHAIN_ID:-injective-777}
trap stop_scenario_node EXIT
start_scenario_node wallet

say "the wallet flows (@injectivelabs/sdk-ts $(node -p 'require("./clients/wallet/node_modules/@injectivelabs/sdk-ts/package.json").version'))"
(cd clients/wallet && CHAIN_INFO="$SCENARIO_INFO" node --import tsx --test --test-reporter=spec test/wallet.test.ts)
echo "scripts/wallet.sh: passed in $(($(date +%s) - t0)) s"
