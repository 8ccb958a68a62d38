"""gui/inside/tab.py: the Inside tab hands the model and the drawing to its sections."""
import numpy as np
import pytest
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from digitlab.gui.inside.tab import InsideTab
from digitlab.gui.mouse_replay import drag
from digitlab.nn.model.network import MultiLayerNet


class Panel(QWidget):
    model_edited = Signal(object)

    def __init__(self):
        super().__init__()
        self.models, self.inputs, self.neurons = [], [], []

    def set_model(self, network):
        self.models.append(network)

    def set_input(self, x):
        self.inputs.append(x)

    def set_neuron(self, layer, index):
        self.neurons.append((layer, index))


@pytest.fixture
def tab(qtbot):
    tab = InsideTab()
    qtbot.addWidget(tab)
    tab.resize(1100, 700)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def small_net():
    return MultiLayerNet(784, (20, 12), 10, rng=np.random.default_rng(0))


def test_a_section_gets_the_model_and_every_input(tab):
    network = small_net()
    tab.set_model(network)
    panel = Panel()
    index = tab.add_section("Mine", panel)
    assert tab.sections.tabText(index) == "Mine"
    assert panel.models == [network] and panel.inputs == [None]
    x = np.linspace(0, 1, 784, dtype=np.float32)
    tab.set_input(x)
    assert panel.inputs[-1] is not None and np.array_equal(panel.inputs[-1], x)
    assert panel.inputs[-1].dtype == np.float32 and panel.inputs[-1].shape == (784,)


def test_a_hidden_tab_hands_over_only_when_shown_again(tab):
    panel = Panel()
    tab.add_section("Mine", panel)
    tab.hide()
    network = small_net()
    tab.set_model(network)
    for _ in range(5):
        tab.set_input(np.zeros(784, np.float32))
    assert panel.models == [None] and panel.inputs == [None]
    tab.show()
    assert panel.models == [None, network] and len(panel.inputs) == 2


def test_an_edited_model_goes_to_every_section_and_out(tab, qtbot):
    first, second = Panel(), Panel()
    tab.add_section("One", first)
    tab.add_section("Two", second)
    edited = small_net()
    with qtbot.waitSignal(tab.model_edited) as signal:
        first.model_edited.emit(edited)
    assert signal.args == [edited] and tab.network is edited and second.models[-1] is edited


def test_drawing_on_the_small_canvas_gives_the_preprocessed_input(tab, qtbot):
    panel = Panel()
    tab.add_section("Mine", panel)
    canvas = tab.canvas
    side = min(canvas.width(), canvas.height())
    left, top = (canvas.width() - side) / 2, (canvas.height() - side) / 2
    drag(canvas, [(left + side * 0.5, top + side * f) for f in np.linspace(0.2, 0.8, 12)])
    qtbot.waitUntil(lambda: panel.inputs[-1] is not None)
    x = panel.inputs[-1]
    assert x is not None and x.shape == (784,) and x.dtype == np.float32
    image = x.reshape(28, 28)
    # a vertical bar, centred as nn.preprocess centres digits: ink in the middle columns only
    assert image[:, 12:16].sum() > 0.8 * image.sum() and image.max() <= 1.0


def test_the_draw_tabs_drawing_is_shown_on_the_small_canvas_without_coming_back(tab):
    panel = Panel()
    tab.add_section("Mine", panel)
    ink = np.zeros((280, 280), np.float32)
    ink[60:220, 130:150] = 1.0
    x = np.full(784, 0.5, np.float32)
    tab.follow_drawing(ink, x)
    assert not tab.canvas.is_empty()
    assert np.array_equal(panel.inputs[-1], x) and len(panel.inputs) == 2   # not read again
    tab.follow_drawing(None, None)
    assert tab.canvas.is_empty() and panel.inputs[-1] is None


