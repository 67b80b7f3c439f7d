"""What the web app's routers share, passed to each explicitly: the state, the job queue, the limits."""

from __future__ import annotations

import math
import threading
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from fastapi.templating import Jinja2Templates

from hubplan.web.auth import Editor
from hubplan.web.guard import Limits
from hubplan.web.jobs import JobQueue
from hubplan.web.state import State


@dataclass
class Context:
    """The shared parts of one served workspace.

    Parameters
    ----------
    state
        The workspace, its travel, the analysis cache and the store.
    jobs
        The bounded queue for slow work (reports, analyses).
    limits
        Request sizes, queue sizes and waits.
    editors
        Who may save (empty: read-only).
    templates
        The app's page templates.
    tile_url
        The map's tile server, or ``None``.
    """

    state: State
    jobs: JobQueue
    limits: Limits
    editors: tuple[Editor, ...]
    templates: Jinja2Templates
    tile_url: str | None
    analysing: dict[str, tuple[str, Future[str]]] = field(default_factory=dict)
    """The analysis job in flight per fingerprint: its run id and future."""
    analysing_lock: threading.Lock = field(default_factory=threading.Lock)

    def start_analysis(self, key: str, evaluations: list[Any], *, then: str) -> tuple[str, Future[str]]:
        """Return the job making the analysis ``key``: the one already running, or a new one.

        Parameters
        ----------
        key
            The analysis's fingerprint.
        evaluations
            What it analyses.
        then
            The URL to go to when it is done (stored with the job).

        Returns
        -------
        tuple of str and Future
            The job's run id and future (its result is ``then``).
        """
        with self.analysing_lock:
            for done in [k for k, (_, f) in self.analysing.items() if f.done()]:
                del self.analysing[done]  # only jobs in flight are remembered
            running = self.analysing.get(key)
            if running is not None:
                return running

            def work() -> str:
                self.state.analysis(evaluations, key=key)
                return then

            started = self.jobs.submit("analysis", {"fingerprint": key, "then": then}, work)
            self.analysing[key] = started
            return started


def clean(value: Any) -> Any:
    """Return ``value``, or ``None`` for a float that is not finite (JSON has no NaN)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def split(text: str) -> list[str]:
    """Return the comma-separated items of ``text``, empty ones dropped."""
    return [x for x in text.split(",") if x]
