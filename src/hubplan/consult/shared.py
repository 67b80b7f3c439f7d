"""Responses that share one text (a campaign's or a template's words): counted as responses, and named."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

_NOT_A_WORD = re.compile(r"[^\w']+")


def text_key(comment: str) -> str:
    """Return a comment as compared for sharing: case, spacing and punctuation aside.

    Parameters
    ----------
    comment
        A response's comment.

    Returns
    -------
    str
        Its words in lower case, one space apart ('' for a blank comment).

    Examples
    --------
    >>> text_key("SAVE OUR CENTRES:  I object to every closure.")
    'save our centres i object to every closure'
    """
    return " ".join(_NOT_A_WORD.sub(" ", comment.replace("’", "'").casefold()).split())


def distinct_texts(comments: Sequence[str]) -> int:
    """Return how many different comments there are, compared as for sharing (:func:`text_key`).

    "Different comments" means one thing wherever hubplan says it: the themes' caution and how many
    themes k-means is given count the texts that differ in their words, as shared texts are found.

    Parameters
    ----------
    comments
        The responses' comments.

    Returns
    -------
    int
        Different non-blank texts.

    Examples
    --------
    >>> distinct_texts(["Keep it open!", "keep it  open", "A lifeline", "", "  "])
    2
    """
    return len({key for key in map(text_key, comments) if key})


MIN_SHARED_WORDS = 3
"""The fewest words a comment needs to count as a shared text: "No", "N/A" and "Strongly agree" given by
many are answers, not a campaign's words ("Keep it open" is one)."""


def shared_groups(comments: Sequence[str]) -> list[list[int]]:
    """Return the positions of the responses that share one text with another, a list per text.

    Parameters
    ----------
    comments
        The responses' comments, in order.

    Returns
    -------
    list of list of int
        One list per text of :data:`MIN_SHARED_WORDS` words or more that two or more comments share
        (:func:`text_key`), largest first.

    Examples
    --------
    >>> shared_groups(["Keep it open!", "A lifeline", "keep it  open", "", "", "N/A", "n/a"])
    [[0, 2]]
    """
    by_text: dict[str, list[int]] = {}
    for i, comment in enumerate(comments):
        key = text_key(comment)
        if len(key.split()) >= MIN_SHARED_WORDS:  # "No", "N/A", "Strongly agree" are answers, not texts
            by_text.setdefault(key, []).append(i)
    groups = [rows for rows in by_text.values() if len(rows) > 1]
    return sorted(groups, key=lambda rows: (-len(rows), rows[0]))


def shared_mask(comments: Sequence[str]) -> np.ndarray:
    """Return (n,) booleans: whether each response's comment is one another response shares.

    Parameters
    ----------
    comments
        The responses' comments.

    Returns
    -------
    numpy.ndarray
        True where the comment is a shared text (:func:`shared_groups`).
    """
    mask = np.zeros(len(comments), dtype=bool)
    for rows in shared_groups(comments):
        mask[rows] = True
    return mask


def shared_note(sizes: Sequence[int]) -> str:
    """Say how many responses share a text, as a clause after a count ("25 responses, ...").

    Parameters
    ----------
    sizes
        How many responses share each shared text (:func:`shared_groups`' lengths).

    Returns
    -------
    str
        "6 of these share one text", "9 of these share 2 texts (the most shared 6 times)", or ''.

    Examples
    --------
    >>> shared_note([6])
    '6 of these share one text'
    >>> shared_note([6, 3])
    '9 of these share 2 texts (the most shared 6 times)'
    """
    sizes = sorted(sizes, reverse=True)
    if not sizes:
        return ""
    if len(sizes) == 1:
        return f"{sizes[0]:,} of these share one text"
    return f"{sum(sizes):,} of these share {len(sizes):,} texts (the most shared {sizes[0]:,} times)"


SHARED_MEANING = (
    "a shared text is the same words, three or more (case, spacing and punctuation aside), in two or more "
    "responses: a campaign's or a template's, or a common phrase; each is counted as a response"
)
"""What "share one text" means, for a report's or command's note."""
