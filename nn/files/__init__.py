"""File formats and safe I/O: MNIST's IDX, PNG, model files (.npz, the textbook's pickle), the
personal handwriting set's files, atomic saves and the checks made before reading or writing."""
