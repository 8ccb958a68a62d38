"""The GUI monkey (tests/gui_monkey.py), short: a seeded random walk of a few hundred menu
actions, clicks, typing, keys and drags over every tab, failing on any exception that reaches
sys.excepthook and on any Qt critical or fatal message. scripts/monkey.py walks for long."""
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
    # closing the window at teardown: discard whatever the walk trained
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a: QMessageBox.StandardButton.Discard))
    assert watch.problems == [], "\n".join(watch.problems)
    assert monkey.actions_done == ACTIONS and len(monkey.counts) >= 8
