"""cli/bench_probes.py: bench's child processes (a bare window here; the rest in the
slow end-to-end test of test_cli_bench.py)."""
from digitlab.cli import bench_probes


def test_bare_window_probe_sees_its_first_paint():
    assert 0 < bench_probes.bare_window_seconds(1) < 30


def test_startup_is_measured_as_a_first_start_and_leaves_the_users_settings_alone():
    """A user who last closed on the Training tab: the probe still times the first start (the Draw
    tab) and the window it opens and closes does not write their settings file."""
    from digitlab.gui.settings import Settings, settings_file
    Settings().set_state("window", {"tab": 1})
    before = settings_file().read_bytes()
    assert 0 < bench_probes.startup_seconds(1) < 60
    assert settings_file().read_bytes() == before


def test_startup_figures_time_the_first_frame_then_the_draw_tab_and_a_bare_window():
    figures = bench_probes.startup_figures(1)
    assert set(figures) == {"startup_s", "draw_ready_s", "bare_window_s"}
    assert 0 < figures["startup_s"] < figures["draw_ready_s"] < 60 and 0 < figures["bare_window_s"] < 30
