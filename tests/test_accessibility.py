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
    from digitlab.nn.model.network import MultiLayerNet
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


def menu_dialogs(window):
    """The Help menu's shortcut table and course chapter."""
    return [window.menus.show_shortcuts(), window.menus.show_chapter()]


def test_every_control_of_every_tab_and_dialog_has_a_name_and_a_tool_tip(shown_window, qtbot,
                                                                        data_dir):
    window = build_everything(shown_window, qtbot)
    roots = [window, *dialogs(qtbot, data_dir), *menu_dialogs(window)]
    assert len(controls(window)) > 120
    for root in roots:
        assert unnamed(root) == [], type(root).__name__


def test_names_and_tool_tips_speak_korean_too(shown_window, qtbot, data_dir):
    """View > Language switches the window's names and tool tips; a dialog opened later is
    built in Korean."""
    window = build_everything(shown_window, qtbot)
    english = [(widget, widget.toolTip()) for widget in controls(window)]
    window.set_language("ko")
    qtbot.wait(20)
    roots = [window, *dialogs(qtbot, data_dir), *menu_dialogs(window)]
    untranslated = [f"{type(widget).__name__}: {widget.toolTip()!r}"
                    for root in roots for widget in controls(root)
                    if not HANGUL.search(widget.toolTip()) or not widget.accessibleName()]
    assert untranslated == [], "\n".join(untranslated)
    assert all(widget.toolTip() != tip for widget, tip in english)
    digit_names = [button.accessibleName() for button in window.draw_tab.handwriting.label_bar.digit_buttons]
    assert digit_names == [f"이것은 {digit}" for digit in range(10)]


@pytest.fixture
def dark(qtbot):
    """The dark theme for the test; the palette the application had afterwards."""
    from digitlab.gui.theme import apply_theme
    app = QApplication.instance()
    light = app.palette()
    apply_theme(app, "dark", light)
    yield app
    apply_theme(app, "light", light)


def test_the_dark_palettes_texts_meet_wcag_aa():
    from PySide6.QtGui import QPalette
    from digitlab.gui.theme import CONTROL_OUTLINE, contrast_ratio, dark_palette
    palette, Role = dark_palette(), QPalette.ColorRole
    pairs = [(Role.WindowText, Role.Window), (Role.Text, Role.Base), (Role.ButtonText, Role.Button),
             (Role.ToolTipText, Role.ToolTipBase), (Role.HighlightedText, Role.Highlight),
             (Role.PlaceholderText, Role.Base), (Role.PlaceholderText, Role.Window),
             (Role.Link, Role.Base), (Role.Text, Role.AlternateBase)]
    for text, background in pairs:
        ratio = contrast_ratio(palette.color(text), palette.color(background))
        assert ratio >= 4.5, (text, background, ratio)
    for background in (Role.Window, Role.Base, Role.Button):
        assert contrast_ratio(CONTROL_OUTLINE, palette.color(background)) >= 3.0


def test_dark_check_boxes_and_radio_buttons_show_their_edge(qtbot, dark):
    """Rendered: the box of an unchecked check box (radio button) stands out 3:1 from the window."""
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QCheckBox, QRadioButton
    from digitlab.gui.theme import contrast_ratio
    window_colour = dark.palette().color(QPalette.ColorRole.Window)
    for kind in (QCheckBox, QRadioButton):
        box = kind()                      # no text: only the indicator is drawn
        qtbot.addWidget(box)
        box.resize(box.sizeHint())
        image = box.grab().toImage()
        best = max(contrast_ratio(image.pixelColor(x, y), window_colour)
                   for x in range(image.width()) for y in range(image.height()))
        assert best >= 3.0, (kind.__name__, best)


def test_the_race_panels_check_boxes_keep_the_themes_text_colour(gradient_tab):
    panel = gradient_tab.panel("race")
    for check in panel.checks.values():
        assert "color" not in check.styleSheet() and not check.icon().isNull()


def test_code_colours_meet_wcag_aa_in_both_themes(qtbot, dark):
    from PySide6.QtGui import QColor, QPalette
    from digitlab.gui.code_view import CODE_COLOURS, CodeView
    from digitlab.gui.theme import contrast_ratio, dark_palette
    from digitlab.nn.course import LISTINGS
    backgrounds = {False: QColor("white"), True: dark_palette().color(QPalette.ColorRole.Base)}
    for is_dark, colours in CODE_COLOURS.items():
        for kind, colour in colours.items():
            assert contrast_ratio(QColor(colour), backgrounds[is_dark]) >= 4.5, (is_dark, kind)
    view = CodeView()
    qtbot.addWidget(view)
    view.set_listing(LISTINGS["training_loop"])
    base = view.editor.palette().color(QPalette.ColorRole.Base)
    assert base.lightness() < 128 and view.highlighter.dark
    block, ratios = view.editor.document().firstBlock(), []
    while block.isValid():
        ratios += [contrast_ratio(r.format.foreground().color(), base) for r in block.layout().formats()]
        block = block.next()
    assert len(ratios) > 20 and min(ratios) >= 4.5


def test_a_legend_on_its_light_box_keeps_dark_text_in_the_dark_theme(gradient_tab, dark):
    import pyqtgraph as pg
    from PySide6.QtGui import QColor
    from digitlab.gui.theme import contrast_ratio, restyle_plots
    panel = gradient_tab.panel("race")
    restyle_plots(dark, True, gradient_tab)
    legend = next(item for item in panel.plot.scene().items() if isinstance(item, pg.LegendItem))
    box = legend.opts["brush"].color()
    for _, label in legend.items:
        text = QColor(label.opts.get("color") or label.item.defaultTextColor())
        assert contrast_ratio(text, box) >= 4.5, label.text


def test_the_race_status_names_the_optimizers_in_the_text_colour(gradient_tab):
    """The plot colours (2:1 to 5:1 against a window) colour a mark, never a name."""
    panel = gradient_tab.panel("race")
    text = panel.status_label.text()
    coloured = re.findall(r"<span style='color:[^']*'>(.*?)</span>", text)
    assert coloured and set(coloured) == {"■"} and "<b>SGD</b>" in text
