"""What goes into a training run: TrainConfig, the choices of each of its settings, and their rules.

The Training tab's menus and the command line's flags take their choices, their parsing and their
limits from here, so that both accept the same runs and refuse the others with the same words.
Re-exported by nn.trainer.
"""
from __future__ import annotations

import math
import numbers
import types
from dataclasses import asdict, dataclass, fields

from digitlab.nn.model.convnet import weight_shapes
from digitlab.nn.model.network import ACTIVATIONS
from digitlab.nn.training.optimizers import OPTIMIZER_NAMES, SCHEDULE_NAMES

ACTIVATION_NAMES = tuple(ACTIVATIONS)          # "relu", "sigmoid", "tanh"
WEIGHT_INITS = ("he", "xavier")                # by name (nn.network.init_std); or a std
BOOK_WEIGHT_STD = "0.01"                       # the std of the book's chapter 4 networks
GRADIENT_METHODS = ("backprop", "numerical")
# How a run picks its mini-batches: "shuffle", a new order of the images each epoch (each image
# once per epoch; accuracies at each epoch's end, the loss before the step that used it);
# "choice", the course's loop: rng.choice(train_size, batch_size) at every iteration, the loss
# after the step, accuracies after iteration i when i % iter_per_epoch == 0 (from i = 0).
SAMPLINGS = ("shuffle", "choice")
TRAIN_ACCURACY_SAMPLES = 10_000   # the usual train accuracy: on the first 10,000 training images
DTYPES = ("float32", "float64")
# "mlp": 784-hidden-10, the course's network; "conv": the book's chapter 7 (nn.model.convnet).
MODEL_KINDS = ("mlp", "conv")
# (filters, size, pad) per convolution stage, each followed by ReLU and 2x2 pooling; padding
# size // 2 keeps the side, so the stages give 28 -> 14 -> 7.
CONV_STAGES = ((16, 5, 2), (32, 5, 2))
CONV_HIDDEN_SIZES = (128,)     # the convolutional network's own default (the flag's, the tab's)
CONV_RULE = "convolution stages FILTERSxSIZE separated by commas (e.g. 16x5,32x5)"
__all__ = ["ACTIVATION_NAMES", "BOOK_WEIGHT_STD", "DTYPES", "GRADIENT_METHODS", "HIDDEN_SIZES_RULE",
           "NUMERICAL_MAX_IMAGES", "NUMERICAL_MAX_PARAMS", "OPTIMIZER_NAMES", "PROBABILITY_RULE",
           "RANGE_RULES", "SAMPLINGS", "SCAN_AUGMENT", "CONV_HIDDEN_SIZES", "CONV_RULE", "CONV_STAGES",
           "MODEL_KINDS", "SCAN_OPTIONS", "SCHEDULE_NAMES", "TRAIN_ACCURACY_SAMPLES", "WEIGHT_INITS",
           "DEFAULTS", "TrainConfig", "HiddenSizesTooLarge", "HIDDEN_LIMITS_RULE", "MAX_BATCH_SIZE",
           "MAX_DRAWN_DIGITS", "MAX_EPOCHS", "MAX_TRAIN_SIZE", "MAX_HIDDEN_LAYERS", "MAX_HIDDEN_SIZE",
           "MAX_ITERATIONS", "numerical_gradient_refusal", "parse_conv", "parse_hidden_sizes",
           "parse_range",
           "parse_weight_init", "quoted", "weight_count"]

INPUT_SIZE, OUTPUT_SIZE = 784, 10
# The numerical gradient evaluates the loss twice per parameter for every mini-batch: beyond these
# an iteration takes many seconds and an epoch hours.
NUMERICAL_MAX_PARAMS = 40_000   # two loss evaluations per parameter; the course's TwoLayerNet (39,760) fits
NUMERICAL_MAX_IMAGES = 1_000
HIDDEN_SIZES_RULE = "positive layer sizes separated by commas (e.g. 100,50)"
# Bounds of every count a user types. A model file holds at most 50 layers of at most 50,000
# units (nn.model_io.MAX_LAYERS, MAX_WIDTH: a wider network could not be saved and opened again);
# what fits in memory is nn.budget's question. The run lengths are what a run on this kind of
# computer finishes in a day at most (an epoch of 784-100-10 takes seconds): beyond them a typo
# such as --steps 99999999999999999999 would start a run that never ends.
MAX_HIDDEN_SIZE = 50_000
MAX_HIDDEN_LAYERS = 49
HIDDEN_LIMITS_RULE = (f"at most {MAX_HIDDEN_LAYERS} hidden layers of at most {MAX_HIDDEN_SIZE:,} "
                      f"units each")
