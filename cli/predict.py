"""`digitlab predict [--model PATH] IMAGE ... [--json]`: classify image files as the canvas does."""
from __future__ import annotations

import argparse
from pathlib import Path

from digitlab.cli import common
from digitlab.cli.common import CliError
from digitlab.cli.files import display_path, printable
from digitlab.nn.files.file_checks import os_reason


def run(args: argparse.Namespace) -> int:
    """Classify every image; a bad image costs its own line on stderr and exit 1, not the rest."""
    from digitlab.cli.format import format_predictions

    network, _ = common.load_network(args.model)
    app = _gui_application()  # noqa: F841  (kept alive while images are read)
    results, failures = [], 0
    for image_path in args.images:
        try:
            results.append(predict_one(network, image_path))
        except CliError as error:
            failures += 1
            common.print_error(str(error))
            results.append({"file": display_path(image_path, shorten=False),
                            "error": " ".join(printable(str(error)).split())})
    if args.json:
        common.print_json(results)
    elif failures < len(results):
        print(format_predictions([result for result in results if "error" not in result]))
    return 1 if failures else 0


def _gui_application():
    """A QGuiApplication on the offscreen platform unless one runs: Qt draws an SVG's text with
    fonts, and its font database aborts the process without a QGuiApplication."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication

    if QCoreApplication.instance() is not None:
        return QCoreApplication.instance()
    return QGuiApplication(["digitlab", "-platform", "offscreen"])


def predict_one(network, image_path: Path) -> dict:
    """{"file", "digit", "probabilities"} for one image, preprocessed as on the canvas."""
    import numpy as np

    from digitlab.gui.draw.image_io import load_image_gray
    from digitlab.nn.data.preprocess import preprocess

    common.check_file(image_path, "image")
    try:
        gray = load_image_gray(image_path)
    except ValueError as error:  # image_io.ImageFileError: a message for the user, naming the file
        raise CliError(str(error)) from None
    except OSError as error:
        raise CliError(f"cannot read image {display_path(image_path)}: "
                       f"{os_reason(error, image_path)}") from None
    x = preprocess(gray)
    if x is None:
        raise CliError(f"no digit found in {display_path(image_path)}: the image is blank")
    probabilities = np.asarray(network.probabilities(x.reshape(1, 784))).reshape(10)
    return {
        "file": display_path(image_path, shorten=False),
        "digit": int(probabilities.argmax()),
        "probabilities": [float(p) for p in probabilities],
    }
