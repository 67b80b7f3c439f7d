"""Scenarios (``scenarios/*.yaml``): which sites are bases, read with a line number for every problem."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from hubplan.data.characters import hidden_problem
from hubplan.data.money import MAX_MONEY_PER_YEAR
from hubplan.data.plain_yaml import compose, construct, yaml_problem
from hubplan.data.read_table import shown
from hubplan.data.safe_read import decode_text, read_user_bytes
from hubplan.errors import InputError, Problem
from hubplan.files import write_bytes_atomically, write_files_together

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

MAX_SCENARIO_BYTES = 1_000_000
"""The largest scenario file read (bytes): a scenario listing every LSOA in England is under 1 MB."""

_TEXT_CHARS = {"name": 100, "title": 200, "description": 10_000, "modelled": 10_000}
"""The most characters each text of a scenario may have."""

_SAFE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]{0,99}")
SAFE_NAME_WORDS = "a name of letters, digits, '-', '_' and '.', not starting with '.' (at most 100)"
"""What a scenario's name may be, in files, ``optimise --name`` and the web alike."""


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


def read_scenario(
    path: Path, problems: list[Problem], *, label: str | None = None, within: Path | None = None
) -> Scenario | None:
    """Read one scenario file, appending its problems; ``None`` when it cannot be used at all.

    The YAML is read by :mod:`hubplan.data.plain_yaml` (YAML 1.2 types; no anchors, aliases, tags or
    repeated keys), from at most :data:`MAX_SCENARIO_BYTES`. Base ids are taken as written, so
    ``- 007`` names site ``007``, not ``7``.

    Parameters
    ----------
    path
        A YAML file with at least ``bases:`` (a non-empty list of site ids).
    problems
        Where to append what is wrong.
    label
        The file's name as problems give it (default ``scenarios/<name>``).
    within
        The workspace folder the file must stay in (a link out of it is refused).

    Returns
    -------
    Scenario or None
        The scenario, or ``None`` if it is not readable YAML of the right shape.
    """
    file = label or f"scenarios/{path.name}"
    raw = read_user_bytes(path, MAX_SCENARIO_BYTES, problems, what="a scenario", label=file, root=within)
    text = None if raw is None else decode_text(raw, problems, label=file)
    if text is None:
        return None
    try:
        root = compose(text)
    except yaml.YAMLError as exc:
        problems.append(yaml_problem(exc, file))
        return None
    if not isinstance(root, yaml.MappingNode):
        found = "an empty file" if root is None else "something else"
        problems.append(Problem(file, None, None, "a mapping with at least 'bases:'", found))
        return None
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    base_lines: list[int] = []
    failed: set[str] = set()
    for key_node, value_node in root.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "(not a plain key)"
        line = key_node.start_mark.line + 1
        if key not in SCENARIO_KEYS:
            problems.append(
                Problem(
                    file,
                    line,
                    shown(key, quoted=False),
                    f"one of the keys {', '.join(SCENARIO_KEYS)}",
                    "an unknown key",
                )
            )
            continue
        try:
            values[key] = construct(value_node)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            problems.append(Problem(file, line, key, "a plain YAML value", shown(str(exc))))
            failed.add(key)
            continue
        lines[key] = line
        if key == "bases" and isinstance(value_node, yaml.SequenceNode):
            base_lines = [item.start_mark.line + 1 for item in value_node.value]
            # An id as written: a site "007" or "1.0" is named by its text, never by the number YAML reads.
            values[key] = [
                item.value if isinstance(item, yaml.ScalarNode) and item.value else values[key][i]
                for i, item in enumerate(value_node.value)
            ]

    bases = values.get("bases")
    if bases is None:
        if "bases" not in failed:
            found = "an empty value" if "bases" in lines else "none"
            problems.append(
                Problem(file, lines.get("bases"), "bases", "a list of the site ids kept as bases", found)
            )
        bases = []
    elif not isinstance(bases, list) or not all(isinstance(b, str) for b in bases):
        problems.append(Problem(file, lines["bases"], "bases", "a list of site ids", shown(bases)))
        bases = []
    elif not bases:
        problems.append(Problem(file, lines["bases"], "bases", "at least one site id", "an empty list"))
    bases = [str(b) for b in bases]
    if len(base_lines) != len(bases):
        base_lines = [lines.get("bases", 0)] * len(bases)
    unique: dict[str, int] = {}
    for base, line in zip(bases, base_lines, strict=True):
        if base in unique:
            problems.append(Problem(file, line, "bases", "each site once", f"{shown(base)} again"))
        else:
            unique[base] = line

    budget = values.get("budget_per_year")
    if budget is not None and not _is_money(budget):
        expected = f"£ a year, from 0 to {MAX_MONEY_PER_YEAR:,.0f}"
        problems.append(Problem(file, lines["budget_per_year"], "budget_per_year", expected, shown(budget)))
        budget = None
    texts = {}
    for key in ("name", "title", "description", "modelled"):
        value = values.get(key, "")
        if not isinstance(value, str):
            problems.append(Problem(file, lines[key], key, "text", shown(value)))
            value = ""
        elif len(value) > _TEXT_CHARS[key]:
            expected = f"text of at most {_TEXT_CHARS[key]:,} characters"
            problems.append(Problem(file, lines[key], key, expected, f"{len(value):,} characters"))
            value = value[: _TEXT_CHARS[key]]
        # A vertical tab (Word's manual line break) or an escape code in a title cannot be drawn in a chart.
        multiline = key in ("description", "modelled")
        if value and (problem := hidden_problem(file, lines.get(key), key, value, lines=multiline)):
            problems.append(problem)
            value = ""
        texts[key] = value.strip()
    for key in ("settings", "outreach"):
        if key in values and not isinstance(values[key], dict | None):
            problems.append(Problem(file, lines[key], key, "a mapping of settings", shown(values[key])))
    if texts["name"] and not _SAFE_NAME.fullmatch(texts["name"]):
        # '../../x' passed validate, yet `optimise --name` and the web refuse it: one rule for names.
        problems.append(Problem(file, lines["name"], "name", SAFE_NAME_WORDS, shown(texts["name"])))
        texts["name"] = ""
    if not texts["name"] and "name" not in failed and not _SAFE_NAME.fullmatch(path.stem):
        # 'My Plan.yaml' with no name: would be a scenario 'My Plan', which `name: My Plan` may not be.
        expected = f"a file name that is {SAFE_NAME_WORDS}, as a scenario's name is taken from it"
        found = f"{shown(path.stem)}: rename the file (e.g. {_safe_stem(path.stem)}.yaml) or add a name: line"
        problems.append(Problem(file, None, "name", expected, found))
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


