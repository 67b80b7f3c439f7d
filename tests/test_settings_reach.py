"""What a user sets in hubplan.toml reaches every output: thresholds, the access rule, the access mode.

The issue this guards against: with ``thresholds_minutes = [15, 40]`` the outputs still spoke of "30
minutes by bus", or failed; the centre pages said "by bus" whatever the access mode; the sweep swept
at its own threshold. Each drawn setting is written into a copy of the Norfolk workspace and compare,
optimise, outreach, the report and its centre pages, the sweep's settings and the web API (a centre
page included) run on it; they must succeed, speak of the thresholds and mode set, and never of a
threshold that is not set.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from hubplan.cli import app
from hubplan.data import write_bundled_workspace

MODES = ("walk", "car", "bus")


@pytest.fixture(scope="module")
def norfolk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_bundled_workspace(tmp_path_factory.mktemp("settings") / "norfolk")


def configure(source: Path, folder: Path, thresholds: list[int], access: int | None, mode: str) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(source, folder, ignore=shutil.ignore_patterns(".hubplan-cache"))
    toml = folder / "hubplan.toml"
    text = toml.read_text().replace(
        "thresholds_minutes = [10, 20, 30, 45]", f"thresholds_minutes = {thresholds}"
    )
    extra = f'access_mode = "{mode}"\n' + (f"access_minutes = {access}\n" if access is not None else "")
    text = text.replace('deprivation = "imd"', f'deprivation = "imd"\n{extra}', 1)
    toml.write_text(text)
    return folder


def never_speaks_of(text: str, minutes: int) -> None:
    """Fail if ``text`` uses ``minutes`` as a threshold ("within 30 min", "30 minutes by bus", "(30 min")."""
    threshold = rf"(?:(?:within|beyond|than|over|\() ?{minutes} min|(?<![\d.]){minutes} min(?:utes)? by)"
    found = re.findall(threshold, text)
    assert not found, f"an output speaks of {minutes} minutes as a threshold: {found[:3]}"


@settings(
    max_examples=4,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    thresholds=st.lists(
        st.integers(5, 80).filter(lambda t: t != 30), min_size=2, max_size=4, unique=True
    ).map(sorted),
    pick=st.integers(0, 3) | st.none(),
    mode=st.sampled_from(MODES),
)
@example(thresholds=[15, 40], pick=None, mode="bus")
def test_settings_reach_every_output(
    norfolk: Path, tmp_path: Path, thresholds: list[int], pick: int | None, mode: str
) -> None:
    access = None if pick is None else thresholds[pick % len(thresholds)]
    folder = configure(norfolk, tmp_path / "w", thresholds, access, mode)
    expected_access = access if access is not None else min(thresholds, key=lambda t: (abs(t - 30), t))
    runner = CliRunner()
    outputs = {}
    for name, args in {
        "compare": ["compare", str(folder), "baseline-53", "proposal-2018-7", "adopted-2019-15"],
        "evaluate": ["evaluate", str(folder), "adopted-2019-15"],
        "optimise": ["optimise", str(folder), "--bases", "7", "--method", "heuristic"],
        "outreach": ["outreach", str(folder), "adopted-2019-15"],
        "report": ["report", str(folder), "--scenarios", "baseline-53,adopted-2019-15", "--out",
                   str(tmp_path / "report"), "--no-pdf"],
    }.items():  # fmt: skip
        result = runner.invoke(app, args)
        assert result.exit_code == 0, f"{name}: {result.output}"
        outputs[name] = result.output
    outputs["report"] = (tmp_path / "report" / "report.html").read_text()
    centre_pages = sorted((tmp_path / "report" / "centres").glob("*.html"))
    assert centre_pages
    for page in centre_pages:
        outputs[f"centre {page.name}"] = page.read_text()
    words = {"walk": "on foot"}.get(mode, f"by {mode}")
    wrong = [{"walk": "on foot"}.get(m, f"by {m}") for m in MODES if m != mode]
    for name, text in outputs.items():
        if name.startswith("centre "):  # each page says whose nearest centre it is in the access mode
            assert f"is the nearest centre {words}" in text, name
            assert not [w for w in wrong if f"is the nearest centre {w}" in text], name
    assert f"lose access ({expected_access} min by {mode})" in outputs["compare"]
    assert f"within {expected_access} min" in outputs["evaluate"]
    assert f"within {expected_access} minutes by {mode}" in outputs["report"]
    for t in thresholds:
        assert f"within {t} min" in outputs["compare"]
    if 30 not in thresholds:
        for text in outputs.values():
            never_speaks_of(text, 30)
    from hubplan.data import load_workspace
    from hubplan.scale.sweep_spec import SweepSpec
    from hubplan.web import create_app
    from hubplan.web.guard import Limits

    ws = load_workspace(folder)
    spec = SweepSpec.from_workspace(ws, mode=None if mode != "walk" else "bus")
    assert spec.thresholds_minutes == (float(expected_access),)
    assert spec.mode == (mode if mode != "walk" else "bus")  # a sweep minimises bus or car minutes

    client = TestClient(create_app(folder, limits=Limits(wait_seconds=600)))
    site = next(p.stem for p in centre_pages)
    centre = client.get(f"/centres/{site}")
    assert centre.status_code == 200, centre.text
    assert f"is the nearest centre {words}" in centre.text
    if 30 not in thresholds:
        never_speaks_of(centre.text, 30)
    data = client.get("/api/workspace").json()
    assert data["thresholds_minutes"] == thresholds
    plan = client.post("/api/evaluate", json={"bases": ["cc-thetford", "lib-norfolk-and-norwich-millennium"]})
    assert plan.status_code == 200, plan.text
    evaluation = plan.json()["evaluation"]
    assert evaluation["access_minutes"] == expected_access
    assert evaluation["access_mode"] == mode
    assert set(evaluation["modes"]["bus"]["within"]) == {str(t) for t in thresholds}
