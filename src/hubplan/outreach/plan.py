"""Plan a scenario's outreach: venues, sessions a week, staff, timetable, cost and families reached."""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from hubplan.data.cost_source import assumed_cost_words
from hubplan.data.scenario import Scenario
from hubplan.data.workspace import Workspace
from hubplan.outreach.costs import home_visit_assumption, session_cost_per_year, session_staff_hours
from hubplan.outreach.need import (
    TRAVEL_RULE,
    WEIGHTING_WORDS,
    Need,
    NeedWeighting,
    check_threshold,
    outreach_need,
)
from hubplan.outreach.timetable import Session, build_timetable
from hubplan.outreach.venues import VenueChoice, choose_venues
from hubplan.travel.geodesic import great_circle_matrix_km
from hubplan.travel.matrix import TravelMatrix
from hubplan.travel.sites import site_minutes


@dataclass(frozen=True)
class VenuePlan:
    """One venue's outreach.

    Parameters
    ----------
    venue, base
        Site ids: the venue, and the base whose staff run it (the nearest by car).
    sessions_per_week
        Weekly sessions.
    families_in_need
        Families beyond the threshold who go to this venue.
    families_reached
        Of them, those the sessions can serve (``families_per_session`` a weekly session).
    cost_per_year
        £ a year for its sessions.
    staff_hours_per_week
        Staff hours its sessions take, travel included.
    """

    venue: str
    base: str
    sessions_per_week: int
    families_in_need: float
    families_reached: float
    cost_per_year: float
    staff_hours_per_week: float


@dataclass(frozen=True, eq=False)
class OutreachPlan:
    """A scenario's outreach and its money.

    Parameters
    ----------
    scenario
        The scenario's name.
    budget_per_year
        The service budget (£ a year); NaN when none was set (and no outreach is planned).
    bases_cost_per_year, online_cost_per_year, outreach_cost_per_year
        The three lines of the cost (£ a year).
    families
        All families.
    families_within_base
        Families within the threshold of a base, by the mode they can use.
    families_in_need
        Families beyond it.
    families_reached
        Of those, families outreach reaches (at venues and at home).
    out_of_reach
        Families in need with no venue within reach.
    home_visit_families
        Of those, families the budget left can visit at home.
    venues
        Per venue: sessions, families, cost.
    sessions
        The weekly timetable.
    need
        The per-area need, for breakdowns.
    area_reached
        (n_areas,) families outreach reaches in each area.
    notes
        What the plan assumed or could not do, one sentence each.
    people
        The workspace's unit, ``"families"`` or ``"children"``.
    bases_cost_words
        "assumed: £... a site, why" when a base's cost is ``[costs] site_cost_per_year``, else "".
    home_visits_words
        "" when the workspace counts families; else how a family's home-visit cost was applied to
        each child (:func:`hubplan.outreach.costs.home_visit_assumption`).
    """

    scenario: str
    budget_per_year: float
    bases_cost_per_year: float
    online_cost_per_year: float
    outreach_cost_per_year: float
    families: float
    families_within_base: float
    families_in_need: float
    families_reached: float
    out_of_reach: float
    home_visit_families: float
    home_visits_cost_per_year: float
    threshold_minutes: float
    venues: tuple[VenuePlan, ...]
    sessions: tuple[Session, ...]
    need: Need
    area_reached: np.ndarray
    notes: tuple[str, ...] = field(default=())
    people: str = "families"
    bases_cost_words: str = ""
    home_visits_words: str = ""

    @property
    def travel_rule(self) -> str:
        """How a household's minutes to a base count, in words: "by bus without a car, by car with one"."""
        return TRAVEL_RULE

    @property
    def need_weighting(self) -> str:
        """How sessions were shared: ``"deprivation"`` or ``"deprivation_and_reach"``."""
        return self.need.weighting

    @property
    def cost_per_year(self) -> float:
        """Bases, online offer, sessions and home visits (£ a year)."""
        return (
            self.bases_cost_per_year
            + self.online_cost_per_year
            + self.outreach_cost_per_year
            + self.home_visits_cost_per_year
        )

    def needy_split(self) -> tuple[np.ndarray, np.ndarray]:
        """Return (n_areas,) families outreach reaches without and with a car (shared as those in need)."""
        needy = self.need.needy
        share = np.divide(self.need.needy_no_car, needy, out=np.zeros_like(needy), where=needy > 0)
        return self.area_reached * share, self.area_reached * (1 - share)

    @property
    def staff(self) -> int:
        """Outreach workers in the timetable."""
        return len({s.staff for s in self.sessions})

    def to_dict(self) -> dict[str, Any]:
        """Return the plan as JSON-ready data (the ``hubplan outreach --json`` object)."""
        return {
            "scenario": self.scenario,
            "budget_per_year": _money_or_none(self.budget_per_year),
            "cost_per_year": _money_or_none(self.cost_per_year),
            "bases_cost_per_year": _money_or_none(self.bases_cost_per_year),
            "bases_cost_assumed": self.bases_cost_words,
            "online_cost_per_year": round(self.online_cost_per_year, 2),
            "outreach_cost_per_year": round(self.outreach_cost_per_year, 2),
            "threshold_minutes": self.threshold_minutes,
            "families": round(self.families, 1),
            "families_within_base": round(self.families_within_base, 1),
            "families_in_need": round(self.families_in_need, 1),
            "families_reached": round(self.families_reached, 1),
            "families_out_of_reach": round(self.out_of_reach, 1),
            "home_visit_families": round(self.home_visit_families, 1),
            "home_visits_cost_per_year": round(self.home_visits_cost_per_year, 2),
            "home_visits_cost_assumed": self.home_visits_words,
            "staff": self.staff,
            "need_weighting": self.need_weighting,
            "venues": [v.__dict__ | {"cost_per_year": round(v.cost_per_year, 2)} for v in self.venues],
            "sessions": [s.__dict__ for s in self.sessions],
            "notes": list(self.notes),
        }


