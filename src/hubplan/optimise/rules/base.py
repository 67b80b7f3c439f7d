"""What every optimiser rule is: one object that owns its rows, its feasibility, its bound and its words.

A rule (:class:`Rule`) answers each engine's question about itself:

- the exact method asks for its MIP rows on the site variables (:meth:`Rule.rows`) and its bounds
  on them (:meth:`Rule.bounds`);
- the heuristic asks whether a plan keeps it (:meth:`Rule.feasible`) and lets it write itself into
  the flat :class:`SiteView` that the compiled kernels and the Lagrangian selection read
  (:meth:`Rule.apply`, :attr:`Rule.heuristic_keeps`); a rule that cannot write itself there is
  kept by :meth:`Rule.feasible` alone (plans that break it are never kept; when no plan found
  keeps it, the exact method decides);
- the Lagrangian bound keeps what the view expresses and drops the rest (the bound stays valid,
  only weaker); site fixing by the bound is done only when every rule says it keeps it valid
  (:attr:`Rule.keeps_fixing`);
- the conflict check asks for the conflicts it can explain (:meth:`Rule.conflicts`);
- people read :meth:`Rule.describe`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np


@dataclass(frozen=True, eq=False)
class Row:
    """One MIP row on the site variables: ``lower <= sum_k coef[k] * y[sites[k]] <= upper``."""

    sites: np.ndarray
    coef: np.ndarray
    lower: float
    upper: float


@dataclass(eq=False)
class SiteView:
    """Every rule flattened onto the sites, as the compiled heuristic and the Lagrangian bound read it.

    Parameters
    ----------
    n_sites
        How many sites there are.
    required, excluded
        Masks of sites that must, or must not, be bases.
    site_cost
        Each site's cost as a base (£ a year; zeros when no budget).
    budget
        The most the bases may cost (``inf``: no budget).
    fixed_p
        Exactly this many bases (``-1``: not fixed).
    district, district_min, district_names
        Each site's district code, each district's minimum bases and its name.
    cover_sets, cover_labels
        Sets of sites of which at least one must be open, and a name for each.
    """

    n_sites: int
    required: np.ndarray
    excluded: np.ndarray
    site_cost: np.ndarray
    budget: float = np.inf
    fixed_p: int = -1
    district: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    district_min: np.ndarray = field(default_factory=lambda: np.zeros(1, dtype=np.int64))
    district_names: tuple[str, ...] = ()
    cover_sets: list[np.ndarray] = field(default_factory=list)
    cover_labels: list[str] = field(default_factory=list)

    @classmethod
    def empty(cls, n_sites: int) -> SiteView:
        """Return the view of no rules on ``n_sites`` sites."""
        return cls(
            n_sites=n_sites,
            required=np.zeros(n_sites, dtype=bool),
            excluded=np.zeros(n_sites, dtype=bool),
            site_cost=np.zeros(n_sites),
            district=np.zeros(n_sites, dtype=np.int64),
        )


class Rule(ABC):
    """One rule every plan must keep, in site positions (0 .. n_sites-1).

    Subclasses set :attr:`name` (the rule's parameter name, e.g. ``"district-min"``) and implement
    :meth:`describe` and :meth:`feasible`; the other behaviours default to "no effect".
    """

    name: ClassVar[str]
    #: Whether fixing sites by the Lagrangian bound (see :func:`hubplan.optimise.bound.fix_sites`)
    #: stays valid under this rule.
    keeps_fixing: ClassVar[bool] = False
    #: Whether only the exact method can keep this rule.
    exact_only: ClassVar[bool] = False
    #: Whether the heuristic's compiled kernels keep this rule by themselves (through :meth:`apply`);
    #: when not, the heuristic keeps only plans for which :meth:`feasible` holds.
    heuristic_keeps: ClassVar[bool] = False

    @abstractmethod
    def describe(self) -> str:
        """Say in words what the rule asks, e.g. ``"exactly 10 bases"``."""

    @abstractmethod
    def feasible(self, is_open: np.ndarray) -> bool:
        """Return whether a plan (an open mask over the sites) keeps the rule."""

    def apply(self, view: SiteView) -> None:  # noqa: B027 - a rule may have no flat form
        """Write the rule into the flat view the heuristic kernels and the Lagrangian bound read."""

    def rows(self, n_sites: int) -> list[Row]:
        """Return the exact model's rows for this rule on the site variables (none by default)."""
        del n_sites
        return []

    def bounds(self, lower: np.ndarray, upper: np.ndarray) -> None:  # noqa: B027 - most rules have none
        """Tighten the site variables' bounds for this rule, in place."""

    def conflicts(self, view: SiteView) -> list[str]:
        """Return a sentence per conflict this rule has with the others (seen through ``view``)."""
        del view
        return []

    def __repr__(self) -> str:
        return f"<rule {self.describe()}>"
