"""The desktop launcher: a freedesktop .desktop entry and the icon in the user's own folders.

`python main.py --install-desktop` writes them so that DigitLab appears in the desktop's application
menu; `--uninstall-desktop` removes exactly what was written. Standard library only (runs before Qt).
"""
from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from digitlab import resources

APP_ID = "digitlab"
ICONS = resources.path("icons")
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)

ENTRY = """[Desktop Entry]
Type=Application
Version=1.0
Name=DigitLab
GenericName=Deep learning lab
GenericName[ko]=딥러닝 실습실
Comment=Draw a digit, train a NumPy network on MNIST, watch gradient descent
Comment[ko]=숫자를 그리고, MNIST로 신경망을 학습시키고, 경사 하강법을 눈으로 확인합니다
Exec={exec}
Icon={icon}
Terminal=false
Categories=Education;ArtificialIntelligence;
Keywords=MNIST;neural network;deep learning;gradient descent;softmax;
StartupWMClass=digitlab
"""


def data_home(environ: Mapping[str, str] = os.environ) -> Path:
    """$XDG_DATA_HOME, else ~/.local/share (the freedesktop default)."""
    folder = environ.get("XDG_DATA_HOME", "")
    return Path(folder) if os.path.isabs(folder) else Path.home() / ".local" / "share"


def launch_command(main_script: Path | None = None) -> str:
    """The Exec= line: the installed `digitlab` command, else this Python running main.py."""
    installed = shutil.which(APP_ID)
    if installed:
        return shlex.quote(installed)
    script = main_script or Path(__file__).resolve().parent.parent / "main.py"
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"


def planned_files(home: Path) -> dict[Path, Path | None]:
    """Target -> source (None: the .desktop entry itself, written from ENTRY)."""
    files: dict[Path, Path | None] = {home / "applications" / f"{APP_ID}.desktop": None}
    files[home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"] = ICONS / "digitlab.svg"
    for size in PNG_SIZES:
        target = home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        files[target] = ICONS / f"digitlab-{size}.png"
    return files


def install(home: Path | None = None, exec_line: str | None = None) -> list[Path]:
    """Write the entry and the icons; returns the files written. Raises OSError."""
    home = home or data_home()
    written = []
    for target, source in planned_files(home).items():
        target.parent.mkdir(parents=True, exist_ok=True)
        if source is None:
            target.write_text(ENTRY.format(exec=exec_line or launch_command(), icon=APP_ID),
                              encoding="utf-8")
        else:
            shutil.copyfile(source, target)
        written.append(target)
    _refresh(home)
    return written


def uninstall(home: Path | None = None) -> list[Path]:
    """Remove what install() wrote; returns the files removed (missing ones are skipped)."""
    home = home or data_home()
    removed = []
    for target in planned_files(home):
        if target.is_file():
            target.unlink()
            removed.append(target)
    _refresh(home)
    return removed


def _refresh(home: Path) -> None:
    """Ask the desktop to re-read its menus and icons when the tools exist (best effort)."""
    for command in (["update-desktop-database", str(home / "applications")],
                    ["gtk-update-icon-cache", "-q", "-t", str(home / "icons" / "hicolor")]):
        if shutil.which(command[0]):
            subprocess.run(command, check=False, capture_output=True, timeout=30)


def main(action: str) -> int:
    """`--install-desktop` / `--uninstall-desktop` from main.py: one line of what happened."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd")):
        print("--install-desktop writes a freedesktop menu entry (Linux and BSD desktops);"
              " on this system start DigitLab with the 'digitlab' command.", file=sys.stderr)
        return 1
    try:
        files = install() if action == "--install-desktop" else uninstall()
    except OSError as error:
        print(f"digitlab: could not write the menu entry: {error.strerror or error}", file=sys.stderr)
        return 1
    if action == "--install-desktop":
        print(f"DigitLab is now in the application menu ({files[0]}).")
    else:
        print(f"Removed {len(files)} file(s) of DigitLab's menu entry.")
    return 0
