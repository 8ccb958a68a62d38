"""X11 smoke test: the installed `digitlab` command under a real X server, driven with real X input.

    DISPLAY=:N DIGITLAB_MNIST_DIR=... python scripts/x11_smoke.py [--timeout 300] [--command digitlab]

Run it with the Python that DigitLab is installed in, from any folder: it imports nothing from a
checkout (it reads the saved model with that Python's digitlab). .ci/run installs the wheel into a
fresh virtual environment and runs this from a temporary folder, after the test suite.
The app runs with DIGITLAB_SMOKE=1, so gui/smoke_probe.py prints where its widgets and menus are
and what it shows. Through xdotool (XTEST: the same events a mouse and keyboard give) this script
draws a 1 and a 0 on the canvas and checks the predictions (Esc clears in between); switches View >
Language to 한국어 and back to English through the menus (every tab title and a fixed label must
change language); switches View > Theme to Dark and to Light (the window's background must follow);
opens the Gradient descent tab and the Training tab; presses Start and, once it runs, Stop, and
saves through the save dialog; exports the experiment through its dialog and runs the exported .py
with this Python; then closes the window as a window manager does (WM_DELETE_WINDOW). It then starts
the app again, which must reopen on the tab it was closed on. Passed when every step happened, the
app exited 0 both times and wrote no traceback, the saved file loads as a 784-...-10 network and
the exported run finished. Without MNIST, training is skipped and the exported file must say in
one line that MNIST is missing. The app gets a settings file, data and log folder of its own: the
user's are never read or written.
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


class SmokeFailure(Exception):
    """A step of the smoke test did not happen as expected."""


class App:
    """The `digitlab` command with the probe on, run in folder; its JSON lines arrive on a queue."""

    def __init__(self, command: str, folder: Path, env: dict[str, str], log: Path) -> None:
        self._stderr = log.open("a", encoding="utf-8")
        self.process = subprocess.Popen([command], cwd=folder, env=env,
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


def save_through_dialog(title: str, target: Path) -> None:
    """Type target's path into the file dialog called title (a regular expression) and press Return."""
    dialog = xdotool("search", "--sync", "--onlyvisible", "--name", title).split()[0]
    xdotool("windowfocus", "--sync", dialog)
    xdotool("key", "ctrl+a")
    xdotool("type", "--delay", 20, str(target))
    xdotool("key", "Return")
    end = time.monotonic() + 20
    while not target.exists():
        if time.monotonic() > end:
            raise SmokeFailure(f"the dialog {title} did not save to {target}")
        time.sleep(0.1)


def train_and_save(app: App, buttons: dict, target: Path) -> str:
    """Start, Stop once it runs, Save through the real file dialog."""
    click(buttons["start"])
    app.wait_for("training_state", 60, state="running")
    time.sleep(1.0)   # a moment of training
    click(buttons["stop"])
    app.wait_for("training_state", 30, state="finished")
    click(buttons["save"])
    save_through_dialog("^Save model$", target)
    return "trained a moment and saved through the dialog"


def choose(app: App, menubar: dict, path: list[str]) -> None:
    """Open the menu bar's menu path[0] with the pointer and click through the named entries
    (a submenu opens when clicked; names as the probe reports them)."""
    click(menubar[path[0]])
    menu = app.wait_for("menu", 10, name=path[0])
    for i, name in enumerate(path[1:], 1):
        if name not in menu["items"]:
            raise SmokeFailure(f"the menu {menu['name']} has no {name} (it has {', '.join(menu['items'])})")
        click(menu["items"][name])
        if i < len(path) - 1:
            menu = app.wait_for("menu", 10, name=name)


def has_hangul(text: str) -> bool:
    return any("\uac00" <= c <= "\ud7a3" for c in text)


def switch_language(app: App, menubar: dict) -> tuple[str, dict]:
    """View > Language > 한국어, then English: the tab titles and a label set once at start-up
    (found again after the switch, not made by its widget) must change language each time."""
    choose(app, menubar, ["view_menu", "language_menu", "language:ko"])
    korean = app.wait_for("language", 15, language="ko")
    if not all(map(has_hangul, korean["tabs"])) or not has_hangul(korean["fixed"]):
        raise SmokeFailure(f"after View > Language > 한국어 the window shows {korean['tabs']} and "
                           f"{korean['fixed']!r}")
    choose(app, korean["menubar"], ["view_menu", "language_menu", "language:en"])
    english = app.wait_for("language", 15, language="en")
    if any(map(has_hangul, [*english["tabs"], english["fixed"]])) or english["tabs"][0] != "Draw":
        raise SmokeFailure(f"after View > Language > English the window shows {english['tabs']} and "
                           f"{english['fixed']!r}")
    return (f"View > Language: Korean ({', '.join(korean['tabs'])}; {korean['fixed']}) and back to English",
            english["menubar"])


