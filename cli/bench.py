"""`digitlab bench [--json] [--quick]`: how fast DigitLab is on this machine, in one run.

Prints a table, or one JSON object with exactly the keys of FIGURES (seconds, milliseconds, MB;
null where a figure cannot be taken: torch_epoch_s and torch_conv_epoch_s without PyTorch,
time_to_97_s when the defaults never reach 97%). --quick takes fewer repeats, for a check in
CI. Runnable as `python -m digitlab.cli.bench`. Only the standard library is imported at module
level: NumPy after the BLAS thread default is set, Qt and PyTorch only while they are measured.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from digitlab.cli.args import BENCH_DESCRIPTION, add_bench_arguments
from digitlab.nn.speed.blas import use_one_blas_thread

PROG = "digitlab bench"

# key: (unit, what it is)
FIGURES = {
    "epoch_s": ("s", "one epoch of 784-100-10, batch 100, momentum, float32 (iterations only)"),
    "torch_epoch_s": ("s", "the same epoch in PyTorch on the CPU, same threads"),
    "gemm_bound_s": ("s", "the matrix products of that epoch alone (a floor)"),
    "optimizer_share": ("", "the optimizer update's share of that epoch (median)"),
    "time_to_97_s": ("s", "Start with the Training tab's defaults -> 97% test accuracy"),
    "predict_ms_p50": ("ms", "preprocess a 280x280 drawing + forward pass, median"),
    "predict_ms_p99": ("ms", "the same, 99th percentile"),
    "draw_to_bars_ms_p50": ("ms", "mouse move on the canvas -> bars updated, median"),
    "draw_to_bars_ms_p99": ("ms", "the same, 99th percentile"),
    "draw_to_bars_conv_ms_p99": ("ms", "the same with the shipped convolutional model, 99th "
                                       "percentile"),
    "draw_to_bars_training_ms_p99": ("ms", "the same while the Training tab trains the reference "
                                           "run, 99th percentile"),
    "inside_update_p50_ms": ("ms", "mouse move on the Inside tab's canvas -> diagram repainted, median"),
    "inside_update_p99_ms": ("ms", "the same, 99th percentile"),
    "batch_speedup": ("x", "10,000 test images in batches of 100 vs one at a time"),
    "startup_s": ("s", "process start -> main window's first frame: menus, tabs, Loading… (median)"),
    "bare_window_s": ("s", "process start -> bare PySide6 window painted (median)"),
    "draw_ready_s": ("s", "process start -> the Draw tab on screen, the shipped model loaded (median)"),
    "peak_rss_mb": ("MB", "peak memory of a process training on all 60,000 images"),
    "conv_epoch_s": ("s", "one epoch of the convolutional network (train --model-kind conv's "
                          "defaults), batch 100, momentum, float32, from a tenth of it"),
    "torch_conv_epoch_s": ("s", "the same convolutional epoch in PyTorch on the CPU, same "
                                "threads, interleaved with conv_epoch_s"),
    "conv_inference_s": ("s", "the 10,000 test images through that network, batches of 1,000"),
}


def targets(r: dict) -> dict[str, str]:
    """For each figure with a target in issue 13: "<target>: yes|no" (or "n/a" without data)."""
    def check(key, text, ok):
        return {key: f"{text}: " + ("n/a" if ok is None else "yes" if ok else "no")}

    def both(*keys):
        return None if any(r.get(k) is None for k in keys) else True

    out = {}
    out |= check("epoch_s", "<= 0.6 x torch, <= 1.3 x gemm",      # issue 23's bounds
                 both("epoch_s", "gemm_bound_s") and (
                     r["epoch_s"] <= 1.3 * r["gemm_bound_s"]
                     and (r["torch_epoch_s"] is None or r["epoch_s"] <= 0.6 * r["torch_epoch_s"])))
    out |= check("time_to_97_s", "< 3", r.get("time_to_97_s") is not None and r["time_to_97_s"] < 3)
    out |= check("predict_ms_p99", "< 3", r["predict_ms_p99"] < 3)
    out |= check("draw_to_bars_ms_p50", "< 8", r["draw_to_bars_ms_p50"] < 8)
    out |= check("draw_to_bars_ms_p99", "<= 16.7", r["draw_to_bars_ms_p99"] <= 16.7)
    out |= check("draw_to_bars_conv_ms_p99", "<= 16.7",
                 None if r.get("draw_to_bars_conv_ms_p99") is None
                 else r["draw_to_bars_conv_ms_p99"] <= 16.7)
    training = r.get("draw_to_bars_training_ms_p99")
    out |= check("draw_to_bars_training_ms_p99", "<= 16.7",
                 None if training is None else training <= 16.7)
    out |= check("inside_update_p99_ms", "<= 16.7", r["inside_update_p99_ms"] <= 16.7)
    out |= check("startup_s", "<= 2 x bare", r["startup_s"] <= 2 * r["bare_window_s"])
    out |= check("peak_rss_mb", "< 350", r["peak_rss_mb"] < 350)
    out |= check("conv_epoch_s", "<= 1.5 x torch",
                 both("conv_epoch_s", "torch_conv_epoch_s")
                 and r["conv_epoch_s"] <= 1.5 * r["torch_conv_epoch_s"])
    out |= check("conv_inference_s", "< 3", r["conv_inference_s"] < 3)
    return out


def format_table(result: dict) -> str:
    """The figures as an aligned plain-text table with units, meaning and target."""
    marks = targets(result)
    lines = [f"{'figure':22} {'value':>10}  {'unit':4}  {'target':34}  what"]
    for key, (unit, what) in FIGURES.items():
        value = result[key]
        shown = "-" if value is None else f"{value:.3g}" if value < 100 else f"{value:.0f}"
        lines.append(f"{key:22} {shown:>10}  {unit:4}  {marks.get(key, ''):34}  {what}")
    return "\n".join(lines)


def torch_epoch_timer(x, t, rng, threads: int):
    """A callable that trains one epoch of the reference run in PyTorch and returns its seconds,
    or None without PyTorch. The network and initial weights of nn.benchmark.reference_network(rng),
    then batches in rng.permutation order as nn.benchmark.epoch_seconds takes them, the same
    thread count; SGD with momentum 0.9, lr 0.1 (PyTorch's form of momentum, the same cost)."""
    try:
        import torch
    except ImportError:
        return None
    import time

    from digitlab.nn.speed.benchmark import BATCH_SIZE, LR, MOMENTUM, reference_network

    torch.set_num_threads(threads)
    params = reference_network(rng).params
    model = torch.nn.Sequential(torch.nn.Linear(784, 100), torch.nn.ReLU(), torch.nn.Linear(100, 10))
    with torch.no_grad():
        for layer, i in ((model[0], 1), (model[2], 2)):
            layer.weight.copy_(torch.from_numpy(params[f"W{i}"].T.copy()))
            layer.bias.copy_(torch.from_numpy(params[f"b{i}"]))
    optimizer = torch.optim.SGD(model.parameters(), lr=LR, momentum=MOMENTUM)
    loss_function = torch.nn.CrossEntropyLoss()
    x, t = torch.from_numpy(x), torch.from_numpy(t)

    def one_epoch() -> float:
        started = time.perf_counter()
        order = torch.from_numpy(rng.permutation(len(x)))
        for start in range(0, len(order), BATCH_SIZE):
            batch = order[start:start + BATCH_SIZE]
            optimizer.zero_grad(set_to_none=True)
            loss_function(model(x[batch]), t[batch]).backward()
            optimizer.step()
        return time.perf_counter() - started

    return one_epoch


def engine_figures(x, t, rng, repeats: int) -> dict:
    """epoch_s, gemm_bound_s, torch_epoch_s (None without PyTorch), interleaved round by round,
    and optimizer_share (the median over the timed epochs).

    NumPy and PyTorch draw from copies of rng: the same initial weights, the same batches.
    """
    import copy
    import statistics
    from functools import partial

    import numpy as np

    from digitlab.nn.speed import benchmark

    torch_rng = copy.deepcopy(rng)
    network = benchmark.reference_network(rng)
    optimizer = benchmark.Momentum(lr=benchmark.LR, momentum=benchmark.MOMENTUM)
    step, gather = benchmark.training_step(network, optimizer), benchmark.BatchGather(x, t)
    shares = []

    def epoch() -> float:
        parts = benchmark.epoch_parts(step, gather, rng)
        shares.append(benchmark.optimizer_share(parts))
        return parts["epoch"]

    timers = {"epoch_s": epoch,
              "gemm_bound_s": partial(benchmark.gemm_seconds, x, np.random.default_rng(1))}
    torch_epoch = torch_epoch_timer(x, t, torch_rng, blas_threads())
    if torch_epoch is not None:
        timers["torch_epoch_s"] = torch_epoch
    medians = benchmark.interleaved_medians(timers, repeats)
    return ({"torch_epoch_s": None} | medians
            | {"optimizer_share": statistics.median(shares[-repeats:])})


def torch_conv_epoch_timer(x, t, rng, threads: int, fraction: float = 0.1):
    """nn.benchmark.conv_epoch_timer's run in PyTorch, or None without PyTorch: the same
    architecture, initial weights, images and batch order (rng draws as there), the same thread
    count, SGD with momentum 0.9 and lr 0.01. Returns seconds scaled to a whole epoch."""
    try:
        import torch
    except ImportError:
        return None
    import time

    from digitlab.nn.model.conv import Convolution
    from digitlab.nn.speed.benchmark import BATCH_SIZE, MOMENTUM, conv_fraction_size, conv_network

    torch.set_num_threads(threads)
    net = conv_network(rng)
    layers, channels = [], 1
    for filters, size, pad in net.conv:
        layers += [torch.nn.Conv2d(channels, filters, size, padding=pad), torch.nn.ReLU(),
                   torch.nn.MaxPool2d(2)]
        channels = filters
    layers.append(torch.nn.Flatten())
    for i in range(len(net.conv) + 1, len(net.param_layers) + 1):
        n_in, n_out = net.params[f"W{i}"].shape
        layers += [torch.nn.Linear(n_in, n_out), torch.nn.ReLU()]
    model = torch.nn.Sequential(*layers[:-1])     # no ReLU after the scores
    learned = [layer for layer in model if isinstance(layer, (torch.nn.Conv2d, torch.nn.Linear))]
    with torch.no_grad():
        for i, (layer, ours) in enumerate(zip(learned, net.param_layers), start=1):
            W = net.params[f"W{i}"]
            layer.weight.copy_(torch.from_numpy(W if isinstance(ours, Convolution) else W.T.copy()))
            layer.bias.copy_(torch.from_numpy(net.params[f"b{i}"]))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=MOMENTUM)
    loss_function = torch.nn.CrossEntropyLoss()
    images, labels = torch.from_numpy(x).reshape(-1, 1, 28, 28), torch.from_numpy(t)
    n = conv_fraction_size(len(x), fraction)

    def one_fraction() -> float:
        chosen = rng.permutation(len(x))[:n]
        started = time.perf_counter()
        order = chosen[rng.permutation(n)]
        for start in range(0, n, BATCH_SIZE):
            batch = torch.from_numpy(order[start:start + BATCH_SIZE])
            optimizer.zero_grad(set_to_none=True)
            loss_function(model(images[batch]), labels[batch]).backward()
            optimizer.step()
        return (time.perf_counter() - started) * len(x) / n

    return one_fraction


