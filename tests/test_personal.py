"""nn.personal, nn.personal_file, nn.personal_zip, nn.png: the user's own labelled drawings."""
import io
import json
import struct
import zipfile
import zlib

import numpy as np
import pytest

import digitlab.nn.files.personal_file as personal_file
import digitlab.nn.files.personal_zip as personal_zip
from digitlab.nn.data.personal import PersonalDataError, PersonalSet
from digitlab.nn.files.personal_zip import export_zip, import_zip
from digitlab.nn.files.png import PngError, decode_gray, encode_gray


def make_set(n=12, seed=0):
    rng = np.random.default_rng(seed)
    personal = PersonalSet()
    for i in range(n):
        strokes = [rng.uniform(0, 280, (int(rng.integers(1, 30)), 2)) for _ in range(i % 3)]
        personal.add(rng.random((28, 28)), label=i % 10, strokes=strokes, created=1e9 + i)
    return personal


def assert_same(a: PersonalSet, b: PersonalSet, image_atol=0.0, stroke_atol=0.0):
    assert a.next_id == b.next_id and len(a) == len(b)
    for x, y in zip(a, b):
        assert (x.sample_id, x.label, x.created) == (y.sample_id, y.label, y.created)
        np.testing.assert_allclose(x.image, y.image, rtol=0, atol=image_atol)
        assert len(x.strokes) == len(y.strokes)
        for s, t in zip(x.strokes, y.strokes):
            np.testing.assert_allclose(s, t, rtol=0, atol=stroke_atol)


def one_line_error(call, *words):
    with pytest.raises(PersonalDataError) as info:
        call()
    message = str(info.value)
    assert "\n" not in message
    for word in words:
        assert word in message
    return message


# ------------------------------------------------------------------ the set

def test_add_delete_relabel_and_counts():
    personal = make_set(12)
    assert len(personal) == 12 and personal.counts().tolist() == [2, 2] + [1] * 8
    personal.relabel(3, 7)
    personal.delete(0)
    assert personal[3].label == 7 and 0 not in [s.sample_id for s in personal]
    assert personal.counts().sum() == 11 and personal.counts()[7] == 2
    added = personal.add(np.zeros(784), 5)
    assert added.sample_id == 12          # ids are never reused
    with pytest.raises(KeyError):
        personal.delete(0)
    for bad in (10, -1, 2.0, True):
        with pytest.raises(ValueError):
            personal.add(np.zeros((28, 28)), bad)
    with pytest.raises(ValueError):
        personal.add(np.zeros((28, 27)), 1)
    with pytest.raises(ValueError):
        personal.add(np.zeros((28, 28)), 1, strokes=[np.zeros((3, 3))])


def test_test_split_is_every_fifth_sample_and_survives_deletion():
    personal = make_set(20)
    x, t = personal.arrays("test")
    assert x.shape == (4, 784) and t.tolist() == [4, 9, 4, 9]
    assert [s.sample_id for s in personal if s.is_test] == [4, 9, 14, 19]
    personal.delete(2)
    personal.delete(5)
    assert [s.sample_id for s in personal if s.is_test] == [4, 9, 14, 19]
    assert len(personal.arrays("train")[1]) == 14 and len(personal.arrays()[1]) == 18


def test_samples_are_frozen_copies():
    image = np.zeros((28, 28))
    sample = PersonalSet().add(image, 1)
    image[0, 0] = 1.0
    assert sample.image[0, 0] == 0.0
    with pytest.raises(ValueError):
        sample.image[0, 0] = 1.0


# ------------------------------------------------------------------ .npz

def test_store_and_reload(tmp_path):
    personal = make_set(13)
    personal.delete(12)               # next_id stays 13
    path = tmp_path / "mine.npz"
    personal.save(path)
    again = PersonalSet.load(path)
    assert_same(personal, again)
    assert again.add(np.zeros(784), 1).sample_id == 13


def test_empty_set_round_trip(tmp_path):
    PersonalSet().save(tmp_path / "empty.npz")
    again = PersonalSet.load(tmp_path / "empty.npz")
    assert len(again) == 0 and again.next_id == 0


def save_arrays(path, **changes):
    """Write the arrays of a valid file with some of them replaced."""
    make_set(6).save(path)
    with np.load(path) as npz:
        arrays = {key: npz[key] for key in npz.files}
    arrays.update(changes)
    arrays = {key: value for key, value in arrays.items() if value is not None}
    np.savez(path, **arrays)


