"""Remembered settings: QSettings in an INI file, read defensively.

Each widget that remembers something gives a small JSON-able dict (`settings_state()`) and takes
one back (`apply_settings_state(state)`); they are stored one key per widget. A corrupt or
foreign file, a value of the wrong type or an unknown key is ignored with a log line, never a
crash: the widget keeps its defaults. $DIGITLAB_SETTINGS names another file (tests use it).
"""
from __future__ import annotations

import json
import logging
import os
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

SETTINGS_VAR = "DIGITLAB_SETTINGS"
FORMAT = 1   # bump when a stored state changes meaning; older files are then ignored
_log = logging.getLogger("digitlab.settings")


def settings_file(environ: Mapping[str, str] = os.environ) -> Path:
    """$DIGITLAB_SETTINGS, else DigitLab.ini in the user's config folder (platformdirs)."""
    override = environ.get(SETTINGS_VAR, "").strip()
    if override:
        return Path(override)
    from platformdirs import user_config_dir
    return Path(user_config_dir("digitlab", appauthor=False)) / "DigitLab.ini"


def throwaway_settings() -> Settings:
    """Settings in a new temporary folder, removed at exit: a window built with them opens with
    the defaults and never writes the user's file (benchmarks and long probes use them)."""
    # here: tempfile costs the window's first frame ~4 ms otherwise
    import atexit
    import shutil
    import tempfile
    folder = tempfile.mkdtemp(prefix="digitlab-settings-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return Settings(Path(folder) / "DigitLab.ini")


class Settings:
    """Typed, fault-tolerant access to DigitLab's settings file."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings_file()
        self._qsettings = QSettings(str(self.path), QSettings.Format.IniFormat)
        if self._qsettings.status() != QSettings.Status.NoError:
            _log.warning("Ignoring the settings file %s: it cannot be read", self.path)
            self._qsettings.clear()
        elif self._raw("format") not in (None, str(FORMAT), FORMAT):
            _log.warning("Ignoring the settings file %s: written by another version", self.path)
            self._qsettings.clear()

    def __repr__(self) -> str:
        return f"Settings({str(self.path)!r})"

    def _raw(self, key: str):
        try:
            return self._qsettings.value(key)
        except Exception:  # noqa: BLE001 - a value Qt cannot convert: same as missing
            _log.warning("Ignoring the unreadable setting %r", key)
            return None

    def state(self, key: str) -> dict:
        """The dict stored under key, or {} when it is missing or damaged."""
        text = self._raw(key)
        if text is None:
            return {}
        try:
            value = json.loads(str(text))
        except ValueError:
            _log.warning("Ignoring the damaged setting %r", key)
            return {}
        if not isinstance(value, dict):
            _log.warning("Ignoring the setting %r: not a group of values", key)
            return {}
        return value

    def set_state(self, key: str, value: dict) -> None:
        self._qsettings.setValue("format", FORMAT)
        self._qsettings.setValue(key, json.dumps(value, ensure_ascii=False))

    def geometry(self, key: str) -> QByteArray | None:
        """A saved window geometry or state (bytes), or None."""
        value = self._raw(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, key: str, value: QByteArray) -> None:
        self._qsettings.setValue(key, value)

    def snapshot(self) -> dict:
        """Every stored value, to give back to restore() (undoing "Reset to defaults")."""
        return {key: self._raw(key) for key in self._qsettings.allKeys()}

    def restore(self, snapshot: dict) -> None:
        """Store exactly what snapshot() gave, and write it."""
        self._qsettings.clear()
        for key, value in snapshot.items():
            if value is not None:
                self._qsettings.setValue(key, value)
        self.sync()

    def clear(self) -> None:
        """Forget everything ("Reset to defaults")."""
        self._qsettings.clear()
        self.sync()

    def sync(self) -> None:
        """Write to disk now; a failure is logged (the app goes on with what it has)."""
        self._qsettings.sync()
        if self._qsettings.status() != QSettings.Status.NoError:
            _log.warning("Could not write the settings file %s", self.path)


def typed(state: Mapping, key: str, default, kind=None):
    """state[key] when it has the type of default (or kind), else default (logged)."""
    value = state.get(key, default)
    wanted = kind or type(default)
    if wanted is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if isinstance(value, wanted) and not (wanted is int and isinstance(value, bool)):
        return value
    _log.warning("Ignoring the setting %r=%r: expected %s", key, value, wanted.__name__)
    return default
