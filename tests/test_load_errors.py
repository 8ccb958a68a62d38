"""Files that used to end in a traceback or a misleading message: each gives the project's own
error, on one line, saying what is actually wrong."""
import json
import os
import struct
import threading

import numpy as np
import pytest

from digitlab.gui.draw.image_io import ImageFileError, load_image_gray
from digitlab.nn.data import mnist as data
from digitlab.nn.data.mnist import IdxError
from digitlab.nn.files.model_io import ModelFileError, load_any, load_model

from bombs import npy_header
from local_mirror import fake_mnist, idx_bytes


def small_model(path, metadata=None):
    rng = np.random.default_rng(0)
    np.savez(path, metadata=np.array(json.dumps(metadata or {"activation": "relu"})),
             W1=rng.normal(size=(784, 5)).astype(np.float32), b1=np.zeros(5, np.float32),
             W2=rng.normal(size=(5, 10)).astype(np.float32), b2=np.zeros(10, np.float32))
    return path


def one_line(error) -> str:
    text = str(error)
    assert "\n" not in text and text.strip() == text and text
    return text


def write_png(path) -> None:
    """A 40 x 30 white PNG with one black pixel at (15, 20), written by Python (any file name)."""
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QColor, QImage
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    image.setPixelColor(20, 15, QColor("black"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "PNG")
    with open(path, "wb") as f:
        f.write(bytes(buffer.data()))


# ---- model files ------------------------------------------------------------------------------

def test_npz_header_declaring_a_huge_shape(tmp_path):
    path = small_model(tmp_path / "huge.npz")
    raw = bytearray(path.read_bytes())
    old = npy_header((784, 5))
    new = npy_header((784, 10 ** 12))
    assert len(old) == len(new) and raw.count(old) == 1
    raw[raw.index(old):raw.index(old) + len(old)] = new  # np.savez stores W1 uncompressed
    path.write_bytes(bytes(raw))
    with pytest.raises(ModelFileError, match=r"W1 declares shape \(784, 1000000000000\)") as info:
        load_any(path)
    one_line(info.value)


def test_metadata_sizes_that_are_not_a_list(tmp_path):
    path = small_model(tmp_path / "five.npz", {"activation": "relu", "sizes": 5})
    with pytest.raises(ModelFileError, match="metadata says sizes 5, the arrays have") as info:
        load_model(path)
    one_line(info.value)


@pytest.mark.parametrize("accuracy", ["97%", 12, -0.5, True, [0.9]])
def test_metadata_accuracy_that_is_not_a_fraction(tmp_path, accuracy):
    # the Draw tab formats it as a percentage: a string there was a traceback in the window
    path = small_model(tmp_path / "acc.npz", {"activation": "relu", "test_accuracy": accuracy})
    with pytest.raises(ModelFileError, match="test_accuracy"):
        load_model(path)


@pytest.mark.parametrize("accuracy", [0, 0.979, 1, None])
def test_metadata_accuracy_fractions_load(tmp_path, accuracy):
    path = small_model(tmp_path / "acc.npz", {"activation": "relu", "test_accuracy": accuracy})
    assert load_model(path)[1]["test_accuracy"] == accuracy


def test_strong_encryption_flag(tmp_path):
    path = small_model(tmp_path / "flag.npz")
    raw = bytearray(path.read_bytes())
    at = raw.index(b"PK\x01\x02")              # the first central directory entry
    raw[at + 8] |= 0x40                          # general purpose flag: strong encryption
    path.write_bytes(bytes(raw))
    with pytest.raises(ModelFileError, match="encrypted") as info:
        load_any(path)
    one_line(info.value)


def test_header_the_tokenizer_cannot_read(tmp_path):
    path = small_model(tmp_path / "token.npz")
    raw = path.read_bytes()
    header = npy_header((784, 5))
    broken = header.replace(b"}", b"(")       # an unclosed bracket: np.load's fallback tokenizes it
    path.write_bytes(raw.replace(header, broken))
    with pytest.raises(ModelFileError, match="not a Python literal") as info:
        load_any(path)
    one_line(info.value)


@pytest.mark.slow
def test_600_byte_flips_give_a_model_or_a_model_file_error(tmp_path):
    original = small_model(tmp_path / "m.npz").read_bytes()
    rng = np.random.default_rng(8)
    path = tmp_path / "flipped.npz"
    outcomes = {"loaded": 0, "refused": 0}
    for _ in range(600):
        raw = bytearray(original)
        raw[rng.integers(len(raw))] = rng.integers(256)
        path.write_bytes(bytes(raw))
        try:
            load_any(path)
            outcomes["loaded"] += 1
        except ModelFileError as error:
            one_line(error)
            outcomes["refused"] += 1
    assert outcomes["refused"] > 0 and sum(outcomes.values()) == 600


# ---- paths that are not files -----------------------------------------------------------------

@pytest.fixture
def odd_paths(tmp_path):
    """name -> (path, words the message must contain)."""
    folder = tmp_path / "folder.npz"
    folder.mkdir()
    loop = tmp_path / "loop.npz"
    loop.symlink_to(loop)
    dangling = tmp_path / "gone.npz"
    dangling.symlink_to(tmp_path / "never-there.npz")
    return {
        "long name": (tmp_path / ("x" * 300 + ".npz"), "304 bytes long, more than the 255"),
        "folder": (folder, "is a folder, not a file"),
        "link loop": (loop, "link loop"),
        "dangling link": (dangling, "link to a file that does not exist"),
        "missing": (tmp_path / "absent.npz", "not found"),
    }


@pytest.mark.parametrize("kind", ["long name", "folder", "link loop", "dangling link", "missing"])
def test_model_paths_that_are_not_files(odd_paths, kind):
    path, words = odd_paths[kind]
    pickle_too = [path.with_suffix(".pkl")] if kind in ("long name", "missing") else []
    for candidate in [path] + pickle_too:
        with pytest.raises(ModelFileError, match=words) as info:
            load_any(candidate)
        one_line(info.value)


@pytest.mark.parametrize("kind", ["long name", "folder", "link loop", "dangling link"])
def test_idx_paths_that_are_not_files(odd_paths, kind):
    path, words = odd_paths[kind]
    with pytest.raises(IdxError, match=words) as info:
        data.read_idx(path)
    one_line(info.value)


@pytest.mark.parametrize("kind, words", [("folder", "a folder"), ("link loop", "link loop")])
def test_an_mnist_file_that_is_a_folder_or_a_loop_is_not_called_missing(tmp_path, kind, words):
    folder = fake_mnist(tmp_path / "m")
    target = folder / "t10k-labels-idx1-ubyte.gz"
    target.unlink()
    if kind == "folder":
        target.mkdir()
    else:
        target.symlink_to(target)
    with pytest.raises(IdxError, match=words) as info:
        data.load_mnist(mnist_dir=folder)
    assert "t10k-labels-idx1-ubyte.gz" in one_line(info.value)


def test_an_mnist_folder_that_is_a_file(tmp_path):
    not_a_folder = tmp_path / "mnist"
    not_a_folder.write_text("")
    with pytest.raises(data.MnistNotFoundError, match="it is a file, not a folder"):
        data.load_mnist(mnist_dir=not_a_folder)


def test_a_label_out_of_range_is_named_with_its_value(tmp_path):
    folder = fake_mnist(tmp_path / "m", n_train=12, n_test=3)
    labels = (np.arange(12) % 10).astype(np.uint8)
    labels[7] = 200
    (folder / "train-labels-idx1-ubyte.gz").unlink()
    (folder / "train-labels-idx1-ubyte").write_bytes(idx_bytes(labels))
    with pytest.raises(IdxError, match=r"label 7 is 200, expected a digit 0\.\.9") as info:
        data.load_mnist(mnist_dir=folder)
    one_line(info.value)


def _opened_in_time(load, path) -> BaseException | None:
    """load(path) in a thread; fails if it blocks (then a writer is opened to release it)."""
    result = []

    def run():
        try:
            load(path)
        except Exception as error:  # noqa: BLE001  (the test inspects whatever was raised)
            result.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(10)
    if thread.is_alive():
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))  # the reader gets EOF and ends
        thread.join(10)
        pytest.fail(f"{load.__name__} blocked on a FIFO")
    return result[0] if result else None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("load, error", [(load_any, ModelFileError), (data.read_idx, IdxError)])
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path, load, error):
    fifo = tmp_path / "pipe.npz"
    os.mkfifo(fifo)
    raised = _opened_in_time(load, fifo)
    assert isinstance(raised, error) and "not a regular file" in str(raised)


