"""The init command: a workspace for any English council, built from the England tables."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from hubplan.cli.common import app, err, handles_errors, out


@app.command()
@handles_errors
def init(
    directory: Annotated[Path, typer.Argument(help="A new folder for the workspace.")],
    area: Annotated[
        str, typer.Option(help='An English council or district, by name or ONS code: "Kent", "E07000203".')
    ],
    sites: Annotated[
        Path | None, typer.Option(help="A CSV of further candidate sites (the columns of sites.csv).")
    ] = None,
    current: Annotated[
        Path | None,
        typer.Option(
            help="A CSV of the council's centres or hubs today (id, name, lat/lon or postcode; optional "
            "cost_per_year, capacity, provider, contract_end): the baseline plans are compared with."
        ),
    ] = None,
    assume_costs: Annotated[
        bool,
        typer.Option(
            help="Cost each site without its own cost at Norfolk's £10.2m over 53 centres (£192,453 a year), "
            "labelled assumed; without it such sites have no cost and plans are by count."
        ),
    ] = False,
    year: Annotated[int, typer.Option(help="The mid-year of the ONS under-5 counts: 2017 or 2019.")] = 2019,
) -> None:
    """Make a workspace for an English council: its LSOAs, its centres today, libraries as candidates."""
    from hubplan.data.init import init_workspace

    if year not in (2017, 2019):
        raise typer.BadParameter("expected 2017 or 2019", param_hint="--year")
    with err.status(f"building a workspace for {area} from the England tables"):
        result = init_workspace(
            directory, area, sites_file=sites, current_file=current, assume_costs=assume_costs, year=year
        )
    ws = result.workspace
    kind = "council" if result.council.tier == "upper" else "district"
    out.print(
        f"[green]ok[/]: {directory}: {result.council.name} ({result.council.code}, {kind}), "
        f"{len(ws.areas):,} areas (LSOAs), {int(ws.areas.families.sum()):,} children under five "
        f"(ONS mid-{year})"
    )
    if result.council.geography:
        out.print(f"  geography: {escape(result.council.geography)}", highlight=False)
    if result.current:
        out.print(f"  its network today: {result.current} centres from {current} (the baseline)")
    else:
        out.print(
            "  its network today: not given (--current), so plans are new networks: nothing closes or saves"
        )
    if result.libraries:
        out.print(
            f"  candidate sites: {result.libraries} open libraries"
            + (f" and {result.user_sites} of yours" if result.user_sites else "")
        )
    if result.area_sites:
        out.print(
            f"  sites: no open library in the table, so the {result.area_sites} area positions "
            "are the candidates"
        )
    if not ws.sites.costs_known:
        out.print(
            "  costs: not given for every site, so plans are by number of bases and show no money "
            "(give cost_per_year, or --assume-costs)"
        )
    elif result.assumed_costs:
        out.print(
            "  costs: assumed for sites without their own (Norfolk's £10.2m over 53 centres), labelled so"
        )
    out.print(f"  what is real and what is modelled: {directory / 'README.md'}")
    out.print(
        f"Next: hubplan optimise {directory} --bases {result.suggested_bases}   |   hubplan serve {directory}"
    )
