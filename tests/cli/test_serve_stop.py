"""Ctrl+C stops ``hubplan serve`` cleanly while a report is being made: no ERROR line, the request answered.

Probe 34 (F15): a request waiting for its report (up to 20 s) outlived uvicorn's one-second grace, which
cancelled it and logged ``ERROR: Cancel 1 running task(s), timeout graceful shutdown exceeded``.
"""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from hubplan.data import write_bundled_workspace


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_ctrl_c_with_a_report_being_made_stops_without_an_error_line(tmp_path: Path) -> None:
    workspace = write_bundled_workspace(tmp_path / "norfolk")
    port = _free_port()
    code = f"import sys\nfrom hubplan.cli import main\nsys.argv = ['hubplan', 'serve', {str(workspace)!r}, '--port', '{port}']\nmain()\n"
    server = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):  # the workspace and its travel minutes load first
            try:
                urllib.request.urlopen(f"{base}/api/me", timeout=5).close()
                break
            except OSError:
                time.sleep(0.2)
        answer: dict[str, object] = {}

        def ask() -> None:
            # A plan never asked before: its report takes seconds to make, so the request waits for it.
            url = f"{base}/api/report?bases=cc-diss,cc-aylsham,cc-thetford"
            try:
                urllib.request.urlopen(url, timeout=120).close()
                answer["status"] = 200
            except urllib.error.HTTPError as error:
                answer["status"] = error.code
                answer["body"] = error.read().decode("utf-8", "replace")

        asking = threading.Thread(target=ask)
        asking.start()
        time.sleep(1.5)  # the request is waiting for the job
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=60)
        asking.join(timeout=60)
    finally:
        server.kill()
    assert "ERROR" not in err, err
    assert "Traceback" not in err, err
    assert answer["status"] == 503, answer
    assert json.loads(str(answer["body"]))["error"] == "the server is stopping: ask again once it is back"
    assert server.returncode == 130, (out, err)
