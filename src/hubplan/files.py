"""Write files so a reader never sees half of one and a failure leaves the old file as it was."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import shutil
import signal
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO

from hubplan.errors import HubplanError

STAGING_PREFIX = ".staging-"
"""Hidden folders a set of files is written to before each is moved into place (``.staging-WRITER-*``,
WRITER as :func:`_writer` gives it)."""

TEMP_PREFIX = ".writing-"
"""Hidden files a file is written to before it is moved into place (``.writing-WRITER-NAME-*.tmp``)."""


GENERATOR_MARK = b'<meta name="generator" content="hubplan">'
"""The line every HTML page hubplan writes carries in its head, so an output folder can tell its own
pages from a user's files beside them."""

_LEGACY_PAGE = re.compile(
    rb"<title>[^<]*: what the options mean for its [^<]*</title>|Made by hubplan"
    rb"|<title>[^<]*consultation: what people said</title>|<title>Every council at once: children"
    rb"|<title>Mobile outreach: (?:timetable by vehicle|when it calls near you)</title>"
)
"""What pages written before :data:`GENERATOR_MARK` was added carry: their titles, and the report's and
centre pages' "Made by hubplan" line (so a rerun after an upgrade replaces them)."""

_LEGACY_SVG = re.compile(rb'^<svg [^>]*class="marks"')
"""A chart SVG as Vega (vl-convert) writes it, before :data:`SVG_MARK` was added."""

MAX_NAME_CHARS = 100
"""The most characters of a file name made from an id (well under the 255 bytes file systems allow)."""

_SAFE_NAME = re.compile(r"[a-z0-9](?:[a-z0-9._-]{0,98}[a-z0-9])?")
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)
"""Names Windows keeps for devices, whatever follows the first dot (``CON.html`` is the console)."""


def safe_file_name(identifier: str, *, suffix: str = "") -> str:
    """Return a file name for ``identifier`` that stays in its folder on any file system.

    An id that is already a plain name (lower-case letters, digits, ``.``, ``_`` and ``-``, starting
    and ending with a letter or digit, at most :data:`MAX_NAME_CHARS` characters, not a name Windows
    keeps for a device) is used as it is. Any other id (``../x``, ``/etc/x``, a NUL, a line break,
    ``CON``, capitals, Unicode, a very long one) becomes a readable ASCII stem, a ``~`` and the first
    12 hex digits of the SHA-256 of its UTF-8 bytes. No plain name holds a ``~``, so the two kinds
    never meet; two ids give the same name only if their hashes agree, which
    :func:`safe_file_names` checks for a whole set. Names never differ only in case, so they stay
    distinct on case-insensitive file systems too.

    Parameters
    ----------
    identifier
        Any text: a site id from a user's file.
    suffix
        Appended as it is, e.g. ``".html"`` (it must itself be safe: the caller's constant).

    Returns
    -------
    str
        The file name, without any folder.

    Examples
    --------
    >>> safe_file_name("cc-dereham", suffix=".html")
    'cc-dereham.html'
    >>> safe_file_name("../../outside/pwned", suffix=".html")
    'outside-pwned~e9f20b8dce53.html'
    """
    if _SAFE_NAME.fullmatch(identifier) and identifier.split(".", 1)[0] not in _RESERVED:
        return f"{identifier}{suffix}"
    ascii_text = unicodedata.normalize("NFKD", identifier).encode("ascii", "ignore").decode("ascii")
    stem = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-") or "id"
    digest = hashlib.sha256(identifier.encode("utf-8", "surrogatepass")).hexdigest()
    return f"{stem}~{digest[:12]}{suffix}"


def safe_file_names(identifiers: Iterable[str], *, suffix: str = "") -> dict[str, str]:
    """Return :func:`safe_file_name` of each id, checked to be unique (ignoring case) across the set.

    Parameters
    ----------
    identifiers
        The ids (repeats are allowed and map to the same name).
    suffix
        Appended to every name.

    Returns
    -------
    dict of str to str
        Id to file name.

    Raises
    ------
    ValueError
        When two different ids would share a file name (a hash collision: not expected in practice).
    """
    names: dict[str, str] = {}
    owner: dict[str, str] = {}
    for identifier in identifiers:
        name = safe_file_name(identifier, suffix=suffix)
        key = name.casefold()
        if owner.setdefault(key, identifier) != identifier:
            msg = f"file names: ids {owner[key]!r} and {identifier!r} would share the name {name!r}"
            raise ValueError(msg)
        names[identifier] = name
    return names


