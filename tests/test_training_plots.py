"""gui/training/plots.py: the live loss, accuracy and learning-rate plots and their buffers."""
import numpy as np
import pytest

from digitlab.gui.training.plots import DecimatingBuffer, TrainingPlots, smooth


def test_decimating_buffer_stays_bounded_and_keeps_the_mean():
    buffer = DecimatingBuffer(capacity=100)
    x = np.arange(10_000, dtype=float)
    buffer.extend(x, 2 * x)
    xs, ys = buffer.data()
    assert len(buffer) <= 100
    assert xs[0] == pytest.approx(np.mean(x[:len(x) // len(xs)]), rel=0.5)
    np.testing.assert_allclose(ys, 2 * xs)          # averaging pairs keeps y = 2x exact
    assert np.all(np.diff(xs) > 0)


def test_smooth_is_exact_on_constants_and_follows_a_step():
    np.testing.assert_allclose(smooth(np.full(50, 3.0))[0], 3.0)
    y = np.r_[np.zeros(100), np.ones(100)]
    stepped, _ = smooth(y, alpha=0.1)
    assert stepped[99] == 0.0 and 0.0 < stepped[110] < 1.0 and stepped[-1] > 0.99
    first, state = smooth(y[:77], alpha=0.1)
    rest, _ = smooth(y[77:], alpha=0.1, state=state)
    np.testing.assert_allclose(np.r_[first, rest], stepped)    # chunked = all at once


def test_lr_plot_appears_only_when_the_lr_changes(qtbot):
    plots = TrainingPlots()
    qtbot.addWidget(plots)
    plots.show()
    plots.start_run(iterations_total=300, epochs_total=3)
    plots.add_iterations(np.arange(1, 101), np.linspace(2.3, 1.0, 100), np.full(100, 0.1))
    assert not plots.lr_plot_visible() and "learning rate 0.1" in plots.loss_plot.titleLabel.text
    assert plots.loss_plot.viewRange()[0][1] >= 300            # the x axis spans the whole run
    plots.add_iterations(np.arange(101, 151), np.full(50, 0.9), np.full(50, 0.05))
    assert plots.lr_plot_visible() and "learning rate" not in plots.loss_plot.titleLabel.text
    np.testing.assert_allclose(plots.lr_curve.getData()[1][-50:], 0.05)
    plots.add_epoch(1, 0.91, 0.9)
    assert "train 91.00%, test 90.00%" in plots.acc_text.toPlainText()
    low, high = plots.acc_plot.viewRange()[1]
    assert 84 < low <= 85 and 100 <= high < 101      # from the worst epoch's 5% step up to 100%
    plots.clear()
    assert not plots.lr_plot_visible() and plots.point_counts() == {"loss": 0, "lr": 0, "epochs": 0}
    low, high = plots.acc_plot.viewRange()[1]
    assert low <= 0 and 100 <= high < 103             # an empty plot in percent, as its axis says


def test_a_new_accuracy_plot_is_in_percent(qtbot):
    plots = TrainingPlots()
    qtbot.addWidget(plots)
    low, high = plots.acc_plot.viewRange()[1]
    assert low <= 0 and 100 <= high < 103


def test_hidden_plots_catch_up_when_shown(qtbot):
    plots = TrainingPlots()
    qtbot.addWidget(plots)
    plots.add_iterations(np.arange(1, 51), np.linspace(2.0, 1.0, 50), np.linspace(0.1, 0.05, 50))
    assert plots.point_counts()["loss"] == 50 and plots.loss_raw.getData() == (None, None)   # not drawn yet
    plots.show()
    np.testing.assert_allclose(plots.loss_raw.getData()[1], np.linspace(2.0, 1.0, 50))
    assert plots.lr_plot_visible() and plots.loss_plot.viewRange()[1][1] == pytest.approx(2.2)


def test_clear_puts_the_axes_back_as_before_any_run(qtbot):
    import numpy as np
    from digitlab.gui.training.plots import TrainingPlots
    plots = TrainingPlots()
    qtbot.addWidget(plots)
    plots.show()
    before = [plot.getViewBox().viewRange()[0] for plot in (plots.loss_plot, plots.acc_plot)]
    plots.start_run(5000, 50)
    plots.add_iterations(np.arange(1, 301), np.linspace(2, 0.3, 300), np.full(300, 0.1))
    plots.add_epoch(1, 0.9, 0.89)
    plots.clear()
    after = [plot.getViewBox().viewRange()[0] for plot in (plots.loss_plot, plots.acc_plot)]
    np.testing.assert_allclose(after, before, atol=0.05)
