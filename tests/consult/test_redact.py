"""Redaction measured on labelled comments written as people write, and no personal data in any message.

The labelled sets (tests/consult/data) give each comment's planted personal data and harmless phrases
as exact character spans; recall is worked out here from those spans, so a recogniser that stops
finding a kind fails its threshold.
"""

from __future__ import annotations

import importlib
import json
import unicodedata
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from hubplan.consult import read_responses, redact
from hubplan.consult.recognisers import nhs_number_is_valid
from hubplan.consult.redact import find_personal_data, postcode_sector
from hubplan.errors import InputError
from tests.consult.spans import removed

DATA = Path(__file__).parent / "data"
KINDS = ("name", "phone", "postcode", "dob", "nhs", "email", "email_obf", "address", "school")


def _rows(name: str) -> list[dict]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _covered(text: str) -> set[int]:
    return {i for f in find_personal_data(text) for i in range(f.start, f.end)}


def _recall(rows: list[dict]) -> tuple[Counter[str], Counter[str]]:
    planted: Counter[str] = Counter()
    removed: Counter[str] = Counter()
    for row in rows:
        covered = _covered(row["text"])
        for span in row["spans"]:
            if span["kind"] == "keep":
                continue
            planted[span["kind"]] += 1
            chars = [i for i in range(span["start"], span["end"]) if row["text"][i].isalnum()]
            removed[span["kind"]] += all(i in covered for i in chars)
    return planted, removed


@pytest.fixture(scope="module")
def labelled() -> tuple[Counter[str], Counter[str]]:
    return _recall(_rows("pii_labelled.jsonl"))


def test_the_labelled_sets_are_as_large_as_promised_and_their_spans_exact() -> None:
    rows = _rows("pii_labelled.jsonl")
    spans = [s for r in rows for s in r["spans"]]
    assert all(r["text"][s["start"] : s["end"]] == s["value"] for r in rows for s in r["spans"])
    kinds = Counter(s["kind"] for s in spans)
    assert sum(v for k, v in kinds.items() if k != "keep") >= 300
    assert kinds["name"] >= 80
    assert kinds["keep"] >= 100
    assert set(KINDS) <= set(kinds)
    held = [s for r in _rows("pii_heldout.jsonl") for s in r["spans"] if s["kind"] != "keep"]
    assert len(held) >= 60


@pytest.mark.parametrize("kind", KINDS)
def test_recall_of_each_kind_on_the_labelled_set_is_at_least_95_percent(
    labelled: tuple[Counter[str], Counter[str]], kind: str
) -> None:
    planted, removed = labelled
    assert planted[kind] >= 10
    assert removed[kind] / planted[kind] >= 0.95, (kind, removed[kind], planted[kind])


@pytest.mark.parametrize("name", ["pii_heldout.jsonl", "pii_after.jsonl"])
def test_recall_on_the_other_sets_is_at_least_90_percent_and_85_for_names(name: str) -> None:
    planted, removed = _recall(_rows(name))
    assert sum(removed.values()) / sum(planted.values()) >= 0.90
    assert removed["name"] / planted["name"] >= 0.85


@pytest.mark.parametrize("name", ["pii_labelled.jsonl", "pii_heldout.jsonl", "pii_after.jsonl"])
def test_every_harmless_phrase_survives(name: str) -> None:
    for row in _rows(name):
        keep = [s for s in row["spans"] if s["kind"] == "keep"]
        if not keep:
            continue
        clean = redact(row["text"])
        covered = _covered(row["text"])
        for span in keep:
            assert not covered & set(range(span["start"], span["end"])), (span["value"], clean)
            assert span["value"] in clean, (span["value"], clean)


@pytest.mark.parametrize(
    "text",
    [
        "the centre is 5 minutes walk from us",
        "we take 2 buses to get there",
        "ive been going since 2015",
        "my son is in Year 6 now",
        "Thanks for listening to parents in Norwich",
    ],
)
def test_harmless_numbers_and_places_are_left_alone(text: str) -> None:
    assert redact(text) == text


def test_the_issues_examples_are_removed() -> None:
    assert redact("Sarah and I take Alfie") == "[name] and I take [name]"
    assert redact("my son Jayden loves it") == "my son [name] loves it"
    assert redact("ask for Kerry-Ann") == "ask for [name]"
    assert redact("call 0044 7700 900654") == "call [phone]"
    assert redact("jo dot smith at gmail dot com") == "[e-mail]"


def test_nhs_check_digit() -> None:
    # 943 476 5919 is the NHS's own example number: weights 10..2 give 299, 299 mod 11 = 2, 11 - 2 = 9.
    assert nhs_number_is_valid("943 476 5919")
    assert not nhs_number_is_valid("943 476 5918")
    assert redact("my nhs number is 943 476 5919") == "my nhs number is [NHS number]"
    # A ten-digit number failing the check is no NHS number (after "reference" it is a reference).
    assert redact("the code 9434765918 on the letter") == "the code 9434765918 on the letter"
    assert redact("reference 9434765918 on the letter") == "reference [reference] on the letter"


def test_postcodes_in_any_spacing_become_sectors() -> None:
    assert redact("we are at nr47uy") == "we are at NR4 7"
    assert redact("postcode NR 4  7UY thanks") == "postcode NR4 7 thanks"
    assert postcode_sector("nr4 7uy") == "NR4 7"


def test_a_planted_bare_name_never_reaches_a_theme_label() -> None:
    pytest.importorskip("sklearn")
    from hubplan.consult.themes import find_themes

    comments = [
        "ask for Kerry at the desk, the bus is hourly",
        "Kerry on the desk knows us, the bus is hourly",
        "ring Kerry, buses are hourly and late",
        "Kerry and I take the bus every week",
        "the stay and play group is lovely",
        "stay and play group with my son Jayden is lovely",
        "Jayden loves the stay and play group",
        "lovely stay and play group staff",
    ]
    vectors = np.repeat(np.eye(2, 8, dtype=np.float32), 4, axis=0)
    vectors += np.linspace(0, 0.01, 8, dtype=np.float32)[:, None]
    themes = find_themes(comments, vectors, k=2, seed=0)
    published = " ".join(t.label + " " + " ".join(t.words) + " " + " ".join(t.quotes) for t in themes).lower()
    assert "bus" in published  # the labels are made of the comments' words ...
    assert "kerry" not in published  # ... but never of a name
    assert "jayden" not in published
    assert "name" not in " ".join(t.label + " ".join(t.words) for t in themes)


PERSONAL = ("Kerry-Ann", "NR4 7UY", "07700 900654", "jo.smith@gmail.com", "lives at 12 Mill Road")
HEADER = "response_id,submitted_at,respondent_type,postcode,centre,support,comment\n"


@pytest.mark.parametrize(
    ("content", "column"),
    [
        (HEADER + "r1,2018-10-01,parent,NR4 7UY,Site one,agree,Kerry-Ann 07700 900654,extra\n", "field 8"),
        (HEADER + "r1,2018-10-01,parent,NR4 7UY,Site one,agree,jo.smith@gmail.com\x00\n", "comment"),
        (HEADER + "r1,2018-10-01,parent,NR4 7UY\n", "centre"),
    ],
)
def test_a_bad_row_is_an_error_naming_file_row_and_column_and_never_a_respondents_words(
    tmp_path: Path, content: str, column: str
) -> None:
    path = tmp_path / "responses.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_responses(path)
    problem = caught.value.problems[0]
    assert (problem.file, problem.row) == ("responses.csv", 2)
    assert (problem.column or "").startswith(column)
    message = str(caught.value)
    for secret in PERSONAL:
        assert secret not in message, (secret, message)
    assert "Kerry" not in message


def test_a_row_of_wrong_values_is_a_problem_that_quotes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "responses.csv"
    path.write_text(
        HEADER
        + "r1,Kerry-Ann,NR4 7UY,07700 900654,x,lives at 12 Mill Road,c\n"
        + "r2,2018-10-01,parent,NR4 7UY,,agree,ok\n",  # one good row: the import goes on
        encoding="utf-8",
    )
    result = read_responses(path)
    assert [r["response_id"] for r in result.rows] == ["r2"]
    assert {(p.row, p.column) for p in result.problems} == {
        (2, "submitted_at"),
        (2, "respondent_type"),
        (2, "support"),
    }
    message = " ".join(str(p) for p in result.problems)
    for secret in PERSONAL:
        assert secret not in message, (secret, message)
    assert "Kerry" not in message


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\xef\xbb\xbf\r\n  \n"])
def test_an_empty_or_bom_only_file_is_named(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "responses.csv"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_responses(path)
    assert caught.value.problems[0].file == "responses.csv"
    assert "empty" in str(caught.value.problems[0])


# --- issue 26 item 7: recognisers that generalise (examples written apart from the labelled sets) ---


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("my ni is zx 98 76 54 a ok", "zx 98 76 54 a"),  # NI, lower case, spaced
        ("NI: GH987654B.", "GH987654B"),  # NI, run together
        ("her car YK21 PLM was keyed", "YK21 PLM"),  # current registration
        ("the old R219 KFT estate", "R219 KFT"),  # prefix format
        ("dad's classic DKW 456S", "DKW 456S"),  # suffix format
        ("dm me @tom.p_88 any time", "@tom.p_88"),
        ("see https://www.tiktok.com/@bexx.h for videos", "https://www.tiktok.com/@bexx.h"),
        ("he was born on the thirty-first of October 2018", "thirty-first of October 2018"),
        ("her birthday is twenty-first of June", "twenty-first of June"),
        ("we moved here 21.11.20 and love it", "21.11.20"),
        ("I used to work weekends at Greggs on London Street", "Greggs on London Street"),
        ("got made redundant from Unilever in 2019", "Unilever"),
        ("ofsted reg EY700123", "EY700123"),
        ("write to d'arcy.k@btinternet.com", "d'arcy.k@btinternet.com"),
        ("we love it says bronwen-mai", "bronwen-mai"),  # hyphenated, lower case
        ("P. Achterberg was our worker", "P. Achterberg"),  # an initial
        ("Temitope and Eilidh came too", "Eilidh"),  # a name on no list, paired with one that is
        ("Małgorzata brought cake", "Małgorzata"),  # accented
        # Workplaces said the ways people say them (issue 26, tune4).
        ("i do lates at the Morrisons in Dereham most weeks", "the Morrisons in Dereham"),
        ("my brother drives for Sanders Coaches", "Sanders Coaches"),
        ("been signed off from Lotus since june", "Lotus"),
        ("he is a chef at the Jade Garden restaurant on Prince of Wales Road", "Jade Garden restaurant"),
        ("she's a picker at the 3 Counties depot", "3 Counties depot"),
        ("im on the tills at the garden centre in Hoveton", "the garden centre in Hoveton"),
        ("my wife is an HGV driver with Culina of Wisbech", "Culina of Wisbech"),
        # Registers named before a number with letters in it.
        ("NMC PIN 71B2345C, ask me anything", "71B2345C"),
        ("my GMC number is 6012345", "6012345"),
        ("enhanced DBS 001234567890 renewed last year", "001234567890"),
        # A month and year of birth, a named day.
        ("she was born in February 2022 at the N&N", "February 2022"),
        ("our twins were born on christmas eve 2019", "christmas eve 2019"),
        # Names given away by what follows, by "my", by a sign-off or a family title.
        ("Faith from the baby group phoned me every week", "Faith"),
        ("Blessing who runs the toddler group is a star", "Blessing"),
        ("ask kemi on reception, she knows", "kemi"),
        ("KT from the dads group set it up", "KT"),
        ("my Holly cried when we told her", "Holly"),
        ("Nothing else is near us. Sunita", "Sunita"),
        ("ask uncle deano, he takes them", "deano"),
        ("Abu Bakr at the mosque told us about it", "Abu Bakr"),
        ("Elspeth and Catriona go on Mondays", "Elspeth"),
        # Written apart from tune5 (issue 26, held-out 3 then tuned on): the same forms, other words.
        ("my sister works in the bakery at Hunstanton", "bakery at Hunstanton"),
        ("he's a plasterer for Kingsway Builders", "Kingsway Builders"),
        ("we run a cafe (The Copper Kettle) in Holt", "The Copper Kettle"),
        ("temping through Adecco since may", "Adecco"),
        ("he drives the 12 bus for Sanders Coaches", "Sanders Coaches"),
        ("my son was born 4/5/2019.", "4/5/2019"),
        ("she was born 2020 in june", "2020 in june"),
        ("the twins were born 12 czerwca 2021 in Gdansk", "12 czerwca 2021"),
        ("staff number 77310 if you need it", "77310"),
        ("collar number PC 4410", "PC 4410"),
        ("NHS number for my son 123 456 7891 if needed", "123 456 7891"),
        ("the playgroup leader, Bryony, is lovely", "Bryony"),
        ("whose daughter Anwen starts in May", "Anwen"),
        ("Name: Ottilie Frost", "Ottilie Frost"),
        ("auntie rose takes them on Tuesdays", "rose"),
        ("KJ and ruby love it there", "KJ"),
        ("my son Tobias (TJ) loves it", "TJ"),
        ("the family next door, the Kowalskis, use it", "Kowalskis"),
        ("Fergus MacDonald here, dad of two", "MacDonald"),
        ("ring me 01263 777 1234 after six", "01263 777 1234"),  # a digit too many: still a number
        ("me n Gosia go every week", "Gosia"),
        ("Leon n Marysia love the sing-along", "Leon"),
        ("I work in the Spar in Reepham, nights", "Spar"),
        ("we farm at Manor Farm near Diss", "Manor Farm"),
        ("Bogdan from Dereham nursing home told us", "Dereham nursing home"),
        ("a Health Visitor (NMC 12A3456E) for Suffolk County Council Adult Services", "Suffolk"),
        (
            "Regards\nTomasz Lis\nFamily Outreach Worker\nBrightwell Community Trust\nTel 01603 000 000",
            "Brightwell Community Trust",
        ),  # a signature: the employer under the job title
        ("Dr Ana Kovac, Salaried GP\nMillbrook Medical Centre, Attleborough", "Millbrook Medical Centre"),
        ("she is reception at the Travelodge outside Swaffham", "the Travelodge outside Swaffham"),
        ("works at the Sainsbury's near Longwater retail park", "Longwater retail park"),
        ("my brother on the line at the turkey factory", "the turkey factory"),
        ("he cleans in a chip shop in Fakenham, Golden Fry", "Golden Fry"),
        ("I rang 01362 000 000, I'm at 14 Oak Lane, Shipdham", "14 Oak Lane"),
        ("Mandeep Singh Bains here, grandad of three", "Mandeep Singh Bains"),
        ("I am the parent of Dilnoza, who is deaf", "Dilnoza"),
        ("my son-in-law Arjun does drop off", "Arjun"),
        ("other dads, Tymon and Vasyl, come too", "Tymon"),
        ("his first name is Blessing and he is from Accra", "Blessing"),
        ("we see Okonjo on Tuesdays, and Dr Okonjo says it helps", "Okonjo"),  # the first, before "Dr Okonjo"
        ("her birthday is on 14/8 so we have the party there", "14/8"),
        ("my taxi licence plate NR 4471 is on the cab", "NR 4471"),
        ("my brother is a lance corporal at RAF Coningsby now", "RAF Coningsby"),
        ("she picks at Fenland Growers every summer", "Fenland Growers"),
        ("I do agency shifts for Kestrel Removals on Saturdays", "Kestrel Removals"),
        ("our son Arman was born 1400/3/12 by their calendar", "1400/3/12"),
        ("twins (b. 9 XI 2020) both go", "9 XI 2020"),
        ("he'll be 2 on the 30th so cake at the centre", "the 30th"),
        ("the grandkids are ruby-mae, keanu and tayla", "tayla"),
        (
            "Contact: Emma Lowe | Support Worker | Orchard Lodge Care, Fakenham | 01328 000000",
            "Orchard Lodge Care",
        ),
        ("Employer: Harlow Printing Ltd. I am a parent too", "Harlow Printing Ltd"),
        ("my wife works Greggs in the mornings", "Greggs"),
    ],
)
def test_recognisers_generalise_to_unseen_forms(text: str, value: str) -> None:
    """Forms not in any labelled set: each item must be inside a found span."""
    assert removed(text, value), (text, value)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Mark my words, they will close it", "Mark"),
        ("Grace before meals at the church group", "Grace"),
        ("Will the centre stay open in May?", "Will"),
        ("the time is 10.30 and the price 4.50", "10.30"),
        ("I work at home most days", "home"),
        ("Bob's your uncle, the hub is gone", "Bob"),
        ("we drove to King's Lynn for the session", "Lynn"),
        ("Ofsted rated it good last time", "Ofsted"),
        ("the GP from the surgery came along", "GP"),
        ("our MP, Liz Truss, voted for it", "Truss"),  # a national figure in office is public, kept
        ("the hub helped us so much. Diolch", "Diolch"),
        ("I volunteer at the centre on Fridays", "centre"),
        ("im a carer for my mum since her stroke", "my"),
        ("I was a nurse for years before the kids", "years"),
        ("ta for listening", "listening"),
        ("Foster carers rely on it, I am a foster carer myself", "Foster"),
        ("Sue the council, I say", "Sue"),
        ("we live between Diss and Loddon", "Diss"),
        ("the Healthy Child Programme runs it", "Healthy"),
        ("the staff 2019 party was fun", "2019"),
        ("mail jo.baker@example.co.uk. Home-Start helped", "Home"),
        ("NI QQ 12 34 56 C. Holly bushes by the gate", "Holly"),
        ("I work in the Early Years team", "Early"),
        ("we both work for Action for Children", "Action"),
        ("I work in the Broads in summer", "Broads"),
        ("the meeting at Attleborough Town Hall, 7pm", "Attleborough"),
        ("Sent: Tuesday 9 April 2024 10:02", "9 April 2024"),  # an e-mail's date, not a birth
        ("Minutes of the meeting at Holt Community Centre, 2 May 2024", "2 May 2024"),
        ("his scan was at the Nelson Ward and he is fine", "Nelson"),  # "the <Name>": a place
        ("I work for Action for Children, the charity", "Action"),  # a charity consulted on, kept
        ("my husband is the pastor at St Mark's Church", "Church"),
        ("born and raised in Norwich in 1990, I know the area", "1990"),
        ("I work Mondays and Fridays only", "Mondays"),
        ("he works away with the Travellers in summer", "Travellers"),
        ("paid £40 in Thetford-Castle ward", "Thetford"),
        ("we walked round Hethersett, my son loved it", "Hethersett"),  # a town, then "my son"
    ],
)
def test_ordinary_words_that_are_names_survive_without_a_clue(text: str, phrase: str) -> None:
    """A word-name with no clue, a time, "work at home" are not redacted."""
    from hubplan.consult.redact import find_personal_data

    start = text.index(phrase)
    assert not any(f.start <= start < f.end for f in find_personal_data(text)), text


