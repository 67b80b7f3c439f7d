"""Place names of several words are no names, whatever their case; a workplace takes its street."""

from __future__ import annotations

import pytest

from hubplan.consult.identifiers import _with_its_street
from hubplan.consult.place_names import place_name_spans, town_starts_at
from hubplan.consult.redact import find_all, find_personal_data, redact


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("we moved to kings lynn in 2019", ["kings lynn"]),
        ("The King's Lynn hub and the KINGS LYNN one", ["King's Lynn", "KINGS LYNN"]),
        ("near Great Yarmouth, not far from Gorleston", ["Great Yarmouth"]),
        ("Lynn and Morley came with me", []),  # the words apart are no place
        ("George Green picks my son up", []),  # a place named like a person is the person
        ("we moved to George Green last year", ["George Green"]),  # ... unless it reads as a place
    ],
)
def test_place_name_spans(text: str, places: list[str]) -> None:
    assert [text[s:e] for s, e in place_name_spans(text)] == places


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Watton IP25 6DB", True),
        ("great yarmouth", True),
        ("Gorleston.", True),  # GeoNames: Gorleston-on-Sea
        ("KINGS LYNN PE30", True),
        ("Bacton Road", False),  # a town's name before a street word is the street
        ("Central", False),
        ("", False),
    ],
)
def test_town_starts_at(text: str, town: bool) -> None:
    assert town_starts_at(text, 0) is town


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I live at 43a Norwich Road, Watton IP25 6DB.", "I live at [address], Watton IP25 6."),
        ("27 church lane attleborough", "[address] attleborough"),
        ("Flat 12, Kingfisher Court, Great Yarmouth NR30 2QL", "[address], Great Yarmouth NR30 2"),
        ("Flat 6, Clarence Court, Northgate", "[address]"),  # no town: the street is the address's
        ("The Old Forge, Bacton Road, Witton", "[address], Witton"),
        ("flat 2, 31 Nelson Road Central", "[address]"),
    ],
)
def test_an_address_ends_before_the_town_after_it(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_a_name_that_ends_a_town_is_kept_in_the_town_and_removed_as_a_person() -> None:
    text = "We go to the Kings Lynn hub. Lynn from the hub helped us a lot."
    assert redact(text) == "We go to the Kings Lynn hub. [name] from the hub helped us a lot."


@pytest.mark.parametrize(
    ("text", "workplace"),
    [
        ("I work at Singh's Stores, Norwich Road, seven days a week.", "Singh's Stores, Norwich Road"),
        ("She is a nurse at the Paget, ward 4 and works nights.", "the Paget, ward 4"),
        ("I work at the Co-op on Mill Lane so I can walk there.", "the Co-op on Mill Lane"),
    ],
)
def test_a_workplace_takes_its_street_or_ward(text: str, workplace: str) -> None:
    start = text.index(workplace)
    spans = [f for f in find_personal_data(text) if f.kind == "WORKPLACE"]
    covered = {i for f in spans for i in range(f.start, f.end)}
    assert all(i in covered for i in range(start, start + len(workplace)) if text[i].isalnum())


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("Fenland Fruits, Walpole St Andrew, then", "Fenland Fruits"),  # a saint in a village's name
        ("Fenland Fruits, Station Road, then", "Fenland Fruits, Station Road"),
        ("Fenland Fruits on the Hill Street, then", "Fenland Fruits on the Hill Street"),
        ("Fenland Fruits on Church Lane centre", "Fenland Fruits"),  # a centre's name goes on
        ("Fenland Fruits, packing team", "Fenland Fruits, packing team"),
        ("Fenland Fruits, Dereham, then", "Fenland Fruits"),  # a town is not taken
    ],
)
def test_where_a_workplace_ends_with_its_street(text: str, end: str) -> None:
    assert text[: _with_its_street(text, len("Fenland Fruits"))] == end


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("George Green picks my son up on Tuesdays.", "[name] picks my son up on Tuesdays."),
        (
            "My ex, Newton Stewart, is not allowed near the kids.",
            "My ex, [name], is not allowed near the kids.",
        ),
        ("My neighbour Shalom helps with the school run.", "My neighbour [name] helps with the school run."),
    ],
)
def test_a_person_named_like_a_place_or_a_greeting_is_still_removed(text: str, expected: str) -> None:
    """The review's cases: "George Green" and "Shalom" were left in clear by the place and greeting lists."""
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "i do part time at the tesco on yaxham road which is miles from the centre so i cant go",
            "i do part time at [workplace] which is miles from the centre so i cant go",
        ),
        ("I work at Aldi, my team are good", "I work at [workplace], my team are good"),
        (
            "I work at the Paget, the ward sister is lovely",
            "I work at [workplace], the ward sister is lovely",
        ),
        ("I work at Aldi on the way to school", "I work at [workplace] on the way to school"),
        ("the shift from the old centre was hard", "the shift from the old centre was hard"),
        ("The driver from Konect buses was rude", "The driver from Konect buses was rude"),
        ("I work in Norwich city centre", "I work in Norwich city centre"),
        ("I work with children at Little Acorns Nursery", "I work with children at [workplace]"),
    ],
)
def test_a_workplace_takes_its_street_and_nothing_after_it(text: str, expected: str) -> None:
    """The review's cases: a workplace's street, ward or team, but not the words after it."""
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A councillor named in a response is a person; the office stays so the reader knows who spoke.
        (
            "Present: Cllr P. Hingham (Chair), Cllr Ann Moss, District Cllr Joe Lister",
            "Present: Cllr [name] (Chair), Cllr [name], District Cllr [name]",
        ),
        ("Proposed Cllr Moss, seconded Cllr Lister.", "Proposed Cllr [name], seconded Cllr [name]."),
        ("Mr B. Costessey", "[name]"),  # an initial makes a person of a village's name
        ("we moved to N. Walsham last year", "we moved to N. Walsham last year"),  # North Walsham
        # A signature: the name on its line, the employer under it, a house's name before its number.
        (
            "Best wishes,\nMargaret (Maggie) Oduya\nBusy Bees Childminding\nLilac Cottage, 12 Mill Lane, Diss",
            "Best wishes,\n[name] ([name]) [name]\n[workplace]\n[address], Diss",
        ),
        (
            "Thanks,\nCllr Ann Moss\nLabour member for Mile End",
            "Thanks,\nCllr [name]\nLabour member for Mile End",
        ),
    ],
)
def test_titles_initials_and_signatures(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "word", "place"),
    [
        ("buses from Watton, Denver, Swaffham and the fen villages", "Denver", True),
        ("we walk from Watton, Thorpe Marriott and Swaffham", "Marriott", True),
        ("my kids Kayden, Ruby and Tom love it", "Ruby", False),
        ("We go to Diss and Tom comes too", "Tom", False),  # one town beside him is not a list of towns
    ],
)
def test_in_a_list_of_towns(text: str, word: str, place: bool) -> None:
    from hubplan.consult.place_names import in_a_list_of_towns

    start = text.index(word)
    assert in_a_list_of_towns(text, start, start + len(word)) is place


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i work at the Co-op on Mondays and Fridays", "i work at [workplace] on Mondays and Fridays"),
        (
            "During Black History Month the centre had a display",
            "During Black History Month the centre had a display",
        ),
        ("Tasha Day came round with the forms", "[name] came round with the forms"),  # Day is a surname too
    ],
)
def test_times_after_a_workplace_and_named_months_are_kept(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # A country or city abroad after "from", "in", "to" is the place, though "Hong" is a name.
        ("We came from Hong Kong on the BN(O) visa in 2021.", "Hong Kong"),
        ("My husband works in China, so I am on my own.", "China"),
        ("I'm Olena, from Odesa, here under Homes for Ukraine.", "Odesa"),
        ("Mr Karimi, Afghan, resettled last year.", "Afghan"),  # a nationality, not a name
        ("We had Bookbug back home and sing Wind the Bobbin Up.", "Bookbug"),
        ("Diwali and Eid parties at the centre were lovely.", "Eid"),
    ],
)
def test_places_abroad_nationalities_and_feasts_are_no_names(text: str, kept: str) -> None:
    assert kept in redact(text)


