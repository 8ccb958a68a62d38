"""The personal gallery (delete, relabel, export/import) and the fine-tune dialog."""
import numpy as np
import pytest
from PySide6.QtWidgets import QMessageBox

from digitlab import resources
from digitlab.gui.draw.finetune_dialog import FinetuneDialog
from digitlab.gui.draw.gallery_dialog import GalleryDialog
from digitlab.gui.draw.personal_store import FILE_NAME, PersonalStore
from digitlab.gui.training import save_dialog
from digitlab.nn.data.mnist import MnistNotFoundError
from digitlab.nn.files.model_io import load_model
from digitlab.nn.model.network import MultiLayerNet
from digitlab.nn.data.personal import PersonalSet

from synthetic_digits import synthetic_cache


def filled_store(data_dir, n=10):
    store = PersonalStore(data_dir / FILE_NAME)
    rng = np.random.default_rng(0)
    for k in range(n):
        store.samples.add(rng.random((28, 28)), k % 2, [rng.random((3, 2))])
    store.save()
    return store


@pytest.fixture
def warnings(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    return shown


@pytest.fixture
def gallery(qtbot, data_dir):
    dialog = GalleryDialog(filled_store(data_dir), MultiLayerNet(hidden_sizes=(8,),
                                                                rng=np.random.default_rng(1)))
    qtbot.addWidget(dialog)
    return dialog


def select(dialog, sample_ids):
    for row in range(dialog.list.count()):
        item = dialog.list.item(row)
        item.setSelected(item.data(256) in sample_ids)


def test_gallery_lists_samples_by_digit_and_the_test_split(gallery):
    labels = [gallery.list.item(r).text() for r in range(gallery.list.count())]
    assert [t[0] for t in labels] == ["0"] * 5 + ["1"] * 5
    assert sum("(test)" in t for t in labels) == 2          # ids 4 and 9
    assert "of your 2 test samples" in gallery.summary.text()


def test_delete_and_relabel_are_saved(gallery, data_dir):
    select(gallery, [0, 1])
    gallery.delete_selected()
    select(gallery, [2])
    gallery.label_combo.setCurrentIndex(8)
    gallery.relabel_selected()
    loaded = PersonalSet.load(data_dir / FILE_NAME)
    assert [s.sample_id for s in loaded] == list(range(2, 10))
    assert loaded[2].label == 8 and gallery.list.count() == 8


@pytest.mark.parametrize("suffix", ["zip", "npz"])
def test_export_then_import_gives_the_same_set(gallery, tmp_path, suffix):
    path = tmp_path / f"mine.{suffix}"
    assert gallery.export_to(path)
    before = [(s.sample_id, s.label) for s in gallery.store.samples]
    select(gallery, list(range(10)))
    gallery.delete_selected()
    assert gallery.import_from(path)
    assert [(s.sample_id, s.label) for s in gallery.store.samples] == before
    assert gallery.list.count() == 10


def test_a_bad_import_says_why_and_keeps_the_set(gallery, tmp_path, warnings):
    bad = tmp_path / "notes.zip"
    bad.write_bytes(b"not a zip at all")
    assert not gallery.import_from(bad)
    assert "notes.zip" in warnings[-1] and len(gallery.store.samples) == 10


def test_an_unwritable_export_says_why(gallery, tmp_path, warnings):
    assert not gallery.export_to(tmp_path / "missing" / "mine.zip")
    assert "mine.zip" in warnings[-1]


def net():
    return MultiLayerNet(hidden_sizes=(16,), rng=np.random.default_rng(2))


def run_dialog(qtbot, dialog):
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=30000)
    return dialog


