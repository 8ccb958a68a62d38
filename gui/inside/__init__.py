"""The Inside tab: the network opened up, neuron by neuron, for the digit being drawn."""
