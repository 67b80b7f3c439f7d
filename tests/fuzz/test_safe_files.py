"""Files from data and files as people send them: safe names, whole outputs, only regular files read.

The regression corpus of issue 26, items 1-3, at the level of the functions every command goes
through (:mod:`hubplan.files`, :mod:`hubplan.data.safe_read`); ``test_corpus.py`` runs the same
families through the commands.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hubplan.data.safe_read import decode_text, read_user_bytes, read_user_text
from hubplan.errors import HubplanError, InputError, Problem
from hubplan.files import GENERATOR_MARK, replaced_together, safe_file_name, safe_file_names

HOSTILE_IDS = [
    "../../outside/pwned",
    "..",
    ".",
    "",
    "/etc/passwd",
    "C:\\Windows\\win.ini",
    "a\x00b",
    "line\nbreak",
    "CON",
    "nul.html",
    "Com1",
    "lpt9.txt",
    "x" * 5000,
    "é" * 300,
    "Jędrzej's centre",
    "сс-dereham",  # Cyrillic
    "cc-dereham.",
    " cc-dereham ",
    "~",
    "a/../../b",
    "\u202eevil",
]


@pytest.mark.parametrize("identifier", HOSTILE_IDS)
def test_any_id_becomes_a_plain_name_inside_its_folder(identifier: str, tmp_path: Path) -> None:
    """Whatever the id, the name is short ASCII of [a-z0-9._~-], starts with a letter or digit,
    is no device name, and resolves to a file directly inside the folder."""
    name = safe_file_name(identifier, suffix=".html")
    assert len(name) <= 100 + len(".html")
    assert name.isascii(), name
    assert all(ch.isalnum() or ch in "._~-" for ch in name), name
    assert name[0].isalnum(), name
    assert name == name.lower(), name
    assert name.split(".", 1)[0] not in {"con", "prn", "aux", "nul", "com1", "lpt9"}
    folder = tmp_path / "centres"
    assert (folder / name).resolve().parent == folder.resolve()


def test_plain_ids_keep_their_name_and_the_rest_never_meet_them() -> None:
    """'cc-dereham' stays as it is; 'CC-Dereham' differs from it only in case, so it gets a hashed name
    (a case-insensitive file system would otherwise merge the two); every name here is distinct
    even ignoring case."""
    assert safe_file_name("cc-dereham", suffix=".html") == "cc-dereham.html"
    ids = ["cc-dereham", "CC-Dereham", "cc-dereham ", "cc-dereham\u200b", "../cc-dereham", *HOSTILE_IDS]
    names = safe_file_names(ids, suffix=".html")
    assert len({n.casefold() for n in names.values()}) == len(set(ids))
    assert safe_file_names(["a", "a"]) == {"a": "a"}


PATHLIKE = st.lists(
    st.sampled_from(
        ["..", ".", "/", "\\", "\x00", "\n", "CON", "nul", "~", "a", "Z", "é", "с", "\u200b", " ", "-"]
    ),
    max_size=12,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(ids=st.lists(st.one_of(st.text(max_size=300), PATHLIKE), min_size=1, max_size=20))
def test_no_text_escapes_its_folder_or_shares_a_name(ids: list[str]) -> None:
    """Any text, and path-like text built from the pieces attackers use: a plain name in the folder,
    and distinct ids (ignoring case in the names) never share one."""
    names = safe_file_names(ids, suffix=".html")
    assert len({n.casefold() for n in names.values()}) == len(set(ids))
    for name in names.values():
        assert name.isascii()
        assert all(ch.isalnum() or ch in "._~-" for ch in name)
        assert name[0].isalnum()
        assert len(name) <= 105
        assert Path("/out", name).parent == Path("/out")


def _write_report(folder: Path, pages: list[str], *, fail_after: int | None = None) -> None:
    with replaced_together(folder, ("report.pdf", "centres", "report.html")) as staging:
        (staging / "centres").mkdir()
        for i, page in enumerate(pages):
            if fail_after is not None and i == fail_after:
                msg = "stopped half way"
                raise RuntimeError(msg)
            (staging / "centres" / f"{page}.html").write_text(f"{MARK}page {page} of {'+'.join(pages)}")
        (staging / "report.html").write_text(f"{MARK}report of {'+'.join(pages)}")


MARK = GENERATOR_MARK.decode()


def _snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): p.read_text() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_rerun_with_fewer_pages_leaves_no_stale_page_and_other_files_alone(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _write_report(out, ["a", "b", "c"])
    (out / "consultation.html").write_text("another command's output")
    (out / "report.pdf").write_text("%PDF-1.4 a PDF of the first report /Creator (hubplan)")
    _write_report(out, ["b"])
    assert _snapshot(out) == {
        "centres/b.html": f"{MARK}page b of b",
        "consultation.html": "another command's output",
        "report.html": f"{MARK}report of b",
    }  # the first report's PDF is gone too: it belonged to the earlier report
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


def test_the_users_own_files_in_the_pages_folder_are_kept(tmp_path: Path) -> None:
    """Someone keeps notes beside the centre pages they were sent; a new report must not delete them."""
    out = tmp_path / "out"
    _write_report(out, ["a", "b"])
    (out / "centres" / "my-notes.html").write_text("<html><title>Notes for the meeting</title>")
    (out / "centres" / "old-page.html").write_text(
        "<!DOCTYPE html>\n<title>Holt Children&#39;s Centre: what the options mean for its children</title>"
    )  # a page from a hubplan without the generator line: still hubplan's, so a stale one goes
    _write_report(out, ["b", "c"])
    assert _snapshot(out) == {
        "centres/b.html": f"{MARK}page b of b+c",
        "centres/c.html": f"{MARK}page c of b+c",
        "centres/my-notes.html": "<html><title>Notes for the meeting</title>",
        "report.html": f"{MARK}report of b+c",
    }


def test_a_new_page_named_like_a_users_file_stops_the_report(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _write_report(out, ["a"])
    (out / "centres" / "b.html").write_text("my own page called b")
    before = _snapshot(out)
    with pytest.raises(HubplanError, match=r"centres/b\.html is not a page hubplan wrote"):
        _write_report(out, ["a", "b"])
    assert _snapshot(out) == before
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


def test_a_failure_half_way_leaves_the_earlier_report_whole(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _write_report(out, ["a", "b", "c"])
    before = _snapshot(out)
    with pytest.raises(RuntimeError, match="half way"):
        _write_report(out, ["d", "e"], fail_after=1)
    assert _snapshot(out) == before
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


def test_an_output_that_is_a_link_is_replaced_not_followed(tmp_path: Path) -> None:
    """A 'centres' link to a folder elsewhere: the link is swapped out; nothing is written there."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("mine")
    out = tmp_path / "out"
    out.mkdir()
    (out / "centres").symlink_to(elsewhere, target_is_directory=True)
    _write_report(out, ["a"])
    assert not (out / "centres").is_symlink()
    assert sorted(p.name for p in elsewhere.iterdir()) == ["keep.txt"]


