"""Issue 26's hostile cases through the commands, written the way users and attackers send them.

Each case damages a fresh copy of the demo workspace in one way and runs ``validate`` (and
``evaluate`` where every command must refuse it) in a forked child with a hang guard: exit 1, a
message naming the file and what is wrong, no traceback, no hang. The report cases check that no site
id writes outside ``--out``, that a rerun leaves no stale page, and that a failure half way leaves the
earlier report whole. New families go here as they are found.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hubplan.cli import app
from hubplan.files import safe_file_name
from tests.data.test_hostile import assert_refused, run_cli


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _append(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line)


def _append_bytes(path: Path, data: bytes) -> None:
    with path.open("ab") as handle:
        handle.write(data)


def _link(target: str) -> Callable[[Path], None]:
    def damage(ws: Path) -> None:
        (ws / "areas.csv").unlink()
        (ws / "areas.csv").symlink_to(target)

    return damage


def _first_ring(
    ws: Path, change: Callable[[list[list[float]]], object], *, text: tuple[str, str] = ("", "")
) -> None:
    """Change the first area's outer ring in boundaries.geojson (then replace ``text`` in the file)."""
    path = ws / "boundaries.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    area = next(f for f in data["features"] if f["properties"]["layer"] == "area")
    geometry = area["geometry"]
    ring = geometry["coordinates"][0] if geometry["type"] == "Polygon" else geometry["coordinates"][0][0]
    change(ring)
    path.write_text(json.dumps(data).replace(*text), encoding="utf-8")


def _to_grid(ring: list[list[float]]) -> None:
    """The first and last positions in British National Grid metres (as a GIS export might leave them)."""
    ring[0] = ring[-1] = [594703.1, 305758.3]


def _twice(ws: Path) -> None:
    """Copy areas.csv's children column to the end under the same header (a pasted column)."""
    lines = (ws / "areas.csv").read_text(encoding="utf-8").splitlines()
    at = lines[0].split(",").index("children")
    (ws / "areas.csv").write_text(
        "\n".join(f"{line},{line.split(',')[at]}" for line in lines) + "\n", encoding="utf-8"
    )


def _workbook(path: Path) -> None:
    """An .xlsx's first bytes and parts (a zip), under the table's .csv name."""
    import zipfile

    path.unlink()
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("[Content_Types].xml", "<Types/>")
        book.writestr("xl/workbook.xml", "<workbook/>")


def _fifo(ws: Path) -> None:
    (ws / "areas.csv").unlink()
    os.mkfifo(ws / "areas.csv")


def _scenario_link(ws: Path) -> None:
    (ws / "scenarios" / "stolen.yaml").symlink_to("/dev/urandom")


def _site_row(
    ws: Path, site_id: str, *, name: str = "A new library", lat: float = 52.5, lon: float = 1.0
) -> None:
    cells = [
        site_id,
        name,
        "library",
        str(lat),
        str(lon),
        "Breckland",
        "1000",
        "",
        "",
        "",
        "false",
        "false",
        "true",
    ]
    header = (ws / "sites.csv").read_text(encoding="utf-8").split("\n", 1)[0].split(",")
    _append(ws / "sites.csv", ",".join(cells + [""] * (len(header) - len(cells))) + "\n")


