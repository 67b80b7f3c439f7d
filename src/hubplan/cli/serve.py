"""The serve command: the web map on this machine."""

from __future__ import annotations

from typing import Annotated

import typer

from hubplan.cli.common import Dir, app, handles_errors, out


@app.command()
@handles_errors
def serve(
    directory: Dir,
    host: Annotated[str, typer.Option(help="The address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="The port.")] = 8000,
) -> None:
    """Serve the web map: keep or close sites, see the figures change, save plans, download the report."""
    import uvicorn

    from hubplan.web import create_app

    application = create_app(directory)
    out.print(
        f"hubplan map for {directory} at http://{host}:{port}/  (API documented at /docs; Ctrl+C stops)"
    )
    uvicorn.run(application, host=host, port=port, log_level="warning")
