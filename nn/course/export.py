""""Export this experiment": a Python script that repeats a training run from the command line.

    text = export_script(config)          # save it as e.g. experiment.py, then
    # python experiment.py --mnist-dir FOLDER   (any folder; the Python DigitLab is installed in)

The script imports the installed package digitlab and uses nn/ the way the app and `digitlab
train` do (one BLAS thread, the seed's generator for the initial weights and the batches), so it
prints the same per-epoch loss and accuracies as the run it came from.
"""
from __future__ import annotations

from digitlab.nn.training.train_config import TrainConfig

_TEMPLATE = '''\
"""A DigitLab experiment: {summary}.

Repeats the training run with DigitLab's nn package and prints the loss and accuracies of every
epoch. Run it, from any folder, with the Python that DigitLab is installed in (the one whose
`digitlab` command opens the window; `pip install .` in DigitLab's folder installs it):

    python <this file> [--mnist-dir FOLDER]
"""
import argparse
import sys

try:
    from digitlab.nn.speed.blas import use_one_blas_thread
except ImportError:
    sys.exit(f"error: DigitLab is not installed for {{sys.executable}}: run this file with the Python "
             "that DigitLab is installed in, or run `pip install .` in DigitLab's folder first")

use_one_blas_thread()   # as the app does, before NumPy loads: the same speed and the same sums

import numpy as np  # noqa: E402

from digitlab.nn.data.mnist import MnistNotFoundError, load_mnist  # noqa: E402
from digitlab.nn.training.trainer import (EpochEvent, FinishedEvent, IterationEvent, TrainConfig,  # noqa: E402
                        Trainer, build_network)

CONFIG = TrainConfig(
{fields})


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mnist-dir", help="folder with the four MNIST .gz files "
                        "(default: $DIGITLAB_MNIST_DIR, then DigitLab's download cache)")
    args = parser.parse_args()
    try:
        (x_train, t_train), (x_test, t_test) = load_mnist(mnist_dir=args.mnist_dir)
    except MnistNotFoundError as error:
        sys.exit(f"error: {{error}}")
    rng = np.random.default_rng(CONFIG.seed)      # the initial weights, then the batches
    network = build_network(CONFIG, rng)
    try:
        trainer = Trainer(network, x_train, t_train, x_test, t_test, CONFIG, rng=rng)
    except ValueError as error:
        sys.exit(f"error: {{error}}")
    losses = []
    with np.errstate(all="ignore"):   # a divergence is reported in one sentence below
        for event in trainer.run():
            if isinstance(event, IterationEvent):
                losses.append(event.loss)
            elif isinstance(event, EpochEvent):
                loss = repr(float(np.mean(losses))) if losses else "-"
                part = f" ({{event.fraction:.2f}} of it)" if 0 < event.fraction < 1 else ""
                print(f"epoch {{event.epoch}}{{part}}: loss {{loss}}  "
                      f"train accuracy {{event.train_accuracy:.4f}}  "
                      f"test accuracy {{event.test_accuracy:.4f}}", flush=True)
                losses = []
            elif isinstance(event, FinishedEvent):
                print(event.message)
                return 1 if event.reason == "diverged" else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
'''


def _summary(config: TrainConfig) -> str:
    sizes = "-".join(str(size) for size in (784, *config.hidden_sizes, 10))
    length = (f"{config.iterations:,} iterations" if config.iterations is not None
              else f"{config.epochs} epochs")
    return (f"{sizes} {config.activation}, {config.optimizer} lr {config.lr:g}, "
            f"batch {config.batch_size}, {length}, seed {config.seed}")


def export_script(config: TrainConfig) -> str:
    """The text of a runnable .py that repeats the run of config; see the module doc."""
    values = config.to_dict()
    values["hidden_sizes"] = tuple(values["hidden_sizes"])
    fields = "\n".join(f"    {name}={value!r}," for name, value in values.items())
    return _TEMPLATE.format(summary=_summary(config), fields=fields)