def test_a_word_name_found_in_one_comment_is_not_removed_from_another() -> None:
    """ "my son Mark" names Mark; "Mark my words" elsewhere keeps its Mark; a plain name still spreads."""
    from hubplan.consult.redact import redact_all

    out = redact_all(["my son Mark and my daughter Keziah love it", "Mark my words", "Keziah cried"])
    assert out[1] == "Mark my words"
    assert out[2] == "[name] cried"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "MY SON TYLER AND HIS SISTER AMELIA-ROSE GO EVERY WEEK. MAY I ASK WHY YOU WANT TO SHUT IT",
            "MY SON [name] AND HIS SISTER [name] GO EVERY WEEK. MAY I ASK WHY YOU WANT TO SHUT IT",
        ),
        (  # a signature in capitals under an ordinary letter
            "Please keep Gaywood open, it is a lifeline.\nYOURS SINCERELY\nMR D. OKAFOR",
            "Please keep Gaywood open, it is a lifeline.\nYOURS SINCERELY\n[name]",
        ),
        (  # a surname that is also a word stays removed with the first name (the review of round 7)
            "MY SON JACK BAKER LOVES THE STAY AND PLAY",
            "MY SON [name] LOVES THE STAY AND PLAY",
        ),
        (  # words that are names on no list stay: HOPE, GRACE, WILL
            "I HOPE YOU WILL SHOW SOME GRACE AND KEEP THE CENTRE OPEN FOR OUR KIDS",
            "I HOPE YOU WILL SHOW SOME GRACE AND KEEP THE CENTRE OPEN FOR OUR KIDS",
        ),
    ],
)
def test_names_in_a_comment_typed_in_capitals_are_removed(text: str, expected: str) -> None:
    """Caps Lock gives every word a capital, so a comment in capitals is read as a person would write it."""
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "we live on a static, Pitch 31, Sandy Lane Holiday Park, all year round",
            "Pitch 31, Sandy Lane Holiday Park",
        ),
        ("our boat is at Mooring 6, Wayford Bridge, so no bus", "Mooring 6, Wayford Bridge"),
        ("We're on the council site, Pitch 6, and the hub is the only place the kids go", "Pitch 6"),
        ("the narrowboat is on berth C14 at the marina till March", "berth C14"),
        ("I'm in flat 12, Priory Court, Kings Street with the twins", "flat 12, Priory Court"),
        ("post goes to Ivy Cottage, Back Lane, Mileham", "Ivy Cottage, Back Lane"),
        ("write to me at 'Sunnyside', 7 Norwich Road", "'Sunnyside', 7 Norwich Road"),
        ("I'm 34 weeks pregnant and due 2nd of October, my first", "2nd of October"),
        ("my wife is due in November with our third", "November"),
        ("the girls, Oliwia (14.02.2019) and Zofia (3.5.2021), love it", "14.02.2019"),
    ],
)
def test_homes_without_a_house_number_and_due_dates_are_removed(text: str, value: str) -> None:
    start = text.index(value)
    covered = {i for f in find_personal_data(text) for i in range(f.start, f.end)}
    assert all(i in covered for i in range(start, start + len(value)) if text[i].isalnum()), (
        text,
        find_personal_data(text),
    )


@pytest.mark.parametrize(
    "text",
    [
        "the report is due in March and the decision due in May",
        "the plot 5 of the plan is a disgrace",
        "the under 9s play football on pitch 3 at the leisure centre",
        "we met on Thursday (07/03/2024) at the library",
    ],
)
def test_dates_that_are_no_birth_or_due_date_and_plans_that_are_no_homes_stay(text: str) -> None:
    kinds = {f.kind for f in find_personal_data(text) if f.kind in {"UK_ADDRESS"}}
    assert not kinds, find_personal_data(text)
    assert not [f for f in find_personal_data(text) if f.source == "DateOfBirthRecogniser"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An organisation's mailbox or account is no one's personal data; a person's is.
        ("Sent to consultations@example.gov.uk on Monday", "Sent to consultations@example.gov.uk on Monday"),
        ("write to enquiries (at) example dot org", "write to enquiries (at) example dot org"),
        ("email hello@patelfamily.example.com", "email [e-mail]"),  # "hello@" is a family's too
        ("reply to j.okafor@example.com", "reply to [e-mail]"),
        ("tagged @suffolkcc_news and @dereham_foodbank", "tagged @suffolkcc_news and @dereham_foodbank"),
        ("follow @rebecca_x and @jess_cc_art", "follow [social media] and [social media]"),
        # A festival and a fair are no person.
        ("On Baba Marta day we made martenitsi and had a Valentine's disco", "unchanged"),
        ("They travel to Appleby Fair every June", "unchanged"),
    ],
)
def test_mailboxes_accounts_and_festivals_of_no_one(text: str, expected: str) -> None:
    assert redact(text) == (text if expected == "unchanged" else expected)


@pytest.mark.parametrize(
    "text",
    [
        "Thank you. Faleminderit. Nanri. Dev borem korum.",
        "Every dydd Mercher we go to the Little Dragons group",
        "Waheguru Ji Ka Khalsa, Waheguru Ji Ki Fateh. I write for the sangat.",
        "We do Festa Junina and Diwali parties there",
        "tagged @BBCLookEast and @itvanglia_news",
        "Kind regards,\nLabour member for Thorpe Hamlet",
        "SSAFA and the Royal British Legion use the room",
    ],
)
def test_greetings_feasts_newsrooms_and_parties_are_kept(text: str) -> None:
    assert redact(text) == text


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Córka urodziła się 14 lutego 2021 w Norwich", "14 lutego 2021"),  # Polish, genitive
        ("o meu filho nasceu a 7 de outubro de 2022", "7 de outubro de 2022"),  # Portuguese
        ("fiul meu s-a născut pe 2 iunie 2020", "2 iunie 2020"),  # Romanian
        ("a fiam 2021. október 9. született", "2021. október 9."),  # Hungarian, year first
        ("dēls dzimis 2022. gada 3. jūlijā", "2022. gada 3. jūlijā"),  # Latvian
        ("ganwyd Elis ar 11 Tachwedd 2021", "11 Tachwedd 2021"),  # Welsh
        ("син народився 5 березня 2023", "5 березня 2023"),  # Ukrainian
        ("Dukra gimė 2021 m. kovo 12 d.", "2021 m. kovo 12"),  # Lithuanian, year first
        ("我的女儿 Lily 出生于2021年5月3日", "2021年5月3日"),  # Chinese, no space before the year
        ("딸은 2020년 11월 2일에 태어났어요", "2020년 11월 2일"),  # Korean
    ],
)
def test_full_dates_with_months_in_other_languages(text: str, date: str) -> None:
    assert date not in redact(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("আমার মেয়ে জন্ম ১২/০৩/২০২১", "আমার মেয়ে জন্ম [date of birth]"),  # Bengali digits
        ("اتصل بي على ٠٧٧٠٠ ٩٠٠١٢٣", "اتصل بي على [phone]"),  # Arabic-Indic digits
        ("電話 ０７７００ ９００１２３", "電話 [phone]"),  # full-width digits, as a Japanese phone types
        ("کد پستی NR2 ۴AB", "کد پستی NR2 ۴"),  # Persian digits: a full postcode cut to its sector
    ],
)
def test_digits_of_other_scripts_are_read_as_digits(text: str, expected: str) -> None:
    """A phone or date typed on a Bengali, Arabic or Japanese keyboard is the same number."""
    assert redact(text) == expected


def test_a_foreign_date_heading_a_letter_is_kept() -> None:
    text = "Data: 12 marca 2025\nDear council, please keep the centre open."
    assert "12 marca 2025" in redact(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("signed: mrs p king, 4 The Walnuts", "signed: mrs [name], [address]"),
        ("i spoke to mr okafor at the desk", "i spoke to mr [name] at the desk"),
        ("we miss going there", "we miss going there"),  # "miss" the verb
        ("my ms is bad some days", "my ms is bad some days"),  # MS, the illness
    ],
)
def test_lower_case_titles_before_a_surname(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A hostile review of the damage rules: each of these leaked a person once.
        (
            "It takes Kacper 2 buses to get to the centre now.",
            "It takes [name] 2 buses to get to the centre now.",
        ),
        (
            "my son goes to Heartsease Academy close to where we live",
            "my son goes to [school] close to where we live",
        ),
        ("My health visitor Roma was amazing", "My health visitor [name] was amazing"),
        (
            "my partner Cam on nights so I do the school runs",
            "my partner [name] on nights so I do the school runs",
        ),
        ("my baba Marta looks after the kids on tuesdays", "my [name] looks after the kids on tuesdays"),
        (
            "follow me on insta @kayleigh_official for updates",
            "follow me on insta [social media] for updates",
        ),
        ("tag me @lisamcc on facebook", "tag me [social media] on facebook"),
        ("Contact me at info@lucyschildminding.co.uk please", "Contact me at [e-mail] please"),
        ("At St Andrews Karen the TA was brilliant.", "At St Andrews [name] the TA was brilliant."),
        ("Please keep it open.\nMirza, Shagufta", "Please keep it open.\n[name], [name]"),
        ("Best wishes from Dereham, Okafor family", "Best wishes from Dereham, [name] family"),
        ("Kind regards\nKaren Pritchard\nMP Caseworker", "Kind regards\n[name]\nMP Caseworker"),
        ("Chiamaka Okafor\t14\tMill Lane\tDereham", "[name]\t[address]\tDereham"),
        ("We are so grateful to Kelly House Manager at the refuge", "unchanged-but-kelly"),
        ("I work in the Co-op and Dereham Morrisons", "I work in [workplace]"),
        (
            "the help from Bradford at the jobcentre was useless",
            "the help from [name] at the jobcentre was useless",
        ),
        ("Top contributor · Chiamaka Okafor · 2d", "Top contributor · [name] · 2d"),
        ("My support worker Nan Li has been amazing.", "My support worker [name] has been amazing."),
        ("Partner Agencies attend the Tuesday meetings.", "unchanged"),
    ],
)
def test_damage_rules_let_no_person_through(text: str, expected: str) -> None:
    out = redact(text)
    if expected == "unchanged":
        assert out == text
    elif expected == "unchanged-but-kelly":
        assert "Kelly" not in out
    else:
        assert out == expected


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("my daughter went there and my son came too", "went"),  # WordNet's irregular forms are words
        ("my daughter went there and my son came too", "came"),
        ("my sister in King's Lynn takes me there", "King's Lynn"),  # a town, whatever NER says
        ("Tracey Gedge - Great Yarmouth, England - 2 days ago", "Great Yarmouth"),  # a signer, a place
        ("We meet at the hall by Wymondham Abbey on Mondays", "Wymondham Abbey"),  # a town's landmark
        ("as someone who grew up in Brandon and now lives in Beccles", "Brandon"),
        ("Mother Goose was the best show", "Mother Goose"),
    ],
)
def test_words_towns_landmarks_and_signers_places_are_kept(text: str, kept: str) -> None:
    assert kept in redact(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A form's export: the cells under "Name", whatever the words.
        (
            "ID|Email|Name|Comments\n7|x@example.com|Precious Moyo|keep it\n8|-|grace|please",
            "ID|Email|Name|Comments\n7|[e-mail]|[name]|keep it\n8|-|[name]|please",
        ),
        ("Your name\tCentre\nTomasz Wrobel\tDiss", "Your name\tCentre\n[name]\tDiss"),
        # A name that is also a word, then an age; a hyphenated pair with one name only.
        (
            "we go with my youngest rose, shes 2, on mondays",
            "we go with my youngest [name], shes 2, on mondays",
        ),
        ("with our lily-mae who loves the sand", "with our [name] who loves the sand"),
        ("I am Ravindran Rajan (people call me Ravi). I", "I am [name] (people call me [name]). I"),
        # Businesses someone runs, a job's initials, an estate worked on.
        ("we run Lucky Star takeaway in Watton, my husband", "we run [workplace], my husband"),
        ("I'm an HCA at Priory House in Holt. I", "I'm an HCA at [workplace]. I"),
        ("i work on the raynham estate on the farm side", "i work on [workplace] on the farm side"),
        ("we run the Tuesday group at the church", "we run the Tuesday group at the church"),
    ],
)
def test_tables_aged_names_and_businesses_run(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "My brother Sanjay has the newsagent on Earlham Road, I help",
            "My brother [name] has [workplace], I help",
        ),
        ("(I do mornings at the Spar on Bridge Street).", "(I do mornings at [workplace])."),
        (
            "I work in the kitchen at the Crown on Tuesday Market Place and",
            "I work in [workplace] and",
        ),
        ("they have used the centre on Holt Road for years", "unchanged"),
        ("We live at 3 Pine Close, Thorpe St Andrew.", "We live at [address], Thorpe St Andrew."),
        ("I'm a foster carer with Norfolk Fostering and love it", "unchanged"),
        ("The centre helped with Eid food parcels and Baby Sign classes", "unchanged"),
        (
            "HOST: Let's hear from Trudy in Diss.\nTRUDY: Morning.\nCALLER: hi",
            "HOST: Let's hear from [name] in Diss.\n[name]: Morning.\nCALLER: hi",
        ),
    ],
)
def test_businesses_shifts_saints_towns_and_speakers(text: str, expected: str) -> None:
    assert redact(text) == (text if expected == "unchanged" else expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("close to my flat at 11 Tamworth House, Middlegate, so", "close to my flat at [address], so"),
        ("We live at 4 Nelson Court, Dereham.", "We live at [address], Dereham."),
        (
            "I do tarmac and groundworks (Boswell & Sons Surfacing).",
            "I do tarmac and groundworks ([workplace]).",
        ),
        ("we bought the sofa at Smith and Sons", "we bought the sofa at Smith and Sons"),  # no job said
    ],
)
def test_numbered_blocks_of_flats_and_family_firms(text: str, expected: str) -> None:
    assert redact(text) == expected


