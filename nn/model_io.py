"""Model files: DigitLab's .npz (arrays + JSON metadata) and the textbook's sample_weight.pkl.

A .npz is read with allow_pickle=False and saved atomically; a .pkl only through an unpickler that
admits NumPy arrays and builtin containers, so a crafted pickle cannot run code.
"""
from __future__ import annotations

import codecs
import io
import json
import os
import pickle
import zipfile
import zlib
from collections import OrderedDict
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from nn.atomic_file import (TargetError, os_error_message, probe_folder, remove_stale_temps,
                            resolve_target, write_atomically)
from nn.network import MultiLayerNet

FORMAT_VERSION = 1
# what the network's input means: pixels / 255 flattened to 784, white digit on black, drawings
# prepared by nn.preprocess (MNIST recipe); bump when that changes so old models can be told apart
PREPROCESS_VERSION = 1
INPUT_SIZE = 784
OUTPUT_SIZE = 10
ACTIVATIONS = ("relu", "sigmoid", "tanh")
METADATA_KEY = "metadata"
_FLOAT_DTYPES = (np.dtype(np.float32), np.dtype(np.float64))


class ModelFileError(ValueError):
    """A model file that cannot be used (damaged, foreign, wrong shapes, NaN weights) or saved."""


def _json_default(value):
    """Let NumPy scalars and arrays (accuracies, sizes) into the JSON metadata."""
    if isinstance(value, (np.generic, np.ndarray)):
        return value.tolist()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"metadata value {value!r} of type {type(value).__name__} is not JSON")


def save_model(path: str | os.PathLike, network: MultiLayerNet, metadata: dict) -> None:
    """Write network.params (W1, b1, ...) and metadata as JSON to an .npz, atomically.

    The metadata gains sizes, activation, dtype, preprocess_version, format_version and date
    (unless given). A symlink is followed: the file it points to is written and the link stays.
    Folders, devices and FIFOs are refused. The file is written under a temporary name in the
    same folder and moved over the target (nn.atomic_file), so a crash or kill mid-save leaves
    any old file intact; temporary files that an earlier killed save left are removed first.
    Every failure, the file system's included, raises ModelFileError with a message for the user.
    """
    meta = dict(metadata)
    meta.update(sizes=[int(s) for s in network.sizes], activation=network.activation,
                dtype=np.dtype(network.dtype).name, format_version=FORMAT_VERSION)
    meta.setdefault("preprocess_version", PREPROCESS_VERSION)
    meta.setdefault("date", datetime.now(timezone.utc).isoformat(timespec="seconds"))
    arrays = {key: np.asarray(value) for key, value in network.params.items()}
    arrays[METADATA_KEY] = np.array(json.dumps(meta, default=_json_default))
    target = None
    try:
        target = resolve_target(path)
        remove_stale_temps(target)
        write_atomically(target, lambda f: np.savez(f, **arrays))
    except (TargetError, OSError) as error:
        raise _save_error(path, target, error) from None


def check_save_target(path: str | os.PathLike, size: int = 0) -> Path:
    """The file that save_model(path, ...) would write, after checking that it can be written.

    Follows symlinks, refuses what is not a regular file, and writes size bytes (the model's
    expected size, see model_file_size) to a temporary file in the folder and removes it, so that
    a missing, read-only or full folder shows up before a long training rather than after it.
    Raises ModelFileError naming the problem.
    """
    target = None
    try:
        target = resolve_target(path)
        probe_folder(target, size)
    except (TargetError, OSError) as error:
        raise _save_error(path, target, error) from None
    return target


def model_file_size(sizes, dtype) -> int:
    """About the bytes save_model writes for a network of these layer sizes (784, ..., 10).

    The weights and biases, plus room for the metadata and the zip's headers.
    """
    numbers = sum((n_in + 1) * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))
    return numbers * np.dtype(dtype).itemsize + 64 * 1024


def _save_error(path, target: Path | None, error: Exception) -> ModelFileError:
    """ModelFileError("cannot save the model to PATH: why") for a TargetError or an OSError."""
    if isinstance(error, OSError):
        why = os_error_message(error, target if target is not None else Path(path).absolute())
    else:
        why = str(error)
    return ModelFileError(f"cannot save the model to {path}: {why}")


def check_params(params: dict, source: str) -> int:
    """Check W1, b1, ..., Wn, bn: float32/64, finite, chaining 784 -> ... -> 10; returns n.

    W{i}: (n_in, n_out), b{i}: (n_out,). Raises ModelFileError naming source and the problem.
    """
    n = sum(1 for key in params if key.startswith("W"))
    expected = {f"{kind}{i}" for i in range(1, n + 1) for kind in "Wb"}
    if n == 0 or set(params) != expected:
        raise ModelFileError(f"{source}: expected arrays W1, b1, ..., Wn, bn, "
                             f"found {sorted(params) or 'none'}")
    n_in = INPUT_SIZE
    for i in range(1, n + 1):
        W, b = params[f"W{i}"], params[f"b{i}"]
        for key, array in ((f"W{i}", W), (f"b{i}", b)):
            if not isinstance(array, np.ndarray) or array.dtype not in _FLOAT_DTYPES:
                kind = getattr(array, "dtype", type(array).__name__)
                raise ModelFileError(f"{source}: {key} must be a float32 or float64 array, "
                                     f"not {kind}")
            if not np.all(np.isfinite(array)):
                raise ModelFileError(f"{source}: {key} contains NaN or infinite values")
        if W.ndim != 2 or W.shape[0] != n_in or b.shape != W.shape[1:]:
            raise ModelFileError(f"{source}: W{i} {W.shape} and b{i} {b.shape} do not fit: "
                                 f"expected W{i} ({n_in}, k) and b{i} (k,)")
        n_in = W.shape[1]
    if n_in != OUTPUT_SIZE:
        raise ModelFileError(f"{source}: the last layer has {n_in} outputs, expected {OUTPUT_SIZE}")
    return n


