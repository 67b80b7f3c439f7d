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

NUMBA_CACHE_VARIABLE = "NUMBA_CACHE_DIR"
"""Where numba keeps its compiled kernels; by default the ``__pycache__`` beside the package's source."""


def user_cache_folder() -> Path:
    """Return hubplan's folder in the user's cache: ``$XDG_CACHE_HOME/hubplan`` or ``~/.cache/hubplan``.

    Returns
    -------
    Path
        The folder (not made here); ``$TMPDIR/hubplan-<uid>`` only where there is no home folder at all.
    """
    try:
        home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    except RuntimeError:  # no HOME and a user id the password file lacks (some containers)
        import tempfile

        home = Path(tempfile.gettempdir()) / f"hubplan-{os.getuid() if hasattr(os, 'getuid') else 'user'}"
    return home / "hubplan"


def keep_library_caches_in_user_cache() -> Path:
    """Point torch's and numba's caches at hubplan's folder in the user's cache, unless the user set them.

    With the ``themes`` extra installed, Presidio imports transformers, which imports torch, which makes
    ``$TMPDIR/torchinductor_<user>`` at import: a folder written outside anything the user named, on
    every command that redacts. Presidio's device check (which would import torch again to look for a
    GPU) is set to the CPU, where spaCy's small pipeline runs anyway. numba (the heuristic's compiled
    kernels, ``cache=True``) would write its ``.nbi`` and ``.nbc`` files into the installed package's
    ``optimise/__pycache__``; it reads ``NUMBA_CACHE_DIR`` when first imported, so this runs before any
    command imports it.

    Returns
    -------
    Path
        The cache folder torch will use (``$XDG_CACHE_HOME/hubplan/torch`` or ``~/.cache/hubplan/torch``;
        in the temporary folder only where there is no home folder at all); numba's is ``numba`` beside it.
    """
    base = user_cache_folder()
    os.environ.setdefault(TORCH_CACHE_VARIABLE, str(base / "torch"))
    os.environ.setdefault(NUMBA_CACHE_VARIABLE, str(base / "numba"))
    os.environ.setdefault("PRESIDIO_DEVICE", "cpu")
    return Path(os.environ[TORCH_CACHE_VARIABLE])
