"""cli/train.py (`digitlab train`): a run on MNIST, divergence, and --out: the target is checked
before training, and a save that still fails afterwards keeps the run in a rescue file. Faults are
made in tmp_path only (a FIFO there, monkeypatched errors); a small synthetic set stands in for
MNIST where the test is about the file."""
import errno
import json
import os
import tempfile
from pathlib import Path

import numpy as np
import pytest

from digitlab import cli
from digitlab.cli import common
from digitlab.cli import train as cli_train
from digitlab.nn.files.model_io import load_model
from test_cli import assert_one_line_error, run_cli


@pytest.fixture
def synthetic(monkeypatch):
    """Replaces MNIST with 200 random images; returns the list of calls (one per loading)."""
    rng = np.random.default_rng(0)
    x, t = rng.random((200, 784), dtype=np.float32), rng.integers(0, 10, 200)
    calls = []

    def load(args, progress=None):
        calls.append(args)
        return (x, t), (x[:50], t[:50])

    monkeypatch.setattr(common, "load_mnist", load)
    return calls


def train(capsys, out, *extra):
    code = cli.main(["train", "--epochs", "1", "--hidden", "5", "--out", str(out), *extra])
    stdout, stderr = capsys.readouterr()
    return code, stdout, stderr


def one_line(stderr: str) -> str:
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    return lines[0]


def refuse_in(monkeypatch, folders, code=errno.ENOSPC, after=0):
    """mkstemp fails with code in the given folders, from its (after + 1)-th call there on."""
    real, seen = tempfile.mkstemp, []

    def mkstemp(*args, dir=None, **kwargs):
        if dir is not None and Path(dir).resolve() in {Path(f).resolve() for f in folders}:
            seen.append(dir)
            if len(seen) > after:
                raise OSError(code, os.strerror(code))
        return real(*args, dir=dir, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)


# ---- before training ---------------------------------------------------------------------------

@pytest.mark.skipif(os.name != "posix", reason="FIFOs are POSIX")
def test_a_fifo_as_out_is_refused_before_training(capsys, tmp_path, synthetic):
    fifo = tmp_path / "model.npz"
    os.mkfifo(fifo)
    code, stdout, stderr = train(capsys, fifo)
    assert code == 1 and synthetic == [] and stdout == ""
    assert "--out: cannot save the model to" in one_line(stderr) and "special file" in stderr
    assert fifo.is_fifo()


@pytest.mark.parametrize("code, words", [(errno.EACCES, "no permission to write in the folder"),
                                         (errno.ENOSPC, "the disk is full")])
def test_an_unwritable_out_folder_is_refused_before_training(capsys, tmp_path, monkeypatch,
                                                             synthetic, code, words):
    refuse_in(monkeypatch, [tmp_path], code)
    exit_code, stdout, stderr = train(capsys, tmp_path / "model.npz")
    assert exit_code == 1 and synthetic == [] and stdout == ""
    assert "--out" in one_line(stderr) and words in stderr
    assert list(tmp_path.iterdir()) == []


def test_a_writable_out_gets_the_model(capsys, tmp_path, synthetic):
    code, stdout, _ = train(capsys, tmp_path / "model.npz", "--json")
    assert code == 0 and len(synthetic) == 1
    assert json.loads(stdout)["model"] == str(tmp_path / "model.npz")
    assert load_model(tmp_path / "model.npz")[0].sizes == (784, 5, 10)


# ---- after training ------------------------------------------------------------------------------

def test_a_save_that_fails_after_training_is_rescued_in_the_working_folder(
        capsys, tmp_path, monkeypatch, synthetic):
    out_folder, work = tmp_path / "out", tmp_path / "work"
    out_folder.mkdir()
    work.mkdir()
    monkeypatch.chdir(work)
    refuse_in(monkeypatch, [out_folder], after=1)   # the check passes, then the disk fills up
    code, stdout, stderr = train(capsys, out_folder / "model.npz", "--json")
    assert code == 1 and len(synthetic) == 1
    rescued = sorted(work.glob("digitlab-rescued-*.npz"))
    assert len(rescued) == 1 and list(out_folder.iterdir()) == []
    line = stderr.strip().splitlines()[-1]     # after the progress lines (--json: on stderr)
    assert "Traceback" not in stderr
    assert "cannot save the model to" in line and "the disk is full" in line
    assert f"the trained model was saved to {rescued[0]} instead" in line
    summary = json.loads(stdout)
    assert summary["model"] == str(rescued[0])
    network, metadata = load_model(rescued[0])
    assert network.sizes == (784, 5, 10)
    assert metadata["test_accuracy"] == pytest.approx(summary["test_accuracy"])


