"""Refresh the Korean translation: lupdate gui/**/*.py into digitlab_ko.ts, lrelease it to .qm.

Usage: python scripts/update_translations.py [--check]
Existing translations are kept; new strings appear as type="unfinished" (open the .ts with
pyside6-linguist or an editor). --check only reports how many messages are unfinished and
exits 1 when there are any. Needs pyside6-lupdate and pyside6-lrelease (PySide6-Essentials).
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N_DIR = ROOT / "resources" / "i18n"
TS_FILE = I18N_DIR / "digitlab_ko.ts"
QM_FILE = I18N_DIR / "digitlab_ko.qm"


def find_tool(name: str) -> str | None:
    """The PySide6 tool next to this Python (a venv), else on PATH; None when absent."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    return shutil.which(name)


def gui_sources(root: Path = ROOT) -> list[Path]:
    """Every Python module under gui/, sorted so the .ts does not change with the file system."""
    return sorted((root / "gui").rglob("*.py"))


def run_lupdate(ts_file: Path = TS_FILE, root: Path = ROOT) -> None:
    """Merge the strings of gui/ into ts_file; obsolete messages are dropped, no line numbers."""
    lupdate = find_tool("pyside6-lupdate")
    if lupdate is None:
        sys.exit("pyside6-lupdate not found: pip install PySide6-Essentials")
    sources = [str(path.relative_to(root)) for path in gui_sources(root)]
    # no line numbers: others edit gui/ all the time and the .ts should change only with the text
    subprocess.run([lupdate, "-silent", "-no-obsolete", "-locations", "none",
                    "-source-language", "en", "-target-language", "ko_KR",
                    *sources, "-ts", str(ts_file)], cwd=root, check=True)


def run_lrelease(ts_file: Path = TS_FILE, qm_file: Path = QM_FILE) -> None:
    """Compile ts_file into qm_file."""
    lrelease = find_tool("pyside6-lrelease")
    if lrelease is None:
        sys.exit("pyside6-lrelease not found: pip install PySide6-Essentials")
    subprocess.run([lrelease, "-silent", str(ts_file), "-qm", str(qm_file)], check=True)


def count_unfinished(ts_file: Path = TS_FILE) -> int:
    """How many messages of ts_file still wait for a translation."""
    return ts_file.read_text(encoding="utf-8").count('type="unfinished"')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only count unfinished messages (exit 1 when there are any)")
    args = parser.parse_args(argv)
    if not args.check:
        I18N_DIR.mkdir(parents=True, exist_ok=True)
        run_lupdate()
        run_lrelease()
    unfinished = count_unfinished()
    print(f"{TS_FILE.relative_to(ROOT)}: {unfinished} unfinished message(s)")
    return 1 if args.check and unfinished else 0


if __name__ == "__main__":
    sys.exit(main())
