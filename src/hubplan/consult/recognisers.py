"""UK recognisers for Presidio: NHS numbers, phones, postcodes, birth dates, e-mails, addresses, names.

Each recogniser finds one kind of personal data as people write it in a consultation comment (lower
case, no punctuation, run-on sentences) and returns Presidio ``RecognizerResult`` spans. The spaCy
English pipeline's NER finds names in general; :class:`NameRecogniser` adds the names it misses: a
capitalised word after a phrase that introduces a person ("my son", "ask for", "I'm", "me and"), before
"and I", next to a name already found, or found in the US census list of first names that the
``names`` package ships or on the lists of the names of the communities who live in England
(:mod:`hubplan.consult.name_lists`). :mod:`hubplan.consult.identifiers` adds NI numbers, vehicle
registrations, social handles, dates, workplaces and registration numbers.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult

from hubplan.consult.name_clues import OFFICE, addressed_names, clued_names, is_name_word
from hubplan.consult.name_lists import (
    _AMBIGUOUS,
    _COMMON_WORDS,
    _NOT_NAMES,
    _SIGN_OFF,
    TITLES_OF,
    census_first_names,
    first_names,
    is_ambiguous_name,
    is_english_word,
    is_first_name,
    is_text_speak,
    is_unknown_word,
    not_a_name,
    organisation_spans,
    world_first_names,
)
from hubplan.consult.place_names import (
    BUILDING_WORDS,
    HUB_AFTER,
    INSIDE_WORDS,
    MERGED_WITH,
    PLACE_AFTER_A_NAME,
    STREET_WORDS,
    TOWN_ENDINGS,
    looks_like_place,
    named_for_town,
    posted_from,
    reads_as_city,
    town_length,
    town_starts_at,
)
from hubplan.consult.spoken import ocr_digits, spelt_out, spoken_phones, spoken_postcodes, spoken_references
from hubplan.data.places import world_place_names

__all__ = ["first_names", "is_ambiguous_name", "is_first_name", "not_a_name", "world_first_names"]


def _words(text: str) -> frozenset[str]:
    """Return the set of words in ``text`` (split on white space)."""
    return frozenset(text.split())


KINDS = {
    "PERSON": "[name]",
    "UK_PHONE": "[phone]",
    "UK_POSTCODE": "",  # reduced to its sector, not removed
    "DATE_OF_BIRTH": "[date of birth]",
    "UK_NHS": "[NHS number]",
    "EMAIL": "[e-mail]",
    "UK_ADDRESS": "[address]",
    "SCHOOL": "[school]",
    "UK_NI": "[NI number]",
    "UK_VEHICLE": "[vehicle]",
    "SOCIAL": "[social media]",
    "WORKPLACE": "[workplace]",
    "REG_NUMBER": "[reference]",
    "UNREAD_SCRIPT": "[words in another script, not shown]",
}
"""Presidio entity -> the placeholder that replaces it in published text."""

# Postcode areas in use (Royal Mail); an area that is not one of these is not a postcode ("A11 is").
_AREAS = _words(
    """AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC
    EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS
    LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP
    SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE"""
)
_AREA_SPACED = "|".join(r"\s?".join(a) for a in sorted(_AREAS, key=len, reverse=True))
POSTCODE = re.compile(
    rf"(?<![A-Za-z0-9])((?:{_AREA_SPACED}))[\s-]?(\d[A-Z\d]?)[\s-]*(\d)\s?([ABD-HJLNP-UW-Z]\s?[ABD-HJLNP-UW-Z])"
    r"(?![A-Za-z0-9])",
    re.IGNORECASE,
)
# Between a phone number's digits: spaces, hyphens, dots, brackets, but no line break ("Tel. (01632)
# 960418\n\n3rd June 2025": the letter's date is on the next line).
_SEP = r"(?:[^\S\r\n]|[-.()])*"
# One line break between two digits, as a form or an e-mail client wraps a long field.
_A_WRAP_IN_DIGITS = re.compile(r"(?<=\d)[^\S\n]*\r?\n[^\S\n]*(?=\d)")
PHONE = re.compile(
    rf"(?<![\w+])(?:(?:\+|00)\s*44{_SEP}(?:\(0\){_SEP})?|\(?0)(?:{_SEP}\d){{9,10}}(?![\d])",
)
PHONE_CUED = re.compile(
    r"\b(?:call|ring|phone|tel|telephone|mob|mobile|text|whatsapp|contact)\b\.?(?:\s+(?:me|us|her|him))?"
    r"(?:\s+(?:on|at))?[\s:\-]*(\+?\(?0(?:[\d\-()]|[^\S\r\n]){8,18}\d)(?!\d)",
    re.IGNORECASE,
)
NHS = re.compile(r"(?<![\d+])(\d{3})[\s.-]?(\d{3})[\s.-]?(\d{4})(?![\d])")
# A dot is spaced on both sides or on neither: "example.org.uk. Homestart" ends at "uk".
EMAIL = re.compile(r"[\w.+'’-]*\w\s?@\s?[\w-]+(?:\.[\w-]+|\s\.\s[\w-]+)+")
_MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|"
    r"august|september|october|november|december)"
)
_DATE = (
    rf"(?:\d{{1,2}}[/.\-]\d{{1,2}}[/.\-](?:\d{{4}}|\d{{2}})|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?,?\s+\d{{2,4}}"
    rf"|{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)
DATE_OF_BIRTH = re.compile(
    rf"\b(?:born|d\.?\s?o\.?\s?b\.?|date\s+of\s+birth|birth\s?day|b'?day)(?:'?s)?"
    rf"(?:\s+(?:is|was|on|=))*[\s:\-,]*({_DATE})(?!\d)",
    re.IGNORECASE,
)
_OBF_AT = r"(?:\s*[(\[{<]\s*at\s*[)\]}>]\s*|\s+at\s+|\s*@\s*)"
_OBF_DOT = r"(?:\s*[(\[{<]\s*dot\s*[)\]}>]\s*|\s+dot\s+|\s*\.\s*)"
# Country domains that are not English words too ("it", "in", "at", "no" are left out).
_TLD = (
    r"(?:com|co|uk|net|org|gov|ac|nhs|sch|me|io|info|biz|ltd|pl|de|ie|fr|nl|es|eu|ro|lt|lv|sk|cz|hu|pt|"
    r"ng|gh|pk|za|au|ca|nz|ch|se|dk|fi)"
)
_PROVIDER = (
    r"(?:gmail|googlemail|hotmail|yahoo|outlook|live|icloud|btinternet|aol|sky|protonmail|msn|"
    r"virginmedia|talktalk|ntlworld|mail|onet|interia|gmx|eircom|yandex)"
)
OBFUSCATED_EMAIL = re.compile(
    rf"([\w.+-]+)(?={_OBF_AT})({_OBF_AT}(?:[\w-]+(?:{_OBF_DOT}[\w-]+)*?{_OBF_DOT}{_TLD}\b(?:{_OBF_DOT}uk\b)?"
    rf"|{_PROVIDER}\b))",
    re.IGNORECASE,
)
# Words that end the local part of an e-mail written with spaces ("mail me on jo dot smith at ...").
_NOT_LOCAL = _words(
    """email e-mail mail me on is my at to contact reach or and please address its it's write is:
    email: e contacted be can via thanks consultation survey website online form respond"""
)

# A baby's due date: the date (or the month) after "due", in a sentence about a pregnancy.
DUE_DATE = re.compile(
    rf"\b(?:due|expecting)\s+(?:date\s+)?(?:is\s+|was\s+|on\s+|in\s+|at\s+|next\s+)*"
    # "end of April", "the 2nd week of June": the part of the month is part of the date.
    rf"((?:(?:the\s+)?(?:start|end|beginning|middle)\s+of\s+|(?:early|mid|late)[\s-]+|"
    rf"(?:the\s+)?(?:\d(?:st|nd|rd|th)|first|second|third|fourth|last)\s+week\s+of\s+)?"
    rf"(?:{_DATE}|(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}|{_MONTH}))(?![\w])",
    re.IGNORECASE,
)
# A birth month or year after "born", with the day if given: "born in March", "born last June",
# "born May this year", "born on the twentieth of May last year", "(born 2020)".
_ORDINAL_WORDS = (
    r"(?:(?:twenty|thirty)[\s-]?)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|"
    r"twentieth|thirtieth)"
)
BORN_MONTH = re.compile(
    rf"\bborn\s+(?:(?:in|on|premature(?:ly)?|early|late|at\s+the\s+(?:start|end)\s+of)\s+)*"
    rf"((?:(?:last|this)\s+)?(?:(?:the\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?|{_ORDINAL_WORDS})\s+(?:of\s+)?)?"
    rf"{_MONTH}(?:\s+(?:(?:last|this)\s+year|\d{{4}}))?|(?:19|20)\d\d)(?![\w/-]|\.\d)",
    re.IGNORECASE,
)
# "born St Stephen's Day 2022", "born on Diwali 2021", "born Ramadan 2021": a named day and its year.
_BORN_ON_A_DAY = re.compile(
    r"\bborn\s+(?:on\s+|in\s+)?((?:[A-Z][\w'’]*[ \t]+){1,3}(?:day[ \t]+)?(?:19|20)\d{2})\b(?![/.-]\d)"
)
_DATE_IN_BRACKETS = re.compile(
    rf"[ \t]*\([ \t]*({_DATE}|\d{{1,2}}/\d{{1,2}}|\d{{1,2}}[ \t]+{_MONTH}[ \t]+\d{{4}})[ \t]*\)",
    re.IGNORECASE,
)
_PREGNANCY = re.compile(
    r"(?i:pregnan|expecting|\bbaby\b|\bbump\b|midwife|antenatal|\bweeks\b|\btwins\b|\bborn\b|\bscan\b|"
    r"with\s+(?:our|my|her|their)\s+(?:first|second|third|fourth|next|\d))"
)
# A full date in brackets straight after a child's name: "my son Mykyta (2019-12-02)".
_NAME_AND_DATE = re.compile(
    rf"([A-Z][\w'’-]+)\s*\(\s*(?:(?:dob|d\.o\.b\.?|born|b\.)\s*:?\s*)?({_DATE})\s*\)", re.IGNORECASE
)
_DAYS_AND_MONTHS = _words(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december"""
)
_UNITS = _words(
    """minute minutes min mins hour hours hr hrs mile miles yard yards metre metres meters km second
    seconds day days week weeks month months year years bus buses kid kids child children times
    families people parents mums session sessions"""
)
ADDRESS_START = re.compile(
    rf"\b(?:(?:flat|apartment|apt|unit)\s+\d+[a-z]?,?\s+|(?:flat|apartment|apt|unit|no\.?|number)\s*)?"
    # (not a date's year: "Mum<tab>11/02/1994<tab>Spinney Hill" is a table's cells)
    rf"(?<![/.:-])(\d{{1,4}}[a-z]?),?\s+((?:[\w'’]+\s+){{1,4}}?)({STREET_WORDS})\b\.?",
    re.IGNORECASE,
)
# A second street written after an address's first line and a comma ("Chapel Cottages, Mill Lane").
_SECOND_STREET = re.compile(rf"(?:[A-Z][\w'’-]*[ \t]+){{1,3}}(?i:{STREET_WORDS})\b")
_SCHOOL_WORD = (
    r"(?:primary|junior|juniors|infant|infants|academy|school|pre-school|preschool|high|college|"
    r"c\.?\s?e\.?|v\.?c\.?|c\s+of\s+e)"
)
_ACTIVITY_SCHOOLS = _words(
    "forest saturday sunday summer holiday home bible dance swim swimming driving language supplementary "
    "weekend evening night beach"
    # a community's language school ("the Tamil school on Saturdays"), not a child's school
    " polish tamil urdu arabic chinese mandarin cantonese punjabi gujarati bengali hindi portuguese"
    " lithuanian latvian romanian bulgarian russian ukrainian turkish kurdish somali quran madrasa"
)
SCHOOL_NAMED = re.compile(
    # on one line: "Early Years SENCO\nLittle Acorns Pre-School" is a job, then a workplace
    rf"\b((?:st\.?[ \t]+)?[\w'’-]+(?:[ \t]+[\w'’-]+){{0,3}}?)[ \t]+"
    rf"({_SCHOOL_WORD}(?:[ \t]+{_SCHOOL_WORD})*)\b"
    # "Grammar School Road", "School Lane": the street named for a school.
    rf"(?!\s+(?=(?-i:[A-Z]))(?:{STREET_WORDS})\b)",
    re.IGNORECASE,
)
# Words before "school" that name a kind of school or teacher, not a school.
_SCHOOL_KINDS = _words(
    """retired former ex local village qualified supply trainee senior junior head assistant new old
    good big small catholic church state private independent special secondary primary infant
    nursery free grammar"""
)
# A noun after "school" that makes it a word about schools, not a school's name ("school teacher").
_SCHOOL_AS_ADJECTIVE = re.compile(
    r"(?i:\s+(?:teachers?|teaching|ta|tas|staff|run|runs|gates?|age|aged|places?|admissions?|nurses?|"
    r"holidays?|uniforms?|meals?|dinners?|trips?|years|days|readiness|transport|bus|buses|hours?|term)\b)"
)
_CAPS = r"(?:St\.?\s+)?[A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|St\.?|(?:of|the)(?=\s+[A-Z])))*"
SCHOOL_WITH_AGE = re.compile(
    r"\b((?i:year\s*\d{1,2}|reception(?:\s+class)?|nursery|aged?\s*\d{1,2}"
    + r"|\d{1,2}\s*(?:years?\s*old|yo)"
    rf"|(?:is|s|he's|she's|hes|shes)\s+\d{{1,2}})(?:\s+(?i:and|now|but|still|just|started|goes|go|to|in|"
    rf"class)){{0,3}}\s+(?i:at|to)\s+)({_CAPS})"
)