@pytest.mark.parametrize(
    ("text", "removed_name"),
    [
        ("my daughter India loves the sensory room", "India"),  # a first name with no place word
        (
            "a card from George Green came today",
            "George Green",
        ),  # a person: a British place only after in/at/to
    ],
)
def test_names_that_are_also_places_stay_names(text: str, removed_name: str) -> None:
    assert removed_name not in redact(text)


@pytest.mark.parametrize(
    ("text", "kept", "removed"),
    [
        # A sign-off: a name, then where the writer lives, at the end of a line.
        ("Please keep it open. Bronwen Hales, Costessey Park.", "Costessey Park", "Bronwen"),
        ("Save our centre!\n- Aoife, Thorpe End", "Thorpe End", "Aoife"),
        ("Cheers, Obinna", "Cheers", "Obinna"),  # a closing, then the name: no place
        # A phrase paired with a town, street or estate is a place too; a first name stays a name.
        ("both Tuckswood and Lakenham Way need it", "Tuckswood", ""),
        ("my kids Mason, Jayden and Brooke go", "", "Jayden"),  # Brooke is a village and a girl
        ("We live on the Hillside Estate now", "Hillside Estate", ""),
        ("from Walpole St Peter to Lynn is 9 miles", "Walpole St Peter", ""),
        # A city of 300,000 people or more after "from" or "in", though a first name.
        ("my cousin drove down from Bradford for it", "Bradford", ""),
        ("my son Preston loves the sand tray", "", "Preston"),  # a clue for a person wins
    ],
)
def test_places_in_sign_offs_pairs_estates_and_cities(text: str, kept: str, removed: str) -> None:
    out = redact(text)
    assert kept in out
    if removed:
        assert removed not in out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "works" after a name is the verb, and a full stop ends a brand's name.
        (
            "Family of four, Swaffham. Husband Darius works in the Crisp Maltings plant, I work at the Boots.",
            "Family of four, Swaffham. Husband [name] works in [workplace], I work at [workplace].",
        ),
        ("He did twenty years at the Colman's works near Norwich", "He did twenty years at [workplace]"),
        # The council as a meeting is no workplace.
        ("I raised it at the Town Council last month", "I raised it at the Town Council last month"),
        ("Nanny Pat has been going for years", "Nanny [name] has been going for years"),
        ("Wife Ewelina cleans at night.", "Wife [name] cleans at night."),
        ("Romanian family. Husband Darius works nights.", "Romanian family. Husband [name] works nights."),
    ],
)
def test_kin_before_names_and_sentences_end_workplaces(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Dan Kerrison · Costessey Woods · 3d\nSigned it.", "Costessey Woods"),  # a post's place
        ("We came from Syria (Aleppo) in 2016.", "Aleppo"),  # a place after a country
        ("We're from Kenya, Eldoret, and love it", "Eldoret"),
        ("Mass for the Feast of St Thomas Becket", "Thomas Becket"),  # a saint
        ("born at Royal Victoria Hospital Belfast", "Royal Victoria Hospital Belfast"),
        ("we'd go with them to Caister on the Flagg 1 bus", "Flagg"),  # a bus company before its route
        ("from Cromer to Gorleston with twins", "Gorleston"),  # GeoNames: Gorleston-on-Sea
        ("We walk down Grammar School Road every day", "Grammar School Road"),
        ("the office of Priya Lamb MP sent it", "Priya Lamb"),  # an MP in office is public
        ("My sister Kirsty uses the centre in South Lynn", "South Lynn"),
    ],
)
def test_more_places_that_are_no_names(text: str, kept: str) -> None:
    assert kept in redact(text)


