"""Telling a place from a person in free text: towns, streets, buildings and the words around them.

"Diss", "Hethersett", "Dereham Memorial Hall", "King's Lynn" and "the centre on Middlegate" are
places; "my son Preston" is a person. The recognisers (:mod:`hubplan.consult.recognisers`) and the
redaction ask :func:`looks_like_place` before they call capitalised words a name.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import itertools
import re
from collections.abc import Iterator, Sequence

from hubplan.consult.name_lists import (
    _words,
    census_surnames,
    is_ambiguous_name,
    is_english_word,
    is_first_name,
)
from hubplan.data.places import (
    british_place_names,
    british_places,
    district_names,
    library_localities,
    ward_places,
    world_countries,
    world_place_names,
)

_CONSULTATION_PLACES: contextvars.ContextVar[frozenset[str]] = contextvars.ContextVar(
    "consultation_places", default=frozenset()
)


@contextlib.contextmanager
def consultation_places(places: frozenset[str]) -> Iterator[None]:
    """Read text, inside this block, with ``places`` among the towns (lower case).

    Parameters
    ----------
    places
        A consultation's own place names, as :func:`places_named_in` finds them.
    """
    token = _CONSULTATION_PLACES.set(places)
    try:
        yield
    finally:
        _CONSULTATION_PLACES.reset(token)


def town_names() -> frozenset[str]:
    """Return the lower-case names of Britain's towns and villages, England's districts and library places.

    GeoNames' places of 500 people or more (:func:`~hubplan.data.places.british_place_names`), and
    England's districts and councils (:func:`~hubplan.data.places.district_names`: "Breckland",
    "Calderdale") and the neighbourhoods its libraries serve
    (:func:`~hubplan.data.places.library_localities`: "Hellesdon", "Earlham") and, of two words or
    more with no name in them, its wards are named for (:func:`_ward_towns`: "Eyres Monsell"), less
    those whose first word is also a first name ("Shirley", "Stanley", "Eden"), which context must
    tell apart, and those made only of English words ("Park", "Green Street", "Three Rivers").
    Inside :func:`consultation_places`, the consultation's own places too.
    """
    local = _CONSULTATION_PLACES.get()
    return _gazetteer_towns() if not local else _towns_with(local)


@functools.lru_cache(maxsize=8)
def _towns_with(local: frozenset[str]) -> frozenset[str]:
    return _gazetteer_towns() | local


@functools.cache
def _gazetteer_towns() -> frozenset[str]:
    named = {
        n
        for n in library_localities() | district_names()
        if not (is_first_name(n.split()[0]) or is_ambiguous_name(n.split()[0]))
        and not all(is_english_word(w) for w in re.split(r"[\s-]+", n))
    }
    return british_place_names() | frozenset(named) | _ward_towns()


@functools.cache
def _ward_towns() -> frozenset[str]:
    """Return the neighbourhoods wards are named for that no person's name could be.

    Not a name whose first or last word is a first name ("Sherwood", "Clifton", "Weston Coyney") or
    whose last word is a surname (the 1990 US census list: "Lockwood", "Ashdown", "Norris Green"): a
    ward named so counts as a place only by context, as a first name's town does; nor one of English
    words only ("Abbey", "Castle"). Nor one word alone: many British surnames are wards and on no list
    ("Cubitt", "Greasley", review 21), so a ward's one word is a place only by context too ("we live in
    Normacot", :func:`_place_clues`).
    """
    out = set()
    for n in ward_places():
        words = n.split()
        first, last = words[0], words[-1]
        if (
            len(words) == 1
            or last in census_surnames()
            or is_first_name(last)
            or is_ambiguous_name(last)
            or is_first_name(first)
            or is_ambiguous_name(first)
            or all(is_english_word(w) for w in re.split(r"[\s-]+", n))
        ):
            continue
        out.add(n)
    return frozenset(out)


STREET_WORDS = (
    "road|rd|street|st|lane|ln|avenue|ave|close|cl|drive|dr|way|court|ct|crescent|cres|place|pl|gardens|"
    "gdns|grove|terrace|hill|row|walk|green|square|mews|view|rise|park|loke|yard|chase|parade|end|croft|"
    "cottages|buildings|villas|meadow|meadows|paddock|plain"
)
"""Words that end a street's name (lower case, as a regular expression's alternatives)."""

BUILDING_WORDS = _words(
    "hall centre center church chapel library hospital clinic surgery house foundation trust mosque "
    "masjid temple gurdwara mandir synagogue academy college institute museum theatre stadium "
    "partnership pentecostal baptist methodist evangelical catholic fellowship ministries estate"
)
"""Last words of a building's or body's name: "Jenny Lind Hall" and "Family Nurse Partnership" are no one."""
PLACE_AFTER_A_NAME = re.compile(
    r"(?:['’]s)?[ \t]+(?:Road|Rd|Street|Avenue|Crescent|Terrace|Square|Mews|Parade|Drive|Walk|Row|Rise|"
    r"Tower|Circus|Estate|Village|Gardens|Bay|Isle|Dene|Moor|Pier)\b"
)
"""Words after a name that make it a place's ("Ben Jonson Road", "Margaret McMillan Tower", "Belle Isle").

