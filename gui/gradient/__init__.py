"""The Gradient descent tab: tab.py, and one panel per module, all numbers from digitlab.nn.numerical.gradient."""
