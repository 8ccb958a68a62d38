"""Edits on a copy of a network, with undo: switch neurons off, scale, re-bias, prune, add noise.

The Inside tab's lab: a student breaks the network on purpose and watches the answer and the test
accuracy change. Every edit works on NetworkEditor.network, a copy; the original is never touched.
Layers are numbered as the course numbers the weights: layer l is W{l}, b{l} (1 = the first hidden
layer); a hidden neuron of layer l sends its output through row j of W{l+1}.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from digitlab.nn.model.network import MultiLayerNet

EDIT_KINDS = ("off", "scale", "bias", "prune", "noise")


@dataclass(frozen=True)
class Edit:
    """One edit: kind in EDIT_KINDS, the layer and neuron it touched (0 for the whole network) and
    its value (scale factor, new bias, percent pruned, noise size; 0.0 for "off")."""
    kind: str
    layer: int = 0
    neuron: int = 0
    value: float = 0.0


def _hidden_layers(params: dict) -> int:
    return sum(1 for key in params if key.startswith("W")) - 1


def _check_neuron(params: dict, layer: int, neuron: int, hidden_only: bool) -> None:
    last = _hidden_layers(params) + (0 if hidden_only else 1)
    if not 1 <= layer <= last:
        raise ValueError(f"layer must be 1..{last}, got {layer}")
    width = params[f"b{layer}"].shape[0]
    if not 0 <= neuron < width:
        raise ValueError(f"layer {layer} has neurons 0..{width - 1}, got {neuron}")


def switch_off(params: dict, layer: int, neuron: int) -> None:
    """Silence hidden neuron `neuron` of layer `layer`: zero its outgoing weights, row neuron of
    W{layer+1}, so whatever it computes no longer reaches the next layer. In place."""
    _check_neuron(params, layer, neuron, hidden_only=True)
    params[f"W{layer + 1}"][neuron, :] = 0


def scale_neuron(params: dict, layer: int, neuron: int, factor: float) -> None:
    """Multiply the incoming weights of a neuron (column neuron of W{layer}) by factor. In place."""
    _check_neuron(params, layer, neuron, hidden_only=False)
    params[f"W{layer}"][:, neuron] *= factor


def set_bias(params: dict, layer: int, neuron: int, value: float) -> None:
    """Give a neuron the bias value (b{layer}[neuron] = value). In place."""
    _check_neuron(params, layer, neuron, hidden_only=False)
    params[f"b{layer}"][neuron] = value


def prune(params: dict, percent: float) -> None:
    """Zero the percent % of each weight matrix with the smallest |w| (biases stay). In place.

    Per matrix, not over all of them at once: W1's 78,400 small weights would otherwise take
    the whole budget before a single weight of the last layer went.
    """
    if not 0.0 <= percent <= 100.0:
        raise ValueError(f"percent must be 0..100, got {percent}")
    for i in range(1, _hidden_layers(params) + 2):
        W = params[f"W{i}"]
        count = int(round(W.size * percent / 100.0))
        if count == 0:
            continue
        # argpartition, not a threshold: ties at the cut cannot prune more than asked
        smallest = np.argpartition(np.abs(W).ravel(), count - 1)[:count]
        W.reshape(-1)[smallest] = 0


def add_noise(params: dict, size: float, rng: np.random.Generator) -> None:
    """Add Gaussian noise to every weight matrix, its standard deviation size times that matrix's
    own (size 0.5: half the spread of the layer's weights). In place; size 0 draws nothing."""
    if size < 0:
        raise ValueError(f"noise size must be >= 0, got {size}")
    if size == 0:
        return
    for i in range(1, _hidden_layers(params) + 2):
        W = params[f"W{i}"]
        W += (size * float(W.std()) * rng.standard_normal(W.shape)).astype(W.dtype)


def apply_edit(params: dict, edit: Edit, rng: np.random.Generator | None = None) -> None:
    """Apply one Edit to params in place (rng is needed for "noise" only)."""
    if edit.kind == "off":
        switch_off(params, edit.layer, edit.neuron)
    elif edit.kind == "scale":
        scale_neuron(params, edit.layer, edit.neuron, edit.value)
    elif edit.kind == "bias":
        set_bias(params, edit.layer, edit.neuron, edit.value)
    elif edit.kind == "prune":
        prune(params, edit.value)
    elif edit.kind == "noise":
        if rng is None:
            raise ValueError("adding noise needs an rng")
        add_noise(params, edit.value, rng)
    else:
        raise ValueError(f"edit kind must be one of {EDIT_KINDS}, got {edit.kind!r}")


class NetworkEditor:
    """A copy of a network to edit, the edits made so far and the weights before each (undo).

    network: the edited copy (MultiLayerNet); original: the network given, never changed.
    """

    def __init__(self, network: MultiLayerNet, rng: np.random.Generator) -> None:
        self.original = network
        self.rng = rng
        self.network = network.copy()
        self.edits: list[Edit] = []
        self._before: list[dict[str, np.ndarray]] = []   # the arrays each edit changed, as they were

    def __repr__(self) -> str:
        return f"NetworkEditor({self.original!r}, edits={len(self.edits)})"

    def apply(self, edit: Edit) -> None:
        """Make one edit on the copy; raises ValueError (nothing changed) for an impossible one."""
        params = self.network.params
        saved = {key: value.copy() for key, value in params.items()}
        try:
            apply_edit(params, edit, self.rng)
        except ValueError:
            params.update(saved)
            raise
        self._before.append({key: value for key, value in saved.items()
                             if not np.array_equal(value, params[key])})
        self.edits.append(edit)

    def undo(self) -> Edit | None:
        """Take back the last edit; returns it (None when there was none)."""
        if not self.edits:
            return None
        self.network.params.update(self._before.pop())
        return self.edits.pop()

    def reset(self) -> None:
        """Take back every edit: the copy has the original's weights again."""
        self.network.params = {key: value.copy() for key, value in self.original.params.items()}
        self.edits.clear()
        self._before.clear()

    def switched_off(self) -> set[tuple[int, int]]:
        """(layer, neuron) of every hidden neuron whose outgoing weights are all zero now."""
        params = self.network.params
        return {(layer, int(j)) for layer in range(1, _hidden_layers(params) + 1)
                for j in np.flatnonzero(~params[f"W{layer + 1}"].any(axis=1))}


def sweep(network: MultiLayerNet, kind: str, levels, x: np.ndarray, t: np.ndarray,
          rng: np.random.Generator) -> np.ndarray:
    """Test accuracy of network with kind ("prune" or "noise") applied at each level, every level
    from the network as given (not one after another). x: (N, 784), t: (N,) -> (len(levels),)."""
    if kind not in ("prune", "noise"):
        raise ValueError(f"a sweep is over 'prune' or 'noise', got {kind!r}")
    accuracies = []
    for level in levels:
        edited = network.copy()
        apply_edit(edited.params, Edit(kind, value=float(level)), rng)
        accuracies.append(edited.accuracy(x, t))
    return np.array(accuracies)
