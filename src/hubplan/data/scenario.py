"""Scenarios (``scenarios/*.yaml``): which sites are bases, read with a line number for every problem."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from hubplan.errors import InputError, Problem
from hubplan.files import write_bytes_atomically

SCENARIO_KEYS = (
    "name",
    "title",
    "description",
    "modelled",
    "bases",
    "budget_per_year",
    "settings",
    "outreach",
)
"""The keys a scenario file may have; ``settings`` and ``outreach`` are kept for later stages as given."""


@dataclass(frozen=True)
class Scenario:
    """One option for the network.

    Parameters
    ----------
    name
        A short id (the file's stem unless the file says otherwise).
    title
        A readable title for tables and reports.
    bases
        The ids of the sites kept as bases, in the file's order.
    description
        Where the scenario comes from and why.
    modelled
        What in it is modelled rather than from the record ('' when nothing is).
    budget_per_year
        The budget it must fit (£ a year), if one is set.
    extra
        ``settings`` and ``outreach`` as written, for the stages that use them.
    file
        The file it was read from, as problems name it.
    base_lines
        The line of each base in the file, for problems found later.
    """

    name: str
    title: str
    bases: tuple[str, ...]
    description: str = ""
    modelled: str = ""
    budget_per_year: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    file: str = ""
    base_lines: tuple[int, ...] = ()


def read_scenario(path: Path, problems: list[Problem], *, label: str | None = None) -> Scenario | None:
    """Read one scenario file, appending its problems; ``None`` when it cannot be used at all.

    Parameters
    ----------
    path
        A YAML file with at least ``bases:`` (a list of site ids).
    problems
        Where to append what is wrong.
    label
        The file's name as problems give it (default ``scenarios/<name>``).

    Returns
    -------
    Scenario or None
        The scenario, or ``None`` if it is not readable YAML of the right shape.
    """
    file = label or f"scenarios/{path.name}"
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(file, line, None, "UTF-8 text", f"byte 0x{raw[exc.start]:02x}"))
        return None
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        found = str(getattr(exc, "problem", exc))
        problems.append(Problem(file, mark.line + 1 if mark else None, None, "valid YAML", found))
        return None
    if not isinstance(root, yaml.MappingNode):
        found = "an empty file" if root is None else "something else"
        problems.append(Problem(file, None, None, "a mapping with at least 'bases:'", found))
        return None
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    base_lines: list[int] = []
    for key_node, value_node in root.value:
        key = str(key_node.value)
        line = key_node.start_mark.line + 1
        if key not in SCENARIO_KEYS:
            problems.append(
                Problem(file, line, key, f"one of the keys {', '.join(SCENARIO_KEYS)}", "an unknown key")
            )
            continue
        values[key] = yaml.safe_load(yaml.serialize(value_node))
        lines[key] = line
        if key == "bases" and isinstance(value_node, yaml.SequenceNode):
            base_lines = [item.start_mark.line + 1 for item in value_node.value]

    bases = values.get("bases")
    if bases is None:
        problems.append(Problem(file, None, "bases", "a list of the site ids kept as bases", "none"))
        bases = []
    elif not isinstance(bases, list) or not all(isinstance(b, str | int) for b in bases):
        problems.append(Problem(file, lines["bases"], "bases", "a list of site ids", repr(bases)))
        bases = []
    bases = [str(b) for b in bases]
    if len(base_lines) != len(bases):
        base_lines = [lines.get("bases", 0)] * len(bases)
    unique: dict[str, int] = {}
    for base, line in zip(bases, base_lines, strict=True):
        if base in unique:
            problems.append(Problem(file, line, "bases", "each site once", f"'{base}' again"))
        else:
            unique[base] = line

    budget = values.get("budget_per_year")
    if budget is not None and (not isinstance(budget, int | float) or isinstance(budget, bool) or budget < 0):
        problems.append(
            Problem(file, lines["budget_per_year"], "budget_per_year", "£ a year, 0 or more", repr(budget))
        )
        budget = None
    texts = {}
    for key in ("name", "title", "description", "modelled"):
        value = values.get(key, "")
        if not isinstance(value, str):
            problems.append(Problem(file, lines[key], key, "text", repr(value)))
            value = ""
        texts[key] = value.strip()
    name = texts["name"] or path.stem
    return Scenario(
        name=name,
        title=texts["title"] or name,
        bases=tuple(unique),
        description=texts["description"],
        modelled=texts["modelled"],
        budget_per_year=None if budget is None else float(budget),
        extra={k: values[k] for k in ("settings", "outreach") if k in values},
        file=file,
        base_lines=tuple(unique.values()),
    )


def dump_scenario(scenario: Scenario) -> str:
    """Write a scenario as YAML text that :func:`read_scenario` reads back to the same scenario.

    Parameters
    ----------
    scenario
        The scenario.

    Returns
    -------
    str
        The YAML document.
    """
    doc: dict[str, Any] = {"name": scenario.name, "title": scenario.title}
    if scenario.description:
        doc["description"] = scenario.description
    if scenario.modelled:
        doc["modelled"] = scenario.modelled
    if scenario.budget_per_year is not None:
        doc["budget_per_year"] = scenario.budget_per_year
    doc["bases"] = list(scenario.bases)
    doc.update(scenario.extra)
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)


def write_scenario(folder: Path, scenario: Scenario, *, overwrite: bool = False) -> Path:
    """Write ``scenarios/<name>.yaml`` in a workspace, atomically, never replacing a file unless asked.

    Parameters
    ----------
    folder
        The workspace folder.
    scenario
        The scenario.
    overwrite
        Replace an existing file of that name.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    InputError
        When the file exists and ``overwrite`` is false.
    """
    target = folder / "scenarios" / f"{scenario.name}.yaml"
    if target.exists() and not overwrite:
        problem = Problem(
            f"scenarios/{target.name}", None, None, "a new scenario name (or --overwrite)", "an existing file"
        )
        raise InputError([problem], f"will not replace scenarios/{target.name}")
    write_bytes_atomically(target, dump_scenario(scenario).encode("utf-8"))
    return target
