"""The bundled Norfolk workspace's hand-written inputs: its assumptions and its decision record.

Both are ours (not data from the shared folder) and committed; ``build_norfolk.py`` writes them with the
same bytes every run.
"""

from __future__ import annotations

from pathlib import Path

from hubplan.data.assumptions import DEFAULT_ASSUMPTIONS


def write_toml(path: Path, districts: tuple[str, ...]) -> None:
    travel = DEFAULT_ASSUMPTIONS.travel
    factors = ", ".join(f"{k} = {v:g}" for k, v in travel.bus.rurality_factor.items())
    listed = ",\n  ".join(f'"{d}"' for d in districts)
    path.write_text(
        f"""# Assumptions for the bundled Norfolk workspace. Every value is documented in the README.
# Change a value and hubplan rebuilds the travel matrices on the next run.

[region]
name = "Norfolk"
districts = [
  {listed},
]
bounds = {{ min_lat = 52.30, max_lat = 53.05, min_lon = 0.10, max_lon = 1.80 }}
modelled = "car availability; 16 of the 53 centres (no source names them) and every centre's cost, capacity and provider; the other 37 centres' positions (town-level); libraries' costs as bases; 7 of the adopted 15 (see README.md in the workspace folder)."

[evaluation]
baseline = "baseline-53"
thresholds_minutes = [10, 20, 30, 45]
deprivation = "imd"   # or "idaci": income deprivation affecting children

# walk and car: minutes = access_minutes + great-circle km * circuity / speed_kph * 60
[travel.walk]
speed_kph = {travel.walk.speed_kph:g}   # a parent with a pushchair or toddler
circuity = {travel.walk.circuity:g}
access_minutes = {travel.walk.access_minutes:g}

[travel.car]
# Fitted nationally on road times from every English LSOA (docs/car_model.md in the hubplan repository).
speed_kph = {travel.car.speed_kph:g}
circuity = {travel.car.circuity:g}
access_minutes = {travel.car.access_minutes:g}   # 2.09 min road intercept + 3 min for a child into a car seat and parking

[travel.bus]
# minutes = (fixed_minutes + minutes_per_km * km ^ exponent) * rurality_factor; walking where quicker.
# Fitted on real timetable-routed journeys (docs/bus_model.md in the hubplan repository).
fixed_minutes = {travel.bus.fixed_minutes:g}
minutes_per_km = {travel.bus.minutes_per_km:g}
exponent = {travel.bus.exponent:g}
rurality_factor = {{ {factors} }}

[lots]
# The report shows the adopted plan's areas in 12 lots (the providers' contracts before 2019) and in
# one (the single contract from October 2019), side by side. The exact model on 538 areas and 15
# bases does not close in a report's time (HiGHS: 15.8% gap after 60 s), so the report uses the
# search; `hubplan lots` runs both (docs/lots.md).
counts = [12, 1]
method = "heuristic"
""",
        encoding="utf-8",
    )


def write_decision(path: Path) -> None:
    """Write Norfolk's decision record: only facts on the record, dates only as precise as known."""
    path.write_text(
        """# The decision's record (hubplan.data.decision). Facts from the council's record of 2018-19 as
# the project's notes give them; where a day is not known only the month or year is written.
proposal:
  scenario: proposal-2018-7
  when: 2018-09
  title: "First proposal: close 46 of 53 children's centres, keep 7 as bases"
  summary: >-
    One base per district, with outreach in homes, libraries, village halls, schools and online;
    the budget for commissioning centres cut from £10.2m to £5.2m a year.
consultation:
  start: 2018-09
  end: 2018-11
  weeks: 8
  period: about 8 weeks, late September to mid November 2018
  responses: 1600
  summary: >-
    Drop-in events in libraries (three two-hour slots a day: 10am-noon, 2-4pm, 6-8pm); responses
    included a city council and parish councils.
events:
  - when: 2018
    title: Marches against the closures
  - when: 2018-19
    title: The consultation documents are called not clear enough to the public
petitions:
  - title: Petition against closing the children's centres
    signatures: 6000
    when: 2018
motions:
  - title: Motions to suspend the consultation
    moved_by: both opposition groups (Labour and the Liberal Democrats)
    when: 2018
  - title: Motion to withdraw the proposal
    when: 2018-19
    result: defeated
    votes_for: 27
    votes_against: 48
    abstentions: 2
amendments:
  - title: Liberal Democrat budget amendment
    moved_by: Liberal Democrats
    when: 2019
    extra:
      - year: ""
        amount_per_year: 1m
    scenario: adopted-2019-15
    summary: More money to keep more centres open and staff the outreach, especially in rural areas.
  - title: Labour budget amendment
    moved_by: Labour
    when: 2019
    extra:
      - year: 2019/20
        amount_per_year: 1.3m
      - year: 2020/21
        amount_per_year: 3m
    scenario: adopted-2019-15
    summary: More money to keep more centres open and staff the outreach, especially in rural areas.
outcome:
  scenario: adopted-2019-15
  when: 2019
  title: "Adopted plan: close 38 centres, keep 15 as bases"
  summary: The 15 bases of an Early Childhood and Family Service.
""",
        encoding="utf-8",
    )
