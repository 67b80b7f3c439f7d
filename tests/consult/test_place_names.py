"""Place names of several words are no names, whatever their case; a workplace takes its street."""

from __future__ import annotations

import pytest

from hubplan.consult.identifiers import _with_its_street
from hubplan.consult.place_names import place_name_spans
from hubplan.consult.redact import find_personal_data, redact


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("we moved to kings lynn in 2019", ["kings lynn"]),
        ("The King's Lynn hub and the KINGS LYNN one", ["King's Lynn", "KINGS LYNN"]),
        ("near Great Yarmouth, not far from Gorleston", ["Great Yarmouth"]),
        ("Lynn and Morley came with me", []),  # the words apart are no place
    ],
)
def test_place_name_spans(text: str, places: list[str]) -> None:
    assert [text[s:e] for s, e in place_name_spans(text)] == places


def test_a_name_that_ends_a_town_is_kept_in_the_town_and_removed_as_a_person() -> None:
    text = "We go to the Kings Lynn hub. Lynn from the hub helped us a lot."
    assert redact(text) == "We go to the Kings Lynn hub. [name] from the hub helped us a lot."


@pytest.mark.parametrize(
    ("text", "workplace"),
    [
        ("I work at Singh's Stores, Norwich Road, seven days a week.", "Singh's Stores, Norwich Road"),
        ("She is a nurse at the Paget, ward 4 and works nights.", "the Paget, ward 4"),
        ("I work at the Co-op on Mill Lane so I can walk there.", "the Co-op on Mill Lane"),
    ],
)
def test_a_workplace_takes_its_street_or_ward(text: str, workplace: str) -> None:
    start = text.index(workplace)
    spans = [f for f in find_personal_data(text) if f.kind == "WORKPLACE"]
    covered = {i for f in spans for i in range(f.start, f.end)}
    assert all(i in covered for i in range(start, start + len(workplace)) if text[i].isalnum())


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("Fenland Fruits, Walpole St Andrew, then", "Fenland Fruits"),  # a saint in a village's name
        ("Fenland Fruits, Station Road, then", "Fenland Fruits, Station Road"),
        ("Fenland Fruits on the Hill Street estate", "Fenland Fruits on the Hill Street"),
        ("Fenland Fruits, packing team", "Fenland Fruits, packing team"),
        ("Fenland Fruits, Dereham, then", "Fenland Fruits"),  # a town is not taken
    ],
)
def test_where_a_workplace_ends_with_its_street(text: str, end: str) -> None:
    assert text[: _with_its_street(text, len("Fenland Fruits"))] == end
