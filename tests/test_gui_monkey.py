"""The GUI monkey (tests/gui_monkey.py), short: a seeded random walk of a few hundred menu
actions, clicks, typing, keys and drags over every tab, failing on any exception that reaches
sys.excepthook and on any Qt critical or fatal message. `scripts/harness.py monkey` walks for long."""
import numpy as np
import pytest
from PySide6.QtWidgets import QMessageBox

from gui_monkey import Monkey, Watch, hostile_pool
from synthetic_digits import synthetic_cache

ACTIONS = 300


def give_synthetic_data(window):
    """The Training tab (and fine-tuning) train on 200 synthetic images, not MNIST."""
    def built(tab):
        tab.data = synthetic_cache()
        window.draw_tab.handwriting.mnist = tab.data
    window.training_page.built.connect(built)


@pytest.mark.parametrize("seed", [0, 1])
def test_a_short_random_walk_raises_nothing(shown_window, tmp_path, monkeypatch, seed):
    window = shown_window
    give_synthetic_data(window)
    files = hostile_pool(tmp_path / "pool")
    (tmp_path / "saved").mkdir()
    rng = np.random.default_rng(seed)
    monkey = Monkey(window, rng, files)
    with Monkey.patched_dialogs(rng, files, tmp_path / "saved"), Watch() as watch:
        try:
            for _ in range(ACTIONS):
                monkey.step()
        finally:
            if window.training_tab is not None:
                window.training_tab.shutdown()
            monkey._close_dialogs()
            window.set_theme("light")     # the palette belongs to the application: later tests start light
    # closing the window at teardown: discard whatever the walk trained
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a: QMessageBox.StandardButton.Discard))
    assert watch.problems == [], "\n".join(watch.problems)
    assert monkey.actions_done == ACTIONS and len(monkey.counts) >= 8


def test_a_long_walk_with_its_memory_curve(shown_window, tmp_path, monkeypatch):
    """scripts/harness.py monkey: the resident memory every N actions, and what went wrong."""
    import gc
    import time

    from conftest import harness_settings
    from gui_monkey import rss_mb

    chosen = harness_settings()
    if chosen is None:
        pytest.skip("the long walk runs from scripts/harness.py monkey")
    window = shown_window
    give_synthetic_data(window)
    files = hostile_pool(tmp_path / "pool")
    (tmp_path / "saved").mkdir()
    rng = np.random.default_rng(chosen["seed"])
    monkey = Monkey(window, rng, files)
    started = time.perf_counter()
    print(f"\nactions 0: RSS {rss_mb():.1f} MB")
    with Monkey.patched_dialogs(rng, files, tmp_path / "saved"), Watch() as watch:
        try:
            for done in range(1, chosen["actions"] + 1):
                monkey.step()
                if done % chosen["every"] == 0:
                    gc.collect()
                    print(f"actions {done}: RSS {rss_mb():.1f} MB, {len(watch.problems)} "
                          f"problems, {time.perf_counter() - started:.0f} s", flush=True)
        finally:
            if window.training_tab is not None:
                window.training_tab.shutdown()
            monkey._close_dialogs()
            window.set_theme("light")
    print(f"by kind: {monkey.counts}")
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a: QMessageBox.StandardButton.Discard))
    assert watch.problems == [], "\n".join(watch.problems)