def _assert_redacted(text: str, expected: str) -> None:
    """Check a redaction: "unchanged", "no:WORDS" (gone) or "has:WORDS" (still there)."""
    out = redact(text)
    if expected == "unchanged":
        assert out == text
    elif expected.startswith("no:"):
        assert expected[3:] not in out
    else:
        assert expected.startswith("has:")
        assert expected[4:] in out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A second hostile review: each of these leaked a person or damaged a word once.
        ("ID\tFirst name\tSurname\tComment\n12\tSarah\tJones\tPlease keep it open", "no:Jones"),
        ("Name\tComment\nGrace Hill\tkeep it", "no:Grace Hill"),
        ("Daughter Poppy loves the baby sensory class. Son River goes to nursery.", "no:Poppy"),
        ("Daughter Poppy loves the baby sensory class. Son River goes to nursery.", "no:River"),
        ("my son rami has autism and needs the sensory room", "no:rami"),
        ("since the fire we have been living at Shirley's with the kids", "no:Shirley"),
        ("my mum lives near Ashley so she can help", "no:Ashley"),
        ("Kind regards\nSarah Smith - Jones", "no:Jones"),
        ("ACTION: Sarah to send the timetable\nAction for Children will attend", "has:ACTION:"),
        ("we watched mr bean and my son loves mr bloom", "unchanged"),
        ("we had an MP for Norwich South who listened", "unchanged"),
        ("my son sees a SALT at Norwich Community Hospital", "unchanged"),
        ("we go every tuesday at 10 The Volunteers are so kind", "unchanged"),
    ],
)
def test_second_review_findings(text: str, expected: str) -> None:
    _assert_redacted(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Where someone works, said loosely.
        ("can't come on Tuesdays as my wife is at Wells Co-op till 4", "my wife is at [workplace] till 4"),
        ("my other half's with Anglian Water so he's out all day", "my other half's with [workplace] so"),
        ("Firefighter, on call at Holt fire station, two kids.", "on call at [workplace], two kids."),
        ("I do the round out of the Fakenham delivery office.", "the round out of [workplace]."),
        ("I'm registered manager of Beechwood House and", "registered manager of [workplace] and"),
        ("Richard, Operations Director at Glaves Engineering", " at [workplace]"),
        # ... and what is no workplace.
        ("my wife is at Wells on Tuesdays with the baby", "unchanged"),
        ("my mum is at the centre in Holt most days", "unchanged"),
        ("I fish out of Caister most of the year", "unchanged"),
        ("Sorry, mother at Sprowston here", "unchanged"),
        ("my husband is at home with the twins", "unchanged"),
    ],
)
def test_workplaces_said_loosely(text: str, expected: str) -> None:
    out = redact(text)
    assert out == text if expected == "unchanged" else expected in out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Names where only a person can stand, in forms met in held-out 20 and 21 (made up here).
        ("> On Tue, 3 Sept, Anjali Varsani <anj.v.88@example.com> wrote:", "no:Varsani"),
        ("From: Cllr Peter Gotts <p.gotts@example.org>", "has:Cllr [name]"),
        ("I Mrs Ngozi Eze (née Okafor) write for my family", "no:Okafor"),
        ("03/04 09:12 TLB - Cust asked about the hub", "no:TLB"),
        ("Chase on Monday. -Cllr RM", "no:RM"),
        ("We are Dilip and Meena Chauhan from Leicester", "no:Dilip"),
        ("Please keep it. Fatoumata Diallo 07700 900 412", "no:Fatoumata Diallo"),
        ("The Kowalczyk family would like to thank the staff", "no:Kowalczyk"),
        ("We have three (Skye 8, Willow 5 and Bear 1) and no car", "no:Willow"),
        ("I'm Dao (Thanh Huong Tran) from Norwich", "no:Thanh Huong"),
        ("Bonjour, je m'appelle Chantal Ilunga et je", "no:Chantal Ilunga"),
        ("Nazywam się Agata Wróbel, mieszkam w Thetford", "no:Agata"),
        ("Organised by Ivy Cutting and Sam Pegg for the parents", "no:Cutting"),
        ("Child 2: Kacper   DOB: 03/11/2021", "no:Kacper"),
        ("Parent\tChild\tSigned in\nLeanne Cole\tArlo\t10:02", "no:Arlo"),
        ("u/wymondham_wanderer • 4h\nSame here", "no:wymondham_wanderer"),
        ("norfolk_nige — 12/03/2024 20:41\nanyone going?", "no:norfolk_nige"),
        # Workplaces said in those forms.
        ("my brother Tariq Aziz owns the Shalimar takeaway on Dereham Road", "no:Shalimar"),
        ("Kerry runs the Feathers and does the food", "no:Feathers"),
        ("we have the nail shop Lush Lashes on Bridge Street", "no:Lush Lashes"),
        ("Accounts Assistant | Wensum Valley Plumbing Ltd", "no:Wensum Valley Plumbing"),
        ("he's with the 16th Air Assault Brigade now", "no:16th Air Assault Brigade"),
        ("he is contracted to Manpower at the Heinz plant", "no:Manpower"),
        ("my uncle works on the Mid-Norfolk Railway", "no:Mid-Norfolk Railway"),
        ("I was twenty years at Colman's before it shut", "no:Colman"),
        # ... and what stays.
        ("Marcus (Lakenham Way): works nights", "has:Lakenham Way"),
        ("organised by Friends of Diss Under 5s", "has:Friends of Diss"),
        ("(4 Regiment is moving) and im on my own", "has:4 Regiment"),
        ("Year 5, Year 6 and Reception all came", "unchanged"),
    ],
)
def test_names_workplaces_and_handles_in_new_forms(text: str, expected: str) -> None:
    _assert_redacted(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Homes known by their name, and birth dates said by a named day, in new forms.
        ("my sponsors live at Holly Lodge, The Street, Foulsham", "no:Holly Lodge"),
        ("signed by Kim Pye of The Laurels, Reepham Road.", "no:The Laurels"),
        ("Mr T. Howes (Fairholme, Mill Road) asked about parking", "no:Fairholme"),
        ("we are at 23 Barnards Yard, NR18 0AB now", "no:23 Barnards"),
        ("Ellis (4) and Nova (due in Feb). The centre", "no:Feb"),
        ("Reggie born St Andrew's Day 2021 (30/11) and", "no:30/11"),
        # ... and what stays.
        ("we met at Holt Hall, Holt Road last week", "has:Holt Hall"),
        ("14/03/2025 21:47\tNR19 1QF\tDereham", "has:21:47"),
        ("the bill is due in March", "has:March"),
    ],
)
def test_named_houses_and_named_birthdays(text: str, expected: str) -> None:
    _assert_redacted(text, expected)


@pytest.mark.parametrize(
    "text",
    [
        # Harmless phrases that held-out 20 and 21 saw damaged (made up here in the same forms).
        "Xmas is close. Thomas born in 2022 (christmas baby) loves it",
        "Bring snacks. Efcharistó.",
        "I speak French and Lingala at home",
        "The police explained Clare's Law to me",
        "Sheets were collected at Cromer Pier and the library",
    ],
)
def test_greetings_leaders_languages_and_laws_are_kept(text: str) -> None:
    kept = {"christmas", "Efcharistó", "Lingala", "Clare's Law", "Cromer Pier"}
    out = redact(text)
    assert all(k in out for k in kept if k in text)


def test_names_with_combining_marks_and_decomposed_text_are_removed() -> None:
    # Yoruba tone marks that Unicode has no single character for, and text saved decomposed (NFD).
    yoruba = "Our twins Táíwò and Kẹ́hìndé started at the centre in May."
    out = redact(yoruba)
    assert "ndé" not in out
    assert "Táíwò" not in out
    decomposed = unicodedata.normalize("NFD", "My daughter Zoë Wróbel loves it. Ring 07700 900123")
    out = redact(decomposed)
    assert out == "My daughter [name] loves it. Ring [phone]"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cust has no car, partner Shane works early so no lifts.", "partner [name] works"),
        ("Organiser: Blessing Adeyemi · Norwich", "Organiser: [name]"),
        ("the health visitor has her NHS no. 943 476 5871 on file", "NHS no. [reference]"),
        ("His prison number is A1234BC if you need it", "is [reference] if"),
        ("he's a paramedic out of Dereham ambulance station and", "out of [workplace] and"),
        ("my brother runs the Spar on Drayton High Road where", "runs [workplace] where"),
    ],
)
def test_call_notes_registers_and_workplaces_with_their_article(text: str, expected: str) -> None:
    assert expected in redact(text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Hi, I run the Tamil Sangam mums' group at Bowthorpe on Saturdays", "the Tamil Sangam mums' group"),
        ("Kojo is Monday-born and that is why", "is Monday-born and"),
    ],
)
def test_groups_someone_runs_and_day_names_are_kept(text: str, kept: str) -> None:
    assert kept in redact(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Held-out 22's damaged phrases, in made-up comments of the same forms.
        ("Mingalaba! I'm Thandar from Yangon and I live in Thetford.", "has:Mingalaba!"),
        ("@NorwichEveningNews · 2 days ago\nThanks for your comments", "has:@NorwichEveningNews"),
        ("Prayers after Zuhr on Friday, then tea", "unchanged"),
        ("You can answer the consultation at norfolk.gov.uk/familyhubs until May.", "unchanged"),
        # ... and names that open a comment stay names.
        ("Agnieszka. I am writing about the centre", "no:Agnieszka"),
        ("Kezia Smith here. Im Romany and we live on the site", "no:Kezia"),
        ("I am Denis, I am 14, I write this for my mum", "no:Denis"),
    ],
)
def test_opening_greetings_handles_and_prayer_times(text: str, expected: str) -> None:
    _assert_redacted(text, expected)


