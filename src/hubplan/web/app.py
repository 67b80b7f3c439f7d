"""The FastAPI app behind ``hubplan serve``: a page with a map, and a JSON API documented at ``/docs``.

Anyone may look, search, evaluate plans and download reports; saving needs an editor's token
(:mod:`hubplan.web.auth`). Handlers that compute are plain functions, which FastAPI runs in its thread
pool, so one long request never stalls the others; reports run on a bounded queue (:mod:`.jobs`).
"""

# No ``from __future__ import annotations`` here: FastAPI reads the dependencies in the handlers'
# annotations at run time, and they name functions local to create_app.
import contextlib
import datetime as dt
import math
from collections.abc import AsyncIterator, Mapping
from concurrent.futures import TimeoutError as FutureTimeout
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import numpy as np
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field
from slowapi import Limiter
from slowapi.errors import RateLimitExceeded
from slowapi.middleware import SlowAPIASGIMiddleware
from slowapi.util import get_remote_address
from starlette.exceptions import HTTPException as StarletteHTTPException

from hubplan import __version__
from hubplan.analysis.provenance import figure_provenance
from hubplan.data import dump_scenario
from hubplan.data.boundaries import read_boundaries
from hubplan.data.workspace import Workspace
from hubplan.errors import HubplanError, InputError
from hubplan.report.centres import render_centre_pages
from hubplan.store import ConflictError, get_run, save_plan
from hubplan.travel import MODES
from hubplan.web.auth import Editor, editors_from_environment, find_editor
from hubplan.web.docs import api_reference
from hubplan.web.guard import Limits, SecurityHeaders, SizeLimits, security_headers
from hubplan.web.jobs import JobQueue, QueueFull
from hubplan.web.places import Place, search_places
from hubplan.web.state import PlanRejected, State

NAME_PATTERN = r"^[a-z0-9][a-z0-9-]{0,59}$"
MAX_SITES = 5000
"""The most site ids one request may name (a plan is checked against the workspace's own count too)."""
REPORT_WAIT_SECONDS = 600
"""How long ``GET /api/report`` waits for its report before answering 503."""

READ_ONLY = "this server is read-only (start it with HUBPLAN_EDIT_TOKEN to let editors save)"

SiteId = Annotated[str, Field(min_length=1, max_length=100)]
ReportJob = Annotated[str, PathParam(pattern=r"^[0-9a-f]{32}$")]
ScenarioName = Annotated[str, Field(pattern=NAME_PATTERN)]


class Plan(BaseModel):
    """A set of bases to evaluate."""

    bases: list[SiteId] = Field(
        description="Site ids kept as bases, each once.", min_length=1, max_length=MAX_SITES
    )


class NewScenario(Plan):
    """A plan to save in the store (the workspace's scenario files are never replaced)."""

    name: ScenarioName = Field(description="Lower-case letters, digits and hyphens, e.g. my-plan.")
    title: str = Field(default="", max_length=200)
    description: str = Field(default="", max_length=2000)
    version: int | None = Field(
        default=None, ge=1, le=2**31 - 1,
        description="The saved version this replaces (from GET /api/scenarios/{name}); omit for a new plan. "
        "If someone saved in between, the answer is 409 and nothing is saved.",
    )  # fmt: skip


class ReportRequest(BaseModel):
    """Scenarios (and optionally a plan) to put in a report."""

    scenarios: list[ScenarioName] = Field(default_factory=list, max_length=50, description="Default: all.")
    bases: list[SiteId] | None = Field(default=None, min_length=1, max_length=MAX_SITES)


