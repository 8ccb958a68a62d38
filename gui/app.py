"""Start the GUI: QApplication, translators for the user's language (gui/language.py), the main
window, and the probe of scripts/x11_smoke.py when $DIGITLAB_SMOKE is set."""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from digitlab import resources
from digitlab.gui.language import set_language
from digitlab.gui.log import hold_early_records, log_file, logged_exceptions, setup_logging

# the log file is opened on the first frame, or after this long when the window is never painted
LOG_AT_THE_LATEST_MS = 2000


def window_options(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    """The window's own flags (--mnist-dir DIR) and the arguments left for Qt (e.g. -style)."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--mnist-dir")
    options, qt_args = parser.parse_known_args(list(argv))
    return options, qt_args


def app_icon() -> QIcon:
    """DigitLab's icon at every size rendered from resources/icons/digitlab.svg."""
    icon = QIcon()
    for png in sorted(resources.path("icons").glob("digitlab-*.png")):
        icon.addFile(str(png))
    return icon


def run(argv: Sequence[str] = (), *, on_shown: Callable[[object], None] | None = None) -> int:
    """Open DigitLab's window and run until it closes; returns the exit code.

    on_shown(window) is called once the window's first frame is painted (to measure start-up
    time): the light window of MainWindow, before its pages are built. The shipped model is loaded
    once they are built and painted, so it never delays the first frames.
    Errors go to the log file (gui.log), uncaught ones included; the file is opened right after
    the first frame, and what was logged before then is written to it then.
    """
    hold_early_records()   # the log file is opened after the first frame
    options, qt_args = window_options(argv)
    if options.mnist_dir:
        from digitlab.nn.data.mnist import ENV_VAR   # here: its download code costs start-up time otherwise
        # The flag wins over the variable, as for the commands; the Training tab reads the variable.
        os.environ[ENV_VAR] = options.mnist_dir
    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    app.setApplicationName("DigitLab")
    app.setOrganizationName("DigitLab")
    app.setDesktopFileName("digitlab")   # matches the launcher of --install-desktop
    app.setWindowIcon(app_icon())
    from digitlab.gui.main_window import MainWindow
    from digitlab.gui.settings import Settings
    settings = Settings()
    # language and theme before the window is built: it is then made in them from the start
    set_language(app, MainWindow.remembered_language(settings))
    window = MainWindow(settings=settings)
    if os.environ.get("DIGITLAB_SMOKE"):   # scripts/x11_smoke.py reads what the window shows
        from digitlab.gui.smoke_probe import SmokeProbe
        SmokeProbe(window)

    if on_shown is not None:   # first: the frame is on screen now, whatever comes next
        window.first_painted.connect(lambda: on_shown(window))

    def open_log() -> None:
        if log_file() is None:
            setup_logging()
    window.first_painted.connect(open_log)
    # a window never painted (started minimized) logs to the file all the same
    at_the_latest = QTimer(window, singleShot=True, interval=LOG_AT_THE_LATEST_MS)
    at_the_latest.timeout.connect(open_log)
    at_the_latest.start()
    # the window is on screen and usable meanwhile
    window.loaded.connect(lambda: window.draw_tab.load_default_model())
    window.show()
    with logged_exceptions():
        return app.exec()

