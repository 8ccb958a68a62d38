"""Outside checks of a model: how well it reads digits that are not MNIST.

    python scripts/eval.py drawn   [--model PATH] [--per-digit 100] [--seed 2026] [--json]
    python scripts/eval.py canvas  [--model PATH] [--per-digit 50] [--seed 2026] [--size 450]
    python scripts/eval.py hershey [--model PATH] [--per-digit 10] [--seed 7] [--json]
    python scripts/eval.py outside [--model PATH] [--variants "nearest 8x,blur"] [--json]

drawn:   pen-drawn digits of DigitLab's own generator (nn.data.strokes: random pen widths, tilts,
         sizes and positions on a 280 px canvas) through the Draw tab's preprocessing.
canvas:  the same digits drawn on the real Draw tab with mouse events (offscreen); the same seed
         gives the same digits as `drawn`, so the two figures differ only by the canvas path.
hershey: digits drawn with the strokes of the Hershey vector fonts (nn.checks.hershey; nothing in
         training comes from them). Needs hershey-fonts (the test extras).
outside: other people's handwriting: the UCI optdigits test set (1,797 digits by 43 writers, as
         low-resolution images rendered several ways, nn.checks.optdigits). Needs `pip install -e .[eval]`.
The default model is the shipped one. Imports the installed digitlab.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from digitlab.nn.speed.blas import use_one_blas_thread

use_one_blas_thread()   # as the app does, before NumPy loads

import numpy as np  # noqa: E402

from digitlab import resources  # noqa: E402
from digitlab.nn.files.model_io import load_any  # noqa: E402
from digitlab.nn.training.evaluate import confusion_matrix, evaluate  # noqa: E402

DEFAULT_MODEL = resources.path(*resources.DEFAULT_MODEL)


def print_summary(summary: dict, as_json: bool) -> None:
    print(json.dumps(summary) if as_json else
          "\n".join(f"{key}: {value}" for key, value in summary.items()))


# --- drawn ------------------------------------------------------------------------------------
def drawn_inputs(per_digit: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(10 per_digit, 784) preprocessed drawings and their labels, one drawing at a time."""
    from digitlab.nn.data.preprocess import preprocess
    from digitlab.nn.data.strokes import drawn_digit

    rng = np.random.default_rng(seed)
    labels = np.tile(np.arange(10), per_digit)
    x = np.stack([preprocess(drawn_digit(int(d), rng)[0]).reshape(784) for d in labels])
    return x, labels


def run_drawn(args) -> int:
    network, _ = load_any(args.model)
    x, t = drawn_inputs(args.per_digit, args.seed)
    result = evaluate(network, x, t)
    mistakes = sorted(zip(t[result.wrong].tolist(), result.predicted[result.wrong].tolist()))
    print_summary({"model": str(args.model), "n": len(t), "accuracy": result.accuracy,
                   "per_class": [round(float(p), 3) for p in result.per_class],
                   "mistakes (true, predicted)": mistakes}, args.json)
    return 0


# --- canvas -----------------------------------------------------------------------------------
def shown_digit(app, tab) -> int | None:
    """Let the frame-rate throttle deliver the last change, then read the digit the tab shows."""
    from PySide6.QtCore import QEventLoop

    while not tab.is_settled():
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    text = tab.bars.digit_label.text()
    return int(text) if text.isdigit() else None