_TITLES = (
    r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Rev|Revd|Pastor|Imam|Nurse|Sister|Auntie|Aunty|Uncle|Um|Umm|Abu|Cllr|"
    r"Councillor)\.?"
)
_UP = "A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŒŘŚŞŠŢŤŮŰŹŻŽȘȚ"
_LOW = "a-zß-öø-ÿā-žșț"
_NAME = rf"(?:Ma?c[{_UP}][{_LOW}]+|[{_UP}][{_LOW}]+)(?:-[{_UP}]?[{_LOW}]+|'[{_UP}][{_LOW}]+)*"
_KIN = (
    r"(?:(?:daughter|son|mother|father|sister|brother)-in-law|son|daughter|boy|girl|lad|lass|one|kid|child|"
    r"baby|babies|partner|husband|hubby|wife|boyfriend|"
    r"girlfriend|fianc[eé]e?|ex|sister|brother|sis|bro|mum|mam|mother|dad|father|nan|nanna|nanny|grandma|"
    r"granny|grandad|grandpa|grandson|granddaughter|grandchild|nephew|niece|cousin|friend|mate|neighbour|"
    r"twins?|kids|children|girls|boys|lads|two|three|eldest|youngest|oldest|key\s*worker|health\s*visitor|midwife|"
    r"social\s*worker|support\s*worker|family\s*worker|carer|childminder|worker|receptionist|volunteer|"
    r"manager|leader|teacher|nurse|lady|practitioner|coordinator|fella|feller|bloke|missus|other\s+half|bf|gf|"
    r"hubs|man)"
)
# "je m'appelle Grâce", "nazywam się Ola", "mă numesc Ioana": "my name is" in the languages of
# England's communities; and who organised or wrote something ("Organised by Holly Barnard").
_NAME_IS_ABROAD = (
    r"je\s+m['’]appelle|me\s+llamo|mi\s+chiamo|ich\s+hei(?:ß|ss)e|nazywam\s+si[ęe]|m[ăa]\s+numesc|"
    r"meu\s+nome\s+[ée]|mi\s+nombre\s+es|mijn\s+naam\s+is|jmenuji\s+se|vol[áa]m\s+sa|mano\s+vardas|"
    r"mani\s+sauc|benim\s+ad[ıi]m|меня\s+зовут|мене\s+звати|казвам\s+се"
)
# "my son", "my daughter", "my husband" in the languages of England's communities, written in Latin
# letters: "meri beti Aiza" (Urdu), "córka Zuzia" (Polish), "fiul meu Andrei" (Romanian).
_KIN_ABROAD = (
    r"meri\s+(?:beti|bachi|biwi|behen|ammi)|mera\s+(?:beta|bhai|shohar|putt)|mere\s+(?:bete|shohar|pati)|"
    r"meri\s+dhee|amar\s+(?:chele|meye|shami|stri)|c[óo]r(?:ka|eczka)|syn(?:ek)?|m[ąa][żz]|[żz]ona|"
    r"(?:o\s+)?meu\s+(?:filho|marido)|(?:a\s+)?minha\s+(?:filha|esposa|m[ãa]e)|"
    r"fiul\s+meu|fiica\s+mea|so[țţt]ul\s+meu|so[țţt]ia\s+mea|s[ūu]nus|dukr(?:a|ytė|yte)|vyras|[žz]mona|"
    r"d[ēe]ls|meita|v[īi]rs|sieva|mi\s+(?:hijo|hija|marido|esposo|esposa)|mon\s+(?:fils|mari)|"
    r"ma\s+(?:fille|femme)|mein(?:e)?\s+(?:sohn|tochter|mann|frau)|mi[oa]\s+(?:figli[oa]|marito|moglie)|"
    r"o[ğg]lum|k[ıi]z[ıi]m|e[şs]im|wiilkayga|gabadhayda|mwanangu"
)
_WHO_DID_IT = r"organi[sz]ed\s+by|submitted\s+by|written\s+by|compiled\s+by|led\s+by"
_BEFORE_NAME = re.compile(
    rf"(?i:\b(?:(?:my|our|his|her|their|the|whose)\s+(?:(?:little|youngest|eldest|oldest|middle|baby|step|"
    rf"foster|twin|best|new|lovely|older|younger|first|second)\s*)*(?:[a-z]+\s+)?{_KIN}s?(?:\s+(?:is|are))?|ask(?:ed)?\s+for|"
    rf"speak\s+to|spoke\s+to|talk(?:ed)?\s+to|asked|tell|thanks\s+to|thank|thanks|called|named|"
    rf"i\s+am|i'm|i’m|im|this\s+is|name\s+is|name's|names|name\s+as|name|"
    rf"(?:i\s+am|i'm|im)\s+called|hi|hello|" + r"me\s+and|myself\s+and|with|signed|regards|cheers|"
    rf"love|ring|call|text|contact|take|took|bring|brought|helped\s+by|run\s+by|runs\s+it|runs\s+the\s+group|"
    rf"worker\s+was|visitor|mum\s+to|mum\s+of|dad\s+to|dad\s+of|nan\s+to|mother\s+of|father\s+of|"
    rf"parents?\s+of|carer\s+(?:of|for|to)|sees|seen\s+by|appointment\s+with|takes|look(?:s|ing)?\s+after|"
    rf"(?:grand)?(?:mother|father|parent)\s+of|minds|minding|"
    # "je m'appelle Grâce", "nazywam się Ola", "mă numesc Ioana": "my name is" in the languages of
    # England's communities; and who organised or wrote something ("Organised by Holly Barnard").
    rf"{_NAME_IS_ABROAD}|{_KIN_ABROAD}|{_WHO_DID_IT}|organi[sz]er|child\s*\d)"
    rf"[ \r\n,:(\-]+)({_NAME})"  # not across a tab: "First name<tab>Surname" is a table's header
)
# (Each run of spaces can be split one way only: "\s*,?\s*\(?\s*" took minutes on a comment padded
# with thousands of spaces.)
# After a first name, even one that is also a word, what only a person stands before: "Rob can you send
# this in", "Summer (mum to Rowan)".
_PERSON_AFTER = (
    r"(?:[ \t]*+,)?[ \t]++(?:can|could|would)[ \t]+you\b(?![ \t]+(?:believe|imagine|see)\b)"
    r"|[ \t]*+\([ \t]*+(?:mum|mam|mom|mummy|dad|daddy|mother|father|nan|nanny|grandma|grandad)"
    r"[ \t]+(?:to|of)\b"
)
_NAME_BEFORE = re.compile(
    rf"\b({_NAME})(?=(?:\s*,)?\s+(?:and|&)\s+(?:i|me|myself)\b|\s+(?:(?:was|is|were)\s+born\b|born\s+(?:on\s+)?\d)"
    r"|,[ \t]+born[ \t]+(?:on[ \t]+)?(?:the[ \t]+)?\d"
    r"|(?:\s*,)?\s+here\b"
    r"|\s+(?:is|are|was|were)\s+(?:my|our)\s|\s+is\s+\d{1,2}\b(?!\s*(?:%|min|hour|hr|mile|pm|am|bus|time))"
    # "Karwan is the owner", "Bev was the manager": a person running a business or a group
    r"|\s+(?:is|was)\s+the\s+(?:owner|manager|founder|proprietor)\b(?!['’]s)"
    + r"|\s*(?:,\s*)?(?:\(\s*)?(?:my|our)\s+"
    rf"(?:(?:little|youngest|eldest|oldest|middle|baby|step|foster|twin)\s*)*{_KIN}\b"
    rf"|(?:\s*,)?\s+(?:the|our)\s+(?:\w+\s+)?{_KIN}\b|{_PERSON_AFTER})",
)
# A name before "and I" that is a word as well ("Will and I were booked on", "Grace and I went").
_NAME_AND_I = re.compile(rf"(?<![Tt]he )\b({_NAME})(?=[ \t]+(?:and|&)[ \t]+I\b)")
# A note's sentence that starts with a word for kin, without "my": "Husband Naweed works nights."
_KIN_STARTS = re.compile(
    r"(?:^|(?<=[.!?;,]\s)|(?<=\n))(?i:husband|wife|hubby|son|daughter|brother|sister|mum|"
    r"father|nan|nana|nanna|grandma|gran|grandad|grandpa|grandson|granddaughter|(?<=,\s)partner)"
    rf"[ \t]+({_NAME})",
    re.MULTILINE,
)
# "other Ukrainian mothers, Oksana and Iryna": names set after a word for people, a pair or a list.
_GROUP_NAMES = re.compile(
    r"(?i:\b(?:mothers|mums|mams|moms|parents|dads|fathers|friends|ladies|women|neighbours|neighbors|"
    r"families|grandparents|carers|childminders|workers|staff|volunteers))[\s,:]+"
    rf"({_NAME})(?=\s*(?:,|\band\b|&)\s*{_NAME})"
)
_LOWER_NAME = re.compile(
    rf"(?i:\b(?:(?:my|our|his|her|the|whose)\s+(?:(?:little|lil|youngest|eldest|oldest|middle|baby|step|foster|twin|"
    rf"best|ex)\s*)*{_KIN}|me\s+(?:and|n|&)|ask(?:ed)?\s+for|i'm|im|i\s+am|name\s+is|called|named|tell|told|"
    rf"(?:hi|hiya|hey|hello)[\s,!]+(?:(?:yes|yeah|there)[\s,!]+)?(?:its|it's|it\s+is|this\s+is)"
    rf"(?:[\s,]+(?:um+|erm+|er|uh+|ah+))?|"
    rf"look(?:s|ed|ing)?\s+after|babysit(?:s|ting)?|"
    rf"(?:mum|mam|mom|dad|mother|father|parent|nan|nanny|grandma|grandad)\s+(?:to|of)|"
    rf"(?:kids|children|boys|girls|grandkids|grandchildren|twins)\s+(?:are|r)|"
    rf"(?:speak|spoke|talk|talked)\s+to|thanks\s+to|thank|ring|rang|call|text|texted|message)[\s,:]+)"
    r"([a-z][a-z]+(?:-[a-z]+)?)\b"
)
# A title in lower case, then a surname: "mrs p king", "spoke to mr okafor" ("miss" and "ms" only with
# an initial: "we miss going", "my ms is bad").
_LOWER_TITLED = re.compile(
    r"(?<![\w.])(?:mr|mrs|(?:miss|ms)(?=\.?[ \t]+[a-z]\.?[ \t]))\.?[ \t]+"
    r"((?:[a-z]\.?[ \t]+)?([a-z][a-z'’-]+))\b"
)
_AGE_AFTER = re.compile(
    r"(?i:,?[ \t]*(?:\(\d{1,2}\)|(?:he's|hes|she's|shes|is|who's|whos|aged?)[ \t]+"
    r"(?:\d{1,2}|one|two|three|four|five|six|nearly|almost|just)\b))"
)
_NAME_SLOT = re.compile(r"(?i:\b(?:name\s+is|called|named|its|it's|it\s+is|this\s+is)[\s,:]+)$")
_TITLED = re.compile(rf"\b({_TITLES}\s+{_NAME}(?:[ \t]+{_NAME})?)")
_CAPITALISED = re.compile(_NAME)
# Not after a number: "NA 11 22 33 A. Rose garden" ends an NI number, not an initial.
# A title before the initial is part of the name: "Mr T. Farrow", "Mr and Mrs R. Patel".
_INITIAL = re.compile(
    rf"(?<![\w.])(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Cllr)\.?\s+(?:(?:and|&)\s+(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+)?)?"
    rf"(?<!\d\s)[{_UP}]\.\s?({_NAME})"
)
# Minutes name people by their initials: "Chair: Cllr J.B.", an answer "A (SP): ...", "ACTION: KA to ...";
# letters and notes by a title and one initial: "Mrs P (the Patel family)", "Mr B-J said".
_MINUTES_INITIALS = re.compile(
    r"\b(?:Cllr|Councillor|Mr|Mrs|Ms|Miss|Dr)\.?[ \t]+((?:[A-Z]\.[ \t]?){2,3})"
    r"|(?m:^[ \t]*[AQ][ \t]*\(([A-Z]{2,3})\)[ \t]*:)"
    r"|\bACTION[ \t]*:[ \t]*([A-Z]{2,3})[ \t]+to\b"
    r"|\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?[ \t]+([A-Z](?:-[A-Z])?)(?![\w'’.-])"
)
# A building's last word that is nobody's surname (Hall, Church and Chapel are surnames too).
_NO_ONES_BUILDING = _words(
    "hospital clinic surgery library centre center academy college school institute museum theatre stadium "
    "mosque masjid gurdwara mandir synagogue"
)
# The word that opens a place's name of two, before a lower-case word that is also a first name: "the
# centre in south lynn", "north elmham".
_PLACE_QUARTER_BEFORE = re.compile(
    r"(?i:\b(?:north|south|east|west|upper|lower|great|little|old|new)[ \t]+)\Z"
)
_DETERMINER_BEFORE = re.compile(r"(?i:\b(?:a|an|the|this|that|every|any|some|no|each|such)\s+)$")
_LETTERED = re.compile(
    r"(?i:\b(?:option|options|plan|section|appendix|annex|phase|part|table|figure|question|item|model|"
    r"scenario|site|zone|block|unit|grade|class|level|band|type|category|route|stage|step|point)[ \t]+)"
    # (the last of a list of letters: "Options A, B and C. Under Option B ...")
    r"(?:[A-Z](?:,[ \t]*|[ \t]+(?:and|or|&)[ \t]+|,[ \t]*(?:and|or)[ \t]+))*$"
)
# A child's name with its age in brackets: "Harley (5), Ivy-Rose (3)", "Amelia (aged 4)".
_AGE_IN_BRACKETS = r"\s*\((?:aged?\s*)?\d{1,2}(?:\s*(?:yrs?|years?|months?|mths?|m))?\)"
# A name with its age or birth in brackets after it: "Harley (5)", "Poppy (born 4th February 2020)".
# ... or a date in brackets: "2 kids, Ruby (03/05/2018) and Jack (21/11/2020)".
_WITH_AGE = re.compile(
    rf"({_NAME})(?:{_AGE_IN_BRACKETS}|\s*\((?i:born|b\.|dob|d\.o\.b\.?)(?![\w.])"
    r"|(?P<date>[ \t]*\([ \t]*\d{1,2}[/.-]\d{1,2}[/.-](?:\d{2}|\d{4})[ \t]*\)))"
)
# Written in lower case, only a first name (which may be a word too): "2 kids ivy (3) and robin (14 months)".
_LOWER_WITH_AGE = re.compile(rf"(?<![\w@.'’/-])([a-z][{_LOW}]+(?:-[a-z][{_LOW}]+)*){_AGE_IN_BRACKETS}")
# The sender of a pasted chat message: "[03/02/2025, 20:15] Rūta K: yes", "[Tue 11 Mar 19:42] from
# Nanna Pat: Hi", "12/03/2025, 09:14 - Gosia 🌸: hello"; and a social-media comment's author, set on
# its own line before how long ago it was posted: "Sunny Dhillon · 20h".
_CHAT_SENDER = re.compile(
    r"^[ \t]*(?:\[[^\]\n]{0,30}\d:\d\d[^\]\n]{0,12}\][ \t]*|\d{1,2}/\d{1,2}/\d{2,4},?[ \t]+\d{1,2}:\d\d"
    r"(?:[ \t]*[APap][Mm])?[ \t]+-[ \t]+)(?:from[ \t]+)?([^:\n]{1,40}?):",
    re.MULTILINE,
)
# Also with the time in words, and the author's town between when it is a town (not "Top contributor ·
# Chiamaka Okafor · 2d"): "Destiny Okoro-James · Lowestoft · 1 day ago".
_POST_AUTHOR = re.compile(
    r"^[ \t]*([^\n·•]{2,40}?)[ \t]+(?:[·•][ \t]+([^\n·•\d]{2,30}?)[ \t]+)?[·•][ \t]+"
    r"(?:\d{1,2}[smhdwy]\b|(?:\d{1,2}|an?)[ \t]+(?:min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?|years?)"
    r"[ \t]+ago\b|yesterday\b|just[ \t]+now\b)",
    re.MULTILINE,
)
# A video call's chat as saved: "10:42:13 From Dawn Pike to Everyone: ...", "From Dawn Pike to Ahmed
# Rahman (Direct Message):": the sender and a named recipient (not "Everyone", "Host", a device).
_CALL_CHAT = re.compile(
    r"^[ \t]*\d{1,2}:\d\d(?::\d\d)?[ \t]+From[ \t]+([^:\n]{1,40}?)[ \t]+to[ \t]+([^:\n]{1,40}?)"
    r"(?:[ \t]*\((?:Direct Message|Privately|privately)\))?[ \t]*:",
    re.MULTILINE,
)
_NOT_A_RECIPIENT = _words("everyone all host hosts co-host panelists panellists attendees me waiting room")
_DEVICES = _words("iphone ipad android galaxy samsung pixel huawei zoom user guest")
# Words before a sender's name that say who they are to the family, not their name ("Nanna Pat").
_SENDER_KIN = _words(
    "nan nana nanna nanny grandma granny gran grandad grandpa auntie aunty aunt uncle mum mam dad"
)
_LOWER_WORD = re.compile(rf"(?<![\w@.'’/-])[a-z][{_LOW}]+(?:-[a-z][{_LOW}]+)*(?![\w@'’/-])")


