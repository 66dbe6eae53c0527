"""Run one tool in its own child process: wall time, peak memory, timeout, failure capture."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = HERE.parent
REPO = BENCHMARKS.parent

MODULES = {
    "kintrace": "peers.kintrace_peer",
    "splink": "peers.splink_peer",
    "recordlinkage": "peers.recordlinkage_peer",
}


@dataclass(frozen=True)
class RunResult:
    """Outcome of one tool on one data set."""

    ok: bool
    wall_seconds: float
    peak_rss_mib: float
    error: str = ""


def run_tool(tool: str, data: Path, out: Path, timeout: float, log: Path) -> RunResult:
    """Run ``tool`` on ``data`` in a child process writing to ``out``.

    Parameters
    ----------
    tool:
        A key of :data:`MODULES`.
    data:
        Data set folder with ``children.parquet`` and ``requests.parquet``.
    out:
        Folder for the tool's candidates and meta.json.
    timeout:
        Seconds before the child is killed.
    log:
        File that receives the child's standard output and error.

    Returns
    -------
    RunResult
        Wall seconds (perf_counter) and peak resident memory (``wait4``'s ``ru_maxrss``).
    """
    out.mkdir(parents=True, exist_ok=True)
    environment = dict(os.environ)
    paths = [str(BENCHMARKS), str(REPO / "src"), str(REPO / "cli")]
    if environment.get("PYTHONPATH"):
        paths.append(environment["PYTHONPATH"])
    environment["PYTHONPATH"] = os.pathsep.join(paths)
    command = [
        sys.executable,
        "-m",
        MODULES[tool],
        str(data / "children.parquet"),
        str(data / "requests.parquet"),
        str(out),
    ]
    with log.open("w", encoding="utf-8") as sink:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=sink, stderr=subprocess.STDOUT, env=environment, cwd=BENCHMARKS
        )
        timed_out = False
        while True:
            # wait4 on this one child gives its own peak resident memory; poll for the timeout.
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - started > timeout:
                timed_out = True
                process.send_signal(signal.SIGKILL)
                _, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.05)
        wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    peak = usage.ru_maxrss / 1024.0
    if timed_out:
        return RunResult(False, wall, peak, f"timed out after {timeout:.0f}s")
    if process.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-1:]
        return RunResult(False, wall, peak, f"exit {process.returncode}: {' '.join(tail)}")
    return RunResult(True, wall, peak)