def write_atomically(path: Path, write: Callable[[BinaryIO], None], *, replace: bool = True) -> Path:
    """Write ``path`` through a temporary file in the same folder, then move it into place.

    Parameters
    ----------
    path
        The file to write (its folder is made if missing).
    write
        Writes the contents to the open binary handle it is given.
    replace
        Replace a file already at ``path``. When false the file is linked into place only if
        nothing is there, in one step, so of two writers racing for the same name exactly one
        succeeds and the other gets :class:`FileExistsError`.

    Returns
    -------
    Path
        ``path``, readable by everyone (mode 644), as a file that is shared should be.

    Raises
    ------
    FileExistsError
        When ``replace`` is false and ``path`` exists; nothing is written.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale(path.parent)
        fd, tmp = tempfile.mkstemp(
            dir=path.parent, prefix=f"{TEMP_PREFIX}{_writer()}-{path.name}-", suffix=".tmp"
        )
    except OSError as exc:
        raise _unwritable(path.parent, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        _publish(Path(tmp), path, replace=replace)
    except OSError as exc:
        if exc.filename is None:  # a full disk names no file: name the one being written
            exc.filename = str(path)
        raise
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    return path


def _staging_folder(folder: Path) -> Path:
    """Make ``folder`` if missing and a hidden staging folder inside it, naming ``folder`` on failure."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        remove_stale(folder)
        return Path(tempfile.mkdtemp(dir=folder, prefix=f"{STAGING_PREFIX}{_writer()}-"))
    except OSError as exc:
        raise _unwritable(folder, exc) from None


class FolderNotWritableError(HubplanError, OSError):
    """An output folder that cannot be made or written in, named as the user named it.

    An :class:`OSError` still (a cache that cannot be written is skipped by catching those) and a
    :class:`~hubplan.errors.HubplanError`, so a command says it in one line, never naming a temporary
    file inside the folder.
    """


def _unwritable(folder: Path, exc: OSError) -> FolderNotWritableError:
    """Return the error for an output folder that cannot be written."""
    reason = (exc.strerror or type(exc).__name__).lower()
    error = FolderNotWritableError(f"{folder}: expected a folder hubplan can write in, found {reason}")
    error.errno = exc.errno
    return error


_NO_SPACE = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
"""Errors of a full disk, a full quota or a file-size limit."""


def _no_space(folder: Path, staging: Path, exc: OSError) -> FolderNotWritableError:
    """Return the error for outputs that did not fit, naming ``folder`` and the file being written."""
    written = Path(str(exc.filename)) if exc.filename else None
    name = ""
    if written is not None:
        with contextlib.suppress(ValueError):
            name = f" {written.relative_to(staging)}"
    reason = (exc.strerror or type(exc).__name__).lower()
    error = FolderNotWritableError(
        f"{folder}: could not write{name} ({reason}); nothing in the folder was replaced: free some "
        "space there, or write to a folder on another disk"
    )
    error.errno = exc.errno
    return error


def write_bytes_atomically(path: Path, data: bytes, *, replace: bool = True) -> Path:
    """Write ``data`` to ``path`` atomically (see :func:`write_atomically`)."""

    def write(handle: BinaryIO) -> None:
        handle.write(data)

    return write_atomically(path, write, replace=replace)


def write_files_together(files: Sequence[tuple[Path, bytes]], *, replace: bool = False) -> list[Path]:
    """Write several files into one folder as a set: all of them, or none.

    Every file is first written in full to a hidden staging folder beside the targets; only then is
    each moved into place, with interrupts held back (SIGINT, SIGTERM) so a stopped run cannot leave
    part of the set. If a target turns out to exist (and ``replace`` is false) the ones already
    placed are taken back. The staging folder is removed on success, on any error and on an
    interrupt; one left by a killed process (SIGKILL) is removed by the next call.

    Parameters
    ----------
    files
        (path, contents) pairs, all in the same folder.
    replace
        Replace existing files; when false each is placed only if its name is free.

    Returns
    -------
    list of Path
        The files written, in the order given.

    Raises
    ------
    FileExistsError
        When ``replace`` is false and a target exists; then none of the set is left behind.
    ValueError
        When the files are not all in one folder.
    """
    if not files:
        return []
    folder = files[0][0].parent
    if any(path.parent != folder for path, _ in files):
        msg = "files: expected every path in one folder"
        raise ValueError(msg)
    staging = _staging_folder(folder)
    placed: list[Path] = []
    try:
        staged = []
        for path, data in files:
            tmp = staging / path.name
            with open(tmp, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o644)
            staged.append((tmp, path))
        with _interrupts_held():
            try:
                for tmp, path in staged:
                    _publish(tmp, path, replace=replace)
                    placed.append(path)
            except BaseException:
                if not replace:
                    for path in placed:
                        with contextlib.suppress(OSError):
                            path.unlink()
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return placed


