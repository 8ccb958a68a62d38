"""Korean translation: the .qm translates, the .ts is complete and keeps placeholders, DIGITLAB_LANG."""
import ast
import importlib.util
import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTimer, QTranslator

from digitlab import resources
from digitlab.gui.language import LANG_VAR, chosen_locale, install_translators

ROOT = Path(__file__).resolve().parent.parent
I18N = resources.path("i18n")
TS_FILE = I18N / "digitlab_ko.ts"
QM_FILE = I18N / "digitlab_ko.qm"
# Python format fields, Qt's %n / %1, HTML tags, keyboard accelerators
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%\d|<[^<>]+>|&\w")


def _load_script():
    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "scripts" / "update_translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


update_translations = _load_script()


def _messages(ts_file: Path) -> list[tuple[str, ET.Element]]:
    """(context name, <message>) for every message of a .ts file."""
    root = ET.parse(ts_file).getroot()
    return [(context.findtext("name") or "", message)
            for context in root.iter("context") for message in context.iter("message")]


def _translations(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    forms = translation.findall("numerusform")
    return [form.text or "" for form in forms] if forms else [translation.text or ""]


@pytest.fixture
def korean(qapp):
    """DigitLab's and Qt's Korean translators installed in the application, removed afterwards."""
    installed = install_translators(qapp, QLocale("ko_KR"))
    yield installed
    for translator in installed:
        qapp.removeTranslator(translator)


@pytest.mark.parametrize(("context", "source", "korean_text"), [
    ("MainWindow", "Draw", "그리기"),
    ("MainWindow", "Gradient descent", "경사 하강법"),
    ("TrainingSettings", "Learning rate", "학습률"),
    ("TrainingSettings", "Mini-batch size", "미니배치 크기"),
    ("TrainingSettings", "backprop", "오차역전파법"),
    ("TrainingPlots", "epoch", "에폭"),
    ("GradientTab", "Loss functions", "손실 함수"),
    ("LossPanel", "Cross-entropy = {v}", "교차 엔트로피 오차 = {v}"),
    ("InsideView", "hidden layer {0}: {1} neurons", "은닉층 {0}: 뉴런 {1}개"),
    ("DrawTab", "Clear", "지우기"),
])
def test_the_qm_translates_known_strings(context, source, korean_text):
    translator = QTranslator()
    assert translator.load(str(QM_FILE)), f"cannot load {QM_FILE}"
    assert translator.translate(context, source) == korean_text


def test_an_unknown_context_is_not_translated():
    translator = QTranslator()
    assert translator.load(str(QM_FILE))
    assert translator.translate("NoSuchWidget", "Draw") == ""


def test_plural_forms_go_through_the_installed_translator(korean):
    assert QCoreApplication.translate("PlaybackControls", "%n step(s)/s", None, 3) == "초당 3단계"
    assert QCoreApplication.translate("TrainingPlots", "Accuracy after each epoch "
                                      "(a growing gap = overfitting)").endswith("(벌어지는 차이 = 오버피팅)")


def test_every_message_is_translated_and_none_is_obsolete():
    messages = _messages(TS_FILE)
    assert len(messages) > 200
    states = Counter(message.find("translation").get("type") for _, message in messages)
    assert set(states) == {None}, f"unfinished/obsolete messages: {states}"
    empty = [(context, message.findtext("source")) for context, message in messages
             if not all(_translations(message))]
    assert empty == []


def test_translations_keep_placeholders_tags_and_accelerators():
    wrong = []
    for context, message in _messages(TS_FILE):
        source = message.findtext("source")
        expected = Counter(PLACEHOLDER.findall(source))
        for text in _translations(message):
            if Counter(PLACEHOLDER.findall(text)) != expected:
                wrong.append((context, source, text))
    assert wrong == []


def test_the_placeholder_check_catches_a_lost_field():
    assert Counter(PLACEHOLDER.findall("{0} after {1} epoch(s). <b>%n</b>")) == Counter(
        ["{0}", "{1}", "<b>", "%n", "</b>"])
    assert Counter(PLACEHOLDER.findall("{1}에폭 후. <b>%n</b>")) != Counter(
        PLACEHOLDER.findall("{0} after {1} epoch(s). <b>%n</b>"))


def test_the_main_window_shows_korean_tabs(qtbot, korean):
    from digitlab.gui.main_window import MainWindow

    assert any(t.filePath() == str(QM_FILE) for t in korean)
    window = MainWindow()
    qtbot.addWidget(window)
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "그리기", "학습", "경사 하강법"]
    assert window.model_label.text() == "모델 없음"


def _tool_or_skip(name: str) -> None:
    if update_translations.find_tool(name) is None:
        pytest.skip(f"{name} not found (it comes with PySide6-Essentials)")