def _reads_as_surname(word: str) -> bool:
    """Whether a lower-case word after a lower-case first name is a surname: no English word or text-speak."""
    from spacy.lang.en.stop_words import STOP_WORDS

    if not word.islower() or word in STOP_WORDS or word in _NOT_NAMES:
        return False
    return is_unknown_word(word) and not is_text_speak(word)


def _chat_senders(text: str) -> list[tuple[int, int]]:
    """Return the spans of chat senders' and comment authors' names in pasted threads.

    The name is the sender's words, less emoji and marks around them, what is in brackets
    ("(he/him)") and a word for who they are to the family ("Nanna Pat" -> "Pat"); a sender with no
    letters (an emoji, a number) is none. A video call's chat gives a named recipient too.
    """
    spans = []
    for pattern in (_CHAT_SENDER, _POST_AUTHOR, _CALL_CHAT):
        for m in pattern.finditer(text):
            if pattern is _POST_AUTHOR and m[2] and not looks_like_place(text, m.start(2), m.end(2)):
                continue  # "Top contributor · Chiamaka Okafor · 2d": a badge, then the author (found by NER)
            groups = (1,) if pattern is _POST_AUTHOR else range(1, pattern.groups + 1)
            for group in groups:
                said = re.sub(r"\([^)]*\)", lambda p: " " * len(p[0]), m[group])  # "(he/him)", "(4)"
                words = list(re.finditer(r"[^\W\d_][\w'’.-]*", said))
                while words and words[0][0].lower() in _SENDER_KIN:
                    words = words[1:]
                if words and pattern is not _CHAT_SENDER and not words[0][0][0].isupper():
                    continue  # "posted 2 · 3h" and the like: an author's name is capitalised
                if pattern is _CALL_CHAT and (
                    said.strip().lower() in _NOT_A_RECIPIENT or any(w[0].lower() in _DEVICES for w in words)
                ):
                    continue  # "to Everyone", "From iPhone (4)": no one named
                if words:
                    spans.append((m.start(group) + words[0].start(), m.start(group) + words[-1].end()))
    return spans


def ambiguous_without_clue(text: str, start: int, end: int) -> bool:
    """Return whether a one-word name found by NER is an ordinary word (Mark, Grace) with no clue before it.

    "Mark my words", "Grace before meals", "Spring session" are words; "my son Mark", "ask for
    Grace" are names.
    """
    words = text[start:end].split()
    if len(words) != 1 or words[0].lower().strip("'’s") not in _AMBIGUOUS:
        return False
    before = text[max(0, start - 40) : end]
    return (
        _INTRODUCES.search(text[max(0, start - 100) : start]) is None
        and _BEFORE_NAME.search(before) is None
        and _ROLE_AFTER.match(text, end) is None
    )


# "of" and a place or body after a title's first word: "Duke of Edinburgh", "Friends of Cromer".
_OF_A_PLACE = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?[A-Z]")

# A role set after a name, as who she is: "Carol, the Family Support Worker", "Grace, our midwife".
_ROLE_AFTER = re.compile(
    r"(?i:,[ \t]+(?:the|our|my|her|his|their|a)[ \t]+(?:[a-z'’-]+[ \t]+){0,3}?"
    r"(?:worker|visitor|nurse|midwife|manager|officer|lead|leader|co-?ordinator|assistant|teacher|"
    r"practitioner|volunteer|receptionist|caretaker|chair|therapist|advisor|adviser|key\s?worker)s?\b)"
)


def nhs_number_is_valid(digits: str) -> bool:
    """Return whether ten digits carry a valid NHS number check digit (modulus 11).

    Parameters
    ----------
    digits
        The number, spaces and hyphens allowed.

    Returns
    -------
    bool
        True when the tenth digit equals 11 minus the weighted sum (weights 10..2) modulo 11.
    """
    d = re.sub(r"[\s.-]", "", digits)
    if len(d) != 10 or not d.isdigit():
        return False
    check = 11 - sum(int(c) * (10 - i) for i, c in enumerate(d[:9])) % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(d[9])


