"""ASGI middleware that guards the app: trusted hosts, request size limits, security headers on every answer.

A request naming a ``Host`` the server does not answer to is refused (400) before the app sees it: a web
page an attacker serves could otherwise point its own name at 127.0.0.1 (DNS rebinding) and read the
local map's data from a visitor's browser. So is a request line with an HTTP version other than 1.0 or
1.1 (505): h11 reads ``GET / HTTP/7.0`` without a word.

Both are plain ASGI (no buffering): a body is counted as it streams in and refused (413) as soon as it
passes the limit, whatever its ``Content-Length`` claims, and refused (408) when it has not all come
within ``Limits.body_seconds`` (a client trickling a byte at a time holds no worker for long); a query
string over the limit is refused (414) before the app sees it, and so is one that gives a parameter
twice (400). Refusals take the app's one JSON error shape and close the connection.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from limits import parse_many
from starlette.exceptions import HTTPException

from hubplan.errors import ParameterError

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


@dataclass(frozen=True)
class Limits:
    """How much one request may ask of the server.

    Parameters
    ----------
    max_body_bytes
        The largest request body (bytes).
    max_query_bytes
        The longest query string (bytes).
    report_workers
        Reports made at once (threads).
    report_queue
        Reports waiting or running at once; more are refused with 429.
    rate_limit
        Requests per client, in the ``limits`` library's notation (e.g. ``"1200/minute"``); ``""`` for none.
    report_keep_chars
        The most characters of finished reports' HTML the store keeps, together (the newest first).
    report_keep_seconds
        How long a finished report is kept (seconds).
    wait_seconds
        How long a request waits for a queued report or analysis before answering 202 with the job's
        poll URL (seconds); no request holds a worker longer.
    body_seconds
        How long a request's body may take to arrive, from the end of its headers (seconds); then 408.
    """

    max_body_bytes: int = 1_000_000
    max_query_bytes: int = 16_384
    report_workers: int = 1
    report_queue: int = 8
    rate_limit: str = "1200/minute"
    report_keep_chars: int = 50_000_000
    report_keep_seconds: int = 86_400
    wait_seconds: float = 20.0
    body_seconds: float = 30.0

    def __post_init__(self) -> None:
        """Refuse a rate limit the ``limits`` library cannot read (slowapi would fail every request).

        Raises
        ------
        ParameterError
            When ``rate_limit`` is neither empty nor in the ``limits`` library's notation.
        """
        if not self.rate_limit:
            return
        try:
            parse_many(self.rate_limit)
        except ValueError:
            raise ParameterError(
                "rate_limit",
                expected="requests per client such as 1200/minute, 20/second or 100 per hour",
                hint="an empty value sets no limit",
                found=self.rate_limit,
            ) from None


CLOSE = {"Connection": "close"}
"""A refused body's answer closes the connection: the rest of the body is not read as a next request."""


class BodyTooLarge(HTTPException):
    """A request body passed the limit while it streamed in (an HTTP error, so the app answers 413)."""

    def __init__(self, message: str) -> None:
        super().__init__(413, message, headers=CLOSE)


class BodyTooSlow(HTTPException):
    """A request body did not all arrive in time (an HTTP error, so the app answers 408)."""

    def __init__(self, message: str) -> None:
        super().__init__(408, message, headers=CLOSE)


def error_body(message: str) -> bytes:
    """Return the app's one error shape as JSON bytes: ``{"ok": false, "error": message, "details": []}``.

    Parameters
    ----------
    message
        What went wrong, in words.

    Returns
    -------
    bytes
        The UTF-8 JSON body.
    """
    return json.dumps({"ok": False, "error": message, "details": []}).encode("utf-8")


async def _refuse(send: Send, status: int, message: str) -> None:
    body = error_body(message)
    await send({
        "type": "http.response.start", "status": status,
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close")],
    })  # fmt: skip
    await send({"type": "http.response.body", "body": body})


def _repeated_parameter(query: bytes) -> str | None:
    """Return the first query parameter given more than once, or ``None``."""
    seen: set[str] = set()
    for name, _ in parse_qsl(query.decode("latin-1"), keep_blank_values=True):
        if name in seen:
            return name[:100]
        seen.add(name)
    return None


LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")
"""The names this machine always answers to, whatever address it serves."""

