"""Text in a script the recognisers cannot read for names: withheld when it could hold one.

hubplan's name lists, cues and spaCy's English pipeline read Latin letters. A sentence in Cyrillic,
Arabic, Chinese, Bengali or any other script can hold a name or a birth date that none of them sees
("Моя донька Софія народилася 5 листопада 2021 року"). Such text is not published: on a line with
:data:`MIN_LETTERS` letters of other scripts or more, every run of them is replaced, and so is a
word of another script after an English cue for a person ("my son Олександр", "My daughter 李小红").
A short line in another script stays (a thank-you alone, "Дякую", "감사합니다"); a long thank-you
("Большое спасибо всем", 17 letters) does not. Held-out 28, written blind, left 7 names and 4
birth dates in other scripts; across the labelled sets runs of 12 letters or more hold 15 of the 35
personal items written in other scripts and 3 of the 43 harmless phrases (bench/redaction.py).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from hubplan.consult.recognisers import _Regex

MIN_LETTERS = 12
"""A line with this many letters of other scripts or more has them withheld (a thank-you has fewer)."""

# An English cue for a person, then a word of another script: "my son Олександр", "called محمد علي".
_CUED = re.compile(
    r"(?i:\b(?:(?:my|our|her|his|their)[ \t]+(?:little[ \t]+)?(?:son|daughter|baby|child|boy|girl|husband|"
    r"wife|partner|mum|mother|dad|father|sister|brother|grandson|granddaughter)|my[ \t]+name[ \t]+is|"
    r"called|named))[ \t]+([^\W\d_]+(?:[ \t]+[^\W\d_]+)?)"
)


def _is_latin(char: str) -> bool:
    return unicodedata.name(char, "").startswith("LATIN")


def _other_script(char: str) -> bool:
    return char.isalpha() and not _is_latin(char)


def unread_runs(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of the text in other scripts that hubplan cannot read for names.

    Parameters
    ----------
    text
        Free text.

    Yields
    ------
    tuple of int
        Character offsets: on a line with ``MIN_LETTERS`` letters of other scripts or more, each
        run of them (from a letter of another script, over digits, spaces and punctuation, to the
        last letter or digit before a Latin letter or the line's end); and a word or two of another
        script after an English cue for a person.
    """
    offset = 0
    for line in text.splitlines(keepends=True):
        if sum(map(_other_script, line)) >= MIN_LETTERS:
            yield from _runs(line, offset)
        offset += len(line)
    for m in _CUED.finditer(text):
        words = m[1].split()
        if all(_other_script(w[0]) for w in words):
            yield m.span(1)  # "محمد علي"
        elif _other_script(words[0][0]):
            yield m.start(1), m.start(1) + len(words[0])  # "Олександр is"


def _runs(line: str, offset: int) -> Iterator[tuple[int, int]]:
    """Yield each run of ``line`` in other scripts, offset by ``offset``."""
    i, n = 0, len(line)
    while i < n:
        if not _other_script(line[i]):
            i += 1
            continue
        start = last = i
        while i < n and line[i] not in "\r\n" and not (line[i].isalpha() and _is_latin(line[i])):
            if line[i].isalnum():
                last = i
            i += 1
        yield offset + start, offset + last + 1


class UnreadScriptRecogniser(_Regex):
    """Text in another script that could hold a name (:func:`unread_runs`)."""

    entity = "UNREAD_SCRIPT"

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield the spans of :func:`unread_runs` (none in ASCII text)."""
        if text.isascii():
            return
        yield from unread_runs(text)
