"""Measure the Draw tab's latency from a mouse move to updated bars, and the app's launch time.

Usage: python scripts/bench_draw_latency.py [--model PATH] [--strokes 20] [--hz 125]
Mouse moves are posted to the real canvas at a mouse's report rate; for each move the time until
the bars next show a prediction that includes it is recorded (median, p99). Launch time is the
wall time from starting a Python process that opens the app as main.py does to the window's first
painted frame (gui.app.run's on_shown).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6.QtCore import QEvent, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QMouseEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

LAUNCH_CHILD = """
import sys
sys.path.insert(0, {root!r})
from nn.blas import use_one_blas_thread  # as main.py does
use_one_blas_thread()
from gui import app
def shown(window):
    print("shown", flush=True)
    window.close()
sys.exit(app.run([], on_shown=shown))
"""


def launch_seconds(runs: int) -> list[float]:
    """Wall time from process start to the first shown window, `runs` times."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", LAUNCH_CHILD.format(root=str(ROOT))],
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        for line in child.stdout:
            if line.startswith("shown"):
                times.append(time.perf_counter() - start)
                break
        child.wait()
    return times


def post_move(canvas, kind: QEvent.Type, pos: QPointF) -> None:
    button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else Qt.MouseButton.LeftButton
    QApplication.postEvent(canvas, QMouseEvent(kind, pos, canvas.mapToGlobal(pos), button,
                                               Qt.MouseButton.LeftButton,
                                               Qt.KeyboardModifier.NoModifier))


def move_latencies(app, tab, strokes: int, hz: float, rng) -> list[float]:
    """Latencies (s) from each posted move to the next prediction shown after it."""
    pending: list[float] = []
    latencies: list[float] = []

    def on_updated(_p) -> None:
        now = time.perf_counter()
        latencies.extend(now - t for t in pending)
        pending.clear()

    tab.prediction_updated.connect(on_updated)
    canvas, period = tab.canvas, 1.0 / hz
    side = min(canvas.width(), canvas.height())
    for _ in range(strokes):
        angles = np.linspace(0, 2 * np.pi * rng.uniform(0.6, 1.0), 60)
        centre = rng.uniform(0.4, 0.6, size=2)
        points = [QPointF(side * (centre[0] + 0.25 * np.cos(a)), side * (centre[1] + 0.3 * np.sin(a)))
                  for a in angles]
        post_move(canvas, QEvent.Type.MouseButtonPress, points[0])
        for point in points[1:]:
            due = time.perf_counter() + period
            pending.append(time.perf_counter())
            post_move(canvas, QEvent.Type.MouseMove, point)
            app.processEvents()                  # the move arrives, is drawn, maybe predicted
            while time.perf_counter() < due:
                app.processEvents()
        post_move(canvas, QEvent.Type.MouseButtonRelease, points[-1])
        end = time.perf_counter() + 0.1
        while time.perf_counter() < end:
            app.processEvents()
        canvas.clear()
    tab.prediction_updated.disconnect(on_updated)
    return latencies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="a .npz or .pkl model (default: shipped)")
    parser.add_argument("--strokes", type=int, default=20)
    parser.add_argument("--hz", type=float, default=125.0, help="mouse report rate")
    parser.add_argument("--launches", type=int, default=5)
    args = parser.parse_args()

    launches = launch_seconds(args.launches)
    print(f"launch to window shown: median {np.median(launches) * 1000:.0f} ms "
          f"(runs: {', '.join(f'{t * 1000:.0f}' for t in launches)} ms)")

    app = QApplication.instance() or QApplication([sys.argv[0]])
    from gui.main_window import MainWindow
    window = MainWindow()
    window.resize(1180, 820)
    window.show()
    tab = window.draw_tab
    loaded = (tab.model_choice.open_model_file(args.model) if args.model
              else tab.load_default_model())
    print(f"model: {window.model_label.text() if loaded else 'none (bars stay empty)'}; "
          f"frame interval {tab._throttle.interval()} ms")
    app.processEvents()
    latencies = np.array(move_latencies(app, tab, args.strokes, args.hz,
                                        np.random.default_rng(0))) * 1000
    print(f"move -> bars updated over {latencies.size} moves at {args.hz:.0f} Hz: "
          f"median {np.median(latencies):.1f} ms, p99 {np.percentile(latencies, 99):.1f} ms, "
          f"max {latencies.max():.1f} ms")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
