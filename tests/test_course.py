"""The course's printed results, reproduced by the listings the app shows, digit for digit.

The expected strings are the book's (Deep Learning from Scratch ch. 3-4), typed here from the
course's list, independent of the listings' own record of them.
"""
import numpy as np
import pytest

from digitlab.nn.model import functions

from digitlab.nn.numerical import gradient

from digitlab.nn.model import losses

from digitlab.nn.model import network
from digitlab.nn.course import (LISTINGS, book_W, describe, descent_freeze, format_value,
                       simplenet_digits, textbook_inputs)
from digitlab.nn.course.explain import BOOK_W
from digitlab.nn.course.listing import course_namespace
from digitlab.nn.numerical.gradient import SimpleNet


def shown(name, **inputs):
    """What the panel shows for the listing run with these inputs; checks the listing's record of
    the course's value agrees."""
    listing = LISTINGS[name]
    values = listing.shown(listing.run(**inputs))
    assert listing.course_values(inputs) == values
    return values


@pytest.fixture(scope="module")
def textbook(mnist_dir, dlfs_weights):
    return textbook_inputs(dlfs_weights, mnist_dir)


@pytest.mark.mnist
def test_chapter3_image_by_image_reads_0_9352(textbook):
    assert shown("inference", **textbook) == {"accuracy": "0.9352"}
    assert "sample_weight.pkl" in LISTINGS["inference"].course_case().when


@pytest.mark.mnist
def test_chapter3_in_batches_reads_0_9352(textbook):
    assert shown("batch_inference", **textbook) == {"accuracy": "0.9352"}
    variables = LISTINGS["batch_inference"].run(**textbook)
    assert variables["accuracy_cnt"] == 9352 and variables["p"].shape == (100,)


def test_mean_squared_error():
    assert shown("mean_squared_error") == {"mse1": "0.0975", "mse2": "0.5975"}


def test_cross_entropy_error():
    assert shown("cross_entropy_error") == {"cee1": "0.510825", "cee2": "2.302584"}


@pytest.mark.parametrize("x, printed", [(5, "0.1999999999990898"), (10, "0.2999999999986347")])
def test_numerical_diff(x, printed):
    assert shown("numerical_diff", x=x) == {"dy": printed}


def test_partial_derivatives_at_3_4():
    assert shown("partial_derivatives", x0=3.0, x1=4.0) == {"df_dx0": "6.00000000000378",
                                                            "df_dx1": "7.999999999999119"}


@pytest.mark.parametrize("x0, x1, printed", [(3.0, 4.0, "[6. 8.]"), (0.0, 2.0, "[0. 4.]"),
                                             (3.0, 0.0, "[6. 0.]")])
def test_numerical_gradient(x0, x1, printed):
    assert shown("numerical_gradient", x0=x0, x1=x1) == {"grad": printed}


@pytest.mark.parametrize("lr, printed, rounded", [
    (0.1, "[-6.11110793e-10  8.14814391e-10]", ("-6.1e-10", "8.1e-10")),
    (10.0, "[-2.58983747e+13 -1.29524862e+12]", ("-2.6e+13", "-1.3e+12")),
    (1e-10, "[-2.99999994  3.99999992]", ("-3.0e+00", "4.0e+00")),
])
def test_gradient_descent_from_minus_3_4(lr, printed, rounded):
    assert shown("gradient_descent", lr=lr) == {"x": printed}
    x = LISTINGS["gradient_descent"].run(lr=lr)["x"]
    assert tuple(f"{value:.1e}" for value in x) == rounded


def test_lr_10_blows_up_then_freezes_where_x_plus_h_is_x():
    path = LISTINGS["gradient_descent"].run(lr=10.0)["path"]
    freeze = descent_freeze(path)
    assert freeze.step == 10 and freeze.coordinate_steps == (10, 9)
    assert np.all(path[10:] == path[-1]) and np.any(path[9] != path[10])
    assert all(value + 1e-4 == value for value in path[-1])          # x + h == x in float64
    assert np.all(np.abs(path[9]) > 19 ** 8)                           # it blew up first
    text = freeze.explanation(10.0)
    assert "-19x" in text and "step 9" in text and "step 10" in text
    assert "(-2.58983747e+13, -1.29524862e+12)" in text and "90 steps" in text
    # lr = 0.1 converges: still moving, no freeze of that kind
    assert descent_freeze(LISTINGS["gradient_descent"].run(lr=0.1)["path"]) is None


def test_simplenet_reproduces_the_books_digits():
    values = shown("simple_net")
    assert values == {
        "p": "[1.05414809 0.63071653 1.1328074 ]",
        "argmax_p": "2",
        "loss": "0.92806853663",
        "dW": "[[ 0.21924763  0.14356247 -0.36281009]\n [ 0.32887144  0.2153437  -0.54421514]]"}
    loss = LISTINGS["simple_net"].run()["loss"]
    assert loss == float("0.92806853663411326")          # all 17 digits the book prints


