"""What every command shares: the app, the consoles, one error handler, progress bars, JSON output."""

from __future__ import annotations

import functools
import importlib
import json
import math
import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.measure import Measurement
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from typer.core import TyperCommand
from typer.models import CommandFunctionType

from hubplan.data import load_workspace
from hubplan.data.money import AmountError, read_amount
from hubplan.data.workspace import Workspace
from hubplan.errors import HubplanError, InputError, ParameterError
from hubplan.evaluate import area_breakdowns, evaluate
from hubplan.evaluate.evaluation import Evaluation
from hubplan.travel import TravelMatrix, build_travel

_REQUIRED_ARGUMENT = re.compile(r"\{([a-z_]+)\}")
_OPTIONAL_ARGUMENT = re.compile(r"\[([a-z_]+)\]")


class Command(TyperCommand):
    """A command whose usage line names its arguments as click does: ``DIRECTORY``, ``[SCENARIOS]...``.

    typer 0.2x writes a required argument as ``{directory}``, which reads as a placeholder left unfilled.
    """

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        """Return the usage line's pieces with each argument in capitals, braces dropped."""
        pieces = super().collect_usage_pieces(ctx)
        return [
            _OPTIONAL_ARGUMENT.sub(
                lambda m: f"[{m[1].upper()}]", _REQUIRED_ARGUMENT.sub(lambda m: m[1].upper(), piece)
            )
            for piece in pieces
        ]


class Typer(typer.Typer):
    """hubplan's command groups: every command they register is a :class:`Command`."""

    def command(
        self, name: str | None = None, *, cls: type[TyperCommand] | None = None, **kwargs: Any
    ) -> Callable[[CommandFunctionType], CommandFunctionType]:
        """Register a command (see :meth:`typer.Typer.command`), as a :class:`Command` by default."""
        return super().command(name, cls=cls or Command, **kwargs)


app = Typer(
    help="Plan a network of family services: which sites to keep, who loses access, what it costs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Help is plain text: rich markup would swallow words in square brackets ("[uncertainty] draws").
    rich_markup_mode=None,
)


@app.callback()
def _root() -> None:
    """Plan a network of family services: which sites to keep, who loses access, what it costs."""
    # With a callback the app is always a group, even when only one command module is loaded (the
    # command line loads just the command it runs): `hubplan serve DIR` then stays a subcommand.
    # `app` run directly (tests, embedding) keeps torch's and numba's caches out of the package too,
    # as `main` does (where numba is imported before, it keeps the folder it read then).
    from hubplan.environment import keep_library_caches_in_user_cache

    keep_library_caches_in_user_cache()


TABLE_COLUMNS = 140
"""The width tables are drawn to when stdout is not a terminal and ``COLUMNS`` is not set."""


class ResultConsole(Console):
    """A console that never cuts a figure short: a narrow table wraps its cells instead.

    rich fits a table to the width by cutting cells short with an ellipsis ("3,5…" for 3,576). Here a
    cell too long for its column folds onto the next line, and a table is drawn at least as wide as
    the longest word in each of its columns (the console's width is restored afterwards).
    """

    def print(self, *objects: Any, **kwargs: Any) -> None:
        """Print as :meth:`rich.console.Console.print`, widening the console for a table that needs it."""
        unbounded = self.options.update_width(10_000)
        tables = [o for o in objects if isinstance(o, Table)]
        for table in tables:
            for column in table.columns:
                if column.overflow == "ellipsis":
                    column.overflow = "fold"
        needed = max((Measurement.get(self, unbounded, t).minimum for t in tables), default=0)
        if needed <= self.width:
            super().print(*objects, **kwargs)
            return
        width = self._width
        self.width = needed
        try:
            super().print(*objects, **kwargs)
        finally:
            self._width = width


def stdout_console(environ: dict[str, str] | os._Environ[str], *, terminal: bool) -> Console:
    """Return the console for results: as wide as ``COLUMNS`` says, prose unwrapped outside a terminal.

    Parameters
    ----------
    environ
        The environment (``COLUMNS``, in characters, sets the width where it is a positive whole number).
    terminal
        Whether stdout is a terminal. On one, tables and prose fit its width (or ``COLUMNS``); in a pipe
        or a file, tables are drawn :data:`TABLE_COLUMNS` characters wide (or ``COLUMNS``) and prose is
        written one paragraph a line, for whatever reads it to wrap.

    Returns
    -------
    ResultConsole
        Writing to stdout.
    """
    columns = environ.get("COLUMNS", "").strip()
    width = int(columns) if columns.isdigit() and int(columns) > 0 else (None if terminal else TABLE_COLUMNS)
    return ResultConsole(highlight=False, soft_wrap=not terminal, width=width, emoji=False)


