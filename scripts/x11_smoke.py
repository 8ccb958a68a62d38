"""X11 smoke test: `python main.py` under a real X server, driven with real X input events.

    DISPLAY=:N DIGITLAB_MNIST_DIR=... python scripts/x11_smoke.py [--timeout 90]

.ci/run starts Xvfb and runs this after the test suite. The app runs with DIGITLAB_SMOKE=1, so
gui/smoke_probe.py prints where its widgets are and what it predicts. Through xdotool (XTEST: the
same events a mouse and keyboard give) this script draws a 1 and a 0 on the canvas and checks the
predictions (Esc clears in between), clicks the Training tab, Start and, once it runs, Stop,
clicks Save and types a path into the save dialog, then closes the window as a window manager
does (WM_DELETE_WINDOW). It then starts the app again, which must reopen on the tab it was
closed on. Passed when every step happened, the app exited 0 both times and the saved file loads
as a 784-...-10 network. Without MNIST the training steps are skipped with a message. The app gets
a settings file, data and log folder of its own: the user's are never read or written.
"""
from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import json
import math
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))   # run from a checkout: the saved model is loaded with digitlab.nn.files.model_io
import main  # noqa: E402
main.use_checkout()  # the checkout is the package digitlab


class SmokeFailure(Exception):
    """A step of the smoke test did not happen as expected."""


class App:
    """`python main.py` with the probe on; its JSON lines arrive on a queue."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self._stderr = log.open("a", encoding="utf-8")
        self.process = subprocess.Popen([sys.executable, str(ROOT / "main.py")], cwd=ROOT, env=env,
                                        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                        stderr=self._stderr, text=True)
        self.events: queue.Queue[dict] = queue.Queue()
        self.backlog: list[dict] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            if line.startswith("{"):
                self.events.put(json.loads(line))

    def _pull(self, timeout: float) -> bool:
        """Move arrived events to the backlog, waiting up to timeout for one; False if none came."""
        try:
            self.backlog.append(self.events.get(timeout=timeout))
        except queue.Empty:
            return False
        while not self.events.empty():
            self.backlog.append(self.events.get())
        return True

    def wait_for(self, event: str, timeout: float, **fields) -> dict:
        """The first event of that kind whose fields match; it and earlier ones of its kind are used up."""
        end = time.monotonic() + timeout
        while True:
            for i, item in enumerate(self.backlog):
                if item["event"] == event and all(item.get(k) == v for k, v in fields.items()):
                    self.backlog = [x for x in self.backlog[:i] if x["event"] != event] + self.backlog[i + 1:]
                    return item
            left = end - time.monotonic()
            if left <= 0 or self.process.poll() is not None:
                exited = self.process.poll()
                raise SmokeFailure(f"no {event} {fields or ''}within {timeout:.0f} s"
                                   + ("" if exited is None else f" (the app exited with {exited})"))
            self._pull(min(left, 0.2))

    def settled_prediction(self, quiet: float = 0.5, timeout: float = 10.0) -> dict:
        """The last prediction once none has come for `quiet` seconds; all predictions are used up."""
        first = self.wait_for("prediction", timeout)
        while self._pull(quiet):
            pass
        later = [x for x in self.backlog if x["event"] == "prediction"]
        self.backlog = [x for x in self.backlog if x["event"] != "prediction"]
        return later[-1] if later else first

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self._stderr.close()


def xdotool(*args: object, timeout: float = 20.0) -> str:
    """Run xdotool with args; its output."""
    done = subprocess.run(["xdotool", *map(str, args)], capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise SmokeFailure(f"xdotool {' '.join(map(str, args))} failed: {done.stderr.strip()}")
    return done.stdout.strip()


def draw(rect: list[int], points: list[tuple[float, float]]) -> None:
    """One stroke through points given in fractions of the canvas: button down, moves, button up."""
    x, y, w, h = rect
    side = min(w, h)
    left, top = x + (w - side) / 2, y + (h - side) / 2
    pixels = [(round(left + u * side), round(top + v * side)) for u, v in points]
    args: list[object] = ["mousemove", *pixels[0], "mousedown", 1]
    for px, py in pixels[1:]:
        args += ["sleep", 0.01, "mousemove", px, py]
    xdotool(*args, "sleep", 0.05, "mouseup", 1)


def click(rect: list[int]) -> None:
    x, y, w, h = rect
    xdotool("mousemove", x + w // 2, y + h // 2, "click", 1)


def close_window(window: int) -> None:
    """Ask the window to close as a window manager's close button does: a WM_DELETE_WINDOW message.
    (xdotool's windowclose destroys the window instead, which no user can do.)"""
    class ClientMessage(ctypes.Structure):
        _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                    ("display", ctypes.c_void_p), ("window", ctypes.c_ulong),
                    ("message_type", ctypes.c_ulong), ("format", ctypes.c_int), ("data", ctypes.c_long * 5)]

    class Event(ctypes.Union):
        _fields_ = [("xclient", ClientMessage), ("pad", ctypes.c_long * 24)]   # XEvent's size

    x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XInternAtom.restype = ctypes.c_ulong
    x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x11.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long, ctypes.c_void_p]
    x11.XFlush.argtypes = x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    display = x11.XOpenDisplay(None)
    if not display:
        raise SmokeFailure("cannot open the X display to close the window")
    event = Event()
    message = event.xclient
    message.type, message.window, message.format = 33, window, 32   # 33: ClientMessage
    message.message_type = x11.XInternAtom(display, b"WM_PROTOCOLS", False)
    message.data[0] = x11.XInternAtom(display, b"WM_DELETE_WINDOW", False)
    x11.XSendEvent(display, window, False, 0, ctypes.byref(event))
    x11.XFlush(display)
    x11.XCloseDisplay(display)


