"""Write a circuit plan as CSV, JSON and printable HTML timetables (per vehicle, and a card per community)."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from hubplan.files import GENERATOR_MARK, check_outputs_first, spreadsheet_safe, write_outputs
from hubplan.outreach.circuit_costs import MODELLED, RoundsCost
from hubplan.outreach.circuit_map import rounds_map
from hubplan.outreach.circuits import WEEKDAY_NAMES, CircuitPlan, Depot, Stop, clock

NORFOLK_MOBILE_SOURCE = (
    "Norfolk County Council mobile library timetable 2019, extracted by Libraries Hacked "
    "(LibrariesHacked/mobilelibraries-data); licence not stated"
)
"""The citation every output showing Norfolk's mobile-library stops carries."""

_TEMPLATE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="generator" content="hubplan">
<title>{{ title }}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5em; color: #111; }
section { page-break-after: always; break-after: page; margin-bottom: 2em; }
section:last-of-type { page-break-after: auto; break-after: auto; }
h1 { font-size: 1.4em; } h2 { font-size: 1.2em; margin-bottom: 0.2em; }
table { border-collapse: collapse; margin: 0.5em 0 1em; }
th, td { border: 1px solid #999; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #eee; }
.card { border: 2px solid #333; border-radius: 8px; padding: 1em; max-width: 34em; }
.source, .note { color: #444; font-size: 0.85em; }
figure.map { margin: 0.3em 0; } figure.map svg { max-width: 100%; height: auto; }
@media print { body { margin: 0; } }
</style>
</head>
<body>
<h1>{{ title }}</h1>
<p class="note">{{ cycle_note }}</p>
{% if cost_note %}<p class="note">{{ cost_note }}</p>{% endif %}
{% if source %}<p class="source">Stop data: {{ source }}.</p>{% endif %}
{% for s in sections %}
<section{% if kind == 'community' %} class="card"{% endif %}>
<h2>{{ s.heading }}</h2>
{% if s.lead %}<p>{{ s.lead }}</p>{% endif %}
{% for block in s.blocks %}
{% if block.caption %}<h3>{{ block.caption }}</h3>{% endif %}
{% if block.svg %}<figure class="map" role="img" aria-label="{{ block.alt }}">
{{ block.svg | safe }}</figure>{% endif %}
<table>
<thead><tr>{% for h in block.header %}<th>{{ h }}</th>{% endfor %}</tr></thead>
<tbody>
{% for row in block.rows %}<tr>{% for cell in row %}<td>{{ cell }}</td>{% endfor %}</tr>
{% endfor %}</tbody>
</table>
{% endfor %}
{% if source %}<p class="source">Stop data: {{ source }}.</p>{% endif %}
</section>
{% endfor %}
</body>
</html>
"""


@dataclass(frozen=True)
class _Block:
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    svg: str = ""  # a map rendered offline by vl-convert (its text escaped there)
    alt: str = ""


@dataclass(frozen=True)
class _Section:
    heading: str
    lead: str
    blocks: tuple[_Block, ...]


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.DictLoader({"timetable.html": _TEMPLATE}),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )


def _csv_bytes(header: list[str], rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
    return buffer.getvalue().encode("utf-8")


def _label(stop: Stop | None, stop_id: str) -> tuple[str, str]:
    if stop is None:
        return stop_id, ""
    return stop.name or stop.id, stop.community


def cost_sentence(cost: RoundsCost) -> str:
    """Say what the rounds cost a year, and that it is modelled.

    Parameters
    ----------
    cost
        From :func:`hubplan.outreach.circuit_costs.rounds_cost`.

    Returns
    -------
    str
        One sentence: £ a year, vehicles, staff hours and road km, and the basis.
    """
    return (
        f"Cost about £{cost.cost_per_year:,.0f} a year: {cost.vehicles} vehicle"
        f"{'s' if cost.vehicles != 1 else ''} (£{cost.vehicles_cost_per_year:,.0f}), "
        f"{cost.staff_hours_per_year:,.0f} staff hours (£{cost.staff_cost_per_year:,.0f}) and "
        f"{cost.km_per_year:,.0f} km (£{cost.km_cost_per_year:,.0f}), the cycle run "
        f"{cost.cycles_per_year:.3g} times a year ({MODELLED})."
    )


def _cycle_note(plan: CircuitPlan) -> str:
    days = ", ".join(WEEKDAY_NAMES[d] for d in plan.settings.working_days)
    return (
        f"A cycle of {plan.days} working days ({days}), repeated: day 1 follows day {plan.days}. "
        f"Times are planned; check the latest timetable before travelling."
    )


def vehicle_timetable_html(
    plan: CircuitPlan,
    stops: tuple[Stop, ...],
    *,
    source: str | None = None,
    depots: tuple[Depot, ...] = (),
    outlines: Sequence[dict[str, Any]] = (),
    cost: RoundsCost | None = None,
) -> str:
    """Render one printable page per vehicle: each of its days, stop by stop, with a map of the round.

    Parameters
    ----------
    plan
        The rounds.
    stops
        The stops, for names and communities.
    source
        A citation for the stop data, printed on every page (``None``: none).
    depots
        The depots; given, each day gets a map of its round (depot, numbered stops, back), drawn
        offline as SVG.
    outlines
        GeoJSON features drawn behind each map (e.g. district outlines).
    cost
        The rounds' yearly cost, stated (as modelled) under the title.

    Returns
    -------
    str
        A self-contained HTML document (no scripts, no external files), every text escaped.
    """
    by_id = {s.id: s for s in stops}
    by_vehicle: dict[str, list[Any]] = defaultdict(list)
    for route in plan.routes:
        by_vehicle[route.vehicle].append(route)
    sections = []
    for vehicle in sorted(by_vehicle):
        blocks = []
        for route in sorted(by_vehicle[vehicle], key=lambda r: r.day):
            rows = [("", "leaves depot", "", clock(route.start))]
            for visit in route.visits:
                name, community = _label(by_id.get(visit.stop), visit.stop)
                rows.append((clock(visit.arrival), name, community, clock(visit.departure)))
            rows.append((clock(route.end), "back at depot", "", ""))
            brk = "" if route.break_start is None else f"; break from {clock(route.break_start)}"
            caption = (
                f"Day {route.day}, {WEEKDAY_NAMES[route.weekday]}: {len(route.visits)} stops, "
                f"{route.drive_minutes:.0f} minutes driving{brk}"
            )
            svg, alt = "", ""
            if depots:
                # Not at the top: report.charts imports the analysis stage, which imports outreach.
                from hubplan.report.charts import to_svg

                svg = to_svg(rounds_map([route], stops, depots, title="", outlines=outlines))
                alt = (
                    f"Map of vehicle {vehicle}'s round on day {route.day}: from the depot (triangle) to "
                    f"{len(route.visits)} stops numbered in visiting order, and back"
                )
            header = ("arrives", "stop", "community", "leaves")
            blocks.append(_Block(caption, header, tuple(rows), svg, alt))
        depot = by_vehicle[vehicle][0].depot
        sections.append(_Section(f"Vehicle {vehicle}", f"Based at {depot}.", tuple(blocks)))
    return (
        _environment()
        .get_template("timetable.html")
        .render(
            title="Mobile outreach: timetable by vehicle",
            cycle_note=_cycle_note(plan),
            cost_note=cost_sentence(cost) if cost is not None else "",
            source=source,
            sections=sections,
            kind="vehicle",
        )
    )


def community_cards_html(plan: CircuitPlan, stops: tuple[Stop, ...], *, source: str | None = None) -> str:
    """Render one printable card per community: when the vehicle calls, and where.

    Parameters
    ----------
    plan
        The rounds.
    stops
        The stops; a stop without a community gets a card under its own name.
    source
        A citation for the stop data, printed on every card (``None``: none).

    Returns
    -------
    str
        A self-contained HTML document, every text escaped.
    """
    by_id = {s.id: s for s in stops}
    calls: dict[str, list[tuple[int, str, str, str, str]]] = defaultdict(list)
    for route in plan.routes:
        for visit in route.visits:
            name, community = _label(by_id.get(visit.stop), visit.stop)
            calls[community or name].append(
                (route.day, WEEKDAY_NAMES[route.weekday], clock(visit.arrival), clock(visit.departure), name)
            )
    unserved = defaultdict(list)
    for item in plan.unserved:
        name, community = _label(by_id.get(item.stop), item.stop)
        unserved[community or name].append(name)
    sections = []
    for place in sorted(set(calls) | set(unserved)):
        rows = tuple(
            (f"day {day} of {plan.days}", weekday, f"{arrive}-{leave}", name)
            for day, weekday, arrive, leave, name in sorted(calls[place])
        )
        visits = len(rows)
        lead = (
            f"The mobile calls here {visits} time{'s' if visits != 1 else ''} every {plan.days} working days."
            if visits
            else "No call is planned here yet."
        )
        if unserved[place]:
            lead += f" Not yet planned: {', '.join(sorted(set(unserved[place])))}."
        blocks = (_Block("", ("when", "weekday", "time", "stop"), rows),) if rows else ()
        sections.append(_Section(place, lead, blocks))
    return (
        _environment()
        .get_template("timetable.html")
        .render(
            title="Mobile outreach: when it calls near you",
            cycle_note=_cycle_note(plan),
            cost_note="",
            source=source,
            sections=sections,
            kind="community",
        )
    )


ROUTES_HEADER = ["vehicle", "depot", "day", "weekday", "start", "end", "stops", "drive_minutes"]
VISITS_HEADER = [
    "vehicle",
    "depot",
    "day",
    "weekday",
    "order",
    "stop",
    "name",
    "community",
    "arrival",
    "departure",
]
UNSERVED_HEADER = ["stop", "reason"]
COST_HEADER = ["item", "value"]


def check_circuit_outputs_first(folder: Path) -> None:
    """Refuse, before the rounds are solved, to write them over files hubplan did not write.

    Parameters
    ----------
    folder
        The output folder.

    Raises
    ------
    HubplanError
        Naming the first such file (``plan.json`` is checked when written).
    """
    headers = {"routes.csv": ROUTES_HEADER, "visits.csv": VISITS_HEADER, "unserved.csv": UNSERVED_HEADER,
               "cost.csv": COST_HEADER}  # fmt: skip
    samples = {name: _csv_bytes(header, []) for name, header in headers.items()}
    pages = dict.fromkeys(("timetable-vehicles.html", "timetable-communities.html"), GENERATOR_MARK)
    check_outputs_first(folder, samples | pages, option="--out")


def write_circuit_outputs(
    plan: CircuitPlan,
    stops: tuple[Stop, ...],
    folder: Path,
    *,
    source: str | None = None,
    depots: tuple[Depot, ...] = (),
    outlines: Sequence[dict[str, Any]] = (),
    cost: RoundsCost | None = None,
) -> list[Path]:
    """Write ``plan.json``, ``routes.csv``, ``visits.csv``, ``unserved.csv`` and the two HTML timetables.

    Parameters
    ----------
    plan
        The rounds.
    stops
        The stops, for names and communities.
    folder
        Where to write (created if missing); files are replaced atomically.
    source
        A citation for the stop data, carried into the JSON and every HTML page.
    depots
        The depots; given, the vehicle timetable maps each day's round.
    outlines
        GeoJSON features drawn behind the maps.
    cost
        The rounds' yearly cost: given, it goes into ``plan.json`` (``cost``), ``cost.csv`` and the
        vehicle timetable.

    Returns
    -------
    list of Path
        The files written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    by_id = {s.id: s for s in stops}
    document = plan.to_dict()
    if cost is not None:
        document["cost"] = cost.to_dict()
    if source:
        document["source"] = source
    files: dict[str, bytes] = {
        "plan.json": (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8"),
        "routes.csv": _csv_bytes(
            ROUTES_HEADER,
            [
                [
                    r.vehicle,
                    r.depot,
                    r.day,
                    r.weekday,
                    clock(r.start),
                    clock(r.end),
                    len(r.visits),
                    round(r.drive_minutes, 1),
                ]
                for r in plan.routes
            ],
        ),
        "visits.csv": _csv_bytes(
            VISITS_HEADER,
            [
                [
                    r.vehicle,
                    r.depot,
                    r.day,
                    r.weekday,
                    k,
                    v.stop,
                    *_label(by_id.get(v.stop), v.stop),
                    clock(v.arrival),
                    clock(v.departure),
                ]
                for r in plan.routes
                for k, v in enumerate(r.visits, start=1)
            ],
        ),
        "unserved.csv": _csv_bytes(UNSERVED_HEADER, [[u.stop, u.reason] for u in plan.unserved]),
        "timetable-vehicles.html": vehicle_timetable_html(
            plan, stops, source=source, depots=depots, outlines=outlines, cost=cost
        ).encode("utf-8"),
        "timetable-communities.html": community_cards_html(plan, stops, source=source).encode("utf-8"),
    }
    if cost is not None:
        files["cost.csv"] = _csv_bytes(COST_HEADER, [[k, v] for k, v in cost.to_dict().items()])
    return write_outputs([(folder / name, data) for name, data in files.items()], option="--out")