WILDCARD_ADDRESSES = ("0.0.0.0", "::", "")
"""Addresses that serve every interface: a request may then name any of this machine's IP addresses."""


def _host_name(value: str) -> str:
    """Return the host of a ``Host`` header, lower case, without its port or a final dot.

    ``"Example.org:8000"`` -> ``"example.org"``, ``"[::1]:8000"`` -> ``"[::1]"``, ``"::1"`` -> ``"[::1]"``.
    """
    value = value.strip().lower()
    if value.startswith("["):
        return value[: value.find("]") + 1] if "]" in value else value
    if value.count(":") > 1:  # a bare IPv6 address
        return f"[{value}]"
    return value.partition(":")[0].rstrip(".")


def _is_ip_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class TrustedHosts:
    """The ``Host`` names the server answers to.

    Parameters
    ----------
    names
        Host names or addresses, without ports (``"localhost"``, ``"127.0.0.1"``, ``"[::1]"``,
        ``"maps.example.org"``); ``"*"`` for any.
    any_ip_address
        Whether any IP address is answered too (the server listens on every interface): DNS rebinding
        needs a name, never an address.
    """

    names: tuple[str, ...] = LOOPBACK_HOSTS
    any_ip_address: bool = False

    @classmethod
    def served(cls, address: str, *, also: Iterable[str] = ()) -> TrustedHosts:
        """Return the hosts a server listening on ``address`` answers to.

        They are that address, this machine's loopback names, and ``also``.

        Parameters
        ----------
        address
            The address listened on (``--host``); a wildcard (``0.0.0.0``, ``::``) lets any IP address in.
        also
            Further host names (``--allowed-host``), e.g. the name a proxy forwards; ``"*"`` for any.

        Returns
        -------
        TrustedHosts
            The names.
        """
        wildcard = address.strip() in WILDCARD_ADDRESSES
        names = [*LOOPBACK_HOSTS, *([] if wildcard else [_host_name(address)]), *map(_host_name, also)]
        return cls(names=tuple(dict.fromkeys(n for n in names if n)), any_ip_address=wildcard)

    def allows(self, host: str) -> bool:
        """Say whether a request naming ``host`` (a ``Host`` header's value, port and all) is answered.

        Parameters
        ----------
        host
            The header's value.

        Returns
        -------
        bool
            Whether the host is one of :attr:`names` (or an IP address, where any is answered).
        """
        name = _host_name(host)
        return "*" in self.names or name in self.names or (self.any_ip_address and _is_ip_address(name))


HTTP_VERSIONS = ("1.0", "1.1", "2", "2.0")
"""The HTTP versions answered; h11 hands on any ``HTTP/d.d`` it reads."""


class TrustedRequests:
    """Refuse a request in an HTTP version not spoken (505), or naming a host not served (400)."""

    def __init__(self, app: ASGIApp, *, hosts: TrustedHosts | None) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the request's HTTP version and ``Host``, then pass it on."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        version = str(scope.get("http_version", "1.1"))
        if version not in HTTP_VERSIONS:
            await _refuse(send, 505, f"HTTP/{version[:10]} is not spoken here: send HTTP/1.1 (or 1.0)")
            return
        host = next((v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"host"), None)
        # No Host at all is an HTTP/1.0 client (h11 refuses an HTTP/1.1 request without one): no browser.
        if self.hosts is not None and host is not None and not self.hosts.allows(host):
            answered = ", ".join(self.hosts.names)
            message = (
                f"the Host header {host[:100]!r} is not a name this server answers to ({answered}): "
                "a page elsewhere may be trying to read this map through your browser; to serve under "
                "that name, start it with `hubplan serve --allowed-host NAME`"
            )
            await _refuse(send, 400, message)
            return
        await self.app(scope, receive, send)


