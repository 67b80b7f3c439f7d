"""The ``lots`` command: split a council's areas into contiguous, balanced commissioning lots."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from hubplan.cli.common import (
    AsJson,
    Dir,
    app,
    finite,
    handles_errors,
    load,
    out,
    output_folder,
    print_json,
    print_notes,
    travel_for,
)
from hubplan.errors import InputError, Problem
from hubplan.evaluate.evaluation import data_notes
from hubplan.files import SVG_MARK, check_outputs_first, spreadsheet_safe, write_outputs

if TYPE_CHECKING:
    from hubplan.analysis.lots import ScenarioLots
    from hubplan.data.workspace import Workspace

_METHODS = ("auto", "exact", "heuristic")


_AREA_HEADER = ["area_id", "lot"]


def _table_header(people: str) -> list[str]:
    """Return lots-table.csv's header, whose third column names who is counted (``children``)."""
    return ["lot", "areas", people, "most_deprived_fifth", "bases", "centre", "providers",
            "outreach_hours_per_week", "bases_cost_per_year", "outreach_cost_per_year",
            "cost_per_year"]  # fmt: skip


def _check_outputs_first(folder: Path) -> None:
    """Refuse before the solving to write where files hubplan did not write are (lots.json: at the end)."""
    check_outputs_first(
        folder,
        {
            "lots.csv": ",".join(_AREA_HEADER).encode() + b"\n",
            "lots-table.csv": ",".join(_table_header("children")).encode() + b"\n",
            "lots.svg": SVG_MARK,
        },
        option="--out",
    )


def _write_outputs(workspace: Workspace, split: ScenarioLots, folder: Path) -> list[Path]:
    """Write lots.csv (a lot per area), lots-table.csv (a row per lot), lots.svg (the map), lots.json."""
    from hubplan.analysis.view import render_view
    from hubplan.report.charts import to_svg
    from hubplan.report.lots import lots_map

    folder.mkdir(parents=True, exist_ok=True)
    per_area = io.StringIO()
    writer = csv.writer(per_area, lineterminator="\n")
    writer.writerow(_AREA_HEADER)
    writer.writerows(
        [spreadsheet_safe(a), int(g) + 1] for a, g in zip(split.area_ids, split.lots.lot, strict=True)
    )
    table = io.StringIO()
    writer = csv.writer(table, lineterminator="\n")
    writer.writerow(_table_header(split.people))
    for r in split.rows:
        row = [r.lot, len(r.areas), round(r.children, 1), round(r.need, 1), ";".join(r.bases), r.centre,
               ";".join(r.providers), round(r.outreach_hours_per_week, 1), round(r.bases_cost_per_year, 2),
               round(r.outreach_cost_per_year, 2), round(r.cost_per_year, 2)]  # fmt: skip
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    scenario = workspace.scenario(split.scenario)
    svg = to_svg(lots_map(render_view(workspace), split, title=f"{scenario.title}: {split.count} lots"))
    document = json.dumps(split.to_dict(), indent=2, ensure_ascii=False) + "\n"
    return write_outputs(
        [
            (folder / "lots.csv", per_area.getvalue().encode()),
            (folder / "lots-table.csv", table.getvalue().encode()),
            (folder / "lots.svg", SVG_MARK + b"\n" + svg.encode()),
            (folder / "lots.json", document.encode()),
        ],
        option="--out",
    )


