"""Start-up stays free of pyqtgraph: the first screen (the Draw tab) is plain Qt painting."""
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
window.close()
"""


def test_building_and_showing_the_main_window_does_not_import_pyqtgraph():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                            env=env, timeout=120, check=True)
    assert result.stdout.strip().splitlines()[-1] == "False"
