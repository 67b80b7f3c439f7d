"""Where hubplan's real open data comes from, and the clear error when it has not been built.

The England tables and the bundled Norfolk workspace's real-data files are not kept in git: ``make
data`` builds them into the package (ignored files) from the project's shared data folder, which is
``../shared/data`` beside the repository or the folder named by ``HUBPLAN_SHARED_DATA``. An installed
hubplan without them can still read the England tables straight from that folder when the variable
is set. Without either, every command that needs them stops with :class:`DataMissingError`, whose
message says what is missing and how to get it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from hubplan.errors import HubplanError

ENV_VAR = "HUBPLAN_SHARED_DATA"
"""The environment variable naming the shared data folder (default: ``../shared/data`` at build time)."""

MISSING_LEAD = "hubplan's real open data is not built"
"""The first words of :class:`DataMissingError`'s message, as the CLI prints it."""


class DataMissingError(HubplanError):
    """The real open data hubplan is built from is not there (a clone without the shared data).

    Parameters
    ----------
    missing
        The files looked for and not found, as paths the user can check.
    """

    def __init__(self, missing: Iterable[str]) -> None:
        self.missing = list(missing)
        lines = "\n".join(f"  - {m}" for m in self.missing)
        super().__init__(
            f"{MISSING_LEAD}; missing:\n"
            f"{lines}\n"
            "It is built from the project's shared data folder (../shared/data beside the repository, "
            f"or the folder named by {ENV_VAR}) by `make data`, which `make demo` and `make test` run "
            "first. docs/data.md lists every file and its source."
        )


def shared_data_folder() -> Path | None:
    """Return the folder named by ``HUBPLAN_SHARED_DATA``, or ``None`` when the variable is unset or empty.

    Returns
    -------
    Path or None
        The folder as given (it may not exist; callers check the files they need).
    """
    value = os.environ.get(ENV_VAR, "").strip()
    return Path(value).expanduser() if value else None