def test_owned_names_must_be_plain(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="plain names"), replaced_together(tmp_path, ("../x",)):
        pass


def _read(path: Path, *, limit: int = 1000, root: Path | None = None) -> tuple[bytes | None, list[str]]:
    problems: list[Problem] = []
    data = read_user_bytes(path, limit, problems, what="a table", root=root)
    return data, [str(p) for p in problems]


def _in_thread_with_guard(path: Path) -> tuple[bytes | None, list[str]]:
    result: list[tuple[bytes | None, list[str]]] = []
    thread = threading.Thread(target=lambda: result.append(_read(path)), daemon=True)
    thread.start()
    thread.join(30)  # a hang guard, not a speed check
    assert result, f"reading {path} hung"
    return result[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "areas.csv"
    os.mkfifo(fifo)
    data, problems = _in_thread_with_guard(fifo)
    assert data is None
    assert problems == [
        "areas.csv: expected a table as a regular file, found a FIFO (named pipe), which would never end"
    ]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_link_to_a_device_is_refused(tmp_path: Path, device: str) -> None:
    link = tmp_path / "areas.csv"
    link.symlink_to(device)
    data, problems = _in_thread_with_guard(link)
    assert data is None
    assert "character device" in problems[0]
    data, problems = _read(link, root=tmp_path)
    assert data is None
    assert "inside the workspace folder" in problems[0]


def test_links_inside_the_workspace_are_followed_and_links_out_refused(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "real.csv").write_bytes(b"id\n1\n")
    (ws / "sites.csv").symlink_to(ws / "real.csv")
    secret = tmp_path / "secret.csv"
    secret.write_bytes(b"password\n")
    (ws / "areas.csv").symlink_to(Path("..") / "secret.csv")
    assert _read(ws / "sites.csv", root=ws) == (b"id\n1\n", [])
    data, problems = _read(ws / "areas.csv", root=ws)
    assert data is None
    assert problems[0].startswith(
        "areas.csv: expected a table inside the workspace folder, found a link to a file"
    )


def test_folders_sizes_and_permissions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "folder.csv").mkdir()
    assert _read(tmp_path / "folder.csv")[1] == [
        "folder.csv: expected a table as a regular file, found a folder"
    ]
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * 1001)
    assert _read(big) == (None, ["big.csv: expected a table of at most 1,000 bytes, found 1,001 bytes"])
    ok = tmp_path / "ok.csv"
    ok.write_bytes(b"x" * 1000)
    assert _read(ok) == (b"x" * 1000, [])

    def denied(*_: object, **__: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", denied)  # mode 000 as a user other than root sees it
    assert _read(ok)[1] == [
        "ok.csv: expected a table hubplan may read, found permission denied (check the file's permissions)"
    ]


def _read_locked(locked: Path) -> str:
    try:
        read_user_text(locked, 1000, what="a decision record")
    except InputError as error:
        return str(error)
    return "read"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_mode_000_file_is_named() -> None:
    """Root reads any file, so as root the reader runs in a child that has become nobody (uid 65534)."""
    with tempfile.TemporaryDirectory() as folder:
        os.chmod(folder, 0o755)
        locked = Path(folder) / "decision.yaml"
        locked.write_text("proposal: {scenario: x}\n")
        locked.chmod(0)
        if os.geteuid() != 0:
            message = _read_locked(locked)
        else:
            receiver, sender = multiprocessing.get_context("fork").Pipe(duplex=False)
            pid = os.fork()
            if pid == 0:  # the child: drop root, read, report, exit without pytest's cleanup
                os.setgid(65534)
                os.setuid(65534)
                sender.send(_read_locked(locked))
                os._exit(0)
            sender.close()
            message = receiver.recv()
            os.waitpid(pid, 0)
    assert "permission denied" in message


def test_encodings_are_detected_or_refused_with_a_hint() -> None:
    problems: list[Problem] = []
    assert (
        decode_text("name,lat\nCafé,52\n".encode("utf-16"), problems, label="p.csv") == "name,lat\nCafé,52\n"
    )
    assert decode_text(b"\xef\xbb\xbfid\n", problems, label="p.csv") == "id\n"
    assert problems == []
    assert decode_text(b"name\nCaf\xe9\n", problems, label="p.csv", advice="save as 'CSV UTF-8'") is None
    assert [str(p) for p in problems] == [
        "p.csv, row 2: expected UTF-8 text (save as 'CSV UTF-8'), found byte 0xe9, which is not UTF-8 "
        "(the file looks saved as Latin-1 or Windows-1252)"
    ]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(encoding: str) -> None:
    """Some exports write UTF-16 with no mark: a zero byte beside every ASCII letter gives it away."""
    text = "id,name,postcode\nS1,Zoë's Place,NR1 1AA\n"
    problems: list[Problem] = []
    assert decode_text(text.encode(encoding), problems, label="sites.csv") == text
    assert problems == []


def test_a_tab_separated_export_is_named_as_one(tmp_path: Path) -> None:
    """Excel's "Unicode Text" is UTF-16 with tabs between cells: the message says tabs, not a column."""
    from hubplan.data.read_table import read_table

    path = tmp_path / "sites.csv"
    path.write_bytes("id\tname\tpostcode\nS1\tHolt\tNR25 6AA\n".encode("utf-16"))
    problems: list[Problem] = []
    assert read_table(path, problems) is None
    assert [str(p) for p in problems] == [
        "sites.csv, row 1: expected cells separated by commas (in a spreadsheet, save as 'CSV UTF-8 "
        "(Comma delimited)'), found cells separated by tabs: 'id\\tname\\tpostcode'"
    ]


def test_a_file_just_over_the_limit_reads_as_over_it(tmp_path: Path) -> None:
    """50,000,010 bytes against 50 MB read "at most 50.0 MB, found 50.0 MB" before."""
    path = tmp_path / "areas.csv"
    with path.open("wb") as handle:
        handle.truncate(50_000_010)
    _, problems = _read(path, limit=50_000_000)
    assert problems == ["areas.csv: expected a table of at most 50.0 MB, found 50,000,010 bytes (10 over)"]


def test_a_report_from_before_the_generator_mark_is_replaced_after_an_upgrade(tmp_path: Path) -> None:
    """Pages and PDFs written by hubplan before it marked them are still its own (the review of round 7)."""
    out = tmp_path / "out"
    (out / "centres").mkdir(parents=True)
    (out / "report.html").write_text(
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Norfolk: options</title>'
        "\n</head><body><p>Norfolk: Baseline. Made by hubplan 0.1.0 from the workspace's own files.</p>"
    )
    (out / "report.pdf").write_bytes(
        b"%PDF-1.7\n%\xf0\x9f\x96\xa4\n5 0 obj\n<</Filter /FlateDecode>>\nstream\n"
    )
    _write_report(out, ["a"])
    assert _snapshot(out) == {"centres/a.html": f"{MARK}page a of a", "report.html": f"{MARK}report of a"}


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("consultation.html", "<html><head><title>Norfolk consultation: what people said</title>"),
        (
            "national.html",
            '<html lang="en"><head><meta charset="utf-8">\n<title>Every council at once: children\'s',
        ),
        ("timetable-vehicles.html", "<head>\n<title>Mobile outreach: timetable by vehicle</title>"),
        ("lots.svg", '<svg xmlns="http://www.w3.org/2000/svg" class="marks" width="520" height="300">'),
    ],
)
def test_other_outputs_from_before_the_mark_are_hubplans(tmp_path: Path, name: str, text: str) -> None:
    from hubplan.files import written_by_hubplan

    (tmp_path / name).write_text(text)
    assert written_by_hubplan(tmp_path / name)
    (tmp_path / "mine.html").write_text("<html><head><title>Our consultation: notes</title>")
    assert not written_by_hubplan(tmp_path / "mine.html")
