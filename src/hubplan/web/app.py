"""The FastAPI app behind ``hubplan serve``: a page with a map, and a JSON API documented at ``/docs``.

Anyone may look, search, evaluate plans and download reports; saving needs an editor's token
(:mod:`hubplan.web.auth`). The routes live in :mod:`hubplan.web.routes`, one module per concern, each
given the shared :class:`~hubplan.web.context.Context`. Handlers are plain functions, which FastAPI runs
in its thread pool; slow work (reports, the centre pages' analysis) runs on a bounded queue
(:mod:`.jobs`) and no request waits for it longer than ``Limits.wait_seconds`` (then 202 and a poll URL).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import AsyncIterator
from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from slowapi import Limiter
from slowapi.middleware import SlowAPIASGIMiddleware
from slowapi.util import get_remote_address

from hubplan import __version__
from hubplan.environment import keep_library_caches_in_user_cache, store_url_from_environment
from hubplan.errors import HubplanError
from hubplan.web.auth import Editor, editors_from_environment
from hubplan.web.context import Context
from hubplan.web.errors import install_error_handlers
from hubplan.web.guard import HeadAsGet, Limits, SecurityHeaders, SizeLimits, TrustedHosts, TrustedRequests
from hubplan.web.jobs import STOP_GRACE_SECONDS, JobQueue
from hubplan.web.routes.centres import centres_router
from hubplan.web.routes.pages import pages_router
from hubplan.web.routes.reports import reports_router
from hubplan.web.routes.scenarios import scenarios_router
from hubplan.web.routes.workspace import workspace_router
from hubplan.web.state import State


def create_app(
    folder: Path,
    *,
    editors: tuple[Editor, ...] | None = None,
    limits: Limits | None = None,
    store_url: str | None = None,
    hosts: TrustedHosts | None = None,
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
        The store's database URL; default ``HUBPLAN_STORE_URL`` (read here, at the edge), else the
        workspace's ``hubplan.sqlite``.
    hosts
        The ``Host`` names answered (others get 400); default any (``hubplan serve`` always gives them:
        :meth:`TrustedHosts.served`).

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
    keep_library_caches_in_user_cache()
    url = store_url if store_url is not None else store_url_from_environment()
    state = State(folder, store_url=url, read_only=not editors)
    # A read-only server writes nothing: its report runs are kept in memory, within the same limits.
    jobs = JobQueue(
        state.engine if editors else None, workers=limits.report_workers, capacity=limits.report_queue,
        keep_chars=limits.report_keep_chars, keep_for=dt.timedelta(seconds=limits.report_keep_seconds),
    )  # fmt: skip
    tile_url = state.workspace.assumptions.web.tile_url or None

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        jobs.shutdown(grace=STOP_GRACE_SECONDS)

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
    app.add_middleware(HeadAsGet)
    app.add_middleware(SlowAPIASGIMiddleware)
    app.add_middleware(SizeLimits, limits=limits)
    app.add_middleware(TrustedRequests, hosts=hosts)  # inside SecurityHeaders: its refusals carry them
    app.add_middleware(SecurityHeaders, tile_url=tile_url)
    app.mount("/static", StaticFiles(directory=static), name="static")
    templates = Jinja2Templates(directory=str(resources.files("hubplan.web") / "templates"))
    ctx = Context(
        state=state, jobs=jobs, limits=limits, editors=editors, templates=templates, tile_url=tile_url
    )
    app.state.hubplan = ctx  # for tests and operators: the cache's counts, the queue
    install_error_handlers(app, tile_url=tile_url)
    routers = (pages_router, workspace_router, scenarios_router, reports_router, centres_router)
    for router in routers:
        # The routes themselves, not ``include_router``: FastAPI 0.165 wraps an included router in one
        # route that slowapi's middleware cannot see into, which would let every request past the rate limit.
        app.router.routes.extend(router(ctx).routes)
    return app