MAX_EPOCHS = 1_000
MAX_ITERATIONS = 1_000_000
MAX_BATCH_SIZE = 60_000          # the MNIST training set: a larger mini-batch is the whole set
MAX_DRAWN_DIGITS = 200_000       # about 7 ms each to make: 25 minutes
MAX_TRAIN_SIZE = 60_000          # the MNIST training set

# The looks of scanned or photographed handwriting: the keyword options of
# nn.augment.augment_batch that are TrainConfig fields of the same names (off by default).
SCAN_OPTIONS = ("aspect", "blur_prob", "blur_sigma", "lowres_prob", "lowres_side", "heavy_prob")
# `train --scan-augment`: the set of issue 12's candidate A; what it trades is in the README
# ("A scan-robust candidate": optdigits +1-2 points, Hershey-font digits about -3).
SCAN_AUGMENT = types.MappingProxyType({"aspect": (0.6, 1.6), "blur_prob": 0.2,
                                       "blur_sigma": (0.5, 1.5), "lowres_prob": 0.2,
                                       "lowres_side": (6, 14)})
# A digit box below 4 px has no shape left; 28 px and up is no lower resolution than MNIST's.
LOWRES_SIDES = (4, 27)
PROBABILITY_RULE = "a probability in [0, 1]"
RANGE_RULES = types.MappingProxyType({
    "aspect": "two width factors low,high with 0 < low <= high (e.g. 0.6,1.6)",
    "blur_sigma": "two blur sigmas in pixels low,high with 0 < low <= high (e.g. 0.5,1.5)",
    "lowres_side": (f"two whole numbers of pixels low,high with {LOWRES_SIDES[0]} <= low <= high "
                    f"<= {LOWRES_SIDES[1]} (e.g. 6,14)"),
})


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
    sampling: str = "shuffle"      # SAMPLINGS: "choice" is the course's loop (see there)
    # The train accuracy is measured on the first train_accuracy_size training images (None: all
    # of them, as the course does; slower).
    train_accuracy_size: int | None = TRAIN_ACCURACY_SAMPLES
    # augment_batch's scan options (SCAN_OPTIONS; only with augment): width times a log-uniform
    # factor in aspect, Gaussian blur of sigma in blur_sigma px, the look of a digit scanned at
    # lowres_side px, 5x5 dilation; each with its probability per image.
    aspect: tuple[float, float] | None = None
    blur_prob: float = 0.0
    blur_sigma: tuple[float, float] = (0.5, 1.2)
    lowres_prob: float = 0.0
    lowres_side: tuple[int, int] = (7, 14)
    heavy_prob: float = 0.0
    model_kind: str = "mlp"        # MODEL_KINDS
    conv: tuple[tuple[int, int, int], ...] = CONV_STAGES   # only with model_kind "conv"

    def __post_init__(self):
        if isinstance(self.conv, list):   # from JSON: lists of lists
            object.__setattr__(self, "conv", tuple(tuple(stage) for stage in self.conv))
        for name in RANGE_RULES:   # a list from JSON or a caller: stored as the tuple it means
            if isinstance(getattr(self, name), list):
                object.__setattr__(self, name, tuple(getattr(self, name)))
        checks = [
            (self.activation in ACTIVATION_NAMES, f"activation must be one of {ACTIVATION_NAMES}"),
            (self.optimizer in OPTIMIZER_NAMES, f"optimizer must be one of {OPTIMIZER_NAMES}"),
            (self.schedule in SCHEDULE_NAMES, f"schedule must be one of {SCHEDULE_NAMES}"),
            (self.gradient in GRADIENT_METHODS, f"gradient must be one of {GRADIENT_METHODS}"),
            (self.dtype in DTYPES, f"dtype must be one of {DTYPES}"),
            (math.isfinite(self.lr) and self.lr > 0, "lr must be a positive number"),
            (self.batch_size >= 1 and self.epochs >= 1, "batch_size and epochs must be at least 1"),
            (self.batch_size <= MAX_BATCH_SIZE, f"batch_size must be at most {MAX_BATCH_SIZE:,}"),
            (self.epochs <= MAX_EPOCHS, f"epochs must be at most {MAX_EPOCHS:,}"),
            (len(self.hidden_sizes) <= MAX_HIDDEN_LAYERS
             and all(1 <= size <= MAX_HIDDEN_SIZE for size in self.hidden_sizes),
             f"hidden_sizes must be {HIDDEN_LIMITS_RULE}"),
            (self.drawn_digits <= MAX_DRAWN_DIGITS,
             f"drawn_digits must be at most {MAX_DRAWN_DIGITS:,}"),
            (self.iterations is None or self.iterations <= MAX_ITERATIONS,
             f"iterations must be at most {MAX_ITERATIONS:,}"),
            (self.weight_decay >= 0 and 0 <= self.dropout < 1,
             "weight_decay must be >= 0 and dropout in [0, 1)"),
            (self.train_size is None or 1 <= self.train_size <= MAX_TRAIN_SIZE,
             f"train_size must be None or 1 to {MAX_TRAIN_SIZE:,}"),
            (self.drawn_digits >= 0, "drawn_digits must be >= 0"),
            (self.iterations is None or self.iterations >= 1, "iterations must be None or >= 1"),
            (self.sampling in SAMPLINGS, f"sampling must be one of {SAMPLINGS}"),
            (self.train_accuracy_size is None or self.train_accuracy_size >= 1,
             "train_accuracy_size must be None or >= 1"),
            (not (self.record_initial and self.sampling == "choice"),
             "record_initial is for the shuffle sampling: the course's loop records from i = 0"),
            *self._scan_checks(),
            *self._conv_checks(),
        ]
        for ok, message in checks:
            if not ok:
                raise ValueError(f"{message} (config: {self})")

    def _scan_checks(self) -> list[tuple[bool, str]]:
        """(ok, message) for each scan option, and that the ones that switch something on have
        augment on too (they change augment_batch, which only an augmented run calls)."""
        checks = [(_probability(getattr(self, name)), f"{name} must be {PROBABILITY_RULE}")
                  for name in ("blur_prob", "lowres_prob", "heavy_prob")]
        checks += [(self.aspect is None or _in_range("aspect", self.aspect),
                    f"aspect must be None or {RANGE_RULES['aspect']}")]
        checks += [(_in_range(name, getattr(self, name)), f"{name} must be {RANGE_RULES[name]}")
                   for name in ("blur_sigma", "lowres_side")]
        switched_on = [name for name in ("aspect", "blur_prob", "lowres_prob", "heavy_prob")
                       if getattr(self, name) not in (None, 0)]
        checks.append((self.augment or not switched_on,
                       f"augment must be True for the scan options {', '.join(switched_on)} "
                       f"(they act on augmented images only)"))
        return checks

    def _conv_checks(self) -> list[tuple[bool, str]]:
        """(ok, message) for the model kind and, for a convolutional network, its stages."""
        if self.model_kind not in MODEL_KINDS:
            return [(False, f"model_kind must be one of {MODEL_KINDS}")]
        if self.model_kind != "conv":
            return []
        try:
            weight_shapes(self.conv, self.hidden_sizes)
            fits = ""
        except (ValueError, TypeError) as error:
            fits = str(error)
        return [(not fits, f"conv: {fits}"),
                (self.gradient == "backprop", "a convolutional network trains with backprop"),
                (self.activation == "relu", "a convolutional network uses relu")]

    def iterations_per_epoch(self, n_train: int) -> float:
        """Mini-batches per epoch on n_train images: ceil(n / batch) shuffled (the last batch
        smaller), the course's max(n / batch, 1) with rng.choice (a float, as in the course)."""
        if self.sampling == "choice":
            return max(n_train / self.batch_size, 1)
        return math.ceil(n_train / self.batch_size)

    def iterations_total(self, n_train: int) -> int:
        """The run's length in mini-batches on n_train images (iterations, else whole epochs)."""
        if self.iterations is not None:
            return self.iterations
        return math.ceil(self.epochs * self.iterations_per_epoch(n_train))

    def epochs_run(self, n_train: int) -> float:
        """The epochs the run covers on n_train images: 10,000 course iterations are 16.67."""
        return self.iterations_total(n_train) / self.iterations_per_epoch(n_train)

    def first_record(self) -> int:
        """The epoch number of the first accuracy record: 0 when one comes before (or, in the
        course's loop, right after) the first step, else 1."""
        return 0 if self.record_initial or self.sampling == "choice" else 1

    def augment_options(self) -> dict:
        """The keyword options of nn.augment.augment_batch this run uses (SCAN_OPTIONS)."""
        return {name: getattr(self, name) for name in SCAN_OPTIONS}

    def to_dict(self) -> dict:
        """Plain JSON-able values (hidden_sizes and the (low, high) ranges as lists)."""
        d = asdict(self)
        d["hidden_sizes"] = list(self.hidden_sizes)
        d["conv"] = [list(stage) for stage in self.conv]
        for name in RANGE_RULES:
            d[name] = None if d[name] is None else list(d[name])
        return d

    @classmethod
    def from_dict(cls, d: dict) -> TrainConfig:
        """The inverse of to_dict; missing keys take their defaults, unknown keys are ignored."""
        known = {f.name for f in fields(cls)}
        values = {key: value for key, value in d.items() if key in known}
        if "hidden_sizes" in values:
            values["hidden_sizes"] = tuple(int(h) for h in values["hidden_sizes"])
        return cls(**values)


