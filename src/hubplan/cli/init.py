"""The init command: a workspace for any English council, built from the England tables."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

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
    year: Annotated[int, typer.Option(help="The mid-year of the ONS under-5 counts: 2017 or 2019.")] = 2019,
) -> None:
    """Make a workspace for an English council: its LSOAs with real data, its libraries as sites."""
    from hubplan.data.init import init_workspace

    if year not in (2017, 2019):
        raise typer.BadParameter("expected 2017 or 2019", param_hint="--year")
    with err.status(f"building a workspace for {area} from the England tables"):
        result = init_workspace(directory, area, sites_file=sites, year=year)
    ws = result.workspace
    kind = "council" if result.council.tier == "upper" else "district"
    out.print(
        f"[green]ok[/]: {directory}: {result.council.name} ({result.council.code}, {kind}), "
        f"{len(ws.areas):,} areas (LSOAs), {int(ws.areas.families.sum()):,} children under five "
        f"(ONS mid-{year})"
    )
    if result.libraries:
        out.print(
            f"  sites: {result.libraries} open libraries"
            + (f" and {result.user_sites} of yours" if result.user_sites else "")
        )
    if result.area_sites:
        out.print(
            f"  sites: no open library in the table, so the {result.area_sites} area positions "
            "are the candidates"
        )
    out.print(f"  what is real and what is modelled: {directory / 'README.md'}")
    out.print(f"Next: hubplan optimise {directory} --bases 5   |   hubplan serve {directory}")
