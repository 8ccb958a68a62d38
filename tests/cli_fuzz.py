"""A command-line fuzzer: generated argument lists for every subcommand, run in-process.

    world = FuzzWorld.create(folder)          # the files the arguments name (made once)
    strategy = argument_lists(world)          # hypothesis: ["train", "--epochs", "0", ...]
    outcome = world.run(argv)                 # (exit status, stdout, stderr, files changed)
    problems = check(outcome)                 # [] when the command behaved

Every run must end with exit status 0, 1 (a runtime problem: a missing or damaged file, no
MNIST) or 2 (a bad command line), never a traceback or an "internal error"; a failure is one
line on stderr naming the problem; and no file that existed before (inputs, the shipped model)
may change. MNIST is absent on purpose (an empty $DIGITLAB_MNIST_DIR and user cache): a command
that gets past its checks stops at loading MNIST, so no case trains for long or downloads.
Used by tests/test_cli_fuzz.py (a short run) and `scripts/harness.py cli` (a long one).
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from hypothesis import strategies as st

from digitlab import resources
from digitlab.nn.training import finetune as nn_finetune
from digitlab.nn.training import train_config

SHIPPED = resources.path(*resources.DEFAULT_MODEL)
SHIPPED_CONV = resources.path(*resources.CONV_MODEL)

# numbers at and beyond the bounds, negative, huge, not numbers
_BOUNDS = [train_config.MAX_EPOCHS, train_config.MAX_ITERATIONS, train_config.MAX_BATCH_SIZE,
           train_config.MAX_DRAWN_DIGITS, train_config.MAX_TRAIN_SIZE, nn_finetune.MAX_STEPS,
           train_config.MAX_HIDDEN_SIZE]
NUMBERS = ["0", "1", "2", "-1", "-0", "3", "1e3", "0x10", "1.5", "nan", "inf", "-inf", "", " ",
           "abc", "٣", "²", "1_000", "99999999999999999999", "1" + "0" * 400, "--", "-5e-3",
           *(str(bound + delta) for bound in _BOUNDS for delta in (-1, 0, 1))]
HIDDEN = ["", "100", "5,5", "0", "-1", "1,,2", " , ", "50000", "50001", "100000,100000",
          ",".join(["2"] * 49), ",".join(["2"] * 50), "abc", "1" * 5000, "3.5", "10 20"]
RANGES = ["0.6,1.6", "1,1", "2,1", "0,1", "nan,1", "6,14", "4,27", "3,30", "a,b", "1", ",", ""]
CHOICES = {"--activation": ["relu", "sigmoid", "tanh", "softmax", ""],
           "--optimizer": ["sgd", "adam", "momentum", "rmsprop", "adagrad", "nesterov", "lbfgs"],
           "--schedule": ["constant", "step", "cosine", "linear"],
           "--gradient": ["backprop", "numerical", "exact"],
           "--dtype": ["float32", "float64", "int8"],
           "--init": ["he", "xavier", "0.01", "0", "-1", "nan", "big"],
           "--preset": ["course", "fast", ""]}
FLOATS = ["0.1", "0", "-1", "1", "0.5", "1e-300", "1e300", "nan", "inf", "x", "0.99", ""]

COUNT_FLAGS = {"train": ["--epochs", "--iterations", "--batch-size", "--drawn", "--train-size",
                         "--seed"],
               "finetune": ["--steps", "--seed"]}
FLOAT_FLAGS = {"train": ["--lr", "--weight-decay", "--dropout", "--blur-prob", "--lowres-prob",
                         "--heavy-prob"]}
RANGE_FLAGS = {"train": ["--aspect", "--blur-sigma", "--lowres-side"]}
SWITCHES = {"train": ["--augment", "--scan-augment", "--json", "--force"],
            "eval": ["--json"], "predict": ["--json"], "bench": ["--json", "--quick"],
            "finetune": ["--json", "--force"]}
PATH_FLAGS = {"train": ["--out", "--mnist-dir"], "eval": ["--model", "--mnist-dir"],
              "predict": ["--model"], "bench": ["--mnist-dir"],
              "finetune": ["--personal", "--out", "--model", "--mnist-dir"]}
REQUIRED = {"finetune": ["--personal", "--out"]}
COMMANDS = ["train", "eval", "predict", "bench", "finetune"]


@dataclass(frozen=True)
class Outcome:
    argv: list
    status: object
    stdout: str
    stderr: str
    changed: list          # files that existed before and differ after (or vanished)


@dataclass
class FuzzWorld:
    """A folder of files the generated arguments name, and the environment the runs see."""

    folder: Path
    paths: dict            # label -> path (str)

    @classmethod
    def create(cls, folder: Path) -> FuzzWorld:
        from digitlab.nn.files.model_io import save_model
        from digitlab.nn.model.network import MultiLayerNet
        from digitlab.nn.data.personal import PersonalSet

        folder.mkdir(parents=True, exist_ok=True)
        (folder / "empty_dir").mkdir(exist_ok=True)
        _write_tiny_mnist(folder / "tiny_mnist")
        (folder / "cache").mkdir(exist_ok=True)
        rng = np.random.default_rng(0)
        save_model(folder / "model.npz", MultiLayerNet(784, (5,), 10, rng=rng), {})
        personal = PersonalSet()
        for i in range(12):
            personal.add(rng.random((28, 28)), i % 10, [rng.random((4, 2))])
        personal.save(folder / "mine.npz")
        (folder / "garbage.npz").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
        (folder / "notes.txt").write_text("not an image\n")
        (folder / "truncated.npz").write_bytes((folder / "model.npz").read_bytes()[:300])
        (folder / "existing_out.npz").write_bytes(b"an older model")
        _write_png(folder / "digit.png")
        (folder / "seven.svg").write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="60"><text x="10" y="50" '
            'font-size="50">7</text></svg>')
        for link, target in (("loop_a", "loop_b"), ("loop_b", "loop_a"),
                             ("dangling.npz", "nowhere.npz"), ("link_to_mine.npz", "mine.npz")):
            if not os.path.lexists(folder / link):
                os.symlink(target, folder / link)
        if not (folder / "hard_mine.npz").exists():
            os.link(folder / "mine.npz", folder / "hard_mine.npz")
        if hasattr(os, "mkfifo") and not (folder / "pipe").exists():
            os.mkfifo(folder / "pipe")
        names = ["model.npz", "mine.npz", "garbage.npz", "notes.txt", "truncated.npz",
                 "existing_out.npz", "digit.png", "seven.svg", "loop_a", "dangling.npz",
                 "link_to_mine.npz", "hard_mine.npz", "pipe", "empty_dir"]
        paths = {name: str(folder / name) for name in names if os.path.lexists(folder / name)}
        paths.update({"missing": str(folder / "missing.npz"),
                      "new_out": str(folder / "new_out.npz"),
                      "in_missing_dir": str(folder / "no_such_dir" / "m.npz"),
                      "shipped": str(SHIPPED), "shipped_conv": str(SHIPPED_CONV),
                      "long": str(folder / ("x" * 300 + ".npz")),
                      "empty": "", "dot": ".", "nul": "bad\0name.npz"})
        return cls(folder, paths)

    def environment(self) -> dict:
        """The variables a run needs: no MNIST anywhere, data and cache in the folder."""
        return {"DIGITLAB_MNIST_DIR": str(self.folder / "empty_dir"),
                "XDG_CACHE_HOME": str(self.folder / "cache"),
                "DIGITLAB_DATA_DIR": str(self.folder / "data"),
                "COLUMNS": "100"}

    def snapshot(self) -> dict:
        """sha256 of every regular file in the folder, and of the shipped model."""
        digests = {}
        for path in [*self.folder.rglob("*"), SHIPPED, SHIPPED_CONV]:
            if path.is_file() and not path.is_symlink() and not path.is_fifo():
                digests[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
        return digests

    def run(self, argv: list[str]) -> Outcome:
        """One in-process run of gui.cli.main with the world's environment."""
        from digitlab import cli

        before = self.snapshot()
        saved = {key: os.environ.get(key) for key in self.environment()}
        os.environ.update(self.environment())
        out, err = io.StringIO(), io.StringIO()
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    status = cli.main(list(argv))
                except SystemExit as exit_:      # should not happen: main returns
                    status = f"SystemExit({exit_.code!r})"
                except BaseException as error:  # noqa: BLE001  what the fuzzer is looking for
                    status = f"raised {type(error).__name__}: {error}"
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
        after = self.snapshot()
        changed = sorted(path for path, digest in before.items() if after.get(path) != digest)
        self._tidy()
        return Outcome(list(argv), status, out.getvalue(), err.getvalue(), changed)

    def _tidy(self) -> None:
        """Remove what a run may legitimately have created (a new --out), so runs stay alike."""
        for name in ("new_out.npz",):
            with contextlib.suppress(OSError):
                os.remove(self.folder / name)
        shutil.rmtree(self.folder / "data", ignore_errors=True)