@app.command()
@handles_errors
def lots(
    directory: Dir,
    scenario: Annotated[str, typer.Argument(help="The scenario whose bases the lots are built around.")],
    count: Annotated[int, typer.Option("--lots", help="How many lots (K).")],
    tolerance: Annotated[
        float | None,
        typer.Option(
            parser=finite,
            help="Each lot's children within the mean +- this share (default [lots] tolerance, 0.1).",
        ),
    ] = None,
    balance_need: Annotated[
        float | None,
        typer.Option(
            parser=finite,
            help="Also balance the most deprived fifth's children within the mean +- this share.",
        ),
    ] = None,
    balance_outreach: Annotated[
        float | None,
        typer.Option(
            parser=finite, help="Also balance the outreach plan's staff hours within the mean +- this share."
        ),
    ] = None,
    pin: Annotated[
        list[str] | None,
        typer.Option(
            "--pin", help="SITE=LOT or DISTRICT=LOT: a site's area, or a whole district, in that lot."
        ),
    ] = None,
    max_per_provider: Annotated[
        int | None,
        typer.Option("--max-lots-per-provider", help="Most lots whose centre base one provider runs now."),
    ] = None,
    method: Annotated[
        str | None,
        typer.Option(
            help="auto (search, then HiGHS from it), exact (HiGHS) or heuristic (search only); "
            "default [lots] method."
        ),
    ] = None,
    time_limit: Annotated[
        float | None,
        typer.Option(parser=finite, help="Seconds for HiGHS (default [lots] time_limit_seconds)."),
    ] = None,
    seed: Annotated[int, typer.Option(help="Seeds the search: same seed, same lots.")] = 0,
    out_dir: Annotated[
        Path | None,
        typer.Option("--out", help="Write lots.csv, lots-table.csv, lots.svg and lots.json to this folder."),
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Split the areas into contiguous commissioning lots, balanced in children, each with its bases.

    Lots are one piece of neighbourhoods sharing borders (rook contiguity from boundaries.geojson),
    each with at least one of the scenario's bases, children within the tolerance of the mean, and
    as compact as possible, keeping areas with the base that serves them where it can.
    """
    from hubplan.analysis.lots import scenario_lots

    problems = []
    if count < 1:
        problems.append(Problem("--lots", None, None, "1 or more lots", str(count)))
    if method is not None and method not in _METHODS:
        problems.append(Problem("--method", None, None, "auto, exact or heuristic", method))
    if out_dir is not None:
        output_folder(out_dir)
    for flag, value in (("--tolerance", tolerance), ("--balance-need", balance_need),
                        ("--balance-outreach", balance_outreach)):  # fmt: skip
        if value is not None and not 0 < value <= 1:
            problems.append(
                Problem(flag, None, None, "a share above 0 and at most 1 (0.1 for +-10%)", f"{value:g}")
            )
    if max_per_provider is not None and max_per_provider < 1:
        problems.append(Problem("--max-lots-per-provider", None, None, "1 or more", str(max_per_provider)))
    if time_limit is not None and time_limit <= 0:
        problems.append(Problem("--time-limit", None, None, "more than 0 seconds", f"{time_limit:g}"))
    if problems:
        raise InputError(problems, f"{len(problems)} option(s) cannot be used")
    if out_dir is not None:
        _check_outputs_first(out_dir)
    workspace = load(directory)
    chosen = workspace.scenario(scenario)
    base = workspace.assumptions.lots
    changes = {
        "tolerance": tolerance,
        "need_tolerance": balance_need,
        "outreach_tolerance": balance_outreach,
        "max_lots_per_provider": max_per_provider,
        "time_limit_seconds": time_limit,
    }
    defaults = base.model_copy(update={k: v for k, v in changes.items() if v is not None})
    travel = travel_for(workspace)
    split = scenario_lots(
        workspace,
        travel,
        chosen,
        count,
        defaults=defaults,
        pins=pin or [],
        method=method,  # type: ignore[arg-type]
        seed=seed,
    )
    # evaluate's notes too: how the minutes that place areas with bases were made, what is modelled
    notes = dict.fromkeys([*split.notes, *data_notes(workspace, travel, bases_cost_only=False)])
    split = replace(split, notes=tuple(notes))
    written = _write_outputs(workspace, split, out_dir) if out_dir is not None else []
    if as_json:
        print_json(split.to_dict())
        return
    from hubplan.report.lots import lot_rows

    names = {s: str(workspace.sites.name[i]) or s for s, i in workspace.sites.index.items()}
    table = Table(title=f"{chosen.title}: {count} lot{'s' if count != 1 else ''}")
    for header in ("lot", "areas", split.people, "most deprived fifth", "bases", "providers now",
                   "outreach h/week", "£ a year"):  # fmt: skip
        table.add_column(header, justify="left" if header in ("bases", "providers now") else "right")
    for row in lot_rows(split, names):
        table.add_row(*row)
    out.print(table)
    lots_found = split.lots
    how = "no bound within the time limit"
    if lots_found.optimal:
        how = "proved best"
    elif lots_found.gap is not None:
        how = f"proved within {lots_found.gap:.1%} of the best"
    out.print(
        f"Found by {lots_found.method} ({how}) in {lots_found.seconds:.1f} s; contiguity {split.rule}; "
        f"{split.served_together:.0%} of {split.people} in the same lot as their own base; mean "
        f"{split.compactness_km:.1f} km to the lot's centre base."
    )
    print_notes(split.notes)
    for path in written:
        out.print(f"wrote {path}")
