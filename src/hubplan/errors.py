"""The exceptions hubplan raises for user mistakes, infeasible rules and solver failures."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the user's input, located as precisely as the input allows.

    Parameters
    ----------
    file
        The file's name as the user knows it (relative to the workspace where possible).
    row
        The row as a spreadsheet shows it (the header is row 1, the first data row is row 2), the
        feature number in a geodata file, or the line in a YAML file; ``None`` for the whole file.
    column
        The column, or the setting's dotted key; ``None`` for the whole row or file.
    expected
        What hubplan needs there, in words.
    found
        What is there instead, as the user wrote it.
    """

    file: str
    row: int | None
    column: str | None
    expected: str
    found: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: expected {self.expected}, found {self.found}"


class HubplanError(Exception):
    """The base of every error hubplan raises on purpose."""


class InputError(HubplanError, ValueError):
    """The user's data or settings are wrong; carries every problem found in one pass.

    Parameters
    ----------
    problems
        Each problem found, in the order found.
    summary
        A one-line lead for the list, e.g. ``"the workspace has 3 problems"``.
    """

    def __init__(self, problems: list[Problem], summary: str | None = None) -> None:
        self.problems = list(problems)
        n = len(self.problems)
        self.summary = summary or f"found {n} problem{'s' if n != 1 else ''} in the input"
        super().__init__(self.summary + "\n" + "\n".join(f"  - {p}" for p in self.problems))


class InfeasibleError(HubplanError):
    """The rules given cannot all hold at once; the message names the rules that conflict."""


class SolverError(HubplanError):
    """A solver failed for a reason that is not the user's input."""