def test_finetune_shows_before_and_after_and_offers_the_model(qtbot, data_dir):
    store = filled_store(data_dir, 20)
    dialog = run_dialog(qtbot, FinetuneDialog(net(), store.samples, synthetic_cache(), seed=0))
    text = dialog.status.text()
    assert "Done: 300 mini-batches" in text and "test digits" in text and "MNIST test" in text
    assert dialog.progress.value() == 300
    with qtbot.waitSignal(dialog.model_ready) as ready:
        dialog.use_button.click()
    tuned, name, accuracy = ready.args
    assert tuned is dialog.result.network and accuracy == dialog.result.report.mnist_after


def test_finetune_save_never_overwrites_the_shipped_model(qtbot, data_dir, tmp_path,
                                                          monkeypatch):
    store = filled_store(data_dir, 20)
    dialog = run_dialog(qtbot, FinetuneDialog(net(), store.samples, synthetic_cache(), seed=0))
    shipped = resources.path(*resources.DEFAULT_MODEL)
    before = shipped.read_bytes()
    other = tmp_path / "tuned.npz"
    monkeypatch.setattr(save_dialog, "ask_save_path", lambda *a: str(other))
    assert dialog.save_to(shipped) == str(other)
    assert shipped.read_bytes() == before
    assert load_model(other)[0].sizes == dialog.result.network.sizes


def test_cancel_stops_early(qtbot, data_dir):
    store = filled_store(data_dir, 20)
    dialog = FinetuneDialog(net(), store.samples, synthetic_cache(), seed=0)
    dialog.cancel()
    run_dialog(qtbot, dialog)
    assert "Stopped after" in dialog.status.text() and dialog.result.steps_done < 300


class NoMnist:
    def get(self):
        raise MnistNotFoundError("no MNIST here")


def test_without_mnist_the_dialog_says_so(qtbot, data_dir):
    store = filled_store(data_dir, 20)
    dialog = run_dialog(qtbot, FinetuneDialog(net(), store.samples, NoMnist()))
    assert "MNIST files were not found" in dialog.status.text()
    assert not dialog.use_button.isEnabled()


def test_too_few_samples_are_refused_before_starting(qtbot, data_dir):
    store = filled_store(data_dir, 3)
    dialog = FinetuneDialog(net(), store.samples, synthetic_cache())
    qtbot.addWidget(dialog)
    assert not dialog.is_running() and "at least 5" in dialog.status.text()


def test_closing_while_running_stops_and_waits_for_the_worker(qtbot, data_dir):
    store = filled_store(data_dir, 20)
    dialog = FinetuneDialog(net(), store.samples, synthetic_cache(), seed=0)
    qtbot.addWidget(dialog)
    assert dialog.is_running()
    dialog.close()
    assert not dialog.is_running() and dialog.result is None


def huge_header_file(path):
    """A personal set whose images header declares a huge shape (np.load: MemoryError)."""
    from bombs import declare_shape

    personal = PersonalSet()
    personal.add(np.zeros((28, 28)), 3)
    personal.save(path)
    path.write_bytes(declare_shape(path.read_bytes(), "images", (6_000_000_000_000, 28, 28)))
    return path.read_bytes()


def unreadable(kind):
    def load(path):
        raise kind("deep inside the reader")
    return load


@pytest.mark.parametrize("damage", ["huge_header", "garbage", MemoryError, RecursionError,
                                    KeyError])
def test_an_unreadable_personal_file_is_moved_aside_and_never_overwritten(
        qtbot, data_dir, monkeypatch, damage):
    data_dir.mkdir(parents=True)
    path = data_dir / FILE_NAME
    if damage == "huge_header":
        before = huge_header_file(path)
    else:
        path.write_bytes(before := b"damaged")
        if damage != "garbage":
            monkeypatch.setattr(PersonalSet, "load", unreadable(damage))
    store = PersonalStore(path)
    with qtbot.waitSignal(store.load_failed) as failed:
        assert len(store.samples) == 0
    (aside,) = [p for p in data_dir.iterdir() if p.name != FILE_NAME]
    assert aside.read_bytes() == before
    assert aside.name.startswith("personal_digits.unreadable-") and str(aside) in store.load_error
    assert failed.args == [store.load_error]
    for _ in range(2):      # the second read must not forget the first one's failure
        store.add(np.zeros((28, 28)), 1, [])
    monkeypatch.undo()
    assert aside.read_bytes() == before and len(PersonalSet.load(path)) == 2


