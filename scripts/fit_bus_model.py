"""Fit hubplan's bus model on real timetable-routed public-transport minutes (the `train` LSOAs only).

    python scripts/fit_bus_model.py [--validation CSV] [--out table.md]

What it does, deterministically:

1. Reads ``../shared/data/validation/public_transport_minutes_r5r.csv`` (r5r journey times over the
   2024 timetables from 654 English LSOAs to 52 NHS sites, each LSOA marked ``train`` or ``test``)
   and each origin LSOA's columns from the England table (:func:`hubplan.data.england.lsoas`):
   Rural-Urban class, the IoD road distances to a GP, primary school, post office and shop, the
   geographical-barriers decile. Only pairs within 20 great-circle km are used: beyond that the
   table's 3-hour cut-off biases minutes short (its README).
2. Fits ``log minutes = log(fixed + per_km * km ** exponent) + terms`` by least squares
   (scipy.optimize.least_squares) on the *train* pairs, for a few candidate sets of terms, and
   scores each by 5-fold cross-validation over train LSOAs (folds seeded). The rule for choosing:
   rurality is always in (rural pairs are a minority here but most of a county like Norfolk, and
   the fit says rural trips are slower); a further term goes in only if it lowers the
   cross-validated median absolute error by at least half a point. No ``test`` pair is used to fit
   or choose anything.
3. Scores the chosen model, as hubplan computes it (:func:`hubplan.travel.estimate_minutes`, walking
   where quicker), on the held-out ``test`` pairs: by distance band and by rurality, the median
   absolute and signed error, and the share within 30, 45 and 60 minutes, real against model.
4. Measures the error the intervals draw: out-of-fold median absolute error on train by band.

``docs/bus_model.md`` carries the printed text; ``tests/travel/test_bus_model.py`` reruns it.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import least_squares

from hubplan.data.assumptions import BusModel, Travel
from hubplan.data.england import RURALITY_OF_RUC, lsoas
from hubplan.travel import estimate_minutes

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_VALIDATION = ROOT.parent / "shared" / "data" / "validation" / "public_transport_minutes_r5r.csv"
MAX_KM = 20.0
BANDS = ((0.0, 2.0), (2.0, 5.0), (5.0, 10.0), (10.0, 20.0))
CLASSES = ("urban", "rural_town", "rural_village")
THRESHOLDS = (30, 45, 60)
FOLDS = 5
SEED = 0
CHOICE_POINTS = 0.5
"""A term beyond rurality must lower the cross-validated median absolute error by this many points."""

CANDIDATES: dict[str, tuple[str, ...]] = {
    "distance only": (),
    "rurality": ("rural_town", "rural_village"),
    "rurality + IoD road km (log mean of 4)": ("rural_town", "rural_village", "log_iod_km"),
    "rurality + log km to a shop": ("rural_town", "rural_village", "log_km_shop"),
    "rurality + log km to a GP": ("rural_town", "rural_village", "log_km_gp"),
    "rurality + geographical barriers decile": ("rural_town", "rural_village", "geo_barriers_decile"),
}
CHOSEN_BASE = "rurality"


def band_name(lo: float, hi: float) -> str:
    """Return a band's name as settings key it: ``"0-2"``."""
    return f"{lo:g}-{hi:g}"


def load_pairs(path: Path = DEFAULT_VALIDATION) -> pd.DataFrame:
    """Return the validation pairs within 20 km with the origin LSOA's columns and model terms."""
    pairs = pd.read_csv(path, dtype={"ruc11_code": str})
    table = lsoas().drop(columns=["lad_code", "lad_name", "ruc11_code", "lat", "lon"])
    pairs = pairs.merge(table, on="lsoa11cd", how="left", validate="many_to_one")
    pairs = pairs[pairs["crow_km"] <= MAX_KM].reset_index(drop=True)
    origins = lsoas().set_index("lsoa11cd").loc[pairs["lsoa11cd"], ["lat", "lon"]].to_numpy()
    pairs["lat"], pairs["lon"] = origins[:, 0], origins[:, 1]
    pairs["rurality"] = pairs["ruc11_code"].map(RURALITY_OF_RUC)
    pairs["rural_town"] = (pairs["rurality"] == "rural_town").astype(float)
    pairs["rural_village"] = (pairs["rurality"] == "rural_village").astype(float)
    iod = pairs[["km_gp", "km_primary_school", "km_post_office", "km_shop"]].to_numpy(dtype=float)
    pairs["log_iod_km"] = np.log(iod).mean(axis=1)
    pairs["log_km_shop"] = np.log(pairs["km_shop"])
    pairs["log_km_gp"] = np.log(pairs["km_gp"])
    return pairs


