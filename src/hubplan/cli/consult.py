"""The consult commands: import responses, record petitions, summarise, and publish with no personal data."""

from __future__ import annotations

from collections import Counter
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import numpy as np
import typer
from rich.table import Table

from hubplan.cli.common import (
    Dir,
    Typer,
    app,
    err,
    handles_errors,
    load,
    out,
    output_folder,
    progress_bar,
    travel_for,
)
from hubplan.consult import (
    add_responses,
    affected_families,
    area_of_postcodes,
    closing_scenarios,
    engine_for,
    read_mapping,
    read_responses,
    record_petition,
    representation,
)
from hubplan.consult.locate import council, outside_districts, outside_note
from hubplan.consult.redact import postcode_district
from hubplan.consult.shared import SHARED_MEANING, shared_groups, shared_mask, shared_note
from hubplan.consult.snapshot import consultation_snapshot
from hubplan.data.points import POSTCODE_DISTRICT
from hubplan.data.scenario import Scenario
from hubplan.data.workspace import Workspace
from hubplan.environment import store_url_from_environment
from hubplan.errors import HubplanError, InputError
from hubplan.report.tables import BREAKDOWN_TITLES

if TYPE_CHECKING:
    import sqlalchemy as sa

consult_app = Typer(
    help="Consultation: import responses, petitions, who responded, what to publish.", no_args_is_help=True
)
app.add_typer(consult_app, name="consult")


def _store(directory: Path) -> sa.Engine:
    """Return the store: ``HUBPLAN_STORE_URL`` when set, else the workspace's ``hubplan.sqlite``."""
    return engine_for(directory, store_url_from_environment())


def _store_errors(directory: Path) -> AbstractContextManager[None]:
    """Word a database error (a read-only folder, a full disk) as one line naming the store."""
    from hubplan.store import store_errors, store_url

    return store_errors(store_url(directory, url=store_url_from_environment()))


ScenarioOpt = Annotated[
    str,
    typer.Option(
        help="The scenario consulted on (default: decision.yaml's proposal.scenario, else the first "
        "that closes centres)."
    ),
]


def _consultation_period(directory: Path) -> tuple[date, date] | None:
    """Return the consultation's first and last day from ``decision.yaml``, or ``None``."""
    from hubplan.data.decision import load_decision

    try:
        decision = load_decision(directory)
    except InputError:
        err.print(
            "Note: decision.yaml has problems (hubplan validate names them), so the responses' dates "
            "are not checked against the consultation's period",
            markup=False,
        )
        return None
    return decision.consultation.dates() if decision and decision.consultation else None


@consult_app.command(name="import")
@handles_errors
def import_responses(
    directory: Dir,
    file: Annotated[Path, typer.Argument(help="A CSV export of responses.")],
    mapping: Annotated[Path | None, typer.Option(help="A TOML file renaming the export's columns.")] = None,
) -> None:
    """Import responses: malformed rows are listed with their row; valid rows are stored once each."""
    workspace = load(directory)
    period = _consultation_period(directory)
    result = read_responses(file, mapping=read_mapping(mapping) if mapping else None, period=period)
    with _store_errors(directory):  # a read-only folder, a full disk or a file-size limit: nothing is stored
        added = add_responses(_store(directory), result.rows, source_sha256=result.sha256)
    for problem in result.problems:
        err.print(f"  - {problem}", markup=False)
    for note in result.notes:
        err.print(f"Note: {note}", markup=False)
    _note_outside(workspace, [str(r["postcode"]) for r in result.rows])
    out.print(
        f"{file.name}: {len(result.rows)} valid rows, {added} new "
        f"({len(result.rows) - added} already stored), {len(result.problems)} problem(s) skipped"
    )


@consult_app.command()
@handles_errors
def petition(
    directory: Dir,
    name: Annotated[str, typer.Option(help="The petition's title.")],
    signatures: Annotated[int, typer.Option(min=0, help="How many signed.")],
    postcode_districts: Annotated[
        str, typer.Option(help="Where signers live, e.g. NR1,NR2 (optional).")
    ] = "",
) -> None:
    """Record a petition and its signature count."""
    workspace = load(directory)
    districts = _petition_districts(postcode_districts)
    outside = [d for d in districts if d in outside_districts(list(districts), workspace)]
    if outside:
        are = "is" if len(outside) == 1 else "are"
        err.print(
            f"Note: --postcode-districts: {', '.join(outside)} {are} outside {council(workspace)} "
            "(recorded as given)",
            markup=False,
        )
    with _store_errors(directory):
        record_petition(_store(directory), name, signatures, districts)
    out.print(f"recorded '{name}': {signatures:,} signatures")


