"""Consultation: redaction (planted, proved absent), import, centre matching and representativeness by hand."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from hubplan.cli import app
from hubplan.consult import (
    add_responses,
    affected_families,
    all_responses,
    area_of_postcodes,
    engine_for,
    match_centres,
    postcode_sector,
    read_responses,
    redact,
    representation,
)
from hubplan.data import bundled_workspace_path, load_workspace, write_bundled_workspace
from hubplan.travel import build_travel
from tests.helpers import write_workspace

runner = CliRunner()
FIRST = ["Sarah", "Tom", "Aisha", "Gareth", "Priya", "Li"]
LAST = ["Green", "Baker", "Okafor", "Hughes", "Patel", "Wang"]
STREETS = ["Mill Road", "Church Lane", "Station Street", "Orchard Close", "High Street"]
FILLER = st.sampled_from([
    "The centre is a lifeline.", "Buses are rare here.", "Please keep it open.", "I support outreach.",
    "My baby group meets there.", "",
])  # fmt: skip


@st.composite
def planted(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A comment with personal data of every kind planted in it, and the strings that must vanish."""
    name = f"{draw(st.sampled_from(FIRST))} {draw(st.sampled_from(LAST))}"
    email = f"{draw(st.sampled_from(FIRST)).lower()}.{draw(st.integers(1, 999))}@example.org"
    phone = draw(st.sampled_from(["07700 900{:03d}", "01603 {:06d}", "+44 7700 900{:03d}"])).format(
        draw(st.integers(0, 999))
    )
    house = f"{draw(st.integers(1, 250))} {draw(st.sampled_from(STREETS))}"
    postcode = (
        f"NR{draw(st.integers(1, 35))} {draw(st.integers(0, 9))}{draw(st.sampled_from(['AB', 'UY', 'QZ']))}"
    )
    titled = f"{draw(st.sampled_from(['Mrs', 'Mr', 'Ms', 'Dr']))} {draw(st.sampled_from(LAST))}"
    intro = draw(st.sampled_from(["My name is", "Regards,", "Signed"]))
    parts = [
        draw(FILLER), f"{intro} {name}.", f"Email {email} or call {phone}.", f"I live at {house}, {postcode}.",
        f"{titled} runs the group.", draw(FILLER),
    ]  # fmt: skip
    return " ".join(parts), [
        name,
        email,
        phone,
        house.split(maxsplit=1)[0] + " " + house.split()[1],
        titled,
        postcode,
    ]


@settings(max_examples=200, deadline=None)
@given(planted())
def test_every_kind_of_personal_data_is_removed(case: tuple[str, list[str]]) -> None:
    text, secrets = case
    clean = redact(text)
    for secret in secrets:
        assert secret not in clean, (secret, clean)
    assert "@" not in clean


def test_redaction_keeps_ordinary_words_and_reduces_postcodes() -> None:
    assert (
        redact("Thanks for listening to parents in Norwich") == "Thanks for listening to parents in Norwich"
    )
    assert redact("from Thetford, 3 children") == "from Thetford, 3 children"
    assert postcode_sector("nr47uy") == "NR4 7"
    assert postcode_sector("PE30") == "PE30"


def test_import_keeps_valid_rows_and_never_adds_twice(tmp_path: Path) -> None:
    folder = write_workspace(tmp_path / "ws")
    csv = tmp_path / "responses.csv"
    csv.write_text(
        "response_id,submitted_at,respondent_type,postcode,centre,support,comment\n"
        "r1,2018-10-01T10:00:00,parent,NR4 7UY,Site one,disagree,Keep it\n"
        "r2,not a date,parent,NR1,Site one,agree,ok\n"
        "r3,2018-10-02,alien,NR1,Site one,agree,ok\n"
        "r4,2018-10-02,grandparent,NR1,Site two,maybe,ok\n"
        "r5,2018-10-03,professional,,,,\n"
    )
    result = read_responses(csv)
    assert [r["response_id"] for r in result.rows] == ["r1", "r5"]
    found = [str(p) for p in result.problems]
    assert any(p.startswith("responses.csv, row 3, column 'submitted_at'") for p in found)
    assert any(p.startswith("responses.csv, row 4, column 'respondent_type'") for p in found)
    assert any(p.startswith("responses.csv, row 5, column 'support'") for p in found)
    engine = engine_for(folder)
    assert add_responses(engine, result.rows) == 2
    assert add_responses(engine, result.rows) == 0  # re-import adds nothing
    assert [r.response_id for r in all_responses(engine)] == ["r1", "r5"]
    assert all_responses(engine)[0].comment == "Keep it"  # raw text kept in the workspace only


