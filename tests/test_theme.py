"""Light and dark themes: palette, plots, and the canvas that stays white paper."""
import pyqtgraph as pg
from PySide6.QtGui import QPalette

from digitlab.gui.theme import apply_theme, dark_palette, is_dark


def test_dark_theme_darkens_the_palette_and_the_plots_and_light_restores(qapp, qtbot):
    light = QPalette(qapp.palette())
    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    try:
        assert apply_theme(qapp, "dark", light) is True
        assert qapp.palette().color(QPalette.ColorRole.Window).lightness() < 80
        assert plot.backgroundBrush().color().lightness() < 80
        axis = plot.getPlotItem().getAxis("left")
        assert axis.textPen().color().lightness() > 180
        assert apply_theme(qapp, "light", light) is False
        assert qapp.palette().color(QPalette.ColorRole.Window) == light.color(QPalette.ColorRole.Window)
        assert plot.backgroundBrush().color().lightness() > 200
        assert axis.textPen().color().lightness() < 100
    finally:
        apply_theme(qapp, "light", light)


def test_the_canvas_stays_white_paper_with_black_ink_in_the_dark(qapp, qtbot):
    from digitlab.gui.draw.canvas import DrawingCanvas
    light = QPalette(qapp.palette())
    canvas = DrawingCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(200, 200)
    try:
        apply_theme(qapp, "dark", light)
        image = canvas.grab().toImage()
        paper = canvas._paper_rect()
        corner = paper.topLeft().toPoint()
        assert image.pixelColor(corner.x() + 10, corner.y() + 10).lightness() == 255
    finally:
        apply_theme(qapp, "light", light)


def test_system_theme_follows_the_palette_when_the_desktop_does_not_say(qapp):
    assert is_dark(qapp, "dark") and not is_dark(qapp, "light")
    assert dark_palette().color(QPalette.ColorRole.Text).lightness() > 200


def test_system_after_dark_gives_the_system_palette_back(qapp, qtbot):
    from digitlab.gui.main_window import MainWindow
    window = MainWindow()
    qtbot.addWidget(window)
    system = QPalette(qapp.palette())
    try:
        window.set_theme("dark")
        assert window.dark and qapp.palette().color(QPalette.ColorRole.Window).lightness() < 80
        window.set_theme("system")       # the desktop (offscreen here) is light
        assert not window.dark
        assert qapp.palette().color(QPalette.ColorRole.Window) == system.color(QPalette.ColorRole.Window)
    finally:
        window.set_theme("light")


def test_dark_plots_keep_every_text_readable(qapp, qtbot):
    from digitlab.gui.gradient.derivative_panel import DerivativePanel
    from digitlab.gui.training.plots import TrainingPlots
    light = QPalette(qapp.palette())
    plots, panel = TrainingPlots(), DerivativePanel()
    for widget in (plots, panel):
        qtbot.addWidget(widget)
    plots.add_epoch(1, 0.9, 0.89)
    try:
        apply_theme(qapp, "dark", light)
        assert plots.acc_text.color.lightness() > 150            # light text on the dark plot
        assert all(line.label.color.lightness() > 150 for line in panel.h_lines)
        legend = panel.error_plot.getPlotItem().legend
        for _, label in legend.items:                            # dark text on the legend's white box
            assert pg.mkColor(label.opts["color"]).lightness() < 100
        apply_theme(qapp, "light", light)
        assert plots.acc_text.color.lightness() < 100
    finally:
        apply_theme(qapp, "light", light)
