"""cli/eval.py (`digitlab eval`) and the model loading of cli/common.py."""
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from test_cli import assert_one_line_error, run_cli

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.mnist
def test_main_py_eval_textbook_weights_in_subprocess(mnist_dir, dlfs_weights):
    env = dict(os.environ, DIGITLAB_MNIST_DIR=str(mnist_dir))
    # -X importtime lists every imported module on stderr: eval must not load Qt
    result = subprocess.run([sys.executable, "-X", "importtime", "main.py", "eval",
                             "--model", str(dlfs_weights), "--json"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout)
    assert report["accuracy"] == 0.9352
    assert "PySide6" not in result.stderr and "pyqtgraph" not in result.stderr


@pytest.mark.mnist
def test_eval_json_shape_and_text_table(capsys, mnist_dir, dlfs_weights):
    code, out, _ = run_cli(capsys, "eval", "--model", dlfs_weights, "--mnist-dir", mnist_dir,
                           "--json")
    assert code == 0
    report = json.loads(out)
    assert report["accuracy"] == 0.9352
    assert len(report["per_class"]) == 10
    confusion = np.array(report["confusion"])
    assert confusion.shape == (10, 10) and confusion.sum() == 10000
    assert np.trace(confusion) == 9352
    # per-class accuracy is the diagonal over the row (true digit) totals
    np.testing.assert_allclose(report["per_class"], np.diag(confusion) / confusion.sum(axis=1))
    assert report["sizes"] == [784, 50, 100, 10] and report["activation"] == "sigmoid"

    code, out, _ = run_cli(capsys, "eval", "--model", dlfs_weights, "--mnist-dir", mnist_dir)
    assert code == 0
    assert "0.9352" in out and "9352 of 10000" in out
    assert len(out.strip().splitlines()) == 2 + 1 + 2 + 10


def test_missing_model_file(capsys, tmp_path):
    code, _, err = run_cli(capsys, "eval", "--model", tmp_path / "nope.npz")
    assert_one_line_error(code, err, "nope.npz", "not found")


@pytest.mark.parametrize("name", ["corrupt.npz", "corrupt.pkl"])
def test_corrupt_model_file(capsys, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"this is not a model\n" * 10)
    code, _, err = run_cli(capsys, "predict", "--model", path, __file__)
    assert_one_line_error(code, err, name)


def test_no_default_model(capsys, monkeypatch):
    from digitlab import resources
    monkeypatch.setattr(resources, "DEFAULT_MODEL", ("models", "no-such-model.npz"))
    code, _, err = run_cli(capsys, "eval")
    assert_one_line_error(code, err, "--model")


@pytest.mark.mnist
def test_eval_robustness_json_has_curves_corruptions_and_calibration(capsys, mnist_dir, dlfs_weights):
    code, out, _ = run_cli(capsys, "eval", "--mnist-dir", mnist_dir, "--robustness", "--compare",
                           dlfs_weights, "--samples", "300", "--json")
    assert code == 0
    report = json.loads(out)
    robustness = report["robustness"]
    first, second = robustness["models"]
    assert robustness["n"] == 300
    for kind in ("noise", "rotation", "thickness", "shift"):
        curve = robustness["curves"][kind]
        zero = curve["levels"].index(0)
        for name in (first, second):
            assert curve["accuracy"][name][zero] == robustness["clean"][name]
    assert len(robustness["corruptions"]) >= 10
    assert set(robustness["corruptions"]["fog"]) == {first, second}
    for name in (first, second):
        calibration = report["calibration"][name]
        assert 0.0 <= calibration["ece"] < 0.2
        assert sum(b["n"] for b in calibration["bins"]) == 300
        at_zero = calibration["coverage"][0]
        assert at_zero["threshold"] == 0 and at_zero["coverage"] == 1.0
        assert at_zero["accuracy"] == robustness["clean"][name]


@pytest.mark.mnist
def test_eval_robustness_text_table(capsys, mnist_dir):
    code, out, _ = run_cli(capsys, "eval", "--mnist-dir", mnist_dir, "--robustness", "--samples", "100")
    assert code == 0
    assert "canny_edges" in out and "expected calibration error" in out and "rotation level" in out


def test_compare_without_robustness_is_a_usage_error(capsys, dlfs_weights):
    code, _, err = run_cli(capsys, "eval", "--compare", dlfs_weights)
    assert code == 2
    assert_one_line_error(err, "--compare needs --robustness")
