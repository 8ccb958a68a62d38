"""Train a candidate model like the shipped one, with the scan augmentations of nn.augment switched on.

    python scripts/train_candidate.py --out candidate.npz [--like resources/models/default.npz]
        [--aspect 0.6,1.6] [--blur-prob 0.2] [--blur-sigma 0.5,1.5] [--lowres-prob 0.2]
        [--lowres-side 6,14] [--heavy-prob 0.15] [--epochs N] [--seed S] [--mnist-dir DIR]

The run copies the TrainConfig saved in --like (by default the shipped model: 784-512-256-10,
momentum, cosine schedule, dropout, augmentation, 10,000 pen-drawn digits) and adds the keyword
options of nn.augment.augment_batch given here. TrainConfig and Trainer have no place for those
options yet, so this script hands them to the Trainer through a subclass (see CandidateTrainer);
they are saved in the model's metadata as "augment_options".
"""
from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout
import main  # noqa: E402
main.use_checkout()  # the checkout is the package digitlab

from digitlab.nn.blas import use_one_blas_thread  # noqa: E402

use_one_blas_thread()

import numpy as np  # noqa: E402

from digitlab import resources  # noqa: E402
from digitlab.gui.cli.format import TrainProgress, format_train_summary  # noqa: E402
from digitlab.nn.augment import augment_batch  # noqa: E402
from digitlab.nn.data import load_mnist  # noqa: E402
from digitlab.nn.model_io import load_model, save_model  # noqa: E402
from digitlab.nn.trainer import TrainConfig, Trainer, build_network  # noqa: E402


class CandidateTrainer(Trainer):
    """A Trainer whose augmentation gets extra keyword options of augment_batch.

    Trainer picks `augment_batch` itself when config.augment is set; the clean change is a
    Trainer(..., augment_options: dict | None = None) argument (or a TrainConfig field) that it
    passes on with functools.partial. Until then this subclass replaces the chosen function.
    """

    def __init__(self, *args, augment_options: dict, **kwargs):
        super().__init__(*args, **kwargs)
        if self.config.augment:
            self._augment = functools.partial(augment_batch, **augment_options)


def _pair(kind):
    def parse(text: str):
        low, high = (kind(part) for part in text.split(","))
        return (low, high)
    return parse


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--like", type=Path, default=resources.path(*resources.DEFAULT_MODEL),
                        help="model whose saved TrainConfig is copied (default: the shipped one)")
    parser.add_argument("--aspect", type=_pair(float), default=None, metavar="LOW,HIGH")
    parser.add_argument("--blur-prob", type=float, default=0.0)
    parser.add_argument("--blur-sigma", type=_pair(float), default=(0.5, 1.2), metavar="LOW,HIGH")
    parser.add_argument("--lowres-prob", type=float, default=0.0)
    parser.add_argument("--lowres-side", type=_pair(int), default=(7, 14), metavar="LOW,HIGH")
    parser.add_argument("--heavy-prob", type=float, default=0.0)
    parser.add_argument("--epochs", type=int, default=None)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--mnist-dir", type=Path, default=None)
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    _, metadata = load_model(args.like)
    overrides = {key: value for key, value in (("epochs", args.epochs), ("seed", args.seed))
                 if value is not None}
    config = TrainConfig.from_dict({**metadata["config"], **overrides})
    options = {"aspect": args.aspect, "blur_prob": args.blur_prob, "blur_sigma": args.blur_sigma,
               "lowres_prob": args.lowres_prob, "lowres_side": args.lowres_side,
               "heavy_prob": args.heavy_prob}
    (x_train, t_train), (x_test, t_test) = load_mnist(mnist_dir=args.mnist_dir)
    rng = np.random.default_rng(config.seed)
    network = build_network(config, rng)
    print(f"{config}\naugment options {options}", flush=True)
    trainer = CandidateTrainer(network, x_train, t_train, x_test, t_test, config, rng=rng,
                               augment_options=options)
    progress = TrainProgress(config.epochs)
    finished = progress.follow(trainer.run())
    seconds = [epoch["seconds"] for epoch in progress.history]
    summary = {"test_accuracy": finished.test_accuracy, "epochs_done": finished.epochs_done,
               "finished": finished.reason, "message": finished.message,
               "seconds_per_epoch": sum(seconds) / max(len(seconds), 1),
               "history": progress.history, "config": config.to_dict(),
               "augment_options": options, "model": str(args.out)}
    save_model(args.out, network, {key: summary[key] for key in
                                   ("config", "augment_options", "test_accuracy", "history",
                                    "seconds_per_epoch", "epochs_done")})
    print(format_train_summary(summary))
    return 0 if finished.reason == "completed" else 1


if __name__ == "__main__":
    sys.exit(main())