None of them ends a name in the labelled sets; words that are also surnames (Hill, Green, Wood, Lane,
Park, House, Ward, Close, Court, Grove) are left out.
"""

TOWN_ENDINGS = (
    "ham|ton|ford|wich|mouth|bury|borough|field|ley|by|stead|well|worth|caster|chester|thorpe|dale|port|"
    "bridge|burgh|wick|cliffe|minster|ness|holme|heath|ing|ings|ey"
)
"""Endings of English towns' names (as a regular expression's alternatives)."""
_PLACE_SUFFIX = re.compile(rf"(?:{TOWN_ENDINGS}|market|lynn|end)$", re.IGNORECASE)
_PLACE_PREFIX = _words(
    """st st. saint great little north south east west upper lower old new king's kings long high
    market castle bishop's"""
)
# Place prefixes that also stand before a person ("Little Ruby", "Old Bill"): not clues on their own.
_NOT_PLACE_BEFORE = _words("little old new long high")
_PLACE_BEFORE = re.compile(
    r"\b(?:at|in|to|near|around|into|outside|towards|round|from|of|for|across|on)\s+$", re.I
)
_PLACE_AFTER = re.compile(
    r"^'?s?\s+(?:church|hall|town|centre|center|library|road|street|school|market|area|estate|village|city|"
    r"council|hospital|station|park|side|way|families|people|residents|branch|office|children|mums|"
    r"parents|stopped|lockdown|pandemic|group|surgery|clinic|beach|bus|buses|car\s+park|farm|"
    # Street words that are no surnames (not Lane, Hill, Green, Close): "Lincoln Avenue".
    r"avenue|ave|crescent|drive|terrace|gardens|rd)\b",
    re.IGNORECASE,
)


# A saint's name goes on after "St" over capitalised words: "St Francis Xavier", "St John Fisher".
_SAINT_BEFORE = re.compile(
    r"\b(?:of|Feast|Church|Shrine|Chapel)[ \t]+(?:St\.?|Saint)[ \t]+(?:[A-Z][\w'’-]*[ \t]+){0,2}\Z"
)
# A neighbourhood between dots, before a post's age: "Steve Ogilvie · Abbey Meadows · 2d".
_POSTED_FROM = re.compile(r"(?:[ \t]+[A-Z][\w'’-]*){0,2}[ \t]*[·•][ \t]*\d{1,2}\s?(?:[smhdwy]|mins?|hrs?)\b")


_NOT_AN_AUTHOR = re.compile(r"(?i:contributor|author|admin|moderator|posted|member|reply|replied|group)")


def posted_from(text: str, start: int, end: int) -> bool:
    """Return whether ``text[start:end]`` is the place between dots in a post's heading.

    "Steve Ogilvie · Abbey Meadows · 2d" gives where Steve lives; "Graham Smith · 2d" no place, and
    "Author · Kayleigh Okafor · 3h" or "Steve · Chiamaka · 2d" an author.

    Parameters
    ----------
    text
        The whole text.
    start, end
        Character offsets of the words.
    """
    dot = re.search(r"[·•][ \t]*\Z", text[max(0, start - 4) : start])
    after = _POSTED_FROM.match(text, end)
    if dot is None or after is None:
        return False
    line = text[text.rfind("\n", 0, start) + 1 : start - len(dot[0])]
    if _NOT_AN_AUTHOR.search(line):
        return False  # "Top contributor · Chiamaka Okafor · 2d": the author comes after the label
    words = re.split(r"[·•]", text[start : end + len(after[0])], maxsplit=1)[0].split()
    return not is_first_name(words[0]) or _a_street_or_estate(words)


_TITLE_AFTER = re.compile(r"[ \t]*\((?:Mrs|Mr|Ms|Miss|Mx|Dr|Revd|Rev)\.?\)")


def looks_like_place(text: str, start: int, end: int) -> bool:
    """Return whether the capitalised words at ``text[start:end]`` read as a place rather than a person.

    Parameters
    ----------
    text
        The whole text.
    start, end
        Character offsets of the words.

    Returns
    -------
    bool
        True after "at", "in", "to", "from" and the like, before "church", "town", "families" and the
        like, for a British town or village's name (GeoNames, 500 people or more), or for a place's
        prefix (St, Great, North, ...) or ending (-ham, -ton, -ford, -wich, ...), unless the first
        word is a first name of the census list (then only the word after counts).
    """
    words = text[start:end].split()
    if not words or _TITLE_AFTER.match(text, end):
        return False  # "Ivy Bircham (Mrs)": a letter's writer with her title after, though a village's name
    if _placed_by_what_is_around(text, start, end, words):
        return True
    city = reads_as_city(text, start, end)
    if is_first_name(words[0]) and not city:
        return False
    return bool(
        city
        or signed_from(text, start, end)
        or beside_a_place(text, start, end)
        or named_for_town(words)
        or words[0].lower() in _PLACE_PREFIX
        or _PLACE_SUFFIX.search(words[-1].rstrip("'s"))
        or _PLACE_BEFORE.search(text[max(0, start - 100) : start])
    )


# A landmark named by its town: "Wymondham Abbey", "Thetford Forest", "Brundall Marina".
_LANDMARKS = _words(
    "abbey priory cathedral minster castle forest quay marina marshes common heath broad woods fen pier "
    "beach staithe lighthouse"
)
# Words after which only a place stands: "grew up in", "lives in", "moved to".
_LIVES_IN = re.compile(
    r"(?i:\b(?:(?:live|lives|lived|living|grew\s+up|raised|settled|based)\s+in|"
    r"(?:moved|moving|relocated)\s+(?:to|from))\s+)\Z"
)


def _placed_by_what_is_around(text: str, start: int, end: int, words: list[str]) -> bool:
    """Return whether the words around make a place, even of a first name ("St Francis Xavier")."""
    return any(_place_clues(text, start, end, words))


