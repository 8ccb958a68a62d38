"""Start the GUI: QApplication, translators for the user's language, the main window."""
from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

import resources


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


def run(argv: Sequence[str] = (), *, on_shown: Callable[[object], None] | None = None) -> int:
    """Open DigitLab's window and run until it closes; returns the exit code.

    on_shown(window) is called once the window is on screen (used to measure start-up time).
    """
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setApplicationName("DigitLab")
    app.setOrganizationName("DigitLab")
    install_translators(app, QLocale.system())

    from gui.main_window import MainWindow
    window = MainWindow()
    window.show()
    # the model loads after the first frame so that the canvas is usable at once
    QTimer.singleShot(0, window.draw_tab.load_default_model)
    if on_shown is not None:
        QTimer.singleShot(0, lambda: on_shown(window))
    return app.exec()
