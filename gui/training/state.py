"""The states of the Training tab's run, which decide what its buttons and settings allow."""
from __future__ import annotations

from digitlab.nn.training.train_events import StrEnum


class RunState(StrEnum):
    """Where the Training tab is; compares equal to its value ("running"), as state_changed sends it."""

    IDLE = "idle"            # no run yet, or after Reset
    LOADING = "loading"      # started: loading MNIST and building the network
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"    # completed, stopped or diverged; a model may be kept

    @property
    def busy(self) -> bool:
        """A run exists: the settings are locked (but the learning rate) and Start is off."""
        return self in (RunState.LOADING, RunState.RUNNING, RunState.PAUSED)