def _money_or_none(value: float) -> float | None:
    """Return £ rounded to pence, or None (JSON null) for a sum not set or not known (NaN)."""
    return round(value, 2) if math.isfinite(value) else None


def outreach_budget(
    workspace: Workspace, scenario: Scenario, *, budget_per_year: float | None = None
) -> tuple[float | None, str]:
    """Return the budget a scenario's outreach is planned within, or None and why none is planned.

    The one rule every output follows (``hubplan outreach``, ``amend``, the report, the lots):
    outreach is planned only within a budget someone set, and only when the bases' cost is known,
    since outreach gets what the budget leaves after the bases and the online offer. No budget is
    ever made up (the bases' cost was once taken as the budget, and an unknown cost bought outreach
    without limit).

    Parameters
    ----------
    workspace
        The workspace.
    scenario
        The bases.
    budget_per_year
        A budget given for this plan (£ a year); default the scenario's ``budget_per_year``, then
        ``[outreach] budget_per_year``. A budget of 0 is 0, not the next default.

    Returns
    -------
    tuple
        The budget (£ a year; None when none was set) and "" when outreach is planned within it,
        else the reason no outreach is planned, in words.
    """
    given = (budget_per_year, scenario.budget_per_year, workspace.assumptions.outreach.budget_per_year)
    budget = next((b for b in given if b is not None), None)
    if budget is None:
        return None, (
            "no budget was set (the scenario's budget_per_year or [outreach] budget_per_year), so no "
            "outreach is planned"
        )
    bases_cost = float(workspace.sites.cost_per_year[workspace.base_indices(scenario)].sum())
    if not math.isfinite(bases_cost):
        return float(budget), (
            f"some of {scenario.name}'s bases have no cost_per_year, so what the budget of "
            f"£{budget:,.0f} a year leaves for outreach is not known and no outreach is planned"
        )
    return float(budget), ""


