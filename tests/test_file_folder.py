"""Save dialogs open in the documents folder, then in the folder saved into last (remembered)."""
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from digitlab.gui.file_folder import writable_folder
from digitlab.gui.training.save_dialog import ask_save_path


def test_save_dialogs_open_in_documents_then_in_the_last_folder_used(qtbot, tmp_path, monkeypatch):
    from digitlab.gui.main_window import MainWindow
    monkeypatch.chdir(tmp_path)                       # the working folder is never offered
    offered, answers = [], []

    def dialog(parent, caption, start, filter):
        offered.append(Path(start))
        return answers.pop(0), filter
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
    chosen = tmp_path / "my models"
    chosen.mkdir()
    answers.append(str(chosen / "net.npz"))
    assert ask_save_path(None) == str(chosen / "net.npz")
    assert offered[0].parent == writable_folder() != tmp_path and offered[0].is_absolute()
    from PySide6.QtWidgets import QMessageBox
    from digitlab.gui.plot_export import visible_plot_items
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)   # never a modal box here
    window = MainWindow()                             # another dialog, and after a restart too
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: bool(visible_plot_items(window.gradient_page)))
    answers.append("")
    window.export_plot()
    assert offered[1] == chosen / "plot.png"
    gone = tmp_path / "gone"
    gone.mkdir()
    answers.append(str(gone / "net.npz"))
    ask_save_path(None)
    gone.rmdir()                                      # a folder that is not there any more
    answers.append("")
    ask_save_path(None)
    assert offered[-1].parent == writable_folder()
