"""The personal data set's .npz file: writing it atomically, and reading it only after checks.

Arrays: images (N, 28, 28) float32, labels (N,) int64, ids (N,) int64, created (N,) float64,
points (P, 2) float32 (every stroke's points, one after the other), stroke_ends (S,) int64 (where
each stroke ends in points), sample_stroke_ends (N,) int64 (where each sample's strokes end) and
info, a JSON string {"format": "digitlab-personal", "version": 1, "next_id": ...}.
"""
from __future__ import annotations

import json
import math
import struct
import zipfile
import zlib
from pathlib import Path

import numpy as np

from digitlab.nn.files.atomic_file import TargetError, resolve_target, write_atomically
from digitlab.nn.files.file_checks import UnreadableFile, display_name, open_file
from digitlab.nn.files.npz_reader import NpzError, read_npz

FORMAT = "digitlab-personal"
VERSION = 1
MAX_SAMPLES = 20_000
MAX_STROKES = 1_000_000
MAX_POINTS = 10_000_000
MAX_UNPACKED_BYTES = 400 * 2**20     # all arrays together, as the .npy headers declare them
MAX_FILE_BYTES = MAX_UNPACKED_BYTES + 2**20   # savez_compressed never makes a file larger than that
MAX_INFO_BYTES = 1_000_000
KEYS = ("images", "labels", "ids", "created", "points", "stroke_ends", "sample_stroke_ends",
        "info")


class PersonalDataError(ValueError):
    """A personal data file that cannot be used; the message is one line naming the file."""


def write_personal_npz(path: Path, samples, next_id: int) -> None:
    """Save samples (PersonalSample-like) to path via a temporary file and os.replace."""
    strokes = [stroke for sample in samples for stroke in sample.strokes]
    arrays = {
        "images": np.array([s.image for s in samples], np.float32).reshape(-1, 28, 28),
        "labels": np.array([s.label for s in samples], np.int64),
        "ids": np.array([s.sample_id for s in samples], np.int64),
        "created": np.array([s.created for s in samples], np.float64),
        "points": (np.concatenate(strokes).astype(np.float32) if strokes
                   else np.zeros((0, 2), np.float32)),
        "stroke_ends": np.cumsum([len(stroke) for stroke in strokes], dtype=np.int64),
        "sample_stroke_ends": np.cumsum([len(s.strokes) for s in samples], dtype=np.int64),
        "info": np.array(json.dumps({"format": FORMAT, "version": VERSION,
                                     "next_id": int(next_id)})),
    }
    try:
        target = resolve_target(path)
    except TargetError as error:      # a folder, a device: callers report OSErrors of saves
        raise OSError(f"cannot write {display_name(path)}: {error}") from None
    # the temporary file carries our pid (atomic_file): a later start removes it after a kill
    write_atomically(target, lambda f: np.savez_compressed(f, **arrays))


def read_personal_npz(path: Path) -> tuple[list[tuple], int]:
    """([(id, label, image, strokes, created), ...], next_id) from a checked file."""
    arrays = _load_arrays(path)
    name = path.name
    info = _check_info(arrays.pop("info"), name)
    n = _check_samples(arrays, name)
    strokes = _split_strokes(arrays, n, name)
    ids = arrays["ids"]
    next_id = info["next_id"]
    if n and next_id <= int(ids.max()):
        raise PersonalDataError(f"{name}: next_id {next_id} is not above every sample id")
    images = arrays["images"].astype(np.float32)
    rows = [(ids[i], arrays["labels"][i], images[i], strokes[i], arrays["created"][i])
            for i in range(n)]
    return rows, next_id


def _load_arrays(path: Path) -> dict[str, np.ndarray]:
    """Every array of the .npz after checking each header's shape and size; no pickle.

    A damaged byte in a header can declare any shape: the headers are checked (nn.npz_reader)
    before anything is allocated, and whatever else goes wrong while reading is reported as a
    damaged file, never as some other error.
    """
    name = display_name(path)
    try:
        f = open_file(path, MAX_FILE_BYTES, "personal data set")
    except UnreadableFile as problem:
        raise PersonalDataError(f"{name}: {problem}") from None
    try:
        with f:
            arrays = read_npz(f, _declared_limits(name))
    except PersonalDataError:
        raise
    except (NpzError, zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError,
            NotImplementedError, struct.error, ValueError, OSError, MemoryError,
            RecursionError, OverflowError) as error:
        raise PersonalDataError(f"{name}: the file is damaged, or not a personal data set "
                                f"({_one_line(error)})") from None
    if set(arrays) != set(KEYS):
        raise PersonalDataError(f"{name}: not a personal data set (arrays {sorted(arrays)}, "
                                f"expected {sorted(KEYS)})")
    return arrays


