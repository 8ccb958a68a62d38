"""nn.data: IDX parsing on tiny files, finding MNIST, downloading from a local server, real MNIST."""
import gzip
import hashlib
import struct
from functools import partial

import numpy as np
import pytest

from digitlab.nn.data import mnist as data
from digitlab.nn.data.mnist import IdxError, MnistNotFoundError

from local_mirror import closed_port_url, fake_mnist, idx_bytes, serve_fake_mnist


# ---- IDX parsing ----------------------------------------------------------------------------

def test_read_idx_raw_and_gz_give_the_same_array(tmp_path):
    images = np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4)
    (tmp_path / "a-idx3-ubyte").write_bytes(idx_bytes(images))
    (tmp_path / "a-idx3-ubyte.gz").write_bytes(gzip.compress(idx_bytes(images)))
    for name in ("a-idx3-ubyte", "a-idx3-ubyte.gz"):
        got = data.read_idx(tmp_path / name)
        assert got.dtype == np.uint8 and got.shape == (2, 3, 4)
        np.testing.assert_array_equal(got, images)


def test_read_idx_big_endian_types(tmp_path):
    values = np.array([[1, -2], [300000, -7]], dtype=np.int32)
    (tmp_path / "i.idx").write_bytes(idx_bytes(values, 0x0C))
    np.testing.assert_array_equal(data.read_idx(tmp_path / "i.idx"), values)
    floats = np.array([0.5, -1.25], dtype=np.float64)
    (tmp_path / "f.idx").write_bytes(idx_bytes(floats, 0x0E))
    np.testing.assert_array_equal(data.read_idx(tmp_path / "f.idx"), floats)


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"\x00\x00", "too short"),
    (b"PK\x03\x04" + bytes(20), "not an IDX file"),
    (bytes([0, 0, 0x42, 1, 0, 0, 0, 1, 7]), "not an IDX file"),     # unknown type byte
    (bytes([0, 0, 8, 0]), "zero dimensions"),
    (bytes([0, 0, 8, 3, 0, 0, 0, 2]), "truncated header"),
    (bytes([0, 0, 8, 1, 0, 0, 0, 5, 1, 2, 3]), "truncated"),         # 5 labels declared, 3 present
    (bytes([0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 2]) + bytes(5), "longer than its header"),
])
def test_read_idx_explains_what_is_wrong(tmp_path, content, message):
    path = tmp_path / "bad-idx1-ubyte"
    path.write_bytes(content)
    with pytest.raises(IdxError, match=message) as info:
        data.read_idx(path)
    assert "bad-idx1-ubyte" in str(info.value)


def test_read_idx_gzip_that_is_not_idx(tmp_path):
    path = tmp_path / "notes.gz"
    path.write_bytes(gzip.compress(b"hello, this is a text file"))
    with pytest.raises(IdxError, match="not an IDX file"):
        data.read_idx(path)


def test_read_idx_truncated_gzip(tmp_path):
    whole = gzip.compress(idx_bytes(np.zeros((50, 28, 28), np.uint8)))
    path = tmp_path / "cut.gz"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(IdxError, match="gzip"):
        data.read_idx(path)


def test_read_idx_wrong_dims_for_the_data(tmp_path):
    labels = np.arange(10, dtype=np.uint8)
    raw = bytearray(idx_bytes(labels))
    raw[4:8] = struct.pack(">I", 11)
    path = tmp_path / "labels"
    path.write_bytes(bytes(raw))
    with pytest.raises(IdxError, match=r"\(11,\)"):
        data.read_idx(path)


def test_mnist_loader_refuses_images_with_wrong_dims(tmp_path):
    fake = {"train": 3, "t10k": 2}
    for prefix, n in fake.items():
        (tmp_path / f"{prefix}-images-idx3-ubyte").write_bytes(idx_bytes(np.zeros((n, 28, 27), np.uint8)))
        (tmp_path / f"{prefix}-labels-idx1-ubyte").write_bytes(idx_bytes(np.zeros(n, np.uint8)))
    with pytest.raises(IdxError, match=r"\(N, 28, 28\)"):
        data.load_mnist(mnist_dir=tmp_path)


