"""Every script in scripts/ compiles and imports only names that DigitLab has: a script nothing
imports would otherwise break unnoticed (a syntax slip, a module that moved). Each runs `--help`
with the installed package from a folder outside the checkout, edits no sys.path, and there is one
script per job (no bench_*, eval_*, screenshot_*, soak_* families)."""
import ast
import importlib
import py_compile
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPTS = sorted((Path(__file__).resolve().parent.parent / "scripts").glob("*.py"))


def digitlab_imports(tree: ast.AST) -> list[tuple[str, str | None]]:
    """(module, name) of every `from digitlab... import name` and (module, None) of `import digitlab...`."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "digitlab":
            found += [(node.module, alias.name) for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [(alias.name, None) for alias in node.names if alias.name.split(".")[0] == "digitlab"]
    return found


def test_there_are_scripts_to_check():
    assert len(SCRIPTS) >= 2


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_the_script_compiles(script, tmp_path):
    py_compile.compile(str(script), cfile=str(tmp_path / "script.pyc"), doraise=True)


def missing_names(source: str) -> list[str]:
    """The digitlab modules and names that source imports and DigitLab does not have."""
    missing = []
    for module, name in digitlab_imports(ast.parse(source)):
        try:
            imported = importlib.import_module(module)
        except ImportError:
            missing.append(module)
            continue
        if name is not None and name != "*" and not hasattr(imported, name):
            try:
                importlib.import_module(f"{module}.{name}")
            except ImportError:
                missing.append(f"{module}.{name}")
    return missing


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_what_the_script_imports_from_digitlab_exists(script):
    assert missing_names(script.read_text(encoding="utf-8")) == []


def test_a_moved_module_or_a_lost_name_is_caught():
    source = ("from digitlab.nn.moved_away import MultiLayerNet\n"   # a module that moved or went
              "from digitlab.nn.model.network import MultiLayerNet, Nope\n"
              "import digitlab.gui.retranslate\n")
    assert missing_names(source) == ["digitlab.nn.moved_away", "digitlab.nn.model.network.Nope",
                                     "digitlab.gui.retranslate"]


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