@pytest.mark.parametrize("changes, words", [
    ({"labels": np.array([0, 1, 2, 3, 4, 10])}, ["labels", "0-9"]),
    ({"images": np.full((6, 28, 28), np.nan, np.float32)}, ["NaN"]),
    ({"images": np.zeros((6, 28, 27), np.float32)}, ["images", "shape"]),
    ({"images": np.full((6, 28, 28), 2.0, np.float32)}, ["[0, 1]"]),
    ({"ids": np.array([0, 1, 1, 2, 3, 4])}, ["ids"]),
    ({"points": np.full((30, 2), np.inf, np.float32)}, []),
    ({"stroke_ends": np.array([5, 3, 100])}, ["offsets"]),
    ({"labels": None}, ["not a personal data set"]),
    ({"info": np.array("{}")}, ["info"]),
    ({"info": np.array(json.dumps({"format": "digitlab-personal", "version": 9,
                                   "next_id": 6}))}, ["version"]),
    ({"info": np.array(json.dumps({"format": "digitlab-personal", "version": 1,
                                   "next_id": 2}))}, ["next_id"]),
    ({"labels": np.array([None] * 6, dtype=object)}, ["not a personal data set"]),
])
def test_corrupt_npz_is_refused_with_one_line(tmp_path, changes, words):
    path = tmp_path / "bad.npz"
    save_arrays(path, **changes)
    one_line_error(lambda: PersonalSet.load(path), "bad.npz", *words)


@pytest.mark.parametrize("content", [b"", b"not a zip at all", b"PK\x03\x04broken"])
def test_garbage_npz_is_refused(tmp_path, content):
    path = tmp_path / "junk.npz"
    path.write_bytes(content)
    one_line_error(lambda: PersonalSet.load(path), "junk.npz")


def test_truncated_npz_is_refused(tmp_path):
    path = tmp_path / "cut.npz"
    make_set(6).save(path)
    path.write_bytes(path.read_bytes()[:-200])
    one_line_error(lambda: PersonalSet.load(path), "cut.npz")


def test_npz_declaring_too_much_data_is_refused_before_unpacking(tmp_path, monkeypatch):
    path = tmp_path / "big.npz"
    make_set(6).save(path)
    monkeypatch.setattr(personal_file, "MAX_UNPACKED_BYTES", 10_000)
    one_line_error(lambda: PersonalSet.load(path), "big.npz", "unpacks")


