"""cli/__init__.py and args.py: main(argv) in-process (capsys), its start-up, the parser's
one-line errors; helpers for the test_cli_*.py files of the commands."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from digitlab import cli
from digitlab.nn.speed.blas import THREAD_VARIABLES

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
    code = ("import sys, digitlab.cli, digitlab.cli.format, digitlab.cli.train,"
            " digitlab.cli.eval, digitlab.nn.training.trainer, digitlab.nn.files.model_io, digitlab.nn.data.mnist;"
            "parser = digitlab.cli.build_parser();"
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_commands_run_blas_on_one_thread_unless_the_user_says_otherwise():
    code = ("import os, sys, digitlab.cli; digitlab.cli.main(['eval', '--help']);"
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


# ---------------------------------------------------------------- user errors

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
