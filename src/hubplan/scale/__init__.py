"""Stage scale: councils, sweeps and Monte Carlo draws as independent tasks on Dask distributed."""

from hubplan.scale.councils import CouncilProblem, build_council_problem
from hubplan.scale.engine import Progress, RunSummary, Task, run_tasks
from hubplan.scale.national import run_national
from hubplan.scale.tasks import BaseRule, NationalOptions, solve_council

__all__ = [
    "BaseRule",
    "CouncilProblem",
    "NationalOptions",
    "Progress",
    "RunSummary",
    "Task",
    "build_council_problem",
    "run_national",
    "run_tasks",
    "solve_council",
]
