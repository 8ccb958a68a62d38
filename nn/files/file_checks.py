"""Opening files the user names, and the one wording of why a file or folder cannot be used.

The model, MNIST and image loaders read files DigitLab did not write. They open them here, so a
folder, a link loop, a pipe, a name too long or a file far too large is reported as such (not as
"not found", not as an OSError traceback, not as a read that never ends). The command line words
its file errors with the same os_reason, file_problem and folder_problem; the window translates
UnreadableFile by its kind.
"""
from __future__ import annotations

import errno
import os
import stat
from typing import BinaryIO

# a FIFO opened for reading waits for a writer; non-blocking, it opens at once and is refused
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
NAME_MAX = 255   # bytes in one file name on Linux, macOS and Windows file systems
_SHOWN_NAME = 80  # longer names are shortened in messages
_NUL = "its name contains a NUL character"


class UnreadableFile(Exception):
    """The path cannot be read as a file. str() is one English sentence; `kind` names the case.

    kind: "missing", "dangling_link", "folder", "not_folder", "link_loop", "name_too_long",
    "denied", "not_regular", "too_large" or "other" (translated messages key on it).
    """

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(reason)
        self.kind = kind


def display_name(path: str | bytes | os.PathLike) -> str:
    """The last part of path, printable on one line: undecodable bytes as U+FFFD, controls escaped."""
    name = os.path.basename(os.fsdecode(path).rstrip("/" + os.sep)) or repr(os.fsdecode(path))
    name = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    name = "".join(c if c.isprintable() else repr(c)[1:-1] for c in name)
    if len(name) > _SHOWN_NAME:
        name = name[:_SHOWN_NAME - 21] + "…" + name[-20:]
    return name


def open_file(path: str | bytes | os.PathLike, max_bytes: int, what: str = "file") -> BinaryIO:
    """Open path for binary reading if it is a regular file of at most max_bytes.

    Raises UnreadableFile with a reason ("it is a folder, not a file", "it is 120.0 MB, more than
    any {what} DigitLab reads (50.0 MB)", ...).
    """
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise _classify(path, error) from None
    except ValueError:  # an embedded NUL character
        raise UnreadableFile("other", _NUL) from None
    info = os.fstat(fd)
    if stat.S_ISDIR(info.st_mode):
        os.close(fd)
        raise UnreadableFile("folder", "it is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise UnreadableFile("not_regular", "it is not a regular file (a device, pipe or socket)")
    if info.st_size > max_bytes:
        os.close(fd)
        raise UnreadableFile("too_large", f"it is {_megabytes(info.st_size)}, more than any {what} "
                                          f"DigitLab reads ({_megabytes(max_bytes)})")
    f = os.fdopen(fd, "rb")
    return f


def check_folder(path: str | bytes | os.PathLike) -> None:
    """Raise UnreadableFile (kind "not_folder" for a file) unless path is a folder."""
    try:
        info = os.stat(path)
    except OSError as error:
        raise _classify(path, error) from None
    except ValueError:
        raise UnreadableFile("other", _NUL) from None
    if not stat.S_ISDIR(info.st_mode):
        raise UnreadableFile("not_folder", "it is a file, not a folder")


def file_problem(path: str | bytes | os.PathLike) -> str | None:
    """Why path cannot be read as a file ("not found", "it is a folder, not a file", ...), or None.

    Looked at without opening it: a pipe or device is never opened (reading a FIFO would wait for
    a writer forever).
    """
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        return str(_classify(path, error))
    except ValueError:
        return _NUL
    if stat.S_ISDIR(mode):
        return "it is a folder, not a file"
    if not stat.S_ISREG(mode):
        return "it is not a regular file (a device, pipe or socket)"
    return None


def folder_problem(path: str | bytes | os.PathLike) -> str | None:
    """Why path cannot be read as a folder ("it is a file, not a folder", ...), or None."""
    try:
        check_folder(path)
    except UnreadableFile as problem:
        return str(problem)
    return None


def os_reason(error: OSError, path: str | bytes | os.PathLike | None = None) -> str:
    """Why an OSError happened, in the user's words ("not found", "permission denied", ...).

    path: the file it was about (default error.filename); it tells a dangling link from a missing
    file and which part of a path too long is too long.
    """
    return str(_classify(error.filename if path is None else path, error))


def _megabytes(n: int) -> str:
    return f"{n / 1e6:,.1f} MB"


def _classify(path, error: OSError) -> UnreadableFile:
    """The reason an operation on path failed, in the user's words, and its kind."""
    code = error.errno
    if code == errno.ENOENT:
        if path is not None and os.path.islink(path):
            return UnreadableFile("dangling_link", "it is a link to a file that does not exist")
        return UnreadableFile("missing", "not found")
    if code == errno.EISDIR or (code == errno.EACCES and path is not None and os.path.isdir(path)):
        return UnreadableFile("folder", "it is a folder, not a file")
    if code == errno.ELOOP:
        return UnreadableFile("link_loop", "the symbolic links in its path form a loop "
                                           "(a link loop)")
    if code == errno.ENAMETOOLONG:
        return UnreadableFile("name_too_long", _too_long(path))
    if code in (errno.EACCES, errno.EPERM):
        return UnreadableFile("denied", "permission denied")
    if code == errno.ENOTDIR:
        return UnreadableFile("missing", "a part of its path is a file, not a folder")
    return UnreadableFile("other", (error.strerror or str(error) or type(error).__name__)
                          .rstrip(".").lower())


def _too_long(path) -> str:
    if path is None:
        return "its name is too long"
    encoded = os.fsencode(path)
    longest = max(len(part) for part in encoded.split(os.fsencode(os.sep)))
    if longest > NAME_MAX:
        return (f"its name is too long ({longest} bytes long, more than the {NAME_MAX} a file "
                f"or folder name may have)")
    return f"its path is too long ({len(encoded)} bytes, more than the system allows)"
