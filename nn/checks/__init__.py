"""Digits from outside DigitLab's training, to check a model with: Hershey-font strokes, the UCI
optdigits scans of 43 writers, one writer's unusual digits (scripts/eval.py, the screenshots, tests)."""
