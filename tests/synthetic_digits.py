"""A tiny synthetic stand-in for MNIST that a network learns in moments: GUI tests run without MNIST."""
import numpy as np

from digitlab.gui.training.mnist_cache import MnistCache


def synthetic_data(n_train=200, n_test=100, seed=0):
    """Two blobs of 'images' the network can separate: label = which half of the pixels is bright.

    ((x_train (n_train, 784) float32, t_train (n_train,) int64), (x_test, t_test)), as MnistCache.get().
    """
    rng = np.random.default_rng(seed)

    def make(n):
        t = rng.integers(0, 2, n)
        x = rng.random((n, 784), dtype=np.float32) * 0.2
        x[t == 0, :392] += 0.8
        x[t == 1, 392:] += 0.8
        return x, t.astype(np.int64)
    return make(n_train), make(n_test)


def synthetic_cache(**kwargs) -> MnistCache:
    """A MnistCache already holding synthetic_data(**kwargs)."""
    return MnistCache(data=synthetic_data(**kwargs))
