"""The first 3-D view does not re-create the main window (real X server: Xvfb, when installed)."""
import os
import shutil
import subprocess
import sys

import pytest

from digitlab.gui.opengl_surface import reserve_opengl_surface

SCRIPT = """
from PySide6.QtWidgets import QApplication
app = QApplication(["digitlab"])
from digitlab.gui.gradient.surface_3d import opengl_available
from digitlab.gui.main_window import MainWindow
window = MainWindow()
window.show()
for _ in range(20):
    app.processEvents()
before, handle = int(window.winId()), window.windowHandle()
window.tabs.setCurrentIndex(2)
gradient = window.gradient_page.widget
gradient.tabs.setCurrentIndex(gradient.PANELS.index("field"))
for _ in range(50):
    app.processEvents()
print("opengl", gradient.panel("field").surface_3d.uses_opengl)
print("same window", before == int(window.winId()) and handle is window.windowHandle())
window.close()
"""


def test_offscreen_needs_no_placeholder(qtbot):
    from PySide6.QtWidgets import QWidget
    window = QWidget()
    qtbot.addWidget(window)
    assert reserve_opengl_surface(window) is None


@pytest.mark.slow
def test_showing_the_3d_surface_keeps_the_main_window(tmp_path):
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed")
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1400x1000x24"],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            display = pipe.readline().strip()
        env = {**os.environ, "DISPLAY": f":{display}", "QT_QPA_PLATFORM": "xcb"}
        result = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True,
                                text=True, timeout=120, cwd=tmp_path)
    finally:
        server.terminate()
        server.wait(10)
    assert result.returncode == 0, result.stderr[-2000:]
    if "opengl True" not in result.stdout:
        pytest.skip("no OpenGL under this X server")
    assert "same window True" in result.stdout, result.stdout
