"""`digitlab train ...`: train a network on MNIST with a live progress bar, save it with --out.

An --out that cannot be written is refused before any training; a save that still fails afterwards
keeps the run in a rescue file (digitlab-rescued-<time>.npz in the working folder, else in the
user's data folder) and says where.
"""
from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path

from digitlab.cli import common
from digitlab.cli.args import PROG, is_default
from digitlab.cli.common import CliError, UsageError
from digitlab.cli.files import display_path


def run(args: argparse.Namespace) -> int:
    """Train as the flags say; 0, or 1 when the run diverged or the model could not be saved."""
    import numpy as np

    from digitlab.cli.format import DownloadProgress, TrainProgress, format_train_summary
    from digitlab.nn.training.trainer import FinishReason, Trainer

    config = _train_config(args)
    if args.out is not None:
        _check_out(args, config)
    (x_train, t_train), (x_test, t_test) = common.load_mnist(args, DownloadProgress())
    if args.train_size is not None and args.train_size > len(x_train):
        raise CliError(f"--train-size {args.train_size} is larger than the "
                       f"{len(x_train)} training images")
    if config.drawn_digits:
        print(f"making {config.drawn_digits:,} pen-drawn digits for training ...",
              file=sys.stderr if args.json else sys.stdout, flush=True)
    try:
        trainer = Trainer.from_config(config, x_train, t_train, x_test, t_test)
    except ValueError as error:  # e.g. a numerical gradient on a network or a set too large for it
        raise CliError(str(error)) from None
    progress = TrainProgress(trainer.epochs_total, sys.stderr if args.json else sys.stdout)
    # Overflow on the way to a divergence is expected: the trainer reports it in one sentence,
    # NumPy's RuntimeWarnings would only add lines of noise.
    with np.errstate(all="ignore"):
        finished = progress.follow(trainer.run())
    summary = _train_summary(config, finished, progress.history, args.out)
    save_error = None if args.out is None else _save(args.out, trainer.network, summary)
    if args.json:
        common.print_json(summary)
    else:
        print(format_train_summary(summary))
    if save_error is not None:
        print(f"{PROG}: error: {save_error}", file=sys.stderr)
        return 1
    if finished.reason == FinishReason.DIVERGED:
        print(f"{PROG}: training diverged: {finished.message}", file=sys.stderr)
        return 1
    return 0


# TrainConfig field -> the train flag's attribute, for the flags a --preset may set.
_NETWORK_FLAGS = {"hidden_sizes": "hidden", "activation": "activation", "weight_init": "init",
                  "optimizer": "optimizer", "lr": "lr", "schedule": "schedule",
                  "batch_size": "batch_size", "epochs": "epochs"}
_PRESET_FLAGS = {**_NETWORK_FLAGS, "weight_decay": "weight_decay", "dropout": "dropout",
                 "gradient": "gradient", "dtype": "dtype"}
# A range that does nothing while its probability is 0.
_RANGE_OF = {"blur_sigma": "blur_prob", "lowres_side": "lowres_prob"}


def _train_config(args: argparse.Namespace):
    """The TrainConfig of the command line, refused (CliError) when it would not fit in memory.

    With --preset the preset's values replace the flags' defaults; flags typed on the line win,
    and --epochs typed with a preset that counts iterations runs epochs instead. The scan
    options (--scan-augment, --aspect ...) imply --augment."""
    from digitlab.nn.training.presets import PRESETS
    from digitlab.nn.training.trainer import TrainConfig

    values = dict(augment=args.augment, train_size=args.train_size,
                  drawn_digits=args.drawn or 0, seed=args.seed)
    values.update({field: _plain(getattr(args, flag)) for field, flag in _PRESET_FLAGS.items()})
    if args.preset is not None:
        preset = PRESETS[args.preset].to_dict()
        preset["hidden_sizes"] = tuple(preset["hidden_sizes"])
        typed = {field for field, flag in _PRESET_FLAGS.items()
                 if not is_default(getattr(args, flag))}
        typed |= {"train_size"} if args.train_size is not None else set()
        typed |= {"iterations"} if "epochs" in typed else set()
        typed |= {"augment"} if args.augment else set()
        values.update({field: value for field, value in preset.items()
                       if field not in typed and field not in ("seed", "drawn_digits")})
    values.update(_scan_options(args))
    values.update(_model_kind(args))
    if args.iterations is not None:
        values["iterations"] = args.iterations
    try:
        config = TrainConfig(**values)
    except ValueError as error:  # the parser's types should have caught it; still one line
        raise CliError(str(error)) from None
    _check_memory(config)
    return config


