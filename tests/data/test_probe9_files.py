"""Probe round 9: hidden characters, money as written, scenario files and district typos, via ``validate``."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from hubplan.cli import app
from hubplan.data.characters import hidden_character
from tests.helpers import SITES_HEADER, TINY_AREAS, TINY_TOML, write_workspace

runner = CliRunner()


def _validate(folder: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["validate", str(folder)])
    return result.exit_code, " ".join(result.output.split())


@pytest.mark.parametrize(
    ("char", "named"),
    [
        ("\x0b", "U+000B (vertical tab, Word's manual line break)"),
        ("\x1b[31m", "U+001B (escape, the start of a terminal colour code)"),
        ("\x01", "U+0001 (a control character)"),
        ("\x07", "U+0007 (bell)"),
        ("\x7f", "U+007F (delete)"),
        ("\x9b", "U+009B (a control character)"),
    ],
)
def test_a_site_name_pasted_with_a_control_character_is_named(tmp_path: Path, char: str, named: str) -> None:
    """Word's Shift+Enter pasted into a spreadsheet cell: no chart can draw it, so validate refuses it."""
    sites = [f"S1,Attleborough{char}Children's Centre,children_centre,52.60,1.00,D1,100",
             "S2,Site two,library,52.70,1.10,D2,50"]  # fmt: skip
    code, output = _validate(write_workspace(tmp_path / "w", sites=sites))
    assert code == 1
    assert "sites.csv, row 2, column 'name': expected text of visible characters only" in output
    assert f"which holds {named}" in output
    assert "find and replace" in output


def test_an_area_name_with_a_vertical_tab_is_named(tmp_path: Path) -> None:
    areas = [f"{row},Old\x0bTown" for row in TINY_AREAS]
    folder = write_workspace(
        tmp_path / "w", areas=areas, areas_header="id,lat,lon,district,families,deprivation_decile,"
        "rurality,no_car_share,name"
    )  # fmt: skip
    code, output = _validate(folder)
    assert code == 1
    assert "areas.csv, row 2, column 'name'" in output
    assert "U+000B" in output


def test_a_line_break_in_a_cell_is_still_allowed(tmp_path: Path) -> None:
    sites = [
        'S1,"Site\none",children_centre,52.60,1.00,D1,100',
        "S2,Site two\t(old),library,52.70,1.10,D2,50",
    ]
    code, output = _validate(write_workspace(tmp_path / "w", sites=sites))
    assert code == 0, output


def test_a_scenario_title_with_a_yaml_vertical_tab_escape_is_named(tmp_path: Path) -> None:
    scenarios = {"both": "bases: [S1, S2]\n", "one": 'title: "First proposal\\v(Sept 2018)"\nbases: [S1]\n'}
    code, output = _validate(write_workspace(tmp_path / "w", scenarios=scenarios))
    assert code == 1
    assert "scenarios/one.yaml, row 1, column 'title': expected text of visible characters only" in output
    assert "U+000B (vertical tab" in output


def test_a_scenario_description_may_hold_lines_but_not_escapes(tmp_path: Path) -> None:
    lines = {
        "both": "bases: [S1, S2]\n",
        "one": "description: |\n  First line\n  second\tline\nbases: [S1]\n",
    }
    assert _validate(write_workspace(tmp_path / "a", scenarios=lines))[0] == 0
    escape = {"both": "bases: [S1, S2]\n", "one": 'description: "red \\e[31m text"\nbases: [S1]\n'}
    code, output = _validate(write_workspace(tmp_path / "b", scenarios=escape))
    assert code == 1
    assert "column 'description'" in output
    assert "U+001B" in output


def test_a_control_character_in_hubplan_toml_is_named_by_its_key(tmp_path: Path) -> None:
    toml = TINY_TOML.replace('name = "Tiny"', 'name = "Tiny\\u000bCouncil"')
    code, output = _validate(write_workspace(tmp_path / "w", toml=toml))
    assert code == 1
    assert "hubplan.toml, column 'region.name': expected text of visible characters only" in output
    assert "U+000B" in output


def test_the_web_check_and_the_file_check_are_one() -> None:
    """The web API's saved plans and the workspace's files describe a character alike."""
    assert hidden_character("Holt\u200bcentre") == "ZERO WIDTH SPACE"
    assert hidden_character("a\nb") == "a line break"
    assert hidden_character("a\nb\tc", lines=True) is None


@pytest.mark.parametrize("cost", ['"205,000"', '"£205,000"', '"£ 205,000.00"', "£205000"])
def test_money_is_read_as_the_docs_say(tmp_path: Path, cost: str) -> None:
    """docs/workspace.md: 205000, 205,000 or £205,000; Excel's Currency format writes £ 205,000.00."""
    sites = [f"S1,Site one,children_centre,52.60,1.00,D1,{cost}", "S2,Site two,library,52.70,1.10,D2,50"]
    folder = write_workspace(tmp_path / "w", sites=sites)
    code, output = _validate(folder)
    assert code == 0, output
    from hubplan.data import load_workspace

    assert load_workspace(folder).sites.cost_per_year[0] == 205_000


