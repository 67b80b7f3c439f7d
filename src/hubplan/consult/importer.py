"""Import consultation responses from a survey export: map its columns, check each row, keep good ones."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from hubplan.consult.shared import shared_groups, shared_note
from hubplan.consult.timestamps import parse_times
from hubplan.data.read_table import shown
from hubplan.data.safe_read import decode_text, file_kind, read_user_bytes, read_user_text
from hubplan.data.sense import hidden_character, number_key
from hubplan.errors import InputError, Problem

COLUMNS = ("response_id", "submitted_at", "respondent_type", "postcode", "centre", "support", "comment")
"""The canonical columns; a mapping file renames a survey tool's columns to these."""

OPTIONAL = ("response_id", "respondent_type")
"""Columns an export may lack: ids are then made from each response's answers (:func:`made_id`), and
``respondent_type`` is left blank ("not asked": many forms do not ask it)."""

MADE_ID_PREFIX = "auto-"
"""How an id made by hubplan begins (:func:`made_id`)."""

SECOND_HEADER = frozenset({"Response", "Open-Ended Response"})
"""What SurveyMonkey writes in its second header row under each question."""

RESPONDENT_TYPES = ("parent", "grandparent", "professional", "organisation", "other")
SUPPORT = ("agree", "disagree", "neutral", "")


SUPPORT_ANSWERS = {
    **dict.fromkeys(
        ("agree", "strongly agree", "tend to agree", "somewhat agree", "mostly agree", "slightly agree",
         "yes", "support", "strongly support", "tend to support", "in favour"), "agree"),
    **dict.fromkeys(
        ("disagree", "strongly disagree", "tend to disagree", "somewhat disagree", "mostly disagree",
         "slightly disagree", "no", "oppose", "strongly oppose", "tend to oppose", "object", "against"),
        "disagree"),
    **dict.fromkeys(
        ("neutral", "neither agree nor disagree", "neither agree or disagree", "neither", "don't know",
         "dont know", "do not know", "not sure", "unsure", "no opinion", "no view"), "neutral"),
}  # fmt: skip
"""The answers survey tools export to "Do you agree?" (five-point scales included), read as ``SUPPORT``."""

RESPONDENT_ANSWERS = {
    **dict.fromkeys(
        ("parent", "parent or carer", "parent/carer", "parent / carer", "parent or guardian", "carer",
         "mother", "father", "mum", "dad", "foster carer", "expectant parent", "parent-to-be"), "parent"),
    **dict.fromkeys(("grandparent", "grandparent or relative", "relative", "family member"), "grandparent"),
    **dict.fromkeys(
        ("professional", "practitioner", "member of staff", "staff", "health professional",
         "professional working with families", "professional working with children", "childminder",
         "teacher", "health visitor"), "professional"),
    **dict.fromkeys(
        ("organisation", "organization", "on behalf of an organisation", "charity", "community group",
         "group", "business", "school", "nursery"), "organisation"),
    **dict.fromkeys(
        ("other", "member of the public", "resident", "local resident", "none of these", "prefer not to say"),
        "other"),
}  # fmt: skip
"""The answers survey tools export to "Are you ...?", read as ``RESPONDENT_TYPES``."""

_LEAD = re.compile(r"^(?:i\s+am\s+|i'?m\s+|responding\s+as\s+|as\s+)?(?:an?\s+)?")


def closed_answer(cell: str, answers: dict[str, str]) -> str:
    """Read an answer to a closed question as hubplan's word for it, or return it in lower case.

    Survey tools export the words the form showed: "Strongly disagree", "A parent or carer", "I am a
    grandparent". Case, spaces, a leading "I am"/"a"/"an" and a full stop are ignored; an answer no
    table lists is returned in lower case, for the row's check to name.

    Parameters
    ----------
    cell
        The export's cell.
    answers
        :data:`SUPPORT_ANSWERS` or :data:`RESPONDENT_ANSWERS`.

    Returns
    -------
    str
        One of ``SUPPORT`` or ``RESPONDENT_TYPES`` when the answer is known, else the cell in lower case.

    Examples
    --------
    >>> closed_answer("Strongly Disagree", SUPPORT_ANSWERS)
    'disagree'
    >>> closed_answer("A parent or carer", RESPONDENT_ANSWERS)
    'parent'
    """
    text = " ".join(cell.lower().replace("’", "'").split()).rstrip(".")
    return answers.get(text) or answers.get(_LEAD.sub("", text)) or text