def test_redact_all_reads_each_distinct_comment_once(monkeypatch: pytest.MonkeyPatch) -> None:
    module = importlib.import_module("hubplan.consult.redact")
    seen: list[str] = []
    read = module.find_personal_data

    def counting(text: str) -> list[module.Found]:
        seen.append(text)
        return read(text)

    monkeypatch.setattr(module, "find_personal_data", counting)
    texts = ["Keep it open", "my son Jayden loves it", "Keep it open", "Jayden cried"]
    assert module.redact_all(texts) == [
        "Keep it open",
        "my son [name] loves it",
        "Keep it open",
        "[name] cried",
    ]
    assert sorted(seen) == sorted(set(texts))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A hostile review of this session's rules: each leaked a person or damaged a phrase once.
        ("My neighbour David Cameron helps at the foodbank.", "no:Cameron"),
        ("My husband Bayram takes the kids on Fridays.", "no:Bayram"),
        ("Simbarashe. We have three kids under five.", "no:Simbarashe"),
        ("Kẹ́hìndé. I am a single mum.", "no:ndé"),
        ("My husband is a welder at Bacton and works away.", "no:Bacton"),
        ("My wife runs Blackthorn Cleaning Services so classes in the day are hard.", "no:Blackthorn"),
        ("After the merger with Kezia Blackthorn's nursery she lost her job.", "no:Blackthorn"),
        ("Thanks to @Łucja and @Żaneta at reception", "no:Żaneta"),
        ("My twin girls Kezia and May-Lily love it here.", "no:May-Lily"),
        ("Rhyme time - Today at 10:30", "unchanged"),
        ("Our Councillor DID NOT reply to my emails.", "unchanged"),
        ("The closure of Marlpit, Hellesdon Road would be a disaster.", "unchanged"),
        ("Sessions at the centre are Very Limited now.", "unchanged"),
        ("Back when Norwich were in the 2nd Division we had a proper centre.", "unchanged"),
        ("We come from Easton and Stratton to the Dereham centre.", "unchanged"),
        ("My laptop runs Windows 10 and Office 12 so the form crashed.", "unchanged"),
        ("I saw the nurse, SENCO and the head.", "unchanged"),
        ("My mum is at the Norfolk and Norwich for her chemo so I rely on the centre.", "unchanged"),
        ("I feel part of the Marlpit family.", "unchanged"),
        ("My son plays football for the u/11s on Saturdays.", "unchanged"),
    ],
)
def test_hostile_review_of_this_sessions_rules(text: str, expected: str) -> None:
    _assert_redacted(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Held-out 23's kinds of miss, in made-up words: forum and review authors, ...
        ("WillowMumNR3 · 04/02/25 19:40\nThey are closing the one by the park.", "no:WillowMumNR3"),
        ("> TwinsAndTea_22 wrote: Nobody goes\nEveryone goes on Tuesdays!", "no:TwinsAndTea_22"),
        ("Reviewed by DanniJ_1990\nLovely staff, lovely groups.", "no:DanniJ_1990"),
        # ... numbers said in words, with "hundred", tens and letters in lower case ...
        ("ring me on oh one six three two nine six oh four one two please", "no:nine six oh"),
        ("call back on oh seven seven double oh nine hundred four five six thanks", "no:hundred four"),
        ("we live at cromer n r twenty seven nine j w near the front", "no:twenty seven nine"),
        ("that's I P two four, three H Q. Bye.", "no:three H Q"),
        ("there were twenty seven of us and a hundred more in 1999", "unchanged"),
        # ... a voicemail's "its um NAME calling", a signature's initial, an owner, capitals ...
        ("hi its um tracey birtwhistle calling about the centre", "no:birtwhistle"),
        ("Signed: R. Fenwick   Panel ref: none", "no:Fenwick"),
        ("I cut hair at Salon Nine on Prince of Wales Road — Dorota is the owner.", "no:Dorota"),
        ("WE TAKE OUR GRANDSON TO THE CENTRE SINCE MAVIS'S HIP WENT.", "no:MAVIS"),
        # ... workplaces said another way ...
        ("I'm doing an apprenticeship with Anglian Water in the drainage team.", "no:Anglian Water"),
        ("She is on night duty at Queen Elizabeth Hospital most weeks.", "no:Queen Elizabeth"),
        ("He moved here for a job lecturing at Anglia Ruskin University of the East.", "no:Ruskin"),
        ("im at Greggs in dereham on the tills most days", "no:Greggs"),
        # ... due and birth dates by festival, by delivery, in the Islamic calendar ...
        ("Our baby Ravi is due on Diwali this year so please keep it open.", "no:Diwali"),
        ("My sister delivered her second baby on the 4th of March at home.", "no:4th of March"),
        ("My son Bilal birthday is 12 Shawwal 1443, sorry for no English date.", "no:1443"),
        ("The report is due at Christmas and the rent is due Easter.", "unchanged"),
        # ... European house numbers after the street ...
        ("We are living in Thetford on Mundford Road 77 with my parents.", "no:Mundford Road 77"),
        ("I've lived on Grace Road 40 years and walked to every session.", "unchanged"),
        # ... and what is no one: a place of worship, a session, a hashtag, a campaign, a county.
        ("Donations go to Trinity Methodist on Thursdays.", "unchanged"),
        ("#KeepItOpen #NorfolkMums #familyhubs", "unchanged"),
        # (sessions named by a first name and "Save Our ..." campaigns were withdrawn by review 12: they
        # let people through, "Fatima Tots", "Save Our Sure Start Mrs Jackie Holt")
        ("From the Office of the Member of Parliament for Mid Norfolk", "unchanged"),
        ("My daughter was born at West Suffolk in the snow.", "unchanged"),
        ("The family support worker is an angel, honestly.", "unchanged"),
        ("Everyone is welcome at the langar after the service.", "unchanged"),
        ("Ramadan Kareem to all the staff.", "unchanged"),
        ("We were sent to James Paget Hospital and Mrs Okoro was lovely there.", "has:Paget Hospital and"),
        ("At the park on sats: im at the park on sats with the kids", "unchanged"),
    ],
)
def test_held_out_23s_kinds_of_miss_and_damage(text: str, expected: str) -> None:
    _assert_redacted(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Held-out 24's kinds of miss, in made-up words: marketplace chat authors and "snap me" ...
        ("pram.lady_22: is it still for sale?\nnorwich.nanna: yes love", "no:norwich.nanna"),
        ("message me on snap me kayz_x01 if you want", "no:kayz_x01"),
        # ... minutes that name people by initials ...
        ("Chair: Cllr T.W.\nA (RB): The hub stays at Gaywood.\nACTION: RB to send the map.", "no:RB"),
        ("Chair: Cllr T.W. opened the meeting.", "no:T.W."),
        # ... twins listed before "born" ...
        ("We have twins, Adaeze and Obinna, born 3rd of May 2022.", "no:Adaeze"),
        # ... workplaces said another way ...
        ("Clocking in at Crane Fruehauf at 6am means I miss the group.", "no:Crane Fruehauf"),
        ("My lanyard says Queen Elizabeth Hospital but I write as a dad.", "no:Queen Elizabeth"),
        ("I sub-contract for Yodel out of the Swaffham depot.", "no:Yodel"),
        ('She said "the Gaywood Tesco (my employer) will not change my hours".', "no:Gaywood Tesco"),
        ("Her husband was at work (the tyre place on Hall Road) when I rang.", "no:tyre place"),
        ("I'm at the Co-op in the Market Place till 4 on Fridays.", "no:Co-op"),
        ("Q (health visitor, Westfield Surgery): Where will weigh-ins be?", "no:Westfield Surgery"),
        ("I was at work (it was busy) and I'm at home till 3.", "unchanged"),
        # ... and what is no one: hashtags, greetings, a gurdwara.
        ("#SaveOurHubs #KingsLynn #Norwich", "unchanged"),
        ("Dia dhuit. Nabad gelyo. Olorun a bukun.", "unchanged"),
        ("The mums at Sri Guru Singh Sabha have not heard of it.", "unchanged"),
    ],
)
def test_held_out_24s_kinds_of_miss_and_damage(text: str, expected: str) -> None:
    _assert_redacted(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A hostile review of the held-out 23 rules (review 12): leaks the new exceptions made ...
        ("Thank you to Mrs  Okafor for her help", "no:Okafor"),
        ("Kind regards\nSharon\tWood", "no:Wood"),
        ("Save Our Sure Start Mrs Jackie Holt is the heart of it", "no:Holt"),
        ("Our family worker Tatenda Parish was great", "no:Tatenda"),
        ("Thanks to Fadumo Baptist for the help with forms", "no:Fadumo"),
        ("the staff are great, the tyrone fella on reception is so friendly", "no:tyrone"),
        ("every tuesday me and the kids go, her mohammed comes too", "no:mohammed"),
        ("Ask for Amina at Fatima Tots, she sorted our forms.", "no:Fatima"),
        ("Thanks to Jenny Fellowship", "no:Jenny"),
        ("Big thanks #Priya for everything", "no:Priya"),
        ("Shout out to #SandraAtTheHub who ran the messy play", "no:Sandra"),
        ("My wife is at West Suffolk on nights so I do bedtimes.", "no:West Suffolk"),
        ("Signed: A. Bunting   Fostering Panel ref: none", "no:Bunting"),
        # ... and damage the new rules did.
        ("I have seven kids, ages 0, 3, 7, 11, 14, 16, nineteen.", "unchanged"),
        ("I m twenty five n a single mum with no family near", "unchanged"),
        ("You can catch the bus on Earlham Road 25 or 26 to get there", "unchanged"),
        ("We live on Gaywood Road 3 of us in one bedroom", "unchanged"),
        ("We lived on Queens Road 2019 to 2021", "unchanged"),
        ("Flagship is the landlord and won't fix the damp", "unchanged"),
        ("Money was the main problem. Rent is the owner's decision.", "unchanged"),
        ("My daughter has coursework due at Easter", "unchanged"),
        ("I have an essay due at Christmas so I need the creche", "unchanged"),
        ("im at Brownies on Saturdays with my eldest", "unchanged"),
        ("I read an article posted by EDP24 about the closures", "unchanged"),
        ("Posted by JustGiving for the fundraiser", "unchanged"),
        ("Timetable\nToddler Time · Yesterday", "unchanged"),
        ("He's on night duty at Christmas and New Year", "unchanged"),
        ("She was teaching at Reception level for years", "unchanged"),
        ("My son was born at 32 weeks, 1400 grams", "unchanged"),
        ("The council delivered the baby box on the 3rd of May", "unchanged"),
    ],
)
def test_review_12_of_the_held_out_23_rules(text: str, expected: str) -> None:
    _assert_redacted(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the town after an address's comma is not the address's; a second street line is
        ("We are at 27 Dragoon Close, Swanton Morley now", "We are at [address], Swanton Morley now"),
        ("Lives at 2 Chapel Cottages, Mill Lane, Necton.", "Lives at [address], Necton."),
        # a neighbourhood a library is named for (not in GeoNames): a place, not a person
        ("We moved from Hellesdon last year", "unchanged"),
        # a word the comment glosses as a word is nobody's name there, however it is used again
        (
            'Translator\'s note: "Bhabi" (sister-in-law) is how she addresses staff. Bhabi at the centre '
            "helped her. I am Nasrin Begum.",
            'Translator\'s note: "Bhabi" (sister-in-law) is how she addresses staff. Bhabi at the centre '
            "helped her. I am [name].",
        ),
        # a word the comment gives someone as a name stays a name, glossed or not
        (
            'We named her Amara. "Amara" means grace in Igbo.',
            'We named her [name]. "[name]" means grace in Igbo.',
        ),
        # festivals that are also given names, where the words make them a day
        ("Last Bayram I brought baklava to the group", "unchanged"),
        ("For Hari Raya we brought rendang to the centre", "unchanged"),
        # a pet is no person
        ("Even our dog Alfie comes along to the pram walk", "unchanged"),
        ("Our cat is called Duke and my son loves him", "unchanged"),
        ("My son Alfie loves the sand pit", "My son [name] loves the sand pit"),
    ],
)
def test_towns_glosses_festivals_and_pets(text: str, expected: str) -> None:
    assert redact(text) == (text if expected == "unchanged" else expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a birth told without "born", where a baby is spoken of
        (
            "she was due at the end of the year but she came on 19 December. The centre was brilliant",
            "she was due at the end of the year but she came on [date of birth]. The centre was brilliant",
        ),
        (
            "Congratulations to the Moores on the safe arrival of Ocean on 14th May, a brother for our eldest.",
            "Congratulations to the Moores on the safe arrival of [name] on [date of birth], a brother for our eldest.",
        ),
        (
            "Mrs Anh Nguyen – 36/40, EDD 11 July (next Thursday!)",
            "[name] – 36/40, EDD [date of birth] (next Thursday!)",
        ),
        # the same birth said again after a festival
        (
            "My daughter was born on Yalda night, 21 December, we joke",
            "My daughter was born on Yalda night, [date of birth], we joke",
        ),
        # someone coming on a date with no baby about is no birth
        ("The health visitor came on 19 December to see us", "unchanged"),
    ],
)
def test_births_told_without_born(text: str, expected: str) -> None:
    assert redact(text) == (text if expected == "unchanged" else expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a form's fields, flattened from a PDF or pasted from an app, hold names whatever the words
        (
            "TITLE: MR\nFULL NAME: ADEWALE OGUNDIPE\nADDRESS: see below",
            "TITLE: MR\nFULL NAME: [name]\nADDRESS: see below",
        ),
        ("Forename(s): Folasade Adunni\nSurname: OYELARAN", "Forename(s): [name]\nSurname: [name]"),
        ("Parent/Carer name: jodie reeve", "Parent/Carer name: [name]"),
        (
            '{"first_name": "kayleigh", "last_name": "smith"}',
            '{"first_name": "[name]", "last_name": "[name]"}',
        ),
        ("Applicant_Name: Kayleigh Smith", "Applicant_Name: [name]"),
        ("Name: n/a\nChildren: none", "unchanged"),
        # a file named for a person; a file named for a meeting is no one
        ("Attachment: Kayleigh_Smith_CV.docx", "Attachment: [name]_CV.docx"),
        ("Attachment: Meeting_Notes_2024.docx", "unchanged"),
        # an employer's field, and the depot a driver works out of
        ("Employer: Diss Co-op (Mere Street), 16 hrs", "Employer: [workplace] (Mere Street), 16 hrs"),
        (
            "My husband drives for Konectbus out of the Costessey depot so he can't take them.",
            "My husband drives for [workplace] so he can't take them.",
        ),
        # a job's word before where it is done
        ("My husband is a postdoc at the John Innes Centre.", "My husband is a postdoc at [workplace]."),
        # military service is no employer to hide
        ("My husband served 22 years in the Royal Gurkha Rifles.", "unchanged"),
    ],
)
def test_form_fields_files_and_employers(text: str, expected: str) -> None:
    assert redact(text) == (text if expected == "unchanged" else expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a form's fields with a prefix, and its date-of-birth field however it is spelled
        ("Field_Surname: KOWALCZYK\nField_Consent: Yes", "Field_Surname: [name]\nField_Consent: Yes"),
        ("Field_Q8_ChildDOB_1: 2022-06-19", "Field_Q8_ChildDOB_1: [date of birth]"),
        # a year-first date, and a day of another calendar's month after a birth
        (
            "My son Bence is two (born 2022. november 3.) and",
            "My son [name] is two (born [date of birth]) and",
        ),
        (
            "My wife gave birth to our fifth on 2 Adar and the centre",
            "My wife gave birth to our fifth on [date of birth] and the centre",
        ),
        # hospital and court numbers, handles after a marketplace's or a blog's cue
        ("Hosp No: M1148392", "Hosp No: [reference]"),
        ("Case No: NR24P00317", "Case No: [reference]"),
        ("Posted by: pippa.h.costessey", "Posted by: [social media]"),
        ("by Hannah Catchpole (hannahcatchpole.substack.com)", "by [name] ([social media])"),
        # kin named after "of", names that are words included
        (
            "We give thanks for the safe arrival of Joy, daughter of Faith and Emeka Amadi.",
            "We give thanks for the safe arrival of [name], daughter of [name] and [name].",
        ),
        # a business someone runs; a group someone runs is no employer
        ("My husband runs the Anatolia kebab house on Lynn Street, so", "My husband runs [workplace], so"),
        ("I run the toddler group at the church hall on Mondays.", "unchanged"),
        # a CV's employment history
        (
            "2018 – 2021       Retail Assistant, Poundland, King's Lynn",
            "2018 – 2021       Retail Assistant, [workplace]",
        ),
        # an engineering centre someone works at is an employer, not a service
        (
            "My husband works at the Hethel Engineering Centre as a cleaner.",
            "My husband works at [workplace] as a cleaner.",
        ),
    ],
)
def test_prefixed_fields_calendars_handles_kin_and_businesses(text: str, expected: str) -> None:
    assert redact(text) == (text if expected == "unchanged" else expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # review of this session's rules: a name described in brackets is no gloss
        (
            'My sister "Sarah" (my sister) came. Sarah helps.',
            'My sister "[name]" (my sister) came. [name] helps.',
        ),
        # a festival that is also a name needs a word only a day takes; a pet needs no comma before its name
        (
            "I went with Milad and Yalda. We bought this for Yalda and me.",
            "I went with [name] and [name]. We bought this for [name] and me.",
        ),
        ("We have a dog, Sarah has a cat.", "We have a dog, [name] has a cat."),
        # the words after an address's comma are a second street only in capitals
        ("We live at 12 Mill Lane, by the way it is far.", "We live at [address], by the way it is far."),
        # "Edd" is a name, EDD a due date; a visit is no birth
        ("I went with Edd on 3 June to the group.", "I went with [name] on 3 June to the group."),
        ("the health visitor came to see the baby and she came on 3 May again.", "unchanged"),
        # a year range in a sentence is no CV; a specialist or a small business is no employer
        ("2019 - 2022, my son attended the Thetford centre, brilliant staff", "unchanged"),
        ("My health specialist at Norwich Hospital said so.", "unchanged"),
        ("We run a small business in Holt.", "unchanged"),
    ],
)
def test_rules_do_not_hide_names_or_damage_words(text: str, expected: str) -> None:
    assert redact(text) == (text if expected == "unchanged" else expected)