def test_the_qm_is_compiled_from_the_current_ts(tmp_path):
    _tool_or_skip("pyside6-lrelease")
    compiled = tmp_path / "digitlab_ko.qm"
    update_translations.run_lrelease(TS_FILE, compiled)
    assert compiled.read_bytes() == QM_FILE.read_bytes(), \
        "digitlab_ko.qm is stale: run scripts/update_translations.py"


def test_every_string_of_gui_is_in_the_ts(tmp_path):
    _tool_or_skip("pyside6-lupdate")
    fresh = tmp_path / "digitlab_ko.ts"
    shutil.copyfile(TS_FILE, fresh)
    update_translations.run_lupdate(fresh, ROOT)
    assert len(_messages(fresh)) > 200
    assert update_translations.count_unfinished(fresh) == 0, (
        "gui/ has strings the Korean translation lacks: run scripts/update_translations.py "
        "and translate the messages marked unfinished")


class _TranslateCalls(ast.NodeVisitor):
    """(runtime context, source) of every self.tr / QCoreApplication.translate call of a module;
    a call that is neither a literal self.tr("...") nor translate("Context", "...") goes to `hidden`.
    """

    def __init__(self) -> None:
        self.classes: list[str] = []
        self.found: set[tuple[str, str]] = set()
        self.hidden: list[str] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Call(self, node: ast.Call) -> None:
        name = getattr(node.func, "attr", getattr(node.func, "id", ""))
        owner = getattr(getattr(node.func, "value", None), "id", "")
        literal = [isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args]
        if name == "tr" and owner == "self" and literal[:1] == [True] and self.classes:
            self.found.add((self.classes[-1], node.args[0].value))
        elif name == "translate" and owner.endswith("Application") and literal[:2] == [True, True]:
            self.found.add((node.args[0].value, node.args[1].value))
        elif name == "QT_TRANSLATE_NOOP" and literal[:2] == [True, True]:   # marked, looked up later
            self.found.add((node.args[0].value, node.args[1].value))
        elif name in ("tr", "_tr", "translate") and owner != "painter":
            self.hidden.append(ast.unparse(node))
        self.generic_visit(node)


def test_the_ts_has_exactly_the_strings_gui_looks_up_at_run_time():
    calls = _TranslateCalls()
    for path in update_translations.gui_sources(ROOT):
        calls.visit(ast.parse(path.read_text(encoding="utf-8")))
    assert calls.hidden == [], "lupdate cannot read these: write self.tr(\"...\") or " \
                               "QCoreApplication.translate(\"Context\", \"...\") literally"
    in_ts = {(context, message.findtext("source")) for context, message in _messages(TS_FILE)}
    assert len(calls.found) > 200
    assert sorted(in_ts - calls.found) == [] and sorted(calls.found - in_ts) == []


@pytest.mark.parametrize(("value", "language"), [
    ("ko", QLocale.Language.Korean), ("ko_KR", QLocale.Language.Korean),
    (" en ", QLocale.Language.English)])
def test_digitlab_lang_chooses_the_language(value, language):
    assert chosen_locale({LANG_VAR: value}).language() == language


def test_without_digitlab_lang_the_system_locale_is_used():
    assert chosen_locale({}) == QLocale.system()
    assert chosen_locale({LANG_VAR: ""}) == QLocale.system()


@pytest.mark.parametrize(("value", "expect_korean"), [("ko", True), ("en", False)])
def test_digitlab_lang_decides_whether_the_korean_catalogue_loads(qapp, value, expect_korean):
    installed = install_translators(qapp, chosen_locale({LANG_VAR: value}))
    try:
        loaded = [t.filePath() for t in installed if t.filePath().startswith(str(I18N))]
        assert loaded == ([str(QM_FILE)] if expect_korean else [])
        assert (QCoreApplication.translate("MainWindow", "Draw") == "그리기") is expect_korean
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


@pytest.mark.parametrize(("value", "tabs"), [("ko", ["그리기", "학습", "경사 하강법"]),
                                             ("en", ["Draw", "Training", "Gradient descent"])])
def test_run_opens_the_window_in_the_language_of_digitlab_lang(qapp, qtbot, monkeypatch, value,
                                                              tabs):
    from digitlab.gui.app import run

    monkeypatch.setenv(LANG_VAR, value)
    before = set(qapp.findChildren(QTranslator))
    seen = []

    def on_shown(window):
        qtbot.addWidget(window)   # pytest-qt deletes it at teardown, not the garbage collector
        seen.append([window.tabs.tabText(i) for i in range(window.tabs.count())])
        window.close()

    guard = QTimer(singleShot=True, interval=20_000)   # never hang the suite
    guard.timeout.connect(qapp.quit)
    guard.start()
    try:
        assert run(on_shown=on_shown) == 0
        assert guard.isActive()
    finally:
        guard.stop()
        for translator in set(qapp.findChildren(QTranslator)) - before:
            qapp.removeTranslator(translator)
    assert seen == [tabs]
    assert QCoreApplication.translate("MainWindow", "Draw") == "Draw"   # nothing left installed
