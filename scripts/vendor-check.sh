#!/usr/bin/env bash
# Checks that vendor/cosmwasm-std is crates.io's cosmwasm-std (the version Cargo.lock pins
# upstream, from cargo's download cache) except for the patches vendor/PATCHES.md describes, whose
# exact diff is vendor/cosmwasm-std.patch.
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
# Every difference, file by file (unified, without the headers' paths and dates), must be exactly
# vendor/cosmwasm-std.patch: the patches PATCHES.md lists, nothing else.
files=$(diff -rq "$up/src" "$ROOT/vendor/cosmwasm-std/src" | sed -n "s|^Files $up/\(.*\) and .* differ$|\1|p" | sort || true)
others=$(diff -rq "$up/src" "$ROOT/vendor/cosmwasm-std/src" | grep -v '^Files .* differ$' || true)
[ -z "$others" ] || { echo "vendor-check: files added or missing:"; echo "$others"; exit 1; } >&2
got_patch=$(for f in $files; do echo "=== $f"; diff -u "$up/$f" "$ROOT/vendor/cosmwasm-std/$f" | tail -n +3 || true; done)
want_patch=$(cat "$ROOT/vendor/cosmwasm-std.patch")
if [ "$got_patch" != "$want_patch" ]; then
  echo "vendor-check: vendor/cosmwasm-std differs from crates.io's $ver otherwise than vendor/cosmwasm-std.patch says:" >&2
  diff <(echo "$want_patch") <(echo "$got_patch") >&2 || true
  exit 1
fi
echo "vendor-check: vendor/cosmwasm-std = cosmwasm-std $ver + vendor/cosmwasm-std.patch ($(echo "$files" | wc -w) files: $(echo $files))"
