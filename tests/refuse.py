"""Refuse computing in a test: every solver, reach, travel, store and file-reading function raises."""

from __future__ import annotations

import importlib
import sys

import pytest

REFUSED = {
    "hubplan.data.workspace": ("load_workspace",),
    "hubplan.data.boundaries": ("read_boundaries",),
    "hubplan.data.decision": ("load_decision",),
    "hubplan.travel.matrix": ("build_travel",),
    "hubplan.travel.estimate": ("estimate_minutes", "estimate_modes"),
    "hubplan.travel.sites": ("site_minutes", "nearest_area"),
    "hubplan.evaluate.evaluation": ("evaluate",),
    "hubplan.evaluate.metrics": ("nearest_base",),
    "hubplan.evaluate.usage": ("workspace_reach",),
    "hubplan.optimise.solve": ("solve_pmedian",),
    "hubplan.optimise.set_cover": ("solve_set_cover",),
    "hubplan.optimise.frontier": ("budget_frontier",),
    "hubplan.optimise.lots": ("plan_lots",),
    "hubplan.outreach.plan": ("plan_outreach",),
    "hubplan.outreach.events": ("plan_events",),
    "hubplan.outreach.reach": ("outreach_reach",),
    "hubplan.outreach.venues": ("candidate_venues",),
    "hubplan.outreach.amend": ("amend",),
    "hubplan.outreach.circuits": ("plan_circuits",),
    "hubplan.outreach.circuit_scenario": ("plan_scenario_rounds",),
    "hubplan.analysis.uncertainty": ("input_draws", "scenario_intervals"),
    "hubplan.analysis.view": ("render_view", "site_areas"),
    "hubplan.consult.store": ("engine_for", "all_responses", "all_petitions"),
    "hubplan.store.engine": ("open_store",),
}
"""Every solver, reach, travel, store and file-reading function below presentation, by defining module."""


def refuse_everywhere(monkeypatch: pytest.MonkeyPatch, *, allow: frozenset[str] = frozenset()) -> list[str]:
    """Make every function of :data:`REFUSED` raise, wherever a ``hubplan`` module holds it.

    A function is patched in the module that defines it and in every loaded ``hubplan.*`` module
    that imported it by name (``from hubplan.outreach.reach import outreach_reach``): patching only
    where one module binds it would prove nothing about the others.

    Parameters
    ----------
    monkeypatch
        Undoes the patches after the test.
    allow
        ``module.name`` of functions (as in :data:`REFUSED`) left alone.

    Returns
    -------
    list of str
        ``module.name`` of every binding patched.
    """
    originals: dict[int, str] = {}
    for module_name, names in REFUSED.items():
        module = importlib.import_module(module_name)
        for name in names:
            if f"{module_name}.{name}" in allow:
                continue
            originals[id(getattr(module, name))] = f"{module_name}.{name}"
    patched = []
    for module_name, module in list(sys.modules.items()):
        if module_name != "hubplan" and not module_name.startswith("hubplan."):
            continue
        for attr, value in list(vars(module).items()):
            if id(value) in originals:

                def refuse(*_: object, _what: str = originals[id(value)], **__: object) -> None:
                    raise AssertionError(f"rendering called {_what}")

                monkeypatch.setattr(module, attr, refuse)
                patched.append(f"{module_name}.{attr}")
    return patched
