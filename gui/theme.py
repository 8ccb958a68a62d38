"""Light and dark themes: the Qt palette and the plots' colours follow the View menu or the system.

The drawing canvas stays white paper with black ink in both: that is what the network reads.
"""
from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

THEMES = ("system", "light", "dark")
# set to True on a pyqtgraph TextItem drawn straight on a plot's background: it takes the theme's ink
FOLLOWS_THEME = "follows_theme"
PLOT_COLOURS = {False: ("w", (60, 60, 60)), True: ((30, 32, 36), (215, 215, 215))}  # background, ink


def system_is_dark(app: QApplication, system_palette: QPalette | None = None) -> bool:
    """True when the desktop asks for a dark scheme (Qt 6.5+), else judged from the desktop's own
    palette (system_palette: the one the app started with; never the dark theme's, which the app
    may be showing now)."""
    hints = app.styleHints()
    if hasattr(hints, "colorScheme"):
        scheme = hints.colorScheme()
        if scheme != Qt.ColorScheme.Unknown:
            return scheme == Qt.ColorScheme.Dark
    palette = system_palette if system_palette is not None else app.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def dark_palette() -> QPalette:
    """A calm dark palette with enough contrast for text, links and selections."""
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: QColor(40, 42, 46), QPalette.ColorRole.WindowText: QColor(225, 225, 225),
        QPalette.ColorRole.Base: QColor(30, 32, 36), QPalette.ColorRole.AlternateBase: QColor(46, 48, 53),
        QPalette.ColorRole.Text: QColor(225, 225, 225), QPalette.ColorRole.Button: QColor(52, 55, 60),
        QPalette.ColorRole.ButtonText: QColor(225, 225, 225), QPalette.ColorRole.ToolTipBase: QColor(52, 55, 60),
        QPalette.ColorRole.ToolTipText: QColor(225, 225, 225), QPalette.ColorRole.Highlight: QColor(66, 120, 200),
        QPalette.ColorRole.HighlightedText: QColor(255, 255, 255), QPalette.ColorRole.Link: QColor(120, 170, 255),
        QPalette.ColorRole.PlaceholderText: QColor(150, 150, 150), QPalette.ColorRole.BrightText: QColor(255, 90, 90),
    }
    for role, colour in colours.items():
        palette.setColor(role, colour)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(130, 130, 130))
    return palette


def is_dark(app: QApplication, theme: str, system_palette: QPalette | None = None) -> bool:
    return system_is_dark(app, system_palette) if theme == "system" else theme == "dark"


def apply_theme(app: QApplication, theme: str, light_palette: QPalette, root: QWidget | None = None) -> bool:
    """Set the palette for theme ("system", "light" or "dark") and restyle the plots (of root, else
    of every window); returns dark."""
    dark = is_dark(app, theme, light_palette)
    if theme == "system":
        app.setPalette(light_palette if not dark else dark_palette())
    else:
        app.setPalette(dark_palette() if dark else light_palette)
    restyle_plots(app, dark, root)
    return dark


def restyle_plots(app: QApplication, dark: bool, root: QWidget | None = None) -> None:
    """pyqtgraph's default colours for plots built later, and the colours of those in root (else in
    every window)."""
    import sys
    pg = sys.modules.get("pyqtgraph")
    if pg is None:          # no plot was built yet; the config below is set when one is
        return
    background, ink = PLOT_COLOURS[dark]
    pg.setConfigOptions(background=background, foreground=ink)
    # walked from the windows down, not app.allWidgets(): that also lists widgets being destroyed
    roots = [root] if root is not None else app.topLevelWidgets()
    for top in roots:
        if not shiboken6.isValid(top):   # a window whose C++ side is gone (PySide may still list it)
            continue
        views = top.findChildren(pg.GraphicsView) + ([top] if isinstance(top, pg.GraphicsView) else [])
        for widget in views:
            widget.setBackground(background)
            _restyle_axes(widget, pg, ink)


def _restyle_axes(view: QWidget, pg, ink) -> None:
    scene = view.scene()
    if scene is None:
        return
    for item in scene.items():
        if isinstance(item, pg.AxisItem):
            item.setPen(pg.mkPen(ink))
            item.setTextPen(pg.mkPen(ink))
        elif isinstance(item, pg.LabelItem) and not _on_own_background(item, pg):
            item.setText(item.text, color=pg.mkColor(ink))
        elif isinstance(item, pg.TextItem) and getattr(item, FOLLOWS_THEME, False):
            item.setColor(pg.mkColor(ink))


def _on_own_background(label, pg) -> bool:
    """A legend label on a legend with its own fill (a white box over a coloured map): its text
    keeps the colour chosen for that fill, whatever the theme (light ink on white is unreadable)."""
    legend = label.parentItem()
    if not isinstance(legend, pg.LegendItem):
        return False
    brush = legend.opts.get("brush")
    return brush is not None and pg.mkBrush(brush).style() != Qt.BrushStyle.NoBrush
