"""The argument parser of every command (`digitlab train | eval | predict | bench | finetune`)
and its value types; the command modules only run what it parsed.

No Qt. The choices, the hidden sizes' and the weight init's rules come from digitlab.nn.training.train_config
(shared with the Training tab), imported when the parser is built or a value is parsed: NumPy
must not load before main() has set the BLAS thread count. parse_args sets
`args.command` to the command's name: "train", "eval", "predict", "bench" or "finetune" (the
keys of digitlab.cli.COMMANDS).
"""
from __future__ import annotations

import argparse
import functools
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
    evaluate.add_argument("--robustness", action="store_true",
                          help="also robustness curves (noise, rotation, thickness, shift), "
                          "the MNIST-C-style corruption table and the calibration figures")
    evaluate.add_argument("--compare", type=Path, metavar="PATH",
                          help="with --robustness: a second model measured on the same images "
                          "(e.g. the textbook's sample_weight.pkl)")
    evaluate.add_argument("--samples", type=_positive_int, default=10_000, metavar="N",
                          help="with --robustness: the first N test images (default all 10,000)")
    predict = commands.add_parser("predict", help="classify image files (PNG/JPG)",
                                  description="Classify image files with the same preprocessing "
                                  "as the drawing canvas.")
    _add_model_flag(predict)
    predict.add_argument("images", nargs="+", metavar="IMAGE", type=path_type,
                         help="image file: any size, dark ink on light or light on dark")
    predict.add_argument("--json", action="store_true", help="print a JSON list")
    _add_bench_parser(commands)
    _add_finetune_parser(commands)
    # a new command adds its sub-parser here and its module to digitlab.cli.COMMANDS
    return parser


BENCH_DESCRIPTION = "Measure DigitLab's speed on this machine."
FINETUNE_DESCRIPTION = ("Fine-tune a model on your own labelled digits, mixed with MNIST so that "
                        "MNIST is not forgotten.")


def _add_bench_parser(commands) -> None:
    add_bench_arguments(commands.add_parser("bench", help="measure DigitLab's speed on this computer",
                                            description=BENCH_DESCRIPTION))


