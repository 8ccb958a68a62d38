"""Writing one file so that nothing is lost: check the target first, write atomically, tidy up.

    target = resolve_target(path)         # follows symlinks; refuses folders, devices, FIFOs
    probe_folder(target, 320_000)         # can we write that much there? (before a long run)
    remove_stale_temps(target)            # what a killed earlier save left behind
    write_atomically(target, lambda f: f.write(data))

The data goes to a temporary file `.<name>.<pid>-<random>.tmp` in the target's folder, is flushed
to the disk and then renamed over the target (os.replace), so a crash or a kill at any moment
leaves either the old complete file or the new one. The pid in the name tells a later save
whether the temporary file's writer is still running. Problems with the target raise
TargetError; the file system's own (disk full, no permission) raise OSError, which
os_error_message() turns into words for the user.
"""
from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

# A kill leaves a temporary file whose pid may be reused by another process before the next save;
# a save takes seconds at most, so a temporary file this old is abandoned whoever's pid it has.
STALE_SECONDS = 600.0
TEMP_SUFFIX = ".tmp"
# The probe writes at most this much: enough for any plausible model, quick to write and remove.
PROBE_LIMIT = 16 * 1024 * 1024
_RANDOM = "[a-z0-9_]{8}"   # tempfile's random part; older DigitLab versions wrote no pid before it


class TargetError(ValueError):
    """A path that must not be written: a folder, a device, a FIFO, a symlink loop, no folder."""


def resolve_target(path: str | os.PathLike) -> Path:
    """The regular file that writing path must create or replace: symlinks followed.

    Raises TargetError when the target exists but is not a regular file (a folder, a device such
    as /dev/full, a FIFO, a socket), when symlinks lead in a circle, or when its folder is missing.
    """
    path = Path(path)
    target = Path(os.path.realpath(path))
    what = f"it points to {target}, which is" if path.is_symlink() else "it is"
    try:
        mode = target.lstat().st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and stat.S_ISLNK(mode):   # realpath stops at a loop and returns a link
        raise TargetError("it is a symbolic link that leads in a circle")
    if mode is not None and stat.S_ISDIR(mode):
        raise TargetError(f"{what} a folder: give a file name inside it")
    if mode is not None and not stat.S_ISREG(mode):
        raise TargetError(f"{what} a device or other special file, not a regular file: "
                          f"choose another name")
    if not target.parent.is_dir():
        raise TargetError(f"the folder {target.parent} does not exist")
    return target


def _temp_prefix(target: Path) -> str:
    return f".{target.name}.{os.getpid()}-"


def _make_temp(target: Path) -> tuple[int, str]:
    """(fd, name) of a new temporary file beside target, with the mode a plain open() gives."""
    handle, temp_name = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=TEMP_SUFFIX,
                                         dir=target.parent)
    try:
        # mkstemp makes the file private (0600); give it the mode a plain open() would have.
        os.chmod(temp_name, 0o666 & ~_umask())
    except OSError:
        os.close(handle)
        os.remove(temp_name)
        raise
    return handle, temp_name


def probe_folder(target: Path, size: int = 0) -> None:
    """Create a temporary file beside target, write size bytes (at most PROBE_LIMIT) to the disk,
    remove it. Raises OSError when that fails: no folder, no permission, a read-only or (given the
    size the real file will have) a full disk.
    """
    size = max(0, min(size, PROBE_LIMIT))
    handle, temp_name = _make_temp(target)
    try:
        with os.fdopen(handle, "wb") as f:
            chunk = bytes(min(size, 1 << 20))
            for start in range(0, size, len(chunk) or 1):
                f.write(chunk[:size - start])
            f.flush()
            os.fsync(f.fileno())
    finally:
        os.remove(temp_name)


def write_atomically(target: Path, write: Callable[[BinaryIO], None]) -> None:
    """Call write(file) on a temporary file beside target, flush it to disk, rename it to target.

    target must come from resolve_target. On any error the temporary file is removed and target
    is unchanged.
    """
    handle, temp_name = _make_temp(target)
    try:
        with os.fdopen(handle, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp_name, target)
        _sync_folder(target.parent)
    finally:
        if os.path.exists(temp_name):
            os.remove(temp_name)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a folder that cannot be opened is no error."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def stale_temps(target: Path, before: float | None = None) -> list[Path]:
    """Temporary files of our pattern for target whose writer is gone (dead pid) or that are old.

    before (seconds since the epoch, e.g. process_start_time()): only files last written earlier
    count, so nothing this process or a later one is writing can be taken for a leftover.
    """
    name, suffix = re.escape(target.name), re.escape(TEMP_SUFFIX)
    pattern = re.compile(rf"\.{name}\.(?:(\d+)-)?{_RANDOM}{suffix}")
    now = time.time()
    found = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return []
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match is None:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode) or (before is not None and info.st_mtime >= before):
            continue
        pid = int(match.group(1)) if match.group(1) else None
        old = now - info.st_mtime > STALE_SECONDS
        if old or (pid is not None and not _pid_alive(pid)):
            found.append(Path(entry.path))
    return found


def remove_stale_temps(target: Path, before: float | None = None) -> list[Path]:
    """Remove stale_temps(target, before); returns those removed. Best effort: never raises."""
    removed = []
    for temp in stale_temps(target, before):
        try:
            temp.unlink()
        except OSError:
            continue
        removed.append(temp)
    return removed


def process_start_time() -> float:
    """When this process started (seconds since the epoch); now where the system does not say.

    Linux: /proc/self/stat's start time in clock ticks after boot plus /proc/stat's boot time.
    """
    try:
        with open("/proc/self/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        with open("/proc/stat", "rb") as f:
            boot = next(int(line.split()[1]) for line in f if line.startswith(b"btime "))
        return boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return time.time()


def _pid_alive(pid: int) -> bool:
    """Whether a process with this pid runs on this machine (unknown on Windows: assume it does,
    as os.kill there would end the process; the age rule still cleans up)."""
    if os.name != "posix" or pid <= 0:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:   # PermissionError: someone else's process
        return True
    return True


_REASONS = {
    errno.ENOSPC: "the disk is full",
    getattr(errno, "EDQUOT", errno.ENOSPC): "the disk quota is used up",
    errno.EACCES: "no permission to write in the folder {folder}",
    errno.EPERM: "no permission to write in the folder {folder}",
    errno.EROFS: "the folder {folder} is on a read-only disk",
    errno.ENAMETOOLONG: "the file name is too long (a file or folder name may have at most 255 bytes)",
    errno.ENOENT: "the folder {folder} does not exist",
    errno.ENOTDIR: "a part of the folder {folder} is not a folder",
    errno.EISDIR: "it is a folder: give a file name inside it",
    errno.ELOOP: "it is a symbolic link that leads in a circle",
    errno.EIO: "the disk reported an input/output error",
}


def os_error_message(error: OSError, target: Path) -> str:
    """Why writing target failed, in words for the user ("the disk is full")."""
    reason = _REASONS.get(error.errno)
    if reason is not None:
        return reason.format(folder=target.parent)
    return error.strerror or str(error) or type(error).__name__
