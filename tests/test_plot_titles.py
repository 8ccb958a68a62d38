"""gui.plot_titles: a long plot title wraps; the plot and its legend stay inside their view."""
import pytest
from PySide6.QtCore import QRectF

from digitlab.gui.training.plots import TrainingPlots


def inside(rect: QRectF, view) -> bool:
    return rect.left() >= -0.5 and rect.right() <= view.viewport().width() + 0.5


@pytest.mark.parametrize("width", [360, 480])
def test_training_plots_and_legends_fit_a_narrow_view(qtbot, width):
    plots = TrainingPlots()
    qtbot.addWidget(plots)
    plots.resize(width, 520)
    plots.show()
    qtbot.waitExposed(plots)
    qtbot.wait(20)
    for plot in (plots.loss_plot, plots.acc_plot):
        assert inside(plot.sceneBoundingRect(), plots.graphics), plot.titleLabel.text
        assert inside(plot.legend.sceneBoundingRect(), plots.graphics)
        title = plot.titleLabel
        assert title.item.boundingRect().height() <= title.rect().height() + 0.5   # no line cut


def test_main_window_plots_fit_after_a_restart_at_a_small_size(qtbot):
    from digitlab.gui.main_window import MainWindow
    first = MainWindow()
    qtbot.addWidget(first)
    first.resize(1000, 700)
    first.show()
    first.tabs.setCurrentIndex(1)
    first.close()                          # remembers the size and the Training tab
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded):   # the page shown is built right after the first frame
        window.show()
    plots = window.training_tab.plots
    qtbot.waitUntil(plots.isVisible)
    qtbot.wait(20)
    for plot in (plots.loss_plot, plots.acc_plot):
        assert inside(plot.sceneBoundingRect(), plots.graphics)
        assert inside(plot.legend.sceneBoundingRect(), plots.graphics)
