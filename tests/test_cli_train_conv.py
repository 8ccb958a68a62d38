"""`digitlab train --model-kind conv`: the book's chapter 7 network from the command line, its own
hidden default, its file, and `eval` / `predict` reading that file like any other model."""
import json

import numpy as np
import pytest

from digitlab import cli
from digitlab.cli import common
from digitlab.nn.files.model_io import load_model
from digitlab.nn.files.png import encode_gray
from digitlab.nn.model.convnet import ConvNet
from test_cli_train import one_line


@pytest.fixture
def synthetic(monkeypatch):
    """200 random images in place of MNIST."""
    rng = np.random.default_rng(0)
    x, t = rng.random((200, 784), dtype=np.float32), rng.integers(0, 10, 200)
    monkeypatch.setattr(common, "load_mnist", lambda args, progress=None: ((x, t), (x[:50], t[:50])))


def test_a_convolutional_run_saves_a_convnet_with_its_own_hidden_default(synthetic, tmp_path, capsys):
    out = tmp_path / "conv.npz"
    code = cli.main(["train", "--model-kind", "conv", "--conv", "4x5,6x3", "--epochs", "1",
                     "--out", str(out), "--json"])
    stdout, stderr = capsys.readouterr()
    assert code == 0, stderr
    summary = json.loads(stdout)
    assert summary["config"]["model_kind"] == "conv"
    assert summary["config"]["conv"] == [[4, 5, 2], [6, 3, 1]]
    assert summary["config"]["hidden_sizes"] == [128]       # conv's default, not the mlp's 100
    network, metadata = load_model(out)
    assert isinstance(network, ConvNet) and network.conv == ((4, 5, 2), (6, 3, 1))
    assert metadata["config"]["model_kind"] == "conv"


def test_eval_and_predict_read_a_convolutional_model(synthetic, tmp_path, capsys):
    model = tmp_path / "conv.npz"
    assert cli.main(["train", "--model-kind", "conv", "--conv", "3x5", "--hidden", "8",
                     "--epochs", "1", "--out", str(model)]) == 0
    capsys.readouterr()
    assert cli.main(["eval", "--model", str(model), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert 0.0 <= result["accuracy"] <= 1.0 and result["conv"] == [[3, 5, 2]]
    assert cli.main(["eval", "--model", str(model)]) == 0
    assert "(conv 3x5, hidden 8, relu)" in capsys.readouterr().out
    image = tmp_path / "digit.png"
    pixels = np.zeros((28, 28), np.uint8)
    pixels[6:22, 12:16] = 255
    image.write_bytes(encode_gray(pixels))
    assert cli.main(["predict", "--model", str(model), str(image), "--json"]) == 0
    (answer,) = json.loads(capsys.readouterr().out)
    assert 0 <= answer["digit"] <= 9


@pytest.mark.parametrize("argv, message", [
    (["--conv", "4x5"], "--conv describes a convolutional network: add --model-kind conv"),
    (["--model-kind", "conv", "--conv", "4x50"], "sizes 1..28"),
    (["--model-kind", "conv", "--conv", "4x5,4x5,4x5,4x5,4x5"], "shrink the 28x28 image to nothing"),
    (["--model-kind", "conv", "--gradient", "numerical", "--train-size", "100"], "backprop"),
])
def test_a_convolutional_run_that_cannot_be_is_refused_in_one_line(synthetic, capsys, argv, message):
    code = cli.main(["train", "--epochs", "1", *argv])
    assert code in (1, 2)
    assert message in one_line(capsys.readouterr().err)
