"""A served copy of the bundled workspace, and Debian's Chromium for the browser tests."""

from __future__ import annotations

import contextlib
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from hubplan.data import write_bundled_workspace
from hubplan.web import create_app
from hubplan.web.auth import Editor
from hubplan.web.guard import Limits
from hubplan.web.protocol import server_options

TOKEN = "officer-token-for-tests"
"""The edit token the served app accepts (as the editor "officer")."""

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return write_bundled_workspace(tmp_path / "norfolk")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def server(workspace: Path) -> Iterator[str]:
    """Serve the workspace on a free loopback port for the length of one test."""
    with serving(workspace, Limits(wait_seconds=600)) as url:
        yield url


@contextlib.contextmanager
def serving(workspace: Path, limits: Limits) -> Iterator[str]:
    """Serve ``workspace`` as ``hubplan serve`` does (its protocol and settings) on a free loopback port.

    Parameters
    ----------
    workspace
        The workspace folder.
    limits
        The app's limits.

    Yields
    ------
    str
        The server's URL, ``http://127.0.0.1:PORT``.
    """
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    started = time.monotonic()
    application = create_app(workspace, editors=(Editor.with_token("officer", TOKEN),), limits=limits)
    config = uvicorn.Config(application, host="127.0.0.1", port=port, **server_options())  # type: ignore[arg-type]
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    while not instance.started:  # a guard against a hang, not a speed check
        time.sleep(0.05)
        if not thread.is_alive() or time.monotonic() - started > 120:
            pytest.fail("hubplan serve did not start (see the log above)")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        instance.should_exit = True
        thread.join(timeout=10)
