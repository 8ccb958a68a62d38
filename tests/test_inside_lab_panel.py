"""gui/inside/lab_panel.py: edits through the panel's own controls, the accuracy worker, saving."""
import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from digitlab import resources
from digitlab.gui.inside.lab_panel import LabPanel, is_shipped_model
from digitlab.gui.training.mnist_cache import MnistCache
from digitlab.nn.files.model_io import load_model, save_model
from digitlab.nn.model.network import MultiLayerNet


def make_net():
    return MultiLayerNet(784, (16, 12), 10, rng=np.random.default_rng(0))


def tiny_data(net, n=300):
    """A 'test set' the network itself answers: its accuracy is 1.0 before any edit."""
    x = np.random.default_rng(1).random((n, 784)).astype(np.float32)
    t = net.predict(x).argmax(axis=1)
    return MnistCache(data=((x[:1], t[:1]), (x, t)))


@pytest.fixture
def net():
    return make_net()


@pytest.fixture
def panel(qtbot, net):
    panel = LabPanel(data=tiny_data(net))
    qtbot.addWidget(panel)
    panel.set_model(net)
    panel.set_input(np.random.default_rng(2).random(784).astype(np.float32))
    yield panel
    panel.shutdown()


def test_switch_off_through_the_buttons_announces_an_edited_copy(qtbot, panel, net):
    panel.layer_combo.setCurrentIndex(1)
    panel.neuron_spin.setValue(4)
    with qtbot.waitSignal(panel.model_edited) as blocker:
        qtbot.mouseClick(panel.off_button, Qt.MouseButton.LeftButton)
    edited, = blocker.args
    assert edited is not net and edited is not panel.network
    assert not edited.params["W3"][4].any() and net.params["W3"][4].any()
    assert panel.undo_button.isEnabled()
    assert "off" in panel.edits_label.text()
    # the copy announced, given back by the tab, keeps the edits
    panel.set_model(edited)
    assert len(panel.editor.edits) == 1
    # another model starts afresh
    panel.set_model(make_net())
    assert panel.editor.edits == [] and not panel.undo_button.isEnabled()


def test_a_neuron_clicked_in_the_diagram_is_chosen(panel):
    panel.set_neuron(2, 9)
    assert panel.chosen_neuron() == (2, 9)
    panel.set_neuron(3, 4)            # an output neuron: not one the lab switches off
    assert panel.chosen_neuron() == (2, 9)


def test_double_click_on_the_neuron_map_switches_that_neuron_off(qtbot, panel):
    panel.neuron_map.resize(160, 160)
    rect = panel.neuron_map.image_rect()
    rows_cols = (4, 4)   # 16 neurons of layer 1: a 4 x 4 grid
    cell = rect.width() / rows_cols[1]
    where = QPoint(int(rect.left() + 2.5 * cell), int(rect.top() + 1.5 * cell))   # row 1, col 2 -> 6
    qtbot.mouseClick(panel.neuron_map, Qt.MouseButton.LeftButton, pos=where)
    assert panel.neuron_spin.value() == 6 and panel.editor.edits == []
    assert panel.neuron_map.selected == 6 and panel.neuron_map.cell_rect(6).contains(where.x(), where.y())
    qtbot.mouseDClick(panel.neuron_map, Qt.MouseButton.LeftButton, pos=where)
    assert panel.editor.switched_off() == {(1, 6)}
    assert np.isnan(panel.neuron_map.values.reshape(-1)[6])


def test_prune_noise_scale_bias_then_undo_and_reset(qtbot, panel, net):
    original = {k: v.copy() for k, v in net.params.items()}
    panel.prune_spin.setValue(40.0)
    qtbot.mouseClick(panel.prune_button, Qt.MouseButton.LeftButton)
    zeros = np.mean(panel.network.params["W1"] == 0)
    assert zeros == pytest.approx(0.4, abs=0.01)
    pruned = panel.network.params["W1"].copy()
    panel.noise_spin.setValue(0.5)
    qtbot.mouseClick(panel.noise_button, Qt.MouseButton.LeftButton)
    assert not np.array_equal(panel.network.params["W1"], pruned)
    panel.scale_spin.setValue(2.0)
    qtbot.mouseClick(panel.scale_button, Qt.MouseButton.LeftButton)
    panel.bias_spin.setValue(-3.0)
    qtbot.mouseClick(panel.bias_button, Qt.MouseButton.LeftButton)
    assert panel.network.params["b1"][0] == -3.0
    for _ in range(3):
        qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
    np.testing.assert_array_equal(panel.network.params["W1"], pruned)
    with qtbot.waitSignal(panel.model_edited) as blocker:   # the Draw tab gets the reset model too
        qtbot.mouseClick(panel.reset_button, Qt.MouseButton.LeftButton)
    np.testing.assert_array_equal(blocker.args[0].params["W1"], original["W1"])
    for key in original:
        np.testing.assert_array_equal(panel.network.params[key], original[key])
        np.testing.assert_array_equal(net.params[key], original[key])
    assert not panel.reset_button.isEnabled()


