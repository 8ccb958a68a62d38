"""Every script in scripts/ runs with the installed package: `--help` works from any folder, and
none of them edits sys.path (no checkout shims: scripts import the installed digitlab)."""
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPTS = sorted((Path(__file__).resolve().parent.parent / "scripts").glob("*.py"))


def test_the_scripts_are_one_per_job():
    assert {path.stem for path in SCRIPTS} >= {"bench", "eval", "screenshot", "soak"}
    assert not any(path.stem.startswith(("bench_", "eval_", "screenshot_", "soak_"))
                   for path in SCRIPTS)


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_each_script_answers_help_from_outside_the_checkout(script, tmp_path):
    assert "sys.path" not in script.read_text(encoding="utf-8")
    result = subprocess.run([sys.executable, str(script), "--help"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "usage:" in result.stdout
