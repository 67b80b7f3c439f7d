"""Tables and sentences for outreach plans, amendments and consultation events."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rich.table import Table

from hubplan.analysis.provenance import KIND_MARKS, KIND_WORDS, Provenance
from hubplan.analysis.shapes import AmendShape, EventShape, OutreachPlanShape, ReachTableShape
from hubplan.report import format as fmt
from hubplan.report.tables import BREAKDOWN_TITLES

OUTREACH_FIGURES = ("online_offer", "outreach_costs", "home_visits", "session_capacity", "outreach_staff")
"""The provenance keys (:func:`hubplan.analysis.provenance.figure_provenance`) of an outreach plan's
figures beyond the bases' cost, which says its own source: the online offer, the sessions' cost, home
visits' cost, the families a session reaches, and the workers."""

OUTREACH_COSTS = ("online_offer", "outreach_costs", "home_visits")
"""The keys of the lines of an outreach plan's cost, which its total sums."""


@dataclass(frozen=True)
class FigureNotes:
    """Figures marked with where they come from, and the numbered notes that say it in full.

    Parameters
    ----------
    marks
        Provenance key to the words beside its figure ("assumed [1]", "your figure [2]").
    notes
        One note per key, numbered as the marks: "[1] assumed by hubplan: the online offer at ...".
    """

    marks: dict[str, str]
    notes: tuple[str, ...]

    def mark(self, key: str) -> str:
        """Return the mark of a figure ('' when it has none).

        Parameters
        ----------
        key
            A provenance key.

        Returns
        -------
        str
            Its mark.
        """
        return self.marks.get(key, "")

    def refs(self, keys: Sequence[str]) -> str:
        """Return the note numbers of some figures, as "see [1], [2]" ('' when none has a note).

        Parameters
        ----------
        keys
            Provenance keys.

        Returns
        -------
        str
            The references.
        """
        numbers = [self.marks[k].rsplit(" ", 1)[-1] for k in keys if k in self.marks]
        return f"see {', '.join(numbers)}" if numbers else ""


def figure_notes(figures: Mapping[str, Provenance], keys: Sequence[str] = OUTREACH_FIGURES) -> FigureNotes:
    """Return the sources of some figures, numbered: a mark for each figure's label, and its note.

    The words are the provenance's own (the report's sources table shows the same), so a terminal
    table says of each figure what the report says: assumed by hubplan with the setting, its value
    and why, or given by the user and where.

    Parameters
    ----------
    figures
        The analysis's provenance by key (``FigureSources.figures``).
    keys
        Which figures, in the order their notes are numbered; a key without provenance is skipped.

    Returns
    -------
    FigureNotes
        The marks and the notes.
    """
    marks: dict[str, str] = {}
    notes: list[str] = []
    for key in keys:
        source = figures.get(key)
        if source is None:
            continue
        n = len(notes) + 1
        marks[key] = f"{KIND_MARKS[source.kind]} [{n}]"
        notes.append(f"[{n}] {KIND_WORDS[source.kind]}: {source.detail}")
    return FigureNotes(marks, tuple(notes))


def _with(label: str, *parts: str) -> str:
    """Return a label with its non-empty parts in brackets: "online offer (assumed [1])"."""
    said = "; ".join(p for p in parts if p)
    return f"{label} ({said})" if said else label