MAX_RESPONSES_BYTES = 200_000_000
"""The largest export read (bytes): 200 MB, some hundred thousand long responses."""

MAX_MAPPING_BYTES = 100_000
"""The largest mapping file read (bytes): a few lines name seven columns."""

_SAVE_AS_UTF8 = "in Notepad: File, Save as, Encoding UTF-8"

MAX_PROBLEMS_SHOWN = 20
"""The most problems an import that keeps no row lists (the rest are counted)."""

MAX_CELL_CHARS = csv.field_size_limit()
"""The most characters one cell may hold (Python's csv limit, 131,072): a longer one is named."""


@dataclass(frozen=True)
class ImportResult:
    """What an import found: the good rows (canonical columns), each problem with its row, the file's hash."""

    rows: list[dict[str, str | int]]
    problems: list[Problem]
    sha256: str = ""
    notes: list[str] = field(default_factory=list)
    """What was kept but deserves a look (responses dated outside the consultation's period)."""


def read_mapping(path: Path) -> dict[str, str]:
    """Read a mapping file: ``[columns]`` with ``canonical = "Column in the export"`` lines.

    The file is read as every other file is (a regular file, size checked; UTF-8, or UTF-16 with its
    byte-order mark as Windows Notepad saves "Unicode"; other encodings are named, not guessed).

    Parameters
    ----------
    path
        A TOML file.

    Returns
    -------
    dict
        Export column -> canonical column.

    Raises
    ------
    InputError
        For a file that cannot be read as UTF-8 text or is not TOML, a name outside ``[columns]``, an
        unknown canonical name, a column name that is not text, or one export column given for two
        canonical names.
    """
    text = read_user_text(path, MAX_MAPPING_BYTES, what="a TOML mapping file", advice=_SAVE_AS_UTF8)
    if "\x00" in text:  # a binary file (UTF-16 with or without its mark is read as text)
        line = text[: text.index("\x00")].count("\n") + 1
        found = "a NUL byte (is it a binary file?)"
        raise InputError([Problem(path.name, line, None, f"UTF-8 text ({_SAVE_AS_UTF8})", found)])
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError, RecursionError) as exc:
        where = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        found = shown(str(exc)[: where.start()].strip() if where else str(exc), quoted=False)
        expected = 'a TOML mapping file: [columns], then lines such as comment = "Your comments"'
        row = int(where.group(1)) if where else None
        raise InputError([Problem(path.name, row, None, expected, found)]) from None
    columns = data.get("columns", {})
    if not isinstance(columns, dict):
        raise InputError([Problem(path.name, None, "columns", "a table of names", shown(columns))])
    outside = [k for k in data if k != "columns"]  # names typed above [columns], or with no [columns]
    problems = [
        Problem(path.name, None, k, "each name under a [columns] line", "a name outside [columns]")
        for k in outside
    ]
    problems += [
        Problem(path.name, None, f"columns.{k}", f"one of {', '.join(COLUMNS)}", "an unknown name")
        for k in columns
        if k not in COLUMNS
    ]
    named: dict[str, str] = {}
    for canonical, column in columns.items():
        if not isinstance(column, str) or not column.strip():
            expected = 'the name of a column of the export, in quotes (comment = "Your comments")'
            problems.append(Problem(path.name, None, f"columns.{canonical}", expected, shown(column)))
        elif (other := named.setdefault(column.strip(), canonical)) != canonical:
            expected = f"a column no other name is mapped to (columns.{other} is mapped to it too)"
            found = f"{shown(column.strip())} for both {other} and {canonical}"
            problems.append(Problem(path.name, None, f"columns.{canonical}", expected, found))
    if problems:
        raise InputError(problems, f"the mapping {path.name} has {len(problems)} problem(s)")
    return named


