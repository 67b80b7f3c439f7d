"""Which sites' cost a year is hubplan's assumption (``[costs] site_cost_per_year``), and why, in words.

The one source of these words: the report's "Where each figure comes from" row and every CLI row of
money made from an assumed cost (``optimise``, ``evaluate``, ``compare``, ``outreach``) say them, so a
figure pasted from a terminal carries the same label as the report's.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from hubplan.data.assumptions import NORFOLK_COST_PER_CENTRE
from hubplan.data.workspace import Workspace

NORFOLK_REASON = "Norfolk's £10.2m a year over its 53 children's centres, 2018-19"
"""Why :data:`~hubplan.data.assumptions.NORFOLK_COST_PER_CENTRE` is what ``init --assume-costs`` writes."""

NORFOLK_REASON_SHORT = "Norfolk's £10.2m / 53 centres"
""":data:`NORFOLK_REASON` in few words, for a table's label."""


def site_cost_reason(assumed: float, *, short: bool = False) -> str:
    """Return why a site's cost a year is assumed at ``assumed``, in words.

    Parameters
    ----------
    assumed
        ``[costs] site_cost_per_year``, £ a year.
    short
        In few words, for a table's label.

    Returns
    -------
    str
        Norfolk's £10.2m over 53 centres (what ``init --assume-costs`` writes), or "set in
        hubplan.toml" for any other value.

    Examples
    --------
    >>> site_cost_reason(192_453)
    "Norfolk's £10.2m a year over its 53 children's centres, 2018-19"
    """
    if round(assumed) == NORFOLK_COST_PER_CENTRE:
        return NORFOLK_REASON_SHORT if short else NORFOLK_REASON
    return "set in hubplan.toml"


def assumed_cost_positions(workspace: Workspace) -> np.ndarray:
    """Return a (n_sites,) bool mask of the sites whose cost a year is ``[costs] site_cost_per_year``.

    Parameters
    ----------
    workspace
        The workspace.

    Returns
    -------
    numpy.ndarray
        True where ``sites.csv`` gave no ``cost_per_year`` and the setting filled it in.
    """
    sites = workspace.sites
    if workspace.assumptions.costs.site_cost_per_year is None or sites.cost_given is None:
        return np.zeros(len(sites), dtype=bool)
    return ~np.asarray(sites.cost_given, dtype=bool)


def assumed_cost_words(workspace: Workspace, positions: np.ndarray | None = None) -> str:
    """Return "assumed: £192k a site, why" when any of these sites' cost is assumed, else "".

    Parameters
    ----------
    workspace
        The workspace.
    positions
        Site positions (a plan's bases); by default every site.

    Returns
    -------
    str
        The words to put beside a sum of money that includes an assumed cost, e.g. "assumed: £192k
        a site, Norfolk's £10.2m / 53 centres", or "" when it includes none (every cost from
        ``sites.csv``, or no money shown at all).
    """
    assumed = assumed_cost_positions(workspace)
    chosen = assumed if positions is None else assumed[np.asarray(positions, dtype=np.int64)]
    value = workspace.assumptions.costs.site_cost_per_year
    if value is None or not bool(chosen.any()):
        return ""
    return f"assumed: £{value / 1000:,.0f}k a site, {site_cost_reason(value, short=True)}"


def assumed_cost_words_of(workspace: Workspace, site_ids: Iterable[str]) -> str:
    """Return :func:`assumed_cost_words` for sites named by id (several plans' bases, a baseline's).

    Parameters
    ----------
    workspace
        The workspace.
    site_ids
        Site ids; ids not among the workspace's sites are skipped.

    Returns
    -------
    str
        "assumed: £... a site, why", or "".
    """
    index = {s: i for i, s in enumerate(workspace.sites.ids)}
    positions = sorted({index[s] for s in site_ids if s in index})
    return assumed_cost_words(workspace, np.asarray(positions, dtype=np.int64))
