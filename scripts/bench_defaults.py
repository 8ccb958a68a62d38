"""Which Training-tab defaults reach 97% test accuracy soonest after Start? Times candidates in nn/.

Usage: DIGITLAB_MNIST_DIR=... python scripts/bench_defaults.py [--seeds 0 1 2] [--target 0.97]
For each candidate TrainConfig, nn.trainer.Trainer runs on all 60,000 images (data already in
memory, one BLAS thread as the app uses) and the wall seconds from the start of run() to the first
EpochEvent with test_accuracy >= target are recorded, per seed: that includes the per-epoch
accuracy passes (10,000 training and 10,000 test images), as in the tab. Prints one line per
candidate and seed, then the median seconds per candidate, best first.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import main  # noqa: E402
main.use_checkout()  # the checkout is the package digitlab

from digitlab.nn.speed.blas import use_one_blas_thread  # noqa: E402  (standard library only)

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--target", type=float, default=0.97)
    parser.add_argument("--epochs", type=int, default=10, help="most epochs per candidate")
    parser.add_argument("--only", nargs="*", help="names of candidates to run (default: all)")
    args = parser.parse_args()
    use_one_blas_thread()
    from digitlab.nn.data.mnist import load_mnist
    from digitlab.nn.training.trainer import TrainConfig

    data = load_mnist()
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


if __name__ == "__main__":
    sys.exit(main())
