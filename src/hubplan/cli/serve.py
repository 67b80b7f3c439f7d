"""The serve command: the web map on this machine (read-only unless given an edit token)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hubplan.cli.common import Dir, app, handles_errors, out


@app.command()
@handles_errors
def serve(
    directory: Dir,
    host: Annotated[str, typer.Option(help="The address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="The port.")] = 8000,
    edit_token_file: Annotated[
        Path | None,
        typer.Option(help="A file holding the token that lets editors save (else HUBPLAN_EDIT_TOKEN)."),
    ] = None,
    rate_limit: Annotated[
        str, typer.Option(help="Requests per client, e.g. 1200/minute; an empty value for no limit.")
    ] = "1200/minute",
) -> None:
    """Serve the web map: try plans, see the figures change, download the report; editors save plans.

    Without an edit token (HUBPLAN_EDIT_TOKEN or --edit-token-file) the map is read-only. Saved plans go
    to the store: HUBPLAN_STORE_URL (e.g. postgresql://user@host/db), else hubplan.sqlite in DIRECTORY.
    """
    import uvicorn

    from hubplan.web import create_app
    from hubplan.web.auth import editors_from_environment
    from hubplan.web.guard import Limits

    editors = editors_from_environment(token_file=edit_token_file)
    application = create_app(directory, editors=editors, limits=Limits(rate_limit=rate_limit))
    mode = "editors save with their token" if editors else "read-only: HUBPLAN_EDIT_TOKEN lets editors save"
    out.print(f"hubplan map for {directory} at http://{host}:{port}/  ({mode}; API at /docs; Ctrl+C stops)")
    # Keep idle connections longer than the 60 s proxies and clients commonly assume: with uvicorn's 5 s,
    # a client reusing a connection just as the server closes it sees a reset (seen under load).
    uvicorn.run(application, host=host, port=port, log_level="warning", timeout_keep_alive=75)