def _place_clues(text: str, start: int, end: int, words: list[str]) -> Iterator[bool]:
    """Yield each clue of :func:`_placed_by_what_is_around` in turn (lazily: the first true one ends it)."""
    before = re.search(r"(\S+)\s+$", text[max(0, start - 20) : start])
    last = words[-1].rstrip(".,").lower()
    # "King's Lynn", "Great Yarmouth": the name's first word stands before it
    yield bool(before and before[1][0].isupper() and before[1].lower() in _PLACE_PREFIX - _NOT_PLACE_BEFORE)
    # "the Feast of St Francis Xavier"; a post's "Name · Abbey Meadows · 2d"
    yield bool(_SAINT_BEFORE.search(text, max(0, start - 40), start)) or posted_from(text, start, end)
    yield after_a_country(text, start) and not is_first_name(words[0])  # "from Iran (Shiraz)"
    # "Wymondham Abbey", "Thetford Forest": a town's landmark (not "Norwich Sarah")
    town_before = re.search(r"([A-Z][\w'’-]*)[ \t]+\Z", text[max(0, start - 30) : start])
    yield bool(
        town_before
        and last in _LANDMARKS
        and named_for_town([town_before[1]])
        and not is_first_name(town_before[1])
    )
    # "grew up in Brandon", "she lives in Jesmond": a place, though a first name (334 labelled phrases
    # after these words keep a place, none a name); not someone's home ("live in Karen and Dave's
    # spare room", "in Amy Clarke's back bedroom", "in Nana Pat's house")
    home = re.match(r"(?:[ \t]+(?:[A-Z][\w'’-]*|and|&))*['’]s\b", text[end : end + 40])
    kin = words[0].lower() in _SOMEONE_WORDS
    yield bool(_LIVES_IN.search(text, max(0, start - 30), start)) and not home and not kin
    # A street, or a building or body with a person's name ("Fred Nicholson School", "Jenny Lind
    # Hall"), a building's word inside ("Queen Elizabeth Hospital Kowloon"), or a saint's name after
    # a place's first word ("Marshland St James", "Walpole St Andrew").
    yield bool(re.fullmatch(STREET_WORDS, last)) or (last in BUILDING_WORDS and len(words) > 1)
    yield any(w.lower() in INSIDE_WORDS or w.rstrip(".").lower() in ("st", "saint") for w in words[1:-1])
    # "the Drop-In at Clayton", "the hub in Darley Dale" (not "the group at Kerry's", a home)
    home = re.match(r"(?:[ \t]+(?:[A-Z][\w-]*|and|&))*['’]s\b", text[end : end + 40])
    yield bool(SERVICE_AT.search(text, max(0, start - 30), start)) and not home
    # "Please keep Clayton", "Save Brandon!"
    yield bool(_PLEA_BEFORE.search(text, max(0, start - 10), start)) and named_for_town(words)
    # "we use Quinton hub", "the Perry Barr Family Hub": a hub is named for its place, never for a
    # person (359 phrases of the labelled sets, no name)
    # (not a signature's "Sarah Jones Hub Manager", nor an employer's: "works nights at the Amazon hub")
    # (a first name only after a word that says a place comes: not "Marcus hub sessions were the best")
    work = _WORK_BEFORE.search(re.sub(r"(?i:the[ \t]+)\Z", "", text[max(0, start - 50) : start]))
    placed = not is_first_name(words[0]) or _HUB_PLACE_BEFORE.search(text, max(0, start - 12), start)
    yield bool(HUB_AFTER.match(text, end)) and not work and bool(placed)
    # ... or an item between two towns in a list ("from Watton, Denver, Swaffham and Diss").
    yield bool(_PLACE_AFTER.match(text[end:])) or in_a_list_of_towns(text, start, end)
    # "9 Farnborough Road, Clifton, NG11 8GF", "27 Redhill Road\nArnold\nNottingham": a town on an
    # address's lines, after its street, before a comma, a line's end or a postcode (of 272 such phrases
    # in the labelled sets, 200 are labelled harmless, 17 part of the address, 5 a name's or workplace's)
    yield on_an_address_line(text, start, end)
    # "Stanley (County Durham)", "Ennis, Co. Clare": a county after it
    yield bool(re.match(r"[ \t]*[(,][ \t]*(?:County|Co\.)[ \t]+[A-Z]", text[end : end + 20]))
    # "keep Marlpit open", "save Fairstead": the centre under consultation, named by its place
    yield bool(re.search(r"(?i:\b(?:keep|save)[ \t]+)\Z", text[max(0, start - 8) : start])) and bool(
        re.match(r"[ \t]+(?:open|going|alive)\b", text[end : end + 10])
    )
    # "merging with Gorleston": a centre merged with another, named by its place
    yield bool(MERGED_WITH.search(text, max(0, start - 20), start))
    # "in Lynn" for King's Lynn, "near Brandon": a town, or a town's last word, that is also a first
    # name, where only a place stands: after "in", "near", "round", or a journey's "to" or "from"
    # ("the bus to Lynn", "come in from Brandon", "from Hunstanton to Lynn"); not "talk to Lynn".
    # ("lives near Ashley so she can help" may be a person: "near" goes with a town's last word only)
    before_it = _WHERE_A_PLACE_STANDS.search(text, max(0, start - 60), start)
    yield (
        len(words) == 1
        and before_it is not None
        and not re.match(r"['’]s\b", text[end : end + 3])
        and (
            last in last_words_of_towns()
            or (named_for_town(words) and not re.match(r"(?i:near)\b", before_it[0]))
            # a ward's one word "in", "into" or "outside" it ("we live in Normacot"), not a first name
            or (
                last in ward_places()
                and not (is_first_name(words[0]) or is_ambiguous_name(words[0]))
                and re.match(r"(?i:in|into|outside)\b", before_it[0]) is not None
            )
        )
    )
    # a ward of several words in, into, outside or near it, though it starts with a first name ("we moved
    # into Weston Coyney"; review 22): the cue says a place, as "my partner" says a person
    yield (
        len(words) > 1
        and before_it is not None
        and " ".join(words).lower() in ward_places()
        and re.match(r"(?i:in|into|outside|near|around)\b", before_it[0]) is not None
    )
    # "in Small Heath", "near Balsall Heath": a place's first words between a place's slot and the
    # name, words no person's name starts with (not "in Mrs Heath's class", "from Leanne Heath")
    # (nor "from HV Sarah", "from Social Worker Kelly", "at Cousin Jade's": capitals, a job, kin)
    lead = _PLACES_FIRST_WORDS.search(text, max(0, start - 60), start)
    yield lead is not None and not any(
        is_first_name(w) or is_ambiguous_name(w) or w.lower() in _SOMEONE_WORDS or w.isupper()
        for w in lead[1].split()
    )
    # "from Hong Kong", "work in China": a country or city abroad after "from", "in"
    yield " ".join(words).lower() in world_place_names() and bool(
        _PLACE_BEFORE.search(text[max(0, start - 100) : start])
    )


