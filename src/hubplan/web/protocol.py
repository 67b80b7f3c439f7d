"""The HTTP protocol the server speaks: uvicorn's h11 one, with hubplan's error shape on a malformed request.

uvicorn answers a request it cannot parse (a bad request line, a header with no colon) itself, before
any ASGI middleware sees it, with a bare text 400. This protocol gives that answer the app's one JSON
error shape and the security headers every other answer carries.

It also closes a connection gently when a body is refused while the client is still sending it (413
for a body over the limit, 408 for one too slow): the rest of the body is read and dropped for up to
:data:`LINGER_SECONDS` before the connection closes. Closed at once, the kernel would answer the
client's unread bytes with a reset, and a client still writing its body would see "connection reset"
instead of the JSON answer already sent to it (the lingering close of RFC 9112, section 9.6).
"""

from __future__ import annotations

import asyncio
from typing import Any, cast

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from hubplan.web.guard import error_body, security_headers
from hubplan.web.jobs import STOP_GRACE_SECONDS

LINGER_SECONDS = 10.0
"""How long a connection whose answer is sent keeps reading (and dropping) the rest of a refused body
before it closes (seconds); it closes sooner when the client does."""


class _LingeringTransport:
    """A connection's transport whose ``close`` lets a client still sending its body read the answer."""

    def __init__(self, transport: asyncio.Transport, protocol: GuardedH11Protocol) -> None:
        self._transport = transport
        self._protocol = protocol

    def close(self) -> None:
        """Close now, or once the client stops sending (see :meth:`GuardedH11Protocol.close_gently`)."""
        self._protocol.close_gently()

    def is_closing(self) -> bool:
        """Say whether the connection is closing, lingering included."""
        return self._protocol.lingering or self._transport.is_closing()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, with the app's error shape on its own 400 and a lingering close.

    Its 400 for a request it cannot parse carries the security headers; a connection closed while the
    client still sends a refused body reads and drops the rest first (:data:`LINGER_SECONDS`).
    """

    lingering = False
    """Whether the answer is sent and the rest of the client's body is being read and dropped."""
    _stopping = False
    _real: asyncio.Transport
    _linger: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Start a connection, its transport wrapped so that closing it lingers while the client sends."""
        self._real = transport
        super().connection_made(cast(asyncio.Transport, _LingeringTransport(transport, self)))

    def close_gently(self) -> None:
        """Close the connection; if the client is still sending a body, first read and drop the rest.

        The reading ends when the client closes its side or after :data:`LINGER_SECONDS`.
        """
        if self.lingering:
            return
        answered = self.conn.our_state in (h11.DONE, h11.MUST_CLOSE, h11.CLOSED)
        if self._stopping or not answered or self.conn.their_state is not h11.SEND_BODY:
            self._real.close()
            return
        self.lingering = True
        self.flow.resume_reading()
        self._real.resume_reading()
        self._linger = self.loop.call_later(LINGER_SECONDS, self._real.close)

    def data_received(self, data: bytes) -> None:
        """Read what the client sent; the rest of a refused body is dropped unread."""
        if not self.lingering:
            super().data_received(data)

    def connection_lost(self, exc: Exception | None) -> None:
        """Forget the connection (and stop lingering)."""
        if self._linger is not None:
            self._linger.cancel()
        super().connection_lost(exc)

    def shutdown(self) -> None:
        """Close at once when the server stops, lingering or not."""
        self._stopping = True
        if self.lingering:
            self._real.close()
            return
        super().shutdown()

    def send_400_response(self, msg: str) -> None:
        """Answer a request that could not be parsed, then close the connection.

        Parameters
        ----------
        msg
            uvicorn's words for what was wrong (e.g. "Invalid HTTP request received.").
        """
        body = error_body(f"the request could not be read: {msg}")
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode("ascii")),
            (b"connection", b"close"),
            *security_headers("/"),
        ]
        self.transport.write(
            self.conn.send(h11.Response(status_code=400, headers=headers, reason=b"Bad Request"))
        )
        self.transport.write(self.conn.send(h11.Data(data=body)))
        self.transport.write(self.conn.send(h11.EndOfMessage()))
        self.transport.close()


def server_options() -> dict[str, object]:
    """Return the uvicorn settings ``hubplan serve`` runs with (and the tests serve with).

    Returns
    -------
    dict
        Keyword arguments for ``uvicorn.run`` / ``uvicorn.Config``: this protocol; idle connections
        kept 75 s, longer than the 60 s proxies and clients commonly assume (with uvicorn's 5 s, a
        client reusing a connection just as the server closes it sees a reset); and requests in flight
        when the server stops given :data:`~hubplan.web.jobs.STOP_GRACE_SECONDS`.
    """
    return {
        "http": GuardedH11Protocol,
        "timeout_keep_alive": 75,
        "timeout_graceful_shutdown": max(1, round(STOP_GRACE_SECONDS)),
        "log_level": "warning",
    }