# ---- finding the data -----------------------------------------------------------------------

@pytest.fixture
def empty_cache(tmp_path, monkeypatch):
    cache = tmp_path / "cache" / "mnist"
    monkeypatch.setattr(data, "default_cache_dir", lambda: cache)
    monkeypatch.delenv(data.ENV_VAR, raising=False)
    return cache


def test_find_mnist_dir_order(tmp_path, empty_cache):
    explicit = fake_mnist(tmp_path / "explicit")
    from_env = fake_mnist(tmp_path / "env", gz=False)
    env = {data.ENV_VAR: str(from_env)}
    assert data.find_mnist_dir(explicit, env) == explicit
    assert data.find_mnist_dir(tmp_path / "nothing-here", env) == from_env
    assert data.find_mnist_dir(None, {}) is None
    fake_mnist(empty_cache)
    assert data.find_mnist_dir(None, {}) == empty_cache
    assert data.find_mnist_dir(None, env) == from_env


def test_find_mnist_dir_needs_all_four_files(tmp_path, empty_cache):
    folder = fake_mnist(tmp_path / "partial")
    (folder / "t10k-labels-idx1-ubyte.gz").unlink()
    assert data.find_mnist_dir(folder, {}) is None
    assert data.missing_files(folder) == ["t10k-labels-idx1-ubyte.gz"]


def test_load_mnist_without_data_names_the_flag_and_the_variable(empty_cache):
    with pytest.raises(MnistNotFoundError) as info:
        data.load_mnist()
    assert "--mnist-dir" in str(info.value) and "DIGITLAB_MNIST_DIR" in str(info.value)


def test_load_mnist_explicit_folder_missing_files(tmp_path, empty_cache):
    with pytest.raises(MnistNotFoundError, match="(?s)lacks .*--mnist-dir"):
        data.load_mnist(mnist_dir=tmp_path)


def test_load_mnist_options_on_tiny_files(tmp_path, empty_cache, monkeypatch):
    monkeypatch.setenv(data.ENV_VAR, str(fake_mnist(tmp_path / "m", n_train=12, n_test=3)))
    (x, t), (x_test, t_test) = data.load_mnist(normalize=False, flatten=False, one_hot_label=True)
    assert x.shape == (12, 1, 28, 28) and x.dtype == np.uint8 and x_test.shape == (3, 1, 28, 28)
    assert x[11].min() == x[11].max() == 11
    assert t.shape == (12, 10) and t_test.shape == (3, 10)
    np.testing.assert_array_equal(t.argmax(axis=1), np.arange(12) % 10)
    np.testing.assert_array_equal(t.sum(axis=1), 1)
    (x, t), _ = data.load_mnist()
    assert x.shape == (12, 784) and x.dtype == np.float32
    assert x[5, 0] == pytest.approx(5 / 255) and t.tolist() == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]


# ---- download from a local server -----------------------------------------------------------

def test_download_from_local_mirror(server, tmp_path):
    base, served = server
    md5s = serve_fake_mnist(served)
    calls = []
    dest = data.download_mnist(tmp_path / "cache", [base + "mirror/"],
                               progress=lambda *args: calls.append(args), files=md5s)
    assert sorted(p.name for p in dest.iterdir()) == sorted(data.FILES)
    for name in data.FILES:
        assert (dest / name).read_bytes() == (served / "mirror" / name).read_bytes()
        size = (dest / name).stat().st_size
        assert (name, size, size) in calls
    (x, t), (x_test, _) = data.load_mnist(normalize=False, mnist_dir=dest)
    assert x.shape == (6, 784) and x_test.shape == (4, 784) and t[3] == 3


def test_download_dead_first_mirror_uses_the_next(server, tmp_path):
    base, served = server
    md5s = serve_fake_mnist(served)
    mirrors = [closed_port_url(), base + "missing/", base + "mirror/"]
    dest = data.download_mnist(tmp_path / "cache", mirrors, files=md5s, timeout=5)
    assert data.missing_files(dest, md5s) == []


