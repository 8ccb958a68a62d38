"""nn.data.stats: counts per digit, average digits, pixel histogram, pages of examples."""
import numpy as np
import pytest

from digitlab.nn.data import stats as data_stats

MNIST_TRAIN = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
MNIST_TEST = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]


def test_counts_mean_digits_and_histogram_of_a_hand_made_set():
    x = np.zeros((4, 784), np.float32)
    x[0, 0] = 1.0
    x[1, 0] = 0.5
    x[2, 1] = 0.26
    t = np.array([3, 3, 7, 3])
    summary = data_stats.summarize(x, t)
    assert summary.counts.tolist() == [0, 0, 0, 3, 0, 0, 0, 4 - 3, 0, 0]
    assert summary.mean_images[3, 0] == pytest.approx(0.5)
    assert summary.mean_images[7, 1] == pytest.approx(0.26)
    assert not summary.mean_images[0].any()     # no image of a 0: zeros, not NaN
    assert summary.histogram.sum() == 4 * 784
    assert summary.histogram[0] == 4 * 784 - 3   # the zeros
    assert summary.histogram[-1] == 1            # 1.0 lands in the last bin
    assert summary.histogram[10] == 1 and summary.histogram[5] == 1


def test_pages_of_examples_walk_through_one_digit():
    t = np.array([1, 2, 1, 1, 2, 1, 1])
    assert data_stats.examples_of(t, 1, 0, 2).tolist() == [0, 2]
    assert data_stats.examples_of(t, 1, 2, 2).tolist() == [6]
    assert data_stats.examples_of(t, 1, 3, 2).tolist() == []
    assert data_stats.page_count(t, 2) == 3


def test_mnist_counts_equal_the_label_histograms_of_the_files(mnist_dir):
    from digitlab.nn.data.mnist import load_mnist

    (x, t), (x_test, t_test) = load_mnist(mnist_dir=mnist_dir)
    assert data_stats.summarize(x, t).counts.tolist() == MNIST_TRAIN
    assert data_stats.class_counts(t_test).tolist() == MNIST_TEST
    assert data_stats.class_counts(t).tolist() == np.histogram(t, bins=np.arange(11))[0].tolist()


def test_an_empty_set_has_zero_counts_and_blank_averages():
    summary = data_stats.summarize(np.zeros((0, 784), np.float32), np.zeros(0, np.int64))
    assert summary.total == 0 and summary.mean_images.shape == (10, 784)
    assert not summary.mean_images.any() and summary.histogram.sum() == 0
