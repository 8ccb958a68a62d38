"""The wheel that `pip install .` builds keeps its promises: every module, the shipped model and the
translation, the `digitlab` command, and a PySide6 pin that excludes the release that aborts on 3.11.

The wheel is built once from a copy of the checkout (no network: --no-build-isolation, --no-index).
"""
import os
import shutil
import subprocess
import sys
import zipfile
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("cli", "nn", "gui", "resources")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    source = tmp_path_factory.mktemp("checkout")
    for name in ("pyproject.toml", "README.md", "main.py"):
        shutil.copy2(ROOT / name, source / name)
    for package in PACKAGES:
        shutil.copytree(ROOT / package, source / package,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    dist = tmp_path_factory.mktemp("dist")
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                             "--no-index", "--no-cache-dir", "--quiet", "--wheel-dir", str(dist),
                             str(source)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    path, = dist.glob("digitlab-*.whl")
    with zipfile.ZipFile(path) as archive:
        yield archive


def dist_info(wheel: zipfile.ZipFile, name: str) -> str:
    path, = [n for n in wheel.namelist() if n.endswith(f".dist-info/{name}")]
    return wheel.read(path).decode("utf-8")


def pyside_pins(wheel) -> list[Requirement]:
    lines = [line.split(":", 1)[1].strip() for line in dist_info(wheel, "METADATA").splitlines()
             if line.startswith("Requires-Dist:")]
    return [Requirement(line) for line in lines if line.lower().startswith("pyside6")]


def pyside_allows(wheel, version_: str, python: str) -> bool:
    """Would pip accept PySide6-Essentials `version_` for this wheel on Python `python`?"""
    environment = {"python_version": python, "python_full_version": python + ".0", "extra": ""}
    active = [pin for pin in pyside_pins(wheel)
              if pin.marker is None or pin.marker.evaluate(environment)]
    assert active, f"no PySide6 requirement applies on Python {python}"
    return all(pin.specifier.contains(version_) for pin in active)


def test_the_digitlab_command_runs_main_main(wheel):
    assert "[console_scripts]\ndigitlab = digitlab.main:main" in dist_info(wheel, "entry_points.txt")


def test_every_module_of_the_checkout_is_in_the_wheel(wheel):
    names = set(wheel.namelist())
    modules = {path.relative_to(ROOT).as_posix() for package in PACKAGES
               for path in (ROOT / package).rglob("*.py") if "__pycache__" not in path.parts}
    assert {"cli/__init__.py", "gui/draw/tab.py", "gui/training/tab.py",
            "gui/gradient/tab.py", "nn/training/trainer.py", "nn/data/mnist.py"} <= modules
    assert {f"digitlab/{module}" for module in modules | {"main.py"}} <= names
    assert not any(name.startswith(prefix) for name in names
                   for prefix in ("tests/", "scripts/", "docs/", "digitlab/tests/", "digitlab/scripts/",
                                  "digitlab/docs/"))


def test_the_shipped_model_and_the_translation_are_in_the_wheel(wheel):
    names = set(wheel.namelist())
    for resource in ("resources/models/default.npz", "resources/i18n/digitlab_ko.qm",
                     "resources/icons/digitlab.svg", "resources/icons/digitlab-48.png"):
        assert f"digitlab/{resource}" in names
        assert wheel.read(f"digitlab/{resource}") == (ROOT / resource).read_bytes()


@pytest.mark.parametrize("python", ["3.10", "3.11"])
def test_pyside6_6_12_0_is_excluded_below_python_3_12(wheel, python):
    # 6.12.0 leaks a reference to None on every void call; the interpreter aborts on 3.11.
    assert not pyside_allows(wheel, "6.12.0", python)
    assert pyside_allows(wheel, "6.11.3", python)
    assert pyside_allows(wheel, "6.12.1", python)


def test_pyside6_6_12_0_is_allowed_from_python_3_12(wheel):
    assert pyside_allows(wheel, "6.12.0", "3.12")
    assert not pyside_allows(wheel, "6.7.3", "3.13")


def test_the_installed_pyside6_is_one_the_wheel_accepts_here(wheel):
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    assert pyside_allows(wheel, version("PySide6-Essentials"), python)


def test_the_wheel_installs_one_top_level_name(wheel):
    # A student's own nn.py or gui/ folder, or another distribution's `main`, can neither clash with
    # nor shadow DigitLab's modules: everything lives under digitlab.
    top = {name.split("/", 1)[0] for name in wheel.namelist()}
    dist_info_dir, = [name for name in top if name.endswith(".dist-info")]
    assert top == {"digitlab", dist_info_dir}
    assert dist_info(wheel, "top_level.txt").split() in (["digitlab"], [])


def test_the_installed_command_starts(wheel, tmp_path):
    """Install the wheel into a folder of its own and run its `digitlab` script from elsewhere,
    with a student's nn.py, gui/ and main.py beside it that must not be picked up."""
    target = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index",
                             "--quiet", "--target", str(target), wheel.filename],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    student = tmp_path / "student"
    (student / "gui").mkdir(parents=True)
    (student / "nn.py").write_text("raise SystemExit('the student nn.py was imported')\n")
    (student / "main.py").write_text("raise SystemExit('the student main.py was imported')\n")
    (student / "gui" / "__init__.py").write_text("raise SystemExit('the student gui was imported')\n")
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env["PYTHONPATH"] = str(target)
    script = target / "bin" / "digitlab"
    for flag, words in (("--version", "DigitLab"), ("--help", "train")):
        done = subprocess.run([sys.executable, str(script), flag], cwd=student, env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr
        assert words in done.stdout
    origin = subprocess.run([sys.executable, "-c", "import digitlab.nn; print(digitlab.nn.__file__)"],
                            cwd=student, env=env, capture_output=True, text=True, timeout=60)
    assert origin.stdout.strip().startswith(str(target)), origin.stdout + origin.stderr
