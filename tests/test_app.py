"""gui/app.py: the window opens (its first frame before its pages and the model), its flags, its translators."""
import os
from pathlib import Path

from PySide6.QtCore import QLocale, QTimer, QTranslator

from digitlab import resources
from digitlab.gui.app import run, window_options
from digitlab.gui.language import install_translators

QM_MAGIC = bytes([0x3C, 0xB8, 0x64, 0x18, 0xCA, 0xEF, 0x9C, 0x95,
                  0xCD, 0x21, 0x1C, 0xBF, 0x60, 0xA1, 0xBD, 0xDD])   # an empty .qm


def test_run_reports_the_first_frame_then_loads_the_model(qapp, qtbot, monkeypatch, tmp_path):
    monkeypatch.delenv("DIGITLAB_LANG", raising=False)   # English, as the other tests expect
    monkeypatch.setenv("DIGITLAB_MNIST_DIR", "/elsewhere")   # --mnist-dir must win over it
    before = set(qapp.findChildren(QTranslator))
    seen = {}

    def on_shown(window):
        qtbot.addWidget(window)   # pytest-qt deletes it at teardown, not the garbage collector
        seen["window"] = window
        loading = window.tabs.currentWidget().loading_label
        seen["loading"] = loading is not None and loading.isVisible() and loading.text() == "Loading…"
        seen["draw tab before"] = window.draw_page.widget   # not built: the model cannot delay the frame
        seen["mnist dir"] = os.environ["DIGITLAB_MNIST_DIR"]
        window.loaded.connect(window.close)   # after run() loaded the model (it connected first)

    guard = QTimer(singleShot=True, interval=20_000)   # never hang the suite
    guard.timeout.connect(qapp.quit)
    guard.start()
    try:
        assert run(["--mnist-dir", str(tmp_path)], on_shown=on_shown) == 0
        assert guard.isActive()
    finally:
        guard.stop()
        for translator in set(qapp.findChildren(QTranslator)) - before:
            qapp.removeTranslator(translator)
    assert seen["loading"] and seen["draw tab before"] is None
    assert seen["mnist dir"] == str(tmp_path)
    log = Path(os.environ["DIGITLAB_LOG_DIR"]) / "digitlab.log"   # tests/conftest.py's folder
    assert "DigitLab started" in log.read_text(encoding="utf-8")
    window = seen["window"]
    assert window.draw_page.widget is not None and window.draw_page.loading_label is None
    shipped = resources.path(*resources.DEFAULT_MODEL).exists()
    assert (window.draw_tab.network is not None) == shipped


def _digitlab_files(translators, folder):
    return [t.filePath() for t in translators if t.filePath().startswith(str(folder))]


def test_the_korean_translation_is_loaded_when_present(qapp, tmp_path):
    korean = QLocale(QLocale.Language.Korean, QLocale.Country.SouthKorea)
    installed = install_translators(qapp, korean, str(tmp_path))
    assert _digitlab_files(installed, tmp_path) == []
    for translator in installed:
        qapp.removeTranslator(translator)
    (tmp_path / "digitlab_ko.qm").write_bytes(QM_MAGIC)   # an empty but valid catalogue
    installed = install_translators(qapp, korean, str(tmp_path))
    assert _digitlab_files(installed, tmp_path) == [str(tmp_path / "digitlab_ko.qm")]
    for translator in installed:
        qapp.removeTranslator(translator)


def test_window_takes_mnist_dir_and_leaves_the_rest_to_qt():
    options, qt_args = window_options(["--mnist-dir", "/data/mnist", "-style", "fusion"])
    assert options.mnist_dir == "/data/mnist"
    assert qt_args == ["-style", "fusion"]
    options, qt_args = window_options([])
    assert options.mnist_dir is None and qt_args == []


def test_a_window_never_painted_opens_the_log_all_the_same(qapp, qtbot, monkeypatch):
    from digitlab.gui import app as app_module
    from digitlab.gui import log
    from digitlab.gui.main_window import MainWindow
    log.close_logging()
    monkeypatch.setattr(app_module, "LOG_AT_THE_LATEST_MS", 20)
    windows = []

    def show_nothing(window):   # a window started minimized is never painted
        windows.append(window)
        QTimer.singleShot(300, qapp.quit)
    monkeypatch.setattr(MainWindow, "show", show_nothing)
    assert run([]) == 0
    qtbot.addWidget(windows[0])
    assert windows[0].draw_page.widget is None     # never painted: nothing built
    assert log.log_file() is not None and "DigitLab started" in log.log_file().read_text(encoding="utf-8")
