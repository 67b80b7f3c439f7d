"""What the redaction found in a text, asked of one value: the consult tests' shared questions."""

from __future__ import annotations

from hubplan.consult.redact import find_personal_data


def removed(text: str, value: str) -> bool:
    """Whether every letter and digit of ``value`` (first occurrence) lies inside a found span."""
    start = text.index(value)
    spans = find_personal_data(text)
    return all(
        any(f.start <= i < f.end for f in spans)
        for i in range(start, start + len(value))
        if text[i].isalnum()
    )


def touched(text: str, value: str) -> bool:
    """Whether any character of ``value`` (first occurrence) lies inside a found span."""
    start = text.index(value)
    return any(f.start < start + len(value) and start < f.end for f in find_personal_data(text))
