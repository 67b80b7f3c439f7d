"""The ``hubplan`` command: one typer app over the whole pipeline; each module adds its commands.

``main`` starts fast: it lists commands without importing them (:mod:`hubplan.cli.lazy`). ``app``
(the full typer app, for tests and embedding) imports every command module when first asked for.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

from hubplan.cli.lazy import COMMANDS, run

__all__ = ["app", "main"]


def main() -> None:
    """Run the command line (the ``hubplan`` entry point)."""
    from hubplan.environment import keep_library_caches_in_user_cache

    keep_library_caches_in_user_cache()
    run(sys.argv[1:])


def __getattr__(name: str) -> Any:
    if name == "app":
        for module in dict.fromkeys(module for module, _ in COMMANDS.values()):
            importlib.import_module(f"hubplan.cli.{module}")
        from hubplan.cli.common import app

        return app
    msg = f"module 'hubplan.cli' has no attribute {name!r}"
    raise AttributeError(msg)
