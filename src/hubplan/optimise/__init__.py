"""Stage 3, optimise: choose bases under a budget and rules, exactly (HiGHS) or fast with a proven gap."""

from hubplan.optimise.instance import Instance, build_instance
from hubplan.optimise.rules import Rules, check_rules
from hubplan.optimise.solution import Solution
from hubplan.optimise.solve import coverage_instance, solve_coverage, solve_instance, solve_pmedian

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
