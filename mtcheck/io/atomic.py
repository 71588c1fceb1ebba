"""Atomic file writes and moves: a reader never sees half a file, a crash never leaves one.

``write_atomic`` writes into a temporary file beside the target (``.NAME.PID.tmp``, a dotfile, so
that folder watchers skip it) and renames it into place with ``os.replace``, which is atomic on
POSIX and on Windows (same folder, so same filesystem). With ``durable=True`` the data is fsynced
before the rename and the folder after it, so that once the call returns the file survives a
power cut as well as a crash (``mtcheck watch`` relies on that order: report durable first, input
moved second).

``move_atomic`` moves a file into another folder, across filesystems too (copy to a temporary
file there, fsync, rename, then remove the original): at every instant the file is whole in at
least one of the two places. ``remove_stale_temporaries`` deletes the temporary files that a
killed process left behind.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
from pathlib import Path

from mtcheck.errors import InputError

_TEMPORARY = re.compile(r"^\..+\.(\d+)\.tmp$")


def temporary_path(target: Path) -> Path:
    """The temporary file for ``target``: same folder, hidden, named after this process."""
    return target.with_name(f".{target.name}.{os.getpid()}.tmp")


def write_atomic(target: str | os.PathLike[str], data: str | bytes, *, durable: bool = False) -> None:
    """Write ``data`` (text is UTF-8) to ``target`` atomically; InputError(type="io") if it cannot."""
    target = Path(target)
    temporary = temporary_path(target)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        with open(temporary, "wb") as handle:
            handle.write(payload)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(temporary, target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise InputError(f"{target}: cannot write: {error.strerror or error}", type="io") from None
    except BaseException:  # interrupted (KeyboardInterrupt...): leave no temporary behind
        temporary.unlink(missing_ok=True)
        raise
    if durable:
        fsync_folder(target.parent)


def move_atomic(source: str | os.PathLike[str], target: str | os.PathLike[str], *, durable: bool = False) -> None:
    """Move ``source`` to ``target`` (replacing it), across filesystems if need be.

    Raises OSError (the caller decides what a failed move means).
    """
    source, target = Path(source), Path(target)
    try:
        os.replace(source, target)
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise
        temporary = temporary_path(target)
        try:
            shutil.copy2(source, temporary)
            if durable:
                with open(temporary, "rb") as handle:
                    os.fsync(handle.fileno())
            os.replace(temporary, target)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        if durable:
            fsync_folder(target.parent)
        source.unlink()
        if durable:
            fsync_folder(source.parent)
        return
    if durable:
        fsync_folder(target.parent)
        if source.parent != target.parent:
            fsync_folder(source.parent)


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; a no-op where folders cannot be opened)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Delete ``.NAME.PID.tmp`` files in ``folder`` whose process is gone; return them."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMPORARY.match(entry.name)
        if not match or not entry.is_file(follow_symlinks=False):
            continue
        pid = int(match.group(1))
        if pid == os.getpid() or _alive(pid):
            continue
        try:
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def _alive(pid: int) -> bool:
    if os.name != "posix":
        return True  # no harmless liveness probe (os.kill would terminate it): keep the file
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    except OSError:
        return False
    return True
