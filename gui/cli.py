"""The command line: `digitlab train | eval | predict` (also `python main.py <command>`).

Only the standard library is imported at module level; NumPy and nn/ are imported inside functions
and Qt only by `predict` (to read images), so that `train` and `eval` start without loading Qt.
Exit status: 0 success, 1 a runtime error (missing or corrupt files, a run too large for the
memory, no MNIST, divergence), 2 a bad command line. Every error is one line on stderr; an
unexpected exception (a bug) is one "internal error" line too, with the traceback only when
$DIGITLAB_DEBUG is set.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from datetime import datetime, timezone
from pathlib import Path

from gui.cli_args import PROG, build_parser
from gui.cli_files import display_path, file_problem, folder_problem, os_reason, printable
from gui.cli_files import os_message as _os_message
from nn.blas import use_one_blas_thread

DEBUG_VAR = "DIGITLAB_DEBUG"


class CliError(Exception):
    """A user error: its message is printed as one line and the command exits with status 1."""


def main(argv: list[str] | None = None) -> int:
    """Run one command and return its exit status (0 ok, 1 user error, 2 bad command line)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    use_one_blas_thread()  # before any command loads NumPy
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exit_:  # --help and argparse errors; main returns instead of exiting
        return exit_.code if isinstance(exit_.code, int) else 1
    try:
        return _COMMANDS[args.command](args)
    except CliError as error:
        _print_error(str(error))
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `digitlab predict ... | head`: the reader left, nothing to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except OSError as error:  # a file problem no command foresaw: still the user's, one line
        _print_error(_os_message(error))
    except MemoryError:
        _print_error("not enough memory: try a smaller --hidden, --batch-size or --drawn, "
                     "or close other programs")
    except Exception as error:  # a bug in DigitLab, not the user's mistake
        if os.environ.get(DEBUG_VAR):
            traceback.print_exc()
        _print_error(f"internal error: {type(error).__name__}: {error} (a bug in DigitLab; "
                     f"run again with {DEBUG_VAR}=1 to see the traceback)")
    return 1


def _print_error(message: str) -> None:
    """'digitlab: error: <message>' as one printable line on stderr."""
    one_line = " ".join(printable(message).split())  # nn/ messages may span several lines
    print(f"{PROG}: error: {one_line}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- shared loading

def _load_mnist(args: argparse.Namespace, progress=None):
    """((x_train, t_train), (x_test, t_test)) as float32 (N, 784) in [0, 1] and int labels (N,)."""
    from nn.data import IdxError, MnistNotFoundError, load_mnist

    if args.mnist_dir is not None:
        problem = folder_problem(args.mnist_dir)
        if problem:
            raise CliError(f"the MNIST folder {display_path(args.mnist_dir)}: {problem}")
    try:
        return load_mnist(mnist_dir=args.mnist_dir, download=args.download, progress=progress)
    except MnistNotFoundError as error:
        raise CliError(str(error)) from None
    except IdxError as error:
        raise CliError(f"the MNIST files are damaged: {error}") from None
    except OSError as error:  # unreadable folder, or a failed download
        raise CliError(f"could not read or download MNIST: {_os_message(error)}") from None


def _load_network(path: Path | None):
    """(network, metadata) from --model, or from the shipped default model."""
    from nn.model_io import ModelFileError, load_any

    if path is None:
        from resources import DEFAULT_MODEL, path as resource_path

        path = resource_path(*DEFAULT_MODEL)
        if not path.is_file():
            raise CliError(f"no default model at {path}: pass --model PATH "
                           f"(train one with '{PROG} train --out PATH')")
    else:
        _check_file(path, "model file")
    try:
        return load_any(path)
    except ModelFileError as error:
        raise CliError(f"cannot load model {display_path(path)}: {error}") from None
    except OSError as error:
        raise CliError(f"cannot read model {display_path(path)}: {os_reason(error, path)}"
                       ) from None


def _check_file(path: Path, what: str) -> None:
    """Raise CliError unless path is an existing regular file: '<what> <path>: not found'."""
    problem = file_problem(path)
    if problem is not None:
        raise CliError(f"{what} {display_path(path)}: {problem}")


def _print_json(value) -> None:
    print(json.dumps(value, indent=2))


# ---------------------------------------------------------------- train

def _cmd_train(args: argparse.Namespace) -> int:
    import numpy as np

    from gui.cli_format import DownloadProgress, TrainProgress, format_train_summary
    from nn.trainer import Trainer, build_network

    config = _train_config(args)
    if args.out is not None:
        _check_out(args.out, config)
    (x_train, t_train), (x_test, t_test) = _load_mnist(args, DownloadProgress())
    if args.train_size is not None and args.train_size > len(x_train):
        raise CliError(f"--train-size {args.train_size} is larger than the "
                       f"{len(x_train)} training images")
    rng = np.random.default_rng(args.seed)
    network = build_network(config, rng)
    if config.drawn_digits:
        print(f"making {config.drawn_digits:,} pen-drawn digits for training ...",
              file=sys.stderr if args.json else sys.stdout, flush=True)
    try:
        trainer = Trainer(network, x_train, t_train, x_test, t_test, config, rng=rng)
    except ValueError as error:  # e.g. a numerical gradient on a network too large for it
        raise CliError(str(error)) from None
    progress = TrainProgress(config.epochs, sys.stderr if args.json else sys.stdout)
    # Overflow on the way to a divergence is expected: the trainer reports it in one sentence,
    # NumPy's RuntimeWarnings would only add lines of noise.
    with np.errstate(all="ignore"):
        finished = progress.follow(trainer.run())
    summary = _train_summary(config, finished, progress.history, args.out)
    save_error = None if args.out is None else _save(args.out, network, summary)
    if args.json:
        _print_json(summary)
    else:
        print(format_train_summary(summary))
    if save_error is not None:
        print(f"{PROG}: error: {save_error}", file=sys.stderr)
        return 1
    if finished.reason == "diverged":
        print(f"{PROG}: training diverged: {finished.message}", file=sys.stderr)
        return 1
    return 0


def _train_config(args: argparse.Namespace):
    """The TrainConfig of the command line, refused (CliError) when it would not fit in memory."""
    from nn.trainer import TrainConfig

    try:
        config = TrainConfig(hidden_sizes=args.hidden, activation=args.activation,
                             weight_init=args.init, optimizer=args.optimizer, lr=args.lr,
                             schedule=args.schedule, batch_size=args.batch_size,
                             epochs=args.epochs, weight_decay=args.weight_decay,
                             dropout=args.dropout, augment=args.augment,
                             train_size=args.train_size, drawn_digits=args.drawn or 0,
                             seed=args.seed, gradient=args.gradient, dtype=args.dtype)
    except ValueError as error:  # the parser's types should have caught it; still one line
        raise CliError(str(error)) from None
    _check_memory(config)
    return config


def _check_memory(config) -> None:
    """Refuse a run that would need more memory than this computer should give it, before
    anything is allocated (NumPy would fail only after minutes, or the system would swap)."""
    from gui.cli_format import memory_refusal
    from nn.budget import estimate_training_memory, memory_limit, physical_memory

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


def _check_out(path: Path, config) -> None:
    """Refuse an --out that cannot be written before any training (a long run would be lost)."""
    from nn.model_io import ModelFileError, check_save_target, model_file_size

    dtype = "float64" if config.gradient == "numerical" else config.dtype
    try:
        check_save_target(path, model_file_size((784, *config.hidden_sizes, 10), dtype))
    except ModelFileError as error:
        raise CliError(f"--out: {error}") from None


def _save(path: Path, network, summary: dict) -> str | None:
    """Save to path; when that fails, keep the run in a rescue file and return why (else None).

    summary["model"] becomes the file the model went to (None when no file could be written).
    """
    from nn.model_io import ModelFileError, save_model

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
                f"{_user_data_dir()} either, so the trained model is lost")
    return f"{failure}; the trained model was saved to {rescued} instead"


