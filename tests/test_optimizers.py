"""Optimizers: a quadratic step with a known answer for each, convergence on f = sum(x^2); schedules."""
import math

import numpy as np
import pytest

from digitlab.nn.training.optimizers import (OPTIMIZER_NAMES, SCHEDULE_NAMES, SGD, AdaGrad, Adam, Momentum, Nesterov,
                           RMSprop, make_optimizer, make_schedule)

X0 = np.array([1.0, -2.0, 0.5])


def grad_sum_of_squares(x):
    """Gradient of f(x) = sum(x^2)."""
    return 2 * x


def steps(optimizer, n, x0=X0):
    """Runs n updates on f = sum(x^2) from x0; returns the list of positions after each update."""
    params = {"x": x0.copy()}
    path = []
    for _ in range(n):
        optimizer.update(params, {"x": grad_sum_of_squares(params["x"])})
        path.append(params["x"].copy())
    return path


def test_sgd_step_is_x_minus_lr_times_gradient():
    x1, x2 = steps(SGD(lr=0.1), 2)
    np.testing.assert_allclose(x1, 0.8 * X0)
    np.testing.assert_allclose(x2, 0.64 * X0)


def test_momentum_two_steps():
    # v1 = -0.1 * 2 x0 = -0.2 x0, x1 = 0.8 x0; v2 = 0.9 v1 - 0.1 * 1.6 x0 = -0.34 x0, x2 = 0.46 x0
    x1, x2 = steps(Momentum(lr=0.1, momentum=0.9), 2)
    np.testing.assert_allclose(x1, 0.8 * X0)
    np.testing.assert_allclose(x2, 0.46 * X0)


def test_nesterov_first_step():
    # v1 = -0.2 x0; x1 = x0 + 0.81 v1 - 1.9 * 0.1 * 2 x0 = (1 - 0.162 - 0.38) x0
    (x1,) = steps(Nesterov(lr=0.1, momentum=0.9), 1)
    np.testing.assert_allclose(x1, 0.458 * X0)


def test_adagrad_two_steps():
    g1 = 2 * X0
    x1 = X0 - 0.1 * g1 / (np.sqrt(g1 ** 2) + 1e-7)
    g2 = 2 * x1
    x2 = x1 - 0.1 * g2 / (np.sqrt(g1 ** 2 + g2 ** 2) + 1e-7)
    path = steps(AdaGrad(lr=0.1), 2)
    np.testing.assert_allclose(path[0], x1)
    np.testing.assert_allclose(path[1], x2)
    # The first AdaGrad step moves every coordinate by lr, whatever its gradient.
    np.testing.assert_allclose(path[0], X0 - 0.1 * np.sign(X0), rtol=1e-6)


def test_rmsprop_first_step():
    g = 2 * X0
    h = 0.01 * g ** 2
    (x1,) = steps(RMSprop(lr=0.01, decay_rate=0.99), 1)
    np.testing.assert_allclose(x1, X0 - 0.01 * g / (np.sqrt(h) + 1e-7))
    np.testing.assert_allclose(x1, X0 - 0.1 * np.sign(X0), rtol=1e-5)


def test_adam_first_steps_match_the_paper_with_bias_correction():
    lr, beta1, beta2, eps = 0.1, 0.9, 0.999, 1e-7
    path = steps(Adam(lr=lr, beta1=beta1, beta2=beta2), 2)
    # Independent oracle: Kingma & Ba's algorithm with explicit m_hat, v_hat (eps scaled accordingly).
    x, m, v = X0.copy(), np.zeros(3), np.zeros(3)
    for k, got in enumerate(path, start=1):
        g = 2 * x
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g ** 2
        m_hat, v_hat = m / (1 - beta1 ** k), v / (1 - beta2 ** k)
        x = x - lr * m_hat / (np.sqrt(v_hat) + eps / math.sqrt(1 - beta2 ** k))
        np.testing.assert_allclose(got, x, rtol=1e-12)
    np.testing.assert_allclose(path[0], X0 - lr * np.sign(X0), rtol=1e-5)


