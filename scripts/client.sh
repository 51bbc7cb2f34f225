#!/usr/bin/env bash
# The TypeScript client (clients/ts): installs its pinned packages (npm ci, from the npm cache
# when warm), regenerates src/ from schema/ with @cosmwasm/ts-codegen, fails when the committed
# src/ differs (client drift), and type-checks src/ and examples/ with tsc --strict.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT/clients/ts"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  npm ci --silent --no-audit --no-fund
fi
node codegen.mjs
if [ -n "$(git status --porcelain -- src)" ]; then
  git status --short -- src
  echo "clients/ts/src is out of date: commit what scripts/client.sh regenerated from schema/" >&2
  exit 1
fi
echo "clients/ts/src matches schema/"
npx tsc -p tsconfig.json
echo "tsc --strict: no errors"
