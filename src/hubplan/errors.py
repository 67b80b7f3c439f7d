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


class ParameterError(InputError):
    """A parameter given to a library function (or a command's option) has a value hubplan cannot use.

    The library speaks of its parameters (``budget``, ``rules``, ``method``); each face words the
    error for its users: the command line names the option (``--budget``), the web answers 422.

    Parameters
    ----------
    parameter
        The parameter's name as the library function (or settings object) calls it.
    expected
        What the parameter takes, in words, e.g. ``"an amount such as 5.2m"``.
    found
        What was given, as the user wrote it.
    hint
        How to put it right, when there is more to say than ``expected``.
    lead
        What the value is about, said before ``expected`` (e.g. the rule text ``"district-min=x"`` in
        a list of rules, or ``"unknown rule 'colour'"``).

    Examples
    --------
    >>> str(ParameterError("budget", expected="an amount such as 5.2m", found="lots"))
    "budget: expected an amount such as 5.2m; got 'lots'"
    >>> ParameterError("budget", expected="an amount", found="lots").wording("--budget")
    "--budget: expected an amount; got 'lots'"
    """

    def __init__(
        self, parameter: str, *, expected: str, found: object, hint: str = "", lead: str = ""
    ) -> None:
        self.parameter = parameter
        self.expected = expected
        self.found = str(found) if isinstance(found, str) else repr(found)  # a StrEnum as its text
        self.hint = hint
        self.lead = lead
        super().__init__([], summary=self.wording(parameter))  # one problem: the summary says it all
        self.args = (self.summary,)

    def wording(self, name: str) -> str:
        """Return the message with ``name`` standing for the parameter (e.g. a command-line flag)."""
        return f"{name}: {self.detail()}"

    def detail(self) -> str:
        """Return the message without the parameter's name (for a face that names it itself)."""
        lead = f"{self.lead}: " if self.lead else ""
        hint = f"; {self.hint}" if self.hint else ""
        return f"{lead}expected {self.expected}; got {self.found!r}{hint}"

    def __str__(self) -> str:
        return self.summary


class InfeasibleError(HubplanError):
    """The rules given cannot all hold at once; the message names the rules that conflict."""


class SolverError(HubplanError):
    """A solver failed for a reason that is not the user's input."""
