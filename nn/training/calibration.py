"""How sure a model is, and whether it should be: reliability bins, calibration error, coverage.

confidence: (N,) the largest softmax probability of each prediction; correct: (N,) bool, whether
that prediction was right. A model is calibrated when, among the answers given with probability
about p, a share p is right.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

BINS = 10
# Below this top probability the Draw tab says "not sure"; the Evaluation panel's coverage curve
# shows what it costs and may move it.
NOT_SURE_BELOW = 0.5


@dataclass(frozen=True)
class Reliability:
    """edges (B+1,) of the confidence bins over [0, 1]; counts (B,) answers per bin; confidence
    (B,) their mean confidence and accuracy (B,) the share right (NaN for an empty bin); ece the
    expected calibration error: sum over bins of counts/N * |accuracy - confidence|."""

    edges: np.ndarray
    counts: np.ndarray
    confidence: np.ndarray
    accuracy: np.ndarray
    ece: float

    def __repr__(self):
        return f"Reliability({len(self.counts)} bins, ece={self.ece:.4f})"


def _bin_index(confidence: np.ndarray, bins: int) -> np.ndarray:
    # bins are (lo, hi]; a confidence of exactly 0 joins the first
    return np.clip(np.ceil(confidence * bins).astype(np.int64) - 1, 0, bins - 1)


def reliability(confidence: np.ndarray, correct: np.ndarray, bins: int = BINS) -> Reliability:
    """Reliability diagram of N answers. confidence (N,) in [0, 1], correct (N,) bool."""
    confidence = np.asarray(confidence, dtype=np.float64)
    correct = np.asarray(correct, dtype=np.float64)
    if confidence.shape != correct.shape or confidence.ndim != 1:
        raise ValueError("confidence and correct must be 1-D arrays of the same length")
    index = _bin_index(confidence, bins)
    counts = np.bincount(index, minlength=bins)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_confidence = np.bincount(index, confidence, bins) / counts
        accuracy = np.bincount(index, correct, bins) / counts
    gaps = np.abs(np.nan_to_num(accuracy) - np.nan_to_num(mean_confidence))
    ece = float(np.sum(counts * gaps) / max(len(confidence), 1))
    return Reliability(np.linspace(0.0, 1.0, bins + 1), counts, mean_confidence, accuracy, ece)


def expected_calibration_error(confidence: np.ndarray, correct: np.ndarray, bins: int = BINS) -> float:
    """ECE: the average gap between confidence and accuracy, bins weighted by their answers."""
    return reliability(confidence, correct, bins).ece


@dataclass(frozen=True)
class Coverage:
    """If the model may say "not sure" below probability thresholds[i], it answers coverage[i]
    of the images with accuracy[i] (NaN when it answers none)."""

    thresholds: np.ndarray
    coverage: np.ndarray
    accuracy: np.ndarray

    def at(self, threshold: float) -> tuple[float, float]:
        """(coverage, accuracy) at the nearest threshold computed."""
        i = int(np.argmin(np.abs(self.thresholds - threshold)))
        return float(self.coverage[i]), float(self.accuracy[i])

    def __repr__(self):
        return f"Coverage({len(self.thresholds)} thresholds)"


def coverage_curve(confidence: np.ndarray, correct: np.ndarray,
                   thresholds: np.ndarray | None = None) -> Coverage:
    """Coverage and accuracy of the answers with confidence >= each threshold (default 0, 0.01 .. 1)."""
    confidence = np.asarray(confidence, dtype=np.float64)
    correct = np.asarray(correct, dtype=bool)
    thresholds = (np.linspace(0.0, 1.0, 101) if thresholds is None
                  else np.asarray(thresholds, dtype=np.float64))
    answered = confidence[None, :] >= thresholds[:, None]
    n_answered = answered.sum(axis=1)
    right = (answered & correct[None, :]).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        accuracy = right / n_answered
    return Coverage(thresholds, n_answered / max(len(confidence), 1), accuracy)


def confidence_and_correct(probabilities: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """From softmax outputs (N, 10) and labels (N,): top probability (N,) and whether it is right (N,)."""
    return probabilities.max(axis=1), probabilities.argmax(axis=1) == np.asarray(t)