def _one_line(error: BaseException, limit: int = 160) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _declared_limits(name: str):
    """A check for read_npz: known arrays of bounded size, refused before their data is read."""
    total = [0]

    def check(key: str, shape: tuple, dtype: np.dtype) -> None:
        if key not in KEYS:
            raise PersonalDataError(f"{name}: not a personal data set (an array called "
                                    f"{key[:40]!r})")
        size = math.prod(shape) * dtype.itemsize
        total[0] += size
        if total[0] > MAX_UNPACKED_BYTES:
            raise PersonalDataError(f"{name}: the file is damaged: it unpacks to more than a "
                                    f"personal data set can hold ({MAX_UNPACKED_BYTES:,} bytes)")
        if key == "info" and size > MAX_INFO_BYTES:
            raise PersonalDataError(f"{name}: the file is damaged: its info declares "
                                    f"{size:,} bytes")
    return check


def _check_info(raw: np.ndarray, name: str) -> dict:
    try:
        info = json.loads(str(raw[()]))
    except (json.JSONDecodeError, TypeError, IndexError, ValueError):
        info = None
    if not isinstance(info, dict) or info.get("format") != FORMAT:
        raise PersonalDataError(f"{name}: not a DigitLab personal data set (no valid info)")
    if info.get("version") != VERSION:
        raise PersonalDataError(f"{name}: format version {info.get('version')!r} is not "
                                f"supported (this DigitLab reads version {VERSION})")
    next_id = info.get("next_id")
    if isinstance(next_id, bool) or not isinstance(next_id, int) or not 0 <= next_id < 2**53:
        raise PersonalDataError(f"{name}: next_id must be a whole number >= 0, got {next_id!r}")
    return info


def _check_samples(arrays: dict, name: str) -> int:
    """Number of samples N after checking images, labels, ids and created."""
    images, labels, ids = arrays["images"], arrays["labels"], arrays["ids"]
    n = len(labels) if labels.ndim == 1 else -1
    expected = {"images": (n, 28, 28), "labels": (n,), "ids": (n,), "created": (n,),
                "sample_stroke_ends": (n,)}
    for key, shape in expected.items():
        if n < 0 or arrays[key].shape != shape:
            raise PersonalDataError(f"{name}: {key} has shape {arrays[key].shape}, expected "
                                    f"{shape if n >= 0 else '(N, ...)'}")
    if n > MAX_SAMPLES:
        raise PersonalDataError(f"{name}: {n:,} samples, more than {MAX_SAMPLES:,}")
    for key, kind in (("images", "f"), ("created", "f"), ("labels", "i"), ("ids", "i")):
        if arrays[key].dtype.kind != kind:
            raise PersonalDataError(f"{name}: {key} has dtype {arrays[key].dtype}")
    if not (np.all(np.isfinite(images)) and np.all(np.isfinite(arrays["created"]))):
        raise PersonalDataError(f"{name}: the images or times contain NaN or infinite values")
    if n and (images.min() < 0 or images.max() > 1):
        raise PersonalDataError(f"{name}: image values must lie in [0, 1]")
    if n and (labels.min() < 0 or labels.max() > 9):
        raise PersonalDataError(f"{name}: labels must be digits 0-9")
    if n and (ids.min() < 0 or len(np.unique(ids)) != n or np.any(np.diff(ids) <= 0)):
        raise PersonalDataError(f"{name}: sample ids must be >= 0, unique and increasing")
    return n


def _split_strokes(arrays: dict, n: int, name: str) -> list[tuple[np.ndarray, ...]]:
    """Per sample, its strokes (K, 2) float32, from the flat points and the two offset arrays."""
    points, stroke_ends, sample_ends = (arrays["points"], arrays["stroke_ends"],
                                        arrays["sample_stroke_ends"])
    if points.ndim != 2 or points.shape[1] != 2 or points.dtype.kind != "f":
        raise PersonalDataError(f"{name}: points must be a (P, 2) float array, got "
                                f"{points.shape} {points.dtype}")
    if len(points) > MAX_POINTS or len(stroke_ends) > MAX_STROKES:
        raise PersonalDataError(f"{name}: more than {MAX_POINTS:,} points or "
                                f"{MAX_STROKES:,} strokes")
    if not np.all(np.isfinite(points)):
        raise PersonalDataError(f"{name}: the strokes contain NaN or infinite values")
    for key, ends, total in (("stroke_ends", stroke_ends, len(points)),
                             ("sample_stroke_ends", sample_ends, len(stroke_ends))):
        if ends.ndim != 1 or ends.dtype.kind != "i" or (len(ends) and (
                ends[0] < 0 or np.any(np.diff(ends) < 0) or ends[-1] != total)) or (
                not len(ends) and total):
            raise PersonalDataError(f"{name}: {key} are not increasing offsets ending at {total}")
    if np.any(np.diff(np.concatenate([[0], stroke_ends])) == 0):
        raise PersonalDataError(f"{name}: a stroke has no points")
    strokes = np.split(points.astype(np.float32), stroke_ends[:-1]) if len(stroke_ends) else []
    starts = np.concatenate([[0], sample_ends[:-1]]) if n else []
    return [tuple(strokes[a:b]) for a, b in zip(starts, sample_ends)]
