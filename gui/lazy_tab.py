"""A tab page that imports and builds its widget the first time it is shown (a quick start-up)."""
from __future__ import annotations

import importlib
import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from digitlab.gui.accessibility import name_controls
from digitlab.gui.log import LOGGER_NAME, log_file


class LazyTab(QWidget):
    """A tab page that imports module and builds its class_name widget (with `options` as keyword
    arguments) once, when first shown; until then it says "Loading…".

    A module that is not there at all (a part of DigitLab left out) gives a placeholder saying so;
    any other failure to import it (a missing dependency, a bug) is an error: a placeholder that
    says so and points to the log, where the traceback goes.

    Signals:
        built(object): the real widget was just built; payload the widget.
    """

    built = Signal(object)

    def __init__(self, module: str, class_name: str, parent: QWidget | None = None, **options) -> None:
        super().__init__(parent)
        self.module = module
        self.class_name = class_name
        self.widget: QWidget | None = None
        self.error: str | None = None
        self._options = options
        self._tried = False
        QVBoxLayout(self).setContentsMargins(0, 0, 0, 0)
        self.loading_label: QLabel | None = self._placeholder(self.tr("Loading…"), selectable=False)

    def build(self) -> QWidget | None:
        """Import the module and build the widget once; None (and a placeholder) when it cannot."""
        if self._tried:
            return self.widget
        self._tried = True
        if self.isVisible():   # "Loading…" on screen now, while the module is imported and built
            self.loading_label.repaint()
        self._drop_loading_label()
        try:
            widget_class = getattr(importlib.import_module(self.module), self.class_name)
        except ModuleNotFoundError as error:
            if not self._is_the_tab_itself(error.name):
                return self._fail(error)
            self._placeholder(self.tr("This part of DigitLab is not installed."))
            return None
        except Exception as error:  # noqa: BLE001 - a broken tab must not take the window with it
            return self._fail(error)
        self.widget = widget_class(**self._options)
        name_controls(self.widget)
        self.layout().addWidget(self.widget)
        self.built.emit(self.widget)
        return self.widget

    def _is_the_tab_itself(self, missing: str | None) -> bool:
        """Whether the missing module is the tab's module or a package above it."""
        return missing is not None and (self.module + ".").startswith(missing + ".")

    def _fail(self, error: BaseException) -> None:
        logging.getLogger(LOGGER_NAME).exception("The tab %s.%s could not be loaded",
                                                 self.module, self.class_name)
        self.error = f"{type(error).__name__}: {error}".splitlines()[0]
        text = self.tr("This tab could not be loaded because of an error: {0}").format(self.error)
        path = log_file()
        if path is not None:
            text += "\n\n" + self.tr("The details are in {0}.").format(path)
        self._placeholder(text)

    def _drop_loading_label(self) -> None:
        label, self.loading_label = self.loading_label, None
        self.layout().removeWidget(label)
        label.hide()
        label.deleteLater()

    def _placeholder(self, text: str, selectable: bool = True) -> QLabel:
        """A label in place of the widget (loading, not installed, an error: that one selectable,
        to copy it; a selectable label costs ~1 ms to make, four of them in the first frame)."""
        label = QLabel(text)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        if selectable:
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.layout().addWidget(label)
        return label
