"""Chapter 3: the textbook's network reads the MNIST test set, image by image and in batches.

The course's result: "Accuracy:0.9352" with sample_weight.pkl. The listings take any network
(the model chosen on the Draw tab); textbook_inputs() loads the course's.
"""
from __future__ import annotations

import os

from digitlab.nn.course.listing import CourseCase, Listing

TEXTBOOK = "the textbook's sample_weight.pkl on the 10,000 MNIST test images"

INFERENCE = Listing(
    name="inference",
    title="Chapter 3: the network reads the test images one by one",
    source='''\
# network: the model (the course's: sample_weight.pkl); x, t: the 10,000 test images and labels
accuracy_cnt = 0
for i in range(len(x)):
    y = network.predict(x[i])    # 10 scores; softmax would keep their order
    p = np.argmax(y)             # index of the largest: the digit it reads
    if p == t[i]:
        accuracy_cnt += 1

accuracy = float(accuracy_cnt) / len(x)
''',
    shows=("accuracy",),
    needs=("network", "x", "t"),
    cases=(CourseCase({}, {"accuracy": "0.9352"}, TEXTBOOK),),
)

BATCH_INFERENCE = Listing(
    name="batch_inference",
    title="Chapter 3: the same in batches of 100",
    source='''\
# network: the model (the course's: sample_weight.pkl); x, t: the 10,000 test images and labels
accuracy_cnt = 0
for i in range(0, len(x), batch_size):
    x_batch = x[i:i+batch_size]
    y_batch = network.predict(x_batch)     # (batch_size, 10) scores
    p = np.argmax(y_batch, axis=1)         # the digit read in each row
    accuracy_cnt += np.sum(p == t[i:i+batch_size])

accuracy = float(accuracy_cnt) / len(x)
''',
    shows=("accuracy",),
    defaults=lambda: {"batch_size": 100},
    needs=("network", "x", "t"),
    cases=(CourseCase({"batch_size": 100}, {"accuracy": "0.9352"}, TEXTBOOK),),
)


def textbook_inputs(weights: str | os.PathLike, mnist_dir: str | os.PathLike | None = None) -> dict:
    """{"network", "x", "t"}: the textbook's network and the MNIST test set, as the course loads
    them (normalize=True, flatten=True, labels). Raises ModelFileError or MnistNotFoundError."""
    from digitlab.nn.data.mnist import load_mnist
    from digitlab.nn.files.model_io import load_any

    network, _ = load_any(weights)
    _, (x, t) = load_mnist(normalize=True, flatten=True, one_hot_label=False, mnist_dir=mnist_dir)
    return {"network": network, "x": x, "t": t}
