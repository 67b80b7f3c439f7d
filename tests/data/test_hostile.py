"""Hostile workspace files: a clear message naming the file, exit 1, no traceback, no hang, no flood.

Part (a) is a regression corpus, one test per case of issue 17 (items 1-8 and 10), each run through
typer's CliRunner in a child process whose ``timeout`` is a hang guard only (no speed is asserted).
Part (b) mutates the demo workspace's files with hypothesis (byte flips, truncation, a byte-order
mark, huge numbers, nan and inf, wrong types, duplicated headers, short and long rows, deep YAML) and
runs ``validate`` and ``evaluate`` in-process: each run either succeeds or exits 1 through hubplan's
own errors, never another exception, and prints a bounded amount.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from multiprocessing.synchronize import Event
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from hubplan.cli import app
from hubplan.data import bundled_workspace_path, load_workspace, write_bundled_workspace
from hubplan.data.scenario import Scenario, write_scenario, write_scenarios
from hubplan.errors import InputError
from hubplan.files import STAGING_PREFIX, TEMP_PREFIX

SCENARIO = "proposal-2018-7"
"""The demo scenario evaluated in every case."""

MAX_OUTPUT_BYTES = 8_000
"""What one failing command may print: a few KB (the floods in the issue were 0.7-70 MB)."""

MAX_REPORT_BYTES = 64_000
"""What a successful command may print (the demo's evaluation tables are about 8 KB)."""

HANG_GUARD_SECONDS = 300
"""A child process still running after this is a hang; a guard, not a speed requirement."""


def _invoke_all(commands: tuple[list[str], ...], sender: Connection) -> None:
    runner = CliRunner()
    results = []
    for args in commands:
        result = runner.invoke(app, args)
        exc = result.exception
        unexpected = None if exc is None or isinstance(exc, SystemExit) else repr(exc)[:2000]
        output = result.output
        results.append(
            {
                "code": result.exit_code,
                "size": len(output.encode()),
                "output": output[:20000],
                "exception": unexpected,
            }
        )
    sender.send(results)
    sender.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workspace as `hubplan demo --workspace-out` writes it, with its travel cache built."""
    folder = tmp_path_factory.mktemp("demo") / "w"
    write_bundled_workspace(folder)
    result = CliRunner().invoke(app, ["evaluate", str(folder), SCENARIO, "--json"])
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture
def ws(demo: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo workspace (with its cache) to damage."""
    return Path(shutil.copytree(demo, tmp_path / "w"))


def run_cli(*commands: list[str]) -> list[dict[str, object]]:
    """Run each command through CliRunner in a child process; fail if it hangs.

    The child is forked from a fork server that has only imported hubplan's CLI: a child forked from
    pytest itself inherits the locks of whatever threads earlier tests started (OpenMP, numba, the
    chart renderer) and can deadlock on them. The timeout is a hang guard only.
    """
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_invoke_all, args=(commands, sender))
    child.start()
    sender.close()
    if not receiver.poll(HANG_GUARD_SECONDS):
        child.kill()
        child.join()
        pytest.fail(f"hung: {commands} still running after {HANG_GUARD_SECONDS} s")
    try:
        results: list[dict[str, object]] = receiver.recv()
    except EOFError:
        child.join()
        pytest.fail(f"the child process died (exit {child.exitcode}) running {commands}")
    child.join(HANG_GUARD_SECONDS)
    assert child.exitcode == 0, f"the child process exited {child.exitcode}"
    return results


def assert_refused(ws: Path, *patterns: str, commands: tuple[str, ...] = ("validate", "evaluate")) -> None:
    """Both commands exit 1 with a bounded message matching every pattern and no traceback."""
    argv = {"validate": ["validate", str(ws)], "evaluate": ["evaluate", str(ws), SCENARIO]}
    for command, result in zip(commands, run_cli(*(argv[c] for c in commands)), strict=True):
        output = str(result["output"])
        assert result["exception"] is None, f"{command}: {result['exception']}"
        assert result["code"] == 1, f"{command} exited {result['code']}: {output}"
        assert int(str(result["size"])) < MAX_OUTPUT_BYTES, f"{command} printed {result['size']} bytes"
        assert "Traceback" not in output
        for pattern in patterns:
            assert re.search(pattern, output), f"{command}: no {pattern!r} in {output}"


