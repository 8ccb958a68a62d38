"""Held-out check: a model on digits drawn with the strokes of the Hershey vector fonts.

    pip install hershey-fonts   # part of the test extras
    python scripts/eval_hershey.py [--model PATH] [--per-digit 10] [--seed 7] [--json]

Nothing in DigitLab's training or its own stroke generator (nn.strokes) comes from these fonts, so
they are a fair outside test of "reads pen-drawn digits". Each glyph is placed with nn.strokes'
hand randomiser (tilt, size, position, wobble), rendered with a round pen of 12-26 px on a 280 px
canvas and preprocessed like a drawing on the canvas (tests/hershey_digits.py).
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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from hershey_digits import FONTS, hershey_inputs  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=resources.path(*resources.DEFAULT_MODEL))
    parser.add_argument("--per-digit", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    network, _ = load_any(args.model)
    x, t, names = hershey_inputs(args.per_digit, args.seed)
    result = evaluate(network, x, t)
    per_font = {font: round(float(np.mean(result.predicted[names == font] == t[names == font])), 3)
                for font in FONTS}
    mistakes = sorted(set(zip(t[result.wrong].tolist(), result.predicted[result.wrong].tolist())))
    summary = {"model": str(args.model), "n": len(t), "accuracy": result.accuracy,
               "per_font": per_font, "mistakes (true, predicted)": mistakes}
    print(json.dumps(summary) if args.json else
          "\n".join(f"{key}: {value}" for key, value in summary.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
