"""nn.model_io: .npz round trip, atomic save, refusing bad files, the textbook pickle safely."""
import json
import os
import pickle
import subprocess
from pathlib import Path

import numpy as np
import pytest

from digitlab.nn.files import model_io
from digitlab.nn.files.model_io import ModelFileError, load_any, load_model, load_textbook_pickle, save_model
from digitlab.nn.model.network import MultiLayerNet


def small_net(dtype=np.float32, activation="tanh") -> MultiLayerNet:
    return MultiLayerNet(784, (20, 7), 10, activation=activation, dtype=dtype,
                         rng=np.random.default_rng(42))


def good_params(rng=None) -> dict:
    """784-5-10 float32 parameters, built without MultiLayerNet."""
    rng = rng or np.random.default_rng(0)
    return {"W1": rng.normal(size=(784, 5)).astype(np.float32), "b1": np.zeros(5, np.float32),
            "W2": rng.normal(size=(5, 10)).astype(np.float32), "b2": np.ones(10, np.float32)}


def write_npz(path: Path, params: dict, metadata=None) -> Path:
    """An .npz written by hand with np.savez (independent of save_model)."""
    arrays = dict(params)
    if metadata is not None:
        arrays["metadata"] = np.array(json.dumps(metadata))
    np.savez(path, **arrays)
    return path


# ---- round trip -----------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_save_load_round_trip(tmp_path, dtype):
    net = small_net(dtype)
    config = {"hidden_sizes": [20, 7], "optimizer": "adam", "lr": 0.001, "epochs": 3}
    path = tmp_path / "model.npz"
    save_model(path, net, {"config": config, "test_accuracy": np.float64(0.9712)})
    loaded, metadata = load_model(path)
    assert tuple(loaded.sizes) == (784, 20, 7, 10) and loaded.activation == "tanh"
    assert sorted(loaded.params) == ["W1", "W2", "W3", "b1", "b2", "b3"]
    for key, value in net.params.items():
        assert loaded.params[key].dtype == np.dtype(dtype)
        np.testing.assert_array_equal(loaded.params[key], value)
    x = np.random.default_rng(1).random((5, 784))
    np.testing.assert_allclose(loaded.predict(x), net.predict(x), rtol=1e-6)
    assert metadata["config"] == config and metadata["test_accuracy"] == 0.9712
    assert metadata["sizes"] == [784, 20, 7, 10] and metadata["activation"] == "tanh"
    assert metadata["preprocess_version"] == model_io.PREPROCESS_VERSION
    assert metadata["date"][:2] == "20"
    assert load_any(path)[1] == metadata


def test_saved_file_is_a_plain_npz_without_pickles(tmp_path):
    path = tmp_path / "m.npz"
    save_model(path, small_net(), {"date": "2024-05-01T12:00:00+00:00"})
    with np.load(path, allow_pickle=False) as npz:
        assert sorted(npz.files) == ["W1", "W2", "W3", "b1", "b2", "b3", "metadata"]
        assert json.loads(str(npz["metadata"]))["date"] == "2024-05-01T12:00:00+00:00"


def test_save_does_not_change_the_callers_metadata(tmp_path):
    metadata = {"test_accuracy": 0.5}
    save_model(tmp_path / "m.npz", small_net(), metadata)
    assert metadata == {"test_accuracy": 0.5}


# ---- atomic save ----------------------------------------------------------------------------

def half_written_savez(file, **arrays):
    file.write(b"PK\x03\x04 a few bytes of a zip")
    raise OSError("disk full")


def failing_replace(src, dst):
    raise OSError("power cut")


@pytest.mark.parametrize("target, replacement", [
    (np, ("savez", half_written_savez)),
    (os, ("replace", failing_replace)),
])
def test_crash_mid_save_keeps_the_old_file(tmp_path, monkeypatch, target, replacement):
    path = tmp_path / "model.npz"
    old_net = small_net()
    save_model(path, old_net, {"test_accuracy": 0.9})
    old_bytes = path.read_bytes()
    monkeypatch.setattr(target, *replacement)
    with pytest.raises(ModelFileError, match="cannot save the model to"):
        save_model(path, small_net(activation="relu"), {"test_accuracy": 0.1})
    monkeypatch.undo()
    assert path.read_bytes() == old_bytes
    assert [p.name for p in tmp_path.iterdir()] == ["model.npz"]  # no temporary file left
    net, metadata = load_model(path)
    assert metadata["test_accuracy"] == 0.9 and net.activation == "tanh"


