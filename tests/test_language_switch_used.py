"""A window that has been used (results, progress, timings, trained models on screen) follows View >
Language at once: every text with values in it is made again from its values, in the new language."""
import re
from collections import Counter

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from digitlab.gui.language import set_language
from digitlab.gui.main_window import MainWindow
from digitlab.nn.training.trainer import TrainConfig
from synthetic_digits import synthetic_cache
from test_language_switch import shown_texts

HANGUL = re.compile("[\uac00-\ud7a3]")
# the smallest network the numerical gradient trains in moments: 805 weights, one image a batch
NUMERICAL = TrainConfig(hidden_sizes=(1,), batch_size=1, iterations=3, train_size=1_000,
                        gradient="numerical", record_initial=True, seed=1)


@pytest.fixture
def window(qtbot, monkeypatch):
    """The window, its Training tab on a tiny synthetic data set (no MNIST needed); closing it
    discards the trained model."""
    monkeypatch.setattr("digitlab.gui.training.tab.MnistCache", lambda mnist_dir=None: synthetic_cache())
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *args: QMessageBox.StandardButton.Discard))
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    assert window.close()
    set_language(QApplication.instance(), "en")


def use_training_tab(window, qtbot) -> None:
    """A numerical-gradient run, its evaluation and batch demo, the cost of one iteration, Use."""
    window.tabs.setCurrentIndex(1)
    tab = window.training_tab
    tab.settings.set_config(NUMERICAL)
    assert tab.start()
    qtbot.waitUntil(lambda: tab.state == "finished", timeout=30_000)
    assert tab.model is not None and tab.speed_label.text()
    tab.evaluation_panel.demo_button.click()
    qtbot.waitUntil(lambda: tab.evaluation_panel.demo_result is not None, timeout=30_000)
    with qtbot.waitSignal(tab.course_tools.timed, timeout=30_000):
        assert tab.course_tools.time_numerical()
    tab.use_button.click()       # the Draw tab answers with "Trained just now (...%)"
    assert window.draw_tab.model_choice.current() is not None


def use_gradient_tab(window, qtbot) -> None:
    """Every panel built and showing values: the course's cases, a diverging path, a step."""
    window.tabs.setCurrentIndex(2)
    gradient = window.gradient_page.widget
    for name in gradient.PANELS:
        gradient.show_panel(name)
    descent = gradient.panel("descent")
    descent.apply_preset("diverges")
    descent.controls.go_to_end()          # the divergence and the freeze explained
    gradient.panel("race").controls.go_to_end()
    gradient.panel("field").show_gradient_at(3.0, 4.0)
    gradient.panel("simplenet").step()
    gradient.panel("loss").y2_button.click()
    qtbot.wait(20)


def switch(window, qtbot, code: str) -> list[tuple[str, str]]:
    window.menus.language_actions[code].trigger()
    qtbot.wait(30)          # LanguageChange events are posted
    return shown_texts(window)


def korean_left(texts) -> list[tuple[str, str]]:
    # the language menu names each language in itself
    return [(w, t) for w, t in texts if HANGUL.search(t) and t != "한국어"]


def changed(before, after) -> list:
    """The texts of before that after does not show, and the other way round."""
    old, new = Counter(before), Counter(after)
    return sorted((old - new).elements()) + sorted((new - old).elements())


def test_a_used_window_switches_every_text_with_values_at_once(window, qtbot):
    switch(window, qtbot, "ko")
    assert window.draw_tab.load_default_model()
    use_training_tab(window, qtbot)
    use_gradient_tab(window, qtbot)
    korean = shown_texts(window)
    assert "방금 학습한 모델" in window.windowTitle() and "시험 정확도" in window.windowTitle()

    english = switch(window, qtbot, "en")
    assert not korean_left(english), f"Korean left in English mode: {korean_left(english)[:8]}"
    assert "Trained just now (test accuracy" in window.windowTitle()
    assert window.training_tab.evaluation_panel.model_button.text().endswith("(Trained just now)")

    # in Korean again: every text as it was made in Korean (an English one left would differ)
    again = switch(window, qtbot, "ko")
    assert not changed(korean, again), f"not as in Korean before: {changed(korean, again)[:8]}"


def test_model_names_follow_the_language_in_every_list(window, qtbot):
    """The Draw tab's list, the status bar and the Evaluation panel's button rename the models the
    app named ("default model", "Training (live)", "fine-tuned on your digits")."""
    assert window.draw_tab.load_default_model()
    network = window.draw_tab.network
    window._on_training_tab_live_model(network)       # what the Training tab's snapshots do
    tuned = QCoreApplication.translate("FinetuneDialog", "fine-tuned on your digits")
    window.draw_tab.offer_model(network, tuned, 0.5)  # what "Use it on the Draw tab" names it
    window.tabs.setCurrentIndex(1)                    # the Evaluation panel is built
    combo = window.draw_tab.model_choice.combo
    switch(window, qtbot, "ko")
    items = [combo.itemText(i) for i in range(combo.count())]
    assert items[0].startswith("기본 모델 (") and items[1].startswith("합성곱 신경망 (7장) (")
    assert items[2:] == ["학습 중 (실시간)", "내 숫자로 미세 조정한 모델 (50.0%)"]
    window._on_training_tab_live_model(network)       # the next snapshot replaces it: no new entry
    assert combo.count() == 4
    assert window.model_label.text().startswith("모델: 기본 모델 (시험 정확도 ")
    assert window.training_tab.evaluation_panel.model_button.text().endswith("(기본 모델)")
    switch(window, qtbot, "en")
    items = [combo.itemText(i) for i in range(combo.count())]
    assert items[0].startswith("default model (") and items[2:] == ["Training (live)", f"{tuned} (50.0%)"]
    assert items[1].startswith("Convolutional network (ch. 7) (")
    assert window.model_label.text().startswith("Model: default model (test accuracy ")
