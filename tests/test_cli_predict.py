"""cli/predict.py (`digitlab predict`): images preprocessed as on the canvas."""
import json

import numpy as np
import pytest

from test_cli import assert_one_line_error, run_cli, write_stroke_png


def test_predict_both_polarities_json(capsys, tmp_path, dlfs_weights):
    dark = write_stroke_png(tmp_path / "dark_on_light.png", dark_on_light=True)
    light = write_stroke_png(tmp_path / "light_on_dark.jpg", dark_on_light=False, size=(300, 200))
    code, out, _ = run_cli(capsys, "predict", "--model", dlfs_weights, dark, light, "--json")
    assert code == 0
    results = json.loads(out)
    assert [result["file"] for result in results] == [str(dark), str(light)]
    for result in results:
        assert set(result) == {"file", "digit", "probabilities"}
        assert len(result["probabilities"]) == 10
        assert sum(result["probabilities"]) == pytest.approx(1.0, abs=1e-5)
        assert result["digit"] == int(np.argmax(result["probabilities"]))
        assert result["digit"] == 1


def test_predict_text_output(capsys, tmp_path, dlfs_weights):
    image = write_stroke_png(tmp_path / "one.png", dark_on_light=True)
    code, out, _ = run_cli(capsys, "predict", "--model", dlfs_weights, image)
    assert code == 0
    header, row = out.strip().splitlines()
    assert row.split()[:2] == [str(image), "1"]


def test_missing_image(capsys, tmp_path, dlfs_weights):
    code, _, err = run_cli(capsys, "predict", "--model", dlfs_weights, tmp_path / "nope.png")
    assert_one_line_error(code, err, "nope.png")


def test_unreadable_and_blank_images(capsys, tmp_path, dlfs_weights):
    text = tmp_path / "notes.png"
    text.write_text("not an image")
    code, _, err = run_cli(capsys, "predict", "--model", dlfs_weights, text)
    assert_one_line_error(code, err, "notes.png")

    from PySide6.QtGui import QColor, QImage
    blank = QImage(50, 50, QImage.Format.Format_RGB32)
    blank.fill(QColor("white"))
    assert blank.save(str(tmp_path / "blank.png"))
    code, _, err = run_cli(capsys, "predict", "--model", dlfs_weights, tmp_path / "blank.png")
    assert_one_line_error(code, err, "blank.png")


def test_predict_and_eval_without_model_use_the_shipped_one(capsys, tmp_path, mnist_dir):
    from digitlab import resources
    if not resources.path(*resources.DEFAULT_MODEL).exists():
        pytest.skip("the shipped model is not there")
    image = write_stroke_png(tmp_path / "one.png", dark_on_light=True)
    code, out, _ = run_cli(capsys, "predict", image, "--json")
    assert code == 0 and json.loads(out)[0]["digit"] == 1
    code, out, _ = run_cli(capsys, "eval", "--mnist-dir", mnist_dir, "--json")
    assert code == 0
    result = json.loads(out)
    assert result["model"] == "default" and result["accuracy"] >= 0.985


SVG_SEVEN = ('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
             '<rect width="100" height="100" fill="white"/>'
             '<text x="22" y="85" font-size="90">7</text></svg>')


def run_in_child(*argv):
    """The command in a fresh Python with no QApplication (Qt aborts such a process)."""
    import subprocess
    import sys

    code = "import sys; from digitlab.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", code, *map(str, argv)], capture_output=True,
                          text=True, timeout=120, check=False)


def test_an_svg_with_text_is_read_not_aborted(tmp_path):
    svg = tmp_path / "seven.svg"
    svg.write_text(SVG_SEVEN)
    done = run_in_child("predict", svg, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["digit"] == 7


def test_an_svgz_bomb_is_refused_with_little_memory(tmp_path):
    from bombs import gzip_bomb, run_measured

    bomb = tmp_path / "bomb.svgz"     # 0.6 MB on disk, 600 MB of SVG text once unpacked
    bomb.write_bytes(gzip_bomb(b'<svg xmlns="http://www.w3.org/2000/svg"><!--', 600))
    measured = run_measured("from digitlab.cli import main",
                            f"assert main(['predict', {str(bomb)!r}]) == 1")
    assert measured.outcome == "loaded" and measured.grown_mb < 300, measured


def test_an_svg_outside_the_command_line_without_a_gui_application_is_refused(tmp_path):
    svg = tmp_path / "seven.svg"
    svg.write_text(SVG_SEVEN)
    code = ("import sys; from PySide6.QtCore import QCoreApplication; app = QCoreApplication([]);"
            "from digitlab.gui.draw.image_io import ImageFileError, load_image_gray\n"
            "try:\n    load_image_gray(sys.argv[1])\nexcept ImageFileError as e:\n    print(e)")
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "-c", code, str(svg)], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0 and "SVG" in done.stdout and "PNG" in done.stdout, done.stderr
