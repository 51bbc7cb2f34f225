"""The gas bench of the end-to-end run: records gas_used, writes the reports, checks a baseline.

No chain access here (e2e.py runs the transactions and hands the figures over), so the check
can be tested and re-run offline:

  python3 scripts/chain/gasbench.py check .chain/gas-report.json   # against gas-baseline.json
  python3 -m unittest discover -s scripts/chain -p 'test_*.py'

Report ($CHAIN_HOME/gas-report.json) and baseline (scripts/chain/gas-baseline.json) have one
shape:

  {"format": 1, "injectived_version": "v1.20.1 (eef179e)", "block_max_gas": 120000000,
   "actions": {"deposit": {"unpinned": {"gas_used": 227718}, "pinned": {"gas_used": 170850}}, ...},
   "store_proposals": {"risk_oracle": {"gas_used": 36091608}, ...}}

The check: every action's gas (pinned and unpinned) and every store proposal's gas must be
<= baseline x (1 + TOLERANCE); a figure missing on either side fails too (a new action enters
the baseline deliberately). Figures more than TOLERANCE below the baseline are printed as a hint
to lower it. GAS_BASELINE_UPDATE=1 writes the measured figures as the new baseline instead of
failing: run it on purpose, commit the baseline with the change that moved it; CI never sets it.
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BASELINE = os.path.join(HERE, "gas-baseline.json")
TOLERANCE = 0.05
FORMAT = 1

# Report order. cw20 transfer is the reference (cw20-base from crates.io) the ratios divide by.
ACTIONS = ["cw20 transfer", "deposit", "request_withdraw", "withdraw", "member_deposit",
           "report_exposure (1 markets)", "report_exposure (8 markets)", "report_exposure (32 markets)",
           "pay_premium", "claim_loss (auto)", "claim_loss (pending)", "propose", "vote", "execute"]
REFERENCE = "cw20 transfer"
REFERENCE_CODE = "cw20_ref"  # the store proposal of the reference contract
MODES = (("unpinned", False), ("pinned", True))


class Bench:
    """The measured figures of one run."""

    def __init__(self):
        self.gas = {}    # (action, pinned) -> gas_used
        self.store = {}  # artifact -> gas_used of its store proposal's submit tx

    def record(self, action, pinned, gas_used):
        self.gas[(action, bool(pinned))] = int(gas_used)

    def record_store(self, artifact, gas_used):
        self.store[artifact] = int(gas_used)

    def count(self, pinned):
        return sum(1 for k in self.gas if k[1] == pinned)

    def to_json(self, block_max_gas, injectived_version):
        names = [a for a in ACTIONS if any((a, p) in self.gas for _, p in MODES)]
        names += sorted({a for a, _ in self.gas} - set(names))
        return {
            "format": FORMAT,
            "injectived_version": injectived_version,
            "block_max_gas": block_max_gas,
            "actions": {a: {m: {"gas_used": self.gas[(a, p)]} for m, p in MODES if (a, p) in self.gas}
                        for a in names},
            "store_proposals": {k: {"gas_used": v} for k, v in self.store.items()},
        }


def markdown(report):
    """The gas table of the markdown report (gas-report.md), from a report JSON object."""
    acts = report["actions"]
    ref = {m: acts.get(REFERENCE, {}).get(m, {}).get("gas_used") for m, _ in MODES}
    lines = ["", "| action | gas (unpinned) | × cw20 transfer | gas (pinned) | × cw20 transfer |",
             "|---|---:|---:|---:|---:|"]
    for action, per in acts.items():
        cells = []
        for m, _ in MODES:
            g = per.get(m, {}).get("gas_used")
            cells += [f"{g:,}" if g else "—", f"{g / ref[m]:.2f}" if g and ref[m] else "—"]
        lines.append(f"| {action} | " + " | ".join(cells) + " |")
    max_gas = report.get("block_max_gas")
    lines += ["", f"Block gas limit of this chain: {max_gas:,}" if max_gas else "",
              "(injectived init's default is 10,000,000; node.sh raises it so the store proposals fit)", "",
              "| store proposal (submit tx) | gas_used | / default 10M block limit |", "|---|---:|---:|"]
    for k, v in report["store_proposals"].items():
        label = f"{k} (reference)" if k == REFERENCE_CODE else k
        lines.append(f"| {label} | {v['gas_used']:,} | {v['gas_used'] / 10_000_000:.2f} |")
    return "\n".join(lines)


def figures(report):
    """{(kind, name, mode): gas_used} of a report or baseline object."""
    out = {}
    for a, per in (report.get("actions") or {}).items():
        for m, v in per.items():
            out[("action", a, m)] = int(v["gas_used"])
    for k, v in (report.get("store_proposals") or {}).items():
        out[("store proposal", k, "")] = int(v["gas_used"])
    return out


def compare(baseline, measured, tolerance=TOLERANCE):
    """(offenders, improvements, missing): rows (label, baseline, measured, fraction above) of the
    figures above baseline x (1 + tolerance), of those below baseline x (1 - tolerance), and
    labels of figures one side has and the other lacks."""
    b, m = figures(baseline), figures(measured)
    label = lambda k: f"{k[1]} ({k[2]})" if k[2] else f"store proposal {k[1]}"
    offenders, improvements, missing = [], [], []
    for k in list(b) + [k for k in m if k not in b]:
        if k not in m:
            missing.append(f"{label(k)}: in the baseline, not measured")
        elif k not in b:
            missing.append(f"{label(k)}: measured ({m[k]:,}), not in the baseline")
        else:
            row = (label(k), b[k], m[k], m[k] / b[k] - 1 if b[k] else float("inf"))
            if m[k] > b[k] * (1 + tolerance):
                offenders.append(row)
            elif m[k] < b[k] * (1 - tolerance):
                improvements.append(row)
    return offenders, improvements, missing


def table(rows):
    lines = ["| action | baseline | measured | +% |", "|---|---:|---:|---:|"]
    lines += [f"| {a} | {b:,} | {g:,} | {d * 100:+.1f} % |" for a, b, g, d in rows]
    return "\n".join(lines)


def check(measured, baseline_path=BASELINE, update=None, out=print):
    """Compares measured with the baseline file; returns True when the run passes.
    update (default: GAS_BASELINE_UPDATE=1 in the environment) writes measured as the baseline."""
    if update is None:
        update = os.environ.get("GAS_BASELINE_UPDATE") == "1"
    rel = os.path.relpath(baseline_path)
    baseline = None
    if os.path.exists(baseline_path):
        with open(baseline_path) as f:
            baseline = json.load(f)
    if baseline is not None:
        offenders, improvements, missing = compare(baseline, measured)
        for key in ("injectived_version", "block_max_gas"):
            if baseline.get(key) != measured.get(key):
                out(f"note: {key} {measured.get(key)!r} here, {baseline.get(key)!r} in the baseline")
    else:
        offenders, improvements, missing = [], [], [f"no baseline at {rel}"]
    if update:
        write_json(baseline_path, measured)
        out(f"GAS_BASELINE_UPDATE=1: wrote the measured figures to {rel} "
            f"({len(figures(measured))} figures); commit it with the change that moved them")
        if offenders:
            out("these were above the old baseline (now the new one):\n" + table(offenders))
        return True
    ok = not offenders and not missing
    if improvements:
        out(f"hint: {len(improvements)} figure(s) more than {TOLERANCE:.0%} below the baseline; "
            "lower it deliberately (GAS_BASELINE_UPDATE=1 scripts/e2e.sh, commit the file):\n" + table(improvements))
    if offenders:
        out(f"GAS REGRESSION: {len(offenders)} figure(s) more than {TOLERANCE:.0%} above {rel}:\n" + table(offenders))
    if missing:
        out("gas baseline does not match the measured set:\n" + "\n".join("  " + s for s in missing))
    if not ok:
        out("if the rise is intended, write a new baseline (GAS_BASELINE_UPDATE=1 scripts/e2e.sh) "
            "and commit it with the change that moves it")
    else:
        out(f"gas within {TOLERANCE:.0%} of {rel}: {len(figures(measured))} figures checked")
    return ok


def write_json(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=1, ensure_ascii=False)
        f.write("\n")
    return path


def main(argv):
    if len(argv) in (2, 3) and argv[0] == "check":
        with open(argv[1]) as f:
            measured = json.load(f)
        return 0 if check(measured, argv[2] if len(argv) == 3 else BASELINE) else 1
    sys.stderr.write("usage: gasbench.py check REPORT.json [BASELINE.json]\n")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
