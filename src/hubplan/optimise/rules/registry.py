"""The rules a user can name (``--rule NAME=VALUE`` on the command line): name -> parser.

Each rule module registers its own parser. A built-in rule's parser turns the text after ``=``
into plan settings (keywords of :class:`hubplan.optimise.plan.PlanSettings`). A rule added later
registers a ``build`` instead (:func:`register_rule`): its ``NAME=VALUE`` text is kept in
``PlanSettings.rules`` and turned into a :class:`~hubplan.optimise.rules.base.Rule` on the
workspace when the plan is made, so adding one is one module plus its tests. Messages speak of
the parameter ``rules``; the command line translates them to ``--rule``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hubplan.errors import HubplanError

if TYPE_CHECKING:
    from hubplan.optimise.plan import PlanContext
    from hubplan.optimise.rules.base import Rule


@dataclass(frozen=True)
class RuleSetting:
    """A rule the user can name.

    Parameters
    ----------
    name
        The name before ``=``, e.g. ``"district-min"``.
    usage
        How to write it and what it asks, e.g. ``"district-min=K (at least K bases per district)"``.
    parse
        Turns the text after ``=`` (empty when there is none) into plan settings; raises
        ``ValueError`` naming what it expected.
    build
        For a rule kept as text in ``PlanSettings.rules``: turns the text after ``=`` into a rule
        on the workspace's sites; raises ``ValueError`` naming what it expected.
    """

    name: str
    usage: str
    parse: Callable[[str], dict[str, Any]]
    build: Callable[[str, PlanContext], Rule] | None = None


REGISTRY: dict[str, RuleSetting] = {}


def register(
    name: str, usage: str
) -> Callable[[Callable[[str], dict[str, Any]]], Callable[[str], dict[str, Any]]]:
    """Register a rule's parser under ``name`` (a decorator).

    Parameters
    ----------
    name
        The rule's name.
    usage
        How to write it and what it asks.

    Returns
    -------
    Callable
        The decorator, which returns the parser unchanged.
    """

    def add(parse: Callable[[str], dict[str, Any]]) -> Callable[[str], dict[str, Any]]:
        REGISTRY[name] = RuleSetting(name, usage, parse)
        return parse

    return add


def register_rule(name: str, usage: str, build: Callable[[str, PlanContext], Rule]) -> None:
    """Register a rule that builds itself on the workspace from its ``NAME=VALUE`` text.

    Parameters
    ----------
    name
        The rule's name.
    usage
        How to write it and what it asks.
    build
        ``build(value, context)`` returns the rule in site positions.
    """
    REGISTRY[name] = RuleSetting(name, usage, _kept_as_text, build)


def _kept_as_text(value: str) -> dict[str, Any]:
    """Return no settings: a built rule's text is kept whole in ``PlanSettings.rules``."""
    del value
    return {}


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
    HubplanError
        For an unknown rule name or a value its parser refuses.
    """
    out: dict[str, Any] = {}
    for text in texts:
        key, _, value = text.partition("=")
        key = key.strip().lower()
        if key not in REGISTRY:
            known = ", ".join(sorted(REGISTRY))
            msg = f"rules: unknown rule '{key}'; expected one of {known}"
            raise HubplanError(msg)
        try:
            if REGISTRY[key].build is not None:
                out["rules"] = (*out.get("rules", ()), f"{key}={value.strip()}")
            else:
                out |= REGISTRY[key].parse(value.strip())
        except ValueError as exc:
            msg = f"rules: {text}: {exc}"
            raise HubplanError(msg) from None
    return out


def number(value: str, key: str, kind: Callable[[str], Any] = float) -> Any:
    """Return ``kind(value)``, or raise ``ValueError`` saying a number was expected after ``key=``."""
    try:
        return kind(value)
    except ValueError:
        msg = f"expected a number after '{key}='; got {value!r}"
        raise ValueError(msg) from None


def site_ids(value: str) -> tuple[str, ...]:
    """Split ``ID,ID,...`` into site ids."""
    return tuple(v.strip() for v in value.split(",") if v.strip())
