"""One :class:`RuleSpec` per rule a user can name: its name, usage, parser, builder and record.

A rule's every face lives in its spec, registered by the rule's own module:

- ``parse`` turns the text after ``NAME=`` (``--rule NAME=VALUE`` on the command line, a rule set
  of a sweep) into a typed value, or raises :class:`~hubplan.errors.ParameterError`;
- ``build`` turns that value into a :class:`~hubplan.optimise.rules.base.Rule` on a workspace's
  sites (through a :class:`RuleContext`);
- ``record`` turns it into plain data for the scenario file and ``--json``.

A built-in rule's value lives in its own field of
:class:`~hubplan.optimise.plan.PlanSettings` (``setting``); a rule added later keeps its
``NAME=VALUE`` text in ``PlanSettings.rules``, parsed when given and again when built. A new rule is
one module that defines its :class:`~hubplan.optimise.rules.base.Rule` and calls :func:`register`.
Messages speak of the parameter ``rules``; the command line translates it to ``--rule``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import numpy as np

from hubplan.errors import ParameterError
from hubplan.suggest import closest

if TYPE_CHECKING:
    from hubplan.data.workspace import Workspace
    from hubplan.optimise.rules.base import Rule
    from hubplan.travel.matrix import TravelMatrix

V = TypeVar("V")


@dataclass(frozen=True, eq=False)
class RuleContext:
    """What a rule needs to build itself on a workspace.

    Parameters
    ----------
    workspace
        The workspace.
    travel
        Its travel matrices.
    mode
        The objective's mode (whose minutes count).
    required, excluded
        Masks of the sites that must, or cannot, be bases: the sites' own flags, the ``required``
        and ``excluded`` settings and the candidate kinds, resolved first because other rules read
        them (a budget's costs, a deprived-area maximum's nearby sites).
    """

    workspace: Workspace
    travel: TravelMatrix
    mode: str
    required: np.ndarray
    excluded: np.ndarray

    def positions(self, ids: tuple[str, ...], rule: str) -> np.ndarray:
        """Return the site positions of ``ids``; raise naming ``rule`` for an unknown id."""
        return site_positions(self.workspace, ids, rule)


def site_positions(workspace: Workspace, ids: tuple[str, ...], rule: str) -> np.ndarray:
    """Return the positions of sites ``ids`` in ``workspace``.

    Parameters
    ----------
    workspace
        The workspace.
    ids
        Site ids.
    rule
        The rule that names them, for the message.

    Returns
    -------
    numpy.ndarray
        Positions (0 .. n_sites-1), in the order of ``ids``.

    Raises
    ------
    ParameterError
        For an id no site has (with the closest id as a hint).
    """
    index = workspace.sites.index
    unknown = [i for i in ids if i not in index]
    if unknown:
        close = closest(unknown[0], list(index))
        hint = f"did you mean '{close[0]}'?" if close else ""
        raise ParameterError(
            "rules", lead=rule, expected="the id of a site in sites.csv", found=unknown[0], hint=hint
        )
    return np.array([index[i] for i in ids], dtype=np.int64)


def _plain(value: Any) -> Any:
    """Return the value as plain data (tuples become lists)."""
    return list(value) if isinstance(value, tuple) else value


@dataclass(frozen=True)
class RuleSpec(Generic[V]):
    """Everything hubplan knows about one rule: how it is written, read, built and recorded.

    Parameters
    ----------
    name
        The name before ``=``, e.g. ``"district-min"``.
    usage
        How to write it and what it asks, e.g. ``"district-min=K (at least K bases per district)"``.
    example
        A documented example, e.g. ``"district-min=1"``.
    parse
        Turns the text after ``=`` (empty when there is none) into the rule's value; raises
        :class:`~hubplan.errors.ParameterError` naming what it expected.
    build
        ``build(value, context)`` returns the rule on the workspace's sites, or ``None`` when the
        value asks for nothing.
    record
        Turns the value into plain data for the scenario file and ``--json``.
    setting
        The :class:`~hubplan.optimise.plan.PlanSettings` field that holds the value; ``None`` for a
        rule added later (its ``NAME=VALUE`` text is kept in ``PlanSettings.rules``).
    default
        The value that asks for nothing (not recorded).
    option
        Whether the rule is given by its own option (``--bases``, ``--budget``) rather than
        ``--rule NAME=VALUE``.
    """

    name: str
    usage: str
    example: str
    parse: Callable[[str], V]
    build: Callable[[V, RuleContext], Rule | None]
    record: Callable[[V], Any] = _plain
    setting: str | None = None
    default: Any = None
    option: bool = False

    def read(self, text: str) -> V:
        """Parse ``text`` (after ``NAME=``), naming this rule's text in any error.

        Parameters
        ----------
        text
            The value as written.

        Returns
        -------
        object
            The rule's value.

        Raises
        ------
        ParameterError
            With ``parameter="rules"`` and the rule's text as its lead.
        """
        lead = f"{self.name}={text.strip()}" if text.strip() else self.name
        try:
            return self.parse(text.strip())
        except ParameterError as exc:
            raise ParameterError(
                "rules", lead=lead, expected=exc.expected, found=exc.found, hint=exc.hint
            ) from None
        except ValueError as exc:  # a parser that raises a plain ValueError still gets a clear message
            raise ParameterError(
                "rules", lead=lead, expected="a value this rule accepts", found=text.strip(), hint=str(exc)
            ) from None


#: Every rule, in the order they are built (the built-ins first).
SPECS: dict[str, RuleSpec[Any]] = {}
#: The rules named by ``--rule NAME=VALUE`` (every spec but those given by their own option).
REGISTRY: dict[str, RuleSpec[Any]] = {}


def register(spec: RuleSpec[V]) -> RuleSpec[V]:
    """Register a rule's spec (call it from the rule's own module).

    Parameters
    ----------
    spec
        The spec.

    Returns
    -------
    RuleSpec
        The same spec.
    """
    SPECS[spec.name] = spec
    if not spec.option:
        REGISTRY[spec.name] = spec
    return spec


def parse_rules(texts: list[str] | tuple[str, ...]) -> dict[str, Any]:
    """Turn ``NAME=VALUE`` texts into plan settings, through the registry.

    Parameters
    ----------
    texts
        E.g. ``["district-min=1", "required=cc-diss,lib-cromer", "capacity"]``.

    Returns
    -------
    dict
        Keywords for :class:`hubplan.optimise.plan.PlanSettings`.

    Raises
    ------
    ParameterError
        For an unknown rule name or a value its parser refuses (``parameter="rules"``).
    """
    out: dict[str, Any] = {}
    for text in texts:
        key, _, value = text.partition("=")
        key = key.strip().lower()
        spec = REGISTRY.get(key)
        if spec is None:
            known = ", ".join(sorted(REGISTRY))
            raise ParameterError(
                "rules", lead=f"unknown rule '{key}'", expected=f"one of {known}", found=text
            )
        parsed = spec.read(value)
        if spec.setting is None:
            out["rules"] = (*out.get("rules", ()), f"{key}={value.strip()}")
        else:
            out[spec.setting] = parsed
    return out


def number(value: str, key: str, kind: Callable[[str], Any] = float) -> Any:
    """Return ``kind(value)``, or raise :class:`~hubplan.errors.ParameterError` saying a number was expected.

    Parameters
    ----------
    value
        The text after ``key=``.
    key
        The rule's name.
    kind
        ``float`` or ``int``.

    Returns
    -------
    object
        The number.

    Raises
    ------
    ParameterError
        When ``value`` is not a number of that kind.
    """
    try:
        return kind(value)
    except ValueError:
        raise ParameterError("rules", expected=f"a number after '{key}='", found=value) from None


def site_ids(value: str) -> tuple[str, ...]:
    """Split ``ID,ID,...`` into site ids (empty: none)."""
    return tuple(v.strip() for v in value.split(",") if v.strip())