# A street's name ending a line or a comma's part of an address, then perhaps one more line or part
# ("Rose Cottage\nFord Lane\n", "41 Horninglow Road, ", "27 Redhill Road\nArnold\n").
_A_STREETS_LINE_BEFORE = re.compile(
    r"(?:(?m:^)|[,:]|\b(?i:is|at))[ \t]*(?:\d+[A-Za-z]?,?[ \t]+)?(?:[A-Z][\w'’-]*[ \t]+){1,3}"
    r"(?:Road|Rd|Street|St|Lane|Avenue|Ave|Close|Drive|Way|Court|Crescent|Place|Gardens|Grove|Terrace|"
    r"Row|Walk|Green|Square|Mews|View|Rise|Park|Parade|ROAD|STREET|LANE|AVENUE|CLOSE|DRIVE|WAY)\.?"
    r"[ \t]*(?:,|\r?\n)[ \t]*"
    r"(?:(?![^,\n]*\d[A-Za-z]{2}\b)[A-Z][\w'’-]*(?:[ \t]+[\w'’-]+){0,3}[ \t]*(?:,|\r?\n)[ \t]*)?\Z"
)
# Its postcode next, or after a line or two of its town and county ("Arnold\nNottingham\nNG5 8GS").
_A_POSTCODE_AHEAD = re.compile(
    r"(?:[ \t]*[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,3}[ \t]*(?:,|\r?\n)){0,2}"
    r"[ \t]*(?i:[A-Z]{1,2}\d[A-Z\d]?[ \t]*\d[A-Z]{2})\b"
)
# A town's words to the end of its line or part: "Burton upon Trent", "Wells-next-the-Sea".
_A_TOWNS_PART = re.compile(
    r"[ \t]*[A-Z][\w'’-]*(?:[ \t]+(?:upon|on|in|under|next|the|le|by|[A-Z][\w'’-]*)){0,4}"
    r"(?:[ \t]*(?:,|\r?\n|\Z)|[ \t]+(?P<postcode>(?i:[A-Z]{1,2}\d[A-Z\d]?[ \t]*\d[A-Z]{2}))\b)"
)


def on_an_address_line(text: str, start: int, end: int) -> bool:
    """Return whether ``text[start:end]`` is (in) an address's town: after its street, before its postcode."""
    part = max(text.rfind("\n", 0, start), text.rfind(",", 0, start)) + 1
    if start - part > 40:
        return False
    town = _A_TOWNS_PART.match(text, part)
    if town is None:
        return False
    words = re.findall(r"[\w'’-]+", text[part : town.start("postcode") if town["postcode"] else town.end()])
    # (not a person's name set between a street and a postcode: "12 Park Road, Sarah Smith, NG5 1AB")
    named = bool(words) and (is_first_name(words[0]) or is_ambiguous_name(words[0]))
    # (a village or ward that starts with a first name is still one: "Heath Charnock", "Kelly Bray")
    known = " ".join(words).lower() in ward_places() or _plain(" ".join(words).lower()) in _plain_places()
    return (
        town.end() >= end
        and (not named or known or named_for_town(words))
        and _A_STREETS_LINE_BEFORE.search(text, max(0, part - 80), part) is not None
        and (town["postcode"] is not None or _A_POSTCODE_AHEAD.match(text, town.end()) is not None)
    )


_PLACES_FIRST_WORDS = re.compile(
    r"\b(?:in|at|near|around|outside|from)[ \t]+((?:[A-Z][\w'’-]*[ \t]+){1,2})\Z"
)
_SOMEONE_WORDS = _words(
    """mr mrs ms miss mx dr prof rev revd cllr sir dame lady lord nurse sister brother father mother
    auntie aunty aunt uncle nan nanny nana granny grandma grandad grandpa mum mummy mam dad daddy baby
    pastor imam little big young old doctor professor cousin worker social family home start early help
    visitor councillor reverend officer sergeant constable midwife teacher manager support key health
    speech therapist practitioner"""
)
"""Words before a surname that make it someone's: a title, kin, "Little" ("in Little Jack's room")."""

HUB_AFTER = re.compile(
    r"[ \t]+(?i:(?:family[ \t]+)?hubs?)\b"
    r"(?![ \t]+(?i:manager|worker|lead|leader|co-?ordinator|staff|practitioner|team|officer|assistant|"
    r"admin|administrator|support|receptionist|volunteer|nurse|sessions?|days?|member)\b)"
)
"""A hub after a word, which makes it the hub's place (not a signature's "Sarah Jones Hub Manager")."""
# Before a first name that names a hub, what says a place comes: "we use Quinton hub", "the Perry hub".
_HUB_PLACE_BEFORE = re.compile(
    r"(?i:\b(?:the|at|to|use|used|using|in|from|near|local|our|my|nearest|keep|save|close|closing)[ \t]+)\Z"
)