@contextlib.contextmanager
def replaced_together(folder: Path, owned: Sequence[str]) -> Iterator[Path]:
    """Yield an empty staging folder; when the block ends cleanly, swap its entries into ``folder``.

    The caller writes every output (files and sub-folders) into the staging folder, a hidden
    ``.staging-PID-*`` folder inside ``folder`` (so on the same file system). Only when the block
    ends without an error is each name in ``owned`` swapped in: what the staging folder has replaces
    the entry of that name in ``folder``, and an entry the new set does not have is removed (a stale
    page of an earlier run). The swap is a handful of renames with interrupts held back (SIGINT,
    SIGTERM). If the block raises, ``folder`` is left exactly as it was; a staging folder left by a
    killed process (SIGKILL) is removed by the next write into ``folder``. Entries of ``folder`` not
    in ``owned`` (another command's output, the user's own files) are never touched; nor are files
    inside an owned folder that hubplan did not write (:func:`written_by_hubplan`): the new entries
    are swapped in around them, and a new entry with the name of one of them stops the swap. An owned
    name that is itself a file hubplan did not write (the user's own ``report.html``) stops the call
    before the block runs, and again before the swap.

    Parameters
    ----------
    folder
        The output folder (made if missing).
    owned
        The names of the entries the outputs consist of, e.g. ``("report.html", "centres")``; the
        one named last is swapped in last (the file people open first).

    Yields
    ------
    Path
        The staging folder to write into.

    Raises
    ------
    ValueError
        When an owned name is not a plain name inside ``folder``.
    HubplanError
        When an owned name is a file hubplan did not write, or a new page would take the
        name of a user's file in an owned folder; ``folder`` is left as it was.
    """
    for name in owned:
        if not name or name in (".", "..") or "/" in name or "\\" in name or "\x00" in name:
            msg = f"owned: expected plain names inside the folder, got {name!r}"
            raise ValueError(msg)
    refuse_foreign_files(folder, owned)
    staging = _staging_folder(folder)
    try:
        try:
            yield staging
        except OSError as exc:
            if exc.errno not in _NO_SPACE:
                raise
            raise _no_space(folder, staging, exc) from None
        old = staging / ".old"
        old.mkdir()
        refuse_foreign_files(folder, owned)
        foreign = {name: _foreign_entries(folder / name, staging / name) for name in owned}
        with _interrupts_held():
            for name in owned:
                target, new = folder / name, staging / name
                if foreign[name]:
                    _merge_into(target, new, old / name)
                    continue
                if target.is_symlink() or target.exists():
                    os.rename(target, old / name)  # a link is moved, never followed
                if new.is_symlink() or new.exists():
                    os.rename(new, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


SVG_MARK = b"<!-- generator: hubplan -->"
"""The comment an SVG hubplan writes opens with (before its root element, as XML allows)."""

PDF_CREATOR = b"/Creator (hubplan)"
"""What the document information of a PDF hubplan wrote holds (WeasyPrint takes it from the page's
generator line; the PDF is written as version 1.4 so the line is not compressed away)."""


MAX_PDF_BYTES = 256 << 20
"""The most of a PDF searched for :data:`PDF_CREATOR` (a report's PDF is about 1 MB)."""


def written_by_hubplan(path: Path) -> bool:
    """Whether ``path`` is a page, SVG or PDF hubplan wrote (a regular file carrying its generator mark).

    Parameters
    ----------
    path
        An entry of an output folder.

    Returns
    -------
    bool
        ``False`` for links, folders, other files, and files that cannot be read.
    """
    if path.is_symlink() or not path.is_file():
        return False
    try:
        with path.open("rb") as f:
            head = f.read(65536)
            if head.startswith(b"%PDF-"):  # the information sits before the cross-reference table
                return PDF_CREATOR in head + f.read(MAX_PDF_BYTES)
    except OSError:
        return False
    if GENERATOR_MARK in head[:4096] or head.startswith(SVG_MARK) or _LEGACY_SVG.match(head):
        return True
    return path.suffix.lower() in (".html", ".htm") and _LEGACY_PAGE.search(head) is not None


def _first_line(data: bytes) -> bytes:
    return data.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0].rstrip(b"\r")


