"""DigitLab's numeric core, in NumPy only (no Qt), grouped as a student meets it in the book:

- model/      the network and its layers (ch. 3, 5)
- numerical/  numerical differentiation and the numerical gradient (ch. 4)
- training/   optimizers, the trainer, evaluation, fine-tuning (ch. 4, 6); watching a run: data
              summaries, weight health, the range test, hints, calibration, robustness
- course/     the course's listings beside the values they print, and experiment export
- data/       MNIST, the personal set, preprocessing, synthetic strokes, augmentation
- files/      file formats and safe reading and writing
- speed/      BLAS threads, timing and the benchmark
- checks/     digits from outside the training, to check a model with (Hershey fonts, optdigits)
"""
