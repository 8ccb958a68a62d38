"""Measurements behind DigitLab's speed figures, one subcommand each (`digitlab bench` takes the
figures a student feels in one run; these go deeper, one question at a time).

    python scripts/bench.py epoch [--epochs 3] [--mnist-dir DIR]
    python scripts/bench.py defaults [--seeds 0 1 2] [--target 0.97] [--epochs 10] [--only NAME ...]
    python scripts/bench.py time-to-97 [--runs 3] [--config JSON] [--target 0.97]
    python scripts/bench.py draw-latency [--model PATH] [--strokes 20] [--hz 125] [--launches 5]
    python scripts/bench.py training-gui [--train-size 60000] [--epochs 3] [--rounds 3] [--json OUT]
        [--health-every N]
    python scripts/bench.py animation [--seconds 4]
    python scripts/bench.py gil [--train-size 60000] [--epochs 3] [--rounds 3] [--busy 0.15 ...]

epoch: seconds per epoch of the reference setup (784-100-10 ReLU, batch 100, float32, SGD lr 0.1),
  as one JSON object: per-epoch wall seconds as the trainer reports them (with the end-of-epoch
  accuracy passes), the training batches alone (from samples/s), the CPU seconds of this process,
  their means, the final test accuracy and the load average, so a figure from a shared machine can
  be judged. BLAS runs on one thread unless OPENBLAS_NUM_THREADS says otherwise.
defaults: which Training-tab defaults reach the target test accuracy soonest? For each candidate
  TrainConfig, nn's Trainer runs on all 60,000 images (in memory, one BLAS thread) and the seconds
  to the first epoch at the target are recorded per seed; one line per candidate and seed, then
  the medians, best first.
time-to-97: seconds from pressing Start on the real Training tab (offscreen; worker thread,
  throttled signals, live plots; data loaded) to the first epoch at >= 97%, as `digitlab bench`
  measures time_to_97_s (gui.measure). --config takes a TrainConfig as JSON (e.g.
  '{"optimizer": "momentum", "lr": 0.1, "schedule": "cosine", "epochs": 3, "train_size": null}')
  to try settings before they become the tab's defaults.
draw-latency: mouse moves posted to the real canvas at a mouse's report rate; the time until the
  bars show a prediction that includes each (median, p99), with any model (gui.measure, as
  `digitlab bench` does with the shipped one); and the launch time, process start to the window's
  first painted frame.
gil: why training in the app is slower than bare: the plain trainer on the main thread, in a
  thread of its own while the main thread sleeps, and while it spins in Python a share of the time
  (as the GUI thread does when it paints), rounds alternated; images/s and ratios as JSON.
training-gui: what the Training tab costs: the bare trainer loop vs the TrainingTab (worker
  thread, throttled signals, live plots and snapshots) at 1200x800, same process and settings
  (784-100-10, SGD lr 0.1, batch 100, seed 0), with a 5 ms QTimer heartbeat on the GUI thread
  (the longest gap minus 5 ms is the longest stall). The heartbeat costs ~4% of a core, so each
  round runs the tab with and without it. One JSON document: every round, medians, load average.
  Measured 2026-11-28 on 2 shared vCPUs, 8 epochs, 3 rounds: in-app speed 0.88 and 1.01 of bare
  in two runs; longest stall 19-20 ms, slowest plot update 3-6 ms, end-of-run evaluation 8 ms.
animation: frame timing of the Gradient descent tab's descent and optimizer race at 60 steps/s
  (the slider's top) and 8 (its default): intervals between shown frames (median, p99, max ms;
  the target is 1000/speed) and the longest event-loop stall, after a 0.5 s warm-up, painted.

MNIST: --mnist-dir or $DIGITLAB_MNIST_DIR or the user cache. Qt runs offscreen unless
QT_QPA_PLATFORM is set. Imports the installed digitlab.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

from digitlab.nn.speed.blas import use_one_blas_thread

use_one_blas_thread()   # as the app does, before NumPy loads
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402

HEARTBEAT_MS = 5


def application():
    from PySide6.QtWidgets import QApplication
    return QApplication.instance() or QApplication([sys.argv[0]])


def load_average() -> float:
    return os.getloadavg()[0]


# ==== epoch ===================================================================================
def run_epoch(args) -> int:
    print(json.dumps(epoch_benchmark(args.epochs, args.mnist_dir), indent=2))
    return 0


def epoch_benchmark(epochs: int, mnist_dir: Path | None) -> dict:
    """Train the reference network for `epochs` epochs and time each one."""
    from digitlab.nn.data.mnist import load_mnist
    from digitlab.nn.training.trainer import Trainer, TrainConfig

    (x_train, t_train), (x_test, t_test) = load_mnist(mnist_dir=mnist_dir)
    config = TrainConfig(hidden_sizes=(100,), activation="relu", weight_init="he",
                         optimizer="sgd", lr=0.1, batch_size=100, epochs=epochs,
                         augment=False, seed=0, dtype="float32")
    trainer = Trainer.from_config(config, x_train, t_train, x_test, t_test)
    load_before = os.getloadavg()
    epoch_seconds, batch_seconds, cpu_seconds, test_accuracy = _time_epochs(trainer, len(x_train))
    return {
        "setup": "784-100-10 relu, he init, SGD lr 0.1, batch 100, float32, no augmentation",
        "epochs": epochs,
        "seconds_per_epoch": _rounded(epoch_seconds),
        "mean_seconds_per_epoch": round(float(np.mean(epoch_seconds)), 3),
        "batch_seconds_per_epoch": _rounded(batch_seconds),
        "mean_batch_seconds_per_epoch": round(float(np.mean(batch_seconds)), 3),
        "cpu_seconds_per_epoch": _rounded(cpu_seconds),
        "mean_cpu_seconds_per_epoch": round(float(np.mean(cpu_seconds)), 3),
        "test_accuracy": test_accuracy,
        "load_average_before": _rounded(load_before),
        "load_average_after": _rounded(os.getloadavg()),
        "cpu_count": os.cpu_count(),
        "blas_threads": os.environ["OPENBLAS_NUM_THREADS"],
        "numpy": np.__version__,
        "python": platform.python_version(),
    }


def _time_epochs(trainer, n_train: int):
    """Per-epoch wall seconds (trainer's), batch-only seconds, CPU seconds; final test accuracy."""
    from digitlab.nn.training.trainer import EpochEvent, FinishedEvent

    epoch_seconds, batch_seconds, cpu_seconds, test_accuracy = [], [], [], None
    cpu_started = time.process_time()
    for event in trainer.run():
        if isinstance(event, EpochEvent):
            now = time.process_time()
            cpu_seconds.append(now - cpu_started)
            cpu_started = now
            epoch_seconds.append(event.seconds)
            batch_seconds.append(n_train / event.samples_per_sec)
        elif isinstance(event, FinishedEvent):
            test_accuracy = event.test_accuracy
    return epoch_seconds, batch_seconds, cpu_seconds, test_accuracy


def _rounded(values) -> list[float]:
    return [round(float(value), 3) for value in values]


# ==== defaults ================================================================================
CANDIDATES = {
    "sgd 0.1, 10k images, 5 epochs (old)": dict(optimizer="sgd", lr=0.1, train_size=10_000, epochs=5),
    "sgd 0.1": dict(optimizer="sgd", lr=0.1),
    "momentum 0.1": dict(optimizer="momentum", lr=0.1),
    "momentum 0.05": dict(optimizer="momentum", lr=0.05),
    "nesterov 0.1": dict(optimizer="nesterov", lr=0.1),
    "momentum 0.1, cosine 3": dict(optimizer="momentum", lr=0.1, schedule="cosine", epochs=3),
    "momentum 0.05, cosine 3": dict(optimizer="momentum", lr=0.05, schedule="cosine", epochs=3),
    "momentum 0.1, cosine 4": dict(optimizer="momentum", lr=0.1, schedule="cosine", epochs=4),
    "momentum 0.1, batch 50": dict(optimizer="momentum", lr=0.1, batch_size=50),
    "momentum 0.1, 200 hidden": dict(optimizer="momentum", lr=0.1, hidden_sizes=(200,)),
    "adam 0.002": dict(optimizer="adam", lr=0.002),
    "momentum 0.15, cosine 3": dict(optimizer="momentum", lr=0.15, schedule="cosine", epochs=3),
    "momentum 0.2, cosine 3": dict(optimizer="momentum", lr=0.2, schedule="cosine", epochs=3),
    "nesterov 0.1, cosine 3": dict(optimizer="nesterov", lr=0.1, schedule="cosine", epochs=3),
    "nesterov 0.1, cosine 4": dict(optimizer="nesterov", lr=0.1, schedule="cosine", epochs=4),
}


def time_to_target(config, data, target: float) -> tuple[float | None, float, int, float]:
    """(wall seconds to the first epoch with test accuracy >= target or None, the CPU seconds of
    this thread meanwhile (what a loaded machine changes least), epochs run, last accuracy)."""
    from digitlab.nn.training.trainer import EpochEvent, Trainer

    (x_train, t_train), (x_test, t_test) = data
    trainer = Trainer.from_config(config, x_train, t_train, x_test, t_test)
    started, cpu_started = time.perf_counter(), time.thread_time()
    accuracy, epoch = 0.0, 0
    for event in trainer.run():
        if isinstance(event, EpochEvent):
            accuracy, epoch = event.test_accuracy, event.epoch
            if accuracy >= target:
                return (time.perf_counter() - started, time.thread_time() - cpu_started, epoch,
                        accuracy)
    return None, time.thread_time() - cpu_started, epoch, accuracy


def run_defaults(args) -> int:
    from digitlab.nn.data.mnist import load_mnist
    from digitlab.nn.training.trainer import TrainConfig

    data = load_mnist(mnist_dir=args.mnist_dir)
    names = args.only or list(CANDIDATES)
    summary = {}
    for name in names:
        base = TrainConfig(hidden_sizes=(100,), batch_size=100, epochs=args.epochs, train_size=None)
        times, cpu_times, epochs = [], [], []
        for seed in args.seeds:
            config = replace(base, seed=seed, **CANDIDATES[name])
            seconds, cpu, epoch, accuracy = time_to_target(config, data, args.target)
            times.append(float("inf") if seconds is None else seconds)
            cpu_times.append(float("inf") if seconds is None else cpu)
            epochs.append(epoch if seconds is not None else float("inf"))
            shown = "never" if seconds is None else f"{seconds:.2f} s wall, {cpu:.2f} s CPU"
            print(f"{name:38s} seed {seed}: {shown} (epoch {epoch}, test {accuracy:.4f})", flush=True)
        summary[name] = (statistics.median(cpu_times), statistics.median(times), max(epochs))
    print(f"\nmedian CPU and wall seconds to {args.target:.0%}, most epochs over the seeds "
          f"(load average {os.getloadavg()[0]:.1f}):")
    for name, (cpu, wall, most) in sorted(summary.items(), key=lambda item: item[1]):
        print(f"  {cpu:6.2f}  {wall:6.2f}  {most:>4}  {name}")
    return 0


# ==== time-to-97 ==============================================================================
def run_time_to_97(args) -> int:
    from digitlab.gui.measure import application as measure_application, seconds_to_accuracy
    from digitlab.gui.training.mnist_cache import MnistCache
    from digitlab.nn.training.trainer import TrainConfig

    measure_application()
    config = None if args.config is None else TrainConfig.from_dict(args.config)
    cache = MnistCache(args.mnist_dir)
    cache.get()
    for run in range(args.runs):
        seconds, best = seconds_to_accuracy(cache, args.target, 60.0, config)
        shown = "not reached" if seconds is None else f"{seconds:.2f} s"
        print(f"run {run + 1}: {shown} (best test accuracy {best:.4f}, "
              f"load average {load_average():.1f})", flush=True)
    return 0


# ==== draw-latency ============================================================================
def run_draw_latency(args) -> int:
    from digitlab.cli.bench_probes import STARTUP_CHILD, seconds_to_shown
    from digitlab.gui.main_window import MainWindow
    from digitlab.gui.measure import move_latencies
    from digitlab.gui.settings import throwaway_settings

    launches = [seconds_to_shown(STARTUP_CHILD, 1) for _ in range(args.launches)]
    print(f"launch to window shown: median {np.median(launches) * 1000:.0f} ms "
          f"(runs: {', '.join(f'{t * 1000:.0f}' for t in launches)} ms)")
    app = application()
    window = MainWindow(settings=throwaway_settings())   # the defaults, whatever the user chose
    window.resize(1180, 820)
    window.show()
    tab = window.draw_tab
    loaded = (tab.model_choice.open_model_file(args.model) if args.model
              else tab.load_default_model())
    print(f"model: {window.model_label.text() if loaded else 'none (bars stay empty)'}")
    app.processEvents()
    latencies = np.array(move_latencies(app, tab, args.strokes, args.hz,
                                        np.random.default_rng(0))) * 1000
    print(f"move -> bars updated over {latencies.size} moves at {args.hz:.0f} Hz: "
          f"median {np.median(latencies):.1f} ms, p99 {np.percentile(latencies, 99):.1f} ms, "
          f"max {latencies.max():.1f} ms")
    window.close()
    return 0


# ==== training-gui ============================================================================
def bare_run(config, data) -> dict:
    """Wall seconds and mean training images/s over the epochs of the plain trainer loop."""
    from digitlab.nn.training.trainer import EpochEvent, Trainer

    (x_train, t_train), (x_test, t_test) = data
    trainer = Trainer.from_config(config, x_train, t_train, x_test, t_test)
    start = time.perf_counter()
    speeds = [e.samples_per_sec for e in trainer.run() if isinstance(e, EpochEvent)]
    return {"wall_s": time.perf_counter() - start, "images_per_s": float(np.mean(speeds))}


def timed(store: list[float], function):
    """function, recording each call's duration in ms into store (and that it ran on the GUI thread)."""
    def wrapper(*args, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            raise SystemExit("a widget was updated off the GUI thread")
        start = time.perf_counter()
        result = function(*args, **kwargs)
        store.append(1000 * (time.perf_counter() - start))
        return result
    return wrapper


class Heartbeat:
    """A QTimer every HEARTBEAT_MS on the GUI thread; remembers every gap (ms) and when it ended."""

    def __init__(self) -> None:
        from PySide6.QtCore import QElapsedTimer, QTimer

        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self._beat)
        self.gaps: list[tuple[int, int]] = []     # (ms since start, gap ms)
        self._last = 0

    def start(self) -> None:
        self.clock.start()
        self._last = 0
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _beat(self) -> None:
        now = self.clock.elapsed()
        self.gaps.append((now, now - self._last))
        self._last = now

    def longest(self) -> tuple[int, int]:
        """(ms since start when it ended, stall ms) of the longest gap after the first."""
        end, gap = max(self.gaps[1:], key=lambda g: g[1], default=(0, HEARTBEAT_MS))
        return end, gap - HEARTBEAT_MS


def idle_stall(seconds: float = 2.0) -> float:
    """Longest heartbeat stall (ms) with nothing to do: the machine's own noise."""
    from PySide6.QtCore import QEventLoop, QTimer

    heartbeat, loop = Heartbeat(), QEventLoop()
    QTimer.singleShot(int(1000 * seconds), loop.quit)
    heartbeat.start()
    loop.exec()
    heartbeat.stop()
    return heartbeat.longest()[1]


def gui_run(app, config, cache, beat: bool = True) -> dict:
    """One TrainingTab run: speed, stalls (when beat), GUI-thread CPU and the cost of its slots."""
    from PySide6.QtCore import QEventLoop

    from digitlab.gui.training.tab import TrainingTab

    tab = TrainingTab(data=cache)
    plot_ms, epoch_ms, evaluation_ms = [], [], []
    # the plots' and the panel's own methods, timed where the tab calls them
    tab.plots.add_iterations = timed(plot_ms, tab.plots.add_iterations)
    tab.plots.add_epoch = timed(epoch_ms, tab.plots.add_epoch)
    tab.evaluation_panel.set_model = timed(evaluation_ms, tab.evaluation_panel.set_model)
    tab.resize(1200, 800)
    tab.show()
    tab.settings.set_config(config)
    app.processEvents()
    speeds, updates, epoch_ends = [], [0], []
    heartbeat = Heartbeat()
    loop = QEventLoop()
    tab.state_changed.connect(lambda state: loop.quit() if state == "finished" else None)
    gui_cpu = time.thread_time()
    start = time.perf_counter()
    tab.start()
    tab._run.epoch_finished.connect(lambda e: speeds.append(e.samples_per_sec))
    tab._run.epoch_finished.connect(lambda e: epoch_ends.append(heartbeat.clock.elapsed()))
    tab._run.progress.connect(lambda p: updates.__setitem__(0, updates[0] + 1))
    if beat:
        heartbeat.start()
    loop.exec()
    wall = time.perf_counter() - start
    gui_cpu = time.thread_time() - gui_cpu
    heartbeat.stop()
    tab.shutdown()
    tab.close()
    tab.deleteLater()
    app.processEvents()
    when, stall = heartbeat.longest() if beat else (None, None)
    return {"wall_s": wall, "images_per_s": float(np.mean(speeds)), "heartbeat": beat,
            "longest_stall_ms": stall, "longest_stall_at_ms": when, "epoch_signals_at_ms": epoch_ends,
            "stalls_over_50ms": sum(gap - HEARTBEAT_MS > 50 for _, gap in heartbeat.gaps[1:]),
            "top_stalls_ms_at": sorted(((gap - HEARTBEAT_MS, end) for end, gap in heartbeat.gaps[1:]),
                                       reverse=True)[:5],
            "gui_thread_cpu_s": gui_cpu, "plot_updates": updates[0],
            "slowest_plot_update_ms": max(plot_ms, default=0.0),
            "mean_plot_update_ms": statistics.fmean(plot_ms) if plot_ms else 0.0,
            "slowest_epoch_update_ms": max(epoch_ms, default=0.0),
            "end_of_run_evaluation_ms": evaluation_ms[0] if evaluation_ms else None}


def summarize(bare: list[dict], gui: list[dict], quiet: list[dict]) -> dict:
    """Medians over the rounds, whether the targets are met, and every round."""
    median = statistics.median
    ratios = [g["images_per_s"] / b["images_per_s"] for b, g in zip(bare, quiet)]
    stall = median(g["longest_stall_ms"] for g in gui)
    return {
        "median": {
            "in_app_speed_ratio": median(ratios),
            "in_app_speed_ratio_with_heartbeat": median(g["images_per_s"] / b["images_per_s"]
                                                        for b, g in zip(bare, gui)),
            "wall_time_ratio": median(g["wall_s"] / b["wall_s"] for b, g in zip(bare, quiet)),
            "bare_images_per_s": median(b["images_per_s"] for b in bare),
            "gui_images_per_s": median(g["images_per_s"] for g in quiet),
            "longest_stall_ms": stall,
            "gui_thread_cpu_s": median(g["gui_thread_cpu_s"] for g in quiet),
            "slowest_plot_update_ms": median(g["slowest_plot_update_ms"] for g in gui),
            "end_of_run_evaluation_ms": median(g["end_of_run_evaluation_ms"] or 0 for g in gui),
        },
        "targets_met": {"speed_within_10_percent": median(ratios) >= 0.9,
                        "longest_stall_under_50ms": stall < 50},
        "bare_rounds": bare, "gui_rounds": gui, "gui_rounds_without_heartbeat": quiet,
    }


def run_training_gui(args) -> int:
    from digitlab.gui.training import worker
    from digitlab.gui.training.mnist_cache import MnistCache
    from digitlab.nn.training.trainer import TrainConfig

    if args.health_every is not None:
        worker.HEALTH_EVERY = args.health_every     # read by every TrainingWorker made from now on
    app = application()
    cache = MnistCache(args.mnist_dir)
    data = cache.get()
    config = TrainConfig(hidden_sizes=(100,), optimizer="sgd", lr=0.1, batch_size=100,
                         epochs=args.epochs, train_size=args.train_size, seed=0)
    load_before = os.getloadavg()
    bare, gui, quiet = [], [], []
    for _ in range(args.rounds):
        bare.append(bare_run(config, data))
        gui.append(gui_run(app, config, cache, beat=True))
        quiet.append(gui_run(app, config, cache, beat=False))
    result = {"settings": {"sizes": [784, 100, 10], "optimizer": "sgd", "lr": 0.1, "batch_size": 100,
                           "train_size": args.train_size, "epochs": args.epochs,
                           "rounds": args.rounds,
                           "blas_threads": os.environ.get("OPENBLAS_NUM_THREADS"),
                           "health_every": worker.HEALTH_EVERY},
              "load_average_before": load_before, "load_average_after": os.getloadavg(),
              "idle_stall_ms": idle_stall(), **summarize(bare, gui, quiet)}
    text = json.dumps(result, indent=2)
    print(text)
    if args.json is not None:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


# ==== gil =====================================================================================
def trainer_speed(config, data, busy: float) -> float:
    """bare_run's images/s with the trainer in a thread of its own while this (main) thread spins
    in Python `busy` of the time, in 10 ms slices (0: it sleeps); busy < 0: on this thread."""
    if busy < 0:
        return bare_run(config, data)["images_per_s"]
    result = {}
    thread = threading.Thread(target=lambda: result.update(bare_run(config, data)))
    thread.start()
    while thread.is_alive():
        started = time.perf_counter()
        while time.perf_counter() - started < 0.010 * busy:   # Python holding the GIL, like painting
            pass
        time.sleep(0.010 * (1 - busy))
    thread.join()
    return result["images_per_s"]


def run_gil(args) -> int:
    """Why training in the app runs slower than bare: the trainer is a thread of the GUI's process,
    and its Python between NumPy calls waits while the GUI thread runs Python."""
    from digitlab.gui.training.mnist_cache import MnistCache
    from digitlab.nn.training.trainer import TrainConfig

    data = MnistCache(args.mnist_dir).get()
    config = TrainConfig(hidden_sizes=(100,), optimizer="sgd", lr=0.1, batch_size=100,
                         epochs=args.epochs, train_size=args.train_size, seed=0)
    setups = {"main thread": -1.0, "thread, main asleep": 0.0,
              **{f"thread, main busy {share:.0%}": share for share in args.busy}}
    load_before = os.getloadavg()
    speeds = {name: [] for name in setups}
    for _ in range(args.rounds):          # alternated, so that all see the same load
        for name, busy in setups.items():
            speeds[name].append(trainer_speed(config, data, busy))
    base = statistics.median(speeds["main thread"])
    result = {"switch_interval_s": sys.getswitchinterval(),
              "blas_threads": os.environ.get("OPENBLAS_NUM_THREADS"),
              "load_average_before": load_before, "load_average_after": os.getloadavg(),
              "images_per_s": {name: statistics.median(v) for name, v in speeds.items()},
              "ratio_to_main_thread": {name: round(statistics.median(v) / base, 3)
                                       for name, v in speeds.items()}}
    print(json.dumps(result, indent=2))
    return 0


# ==== animation ===============================================================================
FPS = 60
WARM_UP_MS = 500


def frame_summary(intervals_ms) -> dict:
    values = np.asarray(intervals_ms)
    return {"median_ms": round(float(np.median(values)), 2),
            "p99_ms": round(float(np.percentile(values, 99)), 2),
            "max_ms": round(float(values.max()), 2), "n": int(len(values))}


def play_and_time(app, tab, name: str, seconds: float, fps: int = FPS) -> dict:
    """Play panel `name` at fps steps per second for `seconds` after a warm-up; time frames and beats."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    panel = tab.show_panel(name)
    panel.steps_spin.setValue(int((seconds + WARM_UP_MS / 1000) * fps) + 10)
    panel.recompute()
    panel.controls.speed_slider.setValue(fps)
    frames, beats = [], []
    panel.controls.frame_changed.connect(lambda _: frames.append(time.perf_counter()))
    heartbeat = QTimer()
    heartbeat.setInterval(HEARTBEAT_MS)
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
    return {"frames": frame_summary(list(np.diff(frames) * 1000)),
            "longest_stall_ms": round(float(np.diff(beats).max() * 1000), 2)}


def run_animation(args) -> int:
    from digitlab.gui.gradient.tab import GradientTab

    app = application()
    tab = GradientTab()
    tab.resize(1280, 800)
    tab.show()
    result = {"load_average": load_average()}
    for fps in (FPS, 8):   # as fast as the speed slider goes, and its default
        for name in ("descent", "race"):
            result[f"{name} at {fps} steps/s"] = play_and_time(app, tab, name, args.seconds, fps)
    print(json.dumps(result, indent=2))
    return 0


# ==== the command line ========================================================================
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bench.py", description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    jobs = parser.add_subparsers(title="measurements", dest="job", required=True, metavar="JOB")

    def job(name: str, help_: str, mnist: bool = True):
        sub = jobs.add_parser(name, help=help_, description=help_)
        if mnist:
            sub.add_argument("--mnist-dir", type=Path, default=None, metavar="DIR",
                             help="the MNIST folder (default: $DIGITLAB_MNIST_DIR, then the user cache)")
        return sub

    epoch = job("epoch", "seconds per epoch of 784-100-10 (JSON)")
    epoch.add_argument("--epochs", type=int, default=3)
    defaults = job("defaults", "which Training-tab defaults reach the target soonest (nn only)")
    defaults.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    defaults.add_argument("--target", type=float, default=0.97)
    defaults.add_argument("--epochs", type=int, default=10, help="most epochs per candidate")
    defaults.add_argument("--only", nargs="*", choices=list(CANDIDATES), metavar="NAME",
                          help="names of candidates to run (default: all)")
    t97 = job("time-to-97", "Start on the Training tab -> first epoch at the target accuracy")
    t97.add_argument("--runs", type=int, default=3)
    t97.add_argument("--config", type=json.loads, default=None, help="a TrainConfig as JSON")
    t97.add_argument("--target", type=float, default=0.97)
    latency = job("draw-latency", "mouse move -> bars, and launch time", mnist=False)
    latency.add_argument("--model", type=Path, help="a .npz or .pkl model (default: shipped)")
    latency.add_argument("--strokes", type=int, default=20)
    latency.add_argument("--hz", type=float, default=125.0, help="mouse report rate")
    latency.add_argument("--launches", type=int, default=5)
    training = job("training-gui", "training in the app vs the bare trainer; GUI stalls (JSON)")
    training.add_argument("--train-size", type=int, default=60_000)
    training.add_argument("--epochs", type=int, default=3)
    training.add_argument("--rounds", type=int, default=3)
    training.add_argument("--json", type=Path, metavar="OUT", help="also write the results here")
    training.add_argument("--health-every", type=int, default=None, metavar="N",
                          help="iterations between weight-health measurements in the app (0: off; "
                          "default: the worker's, about four a second)")
    gil = job("gil", "the trainer in a thread while the main thread runs Python (JSON)")
    gil.add_argument("--train-size", type=int, default=60_000)
    gil.add_argument("--epochs", type=int, default=3)
    gil.add_argument("--rounds", type=int, default=3)
    gil.add_argument("--busy", type=float, nargs="+", default=[0.15],
                     help="shares of time the main thread spins in Python (default: 0.15)")
    animation = job("animation", "frame times of the Gradient tab's animations (JSON)", mnist=False)
    animation.add_argument("--seconds", type=float, default=4.0)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    run = {"epoch": run_epoch, "defaults": run_defaults, "time-to-97": run_time_to_97,
           "draw-latency": run_draw_latency, "training-gui": run_training_gui,
           "animation": run_animation, "gil": run_gil}[args.job]
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
