"""nn/gradient.py against the course's printed values and the exact derivatives."""
import numpy as np
import pytest

from digitlab.nn.numerical.gradient import (
    SimpleNet, curves, diff_errors, forward_diff, function_1, function_2, gradient_descent,
    numerical_diff, numerical_gradient, numerical_gradient_field, optimizer_path, path_values,
    surfaces, tangent_line,
)

BOOK_W = np.array([[0.47355232, 0.9977393, 0.84668094],
                   [0.85557411, 0.03563661, 0.69422093]])
BOOK_X = np.array([0.6, 0.9])
BOOK_T = np.array([0, 0, 1])


class _PlainSGD:
    """An independent SGD to check optimizer_path without nn.optimizers."""

    def __init__(self, lr):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            params[key] -= self.lr * grads[key]


def test_numerical_diff_matches_the_course():
    assert numerical_diff(function_1, 5) == pytest.approx(0.1999999999990898, abs=1e-15)
    assert numerical_diff(function_1, 10) == pytest.approx(0.2999999999986347, abs=1e-15)


def test_forward_diff_is_less_accurate_than_central():
    exact = 0.02 * 5 + 0.1
    assert abs(forward_diff(function_1, 5, 1e-4) - exact) > 100 * abs(numerical_diff(function_1, 5) - exact)


def test_tangent_line_touches_the_curve():
    slope, intercept = tangent_line(function_1, 5)
    assert slope == pytest.approx(0.2, abs=1e-9)
    assert slope * 5 + intercept == pytest.approx(function_1(5))


def test_numerical_gradient_of_function_2():
    np.testing.assert_allclose(numerical_gradient(function_2, np.array([3.0, 4.0])), [6, 8], atol=1e-8)
    np.testing.assert_allclose(numerical_gradient(function_2, [0.0, 2.0]), [0, 4], atol=1e-8)
    np.testing.assert_allclose(numerical_gradient(function_2, [3, 0]), [6, 0], atol=1e-8)


def test_numerical_gradient_any_shape_and_restores_x():
    x = np.arange(12, dtype=np.float64).reshape(2, 3, 2) / 7
    before = x.copy()
    grad = numerical_gradient(lambda a: np.sum(np.sin(a)), x)
    np.testing.assert_allclose(grad, np.cos(before), atol=1e-7)
    np.testing.assert_array_equal(x, before)


def test_numerical_gradient_field_matches_the_exact_gradients():
    rng = np.random.default_rng(0)
    points = rng.uniform(-2, 2, size=(5, 4, 2))
    for surface in surfaces():
        np.testing.assert_allclose(numerical_gradient_field(surface.f, points), surface.grad(points),
                                   rtol=1e-5, atol=1e-5, err_msg=surface.name)


def test_function_2_on_grids():
    grid = np.stack(np.meshgrid([0.0, 1.0, 2.0], [3.0, 4.0]), axis=-1)
    np.testing.assert_allclose(function_2(grid), [[9, 10, 13], [16, 17, 20]])


def test_descent_lr_01_reaches_the_minimum():
    x, path = gradient_descent(function_2, [-3.0, 4.0], lr=0.1, step_num=100)
    assert path.shape == (101, 2)
    np.testing.assert_array_equal(path[0], [-3, 4])
    np.testing.assert_array_equal(path[-1], x)
    assert np.all(np.abs(x) < 1e-2)
    np.testing.assert_allclose(x, [-6.11110793e-10, 8.14814391e-10], rtol=1e-6)  # the book's print


def test_descent_lr_10_diverges_like_the_book():
    x, _ = gradient_descent(function_2, [-3.0, 4.0], lr=10.0, step_num=100)
    np.testing.assert_allclose(x, [-2.58983747e13, -1.29524862e12], rtol=1e-6)


def test_descent_lr_tiny_hardly_moves():
    x, _ = gradient_descent(function_2, [-3.0, 4.0], lr=1e-10, step_num=100)
    np.testing.assert_allclose(x, [-3, 4], atol=1e-6)
    assert not np.array_equal(x, [-3, 4])


def test_descent_overflow_gives_nan_rows_without_warnings():
    steep = lambda x: 1e300 * np.sum(x**2)  # noqa: E731  (overflows to inf beyond |x| ~ 3)
    x, path = gradient_descent(steep, [0.5, 0.5], lr=1.0, step_num=10)
    assert path.shape == (11, 2)
    np.testing.assert_array_equal(path[0], [0.5, 0.5])
    bad = np.isnan(path).any(axis=1)
    assert bad.any() and np.all(bad[np.argmax(bad):]) and np.all(~np.isfinite(x))


