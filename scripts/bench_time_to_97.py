"""Seconds from pressing Start on the Training tab to the first epoch with >= 97% test accuracy.

Usage: DIGITLAB_MNIST_DIR=... python scripts/bench_time_to_97.py [--runs 3] [--config JSON]
Through the real tab offscreen (worker thread, throttled signals, live plots), the data already
loaded, as `digitlab bench` measures time_to_97_s. --config takes a TrainConfig as JSON (e.g.
'{"optimizer": "momentum", "lr": 0.1, "schedule": "cosine", "epochs": 3, "train_size": null}')
to try settings before they become the tab's defaults; without it the tab's defaults are used.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import main  # noqa: E402
main.use_checkout()  # the checkout is the package digitlab

from digitlab.nn.speed.blas import use_one_blas_thread  # noqa: E402  (standard library only)

use_one_blas_thread()  # as main.py does, before NumPy loads


def main() -> int:
    from digitlab.cli.bench_gui import seconds_to_accuracy
    from digitlab.gui.training.mnist_cache import MnistCache
    from digitlab.nn.training.trainer import TrainConfig

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--config", type=json.loads, default=None, help="a TrainConfig as JSON")
    parser.add_argument("--target", type=float, default=0.97)
    args = parser.parse_args()
    config = None if args.config is None else TrainConfig.from_dict(args.config)
    cache = MnistCache()
    cache.get()
    for run in range(args.runs):
        seconds, best = seconds_to_accuracy(cache, args.target, 60.0, config)
        shown = "not reached" if seconds is None else f"{seconds:.2f} s"
        print(f"run {run + 1}: {shown} (best test accuracy {best:.4f}, "
              f"load average {os.getloadavg()[0]:.1f})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
