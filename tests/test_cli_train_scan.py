"""`digitlab train --scan-augment`, `--aspect`, `--blur-prob` ...: the scan options of nn.augment
from the command line, parsed with nn's rules, saved with the model."""
import json

import pytest

from digitlab.gui.about_dialog import train_command
from digitlab.cli.args import build_parser
from digitlab.cli.train import _train_config
from digitlab.nn.files.model_io import load_model
from digitlab.nn.training.train_config import RANGE_RULES, SCAN_AUGMENT, SCAN_OPTIONS, TrainConfig
from test_cli import assert_one_line_error, run_cli


def config_of(*argv):
    return _train_config(build_parser().parse_args(["train", *argv]))


def test_without_scan_flags_the_options_are_off():
    config = config_of("--augment")
    assert config.augment and config.augment_options() == TrainConfig().augment_options()


def test_each_flag_sets_its_option_and_implies_augment():
    config = config_of("--aspect", "0.7,1.4", "--blur-prob", "0.3", "--blur-sigma", "0.6,1.1",
                       "--lowres-prob", "0.4", "--lowres-side", "5,12", "--heavy-prob", "0.1")
    assert config.augment
    assert config.augment_options() == {"aspect": (0.7, 1.4), "blur_prob": 0.3,
                                        "blur_sigma": (0.6, 1.1), "lowres_prob": 0.4,
                                        "lowres_side": (5, 12), "heavy_prob": 0.1}
    for flag in ("--aspect 1,1.2", "--blur-prob 0.1", "--lowres-prob 0.1", "--heavy-prob 0.1"):
        assert config_of(*flag.split()).augment, flag


def test_scan_augment_is_the_documented_set_and_typed_flags_override_it():
    config = config_of("--scan-augment")
    assert config.augment
    assert config.augment_options() == {**TrainConfig().augment_options(), **SCAN_AUGMENT}
    assert SCAN_AUGMENT == {"aspect": (0.6, 1.6), "blur_prob": 0.2, "blur_sigma": (0.5, 1.5),
                            "lowres_prob": 0.2, "lowres_side": (6, 14)}
    typed = config_of("--scan-augment", "--lowres-prob", "0", "--heavy-prob", "0.15",
                      "--aspect", "0.8,1.25")
    assert (typed.lowres_prob, typed.heavy_prob, typed.aspect) == (0, 0.15, (0.8, 1.25))
    assert typed.blur_prob == 0.2 and typed.lowres_side == (6, 14)


def test_the_scan_flags_and_augment_survive_a_preset():
    config = config_of("--preset", "course", "--scan-augment")
    assert config.augment and config.blur_prob == 0.2 and config.iterations == 10_000
    assert config_of("--preset", "course", "--augment").augment


def test_flags_typed_with_a_preset_override_it_also_the_regularisation_and_gradient():
    config = config_of("--preset", "course", "--dropout", "0.2", "--weight-decay", "0.001",
                       "--gradient", "numerical", "--hidden", "10", "--train-size", "100")
    assert (config.dropout, config.weight_decay, config.gradient) == (0.2, 0.001, "numerical")
    assert config.activation == "sigmoid" and config.iterations == 10_000