# (what the damage is, the damage, the pattern the message must have, whether evaluate refuses too)
CASES: list[tuple[str, Callable[[Path], None], str, bool]] = [
    ("areas.csv links to /dev/zero", _link("/dev/zero"), r"areas\.csv: expected a table inside the workspace", True),
    ("areas.csv is a FIFO", _fifo, r"areas\.csv: expected a table as a regular file, found a FIFO", True),
    ("a scenario links to /dev/urandom", _scenario_link, r"scenarios/stolen\.yaml: expected a scenario inside", True),
    ("postcode districts saved as Latin-1",
     lambda ws: _append_bytes(ws / "postcode_districts.csv", "NR99,52.6,1.0,1 # Dereham caf\xe9\n".encode("latin-1")),
     r"postcode_districts\.csv, row \d+: expected UTF-8 text .* \(the file looks saved as Latin-1", False),
    ("postcode districts without lat",
     lambda ws: (ws / "postcode_districts.csv").write_text("postcode_district,lon\nNR19,0.94\n"),
     r"postcode_districts\.csv, row 1, column 'lat': expected a column 'lat'", False),
    ("postcode districts with lat n/a",
     lambda ws: _append(ws / "postcode_districts.csv", "NR99,n/a,1.0,3\n"),
     r"postcode_districts\.csv, row \d+, column 'lat': expected a number", False),
    ("postcode districts with a capitalised header",
     lambda ws: (ws / "postcode_districts.csv").write_text("Postcode_District,Lat,Lon\nNR19,52.6,0.9\n"),
     r"did you mean 'lat'\?", False),
    ("places.csv with a bad latitude",
     lambda ws: (ws / "places.csv").write_text("name,lat,lon\nDereham,52.68,0.94\nDiss,fifty-two,1.1\n"),
     r"places\.csv, row 3, column 'lat': expected a number", False),
    ("decision.yaml indented with a tab",
     lambda ws: _replace(ws / "decision.yaml", "  scenario: proposal-2018-7", "\tscenario: proposal-2018-7"),
     r"decision\.yaml, row \d+: expected valid YAML", False),
    ("decision.yaml naming an unknown scenario",
     lambda ws: _replace(ws / "decision.yaml", "scenario: proposal-2018-7", "scenario: proposal-2018-07"),
     r"decision\.yaml, row 4, column 'proposal\.scenario': expected one of the workspace's scenarios", False),
    ("votes_for: lots", lambda ws: _replace(ws / "decision.yaml", "votes_for: 27", "votes_for: lots"),
     r"column 'motions\.1\.votes_for'", False),
    ("weeks: -8", lambda ws: _replace(ws / "decision.yaml", "weeks: 8", "weeks: -8"),
     r"column 'consultation\.weeks'", False),
    ("a consultation ending before it starts",
     lambda ws: _replace(ws / "decision.yaml", "end: 2018-11", "end: 2018-08"),
     r"expected an end on or after the start \(2018-09\)", False),
    ("decision.yaml saved as UTF-16 with a bad key",
     lambda ws: (ws / "decision.yaml").write_bytes("proposal: {scenario: proposal-2018-7, colour: red}\n".encode("utf-16")),
     r"decision\.yaml, row 1, column 'proposal\.colour': expected only the keys", False),
    ("themes.yaml that is not YAML", lambda ws: (ws / "themes.yaml").write_text("themes: [\n"),
     r"themes\.yaml, row \d+: expected valid YAML", False),
    ("a response id again in lower case with a space, and different answers",
     lambda ws: _append(ws / "responses-synthetic.csv", "syn-00002 ,2018-10-02T09:33,parent,NR17 5RH,,agree,Changed my mind.\n"),
     r"responses-synthetic\.csv, row \d+, column 'response_id': expected each response_id once", False),
    ("a response id twice with different comments",
     lambda ws: _append(ws / "responses-synthetic.csv", "SYN-00002,2018-10-02T09:33,parent,NR17 5RH,,agree,Changed my mind.\n"),
     r"responses-synthetic\.csv, row \d+, column 'response_id': expected each response_id once", False),
    ("speed_kph = true", lambda ws: _replace(ws / "hubplan.toml", "speed_kph = 4.5", "speed_kph = true"),
     r"column 'travel\.walk\.speed_kph': expected a valid number, found true", True),
    ("a speed in quotes",
     lambda ws: _replace(ws / "hubplan.toml", "speed_kph = 4.5", 'speed_kph = "4.5"'),
     r"column 'travel\.walk\.speed_kph': expected a valid number, found \"4\.5\" \(a number in quotes", True),
    ("a threshold in quotes",
     lambda ws: _replace(ws / "hubplan.toml", "thresholds_minutes = [10, 20, 30, 45]", 'thresholds_minutes = ["10", 20, 30, 45]'),
     r"column 'evaluation\.thresholds_minutes\.0': expected a valid number, found \"10\"", True),
    ("boundaries.geojson cut off half way",
     lambda ws: (ws / "boundaries.geojson").write_bytes((ws / "boundaries.geojson").read_bytes()[:150_000]),
     r"boundaries\.geojson: expected GeoJSON \(maps fall back to dots\), found not JSON", False),
    ("boundaries.geojson nested 200,000 deep",
     lambda ws: (ws / "boundaries.geojson").write_text('{"type":"FeatureCollection","features":' + "[" * 200_000 + "]" * 200_000 + "}"),
     r"boundaries\.geojson: expected GeoJSON \(maps fall back to dots\), found nesting too deep", False),
    ("usage.csv with a count that is not a number",
     lambda ws: _replace(ws / "usage.csv", "E01026419,36,", "E01026419,lots,"),
     r"usage\.csv, row 2, column 'registered'", False),
    ("lots counts of 0 and 100,000",
     lambda ws: _replace(ws / "hubplan.toml", "counts = [12, 1]", "counts = [0, 100000]"),
     r"column 'lots\.counts\.0': expected a value greater than or equal to 1, found 0", True),
    ("a decision dated in month 13",
     lambda ws: _replace(ws / "decision.yaml", "when: 2018-09", "when: 2018-13"),
     r"decision\.yaml, row \d+, column '[a-z_.]*when': expected a month 01 to 12, or a financial year such as 2018-19", False),
    ("a javascript: tile URL", lambda ws: _append(ws / "hubplan.toml", '\n[web]\ntile_url = "javascript:alert(1)"\n'),
     r"column 'web\.tile_url': expected an http:// or https:// address", True),
    ("a negative outreach budget", lambda ws: _append(ws / "hubplan.toml", "\n[outreach]\nbudget_per_year = -5\n"),
     r"column 'outreach\.budget_per_year'", True),
    ("an id equal to another but for case",
     lambda ws: _site_row(ws, "CC-Swaffham"), r"differs from 'cc-swaffham'", True),
    ("an id with a zero-width space", lambda ws: _site_row(ws, "lib-new\u200b"), r"ZERO WIDTH SPACE", True),
    ("an id with a Cyrillic с", lambda ws: _site_row(ws, "lib-\u0441entral"), r"mixes cyrillic and latin", True),
    ("the same centre again under an id with an en dash and its name without the apostrophe",
     lambda ws: _site_row(ws, "cc\u2013holt", name="Holt Childrens Centre", lat=52.90591, lon=1.08863),
     r"expected each site once \(the same name and place as 'cc-holt'", True),
    ("the same centre twice under a new id",
     lambda ws: _site_row(ws, "cc-swaffham-2", name="Swaffham Children's Centre", lat=52.6477, lon=0.6857),
     r"expected each site once \(the same name and place as 'cc-swaffham'", True),
    ("a site at 0,0 with no bounds", lambda ws: (
        _replace(ws / "hubplan.toml", "bounds = {", "# bounds = {"), _site_row(ws, "lib-null", lat=0, lon=0)),
     r"expected a position in England .*found 0, 0", True),
    ("a site in Edinburgh with no bounds", lambda ws: (
        _replace(ws / "hubplan.toml", "bounds = {", "# bounds = {"), _site_row(ws, "lib-edi", lat=55.953, lon=-3.188)),
     r"expected a position in England", True),
    ("a site in Germany (13.1 for 1.1) with no bounds", lambda ws: (
        _replace(ws / "hubplan.toml", "bounds = {", "# bounds = {"), _site_row(ws, "lib-de", lat=52.6, lon=13.1)),
     r"expected a position in England", True),
    ("districts = [] written out",
     lambda ws: _replace(ws / "hubplan.toml", '"Breckland",\n  "Broadland",\n  "Great Yarmouth",\n  "King\'s Lynn and West Norfolk",\n  "North Norfolk",\n  "Norwich",\n  "South Norfolk",\n', ""),
     r"hubplan\.toml, column 'region\.districts': expected one or more district names \(leave the key out to allow any district\), found \[\]", True),
    ("a district no area or site names",
     lambda ws: _replace(ws / "hubplan.toml", '  "Breckland",\n', '  "Breckland",\n  "Mid Suffolk",\n'),
     r"hubplan\.toml, column 'region\.districts': expected districts that areas\.csv or sites\.csv names .*found 'Mid Suffolk'", True),
    ("a district typed with a curly apostrophe in hubplan.toml",
     lambda ws: _replace(ws / "hubplan.toml", '"King\'s Lynn', '"King\u2019s Lynn'),
     r"has 1 problem\s+- hubplan\.toml, column 'region\.districts': expected district names written with the same "
     r"characters as the tables' district column, found 'King\u2019s Lynn and West Norfolk' with \u2019 "
     r"\(U\+2019 RIGHT SINGLE QUOTATION MARK\) where sites\.csv \(row \d+\) has ' \(U\+0027 APOSTROPHE\)", True),
    ("a threshold given twice",
     lambda ws: _replace(ws / "hubplan.toml", "thresholds_minutes = [10, 20, 30, 45]", "thresholds_minutes = [10, 20, 20, 30]"),
     r"column 'evaluation\.thresholds_minutes': expected each threshold once \(given more than once: 20\)", True),
    ("a tile URL with no {z}/{x}/{y}",
     lambda ws: _append(ws / "hubplan.toml", '\n[web]\ntile_url = "https://a.example/tile.png"\n'),
     r"column 'web\.tile_url': expected a tile template with \{z\}, \{x\}, \{y\} .*\(missing: \{z\}, \{x\}, \{y\}\)", True),
    ("boundaries.geojson with British National Grid coordinates",
     lambda ws: _first_ring(ws, _to_grid),
     r"boundaries\.geojson: expected WGS84 longitude, latitude in degrees, in Great Britain \(maps fall back to "
     r"dots\), found feature 'E0\d+' \(area\): position 0: 594703, 305758 \(these look like British National "
     r"Grid eastings and northings, EPSG:27700\)", False),
    ("boundaries.geojson with a latitude of 1e400",
     lambda ws: _first_ring(ws, lambda ring: ring[1].__setitem__(1, 12345.678), text=("12345.678", "1e400")),
     r"boundaries\.geojson: expected finite numbers \(maps fall back to dots\), found feature 'E0\d+' "
     r"\(area\): position 1: [\d.]+, inf", False),
    ("boundaries.geojson with a one-point polygon",
     lambda ws: _first_ring(ws, lambda ring: ring.__delitem__(slice(1, None))),
     r"boundaries\.geojson: expected polygon rings closed and of at least 4 positions \(RFC 7946\) \(maps fall "
     r"back to dots\), found feature 'E0\d+' \(area\): a ring of 1", False),
    ("an LSOA's children typed as 12e3",
     lambda ws: _replace(ws / "areas.csv", "E01026419,Breckland 010A,52.54444,0.93351,Breckland,71,",
                         "E01026419,Breckland 010A,52.54444,0.93351,Breckland,12e3,"),
     r"areas\.csv, row 2, column 'children': expected at most 5 times the 73 under-fives ONS counts in "
     r"E01026419 \(a typing slip\?\), found 12,000", True),
    ("an area's LSOA code in lower case",
     lambda ws: _replace(ws / "areas.csv", "E01026419,Breckland 010A", "e01026419,Breckland 010A"),
     r"has 1 problem\s+- areas\.csv, row 2, column 'id': expected an ONS code with its capital letter "
     r"\(E01026419\), found 'e01026419'", True),
    ("a mobile library stop at 25 o'clock",
     lambda ws: _replace(ws / "venues.csv", "Friday 13:45-14:00 every 4 weeks", "Friday 25:00-26:00 every 4 weeks"),
     r"venues\.csv, row \d+, column 'schedule': expected times of day from 00:00 to 24:00, found '25:00'", True),
    ("a tile URL whose host hides behind a user name",
     lambda ws: _append(ws / "hubplan.toml", '\n[web]\ntile_url = "https://tile.openstreetmap.org@evil.example/{z}/{x}/{y}.png"\n'),
     r"column 'web\.tile_url': expected an address with no user name before '@' \(this one goes to the host "
     r"'evil\.example', not 'tile\.openstreetmap\.org'\)", True),
    # Probe round 6: settings and tables under a name their editor or file manager gave them.
    ("hubplan.toml saved by Notepad as hubplan.toml.txt",
     lambda ws: (ws / "hubplan.toml").rename(ws / "hubplan.toml.txt"),
     r"hubplan\.toml: expected the settings in a file named exactly hubplan\.toml \(no other name is read\), "
     r"found none, but 'hubplan\.toml\.txt' is there: rename it hubplan\.toml", True),
    ("sites.csv downloaded again as 'sites (1).csv'",
     lambda ws: (ws / "sites.csv").rename(ws / "sites (1).csv"),
     r"sites\.csv: expected a sites table in .*, found none, but 'sites \(1\)\.csv' is there: rename it", True),
    ("a full postcode in postcode_districts.csv",
     lambda ws: _append(ws / "postcode_districts.csv", "NR20 4AB,52.70,1.01,1\n"),
     r"postcode_districts\.csv, row \d+, column 'postcode_district': expected a postcode district: the outward "
     r"code alone, e\.g\. IP20, found 'NR20 4AB', a full postcode \(its district is NR20\)", False),
    # Probe round 6: messages that named the wrong column, file or cause.
    ("areas.csv with its children column twice",
     _twice,
     r"has 1 problem\s+- areas\.csv, row 1, column 'children': expected each column once, found it twice", True),
    ("an LSOA code typed with a full-width E",
     lambda ws: _replace(ws / "areas.csv", "E01026419,Breckland 010A", "\uff2501026419,Breckland 010A"),
     r"areas\.csv, row 2, column 'id': expected an ONS code in plain letters and digits \(E01026419\), found "
     r"'\uff2501026419' with FULLWIDTH LATIN CAPITAL LETTER E", True),
    ("an Excel workbook saved over sites.csv",
     lambda ws: _workbook(ws / "sites.csv"),
     r"sites\.csv: expected comma-separated values \(in a spreadsheet: File, Save as, 'CSV UTF-8'\), found a zip "
     r"archive: an Excel \(\.xlsx\) or OpenDocument \(\.ods\) workbook, or a Word file, named \.csv", True),
    ("a web page saved as venues.csv",
     lambda ws: (ws / "venues.csv").write_text("<!DOCTYPE html>\n<html><head><title>Venues - Norfolk County Council</title>"),
     r"venues\.csv: expected comma-separated values .*, found a web page \(HTML\), named \.csv", True),
    ("an API's JSON saved as venues.csv",
     lambda ws: (ws / "venues.csv").write_text('[{"id": "lib-holt", "name": "Holt Library"}]\n'),
     r"venues\.csv: expected comma-separated values .*, found JSON, named \.csv", True),
    # Probe round 7: CSV injection through an id that every CSV output carries.
    ("a site id that is a spreadsheet formula",
     lambda ws: _site_row(ws, '=HYPERLINK("http://evil.example/x","Click")'),
     r"sites\.csv, row \d+, column 'id': expected an id that does not start with =, \+, - or @ \(a "
     r"spreadsheet runs such a cell\), found '=HYPERLINK", True),
    ("an area id that starts +cmd|",
     lambda ws: _replace(ws / "areas.csv", "E01026419,Breckland 010A", "+cmd|' /C calc'!A0,Breckland 010A"),
     r"areas\.csv, row 2, column 'id': expected an id that does not start with =, \+, - or @", True),
    ("a scenario saved again under its name in capitals",
     lambda ws: (ws / "scenarios" / "Adopted-2019-15.yaml").write_text(
         (ws / "scenarios" / "adopted-2019-15.yaml").read_text(encoding="utf-8").replace(
             "name: adopted-2019-15", "name: Adopted-2019-15"), encoding="utf-8"),
     r"scenarios/(?:Adopted|adopted)-2019-15\.yaml, column 'name': expected a name not used by "
     r"scenarios/(?:adopted|Adopted)-2019-15\.yaml but for case", True),
    ("sites.csv with a sites.geojson beside it",
     lambda ws: (ws / "sites.geojson").write_text('{"type": "FeatureCollection", "features": []}'),
     r"sites\.csv: expected one sites table \(hubplan would read sites\.csv and not the others\), found "
     r"sites\.csv, sites\.geojson side by side", True),
    ("decision.yaml saved as decision.yml",
     lambda ws: (ws / "decision.yaml").rename(ws / "decision.yml"),
     r"decision\.yaml: expected the record in a file named exactly decision\.yaml, found none, but "
     r"'decision\.yml' is there: rename it decision\.yaml", False),
    ("a site name holding a right-to-left override",
     lambda ws: _site_row(ws, "lib-rtl", name="Holt Library \u202eedisgnikrap"),
     r"sites\.csv, row \d+, column 'name': expected text of visible characters only.*RIGHT-TO-LEFT OVERRIDE", True),
    ("a settings section misspelt [evalution]",
     lambda ws: _replace(ws / "hubplan.toml", "[evaluation]", "[evalution]"),
     r"hubplan\.toml, column 'evalution': expected a known section \(see docs/reference/settings\.md, did you "
     r"mean \[evaluation\]\?\), found an unknown section", True),
    ("a scenario whose name: key was overwritten with yes",
     lambda ws: _replace(ws / "scenarios" / "proposal-2018-7.yaml", "name: proposal-2018-7", "name: yes"),
     r"found 'proposal-2018-7' \(scenarios/proposal-2018-7\.yaml is there, but its name: key gives it another "
     r"name\)", False),
]  # fmt: skip


