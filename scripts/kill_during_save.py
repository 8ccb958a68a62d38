"""Kill a process with SIGKILL while it saves a model, many times; count what survives.

Usage: python scripts/kill_during_save.py [--kills 30] [--seed 0] [--folder DIR] [--json]

For each try a child process saves two networks by turns to <folder>/model.npz, as fast as it can
(so nearly every moment is inside save_model), and is killed with SIGKILL after a random delay.
Then the target must load as one of the complete models written (the first one, saved before
the kills, or one of the two the child writes), never a mix or a damaged file (a survival),
and the next save of this process must leave no temporary file of ours behind.

Prints tries, survivals, kills that left a temporary file (killed mid-write), temporary files
present after each try's next save (summed) and at the end; with --json one JSON object as the
last line. Without --folder it
works in a new temporary folder and removes it. POSIX only (SIGKILL).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

TARGET = "model.npz"
# 784-1000-10 float64: 6.3 MB, tens of milliseconds of writing and fsync per save
HIDDEN = 1000
SEEDS = (0, 1, 2)   # 0: the parent's save before the kills; 1, 2: the child's, by turns
MAX_DELAY = 0.4     # seconds after the child is ready; spans dozens of saves


def network(seed: int):
    import numpy as np

    from digitlab.nn.model.network import MultiLayerNet
    return MultiLayerNet(784, (HIDDEN,), 10, dtype=np.float64, rng=np.random.default_rng(seed))


def child(target: Path) -> None:
    """Save the networks of SEEDS[1:] to target by turns until killed."""
    from digitlab.nn.files.model_io import save_model

    networks = {seed: network(seed) for seed in SEEDS[1:]}
    print("ready", flush=True)
    generation = 0
    while True:
        generation += 1
        seed = SEEDS[1 + generation % 2]
        save_model(target, networks[seed], {"seed": seed, "generation": generation})


def our_temps(folder: Path) -> list[Path]:
    return sorted(folder.glob(f".{TARGET}.*.tmp"))


def intact(target: Path, expected: dict) -> bool:
    """Whether target loads as one complete model of expected (seed -> network)."""
    import numpy as np

    from digitlab.nn.files.model_io import ModelFileError, load_model
    try:
        network_, metadata = load_model(target)
    except (ModelFileError, OSError):
        return False
    reference = expected.get(metadata.get("seed"))
    return reference is not None and all(
        np.array_equal(network_.params[key], reference.params[key]) for key in reference.params)


def one_try(folder: Path, expected: dict, delay: float) -> dict:
    """Start a saving child, SIGKILL it after delay seconds, check the target, save again."""
    from digitlab.nn.files.model_io import save_model

    target = folder / TARGET
    before = set(our_temps(folder))
    process = subprocess.Popen([sys.executable, __file__, "--child", str(target)],
                               stdout=subprocess.PIPE, text=True)
    try:
        if process.stdout.readline().strip() != "ready":
            raise RuntimeError(f"the saving child did not start (exit code {process.wait()})")
        try:
            process.wait(timeout=delay)   # a sleep that notices a child that died by itself
            raise RuntimeError(f"the saving child ended by itself (exit code {process.returncode})")
        except subprocess.TimeoutExpired:
            pass
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait()
        process.stdout.close()
    survived = intact(target, expected)
    left_by_kill = len(set(our_temps(folder)) - before)
    save_model(target, expected[SEEDS[0]], {"seed": SEEDS[0]})   # the next save tidies up
    return {"survived": survived, "left_by_kill": left_by_kill,
            "left_after_next_save": len(our_temps(folder))}


def measure(folder: Path, kills: int, seed: int) -> dict:
    from digitlab.nn.files.model_io import save_model

    expected = {s: network(s) for s in SEEDS}
    save_model(folder / TARGET, expected[SEEDS[0]], {"seed": SEEDS[0]})
    rng = random.Random(seed)
    results = [one_try(folder, expected, rng.uniform(0.0, MAX_DELAY)) for _ in range(kills)]
    return {"tries": kills,
            "survivals": sum(r["survived"] for r in results),
            "killed_mid_write": sum(r["left_by_kill"] > 0 for r in results),
            "leftovers_after_next_save": sum(r["left_after_next_save"] for r in results),
            "temp_files_at_end": len(our_temps(folder))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=30)
    parser.add_argument("--seed", type=int, default=0, help="seed of the random kill moments")
    parser.add_argument("--folder", type=Path, help="an existing empty folder to work in")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        child(args.child)
        return 0
    if not hasattr(signal, "SIGKILL"):
        print("kill_during_save: needs POSIX signals (SIGKILL)", file=sys.stderr)
        return 2
    own = args.folder is None
    folder = Path(tempfile.mkdtemp(prefix="digitlab-kill-")) if own else args.folder
    try:
        figures = measure(folder, args.kills, args.seed)
    finally:
        if own:
            shutil.rmtree(folder, ignore_errors=True)
    print(f"tries {figures['tries']}, survivals {figures['survivals']} (the target loaded as a "
          f"complete old or new model), killed mid-write {figures['killed_mid_write']} "
          f"(a temporary file was left), temporary files left after the next save "
          f"{figures['leftovers_after_next_save']} (summed over the tries), at the end "
          f"{figures['temp_files_at_end']}")
    if args.json:
        print(json.dumps(figures))
    return 0 if figures["survivals"] == figures["tries"] else 1


if __name__ == "__main__":
    sys.exit(main())
