"""Ask ``/api/boundaries`` 20 times at once on a large outline file: wall time, each answer's time, peak RSS.

The workspace is the bundled Norfolk one with its ``boundaries.geojson`` densified (each outline edge cut
into ``--densify`` pieces, 200 gives about 50 MB, as probe 34 made it): an assumption of ours, standing
for a council whose outlines are at full resolution. The server is ``hubplan serve`` in its own process
on loopback; its peak resident memory is read from ``/proc/PID/status`` (``VmHWM``) after the requests.

Usage: python bench/boundaries.py [--densify 200] [--requests 20]
"""

from __future__ import annotations

import argparse
import itertools
import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from hubplan.data import write_bundled_workspace


def _densify(ring: list[list[float]], k: int) -> list[list[float]]:
    out = []
    for a, b in itertools.pairwise(ring):
        for j in range(k):
            t = j / k
            out.append([round(a[0] + (b[0] - a[0]) * t, 6), round(a[1] + (b[1] - a[1]) * t, 6)])
    out.append(ring[-1])
    return out


def _walk(coordinates: Any, k: int) -> Any:
    if isinstance(coordinates[0][0], int | float):
        return _densify(coordinates, k)
    return [_walk(c, k) for c in coordinates]


def make_workspace(folder: Path, densify: int) -> Path:
    """Write the bundled workspace to ``folder`` with its outlines densified ``densify`` times."""
    write_bundled_workspace(folder)
    path = folder / "boundaries.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    for feature in data["features"]:
        geometry = feature.get("geometry")
        if geometry and geometry["type"] in ("Polygon", "MultiPolygon"):
            geometry["coordinates"] = _walk(geometry["coordinates"], densify)
    path.write_text(json.dumps(data), encoding="utf-8")
    return folder


def _rss_kib(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return -1


def main() -> None:
    """Serve the workspace, ask once, then ``--requests`` at once, and print the timings and memory."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--densify", type=int, default=200)
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ws = make_workspace(Path(tmp) / "ws", args.densify)
        size_mb = (ws / "boundaries.geojson").stat().st_size / 1e6
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        code = f"import sys\nfrom hubplan.cli import main\nsys.argv=['hubplan','serve',{str(ws)!r},'--port','{port}']\nmain()"
        server = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}/api/boundaries"
        try:
            for _ in range(600):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/api/me", timeout=5).close()
                    break
                except OSError:
                    time.sleep(0.2)
            before = _rss_kib(server.pid, "VmRSS")

            def fetch(_: int) -> tuple[float, int]:
                started = time.perf_counter()
                with urllib.request.urlopen(url, timeout=600) as answer:
                    size = len(answer.read())
                return time.perf_counter() - started, size

            one, body = fetch(0)
            started = time.perf_counter()
            with ThreadPoolExecutor(args.requests) as pool:
                times = [t for t, _ in pool.map(fetch, range(args.requests))]
            wall = time.perf_counter() - started
            peak = _rss_kib(server.pid, "VmHWM")
        finally:
            server.terminate()
            server.wait(timeout=60)
    print(
        f"boundaries.geojson {size_mb:.1f} MB; answer {body / 1e6:.1f} MB; RSS before {before / 1024:.0f} MiB"
    )
    print(f"one request: {one:.2f} s")
    print(
        f"{args.requests} at once: wall {wall:.2f} s, each {min(times):.2f}-{max(times):.2f} s; "
        f"peak RSS {peak / 1024:.0f} MiB"
    )


if __name__ == "__main__":
    main()
