"""File names in the command line's messages, shown safely; why a file cannot be used is worded by
nn/files/file_checks.py (os_reason, file_problem, folder_problem), for the window and the commands.

Standard library and nn/files only. A name that is not valid UTF-8 arrives from the command line with its bytes
as lone surrogates (PEP 383); printed as they are they would be garbage or an encoding error, so
they are shown as backslash escapes (b'bad\\xff.png' -> 'bad\\xff.png').
"""
from __future__ import annotations

import os

from digitlab.nn.files.file_checks import os_reason

SHOWN_CHARACTERS = 120


def printable(text: str) -> str:
    """text with undecodable bytes (lone surrogates) as \\xNN escapes: safe to print anywhere."""
    return text.encode("utf-8", "surrogateescape" if _escapable(text) else "backslashreplace"
                       ).decode("utf-8", "backslashreplace")


def _escapable(text: str) -> bool:
    try:
        text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:   # a surrogate outside U+DC80..U+DCFF: not a byte from a name
        return False
    return True


def display_path(path: str | os.PathLike, shorten: bool = True) -> str:
    """path as a printable string; a very long one (shorten) keeps its start and its end."""
    text = printable(os.fspath(path))
    if shorten and len(text) > SHOWN_CHARACTERS:
        text = f"{text[:70]}...{text[-40:]}"
    return text


def os_message(error: OSError) -> str:
    """'x.npz: not found' rather than '[Errno 2] No such file or directory: 'x.npz''."""
    reason = os_reason(error)
    if error.filename is None:
        return reason
    return f"{display_path(error.filename)}: {reason}"
