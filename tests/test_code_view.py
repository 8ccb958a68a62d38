"""gui/code_view.py: a course listing shown highlighted, with its live variables."""
import numpy as np

from digitlab.gui.code_view import CodeView
from digitlab.nn.course import LISTINGS, describe


def test_code_view_shows_the_listing_and_its_variables(qtbot):
    view = CodeView()
    qtbot.addWidget(view)
    listing = LISTINGS["numerical_diff"]
    view.set_listing(listing)
    assert view.editor.toPlainText() == listing.source
    assert view.editor.isReadOnly()
    variables = listing.run(x=10)
    view.set_variables(variables)
    assert view.variable_text("dy") == "0.2999999999986347"
    grad = np.array([6.0, 8.0])
    view.set_variables({"grad": grad})
    assert view.table.rowCount() == 1 and view.variable_text("grad") == describe(grad)
    assert view.variable_text("dy") is None


def test_code_view_highlights_keywords_numbers_strings_and_comments(qtbot):
    view = CodeView()
    qtbot.addWidget(view)
    view.set_listing(LISTINGS["simple_net"])
    document = view.editor.document()
    colours = {}
    for number in range(document.blockCount()):
        block = document.findBlockByNumber(number)
        for format_range in block.layout().formats():
            text = block.text()[format_range.start:format_range.start + format_range.length]
            colours[text] = format_range.format.foreground().color().name()
    assert colours["def"] == colours["return"]                        # keywords alike
    assert colours["0.6"] != colours["def"]                           # numbers differ from keywords
    comment = next(text for text in colours if text.startswith("#"))
    assert colours[comment] not in (colours["def"], colours["0.6"])
    view.retranslate()
    assert view.table.horizontalHeaderItem(0).text() == "variable"


def test_every_listing_has_a_translatable_title(qtbot):
    view = CodeView()
    qtbot.addWidget(view)
    titles = view.titles()
    for name, listing in LISTINGS.items():
        assert titles[name] == listing.title          # the English source is nn.course's title
        view.set_listing(listing)
        assert view.title_label.text() == f"<b>{listing.title}</b>"


def test_the_title_and_the_values_words_follow_a_language_switch(qtbot):
    from PySide6.QtWidgets import QApplication

    from digitlab.gui.language import set_language
    view = CodeView()
    qtbot.addWidget(view)
    view.set_listing(LISTINGS["training_loop"])
    view.set_variables({"i": 3, "train_acc_list": [0.25, 0.5]})
    assert view.title_label.text() == "<b>Training the two-layer network with mini-batches</b>"
    assert view.variable_text("train_acc_list") == "list of 2, last 0.5" == describe([0.25, 0.5])
    try:
        set_language(QApplication.instance(), "ko")
        qtbot.wait(20)          # LanguageChange is posted
        assert view.title_label.text() == "<b>미니배치로 2층 신경망 학습하기</b>"
        assert view.variable_text("train_acc_list") == "리스트, 원소 2개, 마지막 0.5"
        assert view.variable_text("i") == "3"
    finally:
        set_language(QApplication.instance(), "en")
    qtbot.wait(20)
    assert view.variable_text("train_acc_list") == "list of 2, last 0.5"


def test_a_narrow_view_wraps_lines_between_words_only(qtbot):
    """Beside a plot the view is narrow: "dtype=np.float64" may move to the next line, but is
    never cut into "np.float" and "64"."""
    import re
    view = CodeView()
    qtbot.addWidget(view)
    view.resize(260, 500)
    view.show()
    qtbot.waitExposed(view)
    for listing in LISTINGS.values():
        view.set_listing(listing)
        qtbot.wait(1)
        block = view.editor.document().firstBlock()
        cuts = []
        while block.isValid():
            layout, text = block.layout(), block.text()
            for i in range(1, layout.lineCount()):
                at = layout.lineAt(i).textStart()
                if re.match(r"\w\w", text[at - 1:at + 1]):
                    cuts.append((listing.name, text[max(0, at - 12):at] + "|" + text[at:at + 12]))
            block = block.next()
        assert not cuts, cuts
