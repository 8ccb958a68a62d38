"""MainWindow: builds, shows every tab, passes the Training tab's models to the Draw tab."""
import numpy as np
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QLabel

from gui.app import install_translators
from gui.main_window import LazyTab, MainWindow
from nn.network import MultiLayerNet


def test_smoke_show_every_tab_and_close(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.training_page.widget is None          # built only when first shown
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(10)
        page = window.tabs.widget(index)
        if isinstance(page, LazyTab):
            assert page.layout().count() == 1            # the tab or a placeholder
    assert [window.tabs.tabText(i) for i in range(3)] == ["Draw", "Training", "Gradient descent"]
    assert window.close()


def test_a_missing_tab_module_shows_a_placeholder(qtbot):
    page = LazyTab("gui.no_such_tab", "NoSuchTab")
    qtbot.addWidget(page)
    assert page.build() is None
    assert isinstance(page.layout().itemAt(0).widget(), QLabel)
    assert page.build() is None and page.layout().count() == 1


def test_status_bar_names_the_model(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    net = MultiLayerNet(hidden_sizes=(8,), rng=np.random.default_rng(0))
    window.draw_tab.set_model(net, "mine", 0.953)
    assert window.model_label.text() == "Model: mine (95.3%)"
    assert "mine (95.3%)" in window.windowTitle()


def test_training_models_are_offered_to_the_draw_tab(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.tabs.setCurrentWidget(window.training_page)
    training = window.training_page.widget
    if training is None:
        return   # the Training tab is not installed: the placeholder test covers this
    live = MultiLayerNet(hidden_sizes=(8,), rng=np.random.default_rng(1))
    training.live_model.emit(live)
    combo = window.draw_tab.model_choice.combo
    assert combo.findData("Training (live)") >= 0
    finished = MultiLayerNet(hidden_sizes=(8,), rng=np.random.default_rng(2))
    training.model_trained.emit(finished, {"test_accuracy": 0.9})
    index = combo.findData("Trained just now")
    assert combo.itemText(index) == "Trained just now (90.0%)"
    combo.setCurrentIndex(index)
    assert window.draw_tab.network is finished


QM_MAGIC = bytes([0x3C, 0xB8, 0x64, 0x18, 0xCA, 0xEF, 0x9C, 0x95,
                  0xCD, 0x21, 0x1C, 0xBF, 0x60, 0xA1, 0xBD, 0xDD])


def _digitlab_files(translators, folder):
    return [t.filePath() for t in translators if t.filePath().startswith(str(folder))]


def test_the_korean_translation_is_loaded_when_present(qapp, tmp_path):
    korean = QLocale(QLocale.Language.Korean, QLocale.Country.SouthKorea)
    installed = install_translators(qapp, korean, str(tmp_path))
    assert _digitlab_files(installed, tmp_path) == []
    for translator in installed:
        qapp.removeTranslator(translator)
    (tmp_path / "digitlab_ko.qm").write_bytes(QM_MAGIC)   # an empty but valid catalogue
    installed = install_translators(qapp, korean, str(tmp_path))
    assert _digitlab_files(installed, tmp_path) == [str(tmp_path / "digitlab_ko.qm")]
    for translator in installed:
        qapp.removeTranslator(translator)
