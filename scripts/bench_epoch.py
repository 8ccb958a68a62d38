"""Seconds per epoch of the reference setup: 784-100-10 ReLU, batch 100, float32, SGD lr 0.1.

Usage: python scripts/bench_epoch.py [--epochs 3] [--mnist-dir DIR]
BLAS runs on one thread as in the `digitlab` commands unless OPENBLAS_NUM_THREADS says otherwise
(e.g. OPENBLAS_NUM_THREADS=2 python scripts/bench_epoch.py to compare).
Prints one JSON object: per-epoch wall seconds as the trainer reports them (including the
end-of-epoch accuracy passes), the seconds of the training batches alone (from samples/s), the CPU
seconds of this process (all its threads), their means, the final test accuracy, and the machine's
load average so that a figure from a shared machine can be judged.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout
import main  # noqa: E402
main.use_checkout()  # the checkout is the package digitlab

from digitlab.nn.speed.blas import use_one_blas_thread  # noqa: E402  (standard library only)


def benchmark(epochs: int, mnist_dir: Path | None) -> dict:
    """Train the reference network for `epochs` epochs and time each one."""
    import numpy as np

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


def _rounded(values: list[float]) -> list[float]:
    return [round(float(value), 3) for value in values]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--mnist-dir", type=Path, default=None)
    args = parser.parse_args()
    use_one_blas_thread()  # before NumPy loads, as the commands do
    print(json.dumps(benchmark(args.epochs, args.mnist_dir), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
