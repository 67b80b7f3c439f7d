"""Names found by what is written around them: after the name, at the end, or beside another name.

The clues before a name ("my son", "ask for", "I'm") live in ``recognisers``; these are the rest, in
the general forms residents write them, not the phrasing of one test set:

- what follows a name: "Grace from the breastfeeding group", "Precious who works there", "shaz on
  reception", "JP from the dads group" (a name, a name that is also a word, two or three capitals);
- "my Ruby loves it": a first name straight after "my" or "our";
- a capitalised name that signs a comment off after its last sentence ("... genuine. Ruth");
- a lower-case name after a family or affectionate title ("auntie shirl", "lil jay", "ate lorna");
- a lower-case name paired before another ("tj and lil jay"), initials paired with a name ("TJ and
  kian"), in brackets after one ("Jhon-Paul (JP)") or before a family word ("tjs dad");
- a family by its surname after a word about families ("families like the Nowaks").

Idioms that hold a name ("Bob's your uncle", "Mark my words", "jack of all trades") are never names,
and nor is a national figure named in office ("our MP, Liz Truss", "Mayor Andy Burnham"): what
they said and did in office is public. A local councillor is named in a response as a neighbour is
("Cllr Ann Moss (Chair)", "seconded by Cllr Watts"), so the name goes and the title stays
("Cllr [name]"): every independent labelled set that names one labels the name personal data.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator

from text_unidecode import unidecode

from hubplan.consult.name_lists import (
    _AMBIGUOUS,
    _NOT_NAMES,
    TITLES_OF,
    _words,
    figure_word,
    first_names,
    is_english_word,
    is_first_name,
    is_text_speak,
    is_unknown_word,
    not_a_name,
    public_figures,
)
from hubplan.consult.place_names import town_names

_UP = "A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŒŘŚŞŠŢŤŮŰŹŻŽȘȚ"
_LOW = "a-zß-öø-ÿā-žșț"
_NAME = rf"(?:Ma?c[{_UP}][{_LOW}]+|[{_UP}][{_LOW}]+)(?:-[{_UP}]?[{_LOW}]+)*"
_LOWER = rf"[a-z][{_LOW}]+(?:-[a-z][{_LOW}]+)?"
# Acronyms that stand where initials could: never a person.
_ACRONYMS = _words(
    """GP TA HV SW NHS DWP CAB SEN EHC UK EU UN PTA PIP DLA ESA JSA UC TV PC IT HR ID OK NCC CC
    NCT HMRC ADHD ASD SEND SENCO DBS URN MP CEO A11 A47"""
)
# What follows a person in a comment: where they are from, what they do there. The spaces before it are
# taken whole (possessive), so a run of 20,000 tabs after a word is read once, not split every way.
_AFTER = (
    r"(?=(?:\s*+,)?\s++(?:from|at|in)\s+(?:the\s+|our\s+)?(?:[\w'-]+\s+){0,3}?(?:group|centre|center|hub|team|"
    r"clinic|playgroup|session|sessions|class|classes|reception|nursery|creche|crèche|office|library|church|"
    r"chapel|mosque|gurdwara|temple|synagogue)\b"
    r"|(?:\s*+,)?\s++who\s+(?:works|worked|runs|ran|run|helps|helped|leads|led|does|did|is|was|used\s+to)\b"
    r"|(?:\s*+,)?\s++(?:on|at)\s+(?:the\s+)?(?:reception|front\s+desk|desk)\b"
    r"|\s+\(@)"
)
_CAP_AFTER = re.compile(rf"(?<![\w'’-])({_NAME}|[A-Z]{{2,3}})" + _AFTER)
_LOWER_AFTER = re.compile(rf"(?<![\w'’@.-])({_LOWER})" + _AFTER)
_MY_NAME = re.compile(rf"\b(?:my|our)\s+(?:little\s+|lil\s+)?({_NAME})(?![{_LOW}])(?!\s+[{_UP}])")
_OF_A_PLACE = re.compile(rf"\s+of\s+(?:the\s+)?[{_UP}]")
# Titles of family and affection before a first name, in any case ("auntie shirl", "ate lorna").
_FAMILY_TITLE = re.compile(
    r"(?i:\b(?:auntie|aunty|aunt|uncle|nanny|nana|nanna|nan|grandma|grandad|granny|gran|ate|kuya|tita|"
    r"tito|lil|little|baby|big|cousin|bibi|dadi|nani|chacha|khala|baba|mama|babcia|dziadek|bunica))"
    rf"\s+({_LOWER})\b"
)
_CLOSERS = _words(
    """thanks thank thankyou cheers regards ta thx diolch dziękuję dziekuje obrigado obrigada
    mulțumesc multumesc ačiū paldies merci gracias danke shukran"""
)
# The last words of a comment, after its last sentence ends: a sign-off.
_SIGN_OFF = re.compile(rf"(?:^|[.!?\n]\s*)({_NAME}(?:\s+{_NAME})?)(?=\s*+(?:x+|xo+)?[\s!.]*+$)")
# Initials paired with a name ("TJ and kian", "Mo & JP"), in brackets after one ("Jhon-Paul (JP)"),
# or before a family word ("tjs dad", "Amira's mum").
_INITIALS_PAIR = re.compile(
    rf"(?<![\w'’-])(?:([A-Z]{{2,3}})\s+(?:and|&)\s+({_NAME}|{_LOWER})|({_NAME}|{_LOWER})\s+(?:and|&)\s+([A-Z]{{2,3}}))"
    r"(?![\w'’-])"
)
_BRACKETED = re.compile(rf"\s*\(([A-Z]{{2,3}}|[A-Z][a-z]{{1,12}}|{_NAME}(?:[ \t]+{_NAME}){{1,2}})\)")
_POSSESSIVE_KIN = re.compile(
    rf"(?<![\w'’-])([A-Z]{{2,3}}|{_NAME}|[a-z]{{2,}}?)['’]?s\s+(?:mum|mam|mummy|dad|daddy|nan|nanny|nana|"
    r"grandma|grandad|brother|sister|auntie|aunty|uncle|cousin|baby|son|daughter|key\s*worker)\b"
)
# Kin named after "of", as notices and prayer lists write them: "daughter of Faith and Emeka Amadi",
# "beloved husband of Pat", "the safe arrival of Joy" (names that are also words included).
_KIN_OF = re.compile(
    rf"(?i:\b(?:husband|wife|widow|widower|partner|son|daughter|mother|father|mum|dad|mummy|daddy|sister|"
    rf"brother|grandson|granddaughter|grandad|grandma|nan|niece|nephew|arrival)\s+of\s+(?:baby\s+)?)"
    rf"({_NAME}(?:[ \t]+{_NAME})?)(?:[ \t]+(?:and|&)[ \t]+({_NAME}(?:[ \t]+{_NAME})?))?"
)
# "the Nowaks", "the Ahmadis": a family by its surname, after a word about families.
_FAMILY_NAME = re.compile(rf"\bthe\s+([{_UP}][{_LOW}]+(?:s|es))\b")
_FAMILY_CUE = re.compile(r"(?i:\bfamil(?:y|ies)\b[^.!?]{0,40}$)")
_PAIR_BEFORE = re.compile(rf"(?<![\w'’-])({_LOWER})\s+(?:and|n|&)\s+(?:lil\s+|little\s+)?$")
_IDIOMS = re.compile(
    r"(?i:\bbob'?s\s+your\s+uncle|\bnelson['’]?s\s+county|\bgypsy,?\s+roma\b|\broma\s+(?:and|&|families|family|"
    r"communit(?:y|ies)|people|children|travellers?|from)\b|\b(?:are|is|as|being)\s+roma\b|"
    r"\bmark\s+my\s+words?|\bjack\s+of\s+all\s+trades|\bfor\s+pete'?s\s+sake|"
    r"\btom,?\s+dick\s+(?:and|&)\s+harry|\bsmart\s+alec|\bdoubting\s+thomas|\bpeeping\s+tom|\bjack\s+the\s+lad|"
    r"\bnosey\s+parker|\bnosy\s+parker|\bbilly\s+no\s+mates|\bkeeping\s+up\s+with\s+the\s+joneses|"
    r"\bjohnny[\s-]come[\s-]lately|\bgrace\s+period|\bsaving\s+grace|\bhope\s+for\s+the\s+best|"
    r"\bbless\s+you|\bbill\s+(?:to|for)\b|\brob\s+peter\s+to\s+pay\s+paul|\bpeter\s+out|\bjack\s+up|"
    r"\bjack\s+in\s+the\s+box|\bbrown\s+bread|\bruby\s+tuesday'?s?|\bhobson['’]?s\s+choice|"
    # nursery rhymes sung at the groups
    r"\b(?:sang|sing|sings|singing|doing|did|rhymes?)\s+jack\s+and\s+jill|\bjack\s+and\s+jill\s+went|\bhumpty\s+dumpty|\blittle\s+bo[\s-]peep|\bold\s+macdonald|\bwee\s+willie\s+winkie|"
    r"\bgeorgie\s+porgie|\blittle\s+miss\s+muffet|\bold\s+mother\s+hubbard|\bpolly\s+put\s+the\s+kettle|"
    r"\bmiss\s+polly\s+had\s+a\s+dolly|\bmary\s+had\s+a\s+little\s+lamb|\bmary,?\s+mary,?\s+quite\s+contrary|"
    r"\blittle\s+jack\s+horner|\bjohnny\s+johnny)"
)

# Where only a person can stand, whatever the words: the name an e-mail client sets before an
# address ("On Mon, 2 Sept, Priti Rathod <priti.r@example.com> wrote:"), a maiden name ("née
# Nwosu"), the staff initials a call log sets after its time ("12/02 10:41 KMB - Cust states") or
# after a councillor's title ("-Cllr JW").
_DISPLAY_NAME = re.compile(
    rf"((?:{_NAME}|[A-Z]\.?)(?:[ \t]+(?:{_NAME}|[A-Z]\.?)){{0,3}})[ \t]*<[\w.+-]+@[\w-]+\.[\w.]+>"
)
_NEE = re.compile(rf"(?i:\bn[ée]e)[ \t]+({_NAME})")
_LOGGED_BY = re.compile(
    r"(?m)^[ \t]*\d{1,2}/\d{1,2}(?:/\d{2,4})?,?[ \t]+\d{1,2}[:.]\d\d[ \t]+"
    r"([A-Z]{2,4}|[A-Z]Mc[A-Z])[ \t]*[-–:]"
    r"|\b(?:Cllr|Councillor)\.?[ \t]+([A-Z]{2,3})\b(?![.-])"
)
# "We are Hemant and Nayna Patel": a couple introducing themselves by first names.
_WE_ARE = re.compile(
    rf"(?i:\b(?:we\s+are|we're|we’re))[ \t]+({_NAME})[ \t]+(?:and|&)[ \t]+({_NAME})(?:[ \t]+({_NAME}))?"
)
# "Mariama Kamara 07700 900 983": a name signing a comment off just before a phone number.
_BEFORE_PHONE = re.compile(
    rf"(?:^|(?<=[.!?\n])[ \t]*)((?:{_NAME})(?:[ \t]+{_NAME}){{0,2}})[ \t]*(?:[,:-][ \t]*)?"
    r"(?=(?:\+44|0)[ \d]{9,13}\d\b)",
    re.MULTILINE,
)
# "The Nowak family", "the Rosenthal family": a family by its surname.
_SURNAME_FAMILY = re.compile(rf"\b[Tt]he\s+({_NAME})\s+famil(?:y|ies)\b")
# "our three (Wren 9, Hazel 6 and Bramble 2)": children listed with their ages.
_AGED_ITEM = rf"({_NAME})[ \t]+\d{{1,2}}"
_AGED_LIST = re.compile(rf"{_AGED_ITEM}(?:[ \t]*(?:,|and|&)[ \t]*{_AGED_ITEM})+")
_AGED_ITEM_RE = re.compile(_AGED_ITEM)
_CHILDREN_BEFORE = re.compile(
    r"(?i:\(\s*$|\b(?:kids|children|boys|girls|twins|grandchildren|grandkids|our\s+(?:two|three|four|five|six)|"
    r"ages?|aged)\b[^.!?\n]*$)"
)
_COUNTED = _words(
    """year years week weeks route routes bus buses page pages room rooms ward wards flat flats platform
    class classes stage stages level levels step steps chapter line lines gate gates junction pitch plot
    mooring unit units house block number no phase day days term table question section item option zone
    area band grade part group team session key nr ip pe ex mk tier window size age aged under over top
    valentine christmas easter monday tuesday wednesday thursday friday saturday sunday january february
    march april may june july august september october november december"""
)

_AREA = r"[A-Z][\w'’-]*(?:[ \t]+(?:and[ \t]+|&[ \t]+)?[A-Z][\w'’-]*){0,3}"
"""An area an MP or mayor serves: "Birmingham Yardley", "the West Midlands" (less "the")."""
_PUBLIC_OFFICE = re.compile(
    # "our MP, Mr Sanjay Varma", "the City Mayor, Martin Keeling"
    # ("the Mayor of the West Midlands, Richard Parker", "MP for Birmingham Yardley, Jess Phillips")
    rf"\b(?:(?i:the\s+|our\s+|local\s+)?MP(?:\s+for\s+{_AREA},)?,?|Mayor(?:\s+of\s+(?:the\s+)?{_AREA},)?,?)\s+"
    r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame)\.?\s+)?"
    rf"{_NAME}(?:\s+{_NAME})?"
    # "the office of Jerome Mayhew MP", not "Karen Pritchard\nMP Caseworker" nor "Dawn Lacey MP's caseworker"
    rf"|\b(?!(?:Our|The|My|Local)\b){_NAME}(?:[ \t]+{_NAME})?[ \t]+\(?MP\b\)?(?!['’]s)"
    r"(?![ \t]+(?i:caseworker|office|staff|researcher))"
)


# Public figures families name as such, by full name or title only ("Delia" alone may be a mum):
# ``public_figures.txt`` (ours). Every word written with a capital, or the whole name in capitals:
# "Theresa may come too" is someone else. Words one space or tab apart, on one line.
_SMALL_WORDS = _words("of the and du de")
"""Words a figure's name keeps in lower case: "Julian of Norwich", "Daphne du Maurier"."""
_FIGURE_WORD = re.compile(r"[^\W\d_](?:[\w'’.-]*[\w.])?")
_LONGEST_FIGURE = 4
"""The most words a figure's name has on the list ("Isambard Kingdom Brunel", "j r r tolkien")."""


