"""Fuzz the command line for a while: generated argument lists for every subcommand, in-process.

Usage: python scripts/fuzz_cli.py [--examples 2000] [--seed 0] [--json]

The cases and the checks are tests/cli_fuzz.py's (tests/test_cli_fuzz.py runs a short form in the
suite): exit status 0, 1 or 2, no traceback, no "internal error", one error line naming the
problem, no existing file changed. Prints the cases tried by command and exit status, and every
failing argument list (nothing is stopped at the first).
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
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main_(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    from hypothesis import HealthCheck, given, seed, settings
    from PySide6.QtWidgets import QApplication

    from cli_fuzz import FuzzWorld, argument_lists, check, same_file_twice_cases

    app = QApplication.instance() or QApplication(["fuzz_cli"])  # noqa: F841 (predict's images)
    counts, failures = collections.Counter(), []
    with tempfile.TemporaryDirectory() as folder:
        world = FuzzWorld.create(Path(folder))

        def record(argv):
            outcome = world.run(argv)
            counts[(argv[0], str(outcome.status))] += 1
            problems = check(outcome)
            if problems:
                failures.append({"argv": argv, "problems": problems,
                                 "stderr": outcome.stderr[-400:]})
        for argv in same_file_twice_cases(world):
            record(argv)

        @seed(args.seed)
        @settings(max_examples=args.examples, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(argument_lists(world))
        def generated(argv):
            record(argv)
        generated()
    tried = sum(counts.values())
    summary = {"cases": tried, "failures": len(failures),
               "by_command_and_status": {f"{c} {s}": n for (c, s), n in sorted(counts.items())},
               "failing": failures[:50]}
    if args.json:
        print(json.dumps(summary))
    else:
        print(f"cases tried: {tried}, failures: {len(failures)}")
        for key, n in summary["by_command_and_status"].items():
            print(f"  {key}: {n}")
        for failure in failures[:50]:
            print(f"FAIL {failure['argv']!r}: {failure['problems']} {failure['stderr']!r}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main_())