def read_responses(
    path: Path,
    *,
    mapping: dict[str, str] | None = None,
    within: Path | None = None,
    period: tuple[date, date] | None = None,
    today: date | None = None,
) -> ImportResult:
    """Read and check a CSV export; malformed rows become problems, valid rows are kept.

    No message quotes what a respondent wrote: a problem names the file, row and column and says what
    kind of value is there (its length), never the value itself, since cells hold postcodes and comments.

    Parameters
    ----------
    path
        The CSV (UTF-8; header first).
    mapping
        Export column -> canonical column (from :func:`read_mapping`); each export column it names
        must be in the file.
    within
        A folder the file must stay in (a workspace's own ``responses*.csv``); ``None`` for a file
        named on the command line. Either way only a regular file is read (no FIFO or device).
    period
        The consultation's first and last day (``decision.yaml``); responses dated outside it are kept
        and listed in the result's notes.
    today
        The date no response can be after (default: the computer's date); a later one is a problem.

    Returns
    -------
    ImportResult
        Valid rows with every canonical column, and the problems (file, row, column).

    Raises
    ------
    InputError
        When the file cannot be read at all, is empty or holds only a header, lacks a canonical column
        (but those in :data:`OPTIONAL`) or has two columns read as one, has a row with more or fewer
        fields than the header, a NUL byte or a cell over :data:`MAX_CELL_CHARS`, or when no row can be
        kept.
    """
    problems: list[Problem] = []
    raw = read_user_bytes(path, MAX_RESPONSES_BYTES, problems, what="a CSV export of responses", root=within)
    if raw is None:
        raise InputError(problems)
    header, records, blank = _read_csv(path.name, raw)
    position = _positions(path.name, header, mapping or {})
    notes = []
    if blank:
        more = ", ..." if len(blank) > MAX_PROBLEMS_SHOWN else ""
        listed = ", ".join(str(r) for r in blank[:MAX_PROBLEMS_SHOWN]) + more
        rows_word = "row" if len(blank) == 1 else "rows"
        notes.append(
            f"{path.name}: {len(blank)} blank {rows_word} skipped ({rows_word} {listed}: no cell filled in); "
            "the other rows keep the numbers the spreadsheet shows"
        )
    if _second_header(records[0][1], position):
        notes.append(
            f"{path.name}: row {records[0][0]} is SurveyMonkey's second header row ('Response', "
            "'Open-Ended Response' under each question): skipped"
        )
        records = records[1:]
        if not records:
            expected = "at least one response below the header rows"
            raise InputError(
                [Problem(path.name, None, None, expected, "only header rows")],
                f"{path.name} holds no responses",
            )
    if position["response_id"] < 0:
        notes.append(
            f"{path.name} has no response_id column (Google Forms exports have none): each response's id "
            f"is made from its answers ('{MADE_ID_PREFIX}' and 12 characters of a SHA-256 of its time and "
            "answers), so importing this file or a later export of the same form again adds each response "
            "once; map response_id to a column of ids if the export has one"
        )
    if position["respondent_type"] < 0:
        notes.append(
            f"{path.name} has no respondent_type column: respondent_type is left blank ('not asked'); map "
            "it to the question that asks who is responding if the form has one"
        )
    stamps = [record[position["submitted_at"]].strip() for _, record in records]
    times = parse_times(stamps, rows=[row for row, _ in records])
    rows: list[dict[str, str | int]] = []
    outside: list[int] = []
    latest = (today or date.today()) + timedelta(days=1)  # a day's grace for time zones
    first: dict[str, tuple[int, dict[str, str]]] = {}
    repeated: dict[str, list[int]] = {}
    copies: list[tuple[int, int]] = []  # (row, the earlier row it repeats exactly)
    for (row, record), when in zip(records, times, strict=True):
        cells: dict[str, str] = {c: record[position[c]].strip() if position[c] >= 0 else "" for c in COLUMNS}
        if position["response_id"] < 0:
            cells["response_id"] = made_id(cells)
        cells["respondent_type"] = closed_answer(cells["respondent_type"], RESPONDENT_ANSWERS)
        cells["support"] = closed_answer(cells["support"], SUPPORT_ANSWERS)
        cells["postcode"] = postcode_only(cells["postcode"])
        # "R1" and "r1 " are one id, as a reader sees them; so are 1, 1.0 and 01 (a spreadsheet's renderings)
        key = number_key(cells["response_id"])
        if key and key in first:
            other, before = first[key]
            problem = _repeat(path.name, (row, cells), (other, before))
            if problem is not None:
                problems.append(problem)
            else:  # no problem: an exact copy of the earlier row
                copies.append((row, other))
            if _answers(before) != _answers(cells):
                repeated.setdefault(key, []).append(row)
            continue  # the same response again: kept once
        if key:
            first[key] = (row, cells)
        bad = _row_problems(path.name, row, cells, when, latest, asked=position["respondent_type"] >= 0)
        if bad:
            problems += bad
        else:
            rows.append({**cells, "source_file": path.name, "source_row": row})
            if period and isinstance(when, datetime) and not period[0] <= when.date() <= period[1]:
                outside.append(row)
    for key, later in repeated.items():  # neither is kept: which one the respondent meant is not known
        other, before = first[key]
        again = ", ".join(str(r) for r in later)
        which = f"rows {again} give" if len(later) > 1 else f"row {again} gives"
        expected = f"each response_id once ({which} it again with different answers)"
        problems.append(Problem(path.name, other, "response_id", expected, shown_id(before["response_id"])))
    rows = [r for r in rows if number_key(str(r["response_id"])) not in repeated]
    if not rows:  # every row has a problem (an export in a form not read, say): nothing to import
        shown_problems = sorted(problems, key=lambda p: p.row or 0)[:MAX_PROBLEMS_SHOWN]
        more = f" (the first {len(shown_problems)} shown)" if len(problems) > len(shown_problems) else ""
        summary = f"{path.name} holds no response that can be imported: {len(problems)} problem(s){more}"
        raise InputError(shown_problems, summary)
    kept = {int(r["source_row"]) for r in rows}
    if copies:
        notes.append(_copies_note(path.name, copies, kept))
    outside = [row for row in outside if row in kept]
    if outside and period:
        more = ", ..." if len(outside) > MAX_PROBLEMS_SHOWN else ""
        listed = ", ".join(str(r) for r in outside[:MAX_PROBLEMS_SHOWN]) + more
        notes.append(
            f"{len(outside)} response(s) dated outside the consultation's period in decision.yaml "
            f"({period[0]:%d %B %Y} to {period[1]:%d %B %Y}): rows {listed}. They are kept; check the "
            "export's dates and the record's if they should not be there."
        )
    groups = shared_groups([str(r["comment"]) for r in rows])
    if groups:
        first_rows = ", ".join(str(rows[i]["source_row"]) for i in groups[0][:MAX_PROBLEMS_SHOWN])
        more = ", ..." if len(groups[0]) > MAX_PROBLEMS_SHOWN else ""
        notes.append(
            f"{path.name}: {len(rows):,} rows kept, {shared_note([len(g) for g in groups])} "
            f"(rows {first_rows}{more} have the most shared one): each is stored as a response, and "
            "consult summary and the report say how many share a text (a campaign's or a template's words?)"
        )
    return ImportResult(rows, problems, hashlib.sha256(raw).hexdigest(), notes)


