"""nn/train_events.py: the events' summaries (Progress, FinishReason) and the divergence sentences."""
import json
import math

import numpy as np
import pytest

from digitlab.nn.training.train_events import (Divergence, FinishReason, IterationEvent, Progress, divergence_message,
                             suggested_lr)


def iteration(i, loss=1.0, lr=0.1, samples_per_sec=1000.0, seconds=1.0, total=50, epoch=1):
    return IterationEvent(i, epoch, loss, lr, samples_per_sec, total, seconds)


def test_progress_summarises_the_iterations_since_the_last_report():
    events = [iteration(11, 2.0, 0.1, seconds=4.0), iteration(12, 1.5, 0.05, seconds=4.5),
              iteration(13, 1.0, 0.02, samples_per_sec=400.0, seconds=5.0, epoch=2)]
    p = Progress.of(events, batch_size=20, epochs_total=5)
    np.testing.assert_array_equal(p.iterations, [11, 12, 13])
    np.testing.assert_array_equal(p.losses, [2.0, 1.5, 1.0])
    np.testing.assert_array_equal(p.lrs, [0.1, 0.05, 0.02])
    assert (p.iteration, p.iterations_total, p.epoch, p.epochs_total) == (13, 50, 2, 5)
    assert p.samples_per_sec == pytest.approx(13 * 20 / 5.0)      # the whole run so far: 52/s
    assert p.seconds_per_iteration == pytest.approx(20 / 400.0)   # the latest one's pace
    assert p.seconds_elapsed == 5.0
    assert p.seconds_left == pytest.approx(5.0 / 13 * 37)          # 37 iterations at 5/13 s


def test_progress_is_frozen_and_safe_at_the_start():
    p = Progress.of([iteration(1, seconds=0.0, samples_per_sec=0.0)], 10, 1)
    assert math.isfinite(p.samples_per_sec) and math.isfinite(p.seconds_per_iteration)
    with pytest.raises(AttributeError):
        p.iteration = 2


def test_finish_reasons_read_as_their_words():
    assert FinishReason.DIVERGED == "diverged" and f"{FinishReason.STOPPED}" == "stopped"
    assert str(FinishReason.COMPLETED) == "completed"
    assert json.dumps({"finished": FinishReason.COMPLETED}) == '{"finished": "completed"}'
    assert FinishReason("stopped") is FinishReason.STOPPED


@pytest.mark.parametrize("lr, expected", [(10.0, 0.1), (1.0, 0.1), (0.5, 0.05), (0.3, 0.03),
                                          (1e4, 0.1), (0.123456, 0.0123)])
def test_suggested_lr_is_a_tenth_at_most_the_courses(lr, expected):
    assert suggested_lr(lr) == expected


def test_the_divergence_sentence_suggests_the_suggested_lr():
    assert divergence_message(math.inf, 4, 0.5, 2.3).endswith(f"Try {suggested_lr(0.5):g}.")


def test_divergence_messages():
    assert divergence_message(math.inf, 12, 10.0, 2.3) == (
        "The loss became infinite at iteration 12: the learning rate 10 is too large, "
        "so each step overshoots. Try 0.1.")
    assert "initial weights are too large" in divergence_message(math.nan, 1, 0.1, None)
    assert "initial weights are too large" in divergence_message(
        math.nan, 1, 0.1, None, weight_decay=0.1, penalty=2.0)
    # the penalty 0.5 * weight_decay * sum(W^2) is most of the first loss: the weight decay's fault
    assert divergence_message(math.inf, 3, 0.1, 904.0, weight_decay=30.0, penalty=902.0) == (
        "The loss became infinite at iteration 3: the weight decay 30 is too large: its penalty "
        "(0.5 x weight decay x sum of W^2) was 902 of the first loss 904, so each step mostly "
        "shrinks the weights and overshoots. Try 0.1.")
    assert "weight decay 0.5 is too large" in divergence_message(
        math.inf, 3, 5.0, 3.0, weight_decay=0.5, penalty=2.0)
    assert "Try 0.005." in divergence_message(math.inf, 3, 5.0, 3.0, weight_decay=0.5, penalty=2.0)
    assert "learning rate 5 is too large" in divergence_message(
        math.inf, 3, 5.0, 3.0, weight_decay=0.5, penalty=1.0)
    assert "weight decay inf is too large" in divergence_message(
        math.inf, 1, 0.1, None, weight_decay=math.inf, penalty=math.inf)


def test_the_decay_is_not_blamed_when_it_alone_would_shrink_the_weights():
    # lr 10, decay 0.1 (the Training tab's largest): a step scales W by 1 - 1 = 0, it cannot grow;
    # a big penalty share must not hide that the learning rate overshoots
    assert "learning rate 10 is too large" in divergence_message(
        math.inf, 3, 10.0, 5.6, weight_decay=0.1, penalty=3.3)
    assert "weight decay 30 is too large" in divergence_message(
        math.inf, 3, 0.1, 904.0, weight_decay=30.0, penalty=902.0)
    blamed = Divergence.of_loss(math.inf, 3, 0.1, 904.0, weight_decay=30.0, penalty=902.0)
    assert (blamed.blame, blamed.suggestion) == ("weight_decay", 0.1)
    assert Divergence.of_loss(math.nan, 1, 0.1, None).blame == "init"
    assert Divergence.of_loss(math.nan, 1, 0.1, None).suggestion is None