def test_crash_on_first_save_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(np, "savez", half_written_savez)
    with pytest.raises(ModelFileError, match="disk full"):
        save_model(tmp_path / "new.npz", small_net(), {})
    assert list(tmp_path.iterdir()) == []


# ---- refusing bad files ---------------------------------------------------------------------

def bad_files():
    """(name, writer, expected message) for each kind of unusable model file."""
    meta = {"activation": "relu"}

    def with_params(**changes):
        def write(path):
            params = good_params()
            params.update(changes)
            write_npz(path, {k: v for k, v in params.items() if v is not None}, meta)
        return write

    nan_W2 = good_params()["W2"].copy()
    nan_W2[3, 4] = np.nan
    return [
        ("text", lambda p: p.write_text("hello, not a model"), "not a model file"),
        ("empty", lambda p: p.write_bytes(b""), "not a model file"),
        ("truncated zip", lambda p: p.write_bytes(
            write_npz(p, good_params(), meta).read_bytes()[:3000]), "not a model file"),
        ("npy", lambda p: np.save(p.with_suffix(".npy"), np.zeros(3)) or
            p.with_suffix(".npy").rename(p), "single .npy"),
        ("no metadata", lambda p: write_npz(p, good_params()), "no 'metadata'"),
        ("bad json", lambda p: np.savez(p, metadata=np.array("{oops"), **good_params()),
            "not valid JSON"),
        ("json list", lambda p: write_npz(p, good_params(), [1, 2]), "not a JSON object"),
        ("object array", lambda p: np.savez(
            p, metadata=np.array(json.dumps(meta)), W1=np.array([None, 1], dtype=object)),
            "not a model file"),
        ("nan", with_params(W2=nan_W2), "W2 contains NaN"),
        ("inf bias", with_params(b1=np.array([0, 0, np.inf, 0, 0], np.float32)), "b1 contains NaN"),
        ("int weights", with_params(W1=np.ones((784, 5), np.int64)), "W1 must be a float32"),
        ("float16", with_params(b2=np.ones(10, np.float16)), "b2 must be a float32"),
        ("wrong input", with_params(W1=np.ones((780, 5), np.float32)), r"W1 \(780, 5\)"),
        ("no chain", with_params(W2=np.ones((6, 10), np.float32)), r"W2 \(6, 10\)"),
        ("bias shape", with_params(b1=np.ones((1, 5), np.float32)), r"b1 \(1, 5\)"),
        ("9 outputs", with_params(W2=np.ones((5, 9), np.float32), b2=np.ones(9, np.float32)),
            "9 outputs"),
        ("missing b2", with_params(b2=None), "expected arrays W1, b1"),
        ("extra array", with_params(W7=np.ones(3, np.float32)), "expected arrays W1, b1"),
        ("no arrays", lambda p: write_npz(p, {}, meta), "expected arrays"),
        ("activation", lambda p: write_npz(p, good_params(), {"activation": "swish"}),
            "unknown activation 'swish'"),
        ("sizes disagree", lambda p: write_npz(p, good_params(),
                                               {"activation": "relu", "sizes": [784, 6, 10]}),
            "metadata says sizes"),
    ]


@pytest.mark.parametrize("name, write, message", bad_files(), ids=[c[0] for c in bad_files()])
def test_load_model_refuses_with_a_clear_message(tmp_path, name, write, message):
    path = tmp_path / "model.npz"
    write(path)
    with pytest.raises(ModelFileError, match=message) as info:
        load_model(path)
    assert "model.npz" in str(info.value)


def test_hand_written_good_file_loads(tmp_path):
    path = write_npz(tmp_path / "good.npz", good_params(), {"activation": "sigmoid"})
    net, metadata = load_model(path)
    assert tuple(net.sizes) == (784, 5, 10) and net.activation == "sigmoid"
    np.testing.assert_array_equal(net.params["b2"], np.ones(10))


# ---- the textbook pickle --------------------------------------------------------------------

class Evil:
    """Pickles into a call of `func(*args)`, which creates a marker file when run."""

    def __init__(self, func, *args):
        self.func, self.args = func, args

    def __reduce__(self):
        return self.func, self.args


def evil_payloads(marker: Path):
    return {
        "os.system": Evil(os.system, f"touch '{marker}'"),
        "exec": Evil(exec, f"open({str(marker)!r}, 'w').close()"),
        "eval": Evil(eval, f"open({str(marker)!r}, 'w').close()"),
        "subprocess": Evil(subprocess.call, ["touch", str(marker)]),
        "Path.touch": Evil(Path.touch, marker),
    }