def test_download_refuses_a_corrupted_file(server, tmp_path):
    base, served = server
    md5s = serve_fake_mnist(served)
    bad = served / "mirror" / "train-labels-idx1-ubyte.gz"
    bad.write_bytes(bad.read_bytes()[:-3] + b"xyz")
    cache = tmp_path / "cache"
    with pytest.raises(MnistNotFoundError, match="train-labels.*corrupted"):
        data.download_mnist(cache, [base + "mirror/"], files=md5s)
    assert not (cache / "train-labels-idx1-ubyte.gz").exists()
    assert not list(cache.glob(".*"))  # no temporary file left behind


def test_download_corrupted_on_first_mirror_good_on_second(server, tmp_path):
    base, served = server
    md5s = serve_fake_mnist(served, "good")
    serve_fake_mnist(served, "bad")
    (served / "bad" / "t10k-images-idx3-ubyte.gz").write_bytes(b"\x1f\x8bnot really")
    dest = data.download_mnist(tmp_path / "cache", [base + "bad/", base + "good/"], files=md5s)
    assert hashlib.md5((dest / "t10k-images-idx3-ubyte.gz").read_bytes()).hexdigest() == \
        md5s["t10k-images-idx3-ubyte.gz"]


def test_download_cancel_leaves_nothing(server, tmp_path):
    base, served = server
    md5s = serve_fake_mnist(served)
    cache = tmp_path / "cache"
    with pytest.raises(data.DownloadCancelled):
        data.download_mnist(cache, [base + "mirror/"], files=md5s, cancel=lambda: True)
    assert list(cache.iterdir()) == []


def test_download_keeps_files_already_correct(server, tmp_path):
    base, served = server
    md5s = serve_fake_mnist(served)
    cache = data.download_mnist(tmp_path / "cache", [base + "mirror/"], files=md5s)
    calls = []
    data.download_mnist(cache, [closed_port_url()], progress=lambda *a: calls.append(a), files=md5s)
    assert calls == []


def test_load_mnist_download_goes_to_the_cache(server, empty_cache, monkeypatch):
    base, served = server
    md5s = serve_fake_mnist(served)
    local = partial(data.download_mnist, mirrors=[base + "mirror/"], files=md5s, timeout=5)
    monkeypatch.setattr(data, "download_mnist", local)
    calls = []
    (x, _), _ = data.load_mnist(download=True, progress=lambda *a: calls.append(a))
    assert {name for name, _, _ in calls} == set(data.FILES)
    assert x.shape == (6, 784)
    assert data.missing_files(empty_cache) == []


# ---- the real MNIST -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def mnist_raw(mnist_dir):
    return data.load_mnist(normalize=False, mnist_dir=mnist_dir)


@pytest.mark.mnist
def test_real_mnist_shapes_labels_and_means(mnist_raw):
    (x, t), (x_test, t_test) = mnist_raw
    assert x.shape == (60000, 784) and x_test.shape == (10000, 784)
    assert x.dtype == np.uint8 and t.shape == (60000,) and t_test.shape == (10000,)
    assert t[0] == 5 and t_test[0] == 7
    assert x.mean() == pytest.approx(33.318, abs=5e-4)
    assert x_test.mean() == pytest.approx(33.791, abs=5e-4)
    np.testing.assert_array_equal(np.bincount(t_test), [980, 1135, 1032, 1010, 982,
                                                         892, 958, 1028, 974, 1009])


@pytest.mark.mnist
def test_real_mnist_normalized_one_hot(mnist_dir, mnist_raw):
    (x, t), (x_test, t_test) = data.load_mnist(one_hot_label=True, mnist_dir=mnist_dir)
    assert x.dtype == np.float32 and x.min() == 0.0 and x.max() == 1.0
    assert t.shape == (60000, 10) and t_test.shape == (10000, 10)
    np.testing.assert_array_equal(t_test.argmax(axis=1), mnist_raw[1][1])
    np.testing.assert_allclose(x_test[:100] * 255, mnist_raw[1][0][:100], atol=1e-4)