out = stdout_console(os.environ, terminal=sys.stdout is not None and sys.stdout.isatty())
err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)
MAX_PROBLEMS_SHOWN = 200
MAX_LINE_CHARS = 400
MAX_MESSAGE_CHARS = 4000

F = TypeVar("F", bound=Callable[..., Any])

Dir = Annotated[
    Path, typer.Argument(help="The workspace folder (sites.csv, areas.csv, scenarios/, hubplan.toml).")
]
AsJson = Annotated[bool, typer.Option("--json", help="Print one JSON object instead of tables.")]


INTERRUPTED = (
    "interrupted: stopped before the end; hubplan writes each output whole or not at all, so any "
    "from before are as they were"
)
"""What a command says on stderr when Ctrl-C stops it (exit 130)."""


def handles_errors(command: F) -> F:
    """Turn hubplan's own errors into a clear message and exit code 1 (tracebacks are for bugs only)."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            with _terminate_as_exit():
                return command(*args, **kwargs)
        except ParameterError as exc:
            err.print("[bold red]error:[/] ", end="")
            err.print(_cut(exc.wording(flag_for(exc.parameter)), MAX_MESSAGE_CHARS), markup=False)
            raise typer.Exit(1) from None
        except InputError as exc:
            print_problems(exc.summary, exc.problems)
            raise typer.Exit(1) from None
        except HubplanError as exc:
            err.print("[bold red]error:[/] ", end="")
            err.print(_cut(str(exc), MAX_MESSAGE_CHARS), markup=False)
            raise typer.Exit(1) from None
        except MemoryError as exc:  # numpy's _ArrayMemoryError says how much it wanted
            wanted = getattr(exc, "_total_size", None)
            size = f" (an array of {wanted / (1 << 30):,.1f} GiB more)" if isinstance(wanted, int) else ""
            err.print("[bold red]error:[/] ", end="")
            err.print(
                f"ran out of memory{size}: use fewer sites (leave venues.csv out, or fewer venues), "
                "or plan a smaller region at a time",
                markup=False,
            )
            raise typer.Exit(1) from None
        except OSError as exc:  # unreadable or unwritable files are the user's to fix, not bugs
            where = f"{exc.filename}: " if exc.filename else ""
            err.print("[bold red]error:[/] ", end="")
            err.print(_cut(f"{where}{exc.strerror or exc}", MAX_LINE_CHARS), markup=False)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:  # Ctrl-C: say so (the shell's convention, 128 + SIGINT)
            err.print(f"\n{INTERRUPTED}", markup=False)
            raise typer.Exit(130) from None

    return wrapper  # type: ignore[return-value]


def flag_for(parameter: str) -> str:
    """Return how the running command spells a library parameter: its option (``budget`` -> ``--budget``).

    Read from click's own metadata (the running command's ``params``): an option is named by its
    first long flag, an argument by its metavar. A parameter the command does not take keeps its
    own name.

    Parameters
    ----------
    parameter
        The parameter's name in the library (e.g. ``"budget"``, ``"rules"``, ``"start"``).

    Returns
    -------
    str
        E.g. ``"--budget"``, ``"--rule"`` (a command's ``rules`` parameter), ``"--from"``.
    """
    context = _current_context()
    if context is None:
        return parameter
    for param in context.command.params:
        if param.name != parameter:
            continue
        if param.param_type_name == "option":
            return str(next((opt for opt in param.opts if opt.startswith("--")), param.opts[0]))
        return str(param.metavar or param.name or parameter).upper()
    return parameter


def _current_context() -> Any:
    """Return the running command's click context (typer's own copy of click where it carries one)."""
    # typer 0.2x runs its own copy of click, whose context stack the plain click cannot see.
    for module in ("typer._click.globals", "click.globals"):
        try:
            return importlib.import_module(module).get_current_context(silent=True)
        except ImportError:  # pragma: no cover - a typer that runs on click itself
            continue
    return None  # pragma: no cover


def print_problems(summary: str, problems: list[Any]) -> None:
    """Print a summary and each problem (the first 200, each cut to 400 characters) to stderr."""
    err.print("[bold red]error:[/] ", end="")
    err.print(_cut(summary, MAX_LINE_CHARS), markup=False)
    for problem in problems[:MAX_PROBLEMS_SHOWN]:
        err.print(_cut(f"  - {problem}", MAX_LINE_CHARS), markup=False)
    if len(problems) > MAX_PROBLEMS_SHOWN:
        err.print(f"  ... and {len(problems) - MAX_PROBLEMS_SHOWN} more")


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else f"{text[: limit - 3]}..."


@contextmanager
def _terminate_as_exit() -> Iterator[None]:
    """Turn SIGTERM into ``SystemExit`` for the block, so files being written are cleaned up."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGTERM)
    if previous is not signal.SIG_DFL:
        yield
        return

    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def load(directory: Path) -> Workspace:
    """Load the workspace (errors reach the handler as ``InputError``); name the columns it leaves alone."""
    workspace = load_workspace(directory)
    warn_unused_columns(workspace)
    return workspace