# (a) The regression corpus: the cases of issue 17, one test each.


def test_1_bom_only_csv_is_named_as_an_empty_table(ws: Path) -> None:
    """Excel's empty 'CSV UTF-8' is three bytes, EF BB BF: it was an EmptyDataError traceback."""
    (ws / "sites.csv").write_bytes(b"\xef\xbb\xbf")
    assert_refused(
        ws, r"sites\.csv: expected a header row and at least one data row, found only a byte-order mark"
    )


def test_1_short_rows_and_extra_cells_are_named_by_row_and_column(ws: Path) -> None:
    lines = (ws / "sites.csv").read_text().splitlines()
    lines[2] = ",".join(lines[2].split(",")[:5])  # row 3 stops after 'lon'
    lines[4] += ",surplus"  # row 5 has a 17th cell, column Q
    (ws / "sites.csv").write_text("\n".join(lines) + "\n")
    assert_refused(
        ws,
        r"sites\.csv, row 3, column 'district': expected 16 cells, as the header has \(5 given\)",
        r"sites\.csv, row 5, column 'Q': expected at most 16 cells, as the header has, found an extra cell 'surplus'",
    )


def test_1_a_merged_header_is_one_problem_not_one_per_row(ws: Path) -> None:
    """'id,name' damaged into one name shifts every column: one problem, not hundreds."""
    text = (ws / "sites.csv").read_text()
    (ws / "sites.csv").write_text(text.replace("id,name,", "id;name,", 1))
    assert_refused(
        ws, r"sites\.csv, row 1: expected a header naming each of the 16 cells most rows have, found 15 names"
    )


def test_2_yaml_tag_in_a_scenario_is_refused(ws: Path) -> None:
    path = ws / "scenarios" / f"{SCENARIO}.yaml"
    path.write_text(path.read_text().replace("title: First", "title: !x First"))
    assert_refused(ws, rf"scenarios/{SCENARIO}\.yaml, row 2: expected plain YAML.*found a tag \(!x\)")


def test_3_empty_bases_fail_validate(ws: Path) -> None:
    path = ws / "scenarios" / f"{SCENARIO}.yaml"
    text = path.read_text()
    head = text[: text.index("bases:")]
    path.write_text(head + "bases: []\n")
    row = head.count("\n") + 1
    assert_refused(
        ws, rf"scenarios/{SCENARIO}\.yaml, row {row}, column 'bases': expected at least one site id"
    )


