"""The served app over raw sockets, as clients send it: a client that goes mid-body, a body that never
comes, a body far over the limit (round 8's probe, #14 and #25).

Each test serves the workspace as ``hubplan serve`` does (uvicorn with :mod:`hubplan.web.protocol`).
"""

from __future__ import annotations

import json
import logging
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from hubplan.web.guard import Limits
from tests.web.conftest import serving

HEAD = "POST /api/evaluate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"


def _port(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


def _answer(sock: socket.socket) -> tuple[int, dict[str, str], dict]:  # type: ignore[type-arg]
    """Read one answer: its status, headers (lower-case names) and JSON body."""
    got = b""
    while b"\r\n\r\n" not in got or len(got.partition(b"\r\n\r\n")[2]) < _length(got):
        chunk = sock.recv(65536)
        if not chunk:
            break
        got += chunk
    head, _, body = got.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.lower().split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), headers, json.loads(body)


def _length(got: bytes) -> int:
    for line in got.partition(b"\r\n\r\n")[0].split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return int(line.split(b":")[1])
    return 0


def _one_shape(status: int, headers: dict[str, str], body: dict, expected: int) -> str:  # type: ignore[type-arg]
    assert status == expected, body
    assert set(body) == {"ok", "error", "details"}
    assert body["ok"] is False
    assert headers["x-content-type-options"] == "nosniff"
    assert "default-src" in headers["content-security-policy"]
    assert headers["connection"] == "close"
    return str(body["error"])


@pytest.fixture
def server_log() -> Iterator[list[logging.LogRecord]]:
    """What the server logs (uvicorn's error log, where tracebacks of the app go)."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.DEBUG)
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("uvicorn.error")
    logger.addHandler(handler)
    yield records
    logger.removeHandler(handler)


def test_a_client_gone_mid_body_leaves_no_traceback(server: str, server_log: list[logging.LogRecord]) -> None:
    """#14: ``Content-Length: 100``, two bytes, then gone: each such request logged ~60 lines of
    ``ClientDisconnect`` traceback as "Exception in ASGI application"."""
    for _ in range(3):
        with socket.create_connection(("127.0.0.1", _port(server))) as sock:
            sock.sendall(f"{HEAD}Content-Length: 100\r\n\r\n{{}}".encode())
            time.sleep(0.2)  # the app is reading the body when the client goes
    with socket.create_connection(("127.0.0.1", _port(server))) as sock:
        sock.sendall(
            f"{HEAD}Content-Length: 21\r\nConnection: close\r\n\r\n".encode() + b'{"bases":["cc-holt"]}'
        )
        assert _answer(sock)[0] == 200  # the server carries on
    time.sleep(0.5)
    assert [r.getMessage() for r in server_log if r.levelno >= logging.WARNING] == []
    assert not any(r.exc_info for r in server_log)


def test_a_body_that_does_not_come_is_a_408(workspace: Path) -> None:
    """#14: the server waited for a promised body with no limit (a slowloris holds a worker for ever)."""
    with (
        serving(workspace, Limits(body_seconds=1.0)) as url,
        socket.create_connection(("127.0.0.1", _port(url)), timeout=20) as sock,
    ):
        started = time.monotonic()
        sock.sendall(f"{HEAD}Content-Length: 100\r\n\r\n{{}}".encode())
        error = _one_shape(*_answer(sock), expected=408)
        assert 0.9 < time.monotonic() - started < 10
    assert error == "the request body did not all arrive within 1 s: send it at once"


def test_a_body_that_comes_in_time_is_read(workspace: Path) -> None:
    with (
        serving(workspace, Limits(body_seconds=2.0)) as url,
        socket.create_connection(("127.0.0.1", _port(url)), timeout=20) as sock,
    ):
        body = b'{"bases":["cc-holt"]}'
        sock.sendall(f"{HEAD}Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode() + body[:5])
        time.sleep(1.0)
        sock.sendall(body[5:])
        status, _, answer = _answer(sock)
    assert status == 200, answer


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_a_50_mb_body_gets_a_413_not_a_reset(server: str, *, chunked: bool) -> None:
    """#25: the client sends its whole body before reading; the server answered 413 and closed at once,
    so the client saw "connection reset" (its unread bytes) and never the answer."""
    body = b'{"bases":["' + b"a" * 50_000_000 + b'"]}'
    if chunked:
        framing = "Transfer-Encoding: chunked"
        body = (
            b"".join(
                f"{len(part):x}\r\n".encode() + part + b"\r\n"
                for part in (body[i : i + 1_000_000] for i in range(0, len(body), 1_000_000))
            )
            + b"0\r\n\r\n"
        )
    else:
        framing = f"Content-Length: {len(body)}"
    with socket.create_connection(("127.0.0.1", _port(server)), timeout=60) as sock:
        sock.sendall(f"{HEAD}{framing}\r\nConnection: close\r\n\r\n".encode() + body)
        error = _one_shape(*_answer(sock), expected=413)
    assert error == "the request body is over 1,000,000 bytes"
