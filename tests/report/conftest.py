"""Debian's Chromium for the report's browser tests, launched as the web tests launch it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}
