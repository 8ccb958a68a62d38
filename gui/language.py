"""The window's language: which locale, and the translators of DigitLab and of Qt for it.

View > Language (MainWindow.set_language) and the start-up (app.run) both come here.
"""
from __future__ import annotations

import os
from collections.abc import Mapping

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from digitlab import resources

LANG_VAR = "DIGITLAB_LANG"   # e.g. "ko" or "en": the language of the window, over the system's


def chosen_locale(environ: Mapping[str, str] = os.environ) -> QLocale:
    """The locale of the window: $DIGITLAB_LANG when set ("ko", "en", "ko_KR"), else the system's."""
    name = environ.get(LANG_VAR, "").strip()
    return QLocale(name) if name else QLocale.system()


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
