"""The soak's instruments: its own RSS, a 5 ms heartbeat with CPU accounting, an error counter."""
from __future__ import annotations

import os
import sys
import threading
import time
import traceback
import warnings
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QtMsgType, qInstallMessageHandler

HEARTBEAT_MS = 5


def rss_mb() -> float:
    """This process's resident set size in MB (its own /proc/self/statm, read only)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2 ** 20
    except (OSError, ValueError, IndexError):
        import resource   # peak, not current: only where statm is missing
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class CpuWait:
    """How long the thread that made it has been runnable but not running (waiting for a core):
    its own /proc/thread-self/schedstat, opened once and read only; 0 where that is missing."""

    def __init__(self) -> None:
        try:
            self._fd = os.open("/proc/thread-self/schedstat", os.O_RDONLY)
        except OSError:
            self._fd = None

    def seconds(self) -> float:
        if self._fd is None:
            return 0.0
        try:
            return int(os.pread(self._fd, 128, 0).split()[1]) / 1e9
        except (OSError, ValueError, IndexError):
            return 0.0


class Watch:
    """Counts what went wrong anywhere in the process: exceptions, Qt criticals, warnings."""

    def __init__(self) -> None:
        self.exceptions: list[str] = []
        self.qt_messages: dict[str, int] = {}
        self.qt_errors = 0
        self.warnings: list[str] = []
        sys.excepthook = self._excepthook
        threading.excepthook = lambda a: self._excepthook(a.exc_type, a.exc_value, a.exc_traceback)
        warnings.showwarning = self._showwarning
        qInstallMessageHandler(self._qt_message)

    def _excepthook(self, kind, value, tb) -> None:
        text = "".join(traceback.format_exception(kind, value, tb))
        self.exceptions.append(text)
        print(text, file=sys.stderr, flush=True)

    def _showwarning(self, message, category, filename, lineno, file=None, line=None) -> None:
        self.warnings.append(f"{filename}:{lineno}: {category.__name__}: {message}")

    def _qt_message(self, kind, context, message: str) -> None:
        serious = kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
        self.qt_errors += serious
        key = f"{'critical' if serious else kind.name}: {message}"
        self.qt_messages[key] = self.qt_messages.get(key, 0) + 1


class Heartbeat:
    """A 5 ms precise timer on the GUI thread; every lateness with what the user was doing."""

    def __init__(self, doing) -> None:
        self._doing = doing
        self.timer = QTimer(timerType=Qt.TimerType.PreciseTimer, interval=HEARTBEAT_MS)
        self.timer.timeout.connect(self._beat)
        # per stall: (stall ms, seconds since start, doing, GUI-thread CPU ms, whole-process CPU ms,
        # ms the GUI thread waited for a core)
        self.stalls: list[tuple[float, float, str, float, float, float]] = []
        self._start = self.last_beat = 0.0
        self._cpu = (0.0, 0.0, 0.0)

    def start(self) -> None:
        self._start = self.last_beat = time.perf_counter()
        self._cpu_wait = CpuWait()   # made on the GUI thread: its schedstat
        self._cpu = (time.thread_time(), time.process_time(), self._cpu_wait.seconds())
        self.timer.start()

    def _beat(self) -> None:
        now = time.perf_counter()
        cpu = (time.thread_time(), time.process_time(), self._cpu_wait.seconds())
        late = 1000 * (now - self.last_beat) - HEARTBEAT_MS
        if late > 10:   # keep the notable ones only: 5,000 strokes give millions of beats
            # the stall is GUI work + waiting for a core (a busy machine, or the training thread on
            # the other core's neighbour) + the rest: waiting for the GIL held by the training thread
            self.stalls.append((late, now - self._start, self._doing(),
                                *(1000 * (a - b) for a, b in zip(cpu, self._cpu))))
        self.last_beat, self._cpu = now, cpu
