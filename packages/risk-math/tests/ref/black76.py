#!/usr/bin/env python3
"""Independent high-precision reference for risk-math's Black-76 (zero rates) and normal cdf.

Computed with mpmath at mp.dps = 50 from the *exact* fixed-point inputs the Rust side uses:
every input is a Q64.64 raw integer (value = raw / 2^64) or an integer number of seconds, so
the reference prices the very numbers the fixed-point code prices. Outputs are Q64.64 raw
integers rounded to nearest (resolution 5.4e-20, far below the 1e-9 tolerance under test).

    C = S N(d1) - K N(d2),  d1 = (ln(S/K) + v^2/2)/v,  d2 = d1 - v,  v = sigma sqrt(tau)
    P = C - (S - K)   (put-call parity with zero rates),  delta_call = N(d1)
    tau = seconds / 31,536,000

Domain (the issue's): K/S in [0.25, 4], tau from 1 hour to 3 years, sigma from 0.05 to 5;
S log-uniform in [0.01, 1e6] (the price units of real markets). Deterministic (seeded).
Run: python3 black76.py > black76.json
"""
import json
import random

from mpmath import mp, mpf, log, sqrt, ncdf, floor, nint

mp.dps = 50
TWO64 = mpf(2) ** 64
YEAR = 31_536_000


def q(x):
    """Q64.64 raw integer of x, rounded toward -inf (how the Rust side would take a decimal)."""
    return int(floor(mpf(x) * TWO64))


def raw_nearest(x):
    return str(int(nint(x * TWO64)))


def black76(s_raw, k_raw, tau_secs, sigma_raw):
    s = mpf(s_raw) / TWO64
    k = mpf(k_raw) / TWO64
    sig = mpf(sigma_raw) / TWO64
    tau = mpf(tau_secs) / YEAR
    v = sig * sqrt(tau)
    d1 = (log(s / k) + v * v / 2) / v
    d2 = d1 - v
    c = s * ncdf(d1) - k * ncdf(d2)
    p = c - (s - k)
    return c, p, ncdf(d1)


def vector(s_raw, k_raw, tau_secs, sigma_raw):
    c, p, delta = black76(s_raw, k_raw, tau_secs, sigma_raw)
    return {
        "s": str(s_raw),
        "k": str(k_raw),
        "tau_secs": tau_secs,
        "sigma": str(sigma_raw),
        "call": raw_nearest(c),
        "put": raw_nearest(p),
        "delta": raw_nearest(delta),
    }


def log_uniform(rng, lo, hi):
    return mpf(lo) * (mpf(hi) / mpf(lo)) ** mpf(rng.random())


def main():
    rng = random.Random(20240613)
    options = []
    # Corners and edges of the domain.
    for s in ["0.01", "1", "60000", "1000000"]:
        for m in ["0.25", "0.5", "0.9", "1", "1.1", "2", "4"]:
            for tau in [3600, 86_400, 30 * 86_400, 3 * YEAR]:
                for sig in ["0.05", "0.65", "5"]:
                    s_raw = q(s)
                    options.append(vector(s_raw, q(mpf(s) * mpf(m)), tau, q(sig)))
    # Random interior points.
    for _ in range(700):
        s = log_uniform(rng, "0.01", "1e6")
        m = log_uniform(rng, "0.25", "4")
        tau = int(log_uniform(rng, 3600, 3 * YEAR))
        sig = log_uniform(rng, "0.05", "5")
        options.append(vector(q(s), q(s * m), tau, q(sig)))
    # The normal cdf on [-9, 9] at Q64.64 points (uniform plus the tails).
    cdf = []
    for i in range(-900, 901, 3):
        x = q(mpf(i) / 100) + rng.randrange(1 << 40)
        cdf.append({"x": str(x), "cdf": raw_nearest(ncdf(mpf(x) / TWO64))})
    # One vector per line: diffs of a regenerated file stay readable.
    out = ['{"generator": "black76.py (mpmath, mp.dps = 50)",', '"options": [']
    out.append(",\n".join(json.dumps(o) for o in options))
    out.append('],\n"cdf": [')
    out.append(",\n".join(json.dumps(c) for c in cdf))
    out.append("]}")
    print("\n".join(out))


if __name__ == "__main__":
    main()
