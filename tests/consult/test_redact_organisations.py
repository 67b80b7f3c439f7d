"""Issue 26 item 7, finish: organisations are no persons, brand sites, slashed references, unknown names.

The examples here are written apart from the labelled sets; the held-out sets 3, 4 and 5
(tests/consult/data/pii_heldout{3,4,5}.jsonl) were written before the code they measure and never
tuned on (see bench/results/redaction.md for what each was measured at first).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from hubplan.consult.name_lists import is_english_word, is_unknown_word, organisation_spans
from hubplan.consult.quotes import might_hold_a_name
from hubplan.consult.redact import find_personal_data, redact, redact_all
from tests.consult.spans import removed, touched

DATA = Path(__file__).parent / "data"


def _rows(name: str) -> list[dict]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i was helped by Home-Start when", ["Home-Start"]),
        ("homestart and citizens advice bureau", ["homestart", "citizens advice bureau"]),
        ("i volunteer with Mind and the Samaritans", ["Mind", "Samaritans"]),
        ("never mind the weather", []),  # an English word counts only capitalised
        ("Save the Children did a stall", ["Save the Children"]),
        ("the Sunshine Children's Centre is far", ["Children's Centre"]),  # "Sunshine" is a first name
        ("Kerry's Group meets on mondays", []),  # a name in the possessive stays a name
        ("Dr Patel's Surgery", []),  # a title and its surname stay a name
        ("I work at Lloyds Bank", []),  # a high-street bank is an employer
        ("the Norwich Baby Bank collects", ["Norwich Baby Bank"]),
    ],
)
def test_organisation_spans(text: str, expected: list[str]) -> None:
    """Gazetteer names in any spacing, and Title-Case phrases ending in an organisation word."""
    found = [text[s:e] for s, e in organisation_spans(text)]
    assert [f for f in found if not any(f != g and f in g for g in found)] == expected


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("ring Citizens Advice before you sign", "Citizens Advice"),  # after "ring": a name slot
        ("thanks to Family Action we kept the flat", "Family Action"),
        ("i work for Together for Children now", "Together for Children"),  # after a work verb
        ("she volunteers at the Diss Food Bank", "Diss Food Bank"),
        ("we love Tiny Talk and Messy Play", "Tiny Talk"),
        ("contact Shelter if you are evicted", "Shelter"),
        ("my support worker from Homestart", "Homestart"),
    ],
)
def test_organisation_names_are_neither_names_nor_employers(text: str, phrase: str) -> None:
    assert not touched(text, phrase), (text, find_personal_data(text))


@pytest.mark.parametrize(
    ("text", "phrase", "name"),
    [
        ("Our Tilly arrived on Boxing Day 2021 so the centre was shut", "Boxing Day", "Tilly"),
        ("Father Christmas came to the stay and play and Aarav was terrified", "Father Christmas", "Aarav"),
        ("we did Diwali crafts there with Mrs Kaur", "Diwali", "Kaur"),
        ("thanks to Bookstart, Oskar has twenty books", "Bookstart", "Oskar"),
        ("my mum Wendy came for Pancake Day", "Pancake Day", "Wendy"),
    ],
)
def test_named_days_and_national_programmes_are_kept_and_names_beside_them_removed(
    text: str, phrase: str, name: str
) -> None:
    """A festival, a named day or a national programme is no person; the child beside it still is."""
    assert not touched(text, phrase), (text, find_personal_data(text))
    assert removed(text, name), (text, find_personal_data(text))


def test_a_name_beside_an_organisation_is_still_removed() -> None:
    """ "Bethan" (a volunteer of Home-Start), "Sarah" and "Kerry" are names; the organisations stay."""
    assert redact("the Home-Start volunteer Bethan came every week") == (
        "the Home-Start volunteer [name] came every week"
    )
    assert removed("thanks to Action for Children and Sarah", "Sarah")
    text = "ask for Kerry at the Swaffham Baby Bank"
    assert removed(text, "Kerry")
    assert not touched(text, "Swaffham Baby Bank")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("my partner drives for the Hovis depot near Wisbech and does nights", "Hovis depot near Wisbech"),
        ("I used to work in the Lotus offices", "Lotus offices"),
        ("on nights at the Tesco superstore on Hall Road", "Tesco superstore on Hall Road"),
        ("she packs at the Boots warehouse", "Boots warehouse"),
    ],
)
def test_brand_sites_after_a_job_word_are_workplaces(text: str, value: str) -> None:
    assert removed(text, value), (text, find_personal_data(text))


def test_a_brand_site_with_no_job_word_is_a_place() -> None:
    """ "we walk past the Amazon warehouse" says where, not who employs the respondent."""
    assert not touched("we walk past the Amazon warehouse near the park", "Amazon warehouse")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("foster carer FC/1182/D here", "FC/1182/D"),  # two separators: a reference anywhere
        ("our ref is KB-3391-Q", "KB-3391-Q"),
        ("housing reference HB/90210", "HB/90210"),  # one separator: after "reference"
        ("case no. MASH-2023-1187", "MASH-2023-1187"),
    ],
)
def test_references_with_slashes_or_dashes_are_removed(text: str, value: str) -> None:
    assert removed(text, value), (text, find_personal_data(text))


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("sessions run 10am-2pm on a number of days", "10am-2pm"),  # a time range after "number"
        ("since covid-19 the groups are smaller", "covid-19"),  # one separator, no reference word
        ("open 24/7 for emergencies", "24/7"),
    ],
)
def test_times_ranges_and_ordinary_tokens_are_not_references(text: str, phrase: str) -> None:
    assert not touched(text, phrase), (text, find_personal_data(text))


@pytest.mark.parametrize(
    ("word", "english"),
    [
        ("loves", True),
        ("directions", True),
        ("happier", True),
        ("dont", True),
        ("the", True),
        ("tyrese", False),
        ("kemi", False),
        ("oskar", False),
    ],
)
def test_is_english_word_uses_wordnet_and_its_inflections(word: str, english: bool) -> None:
    assert is_english_word(word) is english
    assert is_unknown_word(word) is (not english and len(word) > 2)


def test_a_drawn_out_word_is_no_name() -> None:
    assert not is_unknown_word("sooo")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("my son tyrese loves the sand pit", "tyrese"),  # a name slot, no list
        ("ask for kaydence at the desk", "kaydence"),
        ("her name is shaniqua and she is lovely", "shaniqua"),
        ("my girls ivie and kemi love it", "kemi"),  # the one paired with it
        ("keep it open please. love kez xxx", "kez"),  # a sign-off
        ("my fella Dale loves it", "Dale"),  # a partner word before a word-name
        ("tell zainab i said hi", "zainab"),  # after a verb addressed to a person
        ("speak to kerry on reception", "kerry"),
    ],
)
def test_lower_case_names_in_a_name_slot_are_removed(text: str, value: str) -> None:
    assert removed(text, value), (text, find_personal_data(text))


@pytest.mark.parametrize(
    "text",
    [
        "my son absolutely loves it",
        "ask for help at the desk",
        "im sooo tired",
        "we love it. brill",
        "ring reception or call an ambulance",
        "tell them and text mum",
    ],
)
def test_english_words_in_a_name_slot_survive(text: str) -> None:
    assert redact(text) == text


def test_a_lower_case_name_spreads_across_comments() -> None:
    """ "tyrese" named in one comment is removed where it stands alone in another, any case."""
    out = redact_all(["my son tyrese loves it", "Tyrese cried when it shut", "tyrese again"])
    assert out == ["my son [name] loves it", "[name] cried when it shut", "[name] again"]


def test_a_quote_naming_an_organisation_may_be_published() -> None:
    assert not might_hold_a_name("we were helped by Home-Start and Action for Children")
    assert might_hold_a_name("we were helped by Zorblax and Action for Children")


def _score(name: str) -> tuple[int, int, Counter[str], Counter[str], int, int]:
    planted: Counter[str] = Counter()
    removed: Counter[str] = Counter()
    harmless = damaged = 0
    for row in _rows(name):
        text = row["text"]
        covered = {i for f in find_personal_data(text) for i in range(f.start, f.end)}
        for span in row["spans"]:
            assert text[span["start"] : span["end"]] == span["value"]
            if span["kind"] == "keep":
                harmless += 1
                damaged += bool(covered & set(range(span["start"], span["end"])))
                continue
            planted[span["kind"]] += 1
            chars = [i for i in range(span["start"], span["end"]) if text[i].isalnum()]
            removed[span["kind"]] += all(i in covered for i in chars)
    return sum(removed.values()), sum(planted.values()), planted, removed, damaged, harmless


@pytest.mark.parametrize("name", ["pii_heldout3.jsonl", "pii_heldout4.jsonl", "pii_heldout5.jsonl"])
def test_the_new_held_out_sets_meet_the_issues_targets(name: str) -> None:
    """>= 90% removed, >= 85% of names, <= 5% of harmless phrases damaged (issue 26's targets)."""
    removed, planted, per_kind, removed_kind, damaged, harmless = _score(name)
    assert planted >= 13
    assert harmless >= 15
    assert removed / planted >= 0.90, (removed, planted, removed_kind, per_kind)
    assert removed_kind["name"] / per_kind["name"] >= 0.85
    assert damaged / harmless <= 0.05, (damaged, harmless)


def test_held_out_3_is_as_large_as_the_brief_asks() -> None:
    rows = _rows("pii_heldout3.jsonl")
    assert len(rows) >= 50
    assert sum(s["kind"] == "keep" for r in rows for s in r["spans"]) >= 15


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("he works at the tyre place on the ring road so he can't come", "the tyre place on the ring road"),
        (
            "I do lates at the sugar beet factory near Cantley, and my mum helps",
            "the sugar beet factory near Cantley",
        ),
        (
            "I work from home for the building society on Prince of Wales Road.",
            "the building society on Prince of Wales Road",
        ),
        (
            "She's a healthcare assistant on Gateley ward at the Norfolk and Norwich",
            "Gateley ward at the Norfolk and Norwich",
        ),
        ("my brother and I run the Star Fish Bar in Cromer, open every night", "the Star Fish Bar in Cromer"),
        (
            "my uncle runs the Jade Garden restaurant on Lynn Road so evenings are out",
            "the Jade Garden restaurant on Lynn Road",
        ),
    ],
)
def test_workplaces_described_rather_than_named_are_removed(text: str, value: str) -> None:
    """A workplace said loosely after a phrase about work, a ward at a hospital, a family's own business."""
    assert removed(text, value), (text, find_personal_data(text))


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("I work at the centre on Tuesdays as a volunteer", "the centre on Tuesdays"),
        ("we have the Wymondham centre nearby, thank goodness", "the Wymondham centre"),
        ("my husband has the Market Street surgery appointments on Monday", "Market Street surgery"),
        ("I work in the city centre so it is easy", "the city centre"),
    ],
)
def test_services_and_places_near_a_work_phrase_stay(text: str, phrase: str) -> None:
    assert not touched(text, phrase), (text, find_personal_data(text))
