"""Time one round trip of the web map's ``POST /api/evaluate`` against the library call it wraps.

The figure used to be a test (``test_round_trip_is_fast``), which failed on a busy machine: speed
belongs here. Both sides evaluate the same plan on the same workspace in the same process; the
ratio is the cost of the web layer (validation, JSON). Prints a table and writes it to
bench/results/api.md.

Usage: python bench/api.py [--repeat 50]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

from hubplan.data import Scenario, load_workspace, write_bundled_workspace
from hubplan.evaluate import area_breakdowns, evaluate
from hubplan.travel import build_travel
from hubplan.web import create_app

RESULTS = Path(__file__).parent / "results" / "api.md"


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Median seconds over ``repeat`` warm runs (one untimed warm-up first)."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_bundled_workspace(Path(tmp) / "norfolk")
        ws = load_workspace(folder)
        bases = list(ws.scenario("baseline-53").bases)[1:]
        travel = build_travel(ws)
        groups = area_breakdowns(ws.areas, ws.assumptions.region.districts)
        scenario = Scenario("your-plan", "Your plan", tuple(bases))
        client = TestClient(create_app(folder))
        response = client.post("/api/evaluate", json={"bases": bases})
        assert response.status_code == 200, response.text
        expected = evaluate(ws, scenario, travel=travel, breakdowns=groups).to_dict()
        assert response.json()["evaluation"]["modes"] == expected["modes"]
        api = timed(lambda: client.post("/api/evaluate", json={"bases": bases}), args.repeat)
        library = timed(lambda: evaluate(ws, scenario, travel=travel, breakdowns=groups), args.repeat)
    rows = [
        ("plan", f"{len(bases)} of Norfolk's 53 centres (538 areas x {len(ws.sites)} sites)"),
        ("POST /api/evaluate, in-process client", f"{api * 1000:.1f} ms"),
        ("hubplan.evaluate, same plan", f"{library * 1000:.1f} ms"),
        ("web layer / library", f"{api / library:.1f}x"),
    ]
    text = "\n".join(
        [
            "# bench/api.py",
            "",
            f"Median of {args.repeat} warm runs. Machine: {platform.machine()}, Python "
            f"{platform.python_version()}. Target: a round trip under 200 ms.",
            "",
            "| measure | value |",
            "| --- | --- |",
            *(f"| {k} | {v} |" for k, v in rows),
            "",
        ]
    )
    print(text)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text)


if __name__ == "__main__":
    main()
