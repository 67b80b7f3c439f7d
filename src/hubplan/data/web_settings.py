"""The web map's settings (``[web]``): above all its tile address, an http(s) template the browser fills in.

Parsed with :func:`urllib.parse.urlsplit`, never by pattern: what the browser will contact is the
parsed host, so that is what is checked and what a message names.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from pydantic import Field, field_validator

from hubplan.data.settings_base import Frozen

PLACEHOLDERS = ("{z}", "{x}", "{y}")
"""What every tile template must hold: the zoom, column and row a map fills in for each tile."""

EXAMPLE = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
"""The template shown in messages (OpenStreetMap's standard tiles)."""


def check_tile_url(value: str) -> str:
    """Return ``value`` when it is a usable http(s) tile template; raise ``ValueError`` saying why not.

    Parameters
    ----------
    value
        The template, e.g. ``https://{s}.tile.example/{z}/{x}/{y}.png``; empty means no tile layer.

    Returns
    -------
    str
        ``value`` unchanged.

    Raises
    ------
    ValueError
        With what was expected, in words: for a scheme other than http or https (``javascript:``,
        ``data:``, ``file:``), no host, quotes, spaces or control characters, a user name before an
        ``@`` (``https://tile.openstreetmap.org@evil.example/`` goes to ``evil.example``; the message
        names that host), a port that is not a number, or any of ``{z}``, ``{x}``, ``{y}`` missing
        (Leaflet's ``{-y}``, rows counted from the south as TMS servers do, stands for ``{y}``).

    Examples
    --------
    >>> check_tile_url("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png")
    'https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png'
    >>> check_tile_url("https://tile.openstreetmap.org@evil.example/{z}/{x}/{y}.png")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: an address with no user name before '@' (this one goes to the host 'evil.example', ...)
    """
    if not value:
        return value
    http = f"an http:// or https:// address such as {EXAMPLE}"
    if any(ch.isspace() or ord(ch) < 32 or ch in "\"'<>\\`" for ch in value):
        raise ValueError(f"{http} (no spaces, quotes or control characters)")
    parts = urlsplit(value.replace("{s}", "a"))
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError(http)
    if "@" in parts.netloc:
        shown = parts.netloc.rpartition("@")[0]
        raise ValueError(
            f"an address with no user name before '@' (this one goes to the host {parts.hostname!r}, "
            f"not {shown!r})"
        )
    try:
        _ = parts.port
    except ValueError:
        raise ValueError(f"{http} (its port, after ':', a number)") from None
    missing = [p for p in PLACEHOLDERS if p not in value.replace("{-y}", "{y}")]  # {-y}: TMS rows
    if missing:
        raise ValueError(
            f"a tile template with {', '.join(PLACEHOLDERS)} where the map puts each tile's zoom, column "
            f"and row, such as {EXAMPLE} (missing: {', '.join(missing)})"
        )
    return value


class WebSettings(Frozen):
    """The web map. With no tile layer the map needs no network at all."""

    tile_url: str = Field(
        default="",
        description="An optional map-tile URL template for online use: http or https, with {z}, {x} and {y}, "
        "no user name before the host.",
    )
    tile_attribution: str = Field(default="", description="The attribution the tile provider requires.")

    @field_validator("tile_url")
    @classmethod
    def _web_address(cls, value: str) -> str:
        """Allow only an http(s) tile template (:func:`check_tile_url`)."""
        return check_tile_url(value)
