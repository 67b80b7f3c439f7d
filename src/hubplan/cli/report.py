"""The report command: a self-contained HTML report and its PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hubplan.cli.common import (
    AsJson,
    Dir,
    app,
    err,
    evaluate_all,
    handles_errors,
    load,
    out,
    print_json,
    travel_for,
)
from hubplan.errors import HubplanError


@app.command()
@handles_errors
def report(
    directory: Dir,
    scenarios: Annotated[
        str, typer.Option(help="Scenario names separated by commas (default: all, baseline first).")
    ] = "",
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for report.html and report.pdf.")] = Path(
        "report"
    ),
    pdf: Annotated[bool, typer.Option(help="Also write the PDF.")] = True,
    proposal: Annotated[
        str,
        typer.Option(
            help="The scenario the council consults on, when decision.yaml does not record one "
            "(the statutory checklist judges it; hubplan never guesses)."
        ),
    ] = "",
    as_json: AsJson = False,
) -> None:
    """Write an HTML report (opens from disk, no network) and its PDF: summary, tables, maps, charts."""
    from hubplan.analysis import analyse
    from hubplan.report.centres import write_centre_pages
    from hubplan.report.document import write_report

    workspace = load(directory)
    names = [n.strip() for n in scenarios.split(",") if n.strip()] or list(workspace.scenarios)
    baseline = workspace.baseline_name
    names.sort(key=lambda n: n != baseline)
    if not names:
        raise HubplanError(
            "the workspace has no scenarios to report: make one with hubplan optimise (or write "
            "scenarios/NAME.yaml)"
        )
    travel = travel_for(workspace)
    evaluations = evaluate_all(workspace, names, travel=travel)
    with err.status("analysing: outreach, events, the consultation and the closing centres"):
        analysis = analyse(workspace, travel, evaluations, proposal=proposal or None)
    if as_json:
        print_json(analysis.to_dict())
        return
    files = write_report(workspace, analysis, out_dir, pdf=pdf)
    out.print(f"wrote {files.html}" + (f" and {files.pdf}" if files.pdf else ""))
    pages = write_centre_pages(workspace, analysis, out_dir)  # one page per closing centre
    if pages:
        out.print(f"wrote {len(pages)} centre pages in {pages[0].parent}")
