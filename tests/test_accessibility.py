"""gui/accessibility.py: every control has an accessible name and a tool tip in both languages,
plots take no focus, and the dark theme's check boxes and code colours meet WCAG AA."""
import re

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from digitlab.gui.accessibility import controls, unnamed
from digitlab.gui.app import set_language
from synthetic_digits import synthetic_cache

HANGUL = re.compile("[\uac00-\ud7a3]")


def build_everything(window, qtbot):
    """Every tab of the main window, every view of the Draw tab and every panel of the Gradient
    tab, built."""
    views = window.draw_tab.views
    for index in range(views.count()):
        views.setCurrentIndex(index)
        qtbot.wait(10)
    views.setCurrentIndex(0)
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(10)
    gradient = window.gradient_page.widget
    for name in gradient.PANELS:
        gradient.show_panel(name)
        qtbot.wait(10)
    return window


def dialogs(qtbot, data_dir):
    from digitlab.gui.about_dialog import AboutDialog
    from digitlab.gui.draw.finetune_dialog import FinetuneDialog
    from digitlab.gui.draw.gallery_dialog import GalleryDialog
    from digitlab.gui.draw.personal_store import FILE_NAME, PersonalStore
    from digitlab.gui.training.download_dialog import DownloadDialog
    from digitlab.nn.network import MultiLayerNet
    store = PersonalStore(data_dir / FILE_NAME)
    rng = np.random.default_rng(0)
    for k in range(4):
        store.samples.add(rng.random((28, 28)), k, [rng.random((3, 2))])
    network = MultiLayerNet(hidden_sizes=(8,), rng=np.random.default_rng(1))
    made = [AboutDialog(), GalleryDialog(store, network),
            FinetuneDialog(network, store.samples, synthetic_cache(), seed=0),
            DownloadDialog(dest=data_dir / "mnist")]
    for dialog in made:
        qtbot.addWidget(dialog)
    return made


def test_every_control_of_every_tab_and_dialog_has_a_name_and_a_tool_tip(shown_window, qtbot,
                                                                        data_dir):
    window = build_everything(shown_window, qtbot)
    roots = [window, *dialogs(qtbot, data_dir)]
    assert len(controls(window)) > 120
    for root in roots:
        assert unnamed(root) == [], type(root).__name__


def test_names_and_tool_tips_speak_korean_too(shown_window, qtbot, data_dir):
    """View > Language switches the window's names and tool tips; a dialog opened later is
    built in Korean."""
    window = build_everything(shown_window, qtbot)
    english = {id(widget): widget.toolTip() for widget in controls(window)}
    window.set_language("ko")
    qtbot.wait(20)
    roots = [window, *dialogs(qtbot, data_dir)]
    untranslated = [f"{type(widget).__name__}: {widget.toolTip()!r}"
                    for root in roots for widget in controls(root)
                    if not HANGUL.search(widget.toolTip()) or not widget.accessibleName()]
    assert untranslated == [], "\n".join(untranslated)
    assert all(widget.toolTip() != english[id(widget)] for widget in controls(window))
    digit_names = [button.accessibleName() for button in window.draw_tab.handwriting.label_bar.digit_buttons]
    assert digit_names == [f"이것은 {digit}" for digit in range(10)]
