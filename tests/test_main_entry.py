"""main.py: a command goes to the command line, nothing (or window flags) opens the window.

That --mnist-dir reaches the window is checked in test_main_window.py (the run() test).
"""
import main
from gui.app import window_options


def test_help_lists_the_commands_and_the_window(capsys):
    assert main.main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "train" in out and "predict" in out and "--mnist-dir" in out


def test_window_takes_mnist_dir_and_leaves_the_rest_to_qt():
    options, qt_args = window_options(["--mnist-dir", "/data/mnist", "-style", "fusion"])
    assert options.mnist_dir == "/data/mnist"
    assert qt_args == ["-style", "fusion"]
    options, qt_args = window_options([])
    assert options.mnist_dir is None and qt_args == []

