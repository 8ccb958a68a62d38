"""gui/gradient/simplenet_panel.py: the book's W, its numerical gradient and a step."""
import numpy as np
import pytest



# `gradient_tab` (tests/conftest.py): the Gradient descent tab; gradient_tab.panel(name) builds a panel


def test_simplenet_panel_book_values_and_step(gradient_tab):
    panel = gradient_tab.panel("simplenet")
    assert panel.losses[-1] == pytest.approx(0.92806853663411326, abs=1e-6)
    np.testing.assert_allclose(panel.dW, [[0.21924763, 0.14356247, -0.36281009],
                                          [0.32887144, 0.2153437, -0.54421514]], atol=1e-6)
    assert panel.tables["dW"].item(1, 2).text().startswith("-0.544")
    before = panel.losses[-1]
    panel.step_button.click()
    assert panel.losses[-1] < before
    panel.seed_spin.setValue(7)
    panel.reseed_button.click()
    assert len(panel.losses) == 1
    assert not np.allclose(panel.net.W, [[0.47355232, 0.9977393, 0.84668094],
                                         [0.85557411, 0.03563661, 0.69422093]])


def test_simplenet_panel_matches_the_books_printed_digits(gradient_tab):
    from digitlab.nn.course import LISTINGS
    course = LISTINGS["simple_net"].course_values()
    panel = gradient_tab.panel("simplenet")
    loss = panel.variables["loss"]
    assert panel.loss_label.text() == f"loss = {float(loss)!r}"       # every digit
    assert panel.loss_label.text().startswith(f"loss = {course['loss']}")   # the book's 0.92806853663
    probabilities = panel.tables["softmax"]
    assert all(len(probabilities.item(0, j).text().split(".")[1]) == 8 for j in range(3))
    assert panel.argmax_label.text().startswith("argmax(p) = 2")
    book_dW = [[0.21924763, 0.14356247, -0.36281009], [0.32887144, 0.2153437, -0.54421514]]
    assert course["dW"].replace("[", "").replace("]", "").split() == [repr(v) for row in book_dW for v in row]
    table = panel.tables["dW"]
    shown = [[float(table.item(i, j).text()) for j in range(3)] for i in range(2)]
    assert shown == book_dW                                              # digit for digit
    assert [table.horizontalHeaderItem(j).text() for j in range(3)] == ["0", "1", "2"]
    assert [table.verticalHeaderItem(i).text() for i in range(2)] == ["0", "1"]
    assert "1e-7" in panel.digits_label.text()
    assert panel.code_view.variable_text("argmax_p") == "2"
