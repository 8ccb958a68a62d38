"""The long forms of the three harnesses that keep DigitLab whole under careless use.

    python scripts/harness.py cli [--examples 4000] [--seed 0]
    python scripts/harness.py files [--mutants 250] [--seed 0]
    python scripts/harness.py monkey [--actions 10000] [--seed 0] [--every 1000]

cli: the command-line fuzzer (tests/cli_fuzz.py): generated argument lists for every subcommand,
in-process; prints the cases by command and exit status and every failing list. files: the
hostile-file corpus (tests/hostile_files.py) for the model, personal-set, image and MNIST readers,
each read in a child process; prints per reader the files, the outcomes and the peak memory
growth. monkey: the seeded random walk of the window (tests/gui_monkey.py); prints the resident
memory every --every actions and what went wrong. Each runs its test module's long test through
pytest (whose conftest provides the offscreen platform, the temporary folders and the helpers);
the suite runs their short forms. Exit status 0 when nothing was found.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent / "tests"
LONG_TESTS = {"cli": "test_cli_fuzz.py::test_a_long_fuzz",
              "files": "test_hostile_files.py::test_a_large_corpus",
              "monkey": "test_gui_monkey.py::test_a_long_walk_with_its_memory_curve"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    harnesses = parser.add_subparsers(dest="harness", required=True)
    cli = harnesses.add_parser("cli", help="fuzz the command line")
    cli.add_argument("--examples", type=int, default=4000)
    files = harnesses.add_parser("files", help="feed a hostile-file corpus to every reader")
    files.add_argument("--mutants", type=int, default=250, help="byte-flipped copies per seed")
    monkey = harnesses.add_parser("monkey", help="walk the window at random")
    monkey.add_argument("--actions", type=int, default=10_000)
    monkey.add_argument("--every", type=int, default=1000, help="print the RSS this often")
    for sub in (cli, files, monkey):
        sub.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    settings = {key: str(value) for key, value in vars(args).items() if key != "harness"}
    os.environ["DIGITLAB_HARNESS"] = ",".join(f"{key}={value}" for key, value in settings.items())
    import pytest

    return int(pytest.main([str(TESTS / LONG_TESTS[args.harness]), "-q", "-s",
                            "-p", "no:cacheprovider", "-W", "ignore::pytest.PytestUnraisableExceptionWarning"]))


if __name__ == "__main__":
    sys.exit(main())