_WHERE_A_PLACE_STANDS = re.compile(
    r"(?i:\b(?:in|into|near|outside|round|around|towards)[ \t]+"
    r"|\b(?:get|gets|getting|got|go|goes|going|went|travel\w*|move[sd]?|moving|drive|driving|drove|"
    r"walk|walking|bus|buses|coach|train|trip|journey|miles?|mins|minutes|hours?|way|come|comes|coming|"
    r"came|commute|commuting|route)"
    # (not "hear back from Lynn", "a lift from Ashley": a person gives those)
    r"[ \t]+(?:(?:in|out|over|down|up|all|the|way)[ \t]+){0,3}(?:to|from)[ \t]+"
    r"|\bfrom[ \t]+[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2}[ \t]+to[ \t]+"
    r"|\bnearest[ \t]+\w+[ \t]+(?:is|was|will[ \t]+be|would[ \t]+be)[ \t]+)\Z"
)
"""What stands before a place's name and not a person's: "near", "the bus to", "from Diss to"."""


MERGED_WITH = re.compile(r"(?i:\bmerg(?:e|es|ed|ing)[ \t]+(?:it[ \t]+|them[ \t]+)?with[ \t]+)\Z")
"""What stands before a centre named by its place: "merging with Gorleston" (a search ending there)."""


INSIDE_WORDS = _words(
    "hospital centre center library clinic surgery mosque masjid gurdwara mandir synagogue academy college "
    "institute museum theatre stadium"
)
"""Buildings' words that are no surnames ("Hall", "House" and "Church" are), inside a longer name."""
_COUNTRY_BEFORE = re.compile(
    r"\b(?:from|in)[ \t]+([A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)?)[ \t]*(?:,|\()[ \t]*\Z"
)


def after_a_country(text: str, start: int) -> bool:
    """Return whether ``text[start:]`` follows a country and a comma or bracket: "from Iran (Shiraz)".

    Parameters
    ----------
    text
        The whole text.
    start
        Character offset of the words after it.
    """
    country = _COUNTRY_BEFORE.search(text, max(0, start - 40), start)
    return country is not None and country[1].lower() in world_countries()


# A sign-off's name then where the writer lives: "- Siobhan, Hellesdon", "Senait, Mile Cross".
_SIGNER_BEFORE = re.compile(
    r"(?:^|\n|[.!?][ \t]+)[ \t]*[-–—~]?[ \t]*((?:[A-Z][\w'’.-]*[ \t]+){0,2}[A-Z][\w'’.-]*),[ \t]*$"
)
_LINE_END = re.compile(r"[ \t]*[.!]?[ \t]*(?:\r?\n|$)")
_NO_SIGNER = _words(
    "thanks thank cheers ta love regards best wishes yours sincerely faithfully truly kind kindest warm "
    "warmest many hi hello hey hiya dear morning evening afternoon bye sorry please yes no ok okay well so"
)


def signed_from(text: str, start: int, end: int) -> bool:
    """Return whether ``text[start:end]`` is where the writer lives, after their name at a line's end.

    "Claire Loades, Costessey." and "- Siobhan, Mile Cross" sign a comment with a name and a place;
    "Thanks, Obi" and "Love, Kayla" are a closing and a name, and "Mirza, Shagufta" a surname first.

    Parameters
    ----------
    text
        The whole text.
    start, end
        Character offsets of the words.
    """
    signer = _SIGNER_BEFORE.search(text, max(0, start - 60), start)
    if signer is None or signer.end() != start or not _LINE_END.match(text, end):
        return False
    # The place must read as one: a town, a street or estate, or two words ("Mile Cross"); one
    # unknown word may be a surname ("Mirza, Shagufta").
    words = text[start:end].split()
    place = named_for_town(words) or _a_street_or_estate(words) or len(words) > 1
    return place and signer[1].split()[0].lower().rstrip(".") not in _NO_SIGNER


# A service, group or session and "at" or "in" just before: "the centre at Catton Grove", "the hub at
# Darley Dale", "the toddler group at St Nicholas", "the one at Norton Subcourse". What follows is where
# the service is, neither a workplace nor a person: in the labelled sets every phrase after these
# words (over 400) is harmless. Someone working at a hub says "I work at the hub in Diss", found whole.
SERVICE_AT = re.compile(
    r"(?i:\b(?:hubs?|centres?|centers?|clinics?|groups?|clubs?|sessions?|drop-ins?|playgroups?|librar(?:y|ies)|"
    r"(?:the|that)[ \t]+one)[ \t]+(?:at|in)[ \t]+)\Z"
)
# A plea for a place: "Please keep Clayton", "Save Brandon!".
_PLEA_BEFORE = re.compile(r"(?i:\b(?:keep|save|protect)[ \t]+)\Z")

CITY_PEOPLE = 300_000
"""People in a British city whose name reads as the city, though a first name (Bradford, Brent, Preston)."""
# A word for someone just before a first name: "my son Preston", "Mr Bradford", "called Brent".
_SOMEONE_BEFORE = re.compile(
    r"(?i:\b(?:my|our|his|her|their|your|son|daughter|boy|girl|baby|husband|wife|partner|brother|sister|"
    r"mum|mam|mom|dad|mother|father|nan|nanna|gran|granny|grandad|grandma|grandpa|grandson|granddaughter|"
    r"nephew|niece|cousin|uncle|aunt|auntie|friend|called|named|dear|hi|hello|mr|mrs|ms|miss|mx|dr|cllr|"
    r"little|help\s+from|support\s+from|spoke\s+to|speak\s+to|talk\s+to|talked\s+to|thanks\s+to|ask|asked|"
    r"tell|told|worker|keyworker|visitor|nurse|midwife|teacher|manager|practitioner|officer)"
    r"\.?[ \t]*,?[ \t]*)\Z"
)
# A body's word after a city's name: "Bradford Council", "Preston's hubs", "Bradford city centre".
_A_BODY_AFTER = re.compile(
    r"(?:['’]s)?[ \t]+(?i:council|city|hubs?|centres?|centers?|families|district|area|royal|university|"
    r"children['’]?s|food|baby|moor|college|infirmary|hospital)\b"
)
_FROM_OR_IN = re.compile(
    r"(?i:\b(?:in|near|outside|(?:come|comes|came|coming|moved|drove|travelled|traveled|here|stay|visit|"
    r"visiting|originally|down|up)\s+from)\s+)$"
)


