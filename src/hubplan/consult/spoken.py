"""Numbers as people say them or as a scanner reads them: phones, postcodes, house numbers, references.

A voicemail typed up by staff writes what the caller said: "oh seven seven double oh, nine double
oh, three five two" is a phone number, "I P two four, three H Q" a postcode, "twenty-three Canterbury
Way" an address; a comment dictated to a phone spells a plate or an NI number with the phonetic
alphabet ("kilo X six five Lima Mike November", "hotel Sierra five five ..."). A paper form read by
OCR writes letters for digits and digits for letters: "O7700 9OO 5l4", "IP25 6A0". These functions
find them for the recognisers in :mod:`hubplan.consult.recognisers`, which run their own patterns on
what they return.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

_DIGIT_WORDS = {
    "oh": "0", "o": "0", "zero": "0", "nought": "0", "one": "1", "two": "2", "three": "3", "four": "4",
    "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
}  # fmt: skip
_TEENS = {
    "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14", "fifteen": "15",
    "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19",
}  # fmt: skip
_TENS = {
    "twenty": "2", "thirty": "3", "forty": "4", "fifty": "5", "sixty": "6", "seventy": "7", "eighty": "8",
    "ninety": "9",
}  # fmt: skip
_DIGIT = rf"(?:{'|'.join(_DIGIT_WORDS)}|\d)"
_ONE_TO_NINE = "|".join(w for w in _DIGIT_WORDS if _DIGIT_WORDS[w] != "0")
# One spoken token: "double oh", "triple five", "nine hundred", "twenty seven", "fifteen", a digit
# word, a run of digits, or (for postcodes) a letter said on its own ("I P", "n r").
_NUMBER_TOKEN = re.compile(
    rf"(?i:\b(?:double|triple)\s+{_DIGIT}\b|\b(?:{_ONE_TO_NINE})\s+hundred\b"
    rf"|\b(?:{'|'.join(_TENS)})(?:[\s-]+(?:{_ONE_TO_NINE}))?\b|\b(?:{'|'.join(_TEENS)})\b|\b{_DIGIT}\b)|\d+"
)
# A letter said alone, for postcodes: any capital, or a lower-case one that is no word ("a", "i") and
# not the "s" of "that's".
_TOKEN = re.compile(rf"{_NUMBER_TOKEN.pattern}|(?<!['’])\b(?:[A-Z]|[b-hj-z])\b")
_GAP = re.compile(r"[\s,.\-]*")
_POSTCODE = re.compile(r"[A-Z]{1,2}\d[A-Z\d]?\d[ABD-HJLNP-UW-Z]{2}")


def _spoken_runs(text: str, token: re.Pattern[str] = _TOKEN) -> Iterator[tuple[int, int, str]]:
    """Yield (start, end, what was said) for each run of spoken tokens on one line, joined."""
    pos = 0
    while (first := token.search(text, pos)) is not None:
        start, end, said = first.start(), first.end(), [_said(first[0])]
        while True:
            gap = _GAP.match(text, end)
            nxt = token.match(text, gap.end() if gap else end)
            if nxt is None or "\n" in text[end : nxt.start()]:
                break
            end = nxt.end()
            said.append(_said(nxt[0]))
        pos = end
        yield start, end, "".join(said)


# The phonetic alphabet (ICAO), as people spell a plate or a reference over the phone.
_PHONETIC = {
    "alpha": "A", "alfa": "A", "bravo": "B", "charlie": "C", "delta": "D", "echo": "E", "foxtrot": "F",
    "golf": "G", "hotel": "H", "india": "I", "juliet": "J", "juliett": "J", "kilo": "K", "lima": "L",
    "mike": "M", "november": "N", "oscar": "O", "papa": "P", "quebec": "Q", "romeo": "R", "sierra": "S",
    "tango": "T", "uniform": "U", "victor": "V", "whiskey": "W", "whisky": "W", "x-ray": "X", "xray": "X",
    "yankee": "Y", "zulu": "Z",
}  # fmt: skip
# One token of a reference spelt aloud: a word of the phonetic alphabet, or a spoken digit or letter.
_SPELT_TOKEN = re.compile(rf"(?i:\b(?:{'|'.join(_PHONETIC)})\b)|{_TOKEN.pattern}")
_LONGEST_REFERENCE = 12
"""The most tokens a spelt reference takes (an NHS number's ten digits, "double" and all)."""


def spoken_references(
    text: str, pattern: re.Pattern[str], valid: Callable[[str], bool] | None = None
) -> Iterator[tuple[int, int]]:
    """Yield the spans of references spelt aloud that ``pattern`` reads whole once written out.

    "kilo X six five Lima Mike November" is "KX65LMN", a plate; "hotel Sierra five five two one oh
    nine B" is "HS552109B", an NI number. The longest run of tokens on a line that says at least one
    word and whose letters and digits, joined, ``pattern`` matches in full.

    Parameters
    ----------
    text
        The whole text.
    pattern
        What the reference looks like written out, in capitals without spaces.
    valid
        A further check of what was said, written out (an NHS number's check digit), or None.
    """
    for run in _token_runs(text):
        i = 0
        while i < len(run):
            for j in range(min(len(run), i + _LONGEST_REFERENCE) - 1, i - 1, -1):
                start, end = run[i][0], run[j][1]
                said = "".join(t[2] for t in run[i : j + 1])
                spoken = pattern.fullmatch(said) and re.search(r"(?i)[a-z]{2}", text[start:end])
                if spoken and (valid is None or valid(said)):
                    yield start, end
                    i = j
                    break
            i += 1


def spelt_out(words: str) -> str:
    """Return what words spell aloud, written out: "four eight five" -> "485", "kilo X six" -> "KX6".

    Parameters
    ----------
    words
        A run of spelt tokens (as :func:`spoken_references` finds).
    """
    return "".join(_said(m[0]).upper() for m in _SPELT_TOKEN.finditer(words))


@functools.lru_cache(maxsize=4)
def _token_runs(text: str) -> tuple[tuple[tuple[int, int, str], ...], ...]:
    """Return each run of spelt tokens on one line, as (start, end, what it stands for) per token.

    Kept for the last few texts: the NI, plate and NHS recognisers read the same runs of a comment.
    """
    runs: list[tuple[tuple[int, int, str], ...]] = []
    run: list[tuple[int, int, str]] = []
    for m in _SPELT_TOKEN.finditer(text):
        if run:
            gap = _GAP.fullmatch(text, run[-1][1], m.start())
            if gap is None or "\n" in gap[0]:
                runs.append(tuple(run))
                run = []
        run.append((m.start(), m.end(), _said(m[0]).upper()))
    if run:
        runs.append(tuple(run))
    return tuple(runs)


def _said(token: str) -> str:
    """Return the digits or letter a spoken token stands for ("double oh" -> "00", "kilo" -> "K")."""
    words = token.lower().replace("-", " ").split()
    if words[0] in ("double", "triple"):
        return _DIGIT_WORDS.get(words[1], words[1]) * (2 if words[0] == "double" else 3)
    if words[-1] == "hundred":
        return _DIGIT_WORDS[words[0]] + "00"
    if words[0] in _TENS:
        return _TENS[words[0]] + (_DIGIT_WORDS[words[1]] if len(words) > 1 else "0")
    if words[0] in _TEENS:
        return _TEENS[words[0]]
    if token.isdigit() or (len(token) == 1 and token.lower() != "o"):
        return token
    return _PHONETIC.get(words[0]) or _DIGIT_WORDS.get(words[0], token)


def spoken_phones(text: str) -> Iterator[tuple[int, int]]:
    """Yield the spans of UK phone numbers said in words ("oh seven seven double oh, nine ...").

    A run counts when it says at least one digit in words and comes to a UK number: 11 digits from
    "0", or "44" and ten more.

    Parameters
    ----------
    text
        The whole text.
    """
    for start, end, said in _spoken_runs(text, _NUMBER_TOKEN):
        words = text[start:end]
        if not re.search(r"(?i)[a-z]{2}", words) or not said.isdigit():
            continue
        tokens = list(_NUMBER_TOKEN.finditer(words))
        if sum(t[0].isdigit() for t in tokens) * 2 >= len(tokens):
            continue  # "ages 0, 3, 7, 11, 14, nineteen", "2019, 2020, twenty one": figures, not a number
        if (said.startswith("0") and len(said) == 11) or (said.startswith("44") and len(said) == 12):
            yield start, end


def spoken_postcodes(text: str) -> Iterator[tuple[int, int]]:
    """Yield the spans of postcodes said letter by letter ("I P two four, three H Q").

    Parameters
    ----------
    text
        The whole text.
    """
    for start, end, said in _spoken_runs(text):
        if re.search(r"(?i)[a-z]{2}", text[start:end]) and _POSTCODE.fullmatch(said.upper().replace(" ", "")):
            yield start, end


_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1"})
_OCR_TOKEN = r"[\dOolI]*\d[\dOolI]*"
_OCR_RUN = re.compile(rf"(?<![A-Za-z]){_OCR_TOKEN}(?:[ /.-]{_OCR_TOKEN})*(?![A-Za-z])")
_OCR_POSTCODE = re.compile(r"\b([A-Z]{1,2}[\dOlI][A-Z\dOlI]?\s?[\dOlI])([A-Z0]{2})\b")
"""A postcode as a scanner may read it: digits as O, l or I, its last letters as 0 or O."""


def ocr_digits(text: str) -> str:
    """Return ``text`` with the letters a scanner reads for digits put back where digits are meant.

    In a run of tokens that each hold a digit, with O, o, l or I among them, and four digits or more
    in all ("O7700 9OO 5l4", "O1/O9/2O21"), the letters become 0 and 1; in a postcode's last two
    letters, a 0 or O (never used there) becomes D, so it reads as the postcode it is ("IP25 6A0").
    Words are untouched, and the result has the same length, so spans found in it are spans of
    ``text``.

    Parameters
    ----------
    text
        The whole text.
    """

    def digits(m: re.Match[str]) -> str:
        return m[0].translate(_OCR_DIGITS) if sum(c.isdigit() for c in m[0]) >= 4 else m[0]

    def letters(m: re.Match[str]) -> str:
        area = re.match(r"[A-Z]{1,2}", m[1])
        cut = area.end() if area else 0
        # The last two letters are never O (Royal Mail): a 0 or O there is a misread letter; D
        # stands in for it so the postcode's pattern matches.
        tail = m[2].replace("0", "D").replace("O", "D") if re.search("[A-Z]", m[2]) else m[2]
        return m[1][:cut] + m[1][cut:].translate(_OCR_DIGITS) + tail

    return _OCR_POSTCODE.sub(letters, _OCR_RUN.sub(digits, text))
