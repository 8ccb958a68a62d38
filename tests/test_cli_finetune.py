"""`digitlab finetune` (digitlab.cli.main in-process): results, files, one-line errors."""
import hashlib
import json

import numpy as np
import pytest

from digitlab import resources
from digitlab.cli import main as cli_main
from digitlab.nn.files.model_io import load_model
from digitlab.nn.data.personal import PersonalSet
from digitlab.nn.files.personal_zip import export_zip
from digitlab.nn.checks.unusual_digits import unusual_personal_set

SHIPPED = resources.path(*resources.DEFAULT_MODEL)


def run(capsys, *argv):
    code = cli_main(["finetune", *(str(arg) for arg in argv)])
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(code, err, *words, status=1):
    assert code == status
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    for word in words:
        assert word in err


@pytest.fixture(scope="module")
def personal_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("personal") / "mine.npz"
    unusual_personal_set(10, np.random.default_rng(4)).save(path)
    return path


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.mnist
def test_json_summary_and_the_saved_model(capsys, tmp_path, personal_file, mnist_dir):
    shipped_before = digest(SHIPPED)
    out = tmp_path / "mine_model.npz"
    code, stdout, err = run(capsys, "--personal", personal_file, "--out", out, "--steps", 20,
                            "--mnist-dir", mnist_dir, "--json")
    assert code == 0, err
    summary = json.loads(stdout)
    assert summary["steps"] == 20 and summary["personal_n"] == 8
    assert summary["personal_train_n"] == 32 and summary["mnist_n"] == 10_000
    for key in ("personal_before", "personal_after", "mnist_before", "mnist_after"):
        assert 0.0 <= summary[key] <= 1.0
    network, metadata = load_model(out)
    assert network.accuracy(*PersonalSet.load(personal_file).arrays("test")) == \
        summary["personal_after"]
    assert metadata["finetune"]["steps"] == 20 and metadata["finetune"]["from_model"] == "default"
    assert metadata["test_accuracy"] == summary["mnist_after"]
    assert digest(SHIPPED) == shipped_before


@pytest.mark.mnist
def test_text_output_from_an_exported_zip(capsys, tmp_path, personal_file, mnist_dir):
    exported = tmp_path / "mine.zip"
    export_zip(PersonalSet.load(personal_file), exported)
    out = tmp_path / "model.npz"
    code, stdout, err = run(capsys, "--personal", exported, "--out", out, "--steps", 5,
                            "--mnist-dir", mnist_dir)
    assert code == 0, err
    lines = stdout.strip().splitlines()
    assert lines[0].startswith("personal test accuracy: ") and "->" in lines[0]
    assert lines[1].startswith("MNIST test accuracy:") and lines[2] == f"model saved to {out}"
    assert out.is_file()


def test_never_overwrites_the_shipped_model(capsys, personal_file):
    before = digest(SHIPPED)
    code, _, err = run(capsys, "--personal", personal_file, "--out", SHIPPED)
    assert_one_line_error(code, err, "shipped model")
    assert digest(SHIPPED) == before


def test_never_overwrites_the_input_model(capsys, tmp_path, personal_file):
    model = tmp_path / "model.npz"
    model.write_bytes(SHIPPED.read_bytes())
    code, _, err = run(capsys, "--personal", personal_file, "--model", model,
                       "--out", tmp_path / "." / "model.npz")
    assert_one_line_error(code, err, "input model")


@pytest.mark.parametrize("make, words", [
    (lambda d: d / "missing.npz", ["not found", "missing.npz"]),
    (lambda d: (d / "broken.npz").write_bytes(b"nonsense") and d / "broken.npz",
     ["broken.npz", "not a personal data set"]),
    (lambda d: (d / "broken.zip").write_bytes(b"PK nonsense") and d / "broken.zip",
     ["broken.zip"]),
    (lambda d: (d / "notes.txt").write_text("1,2,3") and d / "notes.txt", [".npz or", ".zip"]),
])
def test_unusable_personal_files(capsys, tmp_path, make, words):
    code, _, err = run(capsys, "--personal", make(tmp_path), "--out", tmp_path / "out.npz")
    assert_one_line_error(code, err, *words)


def test_a_set_with_only_test_samples_is_refused(capsys, tmp_path):
    personal = PersonalSet()
    personal.add(np.zeros((28, 28)), 3, sample_id=4)     # id 4: the test split
    path = tmp_path / "only_test.npz"
    personal.save(path)
    code, _, err = run(capsys, "--personal", path, "--out", tmp_path / "out.npz")
    assert_one_line_error(code, err, "no training samples")


