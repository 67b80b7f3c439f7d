"""The one error shape every answer of the web app takes, and the handlers that give it."""

# No ``from __future__ import annotations``: FastAPI reads the handlers' annotations at run time.
import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from slowapi.errors import RateLimitExceeded
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from hubplan.errors import HubplanError, InputError, ParameterError
from hubplan.store import ConflictError
from hubplan.web.guard import security_headers
from hubplan.web.jobs import QueueFull
from hubplan.web.state import PlanRejected

BAD_FORM = "the request is not in the expected form"

_log = logging.getLogger(__name__)


def error(
    status: int, message: str, details: list[Any] | None = None, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    """Return the one error shape every API error takes: ``{"ok": false, "error": ..., "details": [...]}``.

    Parameters
    ----------
    status
        The HTTP status.
    message
        One sentence saying what is wrong.
    details
        The particular problems (fields, rows), if any.
    headers
        Extra headers (``Retry-After``, ``WWW-Authenticate``).

    Returns
    -------
    JSONResponse
        The answer.
    """
    body = {"ok": False, "error": message, "details": details or []}
    return JSONResponse(body, status_code=status, headers=headers)


def _problem(found: Mapping[str, Any]) -> str:
    """Return one validation error as "where: what", e.g. ``body.titel: an unknown key ...``."""
    where = ".".join(str(x) for x in found["loc"])
    if found.get("type") == "extra_forbidden":
        return f"{where}: an unknown key (check its spelling; /docs lists the keys each request takes)"
    return f"{where}: {str(found['msg']).removeprefix('Value error, ')}"


def install_error_handlers(app: FastAPI, *, tile_url: str | None) -> None:
    """Answer every error raised in ``app`` in the one shape (see :func:`error`).

    Parameters
    ----------
    app
        The app.
    tile_url
        The map's tile server (the security headers of a 500 name it).
    """

    @app.exception_handler(PlanRejected)
    async def rejected(_: Request, exc: PlanRejected) -> JSONResponse:
        return error(422, BAD_FORM, exc.details)

    @app.exception_handler(ConflictError)
    async def conflict(_: Request, exc: ConflictError) -> JSONResponse:
        return error(409, str(exc))

    @app.exception_handler(QueueFull)
    async def full(_: Request, exc: QueueFull) -> JSONResponse:
        return error(429, str(exc), headers={"Retry-After": "30"})

    @app.exception_handler(RateLimitExceeded)
    async def throttled(_: Request, exc: RateLimitExceeded) -> JSONResponse:
        message = f"too many requests from this address ({exc.detail}): slow down"
        return error(429, message, headers={"Retry-After": "60"})

    @app.exception_handler(ParameterError)
    async def bad_parameter(_: Request, exc: ParameterError) -> JSONResponse:
        # A value the library cannot use for one of its parameters: the request is understood but
        # cannot be processed (422), each part of the mistake one detail.
        details = [f"parameter: {exc.parameter}", f"expected: {exc.expected}", f"found: {exc.found}"]
        return error(422, str(exc), [*details, *([f"hint: {exc.hint}"] if exc.hint else [])])

    @app.exception_handler(HubplanError)
    async def hubplan_error(_: Request, exc: HubplanError) -> JSONResponse:
        details = [str(p) for p in exc.problems] if isinstance(exc, InputError) else []
        message = exc.summary if isinstance(exc, InputError) else str(exc)
        return error(400, message, details)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return error(422, BAD_FORM, [_problem(e) for e in exc.errors()])

    @app.exception_handler(ClientDisconnect)
    async def gone(request: Request, _: ClientDisconnect) -> Response:
        # The client went away before sending its whole body: a normal end, not a bug (no traceback).
        # Nobody is left to answer; one line at INFO, which `hubplan serve` does not show by default.
        _log.info("%s %s: the client went before sending its whole body", request.method, request.url.path)
        return Response(status_code=400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return error(exc.status_code, str(exc.detail), headers=exc.headers)

    @app.exception_handler(Exception)
    async def bug(request: Request, _: Exception) -> JSONResponse:
        # Answered outside every middleware, so the security headers are added here.
        headers = {k.decode(): v.decode() for k, v in security_headers(request.url.path, tile_url=tile_url)}
        message = "something went wrong inside hubplan (a bug): the server's log has the details"
        return error(500, message, headers=headers)