def test_4_truncated_travel_cache_is_rebuilt(ws: Path) -> None:
    (cache,) = (ws / ".hubplan-cache").glob("travel-*.npz")
    whole = cache.read_bytes()
    cache.write_bytes(whole[: len(whole) // 2])
    validate, evaluate = run_cli(["validate", str(ws)], ["evaluate", str(ws), SCENARIO, "--json"])
    assert validate["code"] == 0, validate["output"]
    assert evaluate["code"] == 0, evaluate["output"]
    assert evaluate["exception"] is None
    with zipfile.ZipFile(cache) as rebuilt:  # replaced by a whole file again
        assert rebuilt.testzip() is None
        assert sorted(rebuilt.namelist()) == ["bus.npy", "car.npy", "walk.npy"]


def test_4_damaged_stored_matrix_is_named(ws: Path) -> None:
    """A routed or imported matrix is the user's data, not a cache: it is reported, not rebuilt."""
    (ws / "travel").mkdir()
    (ws / "travel" / "bus.npz").write_bytes(b"PK\x03\x04 not really a zip file")
    assert_refused(ws, r"travel/bus\.npz: expected a travel matrix written by `hubplan travel`")


def test_5_huge_families_are_out_of_range(ws: Path) -> None:
    text = (ws / "areas.csv").read_text()
    lines = text.splitlines()
    cells = lines[3].split(",")
    cells[5] = "1.7e308"
    lines[3] = ",".join(cells)
    (ws / "areas.csv").write_text("\n".join(lines) + "\n")
    assert_refused(
        ws, r"areas\.csv, row 4, column 'children': expected a value from 0 to 100,000 .*found '1\.7e308'"
    )


def test_6_billion_laughs_is_refused_at_the_first_alias(ws: Path) -> None:
    """324 bytes that expand to 10^9 'lol's: refused without expanding, so nothing large is printed."""
    laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        prev = chr(ord(level) - 1)
        laughs.append(f"{level}: &{level} [{','.join([f'*{prev}'] * 9)}]")
    (ws / "scenarios" / "laughs.yaml").write_text("\n".join(laughs) + "\nbases: *i\n")
    assert_refused(ws, r"scenarios/laughs\.yaml, row 1: expected plain YAML.*found an anchor \(&a\)")
    assert_refused(ws, r"found an anchor", commands=("evaluate",))


def test_7_nan_inf_and_absurd_settings_are_refused(ws: Path) -> None:
    toml = (ws / "hubplan.toml").read_text()
    toml = toml.replace("thresholds_minutes = [10, 20, 30, 45]", "thresholds_minutes = [10, nan, 30]")
    toml = toml.replace("exponent = 0.593", "exponent = inf")
    toml += "\n[outreach]\nbudget_per_year = 1e20\n"
    (ws / "hubplan.toml").write_text(toml)
    path = ws / "scenarios" / f"{SCENARIO}.yaml"
    path.write_text(re.sub(r"budget_per_year: .*", "budget_per_year: .nan", path.read_text()))
    assert_refused(
        ws,
        r"hubplan\.toml, column 'evaluation\.thresholds_minutes\.1': expected a finite number, found nan",
        r"hubplan\.toml, column 'travel\.bus\.exponent': expected a finite number, found inf",
        r"hubplan\.toml, column 'outreach\.budget_per_year': expected a value less than or equal to 10000000000, "
        r"found 1e\+20",
    )
    (ws / "hubplan.toml").write_text((bundled_workspace_path() / "hubplan.toml").read_text())
    assert_refused(ws, rf"scenarios/{SCENARIO}\.yaml, row 9, column 'budget_per_year': .*found nan")


def test_8_huge_files_are_refused_before_they_are_read(ws: Path) -> None:
    """A 200 MB YAML comment and an areas table of 2.45 million rows: refused by size, not parsed."""
    with open(ws / "scenarios" / "comment.yaml", "wb") as handle:
        handle.write(b"# " + b"x" * 1_000)
        handle.truncate(200_000_000)  # sparse: 200 MB on paper, nothing on disk
    with open(ws / "areas.csv", "ab") as handle:
        handle.truncate(2_450_000 * 40)
    assert_refused(
        ws,
        r"scenarios/comment\.yaml: expected a scenario of at most 1\.0 MB, found 200\.0 MB",
        r"areas\.csv: expected a table of at most 50\.0 MB, found 98\.0 MB",
    )


def test_8_too_many_rows_are_refused_before_they_are_parsed(ws: Path) -> None:
    header = (ws / "areas.csv").read_text().splitlines()[0]
    (ws / "areas.csv").write_text(header + "\n" + "a,,52.6,1.0,Norwich,1\n" * 300_001)
    assert_refused(ws, r"areas\.csv: expected at most 300,000 data rows, found 300,001 lines")


def test_10_two_writers_of_one_name_one_is_told_it_exists(tmp_path: Path) -> None:
    """Write-if-absent is one step (a hard link), so two racing writers cannot both be told 'saved'."""
    for attempt in range(20):
        folder = tmp_path / str(attempt)
        barrier = threading.Barrier(2)
        outcomes: list[str] = []

        def save(
            title: str,
            folder: Path = folder,
            barrier: threading.Barrier = barrier,
            outcomes: list[str] = outcomes,
        ) -> None:
            barrier.wait()
            try:
                write_scenario(folder, Scenario(name="mine", title=title, bases=("S1",)))
                outcomes.append(title)
            except InputError:
                outcomes.append("refused")

        threads = [threading.Thread(target=save, args=(t,)) for t in ("first", "second")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert outcomes.count("refused") == 1, outcomes
        saved = next(o for o in outcomes if o != "refused")
        assert f"title: {saved}" in (folder / "scenarios" / "mine.yaml").read_text()
        assert sorted(p.name for p in (folder / "scenarios").iterdir()) == ["mine.yaml"]


def test_10_saving_over_a_scenario_is_refused_by_the_cli(ws: Path) -> None:
    args = ["optimise", str(ws), "--bases", "7", "--method", "heuristic", "--name", SCENARIO]
    (result,) = run_cli(args)
    assert result["code"] == 1, result["output"]
    assert f"will not replace scenarios/{SCENARIO}.yaml" in str(result["output"])


def test_10_an_interrupted_set_of_alternatives_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Interrupted while placing the third of three files: none of the set is left, nor any temp file."""
    calls = []
    real_link = os.link

    def link(src: str, dst: str) -> None:
        calls.append(dst)
        if len(calls) == 3:
            raise KeyboardInterrupt
        real_link(src, dst)

    monkeypatch.setattr(os, "link", link)
    scenarios = [Scenario(name=f"best-7-{k}", title="x", bases=("S1",)) for k in range(3)]
    with pytest.raises(KeyboardInterrupt):
        write_scenarios(tmp_path, scenarios)
    assert list((tmp_path / "scenarios").iterdir()) == []


def test_10_leftovers_of_a_killed_writer_are_removed(tmp_path: Path) -> None:
    """SIGKILL runs no cleanup: what a dead process left is removed by the next write there."""
    folder = tmp_path / "scenarios"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (folder / f"{STAGING_PREFIX}{dead.pid}-abc").mkdir(parents=True)
    (folder / f"{STAGING_PREFIX}{dead.pid}-abc" / "best-7.yaml").write_text("bases: [x]\n")
    (folder / f"{TEMP_PREFIX}{dead.pid}-best-7.yaml-xyz.tmp").write_text("bases: [x]\n")
    live = folder / f"{TEMP_PREFIX}{os.getpid()}-other.yaml-xyz.tmp"
    live.write_text("being written\n")
    write_scenario(tmp_path, Scenario(name="best-7", title="x", bases=("S1",)))
    assert sorted(p.name for p in folder.iterdir()) == sorted(["best-7.yaml", live.name])


def _optimise_stopped_while(phase: str, folder: Path, ready: Event) -> None:
    """In a child: run `optimise --alternatives 2`, pausing (and saying so) while writing its files."""
    import hubplan.files

    pause = {"stage": (os, "fsync"), "publish": (hubplan.files, "_publish")}[phase]
    real = getattr(*pause)

    def slow(*args: object, **kwargs: object) -> object:
        if not ready.is_set():  # pause once, long enough for the parent's SIGTERM to arrive
            ready.set()
            time.sleep(2)
        return real(*args, **kwargs)

    setattr(*pause, slow)
    args = ["optimise", str(folder), "--bases", "7", "--method", "heuristic", "--alternatives", "2"]
    CliRunner().invoke(app, args)


@pytest.mark.parametrize(("phase", "left"), [("stage", False), ("publish", True)])
def test_10_a_terminated_optimise_leaves_a_whole_set_or_none(ws: Path, phase: str, left: bool) -> None:
    """SIGTERM while the files are written leaves none of them; while they are placed, all of them.

    Either way no temporary file or staging folder is left in scenarios/.
    """
    before = {p.name for p in (ws / "scenarios").iterdir()}
    context = multiprocessing.get_context("fork")
    ready = context.Event()
    child = context.Process(target=_optimise_stopped_while, args=(phase, ws, ready))
    child.start()
    assert ready.wait(HANG_GUARD_SECONDS), "optimise never began writing"
    os.kill(child.pid or 0, signal.SIGTERM)
    child.join(HANG_GUARD_SECONDS)
    if child.exitcode is None:
        child.kill()
        pytest.fail("optimise did not stop after SIGTERM")
    new = {p.name for p in (ws / "scenarios").iterdir()} - before
    # The plan and its alternatives (an alternative that is the plan, or another, once each site is
    # swapped to its cheaper twin, is dropped, so there may be fewer than asked), or nothing.
    if left:
        assert "best-7.yaml" in new, new
        assert len(new) >= 2, new
        assert new <= {"best-7.yaml", "best-7-alt1.yaml", "best-7-alt2.yaml"}, new
    else:
        assert not new, new
    for name in new:
        assert load_workspace(ws).scenario(name.removesuffix(".yaml")).bases


# (b) Fuzzing: mutations of every file a user gives, run in-process.

FUZZ_EXAMPLES = int(os.environ.get("HUBPLAN_FUZZ_EXAMPLES", "8"))
"""Examples per fuzzing test: 8 keeps the file near a minute; set the variable higher for a long hunt."""

FUZZ = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: a failing example is shown as drawn
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

NUMBERS = st.sampled_from(
    [
        "nan",
        "inf",
        "-inf",
        "1e308",
        "1.7e308",
        "-1",
        "1e999",
        "9" * 400,
        "abc",
        "",
        " ",
        "0x10",
        "1,5",
        "True",
    ]
)


@st.composite
def mutated(draw: st.DrawFn, data: bytes, *, text_like: bool = True) -> bytes:
    """A damaged version of a file: byte flips, truncation, a BOM, cell changes, extra or short rows."""
    kind = draw(
        st.sampled_from(
            ["flip", "truncate", "bom", "number", "header", "extra", "short", "nul", "long", "blank"]
            if text_like
            else ["flip", "truncate", "bom"]
        )
    )
    if kind == "flip":
        out = bytearray(data)
        for _ in range(draw(st.integers(1, 8))):
            out[draw(st.integers(0, len(out) - 1))] = draw(st.integers(0, 255))
        return bytes(out)
    if kind == "truncate":
        return data[: draw(st.integers(0, len(data)))]
    if kind == "bom":
        return b"\xef\xbb\xbf" + (data if draw(st.booleans()) else b"")
    lines = data.decode("utf-8").split("\n")
    row = draw(st.integers(0, max(0, len(lines) - 2)))
    if kind == "number":  # replace one number-looking token with a hostile one
        tokens = list(re.finditer(r"-?\d+(\.\d+)?", lines[row]))
        if tokens:
            m = draw(st.sampled_from(tokens))
            lines[row] = lines[row][: m.start()] + draw(NUMBERS) + lines[row][m.end() :]
    elif kind == "header":  # a header cell twice
        cells = lines[0].split(",")
        lines[0] = ",".join([*cells, draw(st.sampled_from(cells))])
    elif kind == "extra":
        lines[row] += "," + draw(st.sampled_from(["x", "1", "", '"a,b"', "nan"])) * draw(st.integers(1, 3))
    elif kind == "short":
        lines[row] = lines[row].rsplit(",", draw(st.integers(1, 4)))[0]
    elif kind == "nul":
        lines[row] += "\x00"
    elif kind == "long":
        lines[row] += "y" * 200_000
    else:
        lines[row] = ""
    return "\n".join(lines).encode("utf-8")


@st.composite
def hostile_yaml(draw: st.DrawFn, original: bytes) -> bytes:
    """A scenario made hostile: deep nesting, aliases, tags, odd values, or byte-level damage."""
    kind = draw(st.sampled_from(["bytes", "deep", "alias", "tag", "value"]))
    if kind == "bytes":
        return draw(mutated(original))
    if kind == "deep":
        depth = draw(st.integers(10, 5000))
        return ("bases: " + "[" * depth + "x" + "]" * depth + "\n").encode()
    if kind == "alias":
        return b"a: &a [x, x]\nb: &b [*a, *a]\nbases: *b\n"
    if kind == "tag":
        tag = draw(st.sampled_from(["!x", "!!python/object:os.system", "!!binary", "!!timestamp"]))
        return f"title: {tag} a\nbases: [cc-diss]\n".encode()
    key = draw(st.sampled_from(["budget_per_year", "title", "bases", "name", "settings", "outreach", "?"]))
    value = draw(
        st.sampled_from(
            [
                ".nan",
                ".inf",
                "-.inf",
                "1.0e+400",
                "9" * 5000,
                "[]",
                "{}",
                "~",
                "[1, [2]]",
                "2024-13-45",
                "yes",
                "-1",
            ]
        )
    )
    return f"{key}: {value}\nbases: [cc-diss]\n".encode()


def _run_both(folder: Path) -> None:
    runner = CliRunner()
    for args in (["validate", str(folder)], ["evaluate", str(folder), SCENARIO]):
        result = runner.invoke(app, args)
        exc = result.exception
        if exc is not None and not isinstance(exc, SystemExit):
            raise AssertionError(f"{args[0]} raised {exc!r}") from exc
        assert result.exit_code in (0, 1), result.output[-2000:]
        limit = MAX_OUTPUT_BYTES if result.exit_code else MAX_REPORT_BYTES
        assert len(result.output.encode()) < limit, f"{args[0]} printed {len(result.output)} chars"


@contextmanager
def fresh_copy(demo: Path) -> Iterator[Path]:
    """A throwaway copy of the demo workspace (hypothesis runs many examples in one test)."""
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(shutil.copytree(demo, Path(tmp) / "w"))


@pytest.mark.parametrize("name", ["sites.csv", "venues.csv", "areas.csv", "hubplan.toml"])
@FUZZ
@given(data=st.data())
def test_fuzzed_tables_and_settings_give_errors_not_exceptions(
    demo: Path, name: str, data: st.DataObject
) -> None:
    original = (demo / name).read_bytes()
    damaged = data.draw(mutated(original))
    with fresh_copy(demo) as folder:
        (folder / name).write_bytes(damaged)
        _run_both(folder)


@FUZZ
@given(data=st.data())
def test_fuzzed_scenarios_give_errors_not_exceptions(demo: Path, data: st.DataObject) -> None:
    name = data.draw(st.sampled_from([f"{SCENARIO}.yaml", "extra.yaml"]))
    damaged = data.draw(hostile_yaml((demo / "scenarios" / f"{SCENARIO}.yaml").read_bytes()))
    with fresh_copy(demo) as folder:
        (folder / "scenarios" / name).write_bytes(damaged)
        _run_both(folder)


@FUZZ
@given(data=st.data())
def test_fuzzed_cache_is_rebuilt_and_stored_matrix_named(demo: Path, data: st.DataObject) -> None:
    (cache,) = (demo / ".hubplan-cache").glob("travel-*.npz")
    damaged = data.draw(mutated(cache.read_bytes(), text_like=False))
    with fresh_copy(demo) as folder:
        (folder / ".hubplan-cache" / cache.name).write_bytes(damaged)
        result = CliRunner().invoke(app, ["evaluate", str(folder), SCENARIO, "--json"])
        assert result.exit_code == 0, result.output[-2000:]
        (folder / "travel").mkdir()
        (folder / "travel" / "walk.npz").write_bytes(damaged)
        _run_both(folder)


@FUZZ
@given(data=st.data())
def test_fuzzed_imported_matrix_gives_errors_not_exceptions(demo: Path, data: st.DataObject) -> None:
    workspace = load_workspace(demo)
    rows = ["area_id,site_id,mode,minutes"]
    rows += [
        f"{a},{s},{m},{(i * 7 + j * 3) % 90 + 0.5}"
        for i, a in enumerate(workspace.areas.ids[:6])
        for j, s in enumerate(workspace.sites.ids[:4])
        for m in ("walk", "car")
    ]
    damaged = data.draw(mutated(("\n".join(rows) + "\n").encode()))
    with fresh_copy(demo) as folder:
        matrix = folder / "matrix.csv"
        matrix.write_bytes(damaged)
        result = CliRunner().invoke(app, ["travel", str(folder), "--import", str(matrix), "--partial"])
        exc = result.exception
        if exc is not None and not isinstance(exc, SystemExit):
            raise AssertionError(f"travel --import raised {exc!r}") from exc
        assert result.exit_code in (0, 1), result.output[-2000:]
        assert len(result.output.encode()) < MAX_OUTPUT_BYTES
        _run_both(folder)