def _copies_note(file: str, copies: list[tuple[int, int]], kept: set[int]) -> str:
    """Say which rows repeat an earlier row of the file exactly, and that each response is stored once.

    A form submitted twice, or an export appended to itself, gives the same row again: one response,
    read once, but named, as blank rows are, so the count of valid rows is not a puzzle.
    """
    rows = [row for row, _ in copies]
    more = ", ..." if len(rows) > MAX_PROBLEMS_SHOWN else ""
    listed = ", ".join(str(r) for r in rows[:MAX_PROBLEMS_SHOWN]) + more
    n = len(rows)
    said = (
        f"{file}: {n} rows repeat an earlier row of the file (rows {listed})"
        if n > 1
        else f"{file}: 1 row repeats an earlier row of the file (row {listed})"
    )
    skipped = sum(earlier not in kept for _, earlier in copies)
    if not skipped:
        return f"{said}: stored once"
    if skipped == n:
        return f"{said}: skipped with the row {'each' if n > 1 else 'it'} repeats, which has a problem"
    return f"{said}: stored once; {skipped} of them repeat a row that has a problem, and are skipped with it"


def _positions(file: str, header: list[str], mapping: dict[str, str]) -> dict[str, int]:
    """Return where each canonical column is, once the mapping renames the export's columns.

    Raises InputError when the mapping names a column the file lacks, a canonical column is missing,
    or two columns would both be read as one canonical column (the export's own ``comment`` beside a
    column the mapping renames to ``comment``).
    """
    given = [c.strip() for c in header]
    separator = next((c for c in ";\t|" if len(given) == 1 and c in given[0]), None)
    if separator is not None:  # "Unicode Text" and "Tab delimited" exports; a decimal-comma CSV
        name = {";": "';'", "\t": "tabs", "|": "'|'"}[separator]
        expected = "cells separated by commas (in a spreadsheet, save as 'CSV UTF-8 (Comma delimited)')"
        found = f"cells separated by {name}: {shown(given[0])}"
        raise InputError([Problem(file, 1, None, expected, found)])
    absent = [
        Problem("mapping", None, f"columns.{canonical}", f"a column of {file}", repr(column))
        for column, canonical in mapping.items()
        if column not in given
    ]
    if absent:
        raise InputError(absent, f"the mapping names {len(absent)} column(s) {file} does not have")
    renamed = [mapping.get(c, c) for c in given]
    missing = [c for c in COLUMNS if c not in renamed and c not in OPTIONAL]
    if missing:
        absent = [Problem(file, 1, c, f"a column '{c}' (or a mapping to it)", "none") for c in missing]
        raise InputError(absent, f"{file} lacks {len(missing)} column(s)")
    twice = []
    for canonical in COLUMNS:
        sources = [shown(given[i]) for i, c in enumerate(renamed) if c == canonical]
        if len(sources) > 1:
            found = f"{len(sources)} columns read as it: {' and '.join(sources)}"
            expected = "one column for it (rename the others, or map it to another column)"
            twice.append(Problem(file, 1, canonical, expected, found))
    if twice:
        raise InputError(twice, f"{file} has {len(twice)} column(s) given twice")
    return {c: renamed.index(c) if c in renamed else -1 for c in COLUMNS}


