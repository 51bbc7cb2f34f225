#!/usr/bin/env bash
# Builds the chain-ready artifacts: artifacts/<crate>.wasm + artifacts/checksums.txt, checked
# by cosmwasm-check as a wasmvm 2.1 chain would, and regenerates schema/.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

say "tools"
ensure_wasm_target
ensure_binaryen
ensure_cosmwasm_check
echo "rustc: $(rustc --version)"; echo "wasm-opt: $("$WASM_OPT" --version)"; echo "cosmwasm-check: $("$COSMWASM_CHECK" --version)"

say "cargo build (wasm32-unknown-unknown, release)"
# Paths are remapped so the bytes do not depend on where the clone or the cargo home lives.
export RUSTFLAGS="-C link-arg=-s --remap-path-prefix=$ROOT=/build --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}=/cargo"
export CARGO_TARGET_DIR="$ROOT/target/wasm"
for c in "${CONTRACTS[@]}"; do
  opt=()
  [ -n "${OPT_LEVEL[$c]:-}" ] && opt=(--config "profile.release.opt-level=${OPT_LEVEL[$c]}")
  cargo build --locked --release --lib --target wasm32-unknown-unknown "${opt[@]}" -p "$c"
done

say "lower + optimize (wasm-opt)"
rm -rf artifacts && mkdir -p artifacts/unlowered
for c in "${CONTRACTS[@]}"; do
  name=${c//-/_}
  cp "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/$name.wasm" "artifacts/unlowered/$name.wasm"
  "$WASM_OPT" "${WASM_OPT_FLAGS[@]}" "artifacts/unlowered/$name.wasm" -o "artifacts/$name.wasm"
done
(cd artifacts && sha256sum ./*.wasm | sed 's| \./| |' > checksums.txt)

say "cosmwasm-check (capabilities: $CAPABILITIES)"
"$COSMWASM_CHECK" --available-capabilities "$CAPABILITIES" artifacts/*.wasm

say "the reason for the lowering step: cosmwasm-check on the raw rustc output"
for f in artifacts/unlowered/*.wasm; do
  if out=$("$COSMWASM_CHECK" --available-capabilities "$CAPABILITIES" "$f" 2>&1); then
    echo "$(basename "$f"): raw output passes too (lowering not needed by this toolchain)"
  else
    echo "$(basename "$f"): raw output REJECTED as expected: $(echo "$out" | grep -o 'Error during static Wasm validation.*\|bulk memory[^.]*\|sign[^.]*not enabled' | head -1)"
  fi
done

say "artifacts (budgets: $SIZE_BUDGET)"
# A store proposal costs ~195 SDK gas per gzipped byte: the gas column is that estimate.
printf '%-26s %8s %8s %8s %8s %11s  %s\n' artifact bytes budget gzipped budget store-gas sha256
[ -f "$SIZE_BUDGET" ] || { echo "ERROR: no size budget file $SIZE_BUDGET" >&2; exit 1; }
fail=0
while read -r sum file; do
  size=$(stat -c %s "artifacts/$file")
  gz=$(gzip -9 -n -c "artifacts/$file" | wc -c)
  max_bytes=; max_gz=
  read -r max_bytes max_gz < <(awk -v f="$file" '$1 == f { print $2, $3 }' "$SIZE_BUDGET") || true
  printf '%-26s %8d %8s %8d %8s %11d  %s\n' "$file" "$size" "${max_bytes:--}" "$gz" "${max_gz:--}" $((gz * 195)) "$sum"
  if [ -z "${max_bytes:-}" ] || [ -z "${max_gz:-}" ]; then
    echo "ERROR: $file has no budget in $SIZE_BUDGET (add a line: $file <max bytes> <max gzipped bytes>)" >&2
    fail=1
    continue
  fi
  if [ "$size" -gt "$max_bytes" ]; then
    echo "ERROR: $file is $size bytes, over its budget of $max_bytes bytes ($SIZE_BUDGET)" >&2
    fail=1
  fi
  if [ "$gz" -gt "$max_gz" ]; then
    echo "ERROR: $file is $gz bytes gzipped, over its budget of $max_gz gzipped bytes ($SIZE_BUDGET)" >&2
    fail=1
  fi
  if [ "$size" -gt "$MAX_WASM_BYTES" ]; then
    echo "ERROR: $file is $size bytes, over the chain's $MAX_WASM_BYTES byte limit" >&2
    fail=1
  fi
done < artifacts/checksums.txt
[ "$fail" = 0 ] || { echo "ERROR: artifact size budget exceeded (see above)" >&2; exit 1; }

say "schema"
generate_schema "$ROOT/schema"
echo "schema/ regenerated: $(find schema -name '*.json' | wc -l) files"
