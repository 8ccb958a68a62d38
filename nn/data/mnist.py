"""MNIST: read IDX files, find them on disk, download them from the public mirrors.

The textbook's dataset/mnist.py downloads beside its source and pickles a copy there; this module
reads the four .gz files in place and downloads, when asked, into the user's cache folder.
"""
from __future__ import annotations

import hashlib
import http.client
import os
import sys
import tempfile
import types
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np

from digitlab.nn.files.file_checks import UnreadableFile, check_folder, display_name
from digitlab.nn.files.idx import IdxError, parse_idx, read_idx  # noqa: F401  (part of this module's API)

ENV_VAR = "DIGITLAB_MNIST_DIR"
FLAG = "--mnist-dir"

MIRRORS = (
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
)

# md5 of each .gz exactly as the public mirrors serve it
FILES = types.MappingProxyType({
    "train-images-idx3-ubyte.gz": "f68b3c2dcbeaaa9fbdd348bbdeb94873",
    "train-labels-idx1-ubyte.gz": "d53e105ee54ea40749a09fcbcd1e9432",
    "t10k-images-idx3-ubyte.gz": "9fb629c4189551a2d022fa330f9573f3",
    "t10k-labels-idx1-ubyte.gz": "ec29112dd5afa0611ce80d1b7f02629c",
})

_CHUNK = 64 * 1024
MNIST_COUNTS = types.MappingProxyType({"train": 60_000, "t10k": 10_000})  # images per split


class MnistNotFoundError(RuntimeError):
    """The MNIST files are neither on disk nor downloadable."""


class DownloadCancelled(RuntimeError):
    """The cancel callback asked to stop a download."""


def default_cache_dir() -> Path:
    """The folder where downloaded MNIST files are kept: <user cache>/digitlab/mnist."""
    try:
        from platformdirs import user_cache_dir
        base = Path(user_cache_dir("digitlab"))
    except ImportError:
        base = _fallback_cache_root() / "digitlab"
    return base / "mnist"


def _fallback_cache_root() -> Path:
    """The user's cache root without platformdirs (the same rules, simplified)."""
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")


def _locate(folder: Path, gz_name: str) -> Path | None:
    """The file for gz_name in folder, compressed or already decompressed.

    A regular file is preferred; else whatever has the name (a folder, a broken link), so that
    reading it says what is wrong rather than "not found".
    """
    candidates = (folder / gz_name, folder / gz_name.removesuffix(".gz"))
    present = [c for c in candidates if os.path.lexists(c)]
    regular = [c for c in present if c.is_file()]
    return (regular or present or [None])[0]


def missing_files(folder: str | os.PathLike, files: Mapping[str, str] = FILES) -> list[str]:
    """Names of the MNIST files not present (as .gz or raw) in folder."""
    return [name for name in files if _locate(Path(folder), name) is None]


def find_mnist_dir(explicit: str | os.PathLike | None = None,
                   env: Mapping[str, str] | None = None) -> Path | None:
    """The first folder holding all four MNIST files, or None.

    Looks at explicit (the --mnist-dir flag), then $DIGITLAB_MNIST_DIR in env (default
    os.environ), then default_cache_dir().
    """
    env = os.environ if env is None else env
    candidates = [explicit, env.get(ENV_VAR), default_cache_dir()]
    for folder in candidates:
        if folder and not missing_files(folder):
            return Path(folder)
    return None


def _not_found_message(reason: str) -> str:
    return (f"{reason}\nPoint DigitLab at a folder holding the four MNIST files "
            f"({', '.join(FILES)}) with {FLAG} FOLDER or the environment variable {ENV_VAR}, "
            f"or allow a download from the public mirrors into {default_cache_dir()}.")


def _fetch(url: str, target: Path, md5: str, progress, cancel, timeout: float) -> None:
    """Download url into target through a temporary file, renamed only when whole and correct."""
    name = target.name
    handle, temp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=target.parent)
    try:
        digest = hashlib.md5()
        with os.fdopen(handle, "wb") as out, urllib.request.urlopen(url, timeout=timeout) as response:
            total = int(response.headers.get("Content-Length") or 0)
            done = 0
            while chunk := response.read(_CHUNK):
                if cancel is not None and cancel():
                    raise DownloadCancelled(f"download of {name} cancelled")
                out.write(chunk)
                digest.update(chunk)
                done += len(chunk)
                if progress is not None:
                    progress(name, done, total)
        if digest.hexdigest() != md5:
            raise ValueError(f"{name} from {url} is corrupted (md5 {digest.hexdigest()}, "
                           f"expected {md5})")
        os.replace(temp_name, target)
    finally:
        if os.path.exists(temp_name):
            os.remove(temp_name)


