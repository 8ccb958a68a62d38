"""Why two of the course's printed results look the way they do, worked out from the numbers.

- simpleNet (ch. 4.4.2): the book prints loss 0.92806853663411326, but today's code gives
  0.92806829 with the book's W. simplenet_digits() finds where the digits come from.
- gradient descent with lr = 10: the path blows up, then stops dead. descent_freeze() finds
  the step where x + h == x in float64 and the numerical gradient becomes exactly 0.

Each result has its numbers as fields (for a translated sentence) and an English explanation().
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from digitlab.nn.model.functions import softmax
from digitlab.nn.numerical.gradient import SimpleNet, numerical_gradient

# The book's simpleNet, as printed: W rounded to 8 decimals, and the loss it printed.
BOOK_W = ((0.47355232, 0.9977393, 0.84668094), (0.85557411, 0.03563661, 0.69422093))
BOOK_X = (0.6, 0.9)
BOOK_T = (0, 0, 1)
BOOK_LOSS = "0.92806853663411326"
BOOK_W_DECIMALS = 8


def _loss(W: np.ndarray, delta: float) -> float:
    return SimpleNet(W=W, delta=delta).loss(np.array(BOOK_X), np.array(BOOK_T))


def _analytic_dW(W: np.ndarray) -> np.ndarray:
    """dL/dW of -log(softmax(x W))[t] (no 1e-7): outer(x, softmax(x W) - t)."""
    x = np.array(BOOK_X)
    return np.outer(x, softmax(x @ W) - np.array(BOOK_T))


def book_W(loss: float = float(BOOK_LOSS)) -> np.ndarray:
    """A W that rounds to the book's printed W and gives its printed loss without the 1e-7.

    Newton steps from the printed W along the gradient dL/dW = outer(x, softmax(x W) - t), the
    shortest move that changes the loss by the difference: the book's W had more digits than
    it printed. (2, 3) float64.
    """
    W = np.array(BOOK_W)
    for _ in range(4):
        difference = _loss(W, 0.0) - loss
        if difference == 0.0:
            break
        grad = _analytic_dW(W)
        W = W - difference * grad / np.sum(grad * grad)
    return W


@dataclass(frozen=True)
class SimpleNetDigits:
    """The book's simpleNet loss against today's code. Losses are cross-entropies at
    x = (0.6, 0.9), t = (0, 0, 1); "printed W" is the book's W rounded to 8 decimals."""

    loss_book: float            # what the book printed
    loss_with_delta: float      # printed W, -log(y + 1e-7) as nn and today's book code do
    loss_printed_W: float       # printed W, -log(y)
    loss_book_W: float          # book_W(), -log(y)
    largest_move: float         # largest |book_W() - printed W|
    rounding_reach: float       # about the most any W within the rounding changes the loss
    gradients_agree: bool       # numerical (h = 1e-4) and analytic dW at book_W(), 8 decimals

    def explanation(self) -> str:
        """One paragraph for the simpleNet panel."""
        exact = ("to all its digits" if self.loss_book_W == self.loss_book else
                 f"to within {abs(self.loss_book_W - self.loss_book):.1e}")
        agree = ("the numerical gradient (h = 1e-4) and backprop agree to those 8 decimals, so "
                 "the book's dW could come from either" if self.gradients_agree else
                 "the numerical gradient (h = 1e-4) and backprop differ at 8 decimals")
        return (
            f"The book computed this loss as -log(y), without the 1e-7 that its "
            f"cross_entropy_error adds inside the log today (copies of its early common/functions.py have no 1e-7; "
            f"the cross-entropy values it prints in section 4.2.2, such as 2.3025840929945458, do "
            f"include it), and it printed W rounded to 8 decimals. With the 1e-7 the loss is "
            f"{self.loss_with_delta:.8f}, "
            f"{self.loss_printed_W - self.loss_with_delta:.1e} lower and more than rounding W "
            f"could explain (at most {self.rounding_reach:.1e}); dW moves in the 7th decimal. "
            f"Without it the printed W gives {self.loss_printed_W:.9f}, "
            f"{self.loss_printed_W - self.loss_book:.1e} above the book's {BOOK_LOSS}: the "
            f"digits of W the book did not print. Moving each entry of W by at most "
            f"{self.largest_move:.1e} (still the printed W when rounded) gives the book's loss "
            f"{exact}, and then p, argmax(p) = 2 and dW to 8 decimals match the book as well; "
            f"{agree}.")