def _written_as_a_name(words: list[str]) -> bool:
    """Whether ``words`` are written as a name is: each with a capital, or all in capitals."""
    if all(w.isupper() for w in words if w[0].isalpha()):
        return True
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words) and words[0][0].isupper()


def _public_figure_spans(text: str) -> Iterator[tuple[int, int]]:
    """Yield the spans of the public figures of ``public_figures.txt`` named in ``text``.

    The longest name wins at each word ("Jessica Ennis-Hill" before "Jessica Ennis"); a possessive
    stays inside the span ("Dolly Parton's Imagination Library").
    """
    figures = public_figures()
    for line in re.finditer(r"[^\n]+", text):
        words = list(_FIGURE_WORD.finditer(line[0]))
        i = 0
        while i < len(words):
            for n in range(min(_LONGEST_FIGURE, len(words) - i), 0, -1):
                run = words[i : i + n]
                gaps = (line[0][a.end() : b.start()] for a, b in itertools.pairwise(run))
                if not all(g and g.strip(" \t") == "" for g in gaps):
                    continue
                key = tuple(figure_word(m[0]) for m in run)
                if key in figures and _written_as_a_name([m[0] for m in run]):
                    yield line.start() + run[0].start(), line.start() + run[-1].end()
                    i += n - 1
                    break
            i += 1


# Norfolk's one figure its people name by first name alone: Delia Smith ("Like Delia said, let's be
# havin' yer", "Nelson's county and Delia's county"; four independent writers so far). Not a Delia the
# writer knows or meets: "my friend Delia", "Delia at the hub", "Delia from the council".
_KNOWN_BY_FIRST_NAME = re.compile(
    r"\bDelia\b(?!['’]s[ \t]+(?:mum|dad|son|daughter|baby|kids?|group)\b)"
    r"(?![ \t]+(?:at|from|who|runs|ran|helped|is[ \t]+(?:our|my|the|a)|was[ \t]+(?:our|my|the|a))\b)"
)
# ("my son Harry", "My son, Harry", "our key worker, Chloe", "my son's key worker Jo")
_KNOWN_TO_THE_WRITER = re.compile(r"(?i:\b(?:my|our|his|her|their|your)[ \t]+(?:[a-z'’-]+,?[ \t]+){0,4})\Z")
# Who they are to the writer, just after the name: "Lily Allen, our health visitor", "(my neighbour)".
_KNOWN_AFTER = re.compile(r"[ \t]*[,(][ \t]*(?i:our|my|the|a|an|who)\b")