def made_id(cells: dict[str, str]) -> str:
    """Return an id for a response from an export without ids: a hash of its time and answers.

    The same response in a later export (more rows, another order, another file name) gets the same
    id, so it is stored once; an edited answer makes a new id.

    Parameters
    ----------
    cells
        The response's canonical cells as the export has them (``response_id`` aside).

    Returns
    -------
    str
        :data:`MADE_ID_PREFIX` and the first 12 hex digits of the SHA-256 of the cells.

    Examples
    --------
    >>> made_id({"submitted_at": "2019/01/14 10:32:11", "comment": "ok"})[:5]
    'auto-'
    """
    text = "\x1f".join(cells.get(c, "") for c in COLUMNS if c != "response_id")
    return MADE_ID_PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _second_header(cells: list[str], position: dict[str, int]) -> bool:
    """Whether the first record is SurveyMonkey's second header row ("Response" under each question)."""
    given = [c.strip() for c in cells]
    blank = [i for i in (position["response_id"], position["submitted_at"]) if i >= 0]
    return any(c in SECOND_HEADER for c in given) and all(not given[i] for i in blank)


def _repeat(file: str, this: tuple[int, dict[str, str]], first: tuple[int, dict[str, str]]) -> Problem | None:
    """Return the problem of a row whose id a reader cannot tell from an earlier row's (None: an exact copy).

    The same answers under the id written differently (``R12`` and ``r12``) are one response, kept once
    and named; other answers under the same id are named here and at the first row, and neither is kept.
    """
    (row, cells), (other, before) = this, first
    given, earlier = cells["response_id"], before["response_id"]
    if _answers(before) != _answers(cells):
        expected = f"each response_id once, or the same response again (row {other} has {shown_id(earlier)})"
        return Problem(file, row, "response_id", expected, f"{shown_id(given)} with different answers")
    if given != earlier:
        expected = f"each response_id written one way (row {other} has {shown_id(earlier)}, the same answers)"
        return Problem(file, row, "response_id", expected, f"{shown_id(given)}: kept once, as row {other}")
    return None