def outreach_money_rows(
    plan: OutreachPlanShape, *, sources: FigureNotes | None = None
) -> list[tuple[str, str]]:
    """Return the budget and each line of the cost, as (label, £) rows for a table.

    Parameters
    ----------
    plan
        The plan.
    sources
        Marks of where each line's figure comes from (:func:`figure_notes`), said beside it; the
        notes themselves are printed by the caller. ``None``: only the bases' and the home visits'
        own words.

    Returns
    -------
    list of tuple
        Budget (only when one was set: none is made up), bases, online offer, sessions, home visits
        and total; and, when the total exceeds the budget (the bases and online offer alone can),
        how much over it is. The bases and the total say when a base's cost is assumed, and why;
        the home visits say when a family's cost is charged for each child.
    """
    marks = sources or FigureNotes({}, ())
    over = plan.cost_per_year - plan.budget_per_year
    unknown = "not known (no costs for the bases)"
    # a marked home-visits line says its assumption in its note (the same words, and why)
    visits_at = marks.mark("home_visits") or plan.home_visits_words
    budget = (
        [("budget a year", fmt.money(plan.budget_per_year))] if math.isfinite(plan.budget_per_year) else []
    )
    ind = "  " if budget else ""  # the lines of the cost sit under the budget they are within
    rows = [
        *budget,
        (
            _with(f"{ind}bases", plan.bases_cost_words),
            fmt.money(plan.bases_cost_per_year) if math.isfinite(plan.bases_cost_per_year) else unknown,
        ),
        (_with(f"{ind}online offer", marks.mark("online_offer")), fmt.money(plan.online_cost_per_year)),
        (
            _with(
                f"{ind}outreach sessions",
                f"{len(plan.sessions)} a week at {len(plan.venues)} venues",
                marks.mark("outreach_costs"),
            ),
            fmt.money(plan.outreach_cost_per_year),
        ),
        (
            _with(f"{ind}home visits", f"{fmt.families(plan.home_visit_families)} {plan.people}", visits_at),
            fmt.money(plan.home_visits_cost_per_year),
        ),
        (
            _with(f"{ind}total", plan.bases_cost_words, marks.refs(OUTREACH_COSTS)),
            fmt.money(plan.cost_per_year) if math.isfinite(plan.cost_per_year) else unknown,
        ),
    ]
    if over > 0.5:
        rows.append(("  OVER THE BUDGET by", fmt.money(over)))
    return rows


def outreach_summary_table(plan: OutreachPlanShape, *, sources: FigureNotes | None = None) -> Table:
    """Return the money and the families of an outreach plan, one line each.

    Parameters
    ----------
    plan
        The plan.
    sources
        Marks of where each figure comes from (:func:`figure_notes`), said beside it.

    Returns
    -------
    rich.table.Table
        Budget, cost lines, families by how they are reached, staff.
    """
    marks = sources or FigureNotes({}, ())
    reach = marks.mark("session_capacity")
    table = Table(title=f"Outreach for {plan.scenario}", show_header=False)
    table.add_column("")
    table.add_column("", justify="right")
    rows = [
        *outreach_money_rows(plan, sources=sources),
        *(
            [("  left unspent", fmt.money(plan.budget_per_year - plan.cost_per_year))]
            if math.isfinite(plan.budget_per_year - plan.cost_per_year)
            else []
        ),
        (
            f"{plan.people} within {plan.threshold_minutes:g} min of a base ({plan.travel_rule})",
            fmt.families(plan.families_within_base),
        ),
        (_with(f"{plan.people} reached by outreach", reach), fmt.families(plan.families_reached)),
        ("  of them at home (no venue within reach)", fmt.families(plan.home_visit_families)),
        (
            _with(f"{plan.people} not reached", reach),
            fmt.families(plan.families_in_need - plan.families_reached),
        ),
        (_with("outreach workers", marks.mark("outreach_staff")), str(plan.staff)),
    ]
    for label, value in rows:
        table.add_row(label, value)
    return table


def venues_table(plan: OutreachPlanShape, *, limit: int = 15, sources: FigureNotes | None = None) -> Table:
    """Return the busiest venues: sessions, families, cost and the base that staffs them.

    Parameters
    ----------
    plan
        The plan.
    limit
        How many venues to list.
    sources
        Marks of where the families reached and the cost come from (:func:`figure_notes`), said in
        their columns' headings.

    Returns
    -------
    rich.table.Table
        One row per venue.
    """
    table = Table(title=f"Outreach venues ({len(plan.venues)}; the {min(limit, len(plan.venues))} busiest)")
    marks = sources or FigureNotes({}, ())
    in_need = f"{plan.people} in need"
    reached = _with("reached", marks.mark("session_capacity"))
    cost = _with("cost a year", marks.mark("outreach_costs"))
    for name in ("venue", "staffed from", "sessions a week", in_need, reached, cost):
        table.add_column(name, justify="left" if name in ("venue", "staffed from") else "right")
    for v in plan.venues[:limit]:
        table.add_row(
            v.venue, v.base, str(v.sessions_per_week), fmt.families(v.families_in_need),
            fmt.families(v.families_reached), fmt.money(v.cost_per_year),
        )  # fmt: skip
    return table