_CAPS_LINE_LETTERS = 8
"""The fewest letters a line needs before it is read as written in capitals."""

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_TITLE_WORDS = _words("mr mrs ms miss mx dr prof rev revd cllr")


def recase_capitals(text: str) -> str:
    """Return ``text`` with each line written in capitals rewritten as a person would write it.

    A comment (or a signature) typed with Caps Lock on gives every word a capital, so nothing tells a
    name from a word. Such a line (at least :data:`_CAPS_LINE_LETTERS` letters, four in five of them
    capitals) is put in lower case but for: the first word of a sentence, "I", a first name of the
    lists ("LEANNE", "GRACIE"; "GRACE" and "MAY", which the lists leave out, stay words), a town, an
    initial, a title and the words after it ("MRS M. FEATHERSTONE"). Every other line is left as it is, and
    the result has the same length, so spans found in it are spans of ``text``.

    Parameters
    ----------
    text
        A comment.

    Returns
    -------
    str
        The recased text (``text`` itself when no line is in capitals).

    Examples
    --------
    >>> recase_capitals("MY DAUGHTER LEANNE USES THE CENTRE. THANK YOU, MRS M. FEATHERSTONE")
    'My daughter Leanne uses the centre. Thank you, Mrs M. Featherstone'
    """
    recased = "".join(_sentence_case(line) if _in_capitals(line) else line for line in text.splitlines(True))
    return recased if len(recased) == len(text) else text


def capitals_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans of the lines of ``text`` that :func:`recase_capitals` rewrites."""
    spans, start = [], 0
    for line in text.splitlines(keepends=True):
        if _in_capitals(line):
            spans.append((start, start + len(line)))
        start += len(line)
    return spans


def _in_capitals(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= _CAPS_LINE_LETTERS and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _sentence_case(line: str) -> str:
    """Lower-case a line of capitals, keeping the capitals a writer would have used."""
    chars = list(line)
    after_title = False
    after_name = 0
    words = list(_WORD.finditer(line))
    towns = _town_words([w[0].lower() for w in words])
    for i, m in enumerate(words):
        word = m[0]
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in word)
        before = line[: m.start()].rstrip()
        starts = not before or before[-1] in ".!?:\n"
        initial = len(word) == 1 and line[m.end() : m.end() + 1] == "."
        bare = re.sub(r"['’]s$", "", low)  # "KEITH'S EYES": the name is Keith
        name = is_first_name(bare) and bare not in _NOT_NAMES  # the lists leave out Grace, May, Will
        town = i in towns  # "KEEP THETFORD AND BRANDON OPEN", "NORTH WALSHAM": a town's capitals stay
        keep = starts or low == "i" or initial or after_title or name or town or low in _TITLE_WORDS
        # "DORIS PEGG": the word straight after a first name is its surname, if it is no word.
        surname = after_name > 0 and line[after_name : m.start()].strip() == "" and is_unknown_word(low)
        keep = keep or surname
        chars[m.start() : m.end()] = "-".join(p[:1].upper() + p[1:] for p in low.split("-")) if keep else low
        after_title = low in _TITLE_WORDS or (after_title and initial)
        after_name = m.end() if name else 0
    return "".join(chars)


def _town_words(words: list[str]) -> set[int]:
    """Return the indices of the lower-case ``words`` that make up a town's name ("north", "walsham")."""
    towns: set[int] = set()
    i = 0
    while i < len(words):
        size = next((k for k in (3, 2, 1) if " ".join(words[i : i + k]) in town_names()), 0)
        towns.update(range(i, i + size))
        i += size or 1
    return towns


def _lower_name(word: str, names: frozenset[str]) -> bool:
    """Whether a lower-case word in a name slot reads as a name (on a list, or no English word)."""
    if word in _NOT_NAMES or is_text_speak(word) or len(word) < 2:
        return False
    return word.split("-", maxsplit=1)[0] in names or is_unknown_word(word)


def _initials(word: str) -> bool:
    """Whether a short lower-case word has no vowel, so is initials ("tj", "jp"), not a word."""
    return len(word) <= 3 and word not in _NOT_NAMES and not re.search("[aeiouy]", word)


def is_name_word(word: str) -> bool:
    """Return whether a word is a first name, one that is also a word (Grace, Precious) included."""
    low = word.lower()
    return low not in _NOT_NAMES and (is_first_name(low) or low in _AMBIGUOUS)


# Where only a person can stand, a name that is also a word is still the name: a letter's greeting
# and what names the addressee ("Dear Mark,", "FAO Grace Hill", "c/o Ann Platt"), a nickname
# ("my mates call me Bex", "known as Shelby"), and initials that stand for a member of staff or a
# partner ("Taken by: RT", "my husband DJ").
_ADDRESSED = re.compile(
    rf"(?:\b(?:Dear|FAO|F\.A\.O\.?|Attn:?|Attention:?|c/o|C/O|per\s+pro|calls\s+me|call\s+me|known\s+as|"
    rf"goes\s+by)[ \t]+)((?:{_NAME})(?:[ \t]+{_NAME})?)(?=[ \t]*(?:[,.:;!\n()]|[-–][ \t]|$))"
)
_INITIALS_CUED = re.compile(
    r"(?i:\b(?:(?:my|our|his|her)\s+(?:husband|wife|partner|son|daughter|brother|sister|dad|mum|fella|hubby)|"
    r"(?:transcribed|taken|typed|noted|logged|prepared|recorded|written|minuted|completed|checked)\s+by:?)"
    r"[ \t]+)([A-Z]{2})\b(?![.-])"
)


def _name_like(word: str) -> bool:
    """Whether a capitalised word can be a first name: a listed name, one that is also a word, or no word."""
    low = word.lower()
    return is_first_name(low) or low in _AMBIGUOUS or is_unknown_word(low)


_NOT_ADDRESSEES = _words(
    """sir sirs madam madame all team colleague colleagues friend friends everyone councillor councillors
    member members parent parents resident residents customer officer officers family families hub hubs
    consultation council services service"""
)
OFFICE = re.compile(r"(?:(?:County|District|Parish|Town|City|Borough)\s+)?(?:Cllr|Councillor)\.?(?:\s+|$)")
"""A councillor's title before a name ("Cllr", "District Cllr", "Councillor"): it stays, the name goes."""
CLOSING = re.compile(
    r"(?im)^[ \t]*(?:kind(?:est)?\s+regards|best\s+(?:wishes|regards)|yours\s+(?:faithfully|sincerely|truly)|"
    r"many\s+thanks|warm(?:est)?\s+regards|regards|with\s+thanks|thanks|cheers|love),?[ \t]*\r?$"
)
"""A letter's or e-mail's closing line ("Kind regards,"): the next line is who signs it."""
_SIGNER = re.compile(
    r"\r?\n[ \t]*((?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Cllr|Rev)\.?[ \t]+)?(?:[A-Z]\.?[ \t]+)?"
    rf"{_NAME}(?:[ \t]+{_NAME}){{0,2}})"
    r"[ \t]*(?:\((?:Mrs|Mr|Ms|Miss)\))?[ \t]*(?=\r?\n|$)"
)
_NOT_SIGNERS = _words("the a an our my team council services service office department committee group")


def _signers(text: str) -> Iterator[tuple[int, int]]:
    r"""Yield the name on the line after a closing ("Best wishes,\nGrace"), without a councillor's title."""
    for closing in CLOSING.finditer(text):
        m = _SIGNER.match(text, closing.end())
        if m is None:
            continue
        words = m[1].split()
        if any(w.lower().strip(".") in _NOT_SIGNERS for w in words):
            continue
        given = [w for w in words if w.lower().rstrip(".") not in _TITLE_WORDS and len(w.rstrip(".")) > 1]
        initial = any(re.fullmatch(r"[A-Z]\.?", w) for w in words)
        if not initial and (not given or not _name_like(given[0])):
            continue  # "Best wishes,\nNo Name Given", "Many thanks,\nPlease Reply"
        office = OFFICE.match(m[1])
        yield m.start(1) + (office.end() if office else 0), m.end(1)


_EMAIL = re.compile(r"([\w.+-]+)@[\w-]+\.[\w.]+")