def conv_engine_figures(x, t, rng, repeats: int, fraction: float) -> dict:
    """conv_epoch_s and torch_conv_epoch_s (None without PyTorch), interleaved round by round,
    each from `fraction` of an epoch; NumPy and PyTorch draw from copies of rng."""
    import copy

    from digitlab.nn.speed import benchmark

    torch_rng = copy.deepcopy(rng)
    timers = {"conv_epoch_s": benchmark.conv_epoch_timer(x, t, rng, fraction)}
    torch_epoch = torch_conv_epoch_timer(x, t, torch_rng, blas_threads(), fraction)
    if torch_epoch is not None:
        timers["torch_conv_epoch_s"] = torch_epoch
    return {"torch_conv_epoch_s": None} | benchmark.interleaved_medians(timers, repeats)


def blas_threads() -> int:
    """The thread count NumPy's BLAS was started with (the variable main.py sets, else all cores)."""
    value = os.environ.get("OPENBLAS_NUM_THREADS") or os.environ.get("OMP_NUM_THREADS")
    return int(value) if value and value.isdigit() and int(value) > 0 else (os.cpu_count() or 1)


# Repeats per figure: (full run, --quick).
REPEATS = {"epochs": (3, 1), "startups": (5, 1), "drawings": (100, 20), "canvases": (1000, 100),
           "strokes": (20, 3), "limit_s": (60.0, 30.0)}


