"""The workspace as renderers print it, read once: names, positions, settings shown, the map's outlines.

Presentation takes an :class:`~hubplan.analysis.Analysis`; what it shows of the workspace itself (the
region's name, the areas' and sites' names and positions, the settings table, the outlines of
``boundaries.geojson``) travels in a :class:`RenderView`, built here from the workspace so that no
renderer opens a file or holds the :class:`~hubplan.data.workspace.Workspace`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from hubplan.data.boundaries import drawn_outlines, read_boundaries
from hubplan.data.workspace import Workspace
from hubplan.optimise.contiguity import project_km
from hubplan.outreach.need import BY_HOW_THEY_TRAVEL, WEIGHTING_WORDS


@dataclass(frozen=True, eq=False)
class MapLayers:
    """The workspace's outlines (``boundaries.geojson``) by layer, as GeoJSON features; empty without one.

    Parameters
    ----------
    area, district, place
        Neighbourhood outlines (``properties.id`` an area id), district outlines and named places
        (points with ``properties.name``), as the file has them (lots' contiguity reads these).
    drawn_area, drawn_district
        The same outlines simplified for the region's maps (:data:`MAP_WIDTH_PX` x
        :data:`MAP_HEIGHT_PX`), no point moved more than a quarter of a pixel
        (:func:`hubplan.data.boundaries.drawn_outlines`); maps draw these.
    tolerance_degrees
        The simplification's tolerance for the areas (degrees; 0: none).
    """

    area: tuple[dict[str, Any], ...] = ()
    district: tuple[dict[str, Any], ...] = ()
    place: tuple[dict[str, Any], ...] = ()
    drawn_area: tuple[dict[str, Any], ...] = ()
    drawn_district: tuple[dict[str, Any], ...] = ()
    tolerance_degrees: float = 0.0


def area_outlines_for_map(
    layers: MapLayers, ids: set[str], *, width_px: float, height_px: float
) -> list[dict[str, Any]]:
    """Return the outlines of the areas ``ids``, simplified for a map of just them at the given size.

    Parameters
    ----------
    layers
        The workspace's outlines.
    ids
        The areas drawn.
    width_px, height_px
        The map's size (pixels): the tolerance is a quarter of one of its pixels
        (:func:`hubplan.data.boundaries.drawn_outlines`).

    Returns
    -------
    list of dict
        GeoJSON features, in the file's order.
    """
    ours = [feature for feature in layers.area if feature["properties"].get("id") in ids]
    return list(drawn_outlines(ours, width_px=width_px, height_px=height_px)[0])


MAP_WIDTH_PX = 520
"""The width of the region's maps in the report (pixels)."""
MAP_HEIGHT_PX = 420
"""The height of the region's maps in the report (pixels)."""


def map_layers(layers: Mapping[str, Sequence[dict[str, Any]]]) -> MapLayers:
    """Return a workspace's outlines by layer, with the areas and districts simplified for its maps.

    Parameters
    ----------
    layers
        ``"area"``, ``"district"`` and ``"place"`` to GeoJSON features
        (:func:`hubplan.data.boundaries.read_boundaries`).

    Returns
    -------
    MapLayers
        The outlines as the file has them and as the maps draw them.
    """
    size = {"width_px": MAP_WIDTH_PX, "height_px": MAP_HEIGHT_PX}
    area = tuple(layers.get("area", []))
    district = tuple(layers.get("district", []))
    drawn_area, tolerance = drawn_outlines(area, **size)
    drawn_district, _ = drawn_outlines(district, **size)
    return MapLayers(
        area=area,
        district=district,
        place=tuple(layers.get("place", [])),
        drawn_area=drawn_area,
        drawn_district=drawn_district,
        tolerance_degrees=tolerance,
    )


@dataclass(frozen=True, eq=False)
class AreaFacts:
    """The areas as maps and tables show them, in the workspace's order.

    Parameters
    ----------
    ids, names, district
        Each area's id, name ('' where none) and district.
    lat, lon
        Positions (degrees).
    families
        Demand in each (children or families: ``people`` says).
    deprivation_decile
        1 = most deprived tenth; 0 where not given.
    people, noun
        What the demand counts, in one word and in words.
    """

    ids: tuple[str, ...]
    names: tuple[str, ...]
    district: tuple[str, ...]
    lat: np.ndarray
    lon: np.ndarray
    families: np.ndarray
    deprivation_decile: np.ndarray
    people: str
    noun: str

    def label(self, i: int) -> str:
        """Return area ``i``'s name, or its id where it has none."""
        return self.names[i] or self.ids[i]

    def __len__(self) -> int:
        """Return the number of areas."""
        return len(self.ids)


@dataclass(frozen=True, eq=False)
class SiteFacts:
    """The sites as maps and tables show them, in the workspace's order.

    Parameters
    ----------
    ids, names, district
        Each site's id, name and district.
    lat, lon
        Positions (degrees).
    area
        Each site's area: the position of the area nearest it (:func:`site_areas`).
    """

    ids: tuple[str, ...]
    names: tuple[str, ...]
    district: tuple[str, ...]
    lat: np.ndarray
    lon: np.ndarray
    area: np.ndarray
    index: Mapping[str, int] = field(default_factory=dict)

    def name_of(self, site: str) -> str:
        """Return a site's name (its id where it has none, or where it is not a site)."""
        j = self.index.get(site)
        return (self.names[j] or site) if j is not None else site

    def __len__(self) -> int:
        """Return the number of sites."""
        return len(self.ids)


