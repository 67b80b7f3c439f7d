"""Suite-wide rules: in CI (``CI=true``) a skipped test is a failure.

Skips exist for a clone without ``../shared`` (the OR-Library instances) or a machine without
Debian's chromium or pdftotext. CI always has all of them, because ``make test`` installs them, so
a skip there means something the suite should have checked was silently not checked.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Turn a skip into a failure when running in CI (expected failures are left alone)."""
    report: pytest.TestReport = yield
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where nothing may be skipped: {reason}"
    return report
