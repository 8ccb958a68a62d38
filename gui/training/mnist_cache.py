"""The MNIST arrays of the Training tab: loaded once, on first use, from any thread."""
from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

Data = tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


class MnistCache:
    """Loads MNIST once, on first use, from any thread; later calls return the same arrays."""

    def __init__(self, mnist_dir: Path | None = None, data: Data | None = None) -> None:
        """data: arrays already loaded, in get()'s layout (a subset, or a synthetic set in tests)."""
        self.mnist_dir = mnist_dir
        self._lock = threading.Lock()
        self._data: Data | None = data

    def __repr__(self) -> str:
        return f"MnistCache(mnist_dir={self.mnist_dir!r}, loaded={self._data is not None})"

    @property
    def loaded(self) -> bool:
        return self._data is not None

    def get(self) -> Data:
        """((x_train (60000, 784), t_train), (x_test (10000, 784), t_test)); raises MnistNotFoundError."""
        from digitlab.nn.data.mnist import find_mnist_dir, load_mnist
        with self._lock:
            if self._data is None:
                folder = self.mnist_dir or find_mnist_dir()
                self._data = load_mnist(mnist_dir=folder)
            return self._data
