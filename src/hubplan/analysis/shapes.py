"""What a renderer may read of the results the analysis carries: structural, read-only types.

The analysis holds the stages' own results (an :class:`~hubplan.evaluate.evaluation.Evaluation`, an
:class:`~hubplan.outreach.plan.OutreachPlan`, ...). Presentation reads them through these protocols,
which name exactly the fields it prints, so that ``report/`` depends on the analysis alone and
``mypy`` checks, where an analysis is built, that each result offers what is read of it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

import numpy as np


class ScenarioShape(Protocol):
    """A scenario as a renderer reads it: its name, title, words and bases."""

    @property
    def name(self) -> str:
        """The scenario's name (its file's stem)."""

    @property
    def title(self) -> str:
        """Its title."""

    @property
    def description(self) -> str:
        """What it is, in the user's words."""

    @property
    def modelled(self) -> str:
        """What in it is modelled, not given."""

    @property
    def bases(self) -> tuple[str, ...]:
        """Its bases' site ids."""


class GroupReachShape(Protocol):
    """Family-weighted reach for each group of a breakdown (one group: all)."""

    @property
    def labels(self) -> tuple[str, ...]:
        """One label per group."""

    @property
    def families(self) -> np.ndarray:
        """Demand in each group."""

    @property
    def within(self) -> np.ndarray:
        """(groups, thresholds) demand within each threshold."""

    @property
    def mean_minutes(self) -> np.ndarray:
        """Demand-weighted mean minutes to the nearest base."""

    @property
    def p90_minutes(self) -> np.ndarray:
        """Demand-weighted 90th percentile minutes."""

    @property
    def lose(self) -> np.ndarray | None:
        """(groups, thresholds) demand losing access; ``None`` with no baseline."""


class ModeShape(Protocol):
    """How far demand is from its nearest base by one mode."""

    @property
    def mode(self) -> str:
        """The mode."""

    @property
    def source(self) -> str:
        """Where its minutes came from."""

    @property
    def nearest_minutes(self) -> np.ndarray:
        """(n_areas,) minutes to the nearest base."""

    @property
    def nearest_site(self) -> np.ndarray:
        """(n_areas,) position of that base among the sites."""

    @property
    def total(self) -> GroupReachShape:
        """Reach of all demand."""

    @property
    def groups(self) -> Mapping[str, GroupReachShape]:
        """Reach by breakdown."""


class DistanceShape(Protocol):
    """Who lives within ``access_km`` of a base, in a straight line."""

    @property
    def access_km(self) -> float:
        """The distance that counts as access (km)."""

    @property
    def total(self) -> GroupReachShape:
        """Everyone, at the one threshold ``access_km``."""

    @property
    def groups(self) -> Mapping[str, GroupReachShape]:
        """By breakdown, the same way."""


class EvaluationShape(Protocol):
    """A scenario's evaluation as a renderer reads it."""

    @property
    def scenario(self) -> ScenarioShape:
        """The scenario."""

    @property
    def bases(self) -> tuple[str, ...]:
        """Its bases."""

    @property
    def cost_per_year(self) -> float:
        """£ a year (``nan`` unknown)."""

    @property
    def thresholds(self) -> tuple[float, ...]:
        """Minutes that ``within`` and ``lose`` count."""

    @property
    def families(self) -> float:
        """All demand."""

    @property
    def modes(self) -> Mapping[str, ModeShape]:
        """One evaluation per mode."""

    @property
    def baseline(self) -> str:
        """The baseline's name ('' with none)."""

    @property
    def baseline_cost_per_year(self) -> float:
        """The baseline's cost (£ a year)."""

    @property
    def notes(self) -> tuple[str, ...]:
        """What a reader must know."""

    @property
    def cautions(self) -> tuple[str, ...]:
        """The notes a reader must be warned of (over its own budget, imported pairs left out)."""

    @property
    def access_minutes(self) -> float:
        """What "has access" means: within these minutes ..."""

    @property
    def access_mode(self) -> str:
        """... by this mode."""

    @property
    def access_measure(self) -> str:
        """Whether access is counted in ``"minutes"`` (by ``access_mode``) or straight-line ``"km"``."""

    @property
    def distance(self) -> DistanceShape | None:
        """Who lives within ``[evaluation] access_km`` of a base."""

    @property
    def people(self) -> str:
        """What the demand counts, in one word."""

    @property
    def noun(self) -> str:
        """What the demand counts, in words."""

    @property
    def saving_per_year(self) -> float:
        """The baseline's cost less this one's (£ a year)."""


