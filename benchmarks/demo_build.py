"""The demo build's time, step by step: `make demo`'s data (sn seed-demo, sn seed-incidents, sn
seed-cycle) into a throwaway SQLite file, each command in its own process with the local settings, as
`make demo` runs them.

Each step is measured in wall time and in CPU time (user + system, of the command's process): on a
machine others share, CPU time is the fairer figure. Baseline, in the same process on the same disk: a
bulk insert of BASELINE_ROWS rows of eight columns with two indexes into a SQLite file, committed, so
that a step's CPU time reads as a multiple of what this machine does with plain rows. The target is the
demo's: the three steps in under TARGET_SECONDS of wall time on a quiet machine. `quick` builds the force
and the incidents with one month of placed points, and no cycle.
"""

import os
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.report import line, section, verdict

ROOT = Path(__file__).resolve().parent.parent
SN = str(Path(sys.executable).parent / "sn")  # the console command `make demo` runs
BASELINE_ROWS = 200_000
TARGET_SECONDS = 80
STEPS = (
    ("force", ["seed-demo"]),
    ("incidents", ["seed-incidents"]),
    ("cycle", ["seed-cycle"]),
)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def baseline_insert(directory: Path, rows: int) -> tuple[float, float]:
    """(wall, CPU) seconds to insert `rows` rows into a fresh SQLite file and commit them."""
    path = directory / "baseline.sqlite3"
    rng = random.Random(2026)
    data = [
        (i, f"{rng.getrandbits(128):032x}", rng.randrange(700), rng.random(), rng.random(), "text", i % 12, 0)
        for i in range(rows)
    ]
    started, cpu_started = time.perf_counter(), time.process_time()
    db = sqlite3.connect(path)
    db.execute(
        "CREATE TABLE t (id integer primary key, k text unique, w int, x real, y real, s text, m int, p int)"
    )
    db.execute("CREATE INDEX t_w_m ON t (w, m)")
    db.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?)", data)
    db.commit()
    db.close()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    path.unlink()
    return seconds, cpu


def _run_step(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, cpu) seconds of one sn command in its own process."""
    cpu_before = _children_cpu()
    started = time.perf_counter()
    subprocess.run(
        [SN, *command],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started, _children_cpu() - cpu_before


def run(*, quick: bool = False) -> list[str]:
    section("The demo build (seed-demo, seed-incidents, seed-cycle), against a bulk insert")
    with tempfile.TemporaryDirectory(prefix="sn-demo-build-") as scratch:
        directory = Path(scratch)
        baseline, baseline_cpu = baseline_insert(directory, BASELINE_ROWS)
        line(
            "baseline", f"{BASELINE_ROWS:,} rows inserted in {baseline:.2f} s wall, {baseline_cpu:.2f} s CPU"
        )
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DATABASE_URL": f"sqlite:///{directory / 'demo.sqlite3'}",
        }
        for setup in (["migrate", "--no-input", "-v", "0"], ["setup-roles", "-v", "0"]):
            subprocess.run([SN, *setup], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        steps = [(label, command) for label, command in STEPS if not (quick and label == "cycle")]
        total_wall = total_cpu = 0.0
        for label, command in steps:
            extra = ["--placed-months", "1"] if quick and label == "incidents" else []
            wall, cpu = _run_step([*command, *extra], env)
            total_wall += wall
            total_cpu += cpu
            line(label, f"{wall:.1f} s wall, {cpu:.1f} s CPU ({cpu / baseline_cpu:.1f}x the baseline's CPU)")
        line("total", f"{total_wall:.1f} s wall, {total_cpu:.1f} s CPU ({total_cpu / baseline_cpu:.1f}x)")
    if quick:
        return [
            f"demo build (quick, no cycle): {total_wall:.1f} s wall, {total_wall / baseline:.1f}x baseline"
        ]
    return [
        f"demo build: {total_wall:.1f} s wall, {total_cpu:.1f} s CPU, {total_wall / baseline:.1f}x the "
        f"{BASELINE_ROWS:,}-row insert; target < {TARGET_SECONDS} s wall "
        f"{verdict(total_wall < TARGET_SECONDS)}"
    ]
