"""The network and its layers (the book's ch. 3 and 5): activation functions, losses, the layer
protocol (forward / backward), MultiLayerNet, the input gradient (saliency), and one input traced
through a network, neuron by neuron (inside: the Inside tab's numbers), edits on a copy of a
network (edit), one image's backward pass beside the numerical gradient (backward_view), and the
PCA of each layer's activations (pca)."""
