"""Layers with forward/backward in the textbook's style (chapter 5 of the course).

Every layer caches what its backward needs during forward. backward(dout) returns dx and never
writes into dout. Parameter layers list their parameter names in `params` and store the gradients
as `d<name>` attributes (Affine: W, b -> dW, db).
"""
from __future__ import annotations

import numpy as np

from digitlab.nn.model.functions import sigmoid


class Affine:
    """Fully connected layer out = x @ W + b. W: (D, M), b: (M,)."""

    params = ("W", "b")

    def __init__(self, W: np.ndarray, b: np.ndarray):
        self.W = W
        self.b = b
        self.x = None
        self.x_shape = None
        self.dW = None
        self.db = None

    def forward(self, x, train=True):
        """x: (N, D), (N, 28, 28) or a single (D,) -> (N, M)."""
        self.x_shape = x.shape
        self.x = x.reshape(-1, self.W.shape[0])
        out = self.x @ self.W
        out += self.b
        return out

    def backward(self, dout, need_dx=True):
        """dout: (N, M) -> dx with the original x shape; sets dW (D, M) and db (M,).

        need_dx=False skips dout @ W.T (a third of the work of the first layer) and returns None:
        nobody needs the gradient with respect to the input image.
        """
        self.dW = self.x.T @ dout
        self.db = dout.sum(axis=0)
        if not need_dx:
            return None
        return (dout @ self.W.T).reshape(self.x_shape)

    def __repr__(self):
        return f"Affine({self.W.shape[0]} -> {self.W.shape[1]}, {self.W.dtype})"


class Relu:
    """ReLU activation: passes positive inputs, zero elsewhere."""

    params = ()

    def __init__(self):
        self.mask = None

    def forward(self, x, train=True):
        """x: any shape -> same shape."""
        # A 0/1 mask in x's dtype: multiplying by it is twice as fast as by a bool mask.
        self.mask = (x > 0).astype(x.dtype)
        return x * self.mask

    def backward(self, dout):
        """dout: same shape as x -> dx."""
        return dout * self.mask

    def __repr__(self):
        return "Relu()"


class Sigmoid:
    """Sigmoid activation y = 1 / (1 + exp(-x)); dy/dx = y (1 - y)."""

    params = ()

    def __init__(self):
        self.out = None

    def forward(self, x, train=True):
        """x: any shape -> same shape."""
        self.out = sigmoid(x)
        return self.out

    def backward(self, dout):
        """dout: same shape as x -> dx."""
        dx = 1.0 - self.out
        dx *= self.out
        dx *= dout
        return dx

    def __repr__(self):
        return "Sigmoid()"


class Tanh:
    """Tanh activation y = tanh(x); dy/dx = 1 - y^2."""

    params = ()

    def __init__(self):
        self.out = None

    def forward(self, x, train=True):
        """x: any shape -> same shape."""
        self.out = np.tanh(x)
        return self.out

    def backward(self, dout):
        """dout: same shape as x -> dx."""
        dx = np.square(self.out)
        np.subtract(1.0, dx, out=dx)
        dx *= dout
        return dx

    def __repr__(self):
        return "Tanh()"


class Dropout:
    """Inverted dropout: at train time zero a `ratio` of the units and scale the rest by
    1 / (1 - ratio), so test time is the identity. rng: np.random.Generator draws the masks."""

    params = ()

    def __init__(self, ratio: float, rng: np.random.Generator):
        if not 0.0 <= ratio < 1.0:
            raise ValueError(f"dropout ratio must be in [0, 1), got {ratio}")
        self.ratio = float(ratio)
        self.rng = rng
        self.mask = None

    def forward(self, x, train=True):
        """x: any shape -> same shape (identity when train is False)."""
        if not train:
            self.mask = None
            return x
        keep = self.rng.random(x.shape, dtype=np.float32) >= self.ratio
        self.mask = keep.astype(x.dtype)
        self.mask *= 1.0 / (1.0 - self.ratio)
        return x * self.mask

    def backward(self, dout):
        """dout: same shape as x -> dx (dout itself after an eval-mode forward)."""
        if self.mask is None:
            return dout
        return dout * self.mask

    def __repr__(self):
        return f"Dropout(ratio={self.ratio})"


class SoftmaxWithLoss:
    """Softmax followed by cross-entropy; backward gives the famous (y - t) / N.

    The loss is computed from log-softmax, the exact function whose derivative (y - t) / N is,
    so it needs no 1e-7 inside the log and cannot return inf.
    """

    params = ()

    def __init__(self):
        self.y = None
        self.t = None
        self.x_shape = None

    def forward(self, x, t, train=True):
        """x: (N, C) scores or (C,); t: one-hot like x, labels (N,) or a scalar label -> loss (float)."""
        self.x_shape = x.shape
        t = np.asarray(t)
        x = x.reshape(-1, x.shape[-1])
        if x.dtype.kind != "f":   # exp below works in place and needs a float array
            x = x.astype(np.float64)
        if t.shape == self.x_shape:
            self.t = t.reshape(x.shape)
        else:
            self.t = t.reshape(-1).astype(np.intp, copy=False)
        shifted = x - x.max(axis=1, keepdims=True)
        if self.t.ndim == 2:
            picked = (self.t * shifted).sum()
        else:
            picked = shifted[np.arange(x.shape[0]), self.t].sum()
        # shifted is not needed any more: exponentiate it in place.
        self.y = np.exp(shifted, out=shifted)
        total = self.y.sum(axis=1, keepdims=True)
        self.y /= total
        log_total = np.log(total[:, 0])
        if self.t.ndim == 2:
            log_likelihood = picked - (self.t.sum(axis=1) * log_total).sum()
        else:
            log_likelihood = picked - log_total.sum()
        return float(-log_likelihood / x.shape[0])

    def backward(self, dout=1.0):
        """dout: scalar -> dx = dout * (y - t) / N, shaped like x and in the dtype of the scores."""
        batch_size = self.y.shape[0]
        if self.t.ndim == 2:
            dx = np.subtract(self.y, self.t, dtype=self.y.dtype)
        else:
            dx = self.y.copy()
            dx[np.arange(batch_size), self.t] -= 1
        dx *= dout / batch_size
        return dx.reshape(self.x_shape)

    def __repr__(self):
        return "SoftmaxWithLoss()"
