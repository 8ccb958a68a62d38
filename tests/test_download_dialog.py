"""The MNIST download dialog, driven through its buttons with a fake download or a 127.0.0.1 mirror."""
import hashlib
import socket
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pytest

from gui.download_dialog import DownloadDialog
from nn.data import FILES, DownloadCancelled, download_mnist, load_mnist


def idx_gz(path, array, type_byte=0x08):
    """Write array as a gzip-compressed IDX file (the MNIST format)."""
    import gzip
    header = bytes([0, 0, type_byte, array.ndim]) + b"".join(int(d).to_bytes(4, "big") for d in array.shape)
    path.write_bytes(gzip.compress(header + array.astype(">u1").tobytes()))


def fake_mnist(folder, n_train=6, n_test=4):
    """The four MNIST files with tiny contents; returns their md5 table."""
    folder.mkdir(parents=True)
    for prefix, n in (("train", n_train), ("t10k", n_test)):
        idx_gz(folder / f"{prefix}-images-idx3-ubyte.gz", np.full((n, 28, 28), 7, dtype=np.uint8))
        idx_gz(folder / f"{prefix}-labels-idx1-ubyte.gz", np.arange(n, dtype=np.uint8) % 10)
    return {name: hashlib.md5((folder / name).read_bytes()).hexdigest() for name in FILES}


@pytest.fixture
def server(tmp_path, monkeypatch):
    """A ThreadingHTTPServer on 127.0.0.1 serving tmp_path/served; yields (base URL, folder)."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    served = tmp_path / "served"

    class QuietHandler(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    served.mkdir()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(served)))
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/", served
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def make_dialog(qtbot, **kwargs):
    dialog = DownloadDialog(**kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_download_from_a_local_mirror_accepts_with_the_folder(qtbot, server, tmp_path):
    base, served = server
    md5s = fake_mnist(served / "mirror")
    dest = tmp_path / "cache"
    dialog = make_dialog(qtbot, dest=dest, mirrors=[base + "mirror/"], download=partial(download_mnist, files=md5s))
    values = []
    dialog.progress_bar.valueChanged.connect(values.append)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.download_button.click()
    assert dialog.result() == DownloadDialog.DialogCode.Accepted and dialog.folder == dest
    assert values and values == sorted(values)             # the bar only moves forward
    (x, t), (x_test, _) = load_mnist(normalize=False, mnist_dir=dialog.folder)
    assert x.shape == (6, 784) and x_test.shape == (4, 784) and t.tolist() == [0, 1, 2, 3, 4, 5]


def test_offline_names_the_flag_and_the_variable_and_offers_a_retry(qtbot, tmp_path):
    dialog = make_dialog(qtbot, dest=tmp_path / "cache", mirrors=[closed_port_url()])
    dialog.download_button.click()
    qtbot.waitUntil(lambda: dialog.download_button.isEnabled(), timeout=10_000)
    text = dialog.message.text()
    assert "--mnist-dir" in text and "DIGITLAB_MNIST_DIR" in text and "offline" in text
    assert dialog.download_button.text() == "Try again" and dialog.folder is None and dialog.isVisible()


def test_cancel_stops_a_running_download_and_a_second_cancel_closes(qtbot, tmp_path):
    started = threading.Event()

    def slow_download(dest, mirrors, progress, cancel):
        progress("train-images-idx3-ubyte.gz", 1000, 9_912_422)
        started.set()
        while not cancel():
            threading.Event().wait(0.01)
        raise DownloadCancelled("cancelled")

    dialog = make_dialog(qtbot, dest=tmp_path / "cache", download=slow_download)
    dialog.download_button.click()
    assert started.wait(5)
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: dialog.download_button.isEnabled(), timeout=5000)
    assert dialog.message.text() == "Download cancelled." and dialog.isVisible()
    with qtbot.waitSignal(dialog.rejected, timeout=1000):
        dialog.cancel_button.click()
    assert dialog.folder is None


def test_ensure_mnist_asks_only_when_mnist_is_nowhere(qtbot, tmp_path, monkeypatch):
    import gui.download_dialog as module
    from gui.training_worker import MnistCache
    asked = []

    def fake_exec(dialog):
        asked.append(dialog)
        dialog.folder = tmp_path / "downloaded"
        return DownloadDialog.DialogCode.Accepted
    monkeypatch.setattr(DownloadDialog, "exec", fake_exec)
    monkeypatch.setattr(module, "find_mnist_dir", lambda: tmp_path / "found")
    assert module.ensure_mnist(MnistCache()) and not asked
    monkeypatch.setattr(module, "find_mnist_dir", lambda: None)
    cache = MnistCache()
    assert module.ensure_mnist(cache) and len(asked) == 1 and cache.mnist_dir == tmp_path / "downloaded"
    monkeypatch.setattr(DownloadDialog, "exec", lambda dialog: DownloadDialog.DialogCode.Rejected)
    cache = MnistCache()
    assert not module.ensure_mnist(cache) and cache.mnist_dir is None
