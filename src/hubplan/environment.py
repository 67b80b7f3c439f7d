"""The process environment's settings, read only at the edges: the CLI (``hubplan.cli``) and the web app.

Library code never reads the environment: the edges read it here and pass what they found down
explicitly (a store's URL to :func:`hubplan.analysis.analyse`, :class:`hubplan.web.state.State`...).
A test holds every other module to that (``tests/test_environment.py``).
"""

from __future__ import annotations

import os

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
