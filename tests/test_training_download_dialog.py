"""The MNIST download dialog, driven through its buttons with a fake download or a 127.0.0.1 mirror."""
import threading
from functools import partial

from digitlab.gui.training.download_dialog import DownloadDialog
from digitlab.nn.data.mnist import DownloadCancelled, download_mnist, load_mnist

from local_mirror import closed_port_url, serve_fake_mnist


def make_dialog(qtbot, **kwargs):
    dialog = DownloadDialog(**kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_download_from_a_local_mirror_accepts_with_the_folder(qtbot, server, tmp_path):
    base, served = server
    md5s = serve_fake_mnist(served)
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
    import digitlab.gui.training.download_dialog as module
    from digitlab.gui.training.mnist_cache import MnistCache
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


def test_closing_mid_download_drops_what_the_download_still_reports(qtbot, tmp_path):
    started, release = threading.Event(), threading.Event()

    def stubborn_download(dest, mirrors, progress, cancel):
        started.set()
        release.wait(5)          # finishes although cancelled: its signals come after the close
        progress("train-images-idx3-ubyte.gz", 9_912_422, 9_912_422)
        return dest

    dialog = make_dialog(qtbot, dest=tmp_path / "cache", download=stubborn_download)
    dialog.download_button.click()
    assert started.wait(5)
    threading.Timer(0.2, release.set).start()
    dialog.reject()                             # Esc or the window's close button
    qtbot.wait(100)                             # the worker's queued signals would arrive now
    assert dialog.result() == DownloadDialog.DialogCode.Rejected and dialog.folder is None
    assert not dialog.isVisible() and dialog.progress_bar.value() < 1000


def text_fits(label) -> bool:
    """The wrapped label is as tall as its text needs (no line cut off at the bottom)."""
    return label.isVisible() and label.height() >= label.heightForWidth(label.width())


def test_the_messages_are_shown_whole_and_choose_folder_accepts_a_folder_with_the_files(
        qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog
    from local_mirror import fake_mnist
    dialog = make_dialog(qtbot, dest=tmp_path / "cache", mirrors=[closed_port_url()])
    qtbot.waitExposed(dialog)
    assert text_fits(dialog.message)
    dialog.download_button.click()
    qtbot.waitUntil(lambda: dialog.download_button.isEnabled(), timeout=10_000)
    assert "Choose folder" in dialog.message.text() and dialog.choose_button.isVisible()
    qtbot.wait(10)
    assert text_fits(dialog.message), (dialog.message.height(), dialog.message.width())
    empty = tmp_path / "empty"
    empty.mkdir()
    chosen = [str(empty), str(fake_mnist(tmp_path / "mine"))]
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: chosen.pop(0))
    dialog.choose_button.click()                 # a folder without the files: says which are missing
    assert dialog.isVisible() and "train-images-idx3-ubyte.gz" in dialog.message.text()
    assert text_fits(dialog.message)
    with qtbot.waitSignal(dialog.accepted):
        dialog.choose_button.click()
    assert dialog.folder == tmp_path / "mine"
