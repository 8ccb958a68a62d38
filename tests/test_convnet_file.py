"""A convolutional model's file: saved with its architecture, read back without pickle, and
refused in one line when its metadata or its shapes do not hold together."""
import json

import numpy as np
import pytest

from digitlab.nn.files.model_io import ModelFileError, load_any, load_model, save_model
from digitlab.nn.model.convnet import ConvNet


@pytest.fixture
def net():
    return ConvNet(conv=((4, 5, 2), (6, 3, 1)), hidden_sizes=(16,), rng=np.random.default_rng(0))


def rewrite(path, tmp_path, arrays=None, metadata=None):
    """A copy of the model file at path with some arrays or the metadata replaced."""
    with np.load(path) as stored:
        contents = {key: stored[key] for key in stored.files}
    contents.update(arrays or {})
    if metadata is not None:
        contents["metadata"] = np.array(json.dumps(metadata))
    out = tmp_path / "changed.npz"
    np.savez(out, **contents)
    return out


def test_round_trip_keeps_the_architecture_and_the_answers(tmp_path, net):
    path = tmp_path / "conv.npz"
    save_model(path, net, {"test_accuracy": 0.5})
    loaded, metadata = load_any(path)
    assert isinstance(loaded, ConvNet)
    assert metadata["kind"] == "conv" and metadata["conv"] == [[4, 5, 2], [6, 3, 1]]
    assert metadata["hidden_sizes"] == [16]
    x = np.random.default_rng(1).random((3, 784)).astype(np.float32)
    np.testing.assert_array_equal(loaded.predict(x), net.predict(x))
    with np.load(path, allow_pickle=False) as npz:   # plain arrays: nothing unpickling would run
        assert sorted(npz.files) == ["W1", "W2", "W3", "W4", "b1", "b2", "b3", "b4", "metadata"]


def test_shapes_that_do_not_chain_are_refused_in_one_line(tmp_path, net):
    path = tmp_path / "conv.npz"
    save_model(path, net, {})
    broken = rewrite(path, tmp_path, arrays={"W2": np.zeros((6, 5, 3, 3), np.float32)})
    with pytest.raises(ModelFileError, match=r"changed.npz: W2 \(6, 5, 3, 3\).*do not chain") as error:
        load_model(broken)
    assert "\n" not in str(error.value)


@pytest.mark.parametrize("change", [
    {"conv": "lots"},
    {"conv": [[4, 5]]},
    {"conv": [[4, 5, True]]},
    {"conv": [[10 ** 9, 5, 2]]},
    {"hidden_sizes": [-3]},
    {"conv": [[4, 29, 0]]},
])
def test_a_lying_architecture_is_refused_before_anything_is_allocated(tmp_path, net, change):
    path = tmp_path / "conv.npz"
    save_model(path, net, {})
    with np.load(path) as stored:
        metadata = json.loads(str(stored["metadata"][()]))
    metadata.update(change)
    with pytest.raises(ModelFileError, match="changed.npz"):
        load_model(rewrite(path, tmp_path, metadata=metadata))


def test_nan_in_a_filter_is_refused(tmp_path, net):
    path = tmp_path / "conv.npz"
    save_model(path, net, {})
    W1 = net.params["W1"].copy()
    W1[0, 0, 0, 0] = np.nan
    with pytest.raises(ModelFileError, match="W1 contains NaN"):
        load_model(rewrite(path, tmp_path, arrays={"W1": W1}))
