"""Text in a script the recognisers cannot read for names: withheld whole when it is more than a word or two.

hubplan's name lists, cues and spaCy's English pipeline read Latin letters. A sentence in Cyrillic,
Arabic, Chinese, Bengali or any other script can hold a name or a birth date that none of them sees
("Моя донька Софія народилася 5 листопада 2021 року"). Such a sentence is not published: the whole run
is replaced, unless it is short (a thank-you alone, "Дякую", "감사합니다", is kept; one after a long
sentence in the same script goes with it, as the run goes on to the end of the line). Held-out 28, written
blind, left 7 names and 4 birth dates in other scripts; across the labelled sets a run of
:data:`MIN_LETTERS` letters or more holds 15 of the 35 personal items written in other scripts and 3 of
the 43 harmless phrases (bench/redaction.py).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from hubplan.consult.recognisers import _Regex

MIN_LETTERS = 12
"""A run with this many letters of other scripts or more is withheld (a thank-you has fewer)."""


def _is_latin(char: str) -> bool:
    return unicodedata.name(char, "").startswith("LATIN")


def unread_runs(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each run of ``text`` in other scripts with ``MIN_LETTERS`` letters or more.

    Parameters
    ----------
    text
        Free text.

    Yields
    ------
    tuple of int
        Character offsets: a run starts at a letter of another script and goes on, over digits,
        spaces and punctuation, until a Latin letter or the end of the line; it ends at its last
        letter or digit.
    """
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if not (c.isalpha() and not _is_latin(c)):
            i += 1
            continue
        start, last, letters = i, i, 0
        while i < n and text[i] != "\n" and not (text[i].isalpha() and _is_latin(text[i])):
            if text[i].isalnum():
                last = i
                letters += text[i].isalpha()
            i += 1
        if letters >= MIN_LETTERS:
            yield start, last + 1


class UnreadScriptRecogniser(_Regex):
    """A run of text in another script long enough to hold a name (:func:`unread_runs`)."""

    entity = "UNREAD_SCRIPT"

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield the runs of :func:`unread_runs` (none in ASCII text)."""
        if text.isascii():
            return
        yield from unread_runs(text)
