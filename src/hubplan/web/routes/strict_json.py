"""Routes whose JSON bodies give each key once: ``{"bases": [...], "bases": [...]}`` is refused.

Python's JSON reader keeps the last of a repeated key, so a plan sent with ``bases`` twice would be
evaluated on the second list alone, without a word. The route class reads the body once, the way
FastAPI documents custom routes, and answers 422 in the one error shape before the handler runs.
"""

# No ``from __future__ import annotations``: FastAPI reads these annotations at run time.
import json
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute


class _RepeatedKeyError(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _once(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _RepeatedKeyError(key)
        seen[key] = value
    return seen


class StrictJSONRoute(APIRoute):
    """An API route that refuses a JSON body giving any key (at any depth) more than once."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        """Wrap FastAPI's handler with the check (the body is read once and cached by the request)."""
        handle = super().get_route_handler()

        async def checked(request: Request) -> Response:
            body = await request.body()
            # Every body is looked at, whatever its content type says ("APPLICATION/JSON",
            # "application/x+json" or none at all are all read as JSON by FastAPI).
            if body:
                try:
                    json.loads(body, object_pairs_hook=_once)
                except _RepeatedKeyError as exc:
                    message = f"the key {exc.key[:100]!r} is given more than once: give each key once"
                    raise RequestValidationError(
                        [{"loc": ("body",), "msg": message, "type": "value_error"}]
                    ) from None
                except (ValueError, RecursionError):
                    pass  # not JSON at all: FastAPI's own reading says so
            return await handle(request)

        return checked
