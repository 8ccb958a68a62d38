"""Principal component analysis of a network's layers: where digits sit, layer by layer.

Each layer's activations for a set of images (the input pixels, every hidden layer's output,
the softmax output) are centred and decomposed with NumPy's SVD; the first two components give a
map on which a new input can be placed.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from digitlab.nn.model.network import MultiLayerNet

MAP_IMAGES = 2000   # test images on the map: enough for ten clouds, SVD well under a second


@dataclass(frozen=True)
class Pca:
    """mean (D,), components (k, D) (unit rows, largest variance first), explained_variance (k,)
    (sample variance along each component, ddof 1), total_variance (sum over all D)."""
    mean: np.ndarray
    components: np.ndarray
    explained_variance: np.ndarray
    total_variance: float

    @property
    def explained_ratio(self) -> np.ndarray:
        """Fraction of the total variance each component explains."""
        if self.total_variance == 0:
            return np.zeros_like(self.explained_variance)
        return self.explained_variance / self.total_variance

    def project(self, x: np.ndarray) -> np.ndarray:
        """Coordinates of x (N, D) or (D,) on the components: (N, k) or (k,)."""
        return (np.asarray(x, np.float64) - self.mean) @ self.components.T


def fit_pca(X: np.ndarray, k: int = 2) -> Pca:
    """PCA of the rows of X (N, D) by np.linalg.svd of the centred data (float64), N >= 2."""
    X = np.asarray(X, np.float64)
    if X.ndim != 2 or X.shape[0] < 2:
        raise ValueError(f"PCA needs a (N, D) array with N >= 2, got shape {X.shape}")
    mean = X.mean(axis=0)
    # the thin SVD of the centred rows: S**2 / (N - 1) are the covariance's eigenvalues
    _, S, Vt = np.linalg.svd(X - mean, full_matrices=False)
    variance = S ** 2 / (X.shape[0] - 1)
    k = min(k, Vt.shape[0])
    components = Vt[:k].copy()
    # a sign convention, so a map does not flip between two fits of nearly the same data
    signs = np.sign(components[np.arange(k), np.argmax(np.abs(components), axis=1)])
    components *= np.where(signs == 0, 1.0, signs)[:, None]
    return Pca(mean, components, variance[:k], float(variance.sum()))


def layer_outputs(network: MultiLayerNet, x: np.ndarray) -> list[np.ndarray]:
    """The input and every layer's output for x (N, 784): [x, h1, ..., y] (y the softmax output)."""
    x = np.asarray(x, network.dtype)
    probabilities, hidden = network.probabilities_and_hidden(x)
    return [x, *hidden, probabilities]


@dataclass(frozen=True)
class LayerMap:
    """One layer on the map: its Pca and the points (N, 2) of the images it was fitted on."""
    pca: Pca
    points: np.ndarray


def layer_maps(network: MultiLayerNet, x: np.ndarray) -> list[LayerMap]:
    """A 2-D PCA map of each of layer_outputs(network, x): input, hidden layers, output."""
    maps = []
    for values in layer_outputs(network, x):
        pca = fit_pca(values, 2)
        maps.append(LayerMap(pca, pca.project(values)))
    return maps


def place(network: MultiLayerNet, maps: list[LayerMap], x: np.ndarray) -> list[np.ndarray]:
    """Where one input x (784,) lands on each map: [(2,), ...] in layer_maps' order."""
    outputs = layer_outputs(network, np.asarray(x).reshape(1, -1))
    return [m.pca.project(values[0]) for m, values in zip(maps, outputs)]
