"""What goes into a training run: TrainConfig, the choices of each of its settings, and their rules.

The Training tab's menus and the command line's flags take their choices, their parsing and their
limits from here, so that both accept the same runs and refuse the others with the same words.
Re-exported by nn.trainer.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields

from digitlab.nn.network import ACTIVATIONS
from digitlab.nn.optimizers import OPTIMIZER_NAMES, SCHEDULE_NAMES

ACTIVATION_NAMES = tuple(ACTIVATIONS)          # "relu", "sigmoid", "tanh"
WEIGHT_INITS = ("he", "xavier")                # by name (nn.network.init_std); or a std
BOOK_WEIGHT_STD = "0.01"                       # the std of the book's chapter 4 networks
GRADIENT_METHODS = ("backprop", "numerical")
DTYPES = ("float32", "float64")
__all__ = ["ACTIVATION_NAMES", "BOOK_WEIGHT_STD", "DTYPES", "GRADIENT_METHODS", "HIDDEN_SIZES_RULE",
           "NUMERICAL_MAX_IMAGES", "NUMERICAL_MAX_PARAMS", "OPTIMIZER_NAMES", "SCHEDULE_NAMES",
           "WEIGHT_INITS", "TrainConfig", "numerical_gradient_refusal", "parse_hidden_sizes",
           "parse_weight_init", "quoted", "weight_count"]

INPUT_SIZE, OUTPUT_SIZE = 784, 10
# The numerical gradient evaluates the loss twice per parameter for every mini-batch: beyond these
# an iteration takes many seconds and an epoch hours.
NUMERICAL_MAX_PARAMS = 40_000   # two loss evaluations per parameter; the course's TwoLayerNet (39,760) fits
NUMERICAL_MAX_IMAGES = 1_000
HIDDEN_SIZES_RULE = "positive layer sizes separated by commas (e.g. 100,50)"


@dataclass(frozen=True)
class TrainConfig:
    """Everything that defines a training run (saved with a model)."""

    hidden_sizes: tuple[int, ...] = (100,)
    activation: str = "relu"
    weight_init: str = "he"
    optimizer: str = "sgd"
    lr: float = 0.1
    schedule: str = "constant"
    batch_size: int = 100
    epochs: int = 10
    weight_decay: float = 0.0
    dropout: float = 0.0
    augment: bool = False
    train_size: int | None = None
    drawn_digits: int = 0          # synthetic pen-drawn digits (nn.strokes) added to the training set
    seed: int = 0
    gradient: str = "backprop"
    dtype: str = "float32"
    # The length of the run in iterations (the course's iters_num), overriding epochs: the last
    # epoch may then be partial. None: epochs full epochs.
    iterations: int | None = None
    record_initial: bool = False   # an EpochEvent 0 with the accuracies before any training

    def __post_init__(self):
        checks = [
            (self.activation in ACTIVATION_NAMES, f"activation must be one of {ACTIVATION_NAMES}"),
            (self.optimizer in OPTIMIZER_NAMES, f"optimizer must be one of {OPTIMIZER_NAMES}"),
            (self.schedule in SCHEDULE_NAMES, f"schedule must be one of {SCHEDULE_NAMES}"),
            (self.gradient in GRADIENT_METHODS, f"gradient must be one of {GRADIENT_METHODS}"),
            (self.dtype in DTYPES, f"dtype must be one of {DTYPES}"),
            (math.isfinite(self.lr) and self.lr > 0, "lr must be a positive number"),
            (self.batch_size >= 1 and self.epochs >= 1, "batch_size and epochs must be at least 1"),
            (self.weight_decay >= 0 and 0 <= self.dropout < 1,
             "weight_decay must be >= 0 and dropout in [0, 1)"),
            (self.train_size is None or self.train_size >= 1, "train_size must be None or >= 1"),
            (self.drawn_digits >= 0, "drawn_digits must be >= 0"),
            (self.iterations is None or self.iterations >= 1, "iterations must be None or >= 1"),
        ]
        for ok, message in checks:
            if not ok:
                raise ValueError(f"{message} (config: {self})")

    def to_dict(self) -> dict:
        """Plain JSON-able values (hidden_sizes as a list)."""
        d = asdict(self)
        d["hidden_sizes"] = list(self.hidden_sizes)
        return d

    @classmethod
    def from_dict(cls, d: dict) -> TrainConfig:
        """The inverse of to_dict; missing keys take their defaults, unknown keys are ignored."""
        known = {f.name for f in fields(cls)}
        values = {key: value for key, value in d.items() if key in known}
        if "hidden_sizes" in values:
            values["hidden_sizes"] = tuple(int(h) for h in values["hidden_sizes"])
        return cls(**values)


def quoted(text: str) -> str:
    """The user's value quoted for a message; a value of thousands of characters by its start."""
    return repr(text) if len(text) <= 40 else repr(text[:30]) + "..."


def parse_hidden_sizes(text: str) -> tuple[int, ...]:
    """'256, 128' -> (256, 128); '' -> () (no hidden layer); ValueError for anything else.

    The rule of the Training tab's field and of `--hidden`: positive whole numbers separated by
    commas, spaces around them allowed. No upper limit here: what fits is nn.budget's question.
    """
    if not text.strip():
        return ()
    parts = [part.strip() for part in text.split(",")]
    try:  # isdecimal, not isdigit: int() refuses '²'; a number of 5,000 digits is a ValueError
        sizes = tuple(int(part) for part in parts if part.isdecimal())
    except ValueError:
        sizes = ()
    if len(sizes) != len(parts) or min(sizes) <= 0:
        raise ValueError(f"expected {HIDDEN_SIZES_RULE}, got {quoted(text)}")
    return sizes


def parse_weight_init(text: str) -> str:
    """'He ' -> 'he'; one of WEIGHT_INITS or a positive standard deviation ('0.01'); ValueError else."""
    name = text.strip().lower()
    if name in WEIGHT_INITS:
        return name
    try:
        std = float(name)
    except ValueError:
        std = 0.0
    if not 0 < std < math.inf:
        raise ValueError(f"expected {', '.join(WEIGHT_INITS)} or a positive standard deviation "
                         f"such as {BOOK_WEIGHT_STD}, got {quoted(text)}")
    return name


def weight_count(hidden_sizes) -> int:
    """Weights and biases of a 784-hidden-10 network (Python ints: no overflow for huge sizes)."""
    sizes = (INPUT_SIZE, *(int(size) for size in hidden_sizes), OUTPUT_SIZE)
    return sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))


def numerical_gradient_refusal(n_params: int, n_images: int) -> str | None:
    """Why a run of n_params parameters on n_images training images cannot use the numerical
    gradient (one iteration or one epoch would take far too long), or None when it can."""
    if n_params > NUMERICAL_MAX_PARAMS:
        return (f"The numerical gradient evaluates the loss twice per parameter; this network has "
                f"{n_params:,} parameters (the limit is {NUMERICAL_MAX_PARAMS:,}), so one iteration "
                f"would take minutes. Use backprop, or a tiny network such as one hidden layer of "
                f"10 units.")
    if n_images > NUMERICAL_MAX_IMAGES:
        return (f"The numerical gradient evaluates the loss twice per parameter for every "
                f"mini-batch; this run has {n_images:,} training images (the limit is "
                f"{NUMERICAL_MAX_IMAGES:,}), so one epoch would take hours. Use backprop, or at "
                f"most {NUMERICAL_MAX_IMAGES:,} training images.")
    return None
