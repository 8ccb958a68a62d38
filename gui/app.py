"""Start the GUI: QApplication, translators for the user's language, the main window."""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from digitlab import resources
from digitlab.gui.log import logged_exceptions, setup_logging

LANG_VAR = "DIGITLAB_LANG"   # e.g. "ko" or "en": the language of the window, over the system's


def chosen_locale(environ: Mapping[str, str] = os.environ) -> QLocale:
    """The locale of the window: $DIGITLAB_LANG when set ("ko", "en", "ko_KR"), else the system's."""
    name = environ.get(LANG_VAR, "").strip()
    return QLocale(name) if name else QLocale.system()


def window_options(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    """The window's own flags (--mnist-dir DIR) and the arguments left for Qt (e.g. -style)."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--mnist-dir")
    options, qt_args = parser.parse_known_args(list(argv))
    return options, qt_args


def install_translators(app: QApplication, locale: QLocale,
                        i18n_dir: str | None = None) -> list[QTranslator]:
    """Load DigitLab's (digitlab_<locale>.qm) and Qt's own translations when they exist."""
    installed = []
    sources = (("digitlab", i18n_dir or str(resources.path("i18n"))),
               ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)))
    for name, folder in sources:
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder) and app.installTranslator(translator):
            installed.append(translator)
    return installed


def locale_for(code: str, environ: Mapping[str, str] = os.environ) -> QLocale:
    """The locale of a View > Language choice: "en", "ko", or "system" ($DIGITLAB_LANG or the system's)."""
    return chosen_locale(environ) if code == "system" else QLocale(code)


def set_language(app: QApplication, code: str, i18n_dir: str | None = None) -> list[QTranslator]:
    """Swap the installed translators for those of code; every widget then gets a LanguageChange."""
    for translator in getattr(app, "_digitlab_translators", []):
        app.removeTranslator(translator)
    installed = install_translators(app, locale_for(code), i18n_dir)
    app._digitlab_translators = installed   # kept to remove them at the next switch
    return installed


class AfterFirstPaint(QObject):
    """Calls `callback` once, as soon as the event loop is free after `widget` was first painted."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._callback)
        return False


def app_icon() -> QIcon:
    """DigitLab's icon at every size rendered from resources/icons/digitlab.svg."""
    icon = QIcon()
    for png in sorted(resources.path("icons").glob("digitlab-*.png")):
        icon.addFile(str(png))
    return icon


def run(argv: Sequence[str] = (), *, on_shown: Callable[[object], None] | None = None) -> int:
    """Open DigitLab's window and run until it closes; returns the exit code.

    on_shown(window) is called once the window's first frame is painted (to measure start-up
    time); the shipped model is loaded just after that, so it never delays the first frame.
    Errors go to the log file (gui.log), uncaught ones included.
    """
    setup_logging()
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

    def after_first_frame() -> None:
        if on_shown is not None:
            on_shown(window)
        window.draw_tab.load_default_model()   # the window is on screen and usable meanwhile

    # the page the window opens on (settings may restore any tab) is painted in the first frame
    AfterFirstPaint(window.tabs.currentWidget(), after_first_frame)
    window.show()
    with logged_exceptions():
        return app.exec()

