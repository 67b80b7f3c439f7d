"""The process environment's settings, read only at the edges: the CLI (``hubplan.cli``) and the web app.

Library code never reads the environment: the edges read it here and pass what they found down
explicitly (a store's URL to :func:`hubplan.analysis.analyse`, :class:`hubplan.web.state.State`...).
A test holds every other module to that (``tests/test_environment.py``).
"""

from __future__ import annotations

import os
from pathlib import Path

STORE_URL_VARIABLE = "HUBPLAN_STORE_URL"
"""The environment variable naming the store's database, e.g. ``postgresql://user@host/db``."""


def store_url_from_environment() -> str | None:
    """Return the store's database URL from ``HUBPLAN_STORE_URL``, or ``None`` when it is unset or blank.

    Returns
    -------
    str or None
        The URL as given (``postgresql://`` gets the psycopg 3 driver when the store is opened);
        ``None`` means the workspace's own SQLite file (``hubplan.sqlite``).
    """
    value = os.environ.get(STORE_URL_VARIABLE, "").strip()
    return value or None


TORCH_CACHE_VARIABLE = "TORCHINDUCTOR_CACHE_DIR"
"""Where torch keeps its compile cache; torch makes it on import, in ``/tmp`` unless told otherwise."""


def keep_library_caches_in_user_cache() -> Path:
    """Point torch's compile cache at hubplan's folder in the user's cache, unless the user set one.

    With the ``themes`` extra installed, Presidio imports transformers, which imports torch, which makes
    ``$TMPDIR/torchinductor_<user>`` at import: a folder written outside anything the user named, on
    every command that redacts. Presidio's device check (which would import torch again to look for a
    GPU) is set to the CPU, where spaCy's small pipeline runs anyway.

    Returns
    -------
    Path
        The cache folder torch will use (``$XDG_CACHE_HOME/hubplan/torch`` or ``~/.cache/hubplan/torch``;
        in the temporary folder only where there is no home folder at all).
    """
    try:
        home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    except RuntimeError:  # no HOME and a user id the password file lacks (some containers)
        import tempfile

        home = Path(tempfile.gettempdir()) / f"hubplan-{os.getuid() if hasattr(os, 'getuid') else 'user'}"
    base = home / "hubplan" / "torch"
    os.environ.setdefault(TORCH_CACHE_VARIABLE, str(base))
    os.environ.setdefault("PRESIDIO_DEVICE", "cpu")
    return Path(os.environ[TORCH_CACHE_VARIABLE])
