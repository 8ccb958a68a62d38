"""Start-up: the first frame is the light window (no NumPy, no pyqtgraph, no tab); the Draw tab
stays free of pyqtgraph, from the shipped model's loading to the first drawing answered."""
import json
import os
import subprocess
import sys

import pytest

from digitlab.gui.settings import Settings

PROBE = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from digitlab.gui.main_window import MainWindow
window = MainWindow()
window.show()
app.processEvents()
print("pyqtgraph" in sys.modules)
assert window.draw_tab.load_default_model()
window.draw_tab.canvas.load_array(__import__("numpy").eye(28, dtype="float32"), "a stroke")
window.draw_tab.refresh_now()
app.processEvents()
assert window.draw_tab.bars.probabilities is not None
print("pyqtgraph" in sys.modules)
window.close()
"""


def test_the_draw_tab_with_its_model_and_answer_does_not_import_pyqtgraph():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                            env=env, timeout=120, check=True)
    assert result.stdout.strip().splitlines()[-2:] == ["False", "False"]


# The real start (gui.app.run): what the first frame has loaded and shows, then what the window
# has once its pages are built (MainWindow.loaded).
FIRST_FRAME = """
import json, sys
from digitlab.gui import app
HEAVY = ("numpy", "pyqtgraph", "logging.handlers", "digitlab.nn.model.network", "digitlab.gui.draw.tab",
         "digitlab.gui.training.tab", "digitlab.gui.inside.tab")
def page_state(window):
    page = window.tabs.currentWidget()
    label = page.loading_label
    return {"index": window.tabs.currentIndex(), "loading": None if label is None else label.text(),
            "loading_visible": label is not None and label.isVisible(),
            "built": type(page.widget).__name__, "draw": type(window.draw_page.widget).__name__}
def loaded(window):
    print(json.dumps({"loaded": page_state(window)}), flush=True)
    window.close()
def shown(window):
    state = page_state(window) | {"heavy": [m for m in HEAVY if m in sys.modules]}
    print(json.dumps({"first": state}), flush=True)
    window.loaded.connect(lambda: loaded(window))
sys.exit(app.run([], on_shown=shown))
"""


@pytest.mark.parametrize("tab, built", [(0, "DrawTab"), (1, "TrainingTab"), (3, "InsideTab")])
def test_the_first_frame_is_light_and_the_page_shown_is_built_right_after(tab, built):
    """Whatever page the settings reopen: the first frame has loaded neither NumPy nor pyqtgraph
    nor any tab and the page says "Loading…"; then that page and the Draw tab are built."""
    Settings().set_state("window", {"tab": tab})
    Settings().sync()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DIGITLAB_LANG="en")
    result = subprocess.run([sys.executable, "-c", FIRST_FRAME], capture_output=True, text=True,
                            env=env, timeout=120, check=True)
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    first, then = lines[0]["first"], lines[1]["loaded"]
    assert first == {"index": tab, "loading": "Loading…", "loading_visible": True, "built": "NoneType",
                     "draw": "NoneType", "heavy": []}
    assert then == {"index": tab, "loading": None, "loading_visible": False, "built": built,
                    "draw": "DrawTab"}
