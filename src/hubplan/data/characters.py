"""Find the characters a reader cannot see in a text: control, invisible and bidirectional ones."""

from __future__ import annotations

import unicodedata

from hubplan.data.read_table import shown
from hubplan.errors import Problem

INVISIBLE_CATEGORIES = frozenset({"Cf", "Cc", "Zl", "Zp"})
"""Unicode categories nobody can see: controls (C0, DEL, C1), formats (zero-width, bidi) and separators."""

_CONTROL_NAMES = {
    "\x00": "NUL, an empty byte",
    "\x07": "bell",
    "\x08": "backspace",
    "\x0b": "vertical tab, Word's manual line break",
    "\x0c": "form feed, a page break",
    "\x1b": "escape, the start of a terminal colour code",
    "\x7f": "delete",
    "\x85": "next line, a line break from an old Windows code page",
}


def hidden_character(text: str, *, lines: bool = False) -> str | None:
    r"""Describe the first line break, control or invisible character in ``text``, or ``None``.

    This is the one check for such characters: ids, names and titles in the workspace's tables,
    scenarios and ``hubplan.toml``, and the web API's saved plans all use it.

    Parameters
    ----------
    text
        Text as the user wrote it.
    lines
        Whether the text may hold line breaks (``\n``, ``\r\n``) and tabs, as a description may.

    Returns
    -------
    str or None
        E.g. ``"a line break"``, ``"ZERO WIDTH SPACE"`` or ``"U+000B (vertical tab, ...)"``.

    Examples
    --------
    >>> hidden_character("R-0\n17"), hidden_character("R-017"), hidden_character("a\nb", lines=True)
    ('a line break', None, None)
    """
    allowed = "\n\r\t" if lines else ""
    hidden = next(
        (ch for ch in text if ch not in allowed and unicodedata.category(ch) in INVISIBLE_CATEGORIES), None
    )
    return None if hidden is None else describe_character(hidden)


def describe_character(ch: str) -> str:
    """Name one character so a reader can find it: ``'U+001B (escape, ...)'``, ``'a line break'``.

    Parameters
    ----------
    ch
        One character.

    Returns
    -------
    str
        Its description.
    """
    if ch in "\n\r":
        return "a line break"
    if ch == "\t":
        return "a tab"
    if name := unicodedata.name(ch, ""):
        return name
    return f"U+{ord(ch):04X} ({_CONTROL_NAMES.get(ch, 'a control character')})"


CONTROL_FIX = (
    "retype the text, or find and replace the character (in Excel: Find & Replace, Ctrl+J for a line "
    "break); it comes from text pasted from Word, a web page or a terminal"
)
"""How to remove a hidden character, as every message naming one says."""

VISIBLE_ONLY = "text of visible characters only (no control or invisible characters)"
"""What a problem naming a hidden character expected."""


def hidden_problem(
    file: str, row: int | None, column: str | None, text: str, *, lines: bool
) -> Problem | None:
    """Return the problem naming a hidden character in ``text`` (with how to remove it), or ``None``.

    Parameters
    ----------
    file, row, column
        Where the text is (``row`` and ``column`` ``None`` where they do not apply).
    text
        The text as the user wrote it.
    lines
        Whether the text may hold line breaks and tabs (see :func:`hidden_character`).

    Returns
    -------
    Problem or None
        Expecting :data:`VISIBLE_ONLY`, finding the text, the character and :data:`CONTROL_FIX`.
    """
    hidden = hidden_character(text, lines=lines)
    if hidden is None:
        return None
    return Problem(file, row, column, VISIBLE_ONLY, f"{shown(text)}, which holds {hidden}: {CONTROL_FIX}")
