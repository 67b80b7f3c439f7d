"""Routes whose JSON bodies are JSON: each key given once, and no ``NaN`` or ``Infinity``.

Python's JSON reader keeps the last of a repeated key, so a plan sent with ``bases`` twice would be
evaluated on the second list alone, without a word; and it reads ``NaN``, ``Infinity`` and
``-Infinity``, which are not JSON (RFC 8259) and which no other JSON reader accepts. The route class
reads the body once, the way FastAPI documents custom routes, and answers 422 in the one error shape
before the handler runs.

An API route (``/api/...``) also refuses a query parameter it does not take (422 naming it), as it
refuses an unknown key in a body: ``/api/here?...&mode=car`` would otherwise be answered for the
default mode without a word.
"""

# No ``from __future__ import annotations``: FastAPI reads these annotations at run time.
import json
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute


class _RepeatedKeyError(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class _NotJSONError(ValueError):
    def __init__(self, literal: str) -> None:
        super().__init__(literal)
        self.literal = literal


def _not_json(literal: str) -> Any:
    raise _NotJSONError(literal)


def _once(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _RepeatedKeyError(key)
        seen[key] = value
    return seen


def _query_parameters(dependant: Dependant) -> set[str]:
    """Return the names of the query parameters a route takes, its dependencies' included."""
    names = {field.alias for field in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_parameters(sub)
    return names


class StrictJSONRoute(APIRoute):
    """An API route that refuses a repeated key or a NaN in its JSON body, or an unknown query parameter.

    A key repeated at any depth is refused; so is, under ``/api/``, a query parameter it does not take.
    """

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        """Wrap FastAPI's handler with the checks (the body is read once and cached by the request)."""
        handle = super().get_route_handler()
        taken = _query_parameters(self.dependant)
        strict_query = self.path.startswith("/api/")

        async def checked(request: Request) -> Response:
            unknown = [name for name in request.query_params if name not in taken] if strict_query else []
            if unknown:
                takes = ", ".join(sorted(taken)) if taken else "none"
                raise RequestValidationError([
                    {"loc": ("query", name[:100]), "type": "value_error",
                     "msg": f"an unknown query parameter (this request takes: {takes}; /docs lists them)"}
                    for name in unknown
                ])  # fmt: skip
            body = await request.body()
            # Every body is looked at, whatever its content type says ("APPLICATION/JSON",
            # "application/x+json" or none at all are all read as JSON by FastAPI).
            if body:
                try:
                    json.loads(body, object_pairs_hook=_once, parse_constant=_not_json)
                except _RepeatedKeyError as exc:
                    message = f"the key {exc.key[:100]!r} is given more than once: give each key once"
                    raise RequestValidationError(
                        [{"loc": ("body",), "msg": message, "type": "value_error"}]
                    ) from None
                except _NotJSONError as exc:
                    message = f"{exc.literal} is not JSON: give a number, or null for none"
                    raise RequestValidationError(
                        [{"loc": ("body",), "msg": message, "type": "value_error"}]
                    ) from None
                except (ValueError, RecursionError):
                    pass  # not JSON at all: FastAPI's own reading says so
            return await handle(request)

        return checked
