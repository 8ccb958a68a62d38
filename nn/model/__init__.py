"""The network and its layers (the book's ch. 3 and 5): activation functions, losses, the layer
protocol (forward / backward), MultiLayerNet, and the input gradient (saliency)."""
