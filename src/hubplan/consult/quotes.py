"""Choose the quotes a consultation report publishes: few, short, and none that might hold a name.

Redaction recall is measured, not perfect (see ``bench/results/redaction.md``): a name it misses is
most often a capitalised word in mid-sentence that no list or rule knows. A redacted comment that still
has such a word is not quoted; the others are cut to their first sentences within a length limit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MAX_QUOTES = 2
"""The most quotes published per theme or centre (was 3): fewer quotes, fewer chances of a leak."""

MAX_QUOTE_CHARS = 200
"""The longest quote published (characters); longer comments are cut at a sentence end or a word."""

_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*)$")
_CAPITALISED = re.compile(r"(?<![\w\[])[A-ZÀ-ÞĄĆČĘŁŃŚŠŹŻŽ][\w'’-]*")


def might_hold_a_name(redacted: str) -> bool:
    """Return whether a redacted comment still has a capitalised word in mid-sentence no rule knows.

    Parameters
    ----------
    redacted
        A comment after :func:`hubplan.consult.redact.redact_all`.

    Returns
    -------
    bool
        True when a capitalised word that does not start a sentence is neither "I", nor a word the
        recognisers know is not a name (days, months, services, ...), nor an all-capitals
        abbreviation (NHS, SEND), nor read as a place ("in Gorleston", "Earlham centre"), nor part of
        an organisation's or service's name ("Home-Start", "Action for Children").
    """
    from hubplan.consult.name_lists import organisation_spans
    from hubplan.consult.place_names import looks_like_place
    from hubplan.consult.recognisers import not_a_name

    organisations = organisation_spans(redacted)
    for m in _CAPITALISED.finditer(redacted):
        word = m[0]
        if any(s <= m.start() and m.end() <= e for s, e in organisations):
            continue  # "Home-Start", "Action for Children": no person
        if word in ("I", "I'm", "I’m", "I've", "I'd", "I'll") or word.isupper() or not_a_name(word):
            continue
        if _SENTENCE_START.search(redacted[: m.start()]) or looks_like_place(redacted, m.start(), m.end()):
            continue
        return True
    return False


def shorten(text: str, *, max_chars: int = MAX_QUOTE_CHARS) -> str:
    """Return ``text`` cut to its first sentences within ``max_chars`` characters (else at a word, with …)."""
    text = " ".join(text.split())
    if len(text) <= max_chars:
        return text
    cut = max((m.end() for m in re.finditer(r"[.!?](?=\s)", text[: max_chars + 1])), default=0)
    if cut >= max_chars // 3:
        return text[:cut]
    return text[: max_chars - 1].rsplit(" ", 1)[0] + "…"


def select_quotes(
    redacted: Iterable[str], *, limit: int = MAX_QUOTES, max_chars: int = MAX_QUOTE_CHARS
) -> list[str]:
    """Return up to ``limit`` distinct short quotes from redacted comments, none that might hold a name.

    Parameters
    ----------
    redacted
        Redacted comments, most representative first.
    limit
        The most quotes returned.
    max_chars
        The longest quote (characters).

    Returns
    -------
    list of str
        The quotes, in the order given, each shortened; comments that are blank or that
        :func:`might_hold_a_name` are left out.
    """
    out: list[str] = []
    for text in redacted:
        if len(out) >= limit:
            break
        if not text.strip():
            continue
        quote = shorten(text, max_chars=max_chars)
        if quote not in out and not might_hold_a_name(quote):
            out.append(quote)
    return out
