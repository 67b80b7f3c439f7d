"""Reports and background jobs: no request holds a worker longer than ``Limits.wait_seconds``.

A report is made on the bounded job queue (:mod:`hubplan.web.jobs`). ``GET /api/report`` waits a short
while for it and answers the HTML when it is ready, else 202 with the job's poll URL; ``POST /api/reports``
answers 202 at once. ``GET /api/jobs/{job}`` tells the state of any job (reports, and the analyses the
centre pages wait for) and where its result is.
"""

# No ``from __future__ import annotations``: FastAPI reads the handlers' annotations at run time.
import html
from concurrent.futures import FIRST_COMPLETED, Future, wait
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from hubplan.store import Run
from hubplan.web.context import Context, split
from hubplan.web.models import JobId, ReportRequest
from hubplan.web.routes.strict_json import StrictJSONRoute


def accepted(run_id: str, what: str, *, request: Request | None = None) -> Response:
    """Return 202 for a job still running: where to poll for it, and when to ask again.

    A browser (a request that accepts HTML, as a followed link does) gets a short page that says
    what is being made and reloads itself every 5 s; a client gets JSON.

    Parameters
    ----------
    run_id
        The job's id.
    what
        What is being made, for the message (e.g. ``"the report"``).
    request
        The request, to tell a browser from an API client; ``None`` answers JSON.

    Returns
    -------
    Response
        ``{"ok": true, "job", "status": "running", "url", "message"}`` (or the page) with ``Location``
        and ``Retry-After``.
    """
    url = f"/api/jobs/{run_id}"
    headers = {"Location": url, "Retry-After": str(RETRY_SECONDS)}
    if request is not None and "text/html" in request.headers.get("accept", ""):
        page = _WAIT_PAGE.format(what=html.escape(what), seconds=RETRY_SECONDS)
        return HTMLResponse(page, status_code=202, headers=headers)
    body = {"ok": True, "job": run_id, "status": "running", "url": url,
            "message": f"{what} is being made: ask {url} until its status is done"}  # fmt: skip
    return JSONResponse(body, status_code=202, headers=headers)


RETRY_SECONDS = 5
"""How long a client is asked to wait before asking again for a job still running."""

_WAIT_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="{seconds}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Being prepared - hubplan</title></head>
<body><main><h1>Being prepared</h1>
<p>{what} is being made. This page reloads itself every {seconds} seconds until it is ready.</p>
</main></body></html>
"""


STOPPING = "the server is stopping: ask again once it is back"
"""The answer (503) to a request that was waiting for a job when the server began to stop."""


def waited(future: "Future[str]", seconds: float, *, stopping: "Future[None] | None" = None) -> str | None:
    """Return the job's result if it is ready within ``seconds``, else ``None`` (it keeps running).

    Parameters
    ----------
    future
        The job's future.
    seconds
        The longest wait (seconds).
    stopping
        Done when the server begins to stop (:attr:`hubplan.web.jobs.JobQueue.stopping`): the wait
        ends at once with 503, so the request is not still waiting when the server's grace ends.

    Returns
    -------
    str or None
        The result, or ``None`` when it was not ready in time.

    Raises
    ------
    HTTPException
        503 when the server began to stop first.
    """
    watched: list[Future[Any]] = [future] if stopping is None else [future, stopping]
    done, _ = wait(watched, timeout=seconds, return_when=FIRST_COMPLETED)
    if future in done:
        return future.result()
    if stopping is not None and stopping.done():
        raise HTTPException(503, STOPPING, headers={"Retry-After": "30"})
    return None


def _html(html: str, *, download: bool) -> Response:
    disposition = "attachment" if download else "inline"
    headers = {"Content-Disposition": f'{disposition}; filename="hubplan-report.html"'}
    return Response(html, media_type="text/html; charset=utf-8", headers=headers)


def _result_url(run: Run) -> str | None:
    if run.status != "done":
        return None
    if run.kind == "report":
        return f"/api/reports/{run.id}/report.html"
    then = run.request.get("then")
    return then if isinstance(then, str) else None


def reports_router(ctx: Context) -> APIRouter:
    """Return the routes ``/api/report``, ``/api/reports...`` and ``/api/jobs/{job}``."""
    router = APIRouter(route_class=StrictJSONRoute)

    def queue_report(names: list[str], bases: list[str] | None) -> "tuple[str, Future[str]]":
        for n in names:
            ctx.state.named(n)  # unknown names fail now (400), not later in the job
        if bases:
            ctx.state.scenario(bases)
        request = {"scenarios": names, "bases": bases}
        return ctx.jobs.submit("report", request, lambda: ctx.state.report(names, bases))

    def report_run(job: str) -> Run:
        run = ctx.jobs.get(job)
        if run is None or run.kind != "report":
            raise HTTPException(404, f"no report job '{job}'")
        return run

    @router.get(
        "/api/report",
        summary="The HTML report for scenarios (and optionally a plan): the page if ready soon, else 202",
        responses={202: {"description": "Still being made: poll the job's URL (in `url` and Location)."}},
    )
    def report(
        request: Request,
        scenarios: Annotated[str, Query(max_length=4000)] = "",
        bases: Annotated[str, Query(max_length=ctx.limits.max_query_bytes)] = "",
        download: bool = True,
    ) -> Response:
        run_id, future = queue_report(split(scenarios), split(bases) or None)
        page = waited(future, ctx.limits.wait_seconds, stopping=ctx.jobs.stopping)
        if page is None:
            return accepted(run_id, "the report", request=request)
        return _html(page, download=download)

    @router.post("/api/reports", status_code=202, summary="Start making a report in the background")
    def start_report(wanted: ReportRequest) -> dict[str, Any]:
        run_id, _ = queue_report(list(wanted.scenarios), wanted.bases)
        return {"ok": True, "job": run_id, "status": "queued", "url": f"/api/reports/{run_id}"}

    @router.get("/api/reports/{job}", summary="A background report's state (and where to download it)")
    def report_state(job: JobId) -> dict[str, Any]:
        run = report_run(job)
        return {"ok": True, "job": run.id, "status": run.status, "error": run.error,
                "download": _result_url(run)}  # fmt: skip

    @router.get(
        "/api/reports/{job}/report.html", summary="A finished background report", response_class=HTMLResponse
    )
    def report_file(job: JobId, download: bool = True) -> Response:
        run = report_run(job)
        if run.status == "expired":
            raise HTTPException(
                410, "the report was removed to keep the server's store small: ask for it again"
            )
        if run.status != "done" or run.result is None:
            raise HTTPException(409, f"the report is not ready (it is {run.status})")
        return _html(run.result, download=download)

    @router.get("/api/jobs/{job}", summary="Any background job's state (report, analysis) and its result")
    def job_state(job: JobId) -> dict[str, Any]:
        run = ctx.jobs.get(job)
        if run is None:
            raise HTTPException(404, f"no job '{job}'")
        return {"ok": True, "job": run.id, "kind": run.kind, "status": run.status, "error": run.error,
                "url": _result_url(run)}  # fmt: skip

    return router
