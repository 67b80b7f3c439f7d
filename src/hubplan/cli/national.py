"""The national command: plan every English upper-tier council at once on Dask distributed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.markup import escape

from hubplan.cli.common import app, err, finite, handles_errors, out
from hubplan.data.settings_base import MAX_MINUTES
from hubplan.modes import Mode


@app.command()
@handles_errors
def national(
    out_dir: Annotated[Path, typer.Argument(help="A folder for national.parquet and national.html.")],
    bases_per: Annotated[
        float | None,
        typer.Option(
            parser=finite, help="One base per this many children under five (the default rule: 2,000)."
        ),
    ] = None,
    bases: Annotated[int | None, typer.Option(help="Exactly this many bases in every council.")] = None,
    budget_share: Annotated[
        float | None,
        typer.Option(
            parser=finite, help="This share (0-1) of the cost of keeping every candidate site, e.g. 0.3."
        ),
    ] = None,
    method: Annotated[str, typer.Option(help="heuristic (with a proven gap) or exact.")] = "heuristic",
    mode: Annotated[
        str, typer.Option(help="The mode whose travel time the plans minimise: bus or car.")
    ] = Mode.BUS,
    threshold: Annotated[
        float, typer.Option(parser=finite, help="Minutes that count as within reach.")
    ] = 30.0,
    year: Annotated[int, typer.Option(help="The mid-year of the ONS under-5 counts: 2017 or 2019.")] = 2019,
    councils: Annotated[
        str | None,
        typer.Option(help="Only these upper-tier councils: ONS codes or names, comma-separated."),
    ] = None,
    scheduler: Annotated[
        str | None, typer.Option(help="An existing Dask scheduler, e.g. tcp://127.0.0.1:8786.")
    ] = None,
    workers: Annotated[
        int | None, typer.Option(help="Worker processes of the local cluster (default: one per core).")
    ] = None,
    no_map: Annotated[bool, typer.Option("--no-map", help="Leave the map off the HTML page.")] = False,
) -> None:
    """Plan every English upper-tier council under one rule; write a row per council and a national page."""
    from hubplan.files import GENERATOR_MARK, check_outputs_first, write_output
    from hubplan.scale.national import TABLE, run_national
    from hubplan.scale.page import render_national_page
    from hubplan.scale.tasks import BaseRule, NationalOptions

    given = [
        (k, v)
        for k, v in (("--bases-per", bases_per), ("--bases", bases), ("--budget-share", budget_share))
        if v is not None
    ]
    if len(given) > 1:
        raise typer.BadParameter("give one rule at most", param_hint=" / ".join(k for k, _ in given))
    rule = BaseRule()
    if bases_per is not None:
        if bases_per <= 0:
            raise typer.BadParameter("expected a number of children above 0", param_hint="--bases-per")
        rule = BaseRule("bases_per", bases_per)
    elif bases is not None:
        if bases < 1:
            raise typer.BadParameter("expected 1 or more", param_hint="--bases")
        rule = BaseRule("bases", bases)
    elif budget_share is not None:
        if not 0 < budget_share <= 1:
            raise typer.BadParameter("expected a share above 0 and at most 1", param_hint="--budget-share")
        rule = BaseRule("budget_share", budget_share)
    if method not in ("heuristic", "exact"):
        raise typer.BadParameter("expected heuristic or exact", param_hint="--method")
    if mode not in (Mode.BUS, Mode.CAR):
        raise typer.BadParameter("expected bus or car", param_hint="--mode")
    if year not in (2017, 2019):
        raise typer.BadParameter("expected 2017 or 2019", param_hint="--year")
    if not 0 < threshold <= MAX_MINUTES:
        raise typer.BadParameter(
            f"expected minutes above 0 and at most {MAX_MINUTES:,.0f} (24 hours); got {threshold:g}",
            param_hint="--threshold",
        )
    chosen_method: Literal["heuristic", "exact"] = "heuristic" if method == "heuristic" else "exact"
    chosen_mode: Literal["bus", "car"] = "bus" if mode == "bus" else "car"
    options = NationalOptions(
        rule=rule, method=chosen_method, mode=chosen_mode, threshold_minutes=threshold, year=year
    )
    codes = [c.strip() for c in councils.split(",") if c.strip()] if councils else None
    # The page is checked before the councils are solved (national.parquet, as it is written).
    check_outputs_first(out_dir, {"national.html": GENERATOR_MARK}, option="--out")

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from hubplan.scale.engine import Progress as RunProgress

    with Progress(
        TextColumn("councils"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("running {task.fields[running]}  failed {task.fields[failed]}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("councils", total=None, running=0, failed=0)

        def advance(p: RunProgress) -> None:
            bar.update(task, total=p.total, completed=p.done, running=p.running, failed=p.failed)

        summary = run_national(
            out_dir, options, codes=codes, scheduler=scheduler, n_workers=workers, progress=advance
        )

    import pandas as pd

    table = pd.read_parquet(out_dir / TABLE)
    from hubplan.data.england import family_hubs_programmes

    page = render_national_page(
        table,
        rule=rule.describe(),
        mode=mode,
        threshold_minutes=threshold,
        draw_map=not no_map,
        programmes=family_hubs_programmes(),
    )
    write_output(out_dir / "national.html", page.encode(), option="--out")
    out.print(
        f"[green]ok[/]: {summary.rows} councils in {out_dir / TABLE} "
        f"({summary.submitted} planned now on {summary.workers} workers, {summary.skipped} already done, "
        f"{summary.failed} failed) in {summary.seconds:.1f} s"
    )
    err.print(f"  {summary.timings.describe()}", markup=False)
    out.print(f"  rule: {rule.describe()}; plans minimise children's minutes by {mode}")
    for row in table[table["error"] != ""].to_dict(orient="records"):
        err.print(
            f"  [red]failed[/]: {escape(str(row['name']))} ({row['code']}): {escape(str(row['error']))}",
            markup=True,
        )
    if "caution" in table.columns:
        for row in table[(table["error"] == "") & (table["caution"].fillna("") != "")].to_dict(
            orient="records"
        ):
            err.print(
                f"  [yellow]not ranked[/]: {escape(str(row['name']))} ({row['code']}): "
                f"{escape(str(row['caution']))}",
                markup=True,
            )
    out.print(f"  page: {out_dir / 'national.html'}")
