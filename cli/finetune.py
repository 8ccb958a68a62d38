"""`digitlab finetune --personal FILE --out PATH`: teach a model your own handwriting.

    digitlab finetune --personal mine.npz --out mine_model.npz [--model M] [--steps N]

Reads a personal data set (.npz, or a .zip of PNGs + CSV exported by DigitLab), fine-tunes a copy
of the model (default: the shipped one) on its training samples mixed with MNIST (nn.finetune),
prints personal test-split and MNIST test accuracy before and after, and saves the result to
--out, which may never be the shipped model. No Qt; errors as every command (cli/__init__.py); its flags are built in cli/args.py.
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timezone
from pathlib import Path

from digitlab.cli.common import CliError, check_out, load_mnist, load_network, mnist_inputs
from digitlab.cli.files import os_message


def run(args: argparse.Namespace) -> int:
    """Fine-tune, print the accuracies before and after, save to --out; the exit status."""
    return _finetune(args)


def _finetune(args: argparse.Namespace) -> int:
    import numpy as np

    from digitlab.cli.format import DownloadProgress
    from digitlab.nn.training.finetune import FinetuneConfig, FineTuner, evaluate_before_after

    _check_out(args)
    personal = _load_personal(args.personal)
    x_train, t_train = personal.arrays("train")
    if len(t_train) == 0:
        raise CliError(f"{args.personal.name} has no training samples: label a few more digits "
                       f"(every fifth sample is kept for testing)")
    network, metadata = load_network(args.model)
    (x_mnist, t_mnist), mnist_test = load_mnist(args, DownloadProgress())
    config = FinetuneConfig() if args.steps is None else FinetuneConfig(steps=args.steps)
    tuner = FineTuner(network, (x_train, t_train), (x_mnist, t_mnist), config,
                      rng=np.random.default_rng(args.seed))
    _follow(tuner)
    report = evaluate_before_after(network, tuner.network, personal.arrays("test"), mnist_test)
    summary = {**report.to_dict(), "personal_train_n": int(len(t_train)),
               "steps": tuner.steps_done, "model": str(args.model or "default"),
               "out": str(args.out)}
    _save(args.out, tuner.network, metadata, summary, config)
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print(format_summary(summary))
    return 0


def _check_out(args: argparse.Namespace) -> None:
    """Refuse an --out that is a folder, in a missing folder, an input or the shipped model, or
    an existing file without --force."""
    out = args.out
    if out.is_dir() or not out.parent.is_dir():
        raise CliError(f"--out must be a file in an existing folder, got {out}")
    inputs = {"personal data set": args.personal, "input model": args.model,
              **mnist_inputs(args)}
    check_out(out, inputs, args.force)


def _load_personal(path: Path):
    from digitlab.nn.data.personal import PersonalDataError, PersonalSet
    from digitlab.nn.files.personal_zip import import_zip

    if not path.is_file():
        raise CliError(f"personal data file not found: {path}")
    suffix = path.suffix.lower()
    if suffix not in (".npz", ".zip"):
        raise CliError(f"{path.name}: expected a personal data set saved as .npz or exported "
                       f"as .zip")
    try:
        return PersonalSet.load(path) if suffix == ".npz" else import_zip(path)
    except PersonalDataError as error:
        raise CliError(str(error)) from None
    except OSError as error:
        raise CliError(f"cannot read {path}: {os_message(error)}") from None
    except (MemoryError, RecursionError, ValueError, OverflowError) as error:
        # a damaged file can fail in any reader: it is the file, not this computer's memory
        raise CliError(f"{path.name}: the personal data set is damaged "
                       f"({type(error).__name__})") from None


def _follow(tuner) -> None:
    """Run the fine-tuning with a tqdm bar on stderr (none when stderr is not a terminal)."""
    from tqdm import tqdm

    with tqdm(total=tuner.config.steps, desc="fine-tuning", unit="batch", file=sys.stderr,
              dynamic_ncols=True, disable=None) as bar:
        for progress in tuner.run():
            bar.set_postfix({"loss": f"{progress.loss:.4f}"}, refresh=False)
            bar.update(1)


def _save(out: Path, network, metadata: dict, summary: dict, config) -> None:
    from dataclasses import asdict

    from digitlab.nn.files.model_io import save_model

    saved = {key: metadata[key] for key in ("config", "history") if key in metadata}
    saved.update(test_accuracy=summary["mnist_after"],
                 finetune={**asdict(config), "from_model": summary["model"],
                           "personal_train_n": summary["personal_train_n"],
                           "personal_test_accuracy": summary["personal_after"]},
                 date=datetime.now(timezone.utc).isoformat(timespec="seconds"))
    try:
        save_model(out, network, saved)
    except OSError as error:
        raise CliError(f"cannot save the model to {out}: {os_message(error)}") from None


def format_summary(summary: dict) -> str:
    """Before -> after lines for the personal test split and MNIST, and where the model went."""
    def accuracy(value):
        return "n/a" if value is None else f"{value:.4f}"
    lines = [f"personal test accuracy: {accuracy(summary['personal_before'])} -> "
             f"{accuracy(summary['personal_after'])} ({summary['personal_n']} test samples, "
             f"trained on {summary['personal_train_n']})",
             f"MNIST test accuracy:    {summary['mnist_before']:.4f} -> "
             f"{summary['mnist_after']:.4f}",
             f"model saved to {summary['out']}"]
    return "\n".join(lines)