# strokes in fractions of the canvas' square: a vertical bar, and an ellipse from the top round
ONE = [(0.5, 0.18 + 0.04 * i) for i in range(17)]
ZERO = [(0.5 + 0.2 * math.sin(math.pi * i / 12), 0.5 - 0.3 * math.cos(math.pi * i / 12)) for i in range(25)]


def check_drawing(app: App, shown: dict) -> str:
    """Draw a 1, clear with Esc, draw a 0: the bars must say 1, nothing, 0."""
    answers = []
    for digit, stroke in ((1, ONE), (0, ZERO)):
        draw(shown["canvas"], stroke)
        answer = app.settled_prediction()
        if answer["digit"] != digit:
            raise SmokeFailure(f"drew a {digit}, the window predicted {answer['digit']} (p {answer['p']})")
        answers.append(f"{answer['digit']} (p {answer['p']:.2f})")
        xdotool("key", "Escape")
        app.wait_for("prediction", 10, digit=None)
    return f"drew a 1 and a 0 with the X pointer: predicted {' and '.join(answers)}, Esc cleared"


def train_and_save(app: App, shown: dict, target: Path) -> str:
    """Training tab, Start, Stop once it runs, Save through the real file dialog."""
    click(shown["tabs"][1])
    buttons = app.wait_for("training_shown", 30)
    click(buttons["start"])
    app.wait_for("training_state", 60, state="running")
    time.sleep(1.0)   # a moment of training
    click(buttons["stop"])
    app.wait_for("training_state", 30, state="finished")
    click(buttons["save"])
    dialog = xdotool("search", "--sync", "--onlyvisible", "--name", "^Save model$").split()[0]
    xdotool("windowfocus", "--sync", dialog)
    xdotool("key", "ctrl+a")
    xdotool("type", "--delay", 20, str(target))
    xdotool("key", "Return")
    end = time.monotonic() + 20
    while not target.exists():
        if time.monotonic() > end:
            raise SmokeFailure(f"the save dialog did not save to {target}")
        time.sleep(0.1)
    return "trained a moment and saved through the dialog"


