"""The ``hubplan`` command: one typer app over the whole pipeline; each module adds its commands.

``main`` starts fast: it lists commands without importing them (:mod:`hubplan.cli.lazy`). ``app``
(the full typer app, for tests and embedding) imports every command module when first asked for.
"""

from __future__ import annotations

import importlib
import io
import os
import sys
from typing import Any

from hubplan.cli.lazy import COMMANDS, run

__all__ = ["app", "main"]


def main() -> None:
    """Run the command line (the ``hubplan`` entry point)."""
    from hubplan.environment import keep_library_caches_in_user_cache

    keep_library_caches_in_user_cache()
    check_standard_streams()
    run(sys.argv[1:])


CLOSED_STDOUT = "cannot write to standard output: it is closed (run with >file instead)"
"""What a command started with standard output closed says on stderr."""


def check_standard_streams() -> None:
    """Exit 1 when standard output is closed; write what a console cannot show as replacement characters.

    Started with stdout closed (``>&-``, as some schedulers do), Python sets ``sys.stdout`` to
    ``None`` and every result would vanish with exit code 0, as on ``/dev/full`` it does not; the next
    file opened would even take its place. A console whose encoding lacks '£' (``PYTHONIOENCODING=ascii``,
    a cp437 pipe) gets '?' in its place instead of a traceback.

    Raises
    ------
    SystemExit
        With code 1 when standard output is closed.
    """
    if sys.stdout is None or not _is_open(1):
        if sys.stderr is not None:
            sys.stderr.write(f"error: {CLOSED_STDOUT}\n")
            sys.stderr.flush()
        raise SystemExit(1)
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors="replace")


def _is_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def __getattr__(name: str) -> Any:
    if name == "app":
        for module in dict.fromkeys(module for module, _ in COMMANDS.values()):
            importlib.import_module(f"hubplan.cli.{module}")
        from hubplan.cli.common import app

        return app
    msg = f"module 'hubplan.cli' has no attribute {name!r}"
    raise AttributeError(msg)
