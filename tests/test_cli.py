"""The command line: gui.cli.main in-process (capsys) and `python main.py` in a subprocess."""
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from gui import cli
from nn.blas import THREAD_VARIABLES

ROOT = Path(__file__).resolve().parent.parent


def run_cli(capsys, *argv):
    """(exit code, stdout, stderr) of one in-process command."""
    code = cli.main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(code, err, *words):
    assert code != 0
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    for word in words:
        assert word in err


def write_stroke_png(path: Path, dark_on_light: bool, size=(180, 240)) -> Path:
    """A thick vertical stroke (a '1') in an image of the given (width, height)."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QColor, QImage, QPainter, QPen

    ink, paper = ("black", "white") if dark_on_light else ("white", "black")
    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(QColor(paper))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(ink), size[1] / 12, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(QPointF(size[0] * 0.5, size[1] * 0.2), QPointF(size[0] * 0.5, size[1] * 0.8))
    painter.end()
    assert image.save(str(path))
    return path


# ---------------------------------------------------------------- entry point and startup

def test_train_and_eval_modules_do_not_import_qt():
    code = ("import sys, gui.cli, gui.cli.format, gui.cli.train, gui.cli.eval, nn.trainer,"
            " nn.model_io, nn.data;"
            "parser = gui.cli.build_parser();"
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_commands_run_blas_on_one_thread_unless_the_user_says_otherwise():
    code = ("import os, sys, gui.cli; gui.cli.main(['eval', '--help']);"
            "print(os.environ['OPENBLAS_NUM_THREADS'], os.environ['MKL_NUM_THREADS'],"
            "file=sys.stderr)")
    env = {key: value for key, value in os.environ.items()
           if key not in THREAD_VARIABLES}
    for user_setting, expected in ((None, "1 1"), ("2", "2 1")):
        if user_setting is not None:
            env["OPENBLAS_NUM_THREADS"] = user_setting
        result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        assert result.stderr.strip() == expected


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


# ---------------------------------------------------------------- eval

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


# ---------------------------------------------------------------- train

@pytest.mark.mnist
def test_train_saves_a_model_that_eval_loads(capsys, tmp_path, mnist_dir):
    out_path = tmp_path / "tiny.npz"
    code, out, _ = run_cli(capsys, "train", "--train-size", 1000, "--epochs", 1, "--hidden", 20,
                           "--mnist-dir", mnist_dir, "--out", out_path, "--json", "--seed", 3,
                           "--drawn", 20)
    assert code == 0
    summary = json.loads(out)
    assert summary["finished"] == "completed" and summary["epochs_done"] == 1
    assert summary["config"]["drawn_digits"] == 20
    assert summary["config"]["hidden_sizes"] in ([20], (20,))
    assert len(summary["history"]) == 1 and summary["seconds_per_epoch"] > 0
    assert 0.3 < summary["test_accuracy"] <= 1.0  # 10 batches of SGD: well above chance (0.1)

    from nn.model_io import load_model
    network, metadata = load_model(out_path)
    assert tuple(network.sizes) == (784, 20, 10)
    assert metadata["test_accuracy"] == pytest.approx(summary["test_accuracy"])
    assert len(metadata["history"]) == 1 and "date" in metadata

    code, out, _ = run_cli(capsys, "eval", "--model", out_path, "--mnist-dir", mnist_dir, "--json")
    assert code == 0
    # the trainer's own test accuracy and the independent count in eval agree
    assert json.loads(out)["accuracy"] == pytest.approx(summary["test_accuracy"], abs=1e-9)


@pytest.mark.mnist
def test_train_divergence_is_reported_not_raised(capsys, mnist_dir):
    code, out, err = run_cli(capsys, "train", "--train-size", 500, "--epochs", 1, "--hidden", 10,
                             "--lr", "1e6", "--mnist-dir", mnist_dir, "--json")
    assert_one_line_error(code, err, "diverged")
    summary = json.loads(out)
    assert summary["finished"] == "diverged" and summary["epochs_done"] == 0


def test_train_progress_history_and_epoch_lines():
    import io

    from gui.cli.format import TrainProgress, format_train_summary
    from nn.trainer import EpochEvent, FinishedEvent, IterationEvent

    events = [IterationEvent(1, 1, 2.0, 0.1, 500.0, 4, 0.2),
              IterationEvent(2, 1, 1.0, 0.1, 500.0, 4, 0.4),
              EpochEvent(1, 2, 0.5, 0.25, 0.5, 400.0),
              IterationEvent(3, 2, 0.5, 0.1, 500.0, 4, 0.6),
              FinishedEvent("stopped", "Training stopped.", 1, 0.25)]
    out = io.StringIO()
    progress = TrainProgress(2, out)
    assert progress.follow(iter(events)) is events[-1]
    assert progress.history == [{"epoch": 1, "loss": 1.5, "train_accuracy": 0.5,
                                 "test_accuracy": 0.25, "seconds": 0.5, "samples_per_sec": 400.0}]
    assert out.getvalue().startswith("epoch 1/2  loss 1.5000  train acc 0.5000  test acc 0.2500")
    text = format_train_summary({"finished": "stopped", "message": "Training stopped.",
                                 "test_accuracy": 0.25, "epochs_done": 1,
                                 "seconds_per_epoch": 0.5, "model": "m.npz"})
    assert text.splitlines() == ["training stopped: Training stopped.",
                                 "test accuracy 0.2500 after 1 epoch(s)", "0.50 s per epoch",
                                 "model saved to m.npz"]


# ---------------------------------------------------------------- predict

def test_predict_both_polarities_json(capsys, tmp_path, dlfs_weights):
    dark = write_stroke_png(tmp_path / "dark_on_light.png", dark_on_light=True)
    light = write_stroke_png(tmp_path / "light_on_dark.jpg", dark_on_light=False, size=(300, 200))
    code, out, _ = run_cli(capsys, "predict", "--model", dlfs_weights, dark, light, "--json")
    assert code == 0
    results = json.loads(out)
    assert [result["file"] for result in results] == [str(dark), str(light)]
    for result in results:
        assert set(result) == {"file", "digit", "probabilities"}
        assert len(result["probabilities"]) == 10
        assert sum(result["probabilities"]) == pytest.approx(1.0, abs=1e-5)
        assert result["digit"] == int(np.argmax(result["probabilities"]))
        assert result["digit"] == 1


def test_predict_text_output(capsys, tmp_path, dlfs_weights):
    image = write_stroke_png(tmp_path / "one.png", dark_on_light=True)
    code, out, _ = run_cli(capsys, "predict", "--model", dlfs_weights, image)
    assert code == 0
    header, row = out.strip().splitlines()
    assert row.split()[:2] == [str(image), "1"]


# ---------------------------------------------------------------- user errors

def test_missing_model_file(capsys, tmp_path):
    code, _, err = run_cli(capsys, "eval", "--model", tmp_path / "nope.npz")
    assert_one_line_error(code, err, "nope.npz", "not found")


@pytest.mark.parametrize("name", ["corrupt.npz", "corrupt.pkl"])
def test_corrupt_model_file(capsys, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"this is not a model\n" * 10)
    code, _, err = run_cli(capsys, "predict", "--model", path, __file__)
    assert_one_line_error(code, err, name)


@pytest.mark.parametrize("out", ["no-such-folder/model.npz", "."])
def test_train_out_checked_before_training(capsys, tmp_path, monkeypatch, out):
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli(capsys, "train", "--out", out, "--mnist-dir", tmp_path)
    assert_one_line_error(code, err, "--out")


def test_missing_image(capsys, tmp_path, dlfs_weights):
    code, _, err = run_cli(capsys, "predict", "--model", dlfs_weights, tmp_path / "nope.png")
    assert_one_line_error(code, err, "nope.png")


def test_unreadable_and_blank_images(capsys, tmp_path, dlfs_weights):
    text = tmp_path / "notes.png"
    text.write_text("not an image")
    code, _, err = run_cli(capsys, "predict", "--model", dlfs_weights, text)
    assert_one_line_error(code, err, "notes.png")

    from PySide6.QtGui import QColor, QImage
    blank = QImage(50, 50, QImage.Format.Format_RGB32)
    blank.fill(QColor("white"))
    assert blank.save(str(tmp_path / "blank.png"))
    code, _, err = run_cli(capsys, "predict", "--model", dlfs_weights, tmp_path / "blank.png")
    assert_one_line_error(code, err, "blank.png")


def test_no_default_model(capsys, monkeypatch):
    import resources
    monkeypatch.setattr(resources, "DEFAULT_MODEL", ("models", "no-such-model.npz"))
    code, _, err = run_cli(capsys, "eval")
    assert_one_line_error(code, err, "--model")


@pytest.mark.parametrize("command", ["eval", "train"])
def test_no_mnist_offline(capsys, tmp_path, monkeypatch, dlfs_weights, command):
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("DIGITLAB_MNIST_DIR", str(empty))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # no MNIST in the user cache
    extra = ["--model", dlfs_weights] if command == "eval" else ["--epochs", "1"]
    code, out, err = run_cli(capsys, command, *extra)
    assert_one_line_error(code, err, "--mnist-dir", "DIGITLAB_MNIST_DIR")
    assert out == ""


@pytest.mark.parametrize("argv, words", [
    (["train", "--hidden", "abc"], ["--hidden", "'abc'"]),
    (["train", "--hidden", "100,-5"], ["--hidden"]),
    (["train", "--lr", "-1"], ["--lr", "positive"]),
    (["train", "--lr", "nan"], ["--lr"]),
    (["train", "--epochs", "0"], ["--epochs"]),
    (["train", "--dropout", "1"], ["--dropout"]),
    (["train", "--init", "gauss"], ["--init"]),
    (["train", "--optimizer", "adamw"], ["--optimizer"]),
    (["train", "--no-such-flag"], ["--no-such-flag"]),
    (["fly"], ["fly"]),
    (["predict"], ["IMAGE"]),
])
def test_bad_command_line_is_one_line_exit_2(capsys, argv, words):
    code, out, err = run_cli(capsys, *argv)
    assert code == 2
    assert_one_line_error(code, err, *words)
    assert out == ""


def test_help_exits_zero(capsys):
    code, out, _ = run_cli(capsys, "train", "--help")
    assert code == 0
    assert "--hidden" in out and "--mnist-dir" in out and "--download" in out


def test_predict_and_eval_without_model_use_the_shipped_one(capsys, tmp_path, mnist_dir):
    import resources
    if not resources.path(*resources.DEFAULT_MODEL).exists():
        pytest.skip("the shipped model is not there")
    image = write_stroke_png(tmp_path / "one.png", dark_on_light=True)
    code, out, _ = run_cli(capsys, "predict", image, "--json")
    assert code == 0 and json.loads(out)[0]["digit"] == 1
    code, out, _ = run_cli(capsys, "eval", "--mnist-dir", mnist_dir, "--json")
    assert code == 0
    result = json.loads(out)
    assert result["model"] == "default" and result["accuracy"] >= 0.985
