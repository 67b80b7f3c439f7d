"""First-name lists, English words, organisation names and the words that are not names.

The census list is the one the ``names`` package ships (1990 US census); ``first_names_world.txt`` is
derived from Faker's person providers (MIT; built by ``scripts/build_first_names.py``) and
``first_names_extra.txt`` is our own supplement for communities Faker lacks; the dictionary that
``gender-guesser`` ships adds names given since. English words are
WordNet's index as the spaCy pipeline's lemmatizer ships it: a lower-case word in a name slot that is
none of them is read as a name. ``organisations.txt`` (ours) lists the charities, services and
national programmes that families name, and the named days, festivals and seasonal figures they
mention ("born on Christmas Eve", "a free Santa visit"), none of which is a person or an employer.
"""

from __future__ import annotations

import functools
import re
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
    morrisons sainsburys co-op boots sir madam madame esol haf toddler toddlers mr mrs ms miss mx aibu same
    wibu dh ds dd dc mil fil sil bil practice deputy moderator liaison therapy clubcard afghan syrian iraqi
    iranian kurdish turkish somali eritrean ethiopian sudanese nigerian ghanaian zimbabwean pakistani
    bangladeshi indian nepali chinese filipino lithuanian latvian romanian bulgarian ukrainian
    portuguese brazilian irish scottish welsh british european african asian langar surname surnames
    forename forenames firstname lastname postcode dob tel mob mon tue tues wed thu thur thurs fri sat sun
    tamil sikh hindu muslim jewish gypsy traveller travellers chair chairperson chairman chairwoman
    treasurer secretary trustee trustees volunteer volunteers rector vicar curate coordinator
    co-ordinator manager director founder co-founder organiser administrator receptionist caretaker
    governor governors headteacher president vice-chair patron convenor facilitator chief executive ceo
    slt salt hca deaf consultant paediatrician obstetrician physician surgeon registrar dietitian dietician
    clerk town parish worker workers therapist therapists practitioner practitioners officer assistant
    support speech rgn rmn scphn hv bsc msc phd pgce npqh mbe obe cbe frcpch mrcgp mrcpch
    mera mere hain aur bohot bahut apologies attendees present minutes agenda"""
)
# (Post-nominals on a signature's line: "RGN, SCPHN (HV)", "MA NPQH"; not "MA" or "BA", surnames too.
# The last line: Urdu and Hindi written in Latin letters, "my", "are", "and", "very"; not "hai",
# "hui", "thi" or "meri", which are Vietnamese, Chinese or Welsh first names too.)
TITLES_OF = _words(
    """duke duchess earl countess prince princess lord lady king queen baron baroness bishop archbishop
    dean friends"""
)
"""First words of a title or a body before "of" and a place ("Duke of Edinburgh", "Friends of Cromer")."""

# Ordinary English words on the names lists (checked against the shipped lists by hand); lower case,
# they are words, not names.
_COMMON_WORDS = _words(
    """bay bean bell belle bird bloom blue brook candy cat chin coy crow dove dot echo ember fan fang
    fawn finch fox gold hao hung jade job kit lark leaf less lin long mae marsh mill mint mist moon nan
    nana nova ocean ping posh rain reed robin rosy sable shy song sonny sunny swan tam tan tao wren
    yang"""
)
# A lower-case name that signs a comment off: "love tash xxx", "cheers, jo", "... keep it open. kez x".
_SIGN_OFF = re.compile(
    r"(?:(?i:\b(?:love|luv|lots\s+of\s+love|cheers|thanks|ta|regards|from|signed|best\s+wishes|yours))"
    r"[\s,.!:-]+|[.!?\n]\s*)(?!(?:docx?|pdf|jpe?g|png|txt|odt|xlsx?|csv|com|org|net|uk)\b)([a-z][a-z'-]+)"
    r"(?=\s*(?:x+|xo+)?[\s!.]*$)"
)
# Census first names that are also ordinary English words: a name only where context says so.
_AMBIGUOUS = _words(
    """eid will may mark hope grace rose summer dawn joy faith april june august page sandy bill pat rich
    ray guy art drew gay iris ivy holly jack jean max sunny star rain storm major miles lane dale
    glen carol carl frank earl marshall young king price long love early else lee van ali an so son
    sun don del rod ned penny ruby amber crystal jewel precious unique fern hazel heather olive
    pearl sky cash chance chase clay cliff dean dusty forest grant hunter judge mason miller parker
    rock royal ruth sage scott shelby sterling tanner taylor wade warren wes win worth bud buck
    bobby christian spring autumn winter bank honey blessing sue rob nick charity patience mercy
    liberty destiny harmony see said made over side us lady man sad mar poppy river ocean honour archer
    cooper"""
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
    out = census_first_names() | world_first_names() | dictionary_first_names()
    return frozenset(out - _AMBIGUOUS - _NOT_NAMES)


@functools.cache
def dictionary_first_names() -> frozenset[str]:
    """Return the first names of the dictionary that ``gender-guesser`` ships, lower case, no English words.

    Jörg Michael's dictionary (GNU FDL, read unchanged from the installed package) holds about 46,000
    first names from 54 countries and regions, Britain and Ireland, eastern Europe, the Arab world,
    India, China and Africa among them, with names given since the 1990 census ("Harper", "Oliwia",
    "Hemant"). A name that is also an English word (WordNet: "Harper" is one) is left out here and
    counts only by context, as "Will" and "Grace" do; so are its lines for accented forms written in
    the file's own codes ("<A/>") and its lines of variant spellings (marked "+").
    """
    text = resources.files("gender_guesser").joinpath("data/nam_dict.txt").read_text(encoding="utf-8")
    out: set[str] = set()
    for line in text.splitlines():
        if line.startswith("#") or len(line) < 31 or line[29] == "+":
            continue
        words = line[3:29].split()
        name = words[0].replace("+", "-").lower() if words else ""
        if name and "<" not in name and not is_english_word(name):
            out.add(name)
    # "Easton", "Stratton", "Norton": the dictionary's names that are British places count only by context
    from hubplan.data.places import british_place_names

    return frozenset(out - british_place_names())


@functools.cache
def census_first_names() -> frozenset[str]:
    """Return the lower-case first names of the 1990 US census that the ``names`` package ships."""
    out: set[str] = set()
    for file in ("dist.male.first", "dist.female.first"):
        text = resources.files("names").joinpath(file).read_text(encoding="utf-8")
        out.update(line.split()[0].lower() for line in text.splitlines() if line.strip())
    return frozenset(out)


@functools.cache
def census_surnames() -> frozenset[str]:
    """Return the lower-case surnames of the 1990 US census that the ``names`` package ships (88,799).

    Many are English places too ("Lockwood", "Ashdown", "Sherwood"): a ward's name that is one counts
    as a place only by context (:func:`hubplan.consult.place_names.town_names`).
    """
    text = resources.files("names").joinpath("dist.all.last").read_text(encoding="utf-8")
    return frozenset(line.split()[0].lower() for line in text.splitlines() if line.strip())


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


_ENGLISH_PLURALS = ("men", "ren", "ice", "eet", "eeth", "eese", "ves", "ople")


@functools.cache
def english_words() -> frozenset[str]:
    """Return the English base words of WordNet's index that the spaCy pipeline's lemmatizer ships.

    The lemmatizer of ``en_core_web_sm`` carries WordNet's index of nouns, verbs, adjectives and
    adverbs (about 90,000 base forms, lower case, many-word entries joined by ``_``) and its about
    6,000 irregular forms ("went", "children"); a lower-case
    word in a name slot that is not one of them, nor an inflection of one, is read as a name.
    Empty when the pipeline is not installed (then only the name lists count).
    """
    try:
        import spacy
        from spacy.lookups import Lookups
    except ImportError:  # pragma: no cover - a core dependency
        return frozenset()
    from hubplan.consult.redact import MODEL

    try:
        root = spacy.util.get_package_path(MODEL)
    except (ImportError, OSError):  # pragma: no cover - the pipeline is a core dependency
        return frozenset()
    out: set[str] = set()
    for folder in sorted(root.glob("*/lemmatizer/lookups")):
        lookups = Lookups().from_disk(folder)
        index = lookups.get_table("lemma_index")
        # WordNet's irregular forms too: "went", "took", "sang", "better"; of its irregular nouns only
        # the English plurals ("children", "feet"), not the Latin ones that are also names ("rami",
        # "sera", "bani").
        irregular = lookups.get_table("lemma_exc") if lookups.has_table("lemma_exc") else {}
        for part in ("noun", "verb", "adj", "adv"):
            out.update(w for w in index.get(part, []) if "_" not in w)
            forms = (w for w in irregular.get(part, {}) if "_" not in w)
            out.update(w for w in forms if part != "noun" or w.endswith(_ENGLISH_PLURALS))
    return frozenset(out)


# Inflections: (ending, what replaces it) to find a word's base form in WordNet's index.
_INFLECTIONS = (
    ("ies", "y"), ("ied", "y"), ("ier", "y"), ("iest", "y"), ("es", ""), ("s", ""), ("ed", ""),
    ("ed", "e"), ("ing", ""), ("ing", "e"), ("er", ""), ("est", ""), ("ly", ""), ("'s", ""), ("n't", ""),
)  # fmt: skip
# Words people write that WordNet lacks: text-speak, contractions without apostrophes, function words.
_NOT_IN_WORDNET = _words(
    """im ur u r n lol pls plz tbh omg hun hon xx xxx x ya yeah yep nope dont cant wont isnt doesnt
    didnt wasnt werent arent havent hasnt couldnt wouldnt shouldnt aint gonna wanna gotta innit
    ive id ill youre theyre thats whats hes shes lil wud cud shud gd gr8 tho thru cos coz bc b4 ppl
    evry alot abit aswell atm asap btw fyi idk imo ok okay hiya ta bday nd wen wer wiv wat dat dis
    mum mam mummy nanna nanny grandad grandma hubby fella missus bub bubs bubba babes kiddo
    kiddies littles eldest youngest luv luvs luvd luving defo deffo def prob probs rly realy obvs obvi
    totes hols brill fab gorge amaze sesh seshs tmrw tmw tomoz 2day 2moro nxt wk wks yr yrs hr hrs min
    mins sat sun mon tue tues wed weds thu thur thurs fri ehcp calpol nurofen wifi sen senco dla pip
    esol cbeebies peppa lego duplo haha hahah lmao omfg smh ffs jk ty thx tx msg pm dm fb insta"""
)


def is_text_speak(word: str) -> bool:
    """Return whether ``word`` (or its stem: "luvs") is text-speak or an abbreviation ("defo", "ehcp")."""
    w = word.lower()
    return w in _NOT_IN_WORDNET or any(
        w.endswith(end) and w[: -len(end)] + base in _NOT_IN_WORDNET for end, base in _INFLECTIONS
    )


def is_english_word(word: str) -> bool:
    """Return whether a lower-case ``word`` is an English word (WordNet or an inflection), not a name.

    Parameters
    ----------
    word
        One word, any case.

    Returns
    -------
    bool
        True for a WordNet word or an inflection of one ("loves", "started", "directions"), for
        text-speak and function words ("ur", "dont", "the"); False for "tyrese", "kemi", "oskar".
    """
    from spacy.lang.en.stop_words import STOP_WORDS

    w = word.lower().replace("’", "'")
    if w in STOP_WORDS or w in _NOT_IN_WORDNET or w in _NOT_NAMES:
        return True
    words = english_words()
    if w in words:
        return True
    for ending, base in _INFLECTIONS:
        if w.endswith(ending) and len(w) > len(ending) + 1:
            stem = w[: -len(ending)] + base
            if stem in words or stem in _NOT_IN_WORDNET:
                return True
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in words:
                return True
    return False


def is_unknown_word(word: str) -> bool:
    """Return whether a lower-case word is no English word, nor text-speak, nor drawn out ("sooo").

    In a name slot ("my son tyrese", "ask for kayden") such a word is read as a name; for a
    hyphenated word ("lacey-mae") its first part counts.
    """
    first = word.split("-", maxsplit=1)[0]
    return len(first) > 2 and not re.search(r"(.)\1\1", first) and not is_english_word(first)


@functools.cache
def organisations() -> tuple[str, ...]:
    """Return the organisation and service names of ``organisations.txt``, lower case, longest first."""
    text = resources.files("hubplan.consult").joinpath("organisations.txt").read_text(encoding="utf-8")
    names = {line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#")}
    return tuple(sorted(names, key=len, reverse=True))


@functools.cache
def public_figures() -> frozenset[tuple[str, ...]]:
    """Return the public figures of ``public_figures.txt``, each as its lower-case words.

    A word's full stops go ("J.K." is ``j.k``), so "J.K. Rowling" and "j.k. rowling" give one key.
    """
    text = resources.files("hubplan.consult").joinpath("public_figures.txt").read_text(encoding="utf-8")
    lines = (line.strip() for line in text.splitlines())
    return frozenset(
        tuple(figure_word(w) for w in line.split()) for line in lines if line and not line.startswith("#")
    )


def figure_word(word: str) -> str:
    """Return ``word`` as ``public_figures`` keys it: lower case, no trailing full stop, no possessive.

    Examples
    --------
    >>> figure_word("Parton's")
    'parton'
    >>> figure_word("J.K.")
    'j.k'
    """
    return re.sub(r"['’]s$", "", word.lower()).rstrip(".")


# Words that end an organisation's or service's name when they close a Title-Case phrase.
_ORG_WORDS = (
    r"(?:Trust|Bank|Advice|Centre|Center|Services?|Group|Club|Charity|Children|Foundation|Society|"
    r"Association|Project|Network|Partnership|Hub|Library|Aid|Army|Alliance|Collective|Pantry|Larder|"
    r"Cafe|Café|Matters?|Sensory|Clinic|Surgery|Programme|Program|Forum|Board|Panel|Committee|"
    # places of worship ("Trinity Methodist", "Medhanie Alem Eritrean Orthodox") and sessions' names
    # ("Tiny Talkers", "Tumble Tots"); not Baptist, Parish or Church, which are surnames too
    r"Methodist|Pentecostal|Orthodox|Mosque|Masjid|Gurdwara|Mandir|Synagogue|"
    r"Fellowship|Ministries|Talkers|Tots|Tinies|Rhymes|Rhymetime|Sabha|Samaj|Scheme|"
    # benefits and grants: "Kinship Carer Allowance", "Sure Start Maternity Grant"
    r"Allowance|Benefit|Credit|Grant)"
)
_ORG_CAP = r"[A-Z][\w'’&-]*"
# Words of one line, one space apart: a signature's job title ("GP Partner") and the employer under it
# are two names, and so are a signature and a form's next box ("A. Bunting   Fostering Panel ref").
_TITLE_ORG = re.compile(
    rf"(?<![\w'’-])(?:{_ORG_CAP} (?:(?:for|of|in|on) (?:the )?|the )?)+{_ORG_WORDS}"
    r"(?![\w'’-])"
)

_NO_SURNAME = _words(
    "Methodist Pentecostal Orthodox Mosque Masjid Gurdwara Mandir Synagogue Ministries Sabha Samaj"
)
"""Last words of a place of worship's name, nobody's surname: a first name before them is the name's."""
_WORKPLACE_ORG_WORDS = _words("Surgery Clinic Cafe Café Pharmacy Practice Service Services Trust")
_TITLE_WORDS = _words("Mr Mrs Ms Miss Mx Dr Prof Rev Revd Pastor Imam Nurse Sister Auntie Aunty Uncle")
# High-street banks: "<name> Bank" is then an employer, not a food or baby bank.
_BANKS = _words("barclays lloyds hsbc natwest santander halifax nationwide tsb metro monzo starling virgin")