def switch_theme(app: App, menubar: dict) -> str:
    """View > Theme > Dark, then Light: the window's background follows."""
    choose(app, menubar, ["view_menu", "theme_menu", "theme:dark"])
    dark = app.wait_for("theme", 15, theme="dark")
    choose(app, menubar, ["view_menu", "theme_menu", "theme:light"])
    light = app.wait_for("theme", 15, theme="light")
    if not dark["lightness"] < 128 < light["lightness"]:
        raise SmokeFailure(f"the window's background lightness was {dark['lightness']} with the dark "
                           f"theme and {light['lightness']} with the light one")
    return f"View > Theme: Dark (background {dark['lightness']}), Light ({light['lightness']})"


def open_tabs(app: App, shown: dict) -> dict:
    """Click the Gradient descent tab, then the Training tab; the Training tab's buttons."""
    click(shown["tabs"][2])
    app.wait_for("tab", 15, index=2)
    click(shown["tabs"][1])
    app.wait_for("tab", 15, index=1)
    return app.wait_for("training_shown", 30)


def export_and_run(app: App, buttons: dict, folder: Path, mnist: str | None) -> str:
    """Export this experiment through its dialog, then run the file with this Python (the
    installed package), from its folder, with no PYTHONPATH."""
    target = folder / "exported experiment.py"
    click(buttons["export"])
    save_through_dialog("^Export this experiment$", target)
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    try:
        done = subprocess.run([sys.executable, str(target), "--mnist-dir", mnist or str(folder / "no mnist")],
                              cwd=folder, env=env, capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        raise SmokeFailure("the exported experiment did not finish within 300 s") from None
    lines = done.stdout.strip().splitlines()
    if mnist:
        if done.returncode != 0 or not lines or not lines[-1].startswith("Training finished"):
            raise SmokeFailure(f"the exported experiment exited with {done.returncode}: "
                               f"{(done.stdout + done.stderr)[-2000:]}")
        return f"exported the experiment and ran it: {lines[-2] if len(lines) > 1 else lines[-1]}"
    if done.returncode != 1 or not done.stderr.startswith("error: The MNIST folder"):
        raise SmokeFailure(f"the exported experiment without MNIST exited with {done.returncode}: "
                           f"{(done.stdout + done.stderr)[-2000:]}")
    return "exported the experiment and ran it: it says in one line that MNIST is missing"


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


def session(app: App, folder: Path, mnist: str | None) -> list[str]:
    shown, window = opened_window(app, 0)
    done = [f"window {window} {xdotool('getwindowname', window)!r} found", check_drawing(app, shown)]
    step, menubar = switch_language(app, shown["menubar"])
    done += [step, switch_theme(app, menubar)]
    buttons = open_tabs(app, shown)
    done.append("opened the Gradient descent and the Training tab")
    target = folder / "smoke model.npz" if mnist else None
    if target is not None:
        done.append(train_and_save(app, buttons, target))
    done.append(export_and_run(app, buttons, folder, mnist))
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
    env.pop("PYTHONPATH", None)   # the installed package, nothing else
    return env


def digitlab_command(given: str | None) -> str | None:
    """The `digitlab` command: given, else the one beside this Python, else the one on PATH."""
    if given:
        return shutil.which(given)
    beside = Path(sys.executable).with_name("digitlab")
    return str(beside) if beside.is_file() else shutil.which("digitlab")


def app_traceback(log: Path) -> str | None:
    """The last traceback the app wrote on stderr, if any."""
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    return text[text.rindex("Traceback"):][-3000:] if "Traceback" in text else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds for the whole test")
    parser.add_argument("--command", help="the digitlab command to run (default: the one beside this "
                        "Python, else the one on PATH)")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY") or shutil.which("xdotool") is None:
        print("x11 smoke: needs DISPLAY set to an X server and xdotool installed", file=sys.stderr)
        return 2
    command = digitlab_command(args.command)
    try:
        import digitlab
    except ModuleNotFoundError:
        digitlab = None
    if command is None or digitlab is None:
        print(f"x11 smoke: DigitLab is not installed for {sys.executable}: run this with the Python "
              "whose `digitlab` command is to be tested", file=sys.stderr)
        return 2
    print(f"x11 smoke: {command} (the package in {list(digitlab.__path__)[0]})")
    mnist = os.environ.get("DIGITLAB_MNIST_DIR")
    if not (mnist and (Path(mnist) / "train-images-idx3-ubyte.gz").exists()):
        mnist = None
        print("x11 smoke: training and saving skipped: DIGITLAB_MNIST_DIR has no MNIST files")
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="digitlab-x11-smoke-") as name:
        folder = Path(name)
        env = app_environment(folder)
        stderr = folder / "app-stderr.txt"
        app = App(command, folder, env, stderr)
        watchdog = threading.Timer(args.timeout, lambda: app.stop())   # never hang CI
        watchdog.start()
        try:
            for step in session(app, folder, mnist):
                print(f"x11 smoke: {step}")
            app.stop()
            app = App(command, folder, env, stderr)
            print(f"x11 smoke: {reopen(app, 1)}")
            app.stop()
            told = app_traceback(stderr)
            if told:
                raise SmokeFailure(f"the app wrote a traceback:\n{told}")
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
