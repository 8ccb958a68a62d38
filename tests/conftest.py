"""Shared fixtures. Qt must run offscreen before any QApplication exists."""
import gc
import os
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import digitlab  # noqa: E402  (the installed package: pip install -e ".[test]" in this checkout)
from digitlab.nn.speed.blas import use_one_blas_thread  # standard library only

use_one_blas_thread()  # as the app does; before any test module loads NumPy

import pytest
from hypothesis import settings

# Property tests (tests/test_loader_properties.py): a quick, reproducible run by default, in every
# test run and in CI; a thorough random one on demand (about 12,000 cases in all):
#   HYPOTHESIS_PROFILE=thorough python -m pytest tests/test_loader_properties.py \
#       --hypothesis-show-statistics
# No example database: the worktree stays clean; a failure prints the seed that reproduces it.
settings.register_profile("quick", max_examples=15, derandomize=True, database=None)
settings.register_profile("thorough", max_examples=2_500, database=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))

ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config):
    """The tests test this checkout: stop at once when `digitlab` is imported from elsewhere."""
    installed = Path(digitlab.__path__[0]).resolve()
    if installed != ROOT:
        pytest.exit(f"the tests import DigitLab from {installed}, not from this checkout {ROOT}: "
                    f"run pip install -e \".[test]\" here", returncode=4)
SHARED = ROOT.parent / "shared" / "data"


def pytest_collection_modifyitems(items):
    """Every test that uses the mnist_dir fixture is an `mnist` test, marked or not: the quick
    subset (-m "not slow and not mnist") never waits for MNIST to load."""
    for item in items:
        if "mnist_dir" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.mnist)


@pytest.fixture(scope="session", autouse=True)
def log_dir(tmp_path_factory) -> Path:
    """DigitLab's log goes to a temporary folder (DIGITLAB_LOG_DIR): tests never write the user's log."""
    folder = tmp_path_factory.mktemp("log")
    previous = os.environ.get("DIGITLAB_LOG_DIR")
    os.environ["DIGITLAB_LOG_DIR"] = str(folder)
    yield folder
    from digitlab.gui.log import close_logging
    close_logging()
    if previous is None:
        del os.environ["DIGITLAB_LOG_DIR"]
    else:
        os.environ["DIGITLAB_LOG_DIR"] = previous


@pytest.fixture(autouse=True)
def collect_qt_garbage(request):
    """After a Qt test (its widgets closed by qtbot), collect the reference cycles its pyqtgraph
    items leave: left to the garbage collector's own timing, they were freed in the middle of a
    later test's paint and the process crashed in QGraphicsView::paintEvent (which test depended
    on how many objects the modules imported before had made)."""
    yield
    if {"qtbot", "qapp"} & set(request.fixturenames):
        gc.collect()


@pytest.fixture(autouse=True)
def settings_path(tmp_path, monkeypatch) -> Path:
    """Each test starts with no remembered settings (DIGITLAB_SETTINGS): never the user's file."""
    path = tmp_path / "settings" / "DigitLab.ini"
    monkeypatch.setenv("DIGITLAB_SETTINGS", str(path))
    return path


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch) -> Path:
    """Each test has its own empty data folder (DIGITLAB_DATA_DIR): never the user's digits."""
    folder = tmp_path / "data"
    monkeypatch.setenv("DIGITLAB_DATA_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def mnist_dir() -> Path:
    """The folder with the four MNIST .gz files, or skip."""
    candidate = Path(os.environ.get("DIGITLAB_MNIST_DIR", SHARED / "mnist"))
    if not (candidate / "t10k-labels-idx1-ubyte.gz").exists():
        pytest.skip(f"MNIST not found at {candidate}: set DIGITLAB_MNIST_DIR")
    return candidate


@pytest.fixture(scope="session")
def dlfs_weights() -> Path:
    """The textbook's sample_weight.pkl, or skip."""
    candidate = Path(os.environ.get("DIGITLAB_DLFS_WEIGHTS", SHARED / "dlfs" / "sample_weight.pkl"))
    if not candidate.exists():
        pytest.skip(f"textbook weights not found at {candidate}: set DIGITLAB_DLFS_WEIGHTS")
    return candidate


@pytest.fixture
def server(tmp_path, monkeypatch):
    """A ThreadingHTTPServer on 127.0.0.1 serving tmp_path/served; yields (base URL, folder)."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    served = tmp_path / "served"
    served.mkdir()

    class QuietHandler(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(served)))
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/", served
    httpd.shutdown()
    httpd.server_close()
    thread.join()


@pytest.fixture
def gradient_tab(qtbot):
    """The Gradient descent tab, whose panel(name) builds the panel under test."""
    from digitlab.gui.gradient.tab import GradientTab
    widget = GradientTab()
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    return widget


@pytest.fixture
def shown_window(qtbot):
    """The main window, shown and exposed; the language is English again afterwards (a test may
    switch it, and the translators belong to the application, not the window)."""
    from PySide6.QtWidgets import QApplication
    from digitlab.gui.language import set_language
    from digitlab.gui.main_window import MainWindow
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    set_language(QApplication.instance(), "en")


def harness_settings() -> dict[str, int] | None:
    """The settings scripts/harness.py passes to a long harness test ($DIGITLAB_HARNESS,
    "actions=10000,seed=0"), or None in an ordinary run of the suite (the test is skipped)."""
    text = os.environ.get("DIGITLAB_HARNESS")
    if not text:
        return None
    return {key: int(value) for key, value in (part.split("=") for part in text.split(","))}
