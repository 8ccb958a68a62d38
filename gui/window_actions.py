"""What the main window's menu actions do: save the model, export a plot, copy the canvas, reset.

A mixin of MainWindow (it uses the window's tabs, menus and settings), kept apart so each module
stays short.
"""
from __future__ import annotations

import os

from PySide6.QtCore import QRect, Slot
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget


def visible_plot_items(page: QWidget) -> list:
    """The pyqtgraph PlotItems shown on page now (largest first); [] when it shows none."""
    import sys
    pg = sys.modules.get("pyqtgraph")
    if pg is None:
        return []
    items = []
    for view in page.findChildren(pg.GraphicsView):
        if not view.isVisibleTo(page) or view.scene() is None or not view.isVisible():
            continue
        for item in view.scene().items():
            if isinstance(item, pg.PlotItem) and item.isVisible():
                size = item.boundingRect().size()
                items.append((size.width() * size.height(), id(item), item))
    return [item for _, _, item in sorted(items, key=lambda t: (-t[0], t[1]))]


def _render_svg(item, path: str) -> None:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator
    source = item.sceneBoundingRect()
    generator = QSvgGenerator()
    generator.setFileName(path)
    generator.setSize(source.size().toSize())
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    painter = QPainter(generator)
    try:
        item.scene().render(painter, QRectF(0, 0, source.width(), source.height()), source)
    finally:
        painter.end()
    if not os.path.exists(path):
        raise OSError(f"could not write {path}")


class WindowActions:
    """File, Edit and View menu actions of MainWindow that need more than one line."""

    @Slot()
    def save_model(self) -> bool:
        """File > Save model: the Training tab's save (asks where); False when there is nothing."""
        training = self.training_tab
        if training is None or training.model is None:
            self.statusBar().showMessage(self.tr("There is no trained model to save yet."), 8000)
            return False
        return training.save()

    def _on_save_action_changed(self) -> None:
        training = self.training_tab
        self.menus.save_model.setEnabled(training is not None and training.save_action.isEnabled())

    @Slot()
    def export_plot(self, path: str | None = None) -> bool:
        """File > Export plot: the largest plot of the current tab as PNG or SVG (by the suffix)."""
        items = visible_plot_items(self.tabs.currentWidget())
        if not items:
            QMessageBox.information(self, self.tr("Export plot"),
                                    self.tr("This tab shows no plot to export: open a tab or panel with a plot."))
            return False
        if path is None:
            from digitlab.gui.file_folder import remember, suggested_path
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export plot"), suggested_path("plot.png"),
                                                  self.tr("PNG image (*.png);;SVG drawing (*.svg)"))
            if not path:
                return False
            remember(path)
        return self._export(items[0], path)

    def _export(self, item, path: str) -> bool:
        from pyqtgraph.exporters import ImageExporter, SVGExporter
        svg = path.lower().endswith(".svg")
        try:
            try:
                (SVGExporter(item) if svg else ImageExporter(item)).export(path)
            except ValueError:
                if not svg:
                    raise
                # pyqtgraph's SVGExporter cannot parse the paths some Qt 6 versions write: Qt's own
                # SVG generator draws the same part of the scene, still as vectors
                _render_svg(item, path)
        except OSError as error:
            self.statusBar().showMessage(
                self.tr("Could not write the plot to {0}: {1}").format(path, error.strerror or error), 10000)
            return False
        self.statusBar().showMessage(self.tr("Plot written to {0}").format(path), 8000)
        return True

    @Slot()
    def copy_canvas(self) -> None:
        """Edit > Copy: the drawing (the paper, without the frame) onto the clipboard."""
        canvas = self.draw_tab.canvas
        paper = canvas._paper_rect().toAlignedRect() & QRect(0, 0, canvas.width(), canvas.height())
        QApplication.clipboard().setImage(canvas.grab(paper).toImage())
        self.statusBar().showMessage(self.tr("The drawing is on the clipboard."), 5000)

    @Slot()
    def show_about(self):
        from digitlab.gui.about_dialog import AboutDialog
        dialog = AboutDialog(self)
        dialog.open()
        return dialog

    @Slot()
    def reset_layout(self) -> None:
        """View > Reset layout: the default window size and arrangement."""
        self.restoreState(self._default_state)
        self.showNormal()
        self.resize(*self.DEFAULT_SIZE)

    @Slot()
    def reset_to_defaults(self, ask: bool = True) -> bool:
        """View > Reset to defaults: after a yes, forget every setting and show the defaults."""
        if ask:
            answer = QMessageBox.question(
                self, self.tr("Reset to defaults"),
                self.tr("Forget every remembered setting (window, language, theme, pen, model, "
                        "training settings) and go back to the defaults?"))
            if answer != QMessageBox.StandardButton.Yes:
                return False
        self.save_settings()
        self._before_reset = self.settings.snapshot()
        self.settings.clear()
        self.reset_layout()
        self.set_language("system")
        self.set_theme("system")
        self.draw_tab.apply_settings_state({})
        for page in (self.training_page, self.gradient_page):
            if page.widget is not None:
                page.widget.apply_settings_state({})
        self.menus.undo_reset.setEnabled(True)
        self.statusBar().showMessage(self.tr("Every setting is back to its default. View > Undo "
                                             "reset to defaults brings yours back."), 10000)
        return True

    @Slot()
    def undo_reset(self) -> bool:
        """View > Undo reset to defaults: every setting as it was just before the reset."""
        snapshot, self._before_reset = getattr(self, "_before_reset", None), None
        self.menus.undo_reset.setEnabled(False)
        if snapshot is None:
            return False
        self.settings.restore(snapshot)
        self._restore_settings()
        self.set_language(self.language)
        for key, page in (("training", self.training_page), ("gradient", self.gradient_page)):
            if page.widget is not None:
                page.widget.apply_settings_state(self.settings.state(key))
        self.statusBar().showMessage(self.tr("Your settings are back as they were before the reset."), 8000)
        return True