def same_kind_of_output(path: Path, new: bytes) -> bool:
    """Whether the file at ``path`` is an earlier output of the kind ``new`` is, so it may be replaced.

    A page, SVG or PDF is hubplan's when it carries hubplan's generator mark (:func:`written_by_hubplan`);
    a JSON document when it is an object whose keys are those of ``new`` (but for one optional key
    that one of them lacks); a Parquet table when it has the same columns; any other file (a CSV) when
    its first line, the header, is that of ``new`` but for at most one column's name. A user's
    spreadsheet, a workspace's ``sites.csv`` or any other file someone wrote by hand is none of these.

    Parameters
    ----------
    path
        An existing output path.
    new
        What hubplan is about to write there.

    Returns
    -------
    bool
        ``False`` for links, folders, special files and files that cannot be read.
    """
    if path.is_symlink() or not path.is_file():
        return False
    if written_by_hubplan(path):
        return True
    if new.startswith((b"%PDF-", SVG_MARK)) or GENERATOR_MARK in new[:4096]:
        return False
    if new.startswith(b"PAR1"):
        return _same_parquet_columns(path, new)
    old = _head(path, 64 << 20 if path.suffix.lower() == ".json" else 65536)
    if path.suffix.lower() == ".json":
        return _same_keys(old, new)
    return _same_header(_first_line(old), _first_line(new))


def _same_header(old: bytes, new: bytes) -> bool:
    """Whether two CSV headers are one output's: the same columns, but for at most one renamed.

    ``lots-table.csv`` names its people column after the areas table's (``children`` or ``families``):
    a rerun after that changed is still the same output. A table with other columns is not.
    """
    if not new.strip():
        return False
    was, will = old.split(b","), new.split(b",")
    renamed = 1 if len(will) >= 3 else 0  # a header of one or two columns must match whole
    return len(was) == len(will) and sum(a != b for a, b in zip(was, will, strict=True)) <= renamed


def _head(path: Path, size: int) -> bytes:
    """Return the first ``size`` bytes of a file, or nothing when it cannot be read."""
    try:
        with path.open("rb") as f:
            return f.read(size)
    except OSError:
        return b""


def _same_parquet_columns(path: Path, new: bytes) -> bool:
    """Whether an existing Parquet file has the columns ``new`` has (an earlier export of the same table)."""
    import io

    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    try:
        return bool(pq.read_schema(path).names == pq.read_schema(io.BytesIO(new)).names)
    except (OSError, ValueError):  # not Parquet (pyarrow's errors are both)
        return False


def _same_keys(old: bytes, new: bytes) -> bool:
    """Whether two JSON documents are objects with the same keys (one optional key may come or go)."""
    import json

    try:
        was, will = json.loads(old), json.loads(new)
    except ValueError:
        return False
    if not (isinstance(was, dict) and isinstance(will, dict) and was):
        return False
    # The same keys, but for one optional key that one of the two lacks ("source" in plan.json).
    return len(was.keys() ^ will.keys()) <= 1 and len(was.keys() & will.keys()) >= 2


def check_replaceable(path: Path, new: bytes, *, option: str | None = None) -> None:
    """Refuse, before anything is written, to put an output where a file hubplan did not write is.

    Parameters
    ----------
    path
        Where the output goes.
    new
        What would be written (see :func:`same_kind_of_output`).
    option
        The command-line option that named ``path``, for the message.

    Raises
    ------
    HubplanError
        When ``path`` exists and is not an earlier output of the same kind: a user's own file, a
        workspace table, a link or a folder. It is left as it is.
    """
    if not (path.is_symlink() or path.exists()) or same_kind_of_output(path, new):
        return
    what = "a link" if path.is_symlink() else "a folder" if path.is_dir() else "a file hubplan did not write"
    named = f" (named by {option})" if option else ""
    msg = (
        f"{path}{named} is {what}, so hubplan will not write over it; nothing was written: choose "
        "another name, or move it away first"
    )
    raise HubplanError(msg)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_NUMBER = re.compile(r"[-+]?(?:\d+(?:[.,]\d*)?|\.\d+)(?:[eE][-+]?\d+)?")


