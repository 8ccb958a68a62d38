"""Model files: DigitLab's .npz (arrays + JSON metadata) and the textbook's sample_weight.pkl.

A .npz is saved atomically and read without pickle, every array header checked against the
limits below before any data is decompressed (nn/npz_reader.py); a .pkl only through an unpickler
that admits NumPy arrays and builtin containers and allocates nothing the file merely claims
(nn/weight_pickle.py), so a crafted file can neither run code nor take all memory.
"""
from __future__ import annotations

import json
import math
import os
import pickle
import struct
import zipfile
import zlib
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from digitlab.nn.files.atomic_file import (TargetError, os_error_message, probe_folder, remove_stale_temps,
                            resolve_target, write_atomically)
from digitlab.nn.files.file_checks import UnreadableFile, display_name, open_file
from digitlab.nn.model.convnet import ConvNet
from digitlab.nn.model.network import MultiLayerNet
from digitlab.nn.files.npz_reader import NpzError, read_npz
from digitlab.nn.training.train_config import ACTIVATION_NAMES, INPUT_SIZE, OUTPUT_SIZE
from digitlab.nn.files.weight_pickle import PickleRefused, load_weights

FORMAT_VERSION = 1
# what the network's input means: pixels / 255 flattened to 784, white digit on black, drawings
# prepared by nn.preprocess (MNIST recipe); bump when that changes so old models can be told apart
PREPROCESS_VERSION = 1
METADATA_KEY = "metadata"
_FLOAT_DTYPES = (np.dtype(np.float32), np.dtype(np.float64))
# What a model file may declare, checked before its data is read. Far beyond what trains in
# reasonable time here (784-1000-1000-10 has 1.8 million parameters), far below what a
# decompression bomb asks for. Largest in memory: 50 million float64 parameters, 400 MB.
MAX_PARAMETERS = 50_000_000   # weights and biases of all layers
MAX_WIDTH = 50_000            # units in one layer
MAX_LAYERS = 50
MAX_METADATA_BYTES = 1_000_000
MAX_PICKLE_BYTES = 64_000_000  # the textbook's sample_weight.pkl is 0.2 MB


class ModelFileError(ValueError):
    """A model file that cannot be used (damaged, foreign, wrong shapes, NaN weights) or saved."""


def _json_default(value):
    """Let NumPy scalars and arrays (accuracies, sizes) into the JSON metadata."""
    if isinstance(value, (np.generic, np.ndarray)):
        return value.tolist()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"metadata value {value!r} of type {type(value).__name__} is not JSON")


def save_model(path: str | os.PathLike, network: MultiLayerNet | ConvNet, metadata: dict) -> None:
    """Write network.params (W1, b1, ...) and metadata as JSON to an .npz, atomically.

    The metadata gains sizes and activation (a ConvNet: its architecture, kind "conv"), dtype,
    preprocess_version, format_version and date (unless given). A symlink is followed: the file it points to is written and the link stays.
    Folders, devices and FIFOs are refused. The file is written under a temporary name in the
    same folder and moved over the target (nn.atomic_file), so a crash or kill mid-save leaves
    any old file intact; temporary files that an earlier killed save left are removed first.
    Every failure, the file system's included, raises ModelFileError with a message for the user.
    """
    meta = dict(metadata)
    if isinstance(network, ConvNet):
        meta.update(network.architecture(), activation="relu")
    else:
        meta.update(sizes=[int(s) for s in network.sizes], activation=network.activation)
    meta.update(dtype=np.dtype(network.dtype).name, format_version=FORMAT_VERSION)
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


def model_file_size(n_params: int, dtype) -> int:
    """About the bytes save_model writes for a network of n_params weights and biases.

    The numbers, plus room for the metadata and the zip's headers.
    """
    return int(n_params) * np.dtype(dtype).itemsize + 64 * 1024


def _save_error(path, target: Path | None, error: Exception) -> ModelFileError:
    """ModelFileError("cannot save the model to PATH: why") for a TargetError or an OSError."""
    if isinstance(error, OSError):
        why = os_error_message(error, target if target is not None else Path(path).absolute())
    else:
        why = str(error)
    return ModelFileError(f"cannot save the model to {path}: {why}")


def check_arrays(params: dict, source: str) -> int:
    """Check that params holds W1, b1, ..., Wn, bn, all finite float32/64 arrays; returns n.

    Raises ModelFileError naming source and the problem.
    """
    n = sum(1 for key in params if key.startswith("W"))
    expected = {f"{kind}{i}" for i in range(1, n + 1) for kind in "Wb"}
    if n == 0 or set(params) != expected:
        raise ModelFileError(f"{source}: expected arrays W1, b1, ..., Wn, bn, "
                             f"found {sorted(params) or 'none'}")
    for key, array in params.items():
        if not isinstance(array, np.ndarray) or array.dtype not in _FLOAT_DTYPES:
            kind = getattr(array, "dtype", type(array).__name__)
            raise ModelFileError(f"{source}: {key} must be a float32 or float64 array, not {kind}")
        if not np.all(np.isfinite(array)):
            raise ModelFileError(f"{source}: {key} contains NaN or infinite values")
    return n


