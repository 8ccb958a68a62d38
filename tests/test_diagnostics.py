"""nn.diagnostics and the trainer's HealthEvents: norms, update ratio, dead and saturated units."""
import numpy as np
import pytest

from digitlab.nn.training import diagnostics
from digitlab.nn.model.network import MultiLayerNet
from digitlab.nn.training.trainer import HealthEvent, IterationEvent, TrainConfig, Trainer


def _hand_built(activation, W1, b1):
    params = {"W1": W1, "b1": b1, "W2": np.ones((W1.shape[1], 10)), "b2": np.zeros(10)}
    return MultiLayerNet.from_params(params, activation=activation, dtype=np.float64)


def test_dead_share_is_exact_on_a_hand_built_network():
    # inputs are >= 0: a unit with all-negative weights and a negative bias never fires
    W1 = np.full((784, 8), 0.01)
    W1[:, [1, 4, 6]] = -0.01
    b1 = np.zeros(8)
    b1[[1, 4, 6]] = -0.1
    network = _hand_built("relu", W1, b1)
    probe = np.random.default_rng(0).random((50, 784))
    monitor = diagnostics.HealthMonitor(network, probe)
    grads = {key: np.zeros_like(value) for key, value in network.params.items()}
    event = monitor.measure(1, grads, network.params)
    assert event.layers[0].dead_share == 3 / 8
    assert event.layers[0].saturated_share is None
    assert event.layers[1].dead_share is None       # the output layer has no activation


def test_saturated_share_is_exact_on_a_hand_built_network():
    W1 = np.zeros((784, 10))
    b1 = np.zeros(10)
    b1[:4] = 20.0       # sigmoid(20) > 0.99 on every image
    b1[4:6] = -20.0     # sigmoid(-20) < 0.01
    network = _hand_built("sigmoid", W1, b1)
    hidden = network.hidden_activations(np.zeros((5, 784)))[0]
    assert diagnostics.saturated_share(hidden) == pytest.approx(6 / 10)


def test_update_ratio_equals_lr_grad_over_weights_for_plain_sgd():
    rng = np.random.default_rng(1)
    x = rng.random((200, 784)).astype(np.float64)
    t = rng.integers(0, 10, 200)
    config = TrainConfig(hidden_sizes=(20,), lr=0.3, batch_size=200, epochs=1, dtype="float64")
    trainer = Trainer.from_config(config, x, t, x[:10], t[:10], health_every=1)
    before = {key: value.copy() for key, value in trainer.network.params.items()}
    expected_grads = trainer.network.gradient(x, t)
    events = list(trainer.run())
    health = [event for event in events if isinstance(event, HealthEvent)]
    assert len(health) == 1 and health[0].iteration == 1
    for layer in health[0].layers:
        # one batch of all 200 images: the order does not change the mean gradient
        expected = (np.linalg.norm(0.3 * expected_grads[layer.name])
                    / np.linalg.norm(before[layer.name]))
        assert layer.update_ratio == pytest.approx(expected, rel=1e-9)
        assert layer.grad_norm == pytest.approx(np.linalg.norm(expected_grads[layer.name]), rel=1e-9)
        assert layer.start_histogram.sum() == layer.histogram.sum() == before[layer.name].size


def test_health_comes_every_k_iterations_after_its_iteration_and_changes_nothing_else():
    rng = np.random.default_rng(2)
    x = rng.random((500, 784)).astype(np.float32)
    t = rng.integers(0, 10, 500)
    config = TrainConfig(hidden_sizes=(16,), batch_size=50, epochs=1)
    with_health = Trainer.from_config(config, x, t, x[:10], t[:10], health_every=4)
    events = list(with_health.run())
    iterations = [e.iteration for e in events if isinstance(e, HealthEvent)]
    assert iterations == [1, 4, 8]
    for i, event in enumerate(events):
        if isinstance(event, HealthEvent):
            assert isinstance(events[i - 1], IterationEvent)
            assert events[i - 1].iteration == event.iteration
    plain = Trainer.from_config(config, x, t, x[:10], t[:10])
    list(plain.run())
    for key, value in plain.network.params.items():
        np.testing.assert_array_equal(value, with_health.network.params[key])


def test_histograms_keep_values_outside_the_edges_in_the_outer_bins():
    edges = np.linspace(-1, 1, 5)
    counts = diagnostics.histogram(np.array([-5.0, -0.9, 0.1, 0.9, 7.0]), edges)
    assert counts.tolist() == [2, 0, 1, 2]
