"""Stage 4, evaluate: what a scenario means for families' travel, by group, and what it costs."""

from hubplan.evaluate.breakdowns import Breakdown, area_breakdowns
from hubplan.evaluate.evaluation import Evaluation, ModeEvaluation, evaluate
from hubplan.evaluate.metrics import GroupReach, group_reach, nearest_base, weighted_quantile

__all__ = [
    "Breakdown",
    "Evaluation",
    "GroupReach",
    "ModeEvaluation",
    "area_breakdowns",
    "evaluate",
    "group_reach",
    "nearest_base",
    "weighted_quantile",
]
