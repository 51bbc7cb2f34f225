#!/usr/bin/env python3
"""Real daily price series for the backtests, fetched at test time (not committed).

The PyPI package `arch` (pinned below; NCSA licence; its data sets come from Yahoo Finance and
FRED) bundles daily series as gzipped CSVs inside its wheel. This script downloads that wheel with
pip into the tools cache once, reads the CSVs out of the zip without importing `arch`, and writes
one `date,price` CSV per series (ISO dates, ascending, rows without a price dropped):

  sp500.csv   S&P 500 adjusted close, 1999-01-04 .. 2018-12-31
  wti.csv     WTI crude spot (FRED DCOILWTICO), 1986-01-02 .. 2019-01-03
  nasdaq.csv  NASDAQ Composite adjusted close, 1999-01-04 .. 2018-12-31 (held out of tuning)

Usage: scripts/backtest/fetch_data.py OUT_DIR    (prints the files written and their row counts)
"""
import csv
import glob
import gzip
import io
import os
import subprocess
import sys
import zipfile
from datetime import datetime

ARCH_VERSION = "8.0.0"
SERIES = {
    # name: (path in the wheel, price column)
    "sp500": ("arch/data/sp500/sp500.csv.gz", "Adj Close"),
    "wti": ("arch/data/wti/wti.csv.gz", "DCOILWTICO"),
    "nasdaq": ("arch/data/nasdaq/nasdaq.csv.gz", "Adj Close"),
}


def wheel(cache):
    os.makedirs(cache, exist_ok=True)
    found = glob.glob(os.path.join(cache, f"arch-{ARCH_VERSION}-*.whl"))
    if not found:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
             "--dest", cache, f"arch=={ARCH_VERSION}"],
            check=True,
        )
        found = glob.glob(os.path.join(cache, f"arch-{ARCH_VERSION}-*.whl"))
    if not found:
        sys.exit(f"no arch {ARCH_VERSION} wheel in {cache} after pip download")
    return found[0]


def rows(raw, column):
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))
    for r in reader:
        price = (r.get(column) or "").strip()
        if price in ("", "."):
            continue
        day = datetime.strptime(r["Date"].strip(), "%m/%d/%Y").date().isoformat()
        yield day, price


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    cache = os.path.join(os.environ.get("P2P_CACHE", os.path.expanduser("~/.cache/p2p-risk-pool")), "data")
    z = zipfile.ZipFile(wheel(cache))
    os.makedirs(out, exist_ok=True)
    for name, (member, column) in SERIES.items():
        data = sorted(rows(gzip.decompress(z.read(member)), column))
        path = os.path.join(out, f"{name}.csv")
        with open(path, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["date", "price"])
            w.writerows(data)
        print(f"{path}: {len(data)} rows, {data[0][0]} .. {data[-1][0]}")


if __name__ == "__main__":
    main()
