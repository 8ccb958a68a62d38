"""The Draw tab: tab.py composes the canvas, the network's input, its answer and a look inside."""
