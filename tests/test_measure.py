"""gui/measure.py: what `digitlab bench` measures through the real widgets, offscreen."""
import numpy as np
import pytest

from digitlab.gui import measure


class TinyCache:
    """Stands in for a loaded MnistCache: 300 random images (the Training tab only calls get())."""

    loaded = True
    mnist_dir = None

    def __init__(self):
        rng = np.random.default_rng(0)
        x, t = rng.random((300, 784), dtype=np.float32), rng.integers(0, 10, 300)
        self.data = (x, t), (x[:100], t[:100])

    def get(self):
        return self.data


@pytest.mark.slow   # trains on the Training tab
def test_seconds_to_accuracy_goes_through_the_training_tabs_start_button(qapp):
    seconds, best = measure.seconds_to_accuracy(TinyCache(), target=0.0, limit=30)
    assert seconds is not None and 0 < seconds < 30 and best >= 0.0


@pytest.mark.slow   # trains on the Training tab
def test_seconds_to_accuracy_is_none_when_the_run_ends_below_target(qapp):
    seconds, best = measure.seconds_to_accuracy(TinyCache(), target=1.01, limit=30)
    assert seconds is None and 0.0 <= best <= 1.0


def test_draw_latencies_come_from_moves_on_the_real_canvas(qapp):
    latencies = measure.draw_to_bars_ms(1, np.random.default_rng(0))
    assert len(latencies) == measure.POINTS_PER_STROKE - 1
    assert np.all(latencies > 0)


def test_inside_latencies_come_from_moves_on_the_inside_tabs_canvas(qapp):
    latencies = measure.inside_update_ms(1, np.random.default_rng(0))
    assert len(latencies) == measure.POINTS_PER_STROKE - 1     # every move reached the diagram
    assert np.all(latencies > 0)


def test_draw_latencies_with_the_conv_model_are_answered_by_it(qapp, monkeypatch):
    from digitlab.nn.model.convnet import ConvNet
    answered = []
    forward = ConvNet.probabilities_and_hidden
    monkeypatch.setattr(ConvNet, "probabilities_and_hidden",
                        lambda self, x: answered.append(1) or forward(self, x))
    latencies = measure.draw_to_bars_ms(1, np.random.default_rng(0), conv=True)
    assert len(latencies) == measure.POINTS_PER_STROKE - 1
    assert np.all(latencies > 0) and answered     # the conv model answered (moves coalesce)


@pytest.mark.slow   # trains on the Training tab while drawing
def test_draw_latencies_while_training_come_from_the_draw_tab_with_a_run_going(qapp):
    from digitlab.gui.training.mnist_cache import MnistCache
    from digitlab.nn.training.train_config import TrainConfig
    data = MnistCache(data=TinyCache().get())
    latencies = measure.draw_to_bars_training_ms(1, np.random.default_rng(0), data,
                                                 config=TrainConfig(epochs=200, batch_size=1))
    assert len(latencies) == measure.POINTS_PER_STROKE - 1
    assert np.all(latencies > 0)
    with pytest.raises(RuntimeError, match="ended before the drawing"):
        measure.draw_to_bars_training_ms(1, np.random.default_rng(0), data,
                                         config=TrainConfig(epochs=1, train_size=100))


def test_the_reference_config_is_the_benchmarks_run():
    from digitlab.nn.speed import benchmark
    config = measure.reference_config()
    assert (config.hidden_sizes, config.optimizer, config.lr, config.batch_size, config.dtype) == (
        benchmark.SIZES[1:-1], "momentum", benchmark.LR, benchmark.BATCH_SIZE, "float32")
