"""The decision's record (``decision.yaml``): proposal, consultation, petitions, motions, amendments, outcome.

The file is optional. It records what happened to a proposal, so a report can show it as a
timeline, link each budget amendment to the scenario that models it, and check the consultation
against the duties it serves. It is read by :mod:`hubplan.data.plain_yaml` (anchors, aliases and
repeated keys are refused, so what a reader sees is what is read) and validated by frozen models that
reject unknown keys; every problem names the file, the line and the key.

A date (``when``, ``start``, ``end``) is an ISO date (``2018-11-14``), a month (``2018-11``), a year
(``2019``) or a financial year (``2018-19``): write only as much as the record shows.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from hubplan.data.money import parse_money
from hubplan.data.plain_yaml import compose, construct, yaml_problem
from hubplan.data.safe_read import decode_text, read_user_bytes
from hubplan.errors import InputError, Problem

DECISION_FILE = "decision.yaml"
"""The record's file inside the workspace."""

MAX_DECISION_BYTES = 1_000_000
"""The largest ``decision.yaml`` read (bytes): a council's whole record is a few kilobytes."""


_WHEN = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")

FIRST_YEAR = 1998
"""The earliest year a record may give: Sure Start, where children's centres began, was announced in 1998."""

YEARS_AHEAD = 5
"""How many years after today a date may be: a record holds what happened and what is scheduled, and
nothing a council schedules is further off than its medium-term plan (a year such as 2099 is a slip)."""

MAX_WEEKS = 52
"""The longest consultation recorded (weeks): public consultations run 6 to 12 weeks; a year is ample."""