def _md5_of(path: Path) -> str:
    digest = hashlib.md5()
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def download_mnist(dest: str | os.PathLike, mirrors: Sequence[str] = MIRRORS,
                   progress: Callable[[str, int, int], None] | None = None,
                   cancel: Callable[[], bool] | None = None, *,
                   files: Mapping[str, str] = FILES, timeout: float = 30.0) -> Path:
    """Download the MNIST .gz files into dest, trying each mirror in turn; returns dest.

    files maps file name -> md5 (FILES by default). progress(file_name, done_bytes, total_bytes)
    is called per chunk (total 0 when the server does not say); cancel() returning True stops
    with DownloadCancelled. Files already present with the right md5 are kept. Raises
    MnistNotFoundError when no mirror delivers a correct copy.
    """
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    for name, md5 in files.items():
        target = dest / name
        if target.is_file() and _md5_of(target) == md5:
            continue
        failures = []
        for mirror in mirrors:
            url = mirror.rstrip("/") + "/" + name
            try:
                _fetch(url, target, md5, progress, cancel, timeout)
                break
            except (OSError, http.client.HTTPException, ValueError) as error:
                failures.append(f"  {url}: {getattr(error, 'reason', error)}")
        else:
            raise MnistNotFoundError(_not_found_message(
                f"Could not download {name}:\n" + "\n".join(failures)))
    return dest


def _resolve_dir(mnist_dir, download, progress, cancel) -> Path:
    """The folder to read MNIST from, downloading into the cache when allowed."""
    if mnist_dir is not None:
        try:
            check_folder(mnist_dir)
        except UnreadableFile as problem:
            raise MnistNotFoundError(_not_found_message(
                f"The MNIST folder {display_name(mnist_dir)} cannot be used: {problem}.")) from None
        missing = missing_files(mnist_dir)
        if missing:
            raise MnistNotFoundError(_not_found_message(
                f"The MNIST folder {mnist_dir} lacks {', '.join(missing)}."))
        return Path(mnist_dir)
    found = find_mnist_dir()
    if found is not None:
        return found
    if not download:
        raise MnistNotFoundError(_not_found_message(
            f"MNIST not found ({ENV_VAR} is {os.environ.get(ENV_VAR, 'not set')}, "
            f"nothing in {default_cache_dir()})."))
    return download_mnist(default_cache_dir(), progress=progress, cancel=cancel)


def _read_pair(folder: Path, prefix: str) -> tuple[np.ndarray, np.ndarray]:
    """Images (N, 28, 28) uint8 and labels (N,) uint8 of one split, checked against each other.

    The headers may declare at most MNIST's own counts (60000 / 10000), checked before the data
    is decompressed.
    """
    count = MNIST_COUNTS[prefix]
    images = read_idx(_locate(folder, f"{prefix}-images-idx3-ubyte.gz"),
                      max_shape=(count, 28, 28), max_bytes=16 + count * 28 * 28)
    labels = read_idx(_locate(folder, f"{prefix}-labels-idx1-ubyte.gz"),
                      max_shape=(count,), max_bytes=8 + count)
    if images.shape[1:] != (28, 28) or images.dtype != np.uint8:
        raise IdxError(f"{prefix} images: expected (N, 28, 28) uint8, got {images.shape} {images.dtype}")
    if labels.shape != images.shape[:1] or labels.dtype != np.uint8:
        raise IdxError(f"{prefix} labels: expected {images.shape[0]} uint8 labels (one per image), "
                       f"got {labels.shape} {labels.dtype}")
    wrong = np.flatnonzero(labels > 9)
    if wrong.size:
        raise IdxError(f"{prefix} labels: label {wrong[0]} is {labels[wrong[0]]}, expected a digit "
                       f"0..9 ({wrong.size} labels out of range)")
    return images, labels


def _prepare(images, labels, normalize, flatten, one_hot_label):
    x = images
    if normalize:
        x = images.astype(np.float32)
        x /= np.float32(255.0)  # in place: one 188 MB array for the training set, not two
    x = x.reshape(len(x), 784) if flatten else x.reshape(len(x), 1, 28, 28)
    t = labels.astype(np.int64)
    if one_hot_label:
        t = np.eye(10, dtype=np.float32)[t]
    return x, t


def load_mnist(normalize: bool = True, flatten: bool = True, one_hot_label: bool = False, *,
               mnist_dir: str | os.PathLike | None = None, download: bool = False,
               progress: Callable[[str, int, int], None] | None = None,
               cancel: Callable[[], bool] | None = None):
    """Load MNIST as ((x_train, t_train), (x_test, t_test)), with the textbook's options.

    x: (N, 784) when flatten else (N, 1, 28, 28); float32 in [0, 1] when normalize else uint8.
    t: (N,) int64 labels, or (N, 10) float32 one-hot when one_hot_label. N = 60000 / 10000.
    Looks in mnist_dir, else $DIGITLAB_MNIST_DIR, else the user cache; downloads into the cache
    when download is true. Raises MnistNotFoundError (naming --mnist-dir and DIGITLAB_MNIST_DIR).
    """
    folder = _resolve_dir(mnist_dir, download, progress, cancel)
    train = _prepare(*_read_pair(folder, "train"), normalize, flatten, one_hot_label)
    test = _prepare(*_read_pair(folder, "t10k"), normalize, flatten, one_hot_label)
    return train, test