@functools.cache
def _british_cities() -> frozenset[str]:
    """Return the lower-case names of the British places of :data:`CITY_PEOPLE` people or more."""
    return frozenset(name.lower() for name, _lat, _lon, people in british_places() if people >= CITY_PEOPLE)


def reads_as_city(text: str, start: int, end: int) -> bool:
    """Return whether the words at ``text[start:end]`` are, or start with, a big British city's name.

    "from Bradford", "Bradford is City of Culture", "with Bradford Children's Services", "Bradford
    Royal Infirmary": a city of :data:`CITY_PEOPLE` people or more, though its name is also a first
    name, unless a word for someone stands just before it ("my son Preston", "Mr Bradford", "the help
    from Bradford at the jobcentre"); after "in" or "came from", or before a body's word ("spoke to
    Bradford Council"), it is the city all the same.
    """
    words = text[start:end].lower().split()
    if not words or (" ".join(words) not in _british_cities() and words[0] not in _british_cities()):
        return False
    if _FROM_OR_IN.search(text[max(0, start - 12) : start]):
        return True  # "came from Bradford"
    if _SOMEONE_BEFORE.search(text, max(0, start - 30), start):
        return False  # "my son Preston Walker", "our keyworker Preston"
    # "Bradford Royal Infirmary", "Bradford Council", not "Preston Jones": the next word is no surname
    return bool(_A_BODY_AFTER.match(text, end)) or len(words) == 1 or is_english_word(words[1])


_PAIR_END = re.compile(
    r"[ \t]*(?:\Z|\n|(?i:patch|patches|area|areas|locality|hubs?|centres?|open|team|families)\b)"
)
_LIST_ITEM = re.compile(r"[A-Z][\w'’-]*(?:[ \t]+(?:[A-Z][\w'’-]*|St\.?|on|next|the|le|by)){0,3}")


def in_a_list_of_towns(text: str, start: int, end: int) -> bool:
    """Return whether ``text[start:end]`` is an item of a list between two towns.

    "Watton, Denver, Swaffham and Diss": Denver stands between two towns, so it is one, though Denver
    is a first name; "Taverham, Thorpe Marriott and Drayton" likewise for "Marriott". Both neighbours
    must be towns (GeoNames): "we go to Diss and Tom comes too" names a boy.
    """
    sep = r"[ \t]*(?:,|(?i:\band\b)|&|(?i:\bor\b))[ \t]+(?:and[ \t]+)?"
    own = re.search(
        r"(?:(?<![\w'’-])(?!(?:AND|OR)\b)[A-Z][\w'’-]*[ \t]+){0,2}$", text[max(0, start - 40) : start]
    )
    first = start - (len(own[0]) if own else 0)
    more = re.match(r"(?:[ \t]+[A-Z][\w'’-]*){0,2}", text[end : end + 40])
    last = end + (len(more[0]) if more else 0)
    before = re.search(rf"({_LIST_ITEM.pattern}){sep}$", text[max(0, first - 60) : first])
    after = re.match(rf"{sep}({_LIST_ITEM.pattern})", text[last : last + 60])
    if before and after:
        return all(named_for_town(m[1].split()) for m in (before, after))
    # The second of a pair of towns that ends there: "Re: Thetford & Brandon", "the Thetford and
    # Brandon patch", "KEEP THETFORD AND BRANDON OPEN" (not "Thetford and Brandon started school")
    paired = re.search(r"(?i:\band|&)[ \t]+\Z", text[max(0, first - 6) : first])  # (not "Swaffham, Martin.")
    if before and paired and (_PAIR_END.match(text, last) or _PAIR_END.match(text, end)):
        words = before[1].split()  # (in capitals the words before it come too: "KEEP THETFORD")
        towns = [words[k:] for k in range(len(words)) if named_for_town(words[k:])]
        return bool(towns) and not is_first_name(towns[0][0])
    # The list's first item: "(Denver, Hilgay, Stow Bardolph and ...)": the next two are towns
    then = (
        re.match(rf"{sep}({_LIST_ITEM.pattern})", text[last + after.end() : last + after.end() + 60])
        if after
        else None
    )
    return bool(after and then) and all(named_for_town(m[1].split()) for m in (after, then) if m)


def beside_a_place(text: str, start: int, end: int) -> bool:
    """Return whether ``text[start:end]`` is paired by "and", "or" or "&" with a town, street or estate.

    "both Mile Cross and Catton Grove", "Hellesdon or Drayton": the pair are places. Only for words
    that are no first name (:func:`looks_like_place` asks that first): "Diss and Tom" is a boy.

    Parameters
    ----------
    text
        The whole text.
    start, end
        Character offsets of the words.
    """
    sep = r"[ \t]+(?:and|or|&)[ \t]+"
    after = re.match(rf"{sep}({_LIST_ITEM.pattern})", text[end : end + 60])
    before = re.search(rf"({_LIST_ITEM.pattern}){sep}$", text[max(0, start - 60) : start])
    for m in (after, before):
        if m is None:
            continue
        other = m[1].split()
        if is_first_name(other[0]):
            continue  # "Jayden and Brooke": Brooke is a village, and a girl
        # A place on its own: "Dereham Morrisons" is a shop named for its town, no place.
        if _plain(" ".join(other)) in _plain_places() or _a_street_or_estate(other):
            return True
    return False