def draw_and_read(app, tab, labels: np.ndarray, rng: np.random.Generator
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Digits shown by the tab (-1 for none) for a drawing of each label replayed on its canvas,
    and the digits its network gives the NumPy rendering of the same drawing (no canvas). (N,) each.
    """
    from digitlab.gui.mouse_replay import replay
    from digitlab.nn.data.preprocess import preprocess
    from digitlab.nn.data.strokes import drawn_digit

    shown, direct = np.full(len(labels), -1), np.full(len(labels), -1)
    network = tab.network
    for i, digit in enumerate(labels):
        pen_width = rng.uniform(12.0, 26.0)   # as drawn_digit draws it, so seeds match `drawn`
        image, strokes = drawn_digit(int(digit), rng, pen_width=pen_width)
        tab.canvas.clear()
        replay(tab.canvas, strokes, pen_width)
        answer = shown_digit(app, tab)
        shown[i] = -1 if answer is None else answer
        x = preprocess(image).reshape(1, 784).astype(network.dtype)
        direct[i] = int(np.argmax(network.predict(x)))
    return shown, direct


def run_canvas(args) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from digitlab.gui.draw.tab import DrawTab

    app = QApplication.instance() or QApplication([sys.argv[0]])
    tab = DrawTab()
    tab.show()
    tab.canvas.setFixedSize(args.size, args.size)
    app.processEvents()
    loaded = tab.model_choice.open_model_file(args.model) if args.model else tab.load_default_model()
    if not loaded:
        print("no model: pass --model PATH or add resources/models/default.npz", file=sys.stderr)
        return 1
    labels = np.tile(np.arange(10), args.per_digit)
    start = time.perf_counter()
    predicted, direct = draw_and_read(app, tab, labels, np.random.default_rng(args.seed))
    seconds = time.perf_counter() - start
    accuracy = float(np.mean(predicted == labels))
    confusion = confusion_matrix(labels, np.where(predicted < 0, labels, predicted))
    print(f"model: {tab.model_choice.combo.currentText()}; canvas {tab.canvas.width()} px")
    print(f"drawn on the canvas: {accuracy:.1%} of {len(labels)} "
          f"({seconds:.1f} s, {1000 * seconds / len(labels):.0f} ms per digit)")
    print(f"same digits without the canvas (NumPy rendering): {np.mean(direct == labels):.1%}; "
          f"canvas and NumPy agree on {np.mean(direct == predicted):.1%}")
    print("per digit: " + ", ".join(f"{d}: {confusion[d, d] / confusion[d].sum():.0%}"
                                    for d in range(10)))
    counts: dict[tuple[int, int], int] = {}
    for pair in ((int(t), int(y)) for t, y in zip(labels, predicted) if t != y):
        counts[pair] = counts.get(pair, 0) + 1
    print("confusions (true -> shown: count): " + (", ".join(
        f"{t}->{'none' if y < 0 else y}: {n}" for (t, y), n in sorted(counts.items())) or "none"))
    tab.close()
    return 0


# --- hershey ----------------------------------------------------------------------------------
def run_hershey(args) -> int:
    from digitlab.nn.checks.hershey import FONTS, hershey_inputs

    network, _ = load_any(args.model)
    try:
        x, t, names = hershey_inputs(args.per_digit, args.seed)
    except ModuleNotFoundError:
        print("eval hershey: hershey-fonts is not installed (pip install -e .[test])", file=sys.stderr)
        return 1
    result = evaluate(network, x, t)
    per_font = {font: round(float(np.mean(result.predicted[names == font] == t[names == font])), 3)
                for font in FONTS}
    mistakes = sorted(set(zip(t[result.wrong].tolist(), result.predicted[result.wrong].tolist())))
    print_summary({"model": str(args.model), "n": len(t), "accuracy": result.accuracy,
                   "per_font": per_font, "mistakes (true, predicted)": mistakes}, args.json)
    return 0


# --- outside ----------------------------------------------------------------------------------
def run_outside(args) -> int:
    from digitlab.nn.checks.optdigits import VARIANTS, digits_csv, load_optdigits, outside_inputs

    variants = [name.strip() for name in args.variants.split(",")]
    unknown = [name for name in variants if name not in VARIANTS]
    if unknown:
        print(f"eval outside: unknown variant(s) {unknown}; choose from {list(VARIANTS)}",
              file=sys.stderr)
        return 2
    path = digits_csv()
    if path is None:
        print("eval outside: scikit-learn is not installed (pip install -e .[eval])", file=sys.stderr)
        return 1
    network, _ = load_any(args.model)
    ink, t = load_optdigits(path)
    results = {}
    for name in variants:
        result = evaluate(network, outside_inputs(ink, name), t)
        results[name] = {"accuracy": result.accuracy, "confusion": result.confusion.tolist()}
    mean = float(np.mean([r["accuracy"] for r in results.values()]))
    if args.json:
        print(json.dumps({"model": str(args.model), "n": len(t), "mean": mean, "variants": results}))
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


def build_parser() -> argparse.ArgumentParser:
    from digitlab.nn.checks.optdigits import VARIANTS

    parser = argparse.ArgumentParser(prog="eval.py", description=__doc__.splitlines()[0])
    checks = parser.add_subparsers(title="checks", dest="check", required=True, metavar="CHECK")

    def check(name: str, help_: str, per_digit: int, seed: int | None):
        sub = checks.add_parser(name, help=help_, description=help_)
        sub.add_argument("--model", type=Path, default=None if name == "canvas" else DEFAULT_MODEL,
                         help="a DigitLab .npz or the textbook's .pkl (default: the shipped model)")
        if per_digit:
            sub.add_argument("--per-digit", type=int, default=per_digit,
                             help="digits of each class (default: %(default)s)")
        if seed is not None:
            sub.add_argument("--seed", type=int, default=seed, help="(default: %(default)s)")
        return sub

    check("drawn", "pen-drawn digits of nn.data.strokes, NumPy rendering", 100, 2026
          ).add_argument("--json", action="store_true", help="print one JSON object")
    check("canvas", "the same digits drawn on the real Draw tab with mouse events", 50, 2026
          ).add_argument("--size", type=int, default=450, help="canvas side in pixels")
    check("hershey", "digits drawn with Hershey-font strokes", 10, 7
          ).add_argument("--json", action="store_true", help="print one JSON object")
    outside = check("outside", "UCI optdigits: 1,797 digits by 43 writers, rendered as scans", 0, None)
    outside.add_argument("--variants", default=",".join(VARIANTS),
                         help=f"comma separated, from: {', '.join(VARIANTS)}")
    outside.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    run = {"drawn": run_drawn, "canvas": run_canvas, "hershey": run_hershey,
           "outside": run_outside}[args.check]
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