def add_bench_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `bench` (for the sub-command's parser or cli/bench.py's own)."""
    parser.add_argument("--json", action="store_true", help="print one JSON object, not a table")
    parser.add_argument("--quick", action="store_true", help="fewer repeats (for a check in CI)")
    parser.add_argument("--mnist-dir", type=path_type, metavar="DIR",
                        help="folder with the four MNIST .gz files (default: $DIGITLAB_MNIST_DIR, "
                        "then the user cache)")


def _add_finetune_parser(commands) -> None:
    parser = commands.add_parser("finetune", help="teach a model your own handwriting",
                                 description=FINETUNE_DESCRIPTION)
    parser.add_argument("--personal", type=path_type, required=True, metavar="FILE",
                        help="your personal data set: a .npz or an exported .zip")
    parser.add_argument("--out", type=path_type, required=True, metavar="PATH",
                        help="where to save the fine-tuned model (.npz); never the shipped one "
                             "nor an input")
    parser.add_argument("--force", action="store_true",
                        help="replace --out when it exists (else refused, or asked on a terminal)")
    _add_model_flag(parser)
    parser.add_argument("--steps", type=count("MAX_STEPS", "digitlab.nn.training.finetune"),
                        default=None, metavar="N",
                        help="mini-batches to train (default: 300; at most 100,000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    _add_data_flags(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON summary on stdout")


def _add_train_parser(commands) -> None:
    from digitlab.nn.training.train_config import (CONV_HIDDEN_SIZES, CONV_STAGES, DEFAULTS, DTYPES,
                                                   GRADIENT_METHODS, MODEL_KINDS,
                                                   NUMERICAL_MAX_IMAGES)

    from digitlab.nn.training.presets import PRESETS

    default = DEFAULTS      # the Training tab's defaults too: one set, in nn.train_config
    train = commands.add_parser("train", help="train a network on MNIST",
                                description="Train a network on MNIST with a live progress bar.")
    add = train.add_argument
    _add_network_flags(_marking_defaults(add), default)
    add("--preset", choices=tuple(PRESETS), default=None,
        help="start from a ready-made setup; flags given as well override it. course: the "
             "course's TwoLayerNet 784-50-10, sigmoid, 0.01 x randn, SGD lr 0.1, batch 100, "
             "10,000 iterations, and the course's loop: rng.choice per iteration, accuracies "
             "on all training images once per 600 iterations from iteration 0")
    add("--iterations", type=count("MAX_ITERATIONS"), default=None, metavar="N",
        help="run N mini-batch steps (the course's iters_num) instead of --epochs")
    add("--model-kind", choices=MODEL_KINDS, default="mlp",
        help="mlp: 784-hidden-10, the course's network (default); conv: the book's chapter 7 "
             "convolutional network, conv-ReLU-pool stages (--conv) before the hidden layers "
             f"(--hidden, default {','.join(map(str, CONV_HIDDEN_SIZES))} for conv)")
    add("--conv", type=_conv, default=None, metavar="STAGES",
        help="with --model-kind conv: filters x size of each convolution stage, each followed by "
             "ReLU and 2x2 max pooling (default: " + ",".join(
                 f"{filters}x{size}" for filters, size, _ in CONV_STAGES) + ")")
    marked = _marking_defaults(add)
    marked("--weight-decay", type=_non_negative_float, default=default.weight_decay,
           metavar="LAMBDA", help="L2 weight decay (default: %(default)s)")
    marked("--dropout", type=_dropout_ratio, default=default.dropout, metavar="RATIO",
           help="dropout ratio in [0, 1) after each hidden layer (default: %(default)s)")
    add("--augment", action="store_true", help="random rotation, scale, shift and thickness")
    _add_scan_flags(train.add_argument_group(
        "scanned handwriting", "Augmentation that makes digits look scanned or photographed "
        "(nn/data/augment.py); off by default. Each of these flags implies --augment."), default)
    add("--train-size", type=count("MAX_TRAIN_SIZE"), default=None, metavar="N",
        help="train on the first N training images (default: all 60,000)")
    add("--drawn", type=count("MAX_DRAWN_DIGITS"), default=None, metavar="N",
        help="add N synthetic pen-drawn digits (not MNIST) to the training images, so the model "
             "reads mouse drawings better; about 7 ms each to make (default: none)")
    add("--seed", type=_seed, default=default.seed,
        help="random seed; same seed, same weights (default: %(default)s)")
    add("--dtype", choices=DTYPES, default=_marked(default.dtype))
    marked("--gradient", choices=GRADIENT_METHODS, default=default.gradient,
           help=f"numerical is the course's slow method, for tiny networks on at most "
                f"{NUMERICAL_MAX_IMAGES:,} images (--train-size) only")
    add("--out", type=path_type, metavar="PATH", help="save the trained model to PATH (.npz); never "
        "the shipped model nor an MNIST file")
    add("--force", action="store_true",
        help="replace --out when it exists (else refused, or asked on a terminal)")
    _add_data_flags(train)
    add("--json", action="store_true", help="print a JSON summary on stdout")


def _add_scan_flags(group, default) -> None:
    """--aspect ... --scan-augment: augment_batch's scan options, rules from nn.train_config.
    Their defaults are None ("not typed"): digitlab.cli.train fills in --scan-augment's and nn's."""
    from digitlab.nn.training.train_config import SCAN_AUGMENT

    add = group.add_argument
    add("--aspect", type=_range("aspect"), metavar="LOW,HIGH",
        help="stretch each image's width by a factor drawn log-uniformly from LOW to HIGH, "
             "e.g. 0.6,1.6 (default: off)")
    add("--blur-prob", type=_probability, metavar="P",
        help="blur an image with probability P (default: 0)")
    add("--blur-sigma", type=_range("blur_sigma"), metavar="LOW,HIGH",
        help=f"the blur's sigma in pixels, uniform from LOW to HIGH "
             f"(default: {_pair_text(default.blur_sigma)})")
    add("--lowres-prob", type=_probability, metavar="P",
        help="make an image look scanned at low resolution with probability P (default: 0)")
    add("--lowres-side", type=_range("lowres_side"), metavar="LOW,HIGH",
        help=f"the size in pixels of the scanned digit's box, a whole number from LOW to HIGH "
             f"within 4..27 (default: {_pair_text(default.lowres_side)})")
    add("--heavy-prob", type=_probability, metavar="P",
        help="thicken the strokes like a felt pen (5x5 dilation) with probability P "
             "(default: 0)")
    add("--scan-augment", action="store_true",
        help="the set that trains a scan-robust model: " + " ".join(
            f"--{name.replace('_', '-')} {_pair_text(value)}" for name, value in
            SCAN_AUGMENT.items()) + "; flags of this group typed as well override it")


def _pair_text(value) -> str:
    return ",".join(str(part) for part in value) if isinstance(value, tuple) else str(value)


def _add_network_flags(add, default) -> None:
    """--hidden ... --epochs: the network and its optimizer; choices and rules from nn."""
    from digitlab.nn.training.train_config import (ACTIVATION_NAMES, BOOK_WEIGHT_STD, OPTIMIZER_NAMES, SCHEDULE_NAMES,
                                 WEIGHT_INITS)

    add("--hidden", type=_hidden_sizes, default=default.hidden_sizes, metavar="SIZES",
        help="hidden layer sizes, comma separated (default: 100), e.g. 100,50; '' for none")
    add("--activation", choices=ACTIVATION_NAMES, default=default.activation)
    add("--init", type=_weight_init, default=default.weight_init,
        metavar="|".join((*WEIGHT_INITS, "STD")),
        help=f"weight initialisation: {', '.join(WEIGHT_INITS)} or a standard deviation such as "
             f"{BOOK_WEIGHT_STD} (default: %(default)s)")
    add("--optimizer", choices=OPTIMIZER_NAMES, default=default.optimizer)
    add("--lr", type=_positive_float, default=default.lr,
        help="learning rate (default: %(default)s)")
    add("--schedule", choices=SCHEDULE_NAMES, default=default.schedule,
        help="learning-rate schedule")
    add("--batch-size", type=count("MAX_BATCH_SIZE"), default=default.batch_size,
        help="(default: %(default)s; at most 60,000)")
    add("--epochs", type=count("MAX_EPOCHS"), default=default.epochs,
        help="(default: %(default)s; at most 1,000)")


class _Default:
    """Marks a flag's value as its default, so a --preset may replace it (an explicit flag wins)."""