# ---- images -----------------------------------------------------------------------------------

@pytest.mark.parametrize("kind, words", [
    ("long name", "too long"), ("folder", "is a folder"), ("link loop", "link loop"),
    ("dangling link", "does not exist")])
def test_image_paths_that_are_not_files(qapp, odd_paths, kind, words):
    path, _ = odd_paths[kind]
    with pytest.raises(ImageFileError, match=words) as info:
        load_image_gray(path)
    one_line(info.value)


@pytest.mark.skipif(os.name != "posix", reason="file names are bytes on POSIX only")
def test_an_image_whose_name_is_not_utf8(qapp, tmp_path):
    name = os.fsdecode(b"digit-\xff\xfe.png")  # surrogateescape, as sys.argv and os.listdir give
    path = os.path.join(tmp_path, name)
    write_png(os.fsencode(path))
    for given in (path, os.fsencode(path)):
        gray = load_image_gray(given)
        assert gray.shape == (30, 40) and gray[15, 20] == 0.0 and gray[0, 0] == 1.0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_an_image_fifo_is_refused(qapp, tmp_path):
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)
    raised = _opened_in_time(load_image_gray, fifo)
    assert isinstance(raised, ImageFileError) and "not a regular file" in str(raised)


def test_an_image_declaring_too_many_pixels(qapp, tmp_path):
    # a valid PNG header (IHDR) of 20000 x 20000 pixels and no data: refused before decoding
    import zlib
    ihdr = struct.pack(">IIBBBBB", 20_000, 20_000, 8, 0, 0, 0, 0)
    path = tmp_path / "wide.png"
    idat = zlib.compress(b"")
    chunks = [(b"IHDR", ihdr), (b"IDAT", idat), (b"IEND", b"")]
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"".join(
        struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        for kind, body in chunks))
    with pytest.raises(ImageFileError, match="20000 × 20000 pixels") as info:
        load_image_gray(path)
    one_line(info.value)


@pytest.mark.parametrize("kind", ["long name", "folder", "link loop", "dangling link", "missing"])
def test_the_command_line_and_the_loaders_word_a_bad_path_alike(odd_paths, kind, capsys):
    from digitlab.cli import main as cli_main
    from digitlab.nn.files.file_checks import file_problem

    path, words = odd_paths[kind]
    reason = file_problem(path)
    assert words in reason
    with pytest.raises(ModelFileError) as info:
        load_any(path)
    assert reason in str(info.value)
    assert cli_main(["eval", "--model", str(path)]) == 1
    assert reason in capsys.readouterr().err
