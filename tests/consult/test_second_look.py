"""The redaction's second look: its arithmetic against scikit-learn's, and what it may never drop."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from hubplan.consult.redact import Found, recognised
from hubplan.consult.second_look import Model, may_drop, second_look, shipped_model

DATA = Path(__file__).parent / "data"


def test_a_probability_is_scikit_learns_for_the_same_weights() -> None:
    sklearn = pytest.importorskip("sklearn.linear_model")
    vectorizer = pytest.importorskip("sklearn.feature_extraction").DictVectorizer()
    rows = [{"w=mark": 1, "w+1=my": 1}, {"w=mark": 1, "w+1=said": 1}, {"w=tesco": 1}, {"w=amina": 1},
            {"w=amina": 1, "w+1=said": 1}, {"w=tesco": 1, "w+1=my": 1}]  # fmt: skip
    labels = [0, 1, 0, 1, 1, 0]
    x = vectorizer.fit_transform(rows)
    clf = sklearn.LogisticRegression().fit(x, labels)
    weights = dict(zip(vectorizer.get_feature_names_out(), clf.coef_[0], strict=True))
    model = Model(float(clf.intercept_[0]), weights, 0.5)
    query = {"w=mark": 1.0, "w+1=said": 1.0, "w=unseen": 1.0}  # a feature never trained on weighs 0
    expected = clf.predict_proba(vectorizer.transform([query]))[0, 1]
    assert model.probability(query) == pytest.approx(expected, rel=1e-12)


def test_a_probability_by_hand() -> None:
    model = Model(-1.0, {"a": 2.0, "b": -0.5}, 0.5)
    assert model.probability({"a": 1, "b": 1}) == pytest.approx(1 / (1 + math.exp(-0.5)))
    assert model.probability({}) == pytest.approx(1 / (1 + math.e))


@pytest.mark.parametrize(
    ("text", "droppable"),
    [
        ("Mark my words", True),  # a first name that is a common word
        ("Tesco", True),  # an English word (WordNet lists it) and no first name
        ("Simbarashe", False),  # in no English word list
        ("Marta", False),  # a first name and no common word
        ("Bradford", False),  # a city, but also a first name
        ("Leam Lane", True),  # a place's words, no first name nor surname
        ("George Green", False),  # a ward's, but a first name
        ("Simbarashe Hill", False),  # a place's last word after a name no list holds
        ("Ms Hughes", False),  # a title makes a person, though "Hughes" is in WordNet
        ("Kẹ́hìndé", False),
        ("12 34", False),  # no words to judge
    ],
)
def test_only_english_words_may_be_dropped(text: str, droppable: bool) -> None:
    assert may_drop(text, Found(0, len(text), "PERSON")) is droppable


def test_a_places_words_may_be_dropped_from_a_name_only() -> None:
    text = "Leam Lane"
    assert not may_drop(text, Found(0, len(text), "WORKPLACE"))


def test_schools_addresses_and_numbers_are_never_asked() -> None:
    text = "Heartsease Academy"
    assert may_drop(text, Found(0, len(text), "WORKPLACE"))
    assert not may_drop(text, Found(0, len(text), "SCHOOL"))
    assert not may_drop("Church Lane", Found(0, 11, "UK_ADDRESS"))


def test_a_model_that_would_drop_every_name_still_cannot_drop_one_no_word_list_holds() -> None:
    text = "Simbarashe said Tesco was closing."
    found, doc = recognised(text)
    names = [text[f.start : f.end] for f in found]
    assert "Simbarashe" in names
    planted = [
        *found,
        Found(text.index("Tesco"), text.index("Tesco") + 5, "WORKPLACE", "WorkplaceRecogniser"),
    ]
    drop_all = Model(-100.0, {}, 0.5)
    kept = [text[f.start : f.end] for f in second_look(text, doc, planted, drop_all)]
    assert "Simbarashe" in kept
    assert "Tesco" not in kept


def test_the_shipped_model_was_trained_on_every_labelled_set() -> None:
    """Retrain with ``python bench/second_look.py --write-model`` when a set is added."""
    model = shipped_model()
    assert model is not None
    assert 0 < model.threshold < 1
    shipped = Path(__file__).parents[2] / "src" / "hubplan" / "consult" / "second_look.json"
    about = json.loads(shipped.read_text(encoding="utf-8"))["about"]
    assert about["trained_on"] == sorted(p.stem.removeprefix("pii_") for p in DATA.glob("pii_*.jsonl"))
    assert np.isfinite(model.intercept)