@pytest.mark.parametrize("run", ["\t", ",", " "])
def test_a_long_run_of_one_character_is_read_in_linear_time(run: str) -> None:
    """A long run of tabs, commas or spaces is read whole (its time is measured in bench/redaction.py:
    minutes before); the parser sees a run of commas spaced out, at the same length, so offsets hold."""
    from hubplan.consult.redact import _for_the_parser

    text = "Joan Smith wrote" + run * 20_000 + "ok"
    parsed = _for_the_parser(text)
    assert len(parsed) == len(text)
    if run == ",":
        assert ", , ," in parsed
    assert redact(text).startswith("[name] wrote")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a sentence in a script the recognisers cannot read for names is withheld whole; a thank-you stays
        (
            "Please keep it. Моя донька Софія народилася 5 листопада 2021 року. Дякую.",
            "Please keep it. [words in another script, not shown].",
        ),
        (
            "我的女兒陳曉晴（2021年8月3日出生）在家庭中心參加了很多活動",
            "[words in another script, not shown]",
        ),
        ("Thank you, 감사합니다", "unchanged"),
        # a sign-in sheet pasted as CSV: its child and adult columns hold names, its dates are sessions
        (
            "date,child,age,adult\n06/05/2025,Jake,2,Kerry\n06/05/2025,Oluwadamilare,1,Nanna Jean",
            "date,child,age,adult\n06/05/2025,[name],2,[name]\n06/05/2025,[name],1,[name]",
        ),
        # a sentence with commas is no table's header
        (
            "My child, age 3, loves it\nShe, Jake, and me go",
            "My child, age 3, loves it\nShe, [name], and me go",
        ),
        # an organisation's own mailbox is kept; a handle after a platform's name is no e-mail address
        ("Contact our chair on hello@gorlestonbabybank.org.uk.", "unchanged"),
        ("Clerk to the Council\nclerk@hethersettpc.gov.uk", "unchanged"),
        ("hello@smithfamily.co.uk", "[e-mail]"),
        ("i post on tiktok @yarmouth.teen.mum if u want", "i post on tiktok [social media] if u want"),
        # a word that labels a number is no name
        ("refurbished with Section 106 money", "unchanged"),
        ("How far do you agree with Proposal 2? Strongly disagree", "unchanged"),
        (
            "We home educate our three (Wren 9, Hazel 6 and Bramble 2)",
            "We home educate our three ([name] 9, [name] 6 and [name] 2)",
        ),
        # a list's field for kin; a month that is a child's name
        ("- Daughter: Wren, age 5, autistic", "- Daughter: [name], age 5, autistic"),
        (
            "I'm writing for my daughter April who is too shy.",
            "I'm writing for my daughter [name] who is too shy.",
        ),
        ("my daughter was born in April 2020", "my daughter was born [date of birth]"),
        # a birth told outright with the child's name, the month alone or with its year, in lower case
        (
            "had my daughter Nevaeh in jan 2024. the group",
            "had my daughter [name] in [date of birth]. the group",
        ),
        ("my gf had our son Kaiden in march and", "my gf had our son [name] in [date of birth] and"),
        # a penalty charge notice, a plate in lower case after a van, a blog its writer names
        ("PCN NW40218873, appealed", "PCN [reference], appealed"),
        ("a white van yk70fgd nearly hit my buggy", "a white van [vehicle] nearly hit my buggy"),
        (
            "i blog about being a dad (www.dadandtheboys.co.uk). ive",
            "i blog about being a dad ([social media]). ive",
        ),
        # a flat at a numbered house on a street with no street word
        ("I live Flat 3, 22 Colegate, Norwich", "I live [address], Norwich"),
        # a business someone trades as; work said in Portuguese
        ("I trade as Little Acorns Childminding. Three mornings", "I trade as [workplace]. Three mornings"),
        ("Trabalho na Breckland Poultry no turno da manhã", "Trabalho na [workplace] no turno da manhã"),
        # a Polish sentence's first word is no name
        (
            "Centrum w North Lynn bardzo pomogło, szczególnie pani Dorota.",
            "Centrum w North Lynn bardzo pomogło, szczególnie pani [name].",
        ),
        # an author families name, a Norfolk charity
        ("she now 'reads' Julia Donaldson to the cat", "unchanged"),
        ("the bereavement support (Nelson's Journey) saved us", "unchanged"),
    ],
)
def test_held_out_28s_kinds_of_miss_and_damage(text: str, expected: str) -> None:
    assert redact(text) == (text if expected == "unchanged" else expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a pasted table is not ended by a comment's wrapped line, nor by a comma inside quotes
        (
            "ID|Name|Comment\n1|Oksana Kravets|Great hub, but the bus\ntakes ages, honestly, every week\n"
            "2|Dariusz Wolny|Too far\n3|Precious Adeyemi|fine",
            "ID|Name|Comment\n1|[name]|Great hub, but the bus\ntakes ages, honestly, every week\n"
            "2|[name]|Too far\n3|[name]|fine",
        ),
        ('name,comment\nPrecious Adeyemi,"Too far, and no bus"\nThandiwe Moyo,ok', "[name]"),
        # a birth in a date column is still a birth; an arrival date is one
        ("Name,Date\nRuby Smith,born 12/03/2024", "born [date of birth]"),
        ("name,arrival date\nRuby,12/03/2024", "[date of birth]"),
        # prose lists of kin words are no table
        ("Mum, dad, baby\nHappy, tired, loud", "unchanged"),
        ("Child, parent, carer\nAll welcome, all equal, all valued", "unchanged"),
        # an addressee opening a Polish sentence is a person
        ("Kaczmarek, dziękuję za pomoc z formularzami", "[name], dziękuję za pomoc z formularzami"),
        # a name in another script after an English cue for a person
        ("my son Олександр is 3 and loves the hub", "my son [words in another script, not shown] is 3"),
        ("Our son محمد علي was born here", "Our son [words in another script, not shown] was born"),
        # "had our first meeting in May" is no birth
        ("We had our first meeting in May and it was great.", "unchanged"),
        ("I had my second appointment in June at the hub.", "unchanged"),
        # a kin field's English word is no name, even with an age after it
        ("Partner: Unemployed, age 30", "unchanged"),
    ],
)
def test_review_14_of_the_held_out_28_rules(text: str, expected: str) -> None:
    redacted = redact(text)
    assert redacted == text if expected == "unchanged" else expected in redacted
    if expected == "[name]":  # both names of the quoted row's table
        assert "Precious" not in redacted
        assert "Thandiwe" not in redacted


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name in a role's column or a role after a name's comma says what someone does, not who
        (
            "Our committee:\n\nName,Role,Phone\nDawn Pegg,Chair,07700 900441\nRob Tuck,Driver,\n",
            "Our committee:\n\nName,Role,Phone\n[name],Chair,[phone]\n[name],Driver,\n",
        ),
        ("Contact: Mo Farah-Lee, Treasurer – mo@example.org", "Contact: [name], Treasurer – [e-mail]"),
        # a name that is also a word, with who she is set after it
        (
            "I cried when Carol, the Family Support Worker, rang",
            "I cried when [name], the Family Support Worker, rang",
        ),
        ("Carol, the song, is lovely", "Carol, the song, is lovely"),
        # words that begin with a name or hold a title are no names
        ("our Early Years team is brilliant", "our Early Years team is brilliant"),
        ("my Duke of Edinburgh Bronze at the Gaywood hub", "my Duke of Edinburgh Bronze at the Gaywood hub"),
        # a car's model before its plate, and a current plate typed with two spaces
        ("we park our silver Zafira (AB 12 CDE) outside", "we park our silver Zafira ([vehicle]) outside"),
        # the family hubs consulted on are no one's workplace, named by their place
        ("I volunteer at the Gaywood hub on Fridays", "I volunteer at the Gaywood hub on Fridays"),
        # a retired teacher names no school; a child's school does (its class says no one without it)
        ("I'm a retired primary school teacher", "I'm a retired primary school teacher"),
        ("she's in Year 1 at Queen of Heaven Primary", "she's in Year 1 at [school]"),
        # a week count is no birth date; a form's next column is not part of one
        ("Ava was born at 31+2 weeks on 4/2/23 and", "[name] was born at 31+2 weeks on [date of birth] and"),
        (
            "Date of birth: 02/02/2022      Weight: 2.9kg",
            "Date of birth: [date of birth]      Weight: 2.9kg",
        ),
        # helplines (03, 080, 084) are organisations' numbers; a mobile is a person's
        ("the helpline (0300 123 4567) never answers", "the helpline (0300 123 4567) never answers"),
        ("ring me on 07700 900 662", "ring me on [phone]"),
        # a reference after "no." and a badge number with letters first
        ("mooring licence no. RB-20431 if needed", "mooring licence no. [reference] if needed"),
        ("her blue badge number is TG7 4410 2285", "her blue badge number is [reference]"),
        # running a business, and a job said in Portuguese with words before "na"
        ("a childminder running Busy Bees Childminding in Diss", "a childminder running [workplace]"),
        ("Trabalho à noite na Fakenham Laundry", "Trabalho à noite na [workplace]"),
        # a name written again in its own script; a house's name on a line that ends in a postcode
        ("I am Farida Rahimi (فریده رحیمی), from Kabul", "I am [name] ([name]), from Kabul"),
        ("Mr B Utting\nHolly Bank, Mill Lane, Hingham, NR9 4HP", "Mr [name]\n[address], Hingham, NR9 4"),
        # a card's "Family:" and "Mother:" fields hold names written as names
        (
            "Family: Osei\nMother: Abena Osei   Tel: 07700 900 118",
            "Family: [name]\nMother: [name]   Tel: [phone]",
        ),
        ("Family: all very supportive", "Family: all very supportive"),
        # a blog's address after the word blog
        ("mum of 2 | blog www.fenlandmumlife.co.uk", "mum of 2 | blog [social media]"),
    ],
)
def test_ways_of_writing_from_held_out_29(text: str, expected: str) -> None:
    """Each a way of writing held-out 29 measured as a miss or damage, said in other words."""
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # public figures named as such, by full name or title; a first name alone may be a mum's
        ("Even Marcus Rashford says kids need feeding", "Even Marcus Rashford says kids need feeding"),
        ("Sure Start was Tony Blair's best idea", "Sure Start was Tony Blair's best idea"),
        ("my friend Delia takes me", "my friend [name] takes me"),
        ("my neighbour Jamie Oliver drives us", "my neighbour [name] drives us"),
        ("Theresa may come with us", "[name] may come with us"),  # written as a word: someone else
        # the best-known people of every region, authors, sportspeople, history (public_figures.txt)
        ("We went to see where Charles Dickens grew up", "We went to see where Charles Dickens grew up"),
        ("Nigella Lawson says to batch cook", "Nigella Lawson says to batch cook"),
        ("she loves JK Rowling and Daphne du Maurier", "she loves JK Rowling and Daphne du Maurier"),
        (
            "Dolly Parton's Imagination Library posts a book",
            "Dolly Parton's Imagination Library posts a book",
        ),
        ("a statue of Grace Darling by the harbour", "a statue of Grace Darling by the harbour"),
        ("AS JESSICA ENNIS-HILL SAID", "AS JESSICA ENNIS-HILL SAID"),
        ("my son Harry Kane is four", "my son [name] is four"),  # a child the writer names
        # a greeting opening a comment before the writer says who they are
        ("Selam. I am Hiwot Tesfaye from Asmara", "Selam. I am [name] from Asmara"),
        ("Tere! I'm Liis Kask, a mum of two", "Tere! I'm [name], a mum of two"),
        ("Sarah. I am writing about Gaywood", "[name]. I am writing about Gaywood"),
    ],
)
def test_public_figures_and_greetings_are_kept(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # review 15: a name in a role's or a task's column, or heading a rota, is still a name
        (
            "Day | Task | Who\nMonday | Set up with Priya Shah | Tom Baker",
            "Day | Task | Who\nMonday | Set up with [name] | [name]",
        ),
        ("Child,Relationship\nAisha,Daughter of Nadia Khan", "Child,Relationship\n[name],[name]"),
        ("Date,Anna,Ben,Chloe\n03/06,yes,no,yes", "Date,[name],[name],[name]\n03/06,yes,no,yes"),
        # "Karen of Home-Start" is Karen; "Duke of Edinburgh" a title
        (
            "Thanks to Karen of Home-Start Norfolk for the lift.",
            "Thanks to [name] of Home-Start Norfolk for the lift.",
        ),
        ("Bev of the Tuesday group has been a lifeline.", "[name] of the Tuesday group has been a lifeline."),
        # warehouses' hubs are workplaces; a family hub named by its place is not
        ("I work nights at the Amazon hub near Dereham.", "I work nights at [workplace] hub near Dereham."),
        # a named school before "gates" is still a school
        ("i'm at st marys primary school gates every day", "i'm at [school] gates every day"),
        # an Irish mobile written the Irish way is a private number; a UK freephone is not
        (
            "My sister in Dublin is on 087 123 4567 if you need her.",
            "My sister in Dublin is on [phone] if you need her.",
        ),
        ("call 0800 123456 free", "unchanged"),
        # a card's status words are no names
        ("Father: Deceased\nMother: Single Parent", "unchanged"),
        ("Family: Two Adults, Three Children", "unchanged"),
        # a month before a role is a month
        ("Since April, our family support worker has visited weekly.", "unchanged"),
        # a line in capitals is no plate
        ("TAKE THE NO 22 BUS TO THE HUB", "unchanged"),
        ("MY LAST APPOINTMENT WAS ON 14 MAR AT THE HUB", "unchanged"),
        # a body's public address is no one's home
        (
            "James Paget Hospital, Lowestoft Road, Gorleston NR31 6LA",
            "James Paget Hospital, Lowestoft Road, Gorleston NR31 6",
        ),
        ("Tesco Extra, Blue Boar Lane, Norwich NR7 8AB", "Tesco Extra, Blue Boar Lane, Norwich NR7 8"),
        # a reply "No." ends its sentence; "no." before a reference does not
        ("Is the bus any good? No. The X1/X2 only runs hourly.", "unchanged"),
        ("Did they help? No! KS1/KS2 kids had nothing.", "unchanged"),
        # a colour in capitals may be a surname; a maker before a first name leaves the name
        ("Driver: Brown Jessica KV63 LRA", "Driver: Brown [name] [vehicle]"),
        (
            "I only have my old Fiesta (P482 HEX, bless her)",
            "I only have my old Fiesta ([vehicle], bless her)",
        ),
        # a school's name ends at "and"
        (
            "My son is in Year 3 at Hethersett and Mum helps out.",
            "My son is in Year 3 at [school] and Mum helps out.",
        ),
        # a country after a job in Portuguese or Polish is no employer
        ("Trabalho há muito na Inglaterra.", "unchanged"),
        # a Chinese or Korean date is a birth only beside a word for one
        ("我们2024年3月5日去了中心，很好。", "unchanged"),
        ("2024년 3월 5일 회의에 갔어요", "unchanged"),
        # a date of birth typed with colons
        ("DOB: 14:07:2019", "DOB: [date of birth]"),
        # a form's next label is no part of the name before it, at a line's start too
        ("Abena Osei   Tel: 07700 900123", "[name]   Tel: [phone]"),
        ("電話 Tel ０７７００ ９００１２３", "電話 Tel [phone]"),
        # a form's answer ends at its line: "Working" then the next field is no employer
        ("Parent: Working\nFamily: Polish", "unchanged"),
    ],
)
def test_review_15(text: str, expected: str) -> None:
    assert redact(text) == (text if expected == "unchanged" else expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # work said as people say it: years served, nights for a firm, trading as, the forces
        ("I spent 30 years with Suffolk Constabulary", "I spent 30 years with [workplace]"),
        (
            "he does nights for Ocado so weekends are hard",
            "he does nights for [workplace] so weekends are hard",
        ),
        ("a childminder at home as Busy Bees Childminding", "a childminder at home as [workplace]"),
        ("HER DAD IS A CHEF IN THE NAVY", "HER DAD IS A CHEF IN [workplace]"),
        (
            "I sell cakes, my own business (Bake My Day, on Facebook)",
            "I sell cakes, my own business ([workplace], on Facebook)",
        ),
        ("the bus company (Konectbus) cut the route", "unchanged"),
        # a handle a few words after the platform; a link-in-bio page; a group's page is no one's
        ("add me on snap if you want lils_mum22", "add me on snap if you want [social media]"),
        ("all my links: linktr.ee/norfolkmumof2", "all my links: [social media]"),
        ("our page is facebook.com/groups/wattonmums", "unchanged"),
        # an MP named in office after "Our MP,"; a group's own mailbox
        ("Our MP, Duncan Baker, has the letter.", "unchanged"),
        ("write to wymondhamtoddlers@example.org", "unchanged"),
        # a period's dates and a life's last date are no births
        ("Assessment period: 3 March 2025 to 2 April 2025", "unchanged"),
        (
            "our daughter Isla (1 May 2020 – 9 June 2021)",
            "our daughter [name] ([date of birth] – 9 June 2021)",
        ),
        # an institution named after someone; an option's letter; home education
        ("Jenny Lind Children's Hospital, outpatients", "unchanged"),
        ("this would close under option C.\nAnna Webb", "this would close under option C.\n[name]"),
        ("we run a Home Ed group", "unchanged"),
    ],
)
def test_ways_of_writing_from_held_out_30(text: str, expected: str) -> None:
    """Each a way of writing held-out 30 measured as a miss or damage, said in other words."""
    assert redact(text) == (text if expected == "unchanged" else expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an NHS number after "NHS" alone, or grouped as one in brackets, even with a bad check digit
        ("Lexi (2/1/21) NHS 123 456 7890", "[name] ([date of birth]) NHS [reference]"),
        ("my daughter Isla (412 338 9901) has asthma", "my daughter [name] ([reference]) has asthma"),
        # a date with its clock time stamps a message; a birth with its time is a birth
        ("> On 4 Feb 2025, at 21:03, Kerry Byrne wrote:", "> On 4 Feb 2025, at 21:03, [name] wrote:"),
        # held-out 33: a chat export's stamp with seconds
        ("[12/03/2025, 19:42:11] Gemma: done it", "[12/03/2025, 19:42:11] [name]: done it"),
        # the NHS as a whole, like a council, names no one's workplace
        ("I am employed by the NHS so I won't give my name", "unchanged"),
        # a school's name is on one line: a signature's job, then its workplace on the next
        ("Jo Bell | Early Years Lead\nRainbow Pre-School", "[name] | Early Years Lead\n[school]"),
        # a workplace in Portuguese with the word for it; a blog's full address
        ("Trabalho na fábrica da Bernard Matthews", "Trabalho na [workplace]"),
        ("I write at https://mumonwheels.wordpress.com about it", "I write at [social media] about it"),
    ],
)
def test_ways_of_writing_from_held_out_31(text: str, expected: str) -> None:
    """Each a way of writing held-out 31 measured as a miss or damage, said in other words."""
    assert redact(text) == (text if expected == "unchanged" else expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a town that is also a first name, where only a place stands; a person after "spoke to"
        ("It's an hour on the bus to Lynn from here.", "unchanged"),
        ("Families come in from Brandon every week.", "unchanged"),
        ("I spoke to Lynn at the desk.", "I spoke to [name] at the desk."),
        # a word on a list of names before the noun it qualifies; a councillor's division
        ("She trained as a breastfeeding peer supporter last year.", "unchanged"),
        ("I write as the district councillor for Mile Cross and Catton Grove.", "unchanged"),
        ("most of them get free school meals", "unchanged"),
        # my son / my daughter in other languages, and "was born" after a Hijri date
        ("Moja córka Hania chodzi do żłobka.", "Moja córka [name] chodzi do żłobka."),
        # the line that signs a comment off: names joined by "&", one in capitals, an initial, Cyrillic
        ("Please keep it.\n\nIvy & Kemi", "Please keep it.\n\n[name] & [name]"),
        ("KEEP IT OPEN.\nCRAIG", "KEEP IT OPEN.\n[name]"),
        ("keep it open\n\nR x\n\nSent from my iPhone", "keep it open\n\n[name] x\n\nSent from my iPhone"),
        ("Keep it open. Дякую!\nОксана", "Keep it open. Дякую!\n[name]"),
        ("I shall attend.\n\nP. J. Whittingham (Mrs)", "I shall attend.\n\n[name] (Mrs)"),
        ("Keep it open.\nFakenham", "unchanged"),
        ("Keep it open.\nPaldies", "unchanged"),
        # a name that is also a word, before what only a person stands before
        ("Grace and I went every week.", "[name] and I went every week."),
        ("Jake can you post this for me", "[name] can you post this for me"),
        ("Thanks\n\nHope (mum to Ezra, 4 months)", "Thanks\n\n[name] (mum to [name], 4 months)"),
        # letters that stand for children the writer will not name, wherever they stand after
        (
            "I'll call them K and M. K is 5 and M is 3.",
            "I'll call them [name] and [name]. [name] is 5 and [name] is 3.",
        ),
        # a job and its employer on a signature's line; a business named in brackets after its kind
        ("Thanks\n\nJo\nSALT, Eastern Community Health Trust", "Thanks\n\n[name]\nSALT, [workplace]"),
        (
            "we both work at the plant (Crown Poultry in Watton) on nights",
            "we both work at [workplace] ([workplace]) on nights",
        ),
        # a charity named, and where it is: no one's employer
        ("I volunteer with Home-Start in Dereham on Fridays.", "unchanged"),
    ],
)
def test_ways_of_writing_from_held_out_34(text: str, expected: str) -> None:
    """Each a way of writing held-out 34 measured as a miss or damage, said in other words."""
    assert redact(text) == (text if expected == "unchanged" else expected)


