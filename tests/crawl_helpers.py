"""Helpers for the kill -9 tests: run ``decisions crawl`` in a child process and kill it mid-crawl.

Used by tests/pipeline/test_crawl.py and tests/test_faults_end_to_end.py; each passes its own
``DECISIONS_*`` environment (retries, jitter) so its crawl behaves as it always has.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from pipeline.serve import SampleServer
from tests.conftest import ROOT


def crawl_process(base_url: str, store: Path, **env: str) -> subprocess.Popen[bytes]:
    """Start ``python -m pipeline.cli crawl`` on ``base_url`` into ``store`` (rate limit off, fast backoff).

    ``env`` adds or overrides environment variables, e.g. ``DECISIONS_RETRIES="4"``.
    """
    child_env = {**os.environ, "DECISIONS_BACKOFF_BASE": "0.001", "PYTHONPATH": str(ROOT), **env}
    command = [sys.executable, "-m", "pipeline.cli", "crawl", "--base-url", base_url, "--store", str(store)]
    return subprocess.Popen(
        [*command, "--rate", "0"], cwd=ROOT, env=child_env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def kill_after(process: subprocess.Popen[bytes], server: SampleServer, requests: int) -> bool:
    """SIGKILL ``process`` once the server has seen ``requests`` requests; False if it ended first."""
    deadline = time.monotonic() + 120
    while len(server.requests) < requests and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    if process.poll() is not None:
        return False
    process.send_signal(signal.SIGKILL)
    process.wait()
    return True
