"""gui/log.py: the rotated log file, its folder, the error box that points to it."""
import logging
import sys

import platformdirs
import pytest
from PySide6.QtWidgets import QMessageBox

from digitlab.gui import log


@pytest.fixture
def fresh_log(monkeypatch, tmp_path):
    """DIGITLAB_LOG_DIR in a folder of this test; the handler is closed afterwards."""
    folder = tmp_path / "nested" / "logs"
    monkeypatch.setenv(log.LOG_DIR_VAR, str(folder))
    yield folder
    log.close_logging()


def test_the_tests_never_write_the_users_log(log_dir):
    assert log.log_dir() == log_dir
    assert log.log_dir() != log.log_dir({})


def test_without_the_variable_the_log_goes_to_the_users_log_folder():
    assert log.log_dir({}) == log.log_dir({log.LOG_DIR_VAR: "  "})
    assert str(log.log_dir({})) == platformdirs.user_log_dir("digitlab", appauthor=False)
    assert str(log.log_dir({log.LOG_DIR_VAR: "/somewhere/else"})) == "/somewhere/else"


def test_setup_creates_the_folder_and_notes_each_start(fresh_log):
    path = log.setup_logging()
    assert path == fresh_log / "digitlab.log" and log.log_file() == path
    assert log.setup_logging() == path                 # a second start reuses the handler
    handlers = [h for h in logging.getLogger("digitlab").handlers if isinstance(h, logging.FileHandler)]
    assert len(handlers) == 1
    assert path.read_text(encoding="utf-8").count("DigitLab started") == 2


def test_errors_are_logged_with_their_traceback(fresh_log):
    path = log.setup_logging()
    try:
        raise ValueError("simulated fault")
    except ValueError:
        logging.getLogger("digitlab.training").exception("Training failed")
    text = path.read_text(encoding="utf-8")
    assert "ERROR digitlab.training: Training failed" in text
    assert "Traceback (most recent call last)" in text and "ValueError: simulated fault" in text


def test_the_log_rotates(fresh_log, monkeypatch):
    monkeypatch.setattr(log, "MAX_BYTES", 2_000)
    path = log.setup_logging()
    for i in range(200):
        logging.getLogger("digitlab").error("line %d %s", i, "x" * 50)
    files = sorted(p.name for p in fresh_log.iterdir())
    assert files == ["digitlab.log", "digitlab.log.1", "digitlab.log.2", "digitlab.log.3"]
    assert all(p.stat().st_size <= 2_000 for p in fresh_log.iterdir())
    assert "line 199" in path.read_text(encoding="utf-8")


def test_an_unwritable_folder_means_no_log_file_not_a_crash(monkeypatch, tmp_path):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(log.LOG_DIR_VAR, str(blocker / "logs"))
    assert log.setup_logging() is None and log.log_file() is None


def test_uncaught_exceptions_are_logged_while_the_app_runs(fresh_log, monkeypatch):
    path = log.setup_logging()
    seen = []
    monkeypatch.setattr(sys, "excepthook", lambda *args: seen.append(args))
    previous = sys.excepthook
    with log.logged_exceptions():
        try:
            raise KeyError("simulated slot fault")
        except KeyError:
            sys.excepthook(*sys.exc_info())
    assert sys.excepthook is previous and len(seen) == 1   # restored; the previous hook still ran
    assert "KeyError: 'simulated slot fault'" in path.read_text(encoding="utf-8")


def test_show_error_logs_and_opens_a_box_with_the_details(qtbot, fresh_log):
    path = log.setup_logging()
    box = log.show_error(None, "Save model", "Could not save; choose another folder.", "Traceback: details",
                         summary="OSError: disk full")
    qtbot.addWidget(box)
    assert box.isVisible() and box.icon() == QMessageBox.Icon.Warning   # open(): the call returned at once
    assert box.text() == "Could not save; choose another folder."
    assert "OSError: disk full" in box.informativeText() and str(path) in box.informativeText()
    assert box.detailedText() == "Traceback: details"
    assert "Traceback: details" in path.read_text(encoding="utf-8")
    box.close()


def test_what_is_logged_before_the_file_is_opened_is_written_to_it_then(fresh_log, caplog):
    log.hold_early_records()
    with caplog.at_level(logging.WARNING, logger="digitlab"):
        logging.getLogger("digitlab.settings").warning("Ignoring the settings file x: it cannot be read")
    assert not (fresh_log / "digitlab.log").exists()
    path = log.setup_logging()
    lines = path.read_text(encoding="utf-8").splitlines()
    assert "DigitLab started" in lines[0]
    assert lines[1].endswith("WARNING digitlab.settings: Ignoring the settings file x: it cannot be read")
    assert not any(isinstance(h, log.EarlyRecords) for h in logging.getLogger("digitlab").handlers)
    # written to the file, not logged a second time
    assert [r.name for r in caplog.records if "settings file" in r.getMessage()] == ["digitlab.settings"]