class VenueShape(Protocol):
    """One venue of an outreach plan."""

    @property
    def venue(self) -> str:
        """The venue's site id."""

    @property
    def base(self) -> str:
        """The base whose staff run it."""

    @property
    def sessions_per_week(self) -> int:
        """Sessions a week."""

    @property
    def families_in_need(self) -> float:
        """Demand in need it serves."""

    @property
    def families_reached(self) -> float:
        """Demand reached."""

    @property
    def cost_per_year(self) -> float:
        """£ a year."""


class SessionShape(Protocol):
    """One session of an outreach timetable."""

    @property
    def staff(self) -> str:
        """The worker."""

    @property
    def weekday(self) -> str:
        """The day."""

    @property
    def slot(self) -> str:
        """The slot."""

    @property
    def venue(self) -> str:
        """The venue's site id."""

    @property
    def base(self) -> str:
        """The base."""


class NeedShape(Protocol):
    """Who needs outreach, by area."""

    @property
    def needy(self) -> np.ndarray:
        """(n_areas,) demand beyond the threshold from every base, weighted by need."""


class OutreachPlanShape(Protocol):
    """A scenario's outreach plan as a renderer reads it."""

    @property
    def scenario(self) -> str:
        """The scenario's name."""

    @property
    def families(self) -> float:
        """All demand."""

    @property
    def families_within_base(self) -> float:
        """Demand within reach of a base."""

    @property
    def families_in_need(self) -> float:
        """Demand beyond reach of every base."""

    @property
    def families_reached(self) -> float:
        """Of them, reached by outreach."""

    @property
    def budget_per_year(self) -> float:
        """£ a year; NaN when no budget was set."""

    @property
    def bases_cost_per_year(self) -> float:
        """£ a year."""

    @property
    def travel_rule(self) -> str:
        """How a household's minutes to a base count, in words."""

    @property
    def bases_cost_words(self) -> str:
        """'assumed: £... a site, why' when a base's cost is assumed, else ''."""

    @property
    def online_cost_per_year(self) -> float:
        """£ a year."""

    @property
    def outreach_cost_per_year(self) -> float:
        """£ a year."""

    @property
    def home_visit_families(self) -> float:
        """Demand visited at home."""

    @property
    def home_visits_cost_per_year(self) -> float:
        """£ a year."""

    @property
    def home_visits_words(self) -> str:
        """How a family's home-visit cost was applied to each child, or '' (families counted)."""

    @property
    def cost_per_year(self) -> float:
        """£ a year in all."""

    @property
    def threshold_minutes(self) -> float:
        """The reach of a base."""

    @property
    def venues(self) -> tuple[VenueShape, ...]:
        """Its venues."""

    @property
    def sessions(self) -> tuple[SessionShape, ...]:
        """Its timetable."""

    @property
    def need(self) -> NeedShape:
        """Who needs it."""

    @property
    def area_reached(self) -> np.ndarray:
        """(n_areas,) demand outreach reaches."""

    @property
    def notes(self) -> tuple[str, ...]:
        """What a reader must know."""

    @property
    def people(self) -> str:
        """What the demand counts."""

    @property
    def need_weighting(self) -> str:
        """How sessions were shared."""

    @property
    def staff(self) -> int:
        """Outreach workers."""


