"""What the commands share: CliError and its one-line message, loading MNIST and a model, JSON."""
from __future__ import annotations

import argparse
import json
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
