"""Number formats shared by tables and sentences: families, shares, minutes and money."""

from __future__ import annotations

import math


def families(n: float) -> str:
    """Format a count of families, e.g. ``12,345``."""
    return f"{round(n):,}"


def share(part: float, whole: float) -> str:
    """Format a share as a whole percentage, e.g. ``37%`` (``-`` when ``whole`` is 0)."""
    return f"{part / whole:.0%}" if whole > 0 else "-"


def minutes(m: float) -> str:
    """Format minutes to a whole minute, or ``unreachable``/``-``."""
    if math.isnan(m):
        return "-"
    return "unreachable" if math.isinf(m) else f"{m:.0f} min"


def money(pounds: float) -> str:
    """Format £ a year in millions, thousands or pounds, e.g. ``£5.20m``, ``£245k`` or ``£300``."""
    if math.isnan(pounds):
        return "-"
    sign = "-" if pounds < 0 else ""
    value = abs(pounds)
    if value >= 1e6:
        return f"{sign}£{value / 1e6:.2f}m"
    return f"{sign}£{value / 1e3:.0f}k" if value >= 999.5 else f"{sign}£{value:.0f}"


def words(items: list[str]) -> str:
    """Join words as a sentence does: ``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
