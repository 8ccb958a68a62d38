"""File names in the command line's messages: shown safely, checked before anything reads them.

Standard library only. A name that is not valid UTF-8 arrives from the command line with its bytes
as lone surrogates (PEP 383); printed as they are they would be garbage or an encoding error, so
they are shown as backslash escapes (b'bad\\xff.png' -> 'bad\\xff.png').
"""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

NAME_MAX = 255       # bytes in one file or folder name on Linux, macOS and Windows file systems
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


def os_reason(error: OSError, path: str | os.PathLike | None = None) -> str:
    """Why an OSError happened, in words: 'not found', 'the name is too long (300 bytes, ...)'."""
    path = error.filename if path is None else path
    if error.errno == errno.ENAMETOOLONG and path is not None:
        return _too_long_reason(path)
    reasons = {
        errno.ENOENT: "not found",
        errno.ENOTDIR: "a part of the path is a file, not a folder",
        errno.ELOOP: "the symbolic links in the path form a loop",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EISDIR: "it is a folder, not a file",
    }
    return reasons.get(error.errno) or error.strerror or str(error) or type(error).__name__


def _too_long_reason(path: str | os.PathLike) -> str:
    encoded = os.fsencode(path)
    longest = max(len(part) for part in encoded.split(b"/"))
    if longest > NAME_MAX:
        return (f"the name is too long ({longest} bytes; a file or folder name may have at most "
                f"{NAME_MAX})")
    return f"the path is too long ({len(encoded)} bytes)"


def os_message(error: OSError) -> str:
    """'x.npz: not found' rather than '[Errno 2] No such file or directory: 'x.npz''."""
    reason = os_reason(error)
    if error.filename is None:
        return reason
    return f"{display_path(error.filename)}: {reason}"


def file_problem(path: Path) -> str | None:
    """Why path cannot be read as a file (missing, a folder, a device, a loop ...), or None.

    Checked before opening, so that a folder is not reported as 'not found' and a pipe or
    device is never opened (reading a FIFO would wait for a writer forever).
    """
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        return os_reason(error, path)
    except ValueError:           # an embedded NUL byte
        return "the name contains a NUL character"
    if stat.S_ISDIR(mode):
        return "it is a folder, not a file"
    if not stat.S_ISREG(mode):
        return "it is not a regular file (a device, pipe or socket)"
    return None


def folder_problem(path: Path) -> str | None:
    """Why path cannot be read as a folder (missing, a file, a loop, a name too long ...), or None."""
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        return os_reason(error, path)
    except ValueError:           # an embedded NUL byte
        return "the name contains a NUL character"
    if not stat.S_ISDIR(mode):
        return "it is a file, not a folder"
    return None