def _emails(text: str) -> Iterator[re.Match[str]]:
    """Yield each e-mail address as a match whose group 1 is its local part, found from its "@".

    Looking from each "@" keeps this linear: a pattern tried at every position of a long word with
    no "@" in it (pasted base64, a long link) is not.
    """
    at = text.find("@")
    while at >= 0:
        local = re.search(r"[\w.+-]{1,64}$", text[max(0, at - 64) : at])
        if local and re.match(r"[\w-]+\.[\w.]+", text[at + 1 : at + 256]):
            start = at - len(local[0])
            found = _EMAIL.match(text, start)
            if found:
                yield found
        at = text.find("@", at + 1)


def _in_email(text: str) -> Iterator[tuple[int, int]]:
    r"""Yield a capitalised name on the lines before an e-mail address whose local part holds it.

    "Bilal Qureshi\nbilal.qureshi77@example.com", "Tom Reeve <tom.reeve@...>": people's addresses carry
    their names, so the name beside one is a person's, even one that is also a word.
    """
    from hubplan.consult.place_names import town_starts_at

    for email in _emails(text):
        local = re.sub(r"[^a-z]", " ", email[1].lower())
        pieces = [p for p in local.split() if len(p) >= 3]
        # The line above the address, or the 40 characters before it on its own line.
        above = text.rfind("\n", 0, max(0, text.rfind("\n", 0, email.start())))
        window = max(above + 1, email.start() - 40) if above >= 0 else max(0, email.start() - 40)
        for m in re.finditer(rf"{_NAME}(?:[ \t]+{_NAME})?", text[window : email.start()]):
            start = window + m.start()
            words = m[0].split()
            if words[0].lower().rstrip(".") in _TITLE_WORDS:
                continue  # "Cllr Maureen ...": the title's name is found with it
            if all(w.lower() in _NOT_NAMES for w in words):
                continue  # "Practice Manager\npractice.manager@...": a role's mailbox
            held = any(w.lower() in p or (len(p) >= 4 and p in w.lower()) for w in words[-1:] for p in pieces)
            # Set beside the address, not in a sentence before it ("Sunny days ahead! sunny.p@...").
            beside = re.search(r"\b[a-z]{2,}", text[window + m.end() : email.start()]) is None
            if held and beside and not town_starts_at(text, start + len(m[0]) - len(words[-1])):
                yield start, window + m.end()


def addressed_names(text: str) -> Iterator[tuple[int, int]]:
    r"""Yield names where only a person can stand, even a name that is also a word or a place.

    A letter's greeting and what names its addressee ("Dear Mark,", "FAO Grace Hill"), a nickname
    ("my mates call me Bex"), initials for a member of staff or a partner ("Taken by: RT", "my
    husband DJ"), the name on the line after a closing ("Best wishes,\nGrace") and a name beside an
    e-mail address that holds it ("Bilal Qureshi\nbilal.qureshi@...").

    Parameters
    ----------
    text
        One comment, as written.

    Yields
    ------
    tuple of int
        Start and end character offsets of each name.
    """
    for m in _ADDRESSED.finditer(text):
        words = m[1].split()
        if not any(w.lower() in _NOT_ADDRESSEES for w in words) and _name_like(words[0]):
            yield m.start(1), m.end(1)
    for m in _INITIALS_CUED.finditer(text):
        if m[1] not in _ACRONYMS:
            yield m.start(1), m.end(1)
    yield from _signers(text)
    yield from _in_email(text)
    for m in _DISPLAY_NAME.finditer(text):
        if not any(w.lower().strip(".") in _NOT_SIGNERS | _NOT_ADDRESSEES for w in m[1].split()):
            office = OFFICE.match(m[1])  # "Cllr Maureen Tuddenham <...>": the title stays
            yield m.start(1) + (office.end() if office else 0), m.end(1)
    for m in [*_NEE.finditer(text), *_LOGGED_BY.finditer(text)]:
        group = 1 if m[1] else 2
        shouted = m.re is _LOGGED_BY and is_english_word(m[group].lower())  # "Cllr DID NOT", "SALT -"
        if m[group] not in _ACRONYMS and not shouted:
            yield m.start(group), m.end(group)


# A writer who names themself at a line's start or after a greeting ("Will here (Amber's dad)", "Kev
# here, dad of 3", "Hi, Will here, Will Harding", "hi its Rhodri here") or in a list's "me:" ("- me:
# Ruth, sole carer"): a first name, even one that is also a word.
_SELF_INTRODUCED = re.compile(
    r"(?m)(?:^[ \t]*|\b(?i:hi|hiya|hello|hey|morning|evening|afternoon)\b(?:[ \t]+(?i:all|everyone|there))?"
    r"[,!.]?[ \t]*)(?:(?i:it['’]?s)[ \t]+)?([A-Z][a-z]+(?:-[A-Z][a-z]+)?)[ \t]+here\b"
    r"(?=[ \t]*(?:[,.(!:]|[-–—]|$))"
    r"|(?i:\bme[ \t]*:[ \t]*)([A-Z][a-z]+)\b(?=[ \t]*[,.(]|[ \t]*$)"
)


_INITIALS_WITH_AN_AGE = re.compile(
    r"(?<![\w'’.&/-])([A-Z](?:-?[A-Z]){0,2})[ \t]*\((?:aged?[ \t]*)?\d{1,2}(?:[ \t]*(?:months?|mths?|m|yrs?|"
    r"years?|y|weeks?|wks?))?(?:[ \t]+old)?\)"
)
# A letter that names a thing: "Year R (4)", "Plan B (2)", "Site B (14)", a grade ("got a C (4)").
_A_THINGS_LETTER = re.compile(
    r"\b(?i:year|yr|class|room|group|plan|option|appendix|zone|level|grade|type|size|block|unit|ward|bay|"
    r"route|bus|service|phase|stage|section|part|table|figure|vitamin|hepatitis|hep|strep|site|plot|pitch|"
    r"house|flat|number|no|a|an|got|get|gets|an?[ \t]+grade)[ \t]*\Z"
)
# A forum's letters for the writer's family: "DS (4) and DD (18 months)" (dear son, dear daughter).
_FORUM_KIN = frozenset({"DS", "DD", "DH", "DP", "DW", "DC", "DSS", "DSD", "DGD", "DGS"})


