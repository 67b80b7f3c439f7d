"""Measure what weighting outreach need by low reach changes on Norfolk's adopted plan (modelled usage).

For the adopted 15 bases, with a fixed sum for sessions beyond the bases and the online offer, plan
outreach weighted by deprivation alone and by deprivation and reach, and count the children in need
that sessions and home visits reach, and of them those expected not to have been seen in the year
(reached x the area's share not seen). Norfolk's usage is modelled (scripts/build_norfolk_usage.py),
so these figures are too.

    .venv/bin/python bench/reach_weighting.py
"""

from __future__ import annotations

from hubplan.data import bundled_workspace_path, load_workspace
from hubplan.outreach import plan_outreach
from hubplan.outreach.need import reach_weights
from hubplan.travel import build_travel


def main() -> None:
    """Print one line per session money and weighting."""
    workspace = load_workspace(bundled_workspace_path())
    travel = build_travel(workspace)
    scenario = workspace.scenario("adopted-2019-15")
    not_seen = reach_weights(workspace)
    fixed = plan_outreach(workspace, travel, scenario)
    floor = fixed.bases_cost_per_year + fixed.online_cost_per_year
    print("money for sessions | weighting | sessions | reached | of them not seen (expected) | in need")
    for extra in (300_000, 600_000, 1_000_000):
        for weighting in ("deprivation", "deprivation_and_reach"):
            plan = plan_outreach(
                workspace, travel, scenario, budget_per_year=floor + extra, need_weighting=weighting
            )
            print(
                f"£{extra:,} | {weighting} | {len(plan.sessions)} | {plan.area_reached.sum():,.0f} | "
                f"{(plan.area_reached * not_seen).sum():,.0f} | {plan.families_in_need:,.0f}"
            )


if __name__ == "__main__":
    main()
