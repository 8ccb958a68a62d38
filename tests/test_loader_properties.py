"""Property tests: whatever the file, a loader either works or raises the project's own error with
a one-line message; nothing else escapes, nothing hangs (a deadline per case), memory stays
bounded (tracemalloc sees NumPy's and Python's allocations).

Profiles are in conftest.py: quick by default, HYPOTHESIS_PROFILE=thorough for ~12,000 cases.
"""
import gzip
import io
import json
import pickle
import struct
import tracemalloc
from datetime import timedelta

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from digitlab.gui.draw.image_io import MAX_SIDE, ImageFileError, load_image_gray
from digitlab.nn.files.idx import MAX_IDX_BYTES, IdxError, parse_idx, read_idx
from digitlab.nn.files.model_io import ModelFileError, load_any
from digitlab.nn.data.preprocess import preprocess

from bombs import gzip_bomb, npy_header

LOADER_DEADLINE = timedelta(seconds=5)  # each case takes milliseconds; a hang fails the test
LOADER_PEAK_MB = 32                      # the files are under 1 MB; a claim honoured shows here
seeds = st.integers(0, 2 ** 32 - 1)


def one_line(error: BaseException) -> None:
    text = str(error)
    assert text and "\n" not in text and "\r" not in text, repr(text)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """A folder for the files of one test module (function-scoped tmp_path and @given clash)."""
    return tmp_path_factory.mktemp("cases")


def peak_mb_of(call):
    """(result or raised error, peak traced allocation in MB during call()), traced only then."""
    tracemalloc.start()
    try:
        result = call()
    except Exception as error:  # noqa: BLE001  (the property decides what may escape)
        result = error
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return result, peak / 1e6


# ---- sizes and images ---------------------------------------------------------------------------

def sides():
    """Image sides 1..4000: mostly small, some medium, a few huge."""
    return st.one_of(st.integers(1, 40), st.integers(1, 40), st.integers(1, 40),
                     st.integers(41, 400), st.integers(41, 400), st.integers(401, 4000))


KINDS = ("blank", "one pixel", "all ink", "noise", "strokes", "gradient")


