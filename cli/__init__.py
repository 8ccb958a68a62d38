"""The command line: `digitlab train | eval | predict | bench | finetune` (also `python main.py <command>`).

One module per command (train.py, eval.py, predict.py, bench.py), each with `run(args) -> int`;
args.py builds the parser, format.py draws progress bars and tables, files.py words file names
and file errors, common.py holds what the commands share (CliError, loading MNIST and a model).

Only the standard library is imported at module level; NumPy and nn/ are imported inside functions
and Qt only by `predict` (to read images) and `bench` (to time the window), so that `train` and
`eval` start without loading Qt. Exit status: 0 success, 1 a runtime error (missing or corrupt
files, a run too large for the memory, no MNIST, divergence), 2 a bad command line. Every error is
one line on stderr; an unexpected exception (a bug) is one "internal error" line too, with the
traceback only when $DIGITLAB_DEBUG is set.
"""
from __future__ import annotations

import importlib
import os
import sys
import traceback

from digitlab.cli.args import PROG, build_parser
from digitlab.cli.common import CliError, UsageError, print_error
from digitlab.cli.files import os_message
from digitlab.nn.speed.blas import use_one_blas_thread

DEBUG_VAR = "DIGITLAB_DEBUG"

# command -> its module, which has run(args) -> exit status. A new command (e.g. `finetune`, in
# cli/finetune.py) adds its module here and its sub-parser in args.build_parser.
COMMANDS = {
    "train": "digitlab.cli.train",
    "eval": "digitlab.cli.eval",
    "predict": "digitlab.cli.predict",
    "bench": "digitlab.cli.bench",
    "finetune": "digitlab.cli.finetune",
}


def main(argv: list[str] | None = None) -> int:
    """Run one command and return its exit status (0 ok, 1 user error, 2 bad command line)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    use_one_blas_thread()  # before any command loads NumPy
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exit_:  # --help and argparse errors; main returns instead of exiting
        return exit_.code if isinstance(exit_.code, int) else 1
    try:
        return importlib.import_module(COMMANDS[args.command]).run(args)
    except UsageError as error:
        prog = f"{PROG} {args.command}"   # the words of argparse's own errors
        print_error(f"{error} (see '{prog} --help')", prog)
        return 2
    except CliError as error:
        print_error(str(error))
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `digitlab predict ... | head`: the reader left, nothing to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except OSError as error:  # a file problem no command foresaw: still the user's, one line
        print_error(os_message(error))
    except MemoryError:
        print_error("not enough memory: try a smaller --hidden, --batch-size or --drawn, "
                    "or close other programs")
    except Exception as error:  # a bug in DigitLab, not the user's mistake
        if os.environ.get(DEBUG_VAR):
            traceback.print_exc()
        print_error(f"internal error: {type(error).__name__}: {error} (a bug in DigitLab; "
                    f"run again with {DEBUG_VAR}=1 to see the traceback)")
    return 1