def test_a_thousands_dot_is_still_refused(tmp_path: Path) -> None:
    sites = ["S1,Site one,children_centre,52.60,1.00,D1,205.000", "S2,Site two,library,52.70,1.10,D2,50"]
    code, output = _validate(write_workspace(tmp_path / "w", sites=sites))
    assert code == 1
    assert "column 'cost_per_year': expected a sum in £ without a thousands dot" in output


def test_a_scenario_file_name_with_a_space_is_refused(tmp_path: Path) -> None:
    folder = write_workspace(tmp_path / "w")
    (folder / "scenarios" / "My Plan.yaml").write_text("bases:\n - S1\n")
    code, output = _validate(folder)
    assert code == 1
    assert "scenarios/My Plan.yaml, column 'name': expected a file name that is a name of letters" in output
    assert "rename the file (e.g. my-plan.yaml) or add a name: line" in output


def test_a_scenario_file_with_a_safe_name_line_may_have_any_file_name(tmp_path: Path) -> None:
    folder = write_workspace(tmp_path / "w")
    (folder / "scenarios" / "My Plan.yaml").write_text("name: my-plan\nbases:\n - S1\n")
    assert _validate(folder)[0] == 0


@pytest.mark.parametrize("ending", [".yaml.txt", ".yml.txt", ".yaml.TXT"])
def test_a_scenario_saved_by_notepad_is_named(tmp_path: Path, ending: str) -> None:
    folder = write_workspace(tmp_path / "w")
    (folder / "scenarios" / "one.yaml").rename(folder / "scenarios" / f"one{ending}")
    code, output = _validate(folder)
    assert code == 1
    stem = f"one{ending}".rpartition(".")[0]
    assert f"scenarios/one{ending}: expected a scenario file ending .yaml: rename it {stem}" in output


def test_scenarios_that_is_a_file_is_named(tmp_path: Path) -> None:
    folder = write_workspace(tmp_path / "w", scenarios={})
    (folder / "scenarios").rmdir()
    (folder / "scenarios").write_text("x\n")
    code, output = _validate(folder)
    assert code == 1
    assert "scenarios: expected a folder of .yaml files (one scenario each), found a file" in output
    assert "evaluation.baseline" not in output  # not blamed on hubplan.toml


def test_one_district_typo_in_hubplan_toml_is_one_problem(tmp_path: Path) -> None:
    toml = TINY_TOML.replace('districts = ["D1", "D2"]', 'districts = ["D1", "Dee2"]')
    sites = ["S1,Site one,children_centre,52.60,1.00,D1,100", "S2,Site two,library,52.70,1.10,Dee 2,50"]
    areas = [row.replace(",D2,", ",Dee 2,") for row in TINY_AREAS]
    code, output = _validate(write_workspace(tmp_path / "w", sites=sites, areas=areas, toml=toml))
    assert code == 1
    assert "1 problem" in output
    assert "hubplan.toml, column 'region.districts'" in output
    assert "found 'Dee2', which no row names: did you mean 'Dee 2' (3 rows of the tables name it)?" in output


def test_a_5_mb_cell_is_named_by_its_column_and_the_cell_limit(tmp_path: Path) -> None:
    """A schedule pasted whole into one cell: not csv's 'field larger than field limit (131072)'."""
    sites = [f"S1,Site one,children_centre,52.60,1.00,D1,100,{'x' * 5_000_000}",
             "S2,Site two,library,52.70,1.10,D2,50,"]  # fmt: skip
    folder = write_workspace(tmp_path / "w", sites=sites, sites_header=f"{SITES_HEADER},schedule")
    code, output = _validate(folder)
    assert code == 1
    assert "sites.csv, row 2, column 'schedule': expected at most 1,000 characters, found 5,000,000" in output
    assert "field limit" not in output


def test_a_scenario_over_its_own_budget_is_a_warning_in_validate_and_evaluate(tmp_path: Path) -> None:
    """Probe 9 #17: bases costing 386 times the scenario's budget_per_year evaluated without a word."""
    scenarios = {"both": "bases: [S1, S2]\n", "x": "budget_per_year: 1\nbases: [S1, S2]\n"}
    folder = write_workspace(tmp_path / "w", scenarios=scenarios)
    warning = (
        "warning: scenario 'x' (scenarios/x.yaml): its bases cost £150 a year, more than its "
        "budget_per_year of £1"
    )
    code, output = _validate(folder)
    assert code == 0
    assert warning in output
    result = runner.invoke(app, ["evaluate", str(folder), "x"])
    assert result.exit_code == 0
    assert warning in " ".join(result.output.split())
    result = runner.invoke(app, ["evaluate", str(folder), "x", "--json"])
    assert "over budget: scenario 'x'" in result.stdout
    assert "warning" not in _validate(write_workspace(tmp_path / "ok"))[1]


def test_a_multi_line_text_in_hubplan_toml_is_still_allowed(tmp_path: Path) -> None:
    toml = TINY_TOML.replace(
        'name = "Tiny"', 'name = "Tiny"\nmodelled = """Costs are modelled;\n\tso are positions."""'
    )
    assert _validate(write_workspace(tmp_path / "w", toml=toml))[0] == 0
