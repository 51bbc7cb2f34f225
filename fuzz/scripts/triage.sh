#!/usr/bin/env bash
# Groups crash inputs by panic message + first frame in the project's own code.
# usage: fuzz/scripts/triage.sh <target> <crash files...>
# prints: count  message  @ file:line  example-file
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
target=$1; shift
bin=${CARGO_TARGET_DIR:-$here/target}/x86_64-unknown-linux-gnu/release/$target
for f in "$@"; do
  out=$(RUST_BACKTRACE=1 "$bin" "$f" 2>&1)
  msg=$(printf '%s\n' "$out" | grep -A1 ' panicked at ' | tail -1 | cut -c1-160)
  loc=$(printf '%s\n' "$out" | grep -E '^ +at /work/main/(packages|contracts)/' | head -1 | sed -E 's#^ +at /work/main/##')
  [ -z "$loc" ] && loc=$(printf '%s\n' "$out" | grep -E ' panicked at ' | sed -E 's#.*panicked at ##; s#/root/.cargo/registry/src/[^/]*/##')
  printf '%s\t@ %s\t%s\n' "$msg" "$loc" "$f"
done | sort -t$'\t' -k1,2 | awk -F'\t' '{k=$1"\t"$2; n[k]++; if(!(k in ex)) ex[k]=$3} END {for (k in n) printf "%5d  %s\t%s\n", n[k], k, ex[k]}' | sort -rn
