"""How well a network reads a labelled set: accuracy, per-class accuracy, confusion, mistakes."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Evaluation:
    """What a network gets right and wrong on a test set of N images."""
    accuracy: float
    per_class: np.ndarray         # (10,) accuracy of each true digit
    confusion: np.ndarray         # (10, 10) counts, rows = true digit, columns = predicted
    wrong: np.ndarray             # (K,) indices of misclassified images, most confident first
    predicted: np.ndarray         # (N,) predicted digits
    confidence: np.ndarray        # (N,) probability of the predicted digit

    def to_dict(self) -> dict:
        """The JSON-friendly summary: accuracy, per_class (10 floats), confusion (10x10 ints), n."""
        return {"accuracy": self.accuracy,
                "per_class": [float(value) for value in self.per_class],
                "confusion": self.confusion.tolist(),
                "n": int(len(self.predicted))}


def confusion_matrix(t: np.ndarray, y: np.ndarray, classes: int = 10) -> np.ndarray:
    """Counts of (true, predicted) pairs. t, y: (N,) int labels. Returns (classes, classes) int64."""
    t = np.asarray(t, dtype=np.int64)
    y = np.asarray(y, dtype=np.int64)
    return np.bincount(t * classes + y, minlength=classes * classes).reshape(classes, classes)


def evaluate(network, x: np.ndarray, t: np.ndarray, batch_size: int = 1000) -> Evaluation:
    """Evaluate network on x (N, 784) with labels t (N,), in batches to bound memory."""
    t = np.asarray(t, dtype=np.int64)
    probs = np.concatenate([network.probabilities(x[i:i + batch_size])
                            for i in range(0, len(x), batch_size)])
    predicted = probs.argmax(axis=1)
    confidence = probs[np.arange(len(x)), predicted]
    confusion = confusion_matrix(t, predicted)
    per_class = np.diag(confusion) / np.maximum(confusion.sum(axis=1), 1)
    wrong = np.flatnonzero(predicted != t)
    wrong = wrong[np.argsort(-confidence[wrong], kind="stable")]
    return Evaluation(float(np.mean(predicted == t)), per_class, confusion, wrong, predicted,
                      confidence)
