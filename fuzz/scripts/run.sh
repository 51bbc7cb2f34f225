#!/usr/bin/env bash
# Builds every fuzz target and runs each for a fixed time, one after another, then prints
# a summary (execs, coverage, crashes) per target.
#   fuzz/scripts/run.sh                 # all targets, 180 s each
#   FUZZ_SECS=60 fuzz/scripts/run.sh math vault_seq
#   FUZZ_FRESH=1 ...                    # start from the seeds only (wipes fuzz/corpus/<target>)
# Needs cargo-fuzz (see docs/fuzzing.md). Works on stable Rust: with --sanitizer none
# cargo-fuzz passes only stable -C flags (the default, address, needs -Zsanitizer, i.e. nightly
# or RUSTC_BOOTSTRAP=1). The code is safe Rust, so the findings are panics, which need no
# sanitizer; see docs/fuzzing.md.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$here/target}
export PATH="${P2P_CACHE:-$HOME/.cache/p2p-risk-pool}/tools/cargo-fuzz/bin:$PATH"
secs=${FUZZ_SECS:-180}
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(oracle_json vault_json dao_json oracle_seq vault_seq math)

command -v cargo-fuzz >/dev/null || {
  echo "cargo-fuzz missing: cargo install --locked cargo-fuzz --root ${P2P_CACHE:-$HOME/.cache/p2p-risk-pool}/tools/cargo-fuzz" >&2
  exit 1
}
cargo +stable fuzz build --sanitizer none
mkdir -p logs
[ "${FUZZ_FRESH:-0}" = 1 ] && for t in "${targets[@]}"; do rm -rf "corpus/$t" "artifacts/$t"; done
python3 scripts/make_seeds.py

printf '%-12s %6s %10s %8s %6s %6s %6s  %s\n' target secs execs exec/s cov ft corp crashes
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  dict=(); [ -f "corpus/$t.dict" ] && dict=(-dict="corpus/$t.dict")
  set +e
  cargo +stable fuzz run --sanitizer none "$t" "corpus/$t" -- \
    -max_total_time="$secs" -timeout=10 -max_len=4096 -print_final_stats=1 "${dict[@]}" \
    > "logs/$t.log" 2>&1
  rc=$?
  set -e
  last=$(grep -E '^#[0-9]+' "logs/$t.log" | tail -1)
  execs=$(grep -E '^stat::number_of_executed_units' "logs/$t.log" | awk '{print $2}')
  rate=$(grep -E '^stat::average_exec_per_sec' "logs/$t.log" | awk '{print $2}')
  cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$last")
  ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$last")
  corp=$(sed -nE 's/.* corp: ([0-9]+).*/\1/p' <<<"$last")
  crashes=$(ls "artifacts/$t" 2>/dev/null | grep -cE '^(crash|timeout|oom|slow)' || true)
  printf '%-12s %6s %10s %8s %6s %6s %6s  %s%s\n' "$t" "$secs" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$crashes" "$([ $rc -ne 0 ] && echo " (exit $rc, see fuzz/logs/$t.log)")"
done
