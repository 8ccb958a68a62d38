"""gui/gradient/tab.py: quick to build, each panel built when first shown (the panels: test_gradient_*)."""
import time

import pytest

from digitlab.gui.gradient.tab import GradientTab


@pytest.fixture
def tab(qtbot):
    widget = GradientTab()
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    return widget


def test_construction_is_quick(qtbot):
    start = time.perf_counter()
    widget = GradientTab()
    elapsed = time.perf_counter() - start
    qtbot.addWidget(widget)
    assert elapsed < 0.3


def test_panels_are_built_when_shown(tab, qtbot):
    tab.show()
    qtbot.waitExposed(tab)
    assert set(tab._panels) == {"derivative"}
    tab.tabs.setCurrentIndex(tab.PANELS.index("loss"))
    assert "loss" in tab._panels