def starts_as_formula(text: str) -> bool:
    """Return whether a spreadsheet would run ``text`` as a formula (see :func:`spreadsheet_safe`).

    Parameters
    ----------
    text
        A cell or an id.

    Returns
    -------
    bool
        ``True`` for text starting ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (or a
        full-width form of one) that is not a number written as text.
    """
    return text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text)


def spreadsheet_safe(cell: object) -> object:
    r"""Return a CSV cell so a spreadsheet shows it as text and never runs it as a formula.

    Text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (or their full-width
    forms) is what Excel, LibreOffice and Google Sheets run as a formula: a site id
    ``=HYPERLINK("http://evil.example", "Click")`` in a timetable would be a live link. Such text
    gets a leading apostrophe, as OWASP advises for CSV injection; a number written as text
    (``-1.5``) and any value that is not text are left as they are.

    Parameters
    ----------
    cell
        One value of a CSV output.

    Returns
    -------
    object
        The value, or the text with ``'`` before it.

    Examples
    --------
    >>> spreadsheet_safe('=HYPERLINK("http://x","y")'), spreadsheet_safe("-1.5"), spreadsheet_safe(3)
    ('\'=HYPERLINK("http://x","y")', '-1.5', 3)
    """
    if isinstance(cell, str) and starts_as_formula(cell):
        return "'" + cell
    return cell


def write_output(path: Path, data: bytes, *, option: str | None = None) -> Path:
    """Write an output file atomically, never over a file hubplan did not write.

    Parameters
    ----------
    path
        The file the user named, or a fixed name in the output folder they named.
    data
        Its contents.
    option
        The command-line option that named it, for the message.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    HubplanError
        From :func:`check_replaceable`.
    """
    check_replaceable(path, data, option=option)
    return write_bytes_atomically(path, data)


def check_outputs_first(folder: Path, samples: Mapping[str, bytes], *, option: str | None = None) -> None:
    """Refuse, before a command's work, to write its outputs where files hubplan did not write are.

    :func:`write_outputs` checks again as it writes; this runs first, so a refusal comes before
    minutes of solving rather than after them.

    Parameters
    ----------
    folder
        The output folder (it may not exist yet).
    samples
        Each output's name and the start of what will be written there: a CSV's header line, an
        SVG's or page's generator mark (:data:`SVG_MARK`, :data:`GENERATOR_MARK`). Outputs whose
        content is known only at the end (JSON, Parquet) are checked when written.
    option
        The command-line option that named ``folder``, for the message.

    Raises
    ------
    HubplanError
        Naming the first output whose name a file hubplan did not write holds (see
        :func:`check_replaceable`).
    """
    for name, sample in samples.items():
        check_replaceable(folder / name, sample, option=option)


def write_outputs(files: Sequence[tuple[Path, bytes]], *, option: str | None = None) -> list[Path]:
    """Write a set of outputs into one folder, all or none, never over a file hubplan did not write.

    Parameters
    ----------
    files
        (path, contents) pairs, all in one folder.
    option
        The command-line option that named the folder, for the message.

    Returns
    -------
    list of Path
        The files written, in the order given.

    Raises
    ------
    HubplanError
        From :func:`check_replaceable`, for the first file that may not be replaced; nothing is
        written.
    """
    for path, data in files:
        check_replaceable(path, data, option=option)
    return write_files_together(files, replace=True)


