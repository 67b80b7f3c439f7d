"""Write files so a reader never sees half of one and a failure leaves the old file as it was."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def write_atomically(path: Path, write: Callable[[BinaryIO], None]) -> Path:
    """Write ``path`` through a temporary file in the same folder, then move it into place.

    Parameters
    ----------
    path
        The file to write (its folder is made if missing).
    write
        Writes the contents to the open binary handle it is given.

    Returns
    -------
    Path
        ``path``, readable by everyone (mode 644), as a file that is shared should be.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def write_bytes_atomically(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically (see :func:`write_atomically`)."""

    def write(handle: BinaryIO) -> None:
        handle.write(data)

    return write_atomically(path, write)