_POSTCODE = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{1,2}\d[A-Za-z\d]?)\s*(\d[A-Za-z]{2})(?![A-Za-z0-9])")
_DISTRICT_ONLY = re.compile(r"[A-Za-z]{1,2}\d[A-Za-z\d]?")


_CONTACT = re.compile(r"@|(?<![\d])(?:\+\s?44|0)(?:[\s().-]*\d){9,10}(?![\d])")
"""An e-mail address or a UK phone number (0 or +44 and ten digits): an id taken from a person. A
survey tool's own numeric ids (SurveyMonkey's eleven digits) are shown."""


def shown_id(response_id: str) -> str:
    """Show a response's id in a message, unless it looks like an e-mail address or a phone number.

    Parameters
    ----------
    response_id
        The id as the export has it.

    Returns
    -------
    str
        The id quoted, or a description that does not quote it.

    Examples
    --------
    >>> shown_id("R-017"), shown_id("jo.smith@example.net")
    ("'R-017'", 'an id of 20 characters that looks like an e-mail address or a phone number (not shown)')
    """
    if _CONTACT.search(response_id):
        return (
            f"an id of {len(response_id):,} characters that looks like an e-mail address or a phone number "
            "(not shown)"
        )
    return shown(response_id)


def postcode_only(cell: str) -> str:
    """Return the postcode in a postcode cell and nothing else (people type their whole address there).

    Parameters
    ----------
    cell
        The cell as typed: ``"nr1 9qe"``, ``"12 Hall Road, Norwich NR1 9QE"``, ``"NR1"``.

    Returns
    -------
    str
        The full postcode in capitals with one space (``"NR1 9QE"``), a postcode district alone
        (``"NR1"``), or ``""`` when the cell holds neither: the rest of the cell is never stored.

    Examples
    --------
    >>> postcode_only("12 Hall Road, Norwich nr1  9qe")
    'NR1 9QE'
    """
    full = _POSTCODE.findall(cell)
    if full:
        outward, inward = full[-1]
        return f"{outward.upper()} {inward.upper()}"
    district = cell.strip()
    return district.upper() if _DISTRICT_ONLY.fullmatch(district) else ""


def _row_problems(
    file: str, row: int, cells: dict[str, str], when: datetime | str, latest: date, *, asked: bool = True
) -> list[Problem]:
    """Return what is wrong with one row's cells (never quoting them); ``when`` is its parsed time.

    ``asked`` is whether the export has a respondent_type column (without one it is left blank).
    """
    bad = []
    if not cells["response_id"]:
        bad.append(Problem(file, row, "response_id", "an id for the response", "an empty cell"))
    elif hidden := hidden_character(cells["response_id"]):
        expected = "an id of visible characters on one line"
        found = f"{shown_id(cells['response_id'])}, with {hidden}"
        bad.append(Problem(file, row, "response_id", expected, found))
    if isinstance(when, str):
        bad.append(Problem(file, row, "submitted_at", when, _describe(cells["submitted_at"])))
    elif when.date() > latest:
        expected = f"a time no later than today ({latest - timedelta(days=1):%d %B %Y})"
        bad.append(Problem(file, row, "submitted_at", expected, f"a time on {when:%d %B %Y}"))
    if asked and cells["respondent_type"] not in RESPONDENT_TYPES:
        expected = f"one of {', '.join(RESPONDENT_TYPES)} (or a survey tool's wording of one)"
        bad.append(Problem(file, row, "respondent_type", expected, _answer_shown(cells["respondent_type"])))
    if cells["support"] not in SUPPORT:
        expected = "agree, disagree, neutral or blank (or a five-point scale's wording of one)"
        bad.append(Problem(file, row, "support", expected, _answer_shown(cells["support"])))
    return bad


def _answers(cells: dict[str, str]) -> dict[str, str]:
    """Return a row's answers: every cell but the id (whose case or spacing may differ between repeats)."""
    return {c: v for c, v in cells.items() if c != "response_id"}


