"""The command line's answers to mistakes: exit 2 for a bad command line, 1 for a runtime error,
0 for success; always one line on stderr and never a traceback (digitlab.cli.main in-process)."""
import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from test_cli import assert_one_line_error, run_cli, write_stroke_png

from digitlab import cli
from digitlab.cli import eval as cli_eval

ROOT = Path(__file__).resolve().parent.parent
LONG = "x" * 300          # one name of 300 bytes: more than the 255 a file system allows
NOT_UTF8 = b"bad\xff.png"


@pytest.fixture
def place(tmp_path, monkeypatch) -> dict:
    """Awkward inputs in tmp_path, a tiny model, and MNIST made unfindable: a check that does not
    fire before training shows up as a 'MNIST not found' error instead of the expected one."""
    from digitlab.nn.files.model_io import save_model
    from digitlab.nn.model.network import MultiLayerNet

    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("DIGITLAB_MNIST_DIR", str(empty))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv(cli.DEBUG_VAR, raising=False)
    (tmp_path / "folder.png").mkdir()
    (tmp_path / "folder.npz").mkdir()
    os.mkfifo(tmp_path / "pipe")   # opening it for reading would wait for a writer forever
    os.symlink("loop_b", tmp_path / "loop_a")
    os.symlink("loop_a", tmp_path / "loop_b")
    (tmp_path / "notes.txt").write_text("not an image")
    model = tmp_path / "tiny.npz"
    save_model(model, MultiLayerNet(784, (5,), 10, rng=np.random.default_rng(0)), {})
    not_utf8 = os.fsdecode(os.fsencode(str(tmp_path)) + b"/" + NOT_UTF8)  # as sys.argv has it
    return {"tmp": str(tmp_path), "model": str(model), "not_utf8": not_utf8}


def expand(argv: list[str], place: dict) -> list[str]:
    return [arg.format(**place) for arg in argv]


