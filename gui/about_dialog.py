"""About DigitLab: versions, the shipped model and how it was trained, credits and licences."""
from __future__ import annotations

import html
import platform
from importlib import metadata

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from digitlab import resources
from digitlab.gui.accessibility import name_controls

# TrainConfig field -> command-line flag, in the order `digitlab train --help` lists them.
FLAGS = (("hidden_sizes", "--hidden"), ("activation", "--activation"), ("weight_init", "--init"),
         ("optimizer", "--optimizer"), ("lr", "--lr"), ("schedule", "--schedule"),
         ("batch_size", "--batch-size"), ("epochs", "--epochs"), ("weight_decay", "--weight-decay"),
         ("dropout", "--dropout"), ("augment", "--augment"), ("aspect", "--aspect"),
         ("blur_prob", "--blur-prob"), ("blur_sigma", "--blur-sigma"),
         ("lowres_prob", "--lowres-prob"), ("lowres_side", "--lowres-side"),
         ("heavy_prob", "--heavy-prob"), ("train_size", "--train-size"),
         ("drawn_digits", "--drawn"), ("seed", "--seed"), ("gradient", "--gradient"),
         ("dtype", "--dtype"))
# `train` refuses a range whose probability is 0 (it would do nothing): leave it out.
RANGE_OF = {"blur_sigma": "blur_prob", "lowres_side": "lowres_prob"}


def train_command(config: dict) -> str:
    """The `digitlab train ...` command that reproduces a model's TrainConfig (its metadata)."""
    from digitlab.nn.training.train_config import DEFAULTS
    defaults = DEFAULTS.to_dict()     # what `train` runs when a flag is left out
    words = ["digitlab", "train"]
    for field, flag in FLAGS:
        value = config.get(field)
        if value is None or value == defaults.get(field) or value is False:
            continue
        if field in RANGE_OF and not config.get(RANGE_OF[field]):
            continue
        if value is True:
            words.append(flag)
        elif isinstance(value, (list, tuple)):
            words += [flag, ",".join(str(size) for size in value)]
        else:
            words += [flag, str(value)]
    return " ".join(words)


def versions() -> dict[str, str]:
    """Name -> version of DigitLab and what it runs on (pyqtgraph is imported here if not yet)."""
    import numpy
    import pyqtgraph
    try:
        own = metadata.version("digitlab")
    except metadata.PackageNotFoundError:   # a checkout that was never installed
        own = "development"
    return {"DigitLab": own, "Python": platform.python_version(), "Qt": qVersion(),
            "PySide6": pyside_version, "NumPy": numpy.__version__,
            "pyqtgraph": pyqtgraph.__version__}


def shipped_model_facts() -> tuple[float | None, str]:
    """(MNIST test accuracy, training command) of the shipped model, from its metadata."""
    from digitlab.nn.files.model_io import ModelFileError, load_any
    try:
        _, meta = load_any(resources.path(*resources.DEFAULT_MODEL))
    except (ModelFileError, OSError):
        return None, ""
    return meta.get("test_accuracy"), train_command(meta.get("config", {}))


class AboutDialog(QDialog):
    """Versions, the shipped model, credits and licences, in a scrollable text. No signals."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About DigitLab"))
        self.resize(620, 560)
        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.text.setHtml(self.page())
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setToolTip(self.tr("Close this window"))
        name_controls(self)

    def page(self) -> str:
        """The dialog's HTML in the user's language."""
        accuracy, command = shipped_model_facts()
        rows = "".join(f"<tr><td>{html.escape(name)}</td><td>{html.escape(version)}</td></tr>"
                       for name, version in versions().items())
        model = (self.tr("The shipped model (784-512-256-10, ReLU) reads {0:.2%} of the 10,000 "
                         "MNIST test images correctly. It was trained with:").format(accuracy)
                 if accuracy is not None else self.tr("The shipped model could not be read."))
        intro = self.tr("A desktop lab for chapters 3-4 of Deep Learning from Scratch: draw a digit, "
                        "train a NumPy network on MNIST, watch gradient descent.")
        credits = (
            self.tr("MNIST database of handwritten digits: Yann LeCun, Corinna Cortes and "
                    "Christopher J.C. Burges; licensed CC BY-SA 3.0."),
            self.tr("The textbook: Saitoh Koki, Deep Learning from Scratch, O'Reilly Japan; the Korean "
                    "edition (밑바닥부터 시작하는 딥러닝) by Hanbit Media."),
            self.tr("The textbook's pre-trained weights sample_weight.pkl come from its code "
                    "repository under the MIT licence (opened from your disk, not shipped)."),
            self.tr("Qt and PySide6 (LGPLv3), pyqtgraph (MIT), NumPy (BSD-3-Clause), platformdirs "
                    "(MIT), tqdm (MPL-2.0 and MIT)."),
            self.tr("DigitLab itself: MIT licence."),
        )
        headings = (self.tr("Versions"), self.tr("The shipped model"), self.tr("Credits and licences"))
        versions_h, model_h, credits_h = (html.escape(heading) for heading in headings)
        items = "".join(f"<li>{html.escape(line)}</li>" for line in credits)
        return (f"<h2>DigitLab</h2><p>{html.escape(intro)}</p>"
                f"<h3>{versions_h}</h3><table cellspacing='6'>{rows}</table>"
                f"<h3>{model_h}</h3><p>{html.escape(model)}</p>"
                # wrapped between words, not cut: the command is longer than the dialog is wide
                + (f"<p style='font-family: monospace; white-space: pre-wrap'>{html.escape(command)}</p>"
                   if command else "")
                + f"<h3>{credits_h}</h3><ul>{items}</ul>")
