"""Screenshots of DigitLab's window for the README: any tab, in a language and a theme.

    python scripts/screenshot.py --tab TAB [--lang en|ko] [--theme light|dark] [--out DIR]
        [--model PATH] [--digit 3] [--seed 1] [--flatten]

TAB (files written into --out, default docs/screenshots; SUFFIX is _ko for Korean and _dark for
the dark theme, both empty for English in the light theme):
  draw         draw{SUFFIX}.png: the Draw tab with a digit of nn.data.strokes drawn by real mouse
               events (--digit, --seed; --model, default the shipped one; --flatten shows x as the
               784-vector)
  training     training{SUFFIX}.png: the Training tab during the fourth epoch of 784-100-10 on
               10,000 images (needs MNIST)
  gradient     descent, race, descent_lr10, derivative, partial, field, loss, simplenet{SUFFIX}.png:
               the Gradient descent tab's panels
  handwriting  handwriting_{why,steps,gallery,finetune}{SUFFIX}.png: why it decided after a nudge
               from 3 to 8, the steps with centring off, a synthetic set of unusual digits
               (nn.checks.unusual_digits) in the gallery and fine-tuned on (needs MNIST)
  course       training_course, evaluation_course{SUFFIX}.png: the course setup mid-run with one
               timed numerical iteration, and the textbook's pickle on the Evaluation panel (needs
               MNIST and DIGITLAB_DLFS_WEIGHTS)
  inside       inside_{neuron,output,chapter3,lab,backward,map}{SUFFIX}.png at the window's default
               size: a digit (--digit, --seed) drawn on the Inside tab's small canvas, the diagram
               following it, the most active neuron of layer 1 opened, the output neuron of the
               answer opened (softmax step by step), the course's chapter 3; with MNIST also the lab
               after pruning half the weights (test accuracy, a pruning sweep), backward for the
               digit labelled 8 after one SGD step, and hidden layer 2's map with the digit's star
  conv         draw_conv, inside_conv{SUFFIX}.png at the window's default size: the shipped
               convolutional model chosen in the Draw tab's list, a digit (--digit, --seed) drawn
               on the Draw tab (filters and feature maps under "Inside the network"), then on the
               Inside tab's small canvas (the filters and feature maps in the diagram's place)
  watch        watch_{data,health,sure,curves,corruptions}{SUFFIX}.png: the Training tab's Data
               panel; the weights' health mid-run with the range test and a hint with its Why open;
               reliability and coverage, robustness curves and the corruption table of the shipped
               model against the textbook's pickle (needs MNIST; the pickle from
               DIGITLAB_DLFS_WEIGHTS, else the shipped model is compared with itself)
  overview     {draw,training,gradient}_{lang}_{theme}.png: each tab as a student first opens it
  all          draw, training, gradient, handwriting, course, inside and watch

The language and theme are chosen through View > Language and View > Theme, as a student would.
Settings, personal digits and log go to a temporary folder, never the user's. Offscreen unless
QT_QPA_PLATFORM is set (e.g. xcb under Xvfb for real fonts). Imports the installed digitlab.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from digitlab.nn.speed.blas import use_one_blas_thread

use_one_blas_thread()   # as the app does, before NumPy loads: the batch demo's timings as in the app
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from digitlab.gui.mouse_replay import replay  # noqa: E402

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
TABS = ("draw", "training", "gradient", "handwriting", "course", "inside", "watch", "conv", "overview",
        "all")
PAGES = {"draw": 0, "training": 1, "gradient": 2}


def settle(app: QApplication, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()


def wait_until(condition, timeout_ms: int = 300_000) -> None:
    """Run the event loop until condition() holds (polled every 50 ms) or the timeout."""
    loop, poll = QEventLoop(), QTimer()
    poll.timeout.connect(lambda: loop.quit() if condition() else None)
    poll.start(50)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    poll.stop()


class Shooter:
    """One main window in the chosen language and theme, and where its pictures go."""

    def __init__(self, args: argparse.Namespace) -> None:
        from digitlab.gui.main_window import MainWindow

        self.args = args
        self.app = QApplication.instance() or QApplication([sys.argv[0]])
        self.window = MainWindow()
        self.window.resize(1180, 860)
        self.window.show()
        self.window.set_language(args.lang)
        self.window.set_theme(args.theme)
        settle(self.app)
        self.suffix = ("" if args.lang == "en" else f"_{args.lang}") + \
                      ("" if args.theme == "light" else f"_{args.theme}")
        args.out.mkdir(parents=True, exist_ok=True)

    def save(self, widget, name: str) -> Path:
        path = self.args.out / f"{name}{self.suffix}.png"
        widget.grab().save(str(path))
        print(f"saved {path}")
        return path

    def page(self, name: str):
        """Open the tab `name` and return its widget (built now if it is lazy)."""
        self.window.tabs.setCurrentIndex(PAGES[name])
        settle(self.app)
        return {"draw": self.window.draw_tab, "training": self.window.training_page.widget,
                "gradient": self.window.gradient_page.widget}[name]

    def draw_digit(self, digit: int, seed: int, pen_width: float, shrink: float = 1.0,
                   shift=(0.0, 0.0)) -> None:
        """A digit of nn.data.strokes replayed on the canvas; shrunk around the centre and shifted
        (fractions of the side) for a small off-centre digit."""
        from digitlab.nn.data.strokes import drawn_digit

        tab = self.page("draw")
        _, strokes = drawn_digit(digit, np.random.default_rng(seed), pen_width=pen_width)
        side = 280.0
        strokes = [(s - side / 2) * shrink + side / 2 + np.array(shift) * side for s in strokes]
        tab.pen_slider.setValue(round(pen_width))    # the slider shows the pen the digit is drawn with
        tab.canvas.clear()
        replay(tab.canvas, strokes)
        tab.refresh_now()
        settle(self.app)

    def load_model(self) -> bool:
        tab = self.window.draw_tab
        if self.args.model is not None:
            return tab.model_choice.open_model_file(self.args.model)
        return tab.load_default_model()

    # --- one function per --tab ----------------------------------------------------------------
    def draw(self) -> None:
        self.load_model()
        rng = np.random.default_rng(self.args.seed)
        self.draw_digit(self.args.digit, self.args.seed, float(rng.uniform(14.0, 22.0)))
        self.window.draw_tab.input_view.flatten_box.setChecked(self.args.flatten)
        self.window.draw_tab.refresh_now()
        settle(self.app)
        self.save(self.window, "draw")
        self.window.draw_tab.input_view.flatten_box.setChecked(False)

    def training(self) -> None:
        from digitlab.nn.training.trainer import TrainConfig

        tab = self.page("training")
        tab.settings.set_config(TrainConfig(hidden_sizes=(100,), lr=0.1, batch_size=50, epochs=8,
                                            train_size=10_000, seed=1))
        if not tab.start():
            raise SystemExit(f"the Training tab did not start: {tab.progress_label.text()}")
        wait_until(lambda: tab.plots.point_counts()["epochs"] >= 3 or tab.state == "finished")
        wait_until(lambda: False, 100)    # a bit into the fourth epoch
        self.save(tab, "training")
        tab.shutdown()

    def gradient(self) -> None:
        tab = self.page("gradient")
        descent = tab.show_panel("descent")
        descent.apply_preset("converges")
        descent.controls.pause()
        for _ in range(12):
            descent.controls.step()
        settle(self.app)
        self.save(tab, "descent")
        race = tab.show_panel("race")
        for _ in range(25):
            race.controls.step()
        settle(self.app)
        self.save(tab, "race")
        descent = tab.show_panel("descent")
        descent.apply_preset("diverges")
        descent.controls.go_to_end()
        settle(self.app)
        self.save(tab, "descent_lr10")
        for name in ("derivative", "partial", "field", "loss", "simplenet"):
            panel = tab.show_panel(name)
            if name == "field":
                panel.show_gradient_at(3.0, 4.0)
            settle(self.app)
            self.save(tab, name)

    def handwriting(self) -> None:
        from digitlab.nn.checks.unusual_digits import unusual_personal_set

        self.load_model()
        tab = self.window.draw_tab
        panel = tab.handwriting
        self.draw_digit(3, 1, 16.0)
        tab.views.setCurrentWidget(panel.why_page)
        why = panel.why_view
        why.target_spin.setValue(8)
        why.start_nudge()
        wait_until(lambda: not why.is_nudging(), 60_000)
        settle(self.app)
        self.save(self.window, "handwriting_why")
        self.draw_digit(7, 2, 16.0, shrink=0.45, shift=(-0.22, -0.2))
        tab.views.setCurrentWidget(panel.steps_page)
        panel.steps_view.centre_box.setChecked(False)
        tab.refresh_now()
        settle(self.app)
        self.save(self.window, "handwriting_steps")
        panel.steps_view.centre_box.setChecked(True)
        panel.store.replace(unusual_personal_set(15, np.random.default_rng(0)))
        gallery = panel.show_gallery()
        gallery.resize(760, 560)
        settle(self.app)
        self.save(gallery, "handwriting_gallery")
        gallery.close()
        dialog = panel.show_finetune()
        wait_until(lambda: not dialog.is_running())
        settle(self.app)
        self.save(dialog, "handwriting_finetune")
        print(dialog.status.text())
        dialog.close()

    def course(self) -> None:
        from digitlab.nn.files.model_io import load_any

        weights = os.environ.get("DIGITLAB_DLFS_WEIGHTS")
        if not weights:
            raise SystemExit("--tab course needs DIGITLAB_DLFS_WEIGHTS (the textbook's "
                             "sample_weight.pkl)")
        self.window.resize(1400, 900)
        tab = self.page("training")
        # one numerical iteration of the course's network first (the tab is idle), then its
        # training on 10 images (the course's batch is 100): the same story, a tenth of the wait
        tab.course_tools.course_button.click()
        tab.settings.batch_spin.setValue(10)
        timed = []
        tab.course_tools.timed.connect(timed.append)
        tab.course_tools.time_numerical()
        wait_until(lambda: bool(timed))
        tab.settings.batch_spin.setValue(100)
        tab.start()
        wait_until(lambda: tab.plots.point_counts()["epochs"] >= 4)
        settle(self.app)
        self.save(tab, "training_course")
        tab.shutdown()
        network, _ = load_any(weights)
        tab.set_draw_model(network, "sample_weight.pkl")
        tab.evaluate_draw_model()
        tab.evaluation_panel.demo_button.click()
        wait_until(lambda: tab.evaluation_panel.demo_result is not None)
        settle(self.app)
        self.save(tab, "evaluation_course")
        print(tab.course_tools.numerical_label.text())
        self.window.resize(1180, 860)

    def inside(self) -> None:
        from digitlab.gui.main_window import MainWindow
        from digitlab.nn.data.strokes import drawn_digit

        self.window.resize(*MainWindow.DEFAULT_SIZE)
        self.load_model()
        self.window.tabs.setCurrentWidget(self.window.inside_page)
        settle(self.app)
        tab = self.window.inside_page.widget
        _, strokes = drawn_digit(self.args.digit, np.random.default_rng(self.args.seed), pen_width=18.0)
        tab.canvas.clear()
        replay(tab.canvas, strokes)
        wait_until(lambda: tab.diagram.view is not None and tab.x is not None, 5000)
        settle(self.app)
        view = tab.diagram.view
        layer1 = view.shown[1] if view.trace.depth > 1 else view.shown[-1]
        tab.show_neuron(1, int(layer1[np.argmax(view.trace.values(1)[layer1])]))   # the most active
        settle(self.app)
        self.save(self.window, "inside_neuron")
        tab.show_neuron(view.trace.depth, int(np.argmax(view.trace.y)))
        settle(self.app)
        self.save(self.window, "inside_output")
        tab.sections.setCurrentWidget(tab.chapter3_panel)
        settle(self.app)
        self.save(self.window, "inside_chapter3")
        self.inside_sections(tab)
        self.window.resize(1180, 860)

    def conv(self) -> None:
        from digitlab.gui.main_window import MainWindow
        from digitlab.nn.data.strokes import drawn_digit

        self.window.resize(*MainWindow.DEFAULT_SIZE)
        tab = self.window.draw_tab
        tab.load_default_model()
        choice = tab.model_choice
        kinds = [getattr(choice._models[choice.combo.itemData(i)][0], "kind", "")
                 for i in range(choice.combo.count())]
        choice.combo.setCurrentIndex(kinds.index("conv"))
        self.draw_digit(self.args.digit, self.args.seed, 18.0)
        self.save(self.window, "draw_conv")
        self.window.tabs.setCurrentWidget(self.window.inside_page)
        settle(self.app)
        inside = self.window.inside_page.widget
        _, strokes = drawn_digit(self.args.digit, np.random.default_rng(self.args.seed), pen_width=18.0)
        inside.canvas.clear()
        replay(inside.canvas, strokes)
        wait_until(lambda: inside.x is not None, 5000)
        settle(self.app)
        self.save(self.window, "inside_conv")
        self.window.resize(1180, 860)

    def inside_sections(self, tab) -> None:
        """The lab, backward and the map of the Inside tab (the lab's accuracy and the map need MNIST)."""
        from digitlab.nn.data.mnist import find_mnist_dir

        if find_mnist_dir() is None:
            print("inside_lab, inside_backward, inside_map skipped: MNIST not found (DIGITLAB_MNIST_DIR)")
            return
        lab = tab.lab_panel
        tab.sections.setCurrentWidget(lab)
        lab.prune_spin.setValue(50.0)
        lab.prune_button.click()
        lab.measure_accuracy()
        wait_until(lambda: lab.accuracy_button.isEnabled() and "…" not in lab.accuracy_label.text(), 60_000)
        lab.start_sweep()
        wait_until(lab.sweep_button.isEnabled, 60_000)
        self.save(self.window, "inside_lab")
        lab.reset()
        backward = tab.backward_panel
        tab.sections.setCurrentWidget(backward)
        backward.label_combo.setCurrentIndex(backward.label_combo.findData(8))
        backward.lr_spin.setValue(0.01)
        backward.take_step()
        self.save(self.window, "inside_backward")
        map_panel = tab.map_panel
        tab.sections.setCurrentWidget(map_panel)
        wait_until(lambda: map_panel.maps is not None, 60_000)
        map_panel.layer_combo.setCurrentIndex(min(2, map_panel.layer_combo.count() - 1))
        map_panel.show_point(int(np.flatnonzero(map_panel.labels == self.args.digit)[0]))
        settle(self.app)
        self.save(self.window, "inside_map")

    def watch(self) -> None:
        """Issue 22's views: the data, the weights' health with a hint, how sure and how sturdy."""
        from digitlab.nn.files.model_io import load_any
        from digitlab.nn.training.hints import HintKind
        from digitlab.nn.training.trainer import TrainConfig

        self.window.resize(*self.window.DEFAULT_SIZE)    # the issue asks for the default size
        tab = self.page("training")
        tab.views.setCurrentWidget(tab.data_panel)
        wait_until(lambda: "mnist" in tab.data_panel.summaries, 60_000)
        tab.data_panel.show_page(3)
        settle(self.app)
        self.save(self.window, "watch_data")
        # sigmoid units pushed by too large steps saturate: the hint fires within the first steps
        tab.settings.set_config(TrainConfig(hidden_sizes=(100,), activation="sigmoid", weight_init="he",
                                            optimizer="sgd", lr=3.0, epochs=20, train_size=10_000,
                                            seed=1))
        tab.views.setCurrentWidget(tab.health_panel.parentWidget())
        tab.lr_finder.find()
        wait_until(lambda: tab.lr_finder.result is not None, 60_000)
        tab.start()
        wait_until(lambda: tab.hint_list.card(HintKind.SATURATED) is not None
                   and tab.health_panel.latest is not None and tab.health_panel.latest.iteration >= 300,
                   60_000)
        card = tab.hint_list.card(HintKind.SATURATED)
        if card is not None:
            card.why_button.setChecked(True)
        settle(self.app)
        self.save(self.window, "watch_health")
        tab.reset_button.click()
        self.load_model()
        shipped = self.window.draw_tab.model_choice.current()
        panel = tab.robustness_panel
        panel.set_model(shipped[0], shipped[1])
        weights = os.environ.get("DIGITLAB_DLFS_WEIGHTS")
        if weights:
            panel.set_second_model(load_any(weights)[0], Path(weights).name)
        tab.views.setCurrentWidget(panel)
        panel.start()
        wait_until(lambda: panel.result is not None, 120_000)
        for index, name in enumerate(("watch_sure", "watch_curves", "watch_corruptions")):
            panel.pages.setCurrentIndex(index)
            settle(self.app)
            self.save(self.window, name)
        self.window.resize(1180, 860)

    def overview(self) -> None:
        """Each tab as first opened: a drawn 3, the settings before a run, a finished descent."""
        lang, theme = self.args.lang, self.args.theme
        for name in ("draw", "training", "gradient"):
            page = self.page(name)
            if name == "draw":
                self.load_model()
                self.draw_digit(3, 1, 18.0)
            elif name == "gradient":
                panel = page.show_panel("descent")
                settle(self.app)
                panel.apply_preset("converges")
                panel.controls.pause()
                panel.controls.go_to_end()
                settle(self.app)
            path = self.args.out / f"{name}_{lang}_{theme}.png"
            self.window.grab().save(str(path))
            print(f"saved {path}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="screenshot.py", description=__doc__.splitlines()[0],
                                     epilog="See the module's docstring for each tab's files.")
    parser.add_argument("--tab", choices=TABS, required=True, help="what to photograph")
    parser.add_argument("--lang", choices=("en", "ko"), default="en")
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="DIR",
                        help="folder for the PNGs (default: docs/screenshots)")
    parser.add_argument("--model", type=Path, help="the Draw tab's model (default: the shipped one)")
    parser.add_argument("--digit", type=int, default=3, help="--tab draw: the digit drawn")
    parser.add_argument("--seed", type=int, default=1, help="--tab draw: its random style")
    parser.add_argument("--flatten", action="store_true", help="--tab draw: show x as the 784-vector")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # screenshots show the defaults: never the user's remembered window, tab, theme, language or
    # digits (read when the window is built)
    temporary = Path(tempfile.mkdtemp(prefix="digitlab-shots-"))
    os.environ["DIGITLAB_SETTINGS"] = str(temporary / "DigitLab.ini")
    os.environ["DIGITLAB_DATA_DIR"] = str(temporary / "data")
    os.environ.setdefault("DIGITLAB_LOG_DIR", str(temporary / "log"))
    shooter = Shooter(args)
    tabs = (("draw", "training", "gradient", "handwriting", "course", "inside", "watch") if args.tab == "all"
            else (args.tab,))
    for tab in tabs:
        getattr(shooter, tab)()
    training = shooter.window.training_tab
    if training is not None:
        training.shutdown()
    shooter.window.settings.clear()   # not closed: closing would ask about the unsaved model
    return 0


if __name__ == "__main__":
    sys.exit(main())