def _a_street_or_estate(words: list[str]) -> bool:
    """Whether capitalised words end with a street's word or "Estate": "Catton Grove", "Abbey Estate"."""
    last = words[-1].rstrip(".,").lower()
    return len(words) > 1 and (re.fullmatch(STREET_WORDS, last) is not None or last == "estate")


def named_for_town(words: list[str]) -> bool:
    """Whether capitalised words are a town or village (GeoNames, 500 people or more), or named after one.

    "Diss", "Hethersett"; "Dereham Memorial Hall", "Thetford Rugby Club", "Downham Market Town Hall",
    "Thetford-Burrell" (a council division). A first word that is also an ordinary word is not enough.
    """
    towns = town_names()
    place = " ".join(words).lower().replace("’", "'")
    first = words[0].lower()
    if len(words) > 2 and " ".join(words[:2]).lower() in towns:
        return True
    named = len(words) > 1 or "-" in first
    short = _plain(place) in _plain_places()  # "Gorleston" for Gorleston-on-Sea
    town = place in towns or short or (named and first.split("-")[0] in towns)
    return town and not is_ambiguous_name(words[0])


def _plain(words: str) -> str:
    """Return a place name as compared: lower case, apostrophes dropped ("King's Lynn" -> "kings lynn")."""
    return re.sub(r"['’]", "", words.lower())