class _Regex(EntityRecognizer):
    """A recogniser made of one function that yields (start, end) spans."""

    entity = ""

    def __init__(self) -> None:
        super().__init__(supported_entities=[self.entity], name=type(self).__name__, supported_language="en")

    def load(self) -> None:
        """Nothing to load."""

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield (start, end) character spans of this kind in ``text``."""
        raise NotImplementedError

    def analyze(
        self,
        text: str,
        entities: list[str],  # noqa: ARG002
        nlp_artifacts: Any = None,  # noqa: ARG002
    ) -> list[RecognizerResult]:
        """Return Presidio results for this kind (score 1: each rule is specific)."""
        return [RecognizerResult(self.entity, s, e, 1.0) for s, e in self.spans(text) if e > s]


# Ofcom's non-geographic ranges, after the 0: 03 (public bodies and charities, "0344 800 8020"), 080
# (freephone), 084 and 087 (businesses), 0500: a helpline's number, never a private line.
_ORGANISATIONS_NUMBERS = ("3", "80", "84", "87", "500")


def _an_organisations_number(national: str) -> bool:
    """Whether digits after the 0 are a UK helpline's: ten of them in Ofcom's non-geographic ranges.

    Nine digits are a freephone's short form (0800 123456, 0500 ...), or an Irish mobile written the
    Irish way ("087 123 4567"), which stays a private number.
    """
    if len(national) == 10:
        return national.startswith(_ORGANISATIONS_NUMBERS)
    return len(national) == 9 and national.startswith(("80", "500"))


class PhoneRecogniser(_Regex):
    """UK phone numbers: ``0...``, ``+44``, ``0044``, with spaces, hyphens, brackets or spaced digits."""

    entity = "UK_PHONE"

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        yield from spoken_phones(text)  # "oh one six oh three, nine six oh ..."
        scanned = ocr_digits(text)  # "O1632 96O l23" from a scanned form
        yield from self._written(scanned)
        # a form's field wrapped inside the number ("Contact phone: 07700\n900 206"): one line break
        # between digits read as a space, where the number needs it (a whole number before the break,
        # "(01632) 960418\n3rd June", is found as it stands and is no longer than that)
        wrapped = _A_WRAP_IN_DIGITS.sub(lambda m: " " * len(m[0]), scanned)
        if wrapped != scanned:
            for a, b in self._numbers(wrapped):
                lines = scanned[a:b].splitlines()
                if len(lines) == 2 and all(len(re.sub(r"\D", "", line)) >= 3 for line in lines):
                    yield a, b

    @staticmethod
    def _numbers(text: str) -> Iterator[tuple[int, int]]:
        for m in PHONE.finditer(text):
            digits = re.sub(r"\D", "", m[0])
            if digits.startswith(("0044", "44")):
                digits = digits.removeprefix("00")[2:].removeprefix("0")  # +44 (0)7700 ...
            else:
                digits = digits[1:]
            if len(digits) in (9, 10) and not _an_organisations_number(digits):
                yield m.start(), m.end()

    def _written(self, text: str) -> Iterator[tuple[int, int]]:
        yield from self._numbers(text)
        # After "call", "ring", "mob" ... a number mistyped by a digit is still the writer's number.
        for m in PHONE_CUED.finditer(text):
            digits = re.sub(r"\D", "", m[1])
            if 10 <= len(digits) <= 13 and not _an_organisations_number(digits[1:]):
                yield m.start(1), m.end(1)


_TEN_DIGITS = re.compile(r"\d{10}")


class NhsRecogniser(_Regex):
    """NHS numbers: ten digits (3-3-4 spacing allowed) whose check digit is valid."""

    entity = "UK_NHS"

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        for m in NHS.finditer(text):
            if nhs_number_is_valid(m[0]):
                yield m.start(), m.end()
        # "four eight five seven ...": ten digits said aloud, with a valid check digit unless "NHS" is
        # said just before (a number read out is seldom typed right)
        for start, end in spoken_references(text, _TEN_DIGITS):
            said = spelt_out(text[start:end])
            cued = re.search(r"(?i)\bnhs[ \t]*(?:number|no\b)", text[max(0, start - 60) : start]) is not None
            # read digit by digit, as a number is: not "nine thirty, ten fifteen" (times)
            by_digit = not re.search(r"(?i)\b(?:ten|eleven|twelve|\w+teen|\w+ty|hundred)\b", text[start:end])
            if by_digit and (cued or nhs_number_is_valid(said)):
                yield start, end


class PostcodeRecogniser(_Regex):
    """Full UK postcodes in any case and spacing (``nr47uy``, ``NR4  7UY``, ``nr31 6 pg``)."""

    entity = "UK_POSTCODE"

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        yield from spoken_postcodes(text)  # "I P two four, three H Q"
        for m in POSTCODE.finditer(ocr_digits(text)):  # "IP25 6A0", "NR2 1DO" from a scanned form
            yield m.start(), m.end()


# "Zeynep is due", and "Alyssa (due in Feb)": a name just before the bracket the due date is in.
_IS_DUE = re.compile(r"([^\W\d_]+)(?:\s+(?:is|was|'s)\s+|\s*\(\s*)$")


def _someone_due(before: str) -> bool:
    """Whether the words before "due" say a person or a baby is due ("Zeynep is", "the baby is")."""
    m = _IS_DUE.search(before)
    if m is None:
        return False
    word = m[1]
    if word.lower() in ("baby", "bump", "she", "he", "twins"):
        return True
    return word[0].isupper() and (is_first_name(word) or is_unknown_word(word.lower()))


class DateOfBirthRecogniser(_Regex):
    """A date after "born", "dob", "d.o.b", "date of birth" or "birthday", and two more forms.

    A due date in a sentence about a pregnancy ("30 weeks pregnant, due in March"), and a full date in
    brackets after a child's name ("my son Mykyta (2019-12-02)").
    """

    entity = "DATE_OF_BIRTH"

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        for m in DATE_OF_BIRTH.finditer(text):
            yield m.start(1), m.end(1)
        for m in DUE_DATE.finditer(text):
            sentence = re.split(r"[.!?\n]", text[max(0, m.start() - 120) : m.start()])[-1]
            after = re.split(r"[.!?\n]", text[m.end() : m.end() + 80])[0]
            # "wife expecting in late January": the cue may be the match's own; "Zeynep is due in
            # April": someone is due, not a payment.
            if _PREGNANCY.search(sentence + m[0]) or _PREGNANCY.search(after) or _someone_due(sentence):
                yield m.start(1), m.end(1)
        for m in BORN_MONTH.finditer(text):
            yield m.start(1), m.end(1)
        for m in _BORN_ON_A_DAY.finditer(text):
            yield m.start(1), m.end(1)
            # "born Diwali 2022 (24 Oct 2022)": the date given again in brackets is the same birth
            again = _DATE_IN_BRACKETS.match(text, m.end())
            if again:
                yield again.start(1), again.end(1)
        for m in _NAME_AND_DATE.finditer(text):
            word = m[1]
            if word.lower() in _DAYS_AND_MONTHS or not word[0].isupper():
                continue  # "on Tuesday (12/03/2024)": a meeting's date
            if is_first_name(word) or is_unknown_word(word.lower()):
                yield m.start(2), m.end(2)


# An organisation's mailbox, no person's: "haveyoursay@", "familyhubs@", "info@", "customer.services@".
_ROLE_MAILBOX = re.compile(
    r"(?i:(?:the|your|our|family|families|children|childrens|early|years|consult|consultation|consultations|"
    r"have|say|info|information|enquiries|enquiry|admin|office|contact|us|help|helpdesk|support|feedback|"
    r"complaints|customer|services|service|reception|noreply|no|reply|hub|hubs|centre|centres|team|press|"
    r"media|foi|democratic|post|master|web|hello|clerk|parish|secretary|chair|bookings|events)[._-]?)+"
)


# A group's own mailbox, one word named for the group: "stbarnabastoddlers@", "wattonplaygroup@" (not
# "m.thurlow.foodbank@", a person's at the group, nor one with digits).
_GROUP_MAILBOX = re.compile(
    r"(?i)^[a-z]*(?:toddlers|group|club|playgroup|foodbank|babybank|church|preschool|nursery|network|"
    r"association|society|charity)$"
)


def _a_groups_mailbox(local: str, groups: list[str]) -> bool:
    """Whether a mailbox's local part is named for a group the comment names.

    "sunbeams.stfaith@" in a response from "Sunbeams Toddler Group", "littlestars.dereham@" from
    "Little Stars Toddler Group": its first part is in the group's name run together (``groups``);
    not where any part is a first name or a word that is one ("jean.howes@", "holly.nowak@"), a
    letter ("green.k@"), or holds a digit.
    """
    parts = [p for p in re.split(r"[._-]+", local.lower()) if p]
    if not parts or len(parts[0]) < 5 or re.search(r"\d", local):
        return False
    if any(len(p) == 1 or is_first_name(p) or is_ambiguous_name(p) for p in parts):
        return False
    return any(parts[0] in name for name in groups)


# A public body's or charity's domain: a mailbox there is the body's ("info@lucyschildminding.co.uk"
# is a childminder's own).
_BODY_DOMAIN = re.compile(
    r"(?i:\bgov\b|\bnhs\b|council|\borg\b|\bac\s*(?:\.|dot)\s*uk|\bsch\b|cc\s*(?:\.|dot))"
)


class EmailRecogniser(_Regex):
    """E-mail addresses, plain or written out ("jo dot smith at gmail dot com", "mike(at)bt(dot)com")."""

    entity = "EMAIL"

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        from hubplan.consult.name_lists import organisation_spans

        groups: list[str] | None = None  # the groups the comment names, run together: read once, if asked
        for start, end in self._addresses(text):
            local = re.split(r"(?i:\s*(?:@|[(\[{<]\s*at\s*[)\]}>]|\sat\s))", text[start:end], maxsplit=1)[0]
            domain = text[start:end][len(local) :]
            if not _BODY_DOMAIN.search(domain):
                yield start, end
                continue
            if _ROLE_MAILBOX.fullmatch(local) or _GROUP_MAILBOX.search(local):
                continue
            if groups is None:
                groups = [re.sub(r"[\W_]+", "", text[s:e].lower()) for s, e in organisation_spans(text)]
            if not _a_groups_mailbox(local, groups):
                yield start, end

    def _addresses(self, text: str) -> Iterator[tuple[int, int]]:
        for m in EMAIL.finditer(text):
            if _PLATFORM_THEN_HANDLE.match(m[0]):
                continue  # "on tiktok @yarmouth.teen.mum": a handle, found as one, not an address
            yield m.start(), m.end()
        for m in OBFUSCATED_EMAIL.finditer(text):
            start = m.start(1)
            if not re.search(r"\w", m[1]):
                continue
            # A local part written with spaces: take up to three words back, stopping at a word
            # that introduces the address ("email me on", "is", "contact"). A bare "@" joined to
            # the local part has no spaces to cross.
            before = text[:start]
            joined = text[m.end(1) : m.end(1) + 1] == "@"
            for _ in range(0 if joined else 3):
                prev = re.search(r"([\w.+-]+|[(\[{<]\s*dot\s*[)\]}>])\s*$", before, re.IGNORECASE)
                if prev is None or prev[1].lower() in _NOT_LOCAL or prev[1].lower().rstrip(":") in _NOT_LOCAL:
                    break
                start = prev.start(1)
                before = text[:start]
            if m[1].lower() not in _NOT_LOCAL:
                yield start, m.end()


# A platform's name, a space, then a handle: "tiktok @yarmouth.teen.mum" is no e-mail address.
_PLATFORM_THEN_HANDLE = re.compile(
    r"(?i:snap(?:chat)?|ig|insta(?:gram)?|tiktok|twitter|x|fb|facebook|threads|youtube|bluesky|on)\s@"
)
_CAP_WORD = r"[A-Z][\w'’-]*"
# Homes without a house number on a street: a plot or pitch on a site, a berth at a mooring, a flat in
# a named building, a house known by its name.
_PLOT = re.compile(
    rf"\b(?i:plot|pitch|berth|mooring|caravan|static|chalet)\s+(?:(?i:no)\.?\s*)?\d{{1,4}}[A-Za-z]?,?\s+"
    rf"(?:{_CAP_WORD}\s+){{0,3}}{_CAP_WORD}(?:,\s*(?:{_CAP_WORD}\s+){{0,2}}(?i:{STREET_WORDS})\b)?"
)
# ... or the plot, pitch or berth alone, where the site goes unnamed: "We're on the council site, Pitch 6",
# "Mrs Ward (Plot 3) said", "our narrowboat is on berth C14". In the labelled sets 160 of 161 are homes;
# only where its sentence says someone lives there (a site, a boat, a caravan, living, an address) or in
# brackets after a name; not a plan's "plot 5 of", a count after it ("pitch 3 hours"), nor a game's pitch
# ("They train on pitch 3", "plot 12 on the masterplan": review 24).
_PLOT_ALONE = re.compile(
    r"\b(?i:plot|pitch|berth|mooring|caravan|chalet)[ \t]+(?:(?i:no\.?|number)[ \t]*)?"
    r"(?:[A-Z]-?)?\d{1,4}[A-Za-z]?\b"
    r"(?![ \t]*(?:of\b|%|(?i:hours?|hrs?|mins?|minutes?|days?|weeks?|months?|years?|times?|am|pm|o'?clock|"
    r"pounds?|quid|seats?|children|kids|people|families|different|ideas?|berth)\b))"
)
_A_HOMES_SITE_BEFORE = re.compile(
    r"(?i:\b(?:live|lives|living|lived|stay|staying|site|moored|boat|narrowboat|marina|caravan|static|"
    r"traveller|travellers|gypsy|romany|address|home|we['’]re[ \t]+on|i['’]m[ \t]+on|"
    r"(?:we|i)[ \t]+am[ \t]+on|we[ \t]+are[ \t]+on|park[ \t]+homes?)\b[^.!?\n]*$|[A-Z][a-z]+[ \t]*\([ \t]*$)"
)
_A_GAMES_PITCH = re.compile(
    r"(?i:football|footy|rugby|cricket|hockey|netball|rounders|astro|3g|a-side|training|train|match|matches|"
    r"league|tournament|team|sports?|parkrun|goals?|referee|kick[ -]?off|under[- ]?\d+s|u\d+s?|allotments?|"
    r"masterplan|development|planning)\b[^.!?\n]*$"
)
# A form's address field: whatever number and words it holds are a street, street word or not
# ("Address: 112 Broadway, Fleetwood"); the town after the comma stays, as on any address line.
_ADDRESS_FIELD = re.compile(
    r"(?im:^[ \t]*(?:home[ \t]+|postal[ \t]+|your[ \t]+)?address[ \t]*:[ \t]*)"
    r"(\d{1,4}[A-Za-z]?,?[ \t]+(?:[A-Z][\w'’-]*[ \t]+){0,3}[A-Z][\w'’-]*)(?=[ \t]*(?:,|$))",
    re.MULTILINE,
)
# A company's address in an e-mail's footer is no one's home: "Chiltern Vale Logistics Ltd, registered
# office Unit 4, Boscombe Road, Dunstable".
_A_BUSINESS_ADDRESS_BEFORE = re.compile(
    r"(?i:\b(?:registered|head)[ \t]+(?:office|address)(?:[ \t]+(?:is|at))?[ \t]*[:,]?[ \t]*)\Z"
)
_FLAT_IN_BUILDING = re.compile(
    rf"\b(?i:flat|apartment|apt|room)\s+\d{{1,4}}[A-Za-z]?,?\s+(?:{_CAP_WORD}\s+){{1,3}}"
    r"(?:House|Court|Lodge|Mansions|Buildings|Tower|Heights|Point|Hall|Block)\b"
    rf"(?P<after>,\s*(?P<town>(?:{_CAP_WORD}\s+){{0,2}}{_CAP_WORD}))?"
    # ... or a number in a block of flats, then its street: "my flat at 11 Tamworth House, Middlegate"
    rf"|\b\d{{1,4}}[A-Za-z]?[ \t]+(?:{_CAP_WORD}[ \t]+){{1,2}}(?:House|Court|Mansions|Tower|Heights)\b"
    rf"(?P<after2>,[ \t]*(?P<town2>(?:{_CAP_WORD}[ \t]+){{0,2}}{_CAP_WORD}))"
)
# A flat at a numbered house on a street named without a street word: "Flat 3, 22 Colegate".
_FLAT_AT_NUMBER = re.compile(
    r"\b(?i:flat|apartment|apt)\.?[ \t]+\d{1,4}[A-Za-z]?,?[ \t]+\d{1,4}[A-Za-z]?,?[ \t]+"
    r"[A-Z][a-z][\w'’-]*(?:[ \t]+[A-Z][a-z][\w'’-]*)?(?=[ \t]*(?:[,.\n]|$))"
)
_HOUSE_NAME = re.compile(
    rf"(?:\b[Tt]he\s+)?(?:{_CAP_WORD}\s+){{0,2}}(?:Cottage|Barn|Farmhouse|Rectory|Vicarage|Forge|Granary|"
    rf"Stables|Dairy|Bungalow|Lodge|Mill\s+House|Old\s+School|Coach\s+House|Manse)\s*,\s*"
    rf"(?:{_CAP_WORD}\s+){{1,3}}(?i:{STREET_WORDS})\b"
)
# A house known by its name, then its street, after words that say someone lives there: "our
# sponsors live at Glebe House, The Street", "Becca Loades of The Anchorage, Overstrand Road",
# "Writing from Tŷ Gwyn, Wells Road", "Mr D. Fairweather (Rosebank, Tuns Road)".
_NAMED_HOUSE = re.compile(
    # after words about living there, after a person ("Becca Loades of"), or in brackets ("(Rosebank, ...)")
    r"(?:\b(?i:live|lives|living|lived|staying|writing)(?:[ \t]+(?i:at|in|from))?[ \t]+"
    r"|\b(?:Mr|Mrs|Ms|Miss|Dr)\.?[ \t]+(?:[A-Z]\.[ \t]*)*[A-Z][a-z]+[ \t]+of[ \t]+"
    r"|\b[A-Z][a-z]+[ \t]+[A-Z][a-z]+[ \t]+of[ \t]+|\([ \t]*)"
    rf"((?:[Tt]he[ \t]+)?{_CAP_WORD}(?:[ \t]+{_CAP_WORD}){{0,2}}),[ \t]*"
    rf"(?:\d{{1,4}}[A-Za-z]?[ \t]+)?(?:The[ \t]+Street|(?:{_CAP_WORD}[ \t]+){{1,3}}(?i:{STREET_WORDS}))\b"
)
# A house known by a name that ends in a house's word, then its village or town, after words that say
# someone lives there or in brackets: "We live at Cliff Top Cottage, Aldbrough", "Our address is Low
# Field Farm, Wetwang", "(The Old Forge, Newbottle, ...)".
_HOUSE_THEN_PLACE = re.compile(
    r"(?:\b(?i:live|lives|living|lived|staying|address[ \t]+is|home[ \t]+is)(?:[ \t]+(?i:at|in))?[ \t]+"
    r"|\([ \t]*)"
    rf"((?:[Tt]he[ \t]+)?(?:{_CAP_WORD}[ \t]+){{0,3}}(?:Cottage|Farm|Farmhouse|Barn|Bungalow|Lodge|Forge|"
    r"Orchard|Rectory|Vicarage|Grange|Croft|Smithy|Granary|Stables|Dairy|Manse))(?=[ \t]*,[ \t]*[A-Z])"
)
# A house's name that starts a line ending in a postcode: "Wayside, Church Lane, Little Snoring, NR21 0JW".
_HOUSE_LINE = re.compile(
    rf"(?m)^[ \t]*((?:[Tt]he[ \t]+)?{_CAP_WORD}(?:[ \t]+{_CAP_WORD}){{0,2}}),[ \t]*"
    rf"(?:{_CAP_WORD}[ \t]+){{1,3}}(?i:{STREET_WORDS})\b"
    r"(?=[^\n]*\b[A-Z]{1,2}\d[A-Z\d]?[ \t]*\d[A-Z]{2}\b)"
)
_A_SESSION = re.compile(r"(?i:\b(?:group|club|session|class|sensory|playgroup|toddlers)$)")
# A number and a name with no street word, then the postcode: "17 Redcastle Furze, IP24 3NB".
_NUMBER_POSTCODE = re.compile(
    r"(?<![:.\d])\b\d{1,4}[A-Za-z]?[ ]+[A-Z][a-z][\w'’-]+(?:[ ]+[A-Z][a-z][\w'’-]+)?"
    r"(?=,?[ ]*[A-Z]{1,2}\d[A-Z\d]?[ ]*\d[A-Z]{2}\b)"
)
# A house number said in words ("I'm at forty-one Beech Avenue"): from eleven up after "at" or
# "live at", any after "number" ("number four Church Lane"); "at two Mill Road sites" is no address.
_SMALL_NUMBER = r"two|three|four|five|six|seven|eight|nine|ten"
_SPOKEN_HOUSE = re.compile(
    r"(?i:\b(?:(?:(?:live|lives|living|i'm|im|i\s+am|we're|we\s+are)\s+at|address\s+is)\s+"
    r"((?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    rf"(?:[\s-](?:one|{_SMALL_NUMBER}))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
    rf"nineteen)|number\s+({_SMALL_NUMBER}))\s+)"
    rf"(?:{_CAP_WORD}\s+){{1,3}}?(?i:{STREET_WORDS})\b"
)
# A number on a close named without a street word: "3 The Walnuts", "12 The Maltings".
_NUMBER_THE = re.compile(
    r"\b\d{1,4}[A-Za-z]?,?[ \t]+The[ \t]+(?:[A-Z][a-z]+[ \t]+)?[A-Z][a-z]+s\b"
    r"(?=[ \t]*(?:[,\n|\t]|$|[A-Z]{1,2}\d))"  # then a comma, a cell's or line's end or a postcode
)
# Words of a business's or public body's name, whose address is no one's home.
_NOT_A_HOME = _words(
    """hospital nursery preschool pre-school foodbank extra superstore store shop trust charity ltd
    limited plc council surgery practice clinic pharmacy academy college university station depot
    office barnardo barnardos"""
)
_BUILDING_LAST = re.compile(r"(?i:\b(?:centre|center|hall|church|chapel|library|office|surgery|school|hub)$)")
_QUOTED_HOUSE = re.compile(r"[\"“‘']([A-Z][\w'’ -]{2,30})[\"”’'],?\s*$")
# A house's name that starts the line of its address: "Lilac Cottage, 12 Mill Lane", "Brackendale, 4
# Park Road" in a letter's heading or signature, or after "Address:".
_HOUSE_FIRST = re.compile(
    r"(?:^|(?<=\n)|(?<=:))[ \t]*((?!(?:Yes|No|Hi|Dear|Flat|Unit|Apartment|Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday)\b)[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2}),[ \t]*\Z"
)


# The number after the street, as much of Europe writes it, where someone lives: "We are living in
# Norwich on Magdalen Road 119", "ul. Cherry Tree Road 52" (not "the bus on Earlham Road 25").
_NUMBER_AFTER = re.compile(
    rf"(?:\bul\.|\b(?i:live|lives|living|lived|address\s+is|home\s+is)\b[^.!?\n]{{0,30}}?\b(?i:on|at|in))\s+"
    rf"((?:(?:[A-Z][\w'’-]+|St\.?)\s+){{1,3}}(?i:{STREET_WORDS})\s+(?!(?:19|20)\d\d\b)\d{{1,4}}[A-Za-z]?)\b"
    r"(?!\s*(?:of|to|or|and|-|–)\s)"
    rf"(?!\s*(?i:min|mins|minutes|hours?|miles?|km|mph|times?|buses|bus|%|pm|am|x\b|years?|yrs?|months?|weeks?|"
    rf"days?|people|families|kids|children))"
)


# A letter's address block: short lines, the last ending in a full postcode ("6 Briar Bank\nBigrigg\n
# CA22 2QL", "Greenside Farm\nBothel\nWigton\nCA7 2JZ").
_HOME_LINE = re.compile(
    r"[ \t]*(?:\d{1,4}[A-Za-z]?,?[ \t]+[A-Z][\w'’-]*(?:[ \t]+[A-Za-z][\w'’-]*){0,3}"
    r"|[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2}[ \t]+"
    r"(?i:farm|farmhouse|cottage|cottages|barn|bungalow|croft))"
    r"(?=[ \t]*,?[ \t]*$)"
)


def _above_a_postcode(text: str) -> Iterator[tuple[int, int]]:
    """Yield the home lines of a letter's address block: a house number's line, or a farm's or cottage's.

    The block is up to four short lines (no sentence in them) above a line that ends in a full
    postcode; its other lines (the village, the town) stay, as after any address.
    """
    for m in POSTCODE.finditer(text):
        if not re.match(r"[ \t]*(?:\n|\Z)", text[m.end() : m.end() + 80]):
            continue  # the postcode must end its line
        line_start = text.rfind("\n", 0, m.start()) + 1
        end = line_start - 1
        for _ in range(4):
            if end <= 0:
                break
            start = text.rfind("\n", 0, end) + 1
            line = text[start:end]
            if not line.strip() or len(line) > 45 or re.search(r"[.!?:;]", line):
                break
            home = _HOME_LINE.match(line)
            if home:
                yield start + len(home[0]) - len(home[0].lstrip()), start + home.end()
            end = start - 1


class AddressRecogniser(_Regex):
    """A street address: house number and street (``27 church lane``), and a word after it that is no town.

    The town after an address is left ("43a Norwich Road, Watton": :func:`town_starts_at`): it says
    where many people live, and the independent labelled sets all leave it.

    Also homes with no number on a street: a plot, pitch or berth on a named site ("Plot 22, Willow
    Park Homes") or alone ("Pitch 6", "berth C14"), a flat in a named building ("flat 9, Nelson House,
    Middlegate"), a house known by its name on a street ("The Old Forge, Church Lane"), and a house name
    in quotes before its number ('"Rosedene", 41 Beccles Road').
    """

    entity = "UK_ADDRESS"

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        for start, end in self._homes(text):
            if not _A_BUSINESS_ADDRESS_BEFORE.search(text, max(0, start - 40), start):
                yield start, end

    def _homes(self, text: str) -> Iterator[tuple[int, int]]:
        for pattern in (_PLOT, _HOUSE_NAME, _NUMBER_THE, _FLAT_AT_NUMBER):
            for m in pattern.finditer(text):
                yield m.start(), m.end()
        for m in _HOUSE_THEN_PLACE.finditer(text):
            yield m.span(1)
        for m in _ADDRESS_FIELD.finditer(text):
            yield m.span(1)
        for m in _PLOT_ALONE.finditer(text):
            window = max(0, m.start() - 80), m.start()
            if _A_HOMES_SITE_BEFORE.search(text, *window) and not _A_GAMES_PITCH.search(text, *window):
                yield m.span()
        for m in [*_NAMED_HOUSE.finditer(text), *_HOUSE_LINE.finditer(text)]:
            house = m[1]
            town = town_starts_at(text, m.start(1) + (4 if house.lower().startswith("the ") else 0))
            if (
                not town
                and not _BUILDING_LAST.search(house)
                and not _A_SESSION.search(house)  # "Baby Sensory (Baby Group, Church Road)"
                and house.split()[0].lower() not in _DAYS_AND_MONTHS
                # "Tesco Extra, Blue Boar Lane", "Barnardo's, Gaywood Road": a body's public address
                and not any(w.lower().strip("'’s") in _NOT_NAMES | _NOT_A_HOME for w in house.split()[1:])
                and house.split()[0].lower().strip("'’s") not in (_NOT_NAMES - {"the"}) | _NOT_A_HOME
            ):
                yield m.start(1), m.end()
        for m in _NUMBER_POSTCODE.finditer(text):
            yield m.start(), m.end()
        yield from _above_a_postcode(text)
        for m in _NUMBER_AFTER.finditer(text):  # "on Magdalen Road 119", "ul. Cherry Tree Road 52"
            yield m.start() if m[0].startswith("ul.") else m.start(1), m.end()
        for m in _SPOKEN_HOUSE.finditer(text):  # "I'm at forty-one Beech Avenue"
            yield m.start(1) if m[1] else m.start(2), m.end()
        for m in _FLAT_IN_BUILDING.finditer(text):
            after, where = ("after", "town") if m["after2"] is None else ("after2", "town2")
            town = m[where] is not None and town_starts_at(text, m.start(where))
            yield m.start(), (m.start(after) if town else m.end())
        for start, end in self._numbered(text):
            before = text[max(0, start - 40) : start]
            quoted, named = _QUOTED_HOUSE.search(before), _HOUSE_FIRST.search(before)
            if named and (town_starts_at(before, named.start(1)) or _BUILDING_LAST.search(named[1])):
                named = None  # "Norwich, 14 Church Road": the town stays; "Hope Centre," is no house
            house = quoted.start() if quoted else named.start(1) if named else len(before)
            yield start - (len(before) - house), end

    def _numbered(self, text: str) -> Iterator[tuple[int, int]]:
        from spacy.lang.en.stop_words import STOP_WORDS

        pos = 0
        while (m := ADDRESS_START.search(text, pos)) is not None:
            # A rejected match ("871, I'm at 9 Church Lane") may hide an address inside it: look again
            # from just after its number.
            pos = m.end(1)
            words = m[2].split()
            first = words[0].lower() if words else ""
            if first in _UNITS or any(w.lower() in STOP_WORDS - {"the", "of"} for w in words):
                continue
            if any(w.isdigit() for w in words) or "\t" in text[m.start(2) : m.end()]:
                continue  # a tab parts a table's cells: "06:02<tab>NR20<tab>Toftwood<tab>DON'T CLOSE"
            pos = m.end()
            end = m.end()
            gap = re.match(r"\s*,?\s*", text[end:])
            if gap and "," in gap[0]:
                # "27 Dragoon Close, Swanton Morley": a place after the comma, not the address's; a
                # second street is ("2 Chapel Cottages, Mill Lane").
                street = _SECOND_STREET.match(text, end + gap.end())
                if street and town_starts_at(text, street.start()):
                    street = None  # "3 Pine Close, Thorpe St Andrew"
                yield m.start(), (street.end() if street else end)
                continue
            if gap and "\n" in gap[0]:
                yield m.start(), end  # "22 Kestrel Way\nRavenscliffe": the next line is the locality
                continue
            base = cursor = end + (gap.end() if gap else 0)
            for count, word in enumerate(re.finditer(r"[A-Za-z][A-Za-z'’-]*(?![\w])", text[base:])):
                lower = word[0].lower()
                if count == 3 or text[cursor : base + word.start()].strip() or lower in STOP_WORDS | _UNITS:
                    break
                if town_starts_at(text, base + word.start()):
                    break  # the town after the street is not the address's
                end = cursor = base + word.end()
            yield m.start(), end


# Words for a school that are ordinary words in lower case before a noun: "infant feeding" (not
# "hillside primary nursery", "the hillside school gates": a school's).
_SCHOOL_OR_WORD = frozenset(["infant", "infants"])


class SchoolRecogniser(_Regex):
    """A child's school: a named school ("Hillside Primary") or a year or age then "at" and a name."""

    entity = "SCHOOL"

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        from spacy.lang.en.stop_words import STOP_WORDS

        for m in SCHOOL_WITH_AGE.finditer(text):
            # "Year 2 at St Mary's": the school, not its class ("Year 2" says no one once the school is
            # gone: 18 labelled phrases in 14 blind sets keep it; the first 3 sets, which took it in, were
            # relabelled so in session 18)
            yield m.start(2), m.end()
        for m in SCHOOL_NAMED.finditer(text):
            words = m[1].split()
            keep: list[str] = []
            for w in reversed(words):  # the name: the words before the school word, back to a stop word
                if w.lower() in STOP_WORDS or any(c.isdigit() for c in w):
                    break
                keep.insert(0, w)
            if not keep or (m[2].lower() == "high" and not m[2][0].isupper()):
                continue
            after = re.match(r"[ \t]+([a-z]+)\b", text[m.end() : m.end() + 30])
            if (
                m[2] in _SCHOOL_OR_WORD
                and after
                and after[1] not in STOP_WORDS
                and not re.fullmatch(_SCHOOL_WORD, after[1])
                and is_english_word(after[1])
            ):
                continue  # "Baby Friendly infant feeding", "a junior doctor": a word before its noun
            if keep[-1].lower() in _ACTIVITY_SCHOOLS and m[2].lower() == "school":
                continue  # "Forest School", "Saturday school": a kind of session, not a child's school
            meals = (
                re.match(r"\s+(?:meals?|dinners?|lunch(?:es)?)\b", text[m.end() : m.end() + 12]) is not None
            )
            if _SCHOOL_AS_ADJECTIVE.match(text, m.end()) and all(
                w.lower() in _SCHOOL_KINDS or (w.islower() and is_english_word(w) and meals) for w in keep
            ):
                continue  # "a retired primary school teacher", "gets free school meals" ("st marys
                # primary school run" names one)
            start = m.end(1) - len(" ".join(keep))
            yield start, m.end()


class NameRecogniser(_Regex):
    """Names without a title that NER misses: after "my son", "ask for", "I'm"; before "and I"; titled.

    A lower-case name counts after a phrase that introduces a person ("my son jayden", "me n
    sarah", "ask for kayden") when spaCy tags it a proper noun, it is on a names list, or it is no
    English word (WordNet: "tyrese", "kemi"), and so does the name paired with it ("ivie and kemi")
    and one that signs the comment off ("love tash xxx").
    """

    entity = "PERSON"

    def analyze(
        self,
        text: str,
        entities: list[str],  # noqa: ARG002
        nlp_artifacts: Any = None,
    ) -> list[RecognizerResult]:
        doc = getattr(nlp_artifacts, "tokens", None)
        tags = {t.idx: t.pos_ for t in doc} if doc is not None else {}
        ner = [(e.start_char, e.end_char) for e in getattr(nlp_artifacts, "entities", None) or []]
        proper = {i for i, tag in tags.items() if tag == "PROPN"}
        lower = [
            (s, e)
            for s, e in self.lower_case(text, proper, tags=tags)
            if not _PLACE_QUARTER_BEFORE.search(text, max(0, s - 8), s)  # "in south lynn": a place
        ]
        spans = [*self.spans(text, tags=tags, ner=ner), *lower]
        spans += addressed_names(text)  # "Dear Mark,", "Best wishes,\nGrace": no place check
        spans += table_names(text)  # a form export's "Name" column
        spans += field_names(text)  # a form's "Surname: OYELARAN"
        spans += [m.span(1) for m in _MONTH_NAMED.finditer(text)]  # "my daughter April who"
        spans += file_name_names(text)  # an attachment's "Kayleigh_Smith_CV.docx"
        spans += speaker_labels(text)  # a transcript's "TRUDY:"
        for s, e in clued_names(text, spans):
            first = text[s:e].split(maxsplit=1)[0]
            # an initial before a surname makes it a person's ("G. R. Haddingham", not a -ham town)
            initial = re.fullmatch(r"[A-Z]\.", first) is not None
            if text[s].islower() or is_name_word(first) or initial or not looks_like_place(text, s, e):
                spans.append((s, e))
        return [
            RecognizerResult(self.entity, s, e, 1.0) for s, e in spans if e > s and not _labelled(text, s, e)
        ]

    def spans(
        self, text: str, *, tags: dict[int, str] | None = None, ner: list[tuple[int, int]] | None = None
    ) -> Iterator[tuple[int, int]]:
        first_names()
        found: list[tuple[int, int]] = []
        for pattern in (_BEFORE_NAME, _NAME_BEFORE, _GROUP_NAMES, _KIN_STARTS):
            for m in pattern.finditer(text):
                if m[1].lower() in _NOT_NAMES or not _reads_as_name(text, m.start(1), m.end(1), tags, ner):
                    continue
                if re.match(r"[ \t]+of[ \t]+[A-Z]", text[m.end(1) :]):
                    continue  # "organised by Friends of North Walsham Under 5s": a body's name
                if re.fullmatch(_TITLES, m[1]):
                    continue  # "Thanks, Cllr Ann Moss": the title's name is found with the title
                word = m[1].lower()
                place = named_for_town([m[1]]) or word in world_place_names()
                town = place and word not in census_first_names()
                if pattern is not _BEFORE_NAME and town:
                    continue  # "the market place in Wymondham, my son ...": a town before "my son"
                if HUB_AFTER.match(text, m.end(1)):
                    continue  # "they can take Maryport hub off us": a hub's place
                if reads_as_city(text, m.start(1), m.end(1)):
                    continue  # "a foster carer with Bradford Children's Services" (not "my son Preston")
                if town and re.search(r"\bones?\b(?:\s+(?:is|are))?\W*\Z", text[m.start() : m.start(1)]):
                    continue  # "the next one is Thetford": a place, though "one" may stand for a child
                if MERGED_WITH.search(text, max(0, m.start(1) - 20), m.start(1)):
                    continue  # "merging with Gorleston": a centre named by its place
                if (
                    pattern is _NAME_BEFORE
                    and _ONLY_A_PERSON_AFTER.match(text, m.end(1))
                    and not is_name_word(m[1])
                ):
                    continue  # "Councillors, can you explain", "Parent (mum of two)": no first name
                if (
                    pattern is _NAME_BEFORE
                    and re.match(r"(?:\s*,)?\s+here\b", text[m.end(1) :])
                    and is_english_word(word)
                    and not is_name_word(m[1])
                    and (
                        m.start(1) == 0
                        or re.search(r"(?:[.!?][ \t]+|\n[ \t]*)\Z", text[max(0, m.start(1) - 9) : m.start(1)])
                    )
                ):
                    continue  # "Parking here is awful." opens a sentence with a word ("call him Taffy here")
                found.append((m.start(1), m.end(1)))
        for m in _NAME_AND_I.finditer(text):
            # "Will and I were booked on" (not "the Red Line and I", "Fairstead and I"): a first name only
            if is_name_word(m[1]) and not looks_like_place(text, m.start(1), m.end(1)):
                found.append(m.span(1))
        for m in _INITIAL.finditer(text):
            # "P. Hingham" is a person though Hingham is a village; "N. Walsham" is North Walsham.
            direction = text[m.start(1) - 3 : m.start(1) - 1].strip() in (
                "N.",
                "S.",
                "E.",
                "W.",
                "N",
                "S",
                "E",
                "W",
            )
            titled = m.start(1) - m.start() > 3
            place = direction and not titled and looks_like_place(text, m.start(1), m.end(1))
            # "Option B. Proposed by ...", "Appendix C. Costs": a list's letter ends a sentence.
            lettered = _LETTERED.search(text[max(0, m.start() - 40) : m.start()]) is not None
            verb = not titled and (tags or {}).get(m.start(1)) in ("VERB", "AUX")
            if m[1].lower() not in _NOT_NAMES and not place and not lettered and not verb:
                office = OFFICE.match(m[0])
                found.append((m.start() + (office.end() if office else 0), m.end(1)))
        for m in _MINUTES_INITIALS.finditer(text):  # "Cllr J.B.", "A (SP):", "ACTION: SP to"
            group = next(g for g in (1, 2, 3, 4) if m[g])
            found.append((m.start(group), m.start(group) + len(m[group].rstrip())))
        for m in _WITH_AGE.finditer(text):
            word = m[1].split("-")[0].lower()
            # A date in brackets only after a first name (not "Makaton (05/05/2025)"), and there a town's
            # name only, not a place's ending, makes a place ("Ruby (03/05/2018)" ends like Whitby); an
            # age or a count after any place is its count ("Erdington (3)").
            with_date = m["date"] is not None
            if with_date and not (is_first_name(word) or is_ambiguous_name(word)):
                continue
            place = (
                named_for_town(m[1].split()) if with_date else looks_like_place(text, m.start(1), m.end(1))
            )
            if m[1].lower() in _NOT_NAMES or place:
                continue
            # "Ivy-Rose (3)", and a name that is also a word: "Poppy (5)", "Hope (born ...)"
            if is_first_name(word) or is_unknown_word(word) or is_ambiguous_name(word) or "-" in m[1]:
                found.append((m.start(1), m.end(1)))
        for m in _LOWER_WITH_AGE.finditer(text):
            if _DETERMINER_BEFORE.search(text[max(0, m.start() - 8) : m.start()]):
                continue  # "a holly (2)": a thing counted
            if (is_first_name(m[1]) or is_ambiguous_name(m[1])) and m[1] not in _NOT_NAMES:
                found.append((m.start(1), m.end(1)))
        found += _chat_senders(text)
        found += _signed_last_line(text)
        for m in _TITLED.finditer(text):
            last = m[1].split()[-1].lower()
            if "\n" in m[1]:
                continue  # "County Councillor\nDownham Market": a signature's next line
            if last not in _NOT_NAMES and last not in BUILDING_WORDS:  # "Family Nurse Partnership"
                # A councillor keeps the title ("Cllr [name]"): the reader still knows who spoke.
                office = OFFICE.match(m[1])
                generic = re.search(
                    r"(?i:\b(?:the|a|an|this|that)\s+)$", text[max(0, m.start(1) - 6) : m.start(1)]
                )
                if office and generic:
                    continue  # "the Councillor Code of Conduct": no councillor named
                found.append((m.start(1) + (office.end() if office else 0), m.end(1)))
        # The words the comment writes in lower case, found once (not a search per capitalised word).
        lower_words = {
            part
            for w in re.finditer(r"(?<![\w.@])[^\W\d_]+(?:-[^\W\d_]+)*(?![\w@]|\.\w)", text)
            if w[0].islower()
            for part in (w[0], *w[0].split("-"))
        }
        for m in _CAPITALISED.finditer(text):
            word = m[0].lower()
            # A first name that the comment also writes in lower case is a word there ("Foster carers
            # need this" beside "a foster carer").
            elsewhere = word in lower_words
            known = is_first_name(word) and word not in _NOT_NAMES and not elsewhere
            # "Carol, the Family Support Worker": a name that is also a word, with who she is after it
            known = known or (
                word in _AMBIGUOUS
                and word not in _DAYS_AND_MONTHS
                and _ROLE_AFTER.match(text, m.end()) is not None
            )  # not "Since April, our family support worker ..."
            # "Hope Ashworth came", "ask Faith Okonkwo": a word's name before a surname no dictionary has
            follower = re.match(rf"[ \t]({_NAME})\b", text[m.end() : m.end() + 40])
            known = known or (
                word not in _DAYS_AND_MONTHS
                and follower is not None
                and _a_surname_after_a_word_name(word, follower[1])
            )
            # "at the Nelson Ward", "the Edith Cavell building": a place named after someone.
            named_after = re.search(r"(?i:\bthe\s+)$", text[max(0, m.start() - 8) : m.start()])
            # "4 Jan", "Jun 2024", "Jan–Feb": a month beside a number or another month, not Jan or Jun.
            dated = word in ("jan", "jun") and (
                re.search(r"\d(?:st|nd|rd|th)?\s+$", text[max(0, m.start() - 6) : m.start()])
                or re.match(
                    r"\s+\d|[ \t]*[-–—/][ \t]*(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
                    text[m.end() : m.end() + 8],
                )
            )
            # "Duke of Edinburgh": a title, not the name it starts with ("Karen of Home-Start" is Karen)
            titled = word in TITLES_OF and _OF_A_PLACE.match(text, m.end()) is not None
            place = known and looks_like_place(text, m.start(), m.end())
            if known and not (named_after or dated or titled or place):
                found += [] if _starts_a_place_name(text, m.start()) else [(m.start(), m.end())]
        yield from _extend(text, found)

    def lower_case(
        self, text: str, proper: set[int], *, tags: dict[int, str] | None = None
    ) -> Iterator[tuple[int, int]]:
        """Yield lower-case names after a phrase that introduces a person."""
        from spacy.lang.en.stop_words import STOP_WORDS

        names = first_names()
        sign_off = _SIGN_OFF.search(text)
        if (
            sign_off
            and sign_off[1] not in STOP_WORDS | _NOT_NAMES | _AMBIGUOUS | _COMMON_WORDS
            and (sign_off[1] in names or is_unknown_word(sign_off[1]))
        ):
            yield sign_off.start(1), sign_off.end(1)
        for m in _LOWER_NAME.finditer(text):
            word = m[1]
            if word in STOP_WORDS or word in _NOT_NAMES or word in _UNITS:
                continue
            # In a name slot ("my son tyrese", "ask for kayden"; not "im ..."), a word that is no
            # English word (WordNet) is a name, on a list or not; so is the next after "and".
            slot = not re.search(r"(?i:\b(?:i'm|im|i\s+am)[\s,:]+)$", m[0][: m.start(1) - m.start()])
            unknown = slot and is_unknown_word(word)
            # spaCy tags many a lower-case word PROPN, text-speak too ("defo", "luvs"): not those.
            propn = m.start(1) in proper and not is_text_speak(word)
            # Where only a name can stand ("hiya its hope", "my name is grace"), a name that is
            # also a word counts.
            named = _NAME_SLOT.search(m[0][: m.start(1) - m.start()]) is not None and word in _AMBIGUOUS
            # "my youngest jack, hes 2", "our rose (3)": a name that is also a word, then an age.
            aged = word in _AMBIGUOUS and _AGE_AFTER.match(text, m.end(1)) is not None
            named = named or aged
            if propn or word.split("-")[0] in names or unknown or named:
                yield m.start(1), m.end(1)
                end = m.end(1)
                # "my name is lee dack", "i am elif yıldız": a surname no dictionary has goes with it.
                surname = re.match(r"[ \t]+([^\W\d_][\w'’-]+)\b", text[end:])
                if surname and _reads_as_surname(surname[1]):
                    yield end + surname.start(1), end + surname.end(1)
                # "tia, marley and jaxon": each name of the list, while they read as names
                while (pair := re.match(r"\s*(?:,|and|n|&)\s+([a-z][a-z]+(?:-[a-z]+)?)\b", text[end:])) and (
                    pair[1].split("-")[0] in names or is_unknown_word(pair[1])
                ):
                    yield end + pair.start(1), end + pair.end(1)
                    end += pair.end(1)
        for m in _LOWER_TITLED.finditer(text):
            if m[2] not in STOP_WORDS and m[2] not in _NOT_NAMES:
                yield m.start(1), m.end(1)
        yield from self.lower_case_anywhere(text, tags or {})

    def lower_case_anywhere(self, text: str, tags: dict[int, str]) -> Iterator[tuple[int, int]]:
        """Yield lower-case names with no clue around them ("gethin and me", "ffion-rose loves it").

        A hyphenated word counts when each part is a first name (or a word that is also one, as
        "rose"); a single word when it is on the lists of England's communities' names (not only the
        US census list, which holds many English words), is not an ordinary word we know of, and
        spaCy tags it a noun or proper noun (not a verb: "bo" in "bo selecta" is not caught).
        """
        from spacy.lang.en.stop_words import STOP_WORDS

        world = world_first_names()
        for m in _LOWER_WORD.finditer(text):
            word = m[0]
            article = _DETERMINER_BEFORE.search(text, max(0, m.start() - 8), m.start())
            if article and is_english_word(word):
                continue  # "is an angel" (but "the tyrone fella", "her mohammed" are names)
            parts = word.split("-")
            if len(parts) > 1:
                # "ffion-rose", "ruby-mae": names or words that are names, one of them a name only
                names_or_words = all(is_first_name(p) or p in _AMBIGUOUS for p in parts)
                if names_or_words and (is_first_name(parts[0]) or any(p not in _AMBIGUOUS for p in parts)):
                    yield m.start(), m.end()
                continue
            if len(word) < 3 or word in STOP_WORDS or word in _NOT_NAMES or word in _UNITS:
                continue
            if word in _AMBIGUOUS or word in _COMMON_WORDS or word not in world:
                continue
            if tags.get(m.start()) in ("PROPN", "NOUN", "X") and not _modifies_a_noun(
                text, m.end(), word, tags
            ):
                yield m.start(), m.end()


def _modifies_a_noun(text: str, end: int, word: str, tags: dict[int, str]) -> bool:
    """Whether an English ``word`` ending at ``end`` stands before a noun it names a kind of.

    "a breastfeeding peer supporter", "peer support": a word, though on a list of names, before a
    lower-case noun is part of the noun's phrase ("gethin loves it" and "ffion's nan" are names).
    """
    after = re.match(r"[ \t]+([a-z]+)\b", text[end : end + 30])
    return (
        after is not None
        and is_english_word(word)
        and tags.get(end + after.start(1)) == "NOUN"
        and is_english_word(after[1])
    )


_INTRODUCES = re.compile(
    rf"(?i:\b(?:name\s+is|name's|names|name|i\s+am|i'm|im|called|named|signed|regards|this\s+is|{_WHO_DID_IT}|"
    rf"organi[sz]er|"
    rf"(?:my|our|his|her)\s+(?:\w+\s+)?{_KIN}))[\s,:(\-]*$"
)
_NAMED = re.compile(rf"(?i:\b(?:name\s+is|name's|named|(?:i\s+am|i'm|im)\s+called|{_NAME_IS_ABROAD})\s+)$")
_NOT_NAME_TAGS = _words("VERB ADJ AUX ADV ADP PRON DET SCONJ CCONJ NUM PART INTJ")


_PHRASE = re.compile(rf"{_NAME}(?:[ \t]+{_NAME}){{0,3}}")


def _starts_a_place_name(text: str, start: int) -> bool:
    """Whether a first name at ``start`` begins a place's name of three words or more, or a post's place.

    "Queen Elizabeth Hospital Kowloon", "Jesus House Parish", "Steve · Abbey Meadows · 2d"; not two
    words ("Grace Hall" may be a woman).
    """
    phrase = _PHRASE.match(text, start)
    if phrase is None:
        return False
    words = phrase[0].split()
    inside = any(w.lower() in INSIDE_WORDS for w in words[1:])
    return (len(words) >= 3 and inside) or posted_from(text, start, phrase.end())


_NAME_HEADER = re.compile(
    r"(?i)^\s*+(?:(?:your\s+|full\s+|respondent(?:'s)?\s+|first\s+|last\s+|family\s+|given\s+|child(?:'s)?\s+|"
    r"parent(?:'s)?\s+|baby(?:'s)?\s+)?name|surname|forename|adult|child|baby|parent|parent/carer|carer|mum|dad)"
    r"\s*+[:?]?\s*+$"
)


_SPEAKER = re.compile(r"(?m)^[ \t]*([A-Z][A-Z'’-]+(?:[ \t]+[A-Z][A-Z'’-]+)?)[ \t]*:")
_ROLES = _words(
    "presenter host caller interviewer moderator chair chairman chairwoman q a me her him mum dad nan "
    "officer staff speaker note notes re subject from to cc date tel mob email name address"
)


def speaker_labels(text: str) -> list[tuple[int, int]]:
    """Return the speakers' names that label a transcript's lines in capitals ("TRUDY: Morning.").

    A label counts when it is a first name, or when the text writes it with a capital inside a
    sentence ("Let's go to Trudy", "go ahead Mo"); roles ("PRESENTER:", "CALLER:") and headings
    ("ACTION:", though "Action for Children" starts a line) do not.

    Parameters
    ----------
    text
        Free text.

    Returns
    -------
    list of (int, int)
        Character offsets (end exclusive) of each label's name.
    """
    spans = []
    for m in _SPEAKER.finditer(text):
        words = m[1].split()
        if any(w.lower() in _ROLES for w in words):
            continue
        title = " ".join(w.capitalize() for w in words)
        # written with a capital inside a sentence ("go ahead Mo"), not only at its start ("Action for")
        seen = re.search(rf"[a-z,][ \t]+{re.escape(title)}\b", text) is not None
        if is_name_word(words[0].capitalize()) or seen:
            spans.append((m.start(1), m.end(1)))  # not "ACTION:", "AGREED:" (words)
    return spans


# A form's field that holds a person's name, in a flattened PDF, a pasted form or an app's JSON:
# "Full name: ADEWALE OGUNDIPE", "Applicant_Name: Kayleigh Smith", '"last_name": "smith"',
# "Surname: OYELARAN", "Parent/Carer name: jodie reeve", "Client: Nguyễn Thị Thu Hà".
_FIELD_LABEL = re.compile(
    r"(?im)(?:^|[{,|]|(?<![ \t])(?:\t|[ \t]{2}))[ \t]*+[\"']?(?:[A-Za-z0-9]+_)*"
    r"((?:(?:your|full|first|last|family|given|middle|maiden|preferred|"
    r"child(?:['’]?s)?|children(?:['’]?s)?|parent|carer|parent/carer|mother(?:['’]?s)?|father(?:['’]?s)?|"
    r"baby(?:['’]?s)?|applicant|client|patient|respondent|partner(?:['’]?s)?|contact|volunteer|student|"
    r"tenant|claimant|pupil|member|print)[ \t_/-]*)?(?:name|names|forenames?|surnames?|firstname|lastname)"
    # ("Name(s):", "Name (optional):", "Name (if happy to give it):")
    r"(?:[ \t]*\((?:s|[a-z][a-z ,/-]{0,30})\))?|forenames?(?:[ \t]*\(s\))?|surname|client|patient|volunteer|"
    r"applicant|claimant|"
    r"tenant|pupil|child|children|family|parent/carer|parent|carer|mother|father)"
    r"[\"']?[ \t]*[:=][ \t]*[\"']?[_ \t]*"
)
# What a card's "Father:" or "Family:" says that is no name: "Deceased", "Single Parent", "Two Adults".
_STATUS_WORDS = _words(
    """deceased dead died single married separated divorced widowed widow widower working unemployed
    employed retired student parent parents carer carers foster adoptive kinship none unknown yes no
    n/a na one two three four five six adult adults child children only absent away abroad overseas
    lone step half british english"""
)
# Labels that hold a name only when it is written as one: "Family: Khan" (not "Family: very supportive").
_LOOSE_LABELS = frozenset(["family", "parent/carer", "parent", "carer", "mother", "father"])
# words one space apart: two spaces or more part a form's columns ("Nadia Khan   D.O.B: ...")
_FIELD_VALUE = re.compile(r"[^\W\d_][\w'’.-]*(?:[ \t][^\W\d_][\w'’.-]*){0,4}")
_NOT_A_PERSON = _words(
    """n/a na none no yes not unknown tbc prefer council centre team service hub family the concerned
    resident residents mum mam mom dad parent parents grandparent grandparents anonymous anon local
    user carer"""
)
"""Words that make a name field's answer who the writer is, not their name ("Concerned Resident")."""


def field_names(text: str) -> list[tuple[int, int]]:
    """Return the names a form's fields hold: "Surname: OYELARAN", '"last_name": "smith"'.

    A field labelled as a name (name, first name, surname, forename(s), a child's or applicant's
    name, client, patient, volunteer, children) holds a person whatever the words, up to a bracket,
    comma, tab, quote or the line's end; a list after "Children:" holds one name before each comma.
    A value that is "n/a", "none", a number or an organisation's word is no one.

    Parameters
    ----------
    text
        Free text.

    Returns
    -------
    list of (int, int)
        Character offsets (end exclusive) of each name.
    """
    spans = []
    for label in _FIELD_LABEL.finditer(text):
        line_end = text.find("\n", label.end())
        line_end = len(text) if line_end < 0 else line_end
        cursor = label.end()
        while cursor < line_end:
            value = _FIELD_VALUE.match(text, cursor, line_end)
            if value is None or re.match(r"(?i:n/a|n\.a\.)", text[cursor:line_end]):
                break
            words = value[0].rstrip(".")
            loose = label[1].lower() in _LOOSE_LABELS and not all(
                w[:1].isupper() and w.lower() not in _STATUS_WORDS | _NOT_NAMES for w in words.split()
            )
            if not loose and not any(w.lower() in _NOT_A_PERSON for w in words.split()):
                spans.append((value.start(), value.start() + len(words)))
            if not label[1].lower().startswith("child"):
                break
            # "Children: TOMIWA (22-09-2020), OLUWASEUN (04-03-2022)": the next name after a comma
            comma = text.find(",", value.end(), line_end)
            if comma < 0:
                break
            cursor = comma + 1 + len(text[comma + 1 : line_end]) - len(text[comma + 1 : line_end].lstrip())
    for m in _KIN_FIELD.finditer(text):  # "- Daughter: Wren, age 5": a list's field for kin
        word = m[1].split()[0]
        aged = _AGED_AFTER.match(text, m.end(1))  # "Wren, age 5", "Wren (5)"
        word_name = aged and word.lower() in _AMBIGUOUS | _COMMON_WORDS  # "Wren, age 5", not "Unemployed"
        if is_first_name(word) or not is_english_word(word.lower()) or word_name:
            spans.append((m.start(1), m.end(1)))
    return spans


# A month that is someone's name, after a word for kin and before what a person does or is: "my
# daughter April who is too shy", "our son August, 4,", "my nan June takes", "my mum, May Thrower, who"
# (not "my daughter April 2020", "in May").
_MONTH_NAMED = re.compile(
    r"\b(?i:my|our|his|her|their)[ \t]+(?i:daughter|son|girl|boy|baby|granddaughter|grandson|niece|nephew|"
    r"little[ \t]+(?:girl|boy)|eldest|youngest|mum|mam|mother|nan|nana|nanny|gran|grandma|granny|sister|"
    r"auntie|aunty|aunt|wife|partner|friend|neighbour|cousin)[ \t]*,?[ \t]+"
    r"((?:April|May|June|July|August)(?:[ \t]+(?!(?i:who|is|was|has|had|and)\b)[A-Z][\w'’-]+)?)"
    r"(?=['’]s\b|[ \t]*,|[ \t]+(?i:who|is|was|has|had|loves|and|goes|went|started|can|could|will|takes|took|"
    r"looks|looked|helps|helped|comes|came|lives|lived|does|did|says|said|brings|brought)\b)"
)
_AGED_AFTER = re.compile(r",?[ \t]*(?:\(\d|(?i:age|aged)[ \t]*\d)")
# A line's field for kin, in a list or form: "- Daughter: Wren, age 5", "Son: Kacper Nowak".
_KIN_FIELD = re.compile(
    r"(?m)^[ \t]*(?:[-•*·][ \t]*)?(?i:daughter|son|baby|partner|husband|wife|mum|dad|mother|father|"
    r"grandson|granddaughter|stepson|stepdaughter|foster[ \t]+child|twins?)[ \t]*:[ \t]*"
    r"([A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+)?)"
)


# A file named for a person: "Kayleigh_Smith_CV.docx", "jodie-reeve-letter.pdf".
_FILE_NAME = re.compile(
    r"(?<![\w.@/-])([^\W\d_]+)[_. -]([^\W\d_]+)(?:[_-][\w-]*)?"
    r"\.(?i:docx?|pdf|odt|rtf|txt|jpe?g|png|heic|xlsx?|pages)\b"
)


def file_name_names(text: str) -> list[tuple[int, int]]:
    """Return the first name and surname a file's name holds ("Kayleigh_Smith_CV.docx").

    Only where the first word is a first name of the lists: "Meeting_Notes_2024.docx" names no one.
    """
    return [(m.start(1), m.end(2)) for m in _FILE_NAME.finditer(text) if is_first_name(m[1].lower())]


# A word that labels what follows it: "Section 106", "Proposal 2", "Option B", "Room 4".
_LABEL_AFTER = re.compile(r"[ \t]+(?:\d+[A-Za-z]?|[A-Z])(?![\w'’/.-]|\.\w)")


_LABEL_WORDS = _words(
    """section proposal proposals option options appendix annex paragraph clause figure table schedule
    scenario recommendation objective priority amendment motion resolution policy article rule stage
    phase step item question part chapter level tier band zone room ward route platform gate junction
    unit block site model plan"""
)


def labelled_letter(text: str, start: int, end: int) -> bool:
    """Return whether a letter taken for an initial is a label's: "option B.", "under Proposal C".

    Parameters
    ----------
    text
        The comment.
    start, end
        The span taken for a name (character offsets, end exclusive).

    Returns
    -------
    bool
        True when the span is one capital letter (with a full stop or not) after a word that labels.
    """
    before = re.search(r"([^\W\d_]+)[ \t]+\Z", text[max(0, start - 20) : start])
    return re.fullmatch(r"[A-Z]\.?", text[start:end]) is not None and (
        before is not None and before[1].lower() in _LABEL_WORDS
    )


def _labelled(text: str, start: int, end: int) -> bool:
    """Return whether a one-word span labels a number or letter after it: "Section 106", "Proposal 2".

    "with Section 106 money", "agree with Proposal 2": the word names a clause or an option, not a
    person; only words that label things count ("Wren 9, Hazel 6": children and their ages).
    """
    return text[start:end].lower() in _LABEL_WORDS and _LABEL_AFTER.match(text, end) is not None


def table_names(text: str) -> list[tuple[int, int]]:
    """Return the cells under a "Name" column of a table pasted with pipes, tabs, commas or semicolons.

    "ID|Start time|Email|Name|Comments" then "48|03/02 09:14|a@b.com|Oksana Kravets|..." names
    Oksana Kravets, whatever the words, and so do "First name", "Surname", "Child" and "Adult"
    columns (a sign-in sheet saved as CSV: "date,child,age,adult"; there a cell must also read as a
    name, since typed prose can look like a table); a row with another number of cells is skipped
    (:func:`table_cells`).

    Parameters
    ----------
    text
        Free text.

    Returns
    -------
    list of (int, int)
        Character offsets (end exclusive) of each named cell's words.
    """
    return [
        (start, end)
        for header, start, end, typed in table_cells(text)
        if _NAME_HEADER.match(header)
        and re.search(r"[^\W\d_]", text[start:end])
        and text[start:end].lower() not in ("n/a", "none")
        and (not typed or _cell_reads_as_name(text[start:end]))
    ]


def _cell_reads_as_name(cell: str) -> bool:
    """Return whether a cell of a comma-separated table reads as a name.

    Capitalised, and a first name, a name that is also a word, or no English word ("Oluwadamilare",
    "Nanna Jean"; not "Happy", "tired" or "all welcome" under a "Mum, dad, baby" line of prose).
    """
    words = cell.split()
    named = _AMBIGUOUS | _COMMON_WORDS
    return all(w[:1].isupper() for w in words) and any(
        is_first_name(w) or w.lower() in named or not is_english_word(w.lower().strip(".'’")) for w in words
    )


# A column of a pasted table that dates something other than a birth: "date", "session date", "week".
_DATED_HEADER = re.compile(
    r"(?i)^\s*+(?:[a-z]+\s+)?(?:date|day|week|when|time|visit|session)s?\s*+[:?]?\s*+$"
)
_BIRTH_HEADER = re.compile(r"(?i)birth|dob|d\.o\.b|born|\bdue\b|arriv|deliver|adopt")


def table_dated_cells(text: str) -> list[tuple[int, int]]:
    """Return the cells of a pasted table's date column that is no birth ("date", "session date").

    A sign-in sheet's "06/05/2025" is the day of a session, not a child's birth: what a date
    rule finds there is dropped (:func:`hubplan.consult.redact.recognised`); a "DOB" or "Date of
    birth" column is not one of these.
    """
    return [
        (start, end)
        for header, start, end, _ in table_cells(text)
        if _DATED_HEADER.match(header)
        and not _BIRTH_HEADER.search(header)
        and not _BIRTH_HEADER.search(text[start:end])  # "born 12/03/2024" in the cell is a birth
    ]


_ROLE_HEADER = re.compile(
    r"(?i)^\s*+(?:[a-z]+\s+)?(?:role|position|job(?:\s+title)?|post|responsibilit(?:y|ies)|relationship|"
    r"relation|task|duties)s?\s*+[:?]?\s*+$"
)


def table_unnamed_cells(text: str) -> list[tuple[int, int]]:
    """Return the cells of a pasted table that name no one: its header row, and a column of roles.

    A volunteers' list's "Name,Role,Contact" labels its columns, and its "Chair", "Treasurer" and
    "Driver" say what someone does, not who: a name found wholly inside such a cell is dropped
    (:func:`hubplan.consult.redact.recognised`).
    """
    cells = table_cells(text)
    roles = {h for h in {c[0] for c in cells} if _ROLE_HEADER.match(h)}  # each header read once
    return [
        (start, end)
        for header, start, end, _ in cells
        if (not header or header in roles) and _names_no_one(text[start:end])
    ]


def _names_no_one(cell: str) -> bool:
    """Whether a label or role cell is a word or three and none a first name ("Chair", not "Anna").

    "Set up with Priya Shah" or "Daughter of Nadia Khan" in a "Task" or "Relationship" column, and
    "Date,Anna,Ben,Chloe" heading a rota, name people.
    """
    words = re.findall(r"[^\W\d_]+", cell)
    return 0 < len(words) <= 3 and not any(is_first_name(w.lower()) for w in words)


_SHORT_LABEL = re.compile(r"[ \t]*[^\W\d_][^\W\d]*(?:[ \t/'’-]+[^\W\d]+){0,3}[ \t]*[:?]?")


def _header_cell(cell: str) -> bool:
    return _NAME_HEADER.match(cell) is not None or (
        _DATED_HEADER.match(cell) is not None and not _BIRTH_HEADER.search(cell)
    )


@functools.lru_cache(maxsize=4)
def table_cells(text: str) -> tuple[tuple[str, int, int, bool], ...]:
    """Return each cell of a table pasted in ``text`` under a header row, with its column's header.

    A header row has a cell that heads a column of names or dates (:data:`_NAME_HEADER`, "date");
    with commas or semicolons, every cell of it must be a short label (four words at most, no
    digits), so a sentence with commas is no header. The rows after it with the same separator and
    number of cells are its rows (a separator inside double quotes, as CSV quotes it, splits no
    cell); a row with another number of cells, such as a comment's wrapped line, is skipped, and
    the next header starts another table.

    Parameters
    ----------
    text
        Free text.

    Returns
    -------
    tuple of (str, int, int, bool)
        The header's words ("" for a cell of a header row itself), the character offsets (end
        exclusive) of the cell's words (empty cells left out), and whether the table is separated
        by commas or semicolons (typed prose can look like one, so its cells need more to be names:
        :func:`table_names`). Kept for the last few texts: the name, date and label rules each read
        the same comment's table.
    """
    cells_out: list[tuple[str, int, int, bool]] = []
    headers: list[str] = []
    sep = ""
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        header = False
        # while a table is open only its own separator starts another ("takes ages, every week" is a
        # comment's wrapped line, not a header)
        for mark in (sep,) if sep else ("|", "\t", ",", ";"):
            cells = body.split(mark)
            if len(cells) < 2:
                continue
            all_labels = all(_SHORT_LABEL.fullmatch(c) for c in cells)
            if (mark in "|\t" or all_labels) and any(_header_cell(c) for c in cells):
                headers, sep, header = [c.strip() for c in cells], mark, True
                # a header row's own labels, where each is one ("Name,Role,Contact"; not a row
                # that holds a comment beside its "Parent/carer")
                if all_labels:
                    spans = _split_cells(body, mark)
                    cells_out += _cell_words(body, spans, offset, [""] * len(spans), typed=mark in ",;")
            break
        if not header and sep:
            spans = _split_cells(body, sep)
            if len(spans) == len(headers):
                cells_out += _cell_words(body, spans, offset, headers, typed=sep in ",;")
        offset += len(line)
    return tuple(cells_out)


def _cell_words(
    body: str, spans: list[tuple[int, int]], offset: int, headers: list[str], *, typed: bool
) -> list[tuple[str, int, int, bool]]:
    """Return each non-empty cell of a row as (its header, start, end of its words, ``typed``)."""
    cells = []
    for name, (a, b) in zip(headers, spans, strict=True):
        words = re.search(r"[^\s\"](?:.*[^\s\"])?", body[a:b])
        if words:
            cells.append((name, offset + a + words.start(), offset + a + words.end(), typed))
    return cells


def _split_cells(line: str, sep: str) -> list[tuple[int, int]]:
    """Return the (start, end) of each cell of ``line``, split at ``sep`` outside double quotes."""
    spans, start, quoted = [], 0, False
    for i, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == sep and not quoted:
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(line)))
    return spans