def test_test_accuracy_runs_off_the_gui_thread_and_drops_after_an_edit(qtbot, panel):
    with qtbot.waitSignal(panel.accuracy_measured, timeout=5000) as blocker:
        qtbot.mouseClick(panel.accuracy_button, Qt.MouseButton.LeftButton)
        assert not panel.accuracy_button.isEnabled()   # one measurement at a time
    assert blocker.args[0] == 1.0
    assert "100.00%" in panel.accuracy_label.text()
    panel.prune_spin.setValue(100.0)
    with qtbot.waitSignal(panel.model_edited):
        qtbot.mouseClick(panel.prune_button, Qt.MouseButton.LeftButton)
    assert panel.accuracy_label.text() == "as it was: 100.00%"   # the edited figure is gone
    with qtbot.waitSignal(panel.accuracy_measured, timeout=5000) as blocker:
        panel.measure_accuracy()
    assert blocker.args[0] < 1.0 and panel.accuracy_button.isEnabled()
    assert panel.accuracy_label.text().startswith(f"Test accuracy of the edited network: {blocker.args[0]:.2%}")


def test_sweep_plots_accuracy_against_pruning(qtbot, panel):
    with qtbot.waitSignal(panel.sweep_finished, timeout=10000):
        qtbot.mouseClick(panel.sweep_button, Qt.MouseButton.LeftButton)
    levels, accuracies = panel.sweep_result
    assert levels[0] == 0 and accuracies[0] == 1.0 and accuracies[-1] < accuracies[0]
    x, y = panel.sweep_curve.getData()
    np.testing.assert_array_equal(y, accuracies)
    panel.sweep_combo.setCurrentIndex(1)
    with qtbot.waitSignal(panel.sweep_finished, timeout=10000):
        panel.start_sweep()
    assert panel.sweep_result[0][-1] == 2.0
    assert panel.plot.getPlotItem().getAxis("bottom").labelText == "Noise size"


def test_missing_mnist_is_a_message_not_a_crash(qtbot, net, tmp_path):
    panel = LabPanel(data=MnistCache(mnist_dir=tmp_path))
    qtbot.addWidget(panel)
    panel.set_model(net)
    with qtbot.waitSignal(panel.message, timeout=5000) as blocker:
        panel.measure_accuracy()
    qtbot.waitUntil(lambda: panel.accuracy_button.isEnabled())
    assert "could not be used" in blocker.args[0]


def test_save_never_overwrites_the_shipped_model(qtbot, panel):
    shipped = resources.path(*resources.DEFAULT_MODEL)
    before = shipped.read_bytes()
    panel.prune_spin.setValue(50.0)
    qtbot.mouseClick(panel.prune_button, Qt.MouseButton.LeftButton)
    panel.confirm_replace = lambda path: True    # even a user who says yes
    with qtbot.waitSignal(panel.message) as blocker:
        assert not panel.save_as(shipped)
    assert "never written over" in blocker.args[0]
    assert shipped.read_bytes() == before
    assert is_shipped_model(shipped)


def test_save_asks_before_replacing_and_writes_a_new_file(qtbot, panel, net, tmp_path):
    existing = tmp_path / "mine.npz"
    save_model(existing, net, {"note": "keep"})
    before = existing.read_bytes()
    panel.prune_spin.setValue(30.0)
    qtbot.mouseClick(panel.prune_button, Qt.MouseButton.LeftButton)
    asked = []
    panel.confirm_replace = lambda path: asked.append(path) or False
    assert not panel.save_as(existing)
    assert asked == [existing] and existing.read_bytes() == before
    new = tmp_path / "edited.npz"
    assert panel.save_as(new) and asked == [existing]
    loaded, metadata = load_model(new)
    np.testing.assert_array_equal(loaded.params["W1"], panel.network.params["W1"])
    assert metadata["edited_in_lab"][0]["kind"] == "prune"


