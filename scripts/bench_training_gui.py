"""Measure what the Training tab costs: training speed in the app vs the bare trainer, and GUI stalls.

    DIGITLAB_MNIST_DIR=... python scripts/bench_training_gui.py [--train-size 10000] [--epochs 2] [--rounds 2]

Same process, same settings, same data: the bare nn.trainer loop on the main thread, then the
TrainingTab (worker thread, throttled signals, live plots, live snapshots) with a 5 ms QTimer
heartbeat on the GUI thread whose longest gap is the longest stall. Rounds alternate bare / GUI and
the best of each is kept, because the machine is shared.
"""
from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from gui.training_tab import TrainingTab  # noqa: E402
from gui.training_worker import MnistCache  # noqa: E402
from nn.trainer import EpochEvent, TrainConfig, Trainer, build_network  # noqa: E402


def bare_run(config: TrainConfig, data) -> tuple[float, float]:
    """(wall seconds, mean training samples/s over epochs) of the plain trainer loop."""
    (x_train, t_train), (x_test, t_test) = data
    rng = np.random.default_rng(config.seed)
    trainer = Trainer(build_network(config, rng), x_train, t_train, x_test, t_test, config, rng=rng)
    start = time.perf_counter()
    speeds = [e.samples_per_sec for e in trainer.run() if isinstance(e, EpochEvent)]
    return time.perf_counter() - start, float(np.mean(speeds))


def timed(store: list[float], function):
    """function, recording each call's duration in ms into store (and that it ran on the GUI thread)."""
    def wrapper(*args):
        if threading.current_thread() is not threading.main_thread():
            raise SystemExit("a widget was updated off the GUI thread")
        start = time.perf_counter()
        result = function(*args)
        store.append(1000 * (time.perf_counter() - start))
        return result
    return wrapper


def idle_stall(app: QApplication, seconds: float = 2.0) -> float:
    """Longest heartbeat gap (ms) with nothing to do: the machine's own noise."""
    gaps, clock, last = [], QElapsedTimer(), [0]
    heartbeat, loop = QTimer(), QEventLoop()

    def beat():
        gaps.append(clock.elapsed() - last[0])
        last[0] = clock.elapsed()
    heartbeat.setInterval(5)
    heartbeat.timeout.connect(beat)
    QTimer.singleShot(int(1000 * seconds), loop.quit)
    clock.start()
    heartbeat.start()
    loop.exec()
    heartbeat.stop()
    return max(gaps[1:], default=0) - 5


def gui_run(app: QApplication, config: TrainConfig, cache: MnistCache) -> tuple:
    """(wall s, mean samples/s, longest GUI stall ms, plot updates, slowest plot update ms,
    end-of-run evaluation ms) of a TrainingTab run."""
    tab = TrainingTab(data=cache)
    slot_ms, evaluation_ms = [], []
    tab.plots.add_iterations = timed(slot_ms, tab.plots.add_iterations)
    tab.evaluation_panel.set_model = timed(evaluation_ms, tab.evaluation_panel.set_model)
    tab.resize(1200, 800)
    tab.show()
    tab.settings.set_config(config)
    speeds, updates, gaps = [], [0], []
    clock = QElapsedTimer()
    heartbeat = QTimer()
    heartbeat.setInterval(5)
    last = [0]

    def beat():
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now
    heartbeat.timeout.connect(beat)
    app.processEvents()
    start = time.perf_counter()
    tab.start()
    tab._worker.epoch_finished.connect(lambda e: speeds.append(e.samples_per_sec))
    tab._worker.progress.connect(lambda p: updates.__setitem__(0, updates[0] + 1))
    clock.start()
    heartbeat.start()
    loop = QEventLoop()
    tab.state_changed.connect(lambda state: loop.quit() if state == "finished" else None)
    loop.exec()
    wall = time.perf_counter() - start
    heartbeat.stop()
    tab.shutdown()
    tab.close()
    tab.deleteLater()
    app.processEvents()
    return (wall, float(np.mean(speeds)), max(gaps[1:], default=0) - 5, updates[0], max(slot_ms),
            evaluation_ms[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train-size", type=int, default=10_000)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    cache = MnistCache()
    data = cache.get()
    config = TrainConfig(hidden_sizes=(100,), lr=0.1, batch_size=100, epochs=args.epochs,
                         train_size=args.train_size, seed=0)
    bare, gui = [], []
    for _ in range(args.rounds):
        bare.append(bare_run(config, data))
        gui.append(gui_run(app, config, cache))
    best_bare = max(bare, key=lambda r: r[1])
    best_gui = max(gui, key=lambda r: r[1])
    print(f"settings: 784-100-10, batch 100, {args.train_size} images x {args.epochs} epochs, {args.rounds} rounds")
    for name, (wall, speed, *_rest) in (("bare trainer", best_bare), ("Training tab", best_gui)):
        print(f"{name:13s}: {speed:9,.0f} images/s  ({wall:.2f} s wall incl. evaluation)")
    print(f"in-app speed: {best_gui[1] / best_bare[1]:.1%} of bare (samples/s); "
          f"wall time ratio {best_gui[0] / best_bare[0]:.2f}")
    print(f"longest GUI stall (5 ms heartbeat): {max(r[2] for r in gui):.0f} ms over all GUI rounds; "
          f"plot updates per run: {[r[3] for r in gui]}")
    print(f"slowest plot update: {max(r[4] for r in gui):.1f} ms; "
          f"end-of-run evaluation (10k test images, gallery): {max(r[5] for r in gui):.0f} ms; "
          f"idle heartbeat stall on this machine right now: {idle_stall(app):.0f} ms")
    print("all rounds (wall s, images/s):", [tuple(round(v) for v in r[:2]) for r in bare], "bare;",
          [tuple(round(v) for v in r[:2]) for r in gui], "gui")
    return 0


if __name__ == "__main__":
    sys.exit(main())