def test_mapping_renames_a_survey_tools_columns(tmp_path: Path) -> None:
    folder = write_workspace(tmp_path / "ws")
    (tmp_path / "export.csv").write_text(
        "ID,Date,Type,Post code,Which centre,Q1,Comments\nx1,2018-10-01,parent,NR1 1AA,Site two,agree,Fine\n"
    )
    (tmp_path / "map.toml").write_text(
        '[columns]\nresponse_id = "ID"\nsubmitted_at = "Date"\nrespondent_type = "Type"\npostcode = "Post code"\n'
        'centre = "Which centre"\nsupport = "Q1"\ncomment = "Comments"\n'
    )
    result = runner.invoke(
        app,
        [
            "consult",
            "import",
            str(folder),
            str(tmp_path / "export.csv"),
            "--mapping",
            str(tmp_path / "map.toml"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "1 new" in result.output
    bad = runner.invoke(app, ["consult", "import", str(folder), str(tmp_path / "export.csv")])
    assert bad.exit_code == 1
    assert (
        "column 'submitted_at'" in bad.output
    )  # response_id and respondent_type may be absent (made, not asked)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Dereham", "cc-dereham-central"),
        ("Swafham childrens centre", "cc-swaffham"),
        ("diss cc", "cc-diss"),
        ("north lyn gaywood", "cc-north-lynn-gaywood"),
        ("Vancover", "cc-vancouver"),
    ],
)
def test_centre_names_match_despite_typos(typed: str, expected: str) -> None:
    ws = load_workspace(bundled_workspace_path())
    assert expected in match_centres(typed, ws)


def test_two_centres_and_nonsense() -> None:
    ws = load_workspace(bundled_workspace_path())
    assert set(match_centres("Cromer and Holt", ws)) == {"cc-cromer", "cc-holt"}
    assert match_centres("no idea really", ws) == ()


def test_postcodes_are_placed_by_district_without_the_extra(tmp_path: Path) -> None:
    folder = write_bundled_workspace(tmp_path / "norfolk")
    ws = load_workspace(folder)
    areas, method = area_of_postcodes(["NR4 7UY", "XX9 9ZZ", ""], ws)
    assert areas[1] == -1
    assert areas[2] == -1
    assert areas[0] >= 0
    assert ws.areas.district[areas[0]] in ("Norwich", "South Norfolk")  # NR4 is Norwich's south-west edge
    assert method in ("postcode (else its district)", "postcode district")


def test_representation_by_hand(tmp_path: Path) -> None:
    """Tiny workspace: baseline S1, S2; scenario 'one' keeps S1.

    Nearest baseline base by bus (estimated from the coordinates): A1 -> S1, A2 and A3 -> S2, so the
    affected families are A2 (20) and A3 (30), all in district D2. Respondents: 2 in A1 (D1), 3 in A3
    (D2). D2 has 3/5 = 60% of respondents against 100% of the affected: ratio 0.6, under-represented.
    """
    ws = load_workspace(write_workspace(tmp_path))
    travel = build_travel(ws)
    affected = affected_families(ws, travel, ws.scenario("one"))
    np.testing.assert_array_equal(affected, [0, 20, 30])
    reps = {r.breakdown: r for r in representation(ws, np.array([0, 0, 2, 2, 2, -1]), affected)}
    district = reps["district"]
    np.testing.assert_array_equal(district.respondents, [2, 3])
    np.testing.assert_array_equal(district.affected, [0, 50])
    assert np.isnan(district.ratio[0])
    assert district.ratio[1] == pytest.approx(0.6)
    assert district.under_represented == ("D2",)


def test_representation_counts_respondents_sharing_a_text_beside(tmp_path: Path) -> None:
    """The same respondents as above; two of A3's three and the unplaced one give a campaign's text.

    They stay respondents (D2 still 3, ratio still 0.6), and D2's count of them is 2 (the unplaced one
    is in no group). Before, nothing counted them.
    """
    ws = load_workspace(write_workspace(tmp_path))
    affected = affected_families(ws, build_travel(ws), ws.scenario("one"))
    shared = np.array([False, False, True, True, False, True])
    reps = {
        r.breakdown: r for r in representation(ws, np.array([0, 0, 2, 2, 2, -1]), affected, shared=shared)
    }
    district = reps["district"]
    np.testing.assert_array_equal(district.respondents, [2, 3])
    np.testing.assert_array_equal(district.shared, [0, 2])
    assert district.ratio[1] == pytest.approx(0.6)
