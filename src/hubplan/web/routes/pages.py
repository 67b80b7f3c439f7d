"""The map page and the API's own documentation page."""

# No ``from __future__ import annotations``: FastAPI reads the handlers' annotations at run time.
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from hubplan import __version__
from hubplan.data.workspace import Workspace
from hubplan.travel import MODES
from hubplan.web.context import Context
from hubplan.web.docs import api_reference
from hubplan.web.places import search_places


def pages_router(ctx: Context) -> APIRouter:
    """Return the routes ``/`` (the map) and ``/docs`` (the API reference) for ``ctx``."""
    router = APIRouter()

    @router.get("/docs", response_class=HTMLResponse, include_in_schema=False, summary="This reference")
    def docs(request: Request) -> HTMLResponse:
        return HTMLResponse(api_reference(request.app.openapi()))

    @router.get("/", response_class=HTMLResponse, include_in_schema=False)
    def page(request: Request) -> HTMLResponse:
        ws = ctx.state.workspace
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
        return ctx.templates.TemplateResponse(request, "index.html", context)

    return router


def _search_example(ws: Workspace) -> str:
    """Return a name the search finds in this workspace: its first named place, else its first site's name."""
    found = search_places(ws, "", limit=1)
    return found[0].name if found else ""