def test_kin_and_birth_in_urdu_written_in_latin_letters() -> None:
    """ "Meri beti Zoya ... ko paida hui thi": the daughter's name and her Hijri birth date go."""
    out = redact("Meri beti Zoya 3 Shawwal 1443 ko paida hui thi.")
    assert "Zoya" not in out
    assert "Shawwal" not in out
    assert "[date of birth] ko paida" in out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a birth's date without the place before it; an event's date; "due until" is no birth
        (
            "Our son was born at the James Paget on 3 May 2022 in the night",
            "Our son was born at the James Paget on [date of birth] in the night",
        ),
        ("The hall was opened by the Mayor on 4 June 2011.", "unchanged"),
        ("the final report is not due until November 2025", "unchanged"),
        # Norfolk's famous dead, nursery rhymes, an idiom, a children's presenter
        ("Norfolk gave us Edith Cavell and Boudicca.", "unchanged"),
        ("we sang Humpty Dumpty, then did Jack and Jill", "unchanged"),
        ("it was Hobson's choice", "unchanged"),
        ("the kids know every Julia Donaldson book", "unchanged"),
        # a job after a name; Deaf; a work coach; a plea; the next town along
        ("Dr Sam Oyelaran, Consultant Paediatrician", "[name], Consultant Paediatrician"),
        ("As a Deaf mum I need the BSL group", "unchanged"),
        ("Jade (Work Coach) sent me", "[name] (Work Coach) sent me"),
        ("Keep Sheringham open!", "unchanged"),
        ("the nearest one is Dereham and it takes an hour", "unchanged"),
        # a charity's handle; a public paper's number; a permit's and a crime's numbers
        ("tagging @ActionForChildren in this", "unchanged"),
        ("see the Cabinet report (CAB/2024/117) for it", "unchanged"),
        ("my BRP number is RK4471920.", "my BRP number is [reference]."),
        ("crime ref 41/22817/24 was given", "crime ref [reference] was given"),
        ("my claim reference, which is HBX 5530217.", "my claim reference, which is [reference]."),
        # a sign-off line with an address after the name; a name in another script after "mother of"
        ("SORT IT OUT.\nCRAIG 12 MILL LANE", "SORT IT OUT.\n[name] [address]"),
        ("I am mother of 王小明, he is 3", "I am mother of [words in another script, not shown], he is 3"),
    ],
)
def test_ways_of_writing_from_held_out_35(text: str, expected: str) -> None:
    """Each a way of writing held-out 35 measured as a miss or damage, said in other words."""
    assert redact(text) == (text if expected == "unchanged" else expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # review 16: the rules built for held-out 34 and 35, attacked
        (
            "I work as a team member for Tesco in Dereham, nights mostly.",
            "I work as a team member for [workplace], nights mostly.",
        ),
        (
            "I'm still waiting to hear back from Lynn in Early Help.",
            "I'm still waiting to hear back from [name] in Early Help.",
        ),
        ("so I get a lift from Ashley on Tuesdays.", "so I get a lift from [name] on Tuesdays."),
        (
            "The police gave me a report ref 36/40212/24 for it.",
            "The police gave me a report ref [reference] for it.",
        ),
        (
            "Miss Rachel in the baby room is the only one who knows him.",
            "[name] in the baby room is the only one who knows him.",
        ),
        ("My twins Jack and Jill love the music group.", "My twins [name] and [name] love the music group."),
        ("My husband Hai works nights.", "My husband [name] works nights."),
        ("I drop him at the hillside school gates at 8.", "I drop him at the [school] gates at 8."),
        (
            "born 3 weeks early, after labour started on 2 March 2023.",
            "born 3 weeks early, after labour started on [date of birth].",
        ),
        (
            "I work for Citizens Advice at Norwich Prison on Mondays.",
            "I work for Citizens Advice [workplace] on Mondays.",
        ),
        (
            "I'll call them J, T and R. R has reflux and J's speech stopped.",
            "I'll call them [name], [name] and [name]. [name] has reflux and [name]'s speech stopped.",
        ),
        (
            "My boys (I'll call them E and B). I oppose Option B.",
            "My boys (I'll call them [name] and [name]). I oppose Option B.",
        ),
        ("Councillors, can you explain why it is closing?", "unchanged"),
        ("Parent (mum of two), Dereham", "unchanged"),
        ("I work in a cafe (Mondays and Fridays) so I come Wednesdays.", "unchanged"),
        ("Q4. Which centre do you use most?\nN. Walsham", "unchanged"),
        ("Q7. Which option do you prefer (A, B or C)?\nB", "unchanged"),
        ("I don't work for Boots, we are independent.", "unchanged"),
    ],
)
def test_review_16(text: str, expected: str) -> None:
    """Each finding of review 16 (a leak or damage the new rules made), fixed."""
    assert redact(text) == (text if expected == "unchanged" else expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # held-out 36: a job denied, a royal's name after "the", a hospital in lower case, "in <town> I"
        ("I have never worked for Tesco in my life", "unchanged"),
        ("we will be travelling to the Queen Elizabeth for scans", "unchanged"),
        ("she was born in James Paget hospital", "unchanged"),
        ("I work at the Co-op in Watton I think", "I work at [workplace] I think"),
    ],
)
def test_ways_of_writing_from_held_out_36(text: str, expected: str) -> None:
    """Each a way of writing held-out 36 measured as damage, said in other words."""
    assert redact(text) == (text if expected == "unchanged" else expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # held-out 37 (measured once at cd22ac0): a job's title before a name, the area a job covers, a
        # benefit named after "forms for", a scheme's name, a public figure named again, an
        # appointment's date, a form's label after a name, "born" again in a bracket, "her job"
        ("Health Visitor Kelly Brown was great", "Health Visitor [name] was great"),
        (
            "It was lovely. Then Midwife Joanne showed me how to bath him.",
            "It was lovely. Then Midwife [name] showed me how to bath him.",
        ),
        ("I'm a family support worker covering Swaffham and the villages", "unchanged"),
        ("She was a nursery nurse working across South Norfolk for years", "unchanged"),
        ("the outreach worker filled in the form for Personal Independence Payment", "unchanged"),
        ("I drive for the Village Car Scheme on Fridays", "unchanged"),
        (
            'I wrote to our MP, Peter Lanyon.\n\n"Dear Mr Lanyon, please help." My son Peter goes there.',
            'I wrote to our MP, Peter Lanyon.\n\n"Dear Mr Lanyon, please help." My son [name] goes there.',
        ),
        ("Two year check: seen at the hub 03/06/2024 by the HV", "unchanged"),
        (
            "Child: Ava Brown     Date of birth: 02/03/2023",
            "Child: [name]     Date of birth: [date of birth]",
        ),
        (
            "my daughter was born (urodzona 5 maja 2021) in Norwich",
            "my daughter was born ([date of birth]) in Norwich",
        ),
        ("my wife lost her job at [workplace] last year", "unchanged"),
        # held-out 38 and 39 (measured once at f2c2878): what a thing is called, a charity after "the
        # charity", Julian of Norwich at a sentence's start, a hospital known by a person's name, a
        # birth's hospital before its year, "last year at", a job's noun in capitals is a name, a
        # dictated full stop ends a sentence, the town's hub, "infant feeding", a group's mailbox
        ("The charity Kinship helped us; it was once called Grandparents Plus.", "unchanged"),
        (
            "The app is called Peanut and my friend Jess found it",
            "The app is called Peanut and my friend [name] found it",
        ),
        ("Julian of Norwich wrote that all shall be well.", "unchanged"),
        (
            "She was born at the Jenny Lind in 2021, small but fine.",
            "She was born at the Jenny Lind in [date of birth], small but fine.",
        ),
        ("her second was born at Addenbrooke's and we came home after a week", "unchanged"),
        ("I did the course last year at the Julian Hospital", "unchanged"),
        ("my husband works shifts full stop the baby was born at the James Paget", "unchanged"),
        (
            "a worker at the Swaffham hub, Kerry, rang me back",
            "a worker at the Swaffham hub, [name], rang me back",
        ),
        ("we went to the Baby Friendly infant feeding group", "unchanged"),
        (
            "From the Little Stars Toddler Group, Dereham: littlestars.dereham@example.org",
            "unchanged",
        ),
        ("Little Stars Toddler Group: amy.bell@example.org", "Little Stars Toddler Group: [e-mail]"),
        # and the names 38 and 39 left: a month that is a name after any word for kin, a name that is
        # also a word before its age or birth in brackets, children named by letters in brackets, a
        # child named by an initial between commas
        ("our gran June comes every week", "our gran [name] comes every week"),
        ("I'm writing for my nan, April Dunmore, who is 81", "I'm writing for my nan, [name], who is 81"),
        ("my daughter May 2019 was born early", "unchanged"),
        (
            "the twins, Holly (born 3rd May 2021) and Kacper",
            "the twins, [name] (born [date of birth]) and [name]",
        ),
        ("my two Rose (4) and Ellis (2) go", "my two [name] (4) and [name] (2) go"),
        ("Section (3) of the report", "unchanged"),
        ("Our girls (K and M) love it. K is shy.", "Our girls ([name] and [name]) love it. [name] is shy."),
        ("One boy, R., could not say a word", "One boy, [name]., could not say a word"),
        # a writer's "X here" is a first name, even one that is a word; "Parking here" is no one
        ("Will here (Sam's dad). Will the hub open?", "[name] here ([name]'s dad). Will the hub open?"),
        ("Parking here is awful.", "unchanged"),
    ],
)
def test_ways_of_writing_from_held_out_37_38_39(text: str, expected: str) -> None:
    """Each a way of writing held-out 37, 38 or 39 measured as damage, said in other words."""
    assert redact(text) == (text if expected == "unchanged" else expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # held-out 42 and 43 (measured once at 8dd535e), said in other words: a month range, a body that
        # meets and a festival are no employer, a birth's hospital before "on March 3", a chat's stamp
        # under a line about a birth, a town before "patch", "into <town>", Delia Smith, a Portuguese
        # thank-you, WellComm, A&E
        ("we went in Jan–Mar most weeks", "unchanged"),
        ("it goes to Cabinet in July for a decision", "unchanged"),
        ("at Diwali the staff put on a party", "unchanged"),
        (
            "she was born at Ipswich Hospital on April 9, 2023 and",
            "she was born at Ipswich Hospital on [date of birth] and",
        ),
        (
            "best day since Ava was born\n[02/04/2025, 21:10:05] Jo: same",
            "best day since [name] was born\n[02/04/2025, 21:10:05] [name]: same",
        ),
        ("I work for the trust in the Dereham patch", "unchanged"),
        ("if it all moves into Brandon we cannot get there", "unchanged"),
        ("as Delia would say, let's be having you", "unchanged"),
        ("my friend Delia takes us", "my friend [name] takes us"),
        ("Muito obrigado,\nJoão Silva", "Muito obrigado,\n[name]"),
        ("the WellComm screen picked it up", "unchanged"),
        ("we ended up at A&E at the James Paget", "unchanged"),
    ],
)
def test_ways_of_writing_from_held_out_42_43(text: str, expected: str) -> None:
    """Each a way of writing held-out 42 or 43 measured as damage, said in other words."""
    assert redact(text) == (text if expected == "unchanged" else expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # rules of held-out 37-39 that had no test (review 17, F21): references spelt aloud, plates after
        # a vehicle word, a piped signature's employer, "name as", a trade centre, an economist named
        (
            "my reg is kilo X six five Lima Mike November so",
            "my reg is [vehicle] so",
        ),
        (
            "my national insurance is hotel Sierra five five two one oh nine B ok",
            "my national insurance is [NI number] ok",
        ),
        (
            "his NHS number is four eight five seven seven seven three four five six thanks",
            "his NHS number is [NHS number] thanks",
        ),
        ("they scraped my van (ak16 trs) again", "they scraped my van ([vehicle]) again"),
        ("my car PZ 7K214 got a ticket", "my car [vehicle] got a ticket"),
        (
            "Best wishes,\nAnn Bee | Occupational Therapist (Under 5s) | Norfolk Community Health and Care NHS Trust",
            "Best wishes,\n[name] | Occupational Therapist (Under 5s) | [workplace]",
        ),
        (
            "dad of two (gave name as Tariq), keen on the group",
            "dad of two (gave name as [name]), keen on the group",
        ),
        ("he works at Wymondham Tyre Centre on weekdays", "he works at [workplace] on weekdays"),
        ("early years pay back, ask James Heckman", "unchanged"),
        # review 17's findings, each fixed
        (
            "My son Harry loves it. Prince Harry visited the hub once.",
            "My son [name] loves it. Prince Harry visited the hub once.",
        ),
        ("HV visit re: Oliver Smith 03/05/2023", "HV visit re: [name] [date of birth]"),
        (
            "I booked place for my daughter Zofia 05.06.2021",
            "I booked place for my daughter [name] [date of birth]",
        ),
        ("a worker that was called Bev helped me", "a worker that was called [name] helped me"),
        ("my daughter which is called Emilia goes", "my daughter which is called [name] goes"),
        ("my friend Evelina came to the group", "my friend [name] came to the group"),
        (
            "As a bank nurse I work across the Norfolk and Norwich and the QEH.",
            "As a bank nurse I work across [workplace] and Norwich and the QEH.",
        ),
        ("my daughter started hillside primary nursery in september", "my [school] nursery in september"),
        (
            "Holly Tree Baby Group meets on Tuesdays; our worker is holly.nowak@nhs.net",
            "Holly Tree Baby Group meets on Tuesdays; our worker is [e-mail]",
        ),
        (
            "After he was made redundant my husband ended up at Amazon on nights.",
            "After he was made redundant my husband ended up at [workplace] on nights.",
        ),
        (
            "I work on the new line at Crisp Maltings so nights are hard",
            "I work on the new line at [workplace] so nights are hard",
        ),
        ("My daughter has been happier at Busy Bees since the move.", "unchanged"),
        ("We only have one car (MOT 2024 failed) so I walk.", "unchanged"),
        ("the car A1065 road is slow, taxi ID 12345", "unchanged"),
        ("NHS drop-in slots are nine thirty, ten fifteen, eleven oh five and twelve.", "unchanged"),
        ("what people call Sure Start, also known as Little Acorns", "unchanged"),
        ("The bus goes by Hope Lane but not often", "unchanged"),
        ("my daughter was born Easter Sunday in 2022", "my daughter was born [date of birth]"),
        ("Tel. (01632) 960418\n\n3rd June 2025\n\nDear Sir", "Tel. [phone]\n\n3rd June 2025\n\nDear Sir"),
        ("Tel. 07700\u00a0900\u00a0417 any time", "Tel. [phone] any time"),
    ],
)
def test_review_17(text: str, expected: str) -> None:
    """Each finding of review 17 (a leak, damage or missing test of the held-out 37-39 rules), fixed."""
    assert redact(text) == (text if expected == "unchanged" else expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # review 16 (O2): the list entries and cue words of this session that had no test of their own
        ("we break the fast at the iftar the hub hosts", "unchanged"),
        ("my keyworker is from Change Grow Live", "unchanged"),
        ("the Julian of Norwich centre", "unchanged"),
        ("FOI reference FOI/2024/1187 showed the cost", "unchanged"),
        ("my passport number is 533401871 if needed", "my passport number is [reference] if needed"),
        ("incident number 0412 of 3 May", "incident number [reference] of 3 May"),
        (
            "Meine Tochter Lena ist am 3 Mai 2021 geboren.",
            "[name] ist am [date of birth] geboren.",
        ),
        ("The surgeon and the registrar were kind.", "unchanged"),
    ],
)
def test_lists_and_cues_of_session_13(text: str, expected: str) -> None:
    """Each list entry or cue word added for held-out 34 to 36, on its own."""
    assert redact(text) == (text if expected == "unchanged" else expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a service, group or session "at" or "in" a place: where it is, no workplace and no person
        ("Mum has early shifts so my gran takes us to the hub at Hollins Green.", "unchanged"),
        ("They closed the toddler group at Clayton, and the one at Denver before that.", "unchanged"),
        ("We used the Friday Drop-In at Brandon for years.", "unchanged"),
        ("I take her to the group at Kerry's on Mondays", "I take her to the group at [name]'s on Mondays"),
        # a big city that is also a first name, unless a word for someone stands before it
        ("Preston is where my family lives now.", "unchanged"),
        ("We give to Bradford Food Bank every month", "unchanged"),
        ("my son Preston is 3", "my son [name] is 3"),
        # England's districts are places: "rural Breckland", "across Calderdale"
        ("We cover the whole of rural Calderdale with two cars", "unchanged"),
        # a first name's possessive before a capitalised word names a thing, not the person alone
        ("Bookings for Jacob's Ladder soft play are full", "unchanged"),
        ("Amy's Mum brought the twins", "[name]'s Mum brought the twins"),
        # a student at a university or college is not employed there (a PhD is)
        ("I'm a second year student nurse at Anglia Ruskin University", "unchanged"),
        ("I study law at the University of Leeds", "unchanged"),
        ("I'm a PhD student at Anglia Ruskin University", "I'm a PhD student at [workplace]"),
        # a plan that "will not work" is no job; a council's department by its place employs thousands
        ("Seeing us at Hillside Lodge instead will not work for us", "unchanged"),
        # what a relative clause says of the people someone relies on is no workplace
        ("we rely on the family workers who speak Tigrinya and Amharic", "unchanged"),
        # the second of a pair of towns, ended there; in capitals too; not "... and Brandon started"
        ("Re: Diss & Harleston", "unchanged"),
        ("SAVE WATTON AND BRANDON CENTRES!!", "SAVE WATTON AND BRANDON CENTRES!!"),
        ("We moved to Diss and Brandon loves it.", "We moved to Diss and [name] loves it."),
        ("Diss and Brandon, aged 4, love it", "Diss and [name], aged 4, love it"),
        ("at Mill Lane, Derek, next door", "at Mill Lane, [name], next door"),
        # a name found by NER ends before a town of two words; a job title on a signature's line
        ("GREETINGS FROM JAY AND SAM GREAT YARMOUTH", "GREETINGS FROM [name] AND [name] GREAT YARMOUTH"),
        ("Kind regards\nPat Hemsby\nParish Clerk", "Kind regards\n[name]\nParish Clerk"),
        ("Please keep Clayton open", "unchanged"),
    ],
)
def test_ways_of_writing_from_held_out_46_47(text: str, expected: str) -> None:
    """Each a way of writing held-out 46 or 47 (set in Bradford) measured as damage, said in other words."""
    assert redact(text) == (text if expected == "unchanged" else expected)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # a name found in one comment is found where it stands alone in another
        (["My son Jayden loves it", "Jayden says hi"], ["My son [name] loves it", "[name] says hi"]),
        # not a town's name, or the last word of one ("Lynn" of King's Lynn: 46 harmless phrases of the
        # labelled sets damaged before), nor a name a comment gives to a saint or a body
        (
            ["My sister Lynn helps", "the bus into Lynn takes an hour"],
            ["My sister [name] helps", "the bus into Lynn takes an hour"],
        ),
        (["my son Andrew is 3", "Tots meet at St Andrew's church hall"], ["my son [name] is 3", "unchanged"]),
        # the consultation's own places, in no gazetteer, named as places in two comments or more
        (
            ["Whinburn has no bus on Sundays.", "The hub in Whinburn is lovely", "We live in Whinburn now."],
            ["unchanged", "unchanged", "unchanged"],
        ),
        # ... but not an employer named where a place would be
        (
            ["I work at Sellafield on days", "he does shifts at Sellafield"],
            ["I work at [workplace] on days", "he does shifts at [workplace]"],
        ),
    ],
)
def test_what_one_comment_says_of_another(texts: list[str], expected: list[str]) -> None:
    """A consultation is read whole: names spread between comments, and so do its own places."""
    from hubplan.consult.redact import redact_all

    assert redact_all(texts) == [t if e == "unchanged" else e for t, e in zip(texts, expected, strict=True)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an MP or mayor named with the area they serve, in office
        ("I sent it to the MP for Norwich South, Clive Lewis, last week", "unchanged"),
        ("copied to the Mayor of the North East, Kim McGuinness", "unchanged"),
        # a hub is named for its place, never a person (but a signature's "Hub Manager" is a job)
        ("most weeks we use Harvey hub for baby massage", "unchanged"),
        ("most weeks we use Quentin Family Hub for massage", "unchanged"),
        # a place's first words between "in" and a name that is also a place's last word
        ("we live in Druids Heath near the canal", "unchanged"),
        ("we sat in Mrs Heath's class", "we sat in [name]'s class"),
        # a public figure by full name, from any region (public_figures.txt)
        ("Leicester gave the world Gary Lineker", "unchanged"),
        # initials standing for people the minutes list by name
        (
            "Present: Gemma Whitlock (chair), Rhiannon Kaur\nGW opened the meeting and RK took notes.",
            "Present: [name] (chair), [name]\n[name] opened the meeting and [name] took notes.",
        ),
        # a name with a date in brackets after it, though it is also a word or ends like a town
        (
            "my two, Poppy (14/02/2019) and Ruby (02/09/2021)",
            "my two, [name] ([date of birth]) and [name] ([date of birth])",
        ),
        ("the centres in Thetford (2) and Diss (1)", "unchanged"),
        # a form's name field with a note in brackets
        ("Name (optional): Carys Pugh\nPostcode: CF10 1AA", "Name (optional): [name]\nPostcode: CF10 1"),
        # a first name that is also a word, before a surname no dictionary has
        ("Faith Okonkwo set up the group in 2019", "[name] set up the group in 2019"),
        ("Hope Cove is where we go", "unchanged"),
        ("Grace Church hosts it", "unchanged"),
        # a name alone on a comment's last line, or an initial after a dash
        ("We need it open.\n\nTegid Rhydderch", "We need it open.\n\n[name]"),
        ("We need it open.\n\nKind Regards", "unchanged"),
        ("don't shut it.\n- J.", "don't shut it.\n- [name]."),
        # a service number, a pupil's UPN, a family court's case (not a helpline, not a year)
        ("his service number is 25114873", "his service number is [reference]"),
        ("her UPN is K823406219015", "her UPN is [reference]"),
        ("Our court case was LV24P00871.", "Our court case was [reference]."),
        ("the court case in 2023 dragged on", "unchanged"),
        ("the customer service number 0800 123 4567 is free", "unchanged"),
        # a birth in Chinese, the word for it after where
        ("我兒子 於 2022年3月5日 在 Norwich 出生。", "我兒子 於 [date of birth] 在 Norwich 出生。"),
    ],
)
def test_ways_of_writing_from_held_out_56_to_59(text: str, expected: str) -> None:
    """Each a way of writing held-out 56 to 59 (Cornwall, Birmingham, Norfolk, Kent) measured as a miss or
    damage, said in other words."""
    assert redact(text) == (text if expected == "unchanged" else expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a named storm, a thing named for a person, a law by its name and year
        ("After Storm Ciara the hub was our warm space", "unchanged"),
        ("we got a Moses basket from the baby bank", "unchanged"),
        ("under the Equality Act 2010 you must", "unchanged"),
        # a councillor's surname that is also a word (WordNet's) stays a name after the title
        ("Cllr Jackson said no decision was made", "Cllr [name] said no decision was made"),
        # a town before "hub" after a word that may come before a name ("take ... off us")
        ("they want to take Silloth hub off us", "unchanged"),
        # initials after a dash ending a comment
        ("Thanks for listening.\n\n— R.T.", "Thanks for listening.\n\n— [name]."),
        # a job in another language: the workplace's word, its name and its town
        ("Od 2020 pracuję w piekarni Warburtons w Bolton na noce.", "Od 2020 pracuję w [workplace] na noce."),
        (
            "Trabalho por turnos na fábrica da Kerry Foods e gosto",
            "Trabalho por turnos na [workplace] e gosto",
        ),
        (
            "Eu e o meu marido, lucrez la Lidl din Slough noaptea.",
            "Eu e o meu marido, lucrez la [workplace] noaptea.",
        ),
        # a letter's address block: the home's line (a number's, or a farm's), not the village's
        ("3 Fell View\nThrelkeld\nCA12 4SQ\n\nDear Sir", "[address]\nThrelkeld\nCA12 4\n\nDear Sir"),
        ("Low Gillerthwaite Farm\nEnnerdale\nCA23 3AX", "[address]\nEnnerdale\nCA23 3"),
        # the town's library the writer works at (not the county's library service)
        ("I work at Wigton Library two days a week", "I work at [workplace] two days a week"),
        ("I work for Norfolk Library and love it", "unchanged"),
    ],
)
def test_ways_of_writing_from_held_out_60_to_63(text: str, expected: str) -> None:
    """Each a way of writing held-out 60 to 63 (Manchester, Cumberland, Hampshire, Norfolk) measured as a
    miss or damage, said in other words."""
    assert redact(text) == (text if expected == "unchanged" else expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # where a signer lives, after a comma or after the name, though no gazetteer knows the estate
        (
            "Shut it and see what happens.\n\nDenise Haworth, Higher Shawclough",
            "Shut it and see what happens.\n\n[name], Higher Shawclough",
        ),
        (
            "That is all I have to say. Gary Pilling, Thorncliffe",
            "That is all I have to say. [name], Thorncliffe",
        ),
        ("PLEASE LISTEN TO US. K. ASHWORTH BARNSLEY", "PLEASE LISTEN TO US. [name] BARNSLEY"),
        # ... but not where a body's name (taken for a name) or a second person follows
        ("Thanks.\n\nAmina Farah, Bridgeway Community Partners", "Thanks.\n\n[name], [name]"),
        ("Signed by Lucy Marsh, Jodie Kerr", "Signed by [name], [name]"),
        ("Best wishes, Sam Preston", "Best wishes, [name]"),
        # a car's model with its plate before it
        (
            "the van (YX19 KLM, white Vivaro) blocks the pram bay",
            "the van ([vehicle], white Vivaro) blocks the pram bay",
        ),
        # a place named after someone, and a place's last word after a name
        ("the clinic moved to Edith Cavell Road last year", "unchanged"),
        ("we used to meet at Winifred Holtby Tower on Fridays", "unchanged"),
        ("we take the kids down to Robin Bay when it's sunny", "unchanged"),
        ("my son Tom Hill and Sarah Close came", "my son [name] and [name] came"),
        # the dates of a pasted record are no births
        ("Claim review on 3 June 2025.\nAdviser: Joanne", "Claim review on 3 June 2025.\nAdviser: [name]"),
        ("Please reconfirm by: 30 May 2025", "unchanged"),
        ("Journal message - 14 January 2025", "unchanged"),
        # someone spoken of as famous, on no list
        ("my youngest wants to be the next Lionel Messi", "unchanged"),
        ("Our lad thinks he's Jarrod Bowen since the final", "unchanged"),
        ("Sheffield gave the world Jessica Ennis and Sean Bean, and now", "unchanged"),
        ("Laurie Lee wrote about this valley", "unchanged"),
        ("I have written to Lilian Greenwood MP twice", "unchanged"),
        ("... but my son Tom Daley is 4 and loves it", "... but my son [name] is 4 and loves it"),
        ("On 3 March, Kerry Osei wrote:\n> yes", "On 3 March, [name] wrote:\n> yes"),
        # a job title on a signature's line is no name
        ("Kind regards\nPriya Shah\nFamily Support Worker", "Kind regards\n[name]\nFamily Support Worker"),
    ],
)
def test_ways_of_writing_from_held_out_64_to_71(text: str, expected: str) -> None:
    """Each a way of writing held-out 64 to 71 (Leeds, Devon, Tower Hamlets, Lincolnshire, Leicester,
    Newcastle, Norfolk, Bradford) measured as damage, said in other words."""
    assert redact(text) == (text if expected == "unchanged" else expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a council someone works for (20 of 20 labelled phrases), not a council someone fosters for
        ("I work for Calderdale County Council in highways.", "I work for [workplace] in highways."),
        ("We foster for Norfolk County Council and love it", "unchanged"),
        # a signature's role, then its employer
        (
            "From Dr Ann Lowe, Practice Manager, Millbrook Surgery\n\nDear all",
            "From [name], Practice Manager, [workplace]\n\nDear all",
        ),
        # someone who owns or manages it, or whose business it is
        (
            "I own and manage Buttercup Day Nursery. We are full.",
            "I own and manage [workplace]. We are full.",
        ),
        ("My business is Puddle Ducks Soft Play and I love it", "My business is [workplace] and I love it"),
        ("I have run Happy Feet Soft Play for six years", "I have run [workplace] for six years"),
        # an organisation's name inside a workplace's is not cut out of it
        ("I do nights at Meadow Bank Care Home now", "I do nights at [workplace] now"),
    ],
)
def test_workplaces_from_held_out_64_to_71(text: str, expected: str) -> None:
    """The workplaces held-out 64 to 71 showed missed, said in other words."""
    assert redact(text) == (text if expected == "unchanged" else expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # L1: after "First Surname, " only a place's shape is a place, not a second signer or a child
        ("Signed by both parents:\nDan Hughes, Harper Wood", "Signed by both parents:\n[name], [name]"),
        ("Keep Rainbow Room open!\nGemma Clarke, Albie Smith", "Keep Rainbow Room open!\n[name], [name]"),
        ("I am writing as a mum.\nClaire Hunt, Myla-Rose", "I am writing as a mum.\n[name], [name]"),
        ("From Lucy Shaw, Albie", "From [name], [name]"),
        # L2: a group's word after a name a parent wrote without "'s", or a verb
        ("My son is in Mrs Hughes class at nursery", "My son is in [name] class at nursery"),
        ("We used to go to Debbie Clarke group every week", "We used to go to [name] group every week"),
        (
            "Our health visitor Tina Marsh classes him as underweight.",
            "Our health visitor [name] classes him as underweight.",
        ),
        # L3: a place's word that is a surname too, with no place's cue before
        (
            "Our family support worker is Jo Street and she is great.",
            "Our family support worker is [name] Street and she is great.",
        ),
        ("The manager, Dave Moor, told us it would close.", "The manager, [name], told us it would close."),
        # L4: someone's home after "live in"
        (
            "At the moment we live in Karen and Dave's spare room.",
            "At the moment we live in [name] and [name]'s spare room.",
        ),
        (
            "We have been living in Amy Clarke's back bedroom.",
            "We have been living in [name]'s back bedroom.",
        ),
        # L5: a plate, then "our" and a name
        (
            "Blocked in again by KV63 LRA, our Kayleigh was late",
            "Blocked in again by [vehicle], our [name] was late",
        ),
        # L6: a birth beside a word that dates an event
        (
            "I ended up giving birth on 14 March 2021 at the QEH.",
            "I ended up giving birth on [date of birth] at the QEH.",
        ),
        (
            "The group closed just before our twins arrived on 2 February 2023.",
            "The group closed just before our twins arrived on [date of birth].",
        ),
        # L7: a surname that is a job, mid-sentence
        ("Harper Nurse from the hub rang me every week.", "[name] from the hub rang me every week."),
        # D1: a list of jobs, a song
        ("The hub should have a Health Visitor, Midwife, Social Worker all in one place.", "unchanged"),
        ("we sing Head, Shoulders, Knees and Toes", "unchanged"),
        # D2: no one in particular works for the council
        ("The staff who work for Norfolk County Council are doing their best.", "unchanged"),
        # D3: a marathon, a condition, a word after "my business is"
        ("I have run the London Marathon twice for Home-Start.", "unchanged"),
        ("I have managed Type 1 Diabetes since I was a child.", "unchanged"),
        ("My business is struggling because I cannot find childcare.", "unchanged"),
    ],
)
def test_review_20(text: str, expected: str) -> None:
    """Review 20's findings (/work/review20 in session 17): leaks and damage of the rules for 64 to 71."""
    assert redact(text) == (text if expected == "unchanged" else expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a house or hospice named for someone, after a place's cue; not a person called House
        ("she gets respite at Helen House every month", "unchanged"),
        ("my friend Sarah House came with me", "my friend [name] came with me"),
        # a role's mailbox, post-nominals on a signature's line
        (
            "Thanks,\nKaren Lowe\nPractice Manager\npractice.manager@example.nhs.uk",
            "Thanks,\n[name]\nPractice Manager\n[e-mail]",
        ),
        ("Regards,\nAnn Bell\nRGN, SCPHN (HV)", "Regards,\n[name]\nRGN, SCPHN (HV)"),
    ],
)
def test_ways_of_writing_from_held_out_72_to_79(text: str, expected: str) -> None:
    """Ways of writing held-out 72 to 79 measured as damage, said in other words."""
    assert redact(text) == (text if expected == "unchanged" else expected)


