"""The install metadata keeps its promises: the PySide6 pin, the entry point, the shipped model."""
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

import resources

ROOT = Path(__file__).resolve().parent.parent


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def pyside_allows(version: str, python: str) -> bool:
    """Would pip accept PySide6-Essentials `version` on Python `python`?"""
    environment = {"python_version": python, "python_full_version": python + ".0"}
    pins = [Requirement(line) for line in project()["dependencies"]
            if line.lower().startswith("pyside6")]
    active = [pin for pin in pins if pin.marker is None or pin.marker.evaluate(environment)]
    assert active, f"no PySide6 requirement applies on Python {python}"
    return all(pin.specifier.contains(version) for pin in active)


@pytest.mark.parametrize("python", ["3.10", "3.11"])
def test_pyside6_6_12_0_is_excluded_below_python_3_12(python):
    # 6.12.0 leaks a reference to None on every void call; the interpreter aborts on 3.11.
    assert not pyside_allows("6.12.0", python)
    assert pyside_allows("6.11.3", python)
    assert pyside_allows("6.12.1", python)


def test_pyside6_6_12_0_is_allowed_from_python_3_12():
    assert pyside_allows("6.12.0", "3.12")


def test_the_installed_pyside6_is_not_the_leaking_one():
    from importlib.metadata import version
    if sys.version_info < (3, 12):
        assert version("PySide6-Essentials") != "6.12.0"


def test_entry_point_and_resources_are_packaged():
    assert project()["scripts"]["digitlab"] == "main:main"
    assert resources.path("models").is_dir()
