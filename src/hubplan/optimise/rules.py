"""Rules a plan must keep: a count or a budget, district minimums, required/excluded sites, cover sets."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from hubplan.errors import InfeasibleError


@dataclass(frozen=True, eq=False)
class Rules:
    """What every plan must satisfy, in site positions (0 .. n_sites-1).

    Parameters
    ----------
    p
        Exactly this many bases (``None`` when a budget decides).
    budget
        The summed ``site_cost`` of the bases may not exceed this (£ a year).
    site_cost
        Each site's cost as a base (£ a year); needed with ``budget``.
    required
        Sites that must be bases.
    excluded
        Sites that cannot be bases.
    district
        Each site's district code (0 .. n_districts-1), for ``district_min``.
    district_min
        The fewest bases each district must have.
    cover_sets
        Sets of sites of which at least one must be open (e.g. the sites within the maximum time of a
        deprived area): a list of position arrays.
    cover_labels
        A name for each cover set, for messages.
    capacity
        Each site's capacity as a base, in the units of ``demand`` (``inf`` for none); exact only.
    demand
        Each area's demand against capacities (e.g. families).
    """

    p: int | None = None
    budget: float | None = None
    site_cost: np.ndarray | None = None
    required: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    excluded: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    district: np.ndarray | None = None
    district_min: np.ndarray | None = None
    district_names: tuple[str, ...] = ()
    cover_sets: tuple[np.ndarray, ...] = ()
    cover_labels: tuple[str, ...] = ()
    capacity: np.ndarray | None = None
    demand: np.ndarray | None = None

    def required_mask(self, n_sites: int) -> np.ndarray:
        """Return a boolean mask of required sites."""
        mask = np.zeros(n_sites, dtype=bool)
        mask[self.required] = True
        return mask

    def excluded_mask(self, n_sites: int) -> np.ndarray:
        """Return a boolean mask of excluded sites."""
        mask = np.zeros(n_sites, dtype=bool)
        mask[self.excluded] = True
        return mask

    def costs(self, n_sites: int) -> np.ndarray:
        """Return each site's cost (zeros when none were given)."""
        return np.zeros(n_sites) if self.site_cost is None else np.asarray(self.site_cost, dtype=np.float64)

    def district_codes(self, n_sites: int) -> tuple[np.ndarray, np.ndarray]:
        """Return each site's district code and each district's minimum (one district of 0 if none)."""
        if self.district is None or self.district_min is None:
            return np.zeros(n_sites, dtype=np.int64), np.zeros(1, dtype=np.int64)
        return np.asarray(self.district, dtype=np.int64), np.asarray(self.district_min, dtype=np.int64)


def check_rules(rules: Rules, n_sites: int) -> None:
    """Raise :class:`InfeasibleError` naming the rules that conflict, when they cannot all hold.

    The checks are necessary conditions that explain themselves (counts and money); a conflict
    they miss is reported by the solver as infeasible.

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
    ValueError
        When neither ``p`` nor ``budget`` is given, or a budget comes without site costs.
    """
    if rules.p is None and rules.budget is None:
        msg = "rules: expected a number of bases (p) or a budget"
        raise ValueError(msg)
    if rules.budget is not None and rules.site_cost is None:
        msg = "rules: a budget needs each site's cost"
        raise ValueError(msg)
    if (rules.capacity is None) != (rules.demand is None):
        msg = "rules: capacities need each area's demand, and demand needs capacities"
        raise ValueError(msg)
    required = rules.required_mask(n_sites)
    excluded = rules.excluded_mask(n_sites)
    cost = rules.costs(n_sites)
    conflicts = []
    both = np.flatnonzero(required & excluded)
    if len(both):
        conflicts.append(f"{len(both)} site(s) are both required and excluded")
    allowed = int((~excluded).sum())
    district, minimum = rules.district_codes(n_sites)
    names = rules.district_names or tuple(f"district {d}" for d in range(len(minimum)))
    # The bases each district must have at least: its minimum, or its required sites if more.
    need = np.array(
        [max(int(minimum[d]), int((required & (district == d)).sum())) for d in range(len(minimum))]
    )
    if rules.p is not None:
        if rules.p < 1:
            conflicts.append(f"bases={rules.p}: at least one base is needed")
        if rules.p > allowed:
            conflicts.append(f"bases={rules.p} but only {allowed} sites may be bases")
        if required.sum() > rules.p:
            conflicts.append(f"{int(required.sum())} sites are required but only {rules.p} bases are allowed")
        if need.sum() > rules.p and minimum.any():
            conflicts.append(
                f"district-min needs {int(need.sum())} bases (at least {int(minimum.max())} per district) "
                f"but only {rules.p} are allowed"
            )
    for d in range(len(minimum)):
        available = int(((district == d) & ~excluded).sum())
        if minimum[d] > available:
            conflicts.append(
                f"district-min={int(minimum[d])} in {names[d]} but it has only {available} allowed sites"
            )
    if rules.budget is not None:
        fixed = float(cost[required].sum())
        # The cheapest way to meet each district's minimum.
        cheapest = fixed
        for d in range(len(minimum)):
            extra = int(minimum[d]) - int((required & (district == d)).sum())
            if extra > 0:
                pool = np.sort(cost[(district == d) & ~excluded & ~required])
                cheapest += float(pool[:extra].sum())
        if rules.p is not None:
            pool = np.sort(cost[~excluded & ~required])
            cheapest = max(cheapest, fixed + float(pool[: max(0, rules.p - int(required.sum()))].sum()))
        if cheapest > rules.budget + 1e-6:
            conflicts.append(
                f"budget £{rules.budget:,.0f} a year but the rules' cheapest plan costs £{cheapest:,.0f}"
            )
    for label, members in zip(
        rules.cover_labels or [""] * len(rules.cover_sets), rules.cover_sets, strict=True
    ):
        if not (~excluded[members]).any():
            conflicts.append(f"{label or 'a cover rule'}: no allowed site is close enough")
    if conflicts:
        raise InfeasibleError("the rules cannot all hold: " + "; ".join(conflicts))
