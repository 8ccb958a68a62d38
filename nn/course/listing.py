"""A listing: a few lines of the course's code that DigitLab shows beside a result and runs.

The source is the code on screen and also the code that computes the values on screen: run()
executes it with nn's own functions (not copies that could drift) and returns its variables.

    listing = LISTINGS["numerical_diff"]
    variables = listing.run(x=10)                      # {"x": 10, "dy": 0.2999999999986347}
    listing.shown(variables)                           # {"dy": "0.2999999999986347"}
    listing.course_values({"x": 10})                   # {"dy": "0.2999999999986347"}: the book's
"""
from __future__ import annotations

import math
import types
from dataclasses import dataclass, field
from typing import Callable, Mapping

import numpy as np

from digitlab.nn.data.augment import augment_batch
from digitlab.nn.data.strokes import drawn_training_set
from digitlab.nn.model import convnet, functions, losses, network
from digitlab.nn.numerical import gradient
from digitlab.nn.training import optimizers

# NumPy's default print options: values show as the course's NumPy prints them, whatever
# np.set_printoptions some other code called.
NUMPY_PRINT_DEFAULTS = types.MappingProxyType(dict(
    precision=8, threshold=1000, edgeitems=3, linewidth=75, suppress=False, nanstr="nan",
    infstr="inf", sign="-", floatmode="maxprec", legacy=False))

# What the course's code may call: nn's functions under the course's names.
_COURSE_NAMES = {
    "np": np,
    **{name: getattr(functions, name) for name in
       ("step_function", "sigmoid", "relu", "identity", "softmax")},
    **{name: getattr(losses, name) for name in ("mean_squared_error", "cross_entropy_error")},
    **{name: getattr(gradient, name) for name in
       ("numerical_diff", "numerical_gradient", "gradient_descent", "tangent_line",
        "function_1", "function_2", "SimpleNet")},
    "MultiLayerNet": network.MultiLayerNet, "ConvNet": convnet.ConvNet,
    # the training loop's (nn.course.training_loop)
    "math": math,
    **{name: getattr(optimizers, name) for name in
       ("SGD", "Momentum", "Nesterov", "AdaGrad", "RMSprop", "Adam", "make_schedule")},
    "augment_batch": augment_batch, "drawn_training_set": drawn_training_set,
}


def course_namespace() -> dict:
    """A fresh namespace with NumPy as np and nn's functions under the course's names."""
    return dict(_COURSE_NAMES)


def format_value(value, decimals: int | None = None) -> str:
    """A value as the course prints it: Python's repr for numbers, NumPy's print for arrays.

    decimals: round a number (or an array's numbers) to this many decimals, trailing zeros
    dropped (0.0975 rather than 0.09750000000000003), where the course shows it that way.
    """
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        if decimals is None:
            return repr(float(value))
        text = f"{float(value):.{decimals}f}".rstrip("0")
        return text + "0" if text.endswith(".") else text
    if isinstance(value, np.ndarray):
        options = dict(NUMPY_PRINT_DEFAULTS)
        if decimals is not None:
            options["precision"] = decimals
        with np.printoptions(**options):
            return str(value)
    if isinstance(value, (list, tuple)):
        inner = ", ".join(format_value(item, decimals) for item in value)
        return f"[{inner}]" if isinstance(value, list) else f"({inner})"
    return str(value)


def describe(value, items: int = 4) -> str:
    """A short line for the live-variables table: type, shape and the first few numbers."""
    if isinstance(value, np.ndarray):
        head = f"{value.dtype} {value.shape}"
        if value.size == 0:
            return head
        with np.printoptions(**{**NUMPY_PRINT_DEFAULTS, "precision": 4}):
            numbers = str(value.ravel()[:items])
        return f"{head} {numbers[:-1]} ...]" if value.size > items else f"{head} {numbers}"
    if isinstance(value, list):
        tail = f", last {format_value(value[-1], 4)}" if value else ""
        return f"list of {len(value)}{tail}"
    text = format_value(value)
    return text if len(text) <= 60 else text[:57] + "..."


@dataclass(frozen=True)
class CourseCase:
    """One run the course prints: the inputs it used and what it printed, variable by variable.

    values: the course's digits in today's NumPy layout (NumPy 1.13 and older padded arrays
    with one more space: [ 6.  8.]). when: the condition in words, for inputs not compared
    (e.g. "the textbook's sample_weight.pkl on the 10,000 test images").
    """

    inputs: Mapping[str, object]
    values: Mapping[str, str]
    when: str = ""


def _same_input(a, b) -> bool:
    try:
        return bool(np.array_equal(np.asarray(a), np.asarray(b)))
    except (TypeError, ValueError):
        return a is b


@dataclass(frozen=True)
class Listing:
    """The course's code for one result, runnable; see the module doc.

    needs: inputs without a default that the caller passes (e.g. network, x, t); defaults()
    gives fresh copies of the others' course values; shows: the variables the panel shows as
    results, formatted by format_value with decimals.get(name).
    """

    name: str
    title: str
    source: str
    shows: tuple[str, ...]
    defaults: Callable[[], dict] = dict
    needs: tuple[str, ...] = ()
    decimals: Mapping[str, int] = field(default_factory=dict)
    cases: tuple[CourseCase, ...] = ()

    def run(self, **inputs) -> dict:
        """Executes the source with nn's functions and the inputs; returns its variables.

        The variables (inputs first, then in the order the code assigns them) leave out
        modules, functions and classes. What the code prints is kept, a line each, as the
        variable "printed" (nothing reaches the console). Raises TypeError for a missing or
        unknown input.
        """
        values = {**self.defaults(), **inputs}
        missing = [name for name in self.needs if name not in values]
        unknown = sorted(set(inputs) - set(self.needs) - set(self.defaults()))
        if missing or unknown:
            raise TypeError(f"listing {self.name!r}: missing inputs {missing}, "
                            f"unknown inputs {unknown}")
        namespace = course_namespace()
        printed: list[str] = []
        namespace["print"] = lambda *args, sep=" ": printed.append(sep.join(map(str, args)))
        provided = set(namespace)
        namespace.update(values)
        exec(compile(self.source, f"<listing {self.name}>", "exec"), namespace)  # noqa: S102
        variables = {name: value for name, value in namespace.items()
                     if (name in values or name not in provided) and not name.startswith("__")
                     and not isinstance(value, (types.ModuleType, types.FunctionType, type))}
        if printed:
            variables["printed"] = printed
        return variables

    def shown(self, variables: Mapping) -> dict[str, str]:
        """The result variables as the course prints them: {name: text}."""
        return {name: format_value(variables[name], self.decimals.get(name))
                for name in self.shows}

    def course_case(self, inputs: Mapping | None = None) -> CourseCase | None:
        """The course's run with these inputs (defaults filled in), or None if it has none.

        Inputs a case does not list are not compared: its `when` says what they were."""
        values = {**self.defaults(), **(inputs or {})}
        for case in self.cases:
            if all(name in values and _same_input(values[name], wanted)
                   for name, wanted in case.inputs.items()):
                return case
        return None

    def course_values(self, inputs: Mapping | None = None) -> dict[str, str] | None:
        """What the course printed for these inputs, {name: text}, or None (see course_case)."""
        case = self.course_case(inputs)
        return None if case is None else dict(case.values)

    def __repr__(self) -> str:
        return f"Listing({self.name!r}, shows={self.shows})"