def test_the_inside_tab_follows_the_draw_tabs_canvas(shown_window, qtbot):
    window = shown_window
    assert window.draw_tab.load_default_model()
    window.tabs.setCurrentWidget(window.inside_page)
    inside = window.inside_page.widget
    qtbot.waitUntil(lambda: inside.diagram.view is not None)     # at the layout's queued show
    assert inside.network is window.draw_tab.network
    window.tabs.setCurrentWidget(window.draw_page)
    canvas = window.draw_tab.canvas
    side = min(canvas.width(), canvas.height())
    drag(canvas, [(side * 0.5, side * f) for f in np.linspace(0.2, 0.8, 15)])
    qtbot.waitUntil(window.draw_tab.is_settled)
    expected = window.draw_tab.last_stages.centered.reshape(-1)
    np.testing.assert_array_equal(inside.x, expected)
    window.tabs.setCurrentWidget(window.inside_page)        # handed to the diagram when shown
    np.testing.assert_array_equal(inside.diagram.view.trace.x, expected)
    assert not inside.canvas.is_empty()                     # the small canvas shows the drawing
    np.testing.assert_allclose(inside.diagram.view.trace.y,
                               window.draw_tab.network.probabilities(expected), rtol=1e-5)


def test_a_click_in_the_diagram_opens_the_neuron_section(tab, qtbot):
    tab.set_model(small_net())
    tab.sections.setCurrentWidget(tab.chapter3_panel)
    with qtbot.waitSignal(tab.neuron_chosen) as chosen:
        tab.diagram.neuron_clicked.emit(3, 8)
    assert chosen.args == [3, 8] and tab.sections.currentWidget() is tab.neuron_panel
    assert tab.neuron_panel.neuron == (3, 8) and tab.diagram.selected == (3, 8)
    assert "Output neuron 8" in tab.neuron_panel.title.text()


def test_every_control_has_an_accessible_name_and_a_tooltip(tab):
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QLineEdit, QTabBar, QTableWidget
    controls = [w for kind in (QAbstractButton, QAbstractSpinBox, QLineEdit, QTableWidget)
                for w in tab.findChildren(kind) if not isinstance(w.parent(), (QAbstractSpinBox, QTabBar))]
    controls = [w for w in controls if w.focusPolicy() != Qt.FocusPolicy.NoFocus
                and type(w).__name__ != "QTabBar"]
    assert len(controls) >= 9
    for w in controls:
        assert (w.accessibleName() or w.text()) and w.toolTip(), w
    for w in (tab.canvas, tab.diagram):
        assert w.accessibleName() and w.toolTip() and w.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_the_inside_tab_speaks_korean_after_a_language_switch(shown_window, qtbot):
    window = shown_window
    window.tabs.setCurrentWidget(window.inside_page)
    inside = window.inside_page.widget
    qtbot.waitUntil(inside.isVisible)
    inside.set_model(small_net())
    inside.show_neuron(1, 2)
    window.set_language("ko")
    qtbot.waitUntil(lambda: inside.sections.tabText(0) == "뉴런 하나 (클릭하세요)")   # LanguageChange is posted
    assert inside.sections.tabText(1) == "강의 3장"
    assert window.tabs.tabText(3) == "신경망 내부"
    assert inside.neuron_panel.title.text().startswith("은닉층 1의 뉴런 2")
    assert "이미지 한 장" in inside.chain.text() and inside.diagram.accessibleName() == "신경망 그림"
    assert "편향" in inside.neuron_panel.sum_label.text()


def test_a_model_edited_in_a_section_answers_on_the_draw_tab(shown_window, qtbot):
    window = shown_window
    window.tabs.setCurrentWidget(window.inside_page)
    inside = window.inside_page.widget
    qtbot.waitUntil(inside.isVisible)
    panel = Panel()
    inside.add_section("Lab", panel)
    edited = small_net()
    panel.model_edited.emit(edited)
    assert window.draw_tab.network is edited and inside.network is edited
    assert window.draw_tab.model_choice.current()[1] == "Edited on the Inside tab"


def test_reopened_on_the_inside_tab_it_gets_the_model_loaded_after_the_first_frame(qtbot):
    from digitlab.gui.main_window import MainWindow
    from digitlab.gui.settings import Settings
    Settings().set_state("window", {"tab": 3})
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded):   # the page shown is built right after the first frame
        window.show()
    assert window.tabs.currentWidget() is window.inside_page
    inside = window.inside_page.widget
    assert inside is not None and inside.network is None
    assert window.draw_tab.load_default_model()
    qtbot.waitUntil(lambda: inside.diagram.view is not None)
    assert inside.network is window.draw_tab.network and inside.diagram.network is inside.network