def reach_table(reach: ReachTableShape, *, people: str = "families") -> Table:
    """Return one breakdown of families reached by a base, by outreach, or not at all.

    Parameters
    ----------
    reach
        The breakdown.
    people
        What the workspace counts, ``"families"`` or ``"children"`` (its areas' unit).

    Returns
    -------
    rich.table.Table
        One row per group.
    """
    title = BREAKDOWN_TITLES.get(reach.breakdown, reach.breakdown)
    table = Table(title=f"{title}: how {people} are reached")
    table.add_column(title)
    for name in (people, "by a base", "by outreach", "not reached"):
        table.add_column(name, justify="right")
    for g, label in enumerate(reach.labels):
        table.add_row(
            label, fmt.families(reach.families[g]), fmt.families(reach.base[g]),
            fmt.families(reach.outreach[g]), fmt.families(reach.not_reached[g]),
        )  # fmt: skip
    return table


def amend_table(
    options: Sequence[AmendShape], extra: float, *, cost_words: str = "", sources: FigureNotes | None = None
) -> Table:
    """Return each way of spending the extra money, best first.

    Parameters
    ----------
    options
        From :func:`hubplan.outreach.amend`.
    extra
        The extra £ a year.
    cost_words
        When a base's cost is assumed (:func:`hubplan.data.cost_source.assumed_cost_words`): said in
        the cost column's heading.
    sources
        Marks of where the outreach's reach and costs come from (:func:`figure_notes`), said in the
        headings of the columns that rest on them.

    Returns
    -------
    rich.table.Table
        One row per split.
    """
    marks = sources or FigureNotes({}, ())
    table = Table(title=f"What {fmt.money(extra)} more a year buys (best first)")
    for name in (
        "option",
        "bases added",
        "within reach of a base",
        _with("reached in all", marks.mark("session_capacity")),
        "at the rounds' stops",
        "rounds cost a year",
        _with("cost a year", cost_words, marks.refs(OUTREACH_COSTS)),
    ):
        table.add_column(name, justify="left" if name == "option" else "right")
    for o in options:
        rounds = "" if o.rounds is None else fmt.families(o.rounds.families_served)
        money = "" if o.rounds is None else fmt.money(o.rounds.cost.cost_per_year)
        table.add_row(
            o.label, str(len(o.kept_open)), fmt.families(o.families_within_base),
            fmt.families(o.families_reached), rounds, money, fmt.money(o.cost_per_year),
        )  # fmt: skip
    if any(o.rounds is not None for o in options):
        table.caption = (
            "Rounds' cost is modelled: vehicles, staff hours and km at the circuits and costs settings."
        )
    return table


def outreach_sentence(plan: OutreachPlanShape) -> str:
    """Say in one sentence who beyond a base the plan's outreach reaches, by what, and who it does not.

    Every figure is the plan's own: those reached are ``families_reached`` (sessions at venues and
    home visits together), split into the home visits and the rest; those not reached are what is
    left of ``families_in_need``, so the sentence never says that all are reached when the budget
    runs out first.

    Parameters
    ----------
    plan
        The plan.

    Returns
    -------
    str
        The sentence, e.g. "the 6,832 children farther than 30 minutes from a base (by bus without a
        car, by car with one): 5,297 are reached, 5,291 by 270 outreach sessions a week at 98 venues
        (£1.53m) and 6 at home ...; 1,535 are not reached within the budget".
    """
    people = plan.people
    at_home = plan.home_visit_families
    at_venues = max(plan.families_reached - at_home, 0.0)
    not_reached = max(plan.families_in_need - plan.families_reached, 0.0)
    farther = f"farther than {plan.threshold_minutes:g} minutes from a base ({plan.travel_rule})"
    if plan.families_in_need < 0.5:
        return f"no {people} are {farther}"
    beyond = f"the {fmt.families(plan.families_in_need)} {people} {farther}"
    how = [
        f"{fmt.families(at_venues)} by {len(plan.sessions)} outreach sessions a week at "
        f"{len(plan.venues)} venues ({fmt.money(plan.outreach_cost_per_year)})"
    ]
    if at_home >= 0.5:
        how.append(
            f"{fmt.families(at_home)} by home visits, as no venue is within reach "
            f"({fmt.money(plan.home_visits_cost_per_year)}"
            + (f"; {plan.home_visits_words})" if plan.home_visits_words else ")")
        )
    text = (
        f"{beyond}: {fmt.families(plan.families_reached)} are reached, {fmt.words(how)}, "
        f"with {plan.staff} outreach workers"
    )
    if not_reached < 0.5:
        return text + "; every one of them is reached"
    within = "within the budget" if math.isfinite(plan.budget_per_year) else "(no budget was set)"
    return text + f"; {fmt.families(not_reached)} are not reached {within}"