def warn_unused_columns(workspace: Workspace) -> None:
    """Print a warning naming, per file, the user's own columns hubplan does not read (``notes``, ``costs``).

    Parameters
    ----------
    workspace
        The workspace loaded.
    """
    by_file: dict[str, list[str]] = {}
    for file, column in workspace.unused_columns:
        by_file.setdefault(file, []).append(column)
    for file, columns in by_file.items():
        listed = ", ".join(f"'{_cut(c, 60)}'" for c in columns[:10]) + (
            " and more" if len(columns) > 10 else ""
        )
        err.print(f"warning: {file}: column(s) {listed} not used by hubplan (left alone)", markup=False)


@contextmanager
def progress_bar(description: str, total: int) -> Iterator[Callable[[int, int], None]]:
    """Show a progress bar on stderr while the block runs; yield its ``advance(done, total)``.

    Only on a terminal: where stderr is a file or a pipe nothing is written (not even a blank line).
    """
    if not err.is_terminal:

        def silent(done: int, new_total: int) -> None:  # noqa: ARG001 (the bar's signature)
            return

        yield silent
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task(description, total=total)

        def advance(done: int, new_total: int) -> None:
            bar.update(task, completed=done, total=new_total)

        yield advance


def output_folder(folder: Path, *, option: str = "--out") -> Path:
    """Check, before any work, that ``folder`` can be an output folder: one that is there or can be made.

    A folder given through a link is the folder the link names, as the shell would have it; the
    outputs go into it and nothing else of it is touched.

    Parameters
    ----------
    folder
        The folder the user named.
    option
        The option that named it, for the message.

    Returns
    -------
    Path
        ``folder``, unchanged.

    Raises
    ------
    typer.BadParameter
        When it, or a folder above it, is a file (or anything else that is not a folder).
    """
    for above in (folder, *folder.parents):
        if above.is_symlink() and not above.exists():
            found = f"{above} is a link to nothing"
            raise typer.BadParameter(f"expected a folder (made if missing); {found}", param_hint=option)
        if above.exists() and not above.is_dir():
            found = f"{above} is a file"
            raise typer.BadParameter(f"expected a folder (made if missing); {found}", param_hint=option)
        if above.exists():
            break
    return folder


CACHE_NOTE_BYTES = 100 << 20
"""A travel cache this big or bigger is named on stderr when it is written (bytes)."""


def travel_for(workspace: Workspace) -> TravelMatrix:
    """Build or read the travel matrices, with a progress bar while estimating.

    A cache of :data:`CACHE_NOTE_BYTES` or more written on the way is named on stderr with its size,
    so a workspace does not grow by gigabytes unannounced.
    """
    with progress_bar(f"travel minutes for {len(workspace.areas):,} areas", len(workspace.sites)) as advance:
        travel = build_travel(workspace, progress=advance)
    path = travel.cache_written
    try:
        size = path.stat().st_size if path is not None else 0
    except OSError:
        size = 0
    if path is not None and size >= CACHE_NOTE_BYTES:
        amount = f"{size / (1 << 30):,.1f} GiB" if size >= 1 << 30 else f"{size / (1 << 20):,.0f} MiB"
        err.print(
            f"Note: wrote {amount} of travel minutes to {path}, to reuse in the next "
            f"command; delete the folder {path.parent} to free the space (it is rebuilt when needed)",
            markup=False,
        )
    return travel


def evaluate_all(
    workspace: Workspace, names: list[str], *, travel: TravelMatrix | None = None
) -> list[Evaluation]:
    """Evaluate the named scenarios on one set of travel matrices (built when not given) and breakdowns."""
    travel = travel or travel_for(workspace)
    groups = area_breakdowns(workspace.areas, workspace.assumptions.region.districts)
    return [evaluate(workspace, name, travel=travel, breakdowns=groups) for name in names]


