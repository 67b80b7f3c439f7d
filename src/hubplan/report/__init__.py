"""Stage 5, report: turn evaluations into tables and sentences people can read."""

from hubplan.report.summary import headline_sentences
from hubplan.report.tables import breakdown_table, comparison_notes, comparison_table, evaluation_table

__all__ = [
    "breakdown_table",
    "comparison_notes",
    "comparison_table",
    "evaluation_table",
    "headline_sentences",
]