def clued_names(text: str, found: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Yield the spans of names that the words around them give away.

    Parameters
    ----------
    text
        One comment, as written.
    found
        Name spans (character offsets) already found, for the "X and Y" pairs.

    Yields
    ------
    tuple of int
        Start and end character offsets of each name.
    """
    names = first_names()
    for m in _CAP_AFTER.finditer(text):
        word = m[1]
        if word.isupper():
            if word not in _ACRONYMS:
                yield m.start(1), m.end(1)
        elif is_name_word(word) or is_unknown_word(word.lower()):
            yield m.start(1), m.end(1)
    for m in _LOWER_AFTER.finditer(text):
        if _lower_name(m[1], names):
            yield m.start(1), m.end(1)
    for m in _MY_NAME.finditer(text):
        if m[1].lower() in TITLES_OF and _OF_A_PLACE.match(text, m.end()):
            continue  # "my Duke of Edinburgh award": a title
        if is_name_word(m[1]):
            yield m.start(1), m.end(1)
    for m in _FAMILY_TITLE.finditer(text):
        if _lower_name(m[1], names) or m[1] in _AMBIGUOUS:
            yield m.start(1), m.end(1)
    for m in _INITIALS_PAIR.finditer(text):
        initials, other = (m[1], m[2]) if m[1] else (m[4], m[3])
        if initials not in _ACRONYMS and (is_name_word(other) or _lower_name(other.lower(), names)):
            yield from ((m.start(i), m.end(i)) for i in range(1, 5) if m[i])
    for m in _KIN_OF.finditer(text):
        for group in (1, 2):
            if m[group] and not not_a_name(m[group]):
                yield m.start(group), m.end(group)
    for m in _POSSESSIVE_KIN.finditer(text):
        word = m[1]
        if word.isupper():
            ok = word not in _ACRONYMS
        elif word[0].isupper():
            ok = is_name_word(word) or is_unknown_word(word.lower())
        else:
            ok = _lower_name(word, names) or _initials(word)
            # "christmas baby", "tjs dad": without an apostrophe, the "s" may end a word of its own
            ok = ok and (m[0][len(word)] in "'’" or not is_english_word(word + "s"))
        if ok:
            yield m.start(1), m.end(1)
    for m in _FAMILY_NAME.finditer(text):
        stem = re.sub("e?s$", "", m[1]).lower()
        if (
            _FAMILY_CUE.search(text[max(0, m.start() - 100) : m.start()])
            and is_unknown_word(stem)
            and stem not in _NOT_NAMES
        ):
            yield m.start(1), m.end(1)
    for m in _WE_ARE.finditer(text):
        if is_first_name(m[1]) and is_name_word(m[2]):
            yield from ((m.start(i), m.end(i)) for i in (1, 2, 3) if m[i])
    for m in _BEFORE_PHONE.finditer(text):
        if _name_like(m[1].split()[0]) and m[1].split()[0].lower() not in _NOT_NAMES | _CLOSERS:
            yield m.start(1), m.end(1)
    for m in _SURNAME_FAMILY.finditer(text):
        belongs = re.search(
            r"(?i:\b(?:part|member|members)\s+of|\bjoin(?:ed)?|welcome\s+to)\s+$",
            text[max(0, m.start() - 20) : m.start()],
        )
        if is_unknown_word(m[1].lower()) and m[1].lower() not in _NOT_NAMES and not belongs:
            yield m.start(1), m.end(1)
    for listed in _AGED_LIST.finditer(text):
        if not _CHILDREN_BEFORE.search(text[max(0, listed.start() - 40) : listed.start()]):
            continue  # "runs Windows 10 and Office 12": no children listed
        items = list(_AGED_ITEM_RE.finditer(text, listed.start(), listed.end()))
        if not any(i[1].lower() in _COUNTED | _NOT_NAMES for i in items):
            yield from ((i.start(1), i.end(1)) for i in items)
    # a child called by initials with an age in brackets ("J (3) and R-M (14 months)", "L (aged 4)"): how
    # a foster carer names a child (23 of 23 such in the labelled sets are names); not "Year R (4)"
    for m in _INITIALS_WITH_AN_AGE.finditer(text):
        if m[1].replace("-", "") not in _ACRONYMS | _FORUM_KIN and not _A_THINGS_LETTER.search(
            text, max(0, m.start() - 12), m.start()
        ):
            yield m.span(1)
    for m in _SELF_INTRODUCED.finditer(text):
        word = m[1] or m[2]
        if is_first_name(word) or word.lower() in _AMBIGUOUS:
            yield m.span(1) if m[1] else m.span(2)
    yield from sign_off_line_names(text)
    yield from _letters_for_names(text)
    sign_off = _SIGN_OFF.search(text)
    if sign_off:
        words = sign_off[1].split()
        first = words[0].lower()
        if first not in _CLOSERS and (is_name_word(words[0]) or is_unknown_word(first)):
            yield sign_off.start(1), sign_off.end(1)
    for start, end in found:
        bracket = _BRACKETED.match(text, end)
        word = bracket[1] if bracket else ""
        # "Wong Ka-yan (Kelly)", "Jhon-Paul (JP)", "Margaret (Mags) Oduya" (a surname after it); not a
        # role: "Cllr Moss (Chair)", "Jo (Clerk)".
        surname = re.match(rf"[ \t]+({_NAME})", text[bracket.end() :]) if bracket else None
        titled = word.lower() in _TITLE_WORDS  # "DORIS PEGG (MRS)": the title a signer asks for
        named = word.isupper() or surname or is_name_word(word) or is_unknown_word(word.lower())
        if bracket and " " in word:  # "Nok (Siriporn Watts)"; not a panel's "Marcus (Redcastle Furze):"
            first = word.split()[0]
            area = text[bracket.end() : bracket.end() + 1] == ":"
            named = is_name_word(first) or (is_unknown_word(first.lower()) and not area)
        if bracket and not titled and named:
            yield bracket.start(1), bracket.end(1)
            if surname and surname[1].lower() not in _NOT_NAMES:
                yield bracket.end() + surname.start(1), bracket.end() + surname.end(1)
        offset = max(0, start - 100)  # a window, not the whole text before: linear in long comments
        pair = _PAIR_BEFORE.search(text[offset:start])
        if pair and text[start].islower() and (_lower_name(pair[1], names) or _initials(pair[1])):
            yield offset + pair.start(1), offset + pair.end(1)


# Lines after a signature that sign nothing: "Sent from my iPhone", an e-mail, a phone, a link.
_TRAILER = re.compile(
    r"(?i)[ \t]*(?:sent\s+from\s+my\b.*|get\s+outlook\b.*|[\w.+-]+@[\w-]+\.[\w.]+|\+?\d[\d \t()-]{8,}\d|"
    r"(?:https?://|www\.)\S+|-{2,}|_{2,})[ \t]*"
)
# A line that only signs: names or initials joined by "&", "and" or commas ("Fern & Olu", "DEAN",
# "H x", "Деси 07700 900 702").
_SIGN_LINE = re.compile(
    r"[ \t]*+(?P<names>[^\W\d_][\w'’.-]*+(?:[ \t]*+(?:&|\+|,|and)[ \t]*+[^\W\d_][\w'’.-]*+){0,2})"
    # then kisses, a phone number or an address, or a note in brackets ("Cerise Loveridge (wrote by
    # Roseanne)", "DEAN 41 LYNN ROAD")
    # (possessive: a run of spaces is read one way only, not split between the parts)
    r"[ \t]*+(?:x++o*+)?[ \t!.]*+(?:\+?\d[^\n]*+|\([^()\n]*+\))?[ \t]*+"
)
# "N. Walsham", "E. Dereham" (a town by its direction's initial), "P.S. Thankyou": no initials of a name
_A_TOWN_BY_INITIAL = re.compile(
    r"(?:[NSEW]\.[ \t]*(?:Walsham|Dereham|Runcton|Lexham|Harling|Wootton|Creake)|P\.[ \t]*S\.)"
)
_INITIALS_SURNAME = re.compile(r"[ \t]*((?:[A-Z]\.[ \t]*){1,3}[A-Z][a-z'’-]+)(?=[ \t]*(?:[(,]|$))")


def sign_off_line_names(text: str) -> Iterator[tuple[int, int]]:
    """Yield the names on the line that signs a comment off, below its body, where no cue names them.

    The last line but for trailers ("Sent from my iPhone", an e-mail, a phone number), when it holds
    only one to three names or initials joined by "&", "and" or commas, each a first name (one that is
    also a word included: "Fern & Olu", "Summer"), a name in capitals ("DEAN"), an initial ("H x"),
    or a name in Cyrillic or Greek letters that spells a first name in Latin letters ("Олена");
    or initials and a surname ("G. R. Haddingham (Mr)"). A place, a job or a thank-you there is
    no name ("Holt", "Headteacher", "Paldies").

    Parameters
    ----------
    text
        One comment, as written.

    Yields
    ------
    tuple of int
        Start and end character offsets of each name.
    """
    lines = [m for m in re.finditer(r"[^\n]+", text) if m[0].strip()]
    while lines and _TRAILER.fullmatch(lines[-1][0]):
        lines.pop()
    if len(lines) < 2:
        return  # a one-line comment has no body above its sign-off
    line = lines[-1]
    named = _INITIALS_SURNAME.match(line[0])
    if named is not None and not _A_TOWN_BY_INITIAL.match(named[1]):
        yield line.start() + named.start(1), line.start() + named.end(1)
        return
    sign = _SIGN_LINE.fullmatch(line[0])
    if sign is None:
        return
    units = [
        (line.start() + sign.start("names") + u.start(), line.start() + sign.start("names") + u.end())
        for u in re.finditer(r"[^\s&+,]+", sign["names"])
        if u[0] != "and"
    ]
    if all(end - start == 1 for start, end in units) and not re.search(r"\bx", line[0]):
        return  # a lone letter answers a question ("Which option? B"); "H x" signs
    signs = [_signs(text[start:end]) for start, end in units]
    # each a name, and one a listed name or an initial ("Fern & Olu"; not "Keep Fakenham")
    if signs and all(signs) and any(sign == "listed" for sign in signs):
        yield from units


def _signs(word: str) -> str:
    """Return how one word of a sign-off line reads.

    "listed" (a first name, an initial, one in Cyrillic or Greek that spells one), "unknown" (a
    capitalised word that is no English word nor a place), or "" (no name).
    """
    from hubplan.consult.place_names import named_for_town  # (it imports this module)

    word = word.rstrip(".")
    if re.fullmatch(r"[A-Z]", word):
        return "listed"
    if not word[0].isupper() or word.lower() in _CLOSERS:
        return ""
    if not word.isascii() and unicodedata.name(word[0], "").startswith(("CYRILLIC", "GREEK")):
        word = unidecode(word).strip()
    if is_name_word(word):
        return "listed"
    return "unknown" if is_unknown_word(word.lower()) and not named_for_town([word]) else ""


# Letters that stand for people the writer will not name: "I'll call them J and T", "call her K".
_CALLED_BY_LETTER = re.compile(
    r"(?i:\b(?:call|calling|refer\s+to|known\s+as)[ \t]+(?:them|him|her|the\s+\w+|my\s+\w+)[ \t]+"
    r"(?:as[ \t]+)?)"
    r"([A-Z](?:[ \t]*(?:and|&|,)[ \t]*[A-Z]){0,3})(?![\w'’]|\.\w)"
)
# Letters in brackets after the children they stand for: "My boys (J and T) are safe now".
_KIN_BY_LETTER = re.compile(
    r"(?i:\b(?:my|our|his|her|their)[ \t]+(?:[a-z]+[ \t]+)?(?:boys|girls|kids|children|sons|daughters|twins|"
    r"grandchildren|grandkids|son|daughter|boy|girl|child|baby)[ \t]*\([ \t]*)"
    r"([A-Z](?:[ \t]*(?:and|&|,)[ \t]*[A-Z]){0,3})[ \t]*\)"
)
# A child named by an initial between commas: "One little girl, A., arrived not speaking".
_CHILD_BY_INITIAL = re.compile(
    r"(?i:\b(?:girl|boy|child|baby|toddler|son|daughter|mum|dad|mother|father|pupil|student)[ \t]*,[ \t]*)"
    r"([A-Z])\.?(?=[ \t]*,)"
)
# A letter that names a thing after these words: "Option B", "vitamin D", "Plan D", "Year 2".
_LETTER_OF_A_THING = re.compile(
    r"(?i:\b(?:option|plan|vitamin|grade|block|type|section|part|appendix|class|category|zone|level|form|"
    r"site|room|ward|bay|unit|exit|gate|phase|stage|route|bus)[ \t]+)\Z"
)


def _letters_for_names(text: str) -> Iterator[tuple[int, int]]:
    """Yield each letter a comment says stands for a person, wherever it stands.

    "call them J and T", "my boys (J and T)"; and a child named by an initial between commas ("one
    little girl, A., arrived"), where it stands.
    """
    letters: set[str] = set()
    for m in [*_CALLED_BY_LETTER.finditer(text), *_KIN_BY_LETTER.finditer(text)]:
        letters.update(letter for letter in re.findall(r"[A-Z]", m[1]) if letter not in "AI")
    for m in _CHILD_BY_INITIAL.finditer(text):  # this one letter, where it stands
        yield m.span(1)
    for letter in letters:
        for m in re.finditer(rf"(?<![\w.'’&-]){letter}(?=['’]s\b|(?![\w'’&-]|\.\w))", text):
            if not _LETTER_OF_A_THING.search(text, max(0, m.start() - 12), m.start()):
                yield m.span()


def idiom_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans of idioms that hold a name ("Bob's your uncle"): no name is found inside them."""
    return [(m.start(), m.end()) for m in _IDIOMS.finditer(text)]


def in_office_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans of MPs and mayors named in office ("our MP, Helen Markwick", "Clive Lewis MP").

    Parameters
    ----------
    text
        Free text.

    Returns
    -------
    list of (start, end)
        Character offsets (end exclusive).
    """
    return [(m.start(), m.end()) for m in _PUBLIC_OFFICE.finditer(text)]


_A_FULL_NAME = r"[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){0,2}"
# Someone famous by what is said of them, on no list: "the next Tom Daley", "thinks he's Carlton
# Morris", "a statue of Jackie Milburn", "no relation to David Beckham", "John Bunyan wrote The
# Pilgrim's Progress", "GIDEON AMOS MP", "Luke Campbell is standing for mayor" (no labelled name has
# one of these around it; 13 harmless phrases do). Not "named after" (a grandad) nor "not that" ("not
# that Dave cares"); nor "the birthplace of", "born here was" or "as X Y would say": a birth unit's
# babies and a teacher's saying are said that way too (review 22: "the birthplace of Oliver, Mia and
# Jack, all three of mine", "As Mrs Hughes used to say").
_FAMED_BEFORE = re.compile(
    rf"(?:\bthe[ \t]+next|\bthinks[ \t]+(?:he|she|they)(?:['’]s|['’]re|[ \t]+is|[ \t]+are)|"
    rf"\bstatues?[ \t]+of|\bno[ \t]+relation[ \t]+to)"
    rf"[ \t]+({_A_FULL_NAME})"
)
_FAMED_AFTER = re.compile(
    rf"(?<![\w'’-])({_A_FULL_NAME})(?=[ \t]+(?:(?i:mp)\b|(?:is|was)[ \t]+(?:standing|running)[ \t]+for\b|"
    rf"(?:wrote|painted|composed)[ \t]+(?:about\b|[\"'‘“]|(?:The|A)[ \t]+[A-Z])))"
)
# "gave the world David Hockney, Zayn Malik and the Brontës": every name of the list to the sentence's end
_GAVE_THE_WORLD = re.compile(r"\bgave[ \t]+(?:the[ \t]+world|Britain|England)[ \t]+([^.!?\n]{1,200})")


def _famed_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans of people a comment speaks of as famous (see ``_FAMED_BEFORE``)."""
    spans = [m.span(1) for m in _FAMED_BEFORE.finditer(text)]
    spans += [m.span(1) for m in _FAMED_AFTER.finditer(text)]
    for m in _GAVE_THE_WORLD.finditer(text):
        spans += [(m.start(1) + n.start(), m.start(1) + n.end()) for n in re.finditer(_A_FULL_NAME, m[1])]
    # (but for one the comment then makes someone it knows: "no relation to Kerry Walsh, my neighbour")
    return [(s, e) for s, e in spans if not _KNOWN_AFTER.match(text, e)]


def public_office_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans of national figures named in office ("our MP, Liz Truss"): public, never redacted.

    Also public figures named as such ("even Marcus Rashford", "under Tony Blair") or spoken of as
    famous ("the next Tom Daley", "John Bunyan wrote ..."), unless the comment makes them someone the
    writer knows ("my neighbour David Cameron").
    """
    figures = [*_public_figure_spans(text), *(m.span() for m in _KNOWN_BY_FIRST_NAME.finditer(text))]
    # (what is said of the famous says who they are: "our lad thinks he's Jarrod Bowen")
    return (
        in_office_spans(text)
        + _famed_spans(text)
        + [
            (s, e)
            for s, e in figures
            if not _KNOWN_TO_THE_WRITER.search(text, max(0, s - 60), s) and not _KNOWN_AFTER.match(text, e)
        ]
    )


# A word a comment glosses as a word: a translator's note ('"Kak" is a respectful word meaning
# "brother"', '"Bhabi" (sister-in-law)', '"Lala" means elder brother', '"Kuya" = older brother').
# Not a gloss that names someone ('"Umm Yousef" (mother of Yousef)', '"Tin-Tin" is her nickname') or
# says who they are ('"Sarah" (my sister)').
_GLOSSED = re.compile(
    r"[\"“‘']([^\W\d_][\w'’-]{0,20}(?:[ \t][^\W\d_][\w'’-]{0,20})?)[\"”’'][ \t]*"
    r"(?:\((?!(?:my|our|his|her|their|your)\b)([^\W\d_A-Z][^()\n\"A-Z]{1,40})\)|=|(?:means|meaning)\b|"
    r"(?:is|are)[ \t]+(?:a|an|the)[ \t]+"
    r"(?:[\w-]+[ \t]+){0,3}(?:word|term|title|form|way)\b)"
)
_NAMING_GLOSS = re.compile(r"(?i:\b(?:nick)?names?\b(?<!\bnot a name)(?<!\bof a name)|\bshort\s+for\b)")


# Someone given the word as a name somewhere in the comment ("We named her Amara. 'Amara' means grace").
_NAMED_AS = re.compile(
    r"(?i:\b(?:named|called|christened|name\s+is|name['’]s|(?:my|our|her|his)\s+(?:son|daughter|baby|boy|"
    r"girl|child|twins?|grandson|granddaughter))[ \t]+(?:(?:her|him|them|baby|little)[ \t]+)?[\"“‘']?)\Z"
)


def glossed_word_spans(text: str) -> list[tuple[int, int]]:
    """Return every place a word stands that the comment glosses as a word ("Bhabi" (sister-in-law)).

    A translator's note or a respondent says what a word of their language means; the word is then
    no one's name wherever the comment uses it ("Bhabi at the centre", "my neighbour, who I call
    Lala"). A gloss that says the word is a name or short for one ("is her nickname") does not count,
    nor one of a word the comment gives someone as a name ("We named her Amara. 'Amara' means grace").

    Parameters
    ----------
    text
        The whole comment.

    Returns
    -------
    list of (start, end)
        Character offsets (end exclusive) of each use of each glossed word, in any case.
    """
    words = set()
    for m in _GLOSSED.finditer(text):
        gloss = text[m.end(1) : m.end() + 40].split(".", maxsplit=1)[0]
        if not re.search(r"(?i:\bnot\s+(?:part\s+of\s+)?a\s+name)", gloss) and _NAMING_GLOSS.search(gloss):
            continue
        words.add(m[1])
    if not words:
        return []
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    uses: dict[str, list[tuple[int, int]]] = {}
    for m in re.finditer(rf"(?<![\w'’-])(?:{alternatives})(?![\w-])", text, re.IGNORECASE):
        uses.setdefault(m[0].lower(), []).append(m.span())
    # a word the comment gives someone as a name anywhere is a name everywhere
    named = {w for w, at in uses.items() if any(_NAMED_AS.search(text, max(0, a - 40), a) for a, _ in at)}
    return sorted(span for w, spans in uses.items() if w not in named for span in spans)


# Festivals and days of faith that are also given names ("Bayram", "Genna", "Yalda", "Baba Marta"):
# not a name where the words around make it a day ("last Bayram", "for Hari Raya", "Genna lunch").
_FESTIVALS = (
    r"Bayram|Bayrami|Bayramı|Genna|Gena|Yalda|Deepavali|Diwali|Divali|Baisakhi|Vaisakhi|Vishu|Onam|Fasika|"
    r"Timkat|Meskel|Enkutatash|Nowruz|Newroz|Navroz|Nevruz|Hari[ \t]+Raya|Baba[ \t]+Marta|Eid|Holi|"
    r"Dashain|Tihar|Teej|Lohri|Pongal|Navratri|Durga[ \t]+Puja|Jumu['’]?ah|Jummah|Jumma|Shabbat|Purim|"
    r"Pesach|Sukkot|Hanukkah|Chanukah|Rosh[ \t]+Hashanah|Yom[ \t]+Kippur|Ashura|Mawlid|Milad|Ramadan|"
    r"Ramzan|Kwanzaa|Carnaval|Carnival|Martisor|Mărțișor|Wigilia|Andrzejki|Jāņi|Jani|Joninės|Užgavėnės|"
    r"Kurban|Songkran|Tet|Chuseok|Seollal|Obon|Christingle|Raksha[ \t]+Bandhan|Rakhi|Karva[ \t]+Chauth|"
    r"Chhath|Bihu|Ugadi|Gudi[ \t]+Padwa|Sankranti|Thaipusam|Vesak|Wesak|Losar|Gurpurab|Bandi[ \t]+Chhor|"
    r"Sinterklaas|Hıdrellez|Kupala|Malanka|Maslenitsa|Whitsun|Pentecost|Epiphany|Candlemas|Michaelmas|"
    r"Lammas|Mela|Paskha|Velykden|Pascha|Hogmanay|Samhain|Beltane"
)
_FESTIVAL = re.compile(
    rf"(?i:\b(?:last|this|next|during|over|since|after|before|until|at|on|celebrat\w*|happy|blessed|"
    rf"mubarak)[ \t]+(?:the[ \t]+)?|(?:{_FESTIVALS})[ \t]+(?:and|&)[ \t]+)((?:{_FESTIVALS}))(?![\w'’-])"
    # "for Hari Raya": a day of two words after "for" (not "for Yalda", who may be a girl)
    rf"|(?i:\bfor[ \t]+(?:the[ \t]+)?)((?:{_FESTIVALS}))(?![\w'’-])"
    rf"|(?<![\w'’-])((?:{_FESTIVALS}))(?=[ \t]+(?i:party|parties|celebrations?|meal|feast|festival|holidays?|"
    rf"time|day|eve|morning|night|dinner|lunch|breakfast|prayers?|service|mubarak|greetings|food|sweets|"
    rf"lights|dance|market|fair)\b)"
)


# Greetings in the languages of England's communities that are given names too (so not on the
# organisations' list of greetings): a greeting only where one opens a comment (_GREETING_OPENER).
_GREETINGS_THAT_ARE_NAMES = _words(
    """selam salam salaam shalom tere bok moni jambo habari akwaaba sannu kamusta mabuhay aloha hola
    ola olá oi ciao ahoj hej hei labas sveiki privet zdravo merhaba marhaba namaste"""
)
# One of them opening a comment or a line, set apart by "!", "." or a dash, before the writer says
# who they are: "Selam. I am ...", "Tere! I'm ...", "Shalom — we are ..." ("Agnieszka. I am writing"
# is the writer's name).
_GREETING_OPENER = re.compile(
    r"(?m)^[ \t]*([^\W\d_]{2,12})[ \t]*(?:[!.]+|[—–-])[ \t]*"
    r"(?=(?i:i\s+am|i['’]m|im|my\s+name|we\s+are|we['’]re|this\s+is|i\s+(?:teach|work|live|come|write))\b)"
)


def greeting_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans of greetings that open a comment before its writer says who they are.

    "Selam. I am Senait", "Tere! I'm Kadri", "Moni! I teach Year 2": a one-word greeting in the
    writer's language that is a given name too; "Agnieszka. I am writing" is the writer's name.
    """
    return [m.span(1) for m in _GREETING_OPENER.finditer(text) if m[1].lower() in _GREETINGS_THAT_ARE_NAMES]


def festival_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans of festivals and days of faith named as days ("last Bayram", "Genna lunch").

    Several are given names too (Bayram, Genna, Yalda, Milad); a name found there is the day's, not a
    person's, only where the words around it make it a day: "last", "during", "at", "on", "happy" or
    another festival and "and" before it, "party", "lunch", "prayers" after it, or "for" before a day
    of two words ("for Hari Raya"; "for Yalda" may be a girl).
    """
    spans = []
    for m in _FESTIVAL.finditer(text):
        if m[2] and not re.search(r"\s", m[2]):
            continue  # "for Yalda" may be a girl; "for Hari Raya" is the day
        spans.append(next(m.span(g) for g in (1, 2, 3) if m[g]))
    return spans


# A pet's name: "our dog Alfie", "the cat is called Duke", "Biscuit the hamster" (not a boat's: a
# family living on a boat is found by its name, "our narrowboat Kestrel at mooring 4").
_PET = (
    r"(?:dog|dogs|cat|cats|puppy|pup|kitten|hamster|rabbit|bunny|pony|horse|budgie|parrot|tortoise|"
    r"goldfish|pet)"
)
_PET_NAME = re.compile(
    rf"(?i:\b{_PET}['’]?s?[ \t]+(?:(?:is|was|who['’]s|called|named|is[ \t]+called|was[ \t]+called|"
    r"name(?:[ \t]+is|[ \t]*:)?)[ \t]+)?)"
    r"[\"“]?([A-Z][\w'’-]+)"
    rf"|(?<![\w'’-])([A-Z][\w'’-]+)(?=[ \t]+the[ \t]+(?i:{_PET})\b)"
)


def pet_name_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans of pets' names ("our dog Alfie", "Biscuit the hamster"): an animal is no person."""
    return [m.span(1) if m[1] else m.span(2) for m in _PET_NAME.finditer(text)]


# A thing's name, not a person's: what a charity, app or group is (or was) called, and a name after
# the word for what it is ("it used to be called Grandparents Plus", "the charity Kinship", "the app
# Peanut"). Not a person "called" something ("my son is called Alfie", "a worker that was called
# Bev", "a daughter which is called Emilia": "that" and "which" may stand for people), nor what
# someone set up ("the programme Sam Turner set up").
_THING_CALLED = re.compile(
    r"(?i:\b(?:it|this|group|charity|centre|center|hub|scheme|service|app|programme|program|"
    r"session|class|club|website|site|page|organisation|organization|project|campaign)[ \t]+"
    r"(?:(?:used[ \t]+to[ \t]+be|is|was|were|are|now|also|still|then|originally|first|being)[ \t]+)*"
    r"(?:called|named|known[ \t]+as|renamed)[ \t]+"
    r"|\bthe[ \t]+(?:charity|organisation|organization|app|website)[ \t]+)"
    r"[\"“']?([A-Z][\w'’&-]*(?:[ \t]+(?:[A-Z][\w'’&-]*|of|and|for|the)){0,4})"
)


def thing_name_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans of names given to things ("the charity Kinship", "it was called Sure Start").

    Parameters
    ----------
    text
        Free text.

    Returns
    -------
    list of (start, end)
        Character offsets of each name (end exclusive): never a person.
    """
    spans = []
    for m in _THING_CALLED.finditer(text):
        name = m[1]
        while name.split()[-1] in ("of", "and", "for", "the"):  # "called Sure Start and": not the "and"
            name = name.rsplit(maxsplit=1)[0]
        spans.append((m.start(1), m.start(1) + len(name)))
    return spans


# Britain's hospitals, children's hospices and care charities known by the name of a person they are
# named for ("born at the James Paget", "nasceu no James Paget", "under Alder Hey", "respite at Claire
# House", "a Macmillan nurse"): no one's name. Our own short list of the best-known ones families
# name, written from general knowledge (not a directory: far from every one). A workplace still where
# someone works there ("I'm a porter at the James Paget").
# Children's and adult hospices and homes named "... House" or "... Place" for a person. Those whose
# name is seldom a person's are one wherever they stand ("Claire House were amazing", review 22); House
# is a surname too, so the rest only after a preposition of place or "the", or before "Hospice"
# ("Naomi House was our key worker", "Cllr Richard House", "Thanks to Richard House": reviews 21, 22).
_HOUSES_ANYWHERE = r"Derian|Helen[ \t]+(?:&|and)[ \t]+Douglas|Ronald[ \t]+McDonald|Zo[eë]['’]?s"
# (a first name and "House" is someone as often: "Francis House was my key worker", review 23)
_HOUSES_AS_PLACES = (
    r"Claire|Francis|Demelza|Dorothy|Katharine|Martin|Naomi|Brian|Rachel|Robin|Charlie|Richard"
)
_HOSPICE = r"(?:Hospice|Children['’]s[ \t]+Hospice)"
# The prepositions that make a person's name a place, whoever the sentence is about ("born at", "under
# the John Radcliffe", "nasceu no"); "to", "with" and "from" go before people as often ("Talk to Martin
# House", "a call from Jessie May", reviews 22 and 23), and a possessive after it is someone's ("in
# Samuel Johnson's group").
_AT_A_PLACE = r"\b(?i:the|at|in|no|into|under)[ \t]+"
_A_PREPOSITION_BEFORE = re.compile(r"\b(?i:at|in|no|from|into|under|to|with)[ \t]+\Z")
_HOUSE_NAMED_FOR_PEOPLE = re.compile(
    rf"\b((?:{_HOUSES_ANYWHERE})[ \t]+(?:House|Place)(?:[ \t]+{_HOSPICE})?)\b"
    rf"|{_AT_A_PLACE}((?:{_HOUSES_AS_PLACES})[ \t]+(?:House|Place)(?:[ \t]+{_HOSPICE})?)\b(?!['’]s)"
    rf"|\b((?:{_HOUSES_AS_PLACES})[ \t]+(?:House|Place)[ \t]+{_HOSPICE})\b"
)
_HOSPITALS_NAMED_FOR_PEOPLE = re.compile(
    # no one's name whatever comes before ("transferred to Addenbrooke's", "with Alder Hey")
    r"\b((?:Addenbrooke['’]?s|Alder[ \t]+Hey|Jessop[ \t]+Wing))\b"
    # a person's whole name, said as a place (a man called John Radcliffe is no hospital; "... Hospital"
    # after a name is read by the redaction's own rule)
    rf"|{_AT_A_PLACE}((?:James[ \t]+Paget|Jenny[ \t]+Lind|John[ \t]+Radcliffe|William[ \t]+Harvey|"
    r"George[ \t]+Eliot|Florence[ \t]+Nightingale|Samuel[ \t]+Johnson|Sir[ \t]+Robert[ \t]+Peel|"
    r"Douglas[ \t]+Macmillan|Donna[ \t]+Louise|Jessie[ \t]+May|Evelina|Whittington))\b(?!['’]s)"
    # ... and a first name or a surname alone only after "the" ("born at the Rosie"; "I spoke to Rosie")
    r"|\b(?i:the)[ \t]+((?:Lister|Freeman|Rosie|Keech))\b(?![ \t]+family)"
    # a charity's nurse or nurses ("the Macmillan nurse", "a Marie Curie nurse"), whatever comes before
    r"|\b((?:Macmillan|Marie[ \t]+Curie|Sue[ \t]+Ryder|Admiral)[ \t]+"
    r"(?i:nurses?|nursing|team|support|centre))\b"
)


# What is no one's name by the words around it: a Bible reference ("Matthew 19:14"), a language after
# a verb of speaking ("the mum who only spoke Tetum"), the namesake after Polish "im." ("Szkoła im.
# Jana Pawła II", named for).
_NAMED_THING = re.compile(
    r"\b(?:Genesis|Exodus|Psalms?|Proverbs|Isaiah|Jeremiah|Matthew|Mark|Luke|John|Acts|Romans|Corinthians|"
    r"Galatians|Ephesians|Philippians|Hebrews|James|Peter|Revelation|Ruth|Samuel|Kings|Job)"
    r"[ \t]+\d{1,3}:\d{1,3}"
    r"|(?i:\b(?:speak|speaks|spoke|speaking|spoken)[ \t]+(?:only[ \t]+)?)(?-i:[A-Z][a-z]+)\b"
    r"|\bim\.[ \t]+(?:[A-Z][\w'’-]+[ \t]*){1,3}"
    # a named storm ("Storm Desmond", "Hurricane Katrina"), and a law by its name and year ("the
    # Children Act 1989", "the Equality Act 2010")
    r"|\b(?:Storm|Hurricane|Typhoon|Cyclone)[ \t]+[A-Z][a-z]+\b"
    r"|\b(?:[A-Z][a-z]+[ \t]+(?:(?:and|of|for)[ \t]+)?){1,5}Act[ \t]+(?:19|20)\d\d\b"
)


# A first name's possessive before a capitalised word: "Jacob's Well", "Andy's Man Club", "Clare's Law".
_POSSESSED = re.compile(r"\b[A-Z][a-z]+['’]s[ \t]+([A-Z][a-z]+)\b")
# What belongs to a person, not to a thing named for one: "Amy's Mum", "Jo's House", "Tom's Birthday".
_A_PERSONS = _words(
    """mum mam mom mummy mother dad daddy father nan nana nanna nanny gran granny grandma grandad grandpa
    husband wife partner son daughter brother sister boyfriend girlfriend friend friends mate mates auntie
    aunt uncle cousin baby kids children family house home place flat room car birthday party christening
    wedding funeral baptism school class teacher nursery social health speech support key keyworker worker
    visitor therapist therapy nurse doctor gp midwife paediatrician consultant appointment appointments
    referral referrals ehcp plan review assessment needs diagnosis hearing behaviour progress reception
    year dad's mum's"""
)


def _possessed_things(text: str) -> Iterator[tuple[int, int]]:
    """Yield each thing named with a first name's possessive ("Jacob's Well"): never the person alone.

    In the labelled sets no first name before "'s" and a capitalised English word is a name on its
    own: the phrase is a workplace ("Mehmet's Barbers", found whole as one), a building, a charity
    ("Nelson's Journey"), a law ("Clare's Law") or a day ("St David's Day").
    """
    for m in _POSSESSED.finditer(text):
        if m[1].lower() not in _A_PERSONS and is_english_word(m[1].lower()):
            yield m.span()


def named_thing_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans of things named like people: never a person.

    Bible references, languages spoken, a Polish namesake, things named with a first name's possessive
    ("Jacob's Well"), and hospitals known by a person's name ("the James Paget"), but for one the
    comment makes someone it knows ("my son James Paget").

    Parameters
    ----------
    text
        Free text.

    Returns
    -------
    list of (start, end)
        Character offsets (end exclusive).
    """
    # (a preposition before it makes it a place whoever the sentence is about: "my youngest is under
    # Alder Hey"; after "the" or alone, "my" just before makes it someone: "my son Martin House")
    hospitals = []
    for pattern in (_HOSPITALS_NAMED_FOR_PEOPLE, _HOUSE_NAMED_FOR_PEOPLE):
        for m in pattern.finditer(text):
            start, end = m.span(m.lastindex or 0)
            if _A_PREPOSITION_BEFORE.search(
                text, max(0, start - 8), start
            ) or not _KNOWN_TO_THE_WRITER.search(text, max(0, m.start() - 40), m.start()):
                hospitals.append((start, end))
    return [m.span() for m in _NAMED_THING.finditer(text)] + hospitals + list(_possessed_things(text))
