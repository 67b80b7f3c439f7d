"""Evaluating plans, and scenarios: read, download as YAML, save (editors only)."""

# No ``from __future__ import annotations``: FastAPI reads the handlers' annotations at run time.
import math
from typing import Annotated, Any

import numpy as np
from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi import Path as PathParam
from fastapi.responses import Response

from hubplan.data import Scenario, dump_scenario
from hubplan.errors import InputError
from hubplan.store import ConflictError, save_plan
from hubplan.web.auth import Editor
from hubplan.web.context import Context, clean, split
from hubplan.web.models import NewScenario, Plan
from hubplan.web.routes.deps import editor_dependencies
from hubplan.web.routes.strict_json import StrictJSONRoute

MAX_KM_FROM_AN_AREA = 25.0
"""How far from the nearest area's centre ``/api/here`` answers for a point (km; a rural LSOA is ~10 km
across): a point in Sydney is not the nearest Norfolk area's."""


def scenarios_router(ctx: Context) -> APIRouter:
    """Return the routes ``/api/evaluate``, ``/api/scenarios...`` and ``/api/here``."""
    router = APIRouter(route_class=StrictJSONRoute)
    _, editor = editor_dependencies(ctx.editors)

    def named(name: str) -> Scenario:
        try:
            return ctx.state.named(name)
        except InputError as exc:  # a scenario in the path that is not there: 404, not a bad request
            raise HTTPException(404, exc.summary) from exc

    @router.post("/api/evaluate", summary="Evaluate a set of bases against the baseline")
    def evaluate_plan(plan: Plan) -> dict[str, Any]:
        ev = ctx.state.evaluate(ctx.state.scenario(plan.bases))
        minutes = {m: [clean(round(float(x), 1)) for x in ev.modes[m].nearest_minutes] for m in ev.modes}
        return {"ok": True, "evaluation": ev.to_dict(), "area_minutes": minutes}

    @router.get("/api/scenarios/{name}", summary="A scenario (a file or a saved plan) and its evaluation")
    def scenario(name: Annotated[str, PathParam(max_length=60)]) -> dict[str, Any]:
        chosen = named(name)
        versions = {s.name: v for s, v in ctx.state.all_named()}
        return {
            "ok": True,
            "scenario": {"name": chosen.name, "title": chosen.title, "bases": list(chosen.bases),
                         "description": chosen.description, "version": versions.get(chosen.name)},
            "evaluation": ctx.state.evaluate(chosen).to_dict(),
        }  # fmt: skip

    @router.get("/api/scenarios/{name}/yaml", summary="A scenario as a YAML file (to put in scenarios/)")
    def scenario_yaml(name: Annotated[str, PathParam(max_length=60)]) -> Response:
        chosen = named(name)
        headers = {"Content-Disposition": f'attachment; filename="{chosen.name}.yaml"'}
        return Response(dump_scenario(chosen), media_type="application/yaml; charset=utf-8", headers=headers)

    @router.post("/api/scenarios", status_code=201, summary="Save a named plan (needs an edit token)")
    def save(new: NewScenario, who: Annotated[Editor, Depends(editor)]) -> dict[str, Any]:
        chosen = ctx.state.scenario(new.bases, new.name, new.title or new.name)
        if new.name in ctx.state.workspace.scenarios:
            msg = f"'{new.name}' is a scenario file in the workspace, which the map will not replace"
            raise ConflictError(msg)
        saved = save_plan(
            ctx.state.engine, name=chosen.name, title=chosen.title, bases=chosen.bases,
            description=new.description or "Saved from the hubplan map.", saved_by=who.name,
            replaces=new.version,
        )  # fmt: skip
        return {"ok": True, "scenario": saved.name, "version": saved.version}

    @router.get("/api/here", summary="What a plan changes for the families of the area nearest a point")
    def here(
        lat: Annotated[float, Query(ge=-90, le=90, allow_inf_nan=False)],
        lon: Annotated[float, Query(ge=-180, le=180, allow_inf_nan=False)],
        bases: Annotated[str, Query(min_length=1, max_length=ctx.limits.max_query_bytes)],
    ) -> dict[str, Any]:
        ws = ctx.state.workspace
        if not split(bases):
            raise HTTPException(422, "bases: expected site ids separated by commas; got none")
        now = ctx.state.evaluate(ctx.state.scenario(split(bases)))
        squared = (ws.areas.lat - lat) ** 2 + ((ws.areas.lon - lon) * math.cos(math.radians(lat))) ** 2
        i = int(np.argmin(squared))
        km = 111.2 * math.sqrt(float(squared[i]))  # degrees of latitude to km
        if km > MAX_KM_FROM_AN_AREA:
            raise HTTPException(
                422,
                f"lat, lon: expected a point within {MAX_KM_FROM_AN_AREA:g} km of one of the workspace's "
                f"areas; the nearest ({ws.areas.ids[i]}) is {km:,.0f} km away",
            )
        before = ctx.state.evaluate(ws.baseline) if ws.baseline is not None else now
        modes = {}
        for m in now.modes:
            j_now, j_before = now.modes[m].nearest_site[i], before.modes[m].nearest_site[i]
            modes[m] = {
                "minutes": clean(round(float(now.modes[m].nearest_minutes[i]), 1)),
                "base": ws.sites.name[j_now] if j_now >= 0 else None,
                "baseline_minutes": clean(round(float(before.modes[m].nearest_minutes[i]), 1)),
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

    return router
