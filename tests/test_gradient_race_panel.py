"""gui/gradient/race_panel.py: the optimizers race on one surface."""
import numpy as np
import pytest



# `gradient_tab` (tests/conftest.py): the Gradient descent tab; gradient_tab.panel(name) builds a panel


def test_race_runs_all_optimizers_together(gradient_tab, qtbot):
    panel = gradient_tab.panel("race")
    assert set(panel.paths) == {"sgd", "momentum", "adagrad", "rmsprop", "adam"}
    for path in panel.paths.values():
        np.testing.assert_allclose(path[0], [-7, 2])
    panel.controls.speed_slider.setValue(60)
    panel.controls.play()
    qtbot.waitUntil(lambda: panel.controls.frame >= 3, timeout=3000)
    panel.controls.pause()
    k = panel.controls.frame
    for key, item in panel._loss_items.items():
        assert len(item.getData()[0]) == k + 1
    panel.controls.go_to_end()
    for key, values in panel.values.items():
        assert values[-1] < 0.1 * values[0], key
    panel.checks["adam"].setChecked(False)
    assert "adam" not in panel.paths
    assert len(panel._path_items["adam"].getData()[0] or []) == 0