def plan_outreach(
    workspace: Workspace,
    travel: TravelMatrix,
    scenario: Scenario,
    *,
    budget_per_year: float | None = None,
    threshold_minutes: float | None = None,
    need_weighting: NeedWeighting | None = None,
) -> OutreachPlan:
    """Plan outreach for the families a scenario's bases leave beyond the threshold.

    1. Families without a car count by bus, with a car by car; those farther than the threshold from
       every base need outreach.
    2. The fewest venues (libraries, schools, halls) put every one of them that any venue can reach
       within ``venue_minutes`` by bus (a set-covering model on HiGHS).
    3. Each venue is staffed from its nearest base by car.
    4. The budget left after the bases and the online offer buys weekly sessions, one at a time,
       each where it reaches the most need-weighted families per £ (so sessions follow families,
       weighted by deprivation, until a venue's families are all served).
    5. Families no venue reaches are visited at home, most deprived first, while money remains.
    6. A timetable places every session with a worker from its base.

    Without a budget, or with bases of unknown cost, no outreach is planned (:func:`outreach_budget`
    says why, in the notes): the plan then costs the bases and the online offer only.

    Parameters
    ----------
    workspace
        The workspace.
    travel
        Its travel matrices.
    scenario
        The bases.
    budget_per_year
        The service budget; default the scenario's ``budget_per_year``, then ``[outreach]``'s.
    threshold_minutes
        Default ``[outreach] threshold_minutes``.
    need_weighting
        ``"deprivation"`` or ``"deprivation_and_reach"`` (step 4's weights are also multiplied by
        each area's share of children not seen in the year, from the workspace's ``usage.csv``);
        default ``[outreach] need_weighting``.

    Returns
    -------
    OutreachPlan
        Venues, sessions, staff, cost and families reached.
    """
    settings = workspace.assumptions.outreach
    costs = workspace.assumptions.costs
    online = costs.online_offer(float(workspace.areas.families.sum()))
    threshold = check_threshold(threshold_minutes, workspace)
    people = workspace.areas.people
    bases = workspace.base_indices(scenario)
    bases_cost = float(workspace.sites.cost_per_year[bases].sum())
    budget, unplanned = outreach_budget(workspace, scenario, budget_per_year=budget_per_year)
    notes = [f"staff travel between sites: {travel.sources['car']} car minutes"]
    notes.append(f"{people} no venue reaches can be served only by home visits or the online offer")
    if unplanned:
        notes.append(unplanned)
    weighting = settings.need_weighting if need_weighting is None else need_weighting
    need = outreach_need(workspace, travel, bases, threshold, weighting=weighting)
    notes.append(f"need weighted by {WEIGHTING_WORDS[weighting]}")

    staff_minutes, staff_km, staffing_base = _staff_journeys(workspace, travel, bases)
    choice = choose_venues(
        workspace, travel, need, staff_minutes, venue_minutes=workspace.assumptions.venue_minutes
    )
    money = 0.0 if budget is None or unplanned else budget - bases_cost - online  # see outreach_budget
    if money < 0:
        notes.append(f"the bases and online offer alone exceed the budget by £{-money:,.0f} a year")
    per_session = session_cost_per_year(costs, 2 * staff_minutes, 2 * staff_km)
    hours = session_staff_hours(costs, 2 * staff_minutes)
    sessions = _allocate(
        workspace, need=need, choice=choice, per_session=per_session, money=max(money, 0.0),
        families_per_session=settings.families_per_session,
    )  # fmt: skip

    venues, requests = [], []
    reached_at: dict[int, float] = {}
    needy = need.needy
    for v in choice.venues:
        in_need = float(choice.families_at(need, int(v)).sum())
        count = sessions.get(int(v), 0)
        reached = min(in_need, count * settings.families_per_session)
        reached_at[int(v)] = reached
        if count == 0:
            continue
        base = int(staffing_base[v])
        venues.append(
            VenuePlan(
                venue=workspace.sites.ids[v],
                base=workspace.sites.ids[base],
                sessions_per_week=count,
                families_in_need=in_need,
                families_reached=reached,
                cost_per_year=float(count * per_session[v]),
                staff_hours_per_week=float(count * hours[v]),
            )
        )
        requests.append((int(v), base, count, float(hours[v])))
    involved = sorted({r[0] for r in requests} | {r[1] for r in requests})
    timetable = build_timetable(
        requests,
        workspace.sites.ids,
        _minutes_between(workspace, travel, involved),
        hours_per_week=max(costs.staff_hours_per_week, float(hours.max()) if len(hours) else 0.0),
    )
    spent = sum(v.cost_per_year for v in venues)
    visits = _home_visits(workspace, need=need, choice=choice, money=max(money - spent, 0.0))
    area_reached = visits.copy()
    for v, reached in reached_at.items():
        at_venue = choice.families_at(need, v)
        total = at_venue.sum()
        if total > 0:
            area_reached += at_venue * reached / total
    families = float(need.no_car.sum() + need.car.sum())
    return OutreachPlan(
        scenario=scenario.name,
        budget_per_year=math.nan if budget is None else float(budget),
        bases_cost_per_year=bases_cost,
        online_cost_per_year=online,
        outreach_cost_per_year=float(spent),
        families=families,
        families_within_base=float(need.base_no_car.sum() + need.base_car.sum()),
        families_in_need=float(needy.sum()),
        families_reached=float(area_reached.sum()),
        out_of_reach=choice.out_of_reach,
        home_visit_families=float(visits.sum()),
        home_visits_cost_per_year=float(visits.sum() * costs.home_visits_per_family_per_year),
        threshold_minutes=threshold,
        venues=tuple(sorted(venues, key=lambda p: -p.sessions_per_week)),
        sessions=tuple(timetable),
        need=need,
        area_reached=area_reached,
        notes=tuple(notes),
        people=people,
        bases_cost_words=assumed_cost_words(workspace, bases),
        home_visits_words=home_visit_assumption(costs, workspace.areas.unit),
    )


