"""Measure the Draw tab's latency from a mouse move to updated bars, and the app's launch time.

Usage: python scripts/bench_draw_latency.py [--model PATH] [--strokes 20] [--hz 125]
(`digitlab bench` reports the same figures with the shipped model; both use gui.cli.bench_gui.)
Mouse moves are posted to the real canvas at a mouse's report rate; for each move the time until
the bars next show a prediction that includes it is recorded (median, p99). Launch time is the
wall time from starting a Python process that opens the app as main.py does to the window's first
painted frame (gui.app.run's on_shown).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import main  # noqa: E402
main.use_checkout()  # the checkout is the package digitlab
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from digitlab.cli.bench_gui import move_latencies  # noqa: E402
from digitlab.cli.bench_probes import STARTUP_CHILD, seconds_to_shown  # noqa: E402


def launch_seconds(runs: int) -> list[float]:
    """Wall time from process start to the first shown window, `runs` times."""
    return [seconds_to_shown(STARTUP_CHILD.format(root=str(ROOT)), 1) for _ in range(runs)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="a .npz or .pkl model (default: shipped)")
    parser.add_argument("--strokes", type=int, default=20)
    parser.add_argument("--hz", type=float, default=125.0, help="mouse report rate")
    parser.add_argument("--launches", type=int, default=5)
    args = parser.parse_args()

    launches = launch_seconds(args.launches)
    print(f"launch to window shown: median {np.median(launches) * 1000:.0f} ms "
          f"(runs: {', '.join(f'{t * 1000:.0f}' for t in launches)} ms)")

    app = QApplication.instance() or QApplication([sys.argv[0]])
    from digitlab.gui.main_window import MainWindow
    from digitlab.gui.settings import throwaway_settings
    window = MainWindow(settings=throwaway_settings())   # the defaults, whatever the user chose
    window.resize(1180, 820)
    window.show()
    tab = window.draw_tab
    loaded = (tab.model_choice.open_model_file(args.model) if args.model
              else tab.load_default_model())
    print(f"model: {window.model_label.text() if loaded else 'none (bars stay empty)'}; "
          f"heatmaps at most every {tab._frame.interval()} ms")
    app.processEvents()
    latencies = np.array(move_latencies(app, tab, args.strokes, args.hz,
                                        np.random.default_rng(0))) * 1000
    print(f"move -> bars updated over {latencies.size} moves at {args.hz:.0f} Hz: "
          f"median {np.median(latencies):.1f} ms, p99 {np.percentile(latencies, 99):.1f} ms, "
          f"max {latencies.max():.1f} ms")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
