"""The main window: composes the Draw, Training, Gradient descent and Inside tabs and connects them."""
from __future__ import annotations

import os

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (QApplication, QFileDialog, QLabel, QMainWindow, QMessageBox,
                               QTabWidget, QWidget)

from digitlab.gui.draw.actions import DrawActions
from digitlab.gui.first_paint import AfterFirstPaint
from digitlab.gui.lazy_tab import LazyTab
from digitlab.gui.live_text import follow_language, retranslate_tree, translated
from digitlab.gui.menus import LANGUAGES, THEMES, Menus
from digitlab.gui.plot_export import export_plot_item, visible_plot_items
from digitlab.gui.settings import Settings, typed


class MainWindow(QMainWindow):
    """DigitLab's window: the tabs Draw, Training, Gradient descent and Inside.

    It opens light, to be on screen sooner: its first frame has the menus, the tab bar and the
    status bar, and its pages say "Loading…". Right after that frame the page shown and the Draw
    tab are built (NumPy, the network, pyqtgraph for a plotting tab); the other tabs are built when
    first shown. `draw_tab` builds the Draw tab whenever it is first asked for (a menu action or a
    caller before then), so nothing used early is lost.

    The status bar shows the model the Draw tab uses; the Inside tab shows that model and follows
    the Draw tab's drawing. The Training tab's models are offered to the
    Draw tab ("Training (live)" while it learns); "Use this model" and a click on a misclassified
    test image switch to the Draw tab with the trained model. Closing asks about a running training
    or an unsaved trained or fine-tuned model (Save / Discard / Cancel, TrainingTab.maybe_save and
    Handwriting.maybe_save) and stops the training,
    then saves the remembered settings (window, tab, language, theme and each tab's own state).
    The menus (gui/menus.py) call the public slots below: save_model, export_plot, copy_canvas,
    show_about, reset_layout, reset_to_defaults, set_language, set_theme.

    Signals:
        first_painted(): the light window's first frame is on screen (nothing of it built yet).
        loaded(): the page shown and the Draw tab are built, and the page is painted with them.
    """

    DEFAULT_SIZE = (1180, 820)
    first_painted = Signal()
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None, *, settings: Settings | None = None) -> None:
        super().__init__(parent)
        self.settings = settings or Settings()
        self._model_description = ""
        self._live_model = None          # the Training tab's latest snapshot
        self._training_paused = False
        self._followed_x = False         # the Draw tab's x last given to the Inside tab (False: none yet)
        self._opening = True             # no page is built before the first frame
        self.draw_actions = DrawActions(self, lambda: self.draw_tab)
        self.draw_page = LazyTab("digitlab.gui.draw.tab", "DrawTab", actions=self.draw_actions)
        self.training_page = LazyTab("digitlab.gui.training.tab", "TrainingTab")
        self.gradient_page = LazyTab("digitlab.gui.gradient.tab", "GradientTab")
        self.inside_page = LazyTab("digitlab.gui.inside.tab", "InsideTab")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for page in (self.draw_page, self.training_page, self.gradient_page, self.inside_page):
            self.tabs.addTab(page, "")
        self.draw_page.built.connect(self._on_draw_page_built)
        self.training_page.built.connect(self._on_training_page_built)
        self.gradient_page.built.connect(self._on_gradient_page_built)
        self.inside_page.built.connect(self._on_inside_page_built)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.setCentralWidget(self.tabs)

        self.model_label = QLabel()
        self.statusBar().addPermanentWidget(self.model_label)
        self.menus = Menus(self)
        self.retranslate()
        follow_language(self, self._on_language_changed)
        self.resize(*self.DEFAULT_SIZE)
        self._default_state = self.saveState()
        self._restore_settings()
        from digitlab.gui.opengl_surface import reserve_opengl_surface
        reserve_opengl_surface(self)   # the first 3-D view must not re-create the shown window
        self._opening = False
        AfterFirstPaint(self.tabs, self._on_first_paint)   # the tabs, whichever page is shown then

    @property
    def draw_tab(self):
        """The Draw tab, built now if it was not yet (None only if it cannot be built)."""
        return self.draw_page.build()

    @Slot()
    def _on_first_paint(self) -> None:
        if not self.isVisible():   # painted off screen (grab, render): wait for the first frame
            AfterFirstPaint(self.tabs, self._on_first_paint)
            return
        self.first_painted.emit()
        if not self.isVisible():   # closed at once (bench's start-up probe): nothing more to show
            return
        page = self.tabs.currentWidget()
        if isinstance(page, LazyTab):
            page.build()
        self.draw_page.build()   # the model, the status bar and the Inside tab need it
        AfterFirstPaint(page, self.loaded.emit)
        page.update()   # painted again even when it was built before (draw_tab asked for early)

    @staticmethod
    def remembered_language(settings: Settings) -> str:
        """The language chosen in View > Language last time ("system" when none)."""
        code = typed(settings.state("window"), "language", "system")
        return code if code in LANGUAGES else "system"

    def retranslate(self) -> None:
        """Set this window's own texts (tabs, menus, status bar) in the current language."""
        for index, text in enumerate((self.tr("Draw"), self.tr("Training"), self.tr("Gradient descent"),
                                         self.tr("Inside"))):
            self.tabs.setTabText(index, text)
        self.menus.retranslate()
        self._show_model_description()
        self._retranslate_message()

    def _on_language_changed(self) -> None:
        # the fixed texts of every tab and panel built so far, hidden ones too, then the window's own
        retranslate_tree(self)
        self.retranslate()

    def _retranslate_message(self) -> None:
        """The status bar's passing message: a fixed one in the new language, any other cleared."""
        message = self.statusBar().currentMessage()
        if not message:
            return
        new = translated(message, self)
        if new is None:
            self.statusBar().clearMessage()
        else:
            self.statusBar().showMessage(new, 8000)

    def _show_model_description(self) -> None:
        if not self._model_description:
            self.model_label.setText(self.tr("No model"))
            self.setWindowTitle(self.tr("DigitLab"))
            return
        self.model_label.setText(self.tr("Model: {0}").format(self._model_description))
        self.setWindowTitle(self.tr("DigitLab — {0}").format(self._model_description))

    # --- remembered settings --------------------------------------------------------------
    def _restore_settings(self) -> None:
        state = self.settings.state("window")
        geometry = self.settings.geometry("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        layout = self.settings.geometry("window/state")
        if layout is not None:
            self.restoreState(layout)
        self.language = self.remembered_language(self.settings)
        self.menus.language_actions[self.language].setChecked(True)
        theme = typed(state, "theme", "system")
        self.set_theme(theme if theme in THEMES else "system", save=False)
        if self.draw_page.widget is not None:   # else it takes them when it is built
            self.draw_page.widget.apply_settings_state(self.settings.state("draw"))
        tab = typed(state, "tab", 0)
        if 0 <= tab < self.tabs.count():
            self.tabs.setCurrentIndex(tab)

    def save_settings(self) -> None:
        """Write the window's and each built tab's state to the settings file."""
        self.settings.set_geometry("window/geometry", self.saveGeometry())
        self.settings.set_geometry("window/state", self.saveState())
        self.settings.set_state("window", {"tab": self.tabs.currentIndex(), "language": self.language,
                                           "theme": self.theme})
        # a tab never built this time keeps what it had: its stored state is left as it is
        for key, page in (("draw", self.draw_page), ("training", self.training_page),
                          ("gradient", self.gradient_page)):
            if page.widget is not None:
                self.settings.set_state(key, page.widget.settings_state())
        self.settings.sync()

    def set_language(self, code: str) -> None:
        """View > Language: swap the translators; every widget retranslates on LanguageChange."""
        from digitlab.gui.language import set_language
        self.language = code
        self.menus.language_actions[code].setChecked(True)
        set_language(QApplication.instance(), code)   # every widget then gets a LanguageChange

    def set_theme(self, theme: str, save: bool = True) -> None:
        """View > Theme: the palette and every plot, now and for plots built later."""
        from digitlab.gui.theme import apply_theme
        app = QApplication.instance()
        if not hasattr(app, "_digitlab_light_palette"):
            app._digitlab_light_palette = QPalette(app.palette())   # the style's own, to come back to
        if not hasattr(self, "theme") and hasattr(app.styleHints(), "colorSchemeChanged"):
            # "System" follows the desktop when it switches between light and dark
            app.styleHints().colorSchemeChanged.connect(self._on_color_scheme_changed)
        self.theme = theme
        self.menus.theme_actions[theme].setChecked(True)
        self.dark = apply_theme(app, theme, app._digitlab_light_palette, self)

    @Slot()
    def _on_color_scheme_changed(self, *_) -> None:
        if self.theme == "system":
            self.set_theme("system")

    @Slot(int)
    def _on_tabs_current_changed(self, index: int) -> None:
        page = self.tabs.widget(index)
        if isinstance(page, LazyTab) and not self._opening:   # while opening: after the first frame
            page.build()

    @property
    def training_tab(self):
        """The Training tab once it has been built, else None."""
        return self.training_page.widget

    def closeEvent(self, event) -> None:
        training = self.training_tab
        draw = self.draw_page.widget
        if (training is not None and not training.maybe_save()) \
                or (draw is not None and not draw.handwriting.maybe_save()):
            event.ignore()
            return
        if training is not None:
            training.shutdown()
        if self.inside_page.widget is not None:
            self.inside_page.widget.shutdown()
        self.save_settings()
        super().closeEvent(event)

    @Slot(object)
    def _on_draw_page_built(self, draw_tab) -> None:
        draw_tab.model_changed.connect(self._on_draw_tab_model_changed)
        draw_tab.message.connect(self._on_draw_tab_message)
        draw_tab.prediction_updated.connect(self._on_draw_tab_prediction_updated)
        draw_tab.apply_settings_state(self.settings.state("draw"))
        # the Training and Inside tabs ask for draw_tab when they are built: it is built first
        self._restyle_new_plots()

    @Slot(object)
    def _on_training_page_built(self, training_tab) -> None:
        training_tab.live_model.connect(self._on_training_tab_live_model)
        self.draw_tab.handwriting.mnist = training_tab.data    # one MNIST in memory, shared
        if self.inside_page.widget is not None:
            self.inside_page.widget.set_data(training_tab.data)
        training_tab.state_changed.connect(self._on_training_tab_state_changed)
        training_tab.model_trained.connect(self._on_training_tab_model_trained)
        training_tab.image_chosen.connect(self._on_training_tab_image_chosen)
        training_tab.corrupted_chosen.connect(self._on_training_tab_corrupted_chosen)
        training_tab.not_sure_changed.connect(self.draw_tab.bars.set_not_sure_below)
        training_tab.apply_settings_state(self.settings.state("training"))
        training_tab.save_action.changed.connect(self._on_save_action_changed)
        self._on_save_action_changed()
        self._offer_draw_model(training_tab)
        self._restyle_new_plots()

    @Slot(object)
    def _on_gradient_page_built(self, gradient_tab) -> None:
        gradient_tab.apply_settings_state(self.settings.state("gradient"))
        gradient_tab.panel_built.connect(self._restyle_new_plots)
        self._restyle_new_plots()

    @Slot()
    def _restyle_new_plots(self) -> None:
        """Plots built after the theme was chosen (LazyTab, panels) get its colours too, and titles
        that wrap."""
        from digitlab.gui.plot_titles import wrap_titles_in
        from digitlab.gui.theme import restyle_plots
        restyle_plots(QApplication.instance(), self.dark, self)
        wrap_titles_in(self)   # a long title (or its translation) wraps instead of cutting its plot

    @Slot(str)
    def _on_draw_tab_model_changed(self, description: str) -> None:
        self._model_description = description
        self._show_model_description()
        self._restyle_new_plots()   # the inside view builds its heatmaps and captions per model
        if self.training_tab is not None:
            self._offer_draw_model(self.training_tab)
        if self.inside_page.widget is not None:
            self.inside_page.widget.set_model(self.draw_tab.network)

    @Slot(object)
    def _on_inside_page_built(self, inside_tab) -> None:
        inside_tab.set_model(self.draw_tab.network)
        self._followed_x = False
        self._on_draw_tab_prediction_updated(None)
        inside_tab.model_edited.connect(self._on_inside_tab_model_edited)
        inside_tab.message.connect(self._on_draw_tab_message)
        if self.training_tab is not None:
            inside_tab.set_data(self.training_tab.data)
        if self._training_paused:
            self._show_training_model()
        self._restyle_new_plots()

    @Slot(object)
    def _on_draw_tab_prediction_updated(self, _probabilities) -> None:
        import numpy as np   # here: the window's first frame is drawn before NumPy is loaded
        inside = self.inside_page.widget
        if inside is None:
            return
        stages = self.draw_tab.last_stages
        x = None if stages is None else stages.centered.reshape(-1)
        last = self._followed_x
        if last is not False and (x is None and last is None or x is not None and last is not None
                                  and np.array_equal(x, last)):
            return   # the same drawing answered by another model (a lab edit): the Inside tab's own stays
        self._followed_x = None if x is None else x.copy()
        inside.follow_drawing(None if stages is None else stages.gray, x)

    @Slot(object)
    def _on_inside_tab_model_edited(self, network) -> None:
        self.draw_tab.set_model(network, self.tr("Edited on the Inside tab"), None)

    def _offer_draw_model(self, training_tab) -> None:
        """The Draw tab's model reaches the Training tab's Evaluation panel (any model, any source)."""
        chosen = self.draw_tab.model_choice.current()
        training_tab.set_draw_model(*(chosen[:2] if chosen is not None else (None, "")))

    @Slot(str)
    def _on_draw_tab_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    @Slot(object)
    def _on_training_tab_live_model(self, network) -> None:
        self.draw_tab.offer_model(network, self.tr("Training (live)"), None)
        self._live_model = network
        if self._training_paused:   # the snapshot taken as the run stopped arrives after the pause
            self._show_training_model()

    @Slot(str)
    def _on_training_tab_state_changed(self, state: str) -> None:
        self._training_paused = state == "paused"
        if self._training_paused:
            self._show_training_model()

    def _show_training_model(self) -> None:
        """The Inside tab's map shows the model in training while the Training tab is paused."""
        if self.inside_page.widget is not None and self._live_model is not None:
            self.inside_page.widget.show_training_model(self._live_model)

    @Slot(object, dict)
    def _on_training_tab_model_trained(self, network, metadata: dict) -> None:
        self.draw_tab.set_model(network, self.tr("Trained just now"), metadata.get("test_accuracy"))
        self.tabs.setCurrentWidget(self.draw_page)
        self.statusBar().showMessage(
            self.tr("The Draw tab now answers with the network you trained: draw a digit to try it."),
            10000)

    @Slot(object, str)
    def _on_training_tab_corrupted_chosen(self, image, corruption: str) -> None:
        """A digit of the corruption table: the Draw tab's model answers it, to see why it fails."""
        self.tabs.setCurrentWidget(self.draw_page)
        self.draw_tab.show_image(image, self.tr("a test image under {0}").format(corruption))

    @Slot(object)
    def _on_training_tab_image_chosen(self, image) -> None:
        training = self.training_tab
        if training is not None and training.model is not None:
            # the model that got the image wrong answers it, so the student sees the same mistake
            self.draw_tab.set_model(training.model.copy(), self.tr("Trained just now"),
                                    training.metadata.get("test_accuracy"))
        self.tabs.setCurrentWidget(self.draw_page)
        self.draw_tab.show_image(image, self.tr("a misclassified test image"))

    # --- menu actions -------------------------------------------------------------------
    @Slot()
    def save_model(self) -> bool:
        """File > Save model: the Training tab's save (asks where); False when there is nothing."""
        training = self.training_tab
        if training is None or training.model is None:
            self.statusBar().showMessage(self.tr("There is no trained model to save yet."), 8000)
            return False
        return training.save()

    @Slot()
    def _on_save_action_changed(self) -> None:
        training = self.training_tab
        self.menus.save_model.setEnabled(training is not None and training.save_action.isEnabled())

    @Slot()
    def export_plot(self, path: str | None = None) -> bool:
        """File > Export plot: the largest plot of the current tab as PNG or SVG (by the suffix)."""
        if not isinstance(path, (str, os.PathLike)):   # a signal's checked flag is no path
            path = None
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
        return self._export(items[0], os.fspath(path))

    def _export(self, item, path: str) -> bool:
        try:
            export_plot_item(item, path)
        except OSError as error:
            self.statusBar().showMessage(
                self.tr("Could not write the plot to {0}: {1}").format(path, error.strerror or error), 10000)
            return False
        self.statusBar().showMessage(self.tr("Plot written to {0}").format(path), 8000)
        return True

    @Slot()
    def copy_canvas(self) -> None:
        """Edit > Copy: the drawing (the paper, without the frame) onto the clipboard."""
        QApplication.clipboard().setImage(self.draw_tab.canvas.paper_image())
        self.statusBar().showMessage(self.tr("The drawing is on the clipboard."), 5000)

    @Slot()
    def show_about(self):
        from digitlab.gui.about_dialog import AboutDialog
        dialog = AboutDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)   # one per opening: never kept
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
        for page in (self.draw_page, self.training_page, self.gradient_page):
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
