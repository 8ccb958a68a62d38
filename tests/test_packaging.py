"""The wheel that `pip install .` builds keeps its promises: every module, the shipped model and the
translation, the `digitlab` command, and a PySide6 pin that excludes the release that aborts on 3.11.

The wheel is built once from a copy of the checkout (no network: --no-build-isolation, --no-index).
"""
import ast
import os
import shutil
import subprocess
import sys
import zipfile
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from digitlab import resources

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


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> dict[str, str]:
    """The wheel installed (not editable) into a folder of its own; the environment that uses it."""
    target = tmp_path_factory.mktemp("site")
    result = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index",
                             "--quiet", "--target", str(target), wheel.filename],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env["PYTHONPATH"] = str(target)
    return env


def test_the_installed_command_starts(installed, tmp_path):
    """Run the installed `digitlab` script from elsewhere, with a student's nn.py, gui/ and
    main.py beside it that must not be picked up."""
    target = Path(installed["PYTHONPATH"])
    student = tmp_path / "student"
    (student / "gui").mkdir(parents=True)
    (student / "nn.py").write_text("raise SystemExit('the student nn.py was imported')\n")
    (student / "main.py").write_text("raise SystemExit('the student main.py was imported')\n")
    (student / "gui" / "__init__.py").write_text("raise SystemExit('the student gui was imported')\n")
    script = target / "bin" / "digitlab"
    for flag, words in (("--version", "DigitLab"), ("--help", "train")):
        done = subprocess.run([sys.executable, str(script), flag], cwd=student, env=installed,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr
        assert words in done.stdout
    origin = subprocess.run([sys.executable, "-c", "import digitlab.nn; print(digitlab.nn.__file__)"],
                            cwd=student, env=installed, capture_output=True, text=True, timeout=60)
    assert origin.stdout.strip().startswith(str(target)), origin.stdout + origin.stderr


SWITCH = """
import os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
import digitlab
from PySide6.QtWidgets import QApplication
app = QApplication([])
from digitlab.gui.main_window import MainWindow
window = MainWindow()
texts = [list(digitlab.__path__)[0]]
for code in ("ko", "en"):
    window.set_language(code)
    app.processEvents()
    texts += [window.tabs.tabText(0), window.draw_tab.input_view.flatten_box.text()]
print("|".join(texts))
"""


def test_the_installed_package_switches_to_korean_and_back(installed, tmp_path):
    """View > Language in the installed package, which holds no .ts file: every fixed text
    comes back from the compiled catalogue."""
    done = subprocess.run([sys.executable, "-c", SWITCH], cwd=tmp_path, env=installed,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    origin, *texts = done.stdout.strip().split("|")
    assert origin.startswith(installed["PYTHONPATH"])
    assert texts == ["그리기", "784차원 벡터 x로 평탄화", "Draw", "Flatten to the 784-vector x"]


def test_every_package_folder_is_listed_in_pyproject():
    """A new folder with an __init__.py (gui/inside/, nn/...) must be in [tool.setuptools] packages,
    or the wheel leaves it out."""
    tomllib = pytest.importorskip("tomllib")   # Python 3.11+
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
                 ["tool"]["setuptools"]["packages"])
    folders = {"digitlab." + ".".join(init.parent.relative_to(ROOT).parts)
               for package in PACKAGES for init in (ROOT / package).rglob("__init__.py")
               if "__pycache__" not in init.parts}
    assert {"digitlab.gui.draw", "digitlab.nn.model"} <= folders
    assert sorted(folders - listed) == []
    assert sorted(listed - folders - {"digitlab"}) == []


def test_every_shipped_file_but_the_translation_source_is_in_the_wheel(wheel):
    """What the app opens at run time (the model, the compiled translation, the icons) ships; the
    .ts is the translators' source, which the app never reads."""
    names = set(wheel.namelist())
    files = {path.relative_to(ROOT).as_posix() for path in (ROOT / "resources").rglob("*")
             if path.is_file() and "__pycache__" not in path.parts}
    sources = {name for name in files if name.endswith(".ts")}
    assert sources == {"resources/i18n/digitlab_ko.ts"}
    assert sorted(f"digitlab/{name}" for name in files - sources if f"digitlab/{name}" not in names) == []
    assert not any(name.endswith(".ts") for name in names)


def resource_paths_in_code() -> set[tuple[str, ...]]:
    """The parts of every resources.path(...) call in the package (names such as
    resources.DEFAULT_MODEL read from the module)."""
    found = set()
    for package in PACKAGES:
        for module in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                        and node.func.attr == "path" and ast.unparse(node.func.value) == "resources"):
                    continue
                parts: list[str] = []
                for arg in node.args:
                    if isinstance(arg, ast.Starred):
                        parts += getattr(resources, ast.unparse(arg.value).split(".")[-1])
                    else:
                        parts.append(ast.literal_eval(arg))
                found.add(tuple(parts))
    return found


def test_every_resource_the_code_opens_is_in_the_wheel(wheel):
    names = set(wheel.namelist())
    opened = resource_paths_in_code()
    assert {("models", "default.npz"), ("i18n",), ("icons",)} <= opened
    for parts in opened:
        name = "/".join(("digitlab", "resources", *parts))
        assert name in names or any(n.startswith(name + "/") for n in names), f"{name} is not in the wheel"