@dataclass(frozen=True)
class Fit:
    """``log minutes = log(fixed + per_km * km ** exponent) + sum(coef * term)``."""

    fixed: float
    per_km: float
    exponent: float
    terms: tuple[str, ...]
    coefs: tuple[float, ...]

    def minutes(self, pairs: pd.DataFrame) -> np.ndarray:
        """Model minutes for the pairs (no walking)."""
        log = np.log(self.fixed + self.per_km * pairs["crow_km"].to_numpy() ** self.exponent)
        for term, coef in zip(self.terms, self.coefs, strict=True):
            log = log + coef * pairs[term].to_numpy(dtype=float)
        return np.asarray(np.exp(log))

    def bus_model(self) -> BusModel:
        """The settings for a rurality-only fit."""
        assert self.terms == CANDIDATES[CHOSEN_BASE]
        factor = dict(zip(self.terms, np.exp(self.coefs), strict=True))
        return BusModel(
            fixed_minutes=round(self.fixed, 2),
            minutes_per_km=round(self.per_km, 2),
            exponent=round(self.exponent, 3),
            rurality_factor={
                "urban": 1.0,
                "rural_town": round(float(factor["rural_town"]), 3),
                "rural_village": round(float(factor["rural_village"]), 3),
            },
        )


def fit(pairs: pd.DataFrame, terms: tuple[str, ...]) -> Fit:
    """Least squares on log minutes; ``fixed`` and ``per_km`` kept non-negative."""
    km = pairs["crow_km"].to_numpy()
    x = pairs[list(terms)].to_numpy(dtype=float) if terms else np.zeros((len(pairs), 0))
    y = np.log(pairs["minutes"].to_numpy(dtype=float))

    def residual(p: np.ndarray) -> np.ndarray:
        return np.asarray(np.log(p[0] + p[1] * km ** p[2]) + x @ p[3:] - y)

    start = np.r_[10.0, 10.0, 0.8, np.zeros(len(terms))]
    lower = np.r_[0.0, 1e-6, 0.05, np.full(len(terms), -np.inf)]
    upper = np.r_[np.inf, np.inf, 2.0, np.full(len(terms), np.inf)]
    p = least_squares(residual, start, bounds=(lower, upper)).x
    return Fit(float(p[0]), float(p[1]), float(p[2]), terms, tuple(float(c) for c in p[3:]))


def folds(pairs: pd.DataFrame) -> np.ndarray:
    """Each pair's cross-validation fold, by LSOA (seeded)."""
    codes = np.array(sorted(pairs["lsoa11cd"].unique()))
    fold = dict(zip(codes, np.random.default_rng(SEED).integers(0, FOLDS, len(codes)), strict=True))
    return pairs["lsoa11cd"].map(fold).to_numpy()


def out_of_fold(train: pd.DataFrame, terms: tuple[str, ...]) -> np.ndarray:
    """Each train pair's minutes from a fit made without its LSOA's fold."""
    fold = folds(train)
    predicted = np.empty(len(train))
    for k in range(FOLDS):
        held = fold == k
        predicted[held] = fit(train[~held], terms).minutes(train[held])
    return predicted


def errors(real: np.ndarray, model: np.ndarray) -> tuple[float, float]:
    """(median |relative error| %, median signed relative error %)."""
    rel = model / real - 1.0
    return float(100 * np.median(np.abs(rel))), float(100 * np.median(rel))


def choose(train: pd.DataFrame) -> tuple[str, list[tuple[str, float, float]]]:
    """Return the chosen candidate and (name, CV median |%|, CV median signed %) for each."""
    scores = [
        (name, *errors(train["minutes"].to_numpy(), out_of_fold(train, t))) for name, t in CANDIDATES.items()
    ]
    base = next(s for s in scores if s[0] == CHOSEN_BASE)
    better = [s for s in scores if len(CANDIDATES[s[0]]) > 2 and s[1] <= base[1] - CHOICE_POINTS]
    return (min(better, key=lambda s: s[1])[0] if better else CHOSEN_BASE), scores


def hubplan_minutes(pairs: pd.DataFrame, bus: BusModel) -> np.ndarray:
    """Bus minutes for each pair as hubplan estimates them (walking where quicker)."""
    travel = Travel(bus=bus)
    out = np.empty(len(pairs))
    for i, (lat, lon, slat, slon, r) in enumerate(
        pairs[["lat", "lon", "site_lat", "site_lon", "rurality"]].itertuples(index=False)
    ):
        out[i] = estimate_minutes(
            np.array([[lat, lon]]),
            np.array([[slat, slon]]),
            "bus",
            assumptions=travel,
            origin_rurality=np.array([r]),
        )[0, 0]
    return out


