"""The travel command: route over an OpenStreetMap extract, import a matrix made elsewhere, or export them."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Annotated

import typer

from hubplan import __version__
from hubplan.cli.common import Dir, app, err, handles_errors, load, out, progress_bar
from hubplan.errors import HubplanError
from hubplan.travel.import_matrix import import_gaps, read_matrix_table
from hubplan.travel.network import NETWORK_TYPES
from hubplan.travel.routed import route_workspace
from hubplan.travel.stored import save_matrix

SHOWN = 5


@app.command()
@handles_errors
def travel(
    directory: Dir,
    network: Annotated[
        Path | None, typer.Option(help="An OpenStreetMap extract (.osm.pbf) to route over.")
    ] = None,
    modes: Annotated[str, typer.Option(help="Modes to route: walk, car (bus stays estimated).")] = "walk,car",
    import_path: Annotated[
        Path | None,
        typer.Option("--import", help="A long table area_id,site_id,mode,minutes (.csv or .parquet)."),
    ] = None,
    export_path: Annotated[
        Path | None,
        typer.Option(
            "--export",
            help="Write every area, site and mode's minutes as area_id,site_id,mode,minutes,source "
            "(.csv or .parquet); it reads back with --import.",
        ),
    ] = None,
    partial: Annotated[
        bool,
        typer.Option(
            "--partial",
            help="With --import: accept a table in which more than half the areas reach no site in a mode "
            "(every pair it leaves out is unreachable from then on).",
        ),
    ] = False,
) -> None:
    """Replace estimated minutes with routed or imported ones (kept in travel/), or export them all."""
    if sum(x is not None for x in (network, import_path, export_path)) != 1:
        raise HubplanError(
            "give exactly one of --network EXTRACT.osm.pbf, --import MATRIX.csv or --export FILE.csv"
        )
    workspace = load(directory)
    if export_path is not None:
        from hubplan.travel import build_travel
        from hubplan.travel.export_matrix import write_matrix_table

        built = build_travel(workspace)
        rows = write_matrix_table(export_path, workspace, built)
        sources = ", ".join(f"{m} {built.sources[m]}" for m in built.modes)
        out.print(
            f"wrote {rows:,} rows to {export_path} ({len(workspace.areas):,} areas x "
            f"{len(workspace.sites):,} sites; {sources}; unreachable pairs left out)"
        )
        return
    if import_path is not None:
        matrices = read_matrix_table(import_path, workspace)
        gaps = {mode: import_gaps(minutes) for mode, minutes in matrices.items()}
        thin = {mode: gap for mode, gap in gaps.items() if 2 * gap[2] > len(workspace.areas)}
        if thin and not partial:  # before anything is written
            mode, (missing, total, no_site) = next(iter(thin.items()))
            raise HubplanError(
                f"--import: {import_path.name} gives {total - missing:,} of the {total:,} {mode} pairs "
                f"(areas x sites): {no_site:,} of {len(workspace.areas):,} areas would reach no site by "
                f"{mode}, and every pair left out counts as unreachable in every command. Give every area "
                "with every site (or at least those within reach), or add --partial to import it as it is"
            )
        digest = hashlib.sha256(import_path.read_bytes()).hexdigest()
        for mode, minutes in matrices.items():
            provenance = {
                "command": f"hubplan travel {directory} --import {import_path}",
                "file": str(import_path),
                "file_sha256": digest,
                "hubplan_version": __version__,
            }
            path = save_matrix(workspace, mode, minutes, "imported", provenance)
            missing, total, no_site = gaps[mode]
            out.print(
                f"{mode}: imported from {import_path.name}; {missing:,} of {total:,} pairs not given "
                "(unreachable)"
            )
            if no_site:
                err.print(
                    f"warning: {mode}: {no_site:,} of {len(workspace.areas):,} areas reach no site (no pair "
                    "given); evaluate says with every result how many pairs are not given"
                )
            out.print(f"  wrote {path}")
        return
    wanted = [m.strip() for m in modes.split(",") if m.strip()]
    unknown = [m for m in wanted if m not in NETWORK_TYPES]
    if unknown:
        raise HubplanError(
            f"--modes: expected walk and/or car (bus cannot be routed offline); got '{unknown[0]}'"
        )
    for mode in wanted:
        with progress_bar(f"routing {mode}", len(workspace.sites)) as advance:
            report = route_workspace(workspace, network, mode, progress=advance)  # type: ignore[arg-type]
        how = "from the cache" if report.cached else f"in {report.seconds:.1f} s"
        out.print(
            f"{mode}: {report.nodes:,} nodes, {report.edges:,} edges; routed {len(workspace.areas):,} areas "
            f"x {len(workspace.sites):,} sites {how}; {report.unreachable_share:.1%} of pairs over the "
            f"{workspace.assumptions.routing.cutoff_minutes:g}-minute cut-off"
        )
        out.print("  no pair takes longer than walking the straight line between its two points")
        out.print(f"  wrote {report.path}")
        for kind, far in (("areas", report.far_areas), ("sites", report.far_sites)):
            if far:
                listed = ", ".join(f"{i} ({m:,.0f} m)" for i, m in far[:SHOWN])
                more = f" and {len(far) - SHOWN} more" if len(far) > SHOWN else ""
                limit = workspace.assumptions.routing.max_snap_m
                out.print(
                    f"  [yellow]{len(far)} {kind} are over {limit:g} m from the network:[/] {listed}{more}; "
                    "their minutes include walking that distance (at most the straight walk)"
                )
    out.print("bus minutes stay estimated (no public-transport router runs offline); every output says so.")
