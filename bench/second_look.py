"""Train the redaction's second look and measure it, set by set, on sets it was not trained on.

The second look (:mod:`hubplan.consult.second_look`) drops findings of English words that a logistic
regression scores as most likely harmless. For each labelled set of 60 responses or more (but the first labelled set, which
the recognisers were written against), a model is trained on every other set and applied to this one:
recall of the planted personal data and damage to the harmless phrases are counted before and after it,
at several thresholds. This is the measure of how it generalises; ``bench/redaction.py`` then measures
the shipped model within the whole redaction, and a blind set written after it is the real test.

A finding is personal when it overlaps a labelled item, harmless when it overlaps only a ``keep``
phrase; findings overlapping neither are not trained on. An item counts as removed when every letter
and digit of it is inside a finding kept (as in ``bench/redaction.py``), a harmless phrase as damaged
when a kept finding touches it.

With ``--write-model``, a model trained on every set is written to
``src/hubplan/consult/second_look.json`` with ``--threshold``. Rerun it after the recognisers change.

Usage: python bench/second_look.py [--threshold 0.8] [--write-model] [--results PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from hubplan.consult.redact import recognised
from hubplan.consult.second_look import MODEL_FILE, Model, may_drop, span_features
from redaction import DATA, KINDS  # the labelled sets and their kinds, as bench/redaction.py reads them

MODEL_PATH = Path(__file__).parent.parent / "src" / "hubplan" / "consult" / MODEL_FILE
RESULTS = Path(__file__).parent / "results" / "second_look.md"
PERSONAL = frozenset(KINDS)  # every kind of personal item the labelled sets plant
THRESHOLDS = (0.5, 0.6, 0.7, 0.8)
C = 1.0  # the regression's inverse regularisation (scikit-learn's default)
SMALLEST = 0.01  # log-odds


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in spans)


def read_set(path: Path) -> list[dict[str, Any]]:
    """Return each response of a labelled set with its findings and their features and labels."""
    rows = []
    for line in path.open(encoding="utf-8"):
        row = json.loads(line)
        text = row["text"]
        found, doc = recognised(text)
        personal = [(s["start"], s["end"]) for s in row["spans"] if s["kind"] in PERSONAL]
        keep = [(s["start"], s["end"]) for s in row["spans"] if s["kind"] == "keep"]
        findings = []
        for f in found:
            label = 1 if _overlaps(personal, f.start, f.end) else 0 if _overlaps(keep, f.start, f.end) else -1
            feats = span_features(doc, text, f)
            findings.append((f.start, f.end, feats, label, may_drop(text, f)))
        rows.append({"text": text, "spans": row["spans"], "findings": findings})
    return rows


def fit(rows: list[dict[str, Any]]) -> Model:
    """Fit the logistic regression on the labelled findings of ``rows`` (threshold left at 0.5)."""
    items = [(feats, label) for r in rows for _, _, feats, label, _ in r["findings"] if label >= 0]
    vec = DictVectorizer()
    x = vec.fit_transform([feats for feats, _ in items])
    y = np.array([label for _, label in items])
    clf = LogisticRegression(C=C, max_iter=5000).fit(x, y)
    weights = zip(vec.get_feature_names_out(), clf.coef_[0].tolist(), strict=True)
    # Weights under SMALLEST are left out of the model (half the features, ~0.01 of log-odds each).
    return Model(float(clf.intercept_[0]), {k: w for k, w in weights if abs(w) >= SMALLEST}, 0.5)


def score(rows: list[dict[str, Any]], model: Model | None, threshold: float) -> tuple[int, int, int, int]:
    """Return (planted, removed, harmless, damaged) with findings below ``threshold`` dropped."""
    planted = removed = harmless = damaged = 0
    for r in rows:
        text = r["text"]
        kept = [
            (a, b)
            for a, b, feats, _, droppable in r["findings"]
            if model is None or not droppable or model.probability(feats) >= threshold
        ]
        for s in r["spans"]:
            if s["kind"] in PERSONAL:
                letters = [i for i in range(s["start"], s["end"]) if text[i].isalnum()]
                planted += 1
                removed += all(any(a <= i < b for a, b in kept) for i in letters)
            elif s["kind"] == "keep":
                harmless += 1
                damaged += _overlaps(kept, s["start"], s["end"])
    return planted, removed, harmless, damaged


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.2f}%" if b else "-"


def main() -> None:
    """Measure leave-one-set-out, print and write the table, and write the model when asked."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=0.8)
    parser.add_argument("--write-model", action="store_true")
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args()
    started = time.perf_counter()
    sets = {p.stem.removeprefix("pii_"): read_set(p) for p in sorted(DATA.glob("pii_*.jsonl"))}
    measured = [n for n, rows in sets.items() if len(rows) >= 60 and n != "labelled"]
    header = ["set", "before: removed", "damaged", *(f"at {t:g}: removed / damaged" for t in THRESHOLDS)]
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    totals = np.zeros((1 + len(THRESHOLDS), 4), dtype=int)
    for name in measured:
        model = fit([r for other, rows in sets.items() if other != name for r in rows])
        before = score(sets[name], None, 0.0)
        after = [score(sets[name], model, t) for t in THRESHOLDS]
        totals += np.array([before, *after])
        cells = [f"{a[1]} / {a[0]}, {a[3]} / {a[2]}" for a in after]
        lines.append(
            f"| {name} | {before[1]} / {before[0]} | {before[3]} / {before[2]} | " + " | ".join(cells) + " |"
        )
        print(lines[-1], flush=True)
    total = [f"{t[1]} ({_pct(t[1], t[0])}), {t[3]} ({_pct(t[3], t[2])})" for t in totals[1:]]
    b = totals[0]
    lines.append(f"| all | {_pct(b[1], b[0])} ({b[1]} / {b[0]}) | {_pct(b[3], b[2])} ({b[3]} / {b[2]}) | "
                 + " | ".join(total) + " |")  # fmt: skip
    seconds = time.perf_counter() - started
    text = "\n".join(
        [
            "# The redaction's second look, measured on sets it was not trained on",
            "",
            f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores; "
            f"`python bench/second_look.py`; {seconds:.0f} s.",
            "Each row: a model trained on every other set, applied to this set. 'removed': planted items "
            "wholly inside a kept finding; 'damaged': harmless phrases a kept finding touches.",
            "",
            *lines,
            "",
        ]
    )
    print(text)
    args.results.write_text(text, encoding="utf-8")
    if args.write_model:
        model = fit([r for rows in sets.values() for r in rows])
        about = {
            "trained_on": sorted(sets),
            "by": "bench/second_look.py --write-model",
            "regularisation_C": C,
            "findings": sum(1 for rows in sets.values() for r in rows for f in r["findings"] if f[3] >= 0),
        }
        shipped = Model(model.intercept, model.weights, args.threshold)
        MODEL_PATH.write_text(shipped.to_json(**about), encoding="utf-8")
        print(f"wrote {MODEL_PATH} ({len(shipped.weights):,} weights, threshold {args.threshold:g})")


if __name__ == "__main__":
    main()
