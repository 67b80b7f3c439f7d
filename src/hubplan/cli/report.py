"""The report command: a self-contained HTML report and its PDF."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

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
    output_folder,
    print_json,
    progress_bar,
    travel_for,
)
from hubplan.errors import HubplanError
from hubplan.files import refuse_foreign_files, replaced_together

if TYPE_CHECKING:
    from hubplan.analysis import Analysis
    from hubplan.data.workspace import Workspace

REPORT_OUTPUTS = ("report.pdf", "centres", "report.html")
"""What ``hubplan report`` writes into ``--out``, all replaced together (the page people open, last)."""


@app.command()
@handles_errors
def report(
    directory: Dir,
    scenarios: Annotated[
        str, typer.Option(help="Scenario names separated by commas (default: all, baseline first).")
    ] = "",
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Folder for report.html and report.pdf (default: report; with --json, written only "
            "when given).",
        ),
    ] = None,
    pdf: Annotated[bool, typer.Option(help="Also write the PDF.")] = True,
    proposal: Annotated[
        str,
        typer.Option(
            help="The scenario the council consults on, when decision.yaml does not record one "
            "(the statutory checklist judges it; hubplan never guesses). Always checked: refused when "
            "it is not a reported scenario, or when decision.yaml records another."
        ),
    ] = "",
    as_json: AsJson = False,
) -> None:
    """Write an HTML report (opens from disk, no network) and its PDF: summary, tables, maps, charts.

    With --json, print the analysis as JSON; the report is also written when --out is given (its
    "wrote" lines then go to stderr, so stdout stays one JSON object).
    """
    # --json alone prints the analysis; --out with it asks for the report too (it had been ignored).
    folder = None if as_json and out_dir is None else (out_dir or Path("report"))
    if folder is not None:
        output_folder(folder)
        refuse_foreign_files(folder, REPORT_OUTPUTS)  # before the analysis, not after it
    workspace = load(directory)
    names = [n.strip() for n in scenarios.split(",") if n.strip()] or list(workspace.scenarios)
    baseline = workspace.baseline_name
    names.sort(key=lambda n: n != baseline)
    if not names:
        raise HubplanError(
            "the workspace has no scenarios to report: make one with hubplan optimise (or write "
            "scenarios/NAME.yaml)"
        )
    from hubplan.analysis.evidence import check_proposal
    from hubplan.data.decision import load_decision

    # Before the evaluations: a mistyped --proposal, or one the record contradicts, is said at once.
    check_proposal(proposal or None, names, load_decision(directory, scenarios=tuple(workspace.scenarios)))
    from hubplan.data.boundaries import areas_without_outline, check_boundaries

    outlines = areas_without_outline(directory, list(workspace.areas.ids))
    for problem in [*check_boundaries(directory), *([outlines] if outlines else [])]:  # maps show dots
        err.print(f"Note: {problem}", markup=False)
    travel = travel_for(workspace)
    # A large workspace takes minutes: a bar on stderr (on a terminal only) says which step it is on.
    steps = 3 + (2 if folder is not None else 0)
    described = f"report of {len(names)} scenarios (evaluate, analyse, draw, centre pages)"
    with progress_bar(described, steps) as advance:
        analysis = _analysed(
            directory, workspace, travel, names, proposal=proposal, advance=lambda k: advance(k, steps)
        )
        if folder is not None:
            _write(analysis, folder, pdf=pdf, as_json=as_json, advance=lambda k: advance(k, steps))
    if as_json:
        print_json(analysis.to_dict())


def _analysed(
    directory: Path,
    workspace: Workspace,
    travel: Any,
    names: list[str],
    *,
    proposal: str,
    advance: Callable[[int], None],
) -> Analysis:
    """Return the report's analysis: the scenarios evaluated, then outreach, events and the consultation."""
    from hubplan.analysis import analyse
    from hubplan.consult.snapshot import consultation_snapshot, without_store
    from hubplan.environment import store_url_from_environment
    from hubplan.store import DamagedStoreError, store_errors, store_url

    evaluations = evaluate_all(workspace, names, travel=travel)
    advance(1)
    url = store_url_from_environment()
    try:
        with store_errors(store_url(directory, url=url)):  # a store in a read-only folder: one line
            snapshot = consultation_snapshot(workspace, store_url=url)
    except DamagedStoreError as error:  # the rest of the report does not need the store
        err.print(f"Note: {error}; the report is made without its consultation parts", markup=False)
        snapshot = without_store(workspace)
    advance(2)
    with store_errors(store_url(directory, url=url)):
        analysis = analyse(workspace, travel, evaluations, proposal=proposal or None, snapshot=snapshot)
    advance(3)
    return analysis


def _write(
    analysis: Analysis, folder: Path, *, pdf: bool, as_json: bool, advance: Callable[[int], None]
) -> None:
    """Write the report and its centre pages into ``folder``, all at once, and say what was written."""
    from hubplan.report.centres import CENTRES_DIR, write_centre_pages
    from hubplan.report.document import write_report

    # Everything is made in a staging folder and swapped in at once: a failure or an interrupt
    # leaves the earlier report whole, and centre pages the new report does not have are gone.
    with replaced_together(folder, REPORT_OUTPUTS) as staging:
        files = write_report(analysis, staging, pdf=pdf)
        advance(4)
        pages = write_centre_pages(analysis, staging)  # one page per closing centre
        advance(5)
    said = err if as_json else out  # stdout is the JSON object alone
    said.print(f"wrote {folder / files.html.name}" + (f" and {folder / files.pdf.name}" if files.pdf else ""))
    if pages:
        said.print(f"wrote {len(pages)} centre pages in {folder / CENTRES_DIR}")
