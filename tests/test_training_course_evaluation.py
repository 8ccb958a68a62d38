"""The Evaluation panel for any model chosen on the Draw tab, beside the course's chapter-3 listings:
the textbook's sample_weight.pkl reads "0.9352", as the course prints."""
import numpy as np
import pytest

from digitlab.gui.main_window import MainWindow
from digitlab.gui.training.mnist_cache import MnistCache
from digitlab.gui.training.tab import TrainingTab
from digitlab.nn.course import LISTINGS
from digitlab.nn.training.evaluate import evaluate
from digitlab.nn.model.network import MultiLayerNet

pytestmark = pytest.mark.mnist


@pytest.fixture(scope="module")
def mnist_cache(mnist_dir):
    cache = MnistCache(mnist_dir)
    cache.get()
    return cache


def test_the_draw_tabs_model_reaches_the_panel_and_is_evaluated(qtbot, mnist_cache, monkeypatch):
    # the panel keeps the window's own cache: it must find MNIST too, not offer the download
    monkeypatch.setenv("DIGITLAB_MNIST_DIR", str(mnist_cache.mnist_dir))
    window = MainWindow()
    qtbot.addWidget(window)
    net = MultiLayerNet(hidden_sizes=(16,), rng=np.random.default_rng(3))
    window.draw_tab.set_model(net, "mine", None)
    window.tabs.setCurrentIndex(1)
    training = window.training_tab
    training.data = mnist_cache
    panel = training.evaluation_panel
    assert panel.draw_model == (net, "mine") and "mine" in panel.model_button.text()
    other = MultiLayerNet(hidden_sizes=(8,), rng=np.random.default_rng(4))
    window.draw_tab.set_model(other, "other", None)        # a later choice follows
    assert panel.draw_model[0] is other and panel.model_button.isEnabled()
    panel.model_button.click()
    (_, _), (x, t) = mnist_cache.get()
    expected = evaluate(other, x, t)
    assert panel.evaluation.accuracy == expected.accuracy
    np.testing.assert_array_equal(panel.evaluation.confusion, expected.confusion)
    assert training.views.currentWidget() is panel
    counts = [item.toPlainText() for item in panel.graphics.count_items]
    assert counts == [str(n) for n in expected.confusion.ravel()]


def test_the_textbooks_pickle_shows_the_courses_accuracy(qtbot, mnist_cache, dlfs_weights):
    from digitlab.nn.files.model_io import load_any
    tab = TrainingTab(data=mnist_cache)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    network, _ = load_any(dlfs_weights)
    tab.set_draw_model(network, "sample_weight.pkl")
    assert tab.evaluate_draw_model()
    panel = tab.evaluation_panel
    course = LISTINGS["batch_inference"].course_values()["accuracy"]
    assert course == "0.9352"
    assert "Accuracy: 0.9352 " in panel.summary.text()       # what the student reads
    assert panel.code_view.value_text("accuracy") == course  # the batch listing beside it
    panel.demo_button.click()                                # the image-by-image listing
    qtbot.waitUntil(lambda: panel.demo_result is not None, timeout=60_000)
    panel.listing_choice.setCurrentIndex(0)
    assert "network.predict(x[i])" in panel.code_view.editor.toPlainText()
    assert panel.code_view.value_text("accuracy") == course
    assert ("faster" if panel.demo_result.speedup >= 1 else "slower") in panel.demo_label.text()
    tab.shutdown()
