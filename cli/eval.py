"""`digitlab eval [--model PATH] [--json] [--robustness [--compare PATH] [--samples N]]`: test
accuracy, per-class accuracy, confusion matrix; with --robustness also the robustness curves, the
MNIST-C-style corruption table and the calibration figures (nn.robustness, nn.calibration)."""
from __future__ import annotations

import argparse

from digitlab.cli import common
from digitlab.cli.files import display_path


def run(args: argparse.Namespace) -> int:
    """Evaluate --model (or the shipped model) on the 10,000 MNIST test images and print it."""
    from digitlab.cli.format import DownloadProgress, format_eval, format_robustness
    from digitlab.nn.training.evaluate import evaluate

    if args.compare is not None and not args.robustness:
        raise common.UsageError("--compare needs --robustness")
    network, _ = common.load_network(args.model)
    other = common.load_network(args.compare)[0] if args.compare is not None else None
    _, (x_test, t_test) = common.load_mnist(args, DownloadProgress())
    result = evaluate(network, x_test, t_test).to_dict()
    result["model"] = _name(args.model)
    if hasattr(network, "architecture"):   # a ConvNet: its stages and hidden sizes
        result.update(network.architecture(), activation="relu")
    else:
        result["sizes"] = [int(size) for size in network.sizes]
        result["activation"] = network.activation
    if args.robustness:
        models = [(result["model"], network)]
        if other is not None:
            models.append((_name(args.compare), other))
        result.update(robustness_report(models, x_test[:args.samples], t_test[:args.samples]))
    if args.json:
        common.print_json(result)
    else:
        print(format_eval(result))
        if args.robustness:
            print()
            print(format_robustness(result))
    return 0


def _name(path) -> str:
    return display_path(path, shorten=False) if path else "default"


def robustness_report(models: list[tuple[str, object]], x, t, seed: int = 0) -> dict:
    """{"robustness": curves and corruptions, "calibration": per model} for (name, network) pairs
    on x (N, 784), t (N,); every model on the same perturbed images."""
    from digitlab.nn.training.calibration import NOT_SURE_BELOW, confidence_and_correct, coverage_curve, reliability
    from digitlab.nn.training.robustness import corruption_table, robustness_curves

    names = [name for name, _ in models]
    if len(set(names)) < len(names):
        names = [f"{name} ({i + 1})" for i, name in enumerate(names)]
    networks = [network for _, network in models]
    curves = robustness_curves(networks, x, t, seed=seed)
    table = corruption_table(networks, x, t, seed=seed)
    calibration = {}
    for name, network in zip(names, networks):
        confidence, correct = confidence_and_correct(network.probabilities(x), t)
        rel = reliability(confidence, correct)
        coverage = coverage_curve(confidence, correct, [0.0, 0.5, 0.7, 0.9, 0.95, 0.99])
        calibration[name] = {
            "ece": rel.ece,
            "bins": [{"from": float(lo), "to": float(hi), "n": int(n),
                      "confidence": None if n == 0 else float(c),
                      "accuracy": None if n == 0 else float(a)}
                     for lo, hi, n, c, a in zip(rel.edges[:-1], rel.edges[1:], rel.counts,
                                                rel.confidence, rel.accuracy)],
            "coverage": [{"threshold": float(th), "coverage": float(cov),
                          "accuracy": None if cov == 0 else float(acc)}
                         for th, cov, acc in zip(coverage.thresholds, coverage.coverage,
                                                 coverage.accuracy)],
            "not_sure_below": NOT_SURE_BELOW,
        }
    return {
        "robustness": {
            "models": names, "n": int(len(t)), "seed": seed,
            "clean": {name: float(acc) for name, acc in zip(names, table.clean)},
            "curves": {kind: {"levels": list(curves[0][kind].levels),
                              "accuracy": {name: [float(a) for a in result[kind].accuracy]
                                           for name, result in zip(names, curves)}}
                       for kind in curves[0]},
            "corruptions": table.to_dict(names),
        },
        "calibration": calibration,
    }
