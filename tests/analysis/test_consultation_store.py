"""One consultation snapshot: SQLite and PostgreSQL holding the same responses give the same analysis.

The workspace: two children's centres, C1 kept and C2 closed by "keep" (the proposal its
``decision.yaml`` names). Three responses, two naming "Centre Two" with comments, one naming nothing;
one petition; ``themes.yaml`` records three themes, one merged into another, so the analysts recorded
2 themes and answered 1 of them. The response ids ``B-1``, ``a-3``, ``b-2`` sort differently under a
byte collation (SQLite: B < a < b) and a linguistic one (the PostgreSQL database here is made with
ICU's en-US collation: a < B < b); the snapshot orders them by code point whatever the database does:
``B-1``, ``a-3``, ``b-2``.

Before the snapshot (main at 75e453b), the checklist counted responses only when it found the
workspace's SQLite file, so with every response in PostgreSQL (``HUBPLAN_STORE_URL``) the summary said
2 responses while the checklist's "Responses considered" said none were stored.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from hubplan.analysis import analyse, fingerprint
from hubplan.analysis.view import render_view
from hubplan.consult import add_responses, engine_for, record_petition
from hubplan.consult.snapshot import ConsultationSnapshot, Petition, ThemeRecord, consultation_snapshot
from hubplan.data import load_workspace
from hubplan.data.workspace import Workspace
from hubplan.evaluate import evaluate
from hubplan.evaluate.evaluation import Evaluation
from hubplan.report.checklist import statutory_checklist
from hubplan.store import STORE_FILE
from hubplan.travel import build_travel
from hubplan.travel.matrix import TravelMatrix
from tests.helpers import write_workspace
from tests.store.postgres import postgres_server

__all__ = ["postgres_server"]

THEMES = """themes:
- id: t1
  label: Keep the centre open
  we_did: Kept Centre One as a base
- id: t2
  label: Buses are too few
- id: t3
  merge_into: t1
"""


def response_row(response_id: str, centre: str, comment: str, row: int) -> dict[str, object]:
    return {"response_id": response_id, "submitted_at": "2018-10-01", "respondent_type": "parent",
            "postcode": "NR1 1AA", "centre": centre, "support": "oppose", "comment": comment,
            "source_file": "responses.csv", "source_row": row}  # fmt: skip


ROWS = [
    response_row("b-2", "Centre Two", "Please keep it, write to jo@example.org", 2),
    response_row("B-1", "Centre Two", "Our only group for toddlers", 3),
    response_row("a-3", "", "", 4),
]


def consultation_workspace(folder: Path) -> tuple[Workspace, TravelMatrix, list[Evaluation]]:
    folder = write_workspace(
        folder,
        sites=[
            "C1,Centre One,children_centre,52.60,1.00,D1,100",
            "C2,Centre Two,children_centre,52.70,1.00,D1,100",
        ],
        areas=["A1,52.60,1.00,D1,10,1,urban,0.5", "A2,52.70,1.00,D1,20,5,urban,0.2"],
        scenarios={"all": "bases: [C1, C2]\n", "keep": "title: Keep one\nbases: [C1]\n"},
        toml='[region]\nname = "Tiny"\ndistricts = ["D1"]\n[evaluation]\nbaseline = "all"\n',
    )
    (folder / "decision.yaml").write_text("proposal:\n  scenario: keep\n")
    (folder / "themes.yaml").write_text(THEMES)
    ws = load_workspace(folder)
    travel = build_travel(ws)
    return ws, travel, [evaluate(ws, name, travel=travel) for name in ("all", "keep")]


def fill_store(folder: Path, url: str | None) -> None:
    engine = engine_for(folder, url)
    add_responses(engine, ROWS, source_sha256="f" * 64)
    record_petition(engine, "Save Centre Two", 1234, ("NR1", "NR2"))


def linguistic_database(server_url: str) -> str:
    """Create an empty database sorting text by ICU's en-US collation (a < B < b) and return its URL."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(
            f"CREATE DATABASE {name} LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8' TEMPLATE template0"
        )
    engine.dispose()
    return server_url.rsplit("/", 1)[0] + f"/{name}"


def _considered(ws: Workspace, evidence: object) -> tuple[str, str]:
    items = {(i.duty, i.item): i for i in statutory_checklist(render_view(ws), evidence)}  # type: ignore[arg-type]
    item = items["5D", "Responses considered"]
    return item.status, item.evidence[0]


