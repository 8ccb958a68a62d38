"""Accuracy of a model on pen-drawn digits that are not MNIST (nn.strokes), through nn.preprocess.

    python scripts/eval_drawn.py [--model PATH] [--per-digit 100] [--seed 2026] [--json]

The digits are rendered with random pen widths, tilts, sizes and positions on a 280 px canvas and
go through the same preprocessing as the Draw tab's canvas.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout
import main  # noqa: E402
main.use_checkout()  # the checkout is the package digitlab

from digitlab.nn.speed.blas import use_one_blas_thread  # noqa: E402

use_one_blas_thread()

import numpy as np  # noqa: E402

from digitlab import resources  # noqa: E402
from digitlab.nn.training.evaluate import evaluate  # noqa: E402
from digitlab.nn.files.model_io import load_any  # noqa: E402
from digitlab.nn.data.preprocess import preprocess  # noqa: E402
from digitlab.nn.data.strokes import drawn_digit  # noqa: E402


def drawn_inputs(per_digit: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(10 per_digit, 784) preprocessed drawings and their labels, one drawing at a time."""
    rng = np.random.default_rng(seed)
    labels = np.tile(np.arange(10), per_digit)
    x = np.stack([preprocess(drawn_digit(int(d), rng)[0]).reshape(784) for d in labels])
    return x, labels


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=resources.path(*resources.DEFAULT_MODEL))
    parser.add_argument("--per-digit", type=int, default=100)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    network, _ = load_any(args.model)
    x, t = drawn_inputs(args.per_digit, args.seed)
    result = evaluate(network, x, t)
    mistakes = sorted(zip(t[result.wrong].tolist(), result.predicted[result.wrong].tolist()))
    summary = {"model": str(args.model), "n": len(t), "accuracy": result.accuracy,
               "per_class": [round(float(p), 3) for p in result.per_class],
               "mistakes (true, predicted)": mistakes}
    print(json.dumps(summary) if args.json else
          "\n".join(f"{key}: {value}" for key, value in summary.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
