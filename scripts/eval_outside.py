"""Outside check: a model on other people's handwriting (UCI optdigits, 43 writers), as images.

    pip install -e .[eval]     # scikit-learn, whose package files hold the digits
    python scripts/eval_outside.py [--model PATH] [--variants "nearest 8x,blur"] [--json]

The 1,797 8x8 digits of the optdigits test set are neither MNIST nor nn.strokes. Each one is
rendered as a low-resolution lightness image in several ways (8x nearest or bilinear upscaling, the
raw 8x8, a blurred scan, white on black, dark ink on mid-grey paper, squeezed or stretched
sideways; see tests/outside_digits.py) and goes through nn.preprocess.preprocess like an opened
image file. Prints the accuracy per variant, the mean over the variants and each confusion matrix.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout
import main  # noqa: E402
main.use_checkout()  # the checkout is the package digitlab

from digitlab.nn.speed.blas import use_one_blas_thread  # noqa: E402

use_one_blas_thread()

import numpy as np  # noqa: E402

from digitlab import resources  # noqa: E402
from digitlab.nn.training.evaluate import evaluate  # noqa: E402
from digitlab.nn.files.model_io import load_any  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))
from outside_digits import VARIANTS, digits_csv, load_optdigits, outside_inputs  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=resources.path(*resources.DEFAULT_MODEL))
    parser.add_argument("--variants", default=",".join(VARIANTS),
                        help=f"comma separated, from: {', '.join(VARIANTS)}")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    variants = [name.strip() for name in args.variants.split(",")]
    unknown = [name for name in variants if name not in VARIANTS]
    if unknown:
        parser.error(f"unknown variant(s) {unknown}; choose from {list(VARIANTS)}")
    path = digits_csv()
    if path is None:
        print("eval_outside: scikit-learn is not installed (pip install -e .[eval])",
              file=sys.stderr)
        return 1
    network, _ = load_any(args.model)
    ink, t = load_optdigits(path)
    results = {}
    for name in variants:
        result = evaluate(network, outside_inputs(ink, name), t)
        results[name] = {"accuracy": result.accuracy, "confusion": result.confusion.tolist()}
    mean = float(np.mean([r["accuracy"] for r in results.values()]))
    if args.json:
        print(json.dumps({"model": str(args.model), "n": len(t), "mean": mean,
                          "variants": results}))
        return 0
    print(f"model: {args.model}\n{len(t)} digits of 43 writers (UCI optdigits test set)\n")
    for name, result in results.items():
        print(f"{name:<12} {result['accuracy']:.4f}")
    print(f"{'mean':<12} {mean:.4f}")
    for name, result in results.items():
        print(f"\n{name}: rows = true digit, columns = predicted")
        for digit, row in enumerate(result["confusion"]):
            print(f"{digit:>3} " + "".join(f"{count:>5}" for count in row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