def test_a_town_named_for_a_first_name_in_two_comments_is_a_place() -> None:
    """ "the Carlton hub" in two comments makes Carlton (a town, and a first name) a place everywhere."""
    from hubplan.consult.redact import redact_all

    texts = [
        "We use the Carlton hub on Mondays.",
        "I take the twins to the Carlton hub.",
        "Carlton is too far for us.",
    ]
    assert redact_all(texts) == texts


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # a name found in one comment is not spread into an MP's name in office
        (
            ["My sister Jess comes with me", "I have written to our MP Jess Phillips"],
            ["My sister [name] comes with me", "unchanged"],
        ),
        # nor into a month's or day's short form beside a number
        (
            ["Jun brought her baby on Monday", "Appointment: Thu 19 Jun at 11:15"],
            ["[name] brought her baby on Monday", "unchanged"],
        ),
        # a consultation's place of two words: its last word is no name
        (
            ["we live in Small Heath", "the hub in Small Heath is", "please keep Small Heath open"],
            ["unchanged", "unchanged", "unchanged"],
        ),
    ],
)
def test_names_spread_between_comments_from_held_out_56_to_59(texts: list[str], expected: list[str]) -> None:
    """What held-out 56 to 59 showed of names spread between comments, said in other words."""
    from hubplan.consult.redact import redact_all

    assert redact_all(texts) == [t if e == "unchanged" else e for t, e in zip(texts, expected, strict=True)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a famous name that thousands of private people share is no figure's (F1, F2); "Elizabeth I"
        # is not the queen before "now know"
        (
            "Harry Kane came to the group with his mum every week.",
            "[name] came to the group with his mum every week.",
        ),
        (
            "Thanks to Elizabeth I now know what help there is.",
            "Thanks to [name] I now know what help there is.",
        ),
        # a form's name field holds the writer's name, whoever shares it (F1)
        ("Name: Boris Johnson\nPostcode: NR2 4TP", "Name: [name]\nPostcode: NR2 4"),
        # a figure's name the writer makes someone they know, with a comma or a role (F3)
        ("My son, Jamie Vardy, is four", "My son, [name], is four"),
        ("Jamie Vardy, our health visitor, was brilliant", "[name], our health visitor, was brilliant"),
        # a hub's staff and a child's sessions are people's (F5); a job, kin or capitals before a name
        # after "from" make no place (F6)
        ("I messaged Sarah hub support about the forms.", "I messaged [name] hub support about the forms."),
        ("Marcus hub sessions were the best.", "[name] hub sessions were the best."),
        (
            "A visit from Social Worker Kelly made it worse.",
            "A visit from Social Worker [name] made it worse.",
        ),
        ("I had lots of help from HV Sarah", "I had lots of help from HV [name]"),
        # a place's count in brackets (F7); an option's letter (F8); a service's acronym (F9)
        ("We use the centres in Gaywood (2) and Fairstead (1).", "unchanged"),
        ("Which option do you prefer?\n- B", "unchanged"),
        (
            "Our worker Danielle Vaughan runs the DV group on Tuesdays.",
            "Our worker [name] runs the DV group on Tuesdays.",
        ),
        # a season's or word's name before a scheme or a charity (F10)
        ("Summer Playscheme places went in a day.", "unchanged"),
        ("Hope Foodbank gave us vouchers.", "unchanged"),
        # a court case's year, a helpline (F11), a kin's service number (F15)
        ("The court case was in 2023 and it was awful.", "unchanged"),
        ("I rang Citizens Advice but their service number is 0808 223 1133 and nobody answers.", "unchanged"),
        ("My husband's service number is 25114873.", "My husband's service number is [reference]."),
        # who the writer is in a name field (F12); a session's date (F13)
        ("Name (optional): Concerned Resident", "unchanged"),
        ("Makaton (05/05/2025) course full.", "Makaton ([date of birth]) course full."),
        # initials with full stops in minutes (F16)
        (
            "Present: Gemma Whitlock, Rhiannon Kaur\nG.W. opened and R.K. agreed.",
            "Present: [name], [name]\n[name] opened and [name]. agreed.",
        ),
    ],
)
def test_review_19(text: str, expected: str) -> None:
    """Review 19's findings (/work/review19), each said in other words."""
    assert redact(text) == (text if expected == "unchanged" else expected)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # a figure's name one comment makes a private person's spreads (F4)
        (
            ["My son Jamie Vardy is four and loves it", "Jamie Vardy came with me on Monday"],
            ["My son [name] is four and loves it", "[name] came with me on Monday"],
        ),
        # a month's short form with a child's age after it is the child (F14)
        (
            ["Our daughter Jun loves it", "Jun 2 and her brother go on Mondays"],
            ["Our daughter [name] loves it", "[name] 2 and her brother go on Mondays"],
        ),
    ],
)
def test_review_19_consultations(texts: list[str], expected: list[str]) -> None:
    """Review 19's findings about names spread between comments, said in other words."""
    from hubplan.consult.redact import redact_all

    assert redact_all(texts) == [t if e == "unchanged" else e for t, e in zip(texts, expected, strict=True)]


