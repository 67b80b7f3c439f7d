"""Workplaces found from the parse, and greetings, festivals and communities that are no names.

The sentences are written here, apart from the labelled sets, in the ways the held-out sets showed
people say where they work without a set phrase ("does nights at", "drives a lorry for").
"""

from __future__ import annotations

import pytest
import spacy

from hubplan.consult.redact import MODEL, find_personal_data
from hubplan.consult.work_grammar import grammar_workplaces
from tests.consult.spans import removed, touched


@pytest.fixture(scope="module")
def nlp():
    return spacy.load(MODEL)


@pytest.mark.parametrize(
    ("text", "workplace"),
    [
        ("my partner does nights at pinguins in kings lynn so im on my own", "pinguins"),
        ("i do part time at the lidl on swaffham road so mornings only", "the lidl on swaffham road"),
        ("He drives a lorry for Hanson Haulage most weeks.", "Hanson Haulage"),
        ("I retired from Wymondham Leisure Centre two years ago.", "Wymondham Leisure Centre"),
        ("she is a carer in larkfield care home and works weekends", "larkfield care home"),
    ],
)
def test_a_workplace_said_without_a_set_phrase_is_found(text: str, workplace: str) -> None:
    assert removed(text, workplace)


def test_the_parse_gives_the_workplace_phrase_and_no_more(nlp) -> None:
    # "in Watton" hangs on "works": the town is not part of the workplace, nor the kids' centre.
    text = "My husband works at Cranswick in Watton and I take the kids to the centre."
    spans = [text[s:e] for s, e in grammar_workplaces(nlp(text))]
    assert spans == ["Cranswick"]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("I was delivered at the Queen Elizabeth in 1990 and so were my kids.", "Queen Elizabeth"),
        ("I am a childminder in Attleborough and bring my mindees to the centre.", "Attleborough"),
        ("we do the dinners at the school and the centre is next door", "the school"),
        ("I work nights at the weekend so I need the Saturday group.", "the weekend"),
        ("He drives a cab (licensed with Breckland Council licensing) for a firm.", "Breckland Council"),
    ],
)
def test_what_is_no_workplace_is_left(text: str, kept: str) -> None:
    start = text.index(kept)
    workplaces = [f for f in find_personal_data(text) if f.kind == "WORKPLACE"]
    assert not any(f.start < start + len(kept) and start < f.end for f in workplaces)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Dzień dobry, I am writing about the centre in Thetford.", "Dzień dobry"),
        ("Inshallah the council will listen. Thank you.", "Inshallah"),
        ("Sat Sri Akal. We celebrate Lohri and Vaisakhi at the centre.", "Lohri"),
        ("Vanakkam. The Pongal party at the hub was wonderful.", "Vanakkam"),
        ("We are an Irish Traveller family on the site near Fakenham.", "Irish Traveller"),
        ("Bore da! We moved here from Wales last year.", "Bore da"),
        ("Merhaba, my English is not good but the centre helps us.", "Merhaba"),
        ("Cześć! The group on Fridays is the best thing here.", "Cześć"),
        ("Thank you for listening. Khuda hafez.", "hafez"),
        ("Jai Shree Ram. The hub helped my daughter-in-law.", "Jai Shree Ram"),
        ("My nan speaks Romani to the kids.", "Romani"),
        ("Kuya drives us to the centre on Tuesdays.", "Kuya"),  # a brother by his family word
        ("My son Jack has Down's syndrome and loves the group.", "Down's syndrome"),
        ("We came through Homes for Ukraine in 2022.", "Homes for Ukraine"),
        ("The children love Forest School on Mondays.", "Forest School"),  # a session, not a school
        ("Our Polish Saturday school meets in the hall.", "Saturday school"),
        ("The centre on Lincoln Avenue is the one we use.", "Lincoln Avenue"),  # a street, not a man
    ],
)
def test_greetings_festivals_and_communities_are_no_names(text: str, kept: str) -> None:
    assert not touched(text, kept)