def test_sqlite_and_postgresql_give_equal_snapshots_checklists_and_fingerprints(
    postgres_server: str, tmp_path: Path
) -> None:
    ws, travel, evaluations = consultation_workspace(tmp_path / "ws")
    assert ws.path is not None
    postgres = linguistic_database(postgres_server)
    fill_store(ws.path, None)  # the workspace's own hubplan.sqlite
    fill_store(ws.path, postgres)
    for url, order in ((None, ["B-1", "a-3", "b-2"]), (postgres, ["a-3", "B-1", "b-2"])):
        with engine_for(ws.path, url).connect() as conn:  # the databases' own orders differ
            assert (
                conn.execute(sa.text("SELECT response_id FROM responses ORDER BY response_id"))
                .scalars()
                .all()
                == order
            )

    on_sqlite = consultation_snapshot(ws)
    on_postgres = consultation_snapshot(ws, store_url=postgres)
    assert on_sqlite == on_postgres
    assert on_sqlite.digest == on_postgres.digest
    assert on_sqlite.source.startswith("sqlite:///")
    assert on_postgres.source.startswith("postgresql+psycopg://")
    assert [r.response_id for r in on_postgres.responses] == ["B-1", "a-3", "b-2"]
    assert on_postgres.centres == (("C2",), (), ("C2",))
    assert on_postgres.petitions == (Petition("Save Centre Two", 1234, ("NR1", "NR2")),)
    assert on_postgres.themes == (
        ThemeRecord("t1", "Keep the centre open", "Kept Centre One as a base"),
        ThemeRecord("t2", "Buses are too few", ""),
    )

    a = analyse(ws, travel, evaluations)  # the workspace's SQLite store, named by no one
    b = analyse(ws, travel, evaluations, store_url=postgres)
    assert a.fingerprint == b.fingerprint
    assert a.fingerprint == fingerprint(ws, evaluations, snapshot=on_postgres)
    for analysis in (a, b):
        assert analysis.evidence.responses == 3
        assert (analysis.evidence.themes, analysis.evidence.themes_answered) == (2, 1)
        assert analysis.consultation is not None
        assert analysis.consultation.count == 3
        assert analysis.consultation.petitions == (("Save Centre Two", 1234),)
        assert analysis.consultation.themes == (
            ("Keep the centre open", "Kept Centre One as a base"),
            ("Buses are too few", "No change in the plan answered this yet."),
        )
        assert analysis.comments == {
            "C2": ["Our only group for toddlers", "Please keep it, write to [e-mail]"]
        }
    sentence = "3 responses are stored; the analysts recorded 2 themes, 1 of them with what the council did about it."
    assert (
        _considered(ws, a.evidence) == _considered(ws, b.evidence) == ("needs an officer's input", sentence)
    )

    # The fingerprint is the snapshot's: one response more in PostgreSQL, another fingerprint.
    add_responses(
        engine_for(ws.path, postgres), [response_row("c-4", "Centre One", "", 5)], source_sha256="e" * 64
    )
    changed = consultation_snapshot(ws, store_url=postgres)
    assert changed.count == 4
    assert changed.digest != on_postgres.digest
    assert fingerprint(ws, evaluations, snapshot=changed) != a.fingerprint


def test_the_checklist_counts_the_responses_held_only_in_postgresql(
    postgres_server: str, tmp_path: Path
) -> None:
    """No hubplan.sqlite at all: the summary, the checklist and the comments read PostgreSQL alike."""
    ws, travel, evaluations = consultation_workspace(tmp_path / "ws")
    assert ws.path is not None
    postgres = linguistic_database(postgres_server)
    fill_store(ws.path, postgres)
    assert not (ws.path / STORE_FILE).exists()

    analysis = analyse(ws, travel, evaluations, store_url=postgres)
    assert analysis.consultation is not None
    assert analysis.consultation.count == analysis.evidence.responses == 3
    assert analysis.to_dict()["checklist_inputs"]["responses"] == 3
    _, said = _considered(ws, analysis.evidence)
    assert said.startswith("3 responses are stored")
    assert "No responses" not in said
    assert analysis.comments["C2"][1] == "Please keep it, write to [e-mail]"
    assert not (ws.path / STORE_FILE).exists()  # nothing fell back to (or created) the SQLite file

    # Without the store named, the analysis reads only the workspace's (absent) SQLite store: nothing,
    # consistently, in every part.
    alone = analyse(ws, travel, evaluations)
    assert alone.consultation is None
    assert alone.evidence.responses == 0
    assert alone.comments == {}
    assert alone.fingerprint != analysis.fingerprint
    assert not (ws.path / STORE_FILE).exists()


def test_a_snapshot_is_taken_once_and_either_store_or_snapshot_is_named(tmp_path: Path) -> None:
    ws, travel, evaluations = consultation_workspace(tmp_path / "ws")
    empty = ConsultationSnapshot(themes=(ThemeRecord("t1", "Keep the centre open", "Kept it"),))
    analysis = analyse(ws, travel, evaluations, snapshot=empty)
    assert analysis.fingerprint == fingerprint(ws, evaluations, snapshot=empty)
    assert (analysis.evidence.responses, analysis.evidence.themes, analysis.evidence.themes_answered) == (
        0,
        1,
        1,
    )
    with pytest.raises(ValueError, match="not both"):
        analyse(ws, travel, evaluations, snapshot=empty, store_url="sqlite://")
    with pytest.raises(ValueError, match="not both"):
        consultation_snapshot(ws, store_url="sqlite://", engine=engine_for(tmp_path, None))
