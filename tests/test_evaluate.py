import numpy as np
import pytest

from digitlab.nn.training.evaluate import confusion_matrix, evaluate


class FixedNet:
    """Returns given probabilities, so the evaluation has a known answer."""

    def __init__(self, probs):
        self.probs = np.asarray(probs, dtype=np.float64)
        self.calls = 0

    def probabilities(self, x):
        rows = np.asarray(x, dtype=np.int64)[:, 0]
        self.calls += 1
        return self.probs[rows]


def one_hot_probs(predicted, confidence):
    probs = np.full((len(predicted), 10), 0.0)
    for row, (digit, p) in enumerate(zip(predicted, confidence)):
        probs[row] = (1 - p) / 9
        probs[row, digit] = p
    return probs


def test_confusion_matrix_counts_pairs():
    confusion = confusion_matrix([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 2, 0], classes=3)
    np.testing.assert_array_equal(confusion, [[1, 1, 0], [0, 1, 0], [1, 0, 2]])


def test_evaluate_known_answer_in_batches():
    t = np.array([3, 3, 5, 7, 7, 7])
    predicted = np.array([3, 5, 5, 7, 1, 7])
    confidence = np.array([0.9, 0.6, 0.8, 0.7, 0.95, 0.5])
    net = FixedNet(one_hot_probs(predicted, confidence))
    x = np.arange(6)[:, None]
    result = evaluate(net, x, t, batch_size=4)
    assert net.calls == 2
    assert result.accuracy == pytest.approx(4 / 6)
    assert result.per_class[3] == pytest.approx(0.5)
    assert result.per_class[5] == 1.0 and result.per_class[7] == pytest.approx(2 / 3)
    assert result.per_class[0] == 0.0  # no images of 0: no division by zero
    np.testing.assert_array_equal(result.wrong, [4, 1])  # most confident mistake first
    assert result.confusion[7, 1] == 1 and result.confusion.sum() == 6
    summary = result.to_dict()
    assert summary["n"] == 6 and len(summary["per_class"]) == 10
    assert summary["confusion"][3] == [0, 0, 0, 1, 0, 1, 0, 0, 0, 0]
