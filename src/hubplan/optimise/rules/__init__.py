"""Rules a plan must keep: each rule is one object (see :mod:`hubplan.optimise.rules.base`).

The built-in rules: :class:`Count` (exactly p bases), :class:`Budget`, :class:`Required`,
:class:`Excluded`, :class:`DistrictMin`, :class:`CoverSets` and :class:`Capacity`. Each rule's module
holds its :class:`Rule` (what the engines ask) and registers its :class:`RuleSpec` (how a user writes
it, how it is read, built on a workspace and recorded). A new rule is one such module, imported
before use; in site positions it can also be passed straight to ``Rules(MyRule(...), p=...)``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from typing import Any, TypeVar

import numpy as np

from hubplan.errors import InfeasibleError, ParameterError
from hubplan.optimise.rules.base import Row, Rule, SiteView

# The built-in rules register their specs in this order, the order they are built in.
from hubplan.optimise.rules.count import Count  # isort: skip
from hubplan.optimise.rules.budget import Budget  # isort: skip
from hubplan.optimise.rules.sites import Excluded, Required  # isort: skip
from hubplan.optimise.rules.district import DistrictMin  # isort: skip
from hubplan.optimise.rules.cover import CoverSets  # isort: skip
from hubplan.optimise.rules.capacity import Capacity  # isort: skip
from hubplan.optimise.rules.registry import (  # isort: skip
    REGISTRY,
    SPECS,
    RuleContext,
    RuleSpec,
    parse_rules,
    register,
    site_positions,
)

__all__ = [
    "REGISTRY",
    "SPECS",
    "Budget",
    "Capacity",
    "Count",
    "CoverSets",
    "DistrictMin",
    "Excluded",
    "Required",
    "Row",
    "Rule",
    "RuleContext",
    "RuleSpec",
    "Rules",
    "SiteView",
    "check_rules",
    "parse_rules",
    "register",
    "site_positions",
]

R = TypeVar("R", bound=Rule)
T = TypeVar("T")


class Rules:
    """What every plan must satisfy: a tuple of :class:`Rule` objects, in site positions.

    Built from rule objects, from the keywords below (a shorthand for the built-in rules in site
    positions, for code that works on arrays), or both. On a workspace, rules are built from their
    specs (:func:`hubplan.optimise.plan.build_rules`).

    Parameters
    ----------
    *parts
        Rule objects.
    p
        Exactly this many bases (:class:`Count`; ``None`` when a budget decides).
    budget, site_cost
        The summed ``site_cost`` of the bases may not exceed ``budget`` (:class:`Budget`; £ a year).
    required, excluded
        Sites that must, or cannot, be bases (:class:`Required`, :class:`Excluded`).
    district, district_min, district_names
        Each site's district code, each district's fewest bases, and their names (:class:`DistrictMin`).
    cover_sets, cover_labels
        Sets of sites of which at least one must be open, and their names (:class:`CoverSets`).
    capacity, demand
        Each site's capacity and each area's demand (:class:`Capacity`; exact only).

    Raises
    ------
    ParameterError
        When a budget comes without site costs, or capacities without demand (or the reverse).
    """

    def __init__(
        self,
        *parts: Rule,
        p: int | None = None,
        budget: float | None = None,
        site_cost: np.ndarray | None = None,
        required: np.ndarray | None = None,
        excluded: np.ndarray | None = None,
        district: np.ndarray | None = None,
        district_min: np.ndarray | None = None,
        district_names: tuple[str, ...] = (),
        cover_sets: tuple[np.ndarray, ...] = (),
        cover_labels: tuple[str, ...] = (),
        capacity: np.ndarray | None = None,
        demand: np.ndarray | None = None,
    ) -> None:
        built: list[Rule] = []
        if p is not None:
            built.append(Count(int(p)))
        if budget is not None:
            if site_cost is None:
                raise ParameterError("site_cost", expected="each site's cost with a budget", found="None")
            built.append(Budget(float(budget), np.asarray(site_cost, dtype=np.float64)))
        if required is not None and len(required):
            built.append(Required(np.asarray(required)))
        if excluded is not None and len(excluded):
            built.append(Excluded(np.asarray(excluded)))
        if district is not None and district_min is not None:
            built.append(DistrictMin(district, district_min, tuple(district_names)))
        if cover_sets:
            built.append(CoverSets(tuple(cover_sets), tuple(cover_labels)))
        if (capacity is None) != (demand is None):
            missing = "demand" if demand is None else "capacity"
            raise ParameterError(missing, expected="both capacity and demand, or neither", found="None")
        if capacity is not None and demand is not None:
            built.append(
                Capacity(np.asarray(capacity, dtype=np.float64), np.asarray(demand, dtype=np.float64))
            )
        self.parts: tuple[Rule, ...] = (*built, *parts)
        self._memo: dict[Hashable, Any] = {}

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.parts)

    def __repr__(self) -> str:
        return "Rules(" + "; ".join(part.describe() for part in self.parts) + ")"

    def find(self, kind: type[R]) -> R | None:
        """Return the first rule of this type, or ``None``."""
        return next((part for part in self.parts if isinstance(part, kind)), None)

    def plus(self, *parts: Rule) -> Rules:
        """Return these rules with more rules added."""
        return Rules(*self.parts, *parts)

    def without(self, kind: type[Rule]) -> Rules:
        """Return these rules without any rule of this type."""
        return Rules(*(part for part in self.parts if not isinstance(part, kind)))

    def with_count(self, p: int) -> Rules:
        """Return these rules with exactly ``p`` bases (replacing any count)."""
        return Rules(Count(int(p)), *self.without(Count).parts)

    def memo(self, key: Hashable, make: Callable[[], T]) -> T:
        """Return ``make()``, computed once per ``key`` for these (immutable) rules."""
        if key not in self._memo:
            self._memo[key] = make()
        value: T = self._memo[key]
        return value

    def view(self, n_sites: int) -> SiteView:
        """Return every rule flattened onto ``n_sites`` sites (computed once; do not change it)."""

        def make() -> SiteView:
            view = SiteView.empty(n_sites)
            for part in self.parts:
                part.apply(view)
            return view

        return self.memo(("view", n_sites), make)

    @property
    def p(self) -> int | None:
        """The fixed count of bases, if any."""
        count = self.find(Count)
        return None if count is None else count.p

    @property
    def budget(self) -> float | None:
        """The budget, if any (£ a year)."""
        budget = self.find(Budget)
        return None if budget is None else budget.budget

    @property
    def exact_only(self) -> tuple[Rule, ...]:
        """The rules only the exact method keeps."""
        return tuple(part for part in self.parts if part.exact_only)

    @property
    def keeps_fixing(self) -> bool:
        """Whether every rule keeps fixing sites by the Lagrangian bound valid."""
        return all(part.keeps_fixing for part in self.parts)

    def feasible(self, is_open: np.ndarray) -> bool:
        """Return whether a plan (an open mask) keeps every rule."""
        return all(part.feasible(is_open) for part in self.parts)

    def rows(self, n_sites: int) -> list[Row]:
        """Return every rule's rows on the site variables, for the exact model."""
        return [row for part in self.parts for row in part.rows(n_sites)]

    def bounds(self, n_sites: int) -> tuple[np.ndarray, np.ndarray]:
        """Return the site variables' lower and upper bounds under every rule."""
        lower, upper = np.zeros(n_sites), np.ones(n_sites)
        for part in self.parts:
            part.bounds(lower, upper)
        return lower, upper

    def describe(self) -> str:
        """Say every rule in words."""
        return "; ".join(part.describe() for part in self.parts) or "no rules"


def check_rules(rules: Rules, n_sites: int) -> None:
    """Raise :class:`InfeasibleError` naming the rules that conflict, when they cannot all hold.

    Each rule names its own conflicts (counts and money); a conflict they miss is reported by the
    solver as infeasible.

    Parameters
    ----------
    rules
        The rules.
    n_sites
        How many sites there are.

    Raises
    ------
    InfeasibleError
        With a sentence per conflict, e.g. "district-min=2 needs 14 bases but only 10 are allowed".
    ParameterError
        When neither a count (``p``) nor a budget is given.
    """
    if rules.p is None and rules.budget is None:
        raise ParameterError("bases", expected="a number of bases (p) or a budget", found="neither")
    view = rules.view(n_sites)
    conflicts = list(dict.fromkeys(c for part in rules.parts for c in part.conflicts(view)))
    if conflicts:
        raise InfeasibleError("the rules cannot all hold: " + "; ".join(conflicts))
