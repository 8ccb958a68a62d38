"""gui/code_view.py: a course listing on screen, and its variables as nn.course.describe shows them."""
import numpy as np

from gui.code_view import CodeView
from nn.course import LISTINGS, describe


def test_shows_the_listing_source_and_title(qtbot):
    view = CodeView()
    qtbot.addWidget(view)
    listing = LISTINGS["batch_inference"]
    view.set_listing(listing)
    assert view.source.toPlainText() == listing.source.rstrip("\n")
    assert "np.argmax(y_batch, axis=1)" in view.source.toPlainText()
    assert listing.title in view.title.text()


def test_variables_table_shows_describe_of_each_value(qtbot):
    view = CodeView()
    qtbot.addWidget(view)
    view.set_listing(LISTINGS["numerical_diff"])
    variables = LISTINGS["numerical_diff"].run(x=10)
    variables["w"] = np.arange(12.0).reshape(3, 4)
    view.set_variables(variables)
    assert view.table.rowCount() == len(variables)
    assert view.value_text("dy") == "0.2999999999986347"
    assert view.value_text("w") == describe(variables["w"])
    view.set_variables({})
    assert view.table.rowCount() == 0 and view.value_text("dy") is None


def test_retranslate_keeps_headers(qtbot):
    view = CodeView()
    qtbot.addWidget(view)
    view.retranslate()
    assert view.table.horizontalHeaderItem(1).text() == "value"
