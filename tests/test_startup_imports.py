"""Start-up stays free of pyqtgraph: the first screen (the Draw tab) is plain Qt painting, from
the first frame through the shipped model's loading to the first drawing answered."""
import os
import subprocess
import sys

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