def amend_sentence(options: Sequence[AmendShape], extra: float, before: OutreachPlanShape) -> str:
    """Say in one sentence what the best use of the extra money changes.

    Parameters
    ----------
    options
        Best first.
    extra
        The extra £ a year.
    before
        The outreach plan without the amendment.

    Returns
    -------
    str
        The sentence.
    """
    best = options[0]
    more_base = best.families_within_base - before.families_within_base
    reached_before = before.families_within_base + before.families_reached
    more_reached = best.families_reached - reached_before
    if best.rounds is not None:
        cost = best.rounds.cost
        text = (
            f"{fmt.money(extra)} more a year is best spent on {cost.vehicles} outreach vehicle"
            f"{'s' if cost.vehicles != 1 else ''} touring {len(best.rounds.served)} stops every "
            f"{best.rounds.plan.days} working days ({fmt.money(cost.cost_per_year)} a year, modelled), the "
            f"rest on outreach: {fmt.families(max(more_reached, 0.0))} more {before.people} reached in all."
        )
    else:
        kept = ", ".join(best.kept_open) if best.kept_open else "none"
        share = f"{best.share_on_centres:.0%}"
        if share == "100%":
            split = f"all on more bases ({kept})"
        elif best.kept_open:
            split = f"{share} on more bases ({kept}), the rest on outreach"
        else:
            split = "all on outreach, no base kept"
        text = (
            f"{fmt.money(extra)} more a year is best spent {split}: {fmt.families(more_base)} more "
            f"{before.people} within "
            f"{before.threshold_minutes:g} minutes of a base "
            f"and {fmt.families(max(more_reached, 0.0))} more reached in all."
        )
    bus = next((o for o in options if o.rounds is not None), None)
    if bus is not None and bus.rounds is not None and bus is not best:
        n = bus.rounds.cost.vehicles
        gain = max(bus.families_reached - reached_before, 0.0)
        vehicles = f"{n} outreach vehicle{'s' if n != 1 else ''}"
        if gain < 0.5 and reached_before >= before.families - 0.5:
            text += (
                f" Spent on {vehicles} instead, it would reach no one more: bases, sessions and home "
                f"visits already reach all {fmt.families(before.families)} {before.people}."
            )
        else:
            text += f" Spent on {vehicles} instead, it would reach {fmt.families(gain)} more."
    return text


def events_table(events: Sequence[EventShape]) -> Table:
    """Return the drop-in events, one row each.

    Parameters
    ----------
    events
        In date order.

    Returns
    -------
    rich.table.Table
        Date, venue, team, slots, centres served.
    """
    table = Table(title=f"Consultation drop-in events ({len(events)})")
    for name in ("date", "venue", "team", "slots", "closing centres served"):
        table.add_column(name)
    for e in events:
        table.add_row(e.date, e.venue, e.team, ", ".join(e.slots), ", ".join(e.centres))
    return table


def timetable_table(plan: OutreachPlanShape, *, limit: int = 20) -> Table:
    """Return the weekly timetable (the first ``limit`` sessions; the CSV has them all).

    Parameters
    ----------
    plan
        The plan.
    limit
        How many sessions to list.

    Returns
    -------
    rich.table.Table
        Worker, day, slot, venue and base.
    """
    shown = plan.sessions[:limit]
    more = f"; {len(plan.sessions) - limit} more with --timetable FILE" if len(plan.sessions) > limit else ""
    table = Table(title=f"Weekly timetable ({len(plan.sessions)} sessions{more})")
    for name in ("worker", "day", "slot", "venue", "base"):
        table.add_column(name)
    for session in shown:
        table.add_row(session.staff, session.weekday, session.slot, session.venue, session.base)
    return table