def test_places_named_in_a_consultation() -> None:
    """A word in a place's slot in two comments is a place; one said of a person or an employer is not."""
    from hubplan.consult.place_names import places_named_in

    texts = [
        "the hub in Whinburn is lovely",
        "We moved to the Whinburn estate. Our Kirkby centre is shut",
        "I take her to Kirkby hub and in January we go to Sandgarth",
        "In January it snowed in Sandgarth",
        "I work nights at Sellafield",
        "my dad is at Sellafield",
        "Dear Sandgarth, thanks",
    ]
    assert places_named_in(texts) == frozenset({"whinburn", "kirkby"})
    assert places_named_in(texts[:2], at_least=3) == frozenset()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # review 18's findings of the session-15 rules, each fixed
        ("Our keyworker Preston Jones has been great.", "Our keyworker [name] has been great."),
        ("my son Preston Walker is 3", "my son [name] is 3"),
        ("Oscar's Social Worker came round", "[name]'s Social Worker came round"),
        ("The toddler group at Karen Smith's on Mondays", "The toddler group at [name]'s on Mondays"),
        ("he's a porter at James Cook University Hospital", "he's a porter at [workplace]"),
        ("I work for Priory Children's Services", "I work for [workplace]"),
        ("we went on the housing register in 2019", "unchanged"),
        ("us 250 300 a", "unchanged"),
        ("thanks @SarahDC", "thanks [social media]"),
        ("@LeedsCC are consulting", "unchanged"),
    ],
)
def test_review_18(text: str, expected: str) -> None:
    """Each finding of review 18 (a leak or damage of the session-15 rules), fixed."""
    assert redact(text) == (text if expected == "unchanged" else expected)


def test_a_consultations_places_stay_inside_it() -> None:
    """A consultation's own places are towns only while it is read (review 18: they stuck in caches)."""
    from hubplan.consult.redact import redact_all

    assert (
        redact_all(["the hub in Whinburn is great", "we live in Whinburn", "x"])[0]
        == "the hub in Whinburn is great"
    )
    from hubplan.consult.place_names import last_words_of_towns, town_names

    assert "whinburn" not in town_names()
    assert "whinburn" not in last_words_of_towns()
    # a first name written where a place stands is never one for the whole consultation
    out = redact_all(["shouting at Tyrese again", "we were shouting at Tyrese", "my son Tyrese is 4"])
    assert out[2] == "my son [name] is 4"


def test_a_word_or_first_name_is_a_place_only_when_three_comments_say_so() -> None:
    """Walker (a word, a first name, a Newcastle estate and ward): a place after three comments, not two."""
    from hubplan.consult.place_names import places_named_in

    three = ["the hub in Walker is great", "we walk to Walker hub", "life in Walker is hard"]
    assert places_named_in(three) == frozenset({"walker"})
    assert places_named_in(three[:2]) == frozenset()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # numbers after the name of what they number (a council tax account, Child Benefit, a library
        # card, the 30 hours childcare code), with a Child Benefit reference's two letters
        ("my council tax account no. 40118273, Flat 3", "my council tax account no. [reference], Flat 3"),
        (
            "the Child Benefit number is CHB 00847193 NB in case",
            "the Child Benefit number is [reference] in case",
        ),
        ("I'm a student (library ID 36120094) and", "I'm a student (library ID [reference]) and"),
        ("Your 30 hours childcare code: 50012847361", "Your 30 hours childcare code: [reference]"),
        ("I opened a bank account in 2019 and it was fine", "unchanged"),
        # a signature's employer after a bar: the signer's business, or after a role
        (
            "Claire Darby | Little Chainmakers Childminding\nclaire@example.com",
            "[name] | [workplace]\n[e-mail]",
        ),
        (
            "Karen Jelf | Practice Manager | Forest Health Partnership",
            "[name] | Practice Manager | [workplace]",
        ),
        ("Lauren Mayor\nOwner | The Stone Jetty Pantry", "[name]\nOwner | [workplace]"),
        (
            "Daniel Osei\nSenior Data Analyst | Zurich UK | Swindon",
            "[name]\nSenior Data Analyst | [workplace] | Swindon",
        ),
        ("Jo Smith | Swindon", "[name] | Swindon"),
        # a birthplace and a saying are said of a baby and a teacher too (review 22): no sign of fame
        (
            "Ulverston – birthplace of Stan Laurel, as the signs say",
            "Ulverston – birthplace of [name], as the signs say",
        ),
        (
            "The unit was the birthplace of Oliver, Mia and Jack, all three of mine",
            "The unit was the birthplace of [name], [name] and [name], all three of mine",
        ),
        (
            "The last baby born here was Lily Carter, my granddaughter.",
            "The last baby born here was [name], my granddaughter.",
        ),
        ("As Mrs Hughes used to say in assembly, be kind.", "As [name] used to say in assembly, be kind."),
        (
            "As Nanny Pat used to say, a problem shared is halved.",
            "As Nanny [name] used to say, a problem shared is halved.",
        ),
        ("As my mum would say, it's a disgrace", "unchanged"),
        # a council made since 2019 is no one
        ("We're council tenants with Westmorland and Furness, and", "unchanged"),
    ],
)
def test_ways_of_writing_from_held_out_80_to_83(text: str, expected: str) -> None:
    """Ways of writing held-out 80 to 83 (measured once at 70fafd1) missed or damaged, in other words."""
    assert redact(text) == (text if expected == "unchanged" else expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a phone number wrapped by a form or an e-mail client, at one line break
        ("Contact phone: 07700\n900 206\nPostcode: PL2", "Contact phone: [phone]\nPostcode: PL2"),
        ("ring me on 07700 900\n488 after 3", "ring me on [phone] after 3"),
        # ... but a number whole before the break takes nothing from the next line, nor digits in a table
        ("Tel: 01632 960418\n12 families came", "Tel: [phone]\n12 families came"),
        ("Totals\n0\n123456789", "unchanged"),
        # a long number after a word about an account, a card or a reference in its sentence
        (
            "I pay my council tax (account 6001 2378 44) like everyone else.",
            "I pay my council tax (account [reference]) like everyone else.",
        ),
        (
            "I have a library card (20500013357906) and take them.",
            "I have a library card ([reference]) and take them.",
        ),
        (
            "My Healthy Start card number 6330 1184 0093 7. Sorry",
            "My Healthy Start card number [reference]. Sorry",
        ),
        (
            "His NHS number, in case it helps you find the plan, is 9990481736.",
            "His NHS number, in case it helps you find the plan, is [reference].",
        ),
        # ... not a count, a company's number or a helpline's
        ("The number of families rose from 12000000 to 13000000", "unchanged"),
        ("Registered in England, company no. 08812345", "unchanged"),
        ("Call the helpline number 0344 800 8020", "unchanged"),
        # minutes: initials listed below "Present:", or between semicolons, slashes and "&"; a body's
        # letters are no one's, nor is a comment that opens "Apologies," (review 22)
        (
            "Parent forum minutes\nPresent:\nJH (chair)\nSM\nRT\nJH welcomed everyone. RT to ask about funding.",
            "Parent forum minutes\nPresent:\n[name] (chair)\n[name]\n[name]\n[name] welcomed everyone. [name] to ask about funding.",
        ),
        (
            "Minutes\nPresent: JH; SM & RT\nSM said the group is full.",
            "Minutes\nPresent: [name]; [name] & [name]\n[name] said the group is full.",
        ),
        ("In attendance: NCC, CAB, DWP, two parents\nNCC said the hub will close.", "unchanged"),
        (
            "Apologies, I'm on my phone.\nMe and Wendy Evans run it. WE will fight this.",
            "Apologies, I'm on my phone.\nMe and [name] run it. WE will fight this.",
        ),
        # a child called by initials with an age in brackets, as foster carers write; not a thing's letter
        (
            "I have two little ones with me, J (3) and R-M (14 months). I won't give more",
            "I have two little ones with me, [name] (3) and [name] (14 months). I won't give more",
        ),
        ("She is in Year R (4 days a week) and Room C (3) is hers", "unchanged"),
        # a signer's business after a sign-off, a comma or a line break; not a class's venue (review 22)
        ("Thanks, Claire Darby | Little Chainmakers Childminding", "Thanks, [name] | [workplace]"),
        ("Claire Darby, Little Chainmakers Childminding", "[name], [workplace]"),
        ("Claire Darby\nLittle Chainmakers Childminding", "[name]\n[workplace]"),
        ("Baby Sensory | Little Lotus Studio", "unchanged"),
        # a house known by its name before its village, where someone lives or in brackets; not a venue
        ("We live at Cliff Top Cottage, Aldbrough, for now", "We live at [address], Aldbrough, for now"),
        ("Our address is Low Field Farm, Wetwang.", "Our address is [address], Wetwang."),
        ("We went to Manor Farm, Witney for a day out", "unchanged"),
        # review 23: a heading with words before its colon; a company's number by its own words only; a
        # forum's letters, a grade and a site are no children; a town or one word before a line break
        # signs nothing; a title makes a signer; a date's digits are no reference
        (
            "Attendees (6): JH, SM\nSM said the group is full.",
            "Attendees (6): [name], [name]\n[name] said the group is full.",
        ),
        (
            "I registered for a library card (card no. 23800013956421).",
            "I registered for a library card (card no. [reference]).",
        ),
        ("DS (4) and DD (18 months) love it. She got a C (4) in maths.", "unchanged"),
        ("Present: PTA, BBC, JH\nJH said hi.", "Present: PTA, BBC, [name]\n[name] said hi."),
        ("Q7\nEarly Help Services", "unchanged"),
        ("Watton - Library Services", "unchanged"),
        ("Mrs Baker | Little Acorns Childminding", "[name] | [workplace]"),
        ("Her NHS appointment is on 12 03 2024.", "unchanged"),
        # a signer's town after a role is no employer (review 22)
        ("Daniel Osei\nSenior Data Analyst | Swindon", "[name]\nSenior Data Analyst | Swindon"),
        ("Jane Doe, Parish Clerk, Hethersett", "[name], Parish Clerk, Hethersett"),
        # a ward that starts with a first name, where a place stands; an address's ward (review 22)
        ("We moved into Weston Coyney last year.", "unchanged"),
        (
            "Our address is 5 Mill Lane, Heath Charnock, PR6 9JN",
            "Our address is [address], Heath Charnock, PR6 9",
        ),
    ],
)
def test_ways_of_writing_from_held_out_88_to_91_and_review_22(text: str, expected: str) -> None:
    """Ways of writing held-out 88 to 91 (measured once at a7cdde6) missed, in other words; review 22."""
    assert redact(text) == (text if expected == "unchanged" else expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a childminder's business wherever it is named; not a network of childminders
        (
            "I mind four children in Thorpe (Little Wrens Childminding, Ofsted URN EY558120).",
            "I mind four children in Thorpe ([workplace], Ofsted URN [reference]).",
        ),
        ("Business: Happy Hedgehogs Childminding, Hellesdon", "Business: [workplace], Hellesdon"),
        ("A reply from the Broadland Childminding Network, 31 members.", "unchanged"),
        # an Ofsted number as people type it; a response number with its check digit
        ("im a childminder (ey 503 228) so i know", "im a childminder ([reference]) so i know"),
        ("Response number: 30417-6\nPostcode: NR5", "Response number: [reference]\nPostcode: NR5"),
        # a form's address field, the street with no street word
        ("Address: 9 Broadway, Gorleston\nAge: 31", "Address: [address], Gorleston\nAge: 31"),
        # a plot, pitch or berth alone is a home; a pitch of a game is not
        (
            "We're on the council site, pitch 14, with the twins.",
            "We're on the council site, [address], with the twins.",
        ),
        ("The under 9s play football on pitch 3 at the leisure centre.", "unchanged"),
        # the last of a list of letters is no initial
        ("Officers outlined Options A, B and C. Under Option B the library closes.", "unchanged"),
        # a business named again in the same comment, by its trade's word
        (
            "Subject: reply from Sunny Days Day Nursery\n\nI manage Sunny Days Day Nursery in Acle.",
            "Subject: reply from [workplace]\n\nI manage [workplace].",
        ),
        # review 24: a trade's word, a game's or a plan's plot, a form's next line, words in capitals
        ("But childminding is the only option. National Childminding Week is in May.", "unchanged"),
        ("They train on pitch 3 on Saturdays; plot 12 on the masterplan is a school.", "unchanged"),
        ("We live by the rec and the kids' team plays on pitch 3.", "unchanged"),
        ("Address: 112 Broadway\nAge: 34", "Address: [address]\nAge: 34"),
        ("Notes of the meeting\nHE said yes. SHE said no. WE said maybe.", "unchanged"),
        ("Will here still be open next year?", "unchanged"),
        (
            "Signed:\nKaren Bessey (Acle)\nTom Fiddy (Acle)\nPriya Shah (Acle)\nHope Church (Acle)",
            "Signed:\n[name] (Acle)\n[name] (Acle)\n[name] (Acle)\nHope Church (Acle)",
        ),
        # a group someone runs is no business; a company's registered office is no home
        ("We run the Little Owls parent and toddler group in the church hall.", "unchanged"),
        ("This e-mail is confidential. Registered office: Unit 7, Harvey Road, Thetford.", "unchanged"),
        # notes that name two people or more by initials that act, with no list of those present
        (
            "Notes\nMR outlined the options. TD said the hall is small.",
            "Notes\n[name] outlined the options. [name] said the hall is small.",
        ),
        ("The GP said no and the HV said yes.", "unchanged"),
        # a list of people: a line whose first name is also a word, among lines found to be names
        (
            "Signed:\nKaren Bessey (Acle) - agree\nTom Fiddy (Acle) - agree\nPriya Shah (Acle) - agree\n"
            "Faith Lund (Acle) - agree",
            "Signed:\n[name] (Acle) - agree\n[name] (Acle) - agree\n[name] (Acle) - agree\n[name] (Acle) - agree",
        ),
        # ... not a timetable whose lines open with a session
        (
            "Baby Sensory (Mon) - Acle\nRhyme Time (Tue) - Acle\nStay Play (Wed) - Acle\nMessy Play (Thu) - Acle",
            "unchanged",
        ),
    ],
)
def test_ways_of_writing_from_held_out_92_to_95(text: str, expected: str) -> None:
    """Ways of writing held-out 92 to 95 (measured once at 214c4de) missed, in other words; review 24."""
    assert redact(text) == (text if expected == "unchanged" else expected)
