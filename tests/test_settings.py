"""Settings survive a restart; damaged, foreign and wrongly typed ones are ignored with a log line."""
import logging

from PySide6.QtCore import QByteArray

from digitlab.gui.settings import FORMAT, Settings, settings_file, typed


def test_a_state_survives_a_new_settings_object(tmp_path):
    path = tmp_path / "s.ini"
    first = Settings(path)
    first.set_state("draw", {"pen_width": 22, "model": "shipped", "name": "한국어"})
    first.set_geometry("window/geometry", QByteArray(b"\x01\x02\x03"))
    first.sync()
    again = Settings(path)
    assert again.state("draw") == {"pen_width": 22, "model": "shipped", "name": "한국어"}
    assert bytes(again.geometry("window/geometry")) == b"\x01\x02\x03"
    assert again.state("missing") == {} and again.geometry("missing") is None


def test_a_corrupt_file_gives_defaults_and_a_log_line(tmp_path, caplog):
    path = tmp_path / "s.ini"
    path.write_bytes(b"\x00\xff[draw\nstate={not json\x00\n=\n[[[")
    with caplog.at_level(logging.WARNING, logger="digitlab.settings"):
        settings = Settings(path)
        assert settings.state("draw") == {}
    assert caplog.records


def test_damaged_json_and_foreign_values_are_ignored(tmp_path, caplog):
    path = tmp_path / "s.ini"
    path.write_text(f"[General]\nformat={FORMAT}\ndraw=\"{{broken\"\ntraining=\"[1, 2]\"\n")
    with caplog.at_level(logging.WARNING, logger="digitlab.settings"):
        settings = Settings(path)
        assert settings.state("draw") == {} and settings.state("training") == {}
    assert len(caplog.records) == 2


def test_a_file_of_another_format_is_ignored(tmp_path):
    path = tmp_path / "s.ini"
    path.write_text("[General]\nformat=999\ndraw=\"{\\\"pen_width\\\": 5}\"\n")
    assert Settings(path).state("draw") == {}


def test_clear_forgets_everything(tmp_path):
    settings = Settings(tmp_path / "s.ini")
    settings.set_state("draw", {"pen_width": 3})
    settings.clear()
    assert Settings(tmp_path / "s.ini").state("draw") == {}


def test_typed_keeps_only_values_of_the_right_type(caplog):
    state = {"width": 5, "lr": 1, "name": 3, "flag": True, "count": True}
    assert typed(state, "width", 18) == 5
    assert typed(state, "lr", 0.1) == 1.0
    assert typed(state, "name", "x") == "x"
    assert typed(state, "flag", False) is True
    assert typed(state, "count", 7) == 7          # a bool is no count
    assert typed(state, "absent", 2.5) == 2.5


def test_the_settings_file_follows_the_variable(tmp_path):
    assert settings_file({"DIGITLAB_SETTINGS": str(tmp_path / "x.ini")}) == tmp_path / "x.ini"
    assert settings_file({}).name == "DigitLab.ini"


def test_throwaway_settings_start_empty_and_never_touch_the_users_file():
    from digitlab.gui.settings import throwaway_settings
    Settings().set_state("window", {"tab": 2})
    before = settings_file().read_bytes()
    scratch = throwaway_settings()
    assert scratch.path != settings_file() and scratch.state("window") == {}
    scratch.set_state("window", {"tab": 1})
    assert Settings(scratch.path).state("window") == {"tab": 1}
    assert settings_file().read_bytes() == before
