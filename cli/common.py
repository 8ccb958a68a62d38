"""What the commands share: CliError and its one-line message, loading MNIST and a model, JSON."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from digitlab.cli.args import PROG
from digitlab.cli.files import display_path, os_message, printable
from digitlab.nn.files.file_checks import file_problem, folder_problem, os_reason


class CliError(Exception):
    """A user error: its message is printed as one line and the command exits with status 1."""


class UsageError(CliError):
    """Flags that parse one by one but not together: one line, and exit status 2 like argparse."""


def print_error(message: str, prog: str = PROG) -> None:
    """'<prog>: error: <message>' as one printable line on stderr."""
    one_line = " ".join(printable(message).split())  # nn/ messages may span several lines
    print(f"{prog}: error: {one_line}", file=sys.stderr, flush=True)


def print_json(value) -> None:
    print(json.dumps(value, indent=2))


def load_mnist(args: argparse.Namespace, progress=None):
    """((x_train, t_train), (x_test, t_test)) as float32 (N, 784) in [0, 1] and int labels (N,)."""
    from digitlab.nn.data.mnist import IdxError, MnistNotFoundError, load_mnist as load

    if args.mnist_dir is not None:
        problem = folder_problem(args.mnist_dir)
        if problem:
            raise CliError(f"the MNIST folder {display_path(args.mnist_dir)}: {problem}")
    try:
        return load(mnist_dir=args.mnist_dir, download=args.download, progress=progress)
    except MnistNotFoundError as error:
        raise CliError(str(error)) from None
    except IdxError as error:
        raise CliError(f"the MNIST files are damaged: {error}") from None
    except OSError as error:  # unreadable folder, or a failed download
        raise CliError(f"could not read or download MNIST: {os_message(error)}") from None


def load_network(path: Path | None):
    """(network, metadata) from --model, or from the shipped default model."""
    from digitlab.nn.files.model_io import ModelFileError, load_any

    if path is None:
        from digitlab.resources import DEFAULT_MODEL, path as resource_path

        path = resource_path(*DEFAULT_MODEL)
        if not path.is_file():
            raise CliError(f"no default model at {path}: pass --model PATH "
                           f"(train one with '{PROG} train --out PATH')")
    else:
        check_file(path, "model file")
    try:
        return load_any(path)
    except ModelFileError as error:
        raise CliError(f"cannot load model {display_path(path)}: {error}") from None
    except OSError as error:
        raise CliError(f"cannot read model {display_path(path)}: {os_reason(error, path)}"
                       ) from None


def check_file(path: Path, what: str) -> None:
    """Raise CliError unless path is an existing regular file: '<what> <path>: not found'."""
    problem = file_problem(path)
    if problem is not None:
        raise CliError(f"{what} {display_path(path)}: {problem}")


def same_file(a: Path, b: Path) -> bool:
    """Whether a and b name one file: the same path after links, or the same inode (hard link)."""
    try:
        if os.path.realpath(a) == os.path.realpath(b):
            return True
        first, second = os.stat(a), os.stat(b)
    except (OSError, ValueError):
        return False
    return (first.st_dev, first.st_ino) == (second.st_dev, second.st_ino)


def check_out(out: Path, inputs: dict[str, Path], force: bool) -> None:
    """Refuse an --out that would write over one of the command's inputs (inputs: what -> path,
    e.g. {"personal data set": Path("mine.npz")}, links followed), over the shipped model, or over
    an existing file unless --force was given or the user says yes on a terminal."""
    from digitlab import resources

    shipped = {"shipped model": resources.path(*resources.DEFAULT_MODEL),
               "shipped convolutional model": resources.path(*resources.CONV_MODEL)}
    for what, path in {**shipped, **inputs}.items():
        if path is not None and same_file(out, path):
            raise CliError(f"--out {display_path(out)} is the {what}{_read_here(what)}; "
                           f"choose another file so it is never overwritten")
    if not (os.path.lexists(out) and os.path.isfile(out)) or force:
        return
    if _ask(f"{PROG}: --out {display_path(out)} exists: replace it? [y/N] "):
        return
    raise CliError(f"--out {display_path(out)} exists: add --force to replace it, or choose "
                   f"another file")


def _read_here(what: str) -> str:
    return "" if what.startswith("shipped") else " this command reads"


def _ask(question: str) -> bool:
    """A yes from the user on a terminal; False without a terminal (scripts, pipes)."""
    try:
        if not (sys.stdin.isatty() and sys.stderr.isatty()):
            return False
        print(question, end="", file=sys.stderr, flush=True)
        return sys.stdin.readline().strip().lower() in ("y", "yes")
    except (OSError, ValueError):
        return False


def mnist_inputs(args: argparse.Namespace) -> dict[str, Path]:
    """The MNIST files a command would read (for check_out): {"MNIST file name": path}."""
    from digitlab.nn.data.mnist import FILES, find_mnist_dir

    try:
        found = find_mnist_dir(args.mnist_dir)
    except (OSError, ValueError):
        found = None
    return {f"MNIST file {name}": Path(folder) / name
            for folder in {args.mnist_dir, found} - {None} for name in FILES}
