"""Unpickle a weight file (the textbook's sample_weight.pkl) without running code and without
allocating what the file merely claims.

The opcodes are scanned first (pickletools.genops checks every declared length against the bytes
that are there; the C unpickler would allocate it first, so a 20-byte file claiming 10^13 bytes
ended in MemoryError). Then only NumPy arrays and builtin containers are unpickled, through
wrappers that refuse sizes beyond `max_elements` before NumPy allocates them.
"""
from __future__ import annotations

import codecs
import io
import math
import pickle
import pickletools
from collections import OrderedDict

import numpy as np

MAX_OPCODES = 10_000  # the textbook's file has 178; each opcode can make an object
# opcodes that build objects by calling a class directly (bypassing the wrappers below) or that
# reach outside the pickle; NumPy arrays never need them
_REFUSED_OPCODES = {"INST", "OBJ", "NEWOBJ", "NEWOBJ_EX", "PERSID", "BINPERSID",
                    "EXT1", "EXT2", "EXT4"}
_MEMO_OPCODES = {"PUT", "BINPUT", "LONG_BINPUT"}


class PickleRefused(ValueError):
    """The pickle holds something other than arrays and containers, or claims too much."""


def load_weights(raw: bytes, max_array_bytes: int):
    """The object pickled in raw, if it is made of NumPy arrays and builtin containers only.

    No array may declare more than max_array_bytes. Raises PickleRefused, or pickle's own
    errors (UnpicklingError, ValueError, ...) for a damaged file.
    """
    scan(raw)
    return _ArrayUnpickler(io.BytesIO(raw), max_array_bytes).load()


def scan(raw: bytes) -> None:
    """Check the opcode stream without building anything: count, lengths, memo indices."""
    for count, (opcode, arg, _) in enumerate(pickletools.genops(raw), start=1):
        if count > MAX_OPCODES:
            raise PickleRefused(f"more than {MAX_OPCODES:,} pickle opcodes, far more than "
                                "a weight file has")
        if opcode.name in _REFUSED_OPCODES:
            raise PickleRefused(f"refused pickle opcode {opcode.name}: a weight pickle "
                                "does not need it")
        # the unpickler grows its memo table to the largest index it sees
        if opcode.name in _MEMO_OPCODES and not 0 <= arg <= MAX_OPCODES:
            raise PickleRefused(f"memo index {arg:,} is out of range")


class _NdarrayType:
    """Stands for numpy.ndarray inside the pickle: passed to _reconstruct, never called."""

    def __new__(cls, *args, **kwargs):
        raise PickleRefused("refused to call numpy.ndarray directly: a weight pickle "
                            "does not need it")


def _check_plain(dtype) -> np.dtype:
    """dtype if it is a plain (not object, not compound) NumPy type, else PickleRefused."""
    if (not isinstance(dtype, np.dtype) or dtype.hasobject or dtype.fields is not None
            or dtype.subdtype is not None):
        raise PickleRefused("refused an array of Python objects or of a compound type")
    return dtype


class _CheckedArray(np.ndarray):
    """What _reconstruct builds: its __setstate__ (the pickle's BUILD) checks shape and data."""

    def __setstate__(self, state) -> None:
        if not isinstance(state, tuple) or len(state) not in (4, 5):
            raise PickleRefused("an array with an invalid state")
        shape, dtype, _, rawdata = state[-4:]
        _check_plain(dtype)
        if (not isinstance(shape, tuple) or len(shape) > 32
                or not all(type(d) is int and d >= 0 for d in shape)):
            raise PickleRefused("an array declares an invalid shape")
        if not isinstance(rawdata, (bytes, bytearray, str)) or (
                len(rawdata) != math.prod(shape) * dtype.itemsize):
            raise PickleRefused(f"an array declares shape {shape}, its data does not fit it")
        super().__setstate__(state)


class _ArrayUnpickler(pickle.Unpickler):
    """Unpickles NumPy arrays and builtin containers; refuses every other global."""

    _real_reconstruct = staticmethod(np.ndarray.__reduce__(np.zeros(1))[0])  # where it lives
    _scalar = staticmethod(np.float32(0).__reduce__()[0])
    _real_frombuffer = staticmethod(np.zeros(1).__reduce_ex__(5)[0])  # protocol 5 arrays

    def __init__(self, file, max_array_bytes: int) -> None:
        super().__init__(file, encoding="latin1")
        self.max_array_bytes = max_array_bytes
        self.allowed = {
            ("numpy", "ndarray"): _NdarrayType,
            ("numpy", "dtype"): self._dtype,
            ("_codecs", "encode"): self._encode,  # bytes in pickle protocols 0-2
            ("collections", "OrderedDict"): OrderedDict,
        }
        for builtins in ("builtins", "__builtin__"):  # Python 3 and Python 2 pickles
            self.allowed[(builtins, "set")] = set
            self.allowed[(builtins, "frozenset")] = frozenset
            self.allowed[(builtins, "bytearray")] = self._bytearray
        for package in ("numpy.core", "numpy._core"):  # NumPy 1 and NumPy 2 module names
            self.allowed[(f"{package}.multiarray", "_reconstruct")] = self._reconstruct
            self.allowed[(f"{package}.multiarray", "scalar")] = self._scalar
            self.allowed[(f"{package}.numeric", "_frombuffer")] = self._frombuffer

    def find_class(self, module, name):
        try:
            return self.allowed[(module, name)]
        except KeyError:
            raise PickleRefused(
                f"refused to load {module}.{name}: only NumPy arrays are allowed in a weight "
                "pickle (this file may try to run code)") from None

    def _reconstruct(self, subtype, shape, dtype):
        """numpy's _reconstruct (allocates shape x dtype) for plain arrays of a sane size."""
        if subtype is not _NdarrayType:
            raise PickleRefused("refused an array type other than numpy.ndarray")
        dtype = _check_plain(dtype if isinstance(dtype, np.dtype) else self._dtype(dtype))
        shape = (shape,) if isinstance(shape, int) else shape
        if (not isinstance(shape, tuple) or len(shape) > 32
                or not all(type(d) is int and d >= 0 for d in shape)):
            raise PickleRefused("an array declares an invalid shape")
        if math.prod(shape) * dtype.itemsize > self.max_array_bytes:
            raise PickleRefused(f"an array declares shape {shape}, more than a weight file holds")
        return self._real_reconstruct(_CheckedArray, shape, dtype)

    def _frombuffer(self, buffer, dtype, shape, order):
        """numpy's _frombuffer (protocol 5 arrays): a view of bytes the file holds."""
        return self._real_frombuffer(buffer, _check_plain(dtype), shape, order)

    @staticmethod
    def _dtype(obj, align=False, copy=False):
        """np.dtype for a short type code ("f4", b"b"); no compound or object types."""
        if not isinstance(obj, (str, bytes)) or len(obj) > 8:
            raise PickleRefused("refused a compound NumPy data type")
        dtype = np.dtype(obj, align=bool(align), copy=bool(copy))
        if dtype.hasobject:  # object arrays would need arbitrary objects (and can be huge)
            raise PickleRefused("refused an array of Python objects")
        return dtype

    @staticmethod
    def _encode(text, encoding="utf-8"):
        if not isinstance(text, str) or encoding not in ("latin1", "latin-1"):
            raise PickleRefused("refused a text encoding other than latin1")
        return codecs.encode(text, encoding)

    @staticmethod
    def _bytearray(*args):
        if not args or isinstance(args[0], int):  # bytearray(n) would allocate n bytes
            raise PickleRefused("refused an empty bytearray of a declared size")
        return bytearray(*args)
