"""nn.benchmark: the timed epoch is the trainer's epoch, the canvases are real drawings, the
figures are sane. Tiny synthetic data: the real figures come from `digitlab bench`."""
import numpy as np
import pytest

from digitlab.nn.speed import benchmark
from digitlab.nn.training.trainer import TrainConfig, Trainer, build_network


@pytest.fixture
def data():
    rng = np.random.default_rng(5)
    x = rng.random((300, 784), dtype=np.float32)
    return x, rng.integers(0, 10, 300)


def test_timed_epoch_makes_exactly_the_trainers_updates(data):
    x, t = data
    config = TrainConfig(hidden_sizes=(100,), optimizer="momentum", lr=benchmark.LR,
                         batch_size=benchmark.BATCH_SIZE, epochs=1, seed=3)
    rng = np.random.default_rng(config.seed)
    trainer = Trainer(build_network(config, rng), x, t, x, t, config, rng=rng)
    for _ in trainer.run():
        pass
    rng = np.random.default_rng(config.seed)
    network = benchmark.reference_network(rng)
    optimizer = benchmark.Momentum(lr=benchmark.LR, momentum=benchmark.MOMENTUM)
    seconds = benchmark.epoch_seconds(network, optimizer, x, t, rng)
    assert seconds > 0
    for key, value in trainer.network.params.items():
        np.testing.assert_array_equal(network.params[key], value, err_msg=key)


def test_epoch_parts_add_up_the_clock_around_each_part(data):
    x, t = data                                      # 3 batches of 100
    ticks = iter(range(1000))
    step = benchmark.training_step(benchmark.reference_network(np.random.default_rng(0)),
                                   benchmark.Momentum(lr=0.1))
    parts = benchmark.epoch_parts(step, benchmark.BatchGather(x, t), np.random.default_rng(1),
                                  clock=lambda: float(next(ticks)))
    # clock: 0 at the start, 4 reads per batch (before gather, gradient, update, after), 13 at the end
    assert parts == {"gather": 3.0, "gradient": 3.0, "update": 3.0, "epoch": 13.0}
    assert benchmark.optimizer_share(parts) == pytest.approx(3 / 13)
    assert benchmark.optimizer_share({"update": 0.0, "epoch": 0.0}) == 0.0


def test_interleaved_medians_run_every_timer_once_per_round_after_warm_up():
    calls = []

    def timer(name, values):
        values = iter(values)
        return lambda: calls.append(name) or next(values)

    medians = benchmark.interleaved_medians({"a": timer("a", [9.0, 1.0, 3.0, 2.0]),
                                             "b": timer("b", [9.0, 5.0, 4.0, 6.0])}, repeats=3)
    assert medians == {"a": 2.0, "b": 5.0}          # the warm-up's 9.0 is left out
    assert calls == ["a", "b"] * 4


def test_gemm_seconds_is_positive(data):
    assert benchmark.gemm_seconds(data[0], np.random.default_rng(0)) > 0


def test_gemm_seconds_times_one_hidden_layer_only(data):
    with pytest.raises(ValueError, match="one hidden layer"):
        benchmark.gemm_seconds(data[0], np.random.default_rng(0), sizes=(784, 50, 50, 10))


def test_drawn_canvases_are_different_drawings_with_all_their_ink():
    rng = np.random.default_rng(2)
    canvases = benchmark.drawn_canvases(6, rng, drawings=2, size=84)
    assert len(canvases) == 6
    assert all(c.shape == (84, 84) and c.dtype == np.float32 for c in canvases)
    flat = {c.tobytes() for c in canvases}
    assert len(flat) == 6
    # A moved copy keeps every bit of ink: nothing wrapped around an edge.
    for i in range(2, 6):
        assert canvases[i].sum() == pytest.approx(canvases[i % 2].sum(), rel=1e-6)


def test_moved_blank_image_stays_blank():
    blank = np.zeros((10, 10), np.float32)
    assert not benchmark.moved(blank, np.random.default_rng(0)).any()


def test_predict_and_batch_timings():
    rng = np.random.default_rng(4)
    network = benchmark.reference_network(rng, sizes=(784, 20, 10))
    canvases = benchmark.drawn_canvases(3, rng, size=84)
    times = benchmark.predict_milliseconds(network, canvases + [np.zeros((84, 84), np.float32)])
    assert times.shape == (4,) and np.all(times > 0)
    assert benchmark.batch_speedup(network, rng.random((200, 784), dtype=np.float32)) > 0


def test_the_conv_epoch_is_timed_on_a_fraction_and_scaled_to_the_whole(data, monkeypatch):
    x, t = data
    seen = []
    real = benchmark.epoch_seconds

    def timed(network, optimizer, xs, ts, rng, batch_size=benchmark.BATCH_SIZE):
        seen.append((type(network).__name__, len(xs)))
        real(network, optimizer, xs[:100], ts[:100], rng, batch_size)
        return 2.0

    monkeypatch.setattr(benchmark, "epoch_seconds", timed)
    assert benchmark.conv_epoch_seconds(x, t, np.random.default_rng(0), fraction=1 / 3) == 6.0
    assert seen == [("ConvNet", 100)]


def test_inference_seconds_classifies_every_image(data):
    calls = []

    class Counting:
        def predict(self, x):
            calls.append(len(x))

    assert benchmark.inference_seconds(Counting(), data[0], batch_size=128) > 0
    assert calls == [128, 128, 44]
