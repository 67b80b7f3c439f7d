"""Stage 3, optimise: choose bases under a budget and rules, exactly (HiGHS) or fast with a proven gap.

The names below load on first use, so importing this package (e.g. for the rule registry) imports
neither scipy, numba nor HiGHS; numba's kernels load with the heuristic, HiGHS with an exact solve.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hubplan.optimise.instance import Instance, build_instance
    from hubplan.optimise.rules import Rules, check_rules
    from hubplan.optimise.solution import Solution
    from hubplan.optimise.solve import coverage_instance, solve_coverage, solve_instance, solve_pmedian

_HOME = {
    "Instance": "instance",
    "build_instance": "instance",
    "Rules": "rules",
    "check_rules": "rules",
    "Solution": "solution",
    "coverage_instance": "solve",
    "solve_coverage": "solve",
    "solve_instance": "solve",
    "solve_pmedian": "solve",
}

__all__ = [
    "Instance",
    "Rules",
    "Solution",
    "build_instance",
    "check_rules",
    "coverage_instance",
    "solve_coverage",
    "solve_instance",
    "solve_pmedian",
]


def __getattr__(name: str) -> Any:
    """Load a public name from its module on first use (PEP 562)."""
    if name in _HOME:
        value = getattr(import_module(f"hubplan.optimise.{_HOME[name]}"), name)
        globals()[name] = value
        return value
    msg = f"module 'hubplan.optimise' has no attribute {name!r}"
    raise AttributeError(msg)
