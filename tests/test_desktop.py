"""The desktop launcher writes and removes its entry and icons inside the folder it is given."""
import configparser
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from digitlab.gui import desktop

ROOT = Path(__file__).resolve().parent.parent
# the freedesktop menu specification's main categories; an entry in two appears twice in some menus
MAIN_CATEGORIES = {"AudioVideo", "Audio", "Video", "Development", "Education", "Game", "Graphics",
                   "Network", "Office", "Science", "Settings", "System", "Utility"}


def entry_section(tmp_path) -> configparser.SectionProxy:
    desktop.install(tmp_path, exec_line="/opt/x/digitlab")
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(tmp_path / "applications" / "digitlab.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_entry_has_a_version_older_validators_know_and_one_main_category(tmp_path):
    # Debian 12's desktop-file-validate (0.26) knows the spec's versions up to 1.4; 1.0 is enough
    section = entry_section(tmp_path)
    assert section["Version"] == "1.0"
    categories = [c for c in section["Categories"].split(";") if c]
    assert [c for c in categories if c in MAIN_CATEGORIES] == ["Education"]


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate is not installed (Debian: desktop-file-utils)")
def test_desktop_file_validate_accepts_the_entry_without_a_remark(tmp_path):
    desktop.install(tmp_path, exec_line="/opt/x/digitlab")
    entry = tmp_path / "applications" / "digitlab.desktop"
    result = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_install_writes_a_valid_entry_and_every_icon(tmp_path):
    written = desktop.install(tmp_path, exec_line="/opt/x/digitlab")
    entry = tmp_path / "applications" / "digitlab.desktop"
    assert entry in written and len(written) == 2 + len(desktop.PNG_SIZES)
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(entry, encoding="utf-8")
    section = parser["Desktop Entry"]
    assert section["Type"] == "Application" and section["Name"] == "DigitLab"
    assert section["Exec"] == "/opt/x/digitlab" and section["Icon"] == "digitlab"
    assert section["Categories"].startswith("Education;")
    for size in desktop.PNG_SIZES:
        png = tmp_path / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "digitlab.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = tmp_path / "icons" / "hicolor" / "scalable" / "apps" / "digitlab.svg"
    assert b"<svg" in svg.read_bytes()


def test_uninstall_removes_exactly_what_install_wrote(tmp_path):
    mine = tmp_path / "applications" / "other.desktop"
    written = desktop.install(tmp_path, exec_line="digitlab")
    mine.write_text("[Desktop Entry]\n")
    assert sorted(desktop.uninstall(tmp_path)) == sorted(written)
    assert mine.exists() and not any(path.exists() for path in written)
    assert desktop.uninstall(tmp_path) == []


def test_the_exec_line_starts_main_py_when_no_command_is_installed(monkeypatch):
    monkeypatch.setattr(desktop.shutil, "which", lambda name: None)
    line = desktop.launch_command(Path("/a b/main.py"))
    assert line.endswith("'/a b/main.py'") and sys.executable in line


def test_data_home_follows_xdg_and_ignores_relative_values(tmp_path):
    assert desktop.data_home({"XDG_DATA_HOME": str(tmp_path)}) == tmp_path
    assert desktop.data_home({"XDG_DATA_HOME": "relative"}) == Path.home() / ".local" / "share"


def test_main_py_install_and_uninstall_desktop(tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--install-desktop"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    entry = tmp_path / "applications" / "digitlab.desktop"
    assert "main.py" in entry.read_text(encoding="utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--uninstall-desktop"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0 and not entry.exists()


def test_the_window_icon_has_every_rendered_size(qapp):
    from digitlab.gui.app import app_icon
    sizes = {(size.width(), size.height()) for size in app_icon().availableSizes()}
    assert {(size, size) for size in desktop.PNG_SIZES} <= sizes
