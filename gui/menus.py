"""The main window's menu bar: File, Edit, View and Help, each action with its standard shortcut.

The Draw tab's own actions (Open image, Paste, Undo stroke, Clear) are put into the menus as they
are, so each shortcut belongs to exactly one action. Texts are set in retranslate(), which the
window calls again when the language changes.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QUrl
from PySide6.QtGui import QAction, QActionGroup, QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHeaderView, QMainWindow,
                               QMessageBox, QTableWidget, QTableWidgetItem, QVBoxLayout)

from digitlab.gui.accessibility import name_controls

LANGUAGES = ("system", "en", "ko")
THEMES = ("system", "light", "dark")

# The course's chapter for each tab (Help menu): chapter, its sections, what to try in the tab;
# marked here, translated when shown (the language can change meanwhile).
CHAPTERS = (
    (QT_TRANSLATE_NOOP("Menus", "Chapter 3: Neural networks"),
     QT_TRANSLATE_NOOP("Menus", "3.2 Activation functions · 3.4 A three-layer network · "
                                "3.5 Softmax · 3.6 Handwritten digit recognition (MNIST inference)"),
     QT_TRANSLATE_NOOP("Menus", "Draw a digit and watch the input the network reads, the "
                                "hidden layers' activations and the softmax probabilities change.")),
    (QT_TRANSLATE_NOOP("Menus", "Chapter 4: Neural network learning"),
     QT_TRANSLATE_NOOP("Menus", "4.2 Loss functions · 4.2.3 Mini-batch learning · "
                                "4.5 Implementing the training algorithm"),
     QT_TRANSLATE_NOOP("Menus", "Train a two-layer network and watch the loss function fall "
                                "and the accuracy rise epoch by epoch; try another learning rate.")),
    (QT_TRANSLATE_NOOP("Menus", "Chapter 4.3–4.4: Numerical differentiation and the gradient"),
     QT_TRANSLATE_NOOP("Menus", "4.3 Numerical differentiation · 4.4 The gradient · "
                                "4.4.1 Gradient descent · 4.4.2 The gradient of a neural network"),
     QT_TRANSLATE_NOOP("Menus", "Move the point and the step h to see the numerical "
                                "derivative; run gradient descent with several learning rates.")),
    (QT_TRANSLATE_NOOP("Menus", "Chapter 3: Inside the network"),
     QT_TRANSLATE_NOOP("Menus", "3.2 Activation functions · 3.3 Multidimensional arrays · "
                                "3.4 A three-layer network · 3.5 Softmax"),
     QT_TRANSLATE_NOOP("Menus", "Draw a digit and watch it flow through the network; click a "
                                "neuron to read its weighted sum, and follow softmax step by step.")),
)


def standard_keys(key: QKeySequence.StandardKey, fallback: str) -> QKeySequence:
    """The platform's shortcut for key; fallback where the platform defines none (Quit on some)."""
    sequences = QKeySequence.keyBindings(key)
    return sequences[0] if sequences else QKeySequence(fallback)


def course_text(text: str) -> str:
    """A CHAPTERS text (marked with QT_TRANSLATE_NOOP above) in the current language."""
    lookup = QCoreApplication.translate   # not a literal call: lupdate reads the NOOP marks instead
    return lookup("Menus", text)


