"""The Gradient descent tab: the course's chapter on learning as panels a student can play with."""
from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from digitlab.gui.accessibility import name_controls


class GradientTab(QWidget):
    """Sub-tabs Derivative, Partial derivatives, Gradient field, Gradient descent, Optimizer race, Loss functions, simpleNet.

    Each panel is built the first time it is shown, so constructing the tab stays quick.
    Signals:
        panel_built(object): a panel was just built (its plots get the theme); payload the panel.
    """

    panel_built = Signal(object)
    PANELS = ("derivative", "partial", "field", "descent", "race", "loss", "simplenet")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._panels: dict[str, QWidget] = {}
        self._pending: dict = {}   # remembered state of panels not built yet
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        titles = (self.tr("Derivative"), self.tr("Partial derivatives"), self.tr("Gradient field"),
                  self.tr("Gradient descent"), self.tr("Optimizer race"), self.tr("Loss functions"), self.tr("simpleNet"))
        for title in titles:
            page = QWidget()
            QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(page, title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.tabs.currentChanged.connect(self._on_tabs_currentChanged)

    def panel(self, name: str) -> QWidget:
        """The panel called name (one of PANELS), built now if it was not yet."""
        if name not in self._panels:
            page = self.tabs.widget(self.PANELS.index(name))
            self._panels[name] = self._create(name)
            page.layout().addWidget(self._panels[name])
            name_controls(self._panels[name])
            if name in self._pending and hasattr(self._panels[name], "apply_settings_state"):
                self._panels[name].apply_settings_state(self._pending.pop(name))
            self.panel_built.emit(self._panels[name])
        return self._panels[name]

    def settings_state(self) -> dict:
        """The panel shown and the Gradient descent panel's last inputs."""
        state = {"panel": self.tabs.currentIndex(), **self._pending}
        if "descent" in self._panels:
            state["descent"] = self._panels["descent"].settings_state()
        return state

    def apply_settings_state(self, state: dict) -> None:
        """Take back settings_state(); a panel not built yet gets its part when it is built."""
        from digitlab.gui.settings import typed
        self._pending = {"descent": typed(state, "descent", {})}
        if "descent" in self._panels:
            self._panels["descent"].apply_settings_state(self._pending.pop("descent"))
        index = typed(state, "panel", 0)
        self.tabs.setCurrentIndex(index if 0 <= index < self.tabs.count() else 0)

    def show_panel(self, name: str) -> QWidget:
        """Switch to the panel called name and return it."""
        self.tabs.setCurrentIndex(self.PANELS.index(name))
        return self.panel(name)

    def _create(self, name: str) -> QWidget:
        # imported here: each panel pulls in its own plots only when a student opens it
        if name == "derivative":
            from digitlab.gui.gradient.derivative_panel import DerivativePanel
            return DerivativePanel()
        if name == "partial":
            from digitlab.gui.gradient.partial_panel import PartialPanel
            return PartialPanel()
        if name == "field":
            from digitlab.gui.gradient.field_panel import FieldPanel
            return FieldPanel()
        if name == "descent":
            from digitlab.gui.gradient.descent_panel import DescentPanel
            return DescentPanel()
        if name == "race":
            from digitlab.gui.gradient.race_panel import RacePanel
            return RacePanel()
        if name == "loss":
            from digitlab.gui.gradient.loss_panel import LossPanel
            return LossPanel()
        from digitlab.gui.gradient.simplenet_panel import SimpleNetPanel
        return SimpleNetPanel()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.panel(self.PANELS[self.tabs.currentIndex()])

    @Slot(int)
    def _on_tabs_currentChanged(self, index: int) -> None:
        if self.isVisible():
            self.panel(self.PANELS[index])