@functools.cache
def _gazetteer() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Compile the organisations list: (any case, capitalised only for names that are English words)."""
    any_case, capitalised = [], []
    for name in organisations():
        words = [re.escape(w).replace("'", "['’]?") for w in re.split(r"[\s-]+", name)]
        pattern = r"[\s-]*".join(words)
        if " " not in name and "-" not in name and name in english_words():
            capitalised.append(pattern[0].upper() + pattern[1:])  # "Mind", "Shelter", not "never mind"
        else:
            any_case.append(pattern)

    def compile_(alts: list[str], flags: int) -> re.Pattern[str]:
        return re.compile(rf"(?<![\w'’-])(?:{'|'.join(alts)})(?![\w-])", flags)

    return compile_(any_case, re.IGNORECASE), compile_(capitalised, 0)


# A place of work's last words after an organisation's ("Heacham Group Practice", "Rainbow Tots Day Nursery")
_A_WORKPLACE_AFTER = re.compile(
    r"\s+(?:Practice|Surgery|(?:Day\s+)?Nursery|Care\s+Home|Nursing\s+Home|Pre-?[Ss]chool|Playgroup|"
    r"Childminding|Caf[eé]|Hotel|Restaurant|Ltd|Limited)\b"
)


def organisation_spans(text: str, *, for_employers: bool = False) -> list[tuple[int, int]]:
    """Return the spans of organisation and service names in ``text``: never a person or an employer.

    Parameters
    ----------
    text
        Free text.
    for_employers
        Whether the spans are to cut a workplace: then a Title-Case phrase that ends in a word for a
        place of work (Surgery, Clinic, Cafe, Pharmacy, Practice) is no organisation ("a GP at
        Howdale Surgery" names where the respondent works; "Action for Children" stays cut).

    Returns
    -------
    list of (start, end)
        Character offsets (end exclusive) of every name on ``organisations.txt`` (Home-Start, Citizens
        Advice, food bank, health visitors, ...) and of every Title-Case phrase that ends in an
        organisation word (Trust, Bank, Advice, Centre, Service, Group, Club, Charity, Children, ...:
        "Action for Children", "Swaffham Baby Bank"), less a first name in the possessive that opens
        it ("Kerry's Group" keeps "Kerry's" a name) and a high-street bank ("Lloyds Bank").
    """
    spans: list[tuple[int, int]] = []
    for pattern in _gazetteer():
        spans += [(m.start(), m.end()) for m in pattern.finditer(text)]
    for m in _TITLE_ORG.finditer(text):
        if (
            for_employers
            and (
                m[0].split()[-1] in _WORKPLACE_ORG_WORDS
                or re.search(
                    r"(?:Medical|Health|Garden|Leisure|Distribution|Call|Research|Sports|Business|Tyre|Tyres|Car|"
                    r"Auto|Motor|Trade|Tile|Carpet|Print|Fitness|Dental|Hire|Timber|Craft|Retail|Warehouse|"
                    r"Shopping|Conference|Innes|Enterprise|Contact|Engineering|Technology|Innovation|Data|"
                    r"Science|Logistics|Service|Operations)\s+Centre$",
                    m[0],
                )
                or _A_WORKPLACE_AFTER.match(text, m.end())
                # a signature's cell after a bar: "Karen Jelf | Practice Manager | Forest Health Partnership"
                or re.search(r"\|[ \t]*\Z", text[max(0, m.start() - 3) : m.start()])
            )
        ):
            continue  # "X Medical Centre", "Heacham Group Practice", "Sunny Bank Care Home": a workplace
        words = list(re.finditer(r"\S+", m[0]))
        # A person's name or title inside ("Dr Patel's Surgery", "Kerry's Group") stays a name: the
        # organisation starts after the last such word.
        for i in range(len(words) - 2, -1, -1):
            word = re.sub(r"['’]s$", "", words[i][0]).rstrip(".")
            if word == words[i][0] and words[-1][0] in _NO_SURNAME and word not in _TITLE_WORDS:
                continue  # "Trinity Methodist": no one's surname ends it
            if is_first_name(word) or word in _TITLE_WORDS:
                words = words[i + 1 + (word in _TITLE_WORDS) :]  # a title: its surname too
                break
        if len(words) < 2 or (words[-1][0] == "Bank" and words[-2][0].lower() in _BANKS):
            continue
        spans.append((m.start() + words[0].start(), m.end()))
    return sorted(set(spans))


def not_a_name(words: str) -> bool:
    """Return whether every word of ``words`` is a capitalised word that is not a name (days, months, ...)."""
    return all(w.lower().strip("'’s") in _NOT_NAMES or w.lower() in _NOT_NAMES for w in words.split())
