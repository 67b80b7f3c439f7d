"""Who may edit: named editors, each with a token that is kept only as its SHA-256.

The server is read-only unless it was given at least one editor. A request proves it is an editor by
sending ``Authorization: Bearer TOKEN``; the token's hash is compared with every editor's in constant
time (:func:`hmac.compare_digest`), so neither timing nor an early exit tells a caller how close a guess
was. Today one editor comes from ``HUBPLAN_EDIT_TOKEN`` or a token file; several named editors (one per
officer) only need more entries in the tuple, and each save records the editor's name in the store.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass
from pathlib import Path

from hubplan.errors import HubplanError

TOKEN_VARIABLE = "HUBPLAN_EDIT_TOKEN"
"""The environment variable holding the editing token."""

PUBLIC = "public"
"""The name recorded for work asked for by someone who is not an editor (e.g. a report)."""


@dataclass(frozen=True)
class Editor:
    """Someone allowed to save: a name (for the audit log) and the SHA-256 of their token."""

    name: str
    token_sha256: bytes

    @classmethod
    def with_token(cls, name: str, token: str) -> Editor:
        """Return the editor ``name`` whose token is ``token`` (only its hash is kept).

        Parameters
        ----------
        name
            The editor's name, as the audit log shows it.
        token
            Their secret (any non-empty text).

        Returns
        -------
        Editor
            The editor.
        """
        return cls(name, hashlib.sha256(token.encode("utf-8")).digest())


def editors_from_environment(*, token_file: Path | None = None) -> tuple[Editor, ...]:
    """Return the editors the server was given: from ``token_file``, else ``HUBPLAN_EDIT_TOKEN``.

    Parameters
    ----------
    token_file
        A file whose content (surrounding whitespace removed) is the token.

    Returns
    -------
    tuple of Editor
        One editor named ``"editor"``, or none (a read-only server).

    Raises
    ------
    HubplanError
        When the token file cannot be read or is empty.
    """
    if token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            msg = f"cannot read the edit token file {token_file}: {exc.__class__.__name__}"
            raise HubplanError(msg) from None
        if not token:
            msg = f"the edit token file {token_file} is empty: write the token in it"
            raise HubplanError(msg)
    else:
        token = os.environ.get(TOKEN_VARIABLE, "").strip()
    return (Editor.with_token("editor", token),) if token else ()


def find_editor(editors: tuple[Editor, ...], authorization: str | bytes | None) -> Editor | None:
    """Return the editor whose token an ``Authorization`` header carries, or ``None``.

    The token is compared as UTF-8 bytes: pass the header's raw bytes as they came over HTTP (a
    server decodes headers as Latin-1, which would turn ``é`` sent as UTF-8 into two characters), or
    text, which is encoded as UTF-8.

    Parameters
    ----------
    editors
        The editors the server knows.
    authorization
        The header's value (``"Bearer TOKEN"``), as bytes or text, or ``None`` when absent.

    Returns
    -------
    Editor or None
        The matching editor; every editor is compared, whatever matches first.
    """
    raw = authorization.encode("utf-8") if isinstance(authorization, str) else (authorization or b"")
    scheme, _, token = raw.partition(b" ")
    if scheme.lower() != b"bearer" or not token.strip():
        return None
    presented = hashlib.sha256(token.strip()).digest()
    found = None
    for editor in editors:
        if hmac.compare_digest(presented, editor.token_sha256):
            found = editor
    return found