def test_a_post_heading_without_a_place_keeps_its_author_redacted() -> None:
    assert redact("Graham Tebbutt · 2d\nSigned.") == "[name] · 2d\nSigned."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A dash set apart ends a workplace phrase.
        (
            "my partner works at Marham Base – yes, the RAF one – on nights",
            "my partner works at [workplace] – yes, the RAF one – on nights",
        ),
        # A centre named by its place is the service consulted on, not someone's workplace.
        (
            "As ward member I have had letters about the cuts at the Fairstead centre.",
            "As ward member I have had letters about the cuts at the Fairstead centre.",
        ),
        # A table's cells: a tab parts a time from a street word.
        ("48219\t15/03/2025 06:02\tNR19\tToftwood\tDON'T CLOSE IT", "unchanged"),
    ],
)
def test_workplace_phrases_and_table_cells(text: str, expected: str) -> None:
    assert redact(text) == (text if expected == "unchanged" else expected)


# Session 18: neighbourhoods GeoNames lacks, from Britain's ward names (held-out 76 and 79 damaged them
# blind), a ward's name that is also a surname or a first name left to context (review 21), and a town
# on an address's lines.
@pytest.mark.parametrize(
    ("text", "kept", "removed"),
    [
        ("We live in Bestwood, by the Co-op", "Bestwood", ""),  # a ward's one word "in" it
        ("We moved into Normacot in 2019.", "Normacot", ""),
        ("Eyres Monsell has some of the highest levels of child poverty.", "Eyres Monsell", ""),
        # a ward that is also a surname (the 1990 US census list) is a name after a first name
        ("Please keep it open.\nThanks, Amber Lockwood", "Please keep it open.", "Amber Lockwood"),
        ("Please keep it.\n\nJess Moorcroft & Priya Rao", "Please keep it.", "Jess Moorcroft"),
        # review 21: a ward's one word may be a British surname no list has, or a child's name
        ("Our worker Sarah Cubitt was amazing. Cubitt visited every week.", "visited", "Cubitt"),
        ("Teifi (3) and Illtyd (18 months) both go to the stay and play.", "both go", "Teifi"),
        ("My partner Heath Charnock and I both work shifts.", "both work", "Heath Charnock"),
        # a title after a name makes a person, though the surname is a village's
        ("Keep the bus.\nIvy Bircham (Mrs)", "(Mrs)", "Ivy Bircham"),
        # the town of an address, after its street and before its postcode
        ("Yours,\nDerek Clifton\n9 Farnborough Road, Clifton, NG11 8GF", ", Clifton, NG11", "Derek"),
        ("Address: 41 Horninglow Road, Burton upon Trent, DE13 0SN", "Burton upon Trent", "Horninglow"),
        ("Rose Cottage\nFord Lane\nMary Tavy\nTavistock\nPL19 9PT", "Mary Tavy", ""),
        # ... not a name on the line after an address that has ended, or no postcode follows, nor a
        # person's name set between the street and the postcode (review 21)
        ("Tomas Jankauskas, 8 Besthorpe Road, NR17 2NE\nAušra Mikalauskaitė, TA", "TA", "Aušra"),
        ("Sophie Riches, 118 Bignold Road\nMarta Nowicka\nChantelle Green", "", "Marta Nowicka"),
        ("12 Park Road, Sarah Smith, NG5 1AB", "NG5", "Sarah Smith"),
        ("14 Church Lane, Bulwell, Sarah Smith NG6 8AB", "Bulwell", "Sarah Smith"),
    ],
)
def test_ward_neighbourhoods_and_address_towns(text: str, kept: str, removed: str) -> None:
    out = redact(text)
    assert kept in out
    assert not removed or removed not in out


