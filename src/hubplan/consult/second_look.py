"""A second look at what the recognisers found: a learned model drops what is most likely harmless.

The recognisers (:mod:`hubplan.consult.recognisers`) are written to miss little, so they also take
harmless words that look like personal data: "Mark my words", a saint's name in a church's, a public
figure, a brand. Rules for each case did not carry from one test set to the next (each writer finds
new ones), so this module scores every finding with a logistic regression over the words in and
around it, their part of speech, the recogniser that found it and the kind, and drops a name or
workplace found only when the model gives it less than ``threshold`` chance of being personal data and
each of its words is a common English word or, in a name, a word of a British place's name that is
no one's name (:func:`may_drop`: "Mark my words" and "Leam Lane" may go, "Simbarashe." may not). On
the sets it was not trained on it spares about one damaged phrase in five (303 of 1,603) and loses
about one item in 600 (51 of 30,734; ``bench/results/second_look.md``, 105 sets).

The model is trained by ``bench/second_look.py`` on the labelled personal-data sets under
``tests/consult/data`` (a finding is personal when it overlaps a labelled item, harmless when it
overlaps only a phrase labelled ``keep``), and measured there set by set on sets it was not trained
on. Its weights are ``second_look.json`` beside this module; the bench rewrites them with
``--write-model`` after the recognisers change (a model trained on other recognisers' findings sees
findings unlike its own). Scoring is a dictionary look-up per feature: no scikit-learn at run time.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from hubplan.consult.redact import Found

MODEL_FILE = "second_look.json"
ASKED = frozenset({"PERSON", "WORKPLACE"})
"""The kinds of finding the model may drop (see :func:`may_drop`)."""


def span_features(doc: Doc, text: str, finding: Found) -> dict[str, float]:
    """Describe a finding for the model: its words, their tags and lists, the words around it, who found it.

    Parameters
    ----------
    doc
        spaCy's parse of ``text`` (the one Presidio made for the recognisers).
    text
        The comment.
    finding
        What a recogniser found: its offsets, Presidio entity and recogniser.

    Returns
    -------
    dict
        Feature name -> value (1.0 for a present indicator), as scikit-learn's ``DictVectorizer`` reads.
    """
    from hubplan.consult.name_lists import is_ambiguous_name, is_english_word, is_first_name

    start, end, source = finding.start, finding.end, finding.source
    tokens = [t for t in doc if t.idx < end and start < t.idx + len(t)]
    f: dict[str, float] = {"src=" + source: 1, "kind=" + finding.kind: 1}
    f["len=" + str(min(len(tokens), 5))] = 1
    for t in tokens:
        if t.is_alpha:  # what the word lists say of it: "Mark" a name and a word, "Simbarashe" a name
            known = (is_first_name(t.text), is_english_word(t.text), is_ambiguous_name(t.text))
            f["lex=" + "".join("1" if k else "0" for k in known)] = 1
        f["w=" + t.lower_] = 1
        f["pos=" + t.pos_] = 1
        f["ent=" + t.ent_type_] = 1
        f["sh=" + t.shape_[:4]] = 1
        f["src_w=" + source[:6] + t.lower_] = 1
    if tokens:
        first, last = tokens[0], tokens[-1]
        f["dep0=" + first.dep_] = 1
        f["head=" + last.head.lemma_.lower()] = 1
        if first.is_sent_start:
            f["sent_start"] = 1
        for k in (1, 2, 3):
            j = first.i - k
            f[f"w-{k}=" + (doc[j].lower_ if j >= 0 else "<>")] = 1
        if first.i > 0:
            f["p-1=" + doc[first.i - 1].pos_] = 1
        for k in (1, 2):
            j = last.i + k
            f[f"w+{k}=" + (doc[j].lower_ if j < len(doc) else "<>")] = 1
        if last.i + 1 < len(doc):
            f["p+1=" + doc[last.i + 1].pos_] = 1
    words = text[start:end]
    if words.islower():
        f["lower"] = 1
    if words.isupper():
        f["upper"] = 1
    return f


_NAME_FIELD_BEFORE = re.compile(r"(?i:(?:name|surname|forename)[\"']?[ \t]*[:=][ \t]*[\"']?[ \t]*)\Z")


# The writer saying where they work or are posted, just before the finding: "I work nights at", "we
# both work for", "a forces family posted to", "her dad is a chef in the Navy", "signed off from".
_I_WORK_AT = re.compile(
    r"(?i:(?:\b(?:i|we|i['’]m|im)[ \t]+(?:both[ \t]+)?(?:work|worked|working)\b(?:[ \t]+[a-z-]+){0,2}"
    r"[ \t]+(?:at|for)|\b(?:posted|stationed)[ \t]+(?:to|at|in)"
    # "signed off from Lotus", "laid off from Crown Chicken": the work is the writer's
    r"|\b(?:(?:signed|laid)[ \t]+off|made[ \t]+redundant|sacked|let[ \t]+go)[ \t]+(?:from|by|at)"
    r"|\b(?:is|am|was|'s|’s)[ \t]+(?:an?[ \t]+)?[a-z]+[ \t]+(?:in|at|for|with)"
    # someone who runs or owns the business: "Kerry runs the Feathers", "we own the Copper Kettle", "I
    # have run Happy Feet Soft Play", "I own and manage ...", "my business is ..."
    r"|(?-i:\b(?:[A-Z][a-z]+|I|[Ww]e|[Ss]he|[Hh]e|[Tt]hey))[ \t]+"
    r"(?:(?:have|has|had|['’]ve)[ \t]+run|runs|ran|run|owns|owned|own|manage|manages)"
    r"(?:[ \t]+and[ \t]+(?:run|runs|manage|manages))?"
    r"|\bmy[ \t]+(?:own[ \t]+)?(?:business|company|firm)[ \t]+is(?:[ \t]+called)?)"
    r"[ \t]+(?:the[ \t]+)?)\Z"
)


# A signature's role or name then a bar or comma, on the employer's own line: "Owner | ", "Practice
# Manager, ", "Claire Darby | ".
_A_SIGNERS_CELL = re.compile(
    r"(?m:^)[ \t]*[A-Z][^\n]{0,70}?[ \t]*\|[ \t]*\Z|(?m:^)[ \t]*[A-Z][\w -]{2,40},[ \t]*\Z"
)

_TITLE = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Cllr|Councillor)\.?[ \t]+"
_TITLED = re.compile(_TITLE + "[A-Z]")
# A councillor's title stays outside the finding ("Cllr [name]"): just before it.
_TITLE_BEFORE = re.compile(r"\b" + _TITLE + r"\Z")


def may_drop(text: str, finding: Found) -> bool:
    """Return whether the second look may drop a finding: a name or workplace of English or place words.

    A word no English word list holds ("Simbarashe", "Kẹ́hìndé"), or a first name that is no common word
    ("Marta", "Bradford"), that a recogniser took for a name is far more often a name than harmless,
    whatever the words around it; a model trained on a few thousand findings cannot be trusted to know
    every such name, so it is never asked (asked, set by set on sets it was not trained on, it left 129
    more items of 28,297 in, most of them names of the communities the lists serve worst; asked of places'
    words that are no first name nor surname, none). Digits and words of one letter count as neither.
    Schools, addresses, dates and numbers are never asked either: their recognisers damage little, and
    "Heartsease Academy" is a school of English words; nor is a business named in brackets after its trade
    ("a cafe (The Copper Kettle)": 14 of the 16 such findings on the labelled sets are someone's
    workplace), nor a form's name field ('"last_name": "smith"'), nor the employer the writer names after
    "I work (nights) at" ("the Amazon hub"), a posting ("posted to Kendrew Barracks"), a job ("a chef in
    the Navy") or a signature's role ("Owner | The Stone Jetty Pantry"), nor a name with a title ("Ms
    Hughes").

    Parameters
    ----------
    text
        The comment.
    finding
        What a recogniser found.

    Returns
    -------
    bool
        True for a name or workplace (``PERSON``, ``WORKPLACE``) when every word of two letters or
        more is an English word that is no first name, or a first name that is also a common word
        ("Mark", "Grace") or, in a name, a word of a British place's name that is no first name nor
        surname ("Leam Lane", "Silksworth"), and there is at least one such word.
    """
    from hubplan.consult.name_lists import is_ambiguous_name, is_english_word, is_first_name

    if finding.kind not in ASKED:
        return False
    if finding.kind == "WORKPLACE" and re.search(
        r"\([ \t]*\Z", text[max(0, finding.start - 3) : finding.start]
    ):
        return False  # a business named in brackets after its trade ("a cafe (The Copper Kettle)"): 14 of 16
    if _NAME_FIELD_BEFORE.search(text, max(0, finding.start - 30), finding.start):
        return False  # a form's '"last_name": "smith"': whatever the field holds is a name
    # "I work nights at the Amazon hub", "posted to Kendrew Barracks", "Owner | The Stone Jetty Pantry" (a
    # signature's employer after a role or name): whatever its words
    if finding.kind == "WORKPLACE" and (
        _I_WORK_AT.search(text, max(0, finding.start - 40), finding.start)
        or _A_SIGNERS_CELL.search(text, max(0, finding.start - 80), finding.start)
    ):
        return False
    if finding.kind == "PERSON" and (
        _TITLED.match(text, finding.start, finding.end)
        or _TITLE_BEFORE.search(text, max(0, finding.start - 14), finding.start)
    ):
        return False  # "Ms Hughes runs the group": a title makes a person ("Hughes" is in WordNet)
    words = re.findall(r"[^\W\d_]{2,}", text[finding.start : finding.end])
    # (a word of a British place's name may go too, in a name: a place taken for a person, "Leam Lane",
    # "Silksworth", is much of what the recognisers damage, and the model can tell)
    places = _place_words() if finding.kind == "PERSON" else frozenset()
    return bool(words) and all(
        is_ambiguous_name(w) or (is_english_word(w) and not is_first_name(w)) or w.lower() in places
        for w in words
    )


@functools.cache
def _place_words() -> frozenset[str]:
    """Return the words of British places' names that are no one's name, lower case.

    Words of towns and villages (GeoNames) and wards, less first names ("Lynn", "Brandon": "I spoke to
    Lynn at the desk"; "Bradford") and surnames (the 1990 US census list).
    """
    from hubplan.consult.name_lists import census_surnames, is_ambiguous_name, is_first_name
    from hubplan.consult.place_names import town_names
    from hubplan.data.places import ward_places

    words = {w for n in town_names() | ward_places() for w in n.replace("-", " ").split()}
    surnames = census_surnames()
    return frozenset(w for w in words if w not in surnames and (is_ambiguous_name(w) or not is_first_name(w)))


@dataclass(frozen=True)
class Model:
    """A logistic regression as plain numbers.

    Parameters
    ----------
    intercept
        The model's intercept (log-odds).
    weights
        Feature name -> weight (log-odds per unit); a feature not listed weighs 0.
    threshold
        A finding scored below this probability of being personal data is dropped.
    """

    intercept: float
    weights: dict[str, float]
    threshold: float

    def probability(self, features: dict[str, float]) -> float:
        """Return the modelled probability that a finding is personal data (0 to 1)."""
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def to_json(self, **about: Any) -> str:
        """Return the model as the JSON ``second_look.json`` holds (``about``: how it was trained)."""
        weights = {k: round(w, 4) for k, w in sorted(self.weights.items())}
        body = {"about": about, "intercept": round(self.intercept, 4), "threshold": self.threshold}
        return json.dumps({**body, "weights": weights}, indent=0, ensure_ascii=False) + "\n"


@functools.cache
def shipped_model() -> Model | None:
    """Return the model shipped beside this module, or ``None`` where there is none (nothing dropped)."""
    path = resources.files("hubplan.consult").joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    weights = {k: float(w) for k, w in raw["weights"].items()}
    return Model(float(raw["intercept"]), weights, float(raw["threshold"]))


def second_look(text: str, doc: Doc, found: Sequence[Found], model: Model | None = None) -> list[Found]:
    """Drop the findings the model scores as most likely harmless.

    Parameters
    ----------
    text
        The comment.
    doc
        spaCy's parse of ``text``.
    found
        What the recognisers found.
    model
        The model; default the shipped one (without it, every finding is kept).

    Returns
    -------
    list of Found
        The findings that :func:`may_drop` keeps from the model or that it scores at least its
        threshold, in their order.
    """
    model = model or shipped_model()
    if model is None:
        return list(found)
    # (a word the comment has used in someone's full name stays: "Our worker Sarah Cubitt ... Cubitt
    # visited")
    named = {
        w.lower()
        for f in found
        if f.kind == "PERSON" and len(words := re.findall(r"[^\W\d_]{2,}", text[f.start : f.end])) > 1
        for w in words
    }
    return [
        f
        for f in found
        if not may_drop(text, f)
        or text[f.start : f.end].lower() in named
        or model.probability(span_features(doc, text, f)) >= model.threshold
    ]