def test_failed_save_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "mine.npz"
    make_set(3).save(path)
    before = path.read_bytes()

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(personal_file.np, "savez_compressed", broken)
    with pytest.raises(OSError):
        make_set(9).save(path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["mine.npz"]


# ------------------------------------------------------------------ PNG

def test_png_round_trip_is_within_half_a_grey_level():
    image = np.random.default_rng(1).random((28, 28)).astype(np.float32)
    data = encode_gray(image)
    assert data.startswith(b"\x89PNG")
    np.testing.assert_allclose(decode_gray(data), image, atol=0.5 / 255 + 1e-7)


def png_with(header=None, rows=None, kind=b"IHDR"):
    """A PNG built by hand with our chunk layout but a chosen header or raw rows."""
    def chunk(name, body):
        return struct.pack(">I", len(body)) + name + body + struct.pack(">I", zlib.crc32(name + body))
    header = header or struct.pack(">IIBBBBB", 28, 28, 8, 0, 0, 0, 0)
    rows = rows if rows is not None else bytes(28 * 29)
    return (b"\x89PNG\r\n\x1a\n" + chunk(kind, header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


@pytest.mark.parametrize("data, words", [
    (b"GIF89a", "signature"),
    (png_with(struct.pack(">IIBBBBB", 32, 32, 8, 0, 0, 0, 0)), "32x32"),
    (png_with(struct.pack(">IIBBBBB", 28, 28, 8, 2, 0, 0, 0)), "grayscale"),
    (png_with(struct.pack(">IIBBBBB", 28, 28, 16, 0, 0, 0, 0)), "grayscale"),
    (png_with(struct.pack(">IIBBBBB", 28, 28, 8, 0, 0, 0, 1)), "grayscale"),
    (png_with(rows=bytes([1] + [0] * 28) * 28), "filters"),
    (png_with(rows=bytes(28 * 29 * 1000)), "bytes"),
    (png_with(rows=bytes(10)), "bytes"),
    (png_with(kind=b"IHDX"), "IHDR"),
    (encode_gray(np.zeros((28, 28)))[:-20], "cut short"),
    (encode_gray(np.zeros((28, 28)))[:33] + b"\x00\x00\x00\x01XXXX", "cut short"),
])
def test_foreign_or_damaged_png_is_refused(data, words):
    with pytest.raises(PngError, match=words):
        decode_gray(data)


def test_png_with_bad_checksum_is_refused():
    data = bytearray(encode_gray(np.zeros((28, 28))))
    data[40] ^= 0xFF
    with pytest.raises(PngError, match="checksum"):
        decode_gray(bytes(data))


# ------------------------------------------------------------------ zip

def test_export_import_round_trip(tmp_path):
    personal = make_set(11)
    personal.delete(3)
    path = tmp_path / "mine.zip"
    export_zip(personal, path)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
    assert "samples.csv" in names and "images/00004_4.png" in names and len(names) == 11
    again = import_zip(path)
    assert_same(personal, again, image_atol=0.5 / 255 + 1e-7, stroke_atol=0.005 + 1e-4)
    assert [s.sample_id for s in again if s.is_test] == [4, 9]


def rewrite_zip(path, change):
    """Export a valid zip, then rewrite it with change(members: dict) applied."""
    export_zip(make_set(6), path)
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    change(members)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def edit_csv(members, old, new):
    members["samples.csv"] = members["samples.csv"].decode().replace(old, new, 1).encode()


@pytest.mark.parametrize("change, words", [
    (lambda m: m.pop("samples.csv"), "samples.csv"),
    (lambda m: m.pop("images/00002_2.png"), "not in the zip"),
    (lambda m: m.update({"images/00002_2.png": b"\x89PNG\r\n\x1a\nrest"}), "00002_2.png"),
    (lambda m: m.update({"images/00002_2.png": png_with(
        struct.pack(">IIBBBBB", 28, 28, 8, 6, 0, 0, 0))}), "grayscale"),
    (lambda m: m.update({"images/00002_2.png": bytes(1_000_000)}), "too large"),
    (lambda m: edit_csv(m, ",2,2,", ",12,2,"), "label"),
    (lambda m: edit_csv(m, ",2,2,", ",2,1,"), "ids"),
    (lambda m: edit_csv(m, "file,label", "name,label"), "columns"),
    (lambda m: edit_csv(m, "[[[", "[[["[:2] + "{"), "line"),
    (lambda m: m.update({"samples.csv": b"\xff\xfe\x00bad"}), "samples.csv"),
])
def test_bad_zip_is_refused_with_one_line(tmp_path, change, words):
    path = tmp_path / "bad.zip"
    rewrite_zip(path, change)
    one_line_error(lambda: import_zip(path), "bad.zip", words)


def test_zip_with_too_many_members_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "many.zip"
    export_zip(make_set(8), path)
    monkeypatch.setattr(personal_zip, "MAX_SAMPLES", 5)
    one_line_error(lambda: import_zip(path), "many.zip", "files")


def test_garbage_zip_is_refused(tmp_path):
    path = tmp_path / "junk.zip"
    path.write_bytes(io.BytesIO(b"hello").getvalue())
    one_line_error(lambda: import_zip(path), "junk.zip")


def test_a_header_declaring_a_huge_shape_is_refused_as_damaged_before_allocating(tmp_path):
    # one damaged digit in a header: np.load would try to allocate it and raise MemoryError
    from bombs import declare_shape

    path = tmp_path / "mine.npz"
    make_set(6).save(path)
    path.write_bytes(declare_shape(path.read_bytes(), "images", (6_000_000_000_000, 28, 28)))
    before = path.read_bytes()
    one_line_error(lambda: PersonalSet.load(path), "mine.npz", "damaged")
    assert path.read_bytes() == before


@pytest.mark.parametrize("error", [MemoryError, RecursionError, OverflowError])
def test_any_error_while_reading_is_reported_as_a_damaged_file(tmp_path, monkeypatch, error):
    path = tmp_path / "mine.npz"
    make_set(3).save(path)

    def fail(*args):
        raise error("deep inside")
    monkeypatch.setattr(personal_file, "read_npz", fail)
    one_line_error(lambda: PersonalSet.load(path), "mine.npz", "damaged")


def test_save_leaves_no_temporary_file_and_names_it_with_the_pid(tmp_path, monkeypatch):
    import os
    path = tmp_path / "mine.npz"
    seen = []
    real = personal_file.np.savez_compressed

    def spy(f, **arrays):
        seen.extend(p.name for p in tmp_path.iterdir())   # the temporary file being written
        real(f, **arrays)
    monkeypatch.setattr(personal_file.np, "savez_compressed", spy)
    make_set(3).save(path)
    assert seen and seen[0].startswith(f".mine.npz.{os.getpid()}-") and seen[0].endswith(".tmp")
    assert [p.name for p in tmp_path.iterdir()] == ["mine.npz"]
