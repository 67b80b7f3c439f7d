"""The "did you mean" helper agrees with difflib (the peer it replaced) on the typos users make."""

from __future__ import annotations

import difflib

import pytest

from hubplan.data.columns import AREA_COLUMNS, SITE_COLUMNS
from hubplan.suggest import closest

COLUMNS = sorted({c.name for c in SITE_COLUMNS + AREA_COLUMNS})
SITES = ["cc-diss", "cc-holt", "cc-aylsham", "cc-thetford", "lib-norwich-millennium", "vh-east-harling"]


@pytest.mark.parametrize(
    ("typed", "known"),
    [
        ("cost_per_yr", COLUMNS), ("Lat", COLUMNS), ("longitude", COLUMNS), ("deprivation decile", COLUMNS),
        ("familes", COLUMNS), ("contract-end", COLUMNS), ("cc-dis", SITES), ("CC-Holt", SITES),
        ("cc-aylesham", SITES), ("lib-norwich", SITES), ("vh-east-harlin", SITES), ("zzz", SITES),
    ],
)  # fmt: skip
def test_the_same_suggestion_as_difflib(typed: str, known: list[str]) -> None:
    """Compared as a reader compares them, without case: difflib run on case-folded names."""
    folded = {k.casefold(): k for k in known}
    peer = [folded[m] for m in difflib.get_close_matches(typed.casefold(), list(folded), n=1)]
    assert closest(typed, known) == peer


def test_several_best_first_and_a_cutoff() -> None:
    # 2 * 10 / 21 = 0.952 against 2 * 9 / 19 = 0.947; "Lynn" is 2 * 4 / 14 = 0.571, under 0.6.
    known = ["Lynn", "Kings Lyn", "King's Lynn", "Hunstanton"]
    assert closest("Kings Lynn", known, n=3) == ["King's Lynn", "Kings Lyn"]
    assert closest("Kings Lynn", ["Hunstanton"]) == []
    assert closest("Norwich", ["Norwich"], cutoff=1.0) == ["Norwich"]


def test_among_a_national_table_of_codes() -> None:
    """E01 typed for E00 in a 200,000-row table of output areas: the near code is found."""
    codes = [f"E00{i:06d}" for i in range(200_000)]
    assert closest("E01026419", codes) == ["E00026419"]
