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