class SizeLimits:
    """Refuse bodies over ``max_body_bytes`` (413) or slower than ``body_seconds`` (408), long queries (414).

    A query string over ``max_query_bytes`` is refused with 414. A query parameter given twice is
    refused too (400): the app would read only its last value.
    """

    def __init__(self, app: ASGIApp, *, limits: Limits) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the request's size, then pass it on."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limits.max_body_bytes
        if len(scope.get("query_string", b"")) > self.limits.max_query_bytes:
            await _refuse(send, 414, f"the query string is over {self.limits.max_query_bytes:,} bytes")
            return
        if repeated := _repeated_parameter(scope.get("query_string", b"")):
            # ?bases=a&bases=b would be read as bases=b alone: a plan silently missing a base
            message = f"the query parameter {repeated!r} is given more than once: give it once"
            await _refuse(send, 400, message)
            return
        too_large = f"the request body is over {limit:,} bytes"
        for name, value in scope.get("headers", []):
            if name == b"content-length" and (not value.isdigit() or int(value) > limit):
                await _refuse(send, 413, too_large)
                return
        seen = 0
        started = False
        body_done = False
        deadline: float | None = None
        seconds = self.limits.body_seconds
        too_slow = f"the request body did not all arrive within {seconds:g} s: send it at once"

        async def counted() -> Message:
            nonlocal seen, body_done, deadline
            if body_done:  # later reads wait for the client to go, for as long as an answer streams
                return await receive()
            loop = asyncio.get_running_loop()
            deadline = deadline or loop.time() + self.limits.body_seconds
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - loop.time()))
            except TimeoutError:
                raise BodyTooSlow(too_slow) from None
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(too_large)
                body_done = not message.get("more_body", False)
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except (BodyTooLarge, BodyTooSlow) as exc:
            if not started:
                await _refuse(send, exc.status_code, exc.detail)


DOCUMENT_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)
"""The policy for the self-contained documents served (the report, a centre's page): their own inline
styles and SVG, and nothing else at all, no script in particular."""

DOCUMENT_PATHS = ("/centres/", "/api/report", "/docs")
"""Paths that answer with a self-contained document (:data:`DOCUMENT_POLICY`); ``/docs`` is the API's
reference, a plain page made by the app itself (no Swagger UI, nothing from a CDN)."""


def content_security_policy(*, tile_url: str | None = None) -> str:
    """Return the Content-Security-Policy: the app's own files only (and the map's tiles, if any).

    Parameters
    ----------
    tile_url
        The tile layer's URL template from hubplan.toml (http or https only); its origin may serve
        images.

    Returns
    -------
    str
        The header's value.
    """
    images = "'self' data:"
    if tile_url:
        parts = urlsplit(tile_url.replace("{s}", "a"))
        # The host as a browser reaches it: never a user name before '@' (settings refuse one too).
        host = (parts.hostname or "") + (f":{parts.port}" if parts.port else "")
        host = host.replace("a.", "*.", 1) if "{s}" in tile_url else host
        images += f" {parts.scheme}://{host}"
    return (
        f"default-src 'self'; script-src 'self'; style-src 'self'; img-src {images}; connect-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )


COMMON_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
"""The headers every answer carries, besides its Content-Security-Policy."""


def security_headers(path: str, *, tile_url: str | None = None) -> list[tuple[bytes, bytes]]:
    """Return the security headers for an answer to ``path``: its policy and :data:`COMMON_HEADERS`.

    Parameters
    ----------
    path
        The request's path.
    tile_url
        The map's tile URL template, if any.

    Returns
    -------
    list of tuple
        (name, value) pairs as ASGI sends them.
    """
    policy = (
        DOCUMENT_POLICY if path.startswith(DOCUMENT_PATHS) else content_security_policy(tile_url=tile_url)
    )
    return [(b"content-security-policy", policy.encode()), *COMMON_HEADERS]


class HeadAsGet:
    """Answer ``HEAD`` as ``GET`` is answered, without the body (HTTP requires HEAD wherever GET is).

    FastAPI routes take only the methods they name, so a ``HEAD`` for a page or a download (link
    checkers, ``curl -I``, proxies) would otherwise get 405.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass a HEAD request on as GET and drop the body of its answer."""
        if scope["type"] != "http" or scope.get("method") != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] != "http.response.body":
                await send(message)
            elif not message.get("more_body", False):
                await send({"type": "http.response.body", "body": b"", "more_body": False})

        await self.app({**scope, "method": "GET"}, receive, headers_only)


class SecurityHeaders:
    """Add the Content-Security-Policy and the usual security headers to every answer."""

    def __init__(self, app: ASGIApp, *, tile_url: str | None = None) -> None:
        self.app = app
        self.tile_url = tile_url

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on and add the headers to its answer."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = security_headers(str(scope.get("path", "")), tile_url=self.tile_url)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in extra}
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message["headers"] = [*kept, *extra]
            await send(message)

        await self.app(scope, receive, with_headers)
