"""The page about each closing centre, read from the analysis cache: no analysis is made in a request.

The page needs the analysis of every scenario file (:meth:`hubplan.web.state.State.centre_evaluations`).
When the cache has it, the page is rendered at once. Otherwise one job on the queue makes it (however
many ask: one job per fingerprint here, one computation per fingerprint in the cache) and the request
waits at most ``Limits.wait_seconds`` before answering 202 with the job's poll URL.

The report links to its centre pages as ``centres/<file>.html``
(:func:`hubplan.report.centres.centre_page_name`), relative to wherever it is served, so those
addresses are answered too: ``/centres/<file>.html`` is the
page itself and ``/api/centres/...`` and ``/api/reports/{job}/centres/...`` redirect to it.
"""

# No ``from __future__ import annotations``: FastAPI reads the handlers' annotations at run time.
from functools import cache
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from hubplan.data.read_table import shown
from hubplan.report.centres import centre_page_name, render_centre_pages
from hubplan.web.context import Context
from hubplan.web.models import JobId
from hubplan.web.routes.reports import accepted, waited
from hubplan.web.routes.strict_json import StrictJSONRoute

CentrePage = Annotated[str, PathParam(max_length=120)]


def centres_router(ctx: Context) -> APIRouter:
    """Return the route ``/centres/{site}`` and the redirects for the report's relative links."""
    router = APIRouter(route_class=StrictJSONRoute)
    ws = ctx.state.workspace

    @cache
    def by_file_name() -> dict[str, str]:
        return {centre_page_name(sid): sid for sid in ws.sites.ids}

    def site_of(site: str) -> str:
        if site in ws.sites.index:
            return site
        found = by_file_name().get(site)
        if found is None:
            raise HTTPException(404, f"no site has the id {shown(site)}")
        return found

    @router.get(
        "/centres/{site}",
        summary="The page about one closing centre: who uses it, where they would go, what replaces it",
        response_class=HTMLResponse,
        responses={202: {"description": "The analysis is being made: poll the job's URL, then ask again."}},
    )
    def centre(site: CentrePage, request: Request) -> Response:
        sid = site_of(site)
        evaluations = ctx.state.centre_evaluations()
        key = ctx.state.analysis_key(evaluations)
        analysis = ctx.state.analyses.get(key)
        if analysis is None:
            run_id, future = ctx.start_analysis(key, evaluations, then=f"/centres/{quote(site, safe='')}")
            if waited(future, ctx.limits.wait_seconds, stopping=ctx.jobs.stopping) is None:
                return accepted(run_id, "the analysis behind the centre pages", request=request)
            analysis = ctx.state.analyses.get(key)
            if analysis is None:  # made, then pushed out by newer ones already: make it again
                run_id, _ = ctx.start_analysis(key, evaluations, then=f"/centres/{quote(site, safe='')}")
                return accepted(run_id, "the analysis behind the centre pages", request=request)
        pages = render_centre_pages(analysis, only=sid, report_href="/api/report?download=false")
        if sid not in pages:
            raise HTTPException(404, f"'{sid}' is not closed by any saved scenario")
        return HTMLResponse(pages[sid])

    @router.get(
        "/api/centres/{page}", include_in_schema=False,
        summary="Redirects the report's relative link `centres/<file>.html` to the centre's page",
    )  # fmt: skip
    def from_report(page: CentrePage) -> RedirectResponse:
        site_of(page)
        return RedirectResponse(f"/centres/{quote(page, safe='')}", status_code=307)

    @router.get(
        "/api/reports/{job}/centres/{page}", include_in_schema=False,
        summary="Redirects a saved report's link `centres/<file>.html` to the centre's page",
    )  # fmt: skip
    def from_saved_report(job: JobId, page: CentrePage) -> RedirectResponse:  # noqa: ARG001 - in the path
        site_of(page)
        return RedirectResponse(f"/centres/{quote(page, safe='')}", status_code=307)

    return router