def _say(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr, flush=True)


def run_bench(quick: bool = False, mnist_dir: Path | None = None, report=_say) -> dict:
    """Every figure of FIGURES, measured now; raises nn.data.MnistNotFoundError without MNIST.

    report(str) is told what is being measured (stderr by default).
    """
    import numpy as np

    from digitlab.cli import bench_probes
    from digitlab.nn.speed import benchmark
    from digitlab.nn.data.mnist import MnistNotFoundError, find_mnist_dir, load_mnist, missing_files

    n = {key: value[1] if quick else value[0] for key, value in REPEATS.items()}
    if mnist_dir is not None and missing_files(mnist_dir):
        raise MnistNotFoundError(f"{mnist_dir} does not hold the MNIST files "
                                 f"({', '.join(missing_files(mnist_dir))} missing)")
    folder = find_mnist_dir(mnist_dir)
    if folder is None:
        raise MnistNotFoundError("MNIST was not found: pass --mnist-dir DIR or set DIGITLAB_MNIST_DIR "
                                 "(`digitlab train --download` fetches it)")
    rng = np.random.default_rng(0)
    r = {}
    report("window start-up and a bare window (child processes)")
    r |= bench_probes.startup_figures(n["startups"])   # the window and a bare one in turn
    report("loading MNIST")
    (x, t), (x_test, _) = load_mnist(mnist_dir=folder)
    report("epoch_s, gemm_bound_s and torch_epoch_s (interleaved)")
    r |= engine_figures(x, t, rng, n["epochs"])
    report("predict_ms and batch_speedup with the shipped model")
    network = shipped_model()
    canvases = benchmark.drawn_canvases(n["canvases"], rng, drawings=n["drawings"])
    p50, p99 = np.percentile(benchmark.predict_milliseconds(network, canvases), [50, 99])
    r["predict_ms_p50"], r["predict_ms_p99"] = float(p50), float(p99)
    r["batch_speedup"] = benchmark.batch_speedup(network, x_test)
    report("conv_epoch_s and torch_conv_epoch_s (interleaved), conv_inference_s")
    r |= conv_engine_figures(x, t, rng, n["epochs"], 0.02 if quick else 0.1)
    r["conv_inference_s"] = benchmark.inference_seconds(benchmark.conv_network(rng),
                                                        x_test if not quick else x_test[:1000])
    if quick:
        r["conv_inference_s"] *= len(x_test) / 1000
    del x, t, x_test, canvases
    r |= _gui_figures(folder, n, rng, report)
    report("peak_rss_mb (a child process trains one epoch)")
    r["peak_rss_mb"] = bench_probes.peak_training_rss_mb(folder)
    return {key: None if r[key] is None else round(float(r[key]), 4) for key in FIGURES}