def check_params(params: dict, source: str) -> int:
    """Check W1, b1, ..., Wn, bn: float32/64, finite, chaining 784 -> ... -> 10; returns n.

    W{i}: (n_in, n_out), b{i}: (n_out,). Raises ModelFileError naming source and the problem.
    """
    n = check_arrays(params, source)
    n_in = INPUT_SIZE
    for i in range(1, n + 1):
        W, b = params[f"W{i}"], params[f"b{i}"]
        if W.ndim != 2 or W.shape[0] != n_in or b.shape != W.shape[1:]:
            raise ModelFileError(f"{source}: W{i} {W.shape} and b{i} {b.shape} do not fit: "
                                 f"expected W{i} ({n_in}, k) and b{i} (k,)")
        n_in = W.shape[1]
    if n_in != OUTPUT_SIZE:
        raise ModelFileError(f"{source}: the last layer has {n_in} outputs, expected {OUTPUT_SIZE}")
    return n


# ---- loading ------------------------------------------------------------------------------

_MAX_NPZ_BYTES = 8 * MAX_PARAMETERS + MAX_METADATA_BYTES + 1_000_000  # float64, zip overhead
# what zipfile and zlib raise for a damaged archive (flipped bytes, truncation)
_DAMAGED = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError,
            NotImplementedError, RuntimeError, struct.error, ValueError)


def _one_line(text: object, limit: int = 160) -> str:
    """text on one line, shortened: error details and file contents go into one-line messages."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _declared_limits(source: str):
    """A check for read_npz: refuse sizes no model has, before any array data is read."""
    total = {"parameters": 0, "bytes": 0, "arrays": 0}

    def check(key: str, shape: tuple, dtype: np.dtype) -> None:
        size = math.prod(shape) * dtype.itemsize
        if key == METADATA_KEY:
            if size > MAX_METADATA_BYTES:
                raise ModelFileError(f"{source}: the metadata declares {size:,} bytes, more than "
                                     f"the {MAX_METADATA_BYTES:,} a model file has")
            return
        if max(shape, default=0) > MAX_WIDTH:
            raise ModelFileError(f"{source}: {_one_line(key, 40)} declares shape {shape}, a layer "
                                 f"wider than the {MAX_WIDTH:,} units a model may have")
        total["parameters"] += math.prod(shape)
        total["bytes"] += size
        total["arrays"] += 1
        if total["parameters"] > MAX_PARAMETERS or total["bytes"] > 8 * MAX_PARAMETERS:
            raise ModelFileError(f"{source}: the arrays declare more than the "
                                 f"{MAX_PARAMETERS:,} parameters a model may have")
        if total["arrays"] > 2 * MAX_LAYERS:
            raise ModelFileError(f"{source}: more than the {MAX_LAYERS} layers a model may have")
    return check


def _read_npz(path) -> tuple[dict, dict]:
    """(params, metadata) from an .npz, without pickle, within the limits; raises ModelFileError."""
    source = display_name(path)
    try:
        f = open_file(path, _MAX_NPZ_BYTES, "model file")
    except UnreadableFile as problem:
        raise ModelFileError(f"{source}: {problem}") from None
    with f:
        if f.read(6) == b"\x93NUMPY":
            raise ModelFileError(f"{source}: a single .npy array, not a model .npz")
        try:
            arrays = read_npz(f, _declared_limits(source))
        except ModelFileError:
            raise
        except NpzError as error:
            raise ModelFileError(f"{source}: not a model file ({_one_line(error)})") from None
        except _DAMAGED as error:
            raise ModelFileError(f"{source}: not a model file (damaged or not a zip: "
                                 f"{_one_line(error)})") from None
        except MemoryError:
            raise ModelFileError(f"{source}: there is not enough memory to load it") from None
    return arrays, _parse_metadata(arrays, source)


def _parse_metadata(arrays: dict, source: str) -> dict:
    """The JSON object in the 'metadata' entry (removed from arrays); raises ModelFileError."""
    if METADATA_KEY not in arrays:
        raise ModelFileError(f"{source}: no '{METADATA_KEY}' entry (not a DigitLab model file)")
    raw = arrays.pop(METADATA_KEY)
    try:
        metadata = json.loads(str(raw[()]))
    except (json.JSONDecodeError, TypeError, IndexError, ValueError, RecursionError) as error:
        raise ModelFileError(f"{source}: the metadata is not valid JSON "
                             f"({_one_line(error, 80)})") from None
    if not isinstance(metadata, dict):
        raise ModelFileError(f"{source}: the metadata is not a JSON object")
    return metadata


def load_model(path: str | bytes | os.PathLike) -> tuple[MultiLayerNet, dict]:
    """(network, metadata) from a DigitLab .npz; raises ModelFileError for anything unusable.

    Folders, links that loop, names too long, files beyond the limits (MAX_PARAMETERS,
    MAX_WIDTH, MAX_LAYERS: checked on the headers, before any data is decompressed) and
    damaged archives all raise ModelFileError with a one-line message naming the file.
    """
    source = display_name(path)
    params, metadata = _read_npz(path)
    if metadata.get("kind") == ConvNet.kind:
        return _conv_from(params, metadata, source), metadata
    n = check_params(params, source)
    activation = metadata.get("activation")
    if activation not in ACTIVATION_NAMES:
        raise ModelFileError(f"{source}: unknown activation {_one_line(repr(activation), 40)} "
                             f"(expected one of {', '.join(ACTIVATION_NAMES)})")
    sizes = [INPUT_SIZE] + [params[f"W{i}"].shape[1] for i in range(1, n + 1)]
    if "sizes" in metadata and metadata["sizes"] != sizes:
        raise ModelFileError(f"{source}: metadata says sizes "
                             f"{_one_line(json.dumps(metadata['sizes']), 60)}, "
                             f"the arrays have {sizes}")
    accuracy = metadata.get("test_accuracy")
    if accuracy is not None and (isinstance(accuracy, bool) or not isinstance(accuracy, (int, float))
                                 or not 0.0 <= accuracy <= 1.0):
        raise ModelFileError(f"{source}: metadata says test_accuracy "
                             f"{_one_line(json.dumps(accuracy), 40)}, expected a fraction 0..1")
    return MultiLayerNet.from_params(params, activation=activation), metadata


def _conv_from(params: dict, metadata: dict, source: str) -> ConvNet:
    """The ConvNet that metadata's architecture describes around params; ModelFileError when the
    architecture is not plain small numbers or the arrays' shapes do not chain through it."""
    check_arrays(params, source)
    conv, hidden = metadata.get("conv"), metadata.get("hidden_sizes")

    def small_ints(values, length=None):
        return (isinstance(values, list) and (length is None or len(values) == length)
                and all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= MAX_WIDTH
                        for v in values))
    if not (isinstance(conv, list) and 0 < len(conv) <= MAX_LAYERS
            and all(small_ints(stage, 3) for stage in conv) and small_ints(hidden)
            and len(hidden) <= MAX_LAYERS and metadata.get("output_size", OUTPUT_SIZE) == OUTPUT_SIZE):
        raise ModelFileError(f"{source}: the metadata's convolutional architecture is not valid "
                             f"(conv {_one_line(json.dumps(conv), 60)}, hidden_sizes "
                             f"{_one_line(json.dumps(hidden), 40)})")
    try:
        return ConvNet.from_params(params, {"conv": conv, "hidden_sizes": hidden})
    except ValueError as error:
        raise ModelFileError(f"{source}: {_one_line(error)}") from None