class ReachTableShape(Protocol):
    """Who a plan reaches in each group of a breakdown: at a base, by outreach, not at all."""

    @property
    def breakdown(self) -> str:
        """The breakdown's name."""

    @property
    def labels(self) -> tuple[str, ...]:
        """One label per group."""

    @property
    def families(self) -> np.ndarray:
        """Demand in each group."""

    @property
    def base(self) -> np.ndarray:
        """Within reach of a base."""

    @property
    def outreach(self) -> np.ndarray:
        """Reached by outreach."""

    @property
    def not_reached(self) -> np.ndarray:
        """Not reached."""


class UsageGroupShape(Protocol):
    """Reach (seen over living there) of one group."""

    @property
    def key(self) -> str:
        """The group."""

    @property
    def children(self) -> float:
        """Living there."""

    @property
    def registered(self) -> float:
        """Registered."""

    @property
    def seen(self) -> float:
        """Seen in the year."""

    @property
    def areas(self) -> int:
        """Areas in it."""

    @property
    def reach(self) -> float | None:
        """Seen over living there."""

    @property
    def interval(self) -> tuple[float, float] | None:
        """Its interval."""


class UsageShape(Protocol):
    """Reach from the workspace's usage counts, as the report's reach section reads it."""

    @property
    def people(self) -> str:
        """What is counted."""

    @property
    def children(self) -> np.ndarray:
        """(n_areas,) living there."""

    @property
    def seen(self) -> np.ndarray:
        """(n_areas,) seen in the year."""

    @property
    def reach(self) -> np.ndarray:
        """(n_areas,) seen over living there (NaN with nobody)."""

    @property
    def modelled(self) -> bool:
        """Whether the counts are modelled."""

    @property
    def file(self) -> str:
        """The usage file's name."""

    @property
    def by_minutes(self) -> tuple[UsageGroupShape, ...]:
        """Reach by band of minutes to the nearest base."""

    @property
    def slope_per_10_minutes(self) -> float | None:
        """Change in reach for every 10 more minutes."""

    @property
    def minutes_mode(self) -> str:
        """The mode of those minutes."""

    @property
    def minutes_scenario(self) -> str | None:
        """The scenario whose bases they are measured to."""

    @property
    def interval_name(self) -> str:
        """What the intervals are, in words."""


class RoundsCostShape(Protocol):
    """What outreach vehicles' rounds cost."""

    @property
    def vehicles(self) -> int:
        """Vehicles used."""

    @property
    def cost_per_year(self) -> float:
        """£ a year in all (modelled)."""


class CyclePlanShape(Protocol):
    """The rounds' cycle."""

    @property
    def days(self) -> int:
        """Working days in a cycle."""


class RoundsShape(Protocol):
    """Outreach vehicles' rounds for a scenario's families beyond reach."""

    @property
    def served(self) -> frozenset[str]:
        """Stops called at."""

    @property
    def families_served(self) -> float:
        """Demand beyond reach at the stops called at."""

    @property
    def cost(self) -> RoundsCostShape:
        """What they cost."""

    @property
    def plan(self) -> CyclePlanShape:
        """The cycle."""


class AmendShape(Protocol):
    """One way of spending an amendment's extra money."""

    @property
    def label(self) -> str:
        """The split, in words."""

    @property
    def share_on_centres(self) -> float:
        """Share of the extra money spent on keeping bases."""

    @property
    def kept_open(self) -> tuple[str, ...]:
        """Bases kept open."""

    @property
    def rounds(self) -> RoundsShape | None:
        """Rounds bought, if any."""

    @property
    def families_within_base(self) -> float:
        """Demand within reach of a base."""

    @property
    def families_reached(self) -> float:
        """Demand reached in all."""

    @property
    def cost_per_year(self) -> float:
        """£ a year."""


class EventShape(Protocol):
    """A consultation drop-in event."""

    @property
    def date(self) -> str:
        """The day."""

    @property
    def venue(self) -> str:
        """Where."""

    @property
    def slots(self) -> tuple[str, ...]:
        """The slots."""

    @property
    def team(self) -> str:
        """Who runs it."""

    @property
    def centres(self) -> tuple[str, ...]:
        """Closing centres it serves."""