def _scan_options(args: argparse.Namespace) -> dict:
    """The scan options typed or set by --scan-augment (the flags typed win), with augment=True
    when one of them switches something on; UsageError for a range without its probability."""
    from digitlab.nn.training.train_config import SCAN_AUGMENT, SCAN_OPTIONS

    options = dict(SCAN_AUGMENT) if args.scan_augment else {}
    options.update({name: getattr(args, name) for name in SCAN_OPTIONS
                    if getattr(args, name) is not None})
    for name, probability in _RANGE_OF.items():
        if getattr(args, name) is not None and not options.get(probability):
            raise UsageError(f"--{_flag(name)} does nothing without --{_flag(probability)} above "
                             f"0 (or --scan-augment)")
    if any(options.get(name) for name in SCAN_OPTIONS if name not in _RANGE_OF):
        options["augment"] = True
    return options


def _model_kind(args: argparse.Namespace) -> dict:
    """model_kind and conv of --model-kind and --conv; a convolutional network gets its own
    hidden default (--hidden typed wins). UsageError for --conv without --model-kind conv."""
    from digitlab.nn.training.train_config import CONV_HIDDEN_SIZES, CONV_STAGES

    if args.model_kind != "conv":
        if args.conv is not None:
            raise UsageError("--conv describes a convolutional network: add --model-kind conv")
        return {}
    values = {"model_kind": "conv", "conv": args.conv or CONV_STAGES}
    if is_default(args.hidden):
        values["hidden_sizes"] = CONV_HIDDEN_SIZES
    return values


def _flag(field: str) -> str:
    return field.replace("_", "-")


def _plain(value):
    """A flag's value without the parser's default mark (digitlab.cli.args.is_default)."""
    return value if not is_default(value) else type(value).__mro__[1](value)


def _check_memory(config) -> None:
    """Refuse a run that would need more memory than this computer should give it, before
    anything is allocated (NumPy would fail only after minutes, or the system would swap)."""
    from digitlab.cli.format import memory_refusal
    from digitlab.nn.training.budget import estimate_training_memory, memory_limit, physical_memory

    estimate, limit = estimate_training_memory(config), memory_limit()
    if estimate.total > limit:
        raise CliError(memory_refusal(config, estimate, limit, physical_memory()))


def _train_summary(config, finished, history: list[dict], out: Path | None) -> dict:
    seconds = [epoch["seconds"] for epoch in history]
    return {
        "test_accuracy": finished.test_accuracy,
        "train_accuracy": history[-1]["train_accuracy"] if history else None,
        "epochs_done": finished.epochs_done,
        "finished": finished.reason,
        "message": finished.message,
        "seconds_per_epoch": sum(seconds) / len(seconds) if seconds else None,
        "history": history,
        "config": config.to_dict(),
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "model": display_path(out, shorten=False) if out is not None else None,
    }


def _check_out(args: argparse.Namespace, config) -> None:
    """Refuse an --out that cannot be written before any training (a long run would be lost),
    that is an input or the shipped model, or that exists without --force."""
    from digitlab.nn.files.model_io import ModelFileError, check_save_target, model_file_size
    from digitlab.nn.training.budget import param_count

    path = args.out
    common.check_out(path, common.mnist_inputs(args), args.force)

    dtype = "float64" if config.gradient == "numerical" else config.dtype
    try:
        check_save_target(path, model_file_size(param_count(config), dtype))
    except ModelFileError as error:
        raise CliError(f"--out: {error}") from None


def _save(path: Path, network, summary: dict) -> str | None:
    """Save to path; when that fails, keep the run in a rescue file and return why (else None).

    summary["model"] becomes the file the model went to (None when no file could be written).
    """
    from digitlab.nn.files.model_io import ModelFileError, save_model

    metadata = {key: summary[key] for key in
                ("config", "test_accuracy", "history", "seconds_per_epoch", "date", "epochs_done")}
    try:
        save_model(path, network, metadata)
        return None
    except ModelFileError as error:
        failure = str(error)
    rescued = _rescue(network, metadata)
    summary["model"] = str(rescued) if rescued is not None else None
    if rescued is None:
        return (f"{failure}; it could not be saved in the working folder or in "
                f"{user_data_dir()} either, so the trained model is lost")
    return f"{failure}; the trained model was saved to {rescued} instead"


def _rescue(network, metadata: dict) -> Path | None:
    """Save to digitlab-rescued-<time>.npz in the working folder, else in the user's data folder."""
    from digitlab.nn.files.model_io import ModelFileError, save_model

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for folder in (Path.cwd(), user_data_dir()):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        path = folder / f"digitlab-rescued-{stamp}.npz"
        for number in range(2, 100):     # never overwrite an earlier rescue
            if not path.exists():
                break
            path = folder / f"digitlab-rescued-{stamp}-{number}.npz"
        try:
            save_model(path, network, metadata)
        except ModelFileError:
            continue
        return path
    return None


def user_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("digitlab"))
