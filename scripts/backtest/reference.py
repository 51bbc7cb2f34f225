#!/usr/bin/env python3
"""Independent floating-point reference for `risk backtest` (not the integer code path).

For a `date,price` CSV: simple returns r_t = p_t/p_{t-1} - 1; for each round t after the first
`window` returns, the one-step-ahead VaR of a long (or short) unit position at confidence α from
the `window` returns before t only; a breach when the realised loss exceeds it. Methods:

  historical   VaR = the m-th largest loss of the window, m = ceil((1-α)·W) (the oracle's rule)
  parametric   VaR = z_α · σ̂ with σ̂ the window's root mean square return (zero mean)
  filtered_historical
               each window return r_k rescaled by σ_t/σ_k before the m-th largest loss is taken,
               σ_k the EWMA volatility forecast for round k (before r_k updates it):
               σ²_{k+1} = λσ²_k + (1-λ)r_k², seeded with the mean square of the first `window`
               returns (Hull-White / Barone-Adesi filtered historical simulation)

Statistics: Kupiec's proportion-of-failures LR (χ²₁), Christoffersen's independence LR (χ²₁)
and conditional coverage (χ²₂), the Basel zone of the breach count from the exact binomial
Bin(n, 1-α) over the n rounds tested (green below the smallest count whose cumulative
probability reaches 95 %, red from the smallest reaching 99.99 %; exact Python integers).

Usage: scripts/backtest/reference.py FILE.csv [--method historical|parametric] [--window 250]
       [--confidence-bps 9900] [--position long|short] [--lambda 0.94]   (prints one JSON object)
"""
import argparse
import csv
import json
import math
from statistics import NormalDist


def returns(path):
    with open(path) as f:
        prices = [float(r["price"]) for r in csv.DictReader(f)]
    return [b / a - 1.0 for a, b in zip(prices, prices[1:])]


def xlogy(x, y):
    return 0.0 if x == 0 else x * math.log(y)


def kupiec(n, x, p):
    pi = x / n
    lr = -2.0 * (xlogy(n - x, 1 - p) + xlogy(x, p) - xlogy(n - x, 1 - pi) - xlogy(x, pi))
    return lr, math.erfc(math.sqrt(max(lr, 0.0) / 2.0))


def christoffersen(hits):
    n = {(a, b): 0 for a in (0, 1) for b in (0, 1)}
    for a, b in zip(hits, hits[1:]):
        n[(a, b)] += 1
    n0, n1 = n[(0, 0)] + n[(0, 1)], n[(1, 0)] + n[(1, 1)]
    p01 = n[(0, 1)] / n0 if n0 else 0.0
    p11 = n[(1, 1)] / n1 if n1 else 0.0
    p = (n[(0, 1)] + n[(1, 1)]) / (n0 + n1)
    ll_null = xlogy(n[(0, 0)] + n[(1, 0)], 1 - p) + xlogy(n[(0, 1)] + n[(1, 1)], p)
    ll_alt = (xlogy(n[(0, 0)], 1 - p01) + xlogy(n[(0, 1)], p01) + xlogy(n[(1, 0)], 1 - p11)
              + xlogy(n[(1, 1)], p11))
    lr = -2.0 * (ll_null - ll_alt)
    return lr, math.erfc(math.sqrt(max(lr, 0.0) / 2.0))


def zones(n, tail_bps):
    """(yellow_from, red_from) for Bin(n, tail_bps/10⁴), exactly: Σ_{j≤k} C(n,j)·a^j·(b-a)^(n-j)
    against 95 % and 99.99 % of b^n with p = a/b."""
    a, b = tail_bps, 10_000
    total, s, yellow = b ** n, 0, None
    term = (b - a) ** n
    for k in range(n + 1):
        s += term
        if yellow is None and 100 * s >= 95 * total:
            yellow = k
        if 10_000 * s >= 9_999 * total:
            return yellow, k
        term = term * (n - k) * a // ((k + 1) * (b - a))
    return yellow, n


def ewma_vols(rets, window, lam):
    var = sum(r * r for r in rets[:window]) / window
    out = []
    for r in rets:
        out.append(math.sqrt(var))
        var = lam * var + (1 - lam) * r * r
    out.append(math.sqrt(var))
    return out


def run(rets, method, window, conf_bps, position, lam=0.94):
    alpha = conf_bps / 10_000
    sign = -1.0 if position == "long" else 1.0
    z = NormalDist().inv_cdf(alpha)
    m = math.ceil((10_000 - conf_bps) * window / 10_000)
    sig = ewma_vols(rets, window, lam) if method == "filtered_historical" else None
    hits = []
    for t in range(window, len(rets)):
        past = rets[t - window:t]
        if method == "historical":
            var = sorted((sign * r for r in past), reverse=True)[m - 1]
        elif method == "filtered_historical":
            var = sorted((sign * r * sig[t] / sig[t - window + i] for i, r in enumerate(past)), reverse=True)[m - 1]
        else:
            var = z * math.sqrt(sum(r * r for r in past) / window)
        hits.append(1 if sign * rets[t] > var else 0)
    n, x = len(hits), sum(hits)
    k_lr, k_p = kupiec(n, x, 1 - alpha)
    i_lr, i_p = christoffersen(hits)
    cc_lr = k_lr + i_lr
    yellow, red = zones(n, 10_000 - conf_bps)
    zone = "green" if x < yellow else ("yellow" if x < red else "red")
    return {
        "observations": n, "breaches": x, "breach_rate": x / n,
        "kupiec_lr": k_lr, "kupiec_p": k_p,
        "christoffersen_lr": i_lr, "christoffersen_p": i_p,
        "conditional_coverage_lr": cc_lr, "conditional_coverage_p": math.exp(-cc_lr / 2),
        "zone": zone, "zone_yellow_from": yellow, "zone_red_from": red,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("prices")
    ap.add_argument("--method", default="historical", choices=["historical", "parametric", "filtered_historical"])
    ap.add_argument("--window", type=int, default=250)
    ap.add_argument("--confidence-bps", type=int, default=9900)
    ap.add_argument("--position", default="long", choices=["long", "short"])
    ap.add_argument("--lambda", dest="lam", type=float, default=0.94)
    a = ap.parse_args()
    print(json.dumps(run(returns(a.prices), a.method, a.window, a.confidence_bps, a.position, a.lam)))


if __name__ == "__main__":
    main()
