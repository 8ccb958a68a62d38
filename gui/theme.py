"""Light and dark themes: the Qt palette and the plots' colours follow the View menu or the system.

The drawing canvas stays white paper with black ink in both: that is what the network reads.
"""
from __future__ import annotations

import shiboken6
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QWidget

THEMES = ("system", "light", "dark")
# set to True on a pyqtgraph TextItem drawn straight on a plot's background: it takes the theme's ink
FOLLOWS_THEME = "follows_theme"
PLOT_COLOURS = {False: ("w", (60, 60, 60)), True: ((30, 32, 36), (215, 215, 215))}  # background, ink
# The edge of check boxes and radio buttons on a dark window: Fusion draws it darker than the
# window, which hides it there; this grey has 5:1 against the dark Window (WCAG AA asks 3:1).
CONTROL_OUTLINE = QColor(150, 154, 160)


def relative_luminance(colour: QColor) -> float:
    """WCAG 2's relative luminance of an sRGB colour, 0 (black) to 1 (white)."""
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4
    return (0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF())
            + 0.0722 * linear(colour.blueF()))


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG 2's contrast ratio of two colours, 1 to 21 (AA: 4.5 for text, 3 for controls)."""
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


class OutlinedIndicators(QProxyStyle):
    """The style in use, with the boxes of check boxes and radio buttons outlined in
    CONTROL_OUTLINE on a dark window, where the style's own edge does not show."""

    def drawPrimitive(self, element, option, painter, widget=None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        kinds = (QStyle.PrimitiveElement.PE_IndicatorCheckBox,
                 QStyle.PrimitiveElement.PE_IndicatorRadioButton)
        if element not in kinds or option.palette.color(QPalette.ColorRole.Window).lightness() >= 128:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(CONTROL_OUTLINE, 1.2))
        rect = QRectF(option.rect).adjusted(0.6, 0.6, -0.6, -0.6)
        if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(rect)
        else:
            painter.drawRoundedRect(rect, 2, 2)
        painter.restore()


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
        QPalette.ColorRole.ToolTipText: QColor(225, 225, 225), QPalette.ColorRole.Highlight: QColor(58, 110, 186),
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
    if not isinstance(app.style(), OutlinedIndicators):
        app._digitlab_style = OutlinedIndicators(app.style().name())   # kept alive with the app
        app.setStyle(app._digitlab_style)
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
