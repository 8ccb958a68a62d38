"""Shared fixtures. Qt must run offscreen before any QApplication exists."""
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from nn.blas import use_one_blas_thread  # noqa: E402  (standard library only)

use_one_blas_thread()  # as the app does; before any test module loads NumPy

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def mnist_dir() -> Path:
    """The folder with the four MNIST .gz files, or skip."""
    candidate = Path(os.environ.get("DIGITLAB_MNIST_DIR", SHARED / "mnist"))
    if not (candidate / "t10k-labels-idx1-ubyte.gz").exists():
        pytest.skip(f"MNIST not found at {candidate}: set DIGITLAB_MNIST_DIR")
    return candidate


@pytest.fixture(scope="session")
def dlfs_weights() -> Path:
    """The textbook's sample_weight.pkl, or skip."""
    candidate = Path(os.environ.get("DIGITLAB_DLFS_WEIGHTS", SHARED / "dlfs" / "sample_weight.pkl"))
    if not candidate.exists():
        pytest.skip(f"textbook weights not found at {candidate}: set DIGITLAB_DLFS_WEIGHTS")
    return candidate
