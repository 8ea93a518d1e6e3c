"""``docgen serve --workers N``: several serving processes on one port, and no keep-alive stall
(Nagle's algorithm against delayed ACKs cost about 48 ms per request before TCP_NODELAY)."""
from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT


def test_two_serving_processes_answer_kept_alive_requests_without_a_stall(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    docgen = Path(sys.executable).with_name("docgen")
    server = subprocess.Popen([str(docgen), "serve", "--workers", "2", "--port", str(port), "--thu-muc-du-lieu", str(data)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                connection.request("GET", "/api/loai")
                assert connection.getresponse().read()
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, server.stderr.read() if server.stderr else ""
                time.sleep(0.2)
        latencies = []
        for _ in range(40):
            start = time.perf_counter()
            connection.request("GET", "/api/loai")
            answer = connection.getresponse()
            assert answer.status == 200 and answer.read()
            latencies.append((time.perf_counter() - start) * 1000)
        connection.close()
        assert statistics.median(latencies) < 25, sorted(latencies)   # was about 48 ms with Nagle's algorithm on
        children = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()
        assert len(children) >= 2, children   # the supervisor's serving processes
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.communicate(timeout=60)
