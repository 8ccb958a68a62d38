"""The hostile-file corpus (tests/hostile_files.py), small, fed to every reader of the package:
each file is loaded or refused with the reader's own error in one line naming it, peak memory
stays bounded (measured in a child process), and no file on disk changes."""
import numpy as np
import pytest

from hostile_files import READERS, digest, make_corpus, problems, read_in_child

pytest.importorskip("resource")   # RLIMIT_AS and ru_maxrss: POSIX only
MAX_GROWN_MB = 300


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, qapp):
    folder = tmp_path_factory.mktemp("hostile")
    files = make_corpus(folder, np.random.default_rng(0), mutants=6)
    return folder, files, digest(folder)


@pytest.mark.slow
@pytest.mark.parametrize("reader", list(READERS))
def test_every_hostile_file_is_refused_clearly_with_bounded_memory(corpus, reader):
    folder, files, before = corpus
    assert sum(1 for kind, _ in files if kind == reader) >= 20
    report = read_in_child(folder, reader)
    assert problems(reader, report, MAX_GROWN_MB) == []
    assert digest(folder) == before


def test_a_large_corpus(tmp_path, qapp):
    """scripts/harness.py files: a large corpus, per reader its outcomes and peak memory."""
    import collections

    from conftest import harness_settings

    chosen = harness_settings()
    if chosen is None:
        pytest.skip("the large corpus runs from scripts/harness.py files")
    folder = tmp_path / "corpus"
    make_corpus(folder, np.random.default_rng(chosen["seed"]), mutants=chosen["mutants"])
    before, found = digest(folder), []
    for reader in READERS:
        report = read_in_child(folder, reader)
        outcomes = collections.Counter(result["outcome"] for result in report["results"])
        found += problems(reader, report, MAX_GROWN_MB)
        print(f"\n{reader}: {len(report['results'])} files, {dict(outcomes)}, peak growth "
              f"{report.get('grown_mb')} MB")
    changed = [path for path, value in digest(folder).items() if before.get(path) != value]
    print(f"problems: {len(found)}, files changed on disk: {len(changed)}")
    for problem in found[:50]:
        print(f"  {problem}")
    assert not found and not changed
