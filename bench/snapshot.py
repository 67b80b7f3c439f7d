"""What one consultation snapshot costs: read the store once, hash it, and key an analysis by it.

The web reads a snapshot on every request that looks an analysis up (its fingerprint is the
snapshot's content hash), where it used to count three tables. This measures, on the Norfolk demo's
1,612 synthetic responses and on 20,000 made by the same generator: reading the snapshot (responses,
petitions, themes, and the centres each response names), its content hash, a whole fingerprint, and
the three ``COUNT(*)`` queries the fingerprint read before, for comparison. A server keeps one centre
matcher (each distinct answer is matched once); a command makes a new one. SQLite always; PostgreSQL
too when ``--postgres URL`` names an empty database. Median of ``--repeat`` runs each. Prints a table
and writes it to bench/results/snapshot.md.

Usage: python bench/snapshot.py [--sizes 1612,20000] [--repeat 15] [--postgres URL]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from hubplan.analysis import fingerprint
from hubplan.consult import add_responses, engine_for, read_responses
from hubplan.consult.locate import CentreMatcher
from hubplan.consult.snapshot import consultation_snapshot
from hubplan.data import bundled_workspace_path, load_workspace
from hubplan.evaluate import evaluate
from hubplan.scale.machine import this_machine
from hubplan.store.schema import imports, petitions, responses
from hubplan.travel import build_travel

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import build_consultation

RESULTS = Path(__file__).parent / "results" / "snapshot.md"


def _median_ms(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times)


def _counts(engine: sa.Engine) -> list[int]:
    with engine.connect() as conn:
        return [conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
                for t in (responses, petitions, imports)]  # fmt: skip


def run(size: int, store: str, url: str | None, repeat: int) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder) / "norfolk"
        shutil.copytree(bundled_workspace_path(), work)
        ws = load_workspace(work)
        csv = Path(folder) / "responses.csv"
        sites = pd.DataFrame({"kind": ws.sites.kind, "name": ws.sites.name})
        districts = pd.read_csv(work / "postcode_districts.csv")
        build_consultation.build(sites, districts, n=size, seed=size).to_csv(csv, index=False)
        engine = engine_for(work, url)
        with engine.begin() as conn:  # a PostgreSQL database is reused across sizes: empty it first
            conn.execute(responses.delete())
        add_responses(engine, read_responses(csv).rows)
        travel = build_travel(ws)
        evaluations = [evaluate(ws, n, travel=travel) for n in ("baseline-53", "adopted-2019-15")]
        snapshot = consultation_snapshot(ws, engine=engine)
        assert snapshot.count == size, (snapshot.count, size)
        fresh = _median_ms(lambda: consultation_snapshot(ws, engine=engine), repeat)
        kept = CentreMatcher(ws)
        read = _median_ms(lambda: consultation_snapshot(ws, engine=engine, matcher=kept), repeat)
        digest = (
            _median_ms(lambda: consultation_snapshot(ws, engine=engine, matcher=kept).digest, repeat) - read
        )
        whole = _median_ms(
            lambda: fingerprint(
                ws, evaluations, snapshot=consultation_snapshot(ws, engine=engine, matcher=kept)
            ),
            repeat,
        )
        counts = _median_ms(lambda: _counts(engine), repeat)
    return {
        "store": store,
        "responses": f"{size:,}",
        "read snapshot (command)": f"{fresh:.0f} ms",
        "read snapshot (server)": f"{read:.0f} ms",
        "content hash": f"{max(digest, 0.0):.0f} ms",
        "fingerprint, server (read + hash + inputs)": f"{whole:.0f} ms",
        "before: three COUNT(*)": f"{counts:.1f} ms",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1612,20000")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--postgres", default=None, help="an empty PostgreSQL database's URL")
    args = parser.parse_args()
    stores = [("SQLite", None)] + ([("PostgreSQL", args.postgres)] if args.postgres else [])
    rows = [run(int(n), name, url, args.repeat) for name, url in stores for n in args.sizes.split(",")]
    header = list(rows[0])
    text = "\n".join([
        "# bench/snapshot.py", "",
        "Reading the consultation once into a snapshot and keying an analysis by it (what the web does per "
        f"request that looks an analysis up); median of {args.repeat} runs. Machine: {this_machine().describe()}.",
        "", "| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |",
        *("| " + " | ".join(r[h] for h in header) + " |" for r in rows), "",
    ])  # fmt: skip
    print(text)
    RESULTS.write_text(text)


if __name__ == "__main__":
    main()
