"""scripts/bench.py gil: the trainer in a thread slows down while the main thread runs Python."""
import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load_bench():
    spec = importlib.util.spec_from_file_location("bench_script", ROOT / "scripts" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.mnist
def test_gil_reports_every_setup_against_the_main_thread(mnist_dir, capsys):
    bench = _load_bench()
    assert bench.main(["gil", "--mnist-dir", str(mnist_dir), "--train-size", "3000",
                       "--epochs", "1", "--rounds", "1", "--busy", "0.6"]) == 0
    result = json.loads(capsys.readouterr().out)
    ratios = result["ratio_to_main_thread"]
    assert list(ratios) == ["main thread", "thread, main asleep", "thread, main busy 60%"]
    assert ratios["main thread"] == 1.0
    assert all(speed > 0 for speed in result["images_per_s"].values())
    # the main thread holding the GIL 60% of the time costs the trainer a large share
    assert ratios["thread, main busy 60%"] < 0.9 * ratios["thread, main asleep"]
