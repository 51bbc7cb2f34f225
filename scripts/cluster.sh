#!/usr/bin/env bash
# Four validators, one answer: the suite under consensus, faults and load (issue 17). Builds
# what the real-node driver needs (as scripts/e2e.sh), then `chain-e2e cluster`
# (scripts/chain-e2e/src/consensus.rs says what it does, step by step): a 4-validator network on
# 127.0.0.1 in $CHAIN_HOME/node0..3 (default target/cluster), ports at $CHAIN_PORT_BASE + 100·i
# (default 27000: below Linux's ephemeral range, docs/cluster.md), every validator started and
# stopped by pid. Exit status non-zero on any failed step. Report: $CHAIN_HOME/cluster-report.md.
# Knobs: CLUSTER_ROUNDS (default 110; 500 is the full history), CLUSTER_WALLETS (50),
# CLUSTER_TXS_PER_WALLET (20), CLUSTER_STALL_SECS (12).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

build_e2e_inputs

export CHAIN_HOME=${CHAIN_HOME:-$ROOT/target/cluster}
export CHAIN_PORT_BASE=${CHAIN_PORT_BASE:-27000}
say "four validators: consensus, faults, load (chain-e2e cluster)"
exec target/debug/chain-e2e cluster
