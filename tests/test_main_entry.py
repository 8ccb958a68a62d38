"""main.py: a command goes to the command line, nothing (or window flags) opens the window."""
import os

import main
from gui.app import window_options
from nn.data import ENV_VAR


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


def test_window_flag_wins_over_the_variable(monkeypatch, qtbot, tmp_path):
    from PySide6.QtWidgets import QApplication

    from gui.app import run
    monkeypatch.setenv(ENV_VAR, "/elsewhere")
    seen = {}

    def on_shown(window):
        qtbot.addWidget(window)
        seen["dir"] = os.environ[ENV_VAR]
        window.close()
        QApplication.instance().quit()

    run(["--mnist-dir", str(tmp_path)], on_shown=on_shown)
    assert seen["dir"] == str(tmp_path)
