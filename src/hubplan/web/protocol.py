"""The HTTP protocol the server speaks: uvicorn's h11 one, with hubplan's error shape on a malformed request.

uvicorn answers a request it cannot parse (a bad request line, a header with no colon) itself, before
any ASGI middleware sees it, with a bare text 400. This protocol gives that answer the app's one JSON
error shape and the security headers every other answer carries.
"""

from __future__ import annotations

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from hubplan.web.guard import error_body, security_headers
from hubplan.web.jobs import STOP_GRACE_SECONDS


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol whose own 400 has the app's error shape and security headers."""

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
