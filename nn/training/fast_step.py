"""The trainer's fast path for a MultiLayerNet: network.loss_and_gradient(x, t) followed by
optimizer.update(params, grads), with the same operations in the same order but fewer arrays.

    fast = FastStep(network, optimizer)        # network.params become views of one flat array
    loss, grads = fast.loss_and_gradient(x, t)
    fast.update(lr)

The readable forms stay where a student reads them (nn/model/layers.py, nn/training/optimizers.py);
every number here is computed by the same NumPy operation on the same operands, so the weights
after any number of steps are bit for bit the readable form's (tests/test_fast_step.py compares
100 steps of every optimizer). What is saved:
- the parameters, their gradients and the optimizer's state each live in one contiguous array
  (`network.params` keep their names, as views into it), so an update is the optimizer's own
  update(), called once on the whole array instead of a Python loop of calls per parameter;
- the layers' outputs, ReLU masks and backward arrays are written with out= into arrays kept
  for the batch size, and the softmax works in place on the scores.
Layers other than Affine and ReLU (sigmoid, tanh, dropout) run their own forward and backward.
"""
from __future__ import annotations

import numpy as np

from digitlab.nn.model.layers import Affine, Relu
from digitlab.nn.model.network import MultiLayerNet
from digitlab.nn.training.optimizers import SGD, AdaGrad, Adam, Momentum, Nesterov, RMSprop

# The optimizers whose update works element by element: one call on the flat arrays gives what
# one call per parameter gives. Their state is made flat by that first call (see fits).
ELEMENTWISE_OPTIMIZERS = (SGD, Momentum, Nesterov, AdaGrad, RMSprop, Adam)
_STATE = ("v", "h", "m")
# Each parameter's view starts on a 64-byte boundary (a cache line): BLAS writes whole lines.
# The gaps hold zeros that no formula moves (their gradient stays 0).
ALIGN_BYTES = 64
FLAT = "all"   # the one key of the flat arrays in the optimizer's state dicts


def fits(network, optimizer) -> bool:
    """True when FastStep gives exactly what loss_and_gradient + optimizer.update give: a
    MultiLayerNet with an optimizer of ELEMENTWISE_OPTIMIZERS whose state is not made yet, or was
    made flat by an earlier FastStep of the same network."""
    if type(network) is not MultiLayerNet or type(optimizer) not in ELEMENTWISE_OPTIMIZERS:
        return False
    size = flat_size({key: value.shape for key, value in network.params.items()}, network.dtype)
    for name in _STATE:
        state = getattr(optimizer, name, None)
        if state is not None and (list(state) != [FLAT] or state[FLAT].size != size):
            return False
    return all(value.dtype == network.dtype for value in network.params.values())