def test_simplenets_W_is_the_printed_one_within_its_rounding():
    W = book_W()
    np.testing.assert_array_equal(np.round(W, 8), np.array(BOOK_W))
    assert np.max(np.abs(W - np.array(BOOK_W))) < 0.5e-8


def test_simplenets_dW_matches_the_book_with_the_printed_W_too():
    """Not fitted: the printed W itself, without the 1e-7, gives the book's dW to 8 decimals."""
    values = shown_with(W=np.array(BOOK_W), delta=0.0)
    assert values["dW"] == ("[[ 0.21924763  0.14356247 -0.36281009]\n"
                            " [ 0.32887144  0.2153437  -0.54421514]]")
    assert values["loss"] == "0.92806853875"              # 2.1e-9 above the book's


def shown_with(**inputs):
    return LISTINGS["simple_net"].shown(LISTINGS["simple_net"].run(**inputs))


def test_simplenet_with_todays_1e_7_differs_from_the_book():
    net = SimpleNet(W=np.array(BOOK_W))                   # nn's default: the 1e-7 in the log
    assert f"{net.loss(np.array([0.6, 0.9]), np.array([0, 0, 1])):.8f}" == "0.92806829"
    values = shown_with(delta=1e-7)
    assert values["dW"].startswith("[[ 0.21924757")         # the 7th decimal moves
    assert LISTINGS["simple_net"].course_values({"delta": 1e-7}) is None


def test_simplenet_explanation_rests_on_the_numbers():
    digits = simplenet_digits()
    assert digits.loss_book_W == digits.loss_book
    # The 1e-7 moves the loss further than any W within the printed rounding could.
    assert digits.loss_printed_W - digits.loss_with_delta > 10 * digits.rounding_reach
    assert digits.largest_move < 0.5e-8 and digits.gradients_agree
    text = digits.explanation()
    assert "0.92806829" in text and "0.928068539" in text and "all its digits" in text


def test_training_loop_runs_the_course_loop():
    rng = np.random.default_rng(0)

    def halves(n):           # "images" whose label says which half of the pixels is bright
        t = rng.integers(0, 2, n)
        x = rng.random((n, 784)) * 0.2
        x[t == 0, :392] += 0.8
        x[t == 1, 392:] += 0.8
        return x, t
    (x_train, t_train), (x_test, t_test) = halves(200), halves(100)
    import dataclasses
    from digitlab.nn.course import training_loop_listing
    from digitlab.nn.training.presets import course_config
    config = dataclasses.replace(course_config(), iterations=40, batch_size=20, lr=1.0)
    variables = training_loop_listing(config).run(x_train=x_train, t_train=t_train, x_test=x_test,
                                                  t_test=t_test)
    losses_ = variables["train_loss_list"]
    assert len(losses_) == 40 and np.mean(losses_[-5:]) < 0.5 * np.mean(losses_[:5])
    assert len(variables["train_acc_list"]) == 4          # i = 0, 10, 20, 30: once per epoch
    assert variables["test_acc_list"][-1] == 1.0
    assert variables["network"].sizes == (784, 50, 10)


def test_listings_run_nns_own_functions():
    names = course_namespace()
    assert names["sigmoid"] is functions.sigmoid and names["softmax"] is functions.softmax
    assert names["cross_entropy_error"] is losses.cross_entropy_error
    assert names["numerical_gradient"] is gradient.numerical_gradient
    assert names["MultiLayerNet"] is network.MultiLayerNet


def test_run_returns_the_variables_and_refuses_wrong_inputs():
    variables = LISTINGS["partial_derivatives"].run()
    assert list(variables) == ["x0", "x1", "df_dx0", "df_dx1"]      # no function_tmp1, no np
    with pytest.raises(TypeError, match="missing inputs \\['network', 'x', 't'\\]"):
        LISTINGS["inference"].run()
    with pytest.raises(TypeError, match="unknown inputs \\['y'\\]"):
        LISTINGS["numerical_diff"].run(y=1.0)


def test_values_show_as_numpy_prints_them_whatever_the_print_options():
    with np.printoptions(precision=3, suppress=True):
        assert format_value(np.array([-2.99999994, 3.99999992])) == "[-2.99999994  3.99999992]"
    assert format_value(0.09750000000000003, 6) == "0.0975" and format_value(2.0, 3) == "2.0"
    assert format_value(np.int64(2)) == "2" and format_value([0.11274, 0.9], 4) == "[0.1127, 0.9]"
    assert describe(np.zeros((10_000, 784), np.float32)) == "float32 (10000, 784) [0. 0. 0. 0. ...]"
    assert describe([2.3, 0.51]) == "list of 2, last 0.51"


def test_every_listing_has_a_title_and_shows_what_it_computes():
    for listing in LISTINGS.values():
        assert listing.title and listing.source.strip()
        assert all(name in listing.source for name in listing.shows), listing.name