@consult_app.command()
@handles_errors
def summary(directory: Dir, scenario: ScenarioOpt = "") -> None:
    """Count responses, the centres they name, and who responded against who is affected."""
    workspace = load(directory)
    with _store_errors(directory):  # reads the store where there is one; never creates it
        snapshot = consultation_snapshot(workspace, store_url=store_url_from_environment())
    responses = snapshot.responses
    if not responses:
        raise HubplanError(f"no responses stored yet: run hubplan consult import {directory} FILE")
    chosen = _consulted_scenario(workspace, scenario)
    comments = [r.comment for r in responses]
    shared = shared_note([len(g) for g in shared_groups(comments)])
    out.print(
        f"{len(responses):,} responses{f' ({shared})' if shared else ''}; by type: "
        + ", ".join(
            f"{k or 'not asked'} {v:,}"
            for k, v in Counter(r.respondent_type for r in responses).most_common()
        )
    )
    named = Counter(c for centres in snapshot.centres for c in centres)
    table = Table(title="Centres named most")
    table.add_column("centre")
    table.add_column("responses", justify="right")
    for site, count in named.most_common(10):
        table.add_row(str(workspace.sites.name[workspace.sites.index[site]]), f"{count:,}")
    out.print(table)
    postcodes = [r.postcode for r in responses]
    areas, method = area_of_postcodes(postcodes, workspace)
    affected = affected_families(workspace, travel_for(workspace), chosen)
    out.print(
        f"{int((areas >= 0).sum()):,} of {len(responses):,} responses placed by {method}; "
        f"compared with those affected by '{chosen.name}'"
    )
    _note_outside(workspace, postcodes)
    people = workspace.areas.people
    for rep in representation(workspace, areas, affected, shared=shared_mask(comments)):
        title = BREAKDOWN_TITLES.get(rep.breakdown, rep.breakdown)
        sharing = rep.shared if rep.shared is not None and rep.shared.any() else None
        t = Table(title=f"{title}: respondents against {people} affected")
        columns = (title, "respondents", *(["of these, sharing a text"] if sharing is not None else []))
        for col in (*columns, f"affected {people}", "representation"):
            t.add_column(col, justify="left" if col == title else "right")
        for g, label in enumerate(rep.labels):
            ratio = "-" if not np.isfinite(rep.ratio[g]) else f"{rep.ratio[g]:.2f}"
            counted = [f"{rep.respondents[g]:,.0f}", *([f"{sharing[g]:,.0f}"] if sharing is not None else [])]
            t.add_row(label, *counted, f"{rep.affected[g]:,.0f}", ratio)
        out.print(t)
        if rep.under_represented:
            out.print(f"[yellow]under-represented ({title}):[/] {', '.join(rep.under_represented)}")
    if shared:
        out.print(f"Sharing a text: {SHARED_MEANING}.", markup=False)
    for p in snapshot.petitions:
        districts = p.postcode_districts
        out.print(
            f"petition '{p.name}': {p.signatures:,} signatures"
            + (f" ({', '.join(districts)})" if districts else "")
        )


def _petition_districts(given: str) -> tuple[str, ...]:
    """Read ``--postcode-districts`` (``NR1,NR2``): postcode districts only, each named when it is not one."""
    typed = [d.strip() for d in given.split(",") if d.strip()]
    districts = tuple(d.upper() for d in typed)
    wrong = []
    for district, as_typed in zip(districts, typed, strict=True):
        if not POSTCODE_DISTRICT.fullmatch(district):
            full = postcode_district(district) if " " in district or len(district) > 4 else ""
            wrong.append(f"'{as_typed}'" + (f" (a full postcode: give its district, {full})" if full else ""))
    if wrong:
        msg = (
            "--postcode-districts: expected postcode districts separated by commas, such as NR1,NR2 (the "
            f"part of a postcode before the space; full postcodes are not stored), found {', '.join(wrong)}"
        )
        raise HubplanError(msg)
    return tuple(dict.fromkeys(districts))


def _consulted_scenario(workspace: Workspace, name: str) -> Scenario:
    """Return the scenario consulted on: --scenario, else decision.yaml's proposal, else the first closing.

    Without ``--scenario`` it says which was chosen and why (on stderr).
    """
    if name:
        return workspace.scenario(name)
    from hubplan.data.decision import load_decision

    try:
        decision = load_decision(workspace.path)
    except InputError:
        decision = None  # hubplan validate names its problems
    if decision is not None and decision.proposal.scenario in workspace.scenarios:
        proposed = decision.proposal.scenario
        err.print(
            f"Note: comparing with '{proposed}', the plan consulted on (decision.yaml's proposal.scenario); "
            "give --scenario to compare with another",
            markup=False,
        )
        return workspace.scenario(proposed)
    closing = closing_scenarios(workspace)
    if not closing:
        raise HubplanError("no scenario closes a centre: give --scenario")
    err.print(
        f"Note: comparing with '{closing[0].name}', the first scenario that closes a centre (decision.yaml "
        "names no proposal.scenario); give --scenario to compare with another",
        markup=False,
    )
    return closing[0]


def _note_outside(workspace: Workspace, postcodes: list[str]) -> None:
    """Print a note naming the postcode districts from outside the council (stored, not placed)."""
    note = outside_note(postcodes, workspace)
    if note:
        err.print(f"Note: {note}", markup=False)


@consult_app.command()
@handles_errors
def report(
    directory: Dir,
    out_dir: Annotated[Path, typer.Option("--out", help="The folder for consultation.html.")] = Path(
        "consultation"
    ),
    scenario: ScenarioOpt = "",
    seed: Annotated[int, typer.Option(help="Seeds the themes: same seed, same themes.")] = 0,
) -> None:
    """Publish the consultation with no personal data: counts, themes, each centre, who did not respond."""
    from hubplan.analysis.consultation import analyse_consultation
    from hubplan.report.consultation import write_consultation_report

    output_folder(out_dir)
    workspace = load(directory)
    with _store_errors(directory):  # reads the store where there is one; never creates it
        snapshot = consultation_snapshot(workspace, store_url=store_url_from_environment())
    chosen = _consulted_scenario(workspace, scenario)
    _note_outside(workspace, [r.postcode for r in snapshot.responses])
    travel = travel_for(workspace)
    with progress_bar("reading the comments (distinct ones)", len(snapshot.responses)) as advance:
        analysed = analyse_consultation(workspace, travel, chosen, snapshot, seed=seed, progress=advance)
    if analysed.themes_caution:
        err.print(f"Note: themes: {analysed.themes_caution}", markup=False)
    files = write_consultation_report(analysed, out_dir)
    out.print(
        f"wrote {files.html} (edit {directory}/themes.yaml to rename or merge themes and say what you did)"
    )