@pytest.mark.parametrize("make, n_steps", [
    (lambda: SGD(lr=0.1), 100),
    (lambda: Momentum(lr=0.05, momentum=0.9), 500),
    (lambda: Nesterov(lr=0.05, momentum=0.9), 300),
    (lambda: AdaGrad(lr=0.5), 300),
    (lambda: RMSprop(lr=0.01, decay_rate=0.99), 1000),
    (lambda: Adam(lr=0.05), 1000),
], ids=["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"])
def test_every_optimizer_converges_on_sum_of_squares(make, n_steps):
    final = steps(make(), n_steps)[-1]
    assert np.linalg.norm(final) < 1e-8


@pytest.mark.parametrize("name", OPTIMIZER_NAMES)
def test_update_is_in_place_and_keeps_float32(name):
    optimizer = make_optimizer(name, lr=0.01)
    W = np.ones((3, 2), dtype=np.float32)
    b = np.zeros(2, dtype=np.float32)
    params = {"W": W, "b": b}
    grads = {"W": np.full((3, 2), 0.5, dtype=np.float32), "b": np.ones(2, dtype=np.float32)}
    grads_before = {key: value.copy() for key, value in grads.items()}
    optimizer.update(params, grads)
    assert params["W"] is W and params["b"] is b
    assert W.dtype == np.float32 and b.dtype == np.float32
    assert np.all(W < 1) and np.all(b < 0)
    for key in grads:
        np.testing.assert_array_equal(grads[key], grads_before[key])


def test_changing_lr_takes_effect_on_the_next_update():
    optimizer = SGD(lr=0.1)
    params = {"x": np.array([1.0])}
    optimizer.update(params, {"x": np.array([1.0])})
    optimizer.lr = 0.01
    optimizer.update(params, {"x": np.array([1.0])})
    np.testing.assert_allclose(params["x"], [0.89])


def test_make_optimizer_names_and_defaults():
    kinds = [type(make_optimizer(name, 0.2)).__name__ for name in OPTIMIZER_NAMES]
    assert kinds == ["SGD", "Momentum", "Nesterov", "AdaGrad", "RMSprop", "Adam"]
    assert make_optimizer("momentum", 0.2).lr == 0.2
    assert make_optimizer("momentum", 0.2).momentum == 0.9
    assert repr(make_optimizer("adam", 0.001)) == "Adam(lr=0.001, beta1=0.9, beta2=0.999)"
    with pytest.raises(ValueError, match="optimizer must be one of"):
        make_optimizer("lbfgs", 0.1)


def test_constant_schedule():
    schedule = make_schedule("constant", 0.1, 1000)
    assert [schedule(k) for k in (0, 500, 5000)] == [0.1, 0.1, 0.1]


def test_step_schedule_halves_every_step_size():
    schedule = make_schedule("step", 0.1, 1000, step_size=10, gamma=0.5)
    assert [schedule(k) for k in (0, 9, 10, 19, 20, 35)] == pytest.approx(
        [0.1, 0.1, 0.05, 0.05, 0.025, 0.0125])
    floored = make_schedule("step", 0.1, 1000, step_size=10, gamma=0.1, min_lr=0.002)
    assert floored(25) == pytest.approx(0.002)


def test_step_schedule_default_step_is_a_third_of_the_run():
    schedule = make_schedule("step", 1.0, 600)
    assert [schedule(k) for k in (199, 200, 399, 400, 599)] == [1.0, 0.5, 0.5, 0.25, 0.25]


def test_cosine_schedule_known_values():
    schedule = make_schedule("cosine", 0.1, 100, min_lr=0.01)
    assert schedule(0) == pytest.approx(0.1)
    assert schedule(50) == pytest.approx(0.055)
    assert schedule(25) == pytest.approx(0.01 + 0.09 * (1 + math.cos(math.pi / 4)) / 2)
    assert schedule(100) == pytest.approx(0.01)
    assert schedule(150) == pytest.approx(0.01)


def test_schedule_names_and_errors():
    assert SCHEDULE_NAMES == ("constant", "step", "cosine")
    with pytest.raises(ValueError, match="schedule must be one of"):
        make_schedule("exponential", 0.1, 100)
    with pytest.raises(ValueError, match="step_size"):
        make_schedule("step", 0.1, 100, step_size=0)