def _when(value: Any) -> Any:
    """Accept a date, a year or text; check text is an ISO date, a month, a year or a financial year."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        if _WHEN.match(value):
            last = dt.date.today().year + YEARS_AHEAD
            if not FIRST_YEAR <= int(value[:4]) <= last:
                msg = f"a year from {FIRST_YEAR} to {last} (a record of what happened or is scheduled)"
                raise ValueError(msg)
            if len(value) == 10:
                dt.date.fromisoformat(value)  # a ValueError names an impossible day
            if len(value) == 7 and not (_calendar(value) or _financial(value)):
                following = (int(value[:4]) + 1) % 100
                msg = f"a month 01 to 12, or a financial year such as {value[:4]}-{following:02d}"
                raise ValueError(msg)
            return value
        msg = "a date such as 2018-11-14, 2018-11, 2019 or 2018-19"
        raise ValueError(msg)
    return value


def _financial(when: str) -> bool:
    """Whether ``YYYY-YY`` is a financial year: the second year follows the first (2018-19)."""
    return int(when[5:7]) == (int(when[:4]) + 1) % 100


def _calendar(when: str) -> bool:
    """Whether a date is a calendar one (a day, a month or a year), not a financial year (2018-19)."""
    return len(when) != 7 or 1 <= int(when[5:7]) <= 12


def _money(value: Any) -> Any:
    """Accept pounds as a number or as text such as ``1.3m`` or ``£800k``."""
    if isinstance(value, str):
        try:
            return parse_money(value)
        except ValueError:
            msg = "an amount of money such as 1.3m, £800k or 1300000"
            raise ValueError(msg) from None
    return value


def _some(value: tuple[Any, ...]) -> tuple[Any, ...]:
    """Require at least one item (checked after the items, so a bad item is reported once)."""
    if not value:
        msg = "at least one item"
        raise ValueError(msg)
    return value


When = Annotated[str, BeforeValidator(_when)]
Pounds = Annotated[float, Field(gt=0), BeforeValidator(_money)]
Result = Literal["carried", "defeated", "withdrawn", "not moved", "not known"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Proposal(_Record):
    """What was proposed, and the scenario that models it."""

    scenario: str
    when: When = ""
    title: str = ""
    summary: str = ""


class Consultation(_Record):
    """The public consultation: its period, its length in weeks when the days are not on record, responses."""

    start: When = ""
    end: When = ""
    weeks: float | None = Field(default=None, gt=0, le=MAX_WEEKS)
    period: str = ""
    responses: int | None = Field(default=None, ge=0)
    summary: str = ""
    events_held: tuple[str, ...] = Field(default=(), max_length=10_000)
    """Ids of the sites or venues where drop-in events were held (the record, not hubplan's suggestion)."""

    @model_validator(mode="after")
    def _in_order(self) -> Consultation:
        if self.start and self.end and _calendar(self.start) and _calendar(self.end):
            n = min(len(self.start), len(self.end))
            if self.end[:n] < self.start[:n]:
                msg = f"an end on or after the start ({self.start}), not before it"
                raise ValueError(msg)
        return self

    def length_weeks(self) -> float | None:
        """Return the consultation's length in weeks: from full start and end dates, else ``weeks``.

        Returns
        -------
        float or None
            Weeks (days / 7, counting both the first and the last day), or ``None`` when unknown.
        """
        if len(self.start) == 10 and len(self.end) == 10:
            days = (dt.date.fromisoformat(self.end) - dt.date.fromisoformat(self.start)).days + 1
            return days / 7
        return self.weeks

    def dates(self) -> tuple[dt.date, dt.date] | None:
        """Return the first and last day the record allows, or ``None`` when start or end is missing.

        A month or a year stands for all its days (``2018-09`` to ``2018-11`` is 1 September to 30
        November 2018); a financial year runs from 1 April to 31 March.

        Returns
        -------
        tuple of date, or None
            The earliest first day and the latest last day.

        Examples
        --------
        >>> Consultation(start="2018-09", end="2018-11").dates()
        (datetime.date(2018, 9, 1), datetime.date(2018, 11, 30))
        """
        if not (self.start and self.end):
            return None
        return _span(self.start)[0], _span(self.end)[1]


def _span(when: str) -> tuple[dt.date, dt.date]:
    """Return the first and last day a date of any precision stands for (2018, 2018-11, 2018-19)."""
    if len(when) == 10:
        day = dt.date.fromisoformat(when)
        return day, day
    if len(when) == 4:
        return dt.date(int(when), 1, 1), dt.date(int(when), 12, 31)
    year, month = int(when[:4]), int(when[5:7])
    if not _calendar(when):  # a financial year, 2018-19
        return dt.date(year, 4, 1), dt.date(year + 1, 3, 31)
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return dt.date(year, month, 1), following - dt.timedelta(days=1)


class Happening(_Record):
    """Something else on the record: a march, a meeting, a report published."""

    when: When = ""
    title: str
    summary: str = ""


MAX_VOTES = 1_000
"""The most votes one side of a council vote may record: England's largest council (Birmingham) has 101
members, so more than this is a slip (a signature count, a typo)."""

MAX_SIGNATURES = 100_000_000
"""The most signatures a petition may record (more than England's population)."""


class Petition(_Record):
    """A petition and how many signed it."""

    title: str
    signatures: int = Field(ge=0, le=MAX_SIGNATURES)
    when: When = ""
    summary: str = ""


class Motion(_Record):
    """A motion put to the council, and its vote where recorded."""

    title: str
    moved_by: str = ""
    when: When = ""
    result: Result = "not known"
    votes_for: int | None = Field(default=None, ge=0, le=MAX_VOTES)
    votes_against: int | None = Field(default=None, ge=0, le=MAX_VOTES)
    abstentions: int | None = Field(default=None, ge=0, le=MAX_VOTES)
    summary: str = ""


class Extra(_Record):
    """Extra money an amendment sought for one financial year."""

    amount_per_year: Pounds
    year: str = ""
    """The financial year, e.g. ``2019/20`` ('' when the record does not say)."""


class Amendment(_Record):
    """A budget amendment: the extra money it sought and the scenario its spending is modelled on."""

    title: str
    moved_by: str = ""
    when: When = ""
    result: Result = "not known"
    extra: Annotated[tuple[Extra, ...], AfterValidator(_some)]
    scenario: str
    summary: str = ""


class Outcome(_Record):
    """What was decided, and the scenario that models it."""

    scenario: str
    when: When = ""
    title: str = ""
    summary: str = ""


class Decision(_Record):
    """The whole record; every part is optional but the proposal."""

    proposal: Proposal
    consultation: Consultation | None = None
    events: tuple[Happening, ...] = ()
    petitions: tuple[Petition, ...] = ()
    motions: tuple[Motion, ...] = ()
    amendments: tuple[Amendment, ...] = ()
    outcome: Outcome | None = None

    def scenario_names(self) -> list[tuple[tuple[str | int, ...], str]]:
        """Return each scenario the record names, with where it is named (a key path)."""
        out: list[tuple[tuple[str | int, ...], str]] = [(("proposal", "scenario"), self.proposal.scenario)]
        out += [(("amendments", i, "scenario"), a.scenario) for i, a in enumerate(self.amendments)]
        if self.outcome is not None:
            out.append((("outcome", "scenario"), self.outcome.scenario))
        return out


def load_decision(folder: Path | None, *, scenarios: tuple[str, ...] | None = None) -> Decision | None:
    """Read a workspace's ``decision.yaml``; ``None`` when the workspace has none.

    Parameters
    ----------
    folder
        The workspace folder (``None`` for a workspace built in memory).
    scenarios
        The workspace's scenario names; when given, every scenario the record names must be one.

    Returns
    -------
    Decision or None
        The record.

    Raises
    ------
    InputError
        Listing every problem, each with the file, the line, the key, what was expected and what was
        found.
    """
    path = None if folder is None else folder / DECISION_FILE
    if folder is None or path is None:
        return None
    if not (path.exists() or path.is_symlink()):
        from hubplan.data.read_table import look_alike_file

        meant = look_alike_file(folder, DECISION_FILE)
        if meant is None:
            return None
        found = f"none, but {meant!r} is there: rename it {DECISION_FILE}"
        raise _error(
            [Problem(DECISION_FILE, None, None, f"the record in a file named exactly {DECISION_FILE}", found)]
        )
    return read_decision(path, scenarios=scenarios, within=folder)


def read_decision(
    path: Path,
    *,
    scenarios: tuple[str, ...] | None = None,
    label: str = DECISION_FILE,
    within: Path | None = None,
) -> Decision:
    """Read and validate a decision record.

    Parameters
    ----------
    path
        The YAML file.
    scenarios
        The workspace's scenario names, to check the record's links against.
    label
        The file's name as problems give it.
    within
        The workspace folder the file must stay in (a link out of it is refused).

    Returns
    -------
    Decision
        The record.

    Raises
    ------
    InputError
        When the file is not a regular file of at most :data:`MAX_DECISION_BYTES`, not UTF-8 (or
        UTF-16) YAML, uses anchors or aliases, or does not fit the record's shape.
    """
    problems: list[Problem] = []
    raw = read_user_bytes(
        path, MAX_DECISION_BYTES, problems, what="a decision record", label=label, root=within
    )
    text = None if raw is None else decode_text(raw, problems, label=label)
    if text is None:
        raise _error(problems)
    try:
        root = compose(text)
    except yaml.YAMLError as exc:
        raise _error([yaml_problem(exc, label)]) from None
    if not isinstance(root, yaml.MappingNode):
        found = "an empty file" if root is None else "something else"
        raise _error([Problem(label, None, None, "a mapping with at least 'proposal:'", found)])
    data = construct(root)
    try:
        decision = Decision.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            key = ".".join(str(part) for part in loc) or None
            if err["type"] == "extra_forbidden":
                expected = "only the keys the record knows (see hubplan.data.decision)"
                found = "an unknown key"
            elif err["type"] == "missing":
                expected = f"a key '{loc[-1]}' (the record needs it)"
                found = "none"
            else:
                expected = str(err["msg"]).removeprefix("Value error, ").removeprefix("Input should be ")
                found = repr(err.get("input"))
            problems.append(Problem(label, _line(root, loc), key, expected, found))
        raise _error(problems) from None
    if scenarios is not None:
        problems = [
            Problem(label, _line(root, loc), ".".join(map(str, loc)),
                    f"one of the workspace's scenarios ({', '.join(scenarios)})", _unknown(path, name))
            for loc, name in decision.scenario_names()
            if name not in scenarios
        ]  # fmt: skip
        if problems:
            raise _error(problems)
    return decision


def _unknown(path: Path, name: str) -> str:
    """Describe a scenario name the workspace lacks (and a file of that name that calls itself otherwise)."""
    if (path.parent / "scenarios" / f"{name}.yaml").is_file():
        return f"'{name}' (scenarios/{name}.yaml is there, but its name: key gives it another name)"
    return f"'{name}'"


def _error(problems: list[Problem]) -> InputError:
    n = len(problems)
    return InputError(problems, f"the decision record has {n} problem{'s' if n != 1 else ''}")


def _line(root: yaml.Node, loc: tuple[Any, ...]) -> int | None:
    """Return the line (1-based) of the deepest node a key path reaches."""
    node: yaml.Node = root
    line: int = root.start_mark.line + 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = [(k, v) for k, v in node.value if str(k.value) == str(part)]
            if not match:
                return line
            line = match[0][0].start_mark.line + 1
            node = match[0][1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line
