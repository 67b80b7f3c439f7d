"""Text in a script the recognisers cannot read for names: withheld when it could hold one.

hubplan's name lists, cues and spaCy's English pipeline read Latin letters. A sentence in Cyrillic,
Arabic, Chinese, Bengali or any other script can hold a name or a birth date that none of them sees
("Моя донька Софія народилася 5 листопада 2021 року"). Such text is not published: a run of
:data:`MIN_LETTERS` letters of other scripts or more is replaced, and so is a word of another
script after an English cue for a person ("my son Олександр", "My daughter 李小红"). A short run
stays (a thank-you, "Дякую", "감사합니다"); a long thank-you ("Большое спасибо всем", 17 letters)
does not, and a short name or date inside a line broken by Latin words ("我的女儿 Lily 出生于
2021年5月3日") is not caught. Counting a whole line's letters instead damaged six greetings on
mixed lines of the labelled sets and would still not catch that one (10 letters). Held-out 28,
written blind, left 7 names and 4 birth dates in other scripts; across the labelled sets runs of
12 letters or more hold 15 of the 35 personal items written in other scripts and 3 of the 43
harmless phrases (bench/redaction.py).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from hubplan.consult.recognisers import _Regex

MIN_LETTERS = 12
"""A run with this many letters of other scripts or more is withheld (a thank-you has fewer)."""

# An English cue for a person, then a word of another script: "my son Олександр", "called محمد علي".
_CUED = re.compile(
    r"(?i:\b(?:(?:my|our|her|his|their)[ \t]+(?:little[ \t]+)?(?:son|daughter|baby|child|boy|girl|husband|"
    r"wife|partner|mum|mother|dad|father|sister|brother|grandson|granddaughter)|my[ \t]+name[ \t]+is|"
    r"called|named|(?:mother|father|mum|dad|mom|parent)[ \t]+(?:of|to)))[ \t]+([^\W\d_]+(?:[ \t]+[^\W\d_]+)?)"
)


def _latin_letter(char: str) -> bool:
    # ASCII letters are Latin: unicodedata.name is asked only of the rest
    return char.isalpha() and (char.isascii() or unicodedata.name(char, "").startswith("LATIN"))


def other_script(char: str) -> bool:
    """Return whether ``char`` is a letter of a script other than Latin (Arabic, Cyrillic, Han ...)."""
    return char.isalpha() and not char.isascii() and not unicodedata.name(char, "").startswith("LATIN")


def unread_runs(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of the text in other scripts that hubplan cannot read for names.

    Parameters
    ----------
    text
        Free text.

    Yields
    ------
    tuple of int
        Character offsets: each run in other scripts with ``MIN_LETTERS`` letters or more (from a
        letter of another script, over digits, spaces and punctuation, to the last letter or digit
        before a Latin letter or the line's end); and a word or two of another script after an
        English cue for a person.
    """
    for start, end in _runs(text):
        if sum(map(other_script, text[start:end])) >= MIN_LETTERS:
            yield start, end
    for m in _CUED.finditer(text):
        words = m[1].split()
        if all(other_script(w[0]) for w in words):
            yield m.span(1)  # "محمد علي"
        elif other_script(words[0][0]):
            yield m.start(1), m.start(1) + len(words[0])  # "Олександр is"


def _runs(text: str) -> Iterator[tuple[int, int]]:
    """Yield each run of ``text`` in other scripts (up to a Latin letter or the line's end)."""
    i, n = 0, len(text)
    while i < n:
        if not other_script(text[i]):
            i += 1
            continue
        start = last = i
        while i < n and text[i] not in "\r\n" and not _latin_letter(text[i]):
            if text[i].isalnum():
                last = i
            i += 1
        yield start, last + 1


class UnreadScriptRecogniser(_Regex):
    """Text in another script that could hold a name (:func:`unread_runs`)."""

    entity = "UNREAD_SCRIPT"

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield the spans of :func:`unread_runs` (none in ASCII text)."""
        if text.isascii():
            return
        yield from unread_runs(text)
