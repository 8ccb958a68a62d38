"""Decompression bombs and size claims: refused from their headers, quickly, in little memory.

Each case runs in a fresh Python with 3 GB of address space, timed, its peak memory growth
measured; without the limits these files took tens of seconds and gigabytes (or MemoryError).
"""
import pickle
import struct

import numpy as np
import pytest

from bombs import (MIB, deflate_zeros, deflated, gzip_bomb, model_metadata, npy_bytes, npy_header,
                   run_measured, zip_file)

resource = pytest.importorskip("resource")  # RLIMIT_AS and ru_maxrss: POSIX only

MODEL = "from digitlab.nn.files.model_io import load_any"
IDX = "from digitlab.nn.data.mnist import load_mnist, read_idx"
SMALL_MB = 40   # memory growth allowed for refusing a bomb (the interpreter's own noise ~ 1 MB)
QUICK_S = 5.0   # generous: the refusals take milliseconds


def assert_refused(measured, error: str, words: str) -> None:
    assert measured.seconds < QUICK_S, measured
    assert measured.grown_mb < SMALL_MB, measured
    assert measured.outcome.startswith(error), measured.outcome
    assert words in measured.outcome
    assert "\n" not in measured.outcome


def test_npz_bomb_is_refused_from_its_header(tmp_path):
    # 3 MB on disk, 3.1 GB of float32 zeros inside: W1 declares (784, 1000000)
    shape = (784, 1_000_000)
    header = npy_header(shape)
    size = len(header) + 784 * 1_000_000 * 4
    entries = {"metadata.npy": model_metadata(),
               "W1.npy": (deflate_zeros(size // MIB, header), size, 0)}
    path = tmp_path / "bomb.npz"
    path.write_bytes(zip_file(entries))
    assert path.stat().st_size < 4 * MIB
    measured = run_measured(MODEL, f"load_any({str(path)!r})")
    assert_refused(measured, "digitlab.nn.files.model_io.ModelFileError", "W1 declares shape (784, 1000000)")


def test_npz_metadata_bomb_is_refused(tmp_path):
    # the metadata entry is a 400 MB string (of zeros) in 0.4 MB
    header = npy_header((), "<U100000000")
    size = len(header) + 400_000_000
    entries = {"metadata.npy": (deflate_zeros(-(-400_000_000 // MIB), header), size, 0)}
    path = tmp_path / "meta.npz"
    path.write_bytes(zip_file(entries))
    measured = run_measured(MODEL, f"load_any({str(path)!r})")
    assert_refused(measured, "digitlab.nn.files.model_io.ModelFileError", "the metadata declares")


def test_mnist_gzip_bomb_is_refused_from_its_header(tmp_path):
    # 4 MB on disk, 4 GB inside: the header claims 5.1 million images
    header = bytes([0, 0, 8, 3]) + struct.pack(">III", 5_100_000, 28, 28)
    path = tmp_path / "train-images-idx3-ubyte.gz"
    path.write_bytes(gzip_bomb(header, 3_800))
    assert path.stat().st_size < 5 * MIB
    measured = run_measured(IDX, f"read_idx({str(path)!r})")
    assert_refused(measured, "digitlab.nn.files.idx.IdxError", "(5100000, 28, 28)")


def test_mnist_gzip_is_not_decompressed_past_its_header(tmp_path):
    # a plausible header (10 images) followed by 4 GB of zeros
    header = bytes([0, 0, 8, 3]) + struct.pack(">III", 10, 28, 28)
    path = tmp_path / "t10k-images-idx3-ubyte.gz"
    path.write_bytes(gzip_bomb(header, 3_800))
    measured = run_measured(IDX, f"read_idx({str(path)!r})")
    assert_refused(measured, "digitlab.nn.files.idx.IdxError", "longer than its header says")


def test_mnist_folder_refuses_more_images_than_mnist_has(tmp_path):
    from local_mirror import fake_mnist
    folder = fake_mnist(tmp_path / "m")
    header = bytes([0, 0, 8, 3]) + struct.pack(">III", 70_000, 28, 28)
    (folder / "train-images-idx3-ubyte.gz").write_bytes(gzip_bomb(header, 60))
    measured = run_measured(IDX, f"load_mnist(mnist_dir={str(folder)!r})")
    assert_refused(measured, "digitlab.nn.files.idx.IdxError", "at most (60000, 28, 28)")


def test_pickle_claiming_ten_terabytes_is_refused(tmp_path):
    path = tmp_path / "claims.pkl"
    path.write_bytes(b"\x80\x04\x8e" + struct.pack("<Q", 10 ** 13) + b"abc")
    measured = run_measured(MODEL, f"load_any({str(path)!r})")
    assert_refused(measured, "digitlab.nn.files.model_io.ModelFileError", "claims.pkl")


def test_pickle_huge_memo_index_is_refused(tmp_path):
    # LONG_BINPUT 2**25 makes the C unpickler allocate and clear a 512 MB memo table
    path = tmp_path / "memo.pkl"
    path.write_bytes(b"\x80\x02}r" + struct.pack("<I", 2 ** 25) + b".")
    measured = run_measured(MODEL, f"load_any({str(path)!r})")
    assert_refused(measured, "digitlab.nn.files.model_io.ModelFileError", "memo index")


class Claim:
    """Pickles into a direct call numpy.ndarray(shape, "f8"): memory the file does not hold."""

    def __init__(self, shape):
        self.shape = shape

    def __reduce__(self):
        return np.ndarray, (self.shape, "f8")


def test_pickle_calling_ndarray_with_a_huge_shape_is_refused(tmp_path):
    # {"W1": (784, 250000) float64, "b1": (250000,)}: 1.5 GB from a 100-byte file
    body = pickle.dumps({"W1": Claim((784, 250_000)), "b1": Claim((250_000,))}, protocol=2)
    assert pickle.loads(body)["W1"].shape == (784, 250_000)  # an ordinary unpickler builds it
    path = tmp_path / "ndarray.pkl"
    path.write_bytes(body)
    measured = run_measured(MODEL, f"load_any({str(path)!r})")
    assert_refused(measured, "digitlab.nn.files.model_io.ModelFileError", "numpy.ndarray")


def test_a_legitimate_model_still_loads_in_the_child(tmp_path):
    # the harness itself: a good file loads there, so the refusals above are the loader's
    rng = np.random.default_rng(0)
    entries = {"metadata.npy": model_metadata(),
               "W1.npy": deflated(npy_bytes(rng.normal(size=(784, 5)).astype(np.float32))),
               "b1.npy": deflated(npy_bytes(np.zeros(5, np.float32))),
               "W2.npy": deflated(npy_bytes(rng.normal(size=(5, 10)).astype(np.float32))),
               "b2.npy": deflated(npy_bytes(np.zeros(10, np.float32)))}
    path = tmp_path / "good.npz"
    path.write_bytes(zip_file(entries))
    assert run_measured(MODEL, f"load_any({str(path)!r})").outcome == "loaded"