def load_textbook_pickle(path: str | bytes | os.PathLike) -> dict[str, np.ndarray]:
    """The textbook's sample_weight.pkl as {"W1": (784, 50), "b1": (50,), ..., "b3": (10,)}.

    Only NumPy arrays and builtin containers are unpickled (nn.weight_pickle); anything else,
    and any size the file merely claims, raises ModelFileError before it runs or is allocated.
    Files over MAX_PICKLE_BYTES are refused unread. The arrays are checked like an .npz's.
    """
    source = display_name(path)
    try:
        with open_file(path, MAX_PICKLE_BYTES, "weight pickle") as f:
            raw = f.read()
    except UnreadableFile as problem:
        raise ModelFileError(f"{source}: {problem}") from None
    except OSError as error:
        raise ModelFileError(f"{source}: cannot read it ({_one_line(error)})") from None
    try:
        params = load_weights(raw, 8 * MAX_PARAMETERS)
    except PickleRefused as error:
        raise ModelFileError(f"{source}: {error}") from None
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, IndexError,
            KeyError, OverflowError, MemoryError, RecursionError, struct.error) as error:
        raise ModelFileError(f"{source}: not a readable weight pickle "
                             f"({_one_line(repr(error), 100)})") from None
    if not isinstance(params, dict) or not all(isinstance(key, str) for key in params):
        raise ModelFileError(f"{source}: expected a dict of named arrays, "
                             f"got {type(params).__name__}")
    params = {key: value.view(np.ndarray) if isinstance(value, np.ndarray) else value
              for key, value in params.items()}
    check_params(params, source)
    return params


def load_any(path: str | bytes | os.PathLike) -> tuple[MultiLayerNet, dict]:
    """(network, metadata) from a DigitLab .npz or the textbook's .pkl (sigmoid network).

    Raises ModelFileError (one line, naming the file) for anything that cannot be loaded.
    """
    path = os.fsdecode(path)  # bytes and undecodable names alike (surrogateescape)
    if path.lower().endswith(".pkl"):
        params = load_textbook_pickle(path)
        network = MultiLayerNet.from_params(params, activation="sigmoid")
        metadata = {"sizes": [int(s) for s in network.sizes], "activation": "sigmoid",
                    "preprocess_version": PREPROCESS_VERSION,
                    "source": "textbook pickle (Deep Learning from Scratch, sample_weight.pkl)"}
        return network, metadata
    return load_model(path)
