"""The gas bench's check, offline: python3 -m unittest discover -s scripts/chain -p 'test_*.py'"""

import json
import os
import tempfile
import unittest

import gasbench as g


def report(actions, store=None, version="v1.20.1 (eef179e)", max_gas=120_000_000):
    b = g.Bench()
    for (a, pinned), gas in actions.items():
        b.record(a, pinned, gas)
    for k, v in (store or {}).items():
        b.record_store(k, v)
    return b.to_json(max_gas, version)


BASE = {("cw20 transfer", False): 161_000, ("cw20 transfer", True): 161_000,
        ("deposit", False): 200_000, ("deposit", True): 100_000}
STORE = {"pool_vault": 40_000_000}


class Check(unittest.TestCase):
    def run_check(self, measured, baseline, update=False):
        lines = []
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "gas-baseline.json")
            if baseline is not None:
                g.write_json(path, baseline)
            ok = g.check(measured, path, update=update, out=lines.append)
            written = json.load(open(path)) if os.path.exists(path) else None
        return ok, "\n".join(lines), written

    def test_shape(self):
        r = report(BASE, STORE)
        self.assertEqual(r["actions"]["deposit"], {"unpinned": {"gas_used": 200_000}, "pinned": {"gas_used": 100_000}})
        self.assertEqual(r["store_proposals"], {"pool_vault": {"gas_used": 40_000_000}})
        self.assertEqual((r["block_max_gas"], r["injectived_version"]), (120_000_000, "v1.20.1 (eef179e)"))
        self.assertEqual(list(r["actions"]), ["cw20 transfer", "deposit"])  # report order

    def test_within_five_percent_passes(self):
        m = dict(BASE)
        m[("deposit", True)] = 105_000  # exactly +5 %
        ok, out, _ = self.run_check(report(m, STORE), report(BASE, STORE))
        self.assertTrue(ok, out)

    def test_rise_fails_with_the_offenders(self):
        m = dict(BASE)
        m[("deposit", True)] = 105_001
        ok, out, written = self.run_check(report(m, {"pool_vault": 42_000_001}), report(BASE, STORE))
        self.assertFalse(ok)
        self.assertIn("| deposit (pinned) | 100,000 | 105,001 | +5.0 % |", out)
        self.assertIn("| store proposal pool_vault | 40,000,000 | 42,000,001 | +5.0 % |", out)
        self.assertNotIn("deposit (unpinned)", out)
        self.assertEqual(written, report(BASE, STORE))  # the baseline is left alone

    def test_improvement_is_a_hint(self):
        m = dict(BASE)
        m[("deposit", False)] = 189_000
        ok, out, _ = self.run_check(report(m, STORE), report(BASE, STORE))
        self.assertTrue(ok, out)
        self.assertIn("hint", out)
        self.assertIn("| deposit (unpinned) | 200,000 | 189,000 | -5.5 % |", out)

    def test_missing_or_new_figure_fails(self):
        m = dict(BASE)
        del m[("deposit", True)]
        m[("vote", True)] = 1
        ok, out, _ = self.run_check(report(m, STORE), report(BASE, STORE))
        self.assertFalse(ok)
        self.assertIn("deposit (pinned): in the baseline, not measured", out)
        self.assertIn("vote (pinned): measured (1), not in the baseline", out)

    def test_no_baseline_fails(self):
        ok, out, written = self.run_check(report(BASE, STORE), None)
        self.assertFalse(ok)
        self.assertIsNone(written)

    def test_update_writes_the_measured_figures(self):
        m = dict(BASE)
        m[("deposit", True)] = 200_000
        ok, out, written = self.run_check(report(m, STORE), report(BASE, STORE), update=True)
        self.assertTrue(ok)
        self.assertEqual(written, report(m, STORE))
        self.assertIn("GAS_BASELINE_UPDATE=1: wrote", out)

    def test_update_is_off_unless_asked(self):
        os.environ.pop("GAS_BASELINE_UPDATE", None)
        m = dict(BASE)
        m[("deposit", True)] = 200_000
        lines = []
        with tempfile.TemporaryDirectory() as d:
            path = g.write_json(os.path.join(d, "b.json"), report(BASE, STORE))
            self.assertFalse(g.check(report(m, STORE), path, out=lines.append))
            self.assertEqual(json.load(open(path)), report(BASE, STORE))


if __name__ == "__main__":
    unittest.main()