@pytest.mark.parametrize("argv, code, words", [
    # usage errors: argparse, exit 2
    (["train", "--seed", "-5"], 2, ["--seed", "'-5'", ">= 0"]),
    (["train", "--seed", "abc"], 2, ["--seed"]),
    (["train", "--batch-size", "0"], 2, ["--batch-size"]),
    (["train", "--lr", "0"], 2, ["--lr"]),
    (["train", "--lr", "inf"], 2, ["--lr"]),
    (["train", "--weight-decay", "-1"], 2, ["--weight-decay"]),
    (["train", "--train-size", "0"], 2, ["--train-size"]),
    (["train", "--epochs", "abc"], 2, ["--epochs"]),
    (["train", "--drawn", "-3"], 2, ["--drawn"]),
    (["train", "--hidden", " , "], 2, ["--hidden"]),
    (["train", "--hidden", "100,,50"], 2, ["--hidden", "100,,50"]),
    (["train", "--hidden", "\u00b2"], 2, ["--hidden", "expected positive layer sizes"]),
    (["train", "--hidden", "1" * 5000], 2, ["--hidden", "expected positive layer sizes"]),
    (["eval", "surplus"], 2, ["surplus"]),
    (["predict", "--model"], 2, ["--model"]),
    # a run too large for the memory: refused before anything is allocated or loaded
    (["train", "--hidden", "50000,50000,50000"], 1, ["--hidden 50000,50000,50000", "GB",
                                                     "memory"]),
    # counts beyond their bounds: refused by the parser, which says the bound
    (["train", "--hidden", "100000,100000"], 2, ["--hidden", "at most 49 hidden layers of at "
                                                 "most 50,000 units"]),
    (["train", "--hidden", ",".join(["5"] * 50)], 2, ["--hidden", "at most 49 hidden layers"]),
    (["train", "--drawn", "100000000"], 2, ["--drawn", "from 1 to 200,000"]),
    (["train", "--hidden", "1" + "0" * 400], 2, ["--hidden", "50,000 units"]),
    (["train", "--batch-size", "1" + "0" * 20], 2, ["--batch-size", "from 1 to 60,000"]),
    (["train", "--epochs", "99999999999999999999"], 2, ["--epochs", "from 1 to 1,000"]),
    (["train", "--iterations", "1000001"], 2, ["--iterations", "from 1 to 1,000,000"]),
    (["train", "--train-size", "60001"], 2, ["--train-size", "from 1 to 60,000"]),
    (["finetune", "--personal", "x.npz", "--out", "y.npz", "--steps", "99999999999999999999"], 2,
     ["--steps", "from 1 to 100,000"]),
    # paths: too long, folders, pipes, loops, missing, not UTF-8
    (["train", "--out", "{tmp}/" + LONG + ".npz"], 1, ["too long", "255"]),
    (["train", "--out", "{tmp}/" + LONG + "/model.npz"], 1, ["too long"]),
    (["train", "--mnist-dir", "{tmp}/" + LONG], 1, ["MNIST", "too long"]),
    (["eval", "--model", "{tmp}/" + LONG + ".npz"], 1, ["model file", "too long", "255"]),
    (["eval", "--model", "{tmp}/folder.npz"], 1, ["folder.npz", "folder, not a file"]),
    (["eval", "--model", "{tmp}/pipe"], 1, ["pipe", "not a regular file"]),
    (["eval", "--model", "{tmp}/loop_a"], 1, ["loop_a", "symbolic links", "loop"]),
    (["eval", "--model", "{tmp}/notes.txt/model.npz"], 1, ["is a file, not a folder"]),
    (["eval", "--model", "{tmp}/missing.npz"], 1, ["missing.npz", "not found"]),
    (["predict", "--model", "{model}", "{tmp}/" + LONG + ".png"], 1, ["image", "too long"]),
    (["predict", "--model", "{model}", "{tmp}/folder.png"], 1, ["folder.png", "folder, not a"]),
    (["predict", "--model", "{model}", "{tmp}/pipe"], 1, ["pipe", "not a regular file"]),
    (["predict", "--model", "{model}", "{tmp}/loop_a"], 1, ["symbolic links", "loop"]),
    (["predict", "--model", "{model}", "{not_utf8}"], 1, ["bad\\xff.png", "not found"]),
    (["predict", "--model", "{not_utf8}", "{tmp}/notes.txt"], 1, ["bad\\xff.png", "not found"]),
    (["predict", "--model", "{tmp}/folder.npz", "{tmp}/notes.txt"], 1,
     ["folder.npz", "folder, not a file"]),
])
def test_bad_invocation_gives_its_exit_code_and_one_line(capsys, place, argv, code, words):
    got, out, err = run_cli(capsys, *expand(argv, place))
    assert got == code, err
    assert_one_line_error(got, err, *words)
    assert out == ""


def test_predict_prints_the_good_images_and_one_line_per_bad_one(capsys, place):
    tmp = Path(place["tmp"])
    good = [write_stroke_png(tmp / "one.png", True), write_stroke_png(tmp / "two.png", False)]
    bad = [tmp / "missing.png", tmp / "folder.png", tmp / "notes.txt"]
    code, out, err = run_cli(capsys, "predict", "--model", place["model"],
                             good[0], *bad, good[1])
    assert code == 1 and "Traceback" not in err
    errors = err.strip().splitlines()
    assert len(errors) == len(bad)
    for line, path in zip(errors, bad):
        assert line.startswith("digitlab: error:") and path.name in line
    rows = out.strip().splitlines()[1:]          # below the header
    assert [row.split()[0] for row in rows] == [str(path) for path in good]

    code, out, err = run_cli(capsys, "predict", "--model", place["model"],
                             good[0], *bad, good[1], "--json")
    assert code == 1 and len(err.strip().splitlines()) == len(bad)
    results = json.loads(out)
    assert [result["file"] for result in results] == [str(good[0]), *map(str, bad), str(good[1])]
    for result in (results[0], results[-1]):
        assert set(result) == {"file", "digit", "probabilities"}
    for result, line in zip(results[1:-1], errors):
        assert set(result) == {"file", "error"} and result["error"] in line


def test_predict_with_only_bad_images_prints_no_table(capsys, place):
    code, out, err = run_cli(capsys, "predict", "--model", place["model"],
                             Path(place["tmp"]) / "a.png", Path(place["tmp"]) / "b.png")
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 2


