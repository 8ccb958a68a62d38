"""nn/ is the numeric core: importing all of it must not load Qt, pyqtgraph or the GUI."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import importlib, pkgutil, sys
from digitlab import nn
names = sorted(m.name for m in pkgutil.walk_packages(nn.__path__, "digitlab.nn."))
for name in names:
    importlib.import_module(name)
forbidden = ("PySide6", "shiboken6", "pyqtgraph", "tqdm", "matplotlib")
loaded = sorted(m for m in sys.modules
                if m.split(".")[0] in forbidden or m.startswith("digitlab.gui"))
print(",".join(names))
print(",".join(loaded))
"""


def test_importing_every_nn_module_loads_no_gui_module():
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    imported, loaded = result.stdout.splitlines()
    assert {"digitlab.nn.model.functions", "digitlab.nn.model.losses", "digitlab.nn.model.layers", "digitlab.nn.model.network"} <= set(imported.split(","))
    assert loaded == "", f"nn pulled in: {loaded}"
