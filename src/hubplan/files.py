"""Write files so a reader never sees half of one and a failure leaves the old file as it was."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

STAGING_PREFIX = ".staging-"
"""Hidden folders a set of files is written to before each is moved into place (``.staging-PID-*``)."""

TEMP_PREFIX = ".writing-"
"""Hidden files a file is written to before it is moved into place (``.writing-PID-NAME-*.tmp``)."""


def write_atomically(path: Path, write: Callable[[BinaryIO], None], *, replace: bool = True) -> Path:
    """Write ``path`` through a temporary file in the same folder, then move it into place.

    Parameters
    ----------
    path
        The file to write (its folder is made if missing).
    write
        Writes the contents to the open binary handle it is given.
    replace
        Replace a file already at ``path``. When false the file is linked into place only if
        nothing is there, in one step, so of two writers racing for the same name exactly one
        succeeds and the other gets :class:`FileExistsError`.

    Returns
    -------
    Path
        ``path``, readable by everyone (mode 644), as a file that is shared should be.

    Raises
    ------
    FileExistsError
        When ``replace`` is false and ``path`` exists; nothing is written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(path.parent)
    fd, tmp = tempfile.mkstemp(
        dir=path.parent, prefix=f"{TEMP_PREFIX}{os.getpid()}-{path.name}-", suffix=".tmp"
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        _publish(Path(tmp), path, replace=replace)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    return path


def write_bytes_atomically(path: Path, data: bytes, *, replace: bool = True) -> Path:
    """Write ``data`` to ``path`` atomically (see :func:`write_atomically`)."""

    def write(handle: BinaryIO) -> None:
        handle.write(data)

    return write_atomically(path, write, replace=replace)


def write_files_together(files: Sequence[tuple[Path, bytes]], *, replace: bool = False) -> list[Path]:
    """Write several files into one folder as a set: all of them, or none.

    Every file is first written in full to a hidden staging folder beside the targets; only then is
    each moved into place, with interrupts held back (SIGINT, SIGTERM) so a stopped run cannot leave
    part of the set. If a target turns out to exist (and ``replace`` is false) the ones already
    placed are taken back. The staging folder is removed on success, on any error and on an
    interrupt; one left by a killed process (SIGKILL) is removed by the next call.

    Parameters
    ----------
    files
        (path, contents) pairs, all in the same folder.
    replace
        Replace existing files; when false each is placed only if its name is free.

    Returns
    -------
    list of Path
        The files written, in the order given.

    Raises
    ------
    FileExistsError
        When ``replace`` is false and a target exists; then none of the set is left behind.
    ValueError
        When the files are not all in one folder.
    """
    if not files:
        return []
    folder = files[0][0].parent
    if any(path.parent != folder for path, _ in files):
        msg = "files: expected every path in one folder"
        raise ValueError(msg)
    folder.mkdir(parents=True, exist_ok=True)
    remove_stale(folder)
    staging = Path(tempfile.mkdtemp(dir=folder, prefix=f"{STAGING_PREFIX}{os.getpid()}-"))
    placed: list[Path] = []
    try:
        staged = []
        for path, data in files:
            tmp = staging / path.name
            with open(tmp, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o644)
            staged.append((tmp, path))
        with _interrupts_held():
            try:
                for tmp, path in staged:
                    _publish(tmp, path, replace=replace)
                    placed.append(path)
            except BaseException:
                if not replace:
                    for path in placed:
                        with contextlib.suppress(OSError):
                            path.unlink()
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return placed


def remove_stale(folder: Path) -> None:
    """Remove temporary files and staging folders in ``folder`` left by processes that no longer run.

    Parameters
    ----------
    folder
        The folder files are written to.
    """
    for prefix in (STAGING_PREFIX, TEMP_PREFIX):
        for stale in folder.glob(f"{prefix}*"):
            pid = stale.name.removeprefix(prefix).split("-", 1)[0]
            if not pid.isdigit() or _running(int(pid)):
                continue
            if stale.is_dir():
                shutil.rmtree(stale, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    stale.unlink()


def _publish(tmp: Path, path: Path, *, replace: bool) -> None:
    if replace:
        os.replace(tmp, path)
        return
    # A hard link fails if the name is taken, in one step: no window between a check and the write.
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: exclusive creation is still atomic
        with open(path, "xb") as out, open(tmp, "rb") as src:
            shutil.copyfileobj(src, out)
    os.unlink(tmp)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """Hold back SIGINT and SIGTERM in the main thread for the block (they arrive after it)."""
    wanted = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, wanted)
    except (OSError, ValueError):
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