def test_a_failed_save_loses_nothing(qtbot, panel, net, tmp_path):
    existing = tmp_path / "mine.npz"
    save_model(existing, net, {})
    before = existing.read_bytes()
    panel.prune_spin.setValue(30.0)
    qtbot.mouseClick(panel.prune_button, Qt.MouseButton.LeftButton)
    edited = panel.network.params["W1"].copy()
    panel.confirm_replace = lambda path: True

    def disk_full(f):
        raise OSError(28, "No space left on device")
    import digitlab.nn.files.model_io as model_io
    original_write = model_io.write_atomically
    model_io.write_atomically = lambda target, write: original_write(target, disk_full)
    try:
        with qtbot.waitSignal(panel.message) as blocker:
            assert not panel.save_as(existing)
    finally:
        model_io.write_atomically = original_write
    assert "not saved" in blocker.args[0]
    assert existing.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["mine.npz"]   # no temporary file left
    np.testing.assert_array_equal(panel.network.params["W1"], edited)
    assert len(panel.editor.edits) == 1


def test_every_control_has_an_accessible_name_and_a_tooltip(panel):
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox
    controls = panel.findChildren(QAbstractButton) + panel.findChildren(QAbstractSpinBox) + \
        panel.findChildren(QComboBox)
    assert len(controls) >= 15
    for widget in controls:
        assert widget.accessibleName() and widget.toolTip(), widget


@pytest.mark.mnist
def test_test_accuracy_of_the_shipped_model_on_mnist_under_a_second(qtbot, mnist_dir):
    from digitlab.nn.files.model_io import load_any
    network, _ = load_any(resources.path(*resources.DEFAULT_MODEL))
    data = MnistCache(mnist_dir)
    data.get()
    panel = LabPanel(data=data)
    qtbot.addWidget(panel)
    panel.set_model(network)
    with qtbot.waitSignal(panel.accuracy_measured, timeout=20000) as blocker:
        panel.measure_accuracy()
    accuracy, seconds = blocker.args
    assert accuracy > 0.97
    assert seconds < 1.0


def test_the_edited_accuracy_comes_first_then_the_original(qtbot, panel):
    panel.prune_spin.setValue(100.0)
    qtbot.mouseClick(panel.prune_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(panel.accuracy_measured, timeout=5000) as edited:
        with qtbot.waitSignal(panel.original_measured, timeout=5000) as original:
            panel.measure_accuracy()
    assert edited.args[0] < 1.0 and original.args == [1.0]
    qtbot.waitUntil(lambda: "Measuring" not in panel.accuracy_label.text())
    assert panel.accuracy_label.text().endswith("as it was: 100.00%")


def test_a_hidden_lab_reads_the_drawing_when_shown(qtbot, net):
    panel = LabPanel(data=tiny_data(net))
    qtbot.addWidget(panel)
    panel.set_model(net)
    x = np.random.default_rng(2).random(784).astype(np.float32)
    panel.set_input(x)
    assert panel.answer_label.text() == "Draw a digit to see the edited network's answer."
    panel.show()
    qtbot.waitExposed(panel)
    k = int(np.argmax(net.predict(x)))
    assert panel.answer_label.text().startswith(f"Edited network: {k} (")


def test_a_sweep_of_a_model_no_longer_shown_is_dropped(qtbot, panel):
    panel.start_sweep()
    panel.set_model(make_net())
    qtbot.waitUntil(lambda: panel.sweep_button.isEnabled(), timeout=10000)
    assert panel.sweep_result is None and panel.sweep_curve.getData()[0] is None


def test_a_figure_measured_before_undo_and_another_edit_is_not_shown(qtbot, panel):
    panel.prune_spin.setValue(10.0)
    qtbot.mouseClick(panel.prune_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(panel.accuracy_measured, timeout=5000):
        panel.measure_accuracy()
        panel.undo()                               # the same number of edits afterwards,
        panel.prune_spin.setValue(100.0)           # but another network
        qtbot.mouseClick(panel.prune_button, Qt.MouseButton.LeftButton)
    assert not panel.accuracy_label.text().startswith("Test accuracy of the edited network")
