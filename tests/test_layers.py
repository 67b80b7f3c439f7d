"""The import contract: presentation renders the analysis and imports no stage below it.

``report/`` may import ``hubplan.analysis``, ``hubplan.report``, ``hubplan.errors``, ``hubplan.files`` and
``hubplan.__version__`` (and the standard library and third-party packages), nothing else of hubplan:
not at module level, not inside a function, not under ``TYPE_CHECKING``. The web is an edge: it loads
the workspace, evaluates, opens the store and calls ``analyse``; each import of a lower stage it makes
is listed below with its reason, and a new one fails until it is listed (or moved behind the analysis).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "hubplan"

PRESENTATION = {"analysis", "report", "errors", "files"}
"""What a renderer may import of hubplan (and ``from hubplan import __version__``)."""

REPORT_ALLOWED: dict[str, str] = {}
"""Report modules not yet held to the contract, each with why."""

WEB_ALLOWED = {
    ("state.py", "hubplan.consult.snapshot"): "the edge: reads the consultation once per fingerprint",
    ("state.py", "hubplan.consult.locate"): "the edge: one centre matcher for the server's life",
    (
        "app.py",
        "hubplan.environment",
    ): "the edge: reads HUBPLAN_STORE_URL, as the CLI does, and nothing below it",
    ("state.py", "hubplan.data"): "the edge: loads the workspace (load_workspace) and its scenarios",
    ("state.py", "hubplan.data.workspace"): "the edge: holds the loaded Workspace",
    ("state.py", "hubplan.evaluate"): "the edge: evaluates the scenarios an analysis is made of",
    ("state.py", "hubplan.evaluate.evaluation"): "the edge: the evaluations handed to analyse()",
    ("state.py", "hubplan.store"): "the edge: opens the store and reads saved plans",
    ("state.py", "hubplan.travel"): "the edge: builds the travel matrices once at start",
    ("jobs.py", "hubplan.store"): "the job queue records each run in the store",
    ("state.py", "hubplan.data.read_table"): "a site id in a message is cut as in files (shown)",
    ("routes/centres.py", "hubplan.data.read_table"): "a page name in a message is cut as in files (shown)",
    ("errors.py", "hubplan.store"): "maps the store's ConflictError to one JSON error (409)",
    ("places.py", "hubplan.data.points"): "the place-search API reads the bundled places and postcodes",
    ("places.py", "hubplan.data.workspace"): "the place-search API is built for a Workspace",
    ("routes/pages.py", "hubplan.data.workspace"): "the planner page's type hint; its data come from state",
    ("routes/pages.py", "hubplan.travel"): "the mode list (MODES) until a Mode enum (issue 23, item 6)",
    ("routes/workspace.py", "hubplan.data.boundaries"): "the workspace API serves boundaries.geojson",
    ("routes/workspace.py", "hubplan.travel"): "the mode list (MODES) until a Mode enum (issue 23, item 6)",
    ("routes/reports.py", "hubplan.store"): "polling a job reads its run from the store",
    ("routes/scenarios.py", "hubplan.data"): "saving a plan writes a scenario file (dump_scenario)",
    ("routes/scenarios.py", "hubplan.store"): "saving a plan stores it (save_plan, ConflictError)",
    (
        "models.py",
        "hubplan.data.sense",
    ): "a body's text is refused for hidden characters as a file's names are",
}
"""Each web module's import of a stage below the analysis, with its reason (the web is an edge)."""


def hubplan_imports(source: str) -> set[str]:
    """Return every ``hubplan`` module a source imports, wherever the import is (functions, ``if``)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name == "hubplan" or a.name.startswith("hubplan.")}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module is not None:
            if node.module == "hubplan":  # from hubplan import data: the stage itself
                found |= {f"hubplan.{a.name}" for a in node.names}
            elif node.module.startswith("hubplan."):
                found.add(node.module)
    return found


def below(module: str, *, own: str = "report") -> bool:
    """Whether an imported ``hubplan`` module is a stage other than presentation's own (``own``)."""
    parts = module.split(".")
    return len(parts) > 1 and parts[1] not in PRESENTATION | {"__version__", own}


def _modules(folder: str) -> list[Path]:
    return sorted((SRC / folder).rglob("*.py"))


def test_the_walker_finds_imports_in_functions_and_type_checking_blocks() -> None:
    source = """
from typing import TYPE_CHECKING
import hubplan.analysis
from hubplan import __version__, travel
if TYPE_CHECKING:
    from hubplan.data.workspace import Workspace
def f():
    from hubplan.outreach.reach import outreach_reach
    import hubplan.store.engine as engine
"""
    found = hubplan_imports(source)
    assert found == {"hubplan.analysis", "hubplan.__version__", "hubplan.travel", "hubplan.data.workspace",
                     "hubplan.outreach.reach", "hubplan.store.engine"}  # fmt: skip
    assert sorted(m for m in found if below(m)) == [
        "hubplan.data.workspace", "hubplan.outreach.reach", "hubplan.store.engine", "hubplan.travel",
    ]  # fmt: skip


@pytest.mark.parametrize("path", _modules("report"), ids=lambda p: p.name)
def test_report_imports_only_the_analysis(path: Path) -> None:
    name = str(path.relative_to(SRC / "report"))
    lower = sorted(m for m in hubplan_imports(path.read_text(encoding="utf-8")) if below(m))
    if name in REPORT_ALLOWED:
        assert lower, f"report/{name} is allowed ({REPORT_ALLOWED[name]}) but needs it no more: unlist it"
        return
    assert lower == [], f"report/{name} imports {lower}: renderers take the analysis value, nothing below"


@pytest.mark.parametrize("path", _modules("web"), ids=lambda p: str(p.relative_to(SRC / "web")))
def test_web_imports_below_the_analysis_only_where_listed(path: Path) -> None:
    name = str(path.relative_to(SRC / "web"))
    lower = {m for m in hubplan_imports(path.read_text(encoding="utf-8")) if below(m, own="web")}
    unlisted = sorted(m for m in lower if (name, m) not in WEB_ALLOWED)
    assert unlisted == [], f"web/{name} imports {unlisted} from below the analysis; render the analysis"
    stale = sorted(m for (module, m) in WEB_ALLOWED if module == name and m not in lower)
    assert stale == [], f"web/{name} no longer imports {stale}: take them off WEB_ALLOWED"


def test_every_listed_web_module_exists() -> None:
    assert all((SRC / "web" / module).is_file() for module, _ in WEB_ALLOWED)
    assert all((SRC / "report" / module).is_file() for module in REPORT_ALLOWED)
