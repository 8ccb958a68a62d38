"""gui/lazy_tab.py: a tab built on first show; a missing part is "not installed", a broken one an error."""
import logging
import sys

import pytest
from PySide6.QtWidgets import QLabel

from digitlab.gui.lazy_tab import LazyTab


def label_text(page):
    assert page.layout().count() == 1
    label = page.layout().itemAt(0).widget()
    assert isinstance(label, QLabel)
    return label.text()


@pytest.fixture
def modules(tmp_path, monkeypatch):
    """A folder on sys.path for tab modules written by the test (forgotten again afterwards)."""
    monkeypatch.syspath_prepend(str(tmp_path))
    written = []

    def write(name, source):
        (tmp_path / f"{name}.py").write_text(source, encoding="utf-8")
        written.append(name)
        return name
    yield write
    for name in written:
        sys.modules.pop(name, None)


def test_the_widget_is_built_once_and_announced(qtbot, modules):
    name = modules("good_tab", "from PySide6.QtWidgets import QWidget\nclass GoodTab(QWidget):\n    pass\n")
    page = LazyTab(name, "GoodTab")
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.built) as built:
        widget = page.build()
    assert built.args == [widget] and type(widget).__name__ == "GoodTab"
    assert page.build() is widget and page.layout().count() == 1 and page.error is None


@pytest.mark.parametrize("module", ["digitlab.gui.no_such_tab", "no_such_package.tab"])
def test_a_tab_module_that_is_not_there_is_not_installed(qtbot, module, caplog):
    page = LazyTab(module, "NoSuchTab")
    qtbot.addWidget(page)
    with caplog.at_level("ERROR", logger="digitlab"):
        assert page.build() is None
    assert label_text(page) == "This part of DigitLab is not installed."
    assert page.build() is None and page.layout().count() == 1 and caplog.records == []


@pytest.mark.parametrize("source, summary", [
    ("import no_such_dependency_of_the_tab\n", "ModuleNotFoundError: No module named "
                                               "'no_such_dependency_of_the_tab'"),
    ("def broken(:\n", "SyntaxError"),
    ("raise RuntimeError('the tab is broken')\n", "RuntimeError: the tab is broken"),
    ("x = 1\n", "AttributeError"),       # the module has no such class
])
def test_a_tab_that_fails_to_import_is_an_error_with_its_traceback_in_the_log(
        qtbot, modules, caplog, source, summary):
    page = LazyTab(modules("broken_tab", source), "BrokenTab")
    qtbot.addWidget(page)
    with caplog.at_level("ERROR", logger="digitlab"):
        assert page.build() is None
    text = label_text(page)
    assert text.startswith("This tab could not be loaded because of an error: ")
    assert summary in text and page.error.startswith(summary.split(":")[0])
    assert "not installed" not in text
    record, = [r for r in caplog.records if r.name == "digitlab"]
    assert record.levelno == logging.ERROR and record.exc_info is not None
    assert "broken_tab.BrokenTab" in record.getMessage()


def test_the_error_names_the_log_file_when_there_is_one(qtbot, modules, monkeypatch, tmp_path):
    from digitlab.gui import lazy_tab
    monkeypatch.setattr(lazy_tab, "log_file", lambda: tmp_path / "digitlab.log")
    page = LazyTab(modules("broken_tab2", "import no_such_dependency_either\n"), "BrokenTab")
    qtbot.addWidget(page)
    page.build()
    assert label_text(page).endswith(f"The details are in {tmp_path / 'digitlab.log'}.")


def test_it_says_loading_until_the_widget_is_built_with_its_options(qtbot, modules):
    name = modules("option_tab", "from PySide6.QtWidgets import QWidget\n"
                                 "class OptionTab(QWidget):\n"
                                 "    def __init__(self, *, colour):\n"
                                 "        super().__init__()\n"
                                 "        self.colour = colour\n")
    page = LazyTab(name, "OptionTab", colour="green")
    qtbot.addWidget(page)
    page.show()
    assert label_text(page) == "Loading…" and page.loading_label.isVisible()
    label = page.loading_label
    widget = page.build()
    assert widget.colour == "green" and page.loading_label is None
    assert page.layout().count() == 1 and page.layout().itemAt(0).widget() is widget
    assert not label.isVisible()     # gone from the page (deleted later)


def test_a_page_shown_before_it_is_built_shows_loading_while_it_builds(qtbot, modules):
    from PySide6.QtCore import QEvent, QObject

    class Paints(QObject):
        count = 0

        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                Paints.count += 1
            return False

    name = modules("slow_tab", "from PySide6.QtWidgets import QWidget\n"
                               "import test_lazy_tab_probe as probe\n"
                               "class SlowTab(QWidget):\n"
                               "    def __init__(self):\n"
                               "        super().__init__()\n"
                               "        probe.painted_before = probe.Paints.count\n")
    import types
    probe = types.ModuleType("test_lazy_tab_probe")
    probe.Paints = Paints
    sys.modules["test_lazy_tab_probe"] = probe
    try:
        page = LazyTab(name, "SlowTab")
        qtbot.addWidget(page)
        watcher = Paints()
        page.loading_label.installEventFilter(watcher)
        page.show()
        qtbot.waitUntil(lambda: Paints.count > 0)    # on screen, "Loading…" painted once
        Paints.count = 0
        page.build()
        assert probe.painted_before >= 1     # painted again just before the build, not after it
    finally:
        del sys.modules["test_lazy_tab_probe"]
