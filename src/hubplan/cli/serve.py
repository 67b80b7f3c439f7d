"""The serve command: the web map on this machine (read-only unless given an edit token)."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hubplan.cli.common import Dir, app, handles_errors, out

if TYPE_CHECKING:
    from hubplan.web.jobs import JobQueue


@app.command()
@handles_errors
def serve(
    directory: Dir,
    host: Annotated[str, typer.Option(help="The address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="The port (0 for any free one).", min=0, max=65535)] = 8000,
    edit_token_file: Annotated[
        Path | None,
        typer.Option(help="A file holding the token that lets editors save (else HUBPLAN_EDIT_TOKEN)."),
    ] = None,
    rate_limit: Annotated[
        str, typer.Option(help="Requests per client, e.g. 1200/minute; an empty value for no limit.")
    ] = "1200/minute",
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            help="A further name the map may be opened under (as many times as needed), e.g. the name a "
            "proxy forwards; '*' for any. Always answered: --host, localhost, 127.0.0.1 and [::1]; "
            "with --host 0.0.0.0, any IP address. Others get 400 (a DNS-rebinding page cannot read the map).",
        ),
    ] = None,
) -> None:
    """Serve the web map: try plans, see the figures change, download the report; editors save plans.

    Without an edit token (HUBPLAN_EDIT_TOKEN or --edit-token-file) the map is read-only. Saved plans go
    to the store: HUBPLAN_STORE_URL (e.g. postgresql://user@host/db), else hubplan.sqlite in DIRECTORY.
    """
    import uvicorn

    from hubplan.web import create_app
    from hubplan.web.auth import editors_from_environment
    from hubplan.web.guard import Limits, TrustedHosts
    from hubplan.web.protocol import server_options

    editors = editors_from_environment(token_file=edit_token_file)
    limits = Limits(rate_limit=rate_limit)  # checked before the workspace is read
    hosts = TrustedHosts.served(host, also=allowed_host or ())
    application = create_app(directory, editors=editors, limits=limits, hosts=hosts)
    mode = "editors save with their token" if editors else "read-only: HUBPLAN_EDIT_TOKEN lets editors save"
    out.print(f"hubplan map for {directory} at http://{host}:{port}/  ({mode}; API at /docs; Ctrl+C stops)")
    # Stopping (Ctrl+C, SIGTERM) waits a moment for requests and jobs in flight, then goes: a job's
    # thread cannot be interrupted, so its run is recorded as stopped and the process ends without it.
    logging.getLogger("uvicorn.error").addFilter(_not_cancelled_at_stop)
    jobs = application.state.hubplan.jobs
    config = uvicorn.Config(application, host=host, port=port, **server_options())  # type: ignore[arg-type]
    server = _stopping_server()(config, jobs=jobs)
    try:
        server.run()  # as uvicorn.run does
    except KeyboardInterrupt:
        pass
    except SystemExit as stopped:  # SIGTERM: hubplan's handler's exit, which uvicorn re-raises once stopped
        _leave_running_jobs(application.state.hubplan.jobs, code=stopped.code)
        raise
    if not server.started:
        sys.exit(3)  # uvicorn's "startup failure" (the port taken, say), which it has logged
    _leave_running_jobs(jobs, code=130)  # uvicorn returns after Ctrl+C


def _stopping_server() -> type:
    """Return uvicorn's server class, waking requests that wait for a job as soon as it is told to stop."""
    import uvicorn

    class StoppingServer(uvicorn.Server):
        def __init__(self, config: uvicorn.Config, *, jobs: JobQueue) -> None:
            super().__init__(config)
            self.jobs = jobs

        def handle_exit(self, sig: int, frame: object) -> None:
            # A request waiting (up to 20 s) for its report answers 503 now, inside the 1 s grace
            # uvicorn gives requests in flight; else uvicorn cancels it and logs an ERROR line.
            self.jobs.stop_waiting()
            super().handle_exit(sig, frame)  # type: ignore[arg-type]

    return StoppingServer


def _not_cancelled_at_stop(record: logging.LogRecord) -> bool:
    """Keep a log record unless it is a request cancelled because the server is stopping (no bug)."""
    return not (record.exc_info and isinstance(record.exc_info[1], asyncio.CancelledError))


def _leave_running_jobs(jobs: JobQueue, *, code: object) -> None:
    """End the process now if jobs still run (recorded as stopped): their threads cannot be stopped."""
    if jobs.running():
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code if isinstance(code, int) else 1)
