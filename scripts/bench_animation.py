"""Frame timing of the Gradient descent tab's animations: descent and optimizer race at 60 steps/s.

    QT_QPA_PLATFORM=offscreen python scripts/bench_animation.py [--seconds 4]

Prints JSON: per panel and speed (60 steps/s, the slider's top, and 8, its default), the intervals
between shown frames (median, p99, max, in ms; the target is 1000/speed) and the longest stall of
the event loop (a 5 ms heartbeat timer) while playing, after a 0.5 s warm-up.
Each frame is painted (the window is shown), so the figures include pyqtgraph's drawing.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout
import main  # noqa: E402
main.use_checkout()  # the checkout is the package digitlab
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6.QtCore import QElapsedTimer, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from digitlab.gui.gradient.tab import GradientTab  # noqa: E402

FPS = 60
WARM_UP_MS = 500


def summary(intervals_ms: list[float]) -> dict:
    values = np.asarray(intervals_ms)
    return {"median_ms": round(float(np.median(values)), 2),
            "p99_ms": round(float(np.percentile(values, 99)), 2),
            "max_ms": round(float(values.max()), 2), "n": int(len(values))}


def measure(app: QApplication, tab: GradientTab, name: str, seconds: float, fps: int = FPS) -> dict:
    """Play panel `name` at fps steps per second for `seconds` after a warm-up; time frames and beats."""
    panel = tab.show_panel(name)
    panel.steps_spin.setValue(int((seconds + WARM_UP_MS / 1000) * fps) + 10)
    panel.recompute()
    panel.controls.speed_slider.setValue(fps)
    frames, beats = [], []
    panel.controls.frame_changed.connect(lambda _: frames.append(time.perf_counter()))
    heartbeat = QTimer()
    heartbeat.setInterval(5)
    heartbeat.timeout.connect(lambda: beats.append(time.perf_counter()))
    clock = QElapsedTimer()
    clock.start()
    heartbeat.start()
    panel.controls.play()
    while clock.elapsed() < WARM_UP_MS:   # the panel's first paint builds its caches: not a frame
        app.processEvents()  # a benchmark driver, not app code: the app itself never spins
    frames.clear()
    beats.clear()
    while clock.elapsed() < WARM_UP_MS + seconds * 1000:
        app.processEvents()
    panel.controls.pause()
    heartbeat.stop()
    return {"frames": summary(list(np.diff(frames) * 1000)),
            "longest_stall_ms": round(float(np.diff(beats).max() * 1000), 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4.0)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    tab = GradientTab()
    tab.resize(1280, 800)
    tab.show()
    result = {"load_average": os.getloadavg()[0]}
    for fps in (FPS, 8):   # as fast as the speed slider goes, and its default
        for name in ("descent", "race"):
            result[f"{name} at {fps} steps/s"] = measure(app, tab, name, args.seconds, fps)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