@pytest.mark.parametrize("target", ["digitlab.nn.files.model_io.load_any", "digitlab.gui.draw.image_io.load_image_gray"])
def test_unreadable_file_is_one_line(capsys, place, monkeypatch, target):
    # as root every file is readable: the refusal comes from a patched loader
    def refuse(path, *args):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
    monkeypatch.setattr(target, refuse)
    image = write_stroke_png(Path(place["tmp"]) / "one.png", True)
    code, out, err = run_cli(capsys, "predict", "--model", place["model"], image)
    assert code == 1
    assert_one_line_error(code, err, "permission denied")


@pytest.mark.parametrize("error, words", [
    (ZeroDivisionError("division by zero"), ["internal error", "ZeroDivisionError",
                                             cli.DEBUG_VAR]),
    (MemoryError(), ["not enough memory"]),
    (OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "out.npz"), ["out.npz", "no space left"]),
])
def test_unexpected_exceptions_are_one_line_exit_1(capsys, place, monkeypatch, error, words):
    def fail(args):
        raise error
    monkeypatch.setattr(cli_eval, "run", fail)
    code, out, err = run_cli(capsys, "eval")
    assert code == 1
    assert_one_line_error(code, err, *words)


def test_debug_variable_shows_the_traceback(capsys, place, monkeypatch):
    def fail(args):
        raise ZeroDivisionError("division by zero")
    monkeypatch.setattr(cli_eval, "run", fail)
    monkeypatch.setenv(cli.DEBUG_VAR, "1")
    code, _, err = run_cli(capsys, "eval")
    assert code == 1
    assert "Traceback" in err and "ZeroDivisionError" in err
    assert err.strip().splitlines()[-1].startswith("digitlab: error: internal error")


def test_main_py_exit_codes_in_a_subprocess(tmp_path):
    for argv, code in ((["train", "--seed", "-5"], 2),
                       (["eval", "--model", str(tmp_path / (LONG + ".npz"))], 1),
                       (["eval", "--help"], 0)):
        result = subprocess.run([sys.executable, "main.py", *argv], cwd=ROOT,
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == code, result.stderr
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == (0 if code == 0 else 1)


@pytest.mark.mnist
def test_divergence_by_weight_decay_is_one_line_without_numpy_warnings(capsys, mnist_dir):
    code, _, err = run_cli(capsys, "train", "--train-size", 200, "--epochs", 1, "--hidden", 5,
                           "--weight-decay", "1e30", "--mnist-dir", mnist_dir)
    assert_one_line_error(code, err, "diverged")
    assert "RuntimeWarning" not in err


@pytest.mark.mnist
def test_names_that_are_not_utf8_are_printed_escaped(capsys, tmp_path, mnist_dir):
    model = os.fsdecode(os.fsencode(str(tmp_path)) + b"/m\xff.npz")   # as sys.argv has it
    code, out, err = run_cli(capsys, "train", "--train-size", 100, "--epochs", 1, "--hidden", 5,
                             "--mnist-dir", mnist_dir, "--out", model)
    assert code == 0, err
    assert "model saved to " + str(tmp_path) + "/m\\xff.npz" in out
    code, out, err = run_cli(capsys, "eval", "--model", model, "--mnist-dir", mnist_dir)
    assert code == 0, err
    assert out.startswith("model: " + str(tmp_path) + "/m\\xff.npz (784-5-10")


def test_a_huge_value_is_quoted_by_its_start(capsys):
    code, _, err = run_cli(capsys, "train", "--epochs", "9" * 5000 + "x")
    assert_one_line_error(code, err, "--epochs", "'" + "9" * 30 + "'...")
    assert code == 2 and len(err) < 300


@pytest.mark.parametrize("argv, words", [
    (["--hidden", "5"], ["1,500 training images", "limit is 1,000", "backprop"]),
    (["--hidden", "100", "--train-size", "1000"], ["79,510 parameters", "limit is 40,000"]),
])
def test_the_numerical_gradient_limits_are_the_training_tabs(capsys, monkeypatch, argv, words):
    from digitlab.cli import common
    rng = np.random.default_rng(0)
    x, t = rng.random((1500, 784), dtype=np.float32), rng.integers(0, 10, 1500)
    monkeypatch.setattr(common, "load_mnist", lambda args, progress=None: ((x, t), (x[:10], t[:10])))
    code, out, err = run_cli(capsys, "train", "--gradient", "numerical", "--epochs", 1, *argv)
    assert code == 1 and out == ""
    assert_one_line_error(code, err, *words)
