"""Settings in ``hubplan.toml`` a user gets wrong: each refused by ``validate``, naming the setting.

The cases of probe round 8 (issue 26): settings that were accepted although no council could mean
them, each written the way a user would type it into the tiny workspace's ``hubplan.toml``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from hubplan.cli import app
from tests.helpers import TINY_TOML, write_workspace

runner = CliRunner()


def validate_with(tmp_path: Path, extra: str, *, toml: str = TINY_TOML) -> str:
    """Run ``validate`` on the tiny workspace with ``extra`` added to its settings; expect exit 1."""
    folder = write_workspace(tmp_path / "w", toml=toml + extra)
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return " ".join(result.output.split())


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (  # probe 8 #11: a day of 1e308 minutes
            "\n[circuits]\nmax_day_minutes = 1e308\n",
            "hubplan.toml, column 'circuits.max_day_minutes': expected a value less than or equal to 1440, "
            "found 1e+308",
        ),
        (
            "\n[circuits]\nstop_max_minutes = 5000\n",
            "column 'circuits.stop_max_minutes': expected a value less than or equal to 1440",
        ),
        (  # probe 8 #7: 679 sessions a week at one library, reaching 6.8e-318 families
            "\n[outreach]\nfamilies_per_session = 1e-320\n",
            "hubplan.toml, column 'outreach.families_per_session': expected a value greater than or equal "
            "to 1, found 1e-320",
        ),
        (  # probe 8 #9: every family weighted 0, any plan "proven optimal"
            "\n[optimise]\nneed_weights = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]\n",
            "hubplan.toml, column 'optimise.need_weights': expected at least one weight above 0",
        ),
        (  # probe 8 #28: walking three times faster than the car
            "\n[travel.walk]\nspeed_kph = 250\ncircuity = 1.3\naccess_minutes = 0\n",
            "hubplan.toml, column 'travel.walk': expected speed_kph for walk from 1 to 10 km/h",
        ),
        (
            "\n[travel.car]\nspeed_kph = 200\ncircuity = 1.25\naccess_minutes = 5\n",
            "hubplan.toml, column 'travel.car': expected speed_kph for car from 1 to 130 km/h",
        ),
        (
            "\n[travel.bus]\nfixed_minutes = 2\nminutes_per_km = 0.01\nexponent = 0.6\n"
            "rurality_factor = { rural_town = 1.0, rural_village = 1.0 }\n",
            "column 'travel.bus': expected a bus model (minutes_per_km, exponent) whose speed over 10 km "
            "from 1 to 130 km/h",
        ),
    ],
)
def test_implausible_settings_are_refused_naming_the_setting(
    tmp_path: Path, extra: str, message: str
) -> None:
    assert message in validate_with(tmp_path, extra)


def test_a_district_listed_twice_is_refused_naming_it(tmp_path: Path) -> None:
    """Probe 8 #29: ``districts`` naming Norwich twice (a paste) was taken."""
    toml = TINY_TOML.replace('districts = ["D1", "D2"]', 'districts = ["D1", "D2", "D1"]')
    output = validate_with(tmp_path, "", toml=toml)
    assert (
        "hubplan.toml, column 'region.districts': expected each district named once; 'D1' is named twice"
        in (output)
    )


def test_a_district_listed_twice_in_other_case_names_both(tmp_path: Path) -> None:
    toml = TINY_TOML.replace('districts = ["D1", "D2"]', 'districts = ["D1", "D2", "d2 "]')
    output = validate_with(tmp_path, "", toml=toml)
    assert "'d2 ' is named twice (also as 'D2')" in output


def test_plausible_speeds_are_kept(tmp_path: Path) -> None:
    toml = TINY_TOML + "\n[travel.walk]\nspeed_kph = 10\ncircuity = 1.3\naccess_minutes = 0\n"
    folder = write_workspace(tmp_path / "w", toml=toml)
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 0, result.output