@pytest.mark.parametrize("argv, words", [
    (["--aspect", "1.6,0.6"], ["argument --aspect", RANGE_RULES["aspect"], "'1.6,0.6'"]),
    (["--aspect", "0.6"], ["argument --aspect", "'0.6'"]),
    (["--aspect", "0,1"], ["argument --aspect", "'0,1'"]),
    (["--blur-prob", "1.5"], ["argument --blur-prob", "a probability in [0, 1]", "'1.5'"]),
    (["--blur-prob", "nan"], ["argument --blur-prob", "a probability in [0, 1]"]),
    (["--lowres-prob", "-0.2"], ["argument --lowres-prob", "'-0.2'"]),
    (["--heavy-prob", "x"], ["argument --heavy-prob", "'x'"]),
    (["--blur-sigma", "0,1", "--blur-prob", "0.2"], ["argument --blur-sigma",
                                                     RANGE_RULES["blur_sigma"]]),
    (["--lowres-side", "3,14"], ["argument --lowres-side", RANGE_RULES["lowres_side"]]),
    (["--lowres-side", "6,28"], ["argument --lowres-side", "'6,28'"]),
    (["--lowres-side", "6.5,14"], ["argument --lowres-side", "'6.5,14'"]),
    (["--blur-sigma", "1,2"], ["--blur-sigma does nothing without --blur-prob above 0"]),
    (["--scan-augment", "--lowres-prob", "0", "--lowres-side", "5,9"],
     ["--lowres-side does nothing without --lowres-prob above 0"]),
])
def test_bad_scan_flags_exit_2_with_one_line_before_anything_loads(capsys, monkeypatch, argv,
                                                                   words):
    from digitlab.cli import common

    def no_mnist(*args, **kwargs):
        raise AssertionError("MNIST loaded for a bad command line")

    monkeypatch.setattr(common, "load_mnist", no_mnist)
    code, out, err = run_cli(capsys, "train", *argv)
    assert code == 2 and out == ""
    assert_one_line_error(code, err, "digitlab train: error:", "(see 'digitlab train --help')",
                          *words)


def test_the_about_dialogs_command_rebuilds_a_scan_config():
    config = TrainConfig(hidden_sizes=(512, 256), optimizer="momentum", lr=0.05, schedule="cosine",
                         epochs=40, augment=True, dropout=0.2, drawn_digits=10000, seed=1,
                         aspect=(0.6, 1.6), blur_prob=0.2, blur_sigma=(0.5, 1.5), lowres_prob=0.2,
                         lowres_side=(6, 14), heavy_prob=0.15)
    command = train_command(json.loads(json.dumps(config.to_dict())))   # as read from a file
    assert "--aspect 0.6,1.6 --blur-prob 0.2 --blur-sigma 0.5,1.5" in command
    assert config_of(*command.split()[2:]) == config
    # A range whose probability is 0 does nothing and would be refused: it is left out.
    from dataclasses import replace
    from digitlab.nn.training.train_config import DEFAULTS
    quiet = replace(DEFAULTS, blur_sigma=(1.0, 2.0)).to_dict()
    assert train_command(quiet) == "digitlab train"


@pytest.mark.mnist
def test_a_short_scan_run_saves_its_options_with_the_model(capsys, tmp_path, mnist_dir):
    out_path = tmp_path / "scan.npz"
    code, out, _ = run_cli(capsys, "train", "--train-size", 300, "--epochs", 1, "--hidden", 10,
                           "--scan-augment", "--heavy-prob", "0.15", "--lowres-side", "7,12",
                           "--mnist-dir", mnist_dir, "--out", out_path, "--json")
    assert code == 0
    summary = json.loads(out)
    assert summary["finished"] == "completed"
    _, metadata = load_model(out_path)
    saved = TrainConfig.from_dict(metadata["config"])
    assert saved.augment and saved.train_size == 300
    assert saved.augment_options() == {**SCAN_AUGMENT, "heavy_prob": 0.15, "lowres_side": (7, 12)}
    assert set(SCAN_OPTIONS) <= set(metadata["config"])


def test_the_readmes_scan_candidate_command_is_the_scan_augment_set():
    from pathlib import Path
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("### A scan-robust candidate", 1)[1]
    command = section.split("```sh\n", 1)[1].split("```", 1)[0].replace("\\\n", " ").split()
    assert command[:3] == ["python", "main.py", "train"]
    config = config_of(*[word for word in command[3:] if word not in ("--out", "candidate.npz")])
    assert config.augment and config.epochs == 40 and config.seed == 1
    assert config.augment_options() == {**TrainConfig().augment_options(), **SCAN_AUGMENT}