def _error(
    status: int, message: str, details: list[Any] | None = None, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    """Return the one error shape every API error takes."""
    body = {"ok": False, "error": message, "details": details or []}
    return JSONResponse(body, status_code=status, headers=headers)


def _clean(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _split(text: str) -> list[str]:
    return [x for x in text.split(",") if x]


def create_app(
    folder: Path,
    *,
    editors: tuple[Editor, ...] | None = None,
    limits: Limits | None = None,
    store_url: str | None = None,
) -> FastAPI:
    """Return the app for one workspace folder.

    Parameters
    ----------
    folder
        The workspace (its scenario files are read; saved plans go to the store).
    editors
        Who may save; default one editor when ``HUBPLAN_EDIT_TOKEN`` is set, else none (read-only).
    limits
        Request sizes, the report queue and the per-client rate limit.
    store_url
        The store (default ``HUBPLAN_STORE_URL``, else SQLite in the workspace).

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
    limits = limits or Limits()
    editors = editors_from_environment() if editors is None else editors
    state = State(folder, store_url=store_url)
    jobs = JobQueue(
        state.engine, workers=limits.report_workers, capacity=limits.report_queue,
        keep_chars=limits.report_keep_chars, keep_for=dt.timedelta(seconds=limits.report_keep_seconds),
    )  # fmt: skip
    tile_url = state.workspace.assumptions.web.tile_url or None

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        jobs.shutdown()

    app = FastAPI(
        lifespan=lifespan,
        docs_url=None,  # /docs is the app's own plain page below: no Swagger UI from a CDN
        redoc_url=None,
        title="hubplan",
        version=__version__,
        description="Try keeping and closing sites and see what changes for families. Every figure comes "
        "from the workspace's files and hubplan.toml. Anyone may read; saving needs "
        "`Authorization: Bearer TOKEN` with the server's edit token.",
    )
    app.state.limiter = Limiter(
        key_func=get_remote_address, default_limits=[limits.rate_limit] if limits.rate_limit else []
    )
    app.add_middleware(SlowAPIASGIMiddleware)
    app.add_middleware(SizeLimits, limits=limits)
    app.add_middleware(SecurityHeaders, tile_url=tile_url)
    app.mount("/static", StaticFiles(directory=static), name="static")
    templates = Jinja2Templates(directory=str(resources.files("hubplan.web") / "templates"))
    bearer = HTTPBearer(auto_error=False, description="The server's edit token (HUBPLAN_EDIT_TOKEN).")

    def editor_or_none(
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> Editor | None:
        if credentials is None:
            return None
        if not editors:
            raise HTTPException(403, READ_ONLY)
        # The header's bytes as sent (UTF-8), not the Latin-1 text the server decoded them to.
        raw = next((v for k, v in request.scope.get("headers", []) if k.lower() == b"authorization"), None)
        found = find_editor(editors, raw)
        if found is None:
            raise HTTPException(403, "that edit token is not accepted")
        return found

    def editor(found: Annotated[Editor | None, Depends(editor_or_none)]) -> Editor:
        if found is not None:
            return found
        if not editors:
            raise HTTPException(403, READ_ONLY)
        raise HTTPException(
            401, "saving needs an edit token (Authorization: Bearer TOKEN)",
            headers={"WWW-Authenticate": "Bearer"},
        )  # fmt: skip

    @app.exception_handler(PlanRejected)
    async def rejected(_: Request, exc: PlanRejected) -> JSONResponse:
        return _error(422, "the request is not in the expected form", exc.details)

    @app.exception_handler(ConflictError)
    async def conflict(_: Request, exc: ConflictError) -> JSONResponse:
        return _error(409, str(exc))

    @app.exception_handler(QueueFull)
    async def full(_: Request, exc: QueueFull) -> JSONResponse:
        return _error(429, str(exc), headers={"Retry-After": "30"})

    @app.exception_handler(RateLimitExceeded)
    async def throttled(_: Request, exc: RateLimitExceeded) -> JSONResponse:
        return _error(
            429,
            f"too many requests from this address ({exc.detail}): slow down",
            headers={"Retry-After": "60"},
        )

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
        return _error(exc.status_code, str(exc.detail), headers=exc.headers)

    @app.exception_handler(Exception)
    async def bug(request: Request, _: Exception) -> JSONResponse:
        # Answered outside every middleware, so the security headers are added here.
        headers = {k.decode(): v.decode() for k, v in security_headers(request.url.path, tile_url=tile_url)}
        return _error(500, "something went wrong inside hubplan (a bug): the server's log has the details",
                      headers=headers)  # fmt: skip

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(api_reference(app.openapi()))

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def page(request: Request) -> HTMLResponse:
        ws = state.workspace
        access = ws.assumptions.evaluation
        context = {
            "region": ws.assumptions.region.name or "hubplan",
            "version": __version__,
            "noun": ws.areas.noun,
            "people": ws.areas.people,
            "access": f"{access.access:g}",
            "access_mode": access.access_mode,
            "modes": list(MODES),
            "search_example": _search_example(ws),
            "has_baseline": ws.baseline is not None,
            "shows_money": ws.sites.costs_known,
        }
        return templates.TemplateResponse(request, "index.html", context)

    @app.get(
        "/api/me", summary="Whether this server allows editing, and whether the token sent is an editor's"
    )
    def me(found: Annotated[Editor | None, Depends(editor_or_none)]) -> dict[str, Any]:
        return {"ok": True, "editing": bool(editors), "editor": found.name if found else None}

    @app.get("/api/workspace", summary="Sites, areas, saved scenarios and what is modelled")
    def workspace() -> dict[str, Any]:
        ws = state.workspace
        baseline = set(ws.baseline.bases) if ws.baseline is not None else set()
        sites = ws.sites
        provenance = figure_provenance(ws, dict(state.travel.sources))
        return {
            "ok": True,
            "region": ws.assumptions.region.name,
            "modelled": ws.assumptions.region.modelled,
            "assumed": provenance.assumed_names(),
            "provenance": provenance.to_dict(),
            "baseline": ws.baseline_name,
            "thresholds_minutes": list(ws.assumptions.evaluation.thresholds_minutes),
            "access_minutes": ws.assumptions.evaluation.access,
            "access_mode": ws.assumptions.evaluation.access_mode,
            "unit": ws.areas.unit,
            "noun": ws.areas.noun,
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
                {
                    "name": s.name,
                    "title": s.title,
                    "bases": list(s.bases),
                    "source": "file" if version is None else "store",
                    "version": version,
                }
                for s, version in state.all_named()
            ],
        }

    @app.get("/api/boundaries", summary="Area and district outlines and town labels for the map (GeoJSON)")
    def boundaries() -> dict[str, Any]:
        layers = read_boundaries(state.folder)
        features = [f for layer in ("area", "district", "place") for f in layers[layer]]
        return {"ok": True, "type": "FeatureCollection", "features": features}

    @app.get(
        "/centres/{site}",
        summary="The page about one closing centre: who uses it, where they would go, what replaces it",
        response_class=HTMLResponse,
    )
    def centre(site: Annotated[str, PathParam(max_length=80)]) -> Response:
        ws = state.workspace
        if site not in ws.sites.index:
            raise HTTPException(404, f"no site has the id '{site}'")
        names = sorted(ws.scenarios, key=lambda n: n != ws.baseline_name)
        analysis = state.analysis([state.evaluate(ws.scenario(n)) for n in names])
        back = "/api/report?download=false"
        pages = render_centre_pages(ws, analysis, only=site, report_href=back)
        if site not in pages:
            raise HTTPException(404, f"'{site}' is not closed by any saved scenario")
        return HTMLResponse(pages[site])

    @app.post("/api/evaluate", summary="Evaluate a set of bases against the baseline")
    def evaluate_plan(plan: Plan) -> dict[str, Any]:
        ev = state.evaluate(state.scenario(plan.bases))
        minutes = {m: [_clean(round(float(x), 1)) for x in ev.modes[m].nearest_minutes] for m in ev.modes}
        return {"ok": True, "evaluation": ev.to_dict(), "area_minutes": minutes}

    @app.get("/api/scenarios/{name}", summary="A scenario (a file or a saved plan) and its evaluation")
    def scenario(name: Annotated[str, PathParam(max_length=60)]) -> dict[str, Any]:
        chosen = state.named(name)
        versions = {s.name: v for s, v in state.all_named()}
        return {
            "ok": True,
            "scenario": {"name": chosen.name, "title": chosen.title, "bases": list(chosen.bases),
                         "description": chosen.description, "version": versions.get(chosen.name)},
            "evaluation": state.evaluate(chosen).to_dict(),
        }  # fmt: skip

    @app.get("/api/scenarios/{name}/yaml", summary="A scenario as a YAML file (to put in scenarios/)")
    def scenario_yaml(name: Annotated[str, PathParam(max_length=60)]) -> Response:
        chosen = state.named(name)
        headers = {"Content-Disposition": f'attachment; filename="{chosen.name}.yaml"'}
        return Response(dump_scenario(chosen), media_type="application/yaml; charset=utf-8", headers=headers)

    @app.post("/api/scenarios", status_code=201, summary="Save a named plan (needs an edit token)")
    def save(new: NewScenario, who: Annotated[Editor, Depends(editor)]) -> dict[str, Any]:
        chosen = state.scenario(new.bases, new.name, new.title or new.name)
        if new.name in state.workspace.scenarios:
            msg = f"'{new.name}' is a scenario file in the workspace, which the map will not replace"
            raise ConflictError(msg)
        saved = save_plan(
            state.engine, name=chosen.name, title=chosen.title, bases=chosen.bases,
            description=new.description or "Saved from the hubplan map.", saved_by=who.name,
            replaces=new.version,
        )  # fmt: skip
        return {"ok": True, "scenario": saved.name, "version": saved.version}

    @app.get("/api/places", summary="Find places, sites and areas by name")
    def places(q: Annotated[str, Query(min_length=2, max_length=80)]) -> dict[str, Any]:
        found: list[Place] = search_places(state.workspace, q)
        return {"ok": True, "places": [p.__dict__ for p in found]}

    @app.get("/api/here", summary="What a plan changes for the families of the area nearest a point")
    def here(
        lat: Annotated[float, Query(ge=-90, le=90)],
        lon: Annotated[float, Query(ge=-180, le=180)],
        bases: Annotated[str, Query(min_length=1, max_length=limits.max_query_bytes)],
    ) -> dict[str, Any]:
        ws = state.workspace
        if not _split(bases):
            raise HTTPException(422, "bases: expected site ids separated by commas; got none")
        now = state.evaluate(state.scenario(_split(bases)))
        i = int(
            np.argmin((ws.areas.lat - lat) ** 2 + ((ws.areas.lon - lon) * math.cos(math.radians(lat))) ** 2)
        )
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

    def queue_report(names: list[str], bases: list[str] | None) -> tuple[str, Any]:
        for n in names:
            state.named(n)  # unknown names fail now (400), not later in the job
        if bases:
            state.scenario(bases)
        return jobs.submit("report", {"scenarios": names, "bases": bases}, lambda: state.report(names, bases))

    @app.get("/api/report", summary="The HTML report for scenarios (and optionally a plan), made now")
    def report(
        scenarios: Annotated[str, Query(max_length=4000)] = "",
        bases: Annotated[str, Query(max_length=limits.max_query_bytes)] = "",
        download: bool = True,
    ) -> Response:
        _, future = queue_report(_split(scenarios), _split(bases) or None)
        try:
            html = future.result(timeout=REPORT_WAIT_SECONDS)
        except FutureTimeout:
            return _error(503, "the report is taking too long: ask for it with POST /api/reports")
        disposition = "attachment" if download else "inline"
        headers = {"Content-Disposition": f'{disposition}; filename="hubplan-report.html"'}
        return Response(html, media_type="text/html; charset=utf-8", headers=headers)

    @app.post("/api/reports", status_code=202, summary="Start making a report in the background")
    def start_report(wanted: ReportRequest) -> dict[str, Any]:
        run_id, _ = queue_report(list(wanted.scenarios), wanted.bases)
        return {"ok": True, "job": run_id, "status": "queued", "url": f"/api/reports/{run_id}"}

    @app.get("/api/reports/{job}", summary="A background report's state (and where to download it)")
    def report_state(job: ReportJob) -> dict[str, Any]:
        run = get_run(state.engine, job)
        if run is None or run.kind != "report":
            raise HTTPException(404, f"no report job '{job}'")
        done = run.status == "done"
        return {"ok": True, "job": run.id, "status": run.status, "error": run.error,
                "download": f"/api/reports/{run.id}/report.html" if done else None}  # fmt: skip

    @app.get(
        "/api/reports/{job}/report.html", summary="A finished background report", response_class=HTMLResponse
    )
    def report_file(job: ReportJob, download: bool = True) -> Response:
        run = get_run(state.engine, job)
        if run is None or run.kind != "report":
            raise HTTPException(404, f"no report job '{job}'")
        if run.status == "expired":
            raise HTTPException(
                410, "the report was removed to keep the server's store small: ask for it again"
            )
        if run.status != "done" or run.result is None:
            raise HTTPException(409, f"the report is not ready (it is {run.status})")
        disposition = "attachment" if download else "inline"
        headers = {"Content-Disposition": f'{disposition}; filename="hubplan-report.html"'}
        return Response(run.result, media_type="text/html; charset=utf-8", headers=headers)

    return app


def _search_example(ws: Workspace) -> str:
    """Return a name the search finds in this workspace: its first named place, else its first site's name."""
    found = search_places(ws, "", limit=1)
    return found[0].name if found else ""
