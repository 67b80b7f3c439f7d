"""The FastAPI app behind ``hubplan serve``: a page with a map, and a JSON API documented at ``/docs``."""

from __future__ import annotations

import math
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from hubplan import __version__
from hubplan.data import Scenario, load_workspace, write_scenario
from hubplan.data.workspace import Workspace
from hubplan.errors import HubplanError, InputError
from hubplan.evaluate import area_breakdowns, evaluate
from hubplan.evaluate.evaluation import Evaluation
from hubplan.report.document import render_html
from hubplan.travel import MODES, build_travel
from hubplan.web.places import Place, search_places

NAME_PATTERN = r"^[a-z0-9][a-z0-9-]{0,59}$"


class Plan(BaseModel):
    """A set of bases to evaluate."""

    bases: list[str] = Field(description="Site ids kept as bases.", min_length=1)


class NewScenario(Plan):
    """A scenario to save in the workspace's scenarios/ folder."""

    name: str = Field(
        pattern=NAME_PATTERN, description="Lower-case letters, digits and hyphens, e.g. my-plan."
    )
    title: str = Field(default="", max_length=200)
    description: str = Field(default="", max_length=2000)


def _error(status: int, message: str, details: list[Any] | None = None) -> JSONResponse:
    """Return the one error shape every API error takes."""
    return JSONResponse({"ok": False, "error": message, "details": details or []}, status_code=status)