def refuse_foreign_files(folder: Path, owned: Sequence[str]) -> None:
    """Raise :class:`HubplanError` when an owned name in ``folder`` is a file hubplan did not write.

    :func:`replaced_together` calls it before and after its block; a command calls it first as well,
    so a refusal comes before minutes of work rather than after.

    Parameters
    ----------
    folder
        The output folder.
    owned
        The names of the outputs, as :func:`replaced_together` takes them.

    Raises
    ------
    HubplanError
        Naming the first such file.
    """
    pages = [folder / n for n in owned if n.endswith(".html")]
    report_is_ours = any(written_by_hubplan(p) for p in pages)
    for name in owned:
        target = folder / name
        # A folder of pages keeps its user files (see _foreign_entries); a link is swapped out, never
        # followed, so what it names is untouched.
        if target.is_symlink() or not target.exists() or target.is_dir():
            continue
        # A PDF written before PDF_CREATOR was added goes with the hubplan page beside it.
        if name.endswith(".pdf") and report_is_ours and _starts_with(target, b"%PDF-"):
            continue
        if not written_by_hubplan(target):
            msg = (
                f"{target} is a file hubplan did not write, and the report has a file of that name: "
                "move it elsewhere, or choose another --out (nothing was changed)"
            )
            raise HubplanError(msg)


def _starts_with(path: Path, start: bytes) -> bool:
    return _head(path, len(start)) == start


def _foreign_entries(target: Path, new: Path) -> list[str]:
    """Return the entries of an output sub-folder that hubplan did not write (a user's own files).

    Raises
    ------
    HubplanError
        When a new output has the name of one of them: it is never overwritten.
    """
    if target.is_symlink() or not target.is_dir() or new.is_symlink() or not new.is_dir():
        return []
    foreign = sorted(
        e.name
        for e in target.iterdir()
        if not e.name.startswith((STAGING_PREFIX, TEMP_PREFIX)) and not written_by_hubplan(e)
    )
    clash = [name for name in foreign if (new / name).exists() or (new / name).is_symlink()]
    if clash:
        msg = (
            f"{target / clash[0]} is not a page hubplan wrote, and the new report has a page of that "
            "name: move it elsewhere, or choose another --out (nothing was changed)"
        )
        raise HubplanError(msg)
    return foreign


def _merge_into(target: Path, new: Path, old: Path) -> None:
    """Swap hubplan's entries of ``target`` for those of ``new``, leaving every other entry where it is."""
    old.mkdir()
    for entry in target.iterdir():
        if written_by_hubplan(entry) and not (new / entry.name).exists():
            os.rename(entry, old / entry.name)  # a stale page of an earlier report
    for entry in new.iterdir():
        os.replace(entry, target / entry.name)


def remove_stale(folder: Path) -> None:
    """Remove temporary files and staging folders in ``folder`` left by processes that no longer run.

    Parameters
    ----------
    folder
        The folder files are written to.
    """
    for prefix in (STAGING_PREFIX, TEMP_PREFIX):
        for stale in folder.glob(f"{prefix}*"):
            pid, _, started = stale.name.removeprefix(prefix).split("-", 1)[0].partition("@")
            if not pid.isdigit() or _running(int(pid), started=started):
                continue
            if stale.is_dir():
                shutil.rmtree(stale, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    stale.unlink()


def _publish(tmp: Path, path: Path, *, replace: bool) -> None:
    if replace:
        os.replace(tmp, path)
        return
    # A hard link fails if the name is taken, in one step: no window between a check and the write.
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: exclusive creation is still atomic
        with open(path, "xb") as out, open(tmp, "rb") as src:
            shutil.copyfileobj(src, out)
    os.unlink(tmp)


def _started(pid: int) -> str:
    """Return when process ``pid`` started (clock ticks after boot, Linux's /proc), or ``""`` if unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return ""
    fields = stat.rpartition(")")[2].split()  # after the command's name, which may hold spaces
    return fields[19] if len(fields) > 19 and fields[19].isdigit() else ""  # field 22, starttime


def _writer() -> str:
    """Return this process as temporary names carry it: ``PID@START`` (``PID`` where START is unknown).

    The start tells a dead writer's leftovers from a live one's where process ids come round again: in
    a container every run of hubplan may be process 1, so a ``kill -9`` leftover would otherwise look
    like this very process's own, and stay for ever.
    """
    started = _started(os.getpid())
    return f"{os.getpid()}@{started}" if started else str(os.getpid())


def _running(pid: int, *, started: str = "") -> bool:
    """Say whether the writer ``pid`` (which started at ``started``, where known) is still running."""
    if started.isdigit():
        now = _started(pid)
        if now:  # the process of that id is known: it is the writer only if it started then
            return now == started
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """Hold back SIGINT and SIGTERM in the main thread for the block (they arrive after it)."""
    wanted = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, wanted)
    except (OSError, ValueError):
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