def test_the_rescue_goes_to_the_data_folder_when_the_working_folder_is_unwritable(
        capsys, tmp_path, monkeypatch, synthetic):
    out_folder, work, data = tmp_path / "out", tmp_path / "work", tmp_path / "data" / "digitlab"
    out_folder.mkdir()
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setattr(cli_train, "user_data_dir", lambda: data)
    refuse_in(monkeypatch, [out_folder, work], code=errno.EROFS, after=1)
    code, stdout, stderr = train(capsys, out_folder / "model.npz")
    assert code == 1
    rescued = sorted(data.glob("digitlab-rescued-*.npz"))
    assert len(rescued) == 1 and list(work.iterdir()) == []
    assert f"saved to {rescued[0]} instead" in stderr and "read-only disk" in stderr
    assert f"model saved to {rescued[0]}" in stdout
    assert load_model(rescued[0])[0].sizes == (784, 5, 10)


def test_when_nothing_can_be_written_the_message_says_so(capsys, tmp_path, monkeypatch, synthetic):
    out_folder, data = tmp_path / "out", tmp_path / "data"
    out_folder.mkdir()
    data.mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cli_train, "user_data_dir", lambda: data)
    refuse_in(monkeypatch, [out_folder, tmp_path, data], after=1)
    code, stdout, stderr = train(capsys, out_folder / "model.npz")
    assert code == 1 and "model saved to" not in stdout
    line = stderr.strip().splitlines()[-1]
    assert "Traceback" not in stderr and "the disk is full" in line and "is lost" in line


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


@pytest.mark.parametrize("out", ["no-such-folder/model.npz", "."])
def test_train_out_checked_before_training(capsys, tmp_path, monkeypatch, out):
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli(capsys, "train", "--out", out, "--mnist-dir", tmp_path)
    assert_one_line_error(code, err, "--out")


def test_out_that_is_the_shipped_model_is_refused_before_training(capsys, synthetic):
    from digitlab import resources

    shipped = resources.path(*resources.DEFAULT_MODEL)
    before = shipped.read_bytes()
    code, stdout, stderr = train(capsys, shipped, "--force")
    assert code == 1 and synthetic == [] and "shipped model" in one_line(stderr)
    assert shipped.read_bytes() == before


def test_an_existing_out_is_replaced_only_with_force(capsys, tmp_path, synthetic):
    out = tmp_path / "model.npz"
    out.write_bytes(b"an older model")
    code, _, stderr = train(capsys, out)
    assert code == 1 and synthetic == [] and "--force" in one_line(stderr)
    assert out.read_bytes() == b"an older model"
    code, _, _ = train(capsys, out, "--force")
    assert code == 0 and load_model(out)[0].sizes == (784, 5, 10)


def test_out_that_is_an_mnist_file_is_refused(capsys, tmp_path, synthetic):
    from digitlab.nn.data.mnist import FILES

    for name in FILES:
        (tmp_path / name).write_bytes(b"mnist")
    out = tmp_path / "link.npz"
    out.symlink_to(tmp_path / next(iter(FILES)))
    code, _, stderr = train(capsys, out, "--force", "--mnist-dir", str(tmp_path))
    assert code == 1 and synthetic == [] and "MNIST file" in one_line(stderr)


def test_out_that_is_the_shipped_convolutional_model_is_refused(capsys, synthetic):
    from digitlab import resources

    shipped = resources.path(*resources.CONV_MODEL)
    before = shipped.read_bytes()
    code, _, stderr = train(capsys, shipped, "--force")
    assert code == 1 and synthetic == [] and "shipped convolutional model" in one_line(stderr)
    assert shipped.read_bytes() == before
