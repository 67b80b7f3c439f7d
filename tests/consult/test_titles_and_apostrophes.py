"""A title with one initial is a person; a surname with an apostrophe is removed whole (held-out 25)."""

from __future__ import annotations

import pytest

from hubplan.consult.redact import redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Spoke again to Mrs K (the Kowalski family, Dersingham).",
            "Spoke again to Mrs [name] (the [name] family",
        ),
        ("Mr D-W asked about the bus.", "Mr [name] asked about the bus."),
        ("Our neighbour Caoimhe O'Sullivan came too.", "Our neighbour [name] came too."),
        ("From Dr Anand D’Mello, GP partner", "[name], GP partner"),  # the title goes with the name
    ],
)
def test_removed(text: str, expected: str) -> None:
    assert expected in redact(text)


@pytest.mark.parametrize(
    "text",
    ["She got an A-level in maths.", "Rock 'n' roll at the hall.", "Plan A or plan B?", "I'd rather not."],
)
def test_left_alone(text: str) -> None:
    assert redact(text) == text
