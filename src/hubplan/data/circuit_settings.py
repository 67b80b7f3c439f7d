"""The ``[circuits]`` table of ``hubplan.toml``: a mobile outreach vehicle's working day and costs."""

from __future__ import annotations

from pydantic import Field, model_validator

from hubplan.data.money import MAX_MONEY_PER_YEAR
from hubplan.data.settings_base import MAX_MINUTES, Frozen

MAX_CYCLE_DAYS = 366
"""The longest cycle of rounds, in working days (a year): rounds that come round less than once a year
are no timetable, and each day is one more route per vehicle for the solver (``--days 100000`` ran
for minutes without an answer). One limit for ``[circuits] cycle_days`` and ``circuits --days``."""

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
"""The days of the week as settings and stop tables write them (also full names, any case)."""


def _clock_minutes(value: str) -> int:
    hours, _, minutes = value.partition(":")
    if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
        msg = f"a time of day written HH:MM (found {value!r})"
        raise ValueError(msg)
    total = int(hours) * 60 + int(minutes)
    if int(minutes) >= 60 or total > 24 * 60:
        msg = f"a time of day from 00:00 to 24:00 (found {value!r})"
        raise ValueError(msg)
    return total


class CircuitSettings(Frozen):
    """The working day of a mobile outreach vehicle (``hubplan circuits``).

    Defaults follow a council van's day: out from 09:00, back by 17:00, a 30-minute break, at most
    8 hours from leaving the depot to returning, Monday to Friday; speeds are the ``[travel.car]``
    table's.
    """

    day_start: str = Field(default="09:00", description="When a vehicle may leave its depot (HH:MM).")
    day_end: str = Field(default="17:00", description="When a vehicle must be back at its depot (HH:MM).")
    break_minutes: float = Field(
        default=30.0, ge=0, le=MAX_MINUTES, description="Minutes of break in each working day (0: none)."
    )
    break_earliest: str = Field(default="11:30", description="The earliest a break may start (HH:MM).")
    break_latest: str = Field(default="14:00", description="The latest a break may start (HH:MM).")
    max_day_minutes: float = Field(
        default=480.0,
        gt=0,
        le=MAX_MINUTES,
        description="Most minutes from leaving the depot to returning, break included (at most a day).",
    )
    working_days: tuple[str, ...] = Field(
        default=("Mon", "Tue", "Wed", "Thu", "Fri"),
        description="The weekdays vehicles work; day 1 of a cycle is the first of them.",
    )
    route_day_cost_minutes: float = Field(
        default=120.0,
        ge=0,
        le=MAX_MINUTES,
        description="Driving minutes worth saving to avoid one more route-day (vehicle out on a day).",
    )
    vehicles_per_base: int = Field(
        default=1, ge=0, description="Vehicles at each base when rounds are planned from a scenario."
    )
    stop_minutes: float = Field(
        default=30.0,
        gt=0,
        le=MAX_MINUTES,
        description="Minutes at a stop proposed for a scenario, before its families.",
    )
    stop_minutes_per_family: float = Field(
        default=1.0,
        ge=0,
        le=MAX_MINUTES,
        description="Extra minutes at a proposed stop for each family beyond reach there.",
    )
    stop_max_minutes: float = Field(
        default=120.0, gt=0, le=MAX_MINUTES, description="The longest call at a proposed stop (minutes)."
    )
    # What rounds cost: a modelled estimate, labelled so wherever it is shown. A fitted van with a
    # play area costs about £45k new; over 5 years that is £9k a year, plus insurance (about £2k),
    # and tax, servicing, tyres and repairs (about £4k): £15k. A full mobile library (£150k+ over
    # 10 years) costs more; set your own figure.
    vehicle_cost_per_year: float = Field(
        default=15_000.0,
        ge=0,
        le=MAX_MONEY_PER_YEAR,
        description="£ a year per vehicle used: lease or depreciation, insurance, tax, servicing "
        "(modelled: a fitted van, £45k over 5 years plus £6k a year of insurance and upkeep).",
    )
    staff_per_vehicle: int = Field(
        default=2,
        ge=1,
        le=20,
        description="Staff on each vehicle's day (a driver and a family worker), paid at "
        "[costs] staff_hourly_cost from leaving the depot to returning, break included.",
    )
    cost_per_km: float = Field(
        default=0.25,
        ge=0,
        le=100,
        description="£ a road km for fuel and wear (a diesel van at about 12 km a litre and £1.45 a "
        "litre is £0.12, plus tyres, brakes and the mileage part of servicing).",
    )
    cycle_days: int = Field(
        default=20,
        ge=1,
        le=MAX_CYCLE_DAYS,
        description="Working days in the cycle of rounds planned by hubplan amend and the report "
        "(20: every four weeks, as Norfolk's mobile libraries).",
    )
    quick_time_limit_seconds: float = Field(
        default=20.0,
        gt=0,
        le=3600,
        description="Most seconds the routing solver searches inside hubplan amend and the report.",
    )
    quick_solution_limit: int = Field(
        default=50,
        ge=1,
        le=1_000_000,
        description="Most solutions it visits there; reached before the time limit, the rounds are "
        "reproducible.",
    )
    in_report: bool = Field(
        default=True,
        description="Plan the proposal's rounds and show them in the report (off: no rounds section).",
    )

    @model_validator(mode="after")
    def _consistent(self) -> CircuitSettings:
        start, end = _clock_minutes(self.day_start), _clock_minutes(self.day_end)
        earliest, latest = _clock_minutes(self.break_earliest), _clock_minutes(self.break_latest)
        if start >= end:
            msg = "day_start before day_end"
            raise ValueError(msg)
        if earliest > latest:
            msg = "break_earliest no later than break_latest"
            raise ValueError(msg)
        if not self.working_days or any(d not in WEEKDAYS for d in self.working_days):
            msg = f"working_days among {', '.join(WEEKDAYS)}"
            raise ValueError(msg)
        if len(set(self.working_days)) != len(self.working_days):
            msg = "each working day once"
            raise ValueError(msg)
        return self

    def minutes_of(self, clock: str) -> int:
        """Return a time of day as minutes after midnight.

        Parameters
        ----------
        clock
            ``HH:MM``.

        Returns
        -------
        int
            Minutes after midnight.

        Raises
        ------
        ValueError
            When ``clock`` is not a time of day.
        """
        return _clock_minutes(clock)