def band_of(km: np.ndarray) -> np.ndarray:
    """Each pair's band name."""
    names = np.array([band_name(lo, hi) for lo, hi in BANDS])
    edges = np.array([hi for _, hi in BANDS[:-1]])
    return np.asarray(names[np.searchsorted(edges, km, side="left")])


def test_rows(
    pairs: pd.DataFrame, model: np.ndarray
) -> list[tuple[str, int, float, float, float, float, list[float]]]:
    """(group, pairs, real median, model median, median |%|, median signed %, [real, model] share within each threshold)."""
    groups: list[tuple[str, np.ndarray]] = [("all within 20 km", np.ones(len(pairs), dtype=bool))]
    bands = band_of(pairs["crow_km"].to_numpy())
    groups += [(f"{band_name(lo, hi)} km", bands == band_name(lo, hi)) for lo, hi in BANDS]
    groups += [(cls, (pairs["rurality"] == cls).to_numpy()) for cls in CLASSES]
    real = pairs["minutes"].to_numpy(dtype=float)
    out = []
    for name, m in groups:
        med_abs, med_signed = errors(real[m], model[m])
        shares = []
        for t in THRESHOLDS:
            shares += [float(100 * np.mean(real[m] <= t)), float(100 * np.mean(model[m] <= t))]
        out.append(
            (
                name,
                int(m.sum()),
                float(np.median(real[m])),
                float(np.median(model[m])),
                med_abs,
                med_signed,
                shares,
            )
        )
    return out


def band_errors(train: pd.DataFrame, terms: tuple[str, ...]) -> dict[str, float]:
    """Out-of-fold median |relative error| on train by band (a fraction): what the intervals draw."""
    rel = np.abs(out_of_fold(train, terms) / train["minutes"].to_numpy() - 1.0)
    bands = band_of(train["crow_km"].to_numpy())
    return {
        band_name(lo, hi): round(float(np.median(rel[bands == band_name(lo, hi)])), 3) for lo, hi in BANDS
    }


def report(pairs: pd.DataFrame) -> str:
    """The text docs/bus_model.md carries."""
    train = pairs[pairs["split"] == "train"].reset_index(drop=True)
    test = pairs[pairs["split"] == "test"].reset_index(drop=True)
    chosen, scores = choose(train)
    model = fit(train, CANDIDATES[chosen])
    bus = model.bus_model()
    lines = [
        f"Pairs within {MAX_KM:g} km: train {len(train):,} ({train['lsoa11cd'].nunique()} LSOAs), "
        f"test {len(test):,} ({test['lsoa11cd'].nunique()} LSOAs)",
        f"Candidates, {FOLDS}-fold cross-validated over train LSOAs (seed {SEED}): median |error| %, median signed %",
    ]
    lines += [f"  {name}: {a:.1f}, {s:+.1f}" for name, a, s in scores]
    lines += [
        f"Chosen: {chosen}",
        f"Fit: minutes = ({bus.fixed_minutes:.2f} + {bus.minutes_per_km:.2f} x km ^ {bus.exponent:.3f}) x "
        f"rurality factor (urban 1, rural_town {bus.rurality_factor['rural_town']:.3f}, "
        f"rural_village {bus.rurality_factor['rural_village']:.3f}); walking where quicker",
        "Error drawn in the intervals (out-of-fold median |error| on train by band): "
        + ", ".join(f"{k} km {v:.3f}" for k, v in band_errors(train, CANDIDATES[chosen]).items()),
        "",
        "| test pairs | pairs | real median min | model median min | median abs error % | median signed error % "
        "| within 30 real / model % | within 45 real / model % | within 60 real / model % |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, n, real_med, model_med, med_abs, med_signed, shares in test_rows(
        test, hubplan_minutes(test, bus)
    ):
        within = " | ".join(f"{shares[2 * i]:.1f} / {shares[2 * i + 1]:.1f}" for i in range(len(THRESHOLDS)))
        lines.append(
            f"| {name} | {n:,} | {real_med:.1f} | {model_med:.1f} | {med_abs:.1f} | {med_signed:+.1f} | {within} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    """Print (and with ``--out`` write) the fit and its held-out table."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--validation", type=Path, default=DEFAULT_VALIDATION)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    text = report(load_pairs(args.validation))
    print(text, end="")
    if args.out:
        args.out.write_text(text)


if __name__ == "__main__":
    main()