class Menus:
    """Builds the menu bar of `window` (a MainWindow) and keeps its actions as attributes."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        draw = window.draw_actions   # the Draw tab's own actions, there before the tab is built
        bar = window.menuBar()
        self.file_menu, self.edit_menu = bar.addMenu(""), bar.addMenu("")
        self.view_menu, self.help_menu = bar.addMenu(""), bar.addMenu("")
        self.open_image = draw.open_action
        self.open_model = self._action(QKeySequence("Ctrl+Shift+O"), self._open_model)
        self.save_model = self._action(standard_keys(QKeySequence.StandardKey.Save, "Ctrl+S"), window.save_model)
        self.save_model.setEnabled(False)
        self.export_plot = self._action(QKeySequence("Ctrl+E"), window.export_plot)
        self.quit = self._action(standard_keys(QKeySequence.StandardKey.Quit, "Ctrl+Q"), window.close)
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        for action in (self.open_image, self.open_model, self.save_model, self.export_plot):
            self.file_menu.addAction(action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit)
        self.undo, self.clear, self.paste = draw.undo_action, draw.clear_action, draw.paste_action
        self.copy = self._action(standard_keys(QKeySequence.StandardKey.Copy, "Ctrl+C"), window.copy_canvas)
        for action in (self.undo, self.clear, self.paste, self.copy):
            self.edit_menu.addAction(action)
        self._build_view_menu()
        self._build_help_menu()
        self.retranslate()

    def _action(self, keys, slot) -> QAction:
        action = QAction(self.window)
        action.setShortcut(QKeySequence(keys))
        # triggered(bool checked): the slot gets no argument (export_plot's first one is a path,
        # reset_to_defaults' is whether to ask)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_view_menu(self) -> None:
        window = self.window
        self.tab_actions = []
        for index in range(window.tabs.count()):
            action = self._action(QKeySequence(f"Ctrl+{index + 1}"),
                                  lambda _=False, i=index: window.tabs.setCurrentIndex(i))
            self.tab_actions.append(action)
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        self.language_menu = self.view_menu.addMenu("")
        self.language_actions = self._radio(self.language_menu, LANGUAGES, window.set_language)
        self.theme_menu = self.view_menu.addMenu("")
        self.theme_actions = self._radio(self.theme_menu, THEMES, window.set_theme)
        self.view_menu.addSeparator()
        self.reset_layout = self._action(QKeySequence(), window.reset_layout)
        self.reset_defaults = self._action(QKeySequence(), window.reset_to_defaults)
        self.undo_reset = self._action(QKeySequence(), window.undo_reset)
        self.undo_reset.setEnabled(False)
        self.view_menu.addAction(self.reset_layout)
        self.view_menu.addAction(self.reset_defaults)
        self.view_menu.addAction(self.undo_reset)

    def _radio(self, menu, codes, slot) -> dict[str, QAction]:
        group = QActionGroup(menu)
        actions = {}
        for code in codes:
            action = QAction(menu, checkable=True)
            action.triggered.connect(lambda _=False, c=code: slot(c))
            group.addAction(action)
            menu.addAction(action)
            actions[code] = action
        return actions

    def _build_help_menu(self) -> None:
        help_keys = standard_keys(QKeySequence.StandardKey.HelpContents, "F1")
        self.shortcuts = self._action(help_keys, self.show_shortcuts)
        self.about = self._action(QKeySequence(), self.window.show_about)
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
        self.chapter = self._action(QKeySequence(), self.show_chapter)
        self.report = self._action(QKeySequence(), self.open_log_folder)
        for action in (self.shortcuts, self.chapter, self.report, self.about):
            self.help_menu.addAction(action)

    def retranslate(self) -> None:
        """Set every menu and action text in the current language."""
        self.file_menu.setTitle(QCoreApplication.translate("Menus", "&File"))
        self.edit_menu.setTitle(QCoreApplication.translate("Menus", "&Edit"))
        self.view_menu.setTitle(QCoreApplication.translate("Menus", "&View"))
        self.help_menu.setTitle(QCoreApplication.translate("Menus", "&Help"))
        self.language_menu.setTitle(QCoreApplication.translate("Menus", "Language"))
        self.theme_menu.setTitle(QCoreApplication.translate("Menus", "Theme"))
        texts = ((self.open_model, QCoreApplication.translate("Menus", "Open model…")),
                 (self.save_model, QCoreApplication.translate("Menus", "Save model…")),
                 (self.export_plot, QCoreApplication.translate("Menus", "Export plot as PNG/SVG…")),
                 (self.quit, QCoreApplication.translate("Menus", "Quit")),
                 (self.copy, QCoreApplication.translate("Menus", "Copy the canvas image")),
                 (self.reset_layout, QCoreApplication.translate("Menus", "Reset layout")),
                 (self.reset_defaults, QCoreApplication.translate("Menus", "Reset to defaults…")),
                 (self.undo_reset, QCoreApplication.translate("Menus", "Undo reset to defaults")),
                 (self.shortcuts, QCoreApplication.translate("Menus", "Keyboard shortcuts")),
                 (self.about, QCoreApplication.translate("Menus", "About DigitLab")),
                 (self.chapter, QCoreApplication.translate("Menus", "The course's chapter for this tab")),
                 (self.report, QCoreApplication.translate("Menus", "Report a problem (open the log folder)")),
                 (self.language_actions["system"], QCoreApplication.translate("Menus", "System")),
                 (self.language_actions["en"], "English"), (self.language_actions["ko"], "한국어"),
                 (self.theme_actions["system"], QCoreApplication.translate("Menus", "System")),
                 (self.theme_actions["light"], QCoreApplication.translate("Menus", "Light")),
                 (self.theme_actions["dark"], QCoreApplication.translate("Menus", "Dark")))
        for action, text in texts:
            action.setText(text)
        for index, action in enumerate(self.tab_actions):
            action.setText(self.window.tabs.tabText(index))

    def all_actions(self) -> list[QAction]:
        """Every action in the menus, submenus included (for the shortcuts dialog and tests)."""
        found = []
        for menu in (self.file_menu, self.edit_menu, self.view_menu, self.help_menu):
            for action in menu.actions():
                if action.menu() is not None:
                    found.extend(action.menu().actions())
                elif not action.isSeparator():
                    found.append(action)
        return found

    def _open_model(self) -> None:
        self.window.tabs.setCurrentWidget(self.window.draw_page)
        self.window.draw_tab.model_choice.open_button.click()

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """(what it does, its keys) for every shortcut of the window: the menus' actions first,
        then the tabs' own (e.g. Alt+digit, "This is a"), each with all of its key sequences."""
        native = QKeySequence.SequenceFormat.NativeText
        actions = self.all_actions()
        actions += [a for a in self.window.findChildren(QAction) if a not in actions]
        rows = []
        for action in actions:
            keys = ", ".join(k.toString(native) for k in action.shortcuts() if not k.isEmpty())
            if keys:
                rows.append(((action.statusTip() or action.text()).replace("&", ""), keys))
        for shortcut in self.window.findChildren(QShortcut):
            keys = ", ".join(k.toString(native) for k in shortcut.keys() if not k.isEmpty())
            if keys:
                rows.append((shortcut.whatsThis() or shortcut.objectName(), keys))
        return rows

    def show_shortcuts(self) -> QDialog:
        """A dialog listing every shortcut of the window and what it does."""
        rows = self.shortcut_rows()
        dialog = QDialog(self.window)
        dialog.setWindowTitle(QCoreApplication.translate("Menus", "Keyboard shortcuts"))
        table = QTableWidget(len(rows), 2, dialog)
        table.setHorizontalHeaderLabels([QCoreApplication.translate("Menus", "Action"),
                                         QCoreApplication.translate("Menus", "Shortcut")])
        for row, (name, keys) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(name))
            table.setItem(row, 1, QTableWidgetItem(keys))
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)   # no empty strip beside the keys
        table.verticalHeader().hide()
        table.setAccessibleName(QCoreApplication.translate("Menus", "Keyboard shortcuts"))
        table.setToolTip(QCoreApplication.translate("Menus", "Every action with a shortcut, and its keys"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.button(QDialogButtonBox.StandardButton.Close).setToolTip(
            QCoreApplication.translate("Menus", "Close this window"))
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(table)
        layout.addWidget(buttons)
        dialog.resize(460, 480)
        name_controls(dialog)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)   # one per opening: never kept
        dialog.open()
        return dialog

    def show_chapter(self) -> QMessageBox:
        """The course's chapter for the current tab: its sections and what to try here."""
        chapter, sections, todo = CHAPTERS[max(0, self.window.tabs.currentIndex())]
        box = QMessageBox(QMessageBox.Icon.Information, QCoreApplication.translate("Menus", "The course"),
                          course_text(chapter), QMessageBox.StandardButton.Ok, self.window)
        box.setInformativeText(course_text(sections) + "\n\n" + course_text(todo))
        box.button(QMessageBox.StandardButton.Ok).setToolTip(
            QCoreApplication.translate("Menus", "Close this window"))
        name_controls(box)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def open_log_folder(self) -> None:
        from digitlab.gui.log import log_dir
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            text = QCoreApplication.translate("Menus", "Could not open the log folder; it is {0}")
            self.window.statusBar().showMessage(text.format(folder), 10000)