def cost_words(workspace: Workspace, evaluations: list[Evaluation]) -> str:
    """Return what to say beside these plans' costs when a base's cost is assumed, else "".

    Every CLI row of money made from ``[costs] site_cost_per_year`` (``init --assume-costs``) says
    so, in the report's words (:func:`hubplan.data.cost_source.assumed_cost_words`): the plans'
    bases and the network today's, whose cost the saving is taken from.
    """
    from hubplan.data.cost_source import assumed_cost_words_of

    ids = [b for ev in evaluations for b in ev.bases]
    baseline = workspace.baseline
    if baseline is not None and any(ev.baseline for ev in evaluations):
        ids += list(baseline.bases)
    return assumed_cost_words_of(workspace, ids)


def warn_of_travel_inside_areas(evaluations: list[Evaluation]) -> None:
    """Warn on stderr, once each, where travel inside an area dominates a plan's minutes.

    A council of one area over five islands shows every child at "0 min": the tables that print
    those minutes (``evaluate``, ``optimise``) carry :mod:`hubplan.evaluate.within_area`'s caution.
    """
    from hubplan.evaluate.within_area import NOT_MODELLED

    for caution in dict.fromkeys(c for ev in evaluations for c in ev.cautions if c.startswith(NOT_MODELLED)):
        err.print(f"warning: {escape(caution)}")


def print_notes(notes: Iterable[str]) -> None:
    """Print each note once, dimmed, after a command's tables: the one way every command says its notes.

    Parameters
    ----------
    notes
        The notes, in order (:func:`hubplan.report.tables.comparison_notes` for evaluations); a note
        given twice is printed once. Printed as text, never read as rich markup.
    """
    for note in dict.fromkeys(notes):
        out.print(f"[dim]Note: {escape(note)}[/]")


def print_json(data: Any) -> None:
    """Write one JSON object to stdout."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def finite(value: str | float) -> float:
    """Read a number option, refusing ``nan`` and ``inf`` (Python's ``float`` takes both) and negatives.

    Every number option hubplan has is minutes, seconds, a share or a count, none of which can be
    below 0 (``outreach --threshold -1`` had printed figures).

    Every float option names this as its ``parser`` (``typer.Option(parser=finite)``): click then
    words a refusal ``Invalid value for '--time-limit': expected a finite number ...``, naming the
    option. ``tests/cli/test_common.py`` checks that no command has a float option without it.

    Parameters
    ----------
    value
        The text given (or the option's default, already a number).

    Returns
    -------
    float
        The number, finite.

    Raises
    ------
    typer.BadParameter
        For text that is not a number, or is ``nan``, ``inf``, beyond the largest float (``1e400``)
        or negative.
    """
    try:
        number = float(value)
    except ValueError:
        raise typer.BadParameter(f"expected a number; got {str(value)!r}") from None
    if not math.isfinite(number):
        raise typer.BadParameter(f"expected a finite number (not nan or infinity); got {str(value)!r}")
    if number < 0:
        raise typer.BadParameter(f"expected a number of 0 or more; got {str(value)!r}")
    return number


def money_option(value: str, parameter: str) -> float:
    """Read an amount of money given to the command's ``parameter`` (a :class:`ParameterError` if not).

    Parameters
    ----------
    value
        The text given, e.g. ``"5.2m"``.
    parameter
        The command's parameter (its function argument, e.g. ``"budget"``; the message names its flag).

    Returns
    -------
    float
        £.

    Raises
    ------
    ParameterError
        When the text is not an amount, is written with a thousands dot (``180.000``) or is over
        £10bn (:func:`hubplan.data.money.read_amount`: the rules a file's money column keeps).
    """
    try:
        return read_amount(value)
    except AmountError as exc:
        raise ParameterError(parameter, expected=exc.expected, found=value) from None


@contextmanager
def solver_output_to_stderr(*, enabled: bool = True) -> Iterator[None]:
    """While the block runs, send what is written to file descriptor 1 to stderr instead.

    Solvers written in C++ (HiGHS prints its banner the first time one is made) write to the
    process's standard output directly, past Python's ``sys.stdout``. With ``--json``, stdout is
    the result and nothing else: compute inside this block, print the JSON after it.

    Parameters
    ----------
    enabled
        Redirect only when true (e.g. ``--json`` given); otherwise the block runs as it is.
    """
    if not enabled:
        yield
        return
    sys.stdout.flush()
    try:
        saved = os.dup(1)
        os.dup2(2, 1)
    except OSError:  # no file descriptors 1 or 2 to speak of (embedded): nothing to redirect
        yield
        return
    try:
        yield
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)
