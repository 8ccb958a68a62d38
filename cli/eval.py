"""`digitlab eval [--model PATH] [--json]`: test accuracy, per-class accuracy, confusion matrix."""
from __future__ import annotations

import argparse

from digitlab.cli import common
from digitlab.cli.files import display_path


def run(args: argparse.Namespace) -> int:
    """Evaluate --model (or the shipped model) on the 10,000 MNIST test images and print it."""
    from digitlab.cli.format import DownloadProgress, format_eval
    from digitlab.nn.training.evaluate import evaluate

    network, _ = common.load_network(args.model)
    _, (x_test, t_test) = common.load_mnist(args, DownloadProgress())
    result = evaluate(network, x_test, t_test).to_dict()
    result["model"] = display_path(args.model, shorten=False) if args.model else "default"
    if hasattr(network, "architecture"):   # a ConvNet: its stages and hidden sizes
        result.update(network.architecture(), activation="relu")
    else:
        result["sizes"] = [int(size) for size in network.sizes]
        result["activation"] = network.activation
    if args.json:
        common.print_json(result)
    else:
        print(format_eval(result))
    return 0