def _staff_journeys(
    workspace: Workspace, travel: TravelMatrix, bases: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return, per site, car minutes and road km to its nearest base, and that base's position."""
    sites = np.column_stack([workspace.sites.lat, workspace.sites.lon])
    car = workspace.assumptions.travel.car
    minutes, _ = site_minutes(workspace, travel, np.arange(len(sites)), bases, "car")
    nearest = np.argmin(minutes, axis=1)
    km = great_circle_matrix_km(sites, sites[bases])[np.arange(len(sites)), nearest] * car.circuity
    return minutes[np.arange(len(sites)), nearest].astype(np.float64), km, bases[nearest]


def _minutes_between(workspace: Workspace, travel: TravelMatrix, positions: list[int]) -> np.ndarray:
    """Return an (n_sites, n_sites) array with car minutes filled in among ``positions``."""
    n = len(workspace.sites)
    out = np.full((n, n), np.inf)
    if positions:
        at = np.asarray(positions, dtype=np.int64)
        out[np.ix_(at, at)] = site_minutes(workspace, travel, at, at, "car")[0]
    return out


def _allocate(
    workspace: Workspace,
    *,
    need: Need,
    choice: VenueChoice,
    per_session: np.ndarray,
    money: float,
    families_per_session: float,
) -> dict[int, int]:
    """Buy weekly sessions one at a time where they reach the most need-weighted families per £."""
    weights = (
        np.asarray((1.0, *workspace.assumptions.optimise.need_weights))[workspace.areas.deprivation_decile]
        * need.weight
    )
    # By value per £, then by families still unserved (so equal venues share in proportion).
    heap: list[tuple[float, float, int]] = []
    left: dict[int, float] = {}
    weight_per_family: dict[int, float] = {}
    for v in choice.venues:
        at_venue = choice.families_at(need, int(v))
        families = float(at_venue.sum())
        if families <= 0:
            continue
        left[int(v)] = families
        weight_per_family[int(v)] = float((at_venue * weights).sum() / families)
        value = _value(families, families_per_session, weight_per_family[int(v)], per_session[v])
        heap.append((-value, -families, int(v)))
    heapq.heapify(heap)
    sessions: dict[int, int] = {}
    while heap:
        _, _, v = heapq.heappop(heap)
        if per_session[v] > money * (1 + 1e-9) + 1e-6:
            continue  # cannot afford this venue's next session; cheaper ones may still fit
        money -= float(per_session[v])
        sessions[v] = sessions.get(v, 0) + 1
        left[v] -= min(left[v], families_per_session)
        if left[v] > 1e-9:
            value = _value(left[v], families_per_session, weight_per_family[v], per_session[v])
            heapq.heappush(heap, (-value, -left[v], v))
    return sessions


def _value(left: float, per_session: float, weight: float, cost: float) -> float:
    return min(left, per_session) * weight / max(cost, 1e-9)


def _home_visits(workspace: Workspace, *, need: Need, choice: VenueChoice, money: float) -> np.ndarray:
    """Return (n_areas,) families no venue reaches whom the money left visits at home, most deprived first."""
    unreached = np.where(choice.venue_no_car < 0, need.needy_no_car, 0.0) + np.where(
        choice.venue_car < 0, need.needy_car, 0.0
    )
    price = workspace.assumptions.costs.home_visits_per_family_per_year
    visited = np.zeros(len(unreached))
    if price <= 0:
        return unreached
    affordable = money / price
    decile = np.where(workspace.areas.deprivation_decile > 0, workspace.areas.deprivation_decile, 11)
    for i in np.lexsort((-unreached, decile)):
        if affordable <= 0:
            break
        take = min(float(unreached[i]), affordable)
        visited[i] = take
        affordable -= take
    return visited
