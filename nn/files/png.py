"""A minimal PNG codec for the 28x28 grayscale images DigitLab exports (zlib + struct only).

Writes 8-bit grayscale, non-interlaced, every row with filter type 0 (none). Reads back exactly
that and nothing else: any other size, colour type, bit depth, interlacing or filter is refused
with PngError, as are bad signatures, bad checksums and data that inflates past the expected size.
"""
from __future__ import annotations

import struct
import zlib

import numpy as np

SIGNATURE = b"\x89PNG\r\n\x1a\n"
SIDE = 28
MAX_CHUNKS = 64            # our files have three (IHDR, IDAT, IEND)
_GRAY8 = (8, 0, 0, 0, 0)   # bit depth 8, colour type 0 (gray), deflate, filter method 0, no interlace


class PngError(ValueError):
    """Not a PNG that DigitLab wrote; the message says what is wrong in one line."""


def encode_gray(image: np.ndarray) -> bytes:
    """PNG bytes of an (H, W) image with values in [0, 1] (1 = white), as 8-bit grayscale."""
    image = np.asarray(image, dtype=np.float64)
    if image.ndim != 2 or image.size == 0:
        raise ValueError(f"expected a 2-D image, got shape {image.shape}")
    pixels = np.round(np.clip(image, 0.0, 1.0) * 255).astype(np.uint8)
    height, width = pixels.shape
    rows = np.concatenate([np.zeros((height, 1), np.uint8), pixels], axis=1)   # filter byte 0
    header = struct.pack(">IIBBBBB", width, height, *_GRAY8)
    return (SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(rows.tobytes(), 9))
            + _chunk(b"IEND", b""))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def decode_gray(data: bytes, side: int = SIDE) -> np.ndarray:
    """(side, side) float32 in [0, 1] from PNG bytes written by encode_gray; raises PngError."""
    if not data.startswith(SIGNATURE):
        raise PngError("not a PNG file (wrong signature)")
    chunks = _read_chunks(data)
    if not chunks or chunks[0][0] != b"IHDR" or len(chunks[0][1]) != 13:
        raise PngError("the PNG does not start with a valid IHDR header")
    width, height, *layout = struct.unpack(">IIBBBBB", chunks[0][1])
    if (width, height) != (side, side):
        raise PngError(f"the PNG is {width}x{height} pixels, expected {side}x{side}")
    if tuple(layout) != _GRAY8:
        raise PngError("the PNG is not 8-bit grayscale without interlacing "
                       "(only PNGs exported by DigitLab can be imported)")
    compressed = b"".join(body for kind, body in chunks if kind == b"IDAT")
    expected = side * (side + 1)
    inflater = zlib.decompressobj()
    try:
        raw = inflater.decompress(compressed, expected + 1)   # bounded: no decompression bomb
    except zlib.error as error:
        raise PngError(f"the PNG image data is damaged ({error})") from None
    if len(raw) != expected:
        raise PngError(f"the PNG image data has {len(raw)} bytes, expected {expected}")
    rows = np.frombuffer(raw, np.uint8).reshape(side, side + 1)
    if np.any(rows[:, 0] != 0):
        raise PngError("the PNG uses row filters DigitLab does not write "
                       "(only PNGs exported by DigitLab can be imported)")
    return rows[:, 1:].astype(np.float32) / 255.0


def _read_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """[(kind, body), ...] up to IEND, every CRC checked."""
    chunks, position = [], len(SIGNATURE)
    while position < len(data) and len(chunks) < MAX_CHUNKS:
        length, kind = struct.unpack(">I4s", data[position:position + 8].ljust(8, b"\0"))
        end = position + 8 + length
        if end + 4 > len(data):
            raise PngError("the PNG is cut short")
        body = data[position + 8:end]
        (crc,) = struct.unpack(">I", data[end:end + 4])
        if crc != zlib.crc32(kind + body):
            raise PngError(f"the PNG chunk {kind.decode('latin-1')!r} is damaged (bad checksum)")
        chunks.append((kind, body))
        if kind == b"IEND":
            return chunks
        position = end + 4
    raise PngError("the PNG has no end marker (IEND)")
