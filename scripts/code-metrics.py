#!/usr/bin/env python3
"""Code-shape figures for the non-test Rust code of the suite (contracts/*/src, packages/*/src).

Prints: integer/float `as` casts, compound `+=` / `-=` (which panic on Uint128 overflow),
and the ten longest functions (lines from `fn` to its closing brace).

Test code is excluded: the test-only crate packages/risk-testing, files under tests/, files named testutil.rs / bigref.rs, and every
`#[cfg(test)]` item (the attribute's following item, brace-matched).

Usage: scripts/code-metrics.py [ROOT]   (ROOT defaults to the repository)
"""
import os
import re
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
SKIP_FILES = {"testutil.rs", "bigref.rs"}
# Test-only crates (dev-dependencies, publish = false).
SKIP_CRATES = {"risk-testing"}
CAST = re.compile(r"\bas\s+(u8|u16|u32|u64|u128|usize|i8|i16|i32|i64|i128|isize|f32|f64)\b")
COMPOUND = re.compile(r"[^<>=!+\-*/]\s*(\+=|-=)")
FN = re.compile(r"^\s*(pub(\([^)]*\))?\s+)?(const\s+)?(unsafe\s+)?fn\s+(\w+)")


def strip_comments_and_strings(src):
    out, i, n = [], 0, len(src)
    while i < n:
        c = src[i]
        if src.startswith("//", i):
            j = src.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif src.startswith("/*", i):
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("".join(ch if ch == "\n" else " " for ch in src[i:j]))
            i = j
        elif c == '"':
            j = i + 1
            while j < n and src[j] != '"':
                j += 2 if src[j] == "\\" else 1
            out.append('"' + "".join(ch if ch == "\n" else " " for ch in src[i + 1:j]) + '"')
            i = j + 1
        elif c == "'" and i + 2 < n and (src[i + 2] == "'" or (src[i + 1] == "\\" and src.find("'", i + 2) - i < 6)):
            j = src.find("'", i + 2 if src[i + 1] == "\\" else i + 1)
            out.append(" " * (j - i + 1))
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def matching_brace(src, open_idx):
    depth = 0
    for k in range(open_idx, len(src)):
        if src[k] == "{":
            depth += 1
        elif src[k] == "}":
            depth -= 1
            if depth == 0:
                return k
    return len(src) - 1


def drop_cfg_test(src):
    """Blank every item annotated #[cfg(test)] (keeps line numbers)."""
    out = list(src)
    for m in re.finditer(r"#\[cfg\(test\)\]", src):
        brace = src.find("{", m.end())
        semi = src.find(";", m.end())
        if brace < 0 or (0 <= semi < brace):
            end = semi
        else:
            end = matching_brace(src, brace)
        for k in range(m.start(), end + 1):
            if out[k] != "\n":
                out[k] = " "
    return "".join(out)


def files(root):
    for top in ("contracts", "packages"):
        base = os.path.join(root, top)
        if not os.path.isdir(base):
            continue
        for crate in sorted(os.listdir(base)):
            if crate in SKIP_CRATES:
                continue
            src = os.path.join(base, crate, "src")
            for dp, _, fns in os.walk(src):
                for f in sorted(fns):
                    if f.endswith(".rs") and f not in SKIP_FILES:
                        yield os.path.join(dp, f)


def main():
    casts = compound = 0
    per_file = {}
    funcs = []
    for path in files(ROOT):
        src = drop_cfg_test(strip_comments_and_strings(open(path).read()))
        rel = os.path.relpath(path, ROOT)
        c = len(CAST.findall(src))
        u = len(COMPOUND.findall(src))
        casts += c
        compound += u
        per_file[rel] = (c, u)
        lines = src.split("\n")
        offsets = [0]
        for ln in lines:
            offsets.append(offsets[-1] + len(ln) + 1)
        for i, ln in enumerate(lines):
            m = FN.match(ln)
            if not m:
                continue
            start = offsets[i]
            brace = src.find("{", start)
            semi = src.find(";", start)
            if brace < 0 or (0 <= semi < brace):
                continue
            end = matching_brace(src, brace)
            end_line = src.count("\n", 0, end) + 1
            funcs.append((end_line - i, f"{rel}:{i + 1}", m.group(5)))
    print(f"as casts (non-test): {casts}")
    print(f"+= / -= (non-test):  {compound}")
    print("by file (casts, +=/-=) where nonzero:")
    for rel, (c, u) in sorted(per_file.items()):
        if c or u:
            print(f"  {c:4} {u:4}  {rel}")
    print("ten longest functions (lines):")
    for n, where, name in sorted(funcs, reverse=True)[:10]:
        print(f"  {n:4}  {name}  ({where})")


if __name__ == "__main__":
    main()
