"""Export and import a personal data set as a zip: one PNG per sample and a CSV that lists them.

    samples.csv            file,label,id,created,strokes   (strokes as JSON [[[x, y], ...], ...])
    images/00004_7.png     the 28x28 network input, 8-bit grayscale, white digit on black

Import reads the zip in memory (nothing is extracted to disk), refuses archives with too many or
too large members before inflating them, decodes only PNGs of DigitLab's own kind (nn.png), and
raises PersonalDataError with one line for anything it cannot use. Images pass through 8 bits,
so they come back within 1/510 of what was exported.
"""
from __future__ import annotations

import csv
import io
import json
import os
import tempfile
import zipfile
import zlib
from pathlib import Path

import numpy as np

from digitlab.nn.data.personal import PersonalSet
from digitlab.nn.files.personal_file import MAX_SAMPLES, PersonalDataError
from digitlab.nn.files.png import PngError, decode_gray, encode_gray

CSV_NAME = "samples.csv"
COLUMNS = ["file", "label", "id", "created", "strokes"]
MAX_PNG_BYTES = 16 * 1024        # a 28x28 8-bit PNG of ours is under 1 KB
MAX_CSV_BYTES = 64 * 2**20
MAX_RATIO = 200                  # inflated / compressed size of any member: more is a zip bomb


def export_zip(personal: PersonalSet, path: str | os.PathLike) -> None:
    """Write every sample as a PNG plus samples.csv into a zip at path, atomically."""
    path = Path(path)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as f:
            with zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED) as archive:
                _write_members(archive, personal)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp_name, path)
    finally:
        if os.path.exists(temp_name):
            os.remove(temp_name)


def _write_members(archive: zipfile.ZipFile, personal: PersonalSet) -> None:
    table = io.StringIO()
    writer = csv.writer(table, lineterminator="\n")
    writer.writerow(COLUMNS)
    for sample in personal:
        name = f"images/{sample.sample_id:05d}_{sample.label}.png"
        archive.writestr(name, encode_gray(sample.image))
        strokes = [np.round(stroke.astype(np.float64), 2).tolist() for stroke in sample.strokes]
        writer.writerow([name, sample.label, sample.sample_id, repr(sample.created),
                         json.dumps(strokes, separators=(",", ":"))])
    archive.writestr(CSV_NAME, table.getvalue())


def import_zip(path: str | os.PathLike) -> PersonalSet:
    """A PersonalSet from a zip written by export_zip; raises PersonalDataError."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            members = _check_members(archive, path.name)
            rows = _read_csv(archive, members, path.name)
            personal = PersonalSet()
            for row in rows:
                personal.add(*_sample_from_row(archive, members, row, path.name),
                             sample_id=row["id"])
            return personal
    except PersonalDataError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as error:
        raise PersonalDataError(f"{path.name}: not a personal data zip (damaged or not a zip: "
                                f"{error})") from None
    except ValueError as error:    # bad ids, labels or strokes caught by PersonalSet
        raise PersonalDataError(f"{path.name}: {' '.join(str(error).split())}") from None


def _check_members(archive: zipfile.ZipFile, name: str) -> dict[str, zipfile.ZipInfo]:
    """The members by name, after bounding their count and their declared sizes."""
    infos = archive.infolist()
    if len(infos) > MAX_SAMPLES + 1:
        raise PersonalDataError(f"{name}: {len(infos):,} files in the zip, more than a personal "
                                f"data set can hold ({MAX_SAMPLES:,} samples)")
    for info in infos:
        limit = MAX_CSV_BYTES if info.filename == CSV_NAME else MAX_PNG_BYTES
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limit or (info.file_size > 4096 and ratio > MAX_RATIO):
            raise PersonalDataError(f"{name}: the member {info.filename!r} is too large "
                                    f"({info.file_size:,} bytes unpacked); refusing to unpack it")
    members = {info.filename: info for info in infos}
    if CSV_NAME not in members:
        raise PersonalDataError(f"{name}: no {CSV_NAME} inside (not a DigitLab personal data zip)")
    return members


def _read_csv(archive, members, name: str) -> list[dict]:
    try:
        text = archive.read(members[CSV_NAME]).decode("utf-8")
        rows = list(csv.DictReader(io.StringIO(text)))
        header = next(csv.reader(io.StringIO(text)), [])
    except (UnicodeDecodeError, csv.Error) as error:
        raise PersonalDataError(f"{name}: {CSV_NAME} is not readable text ({error})") from None
    if header != COLUMNS:
        raise PersonalDataError(f"{name}: {CSV_NAME} has columns {header}, expected {COLUMNS}")
    parsed = [_parse_row(row, k + 2, name) for k, row in enumerate(rows)]
    ids = [row["id"] for row in parsed]
    if any(b <= a for a, b in zip(ids, ids[1:])):
        raise PersonalDataError(f"{name}: the sample ids in {CSV_NAME} are not increasing")
    return parsed


def _parse_row(row: dict, line: int, name: str) -> dict:
    where = f"{name}: {CSV_NAME} line {line}"
    try:
        label, sample_id, created = int(row["label"]), int(row["id"]), float(row["created"])
        strokes = json.loads(row["strokes"])
    except (TypeError, ValueError) as error:
        raise PersonalDataError(f"{where}: {error}") from None
    if not 0 <= label <= 9 or not 0 <= sample_id < 2**53 or not np.isfinite(created):
        raise PersonalDataError(f"{where}: label must be 0-9, id >= 0 and the time finite")
    if not isinstance(strokes, list):
        raise PersonalDataError(f"{where}: strokes must be a JSON list of point lists")
    try:
        strokes = [np.array(stroke, dtype=np.float64).reshape(-1, 2) for stroke in strokes]
    except (TypeError, ValueError) as error:
        raise PersonalDataError(f"{where}: strokes are not lists of [x, y] points "
                                f"({error})") from None
    return {"file": row["file"], "label": label, "id": sample_id, "created": created,
            "strokes": strokes}


def _sample_from_row(archive, members, row: dict, name: str) -> tuple:
    """(image, label, strokes, created) for PersonalSet.add."""
    info = members.get(row["file"])
    if info is None:
        raise PersonalDataError(f"{name}: {CSV_NAME} names {row['file']!r}, which is not in the zip")
    try:
        image = decode_gray(archive.read(info))
    except PngError as error:
        raise PersonalDataError(f"{name}: {row['file']}: {error}") from None
    return image, row["label"], row["strokes"], row["created"]
