"""The command-line fuzzer (tests/cli_fuzz.py), short: every subcommand with generated argument
lists, and the runs that name one file twice. `scripts/harness.py cli` runs it long."""
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


def test_a_long_fuzz(world, qapp):
    """scripts/harness.py cli: many cases, the counts by command and exit status printed."""
    import collections

    from hypothesis import seed

    from conftest import harness_settings

    chosen = harness_settings()
    if chosen is None:
        pytest.skip("the long fuzz runs from scripts/harness.py cli")
    counts, failures = collections.Counter(), []

    def record(argv):
        outcome = world.run(argv)
        counts[(argv[0], str(outcome.status))] += 1
        if check(outcome):
            failures.append((argv, check(outcome), outcome.stderr[-300:]))
    for argv in same_file_twice_cases(world):
        record(argv)

    @seed(chosen["seed"])
    @settings(max_examples=chosen["examples"], deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(argument_lists(world))
    def generated(argv):
        record(argv)
    generated()
    print(f"\ncases tried: {sum(counts.values())}, failures: {len(failures)}")
    for (command, status), n in sorted(counts.items()):
        print(f"  {command} exit {status}: {n}")
    for failure in failures[:50]:
        print(f"FAIL {failure}")
    assert not failures
