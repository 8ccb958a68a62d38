"""The Training tab: tab.py composes the settings, controls, live plots and evaluation; worker.py
runs the trainer off the GUI thread and run.py relays its signals."""