def test_a_surname_that_is_also_a_word_of_thanks_is_still_removed() -> None:
    # "asante sana" is Swahili thanks; Asante alone is a Ghanaian surname, so it is not on the list.
    assert removed("My GP is Dr Kofi Asante at the health centre.", "Kofi Asante")


def test_a_name_after_a_greeting_is_still_removed() -> None:
    text = "Salaam alaikum, I am Ifrah and my son Bilal goes to the baby group."
    assert removed(text, "Ifrah")
    assert removed(text, "Bilal")
    assert not touched(text, "Salaam alaikum")


@pytest.mark.parametrize(
    ("text", "business", "workplace"),
    [
        ("I'm a plasterer, self employed, JB Plastering, so no sick pay.", "JB Plastering", True),
        ("My partner has his own firm, Kowalski Roofing, out of Dereham.", "Kowalski Roofing", True),
        ("She does nails from home (Aisha's Nails) most evenings.", "Aisha's Nails", True),
        ("We had no hot water and needed Central Heating and Plumbing advice.", "Central Heating", False),
    ],
)
def test_a_business_named_for_its_trade_is_a_workplace_when_a_person_names_it(
    text: str, business: str, workplace: bool
) -> None:
    assert removed(text, business) is workplace


@pytest.mark.parametrize(
    ("text", "workplace"),
    [
        # The town after a workplace is part of it: which branch identifies the worker.
        ("I work at the Morrisons in Swaffham on the tills", "the Morrisons in Swaffham"),
        ("he is a driver for Fenland Haulage, Wisbech, so away all week", "Fenland Haulage, Wisbech"),
        # Phrases about work without "work".
        ("she does the school run on her days off from the Aldi on Dereham Road", "the Aldi on Dereham Road"),
        ("my partner does seasonal at Pontins and is laid off in winter", "Pontins"),
        ("I am a registered childminder trading as Little Owls Childminding.", "Little Owls Childminding"),
        # Serving now: a base after "at" or "posted to", a unit someone is with.
        ("since I went onto nights at RAF Coningsby, I barely see him", "RAF Coningsby"),
        ("we are a forces family posted to Kendrew Barracks last year", "Kendrew Barracks"),
        (
            "My husband is with the Royal Anglians at Elizabeth Barracks.",
            "the Royal Anglians at Elizabeth Barracks",
        ),
        # A business someone has; a lower-case place of work of several words.
        (
            "I have Nadia's Cafe & Deli on Bridge Street in Thetford.",
            "Nadia's Cafe & Deli on Bridge Street in Thetford",
        ),
        (
            "My brother has the fruit stall on Diss Market so mornings are out.",
            "the fruit stall on Diss Market",
        ),
        ("i do cleaning at market rasen racecourse on race days", "market rasen racecourse"),
        ("he works at the Dunston Hall spa most weekends", "the Dunston Hall spa"),
        # A signature's employer before a pipe; a town after "out of"; "where I am" a job; "on the bins".
        ("Jo Hart\nPractice Nurse\nChapel Road Surgery | 4 Chapel Road, Attleborough", "Chapel Road Surgery"),
        ("He drives for Kett Haulage out of Dereham most weeks.", "Kett Haulage out of Dereham"),
        ("I write from Castle Pharmacy in Swaffham where I am a pharmacist.", "Castle Pharmacy"),
        ("I'm on the bins for Broadland Council so I start at six.", "Broadland Council"),
    ],
)
def test_where_someone_works_now_with_its_town(text: str, workplace: str) -> None:
    assert removed(text, workplace)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("families living in the old RAF Watton site", "RAF Watton"),  # once a base
        ("Grandad served 9 years in the Coldstream Guards", "Coldstream Guards"),  # history
        ("I work at the Co-op, Norwich is too far", "Norwich is"),  # no town: "Norwich" starts a clause
    ],
)
def test_past_service_and_places_are_no_workplace(text: str, kept: str) -> None:
    assert not touched(text, kept)
