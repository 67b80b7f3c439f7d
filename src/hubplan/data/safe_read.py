"""Read a file a user gave: a regular file inside its folder, its size checked before it is read.

Every file hubplan reads from a workspace (tables, scenarios, settings, the decision record, the
consultation's files) comes through :func:`read_user_bytes`, so none of them can be a FIFO (which
would block forever), a device (``/dev/zero`` never ends), a folder, or a link to a file outside the
workspace, and none is read past its size limit. :func:`decode_text` then turns the bytes into text:
UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order mark are read; anything else
is refused with the line of the first byte that does not fit and the encoding it looks like.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from hubplan.errors import InputError, Problem

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe), which would never end"),
    (stat.S_ISCHR, "a character device (such as /dev/zero), which would never end"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)

_READ_CHUNK = 1 << 20


def megabytes(size: int) -> str:
    """Return a size as people read it: ``12.3 MB``, or ``1,234 bytes`` under 100 kB.

    Parameters
    ----------
    size
        Bytes.

    Returns
    -------
    str
        The size in words.
    """
    return f"{size / 1e6:,.1f} MB" if size >= 100_000 else f"{size:,} bytes"


def _over(size: int, limit: int) -> str:
    """Return a size over ``limit`` as more than it reads (in bytes where both round to one figure)."""
    if megabytes(size) == megabytes(limit):
        return f"{size:,} bytes ({size - limit:,} over)"
    return megabytes(size)


def outside(path: Path, root: Path) -> bool:
    """Return whether ``path``, its links followed, lies outside the folder ``root``.

    Parameters
    ----------
    path
        A file (it need not exist).
    root
        The folder it must stay in.

    Returns
    -------
    bool
        ``True`` when the resolved path is not ``root`` or below it.
    """
    try:
        target = path.resolve()
        base = root.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return True
    return target != base and base not in target.parents


CACHE_FOLDER = ".hubplan-cache"
"""The workspace's own cache folder (travel matrices, the themes' centroids)."""


def workspace_cache(root: Path) -> Path | None:
    """Return the workspace's own cache folder, or ``None`` when it may not be used.

    A ``.hubplan-cache`` that is a link, or leads out of the workspace, is never read or written:
    a workspace sent by someone else must not make hubplan write anywhere else. Nor is one inside the
    installed package (the bundled Norfolk workspace, in ``site-packages`` on a normal install):
    its caches go to the user's cache folder instead.

    Parameters
    ----------
    root
        The workspace folder.

    Returns
    -------
    Path or None
        ``root/.hubplan-cache`` (it need not exist yet), or ``None``.
    """
    folder = root / CACHE_FOLDER
    if folder.is_symlink() or outside(folder, root) or not outside(root, PACKAGE_FOLDER):
        return None
    return folder


PACKAGE_FOLDER = Path(__file__).resolve().parent.parent
"""The installed ``hubplan`` package: nothing is ever cached inside it."""


def read_user_bytes(
    path: Path,
    limit: int,
    problems: list[Problem],
    *,
    what: str,
    label: str | None = None,
    root: Path | None = None,
) -> bytes | None:
    """Return a file's bytes, or append why it may not be read and return ``None``.

    The file is opened without blocking (a FIFO answers at once) and checked on the open handle: it
    must be a regular file, at most ``limit`` bytes, and (when ``root`` is given) inside ``root``
    once links are followed. Only then is it read, and never past ``limit``.

    Parameters
    ----------
    path
        The file.
    limit
        The most bytes it may have.
    problems
        Where to append what is wrong.
    what
        What the file is, in words (e.g. ``"a scenario"``).
    label
        The file's name as problems give it (default its own name).
    root
        The folder the file must be in (the workspace); ``None`` for a file named on the command line.

    Returns
    -------
    bytes or None
        The contents, or ``None`` when they may not be read.
    """
    name = label or path.name
    fd = _open_checked(path, limit, problems, what=what, name=name, root=root)
    if fd is None:
        return None
    try:
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(_READ_CHUNK, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        problems.append(Problem(name, None, None, f"{what} hubplan can read", _reason(exc)))
        return None
    finally:
        os.close(fd)
    if size > limit:  # it grew while being read
        problems.append(
            Problem(
                name, None, None, f"{what} of at most {megabytes(limit)}", f"more than {megabytes(limit)}"
            )
        )
        return None
    return b"".join(chunks)


def check_user_file(
    path: Path,
    limit: int,
    problems: list[Problem],
    *,
    what: str,
    label: str | None = None,
    root: Path | None = None,
) -> bool:
    """Append a problem and return ``False`` unless ``path`` is a readable regular file within ``limit``.

    For files another library opens by name (GeoPackage, GeoJSON): the checks of
    :func:`read_user_bytes`, without reading the contents.

    Parameters
    ----------
    path
        The file.
    limit
        The most bytes it may have.
    problems
        Where to append what is wrong.
    what
        What the file is, in words.
    label
        The file's name as problems give it.
    root
        The folder the file must be in.

    Returns
    -------
    bool
        Whether it may be read.
    """
    fd = _open_checked(path, limit, problems, what=what, name=label or path.name, root=root)
    if fd is None:
        return False
    os.close(fd)
    return True


def _reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied (check the file's permissions)"
    if isinstance(exc, FileNotFoundError):
        return "no such file (or a link to nothing)"
    return exc.strerror or type(exc).__name__


def _open_checked(
    path: Path, limit: int, problems: list[Problem], *, what: str, name: str, root: Path | None
) -> int | None:
    """Open ``path`` without blocking and return the handle if it may be read; else append why."""
    if root is not None and outside(path, root):
        found = f"a link to a file outside it ({shown_path(path)})"
        problems.append(Problem(name, None, None, f"{what} inside the workspace folder", found))
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        expected = f"{what} hubplan may read" if isinstance(exc, PermissionError) else what
        problems.append(Problem(name, None, None, expected, _reason(exc)))
        return None
    try:
        info = os.fstat(fd)
    except OSError as exc:  # pragma: no cover - fstat of an open handle does not fail in practice
        os.close(fd)
        problems.append(Problem(name, None, None, f"{what} hubplan can read", _reason(exc)))
        return None
    for test, words in _KINDS:
        if test(info.st_mode):
            os.close(fd)
            problems.append(Problem(name, None, None, f"{what} as a regular file", words))
            return None
    if info.st_size > limit:
        os.close(fd)
        problems.append(
            Problem(name, None, None, f"{what} of at most {megabytes(limit)}", _over(info.st_size, limit))
        )
        return None
    return fd


def shown_path(path: Path) -> str:
    """Return where a link leads, cut to 80 characters, for a problem's *found*."""
    try:
        text = str(path.resolve())
    except (OSError, RuntimeError):
        return "a loop of links"
    return text if len(text) <= 80 else f"...{text[-77:]}"


