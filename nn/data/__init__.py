"""Data and augmentation: MNIST, the personal handwriting set, preprocessing of a drawing into the
784 inputs, synthetic pen strokes and random warps of mini-batches."""
