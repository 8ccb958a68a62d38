"""gui/cli/bench_probes.py: bench's child processes (a bare window here; the rest in the
slow end-to-end test of test_cli_bench.py)."""
from digitlab.gui.cli import bench_probes


def test_the_child_probes_import_this_checkout():
    assert (bench_probes.ROOT / "main.py").is_file() and (bench_probes.ROOT / "gui").is_dir()


def test_bare_window_probe_sees_its_first_paint():
    assert 0 < bench_probes.bare_window_seconds(1) < 30
