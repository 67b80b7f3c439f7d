"""First-name lists and the words that are not names, for the name recognisers.

The census list is the one the ``names`` package ships (1990 US census); ``first_names_world.txt`` is
derived from Faker's person providers (MIT; built by ``scripts/build_first_names.py``) and
``first_names_extra.txt`` is our own supplement for communities Faker lacks.
"""

from __future__ import annotations

import functools
import unicodedata
from importlib import resources


def _words(text: str) -> frozenset[str]:
    """Return the set of words in ``text`` (split on white space)."""
    return frozenset(text.split())


# Capitalised words that are not names even when a name could stand there.
_NOT_NAMES = _words(
    """i i'm im i'd i've i'll the a an and but or so if it its it's we our my me he she they this that
    these those there here hi hello thanks thank dear yes no not please sorry ok okay also just as
    at in on of to for from with by about after before when while since until because although
    however monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays
    thursdays fridays saturdays sundays january february march april may june july august september
    october november december christmas easter xmas sure start surestart early help home start nhs
    gp covid council county norfolk norwich suffolk england uk year reception nursery primary school
    academy centre center church library hall road street lane mum mums dad dads nan grandad grandma
    baby family families children kids son daughter health visitor midwife staff team group groups
    god english polish facebook jobcentre citizens advice autism adhd send senco sen dla pip
    universal credit men regards outreach kind best many services hub hubs asda tesco aldi lidl
    morrisons sainsburys co-op boots"""
)
# Census first names that are also ordinary English words: a name only where context says so.
_AMBIGUOUS = _words(
    """will may mark hope grace rose summer dawn joy faith april june august page sandy bill pat rich
    ray guy art drew gay iris ivy holly jack jean max sunny star rain storm major miles lane dale
    glen carol carl frank earl marshall young king price long love early else lee van ali an so son
    sun don del rod ned penny ruby amber crystal jewel precious unique fern hazel heather olive
    pearl sky cash chance chase clay cliff dean dusty forest grant hunter judge mason miller parker
    rock royal ruth sage scott shelby sterling tanner taylor wade warren wes win worth bud buck
    bobby christian spring autumn winter bank honey blessing"""
)


@functools.cache
def first_names() -> frozenset[str]:
    """Return lower-case first names: the 1990 US census list and the names of England's communities.

    The census list is the one the ``names`` package ships; ``first_names_world.txt`` is derived from
    Faker's person providers (MIT; see ``scripts/build_first_names.py``) for 44 locales (Irish,
    Polish, Romanian, Nigerian, Ghanaian, Indian, Bangladeshi, Chinese, Arabic, ...), and
    ``first_names_extra.txt`` is our own supplement (Welsh, Punjabi, Somali, ...). Names that are also
    ordinary English words (Will, May, Grace, ...) are left out: they count as names only by context.
    """
    out = census_first_names() | world_first_names()
    return frozenset(out - _AMBIGUOUS - _NOT_NAMES)


@functools.cache
def census_first_names() -> frozenset[str]:
    """Return the lower-case first names of the 1990 US census that the ``names`` package ships."""
    out: set[str] = set()
    for file in ("dist.male.first", "dist.female.first"):
        text = resources.files("names").joinpath(file).read_text(encoding="utf-8")
        out.update(line.split()[0].lower() for line in text.splitlines() if line.strip())
    return frozenset(out)


@functools.cache
def world_first_names() -> frozenset[str]:
    """Return the first names of the shipped lists (Faker-derived and our supplement), lower case."""
    out: set[str] = set()
    for file in ("first_names_world.txt", "first_names_extra.txt"):
        text = resources.files("hubplan.consult").joinpath(file).read_text(encoding="utf-8")
        for line in text.splitlines():
            if not line.startswith("#"):
                out.update(line.split())
    return frozenset(out)


def is_first_name(word: str) -> bool:
    """Return whether ``word`` (any case, accents or not, hyphenated or not) starts with a first name."""
    first = word.lower().split("-")[0]
    folded = "".join(c for c in unicodedata.normalize("NFKD", first) if not unicodedata.combining(c))
    names = first_names()
    return first in names or folded in names


def is_ambiguous_name(word: str) -> bool:
    """Return whether ``word`` is a name that is also an ordinary English word (Will, May, Grace, Mark)."""
    return word.lower() in _AMBIGUOUS