_LAST_LINE = re.compile(rf"(?:^|\n)[ \t]*(?:[-–—~][ \t]*)?({_NAME}(?:[ \t]+{_NAME}){{1,2}})[ \t]*\s*\Z")


# A dash, then an initial or a first name, and perhaps where they live, ending the comment: "— Ash",
# "- C.", "— M, Deal".
_DASHED_SIGN_OFF = re.compile(
    rf"(?:^|\n|[.!?])[ \t]*[-–—~]+[ \t]*([A-Z]\.(?:[ \t]?[A-Z]\.)+|[A-Z]\b\.?|{_NAME})"
    rf"(?:[ \t]*,[ \t]*{_NAME}(?:[ \t]+{_NAME})?)?[ \t.!]*\Z"
)


_OPTIONS = re.compile(r"(?i:\b(?:options?|choices?|prefer|preferred|proposals?|plan[ \t]+[A-D])\b)")


def _signed_last_line(text: str) -> list[tuple[int, int]]:
    """Return the name a comment ends on, alone on its last line ("Thanks for reading. / Jago Hosking").

    Two or three capitalised words, each a first name or a word no dictionary has, none a town's
    (not "Kind Regards", "Save Penryn Hub", "Trelawny Road"): NER and the name lists miss a Cornish,
    Welsh or family name as often as not, but a line of its own at the end is a signature.
    """
    offset = len(text) - len(text[-80:])
    dashed = _DASHED_SIGN_OFF.search(text[-80:])
    initials = dashed is not None and not dashed[1].rstrip(".").isalpha()  # "J.B."
    # (a lone capital is an option's letter where the comment speaks of options: "Which option?\n- B")
    letter = dashed is not None and len(dashed[1].rstrip(".")) == 1 and not _OPTIONS.search(text)
    if dashed and (initials or letter or is_name_word(dashed[1])):
        return [(offset + dashed.start(1), offset + dashed.start(1) + len(dashed[1].rstrip(".")))]
    m = _LAST_LINE.search(text[-80:])
    if m is None:
        return []
    words = m[1].split()
    lowered = [w.lower() for w in words]
    if any(w in _NOT_NAMES or not (is_first_name(w) or is_unknown_word(w)) for w in lowered):
        return []
    if any(named_for_town([w]) for w in words) or town_length(m[1], 0) > 0:
        return []
    return [(offset + m.start(1), offset + m.start(1) + len(m[1]))]