def picture(kind: str, h: int, w: int, seed: int) -> np.ndarray:
    """(h, w) float64 lightness in [0, 1] of one kind of test picture."""
    rng = np.random.default_rng(seed)
    if kind == "blank":
        return np.full((h, w), rng.uniform())
    if kind == "all ink":
        return np.zeros((h, w))
    if kind == "one pixel":
        image = np.ones((h, w))
        image[rng.integers(h), rng.integers(w)] = 0.0
        return image
    if kind == "noise":
        return rng.uniform(size=(h, w))
    if kind == "gradient":
        return np.add.outer(np.linspace(0, 0.5, h), np.linspace(0, 0.5, w))
    image = np.ones((h, w))  # strokes: a few dark lines
    for _ in range(rng.integers(1, 5)):
        r0, r1 = sorted(rng.integers(0, h, 2))
        c0, c1 = sorted(rng.integers(0, w, 2))
        image[r0:r1 + 1, c0:c0 + max(1, w // 20)] = 0.0
        image[r0:r0 + max(1, h // 20), c0:c1 + 1] = 0.0
    return image


@settings(deadline=timedelta(seconds=30))
@given(kind=st.sampled_from(KINDS), h=sides(), w=sides(), seed=seeds,
       dtype=st.sampled_from(["uint8", "float32", "float64"]), dark_ink=st.booleans())
def test_preprocess_any_picture(kind, h, w, seed, dtype, dark_ink):
    lightness = picture(kind, h, w, seed)
    image = lightness if dark_ink else 1.0 - lightness
    image = np.round(image * 255).astype(np.uint8) if dtype == "uint8" else image.astype(dtype)
    x = preprocess(image)
    if kind in ("blank", "all ink"):
        assert x is None
    if x is not None:
        assert x.shape == (28, 28) and x.dtype == np.float32
        assert np.isfinite(x).all() and x.min() >= 0.0 and x.max() <= 1.0 and x.max() > 0.0


FORMATS = ("gray8", "gray16", "rgb", "rgba", "palette")


def encode_png(lightness: np.ndarray, fmt: str, seed: int) -> bytes:
    """lightness (h, w) in [0, 1] as a PNG of the given pixel format, encoded by Qt."""
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QImage
    rng = np.random.default_rng(seed)
    h, w = lightness.shape
    if fmt == "gray16":
        pixels = np.ascontiguousarray(np.round(lightness * 65535).astype(np.uint16))
        image = QImage(pixels.data, w, h, 2 * w, QImage.Format.Format_Grayscale16)
    elif fmt == "palette":  # 256 grays in a shuffled colour table
        from PySide6.QtGui import qRgb
        order = rng.permutation(256)
        index_of_gray = np.argsort(order).astype(np.uint8)
        pixels = np.ascontiguousarray(index_of_gray[np.round(lightness * 255).astype(np.uint8)])
        image = QImage(pixels.data, w, h, w, QImage.Format.Format_Indexed8)
        image.setColorTable([qRgb(int(g), int(g), int(g)) for g in order])
    elif fmt in ("rgb", "rgba"):
        gray = np.round(lightness * 255).astype(np.uint32)
        alpha = rng.integers(0, 256, (h, w)).astype(np.uint32) if fmt == "rgba" else 255
        pixels = np.ascontiguousarray((alpha << 24) | (gray << 16) | (gray << 8) | gray)
        image = QImage(pixels.data, w, h, 4 * w, QImage.Format.Format_ARGB32)
    else:
        pixels = np.ascontiguousarray(np.round(lightness * 255).astype(np.uint8))
        image = QImage(pixels.data, w, h, w, QImage.Format.Format_Grayscale8)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "PNG", 100)  # quality 100: no compression, fast for 4000 x 4000
    return bytes(buffer.data())


@settings(deadline=timedelta(seconds=60))
@given(kind=st.sampled_from(KINDS), h=sides(), w=sides(), seed=seeds,
       fmt=st.sampled_from(FORMATS), damage=st.sampled_from(["none", "none", "truncate", "noise"]))
def test_image_files_through_the_loader_and_preprocessing(qapp, folder, kind, h, w, seed, fmt,
                                                          damage):
    raw = encode_png(picture(kind, h, w, seed), fmt, seed)
    rng = np.random.default_rng(seed)
    if damage == "truncate":
        raw = raw[:rng.integers(len(raw))]
    elif damage == "noise":
        raw = rng.integers(0, 256, rng.integers(0, 2000), dtype=np.uint8).tobytes()
    path = folder / "picture.png"
    path.write_bytes(raw)
    try:
        gray = load_image_gray(path)
    except ImageFileError as error:
        one_line(error)
        assert damage != "none"
        return
    assert gray.dtype == np.float32 and gray.ndim == 2 and max(gray.shape) <= MAX_SIDE
    assert gray.min() >= 0.0 and gray.max() <= 1.0
    x = preprocess(gray)
    if kind == "blank" and fmt != "rgba" and damage == "none":
        assert x is None
    assert x is None or (x.shape == (28, 28) and np.isfinite(x).all())


# ---- IDX files ------------------------------------------------------------------------------

IDX_TYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}


@st.composite
def idx_files(draw):
    """(bytes of a file, whether it is an unchanged valid IDX file)."""
    kind = draw(st.sampled_from(["valid", "truncated", "flipped", "dims", "random", "bomb"]))
    if kind == "random":
        return draw(st.binary(max_size=300)), False
    if kind == "bomb":
        dims = draw(st.lists(st.integers(0, 2 ** 32 - 1), min_size=1, max_size=4))
        header = bytes([0, 0, 8, len(dims)]) + struct.pack(f">{len(dims)}I", *dims)
        return gzip_bomb(header, draw(st.integers(0, 8))), False
    type_byte = draw(st.sampled_from(sorted(IDX_TYPES)))
    shape = tuple(draw(st.lists(st.integers(0, 6), min_size=1, max_size=3)))
    values = np.arange(int(np.prod(shape))).reshape(shape).astype(IDX_TYPES[type_byte])
    raw = bytearray(bytes([0, 0, type_byte, len(shape)]) + struct.pack(f">{len(shape)}I", *shape)
                    + values.tobytes())
    if kind == "truncated":
        raw = raw[:draw(st.integers(0, len(raw)))]
    elif kind == "flipped":
        for _ in range(draw(st.integers(1, 4))):
            raw[draw(st.integers(0, len(raw) - 1))] = draw(st.integers(0, 255))
    elif kind == "dims":
        at = 4 + 4 * draw(st.integers(0, len(shape) - 1))
        raw[at:at + 4] = struct.pack(">I", draw(st.integers(0, 2 ** 32 - 1)))
    raw = bytes(raw)
    if draw(st.booleans()):
        raw = gzip.compress(raw, mtime=0)
        if draw(st.booleans()):
            raw = raw[:draw(st.integers(0, len(raw)))]
            kind = "truncated"
    return raw, kind == "valid"


@settings(deadline=LOADER_DEADLINE)
@given(case=idx_files())
def test_idx_reader_reads_or_refuses(folder, case):
    raw, valid = case
    path = folder / "data-idx-ubyte"
    path.write_bytes(raw)
    result, peak_mb = peak_mb_of(lambda: read_idx(path))
    # a gzip stream's length is known only at its end: a header may make the reader allocate up
    # to MAX_IDX_BYTES (MNIST's largest file) before the stream turns out shorter
    limit = MAX_IDX_BYTES / 1e6 if raw.startswith(b"\x1f\x8b") else 0
    assert peak_mb < limit + LOADER_PEAK_MB
    if isinstance(result, Exception):
        assert isinstance(result, IdxError), repr(result)
        one_line(result)
        assert not valid
    else:
        assert isinstance(result, np.ndarray) and result.dtype.isnative
    if not raw.startswith(b"\x1f\x8b"):   # the in-memory parser agrees with the file reader
        again, _ = peak_mb_of(lambda: parse_idx(raw))
        assert type(again) is type(result)


# ---- model files ----------------------------------------------------------------------------

def good_params(rng, hidden, dtype):
    sizes = [784, *hidden, 10]
    params = {}
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        params[f"W{i}"] = rng.normal(size=(n_in, n_out)).astype(dtype)
        params[f"b{i}"] = rng.normal(size=n_out).astype(dtype)
    return params


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                               max_size=4),
    max_leaves=12)