def _rescue(network, metadata: dict) -> Path | None:
    """Save to digitlab-rescued-<time>.npz in the working folder, else in the user's data folder."""
    from nn.model_io import ModelFileError, save_model

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for folder in (Path.cwd(), _user_data_dir()):
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


def _user_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("digitlab"))


# ---------------------------------------------------------------- eval

def _cmd_eval(args: argparse.Namespace) -> int:
    from gui.cli_format import DownloadProgress, format_eval
    from nn.evaluate import evaluate

    network, metadata = _load_network(args.model)
    _, (x_test, t_test) = _load_mnist(args, DownloadProgress())
    result = evaluate(network, x_test, t_test).to_dict()
    result["model"] = display_path(args.model, shorten=False) if args.model else "default"
    result["sizes"] = [int(size) for size in network.sizes]
    result["activation"] = network.activation
    if args.json:
        _print_json(result)
    else:
        print(format_eval(result))
    return 0


# ---------------------------------------------------------------- predict

def _cmd_predict(args: argparse.Namespace) -> int:
    """Classify every image; a bad image costs its own line on stderr and exit 1, not the rest."""
    from gui.cli_format import format_predictions

    network, _ = _load_network(args.model)
    results, failures = [], 0
    for image_path in args.images:
        try:
            results.append(_predict_one(network, image_path))
        except CliError as error:
            failures += 1
            _print_error(str(error))
            results.append({"file": display_path(image_path, shorten=False),
                            "error": " ".join(printable(str(error)).split())})
    if args.json:
        _print_json(results)
    elif failures < len(results):
        print(format_predictions([result for result in results if "error" not in result]))
    return 1 if failures else 0


def _predict_one(network, image_path: Path) -> dict:
    """{"file", "digit", "probabilities"} for one image, preprocessed as on the canvas."""
    import numpy as np

    from gui.image_io import load_image_gray
    from nn.preprocess import preprocess

    _check_file(image_path, "image")
    try:
        gray = load_image_gray(image_path)
    except ValueError as error:  # image_io.ImageFileError: a message for the user, naming the file
        raise CliError(str(error)) from None
    except OSError as error:
        raise CliError(f"cannot read image {display_path(image_path)}: "
                       f"{os_reason(error, image_path)}") from None
    x = preprocess(gray)
    if x is None:
        raise CliError(f"no digit found in {display_path(image_path)}: the image is blank")
    probabilities = np.asarray(network.probabilities(x.reshape(1, 784))).reshape(10)
    return {
        "file": display_path(image_path, shorten=False),
        "digit": int(probabilities.argmax()),
        "probabilities": [float(p) for p in probabilities],
    }


_COMMANDS = {"train": _cmd_train, "eval": _cmd_eval, "predict": _cmd_predict}