def _padded(size: int, dtype) -> int:
    step = max(ALIGN_BYTES // np.dtype(dtype).itemsize, 1)
    return -(-size // step) * step


def flat_size(shapes: dict[str, tuple], dtype) -> int:
    """Elements of a flat array holding arrays of these shapes, each at an aligned start."""
    return sum(_padded(int(np.prod(shape)), dtype) for shape in shapes.values())


def flat_zeros(size: int, dtype) -> np.ndarray:
    """np.zeros(size, dtype) starting on an ALIGN_BYTES boundary."""
    dtype = np.dtype(dtype)
    spare = np.zeros(size + ALIGN_BYTES // dtype.itemsize, dtype)
    skip = (-spare.ctypes.data % ALIGN_BYTES) // dtype.itemsize
    return spare[skip:skip + size]


def flat_views(flat: np.ndarray, shapes: dict[str, tuple]) -> dict[str, np.ndarray]:
    """name -> a view of flat with that shape, one after the other, each at an aligned start."""
    views, start = {}, 0
    for key, shape in shapes.items():
        size = int(np.prod(shape))
        views[key] = flat[start:start + size].reshape(shape)
        start += _padded(size, flat.dtype)
    return views


class FastStep:
    """One network's training step with kept arrays; see the module doc. Check fits() first.

    params, grads: the flat arrays (views `network.params[key]` and `grad_views[key]`).
    """

    def __init__(self, network: MultiLayerNet, optimizer):
        self.network, self.optimizer = network, optimizer
        shapes = {key: value.shape for key, value in network.params.items()}
        self.params = flat_zeros(flat_size(shapes, network.dtype), network.dtype)
        self.grads = flat_zeros(self.params.size, network.dtype)
        self.param_views = flat_views(self.params, shapes)
        self.grad_views = flat_views(self.grads, shapes)
        for key, view in self.param_views.items():
            view[...] = network.params[key]
        network.params.update(self.param_views)
        self._size = None          # the batch size the kept arrays are made for
        self._rows = None
        self._y = self._t = None   # softmax(scores) and the labels, from the loss to backward

    def __repr__(self):
        return f"FastStep({self.network!r}, {self.optimizer!r})"

    def _adopt_params(self) -> None:
        """Arrays put into network.params since (a rollback, an edit) go into the flat array, and
        the names point at its views again."""
        params = self.network.params
        for key, view in self.param_views.items():
            if params[key] is not view:
                if params[key].shape != view.shape:
                    raise ValueError(f"{key} changed shape from {view.shape} to "
                                     f"{params[key].shape} during training")
                view[...] = params[key]
                params[key] = view

    def _keep_arrays(self, n: int) -> None:
        """Per layer, the forward output and (ReLU) mask and backward output for batches of n."""
        dtype = self.network.dtype
        self._out, self._mask, self._dx = {}, {}, {}
        for index, layer in enumerate(self.network.layers):
            if isinstance(layer, Affine):
                width = layer.W.shape[1]
                self._out[index] = np.empty((n, width), dtype)
                if index > 0:
                    self._dx[index] = np.empty((n, layer.W.shape[0]), dtype)
            elif type(layer) is Relu:
                self._mask[index] = np.empty_like(self._out[index - 1])
        self._rows = np.arange(n)
        self._size = n

    def loss_and_gradient(self, x, t) -> tuple[float, dict[str, np.ndarray]]:
        """network.loss_and_gradient(x, t): the training loss (weight decay's part included) and
        the gradients, as views of self.grads (overwritten by the next call).

        x: (N, 784) or (N, 28, 28); t: labels (N,) or one-hot (N, 10)."""
        network = self.network
        if any(network.params[key] is not view for key, view in self.param_views.items()):
            self._adopt_params()
        x = np.asarray(x, dtype=network.dtype)
        x = x.reshape(-1, network.sizes[0])
        if x.shape[0] != self._size:
            self._keep_arrays(x.shape[0])
        inputs, out = self._forward(x)
        loss = self._softmax_loss(out, t) + self._decay_loss()
        self._backward(inputs, out)
        return loss, self.grad_views

    def _forward(self, x):
        """Every layer but the loss; -> (each layer's input, the scores)."""
        network, params = self.network, self.network.params
        inputs, out, affine = [], x, 0
        for index, layer in enumerate(network.layers):
            inputs.append(out)
            if isinstance(layer, Affine):                     # out = x W + b
                affine += 1
                out = np.matmul(out, params[f"W{affine}"], out=self._out[index])
                out += params[f"b{affine}"]
            elif type(layer) is Relu:                         # out = x * (x > 0)
                mask = np.greater(out, 0, out=self._mask[index])
                out *= mask
            else:
                out = layer.forward(out, True)
        return inputs, out

    def _softmax_loss(self, scores, t) -> float:
        """SoftmaxWithLoss.forward(scores, t), in place: scores become y = softmax(scores)."""
        last = self.network.last_layer
        t = np.asarray(t)
        if t.shape == scores.shape or scores.dtype.kind != "f":   # one-hot: the layer itself
            self._y = None
            return last.forward(scores, t)
        t = t.reshape(-1).astype(np.intp, copy=False)
        scores -= scores.max(axis=1, keepdims=True)
        picked = scores[self._rows, t].sum()
        y = np.exp(scores, out=scores)
        total = y.sum(axis=1, keepdims=True)
        y /= total
        log_total = np.log(total[:, 0])
        log_likelihood = picked - log_total.sum()
        self._y, self._t = y, t
        return float(-log_likelihood / scores.shape[0])

    def _decay_loss(self) -> float:
        network = self.network
        if network.weight_decay == 0.0:
            return 0.0
        total = sum(float(np.vdot(network.params[f"W{i}"], network.params[f"W{i}"]))
                    for i in range(1, len(network.param_layers) + 1))
        return 0.5 * network.weight_decay * total

    def _backward(self, inputs, scores) -> None:
        """Backprop from the loss into self.grad_views (SoftmaxWithLoss.backward(1.0), then each
        layer's backward in reverse; the first layer's dx is not computed)."""
        network, params, grads = self.network, self.network.params, self.grad_views
        if self._y is None:
            dout = network.last_layer.backward(1.0)
        else:                                                 # (y - t) / N, in place on y
            dout = self._y
            dout[self._rows, self._t] -= 1
            dout *= 1.0 / dout.shape[0]
        affine = len(network.param_layers)
        for index in range(len(network.layers) - 1, -1, -1):
            layer = network.layers[index]
            if isinstance(layer, Affine):                     # dW = x^T dout, db = sum dout
                key = f"W{affine}"
                np.matmul(inputs[index].T, dout, out=grads[key])
                np.sum(dout, axis=0, out=grads[f"b{affine}"])
                if network.weight_decay:
                    grads[key] += network.weight_decay * params[key]
                if index > 0:                                 # dx = dout W^T
                    dout = np.matmul(dout, params[key].T, out=self._dx[index])
                affine -= 1
            elif type(layer) is Relu:
                dout *= self._mask[index]
            else:
                dout = layer.backward(dout)

    def update(self, lr: float) -> None:
        """optimizer.update(params, grads) with the optimizer's lr set to lr, on the flat arrays."""
        self.optimizer.lr = lr
        self.optimizer.update({FLAT: self.params}, {FLAT: self.grads})


class PlainStep:
    """The readable form behind FastStep's interface: network.loss_and_gradient(x, t), then
    optimizer.update(network.params, grads) (any network and optimizer)."""

    params = None   # no flat array

    def __init__(self, network, optimizer):
        self.network, self.optimizer = network, optimizer
        self._grads = None

    def __repr__(self):
        return f"PlainStep({self.network!r}, {self.optimizer!r})"

    def loss_and_gradient(self, x, t) -> tuple[float, dict[str, np.ndarray]]:
        loss, self._grads = self.network.loss_and_gradient(x, t)
        return loss, self._grads

    def update(self, lr: float) -> None:
        self.optimizer.lr = lr
        self.optimizer.update(self.network.params, self._grads)


def training_step(network, optimizer) -> FastStep | PlainStep:
    """FastStep where it fits (a MultiLayerNet and a fresh optimizer of ELEMENTWISE_OPTIMIZERS),
    else PlainStep: either gives the readable form's numbers."""
    return FastStep(network, optimizer) if fits(network, optimizer) else PlainStep(network, optimizer)