def _reads_as_name(
    text: str, start: int, end: int, tags: dict[int, str] | None, ner: list[tuple[int, int]] | None
) -> bool:
    """Return whether a capitalised word where a name could stand is one.

    Not a verb ("my daughter Loves it") or an adjective ("I am Disabled") by spaCy's tags, nor the
    first word of a service's name ("call Social Services") unless it is a census first name or NER
    found a person there.
    """
    if _NAMED.search(text[max(0, start - 100) : start]):
        return True  # "her first name is Precious": whatever word follows is the name
    if _ONLY_A_PERSON_AFTER.match(text, end) and is_name_word(text[start:end]):
        return True  # "Rob can you send this", "Summer (mum to Rowan)": no verb stands there
    if tags and tags.get(start) in _NOT_NAME_TAGS:
        return False
    word = text[start:end].lower().split("-")[0]
    if is_first_name(word) or any(s <= start < e for s, e in ner or []):
        return True
    if _INTRODUCES.search(text[max(0, start - 100) : start]):
        return True  # "my name is Gareth Okafor": a surname may follow
    follower = re.match(rf"\s+({_NAME})", text[end:])
    # "Contact: Hope Ashworth": a name that is also a word, with a surname no dictionary has
    return follower is None or is_first_name(follower[1]) or _a_surname_after_a_word_name(word, follower[1])


