""""Export this experiment": the script repeats the run from the command line."""
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from digitlab.nn.data.mnist import load_mnist
from digitlab.nn.course.export import export_script
from digitlab.nn.training.presets import course_config
from digitlab.nn.training.trainer import EpochEvent, IterationEvent, TrainConfig, Trainer, build_network
from local_mirror import fake_mnist

ROOT = Path(__file__).resolve().parent.parent
CONFIG = TrainConfig(hidden_sizes=(20,), activation="sigmoid", weight_init="xavier",
                     optimizer="momentum", lr=0.05, batch_size=50, epochs=1, train_size=1_000,
                     seed=11)


def first_epoch_loss(config, mnist_dir) -> float:
    """The mean loss of epoch 1, from the Trainer in this process as the app runs it."""
    (x, t), (x_test, t_test) = load_mnist(mnist_dir=mnist_dir)
    rng = np.random.default_rng(config.seed)
    losses = []
    for event in Trainer(build_network(config, rng), x, t, x_test, t_test, config, rng=rng).run():
        if isinstance(event, IterationEvent):
            losses.append(event.loss)
        elif isinstance(event, EpochEvent):
            return float(np.mean(losses))
    raise AssertionError("no epoch finished")


def run_script(path: Path, *args, python: tuple[str, ...] = (sys.executable,)) -> subprocess.CompletedProcess:
    """Run path as its header says: this Python (DigitLab installed in it), from path's own folder
    (outside the checkout), with no PYTHONPATH and no MNIST variable."""
    env = {key: value for key, value in os.environ.items() if key not in ("DIGITLAB_MNIST_DIR", "PYTHONPATH")}
    return subprocess.run([*python, str(path), *map(str, args)], capture_output=True,
                          text=True, timeout=120, env=env, cwd=path.parent)


def test_an_exported_run_trains_on_a_tiny_set_with_the_installed_package(tmp_path):
    config = TrainConfig(hidden_sizes=(8,), batch_size=4, epochs=2, seed=3)
    mnist = fake_mnist(tmp_path / "mnist", n_train=40, n_test=10)
    script = tmp_path / "run" / "experiment.py"
    script.parent.mkdir()
    script.write_text(export_script(config), encoding="utf-8")
    result = run_script(script, "--mnist-dir", mnist)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(":")[0] for line in lines[:2]] == ["epoch 1", "epoch 2"], lines
    assert lines[-1] == "Training finished: 2 epochs."
    assert result.stderr == ""


def test_without_digitlab_installed_the_script_says_what_to_run_in_one_line(tmp_path):
    script = tmp_path / "experiment.py"
    script.write_text(export_script(CONFIG), encoding="utf-8")
    result = run_script(script, python=(sys.executable, "-S"))   # -S: no site-packages, no DigitLab
    assert result.returncode == 1
    assert result.stderr.startswith("error: DigitLab is not installed for ")
    assert "pip install ." in result.stderr and result.stderr.count("\n") == 1


@pytest.mark.mnist
def test_an_exported_run_gives_the_same_first_epoch_loss(tmp_path, mnist_dir):
    script = tmp_path / "experiment.py"
    script.write_text(export_script(CONFIG), encoding="utf-8")
    result = run_script(script, "--mnist-dir", mnist_dir)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    match = re.fullmatch(r"epoch 1: loss (\S+)  train accuracy 0\.\d{4}  test accuracy 0\.\d{4}",
                         lines[0])
    assert match, lines
    assert float(match.group(1)) == first_epoch_loss(CONFIG, mnist_dir)
    assert lines[-1] == "Training finished: 1 epochs."


def test_the_script_holds_every_setting_of_the_config():
    text = export_script(course_config())
    compile(text, "experiment.py", "exec")
    namespace = {}
    exec(text.split("\ndef main")[0], namespace)          # imports and CONFIG only
    assert namespace["CONFIG"] == course_config()
    assert "784-50-10 sigmoid, sgd lr 0.1, batch 100, 10,000 iterations" in text


def test_without_mnist_the_script_says_so_in_one_line(tmp_path):
    script = tmp_path / "experiment.py"
    script.write_text(export_script(CONFIG), encoding="utf-8")
    result = run_script(script, "--mnist-dir", tmp_path / "nowhere")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("error: The MNIST folder")