def _answer_shown(value: str) -> str:
    """Show an answer to a closed question when it is a few English words ("sort of"), else describe it.

    A name ("childminder - sarah jones") or anything else a person wrote there is never quoted.
    """
    from hubplan.consult.name_lists import is_english_word, is_text_speak

    words = re.findall(r"[^\W\d_]+", value)
    plain = all(is_english_word(w) or is_text_speak(w) or len(w) <= 2 for w in words)
    if value and len(value) <= 40 and words and plain and not _CONTACT.search(value):
        return shown(value)
    return _describe(value)


def _describe(value: str) -> str:
    """Describe a cell without quoting it (it may hold personal data)."""
    return "an empty cell" if not value else f"another value ({len(value)} characters, not shown)"


def _read_csv(name: str, raw: bytes) -> tuple[list[str], list[tuple[int, list[str]]], list[int]]:
    """Return the header, the (row number, cells) of each non-blank record, and the blank rows below it.

    A row's number is the spreadsheet's: every record counts, a blank one (``,,,,,,``) included, so
    the rows after a blank one keep the numbers a spreadsheet shows them under (a comment over two
    lines is one row, as in a spreadsheet).

    Raises InputError, naming file, row and column but no cell's content, for an empty file, a row
    with more or fewer fields than the header, a NUL byte, a cell over the limit or a malformed quote.
    """
    if kind := file_kind(raw):
        expected = "a CSV export (in a spreadsheet: File, Save as, 'CSV UTF-8')"
        raise InputError([Problem(name, None, None, expected, kind)], f"{name} is not a CSV file")
    decoded: list[Problem] = []
    text = decode_text(raw, decoded, label=name, advice="in a spreadsheet, save as 'CSV UTF-8'")
    if text is None:
        raise InputError(decoded)
    if not text.strip():
        expected = f"a header row ({', '.join(COLUMNS)}) and one row per response"
        found = "an empty file (only a byte-order mark)" if raw.strip() else "an empty file"
        raise InputError([Problem(name, None, None, expected, found)], f"{name} holds no responses")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    records: list[tuple[int, list[str]]] = []
    blank: list[int] = []
    problems: list[Problem] = []
    number = 0
    try:
        for cells in reader:
            number += 1  # the spreadsheet's row: blank rows count too
            if not any(c.strip() for c in cells):
                if header is not None:
                    blank.append(number)  # a blank line, or a spreadsheet's empty row (,,,,,,)
                continue
            if header is None:
                header = [c.strip() for c in cells]
                continue
            problems += _check_record(name, number, header, cells)
            records.append((number, cells))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            expected = f"cells of at most {MAX_CELL_CHARS:,} characters"
            found = f"a longer cell (over {MAX_CELL_CHARS:,} characters)"
        else:
            expected, found = "CSV with balanced quotes", "a malformed quoted cell"
        raise InputError([Problem(name, number + 1, None, expected, found)]) from None
    if header is None:  # pragma: no cover - a non-blank text always has a first record
        raise InputError([Problem(name, None, None, "a header row", "none")])
    if problems:
        shown_problems = problems[:MAX_PROBLEMS_SHOWN]
        raise InputError(shown_problems, f"{name}: {len(problems)} row(s) cannot be read as CSV")
    if not records:
        expected = "at least one response below the header row"
        raise InputError(
            [Problem(name, None, None, expected, "only a header row")], f"{name} holds no responses"
        )
    return header, records, blank


def _check_record(file: str, number: int, header: list[str], cells: list[str]) -> list[Problem]:
    """Problems with one record's shape: extra or missing fields, NUL bytes (content never quoted)."""
    out = []
    if len(cells) > len(header):
        expected = f"{len(header)} fields, as in the header (the last is '{header[-1]}')"
        out.append(Problem(file, number, f"field {len(header) + 1}", expected, f"{len(cells)} fields"))
    elif len(cells) < len(header):
        out.append(
            Problem(
                file,
                number,
                header[len(cells)],
                f"{len(header)} fields, as in the header",
                f"{len(cells)} fields",
            )
        )
    for name, cell in zip(header, cells, strict=False):
        if "\x00" in cell:
            out.append(Problem(file, number, name, "text without NUL bytes", "a NUL byte"))
    return out
