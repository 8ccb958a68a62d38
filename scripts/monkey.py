"""A long seeded random walk through the window (tests/gui_monkey.py), with its memory curve.

Usage: python scripts/monkey.py [--actions 10000] [--seed 0] [--every 1000] [--json]

Menu actions, clicks, typing, keys, drags and wheel turns over every tab and the dialogs they
open; file dialogs answer with ordinary and hostile files. Prints the resident memory (RSS) every
--every actions and the exceptions and Qt critical messages seen (the short walk in the suite,
tests/test_gui_monkey.py, fails on any). Trains on 200 synthetic images, never on MNIST; its
settings, data and log files go to a temporary folder. Exit status 1 when anything was seen.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the harness lives in tests/ (digitlab is installed)


def walk(actions: int, seed: int, every: int, folder: Path, say) -> dict:
    import numpy as np
    from PySide6.QtWidgets import QApplication, QMessageBox

    from gui_monkey import Monkey, Watch, hostile_pool, rss_mb
    from synthetic_digits import synthetic_cache

    from digitlab.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(["monkey"])  # noqa: F841
    window = MainWindow()
    window.show()
    QApplication.processEvents()

    def built(tab):
        tab.data = synthetic_cache()
        window.draw_tab.handwriting.mnist = tab.data
    window.training_page.built.connect(built)
    files = hostile_pool(folder / "pool")
    (folder / "saved").mkdir()
    rng = np.random.default_rng(seed)
    monkey = Monkey(window, rng, files)
    curve = [(0, round(rss_mb(), 1))]
    say(f"actions 0: RSS {curve[0][1]} MB")
    started = time.perf_counter()
    with Monkey.patched_dialogs(rng, files, folder / "saved"), Watch() as watch:
        for done in range(1, actions + 1):
            monkey.step()
            if done % every == 0:
                gc.collect()
                curve.append((done, round(rss_mb(), 1)))
                say(f"actions {done}: RSS {curve[-1][1]} MB, {len(watch.problems)} problems, "
                    f"{time.perf_counter() - started:.0f} s")
        if window.training_tab is not None:
            window.training_tab.shutdown()
        monkey._close_dialogs()
        QMessageBox.question = staticmethod(lambda *a: QMessageBox.StandardButton.Discard)
        window.close()
    return {"actions": actions, "seed": seed, "rss_mb": curve, "counts": monkey.counts,
            "problems": watch.problems, "seconds": round(time.perf_counter() - started, 1)}


def main_(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--every", type=int, default=1000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        os.environ["DIGITLAB_SETTINGS"] = str(folder / "settings.ini")
        os.environ["DIGITLAB_DATA_DIR"] = str(folder / "data")
        os.environ["DIGITLAB_LOG_DIR"] = str(folder / "log")
        os.environ["DIGITLAB_MNIST_DIR"] = str(folder / "no_mnist")
        say = (lambda text: print(text, file=sys.stderr, flush=True)) if args.json else print
        result = walk(args.actions, args.seed, args.every, folder, say)
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{result['actions']} actions in {result['seconds']} s; by kind {result['counts']}")
        print(f"{len(result['problems'])} problems")
        for problem in result["problems"][:20]:
            print(problem)
    return 1 if result["problems"] else 0


if __name__ == "__main__":
    sys.exit(main_())