def _probability(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and 0 <= value <= 1


def _in_range(name: str, value) -> bool:
    """True when value is a valid (low, high) for the field name of RANGE_RULES."""
    kind = numbers.Integral if name == "lowres_side" else numbers.Real
    if not (isinstance(value, tuple) and len(value) == 2
            and all(isinstance(v, kind) and not isinstance(v, bool) for v in value)):
        return False
    low, high = value
    if name == "lowres_side":
        return LOWRES_SIDES[0] <= low <= high <= LOWRES_SIDES[1]
    return math.isfinite(high) and 0 < low <= high


def parse_range(name: str, text: str) -> tuple:
    """'0.6, 1.6' -> (0.6, 1.6) for the field name of RANGE_RULES (whole numbers for lowres_side);
    ValueError 'expected <its rule>, got <text>' for anything else."""
    kind = int if name == "lowres_side" else float
    try:
        value = tuple(kind(part) for part in text.split(","))
    except ValueError:   # also a number of thousands of digits
        value = ()
    if not _in_range(name, value):
        raise ValueError(f"expected {RANGE_RULES[name]}, got {quoted(text)}")
    return value


def quoted(text: str) -> str:
    """The user's value quoted for a message; a value of thousands of characters by its start."""
    return repr(text) if len(text) <= 40 else repr(text[:30]) + "..."


class HiddenSizesTooLarge(ValueError):
    """Hidden sizes that follow the rule but pass MAX_HIDDEN_LAYERS or MAX_HIDDEN_SIZE."""


def parse_hidden_sizes(text: str) -> tuple[int, ...]:
    """'256, 128' -> (256, 128); '' -> () (no hidden layer); ValueError for anything else.

    The rule of the Training tab's field and of `--hidden`: positive whole numbers separated by
    commas, spaces around them allowed; HiddenSizesTooLarge beyond HIDDEN_LIMITS_RULE. Whether
    the network fits in memory is nn.budget's question.
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
    if len(sizes) > MAX_HIDDEN_LAYERS or max(sizes) > MAX_HIDDEN_SIZE:
        raise HiddenSizesTooLarge(f"expected {HIDDEN_LIMITS_RULE}, got {quoted(text)}")
    return sizes


def parse_conv(text: str) -> tuple[tuple[int, int, int], ...]:
    """'16x5, 32x5' -> ((16, 5, 2), (32, 5, 2)): filters x size per stage, padded by size // 2
    so each stage keeps the side before its pooling; ValueError for anything else."""
    stages = []
    for part in text.split(","):
        numbers_ = part.strip().lower().split("x")
        if len(numbers_) != 2 or not all(n.strip().isdecimal() and len(n.strip()) <= 6
                                          for n in numbers_):
            raise ValueError(f"expected {CONV_RULE}, got {quoted(text)}")
        filters, size = (int(n) for n in numbers_)
        if filters < 1 or not 1 <= size <= 28:
            raise ValueError(f"expected {CONV_RULE} with sizes 1..28, got {quoted(text)}")
        stages.append((filters, size, size // 2))
    return tuple(stages)


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


# THE defaults of DigitLab: the Training tab's form starts with them and `train` runs them when no
# flag says otherwise (the class's own field values are the neutral base a saved config is read
# against). Measured by `bench` (time_to_97_s): about 97.5% test accuracy within a few seconds of
# Start on a 2-core laptop. The course's own run is the "course" preset (nn.presets).
DEFAULTS = TrainConfig(hidden_sizes=(100,), activation="relu", weight_init="he", optimizer="momentum",
                       lr=0.15, schedule="cosine", batch_size=100, epochs=3, seed=0)