def _gui_figures(folder: Path, n: dict, rng, report) -> dict:
    """time_to_97_s, draw_to_bars_ms_p50/p99, draw_to_bars_training_ms_p99 and inside_update_p50/p99_ms, taken offscreen in this
    process."""
    import numpy as np

    from digitlab.gui import measure

    report("draw_to_bars_ms (mouse moves at 125 Hz on the Draw tab)")
    latencies = measure.draw_to_bars_ms(n["strokes"], rng)
    p50, p99 = np.percentile(latencies, [50, 99])
    report("draw_to_bars_ms with the convolutional model")
    conv_p99 = np.percentile(measure.draw_to_bars_ms(n["strokes"], rng, conv=True), 99)
    report("draw_to_bars_training_ms (the same while the Training tab trains the reference run)")
    training = np.percentile(measure.draw_to_bars_training_ms(n["strokes"], rng, folder), 99)
    report("inside_update_ms (mouse moves at 125 Hz on the Inside tab's canvas)")
    inside = np.percentile(measure.inside_update_ms(n["strokes"], rng), [50, 99])
    report("time_to_97_s (Start on the Training tab with its defaults)")
    seconds, best = measure.seconds_to_accuracy(folder, 0.97, n["limit_s"])
    if seconds is None:
        report(f"the Training tab's defaults did not reach 97% (best {best:.2%})")
    return {"time_to_97_s": seconds, "draw_to_bars_ms_p50": p50, "draw_to_bars_ms_p99": p99,
            "draw_to_bars_conv_ms_p99": conv_p99,
            "draw_to_bars_training_ms_p99": training,
            "inside_update_p50_ms": inside[0], "inside_update_p99_ms": inside[1]}


def shipped_model():
    """The Draw tab's default network (resources/models/default.npz)."""
    from digitlab import resources
    from digitlab.nn.files.model_io import load_model
    return load_model(resources.path(*resources.DEFAULT_MODEL))[0]


def run(args: argparse.Namespace) -> int:
    """Measure and print; 0, or 1 with a one-line message when a figure cannot be taken."""
    from digitlab.nn.data.mnist import IdxError, MnistNotFoundError
    try:
        result = run_bench(args.quick, args.mnist_dir)
    except (MnistNotFoundError, IdxError, RuntimeError, OSError) as error:
        print(f"{PROG}: error: {' '.join(str(error).split())}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(result))
    else:
        print(format_table(result))
        load, cores = os.getloadavg()[0], os.cpu_count() or 1
        print(f"\nLoad average {load:.1f} on {cores} cores after measuring: on a busy machine "
              f"every time above is longer than on an idle one.")
    return 0


def main(argv: list[str] | None = None) -> int:
    """`bench [--json] [--quick] [--mnist-dir DIR]`; returns the exit status."""
    use_one_blas_thread()   # before NumPy loads, as main.py does
    parser = argparse.ArgumentParser(prog=PROG, description=BENCH_DESCRIPTION)
    add_bench_arguments(parser)
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else list(argv))
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 1
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
