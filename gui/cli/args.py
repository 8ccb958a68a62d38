"""The argument parser of `digitlab train | eval | predict | bench` and its value types.

No Qt; nn.optimizers (for the choice lists) is imported when the parser is built. parse_args sets
`args.command` to the command's name: "train", "eval", "predict" or "bench" (the keys of
gui.cli.COMMANDS).
"""
from __future__ import annotations

import argparse
import math
from pathlib import Path

PROG = "digitlab"


class _Parser(argparse.ArgumentParser):
    """ArgumentParser whose errors are one line (argparse prints the whole usage block)."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    """The parser for every command; `args.command` names the one chosen."""
    parser = _Parser(prog=PROG, description="DigitLab: a NumPy network on MNIST "
                     "(Deep Learning from Scratch, ch. 3-4). Without a command the window opens "
                     "(digitlab [--mnist-dir DIR]).")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command",
                                     required=True)
    _add_train_parser(commands)
    evaluate = commands.add_parser("eval",
                                   help="test accuracy, per-class accuracy, confusion matrix",
                                   description="Evaluate a model on the 10,000 MNIST test images.")
    _add_model_flag(evaluate)
    _add_data_flags(evaluate)
    evaluate.add_argument("--json", action="store_true", help="print a JSON object")
    predict = commands.add_parser("predict", help="classify image files (PNG/JPG)",
                                  description="Classify image files with the same preprocessing "
                                  "as the drawing canvas.")
    _add_model_flag(predict)
    predict.add_argument("images", nargs="+", metavar="IMAGE", type=Path,
                         help="image file: any size, dark ink on light or light on dark")
    predict.add_argument("--json", action="store_true", help="print a JSON list")
    _add_bench_parser(commands)
    # a new command adds its sub-parser here and its module to gui.cli.COMMANDS
    return parser


def _add_bench_parser(commands) -> None:
    from gui.cli import bench

    bench.add_arguments(commands.add_parser("bench", help="measure DigitLab's speed on this computer",
                                            description=bench.DESCRIPTION))


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
        help="train on the first N training images (default: all 60,000)")
    add("--drawn", type=_positive_int, default=None, metavar="N",
        help="add N synthetic pen-drawn digits (not MNIST) to the training images, so the model "
             "reads mouse drawings better; about 7 ms each to make (default: none)")
    add("--seed", type=_seed, default=0, help="random seed; same seed, same weights (default: 0)")
    add("--dtype", choices=("float32", "float64"), default="float32")
    add("--gradient", choices=("backprop", "numerical"), default="backprop",
        help="numerical is the course's slow method, for tiny networks only")
    add("--out", type=Path, metavar="PATH", help="save the trained model to PATH (.npz)")
    _add_data_flags(train)
    add("--json", action="store_true", help="print a JSON summary on stdout")


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


def _shown(text: str) -> str:
    """The user's value quoted for a message; a value of thousands of characters by its start."""
    return repr(text) if len(text) <= 40 else repr(text[:30]) + "..."


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {_shown(text)}")
    return value


def _seed(text: str) -> int:
    """A whole number >= 0: NumPy's generators take no negative seeds."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, got {_shown(text)}")
    return value


def _float_where(test, wording: str):
    """An argparse type: a finite float for which test(value) holds, else '<wording>, got ...'."""
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = float("nan")
        if not (math.isfinite(value) and test(value)):
            raise argparse.ArgumentTypeError(f"expected {wording}, got {_shown(text)}")
        return value
    return parse


_positive_float = _float_where(lambda value: value > 0, "a positive number")
_non_negative_float = _float_where(lambda value: value >= 0, "a number >= 0")
_dropout_ratio = _float_where(lambda value: 0 <= value < 1, "a ratio in [0, 1)")


def _hidden_sizes(text: str) -> tuple[int, ...]:
    parts = [part.strip() for part in text.split(",")]
    try:  # isdecimal, not isdigit: int() refuses '²'; a number of 5,000 digits is a ValueError
        sizes = tuple(int(part) for part in parts if part.isdecimal())
    except ValueError:
        sizes = ()
    if len(sizes) != len(parts) or min(sizes) <= 0:
        raise argparse.ArgumentTypeError(
            f"expected positive layer sizes separated by commas (e.g. 100,50), got {_shown(text)}")
    return sizes


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
            f"expected he, xavier or a positive standard deviation such as 0.01, got {_shown(text)}")
    return name
