"""Arrays from an .npz (a zip of .npy files) that may be hostile: every header is read and checked
before any array data is decompressed.

np.load trusts the file: it allocates whatever shape a header declares, decompresses whatever an
entry holds and parses odd headers with the tokenizer. A few megabytes of zeros declaring a
4.7 GB array then cost 28 s and 5.8 GB before failing. Here the caller's check sees each
entry's shape and dtype first, and no more bytes are read than the accepted headers declare.
"""
from __future__ import annotations

import ast
import math
import struct
import zipfile
from collections.abc import Callable
from typing import BinaryIO

import numpy as np

MAX_ENTRIES = 1_000
MAX_HEADER_BYTES = 10_000             # numpy's own limit for a header it parses safely
_MAX_CENTRAL_DIRECTORY = 256 * 1024   # zipfile parses the whole directory into objects
_NPY_MAGIC = b"\x93NUMPY"
_END_RECORD = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)  # what np.savez(_compressed) writes
_CHUNK = 1 << 20


class NpzError(ValueError):
    """The file is not an .npz this reader accepts; the message says why, in one line."""


def read_npz(f: BinaryIO, check: Callable[[str, tuple, np.dtype], None]) -> dict[str, np.ndarray]:
    """{name: array} of every .npy entry of the zip in f (a seekable binary file).

    check(name, shape, dtype) is called for every entry before any data is read and raises to
    refuse it. Raises NpzError for a damaged or foreign file.
    """
    _check_directory_size(f)
    with zipfile.ZipFile(f) as archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise NpzError(f"{len(infos)} entries, more than {MAX_ENTRIES}")
        headers = {}
        for info in infos:
            name = _entry_name(info)
            if name in headers:
                raise NpzError(f"two entries called {name!r}")
            with archive.open(info) as entry:
                shape, fortran, dtype = headers[name] = read_npy_header(entry, name)
                check(name, shape, dtype)
                # np.save writes exactly the declared data after the header; the zip directory
                # says how much there is, so a header claiming more is refused before allocating
                if math.prod(shape) * dtype.itemsize != info.file_size - entry.tell():
                    raise NpzError(f"the entry {name!r} holds {info.file_size - entry.tell():,} "
                                   f"bytes of data, its header declares {shape} {dtype}")
        arrays = {}
        for info in infos:
            with archive.open(info) as entry:
                name = _entry_name(info)
                read_npy_header(entry, name)
                arrays[name] = _read_data(entry, name, *headers[name])
    return arrays


def _check_directory_size(f: BinaryIO) -> None:
    """Refuse a zip whose central directory is too large, before zipfile turns it into objects."""
    size = f.seek(0, 2)
    tail_size = min(size, 22 + 0xFFFF)  # the end record and a comment of at most 64 KiB
    f.seek(size - tail_size)
    tail = f.read(tail_size)
    f.seek(0)
    # the end record zipfile will use: the last 22 bytes when there is no comment, else the last
    at = len(tail) - 22
    if at < 0 or tail[at:at + 4] != _END_RECORD or tail[-2:] != b"\0\0":
        at = tail.rfind(_END_RECORD)
    if at < 0 or at + 22 > len(tail):
        raise NpzError("not a zip file (no end of central directory)")
    entries, directory_size = struct.unpack("<xxxxxxxxxxHI", tail[at:at + 16])
    if (at >= 20 and tail[at - 20:at - 16] == _ZIP64_LOCATOR) or entries == 0xFFFF:
        raise NpzError("a ZIP64 archive, which NumPy does not write for files of this size")
    if directory_size > _MAX_CENTRAL_DIRECTORY or entries > MAX_ENTRIES:
        raise NpzError(f"a zip directory of {entries} entries and {directory_size:,} bytes, "
                       f"more than an .npz of a model has")


def _entry_name(info: zipfile.ZipInfo) -> str:
    """The array name of a zip entry ("W1.npy" -> "W1"); refuses what np.load would not read."""
    if not info.filename.endswith(".npy"):
        raise NpzError(f"the entry {info.filename!r} is not a NumPy array (.npy)")
    if info.flag_bits & 0x41:  # bit 0: encrypted, bit 6: strong encryption
        raise NpzError(f"the entry {info.filename!r} is encrypted")
    if info.compress_type not in _METHODS:
        raise NpzError(f"the entry {info.filename!r} uses compression method "
                       f"{info.compress_type}, not one NumPy writes")
    return info.filename[:-4]