def _write_tiny_mnist(folder: Path, n_train: int = 200, n_test: int = 50) -> None:
    """The four MNIST files with a few random images: the runs that must get to saving do."""
    import gzip
    import struct

    folder.mkdir(exist_ok=True)
    rng = np.random.default_rng(1)
    for prefix, n in (("train", n_train), ("t10k", n_test)):
        images = rng.integers(0, 256, (n, 28, 28), dtype=np.uint8)
        labels = (np.arange(n) % 10).astype(np.uint8)
        (folder / f"{prefix}-images-idx3-ubyte.gz").write_bytes(gzip.compress(
            struct.pack(">IIII", 0x803, n, 28, 28) + images.tobytes()))
        (folder / f"{prefix}-labels-idx1-ubyte.gz").write_bytes(gzip.compress(
            struct.pack(">II", 0x801, n) + labels.tobytes()))


def _write_png(path: Path) -> None:
    from digitlab.nn.files.png import encode_gray

    image = np.zeros((28, 28), np.uint8)
    image[4:24, 12:16] = 255
    path.write_bytes(encode_gray(image))


def check(outcome: Outcome) -> list[str]:
    """What the run did wrong ([] when nothing)."""
    problems = []
    if outcome.status not in (0, 1, 2):
        problems.append(f"exit status {outcome.status!r}")
    text = outcome.stdout + outcome.stderr
    if "Traceback" in text:
        problems.append("a traceback")
    if "internal error" in text:
        problems.append("an internal error")
    if outcome.status in (1, 2):
        lines = [line for line in outcome.stderr.splitlines() if line.strip()]
        # predict says one line per unreadable image (README), every other command one line
        most = len(outcome.argv) if outcome.argv[0] == "predict" and outcome.status == 1 else 1
        if not 1 <= len(lines) <= most:
            problems.append(f"{len(lines)} lines on stderr, not one")
        for line in lines:
            if ": error: " not in line or len(line.split(": error: ", 1)[1]) < 10:
                problems.append(f"an error line names no problem: {line!r}")
    if outcome.changed:
        problems.append(f"files changed: {outcome.changed}")
    return problems