def close_and_check(app: App, window: int, target: Path | None) -> str:
    close_window(window)
    try:
        code = app.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        raise SmokeFailure("the window did not close within 20 s of WM_DELETE_WINDOW") from None
    if code != 0:
        raise SmokeFailure(f"the app exited with {code}")
    if target is None:
        return "closed, exit 0"
    from digitlab.nn.files.model_io import load_model
    network, _ = load_model(target)
    if network.sizes[0] != 784 or network.sizes[-1] != 10:
        raise SmokeFailure(f"the saved model has sizes {network.sizes}")
    return f"closed, exit 0; the saved model loads ({'-'.join(map(str, network.sizes))})"


def opened_window(app: App, tab: int) -> tuple[dict, int]:
    """The "shown" report and the X window, checked to open on `tab` with DigitLab's title."""
    shown = app.wait_for("shown", 30)
    if shown["tab"] != tab:
        raise SmokeFailure(f"the window opened on tab {shown['tab']}, not {tab}")
    window = shown["window"]
    title = xdotool("getwindowname", window)
    if not title.startswith("DigitLab"):
        raise SmokeFailure(f"window {window} is called {title!r}")
    xdotool("windowfocus", "--sync", window)   # as a window manager does when the window maps
    app.wait_for("model", 30)
    return shown, window


def session(app: App, folder: Path, train: bool) -> list[str]:
    shown, window = opened_window(app, 0)
    done = [f"window {window} {xdotool('getwindowname', window)!r} found", check_drawing(app, shown)]
    target = folder / "smoke model.npz" if train else None
    if target is not None:
        done.append(train_and_save(app, shown, target))
    done.append(close_and_check(app, window, target))
    return done


def reopen(app: App, tab: int) -> str:
    """The second start, with the settings the first one wrote: the same tab comes back."""
    _, window = opened_window(app, tab)
    close_and_check(app, window, None)
    return f"reopened on the tab it was closed on ({tab}), closed, exit 0"


def app_environment(folder: Path) -> dict[str, str]:
    """The app's environment: the probe on, English, X11, and settings, data and log of its own
    in folder (never the user's: a remembered tab would change what the window opens on)."""
    env = dict(os.environ, DIGITLAB_SMOKE="1", DIGITLAB_LANG="en", QT_QPA_PLATFORM="xcb",
               DIGITLAB_SETTINGS=str(folder / "DigitLab.ini"), DIGITLAB_DATA_DIR=str(folder / "data"),
               DIGITLAB_LOG_DIR=str(folder / "log"))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=90.0, help="seconds for the whole test")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY") or shutil.which("xdotool") is None:
        print("x11 smoke: needs DISPLAY set to an X server and xdotool installed", file=sys.stderr)
        return 2
    mnist = os.environ.get("DIGITLAB_MNIST_DIR")
    train = bool(mnist) and (Path(mnist) / "train-images-idx3-ubyte.gz").exists()
    if not train:
        print("x11 smoke: training and saving skipped: DIGITLAB_MNIST_DIR has no MNIST files")
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="digitlab-x11-smoke-") as name:
        folder = Path(name)
        env = app_environment(folder)
        stderr = folder / "app-stderr.txt"
        app = App(env, stderr)
        watchdog = threading.Timer(args.timeout, lambda: app.stop())   # never hang CI
        watchdog.start()
        try:
            for step in session(app, folder, train):
                print(f"x11 smoke: {step}")
            app.stop()
            app = App(env, stderr)
            print(f"x11 smoke: {reopen(app, 1 if train else 0)}")
        except Exception as failure:   # any failure of a step, told with the app's own stderr
            app.stop()
            log = stderr.read_text(encoding="utf-8", errors="replace")
            told = failure if isinstance(failure, SmokeFailure) else traceback.format_exc()
            print(f"x11 smoke FAILED after {time.monotonic() - start:.1f} s: {told}\n"
                  f"--- the app's stderr ---\n{log[-4000:]}", file=sys.stderr)
            print("x11-smoke: 0 passed, 1 failed")
            return 1
        finally:
            watchdog.cancel()
            app.stop()
    print(f"x11 smoke: passed in {time.monotonic() - start:.1f} s")
    print("x11-smoke: 1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
