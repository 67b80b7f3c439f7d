"""Suite-wide rules: in CI (``CI=true``) a skipped test is a failure.

Skips exist for a clone without ``../shared`` (the OR-Library instances, and the real open data that
``make data`` builds the England tables and the Norfolk workspace from) or a machine without Debian's
chromium or pdftotext. CI always has all of them, because ``make test`` builds and installs them, so
a skip there means something the suite should have checked was silently not checked.

A test that stops on :class:`~hubplan.data.shared_data.DataMissingError` (raised, or printed by the CLI
into a failed assertion) is reported as skipped with that error's message (what is missing and how to
build it), rather than as a traceback.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from hubplan.data.shared_data import MISSING_LEAD

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# The CLI's tables are as wide as COLUMNS says (hubplan.cli.common.stdout_console, read when it is
# imported): tests read them at the width a pipe gets without it, whatever the terminal running them.
os.environ.pop("COLUMNS", None)
# numba reads its cache folder when first imported, whichever test imports it first: the user's cache,
# as the command line sets it, never the package's __pycache__ (probe 34 F2).
from hubplan.environment import keep_library_caches_in_user_cache  # noqa: E402

keep_library_caches_in_user_cache()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Skip a test the missing shared data stops; turn a skip into a failure in CI (xfails left alone)."""
    report: pytest.TestReport = yield
    text = str(call.excinfo.value) if call.excinfo is not None else ""
    if report.failed and call.excinfo is not None and MISSING_LEAD in text:
        # DataMissingError itself, or the CLI's printing of it inside a failed assertion.
        report.outcome = "skipped"
        report.longrepr = (
            str(item.path),
            item.location[1] or 0,
            f"Skipped: {text[text.index(MISSING_LEAD) :]}",
        )
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where nothing may be skipped: {reason}"
    return report