def _a_surname_after_a_word_name(word: str, follower: str) -> bool:
    """Whether ``follower`` reads as the surname of ``word``, a first name that is also a word.

    "Hope Ashworth", "Faith Okonkwo": a surname in no English dictionary and no town's name after
    it (not "Grace Church", "Hope Cove", "Summer Lane": words after it), nor a season's name before a
    scheme's ("Summer Playscheme", "Autumn Fayre"), nor an organisation's or service's name after it
    ("Hope Foodbank", "Amber Makaton").
    """
    lower = follower.lower()
    return (
        is_ambiguous_name(word)
        and word.lower() not in _SEASONS
        and is_unknown_word(lower)
        and lower not in _NOT_NAMES
        and not named_for_town([follower])
        and not organisation_spans(follower)
        and not _SERVICE_WORD.search(lower)
    )


_SEASONS = _words("spring summer autumn winter")
_SERVICE_WORD = re.compile(r"(?:bank|scheme|fayre|fair|start|time|club|tots|fest)$")


_ONLY_A_PERSON_AFTER = re.compile(_PERSON_AFTER)


_GREETINGS = _words(
    "hi hello hey hiya dear morning evening afternoon thanks cheers regards love from to mr mrs ms miss "
    "mx dr prof rev cllr councillor sir madam nurse sister auntie uncle"
)


