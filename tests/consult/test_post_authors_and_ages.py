"""A comment's author with a town and the time in words; a lower-case child's name with an age (held-out 25)."""

from __future__ import annotations

import pytest

from hubplan.consult.redact import redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kerry-Ann Whitlock · Swaffham · 3 days ago\nSign it everyone", "[name] · Swaffham · 3 days ago"),
        ("Bilal Chaudhry · an hour ago\nagreed", "[name] · an hour ago"),
        ("Joanne Pegg · yesterday\nsigned!", "yesterday\nsigned!"),
        ("we have 3 - alfie (6), poppy (4) and the baby", "we have 3 - [name] (6), [name] (4) and the baby"),
        ("twins hope (2) and faith (2) love it", "twins [name] (2) and [name] (2) love it"),
    ],
)
def test_removed(text: str, expected: str) -> None:
    assert expected in redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "Centre news · Norfolk · 2 days ago",  # an author without a capitalised name is no one
        "we need more sessions (2) and classes (3) a week",
        "they planted a holly (1) and a rose (2) by the door",
    ],
)
def test_left_alone(text: str) -> None:
    assert redact(text) == text