PARAM_CHANGES = ("none", "wrong shape", "nan", "missing", "extra", "object", "int", "scalar")


def changed_params(draw, rng, params):
    """params with one kind of damage that np.savez can still write."""
    change = draw(st.sampled_from(PARAM_CHANGES))
    key = draw(st.sampled_from(sorted(params)))
    if change == "wrong shape":
        params[key] = np.ones(draw(st.lists(st.integers(0, 12), max_size=3)), params[key].dtype)
    elif change == "nan":
        params[key].flat[rng.integers(params[key].size)] = draw(st.sampled_from(
            [np.nan, np.inf, -np.inf]))
    elif change == "missing":
        del params[key]
    elif change == "extra":
        params[draw(st.sampled_from(["W9", "b9", "bias", "x"]))] = np.ones(3)
    elif change == "object":
        params[key] = np.array([None, 1, "x"], dtype=object)
    elif change == "int":
        params[key] = params[key].astype(np.int32)
    elif change == "scalar":
        params[key] = np.float32(1.0)
    return change


@st.composite
def model_files(draw):
    """(bytes of an .npz, whether it is an unchanged valid model)."""
    rng = np.random.default_rng(draw(seeds))
    hidden = draw(st.lists(st.integers(1, 8), max_size=2))
    params = good_params(rng, hidden, draw(st.sampled_from([np.float32, np.float64])))
    change = changed_params(draw, rng, params)
    metadata = draw(st.one_of(
        st.just({"activation": "relu"}),
        st.fixed_dictionaries({"activation": st.sampled_from(["relu", "tanh", "sigmoid", "x"])},
                              optional={"sizes": json_values, "test_accuracy": json_values}),
        json_values))
    buffer = io.BytesIO()
    save = np.savez_compressed if draw(st.booleans()) else np.savez
    save(buffer, metadata=np.array(json.dumps(metadata)), **params)
    raw = bytearray(buffer.getvalue())
    damage = draw(st.sampled_from(["none", "none", "flip", "truncate", "bomb", "random"]))
    if damage == "flip":
        for _ in range(draw(st.integers(1, 5))):
            raw[draw(st.integers(0, len(raw) - 1))] = draw(st.integers(0, 255))
    elif damage == "truncate":
        raw = raw[:draw(st.integers(0, len(raw)))]
    elif damage == "bomb" and save is np.savez and "W1" in params and change != "wrong shape":
        old = npy_header(params["W1"].shape, params["W1"].dtype.str)
        claim = (784, 10 ** draw(st.integers(5, 15)))
        new = npy_header(claim, params["W1"].dtype.str)
        assume(len(old) == len(new) and old in raw)
        raw = raw.replace(old, new)
    elif damage == "random":
        raw = bytearray(draw(st.binary(max_size=500)))
    valid = (change == "none" and damage == "none" and isinstance(metadata, dict)
             and set(metadata) == {"activation"} and metadata["activation"] != "x")
    return bytes(raw), valid