def argument_lists(world: FuzzWorld):
    """A hypothesis strategy of whole argument lists: ["finetune", "--personal", ...]."""
    return st.sampled_from(COMMANDS).flatmap(lambda command: _for_command(world, command))


def _for_command(world: FuzzWorld, command: str):
    paths = sorted(world.paths.values())
    options = []
    for flag in COUNT_FLAGS.get(command, []):
        options.append(st.tuples(st.just(flag), st.sampled_from(NUMBERS)))
    for flag in FLOAT_FLAGS.get(command, []):
        options.append(st.tuples(st.just(flag), st.sampled_from(FLOATS + NUMBERS[:6])))
    for flag in RANGE_FLAGS.get(command, []):
        options.append(st.tuples(st.just(flag), st.sampled_from(RANGES)))
    for flag in PATH_FLAGS.get(command, []):
        options.append(st.tuples(st.just(flag), st.sampled_from(paths)))
    for flag in SWITCHES.get(command, []):
        options.append(st.tuples(st.just(flag)))
    if command == "train":
        options.append(st.tuples(st.just("--hidden"), st.sampled_from(HIDDEN)))
        options += [st.tuples(st.just(flag), st.sampled_from(values))
                    for flag, values in CHOICES.items()]
    options.append(st.tuples(st.sampled_from(["--bogus", "-x", "--help-me", "extra"])))
    chosen = st.lists(st.one_of(options), max_size=6)
    required = st.tuples(*[st.tuples(st.just(flag), st.sampled_from(paths))
                           for flag in REQUIRED.get(command, [])])
    keep_required = st.booleans() if command in REQUIRED else st.just(False)
    images = (st.lists(st.sampled_from(paths), min_size=0, max_size=3) if command == "predict"
              else st.just([]))

    def assemble(parts):
        flags, needed, keep, positional = parts
        argv = [command]
        for group in ([*needed, *flags] if keep else flags):
            argv.extend(group)
        return argv + positional
    return st.tuples(chosen, required, keep_required, images).map(assemble)


def same_file_twice_cases(world: FuzzWorld) -> list[list[str]]:
    """The runs that name one file as input and output, directly or through links, the shipped
    model as output, an existing output: with a tiny MNIST, so that a command that does not
    refuse gets to save (in a second or so) and the check sees the file changed."""
    p = world.paths
    tiny = str(world.folder / "tiny_mnist")
    mnist_file = str(world.folder / "tiny_mnist" / "train-images-idx3-ubyte.gz")
    finetune = ["finetune", "--steps", "3", "--mnist-dir", tiny]
    train = ["train", "--hidden", "5", "--epochs", "1", "--mnist-dir", tiny]
    cases = []
    for out in ("mine.npz", "link_to_mine.npz", "hard_mine.npz"):
        for force in ([], ["--force"]):
            cases.append([*finetune, "--personal", p["mine.npz"], "--out", p[out], *force])
    for force in ([], ["--force"]):
        cases += [[*finetune, "--personal", p["mine.npz"], "--model", p["model.npz"], "--out",
                   p["model.npz"], *force],
                  [*finetune, "--personal", p["mine.npz"], "--out", p["shipped"], *force],
                  [*finetune, "--personal", p["mine.npz"], "--out", mnist_file, *force],
                  [*train, "--out", p["shipped"], *force],
                  [*train, "--out", mnist_file, *force],
                  ["predict", p["digit.png"], p["digit.png"], p["seven.svg"]]]
    cases.append([*train, "--out", p["existing_out.npz"]])   # exists, no --force
    cases.append([*train, "--out", p["new_out"]])          # the control: this one saves
    return cases