_SIGNATURES = (
    (b"PK\x03\x04", "a zip archive: an Excel (.xlsx) or OpenDocument (.ods) workbook, or a Word file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Excel (.xls) or Word (.doc) file"),
    (b"%PDF-", "a PDF"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"SQLite format 3\x00", "an SQLite database (a GeoPackage?)"),
    (b"{\\rtf", "a Rich Text (.rtf) document"),
)
"""The first bytes of files people give a text file's name to, and what each is."""


def file_kind(raw: bytes) -> str | None:
    r"""Name the kind of a file that is not text, or a text file that is not a table, from its first bytes.

    Parameters
    ----------
    raw
        The file's bytes (only the first kilobyte is looked at).

    Returns
    -------
    str or None
        E.g. ``"a zip archive: an Excel (.xlsx) ..."`` or ``"a web page (HTML)"``; ``None`` for
        anything else.

    Examples
    --------
    >>> file_kind(b"PK\x03\x04...")[:13], file_kind(b"id,lat,lon\n")
    ('a zip archive', None)
    """
    kind = next((what for start, what in _SIGNATURES if raw.startswith(start)), None)
    if kind is not None:
        return kind
    head = raw[:1024].removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or (head.startswith(b"<") and b"<html" in head):
        return "a web page (HTML)"
    if head.startswith(b"<?xml"):
        return "an XML file"
    if re.match(rb'\{\s*"|\[\s*[\[{"\d\]]', head):  # not a header such as [id],[name] (SQL Server's)
        return "JSON"
    return None


def decode_text(raw: bytes, problems: list[Problem], *, label: str, advice: str = "") -> str | None:
    """Return the text of a file's bytes, or append why it cannot be read as text and return ``None``.

    UTF-8 (a byte-order mark is dropped) and UTF-16 (a spreadsheet's "Unicode text"), with its
    byte-order mark or without one (then told by the zero byte beside each ASCII letter), are read.
    Other bytes are refused with the line of the first that is not UTF-8, and, when the whole file
    reads as Windows-1252 (Latin-1 with a few more characters), a hint that it was saved so.

    Parameters
    ----------
    raw
        The file's bytes.
    problems
        Where to append what is wrong.
    label
        The file's name as problems give it.
    advice
        How to save the file as UTF-8, in words, added to what is expected.

    Returns
    -------
    str or None
        The text.
    """
    encoding = "utf-16" if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else _utf16_without_mark(raw)
    if encoding is not None:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            problems.append(Problem(label, None, None, "UTF-8 text", "UTF-16 text that is damaged"))
            return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        expected = f"UTF-8 text{f' ({advice})' if advice else ''}"
        found = f"byte 0x{raw[exc.start]:02x}, which is not UTF-8"
        try:
            raw.decode("cp1252")
            found += " (the file looks saved as Latin-1 or Windows-1252)"
        except UnicodeDecodeError:
            pass
        problems.append(Problem(label, line, None, expected, found))
        return None


def _utf16_without_mark(raw: bytes) -> str | None:
    """Return ``"utf-16-le"`` or ``"utf-16-be"`` for UTF-16 text saved without a byte-order mark.

    Text of ASCII letters in UTF-16 has a zero byte beside every letter: at odd offsets (little
    endian) or even ones (big endian). UTF-8 text has none, and a binary file has them in both places.
    """
    head = raw[:4096]
    half = len(head) // 2
    if half < 2:
        return None
    odd, even = head[1::2].count(0), head[0::2].count(0)
    if odd >= 0.5 * half and even <= 0.02 * half:
        return "utf-16-le"
    if even >= 0.5 * half and odd <= 0.02 * half:
        return "utf-16-be"
    return None


def read_user_text(
    path: Path, limit: int, *, what: str, label: str | None = None, root: Path | None = None,
    advice: str = "",
) -> str:  # fmt: skip
    """Return a file's text after every check of :func:`read_user_bytes` and :func:`decode_text`.

    Parameters
    ----------
    path
        The file.
    limit
        The most bytes it may have.
    what
        What the file is, in words.
    label
        The file's name as problems give it.
    root
        The folder the file must be in.
    advice
        How to save it as UTF-8.

    Returns
    -------
    str
        The text.

    Raises
    ------
    InputError
        Naming the file and what is wrong with it.
    """
    problems: list[Problem] = []
    raw = read_user_bytes(path, limit, problems, what=what, label=label, root=root)
    text = None if raw is None else decode_text(raw, problems, label=label or path.name, advice=advice)
    if text is None:
        raise InputError(problems)
    return text