def simplenet_digits() -> SimpleNetDigits:
    """Works out SimpleNetDigits from the book's printed numbers."""
    printed = np.array(BOOK_W)
    W = book_W()
    # To first order: half a unit of the 8th decimal on every entry, each pushing the same way.
    reach = 0.5 * 10.0 ** -BOOK_W_DECIMALS * float(np.sum(np.abs(_analytic_dW(printed))))
    numerical = numerical_gradient(lambda W_: _loss(W_, 0.0), W.copy())
    agree = bool(np.array_equal(np.round(numerical, 8), np.round(_analytic_dW(W), 8)))
    return SimpleNetDigits(float(BOOK_LOSS), _loss(printed, 1e-7), _loss(printed, 0.0),
                           _loss(W, 0.0), float(np.max(np.abs(W - printed))), reach, agree)


@dataclass(frozen=True)
class Freeze:
    """Where a gradient-descent path stops moving because x + h == x in float64.

    step: from this step on the path never changes; coordinate_steps: the same per coordinate;
    x: the frozen point; spacing: the gap from x to the next float64, per coordinate.
    """

    step: int
    coordinate_steps: tuple[int, ...]
    x: np.ndarray
    spacing: np.ndarray
    h: float
    steps: int

    def explanation(self, lr: float) -> str:
        """Why the course's lr = 10 ends where it does (f = x0^2 + x1^2, gradient 2x)."""
        order = sorted(range(len(self.x)), key=lambda j: self.coordinate_steps[j])
        first, last = order[0], order[-1]
        point = ", ".join(f"{value:.8e}" for value in self.x)
        follows = ("" if first == last else
                   f" x{last} follows at step {self.coordinate_steps[last]} (floats near "
                   f"{abs(self.x[last]):.1e} are {self.spacing[last]:.2g} apart).")
        return (
            f"With lr = {lr:g} each step takes x to x - {lr:g} * 2x = {1 - 2 * lr:g}x, so |x| "
            f"grows {abs(1 - 2 * lr):g}-fold per step. Floats near {abs(self.x[first]):.1e} are "
            f"{self.spacing[first]:.2g} apart, more than twice h = {self.h:g}, so at step "
            f"{self.coordinate_steps[first]} x{first} + h rounds back to x{first}: "
            f"f(x + h) - f(x - h) is 0, and so is the numerical gradient.{follows} From step "
            f"{self.step} on the gradient is exactly 0 and x stays at ({point}) for the "
            f"remaining {self.steps - self.step} steps: not a minimum, only a point where "
            f"float64 can no longer see the slope.")


def descent_freeze(path: np.ndarray, h: float = 1e-4) -> Freeze | None:
    """The Freeze of a gradient_descent path (steps + 1, D), or None if it did not freeze that
    way (still moving at the end, or stopped where x + h still differs from x)."""
    steps = len(path) - 1
    coordinate_steps = []
    for j in range(path.shape[1]):
        column = path[:, j]
        if not np.all(np.isfinite(column)) or column[-1] != column[-2]:
            return None
        moved = np.flatnonzero(column[1:] != column[:-1])
        k = int(moved[-1]) + 1 if moved.size else 0
        if column[k] + h != column[k]:
            return None
        coordinate_steps.append(k)
    x = path[-1].copy()
    return Freeze(max(coordinate_steps), tuple(coordinate_steps), x, np.spacing(np.abs(x)), h,
                  steps)
