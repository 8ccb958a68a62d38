"""Tiny MNIST-shaped files and helpers for download tests against a server on 127.0.0.1."""
from __future__ import annotations

import gzip
import hashlib
import socket
import struct
from pathlib import Path

import numpy as np

from digitlab.nn.data.mnist import FILES


def idx_bytes(array: np.ndarray, type_byte: int = 0x08) -> bytes:
    """An IDX file written by hand (independent of the reader)."""
    header = bytes([0, 0, type_byte, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    return header + array.astype(array.dtype.newbyteorder(">")).tobytes()


def fake_mnist(folder: Path, n_train: int = 6, n_test: int = 4, gz: bool = True) -> Path:
    """Tiny valid MNIST-shaped files; image k of a split is filled with k, its label is k % 10."""
    folder.mkdir(parents=True, exist_ok=True)
    for prefix, n in (("train", n_train), ("t10k", n_test)):
        images = np.broadcast_to(np.arange(n, dtype=np.uint8)[:, None, None], (n, 28, 28))
        labels = (np.arange(n) % 10).astype(np.uint8)
        for kind, array in (("images-idx3", images), ("labels-idx1", labels)):
            name = f"{prefix}-{kind}-ubyte"
            raw = idx_bytes(np.ascontiguousarray(array))
            if gz:
                (folder / f"{name}.gz").write_bytes(gzip.compress(raw))
            else:
                (folder / name).write_bytes(raw)
    return folder


def serve_fake_mnist(served: Path, subdir: str = "mirror") -> dict[str, str]:
    """Fake MNIST .gz files under served/subdir; returns their md5 table."""
    folder = fake_mnist(served / subdir)
    return {name: hashlib.md5((folder / name).read_bytes()).hexdigest() for name in FILES}


def closed_port_url() -> str:
    """A URL on 127.0.0.1 where nothing listens: a dead mirror."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/"
