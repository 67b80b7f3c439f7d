"""What every request of the web app shares: the workspace, its travel matrices, and the store."""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path

import sqlalchemy as sa

from hubplan.analysis import Analysis, analyse, fingerprint
from hubplan.consult.locate import CentreMatcher
from hubplan.consult.snapshot import ConsultationSnapshot, consultation_snapshot
from hubplan.data import Scenario, load_workspace
from hubplan.data.read_table import shown
from hubplan.data.workspace import Workspace
from hubplan.errors import HubplanError
from hubplan.evaluate import area_breakdowns, evaluate
from hubplan.evaluate.evaluation import Evaluation
from hubplan.report.document import render_html
from hubplan.store import STORE_FILE, SavedPlan, open_store, saved_plan, saved_plans
from hubplan.travel import build_travel
from hubplan.web.cache import AnalysisCache


class PlanRejected(HubplanError):  # noqa: N818 - named for the answer it becomes (422)
    """A plan breaks a rule of its form (a site named twice, more sites than exist)."""

    def __init__(self, details: list[str]) -> None:
        self.details = details
        super().__init__("; ".join(details))


ANALYSES_KEPT = 8
"""Analyses a server keeps, by fingerprint (the most recently used)."""


class State:
    """The loaded workspace, its travel matrices and breakdowns, and the store, reused by every request.

    Parameters
    ----------
    folder
        The workspace.
    store_url
        The store's URL (default the workspace's SQLite file); the app passes ``HUBPLAN_STORE_URL``.
        Saved plans and the consultation are read from this one store.
    read_only
        No one may save (a server without an edit token): the workspace's own ``hubplan.sqlite`` is
        not made where there is none (then there are no saved plans and no consultation responses).
    """

    def __init__(self, folder: Path, *, store_url: str | None = None, read_only: bool = False) -> None:
        self.folder = folder
        self.workspace: Workspace = load_workspace(folder)
        self.travel = build_travel(self.workspace)
        self.groups = area_breakdowns(self.workspace.areas, self.workspace.assumptions.region.districts)
        self._store_url = store_url
        self._engine: sa.Engine | None = None
        if not read_only or store_url or (folder / STORE_FILE).exists():
            self._engine = open_store(folder, url=store_url)  # opened now: a bad store is named at start
        self.analyses: AnalysisCache[Analysis] = AnalysisCache(size=ANALYSES_KEPT)
        self._matcher = CentreMatcher(self.workspace)  # each response's centre answer matched once
        self._snapshots: OrderedDict[str, ConsultationSnapshot] = OrderedDict()
        self._snapshots_lock = threading.Lock()

    @property
    def engine(self) -> sa.Engine:
        """The store, opened (and made, for the workspace's own SQLite file) when first needed."""
        if self._engine is None:
            self._engine = open_store(self.folder, url=self._store_url)
        return self._engine

    def scenario(self, bases: list[str], name: str = "your-plan", title: str = "Your plan") -> Scenario:
        """Return a scenario for ``bases``.

        Parameters
        ----------
        bases
            Site ids, each at most once.
        name, title
            The scenario's name and title.

        Returns
        -------
        Scenario
            The scenario.

        Raises
        ------
        PlanRejected
            When a site is named twice or there are more bases than sites.
        HubplanError
            For an unknown site or one that cannot be a base.
        """
        sites = self.workspace.sites
        known = sites.index
        problems = []
        if len(bases) > len(sites.ids):
            problems.append(f"bases: {len(bases):,} sites named but the workspace has {len(sites.ids):,}")
        repeated = sorted({b for b in bases if bases.count(b) > 1}) if len(bases) <= len(sites.ids) else []
        problems += [f"bases: names {shown(b)} more than once" for b in repeated[:5]]
        if problems:
            raise PlanRejected(problems)
        bad = [b for b in bases if b not in known]
        if bad:
            raise HubplanError(f"no site has the id {shown(bad[0])}")  # cut to ~80 characters
        excluded = [b for b in bases if sites.excluded[known[b]]]
        if excluded:
            raise HubplanError(f"'{excluded[0]}' cannot be a base (its 'excluded' is true)")
        return Scenario(name=name, title=title, bases=tuple(bases))

    def named(self, name: str) -> Scenario:
        """Return the scenario ``name``: a workspace file, else a plan saved in the store.

        Parameters
        ----------
        name
            The scenario's name.

        Returns
        -------
        Scenario
            The scenario.

        Raises
        ------
        InputError
            When neither holds it.
        """
        if name in self.workspace.scenarios:
            return self.workspace.scenario(name)
        saved = saved_plan(self._engine, name) if self._engine is not None else None
        if saved is None:
            return self.workspace.scenario(name)  # raises the workspace's "no such scenario"
        return _scenario_of(saved)

    def all_named(self) -> list[tuple[Scenario, int | None]]:
        """Return every scenario: the workspace's files, then saved plans (with their version)."""
        files: list[tuple[Scenario, int | None]] = [(s, None) for s in self.workspace.scenarios.values()]
        stored = [
            (_scenario_of(p), p.version)
            for p in (saved_plans(self._engine) if self._engine is not None else [])
            if p.name not in self.workspace.scenarios
        ]
        return files + stored

    def evaluate(self, scenario: Scenario) -> Evaluation:
        """Evaluate against the workspace's baseline."""
        return evaluate(self.workspace, scenario, travel=self.travel, breakdowns=self.groups)

    def report(self, names: list[str], bases: list[str] | None) -> str:
        """Return the HTML report for scenarios ``names`` (all when empty) and optionally a plan.

        Parameters
        ----------
        names
            Scenario names (files or saved plans); the baseline is put first.
        bases
            A plan's site ids to add as "Your plan", or ``None``.

        Returns
        -------
        str
            The report's HTML.
        """
        ws = self.workspace
        chosen = names or list(ws.scenarios)
        ordered = sorted(chosen, key=lambda n: n != ws.baseline_name)
        scenarios = [self.named(n) for n in ordered]
        if bases:
            scenarios.append(self.scenario(bases))
        return render_html(self.analysis([self.evaluate(s) for s in scenarios]))

    def consultation(self) -> ConsultationSnapshot:
        """Return the consultation as the store holds it now (read once per call, from :attr:`engine`).

        A read-only server with no store reads the workspace's ``hubplan.sqlite`` if one appears later
        (``hubplan consult import``), and never makes one.
        """
        return consultation_snapshot(self.workspace, engine=self._engine, matcher=self._matcher)

    def analysis_key(self, evaluations: list[Evaluation]) -> str:
        """Return the fingerprint an analysis of ``evaluations`` is kept under (hashing only, no solving).

        The consultation is read once for it and kept with the key, so :meth:`analysis` with this key
        analyses exactly the snapshot the key was made from, even if the store changes in between.
        """
        return self._keyed(evaluations)[0]

    def _keyed(self, evaluations: list[Evaluation]) -> tuple[str, ConsultationSnapshot]:
        """Read the consultation, make the fingerprint from it, and remember the snapshot by it."""
        snapshot = self.consultation()
        key = fingerprint(self.workspace, evaluations, snapshot=snapshot)
        with self._snapshots_lock:
            self._snapshots[key] = snapshot
            self._snapshots.move_to_end(key)
            while len(self._snapshots) > 2 * ANALYSES_KEPT:
                self._snapshots.popitem(last=False)
        return key, snapshot

    def analysis(self, evaluations: list[Evaluation], *, key: str | None = None) -> Analysis:
        """Return the analysis of ``evaluations``, made once per fingerprint however many ask at once.

        Parameters
        ----------
        evaluations
            The scenarios' evaluations.
        key
            Their fingerprint, when the caller has it already (:meth:`analysis_key`).

        Returns
        -------
        Analysis
            From the cache (the :data:`ANALYSES_KEPT` most recently used are kept), or made now on this
            thread, or the one another thread is making for the same fingerprint (waited for). It is
            made from the consultation snapshot its fingerprint was made from.
        """
        with self._snapshots_lock:
            known = self._snapshots.get(key) if key else None
        if key is None or known is None:  # no key, or one made elsewhere or long forgotten: read, key
            key, known = self._keyed(evaluations)
        snapshot = known
        return self.analyses.get_or_compute(
            key, lambda: analyse(self.workspace, self.travel, evaluations, snapshot=snapshot)
        )

    def centre_evaluations(self) -> list[Evaluation]:
        """Return the evaluations the centre pages are made from: every scenario file, the baseline first."""
        ws = self.workspace
        names = sorted(ws.scenarios, key=lambda n: n != ws.baseline_name)
        return [self.evaluate(ws.scenario(n)) for n in names]


def _scenario_of(saved: SavedPlan) -> Scenario:
    """Return a plan saved in the store as a scenario."""
    return Scenario(name=saved.name, title=saved.title, bases=saved.bases, description=saved.description)
