"""main.py: a command goes to the command line, nothing (or window flags) opens the window.

That --mnist-dir reaches the window is checked in test_app.py (the run() test).
"""
import main


def test_help_lists_the_commands_and_the_window(capsys):
    assert main.main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "train" in out and "predict" in out and "--mnist-dir" in out
