"""IDX files (MNIST's format), raw or gzip-compressed, read within declared limits.

The header (type, dimensions) is read first and checked against a size limit before any data is
decompressed, and a gzip stream is never decompressed past what the header declares, so a small
file that expands to gigabytes is refused at once.
"""
from __future__ import annotations

import gzip
import io
import math
import os
import zlib
from typing import BinaryIO

import numpy as np

from digitlab.nn.files.file_checks import UnreadableFile, display_name, open_file

# IDX type byte -> big-endian element type
_IDX_TYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}
_GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 20
MAX_IDX_BYTES = 16 + 60_000 * 28 * 28  # MNIST's largest file, train-images, uncompressed


class IdxError(ValueError):
    """A file that is not a valid IDX file (truncated, foreign, wrong header, too large)."""


def read_idx(path: str | bytes | os.PathLike, max_shape: tuple[int, ...] | None = None,
             max_bytes: int = MAX_IDX_BYTES) -> np.ndarray:
    """Read an IDX file (raw or gzip-compressed) into an array of its header's shape and type.

    Returns e.g. (60000, 28, 28) uint8 for train-images, (60000,) uint8 for train-labels.
    max_shape, when given, is the number of dimensions the header must declare and the largest
    each may be; max_bytes caps the uncompressed size. Both are checked before the data is read.
    Raises IdxError naming the file and what is wrong with it.
    """
    name = display_name(path)
    try:
        # a gzip stream is at most a little larger than its content (stored blocks)
        f = open_file(path, max_bytes + max_bytes // 100 + 4096, "IDX file")
    except UnreadableFile as problem:
        raise IdxError(f"{name}: {problem}") from None
    with f:
        compressed = f.read(2) == _GZIP_MAGIC
        f.seek(0)
        if not compressed:
            return _read_stream(f, name, max_shape, max_bytes, os.fstat(f.fileno()).st_size)
        try:
            with gzip.GzipFile(fileobj=f) as stream:
                return _read_stream(stream, name, max_shape, max_bytes, None)
        except (OSError, EOFError, zlib.error) as error:
            raise IdxError(f"{name}: damaged or truncated gzip file ({error})") from None


def parse_idx(raw: bytes, name: str = "IDX data", max_bytes: int = MAX_IDX_BYTES) -> np.ndarray:
    """Parse the bytes of an uncompressed IDX file; see read_idx."""
    return _read_stream(io.BytesIO(raw), name, None, max_bytes, len(raw))


def _read_stream(f: BinaryIO, name: str, max_shape, max_bytes: int, size: int | None
                 ) -> np.ndarray:
    """The array of an IDX stream, checked against max_shape and max_bytes before reading data.

    size: the stream's length when known (not for gzip), so a truncated file is found before
    its declared data is allocated.
    """
    head = _read_up_to(f, 4)
    if not head:
        raise IdxError(f"{name}: the file is empty")
    if len(head) < 4:
        raise IdxError(f"{name}: too short for an IDX header ({len(head)} bytes)")
    if head[0] != 0 or head[1] != 0 or head[2] not in _IDX_TYPES:
        raise IdxError(f"{name}: not an IDX file (magic number {head.hex()}, "
                       "expected 0000 then a type byte such as 08 and the number of dimensions)")
    ndim = head[3]
    if ndim == 0:
        raise IdxError(f"{name}: the header declares zero dimensions")
    dims = _read_up_to(f, 4 * ndim)
    header_size = 4 + 4 * ndim
    if len(dims) < 4 * ndim:
        raise IdxError(f"{name}: truncated header ({4 + len(dims)} bytes, {ndim} dimensions "
                       f"need {header_size})")
    shape = tuple(int(d) for d in np.frombuffer(dims, ">u4"))
    dtype = np.dtype(_IDX_TYPES[head[2]])
    expected = header_size + math.prod(shape) * dtype.itemsize
    _check_declared(name, shape, expected, max_shape, max_bytes)
    if size is not None and size < expected:
        raise IdxError(f"{name}: truncated: dimensions {shape} need {expected} bytes, "
                       f"the file has {size}")
    data = np.empty(math.prod(shape), dtype)
    got = header_size + _read_into(f, memoryview(data).cast("B"))
    if got < expected:
        raise IdxError(f"{name}: truncated: dimensions {shape} need {expected} bytes, "
                       f"the file has {got}")
    if f.read(1):
        raise IdxError(f"{name}: longer than its header says: dimensions {shape} need "
                       f"{expected} bytes, the file has more")
    return data.reshape(shape).astype(dtype.newbyteorder("="), copy=False)


def _check_declared(name: str, shape, expected: int, max_shape, max_bytes: int) -> None:
    """Refuse a header whose shape or size is beyond the limits (before any data is read)."""
    if max_shape is not None and (len(shape) != len(max_shape)
                                  or any(d > m for d, m in zip(shape, max_shape))):
        raise IdxError(f"{name}: the header declares dimensions {shape}, "
                       f"expected {len(max_shape)} dimensions of at most {max_shape}")
    if expected > max_bytes:
        raise IdxError(f"{name}: the header declares dimensions {shape}, {expected:,} bytes, "
                       f"more than the {max_bytes:,} DigitLab reads from an IDX file")


def _read_up_to(f: BinaryIO, n: int) -> bytes:
    """Up to n bytes (fewer only at the end of the stream)."""
    parts, left = [], n
    while left and (part := f.read(left)):
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def _read_into(f: BinaryIO, view: memoryview) -> int:
    """Fill view from f in chunks; returns the number of bytes read (short at end of stream)."""
    done = 0
    while done < len(view):
        n = f.readinto(view[done:done + _CHUNK])
        if not n:
            break
        done += n
    return done
