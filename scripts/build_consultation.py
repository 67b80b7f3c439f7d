"""Synthetic consultation responses for the Norfolk demo (deterministic; marked synthetic everywhere).

About 1,600 responses like the 2018 consultation's: mostly parents, mostly against the first
proposal, about the themes the record shows: centres as a lifeline, rural transport and the reach
of outreach, the effect on women, universal credit, doubts about the savings, and support for
outreach and online help. Centre names are typed as people type them (informal, misspelt), postcodes
use Norfolk's real postcode districts with made-up units, and a few comments carry personal data on
purpose, to show it never reaches an output.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

THEMES = {
    "lifeline": [
        "The children's centre has been a lifeline for me since my baby was born.",
        "Without the centre I would have been completely isolated with post-natal depression.",
        "The staff at the centre helped us through the hardest year of our lives.",
        "Our baby group is the only place I see other parents; closing it takes away our support.",
        "The centre gave my son speech and language help that he would not have got anywhere else.",
    ],
    "rural transport": [
        "There is one bus a day from our village, so getting to a base in town is impossible.",
        "Outreach will not reach rural families; we already have no transport and no services.",
        "I do not drive and the bus to town takes over an hour each way with a toddler.",
        "Rural families will be cut off; the nearest base would be twenty miles away.",
        "Village halls are not equipped and outreach staff will spend all day driving between them.",
    ],
    "women": [
        "These cuts fall hardest on mothers, who are most of the people using the centres.",
        "As a mum on maternity leave the centre is where I get support; this hits women hardest.",
        "Women will lose the support that helps them back into work after having children.",
        "Single mothers rely on the centres; the equality impact on women has been ignored.",
    ],
    "universal credit": [
        "With universal credit coming in, families need more help with money, not less.",
        "The centre helped me sort out my universal credit claim when I had nowhere else to turn.",
        "Benefit changes are already pushing families into debt; closing centres makes it worse.",
        "Families on low incomes use the centres for advice about benefits and food banks.",
    ],
    "savings": [
        "I do not believe the savings figures; the cost will come back in social care later.",
        "Cutting early help is a false economy that will cost more in the long run.",
        "The council has not shown the evidence that closing centres will save money.",
        "The consultation documents do not explain where the savings come from.",
    ],
    "support outreach": [
        "I support taking services out into the community where families actually are.",
        "Online advice and home visits would suit working parents better than fixed centres.",
        "Some centres are hardly used, so moving to outreach makes sense if it is done well.",
        "I agree with focusing support on the families who need it most.",
    ],
}
# How often each theme comes up, and the closed question's answers under it.
WEIGHTS = {
    "lifeline": 0.3,
    "rural transport": 0.2,
    "women": 0.1,
    "universal credit": 0.1,
    "savings": 0.15,
    "support outreach": 0.15,
}
TYPES = (
    ("parent", 0.68),
    ("grandparent", 0.1),
    ("professional", 0.14),
    ("organisation", 0.02),
    ("other", 0.06),
)
PERSONAL = (
    " My name is {name}, you can call me on 07700 900{n:03d}.",
    " Email me at {first}.{n}@example.org if you want to talk.",
    " We live at {n} Mill Road and the bus stop is a mile away.",
    " Regards, {name}",
)
NAMES = ("Sarah Green", "Tom Baker", "Aisha Okafor", "Gareth Hughes", "Priya Patel", "Li Wang")
TYPOS = {"Children's Centre": ("", " CC", " childrens centre", " Children's Centre")}


def informal(name: str, rng: np.random.Generator) -> str:
    """Type a centre's name as a respondent might: shortened, lower case, sometimes misspelt."""
    short = name.replace(" Children's Centre", "").replace(" (modelled)", "")
    short += str(rng.choice(TYPOS["Children's Centre"]))
    if rng.random() < 0.25 and len(short) > 6:
        i = int(rng.integers(1, len(short) - 1))
        short = short[:i] + short[i + 1 :]  # a dropped letter
    return short.lower() if rng.random() < 0.3 else short


def build(sites: pd.DataFrame, districts: pd.DataFrame, n: int = 1612, seed: int = 2018) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    centres = sites[sites["kind"] == "children_centre"].reset_index(drop=True)
    theme_names = list(WEIGHTS)
    theme_p = np.array([WEIGHTS[t] for t in theme_names])
    district_p = districts["postcodes"].to_numpy() / districts["postcodes"].sum()
    rows = []
    start = np.datetime64("2018-09-24T09:00")
    for k in range(n):
        theme = theme_names[rng.choice(len(theme_names), p=theme_p / theme_p.sum())]
        sentences = list(rng.choice(THEMES[theme], size=int(rng.integers(1, 3)), replace=False))
        comment = " ".join(sentences)
        if rng.random() < 0.06:
            name = str(rng.choice(NAMES))
            comment += str(rng.choice(PERSONAL)).format(
                name=name, first=name.split(maxsplit=1)[0].lower(), n=int(rng.integers(1, 999))
            )
        support = (
            "agree"
            if theme == "support outreach"
            else str(rng.choice(["disagree", "disagree", "disagree", "neutral", ""]))
        )
        district = districts["postcode_district"].to_numpy()[rng.choice(len(districts), p=district_p)]
        unit = f"{int(rng.integers(0, 10))}{chr(65 + int(rng.integers(0, 26)))}{chr(65 + int(rng.integers(0, 26)))}"
        centre = (
            informal(str(centres["name"][int(rng.integers(len(centres)))]), rng) if rng.random() < 0.8 else ""
        )
        kind = TYPES[int(rng.choice(len(TYPES), p=[p for _, p in TYPES]))][0]
        minutes = int(rng.integers(0, 56 * 24 * 60))
        rows.append(
            {
                "response_id": f"SYN-{k + 1:05d}",
                "submitted_at": str(start + np.timedelta64(minutes, "m")),
                "respondent_type": kind,
                "postcode": f"{district} {unit}",
                "centre": centre,
                "support": support,
                "comment": comment,
            }
        )
    return pd.DataFrame(rows)
