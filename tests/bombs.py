"""Decompression bombs built in milliseconds, and a fresh Python that measures what loading costs.

deflate_zeros compresses one MiB of zeros after a full flush (which resets the compressor, so
every such block is byte-identical) and repeats that block: a 4 GB stream takes 4 MB and no
time. CRCs are not computed for the zeros (the files' last bytes say 0): every reader must
refuse these files long before their end, where a CRC would be checked.
"""
from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
MIB = 1 << 20


def deflate_zeros(n_mib: int, prefix: bytes = b"") -> bytes:
    """A raw deflate stream of prefix followed by n_mib MiB of zero bytes."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = compressor.compress(prefix) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(bytes(MIB)) + compressor.flush(zlib.Z_FULL_FLUSH)
    return head + block * n_mib + compressor.flush()


def gzip_bomb(prefix: bytes, n_mib: int) -> bytes:
    """A gzip file whose content is prefix and n_mib MiB of zeros (CRC left 0)."""
    size = (len(prefix) + n_mib * MIB) % (1 << 32)
    return (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + deflate_zeros(n_mib, prefix)
            + struct.pack("<II", 0, size))


def npy_header(shape: tuple, descr: str = "<f4") -> bytes:
    """The .npy magic and header NumPy writes for an array of this shape and type."""
    buffer = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        buffer, {"descr": descr, "fortran_order": False, "shape": shape})
    return buffer.getvalue()


def npy_bytes(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array)
    return buffer.getvalue()


def zip_file(entries: dict[str, tuple[bytes, int, int]]) -> bytes:
    """A zip of deflated entries written by hand: name -> (raw deflate data, size, crc)."""
    local, central = io.BytesIO(), io.BytesIO()
    for name, (data, size, crc) in entries.items():
        offset = local.tell()
        encoded = name.encode()
        local.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data),
                                size, len(encoded), 0) + encoded + data)
        central.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc,
                                  len(data), size, len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
    n = len(entries)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, n, n, central.tell(), local.tell(), 0)
    return local.getvalue() + central.getvalue() + end


def deflated(data: bytes) -> tuple[bytes, int, int]:
    """(raw deflate data, size, crc) of small content, for zip_file."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(), len(data), zlib.crc32(data)


def model_metadata() -> tuple[bytes, int, int]:
    return deflated(npy_bytes(np.array(json.dumps({"activation": "relu"}))))


@dataclass(frozen=True)
class Measured:
    outcome: str       # "loaded", or "module.ErrorType: message"
    seconds: float
    grown_mb: float    # peak resident memory growth during the call


_CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
{setup}
limit = {address_space}
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
try:
    {call}
    outcome = "loaded"
except BaseException as error:
    outcome = f"{{type(error).__module__}}.{{type(error).__name__}}: {{error}}"
seconds = time.perf_counter() - start
grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
print(json.dumps({{"outcome": outcome, "seconds": seconds, "grown_mb": grown}}))
"""


def run_measured(setup: str, call: str, address_space_gb: float = 3.0,
                 timeout: float = 120.0) -> Measured:
    """Run `call` in a fresh Python after `setup` (imports), with at most address_space_gb of
    virtual memory, so that a loader without limits fails with MemoryError instead of taking
    the machine's memory. ru_maxrss is in KiB on Linux."""
    code = _CHILD.format(root=str(ROOT), setup=setup, call=call,
                         address_space=int(address_space_gb * 1024 ** 3))
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=timeout, env=env, check=False)
    if done.returncode != 0 or not done.stdout.strip():
        raise AssertionError(f"the child failed ({done.returncode}): {done.stderr[-2000:]}")
    return Measured(**json.loads(done.stdout.strip().splitlines()[-1]))


def declare_shape(npz: bytes, key: str, shape: tuple) -> bytes:
    """The .npz npz with the .npy header of entry key rewritten to declare shape (the data is
    left as it was): what one damaged digit in a header does. The zip itself stays valid."""
    source = zipfile.ZipFile(io.BytesIO(npz))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == f"{key}.npy":
                stream = io.BytesIO(data)
                version = np.lib.format.read_magic(stream)
                read_header = (np.lib.format.read_array_header_1_0 if version == (1, 0)
                               else np.lib.format.read_array_header_2_0)
                dtype = read_header(stream)[2]
                data = npy_header(shape, dtype.str) + data[stream.tell():]
            target.writestr(info.filename, data)
    return out.getvalue()
