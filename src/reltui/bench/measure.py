"""Timing the reltui commands in fresh processes, one database size at a time."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from reltui.bench import MINIMAL_APP
from reltui.bench.generate import (
    history_reviews,
    history_touches,
    write_actions,
    write_csv,
    write_history,
    write_touches,
    write_vcards,
)

COMMAND_TIMEOUT = 3600
# The machine-speed reference: a fixed pure-Python loop, its best of a few runs.
REFERENCE_LOOP = 10_000_000
REFERENCE_RUNS = 3
# The baseline for the import: the standard library reading the same file, in a fresh process.
DICT_READER = (
    "import collections, csv, sys\n"
    "with open(sys.argv[1], encoding='utf-8', newline='') as handle:\n"
    "    collections.deque(csv.DictReader(handle), maxlen=0)\n"
)


class BenchError(Exception):
    """A measured command failed; the message says which and how."""


@dataclass
class SizeResult:
    """Every figure for one database size (seconds, bytes)."""

    contacts: int
    import_seconds: float = 0.0
    import_rate: float = 0.0
    dict_reader_seconds: float = 0.0
    vcard_import_seconds: float = 0.0
    first_contact_seconds: float = 0.0
    answer_p50_ms: float = 0.0
    answer_p95_ms: float = 0.0
    save_p50_ms: float = 0.0
    touch_p95_ms: float = 0.0
    edit_p95_ms: float = 0.0
    action_done_p95_ms: float = 0.0
    answers: int = 0
    stats_seconds: float = 0.0
    export_seconds: float = 0.0
    report_seconds: float = 0.0
    review_peak_mb: float = 0.0
    bytes_per_answer: float = 0.0
    history_reviews: int = 0
    history_touches: int = 0
    history_actions: int = 0
    samples: dict[str, list[float]] = field(default_factory=dict)


def reltui_command() -> list[str]:
    """The installed console script beside this interpreter, else ``python -m reltui``."""
    script = Path(sys.executable).with_name("reltui")
    return [str(script)] if script.exists() else [sys.executable, "-m", "reltui"]


def isolated_environment(home: Path) -> dict[str, str]:
    """The environment for measured commands: no user config, database or debugging."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RELTUI_")}
    env["XDG_CONFIG_HOME"] = str(home / "config")
    env["XDG_DATA_HOME"] = str(home / "data")
    return env


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile of ``values`` (``share`` between 0 and 1)."""
    ordered = sorted(values)
    rank = max(1, round(share * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def _timed(command: list[str], env: dict[str, str], what: str) -> float:
    started = time.monotonic()
    completed = subprocess.run(
        command,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=COMMAND_TIMEOUT,
    )
    elapsed = time.monotonic() - started
    if completed.returncode != 0:
        detail = completed.stderr.decode(errors="replace").strip().splitlines()[-1:] or [""]
        raise BenchError(f"{what} failed (exit {completed.returncode}): {detail[0]}")
    return elapsed


@dataclass
class Baselines:
    """What the figures are compared with, measured in the same run (seconds)."""

    machine_reference: float = 0.0
    minimal_app_seconds: float = 0.0
    help_seconds: float = 0.0
    samples: dict[str, list[float]] = field(default_factory=dict)


def machine_reference() -> float:
    """Seconds for a fixed pure-Python loop (best of a few): how fast this machine is now."""
    best = float("inf")
    for _ in range(REFERENCE_RUNS):
        started = time.perf_counter()
        total = 0
        for number in range(REFERENCE_LOOP):
            total += number
        best = min(best, time.perf_counter() - started)
    return best


def measure_baselines(repeat: int, work_root: Path) -> Baselines:
    """The run's baselines: the loop, a minimal Textual app's first frame, ``reltui --help``."""
    work = Path(tempfile.mkdtemp(prefix="reltui-bench-baselines-", dir=work_root))
    env = isolated_environment(work)
    try:
        minimal = [
            _review_probe(Path(MINIMAL_APP), "", 0, env, work)["first_contact"]
            for _ in range(repeat + 1)
        ]
        helps = [_timed([*reltui_command(), "--help"], env, "--help") for _ in range(repeat + 1)]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return Baselines(
        machine_reference=machine_reference(),
        minimal_app_seconds=statistics.median(minimal),
        help_seconds=statistics.median(helps),
        samples={"minimal_app_seconds": minimal, "help_seconds": helps},
    )


def _review_probe(
    db: Path, first_name: str, answers: int, env: dict[str, str], work: Path
) -> dict[str, Any]:
    result_path = work / "probe.json"
    result_path.unlink(missing_ok=True)
    command = [sys.executable, "-m", "reltui.bench.probe", str(result_path)]
    started = time.monotonic()
    completed = subprocess.run(
        [*command, repr(started), str(db), first_name, str(answers)],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=COMMAND_TIMEOUT,
    )
    figures: dict[str, Any] = {}
    if result_path.exists():
        figures = orjson.loads(result_path.read_bytes())
    if completed.returncode != 0 or not figures.get("first_contact"):
        detail = figures.get("error") or completed.stderr.decode(errors="replace").strip()
        raise BenchError(f"review probe failed (exit {completed.returncode}): {detail[-400:]}")
    return figures


def measure_size(
    contacts: int,
    answers: int,
    repeat: int,
    work_root: Path,
    now: datetime,
    keep_export: Path | None = None,
) -> SizeResult:
    """Generate ``contacts`` contacts and measure every figure on them."""
    work = Path(tempfile.mkdtemp(prefix=f"reltui-bench-{contacts}-", dir=work_root))
    env = isolated_environment(work)
    reltui = reltui_command()
    result = SizeResult(contacts=contacts)
    try:
        dataset = write_csv(work / "contacts.csv", contacts)
        readers = [
            _timed([sys.executable, "-c", DICT_READER, str(dataset.path)], env, "csv.DictReader")
            for _ in range(repeat)
        ]
        result.dict_reader_seconds = statistics.median(readers)
        cards = write_vcards(work / "contacts.vcf", contacts)
        vcard_db = work / "vcard-db"
        vcard_times = []
        for _ in range(repeat):
            shutil.rmtree(vcard_db, ignore_errors=True)
            vcard_times.append(
                _timed([*reltui, "--db", str(vcard_db), "import", str(cards)], env, "vCard import")
            )
        shutil.rmtree(vcard_db, ignore_errors=True)
        cards.unlink()
        result.vcard_import_seconds = statistics.median(vcard_times)
        import_times = []
        db = work / "db"
        for attempt in range(repeat):
            shutil.rmtree(db, ignore_errors=True)
            seconds = _timed([*reltui, "--db", str(db), "import", str(dataset.path)], env, "import")
            import_times.append(seconds)
            if attempt < repeat - 1:
                shutil.rmtree(db)
        result.import_seconds = statistics.median(import_times)
        result.import_rate = contacts / result.import_seconds
        history = history_reviews(contacts, now)
        result.history_reviews = write_history(db, history)
        reviewed = [review.contact_id for review in history]
        result.history_touches = write_touches(db, history_touches(reviewed, now))
        result.history_actions = write_actions(db, reviewed, now)

        stats = [
            _timed([*reltui, "--db", str(db), "stats", "--json"], env, "stats")
            for _ in range(repeat)
        ]
        result.stats_seconds = statistics.median(stats)
        export_file = work / "export.csv"
        exports = [
            _timed([*reltui, "--db", str(db), "export", "-o", str(export_file)], env, "export")
            for _ in range(repeat)
        ]
        result.export_seconds = statistics.median(exports)
        if keep_export is not None:
            shutil.copyfile(export_file, keep_export)
        reports = [
            _timed([*reltui, "--db", str(db), "report"], env, "report") for _ in range(repeat)
        ]
        result.report_seconds = statistics.median(reports)

        first = [
            _review_probe(db, dataset.first_in_queue, 0, env, work)["first_contact"]
            for _ in range(repeat)
        ]
        answered = _review_probe(db, dataset.first_in_queue, answers, env, work)
        first.append(answered["first_contact"])
        result.first_contact_seconds = statistics.median(first)
        latencies = answered["latencies"]
        result.answers = len(latencies)
        result.answer_p50_ms = statistics.median(latencies) * 1000
        result.answer_p95_ms = percentile(latencies, 0.95) * 1000
        result.save_p50_ms = statistics.median(answered["save_seconds"]) * 1000
        steps = answered.get("steps") or {}
        for name, values in steps.items():
            setattr(result, f"{name}_p95_ms", percentile(values, 0.95) * 1000 if values else 0)
        result.review_peak_mb = answered["peak_rss"] / 2**20
        result.bytes_per_answer = answered["bytes_written"] / max(len(latencies), 1)
        result.samples = {
            "import_seconds": import_times,
            "dict_reader_seconds": readers,
            "vcard_import_seconds": vcard_times,
            "stats_seconds": stats,
            "export_seconds": exports,
            "report_seconds": reports,
            "first_contact_seconds": first,
            **{f"{name}_seconds": values for name, values in steps.items()},
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return result
