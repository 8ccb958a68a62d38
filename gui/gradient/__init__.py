"""Panels of the Gradient descent tab: one widget per module, all numbers from nn.gradient."""
