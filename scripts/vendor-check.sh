#!/usr/bin/env bash
# Checks that vendor/cosmwasm-std is crates.io's cosmwasm-std (the version Cargo.lock pins
# upstream, from cargo's download cache) except for the patch vendor/PATCHES.md describes.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ver=$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/vendor/cosmwasm-std/Cargo.toml" | head -1)
crate=$(ls "${CARGO_HOME:-$HOME/.cargo}"/registry/cache/*/"cosmwasm-std-$ver.crate" 2>/dev/null | head -1 || true)
if [ -z "$crate" ]; then
  (cd "$ROOT" && cargo fetch --manifest-path tests/vm-gas/Cargo.toml >/dev/null 2>&1) || true
  crate=$(ls "${CARGO_HOME:-$HOME/.cargo}"/registry/cache/*/"cosmwasm-std-$ver.crate" 2>/dev/null | head -1 || true)
fi
if [ -z "$crate" ]; then
  echo "vendor-check: cosmwasm-std-$ver.crate not in cargo's cache (and cargo fetch failed)" >&2
  [ -n "${CI:-}" ] && exit 1
  echo "vendor-check: skipped (outside CI)" >&2; exit 0
fi
want=2ba17752202ff71effaced8a94dcfac95d98142c7995e73eb87a1a0982cdd050
got=$(sha256sum "$crate" | cut -d' ' -f1)
[ "$got" = "$want" ] || { echo "vendor-check: $crate has sha256 $got, expected $want" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
tar -xzf "$crate" -C "$tmp"
up="$tmp/cosmwasm-std-$ver"
diff -q "$up/Cargo.toml" "$ROOT/vendor/cosmwasm-std/Cargo.toml"
diff -q "$up/README.md" "$ROOT/vendor/cosmwasm-std/README.md"
files=$(diff -rq "$up/src" "$ROOT/vendor/cosmwasm-std/src" || true)
[ "$files" = "Files $up/src/errors/backtrace.rs and $ROOT/vendor/cosmwasm-std/src/errors/backtrace.rs differ" ] \
  || { echo "vendor-check: unexpected differences:"; echo "$files"; exit 1; } >&2
changed=$(diff "$up/src/errors/backtrace.rs" "$ROOT/vendor/cosmwasm-std/src/errors/backtrace.rs" | grep -c '^[<>]' || true)
[ "$changed" = 4 ] || { echo "vendor-check: backtrace.rs differs by $changed lines, expected 4 (1 removed, 3 added)" >&2
  diff "$up/src/errors/backtrace.rs" "$ROOT/vendor/cosmwasm-std/src/errors/backtrace.rs" >&2; exit 1; }
echo "vendor-check: vendor/cosmwasm-std = cosmwasm-std $ver + the backtrace.rs patch"
