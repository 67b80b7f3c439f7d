"""Where each figure comes from: real data (a named source and year), the user's file, or an assumption.

Computed once with the analysis (:func:`figure_provenance`) and shown wherever the figure is: the
report's "Modelled data" box and its sources table, ``report --json``'s ``provenance``. A figure the
workspace cannot give (no current network, no costs) is listed under ``not_given`` with the reason,
never filled in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from hubplan.data.assumptions import Assumptions
from hubplan.data.cost_source import site_cost_reason
from hubplan.data.workspace import Workspace
from hubplan.outreach.costs import home_visit_assumption
from hubplan.travel.estimate import MODES, describe_estimate

Kind = Literal["real", "user", "assumed"]
"""real: open data with a named source and year; user: a file the user gave; assumed: a hubplan setting."""

TRAVEL_WORDS = {
    "estimated": (
        "assumed",
        "estimated from straight-line distance by hubplan's models ([travel] settings; not routed over "
        "roads or timetables)",
    ),
    "routed": ("real", "routed over the road network of an OpenStreetMap extract (hubplan travel)"),
    "imported": ("user", "imported from a travel-time matrix the user gave (hubplan travel --import)"),
}
"""Each source of minutes as a kind and words."""


FIGURE_NAMES = {
    "demand": "demand",
    "deprivation": "deprivation",
    "rurality": "rurality",
    "area_positions": "where people live",
    "sites": "candidate sites",
    "no_car": "households without a car",
    "baseline": "the network today",
    "cost_per_year": "cost a year of each base",
    "access": "what 'has access' means",
    "online_offer": "the online offer",
    "outreach_costs": "outreach costs",
    "home_visits": "home visits",
    "session_capacity": "an outreach session's reach",
    "outreach_staff": "outreach workers",
    "rounds_costs": "outreach rounds' vehicles",
    "modelled_data": "what the workspace's data models",
}
"""The words each figure key of the provenance is shown with."""

KIND_WORDS: dict[Kind, str] = {
    "real": "real data",
    "user": "given by the user",
    "assumed": "assumed by hubplan",
}
"""Each kind of source in words, as the report's sources table and the CLI's notes say it."""

KIND_MARKS: dict[Kind, str] = {"real": "real data", "user": "your figure", "assumed": "assumed"}
"""Each kind of source in a word or two, beside a figure whose note says the rest."""


@dataclass(frozen=True)
class Provenance:
    """Where one figure comes from.

    Parameters
    ----------
    kind
        ``"real"``, ``"user"`` or ``"assumed"``.
    detail
        The named source and year, the file, or the setting with its value, default and reason.
    """

    kind: Kind
    detail: str

    def to_dict(self) -> dict[str, str]:
        """Return ``{"kind": ..., "detail": ...}``.

        Returns
        -------
        dict
            The kind and the detail.
        """
        return {"kind": self.kind, "detail": self.detail}


@dataclass(frozen=True)
class FigureSources:
    """The provenance of every headline figure, and what the workspace does not give.

    Parameters
    ----------
    figures
        Figure key (``demand``, ``cost_per_year``, ``minutes.bus``, ...) to its provenance.
    not_given
        Figure key to why it is not shown (``baseline``, ``cost_per_year``): nothing is invented.
    """

    figures: dict[str, Provenance]
    not_given: dict[str, str]

    @property
    def assumed(self) -> list[str]:
        """The assumptions, in words (for the report's "Modelled data" box)."""
        return [p.detail for p in self.figures.values() if p.kind == "assumed"]

    def assumed_names(self) -> list[str]:
        """Return what is assumed in a few words each, minutes by mode together ("minutes by walk and bus").

        Returns
        -------
        list of str
            The short names, in the order of :attr:`figures`.
        """
        keys = [k for k, p in self.figures.items() if p.kind == "assumed"]
        modes = [k.removeprefix("minutes.") for k in keys if k.startswith("minutes.")]
        names = [FIGURE_NAMES.get(k, k) for k in keys if not k.startswith("minutes.")]
        if modes:
            joined = modes[0] if len(modes) == 1 else f"{', '.join(modes[:-1])} and {modes[-1]}"
            names.insert(0, f"minutes by {joined}")
        return names

    def to_dict(self) -> dict[str, Any]:
        """Return the figures' provenance and what is not given, as JSON-ready data.

        Returns
        -------
        dict
            ``figures`` (key to ``{"kind", "detail"}``) and ``not_given`` (key to the reason).
        """
        return {
            "figures": {key: p.to_dict() for key, p in self.figures.items()},
            "not_given": dict(self.not_given),
        }


def _money(value: float) -> str:
    return f"£{value:,.0f}"


def _set_in_file(section: Any, name: str) -> bool:
    return name in section.model_fields_set


def _data(workspace: Workspace, topic: str, words: str) -> Provenance:
    source = workspace.assumptions.region.sources.get(topic)
    if source:
        return Provenance("real", f"{words}: {source}")
    file = next((f for f in workspace.files if f.startswith("areas")), "areas.csv")
    if topic == "sites":
        file = next((f for f in workspace.files if f.startswith("sites")), "sites.csv")
    return Provenance("user", f"{words}: from {file}")


def _costs(workspace: Workspace, a: Assumptions) -> tuple[Provenance | None, str]:
    sites = workspace.sites
    given = sites.cost_given if sites.cost_given is not None else np.ones(len(sites), dtype=bool)
    site_file = next((f for f in workspace.files if f.startswith("sites")), "sites.csv")
    if bool(given.all()):
        return Provenance("user", f"each site's cost a year: cost_per_year in {site_file}"), ""
    assumed = a.costs.site_cost_per_year
    if assumed is None:
        n = int((~given).sum())
        missing = f"{n} of {len(sites)} sites have no cost_per_year in {site_file} and no cost is assumed"
        if not given.any():
            return (
                None,
                f"{missing} ([costs] site_cost_per_year), so plans are by number of bases and no money is "
                "shown",
            )
        ids = ", ".join(i for i, g in zip(sites.ids, given, strict=True) if g)
        user = Provenance("user", f"the cost a year of {ids}: cost_per_year in {site_file}")
        return user, (
            f"{missing} ([costs] site_cost_per_year): a plan using any of them shows no money, and no plan "
            "is made under a budget"
        )
    source = site_cost_reason(assumed)
    mixed = f"; the other {int(given.sum())} from cost_per_year in {site_file}" if given.any() else ""
    detail = (
        f"{int((~given).sum())} sites' cost a year assumed at {_money(assumed)} ([costs] site_cost_per_year: "
        f"{source}; no default){mixed}"
    )
    return Provenance("assumed", detail), ""


def figure_provenance(workspace: Workspace, sources: dict[str, str]) -> FigureSources:
    """Return where each headline figure of an analysis comes from.

    Parameters
    ----------
    workspace
        The workspace: ``[region.sources]`` names real inputs, ``[region].modelled`` the modelled ones,
        ``sites.csv`` gives costs and the current network, ``hubplan.toml`` the settings (a setting the
        file does not give is hubplan's default, and says so).
    sources
        Mode to where its minutes came from (``estimated``, ``routed``, ``imported``).

    Returns
    -------
    FigureSources
        Provenance by figure key, and the figures not given with the reason.
    """
    a = workspace.assumptions
    noun = workspace.areas.noun
    figures: dict[str, Provenance] = {
        "demand": _data(workspace, "demand", f"{noun} in each area"),
        "deprivation": _data(workspace, "deprivation", "deprivation deciles"),
        "rurality": _data(workspace, "rurality", "rural/urban class"),
        "area_positions": _data(workspace, "area_positions", "where each area's people live"),
        "sites": _data(workspace, "sites", "candidate sites and their positions"),
    }
    not_given: dict[str, str] = {}
    modelled = a.region.modelled
    no_car = np.asarray(workspace.areas.no_car_share, dtype=np.float64)
    if "no_car_share" in modelled:
        figures["no_car"] = Provenance(
            "assumed",
            "households without a car, modelled from each area's deprivation and rurality "
            "(no offline source of car availability per area)",
        )
    elif np.isfinite(no_car).any():
        figures["no_car"] = _data(workspace, "no_car", "households without a car")
    else:
        not_given["no_car"] = "the areas give no share of households without a car"
    tokens = {t.strip() for t in modelled.split(";")} - {
        "",
        "no_car_share",
        "cost_per_year",
        "candidate sites",
    }
    if tokens:  # the workspace's own words on what in its data is modelled (e.g. Norfolk's centres)
        figures["modelled_data"] = Provenance("assumed", f"modelled in the workspace's data: {modelled}")
    baseline = workspace.baseline
    if baseline is not None:
        where = baseline.file or "scenarios/"
        figures["baseline"] = Provenance(
            "user", f"the network today ({len(baseline.bases)} sites): {baseline.title}, from {where}"
        )
    else:
        not_given["baseline"] = (
            "no current network was given (hubplan init --current, or sites marked current), so plans are "
            "new networks: nothing closes, saves or loses access against now"
        )
    cost, why = _costs(workspace, a)
    if cost is not None:
        figures["cost_per_year"] = cost
    if why:
        not_given["cost_per_year"] = why
    for mode, source in sources.items():
        kind, words = TRAVEL_WORDS.get(source, ("assumed", source))
        detail = f"{mode} minutes {words}"
        if source == "estimated" and mode in MODES:
            detail += f": {describe_estimate(mode, a.travel)}"
        figures[f"minutes.{mode}"] = Provenance(kind, detail)  # type: ignore[arg-type]
    ev = a.evaluation
    chosen = _set_in_file(ev, "access_minutes") or _set_in_file(ev, "access_mode")
    figures["access"] = Provenance(
        "user" if chosen else "assumed",
        f"'has access' means a base within {ev.access:g} minutes by {ev.access_mode} "
        + (
            "(set in hubplan.toml's [evaluation])"
            if chosen
            else "([evaluation] access_minutes and access_mode, defaults: the threshold nearest 30 minutes, "
            "by bus, what families without a car depend on)"
        ),
    )
    costs = a.costs
    online = _set_in_file(costs, "online_offer_per_year")
    offer = costs.online_offer(float(np.sum(workspace.areas.families)))
    figures["online_offer"] = Provenance(
        "user" if online else "assumed",
        f"the online offer at {_money(offer)} a year ([costs] online_offer_per_year"
        + (
            "; set in hubplan.toml)"
            if online
            else f"; default: Norfolk's £200,000 for 47,149 children under five, pro rata to these "
            f"{float(np.sum(workspace.areas.families)):,.0f} {noun})"
        ),
    )
    outreach_set = [
        n for n in ("staff_hourly_cost", "venue_hire_per_session", "mileage_per_km") if _set_in_file(costs, n)
    ]
    figures["outreach_costs"] = Provenance(
        "user" if outreach_set else "assumed",
        f"outreach sessions costed at {_money(costs.staff_hourly_cost)} an hour of staff, "
        f"{_money(costs.venue_hire_per_session)} a room and £{costs.mileage_per_km:.2f} a km of staff "
        "driving ([costs] staff_hourly_cost, venue_hire_per_session, mileage_per_km"
        + (
            "; set in hubplan.toml)"
            if outreach_set
            else "; defaults, calibrated on Norfolk's 2019 plan; the mileage is HMRC's approved rate "
            "for staff driving their own cars)"
        ),
    )
    figures["home_visits"] = _home_visits(workspace)
    figures["session_capacity"] = _session_capacity(workspace)
    figures["outreach_staff"] = _outreach_staff(a)
    figures["rounds_costs"] = _rounds_costs(a)
    return FigureSources(figures, not_given)


def _home_visits(workspace: Workspace) -> Provenance:
    """Where the cost of a home visit comes from (``[costs] home_visits_per_family_per_year``)."""
    costs = workspace.assumptions.costs
    chosen = _set_in_file(costs, "home_visits_per_family_per_year")
    return Provenance(
        "user" if chosen else "assumed",
        f"home visits to the {workspace.areas.people} no venue reaches costed at "
        + (
            home_visit_assumption(costs, workspace.areas.unit)
            or f"{_money(costs.home_visits_per_family_per_year)} a family a year"
        )
        + " ([costs] home_visits_per_family_per_year"
        + (
            "; set in hubplan.toml)"
            if chosen
            else f"; default: 6 visits a year of 2.5 hours at {_money(costs.staff_hourly_cost)} an hour "
            "of staff, with mileage)"
        ),
    )


def _session_capacity(workspace: Workspace) -> Provenance:
    """Where the number an outreach session serves comes from (``[outreach] families_per_session``)."""
    outreach = workspace.assumptions.outreach
    chosen = "families_per_session" in outreach.model_fields_set
    per_child = (
        ", applied to children as areas.csv counts them (one child per family assumed)"
        if workspace.areas.unit == "children"
        else ""
    )
    return Provenance(
        "user" if chosen else "assumed",
        f"a weekly outreach session serves {outreach.families_per_session:g} families over a year{per_child} "
        "([outreach] families_per_session"
        + ("; set in hubplan.toml)" if chosen else "; default: a rotating group of 20, our assumption)"),
    )


def _outreach_staff(a: Assumptions) -> Provenance:
    """Where the count of outreach workers comes from (``[costs] staff_hours_per_week``)."""
    costs = a.costs
    chosen = _set_in_file(costs, "staff_hours_per_week")
    return Provenance(
        "user" if chosen else "assumed",
        "outreach workers counted as the staff each base needs for its sessions' timetable, a worker "
        f"giving at most {costs.staff_hours_per_week:g} hours a week to sessions, their setting up and "
        "travel ([costs] staff_hours_per_week"
        + (
            "; set in hubplan.toml)"
            if chosen
            else "; default: our assumption, the rest of a worker's week going on visits and admin)"
        ),
    )


def _rounds_costs(a: Assumptions) -> Provenance:
    """Where outreach vehicles' costs come from (``[circuits]``), and why their km rate is not mileage."""
    c = a.circuits
    chosen = [n for n in ("vehicle_cost_per_year", "cost_per_km") if _set_in_file(c, n)]
    why = (
        "set in hubplan.toml"
        if chosen
        else "defaults, modelled: a fitted van at £45,000 over 5 years plus £6,000 a year of insurance "
        "and upkeep; fuel and wear of a diesel van at about 12 km a litre"
    )
    return Provenance(
        "user" if chosen else "assumed",
        f"outreach rounds' vehicles costed at {_money(c.vehicle_cost_per_year)} a vehicle a year and "
        f"£{c.cost_per_km:.2f} a road km ([circuits] vehicle_cost_per_year, cost_per_km; {why}). Two km "
        f"rates, as they pay for different things: a council van's £{c.cost_per_km:.2f} a km is its "
        "running cost only, its lease and upkeep being the cost a vehicle a year; staff driving their "
        f"own cars to sessions are paid £{a.costs.mileage_per_km:.2f} a km ([costs] mileage_per_km), "
        "which pays for their car's running and ownership both",
    )
