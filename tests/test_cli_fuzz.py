"""The command-line fuzzer (tests/cli_fuzz.py), short: every subcommand with generated argument
lists, and the runs that name one file twice. scripts/fuzz_cli.py runs it long."""
import pytest
from hypothesis import HealthCheck, given, settings

from cli_fuzz import FuzzWorld, argument_lists, check, same_file_twice_cases


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return FuzzWorld.create(tmp_path_factory.mktemp("fuzz"))


def test_same_file_twice_and_the_shipped_model_as_output(world, qapp):
    *refused, control = same_file_twice_cases(world)
    for argv in refused:
        outcome = world.run(argv)
        assert check(outcome) == [], (argv, outcome)
        assert outcome.status == (0 if argv[0] == "predict" else 1), (argv, outcome)
    assert world.run(control).status == 0      # with a fresh --out the same run saves


def test_generated_command_lines(world, qapp):
    @settings(max_examples=150, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(argument_lists(world))
    def behaves(argv):
        outcome = world.run(argv)
        assert check(outcome) == [], (argv, outcome)
    behaves()
