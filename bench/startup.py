"""Time `hubplan --help` against starting Python with typer and rich alone (the floor for any typer CLI).

Each command runs in a fresh process, alternating, so both see the same machine load. Prints a table
and writes it to bench/results/startup.md.

Usage: python bench/startup.py [--repeat 15]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

RESULTS = Path(__file__).parent / "results" / "startup.md"


def seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    hubplan = shutil.which("hubplan") or str(Path(sys.executable).parent / "hubplan")
    commands = {
        "python -c 'import typer, rich'": [sys.executable, "-c", "import typer, rich.console, rich.table"],
        "hubplan --help": [hubplan, "--help"],
        "hubplan validate (bundled Norfolk)": [
            hubplan,
            "validate",
            str(Path(__file__).parents[1] / "src/hubplan/data/norfolk"),
        ],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.repeat):
        for name, command in commands.items():
            times[name].append(seconds(command))
    floor = statistics.median(times["python -c 'import typer, rich'"])
    lines = [
        "# bench/startup.py",
        "",
        f"Median of {args.repeat} runs each, alternating, in fresh processes. Target: `hubplan --help` within a "
        "few times the floor (typer and rich alone).",
        "",
        "| command | median | / floor |",
        "| --- | --- | --- |",
        *(
            f"| `{name}` | {statistics.median(t):.2f} s | {statistics.median(t) / floor:.1f}x |"
            for name, t in times.items()
        ),
        "",
    ]
    text = "\n".join(lines)
    print(text)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text)


if __name__ == "__main__":
    main()
