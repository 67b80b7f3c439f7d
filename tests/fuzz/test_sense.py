"""Nonsense refused as people and attackers write it: look-alike ids, a site twice, far-off places,
contradictory flags, no demand, bools for numbers, script URLs, dates out of order, repeated responses.

The regression corpus of issue 26, items 4-6, on the tiny workspace of ``tests/helpers.py`` (two sites,
three areas in Norfolk) so each case is one small change whose expected problem is written out.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hubplan.consult.importer import MAX_CELL_CHARS, read_mapping, read_responses
from hubplan.data import load_workspace
from hubplan.data.assumptions import parse_assumptions
from hubplan.data.decision import read_decision
from hubplan.data.points import PLACES_FILE, POSTCODE_DISTRICTS_FILE, load_points
from hubplan.data.sense import identity_key
from hubplan.errors import InputError
from tests.helpers import TINY_AREAS, TINY_SITES, write_workspace

NO_BOUNDS = '[region]\nname = "Tiny"\ndistricts = ["D1", "D2"]\n\n[evaluation]\nbaseline = "both"\n'


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_workspace(folder)
    return [str(p) for p in caught.value.problems]


def test_identity_key_folds_case_width_and_invisible_characters() -> None:
    """NFKC turns the full-width 'ＣＣ' into 'CC'; case-folding and dropping U+200B and spaces do the rest."""
    assert identity_key("ＣＣ-1\u200b") == identity_key("cc-1") == "cc-1"
    assert identity_key("сс-1") != identity_key("cc-1")  # Cyrillic: flagged as mixed or clashing elsewhere


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        ("s1", "sites.csv, row 3, column 'id': expected an id that differs from 'S1' (sites.csv row 2) in more than "
               "case or hidden characters, found 's1'"),
        ("S1\u200b", "sites.csv, row 3, column 'id': expected an id of visible characters only, found "
                     "'S1\\u200b', which holds ZERO WIDTH SPACE"),
        ('"S\n2"', "sites.csv, row 3, column 'id': expected an id of visible characters only, found 'S\\n2', "
                   "which holds a line break"),
        ("Sс2", "sites.csv, row 3, column 'id': expected an id in one alphabet, found 'Sс2', which mixes "
                "cyrillic and latin letters that look alike"),
        ("\u1e601", "sites.csv, row 3, column 'id': expected an id that does not look like 'S1' (sites.csv "
                   "row 2), found '\u1e601', the same but for look-alike letters"),  # a dot above the S
    ],
)  # fmt: skip
def test_look_alike_ids_are_named(tmp_path: Path, second: str, expected: str) -> None:
    sites = [TINY_SITES[0], f"{second},Site two,library,52.70,1.10,D2,50"]
    folder = write_workspace(tmp_path / "w", sites=sites, scenarios={"both": "bases: [S1]\n"})
    assert expected in problems_of(folder)


def test_an_all_cyrillic_look_alike_of_another_id_is_named(tmp_path: Path) -> None:
    """'Ѕ1' is CYRILLIC CAPITAL LETTER DZE and a digit: one alphabet, but it looks like 'S1'."""
    sites = [TINY_SITES[0], "\u04051,Site two,library,52.70,1.10,D2,50"]
    folder = write_workspace(tmp_path / "w", sites=sites, scenarios={"both": "bases: [S1]\n"})
    assert problems_of(folder) == [
        "sites.csv, row 3, column 'id': expected an id that does not look like 'S1' (sites.csv row 2), "
        "found '\u04051', the same but for look-alike letters"
    ]


def test_a_small_capital_look_alike_is_named(tmp_path: Path) -> None:
    """'ʜᴏʟᴛ' is written in small capitals (a font trick copied from a social media post)."""
    sites = [
        "HOLT,Holt Children's Centre,children_centre,52.60,1.00,D1,100",
        "\u029c\u1d0f\u029f\u1d1b,Holt library,library,52.70,1.10,D2,50",
    ]
    folder = write_workspace(tmp_path / "w", sites=sites, scenarios={"both": "bases: [HOLT]\n"})
    assert problems_of(folder) == [
        "sites.csv, row 3, column 'id': expected an id that does not look like 'HOLT' (sites.csv row 2), "
        "found '\u029c\u1d0f\u029f\u1d1b', the same but for look-alike letters"
    ]


@pytest.mark.parametrize("second", ["007", "7.0", "07"])
def test_ids_a_spreadsheet_shows_as_one_number_are_named(tmp_path: Path, second: str) -> None:
    """Sites '7' and '007' are two ids to hubplan and one to anyone reading a spreadsheet."""
    sites = [
        "7,Holt Children's Centre,children_centre,52.60,1.00,D1,100",
        f"{second},Holt library,library,52.70,1.10,D2,50",
    ]
    folder = write_workspace(tmp_path / "w", sites=sites, scenarios={"both": "bases: ['7']\n"})
    assert problems_of(folder) == [
        f"sites.csv, row 3, column 'id': expected an id that is not the same number as '7' (sites.csv row 2), "
        f"found '{second}', which a spreadsheet shows as 7"
    ]


def test_an_area_code_repeated_in_lower_case_is_named(tmp_path: Path) -> None:
    areas = [*TINY_AREAS, "a1,52.61,1.02,D1,5,1,urban,0.5"]
    folder = write_workspace(tmp_path / "w", areas=areas)
    assert any("'a1'" in p and "differs from 'A1'" in p for p in problems_of(folder))


def test_the_same_centre_under_a_new_id_is_named(tmp_path: Path) -> None:
    """Same name, 0.0001 degrees (about 11 m) away: the same building twice."""
    sites = [*TINY_SITES, "S3,site ONE,children_centre,52.6001,1.0001,D1,100"]
    folder = write_workspace(tmp_path / "w", sites=sites)
    assert (
        "sites.csv, row 4, column 'id': expected each site once (the same name and place as 'S1', "
        "sites.csv row 2), found 'S3'"
    ) in problems_of(folder)


def test_required_and_excluded_and_no_demand_are_refused(tmp_path: Path) -> None:
    sites = ["S1,Site one,children_centre,52.60,1.00,D1,100,true,true", TINY_SITES[1]]
    areas = [
        a.replace(",10,1,", ",0,1,").replace(",20,5,", ",0,5,").replace(",30,10,", ",0,10,")
        for a in TINY_AREAS
    ]
    folder = write_workspace(
        tmp_path / "w",
        sites=sites,
        areas=areas,
        sites_header="id,name,kind,lat,lon,district,cost_per_year,required,excluded",
    )
    found = problems_of(folder)
    assert (
        "sites.csv, row 2, column 'excluded': expected a site either required or excluded as a base, not both, found both true"
        in found
    )
    assert (
        "areas.csv, column 'families': expected families above 0 in at least one area (every plan would serve no one), found 0 in all 3 areas"
        in found
    )


@pytest.mark.parametrize(
    ("lat", "lon", "what"),
    [
        ("0", "0", "null island"),
        ("1.00", "52.60", "latitude and longitude swapped (Somalia)"),
        ("52.60", "13.1", "13.1 typed for 1.1 (Germany)"),
        ("55.953", "-3.188", "Edinburgh"),
        ("51.62", "-3.94", "Swansea"),
        ("54.15", "-4.48", "the Isle of Man"),
    ],
)
def test_positions_outside_england_are_refused_without_bounds(
    tmp_path: Path, lat: str, lon: str, what: str
) -> None:
    sites = [TINY_SITES[0], f"S2,Site two,library,{lat},{lon},D2,50"]
    folder = write_workspace(tmp_path / "w", sites=sites, toml=NO_BOUNDS)
    found = problems_of(folder)
    assert any(
        p.startswith("sites.csv, row 3, column 'lat': expected a position in England") for p in found
    ), what


def test_english_positions_pass_without_bounds(tmp_path: Path) -> None:
    sites = [
        TINY_SITES[0],
        "S2,Kielder library,library,55.23,-2.58,D2,50",
        "S3,St Mary's,school,49.915,-6.31,D1,9",
    ]
    folder = write_workspace(tmp_path / "w", sites=sites, toml=NO_BOUNDS)
    assert len(load_workspace(folder).sites) == 3


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({"travel": {"car": {"speed_kph": True, "circuity": 1.3, "access_minutes": 0}}},
         "hubplan.toml, column 'travel.car.speed_kph': expected a valid number, found true"),
        ({"costs": {"staff_per_session": False}},
         "hubplan.toml, column 'costs.staff_per_session': expected a valid integer, found false"),
        ({"web": {"tile_url": "javascript:alert(1)"}},
         "hubplan.toml, column 'web.tile_url': expected an http:// or https:// address such as "
         "https://tile.openstreetmap.org/{z}/{x}/{y}.png, found 'javascript:alert(1)'"),
        ({"web": {"tile_url": "file:///etc/passwd"}}, "web.tile_url"),
        ({"outreach": {"budget_per_year": -100}},
         "hubplan.toml, column 'outreach.budget_per_year': expected a value greater than or equal to 0, found -100"),
    ],
)  # fmt: skip
def test_settings_are_typed_strictly(settings: dict[str, object], expected: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_assumptions(settings)
    assert any(expected in str(p) for p in caught.value.problems), caught.value.problems


def test_flags_still_take_true_and_false() -> None:
    assert parse_assumptions({"circuits": {"in_report": False}}).circuits.in_report is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("proposal: {scenario: x}\nconsultation:\n  start: 2018-11-14\n  end: 2018-09-01\n",
         "decision.yaml, row 2, column 'consultation': expected an end on or after the start (2018-11-14), not before it"),
        ("proposal: {scenario: x}\nconsultation:\n  weeks: -8\n", "consultation.weeks"),
        ("proposal: {scenario: x}\nmotions:\n  - title: M\n    votes_for: lots\n", "motions.0.votes_for"),
        ("proposal:\n\tscenario: x\n", "expected valid YAML, found character '\\t' that cannot start any token"),
        ("proposal:\n  scenario: x\n\n# the adopted plan\nproposal:\n  scenario: y\n",
         "decision.yaml, row 5: expected each key once, found the key 'proposal' again"),
        ("proposal: {scenario: x}\nconsultation:\n  start: 2018-09\n  end: 2018-11\n  weeks: 1000000000\n",
         "decision.yaml, row 5, column 'consultation.weeks': expected less than or equal to 52"),
        ("proposal:\n  scenario: x\n  when: 2099-09\n",
         "decision.yaml, row 3, column 'proposal.when': expected a year from 1998 to"),
    ],
)  # fmt: skip
def test_decision_mistakes_are_named(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "decision.yaml"
    path.write_text(text)
    with pytest.raises(InputError) as caught:
        read_decision(path, scenarios=("x",))
    assert any(expected in str(p) for p in caught.value.problems), caught.value.problems


def test_a_utf16_decision_reads_as_its_utf8_twin(tmp_path: Path) -> None:
    text = "proposal: {scenario: x, title: Café}\n"
    (tmp_path / "a.yaml").write_bytes(text.encode("utf-16"))
    (tmp_path / "b.yaml").write_text(text, encoding="utf-8")
    assert read_decision(tmp_path / "a.yaml") == read_decision(tmp_path / "b.yaml")


@pytest.mark.parametrize(
    ("file", "content", "expected"),
    [
        (PLACES_FILE, b"name,lat,lon\nDereham,n/a,0.94\n",
         "places.csv, row 2, column 'lat': expected a number (latitude in degrees (WGS84)), found 'n/a'"),
        (POSTCODE_DISTRICTS_FILE, b"postcode_district,lon\nNR19,0.94\n",
         "postcode_districts.csv, row 1, column 'lat': expected a column 'lat' (latitude in degrees (WGS84)), found none"),
        (POSTCODE_DISTRICTS_FILE, b"postcode_district,Lat,lon\nNR19,52.68,0.94\n", "did you mean 'lat'?"),
        (POSTCODE_DISTRICTS_FILE, b"postcode_district,lat,lon\nNR19,52.68,0.94\nCaf\xe9,1,1\n",
         "postcode_districts.csv, row 3: expected UTF-8 text"),
        (POSTCODE_DISTRICTS_FILE, b"postcode_district,lat,lon\nNR19,52.68,0.94\nNR20,52.7,1.0\nnr19 ,53.0,0.94\n",
         "postcode_districts.csv, row 4, column 'postcode_district': expected each postcode district once "
         "(already in row 2), found 'NR19'"),
        (POSTCODE_DISTRICTS_FILE, b"postcode_district,lat,lon\nIP20 0AA,52.41,1.31\n",
         "postcode_districts.csv, row 2, column 'postcode_district': expected a postcode district: the outward "
         "code alone, e.g. IP20, found 'IP20 0AA', a full postcode (its district is IP20)"),
        (POSTCODE_DISTRICTS_FILE, b"postcode_district,lat,lon\nNorwich,52.63,1.29\n",
         "row 2, column 'postcode_district': expected a postcode district: the outward code alone, e.g. IP20, "
         "found 'Norwich'"),
        (POSTCODE_DISTRICTS_FILE, "postcode_district,lat,lon\nIP20,52.41,1.31\nＩＰ２０,52.4,1.3\n".encode(),
         "row 3, column 'postcode_district': expected each postcode district once (already in row 2), "
         "found 'IP20'"),
    ],
)  # fmt: skip
def test_point_tables_go_through_the_checked_reader(
    tmp_path: Path, file: str, content: bytes, expected: str
) -> None:
    (tmp_path / file).write_bytes(content)
    with pytest.raises(InputError) as caught:
        load_points(tmp_path, file)
    assert any(expected in str(p) for p in caught.value.problems), caught.value.problems


HEADER = "response_id,submitted_at,respondent_type,postcode,centre,support,comment\n"


def test_a_response_id_repeated_with_other_answers_names_both_rows(tmp_path: Path) -> None:
    """Rows 2 and 3 share r1 with different comments: neither is kept, both are named; row 4 repeats
    r2 exactly (kept once); so 1 row is kept."""
    export = tmp_path / "export.csv"
    export.write_text(
        HEADER
        + "r1,2018-11-01,parent,NR19 1AA,Dereham,agree,keep it\n"
        + "r1,2018-11-01,parent,NR19 1AA,Dereham,agree,close it\n"
        + "r2,2018-11-02,parent,NR19 1AA,Dereham,agree,same\n"
        + "r2,2018-11-02,parent,NR19 1AA,Dereham,agree,same\n"
    )
    result = read_responses(export)
    assert [r["response_id"] for r in result.rows] == ["r2"]
    assert sorted(str(p) for p in result.problems) == [
        "export.csv, row 2, column 'response_id': expected each response_id once (row 3 gives it again with "
        "different answers), found 'r1'",
        "export.csv, row 3, column 'response_id': expected each response_id once, or the same response again "
        "(row 2 has 'r1'), found 'r1' with different answers",
    ]


def test_a_cell_over_the_limit_says_so(tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_text(HEADER + f'r1,2018-11-01,parent,NR19 1AA,Dereham,agree,"{"a" * 300_000}"\n')
    with pytest.raises(InputError) as caught:
        read_responses(export)
    assert [str(p) for p in caught.value.problems] == [
        f"export.csv, row 2: expected cells of at most {MAX_CELL_CHARS:,} characters, "
        f"found a longer cell (over {MAX_CELL_CHARS:,} characters)"
    ]


def test_a_mapping_naming_a_missing_column_is_refused(tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_text(HEADER + "r1,2018-11-01,parent,NR19 1AA,Dereham,agree,ok\n")
    mapping = tmp_path / "mapping.toml"
    mapping.write_text('[columns]\ncomment = "Your comments"\n')
    with pytest.raises(InputError, match="does not have") as caught:
        read_responses(export, mapping=read_mapping(mapping))
    assert str(caught.value.problems[0]) == (
        "mapping, column 'columns.comment': expected a column of export.csv, found 'Your comments'"
    )