def _safe_stem(stem: str) -> str:
    """Return a file name close to ``stem`` that follows the rule for names: 'My Plan' gives 'my-plan'."""
    safe = re.sub(r"[^A-Za-z0-9_.\-]+", "-", stem.strip().lower()).strip("-.")[:100]
    return safe or "my-plan"


def _is_money(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return bool(0 <= value <= MAX_MONEY_PER_YEAR)


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

    The file is written in full under a temporary name and then linked to its own name only if that
    name is free, in one step: of two writers saving the same name at once, one is told it exists.

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
        When the file exists and ``overwrite`` is false, or the name cannot be a file name.
    """
    (path,) = write_scenarios(folder, [scenario], overwrite=overwrite)
    return path


def _case_twins(folder: Path, names: list[str]) -> list[Problem]:
    """Name each new file whose name differs from an existing one's only in case.

    On Windows and macOS, whose file names ignore case, ``Adopted-2019-15.yaml`` *is*
    ``adopted-2019-15.yaml``: saving it would replace the adopted plan there, and beside it on Linux
    two scenarios would differ only in case.
    """
    try:
        existing = {p.name.casefold(): p.name for p in folder.iterdir()} if folder.is_dir() else {}
    except OSError:
        return []
    out = []
    for name in names:
        twin = existing.get(name.casefold())
        if twin is not None and twin != name:
            expected = f"a name that differs from scenarios/{twin} in more than case"
            out.append(
                Problem(f"scenarios/{name}", None, "name", expected, shown(name.removesuffix(".yaml")))
            )
    return out


def write_scenarios(folder: Path, scenarios: Sequence[Scenario], *, overwrite: bool = False) -> list[Path]:
    """Write several scenarios as one set: every file, or (on any failure or interrupt) none.

    Parameters
    ----------
    folder
        The workspace folder.
    scenarios
        The scenarios, each written to ``scenarios/<name>.yaml``.
    overwrite
        Replace existing files of those names.

    Returns
    -------
    list of Path
        The files written, in order.

    Raises
    ------
    InputError
        When a file exists and ``overwrite`` is false (then none is written), when two scenarios
        share a name, or when a name cannot be a file name.
    """
    problems = []
    names: set[str] = set()
    for scenario in scenarios:
        name = scenario.name
        if not _SAFE_NAME.fullmatch(name):
            problems.append(Problem("scenarios/", None, "name", SAFE_NAME_WORDS, shown(name)))
        elif name in names:
            problems.append(Problem(f"scenarios/{name}.yaml", None, "name", "each name once", "it twice"))
        names.add(name)
    problems += _case_twins(folder / "scenarios", [f"{s.name}.yaml" for s in scenarios])
    if problems:
        raise InputError(problems, "cannot save the scenarios under these names")
    targets = [folder / "scenarios" / f"{s.name}.yaml" for s in scenarios]
    existing = [t for t in targets if t.exists()] if not overwrite else []
    if not existing:
        try:
            if len(scenarios) == 1:
                data = dump_scenario(scenarios[0]).encode("utf-8")
                return [write_bytes_atomically(targets[0], data, replace=overwrite)]
            files = [(t, dump_scenario(s).encode("utf-8")) for t, s in zip(targets, scenarios, strict=True)]
            return write_files_together(files, replace=overwrite)
        except FileExistsError:  # another writer took a name between the check and the write
            existing = [t for t in targets if t.exists()]
    expected = "a new scenario name (or overwrite)"
    taken = [Problem(f"scenarios/{t.name}", None, None, expected, "an existing file") for t in existing]
    names_taken = ", ".join(f"scenarios/{t.name}" for t in existing) or "a file"
    raise InputError(taken, f"will not replace {names_taken}")
