"""gui.live_text: texts with values are made again from their values after a language switch, and
fixed texts are found again in the compiled catalogue (the .qm: the .ts source is not shipped)."""
import re
import shutil
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from digitlab import resources
from digitlab.gui.language import set_language
from digitlab.gui.live_text import LiveTexts, catalogue, follow_language, qm_messages, retranslate_tree

ROOT = Path(__file__).resolve().parent.parent


def lower_to(lr: float) -> str:
    return QCoreApplication.translate("TrainingControls", "Lower the learning rate to {0:g} and reset").format(lr)


@pytest.fixture
def owner(qtbot):
    widget = QWidget()
    widget.label = QLabel(widget)
    QVBoxLayout(widget).addWidget(widget.label)
    qtbot.addWidget(widget)
    yield widget
    set_language(QApplication.instance(), "en")


def switch(qtbot, code: str) -> None:
    set_language(QApplication.instance(), code)
    qtbot.wait(20)          # LanguageChange events are posted


def test_a_shown_text_is_made_again_in_each_language(owner, qtbot):
    texts = LiveTexts(owner)
    texts.show(owner.label.setText, lambda: lower_to(0.05))
    assert owner.label.text() == "Lower the learning rate to 0.05 and reset"
    switch(qtbot, "ko")
    assert owner.label.text() == "학습률을 0.05(으)로 낮추고 초기화"
    switch(qtbot, "en")
    assert owner.label.text() == "Lower the learning rate to 0.05 and reset"


def test_the_last_text_shown_wins_and_a_fixed_text_drops_the_maker(owner, qtbot):
    texts = LiveTexts(owner)
    texts.show(owner.label.setText, lambda: lower_to(0.05))
    texts.show(owner.label.setText, lambda: lower_to(0.2))
    switch(qtbot, "ko")
    assert owner.label.text() == "학습률을 0.2(으)로 낮추고 초기화"
    texts.show(owner.label.setText, "")       # cleared: a switch must not bring the old text back
    switch(qtbot, "en")
    assert owner.label.text() == ""


def test_follow_language_reaches_a_hidden_child(owner, qtbot):
    child = QWidget(owner)
    child.hide()
    calls = []
    follow_language(child, lambda: calls.append(QCoreApplication.translate("MainWindow", "Draw")))
    switch(qtbot, "ko")
    assert calls and calls[-1] == "그리기"


def ts_messages() -> set[tuple[str, str, str]]:
    """(context, source, translation) of every finished singular message of the .ts source."""
    tree = ElementTree.parse(ROOT / "resources" / "i18n" / "digitlab_ko.ts")
    return {(context.findtext("name"), message.findtext("source"), message.findtext("translation"))
            for context in tree.getroot().iter("context") for message in context.iter("message")
            if message.get("numerus") != "yes" and message.find("translation").get("type") is None}


def test_the_compiled_catalogue_holds_every_message_of_the_ts():
    qm = (ROOT / "resources" / "i18n" / "digitlab_ko.qm").read_bytes()
    read = {(context, source, translations[0]) for context, source, translations in qm_messages(qm)
            if len(translations) == 1 and "%n" not in source}
    expected = ts_messages()
    assert len(expected) > 200
    assert read == expected


def test_a_file_that_is_not_a_catalogue_is_refused():
    with pytest.raises(ValueError, match="not a Qt .qm catalogue"):
        list(qm_messages(b"<?xml version='1.0'?><TS/>"))


def test_fixed_texts_follow_the_language_with_only_the_compiled_catalogue(owner, qtbot, tmp_path, monkeypatch):
    # as installed from the wheel: the i18n folder holds the .qm and nothing else
    (tmp_path / "i18n").mkdir()
    shutil.copy2(ROOT / "resources" / "i18n" / "digitlab_ko.qm", tmp_path / "i18n")
    monkeypatch.setattr(resources, "path", lambda *parts: tmp_path.joinpath(*parts))
    catalogue.cache_clear()
    try:
        owner.label.setText(QCoreApplication.translate("MainWindow", "Draw"))
        owner.label.setToolTip(QCoreApplication.translate("DrawTab", "Pen width"))
        follow_language(owner, lambda: retranslate_tree(owner))
        switch(qtbot, "ko")
        assert (owner.label.text(), owner.label.toolTip()) == ("그리기", "펜 굵기")
        switch(qtbot, "en")
        assert (owner.label.text(), owner.label.toolTip()) == ("Draw", "Pen width")
    finally:
        catalogue.cache_clear()


def test_language_change_is_handled_in_one_place():
    """Widgets follow the language through follow_language (or LiveTexts), never a changeEvent of
    their own; nothing reads the .ts at run time."""
    handling, reading_ts = [], []
    for package in ("gui", "cli", "nn"):
        for path in (ROOT / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            name = path.relative_to(ROOT).as_posix()
            if re.search(r"QEvent(\.Type)?\.LanguageChange", text) and name != "gui/live_text.py":
                handling.append(name)
            if ".ts\"" in text or ".ts'" in text:
                reading_ts.append(name)
    assert handling == [] and reading_ts == []
