"""The "did you mean" of every message: the known names closest to one a user typed.

Matching is rapidfuzz's normalised Indel similarity (the share of characters the two names have in
common, in order: ``2 * LCS / (len(a) + len(b))``, what :func:`difflib.SequenceMatcher.ratio`
approximates), computed in C++: a typo among England's 188,880 output area codes is suggested in
milliseconds, where :func:`difflib.get_close_matches` took five seconds a name.
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process

MAX_SUGGESTED = 100
"""A table with thousands of unknown ids gets suggestions for its first ones only (the rest are listed)."""

MAX_TYPED_CHARS = 100
"""Only the first characters of what was typed are compared (a pasted paragraph is no name)."""


def closest(typed: str, known: Iterable[str], *, n: int = 1, cutoff: float = 0.6) -> list[str]:
    """Return up to ``n`` known names closest to ``typed``, best first, each at least ``cutoff`` alike.

    Parameters
    ----------
    typed
        What the user wrote.
    known
        The names it may have meant.
    n
        The most names returned.
    cutoff
        The least similarity (0 to 1) a name needs to be suggested.

    Returns
    -------
    list of str
        The suggestions (empty when none is close enough); ties keep the order of ``known``.
    """
    found = process.extract(
        typed[:MAX_TYPED_CHARS],
        list(known),
        scorer=fuzz.ratio,
        processor=str.casefold,  # "E01026419" is nearest "e01026419", not "E01026421"
        limit=n,
        score_cutoff=cutoff * 100,
    )
    return [name for name, _score, _index in found]
