"""A centre's quotes: its first distinct comments are the candidates; only they are read in a large one.

Thirty responses name centre S1, each with its own comment; a made-up name stands in the first with
no clue and in the 21st with one ("my son Zyrelle").
With every comment redacted together (a consultation of up to WORDS_SAMPLE comments) that name is
removed wherever it appears, so the candidate "Zyrelle loves the group." loses it too. Above the sample
size only the 12 candidates are read, and the first quote keeps the name: the price of a large
consultation (a rule refusing quotes that start with no English word was tried: over the 32 labelled
sets it caught 1 more name and refused 430 greetings, contractions and brand names, so it was dropped).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import hubplan.analysis.consultation as consultation
from hubplan.consult.snapshot import ConsultationSnapshot
from hubplan.consult.store import Response
from hubplan.data import load_workspace
from tests.helpers import redactions_read, write_workspace

COMMENTS = [f"Comment number {i} about the centre." for i in range(30)]
COMMENTS[0] = "Zyrelle loves the group."  # a made-up name no list knows
COMMENTS[5] = COMMENTS[4]  # a repeat: the candidates are the first 12 *distinct* comments
COMMENTS[20] = "We need it, my son Zyrelle goes every week."


def _snapshot() -> ConsultationSnapshot:
    responses = tuple(
        Response(f"R{i}", "2025-01-05", "parent", "", "S1", "", c) for i, c in enumerate(COMMENTS)
    )
    return ConsultationSnapshot(responses=responses, centres=(("S1",),) * len(COMMENTS))


def _read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sample: int) -> tuple[list[str], tuple[str, ...]]:
    monkeypatch.setattr(consultation, "WORDS_SAMPLE", sample)
    read = redactions_read(monkeypatch, consultation)
    workspace = load_workspace(write_workspace(tmp_path / "ws"))
    (voices,) = consultation._centres(workspace, _snapshot(), [("oppose", "closed question")] * len(COMMENTS))
    return read, voices.quotes


def test_a_small_consultation_redacts_every_comment_together(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    read, quotes = _read(monkeypatch, tmp_path, sample=2000)
    assert read == COMMENTS
    assert quotes[0] == "[name] loves the group."


def test_a_large_consultation_reads_only_each_centres_candidates(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    read, quotes = _read(monkeypatch, tmp_path, sample=10)
    assert quotes[0] == "Zyrelle loves the group."
    assert read == [c for i, c in enumerate(COMMENTS[:13]) if i != 5]  # 12 distinct, the repeat skipped
