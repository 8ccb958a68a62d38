"""Write a large corpus of hostile files and feed it to every reader, each in a child process.

Usage: python scripts/hostile_corpus.py [--mutants 200] [--seed 0] [--max-grown-mb 300] [--json]

The corpus and the checks are tests/hostile_files.py's (tests/test_hostile_files.py runs a small
one in the suite): truncated, byte-flipped, lying headers, decompression bombs, deep nesting and
wrong types for the model, personal-set, image and MNIST readers. Prints per reader the files
read, how many loaded and were refused, the peak memory growth and every problem; exit status 1
when there is one. Works in a temporary folder, removed afterwards.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the harness lives in tests/ (digitlab is installed)


def main_(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=int, default=200, help="byte-flipped copies per seed")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-grown-mb", type=float, default=300.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import numpy as np
    from PySide6.QtWidgets import QApplication

    from hostile_files import READERS, digest, make_corpus, problems, read_in_child

    app = QApplication.instance() or QApplication(["hostile"])  # noqa: F841 (seed images)
    summary = {}
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        make_corpus(folder, np.random.default_rng(args.seed), mutants=args.mutants)
        before = digest(folder)
        for reader in READERS:
            report = read_in_child(folder, reader)
            outcomes = collections.Counter(r["outcome"] for r in report["results"])
            summary[reader] = {"files": len(report["results"]), "outcomes": dict(outcomes),
                               "grown_mb": report.get("grown_mb"),
                               "problems": problems(reader, report, args.max_grown_mb)}
        changed = [path for path, value in digest(folder).items() if before.get(path) != value]
    failures = sum(len(s["problems"]) for s in summary.values()) + len(changed)
    if args.json:
        print(json.dumps({"readers": summary, "changed": changed, "failures": failures}))
    else:
        for reader, s in summary.items():
            print(f"{reader}: {s['files']} files, {s['outcomes']}, peak growth "
                  f"{s['grown_mb']:.0f} MB, {len(s['problems'])} problems")
            for problem in s["problems"][:20]:
                print(f"  {problem}")
        print(f"files changed on disk: {len(changed)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main_())