def read_npy_header(fp: BinaryIO, name: str) -> tuple[tuple[int, ...], bool, np.dtype]:
    """(shape, fortran_order, dtype) from the start of an .npy stream, checked, data not read.

    Only what NumPy itself writes is accepted: versions 1-3, a header dict literal of at most
    MAX_HEADER_BYTES parsed by ast.literal_eval (no tokenizer fallback for Python 2 headers).
    """
    magic = _read_exactly(fp, 8, name, "header")
    if magic[:6] != _NPY_MAGIC:
        raise NpzError(f"the entry {name!r} is not a NumPy array (magic {magic[:6]!r})")
    version = (magic[6], magic[7])
    if version not in ((1, 0), (2, 0), (3, 0)):
        raise NpzError(f"the entry {name!r} has .npy version {version}, not 1.0-3.0")
    length_format = "<H" if version == (1, 0) else "<I"
    (length,) = struct.unpack(length_format, _read_exactly(fp, struct.calcsize(length_format),
                                                           name, "header"))
    if length > MAX_HEADER_BYTES:
        raise NpzError(f"the entry {name!r} has a {length:,}-byte header, more than "
                       f"{MAX_HEADER_BYTES:,}")
    text = _read_exactly(fp, length, name, "header").decode(
        "utf-8" if version == (3, 0) else "latin1", "replace")
    try:
        header = ast.literal_eval(text)
    except (SyntaxError, ValueError, TypeError, MemoryError, RecursionError):
        raise NpzError(f"the entry {name!r} has a header that is not a Python literal") from None
    return _check_header(header, name)


def _check_header(header, name: str) -> tuple[tuple[int, ...], bool, np.dtype]:
    """shape, fortran_order and dtype of a parsed header dict, or NpzError."""
    if not isinstance(header, dict) or set(header) != {"descr", "fortran_order", "shape"}:
        raise NpzError(f"the entry {name!r} has a header without descr, fortran_order and shape")
    shape, fortran = header["shape"], header["fortran_order"]
    if (not isinstance(shape, tuple) or len(shape) > 32
            or not all(type(d) is int and d >= 0 for d in shape)):
        raise NpzError(f"the entry {name!r} declares an invalid shape")
    if not isinstance(fortran, bool):
        raise NpzError(f"the entry {name!r} has an invalid fortran_order")
    try:
        dtype = np.lib.format.descr_to_dtype(header["descr"])
    except (TypeError, ValueError, KeyError, IndexError, OverflowError, RecursionError):
        raise NpzError(f"the entry {name!r} declares an invalid data type") from None
    if dtype.hasobject:
        raise NpzError(f"the entry {name!r} holds Python objects, which need pickle")
    if dtype.fields is not None or dtype.subdtype is not None:
        raise NpzError(f"the entry {name!r} has a structured data type")
    return shape, fortran, dtype


def _read_data(fp: BinaryIO, name: str, shape, fortran: bool, dtype: np.dtype) -> np.ndarray:
    """The array data after a header, read in chunks into one preallocated array."""
    array = np.empty(math.prod(shape), dtype)
    buffer = array.view(np.uint8) if dtype.itemsize else np.empty(0, np.uint8)
    done = 0
    while done < buffer.size:
        chunk = fp.read(min(_CHUNK, buffer.size - done))
        if not chunk:
            raise NpzError(f"the entry {name!r} is truncated ({done:,} of {buffer.size:,} "
                           "bytes of data)")
        buffer[done:done + len(chunk)] = np.frombuffer(chunk, np.uint8)
        done += len(chunk)
    return array.reshape(shape[::-1]).T if fortran else array.reshape(shape)


def _read_exactly(fp: BinaryIO, n: int, name: str, what: str) -> bytes:
    data = fp.read(n)
    if len(data) != n:
        raise NpzError(f"the entry {name!r} is truncated in its {what}")
    return data
