"""Pause, resume, step, stop and learning-rate requests for one training run, from any thread.

    control = TrainingControl()      # made with the GUI's worker, before the data is even loaded
    control.pause()                  # GUI thread: takes effect now, in the order it was made
    trainer = Trainer(..., control=control)   # worker thread, later: starts paused

Every request changes the state under one lock at the moment it is made, so requests take effect
in the order they were made, whichever threads make them and whether or not the Trainer exists
yet. A caller that forwarded requests later (outside its own lock, or from a list replayed when
the Trainer appears) could let an older pause land after a newer resume.
"""
from __future__ import annotations

import math
import threading
import time


class TrainingControl:
    """The requests of one run; the Trainer asks next_turn() before every iteration."""

    def __init__(self):
        self._condition = threading.Condition()
        self._paused = False
        self._steps_granted = 0
        self._stop_requested = False
        self._lr: float | None = None   # None: the config's learning rate

    def __repr__(self):
        with self._condition:
            return (f"TrainingControl(paused={self._paused}, steps={self._steps_granted}, "
                    f"stop={self._stop_requested}, lr={self._lr})")

    @property
    def paused(self) -> bool:
        with self._condition:
            return self._paused

    @property
    def stop_requested(self) -> bool:
        with self._condition:
            return self._stop_requested

    def pause(self):
        """The run waits before its next iteration until resume(), step() or stop()."""
        with self._condition:
            self._paused = True

    def resume(self):
        with self._condition:
            self._paused = False
            self._steps_granted = 0
            self._condition.notify_all()

    def step(self):
        """Exactly one more iteration, then paused (pauses first when running)."""
        with self._condition:
            self._paused = True
            self._steps_granted += 1
            self._condition.notify_all()

    def stop(self):
        """The run ends before its next iteration, also when paused. Final: nothing undoes it."""
        with self._condition:
            self._stop_requested = True
            self._condition.notify_all()

    def set_lr(self, lr: float):
        """The base learning rate (the schedule scales it) from the next iteration on."""
        lr = float(lr)
        if not (math.isfinite(lr) and lr > 0):
            raise ValueError(f"the learning rate must be a positive number, got {lr}")
        with self._condition:
            self._lr = lr

    def lr(self, default: float) -> float:
        """The base learning rate last set, or default when set_lr was never called."""
        with self._condition:
            return default if self._lr is None else self._lr

    def next_turn(self, default_lr: float) -> tuple[float | None, float]:
        """Waits while paused; (base lr of the next iteration or None when stopped, seconds waited).

        A granted step is used up here, so a step() made while running pauses after one iteration.
        """
        waited = 0.0
        with self._condition:
            if self._paused and not self._steps_granted and not self._stop_requested:
                started = time.perf_counter()
                while self._paused and not self._steps_granted and not self._stop_requested:
                    self._condition.wait()
                waited = time.perf_counter() - started
            if self._stop_requested:
                return None, waited
            if self._paused:
                self._steps_granted -= 1
            return (default_lr if self._lr is None else self._lr), waited
