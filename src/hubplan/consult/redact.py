"""Remove personal data from free text before it is published: e-mails, phones, postcodes, numbers, names.

Detection is by pattern, so it is cautious rather than clever: it removes e-mail addresses, UK phone
numbers, full postcodes (reduced to their sector, e.g. ``NR4 7``), house numbers before a street
word, and names introduced by a title (``Mrs Smith``) or a phrase (``my name is``, ``signed``,
``regards``). Raw text stays only in the workspace's store.
"""

from __future__ import annotations

import re

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\d+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d(?:[\s-]?\)?\s?\d){8,9}(?!\d)")
_POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d)[A-Z]{2}\b", re.IGNORECASE)
_STREET = (
    "road|rd|street|st|lane|ln|avenue|ave|close|drive|dr|way|court|ct|crescent|place|gardens|grove|terrace|"
    "hill|row|walk|green|square|mews|view|rise|park"
)
_HOUSE = re.compile(rf"\b\d{{1,4}}[a-z]?(?=\s+(?:[A-Z][a-z]+\s+){{1,3}}(?:{_STREET})\b)", re.IGNORECASE)
_NAME = r"[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+){0,2}"
_TITLED = re.compile(rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+{_NAME}")
_INTRODUCED = re.compile(
    r"\b((?i:my name is|i am called|i'm called|signed|regards|thanks|thank you|yours sincerely|"
    rf"yours faithfully))(,?\s+){_NAME}"
)
_SECTOR = re.compile(r"^\s*([A-Z]{1,2}\d[A-Z\d]?)\s*(\d)[A-Z]{2}\s*$", re.IGNORECASE)


def redact(text: str) -> str:
    """Return ``text`` with personal data replaced by ``[e-mail]``, ``[phone]``, ``[name]`` and so on.

    Parameters
    ----------
    text
        Free text as a respondent wrote it.

    Returns
    -------
    str
        The text safe to publish.

    Examples
    --------
    >>> redact("Call Mrs Jones on 07700 900123 or jo@example.org, 12 Mill Road NR4 7UY")
    'Call [name] on [phone] or [e-mail], [number] Mill Road NR4 7'
    """
    out = _EMAIL.sub("[e-mail]", text)
    out = _PHONE.sub("[phone]", out)
    out = _POSTCODE.sub(lambda m: f"{m[1].upper()} {m[2]}", out)
    out = _HOUSE.sub("[number]", out)
    out = _TITLED.sub("[name]", out)
    return _INTRODUCED.sub(lambda m: f"{m[1]}{m[2]}[name]", out)


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
        return f"{full[1].upper()} {full[2]}"
    district = re.match(r"^\s*([A-Z]{1,2}\d[A-Z\d]?)\s*$", postcode, re.IGNORECASE)
    return district[1].upper() if district else ""


def postcode_district(postcode: str) -> str:
    """Return a postcode's district (``NR4 7UY`` -> ``NR4``), or ''."""
    sector = postcode_sector(postcode)
    return sector.split()[0] if sector else ""
