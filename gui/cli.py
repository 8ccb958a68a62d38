"""The command line: `digitlab train | eval | predict` (also `python main.py <command>`).

Only the standard library is imported at module level; NumPy and nn/ are imported inside functions
and Qt only by `predict` (to read images), so that `train` and `eval` start without loading Qt.
User errors (missing or corrupt files, bad values, no MNIST) print one line to stderr and return a
non-zero exit code; tracebacks are left for real bugs.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
from datetime import datetime, timezone
from pathlib import Path

from nn.blas import use_one_blas_thread

PROG = "digitlab"


class CliError(Exception):
    """A user error: its message is printed as one line and the command exits with status 1."""


class _Parser(argparse.ArgumentParser):
    """ArgumentParser whose errors are one line (argparse prints the whole usage block)."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def main(argv: list[str] | None = None) -> int:
    """Run one command and return its exit status (0 ok, 1 user error, 2 bad command line)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    use_one_blas_thread()  # before any command loads NumPy
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exit_:  # --help and argparse errors; main returns instead of exiting
        return exit_.code if isinstance(exit_.code, int) else 1
    try:
        return args.command(args)
    except CliError as error:
        one_line = " ".join(str(error).split())  # nn/ messages may span several lines
        print(f"{PROG}: error: {one_line}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `digitlab predict ... | head`: the reader left, nothing to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


# ---------------------------------------------------------------- argument parsing

def build_parser() -> argparse.ArgumentParser:
    """The parser for all three commands; each sets `args.command` to its function."""
    parser = _Parser(prog=PROG, description="DigitLab: a NumPy network on MNIST "
                     "(Deep Learning from Scratch, ch. 3-4). Without a command the window opens.")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)
    _add_train_parser(commands)
    evaluate = commands.add_parser("eval", help="test accuracy, per-class accuracy, confusion matrix",
                                   description="Evaluate a model on the 10,000 MNIST test images.")
    _add_model_flag(evaluate)
    _add_data_flags(evaluate)
    evaluate.add_argument("--json", action="store_true", help="print a JSON object")
    evaluate.set_defaults(command=_cmd_eval)
    predict = commands.add_parser("predict", help="classify image files (PNG/JPG)",
                                  description="Classify image files with the same preprocessing "
                                  "as the drawing canvas.")
    _add_model_flag(predict)
    predict.add_argument("images", nargs="+", metavar="IMAGE", type=Path,
                         help="image file: any size, dark ink on light or light on dark")
    predict.add_argument("--json", action="store_true", help="print a JSON list")
    predict.set_defaults(command=_cmd_predict)
    return parser


def _add_train_parser(commands) -> None:
    from nn.optimizers import OPTIMIZER_NAMES, SCHEDULE_NAMES

    train = commands.add_parser("train", help="train a network on MNIST",
                                description="Train a network on MNIST with a live progress bar.")
    add = train.add_argument
    add("--hidden", type=_hidden_sizes, default=(100,), metavar="SIZES",
        help="hidden layer sizes, comma separated (default: 100), e.g. 100,50")
    add("--activation", choices=("relu", "sigmoid", "tanh"), default="relu")
    add("--init", type=_weight_init, default="he", metavar="he|xavier|STD",
        help="weight initialisation: he, xavier or a standard deviation such as 0.01 (default: he)")
    add("--optimizer", choices=OPTIMIZER_NAMES, default="sgd")
    add("--lr", type=_positive_float, default=0.1, help="learning rate (default: 0.1)")
    add("--schedule", choices=SCHEDULE_NAMES, default="constant", help="learning-rate schedule")
    add("--batch-size", type=_positive_int, default=100, help="(default: 100)")
    add("--epochs", type=_positive_int, default=10, help="(default: 10)")
    add("--weight-decay", type=_non_negative_float, default=0.0, metavar="LAMBDA",
        help="L2 weight decay (default: 0)")
    add("--dropout", type=_dropout_ratio, default=0.0, metavar="RATIO",
        help="dropout ratio in [0, 1) after each hidden layer (default: 0)")
    add("--augment", action="store_true", help="random rotation, scale, shift and thickness")
    add("--train-size", type=_positive_int, default=None, metavar="N",
        help="train on N random training images (default: all 60,000)")
    add("--seed", type=int, default=0, help="random seed; same seed, same weights (default: 0)")
    add("--dtype", choices=("float32", "float64"), default="float32")
    add("--gradient", choices=("backprop", "numerical"), default="backprop",
        help="numerical is the course's slow method, for tiny networks only")
    add("--out", type=Path, metavar="PATH", help="save the trained model to PATH (.npz)")
    _add_data_flags(train)
    add("--json", action="store_true", help="print a JSON summary on stdout")
    train.set_defaults(command=_cmd_train)


def _add_model_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", type=Path, metavar="PATH",
                        help="a DigitLab .npz or the textbook's sample_weight.pkl "
                        "(default: the shipped model)")


def _add_data_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--mnist-dir", type=Path, metavar="DIR",
                        help="folder with the four MNIST .gz files (default: $DIGITLAB_MNIST_DIR, "
                        "then the user cache)")
    parser.add_argument("--download", action="store_true",
                        help="download MNIST from the public mirrors if it is not found")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {text!r}")
    return value


def _float_where(test, wording: str):
    """An argparse type: a finite float for which test(value) holds, else '<wording>, got ...'."""
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = float("nan")
        if not (math.isfinite(value) and test(value)):
            raise argparse.ArgumentTypeError(f"expected {wording}, got {text!r}")
        return value
    return parse


_positive_float = _float_where(lambda value: value > 0, "a positive number")
_non_negative_float = _float_where(lambda value: value >= 0, "a number >= 0")
_dropout_ratio = _float_where(lambda value: 0 <= value < 1, "a ratio in [0, 1)")


def _hidden_sizes(text: str) -> tuple[int, ...]:
    parts = [part.strip() for part in text.split(",")]
    if not all(part.isdigit() and int(part) > 0 for part in parts):
        raise argparse.ArgumentTypeError(
            f"expected positive layer sizes separated by commas (e.g. 100,50), got {text!r}")
    return tuple(int(part) for part in parts)


def _weight_init(text: str) -> str:
    name = text.strip().lower()
    if name in ("he", "xavier"):
        return name
    try:
        std = float(name)
    except ValueError:
        std = 0.0
    if not 0 < std < float("inf"):
        raise argparse.ArgumentTypeError(
            f"expected he, xavier or a positive standard deviation such as 0.01, got {text!r}")
    return name


# ---------------------------------------------------------------- shared loading

def _load_mnist(args: argparse.Namespace, progress=None):
    """((x_train, t_train), (x_test, t_test)) as float32 (N, 784) in [0, 1] and int labels (N,)."""
    from nn.data import IdxError, MnistNotFoundError, load_mnist

    try:
        return load_mnist(mnist_dir=args.mnist_dir, download=args.download, progress=progress)
    except MnistNotFoundError as error:
        raise CliError(str(error)) from None
    except IdxError as error:
        raise CliError(f"the MNIST files are damaged: {error}") from None
    except OSError as error:  # unreadable folder, or a failed download
        raise CliError(f"could not read or download MNIST: {_os_message(error)}") from None


def _load_network(path: Path | None):
    """(network, metadata) from --model, or from the shipped default model."""
    from nn.model_io import ModelFileError, load_any

    if path is None:
        from resources import DEFAULT_MODEL, path as resource_path

        path = resource_path(*DEFAULT_MODEL)
        if not path.is_file():
            raise CliError(f"no default model at {path}: pass --model PATH "
                           f"(train one with '{PROG} train --out PATH')")
    elif not path.is_file():
        raise CliError(f"model file not found: {path}")
    try:
        return load_any(path)
    except ModelFileError as error:
        raise CliError(f"cannot load model {path}: {error}") from None
    except OSError as error:
        raise CliError(f"cannot read model {path}: {_os_message(error)}") from None


def _os_message(error: OSError) -> str:
    """'No such file or directory: x.npz' rather than '[Errno 2] ...'."""
    if error.strerror and error.filename:
        return f"{error.strerror}: {error.filename}"
    return error.strerror or str(error)


def _print_json(value) -> None:
    print(json.dumps(value, indent=2))


# ---------------------------------------------------------------- train

def _cmd_train(args: argparse.Namespace) -> int:
    import numpy as np

    from gui.cli_format import DownloadProgress, TrainProgress, format_train_summary
    from nn.trainer import Trainer, TrainConfig, build_network

    config = TrainConfig(hidden_sizes=args.hidden, activation=args.activation,
                         weight_init=args.init, optimizer=args.optimizer, lr=args.lr,
                         schedule=args.schedule, batch_size=args.batch_size, epochs=args.epochs,
                         weight_decay=args.weight_decay, dropout=args.dropout, augment=args.augment,
                         train_size=args.train_size, seed=args.seed, gradient=args.gradient,
                         dtype=args.dtype)
    if args.out is not None and (args.out.is_dir() or not args.out.parent.is_dir()):
        raise CliError(f"--out must be a file in an existing folder, got {args.out}")
    (x_train, t_train), (x_test, t_test) = _load_mnist(args, DownloadProgress())
    if args.train_size is not None and args.train_size > len(x_train):
        raise CliError(f"--train-size {args.train_size} is larger than the "
                       f"{len(x_train)} training images")
    rng = np.random.default_rng(args.seed)
    network = build_network(config, rng)
    try:
        trainer = Trainer(network, x_train, t_train, x_test, t_test, config, rng=rng)
    except ValueError as error:  # e.g. a numerical gradient on a network too large for it
        raise CliError(str(error)) from None
    progress = TrainProgress(config.epochs, sys.stderr if args.json else sys.stdout)
    finished = progress.follow(trainer.run())
    summary = _train_summary(config, finished, progress.history, args.out)
    if args.out is not None:
        _save(args.out, network, summary)
    if args.json:
        _print_json(summary)
    else:
        print(format_train_summary(summary))
    if finished.reason == "diverged":
        print(f"{PROG}: training diverged: {finished.message}", file=sys.stderr)
        return 1
    return 0


def _train_summary(config, finished, history: list[dict], out: Path | None) -> dict:
    seconds = [epoch["seconds"] for epoch in history]
    return {
        "test_accuracy": finished.test_accuracy,
        "train_accuracy": history[-1]["train_accuracy"] if history else None,
        "epochs_done": finished.epochs_done,
        "finished": finished.reason,
        "message": finished.message,
        "seconds_per_epoch": sum(seconds) / len(seconds) if seconds else None,
        "history": history,
        "config": config.to_dict(),
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "model": str(out) if out is not None else None,
    }


def _save(path: Path, network, summary: dict) -> None:
    from nn.model_io import save_model

    metadata = {key: summary[key] for key in
                ("config", "test_accuracy", "history", "seconds_per_epoch", "date", "epochs_done")}
    try:
        save_model(path, network, metadata)
    except OSError as error:
        raise CliError(f"cannot save the model to {path}: {_os_message(error)}") from None


# ---------------------------------------------------------------- eval

def _cmd_eval(args: argparse.Namespace) -> int:
    from gui.cli_format import DownloadProgress, format_eval
    from nn.evaluate import evaluate

    network, metadata = _load_network(args.model)
    _, (x_test, t_test) = _load_mnist(args, DownloadProgress())
    result = evaluate(network, x_test, t_test).to_dict()
    result["model"] = str(args.model) if args.model is not None else "default"
    result["sizes"] = [int(size) for size in network.sizes]
    result["activation"] = network.activation
    if args.json:
        _print_json(result)
    else:
        print(format_eval(result))
    return 0


# ---------------------------------------------------------------- predict

def _cmd_predict(args: argparse.Namespace) -> int:
    from gui.cli_format import format_predictions

    for image_path in args.images:
        if not image_path.is_file():
            raise CliError(f"image file not found: {image_path}")
    network, _ = _load_network(args.model)
    results = [_predict_one(network, image_path) for image_path in args.images]
    if args.json:
        _print_json(results)
    else:
        print(format_predictions(results))
    return 0


def _predict_one(network, image_path: Path) -> dict:
    """{"file", "digit", "probabilities"} for one image, preprocessed as on the canvas."""
    import numpy as np

    from gui.image_io import load_image_gray
    from nn.preprocess import preprocess

    try:
        gray = load_image_gray(image_path)
    except ValueError as error:  # image_io.ImageFileError: a message for the user, naming the file
        raise CliError(str(error)) from None
    except OSError as error:
        raise CliError(f"cannot read image {image_path}: {_os_message(error)}") from None
    x = preprocess(gray)
    if x is None:
        raise CliError(f"no digit found in {image_path}: the image is blank")
    probabilities = np.asarray(network.probabilities(x.reshape(1, 784))).reshape(10)
    return {
        "file": str(image_path),
        "digit": int(probabilities.argmax()),
        "probabilities": [float(p) for p in probabilities],
    }