@settings(deadline=LOADER_DEADLINE)
@given(case=model_files())
def test_model_loader_loads_or_refuses(folder, case):
    raw, valid = case
    path = folder / "model.npz"
    path.write_bytes(raw)
    result, peak_mb = peak_mb_of(lambda: load_any(path))
    assert peak_mb < LOADER_PEAK_MB
    if isinstance(result, Exception):
        assert isinstance(result, ModelFileError), repr(result)
        one_line(result)
        assert not valid, result
    else:
        network, metadata = result
        assert network.sizes[0] == 784 and network.sizes[-1] == 10 and isinstance(metadata, dict)


@st.composite
def pickle_files(draw):
    """Bytes of a weight pickle, valid or damaged, any protocol."""
    rng = np.random.default_rng(draw(seeds))
    params = good_params(rng, draw(st.lists(st.integers(1, 8), max_size=2)), np.float32)
    changed_params(draw, rng, params)
    raw = bytearray(pickle.dumps(params, protocol=draw(st.integers(0, 5))))
    damage = draw(st.sampled_from(["none", "flip", "truncate", "random"]))
    if damage == "flip":
        for _ in range(draw(st.integers(1, 5))):
            raw[draw(st.integers(0, len(raw) - 1))] = draw(st.integers(0, 255))
    elif damage == "truncate":
        raw = raw[:draw(st.integers(0, len(raw)))]
    elif damage == "random":
        raw = bytearray(draw(st.binary(max_size=300)))
    return bytes(raw)


# pickle protocol 0 of a 784 x 8 array is ~200 kB of text; generating it is not slow input data
@settings(deadline=LOADER_DEADLINE, suppress_health_check=[HealthCheck.too_slow])
@given(raw=pickle_files())
def test_weight_pickle_loads_or_refuses(folder, raw):
    path = folder / "weights.pkl"
    path.write_bytes(raw)
    result, peak_mb = peak_mb_of(lambda: load_any(path))
    assert peak_mb < LOADER_PEAK_MB
    if isinstance(result, Exception):
        assert isinstance(result, ModelFileError), repr(result)
        one_line(result)
