"""A personal data set: the user's own labelled drawings, kept for testing and fine-tuning.

Each sample is the preprocessed 28x28 network input, its label, the pen strokes it was drawn with
and an id and a time. Ids count up from 0 in insertion order and are never reused; the personal
test split is every fifth sample by insertion order (id % 5 == 4), so deleting or relabelling one
sample never moves another between the splits.

Saved as one .npz (read with allow_pickle=False): the strokes as one flat (P, 2) point array with
offsets. A file is checked like a model file before anything in it is used (sizes bounded,
shapes, labels 0-9, finite values) and PersonalDataError says in one line what is wrong.
"""
from __future__ import annotations

import dataclasses
import os
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from digitlab.nn.files.personal_file import read_personal_npz, write_personal_npz
from digitlab.nn.files.personal_file import PersonalDataError  # noqa: F401  (re-exported for callers)

SIDE = 28
TEST_EVERY = 5


@dataclass(frozen=True)
class PersonalSample:
    """One labelled drawing. image: (28, 28) float32 in [0, 1]; strokes: (K, 2) float32 each."""

    sample_id: int
    label: int
    image: np.ndarray
    strokes: tuple[np.ndarray, ...]
    created: float            # seconds since the epoch

    @property
    def is_test(self) -> bool:
        """In the personal test split: every fifth sample by insertion order."""
        return self.sample_id % TEST_EVERY == TEST_EVERY - 1

    def __repr__(self):
        return (f"PersonalSample(id={self.sample_id}, label={self.label}, "
                f"{len(self.strokes)} strokes)")


class PersonalSet:
    """The user's samples in insertion order, with add / delete / relabel and the test split."""

    def __init__(self, samples=(), next_id: int | None = None):
        self._samples: list[PersonalSample] = list(samples)
        ids = [s.sample_id for s in self._samples]
        self.next_id = max(ids, default=-1) + 1 if next_id is None else int(next_id)
        if len(set(ids)) != len(ids) or (ids and self.next_id <= max(ids)):
            raise ValueError("sample ids must be unique and below next_id")

    def __repr__(self):
        return f"PersonalSet({len(self)} samples, per digit {self.counts().tolist()})"

    def __len__(self) -> int:
        return len(self._samples)

    def __iter__(self):
        return iter(self._samples)

    def __getitem__(self, sample_id: int) -> PersonalSample:
        return self._samples[self._index(sample_id)]

    def _index(self, sample_id: int) -> int:
        for i, sample in enumerate(self._samples):
            if sample.sample_id == sample_id:
                return i
        raise KeyError(f"no personal sample with id {sample_id}")

    def add(self, image, label: int, strokes=(), created: float | None = None,
            sample_id: int | None = None) -> PersonalSample:
        """Store a drawing. image: (28, 28) or (784,) in [0, 1]; strokes: (K, 2) points each.

        sample_id None takes next_id; an import passes the exported id (>= next_id), which keeps
        the samples in their test split.
        """
        sample_id = self.next_id if sample_id is None else int(sample_id)
        if sample_id < self.next_id:
            raise ValueError(f"sample id {sample_id} is not above the ids already used")
        sample = PersonalSample(sample_id, _check_label(label), _check_image(image),
                                tuple(_check_stroke(s) for s in strokes),
                                time.time() if created is None else float(created))
        self._samples.append(sample)
        self.next_id = sample_id + 1
        return sample

    def delete(self, sample_id: int) -> None:
        del self._samples[self._index(sample_id)]

    def relabel(self, sample_id: int, label: int) -> None:
        i = self._index(sample_id)
        self._samples[i] = dataclasses.replace(self._samples[i], label=_check_label(label))

    def counts(self) -> np.ndarray:
        """Samples per digit: (10,) int64."""
        return np.bincount([s.label for s in self._samples], minlength=10).astype(np.int64)

    def arrays(self, split: str = "all") -> tuple[np.ndarray, np.ndarray]:
        """(x (N, 784) float32, t (N,) int64) of split "all", "train" or "test"."""
        if split not in ("all", "train", "test"):
            raise ValueError(f"split must be 'all', 'train' or 'test', got {split!r}")
        chosen = [s for s in self._samples
                  if split == "all" or s.is_test == (split == "test")]
        x = np.array([s.image.reshape(SIDE * SIDE) for s in chosen], np.float32)
        return x.reshape(len(chosen), SIDE * SIDE), np.array([s.label for s in chosen], np.int64)

    def save(self, path: str | os.PathLike) -> None:
        """Write the set to a .npz atomically (a crash mid-save leaves the old file)."""
        write_personal_npz(Path(path), self._samples, self.next_id)

    @classmethod
    def load(cls, path: str | os.PathLike) -> PersonalSet:
        """Read a set saved by `save`; raises PersonalDataError for anything unusable."""
        rows, next_id = read_personal_npz(Path(path))
        samples = [PersonalSample(int(i), int(label), _check_image(image),
                                  tuple(_check_stroke(s) for s in strokes), float(created))
                   for i, label, image, strokes, created in rows]
        return cls(samples, next_id)


def _check_label(label) -> int:
    if isinstance(label, bool) or not isinstance(label, (int, np.integer)) or not 0 <= label <= 9:
        raise ValueError(f"a label must be a digit 0-9, got {label!r}")
    return int(label)


def _check_image(image) -> np.ndarray:
    image = np.asarray(image, dtype=np.float32)
    if image.size != SIDE * SIDE or not np.all(np.isfinite(image)):
        raise ValueError(f"a sample image must be 28x28 finite values, got shape {image.shape}")
    out = np.clip(image.reshape(SIDE, SIDE), 0.0, 1.0)
    out.flags.writeable = False     # samples are frozen: share, never modify
    return out


def _check_stroke(stroke) -> np.ndarray:
    stroke = np.asarray(stroke, dtype=np.float32)
    if stroke.ndim != 2 or stroke.shape[1] != 2 or len(stroke) == 0 or not np.all(np.isfinite(stroke)):
        raise ValueError(f"a stroke must be (K, 2) finite points, got shape {stroke.shape}")
    stroke = stroke.copy()
    stroke.flags.writeable = False
    return stroke
