"""The workspace as the map shows it: its sites, areas and outlines, place search, and who is asking."""

# No ``from __future__ import annotations``: FastAPI reads the handlers' annotations at run time.
import json
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse, Response

from hubplan.analysis.provenance import figure_provenance
from hubplan.data.boundaries import FILE as BOUNDARIES_FILE
from hubplan.data.boundaries import read_boundaries
from hubplan.travel import MODES
from hubplan.web.auth import Editor
from hubplan.web.cache import AnalysisCache
from hubplan.web.context import Context
from hubplan.web.places import Place, search_places
from hubplan.web.routes.deps import editor_dependencies
from hubplan.web.routes.strict_json import StrictJSONRoute


def file_version(path: Path | None) -> str:
    """Return a key that changes when the file at ``path`` is replaced or edited: its size, time and inode.

    Parameters
    ----------
    path
        The file (it need not exist).

    Returns
    -------
    str
        ``"none"`` when there is no such file (or no path).
    """
    try:
        stat = path.stat() if path is not None else None
    except OSError:
        stat = None
    return "none" if stat is None else f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}"


def workspace_router(ctx: Context) -> APIRouter:
    """Return the routes ``/api/me``, ``/api/workspace``, ``/api/boundaries`` and ``/api/places``."""
    router = APIRouter(route_class=StrictJSONRoute)
    editor_or_none, _ = editor_dependencies(ctx.editors)

    @router.get(
        "/api/me", summary="Whether this server allows editing, and whether the token sent is an editor's"
    )
    def me(found: Annotated[Editor | None, Depends(editor_or_none)]) -> dict[str, Any]:
        return {"ok": True, "editing": bool(ctx.editors), "editor": found.name if found else None}

    @router.get("/api/workspace", summary="Sites, areas, saved scenarios and what is modelled")
    def workspace() -> dict[str, Any]:
        ws = ctx.state.workspace
        baseline = set(ws.baseline.bases) if ws.baseline is not None else set()
        sites = ws.sites
        provenance = figure_provenance(ws, dict(ctx.state.travel.sources))
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
            "sources": dict(ctx.state.travel.sources),
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
                for s, version in ctx.state.all_named()
            ],
        }

    # The outlines' answer, serialised once per version of boundaries.geojson and shared: read and
    # re-serialised per request, 20 requests at once on a 50 MB file took 73-83 s each and 9 GB.
    outlines: AnalysisCache[bytes] = AnalysisCache(size=1)

    def outlines_body() -> bytes:
        layers = read_boundaries(ctx.state.folder)
        features = [f for layer in ("area", "district", "place") for f in layers[layer]]
        body = {"ok": True, "type": "FeatureCollection", "features": features}
        # As FastAPI's JSONResponse writes it.
        return json.dumps(body, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")

    @router.get(
        "/api/boundaries",
        summary="Area and district outlines and town labels for the map (GeoJSON)",
        response_class=JSONResponse,
        responses={200: {"content": {"application/json": {"schema": {"type": "object"}}}}},
    )
    def boundaries() -> Response:
        key = file_version(ctx.state.folder / BOUNDARIES_FILE if ctx.state.folder else None)
        return Response(outlines.get_or_compute(key, outlines_body), media_type="application/json")

    @router.get("/api/places", summary="Find places, sites and areas by name")
    def places(q: Annotated[str, Query(min_length=2, max_length=80)]) -> dict[str, Any]:
        found: list[Place] = search_places(ctx.state.workspace, q)
        return {"ok": True, "places": [p.__dict__ for p in found]}

    return router