def test_out_in_a_missing_folder_is_refused_before_any_work(capsys, tmp_path, personal_file):
    code, _, err = run(capsys, "--personal", personal_file, "--out", tmp_path / "no" / "m.npz")
    assert_one_line_error(code, err, "--out")


def test_missing_mnist_is_one_line(capsys, tmp_path, personal_file):
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run(capsys, "--personal", personal_file, "--out", tmp_path / "m.npz",
                       "--mnist-dir", empty)
    assert_one_line_error(code, err, "MNIST")
    assert not (tmp_path / "m.npz").exists()


@pytest.mark.parametrize("argv, words", [
    ([], ["--personal"]),
    (["--personal", "x.npz"], ["--out"]),
    (["--personal", "x.npz", "--out", "y.npz", "--steps", "0"], ["--steps"]),
])
def test_bad_command_line_is_one_line_exit_2(capsys, argv, words):
    code, _, err = run(capsys, *argv)
    assert_one_line_error(code, err, *words, status=2)


def test_the_command_does_not_import_qt():
    import subprocess
    import sys
    code = ("import sys, digitlab.cli.finetune, digitlab.nn.training.finetune, digitlab.nn.files.personal_zip;"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, cwd=SHIPPED.parent.parent.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("link", ["same", "symlink", "hardlink", "dotted"])
def test_out_that_is_the_personal_set_is_refused_and_the_set_kept(capsys, tmp_path, link):
    personal = tmp_path / "mine.npz"
    unusual_personal_set(10, np.random.default_rng(4)).save(personal)
    before = digest(personal)
    out = {"same": personal, "dotted": tmp_path / "." / "mine.npz",
           "symlink": tmp_path / "link.npz", "hardlink": tmp_path / "hard.npz"}[link]
    if link == "symlink":
        out.symlink_to(personal)
    elif link == "hardlink":
        out.hardlink_to(personal)
    code, _, err = run(capsys, "--personal", personal, "--out", out, "--force")
    assert_one_line_error(code, err, "personal data set", "never overwritten")
    assert digest(personal) == before


def test_an_existing_out_is_replaced_only_with_force(capsys, tmp_path, personal_file):
    out, empty = tmp_path / "old_model.npz", tmp_path / "empty"
    out.write_bytes(b"an older model")
    empty.mkdir()
    code, _, err = run(capsys, "--personal", personal_file, "--out", out, "--mnist-dir", empty)
    assert_one_line_error(code, err, "--out", "exists", "--force")
    code, _, err = run(capsys, "--personal", personal_file, "--out", out, "--mnist-dir", empty,
                       "--force")
    assert_one_line_error(code, err, "MNIST")       # past the check: the next problem
    assert out.read_bytes() == b"an older model"


def test_out_that_is_an_mnist_file_is_refused(capsys, tmp_path, personal_file):
    from digitlab.nn.data.mnist import FILES

    for name in FILES:
        (tmp_path / name).write_bytes(b"mnist")
    out = tmp_path / next(iter(FILES))
    code, _, err = run(capsys, "--personal", personal_file, "--out", out, "--mnist-dir",
                       tmp_path, "--force")
    assert_one_line_error(code, err, "MNIST file")
    assert out.read_bytes() == b"mnist"


@pytest.mark.parametrize("kind", [MemoryError, RecursionError])
def test_a_personal_file_failing_in_any_way_is_reported_as_damaged(capsys, tmp_path,
                                                                   monkeypatch, kind):
    path = tmp_path / "mine.npz"
    unusual_personal_set(10, np.random.default_rng(4)).save(path)

    def fail(*args):
        raise kind("deep inside")
    monkeypatch.setattr(PersonalSet, "load", fail)
    code, _, err = run(capsys, "--personal", path, "--out", tmp_path / "out.npz")
    assert_one_line_error(code, err, "mine.npz", "damaged")
    assert "memory" not in err


def test_a_personal_file_with_a_huge_declared_shape_is_reported_as_damaged(capsys, tmp_path):
    from bombs import declare_shape

    path = tmp_path / "mine.npz"
    unusual_personal_set(10, np.random.default_rng(4)).save(path)
    path.write_bytes(declare_shape(path.read_bytes(), "points", (10**12, 2)))
    before = digest(path)
    code, _, err = run(capsys, "--personal", path, "--out", tmp_path / "out.npz")
    assert_one_line_error(code, err, "mine.npz", "damaged")
    assert digest(path) == before
