"""Who is asking: the editor named by the request's bearer token, if any."""

# No ``from __future__ import annotations``: FastAPI reads these annotations at run time.
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from hubplan.web.auth import Editor, find_editor

READ_ONLY = "this server is read-only (start it with HUBPLAN_EDIT_TOKEN to let editors save)"

_bearer = HTTPBearer(auto_error=False, description="The server's edit token (HUBPLAN_EDIT_TOKEN).")


def editor_dependencies(
    editors: tuple[Editor, ...],
) -> tuple[Callable[..., Editor | None], Callable[..., Editor]]:
    """Return two dependencies: the editor or ``None`` (403 for a wrong token), and an editor (else 401/403).

    Parameters
    ----------
    editors
        Who may save; empty for a read-only server.

    Returns
    -------
    tuple of callables
        ``editor_or_none`` and ``editor``, for ``Depends``.
    """

    def editor_or_none(
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> Editor | None:
        if credentials is None:
            return None
        if not editors:
            raise HTTPException(403, READ_ONLY)
        # The header's bytes as sent (UTF-8), not the Latin-1 text the server decoded them to.
        raw = next((v for k, v in request.scope.get("headers", []) if k.lower() == b"authorization"), None)
        found = find_editor(editors, raw)
        if found is None:
            raise HTTPException(403, "that edit token is not accepted")
        return found

    def editor(found: Annotated[Editor | None, Depends(editor_or_none)]) -> Editor:
        if found is not None:
            return found
        if not editors:
            raise HTTPException(403, READ_ONLY)
        raise HTTPException(
            401, "saving needs an edit token (Authorization: Bearer TOKEN)",
            headers={"WWW-Authenticate": "Bearer"},
        )  # fmt: skip

    return editor_or_none, editor