def test_optimizer_path_overflow_gives_nan_rows_without_warnings():
    rosenbrock = surfaces()[3]
    path = optimizer_path(rosenbrock, _PlainSGD(1.0), rosenbrock.default_start, 50)
    bad = ~np.all(np.isfinite(path), axis=1)
    first = np.argmax(bad)
    assert 1 < first and np.all(bad[first:])
    values, norms = path_values(rosenbrock, path)
    assert np.isnan(values[-1]) and np.isnan(norms[-1]) and np.isfinite(values[0])


def test_diff_errors_show_why_h_1e_minus_50_fails():
    c = curves()[0]
    hs = [1e-2, 1e-4, 1e-50]
    fwd, cen = diff_errors(c.f, c.df, 5.0, hs)
    assert cen[1] < 1e-10 < fwd[1]
    assert fwd[2] == pytest.approx(0.2) and cen[2] == pytest.approx(0.2)  # estimate rounds to 0
    fwd32, cen32 = diff_errors(c.f, c.df, 5.0, hs, dtype=np.float32)
    assert cen32[2] == pytest.approx(0.2)
    assert cen32[1] > cen[1]


def test_curves_derivatives_agree_with_numerical_diff():
    for c in curves():
        assert numerical_diff(c.f, c.default_x) == pytest.approx(c.df(c.default_x), rel=1e-6)


def test_optimizer_path_with_plain_sgd_matches_gradient_descent():
    sphere = surfaces()[0]
    path = optimizer_path(sphere, _PlainSGD(0.1), sphere.default_start, 20)
    _, expected = gradient_descent(sphere.f, sphere.default_start, lr=0.1, step_num=20)
    np.testing.assert_allclose(path, expected, atol=1e-8)


@pytest.mark.parametrize("name", ["sgd", "momentum", "adagrad", "rmsprop", "adam"])
def test_optimizers_descend_the_elongated_bowl(name):
    optimizers = pytest.importorskip("digitlab.nn.training.optimizers")
    elongated = surfaces()[1]
    lr = {"sgd": 0.95, "momentum": 0.1, "adagrad": 1.5, "rmsprop": 0.1, "adam": 0.3}[name]
    path = optimizer_path(elongated, optimizers.make_optimizer(name, lr), elongated.default_start, 30)
    values, _ = path_values(elongated, path)
    assert values[-1] < 0.1 * values[0]


def test_surface_minima_and_default_lr_converge():
    for surface in surfaces():
        if surface.minimum is None:
            continue
        np.testing.assert_allclose(surface.grad(np.array(surface.minimum)), [0, 0], atol=1e-12)
        path = optimizer_path(surface, _PlainSGD(surface.lr), surface.default_start, 200)
        values, _ = path_values(surface, path)
        assert values[-1] < values[0], surface.name


def test_simplenet_matches_the_book():
    net = SimpleNet(np.random.default_rng(0))
    net.W = BOOK_W.copy()
    np.testing.assert_allclose(net.predict(BOOK_X), [1.05414809, 0.63071653, 1.1328074], atol=1e-8)
    assert net.loss(BOOK_X, BOOK_T) == pytest.approx(0.92806853663411326, abs=1e-6)
    dW = numerical_gradient(lambda W: net.loss(BOOK_X, BOOK_T), net.W)
    book_dW = [[0.21924763, 0.14356247, -0.36281009], [0.32887144, 0.2153437, -0.54421514]]
    np.testing.assert_allclose(dW, book_dW, atol=1e-6)
    np.testing.assert_allclose(net.numerical_gradient(BOOK_X, BOOK_T), dW)
    np.testing.assert_array_equal(net.W, BOOK_W)


def test_simplenet_step_lowers_the_loss_and_seed_is_reproducible():
    net = SimpleNet(np.random.default_rng(3))
    np.testing.assert_array_equal(net.W, SimpleNet(np.random.default_rng(3)).W)
    before = net.loss(BOOK_X, BOOK_T)
    net.W -= 0.5 * net.numerical_gradient(BOOK_X, BOOK_T)
    assert net.loss(BOOK_X, BOOK_T) < before
    assert "SimpleNet" in repr(net)