@pytest.mark.parametrize(("what", "damage", "pattern", "everywhere"), CASES, ids=[c[0] for c in CASES])
def test_hostile_workspace_is_refused_by_validate(
    ws: Path, what: str, damage: Callable[[Path], None], pattern: str, everywhere: bool
) -> None:
    damage(ws)
    assert_refused(ws, pattern, commands=("validate", "evaluate") if everywhere else ("validate",))


def test_every_area_with_no_children_is_refused(ws: Path) -> None:
    lines = (ws / "areas.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    noun = "children" if "children" in header else "families"
    column = header.index(noun)
    rows = [lines[0]] + [
        ",".join(c if i != column else "0" for i, c in enumerate(r.split(","))) for r in lines[1:]
    ]
    (ws / "areas.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert_refused(ws, rf"areas\.csv, column '{noun}': expected {noun} above 0 in at least one area")


HOSTILE = "../../outside/pwned"


def _links(html: str) -> set[str]:
    return set(re.findall(r'href="centres/([^"]+)"', html))


def test_reports_stay_in_their_folder_whole_and_without_stale_pages(
    ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A site id that is a path (relative or absolute) writes only inside --out/centres; a rerun with
    fewer closing centres (38, against 46) leaves exactly its pages; a run that fails half way leaves
    the second report as it was."""
    absolute = str(tmp_path / "abs" / "pwned")
    for old, new in (("cc-litcham", HOSTILE), ("cc-watton", absolute)):
        for path in (ws / "sites.csv", ws / "scenarios" / "baseline-53.yaml"):
            _replace(path, old, f'"{new}"' if path.suffix == ".yaml" else new)
        usage = ws / "usage.csv"  # the modelled usage names the centre each area uses
        usage.write_text(usage.read_text(encoding="utf-8").replace(f",{old},", f",{new},"), encoding="utf-8")
    out = tmp_path / "out"
    first, second = run_cli(
        ["report", str(ws), "--out", str(out), "--no-pdf"],
        ["report", str(ws), "--out", str(out), "--no-pdf", "--scenarios", "baseline-53,adopted-2019-15"],
    )
    assert first["code"] == 0, first["output"]
    assert second["code"] == 0, second["output"]
    assert not (tmp_path / "outside").exists()
    assert not (tmp_path / "abs").exists()
    assert not (ws.parent / "outside").exists()
    html = (out / "report.html").read_text(encoding="utf-8")
    pages = {p.name for p in (out / "centres").iterdir()}
    assert pages == _links(html)
    assert len(pages) == 38
    assert {safe_file_name(HOSTILE, suffix=".html"), safe_file_name(absolute, suffix=".html")} <= pages
    assert sorted(p.name for p in out.iterdir()) == ["centres", "report.html"]
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    import hubplan.report.centres as centres

    def fails_half_way(*args: object, **kwargs: object) -> list[Path]:
        msg = "the disk filled up"
        raise OSError(msg)

    monkeypatch.setattr(centres, "write_centre_pages", fails_half_way)
    result = CliRunner().invoke(app, ["report", str(ws), "--out", str(out), "--no-pdf"])
    assert result.exit_code != 0
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs resource limits")
def test_consult_import_under_a_file_size_limit_is_a_message(ws: Path) -> None:
    """`ulimit -f 50` (25 kB): the store cannot grow, so the import fails with a message, not a traceback."""
    import resource
    import subprocess
    import sys

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (50 * 512, 50 * 512))

    cli = "import sys; from hubplan.cli import app; sys.argv[0] = 'hubplan'; app()"
    command = [sys.executable, "-c", cli, "consult", "import", str(ws), str(ws / "responses-synthetic.csv")]
    done = subprocess.run(
        command, preexec_fn=limited, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "the store could not be written" in done.stderr


def test_a_stored_matrix_that_is_a_fifo_is_named_not_waited_on(ws: Path) -> None:
    (ws / "travel").mkdir(exist_ok=True)
    os.mkfifo(ws / "travel" / "car.npz")
    assert_refused(ws, r"travel/car\.npz: expected a travel matrix as a regular file, found a FIFO")


def test_boundaries_linked_out_of_the_workspace_are_ignored(ws: Path, tmp_path: Path) -> None:
    """A link to a file elsewhere is not read (the map falls back to dots, as for a damaged file)."""
    from hubplan.data.boundaries import read_boundaries

    assert read_boundaries(ws)["area"]  # the demo's own outlines are read
    elsewhere = tmp_path / "elsewhere.geojson"
    shutil.copy(ws / "boundaries.geojson", elsewhere)
    (ws / "boundaries.geojson").unlink()
    (ws / "boundaries.geojson").symlink_to(elsewhere)
    assert read_boundaries(ws) == {"area": [], "district": [], "place": []}


def test_a_cache_folder_linked_out_of_the_workspace_is_never_written(ws: Path, tmp_path: Path) -> None:
    """A workspace sent with `.hubplan-cache` linked elsewhere: its travel minutes are not cached there."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(ws / ".hubplan-cache", ignore_errors=True)
    (ws / ".hubplan-cache").symlink_to(elsewhere)
    result = CliRunner().invoke(app, ["evaluate", str(ws), "proposal-2018-7"])
    assert result.exit_code == 0, result.output
    assert list(elsewhere.iterdir()) == []


def test_validate_flags_usage_counts_above_the_children_and_keeps_them(ws: Path) -> None:
    """`validate` reads usage.csv as `reach` does: 80 registered where 71 children live is a warning;
    99,999 (more than ten times as many, a slip) is refused."""
    _replace(ws / "usage.csv", "E01026419,36,", "E01026419,80,")
    result = CliRunner().invoke(app, ["validate", str(ws)])
    assert result.exit_code == 0, result.output
    assert (
        "warning: usage.csv, row 2, column 'registered': expected at most the area's children"
        in result.output
    )
    assert "kept as given, not capped" in result.output
    _replace(ws / "usage.csv", "E01026419,80,", "E01026419,99999,")
    result = CliRunner().invoke(app, ["validate", str(ws)])
    assert result.exit_code == 1, result.output
    assert (
        "99,999 registered in area E01026419, which has 71 children (rows 2): more than 10 times"
        in " ".join(result.output.split())
    )


def test_look_alike_districts_are_said_once_naming_the_character() -> None:
    """Each listed name once, however many rows spell it so; a name that is no look-alike is left alone."""
    import numpy as np

    from hubplan.data.districts import look_alike_districts
    from hubplan.errors import Problem

    listed = ["North  Norfolk", "Great Yarmouth", "South-Norfolk", "King\u2019s Lynn and West Norfolk"]
    cells = np.array(
        ["North Norfolk", "Great\u00a0Yarmouth", "South\u2013Norfolk", "King's Lynn and West Norfolk",
         "King's Lynn and West Norfolk", "Mid Suffolk"], dtype=object,
    )  # fmt: skip
    problems: list[Problem] = []
    alike = look_alike_districts(cells, listed, "venues.csv", np.arange(2, 8), problems)
    assert alike.tolist() == [True, True, True, True, True, False]
    assert [p.found for p in problems] == [
        "'North  Norfolk' with a space (U+0020 SPACE) that venues.csv (row 2) does not have",
        "'Great Yarmouth' with a space (U+0020 SPACE) where venues.csv (row 3) has a space (U+00A0 NO-BREAK SPACE)",
        "'South-Norfolk' with - (U+002D HYPHEN-MINUS) where venues.csv (row 4) has \u2013 (U+2013 EN DASH)",
        "'King\u2019s Lynn and West Norfolk' with \u2019 (U+2019 RIGHT SINGLE QUOTATION MARK) where venues.csv "
        "(row 5) has ' (U+0027 APOSTROPHE)",
    ]
    assert {(p.file, p.column) for p in problems} == {("hubplan.toml", "region.districts")}


def _another_council(ws: Path) -> None:
    """Keep only the outlines of 21 of the 538 areas (a boundaries file from another council's workspace)."""
    path = ws / "boundaries.geojson"
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    kept = [f for f in features if f["properties"]["layer"] != "area" or f["properties"]["id"] < "E01026440"]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": kept}), encoding="utf-8")


def test_boundaries_without_the_areas_outlines_are_a_warning_not_a_refusal(ws: Path) -> None:
    """Round 7 found validate and lots silent; the review found a refusal too strong: maps just show dots."""
    _another_council(ws)
    validate, report = run_cli(
        ["validate", str(ws)],
        ["report", str(ws), "--out", str(ws.parent / "r"), "--no-pdf", "--scenarios", "baseline-53"],
    )
    expected = (
        r"boundaries\.geojson: expected an outline for every area in the areas table \(maps fall back to dots\), "
        r"found \d{3} of 538 areas without one, e\.g\. 'E0\d+'"
    )
    assert validate["code"] == 0, validate["output"]
    assert re.search("warning: " + expected, " ".join(str(validate["output"]).split()))
    assert report["code"] == 0, report["output"]
    assert re.search("Note: " + expected, " ".join(str(report["output"]).split()))


def test_a_copy_of_a_table_beside_it_is_named_as_not_read(ws: Path) -> None:
    """Round 7: 'sites (1).csv' (a second download) beside sites.csv was silent; hubplan reads sites.csv."""
    shutil.copy(ws / "sites.csv", ws / "sites (1).csv")
    (result,) = run_cli(["validate", str(ws)])
    assert result["code"] == 0, result["output"]
    assert "warning: sites (1).csv is not read: hubplan reads sites.csv" in str(result["output"])
