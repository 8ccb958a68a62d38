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

from nn.blas import use_one_blas_thread  # noqa: E402  (standard library only)

CANDIDATES = {
    "sgd 0.1, 100 (today's)": dict(optimizer="sgd", lr=0.1),
    "momentum 0.1, 100": dict(optimizer="momentum", lr=0.1),
    "momentum 0.05, 100": dict(optimizer="momentum", lr=0.05),
    "momentum 0.1, 100, cosine 3": dict(optimizer="momentum", lr=0.1, schedule="cosine", epochs=3),
    "momentum 0.1, 50": dict(optimizer="momentum", lr=0.1, batch_size=50),
    "adam 0.001, 100": dict(optimizer="adam", lr=0.001),
    "adam 0.002, 100": dict(optimizer="adam", lr=0.002),
    "adam 0.001, 100, cosine 3": dict(optimizer="adam", lr=0.001, schedule="cosine", epochs=3),
    "momentum 0.1, 200 hidden": dict(optimizer="momentum", lr=0.1, hidden_sizes=(200,)),
}


def time_to_target(config, data, target: float) -> tuple[float | None, int, float]:
    """(seconds to the first epoch with test accuracy >= target or None, epochs run, last accuracy)."""
    import numpy as np

    from nn.trainer import EpochEvent, Trainer, build_network

    (x_train, t_train), (x_test, t_test) = data
    rng = np.random.default_rng(config.seed)
    trainer = Trainer(build_network(config, rng), x_train, t_train, x_test, t_test, config, rng=rng)
    started = time.perf_counter()
    accuracy, epoch = 0.0, 0
    for event in trainer.run():
        if isinstance(event, EpochEvent):
            accuracy, epoch = event.test_accuracy, event.epoch
            if accuracy >= target:
                return time.perf_counter() - started, epoch, accuracy
    return None, epoch, accuracy


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--target", type=float, default=0.97)
    parser.add_argument("--epochs", type=int, default=10, help="most epochs per candidate")
    parser.add_argument("--only", nargs="*", help="names of candidates to run (default: all)")
    args = parser.parse_args()
    use_one_blas_thread()
    from nn.data import load_mnist
    from nn.trainer import TrainConfig

    data = load_mnist()
    names = args.only or list(CANDIDATES)
    summary = {}
    for name in names:
        base = TrainConfig(hidden_sizes=(100,), batch_size=100, epochs=args.epochs, train_size=None)
        times = []
        for seed in args.seeds:
            config = replace(base, seed=seed, **CANDIDATES[name])
            seconds, epoch, accuracy = time_to_target(config, data, args.target)
            times.append(float("inf") if seconds is None else seconds)
            shown = "never" if seconds is None else f"{seconds:.2f} s"
            print(f"{name:32s} seed {seed}: {shown} (epoch {epoch}, test {accuracy:.4f})", flush=True)
        summary[name] = statistics.median(times)
    print(f"\nmedian seconds to {args.target:.0%} (load average {os.getloadavg()[0]:.1f}):")
    for name, seconds in sorted(summary.items(), key=lambda item: item[1]):
        print(f"  {seconds:6.2f}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