def test_an_unreadable_file_that_cannot_be_moved_is_never_overwritten(qtbot, data_dir,
                                                                        monkeypatch):
    data_dir.mkdir(parents=True)
    path = data_dir / FILE_NAME
    before = huge_header_file(path)

    def refuse(*args):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr("os.rename", refuse)
    store = PersonalStore(path)
    assert len(store.samples) == 0 and "nothing will be saved over it" in store.load_error
    for _ in range(2):
        with pytest.raises(OSError, match="not overwritten"):
            store.add(np.zeros((28, 28)), 1, [])
    assert path.read_bytes() == before and list(data_dir.iterdir()) == [path]


def test_stale_temporary_files_of_killed_saves_are_removed_at_start(qtbot, data_dir):
    import os
    import time

    data_dir.mkdir(parents=True)
    PersonalSet().save(data_dir / FILE_NAME)
    hour_ago = time.time() - 3600
    ours_dead = data_dir / f".{FILE_NAME}.999999999-abcdefgh.tmp"    # no such pid
    ours_old = data_dir / f".{FILE_NAME}.{os.getpid()}-abcdefgh.tmp"  # pid reused, old file
    ours_new = data_dir / f".{FILE_NAME}.999999998-abcdefgh.tmp"     # after this process started
    foreign = [data_dir / f".{FILE_NAME}.notours.tmp", data_dir / "other.npz.12-abcdefgh.tmp",
               data_dir / f".{FILE_NAME}.999999999-abcdefgh.tmp.keep"]
    for temp in [ours_dead, ours_old, ours_new, *foreign]:
        temp.write_bytes(b"partial")
    for temp in [ours_dead, ours_old, *foreign]:
        os.utime(temp, (hour_ago, hour_ago))
    store = PersonalStore(data_dir / FILE_NAME)
    assert len(store.samples) == 0 and store.load_error is None
    left = {p.name for p in data_dir.iterdir()}
    assert left == {FILE_NAME, ours_new.name, *(p.name for p in foreign)}




@pytest.mark.parametrize("error", [MemoryError, RecursionError, KeyError])
def test_a_hostile_import_is_a_message_and_changes_nothing(gallery, warnings, tmp_path,
                                                           monkeypatch, error):
    import digitlab.gui.draw.gallery_dialog as gallery_module

    before = (gallery.store.path.read_bytes(), len(gallery.store.samples))

    def fail(path):
        raise error("deep inside")
    monkeypatch.setattr(gallery_module, "read_set", fail)
    assert not gallery.import_from(tmp_path / "hostile.zip")
    assert len(warnings) == 1 and "hostile.zip" in warnings[0] and "damaged" in warnings[0]
    assert (gallery.store.path.read_bytes(), len(gallery.store.samples)) == before


def test_escape_while_running_stops_the_worker_before_the_dialog_is_deleted(qtbot, data_dir):
    from PySide6.QtCore import QCoreApplication, QEvent, QThread, Qt

    store = filled_store(data_dir, 20)
    dialog = FinetuneDialog(net(), store.samples, synthetic_cache(), seed=0)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    threads = dialog.findChildren(QThread)
    assert dialog.is_running() and threads
    dialog.reject()                          # what Escape does
    assert not any(thread.isRunning() for thread in threads)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)   # no abort here


def test_enter_in_the_gallery_never_deletes(gallery, qtbot):
    from PySide6.QtCore import Qt
    gallery.show()
    qtbot.waitExposed(gallery)
    select(gallery, [0, 1])
    gallery.list.setFocus()
    qtbot.keyClick(gallery.list, Qt.Key.Key_Return)
    qtbot.keyClick(gallery, Qt.Key.Key_Enter)
    assert len(gallery.store.samples) == 10
    assert not any(button.isDefault() or button.autoDefault() for button in gallery.buttons.values())


