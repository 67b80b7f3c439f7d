"""Workplaces read from a sentence's grammar: where a verb or a job word about work takes place.

The workplace rules of :mod:`hubplan.consult.identifiers` follow the phrases people use ("I work
nights at", "laid off from"). People also say where they work in ways no list of phrases holds:
"i do part time at the tesco on yaxham road", "my fella does nights at bernard matthews", "he
drives a van for DPD out of Norwich", "retired from Gressenhall museum". spaCy's dependency parse
(the same ``en_core_web_sm`` pipeline Presidio runs for names) links the place to the word about
work whatever comes between, so this module takes the phrase governed by "at", "for", "in", "with",
"from", "on" or "by" after such a verb (after a job word, "at", "for", "in", "with" or "on" only:
"the driver from Konect" says where a bus comes from), with the street written right after it.

A phrase is kept only when it names somewhere: a proper noun in any case that is not a town on its
own, an organisation or facility the NER found, or a word for a place of work with more words
("the big packhouse", "care home"). A time ("nights at the weekend"), a bare town ("a childminder
in Wymondham"), people ("with children at"), a route ("on the way to school") or something said
about the work ("help with the forms": "help" is no verb of work here) is left. The redaction then
cuts the names of charities and services out of what is found (:func:`hubplan.consult.redact`), as
for every workplace.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hubplan.consult.name_lists import _words
from hubplan.consult.place_names import town_names

# Verbs about doing paid work, by lemma ("works", "worked", "drove"). Not "help", "run", "care" or
# "volunteer": "help with the forms", "run the toddler group", "volunteer at Home-Start" say what
# people do at the services, not where they are employed.
WORK_VERBS = _words(
    """
    work drive clean pack employ retire teach nurse labour temp pick graft cook deliver farm station
    base lecture furlough
    """
)
# Job words: the place after them is where the job is ("a carer in bowthorpe care village"). Not a
# vehicle ("the bus from Mile Cross"): "drives a van for DPD" hangs on the verb.
JOB_WORDS = _words(
    """
    job jobs shift shifts nights placement contract apprenticeship carer carers chef cook manager
    driver cleaner nurse teacher receptionist picker packer worker workers assistant technician
    engineer supervisor operative porter soldier lecturer barista waiter waitress midwife pharmacist
    mechanic electrician plumber builder labourer farmer fisherman hairdresser barber beautician ta
    clerk officer guard cashier baker butcher postman postie courier warden apprentice trainee
    registrar consultant sister hca administrator accountant analyst developer earlies lates tills
    till checkout checkouts agency break overtime rota postdoc researcher scientist doctor
    practitioner dispenser paramedic physio physiotherapist therapist solicitor lawyer coordinator
    co-ordinator owner director housekeeper nanny furlough cover secretary dentist optician caretaker
    steward stewardess pilot
    """
)
_PREPOSITIONS = frozenset(["at", "for", "in", "with", "from", "on", "by"])
_JOB_PREPOSITIONS = frozenset(["at", "for", "in", "with", "on"])
# People one works with, not where: "I work with children at Little Acorns".
_PEOPLE = frozenset(
    [
        "children",
        "kids",
        "families",
        "people",
        "babies",
        "adults",
        "parents",
        "mums",
        "dads",
        "workers",
        "staff",
    ]
)
# Words that make a phrase a place of work even in lower case.
BUSINESS_WORDS = _words(
    """
    shop shops factory packhouse warehouse takeaway barracks primary school academy college
    university hospital museum haulage cafe café salon restaurant pub hotel farm depot plant surgery
    pharmacy garage store supermarket office offices yard port harbour docks airport kitchen bakery
    mill abattoir laundry nursery care park beach site
    """
)
# Verbs of owning or running a business: its name is the object, no preposition ("we run the chip
# shop in sheringham", "my husband runs the Anatolia kebab house", "I run Lan's Nails"). Only with a
# word for a business in the object: "run the toddler group" says what someone does at the centre.
_OWNER_VERBS = _words("run own")
_OWNED_BUSINESS = BUSINESS_WORDS | _words(
    """
    nails barbers barber kebab chippy newsagent newsagents grill bistro deli launderette guesthouse stall
    bar brewery shop
    """
)
_TIMES = _words(
    """
    night nights day days morning mornings evening evenings weekend weekends summer winter spring
    autumn week weeks year years month months hour hours time times shift shifts moment while bit
    term holiday holidays monday mondays tuesday tuesdays wednesday wednesdays thursday thursdays
    friday fridays saturday saturdays sunday sundays christmas easter
    """
)
# What someone "does" as work: "do part time", "does nights", "do the dinners", "do agency".
_DONE_AS_WORK = _words(
    """
    time shift night day hour late early dinner cleaning agency overtime nights days shifts hours
    """
)
_DETERMINERS = frozenset(["the", "a", "an", "my", "our", "his", "her", "their", "your"])
_NAMES = frozenset(["ORG", "FAC", "PERSON"])


def grammar_workplaces(doc: Any) -> Iterator[tuple[int, int]]:
    """Yield character spans of places of work governed by a word about work in a parsed text.

    Parameters
    ----------
    doc
        A spaCy ``Doc`` with a dependency parse and named entities.

    Yields
    ------
    tuple of (int, int)
        Start and end character offsets (end exclusive) of each workplace phrase: the object of a
        preposition that hangs on a verb about work, a job word, or the object of either ("drives a
        van for DPD"), with what qualifies it ("on yaxham road"), less any second phrase joined by
        "and" or set in brackets.
    """
    for head in doc:
        if head.pos_ == "VERB" and head.lemma_.lower() in _OWNER_VERBS:
            for obj in head.children:
                if obj.dep_ == "dobj" and _names_a_business(obj):
                    start, last = _phrase(doc, obj)
                    yield start, _where_it_is(doc, head, last)
        if not _about_work(head):
            continue
        words = [head, *(c for c in head.children if c.dep_ in ("dobj", "attr", "npadvmod"))]
        if head.dep_ == "pobj" and head.head.lower_ == "on":
            words.append(head.head.head)  # "Kuba is on earlies at 2 sisters": "at" hangs on "is"
        # A job word's place follows "at", "for", "in", "with" or "on": "the driver from Konect", "the
        # shift from the old centre" say where something comes from, not where someone works.
        allowed = _PREPOSITIONS if head.pos_ == "VERB" else _JOB_PREPOSITIONS
        for word in words:
            for preposition in word.children:
                if preposition.dep_ != "prep" or preposition.lower_ not in allowed:
                    continue
                if _in_brackets(doc, word.i, preposition.i):
                    continue  # "a taxi (plate YH 0447 with the council's licensing) for Station Taxis"
                for obj in preposition.children:
                    if obj.dep_ == "pobj" and _names_a_place_of_work(obj):
                        start, last = _phrase(doc, obj)
                        yield start, _where_it_is(doc, word, last)


# Street words that are no ordinary words; the others ("way", "hill", "green") only capitalised.
PLAIN_STREET_WORDS = frozenset(["road", "rd", "street", "lane", "avenue", "parade", "quay"])
_STREET_WORDS = _words(
    """
    road street lane way avenue drive close estate park parade square row hill green quay
    """
)


def _where_it_is(doc: Any, head: Any, last: Any) -> int:
    """Return where a workplace phrase ending with token ``last`` ends with the street set right after it.

    The parse often hangs "on yaxham road" on the verb, not on the workplace ("i do part time at the
    tesco on yaxham road"); a phrase of "on", "by", "near" or "off" right after it that names a
    street says which branch, so it is part of the workplace, up to the street's word and no further
    ("... on yaxham road which is miles from the centre" keeps what follows the road).
    """
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("on", "by", "near", "off") or prep.i != last.i + 1:
            continue
        for token in doc[prep.i + 1 : prep.i + 5]:
            if token.lower_ in _STREET_WORDS and (token.lower_ in PLAIN_STREET_WORDS or token.is_title):
                return int(token.idx + len(token))
            if token.is_punct:
                break
    return int(last.idx + len(last))


def _in_brackets(doc: Any, start: int, end: int) -> bool:
    """Whether a bracket opened between tokens ``start`` and ``end`` is still open at ``end``."""
    depth = 0
    for t in doc[start:end]:
        depth += (t.text == "(") - (t.text == ")")
    return depth > 0


def _about_work(token: Any) -> bool:
    """Whether a token is a verb about paid work or a job word."""
    if token.lower_ in JOB_WORDS and token.pos_ in ("NOUN", "PROPN"):
        return True
    # Not in the passive: "was delivered at the James Paget" is a birth, "is based in" a place; nor a
    # phrasal verb of no work: "picked up at her hearing screen", "picks up from nursery".
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
    passive = passive or any(c.dep_ == "prt" and c.lower_ == "up" for c in token.children)
    if token.lemma_.lower() == "do" and token.pos_ in ("VERB", "AUX"):
        # "i do part time at the tesco", "does nights at bernard matthews", "do the dinners at ..."
        done = [c for c in token.children if c.dep_ in ("dobj", "npadvmod")]
        return any(c.lemma_.lower() in _DONE_AS_WORK for c in done)
    return token.pos_ == "VERB" and token.lemma_.lower() in WORK_VERBS and not passive


def _names_a_place_of_work(obj: Any) -> bool:
    """Whether the object of a preposition names a place of work, not a time, a town or a pronoun."""
    if obj.pos_ == "PRON" or obj.lower_ in _TIMES or obj.lemma_.lower() in _TIMES or obj.like_num:
        return False
    # "with children at ...", "on the way to school", "on the phone"
    # (and "rely on the hub's Family Support Workers": people)
    if obj.lower_ in _PEOPLE or obj.lower_ in ("way", "route", "journey", "phone", "line"):
        return False
    tokens = [t for t in obj.subtree if not (t.i < obj.i and t.lower_ in _DETERMINERS)]
    words = "".join(t.text_with_ws for t in tokens).strip().lower().replace("’", "'")  # "king's lynn"
    # "a childminder in Wymondham", "works in March", "my sister in King's Lynn" (whatever NER says)
    if words in town_names() or (
        obj.ent_type_ in ("GPE", "LOC", "DATE", "TIME", "NORP")
        and all(t.ent_type_ == obj.ent_type_ for t in tokens if t.i <= obj.i)
    ):
        return False
    if any(t.ent_type_ in _NAMES for t in tokens):
        return True
    # A word for a place of work in the phrase's own noun ("the big packhouse", "care home"), not
    # in a phrase inside it ("the way to school"), and with more than the word itself.
    own = [obj, *(c for c in obj.children if c.dep_ in ("compound", "amod", "nmod"))]
    if any(t.lower_ in BUSINESS_WORDS for t in own) and len(tokens) > 1:
        return True
    # A proper noun, capitalised or not ("at the tesco", "on tills at b&m yarmouth"), that is not
    # a town or village on its own ("a childminder in wymondham").
    return bool(obj.pos_ == "PROPN")


def _names_a_business(obj: Any) -> bool:
    """Whether a verb's object names a business someone owns or runs ("the Anatolia kebab house")."""
    own = [obj, *(c for c in obj.children if c.dep_ in ("compound", "amod", "nmod", "poss"))]
    return any(t.lower_ in _OWNED_BUSINESS for t in own) and len(list(obj.subtree)) > 1


def _phrase(doc: Any, obj: Any) -> tuple[int, Any]:
    """Return where ``obj``'s phrase starts (a character) and its last token, before a second phrase.

    A phrase joined by "and" or set in brackets is a second one, and so is a relative clause ("who
    ..."), what follows a dash set apart, or a comma before a lower-case word other than "the": "HMP
    Wayland, shifts all over".
    """
    # (and what a relative clause says of it: "... Workers who speak Pahari, Slovak and Romanes")
    cut = {t.i for c in obj.children if c.dep_ in ("cc", "conj", "relcl") for t in c.subtree}
    tokens = [t for t in obj.subtree if t.i not in cut]
    end = tokens[-1].i
    for t in tokens:
        after = doc[t.i + 1] if t.i + 1 < len(doc) else None
        lower_after_comma = t.text == "," and after is not None and after.is_lower and after.lower_ != "the"
        # A dash set apart starts an aside ("County Hall – aye, the same council"); "Co-op" has none.
        dash = t.text in ("–", "—") or (t.text == "-" and bool(doc[t.i - 1].whitespace_))
        if t.i > obj.i and (t.text in ("(", "[", ";") or lower_after_comma or dash):
            end = t.i - 1
            break
    while end > obj.i and doc[end].is_punct:
        end -= 1
    return int(tokens[0].idx), doc[end]