@pytest.mark.parametrize("kind", ["os.system", "exec", "eval", "subprocess", "Path.touch"])
def test_crafted_pickle_is_refused_without_running(tmp_path, kind):
    # the oracle: an ordinary pickle.loads of the same payload does create its marker
    probe = tmp_path / "probe"
    pickle.loads(pickle.dumps(evil_payloads(probe)[kind]))
    assert probe.exists()

    marker = tmp_path / "marker"
    params = good_params()
    params["b1"] = evil_payloads(marker)[kind]
    path = tmp_path / "sample_weight.pkl"
    path.write_bytes(pickle.dumps(params))
    with pytest.raises(ModelFileError, match="refused to load"):
        load_textbook_pickle(path)
    with pytest.raises(ModelFileError, match="refused"):
        load_any(path)
    assert not marker.exists()


@pytest.mark.parametrize("protocol", [0, 2, 3, 4, 5])
def test_textbook_pickle_any_protocol(tmp_path, protocol):
    params = good_params()
    path = tmp_path / "w.pkl"
    path.write_bytes(pickle.dumps(params, protocol=protocol))
    loaded = load_textbook_pickle(path)
    assert sorted(loaded) == sorted(params)
    for key in params:
        assert loaded[key].dtype == np.float32
        np.testing.assert_array_equal(loaded[key], params[key])


@pytest.mark.parametrize("content, message", [
    (pickle.dumps([1, 2, 3]), "expected a dict"),
    (pickle.dumps({"W1": np.ones((784, 10), np.float32)}), "expected arrays W1, b1"),
    (pickle.dumps({"W1": np.ones((784, 10)), "b1": np.full(10, np.nan)}), "b1 contains NaN"),
    (pickle.dumps({"W1": [[1.0]] * 784, "b1": [0.0] * 10}), "W1 must be a float32"),
    (b"\x80\x04garbage", "not a readable weight pickle"),
    (b"", "not a readable weight pickle"),
])
def test_textbook_pickle_refuses_bad_content(tmp_path, content, message):
    path = tmp_path / "w.pkl"
    path.write_bytes(content)
    with pytest.raises(ModelFileError, match=message):
        load_textbook_pickle(path)


def test_real_textbook_pickle(dlfs_weights):
    params = load_textbook_pickle(dlfs_weights)
    shapes = {"W1": (784, 50), "b1": (50,), "W2": (50, 100), "b2": (100,),
              "W3": (100, 10), "b3": (10,)}
    assert {key: value.shape for key, value in params.items()} == shapes
    assert all(value.dtype == np.float32 for value in params.values())
    net, metadata = load_any(dlfs_weights)
    assert tuple(net.sizes) == (784, 50, 100, 10) and net.activation == "sigmoid"
    assert metadata["activation"] == "sigmoid" and metadata["sizes"] == [784, 50, 100, 10]


@pytest.mark.mnist
def test_real_textbook_pickle_accuracy_and_npz_round_trip(dlfs_weights, mnist_dir, tmp_path):
    from digitlab.nn.data.mnist import read_idx

    x_test = read_idx(mnist_dir / "t10k-images-idx3-ubyte.gz").reshape(-1, 784) / np.float32(255)
    t_test = read_idx(mnist_dir / "t10k-labels-idx1-ubyte.gz")
    net, _ = load_any(dlfs_weights)
    # independent of MultiLayerNet: the textbook's predict, written out
    p = load_textbook_pickle(dlfs_weights)
    sigmoid = lambda a: 1 / (1 + np.exp(-a))  # noqa: E731
    y = sigmoid(sigmoid(x_test @ p["W1"] + p["b1"]) @ p["W2"] + p["b2"]) @ p["W3"] + p["b3"]
    assert np.mean(y.argmax(axis=1) == t_test) == pytest.approx(0.9352, abs=1e-9)
    assert net.accuracy(x_test, t_test) == pytest.approx(0.9352, abs=1e-9)
    save_model(tmp_path / "dlfs.npz", net, {"test_accuracy": 0.9352})
    again, metadata = load_model(tmp_path / "dlfs.npz")
    assert again.activation == "sigmoid" and metadata["test_accuracy"] == 0.9352
    assert again.accuracy(x_test, t_test) == pytest.approx(0.9352, abs=1e-9)


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_saved_file_gets_the_usual_mode_not_the_temp_files_private_one(tmp_path):
    old_mask = os.umask(0o022)
    try:
        save_model(tmp_path / "m.npz", small_net(), {})
    finally:
        os.umask(old_mask)
    assert (tmp_path / "m.npz").stat().st_mode & 0o777 == 0o644