def test_a_wards_name_that_is_a_first_name_is_no_consultations_place_after_two_comments() -> None:
    """Review 21: "at Eden" twice must not make Eden (a ward, and a girl's name) a place everywhere."""
    texts = ["we meet at Eden on Mondays", "the group at Eden is lovely", "Eden is 2 and loves the hub"]
    found = find_all(texts)
    assert {texts[2][f.start : f.end] for f in found[2]} == {"Eden"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # hospitals and hospices named for a person, where families go: no one's name
        (
            "My youngest is under Alder Hey, the clinic is fine.",
            "My youngest is under Alder Hey, the clinic is fine.",
        ),
        (
            "we lived at Ronald McDonald House for six weeks",
            "we lived at Ronald McDonald House for six weeks",
        ),
        (
            "She gets respite at Claire House. People assume",
            "She gets respite at Claire House. People assume",
        ),
        (
            "She put us in touch with Ronald McDonald House for support",
            "She put us in touch with Ronald McDonald House for support",
        ),
        ("Helen & Douglas House were amazing with us", "Helen & Douglas House were amazing with us"),
        (
            "We were transferred to Addenbrooke's, with Alder Hey after",
            "We were transferred to Addenbrooke's, with Alder Hey after",
        ),
        ("We get respite at Donna Louise once a month.", "We get respite at Donna Louise once a month."),
        (
            "Its clinic was moved to the Samuel Johnson in Lichfield",
            "Its clinic was moved to the Samuel Johnson in Lichfield",
        ),
        ("our Macmillan nurse was brilliant", "our Macmillan nurse was brilliant"),
        # ... but someone the writer knows by that name is a person, and where someone works is a workplace;
        # and a first name or a surname House alone is someone (review 21)
        ("My son Martin House is 4", "My son [name] is 4"),
        ("I spoke to Rosie at the hub", "I spoke to [name] at the hub"),
        ("Naomi House was our key worker.", "[name] was our key worker."),
        ("Cllr Richard House said no.", "Cllr [name] said no."),
        (
            "Thanks to Richard House, our key worker, we got help.",
            "Thanks to [name], our key worker, we got help.",
        ),
        ("Talk to Martin House at the hub, he knows.", "Talk to [name] at the hub, he knows."),
        # ... nor a first name and House alone, nor a hospital's name after "from" or before "'s" (review 23)
        ("Francis House was my key worker at the hub.", "[name] was my key worker at the hub."),
        ("Evelina started reception this year.", "[name] started reception this year."),
        (
            "I had a call from Jessie May, the support worker.",
            "I had a call from [name], the support worker.",
        ),
        ("He is in Samuel Johnson's group at the hub.", "He is in [name]'s group at the hub."),
        ("I work at Claire House as a nurse", "I work at [workplace] as a nurse"),
    ],
)
def test_hospitals_and_hospices_named_for_people(text: str, expected: str) -> None:
    assert redact(text) == expected