@dataclass(frozen=True, eq=False)
class RenderView:
    """What renderers print of the workspace.

    Parameters
    ----------
    region
        The region's name ('' when not set: renderers say "The region").
    region_modelled
        What the region's data models rather than gives (``[region] modelled``).
    areas, sites
        Names and positions.
    layers
        The map's outlines, read once.
    access_minutes, access_mode
        What "has access" means (``[evaluation]``).
    car_minutes
        The access threshold by car (``[evaluation] car_access``).
    need_weighting
        How outreach need is weighted (``[outreach] need_weighting``).
    weighting_words
        Each weighting of need (a key as a plan records it) in words.
    need_measure_words
        How need measures "beyond reach", in words.
    settings
        Every setting as (dotted key, value), two tables deep, for the report's table of assumptions.
    scenario_titles
        Each scenario in the workspace's name to its title.
    baseline_bases
        The bases of the network today (empty with none).
    data_readme
        The workspace's ``README.md`` ('' without one).
    """

    region: str
    region_modelled: str
    areas: AreaFacts
    sites: SiteFacts
    layers: MapLayers
    access_minutes: float
    access_mode: str
    car_minutes: float
    need_weighting: str
    weighting_words: Mapping[str, str]
    need_measure_words: str
    settings: tuple[tuple[str, str], ...]
    scenario_titles: Mapping[str, str]
    baseline_bases: tuple[str, ...]
    data_readme: str

    @property
    def need_weighting_words(self) -> str:
        """The workspace's weighting of need, in words."""
        return self.weighting_words[self.need_weighting]

    def title_of(self, scenario: str) -> str:
        """Return a scenario's title (its name when the workspace has no such scenario)."""
        return self.scenario_titles.get(scenario, scenario)


def site_areas(workspace: Workspace, sites: np.ndarray | None = None) -> np.ndarray:
    """Return, for each site given, the position of the area nearest it: the one rule, in projected km.

    Distances are straight lines on the local flat projection of
    :func:`hubplan.optimise.contiguity.project_km` (within 0.5% of great-circle over a county), not
    raw degrees (a degree of longitude is shorter than one of latitude).

    Parameters
    ----------
    workspace
        The workspace.
    sites
        Site positions (int); all sites when ``None``.

    Returns
    -------
    numpy.ndarray
        int64 area positions, one per site given (-1 each when the workspace has no area).
    """
    chosen = np.arange(len(workspace.sites)) if sites is None else np.asarray(sites, dtype=np.int64)
    n = len(workspace.areas)
    if len(chosen) == 0 or n == 0:
        return np.full(len(chosen), -1, dtype=np.int64)
    both = project_km(
        np.concatenate([workspace.areas.lat, workspace.sites.lat[chosen]]),
        np.concatenate([workspace.areas.lon, workspace.sites.lon[chosen]]),
    )
    areas, points = both[:n], both[n:]
    out = np.empty(len(chosen), dtype=np.int64)
    for start in range(0, len(chosen), 512):  # bounded memory: 512 sites x n areas at a time
        d = np.linalg.norm(points[start : start + 512, None, :] - areas[None, :, :], axis=2)
        out[start : start + 512] = np.argmin(d, axis=1)
    return out


def _flatten(data: Mapping[str, Any], prefix: str = "", depth: int = 0) -> list[tuple[str, str]]:
    """Return settings as (dotted key, value) rows, two tables deep (``travel.walk.speed_kph``)."""
    out = []
    for key, value in data.items():
        if isinstance(value, dict) and depth < 2:
            out += _flatten(value, f"{prefix}{key}.", depth + 1)
        else:
            out.append((f"{prefix}{key}", str(value)))
    return out


def render_view(workspace: Workspace) -> RenderView:
    """Read what renderers print of a workspace, once (its ``boundaries.geojson`` and ``README.md``).

    Parameters
    ----------
    workspace
        The workspace.

    Returns
    -------
    RenderView
        Names, positions, settings shown and the map's outlines.
    """
    areas, sites = workspace.areas, workspace.sites
    layers = read_boundaries(workspace.path)
    settings = workspace.assumptions
    readme = workspace.path / "README.md" if workspace.path is not None else None
    return RenderView(
        region=settings.region.name,
        region_modelled=settings.region.modelled,
        areas=AreaFacts(
            ids=tuple(areas.ids),
            names=tuple(str(n) for n in areas.name),
            district=tuple(str(d) for d in areas.district),
            lat=np.asarray(areas.lat, dtype=np.float64),
            lon=np.asarray(areas.lon, dtype=np.float64),
            families=np.asarray(areas.families, dtype=np.float64),
            deprivation_decile=np.asarray(areas.deprivation_decile),
            people=areas.people,
            noun=areas.noun,
        ),
        sites=SiteFacts(
            ids=tuple(sites.ids),
            names=tuple(str(n) for n in sites.name),
            district=tuple(str(d) for d in sites.district),
            lat=np.asarray(sites.lat, dtype=np.float64),
            lon=np.asarray(sites.lon, dtype=np.float64),
            area=site_areas(workspace),
            index=dict(sites.index),
        ),
        layers=map_layers(layers),
        access_minutes=settings.evaluation.access,
        access_mode=settings.evaluation.access_mode,
        car_minutes=settings.evaluation.car_access,
        need_weighting=settings.outreach.need_weighting,
        weighting_words=dict(WEIGHTING_WORDS),
        need_measure_words=BY_HOW_THEY_TRAVEL,
        settings=tuple(_flatten(settings.model_dump())),
        scenario_titles={name: s.title for name, s in workspace.scenarios.items()},
        baseline_bases=tuple(workspace.baseline.bases) if workspace.baseline is not None else (),
        data_readme=readme.read_text(encoding="utf-8") if readme is not None and readme.is_file() else "",
    )