def test_delete_and_relabel_can_be_undone(gallery, data_dir):
    before = [(s.sample_id, s.label) for s in gallery.store.samples]
    assert not gallery.buttons["undo"].isEnabled()
    select(gallery, [0, 1])
    gallery.delete_selected()
    assert len(gallery.store.samples) == 8 and gallery.buttons["undo"].isEnabled()
    gallery.buttons["undo"].click()
    assert [(s.sample_id, s.label) for s in gallery.store.samples] == before
    assert gallery.list.count() == 10 and not gallery.buttons["undo"].isEnabled()
    loaded = PersonalSet.load(data_dir / FILE_NAME)       # and the file has them back too
    assert [(s.sample_id, s.label) for s in loaded] == before
    select(gallery, [3])
    gallery.label_combo.setCurrentIndex(7)
    gallery.relabel_selected()
    gallery.undo()
    assert gallery.store.samples[3].label == 1


def test_quitting_with_an_unsaved_fine_tuned_model_asks_save_discard_cancel(qtbot, data_dir,
                                                                            tmp_path, monkeypatch):
    from digitlab.gui.main_window import MainWindow
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    filled_store(data_dir, 20)
    window.draw_tab.set_model(net(), "test net", None)
    window.draw_tab.handwriting.mnist = synthetic_cache()
    dialog = run_dialog(qtbot, window.draw_tab.handwriting.show_finetune())
    dialog.close()
    assert dialog.has_unsaved_model()
    questions, answers = [], [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save]
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text, *rest: questions.append(text) or answers.pop(0))
    path = tmp_path / "tuned.npz"
    monkeypatch.setattr(save_dialog, "ask_save_path", lambda *a: str(path))
    assert not window.close() and window.isVisible()       # Cancel: nothing lost, still open
    assert "fine-tuned" in questions[0]
    assert window.close() and not window.isVisible()        # Save: written, then closed
    assert load_model(path)[0].sizes == dialog.result.network.sizes
    assert len(questions) == 2 and not dialog.has_unsaved_model()


def test_fine_tuning_says_how_many_are_for_learning_and_how_many_held_out(qtbot, data_dir):
    store = filled_store(data_dir, 5)                # ids 0..4: the fifth (id 4) is a test sample
    dialog = FinetuneDialog(net(), store.samples, synthetic_cache())
    qtbot.addWidget(dialog)
    text = dialog.status.text()
    assert not dialog.is_running()
    assert "Your 5 stored digits: 4 for learning, 1 held out for testing" in text
    from digitlab.gui.draw.label_bar import LabelBar
    bar = LabelBar()
    qtbot.addWidget(bar)
    bar.show_counts(5, None, 1)
    assert "5 of your digits stored (4 to learn from, 1 held out for testing)" == bar.accuracy_label.text()


def test_the_running_fine_tune_names_both_parts(qtbot, data_dir):
    store = filled_store(data_dir, 20)
    dialog = FinetuneDialog(net(), store.samples, synthetic_cache(), seed=0)
    qtbot.addWidget(dialog)
    assert "16 of your 20 digits" in dialog.status.text() and "4 held out" in dialog.status.text()
    run_dialog(qtbot, dialog)


def test_a_failed_fine_tune_is_one_warning_line_in_the_log(qtbot, data_dir, caplog):
    import logging
    store = filled_store(data_dir, 20)
    with caplog.at_level(logging.INFO, logger="digitlab.finetune"):
        run_dialog(qtbot, FinetuneDialog(net(), store.samples, NoMnist()))
    records = [r for r in caplog.records if r.name == "digitlab.finetune"]
    assert [r.levelname for r in records] == ["WARNING"]
    assert records[0].exc_info is None and "\n" not in records[0].getMessage()
    assert "MNIST files were not found" in records[0].getMessage()