def _marked(value):
    """value as an instance of a subclass of its type carrying _Default (it prints and compares
    as value: the help's %(default)s and nn's checks see the plain value)."""
    kind = type(value)
    if kind is bool or value is None:
        return value
    marked_type = type(f"Default{kind.__name__.title()}", (kind, _Default), {})
    return marked_type(value)


def _marking_defaults(add):
    """add_argument with marked defaults (argparse passes a string default through type=: the
    type then keeps a marked default as it is)."""
    def add_marked(*names, default=None, **options):
        parse = options.get("type")
        if parse is not None and isinstance(default, str):
            @functools.wraps(parse)
            def keep_marked(text):
                return text if is_default(text) else parse(text)
            options["type"] = keep_marked
        return add(*names, default=_marked(default), **options)
    return add_marked


def is_default(value) -> bool:
    """True when a flag's value is the parser's default, not typed by the user."""
    return isinstance(value, _Default)


def _add_model_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", type=path_type, metavar="PATH",
                        help="a DigitLab .npz or the textbook's sample_weight.pkl "
                        "(default: the shipped model)")


def _add_data_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--mnist-dir", type=path_type, metavar="DIR",
                        help="folder with the four MNIST .gz files (default: $DIGITLAB_MNIST_DIR, "
                        "then the user cache)")
    parser.add_argument("--download", action="store_true",
                        help="download MNIST from the public mirrors if it is not found")


def _shown(text: str) -> str:
    """The user's value quoted for a message; a value of thousands of characters by its start."""
    from digitlab.nn.training.train_config import quoted
    return quoted(text)


def path_type(text: str) -> Path:
    """An argparse type: a path, but not an empty one (Path("") would be the working folder)."""
    if not text:
        raise argparse.ArgumentTypeError("expected a file or folder name, got ''")
    return Path(text)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {_shown(text)}")
    return value


def count(name: str, module: str = "digitlab.nn.training.train_config"):
    """An argparse type: a whole number from 1 to the bound module.name (read when a value is
    parsed: NumPy must not load before main() sets the BLAS threads); the message says it."""
    def parse(text: str) -> int:
        import importlib
        limit = getattr(importlib.import_module(module), name)
        try:
            value = int(text)
        except ValueError:   # also a number of thousands of digits
            value = 0
        if not 1 <= value <= limit:
            raise argparse.ArgumentTypeError(f"expected a whole number from 1 to {limit:,}, "
                                             f"got {_shown(text)}")
        return value
    parse.__name__ = "count"     # argparse names the type in some messages
    return parse


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
_probability = _float_where(lambda value: 0 <= value <= 1, "a probability in [0, 1]")


def _range(name: str):
    """An argparse type for the (low, high) TrainConfig field name: nn.train_config.parse_range."""
    def parse(text: str) -> tuple:
        from digitlab.nn.training.train_config import parse_range
        try:
            return parse_range(name, text)
        except ValueError as error:
            raise argparse.ArgumentTypeError(str(error)) from None
    return parse


def _hidden_sizes(text: str) -> tuple[int, ...]:
    """nn.train_config.parse_hidden_sizes: the rule and the words of the Training tab's field."""
    from digitlab.nn.training.train_config import parse_hidden_sizes
    try:
        return parse_hidden_sizes(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _conv(text: str) -> tuple[tuple[int, int, int], ...]:
    """nn.train_config.parse_conv: 16x5,32x5 -> the convolution stages."""
    from digitlab.nn.training.train_config import parse_conv
    try:
        return parse_conv(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _weight_init(text: str) -> str:
    from digitlab.nn.training.train_config import parse_weight_init
    try:
        return parse_weight_init(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