def _read_npz(path: Path) -> tuple[dict, dict]:
    """(params, metadata) from an .npz, without pickle; raises ModelFileError."""
    try:
        with path.open("rb") as f:  # our own handle: np.load leaks its own when the zip is damaged
            npz = np.load(f, allow_pickle=False)
            if not isinstance(npz, np.lib.npyio.NpzFile):
                raise ModelFileError(f"{path.name}: a single .npy array, not a model .npz")
            arrays = {key: npz[key] for key in npz.files}
    except ModelFileError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise ModelFileError(f"{path.name}: not a model file (damaged or not a zip: {error})") from None
    except ValueError as error:  # not NumPy data at all, or an object array that needs pickle
        raise ModelFileError(f"{path.name}: not a model file ({error})") from None
    if METADATA_KEY not in arrays:
        raise ModelFileError(f"{path.name}: no '{METADATA_KEY}' entry (not a DigitLab model file)")
    raw = arrays.pop(METADATA_KEY)
    try:
        metadata = json.loads(str(raw[()]))
    except (json.JSONDecodeError, TypeError, IndexError, ValueError) as error:
        raise ModelFileError(f"{path.name}: the metadata is not valid JSON ({error})") from None
    if not isinstance(metadata, dict):
        raise ModelFileError(f"{path.name}: the metadata is not a JSON object")
    return arrays, metadata


def load_model(path: str | os.PathLike) -> tuple[MultiLayerNet, dict]:
    """(network, metadata) from a DigitLab .npz; raises ModelFileError for anything unusable."""
    path = Path(path)
    params, metadata = _read_npz(path)
    n = check_params(params, path.name)
    activation = metadata.get("activation")
    if activation not in ACTIVATIONS:
        raise ModelFileError(f"{path.name}: unknown activation {activation!r} "
                             f"(expected one of {', '.join(ACTIVATIONS)})")
    sizes = [INPUT_SIZE] + [params[f"W{i}"].shape[1] for i in range(1, n + 1)]
    if "sizes" in metadata and list(metadata["sizes"]) != sizes:
        raise ModelFileError(f"{path.name}: metadata says sizes {metadata['sizes']}, "
                             f"the arrays have {sizes}")
    return MultiLayerNet.from_params(params, activation=activation), metadata


class _ArrayUnpickler(pickle.Unpickler):
    """Unpickles NumPy arrays and builtin containers; refuses every other global."""

    _reconstruct = np.ndarray.__reduce__(np.zeros(1))[0]  # numpy's _reconstruct, wherever it lives
    _scalar = np.float32(0).__reduce__()[0]
    _frombuffer = np.zeros(1).__reduce_ex__(5)[0]  # arrays in pickle protocol 5
    ALLOWED = {
        ("numpy.core.multiarray", "_reconstruct"): _reconstruct,
        ("numpy._core.multiarray", "_reconstruct"): _reconstruct,
        ("numpy.core.multiarray", "scalar"): _scalar,
        ("numpy._core.multiarray", "scalar"): _scalar,
        ("numpy.core.numeric", "_frombuffer"): _frombuffer,
        ("numpy._core.numeric", "_frombuffer"): _frombuffer,
        ("numpy", "ndarray"): np.ndarray,
        ("numpy", "dtype"): np.dtype,
        ("_codecs", "encode"): codecs.encode,  # bytes in pickle protocols 0-2
        ("builtins", "set"): set,
        ("builtins", "frozenset"): frozenset,
        ("builtins", "bytearray"): bytearray,
        ("collections", "OrderedDict"): OrderedDict,
    }

    def find_class(self, module, name):
        try:
            return self.ALLOWED[(module, name)]
        except KeyError:
            raise ModelFileError(
                f"refused to load {module}.{name}: only NumPy arrays are allowed in a weight "
                "pickle (this file may try to run code)") from None


def load_textbook_pickle(path: str | os.PathLike) -> dict[str, np.ndarray]:
    """The textbook's sample_weight.pkl as {"W1": (784, 50), "b1": (50,), ..., "b3": (10,)}.

    Only NumPy arrays and builtin containers are unpickled; anything else raises ModelFileError
    before it runs. The arrays are checked like an .npz's.
    """
    path = Path(path)
    raw = path.read_bytes()
    try:
        params = _ArrayUnpickler(io.BytesIO(raw), encoding="latin1").load()
    except ModelFileError as error:
        raise ModelFileError(f"{path.name}: {error}") from None
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, IndexError,
            KeyError) as error:
        raise ModelFileError(f"{path.name}: not a readable weight pickle ({error!r})") from None
    if not isinstance(params, dict) or not all(isinstance(key, str) for key in params):
        raise ModelFileError(f"{path.name}: expected a dict of named arrays, "
                             f"got {type(params).__name__}")
    params = dict(params)
    check_params(params, path.name)
    return params


def load_any(path: str | os.PathLike) -> tuple[MultiLayerNet, dict]:
    """(network, metadata) from a DigitLab .npz or the textbook's .pkl (sigmoid network)."""
    path = Path(path)
    if path.suffix.lower() == ".pkl":
        params = load_textbook_pickle(path)
        network = MultiLayerNet.from_params(params, activation="sigmoid")
        metadata = {"sizes": [int(s) for s in network.sizes], "activation": "sigmoid",
                    "preprocess_version": PREPROCESS_VERSION,
                    "source": "textbook pickle (Deep Learning from Scratch, sample_weight.pkl)"}
        return network, metadata
    return load_model(path)