def _clean(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


class State:
    """The loaded workspace, its travel matrices and breakdowns, reused by every request."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.reload()

    def reload(self) -> None:
        """Read the workspace again (after a scenario is saved)."""
        self.workspace: Workspace = load_workspace(self.folder)
        self.travel = build_travel(self.workspace)
        self.groups = area_breakdowns(self.workspace.areas, self.workspace.assumptions.region.districts)

    def scenario(self, bases: list[str], name: str = "your-plan", title: str = "Your plan") -> Scenario:
        """Return a scenario for ``bases``, raising ``InputError`` for unknown or excluded sites."""
        known = self.workspace.sites.index
        bad = [b for b in bases if b not in known]
        if bad:
            raise HubplanError(f"no site has the id '{bad[0]}'")
        excluded = [b for b in bases if self.workspace.sites.excluded[known[b]]]
        if excluded:
            raise HubplanError(f"'{excluded[0]}' cannot be a base (its 'excluded' is true)")
        return Scenario(name=name, title=title, bases=tuple(dict.fromkeys(bases)))

    def evaluate(self, scenario: Scenario) -> Evaluation:
        """Evaluate against the workspace's baseline."""
        return evaluate(self.workspace, scenario, travel=self.travel, breakdowns=self.groups)


def create_app(folder: Path) -> FastAPI:
    """Return the app for one workspace folder.

    Parameters
    ----------
    folder
        The workspace (saved scenarios are written to its ``scenarios/``).

    Returns
    -------
    fastapi.FastAPI
        The app; serve it with uvicorn (``hubplan serve``).

    Raises
    ------
    InputError
        When the workspace has problems.
    HubplanError
        When the map's Leaflet files were not built (``make web``).
    """
    static = Path(str(resources.files("hubplan.web") / "static"))
    if not (static / "vendor" / "leaflet" / "leaflet.js").is_file():
        msg = "the map's Leaflet files are missing: run `make web` (it installs them from the npm registry)"
        raise HubplanError(msg)
    state = State(folder)
    app = FastAPI(
        title="hubplan",
        version=__version__,
        description="Try keeping and closing sites and see what changes for families. Every figure comes "
        "from the workspace's files and hubplan.toml.",
    )
    app.mount("/static", StaticFiles(directory=static), name="static")
    templates = Jinja2Templates(directory=str(resources.files("hubplan.web") / "templates"))

    @app.exception_handler(HubplanError)
    async def hubplan_error(_: Request, exc: HubplanError) -> JSONResponse:
        details = [str(p) for p in exc.problems] if isinstance(exc, InputError) else []
        message = exc.summary if isinstance(exc, InputError) else str(exc)
        return _error(400, message, details)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        details = [f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in exc.errors()]
        return _error(422, "the request is not in the expected form", details)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def page(request: Request) -> HTMLResponse:
        ws = state.workspace
        return templates.TemplateResponse(
            request, "index.html", {"region": ws.assumptions.region.name or "hubplan", "version": __version__}
        )

    @app.get("/api/workspace", summary="Sites, areas, saved scenarios and what is modelled")
    async def workspace() -> dict[str, Any]:
        ws = state.workspace
        baseline = set(ws.baseline.bases) if ws.baseline is not None else set()
        sites = ws.sites
        return {
            "ok": True,
            "region": ws.assumptions.region.name,
            "modelled": ws.assumptions.region.modelled,
            "baseline": ws.assumptions.evaluation.baseline,
            "thresholds_minutes": list(ws.assumptions.evaluation.thresholds_minutes),
            "modes": list(MODES),
            "sources": dict(state.travel.sources),
            "tile_url": ws.assumptions.web.tile_url,
            "tile_attribution": ws.assumptions.web.tile_attribution,
            "sites": [
                {
                    "id": sid,
                    "name": str(sites.name[i]),
                    "kind": str(sites.kind[i]),
                    "district": str(sites.district[i]),
                    "lat": float(sites.lat[i]),
                    "lon": float(sites.lon[i]),
                    "cost_per_year": float(sites.cost_per_year[i]),
                    "in_baseline": sid in baseline,
                    "can_be_base": not bool(sites.excluded[i]),
                }
                for i, sid in enumerate(sites.ids)
            ],
            "areas": [
                {
                    "id": aid,
                    "name": str(ws.areas.name[i]),
                    "lat": float(ws.areas.lat[i]),
                    "lon": float(ws.areas.lon[i]),
                    "families": float(ws.areas.families[i]),
                }
                for i, aid in enumerate(ws.areas.ids)
            ],
            "scenarios": [
                {"name": s.name, "title": s.title, "bases": list(s.bases)} for s in ws.scenarios.values()
            ],
        }

    @app.post("/api/evaluate", summary="Evaluate a set of bases against the baseline")
    async def evaluate_plan(plan: Plan) -> dict[str, Any]:
        ev = state.evaluate(state.scenario(plan.bases))
        minutes = {m: [_clean(round(float(x), 1)) for x in ev.modes[m].nearest_minutes] for m in ev.modes}
        return {"ok": True, "evaluation": ev.to_dict(), "area_minutes": minutes}

    @app.get("/api/scenarios/{name}", summary="A saved scenario and its evaluation")
    async def scenario(name: str) -> dict[str, Any]:
        chosen = state.workspace.scenario(name)
        return {
            "ok": True,
            "scenario": {"name": chosen.name, "title": chosen.title, "bases": list(chosen.bases)},
            "evaluation": state.evaluate(chosen).to_dict(),
        }

    @app.post("/api/scenarios", status_code=201, summary="Save a named scenario in the workspace")
    async def save(new: NewScenario) -> dict[str, Any]:
        chosen = state.scenario(new.bases, new.name, new.title or new.name)
        chosen = Scenario(
            name=chosen.name, title=chosen.title, bases=chosen.bases,
            description=new.description or "Saved from the hubplan map.",
        )  # fmt: skip
        path = write_scenario(state.folder, chosen)
        state.reload()
        return {"ok": True, "scenario": chosen.name, "file": f"scenarios/{path.name}"}

    @app.get("/api/places", summary="Find places, sites and areas by name")
    async def places(q: str = Query(min_length=2, max_length=80)) -> dict[str, Any]:
        found: list[Place] = search_places(state.workspace, q)
        return {"ok": True, "places": [p.__dict__ for p in found]}

    @app.get("/api/here", summary="What a plan changes for the families of the area nearest a point")
    async def here(
        lat: float = Query(ge=-90, le=90),
        lon: float = Query(ge=-180, le=180),
        bases: str = Query(min_length=1),
    ) -> dict[str, Any]:
        ws = state.workspace
        i = int(
            np.argmin((ws.areas.lat - lat) ** 2 + ((ws.areas.lon - lon) * math.cos(math.radians(lat))) ** 2)
        )
        now = state.evaluate(state.scenario(bases.split(",")))
        before = state.evaluate(ws.baseline) if ws.baseline is not None else now
        modes = {}
        for m in now.modes:
            j_now, j_before = now.modes[m].nearest_site[i], before.modes[m].nearest_site[i]
            modes[m] = {
                "minutes": _clean(round(float(now.modes[m].nearest_minutes[i]), 1)),
                "base": ws.sites.name[j_now] if j_now >= 0 else None,
                "baseline_minutes": _clean(round(float(before.modes[m].nearest_minutes[i]), 1)),
                "baseline_base": ws.sites.name[j_before] if j_before >= 0 else None,
            }
        return {
            "ok": True,
            "area": {
                "id": ws.areas.ids[i],
                "name": str(ws.areas.name[i]),
                "families": float(ws.areas.families[i]),
            },
            "modes": modes,
        }

    @app.get("/api/report", summary="The HTML report for saved scenarios (and optionally a plan)")
    async def report(scenarios: str = "", bases: str = "", download: bool = True) -> Response:
        ws = state.workspace
        names = [n for n in scenarios.split(",") if n] or list(ws.scenarios)
        chosen: list[Scenario | str] = sorted(names, key=lambda n: n != ws.assumptions.evaluation.baseline)
        if bases:
            chosen.append(state.scenario(bases.split(",")))
        evaluations = [state.evaluate(ws.scenario(s) if isinstance(s, str) else s) for s in chosen]
        html = render_html(ws, state.travel, evaluations)
        disposition = "attachment" if download else "inline"
        headers = {"Content-Disposition": f'{disposition}; filename="hubplan-report.html"'}
        return Response(html, media_type="text/html; charset=utf-8", headers=headers)

    return app