def place_name_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans of British place names of two to four words written in ``text``, in any case.

    "King's Lynn", "kings lynn", "KINGS LYNN", "Great Yarmouth": no word inside one is a name, though
    "Lynn" alone may be. A place whose first word is a first name ("George Green", "Edith Weston",
    "Newton Stewart") counts only after "in", "at", "to", "near" or "outside": otherwise it may be
    the person. One-word places ("Brandon", "Diss") are left to :func:`looks_like_place`, which
    reads the words around them.

    Parameters
    ----------
    text
        Free text.

    Returns
    -------
    list of (int, int)
        Character offsets (end exclusive) of each place name, longest first where two overlap.
    """
    names = _multi_word_places()
    words = list(re.finditer(r"[\w'’-]+", text))
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        for size in (4, 3, 2):
            group = words[i : i + size]
            gaps = [text[a.end() : b.start()] for a, b in itertools.pairwise(group)]
            if len(group) < size or any(gap.strip() for gap in gaps):
                continue
            name = " ".join(_plain(w[0]) for w in group)
            if name in names and _reads_as_place(text, group[0], name):
                spans.append((group[0].start(), group[-1].end()))
                i += size - 1
                break
        i += 1
    return spans


_AFTER_A_PLACE_WORD = re.compile(r"(?i:\b(?:in|at|to|near|outside|around|into)\s+)$")


def _reads_as_place(text: str, first: re.Match[str], name: str = "") -> bool:
    """Whether a place name starting with the word ``first`` reads as the place, not as a person.

    ``name`` is the place's name as :func:`_plain` writes it: one abroad also reads as a place after
    "from" ("from Hong Kong"); one at home not ("a card from George Green").
    """
    if not is_first_name(first[0]):
        return True
    before = text[max(0, first.start() - 12) : first.start()]
    abroad = name in _multi_word_places_abroad()
    return _AFTER_A_PLACE_WORD.search(before) is not None or (
        abroad and re.search(r"(?i:\bfrom\s+)$", before) is not None
    )


def _plain_places() -> frozenset[str]:
    """Return every British place name as :func:`_plain` writes it, and each short of "-on-Sea" and the like.

    People write "Gorleston" for GeoNames' "Gorleston-on-Sea", "Wells" for "Wells-next-the-Sea" and
    "St" for "Saint".
    """
    return _plain_places_of(town_names())


@functools.lru_cache(maxsize=8)
def _plain_places_of(towns: frozenset[str]) -> frozenset[str]:
    names = {_plain(n) for n in towns}
    names |= {re.sub(r"\bsaint\b", "st", n) for n in names}  # GeoNames' "Thorpe Saint Andrew"
    return frozenset(names | {re.split(r"-(?:on|next|upon|under|by|in|le)-", n)[0] for n in names})


_STREET_OR_BUILDING = re.compile(rf"(?:{STREET_WORDS})$|(?:{'|'.join(BUILDING_WORDS)})$", re.IGNORECASE)


def town_starts_at(text: str, start: int) -> bool:
    """Return whether a British town's or village's name (GeoNames) starts at ``text[start]``.

    "Watton IP25 6DB", "great yarmouth", "Gorleston." do; "Bacton Road" does not: a town's name with
    a street or building word after it names the street.

    Parameters
    ----------
    text
        The whole text.
    start
        Character offset where the name would start.
    """
    return town_length(text, start) > 0


def town_length(text: str, start: int) -> int:
    """Return the length in characters of the town's name that starts at ``text[start]``, or 0.

    The longest name of up to three words on one line that GeoNames has ("Great Yarmouth", "Kings
    Lynn"), unless a street or building word follows it (see :func:`town_starts_at`).

    Parameters
    ----------
    text
        The whole text.
    start
        Character offset where the name would start.
    """
    if not text[start : start + 1].isalpha():
        return 0
    # "West Winch" (GeoNames has Winch), "RAF Marham": a direction or a base before a town's name
    prefix = re.match(
        r"(?:North|South|East|West|Upper|Lower|RAF|MOD|HMS)[ \t]+(?=[A-Z])", text[start : start + 10]
    )
    if prefix:
        rest = town_length(text, start + prefix.end())
        if rest:
            return prefix.end() + rest
    words = list(re.finditer(r"[A-Za-z][A-Za-z'’-]*", text[start : start + 60]))[:3]
    line = text.find("\n", start)
    words = [w for w in words if line < 0 or start + w.end() <= line]
    places = _plain_places()
    for k in range(len(words), 0, -1):
        name = text[start : start + words[k - 1].end()]
        if not re.fullmatch(r"[A-Za-z'’-]+(?:[ \t]+[A-Za-z'’-]+)*", name):
            continue  # the words are not one name: "Watton, IP25"
        # "Thorpe St Andrew": "St" before a name is a saint's, not a street
        saint = k + 1 < len(words) and words[k][0] in ("St", "Saint") and words[k + 1][0][0].isupper()
        named_street = k < len(words) and bool(_STREET_OR_BUILDING.match(words[k][0])) and not saint
        if _plain(" ".join(w[0] for w in words[:k])) in places and not named_street:
            return words[k - 1].end()
    return 0


@functools.cache
def last_words_of_towns() -> frozenset[str]:
    """Return the last words of British places of several words ("lynn" of King's Lynn), lower case."""
    return frozenset(n.split()[-1] for n in _gazetteer_towns() if " " in n)


@functools.cache
def _multi_word_places_abroad() -> frozenset[str]:
    """Return the countries and cities abroad of more than one word, as :func:`_plain` writes them."""
    return frozenset(_plain(n) for n in world_place_names() if " " in n)


@functools.cache
def _multi_word_places() -> frozenset[str]:
    """Return the British place names of more than one word, as :func:`_plain` writes them."""
    return frozenset(_plain(n) for n in _gazetteer_towns() | world_place_names() if " " in n)


# A word in a place's slot: "in Whinburn", "at Kirkthwaite," (not "at Karen's", a home), or before a
# word for a place: "the Sandgarth centre", "Haverholme Marina", "Skelbeck Road".
_IN_A_PLACE_SLOT = re.compile(
    r"(?i:\b(?:in|at|near|into|outside|around)[ \t]+)"
    r"(?-i:([A-Z][a-z]{2,}(?:[ \t]+(?!(?:Family|Hub|Hubs|Centre|Children)\b)[A-Z][a-z]{2,})?))\b(?!['’]s\b)"
    r"|\b(?-i:([A-Z][a-z]{2,}))[ \t]+"
    r"(?:(?i:hubs?|family[ \t]+hub|children['’]?s[ \t]+centre)|centres?|centers?|library|ward|estate)\b"
)


def places_named_in(texts: Sequence[str], *, at_least: int = 2) -> frozenset[str]:
    """Return the words a consultation's comments use as places, in lower case.

    A consultation names its own neighbourhoods, villages and sites again and again, many of them in
    no gazetteer ("the hub in Whinburn", "Kirkthwaite Family Hub", "live in Eccleshill"). A
    capitalised word written in a place's slot in ``at_least`` different comments is one of them,
    unless a comment also writes it where only a person stands ("my son Preston", "Dear Holt").

    Parameters
    ----------
    texts
        The comments of one consultation.
    at_least
        How many different comments must use the word as a place.

    Returns
    -------
    frozenset of str
        The words (and two-word names), lower case.
    """
    from spacy.lang.en.stop_words import STOP_WORDS

    seen: dict[str, int] = {}
    employers = set()
    for text in dict.fromkeys(texts):
        words = set()
        for m in _IN_A_PLACE_SLOT.finditer(text):
            before = re.search(r"([A-Z][\w'’-]*)[ \t]+\Z", text[max(0, m.start() - 30) : m.start()])
            if m[2] and before and before[1].lower() not in STOP_WORDS:
                continue  # "Holme Wood hub": not "Wood" alone (but "Our Kirkby centre")
            word = (m[1] or m[2]).lower()
            words.add(word)
            at = m.start(1) if m[1] else m.start(2)
            if _WORK_BEFORE.search(text, max(0, at - 50), at):
                employers.add(word)  # "12 hour shifts at Sellafield": an employer too
        for word in words:
            seen[word] = seen.get(word, 0) + 1
    # (not a day, a month or a stop word: "in January", "At The"; an English word or a first name only
    # when at least three comments write it as a place: "the hub in Walker" in nine comments of a
    # Newcastle set, but not "shouting at Tyrese" twice or "Evelyn ward" once: a person's name must not
    # become a place for the whole consultation)
    places = {
        w
        for w, n in seen.items()
        if n >= at_least
        and w not in employers
        and not _DAY_OR_MONTH.fullmatch(w)
        and w not in STOP_WORDS
        and (
            " " in w
            or n >= max(at_least, 3)
            or not (is_english_word(w) or is_first_name(w) or is_ambiguous_name(w))
            or w in british_place_names()  # "the Arnold hub": a town's name in two comments
        )
    }
    if not places:
        return frozenset()
    # a word also written as a person's name is left to each comment's context
    people = {
        m[1].lower()
        for text in dict.fromkeys(texts)
        for m in _SOMEONE_NAMED.finditer(text)
        if m[1].lower() in places
    }
    return frozenset(places - people)


_DAY_OR_MONTH = re.compile(
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?|january|february|march|april|may|june|july|august|"
    r"september|october|november|december"
)


_WORK_BEFORE = re.compile(
    r"(?i:\b(?:work|works|worked|working|shifts?|job|jobs|employed|nights|days)(?:[ \t]+[\w'’-]+){0,2}"
    r"[ \t]+(?:at|in|for)[ \t]+)\Z"
)
_SOMEONE_NAMED = re.compile(
    r"(?i:\b(?:my|our|his|her|their)[ \t]+(?:[a-z]+[ \t]+)?(?:son|daughter|boy|girl|baby|husband|wife|"
    r"partner|brother|sister|mum|dad|friend|nan|grandson|granddaughter)|\b(?:mr|mrs|ms|miss|dr|dear|called|named))"
    r"\.?[ \t]+(?-i:([A-Z][a-z]{2,}))"
)