_CLOSINGS = _words("yours sincerely faithfully truly best wishes kind kindest warm warmest many")
# Words before a comma or "and" that are no name paired with the one after ("Yours, J. Smith").
_NOT_PAIRED = _NOT_NAMES | _GREETINGS | _CLOSINGS


# "Saturday-born", "May-time": a day or month with a lower-case word after it (not "May-Lily").
_DAY_MADE = re.compile(rf"(?i:{'|'.join(sorted(_DAYS_AND_MONTHS))})-(?-i:[a-z]+)")


_COLON = re.compile(r"[ \t]*:")
_LONGEST_NAME = 4
"""The most words a name found grows to over the capitalised words after it."""


def _extend(text: str, found: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Grow each name over a following capitalised word (a surname) and over "X and Y" pairs."""
    seen = set(found)
    queue = list(found)
    while queue:
        start, end = queue.pop()
        yield start, end
        # a surname is on the name's line, and is no form's next label across a gap ("Abena Osei
        # Tel: ..."; "Marta Zielińska: same here" is a chat's sender)
        after = re.match(rf"[ \t]+({_NAME})\b", text[end:])
        if after and after.start(1) >= 2 and _COLON.match(text, end + after.end()):
            after = None
        if after and "\t" in after[0] and looks_like_place(text, end + after.start(1), end + after.end(1)):
            after = None  # "Jo Fincham<tab>Gaywood": a table's next cell, a place
        if after and PLACE_AFTER_A_NAME.fullmatch(after[0].rstrip()):
            after = None  # "Belle Isle", "Lee Bay": a place's last word, no surname
        if after and a_signers_town(text, start, end, end + after.start(1)):
            after = None  # "Liam Batty Middleton", "G. BARRACLOUGH ROTHWELL": where the signer lives
        if after and re.fullmatch(_TITLES, after[1]):
            after = None  # "Ann Moss Cllr ...": a title starts the next name
        if after and town_length(text, end + after.start(1)) > len(after[1]):
            after = None  # "TONI AND JAY NORTH WALSHAM": a town of more words, no surname
        if after and len(text[start : end + after.end()].split()) > _LONGEST_NAME:
            after = None  # a run of capitalised words is no name past four ("Hope Ashworth Faith ...")
        if after and after[1].lower() not in _NOT_NAMES and (start, end + after.end()) not in seen:
            seen.add((start, end + after.end()))
            queue.append((start, end + after.end()))
        pair = re.match(rf"(?:\s*(?:,|\band\b|&)|\s+n)\s*(?:and\s+)?({_NAME})\b", text[end:])
        if pair and re.match(rf"[ \t]+{_TITLES}(?!\w)", text[end + pair.end() :]):
            pair = None  # "Ann Moss, District Cllr Joe Lister": an office's first word
        if pair and _where_a_signer_lives(text, start, end):
            pair = None  # "Ray Fitton, Higher Blackley": where a signer lives, not a second name
        if pair and pair[1].lower() not in _NOT_NAMES and not _DAY_MADE.fullmatch(pair[1]):
            span = (end + pair.start(1), end + pair.end(1))
            if span not in seen and not looks_like_place(text, *span):
                seen.add(span)
                queue.append(span)
        given = re.search(rf"(?<![\w.])({_NAME})\s+$", text[max(0, start - 40) : start])
        if given:
            span = (start - len(given[0]), start - len(given[0]) + len(given[1]))
            word = given[1].lower()
            # "Sandeep Kaur Dhillon here": given names before a surname, when they are names or no
            # English word ("Kaur", "Bahadur"), not a greeting, title or place.
            if (
                (is_first_name(word) or is_unknown_word(word))
                and word not in _NOT_NAMES | _GREETINGS
                and not re.search(r"(?i:\bthe\s+)$", text[max(0, span[0] - 8) : span[0]])
                and (span[0], end) not in seen
                and not looks_like_place(text, *span)
            ):
                seen.add((span[0], end))
                queue.append((span[0], end))
        offset = max(0, start - 100)  # a window, not the whole text before: linear in long comments
        before = re.search(rf"\b({_NAME})(?:\s*(?:,|\band\b|&)|\s+n)\s*$", text[offset:start])
        # "Saturday-born and Akosua": a day or month (and what it makes) is no name paired with one
        # "James Paget Hospital and Mrs Okafor": a building's last word is no name paired with one
        # "Halton Moor, Belle": a place's last word is no name paired with one
        paired = (
            before is not None
            and before[1].lower() not in _NOT_PAIRED | _NO_ONES_BUILDING
            and not PLACE_AFTER_A_NAME.match(" " + before[1])
        )
        if before and paired and not _DAY_MADE.fullmatch(before[1]):
            span = (offset + before.start(1), offset + before.end(1))
            if span not in seen and not looks_like_place(text, *span):
                seen.add(span)
                queue.append(span)


# A comma, then a place of one word, or of two with a place's first word, ending the line
_SIGNERS_PLACE = re.compile(
    rf"[ \t]*,[ \t]*((?:(?:Higher|Lower|Upper|Great|Little|North|South|East|West|Old|New|Nether|High|Low|Far)"
    rf"[ \t]+)?{_NAME})[ \t]*[.!]?[ \t]*(?:\n|\Z)"
)
# The endings of English places' names, for a signer's place no gazetteer holds ("Threemilestone",
# "Lillyhall", "Stobhill", "Shawclough")
_PLACE_ENDING = re.compile(
    rf"(?:{TOWN_ENDINGS}|stone|hall|moor|hill|clough|wood|combe|den|gate|green|head|hurst|land|mere|shaw|"
    rf"side|thwaite|wyke|croft|dene|holt|ridge|stow|cott|cote|fold|bank|brook)$",
    re.IGNORECASE,
)


def _where_a_signer_lives(text: str, start: int, end: int) -> bool:
    """Whether a place follows a comma after a first name and surname at ``text[start:end]``.

    "Mel Pascoe, Threemilestone", "Ray Fitton, Higher Blackley": ending the line, one word with a
    place's ending ("-stone", "-hall", "-moor") or two with a place's first word ("Higher", "Low"),
    neither a first name (not "Dan Hughes, Harper Wood", "Claire Hunt, Myla-Rose"), and no list of
    names before ("Owen Lockwood, Sameera Chaudhry"). Neither GeoNames nor a library knows every
    estate and hamlet a signature gives.
    """
    m = _SIGNERS_PLACE.match(text, end)
    if m is None or re.search(r"[,;][ \t]*\Z", text[max(0, start - 4) : start]):
        return False
    words = m[1].split()
    if "-" in m[1] or is_name_word(words[-1]) or (len(words) == 1 and not _PLACE_ENDING.search(words[0])):
        return False
    return (
        " " in text[start:end] or re.search(rf"{_NAME}[ \t]+$", text[max(0, start - 30) : start]) is not None
    )


def a_signers_place(text: str, start: int) -> bool:
    """Whether ``text[start:]`` is where a signer lives, after "First Surname, " (NER takes it for a name)."""
    name = re.search(rf"{_NAME}[ \t]+({_NAME})[ \t]*,[ \t]*\Z", text[max(0, start - 60) : start])
    if name is None:
        return False
    offset = max(0, start - 60)
    return _where_a_signer_lives(text, offset + name.start(), offset + name.end(1))


def a_signers_town(text: str, start: int, end: int, town: int) -> bool:
    """Whether a town's name at ``town`` ends the line after a name of two words at ``text[start:end]``.

    A signature gives the town after the name, with or without a comma; a third word that is a town
    is no surname there. A name of one word may have its surname be a town's ("Sam Preston").
    """
    if len(text[start:end].split()) < 2:
        return False
    length = town_length(text, town)
    return length > 0 and re.match(r"[ \t]*[.!]?[ \t]*(?:\n|\Z)", text[town + length :]) is not None


def all_recognisers() -> list[EntityRecognizer]:
    """Return one of each UK recogniser."""
    from hubplan.consult.identifiers import (
        DateRecogniser,
        NiNumberRecogniser,
        RegistrationRecogniser,
        SocialRecogniser,
        VehicleRecogniser,
        WorkplaceRecogniser,
    )
    from hubplan.consult.unread_script import UnreadScriptRecogniser

    return [
        NiNumberRecogniser(),
        VehicleRecogniser(),
        SocialRecogniser(),
        DateRecogniser(),
        WorkplaceRecogniser(),
        RegistrationRecogniser(),
        PhoneRecogniser(),
        NhsRecogniser(),
        PostcodeRecogniser(),
        DateOfBirthRecogniser(),
        EmailRecogniser(),
        AddressRecogniser(),
        SchoolRecogniser(),
        NameRecogniser(),
        UnreadScriptRecogniser(),
    ]
