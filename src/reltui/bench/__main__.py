"""``python -m reltui.bench``: time import, startup, answers, stats and export at several sizes."""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

import orjson

from reltui.bench.measure import (
    REFERENCE_LOOP,
    REFERENCE_RUNS,
    Baselines,
    BenchError,
    SizeResult,
    measure_baselines,
    measure_size,
)
from reltui.store.db import now_local

DEFAULT_SIZES = (1000, 10000, 100000)
MIN_ANSWERS = 200
STEPS_NOTE = "touches, contact edits and actions marked done: a quarter as many (at least 5) each"

# (field, label, unit format, target)
ROWS: tuple[tuple[str, str, str, str], ...] = (
    ("import_seconds", "import CSV (s)", "{:.2f}", "<= 4x csv.DictReader"),
    ("import_rate", "import rate (contacts/s)", "{:,.0f}", ""),
    ("dict_reader_seconds", "  baseline: csv.DictReader (s)", "{:.2f}", ""),
    ("vcard_import_seconds", "import vCard twin (s)", "{:.2f}", "<= 2x CSV import"),
    ("first_contact_seconds", "first contact on screen (s)", "{:.3f}", "<= 1.3x minimal app"),
    ("answer_p50_ms", "answer key-to-screen p50 (ms)", "{:.1f}", ""),
    ("answer_p95_ms", "answer key-to-screen p95 (ms)", "{:.1f}", "<= 16 ms"),
    ("save_p50_ms", "  of which save_review p50 (ms)", "{:.1f}", ""),
    ("touch_p95_ms", "touch saved, key-to-screen p95 (ms)", "{:.1f}", "<= 16 ms"),
    ("edit_p95_ms", "contact edit saved, key-to-screen p95 (ms)", "{:.1f}", "<= 16 ms"),
    ("action_done_p95_ms", "action marked done, key-to-screen p95 (ms)", "{:.1f}", "<= 16 ms"),
    ("stats_seconds", "stats --json (s)", "{:.3f}", "<= 0.5 s, <= 1.5x --help"),
    ("export_seconds", "export (s)", "{:.3f}", "<= 0.5 s, <= 1.5x --help"),
    ("report_seconds", "report (s)", "{:.3f}", "<= 0.5 s, <= 1.5x --help"),
    ("review_peak_mb", "review peak memory (MB)", "{:.0f}", "<= 1 GB"),
    ("bytes_per_answer", "bytes written per answer", "{:,.0f}", "independent of size"),
)
# Each size's figure over its baseline in the same run: (label, figure, baseline, target).
# A baseline named ``minimal_app_seconds`` or ``help_seconds`` is the run's (see ``Baselines``).
BASELINE_RATIOS: tuple[tuple[str, str, str, str], ...] = (
    ("first screen / minimal app", "first_contact_seconds", "minimal_app_seconds", "<= 1.3"),
    ("import / csv.DictReader", "import_seconds", "dict_reader_seconds", "<= 4"),
    ("vCard import / CSV import", "vcard_import_seconds", "import_seconds", "<= 2"),
    ("stats / reltui --help", "stats_seconds", "help_seconds", "<= 1.5"),
    ("export / reltui --help", "export_seconds", "help_seconds", "<= 1.5"),
    ("report / reltui --help", "report_seconds", "help_seconds", "<= 1.5"),
)
# Ratio of the largest size to the smallest, for the figures that must not grow with size.
RATIOS: tuple[tuple[str, str], ...] = (
    ("first_contact_seconds", "<= 1.5"),
    ("answer_p50_ms", ""),
    ("answer_p95_ms", "<= 1.3"),
    ("touch_p95_ms", "<= 1.3"),
    ("edit_p95_ms", "<= 1.3"),
    ("action_done_p95_ms", "<= 1.3"),
    ("bytes_per_answer", "~ 1.0"),
)
# A million contacts over 100,000: what may grow, and by how much.
MILLION, HUNDRED_THOUSAND = 1_000_000, 100_000
SCALE_RATIOS: tuple[tuple[str, str], ...] = (
    ("import_seconds", "<= 11"),
    ("stats_seconds", "<= 11"),
    ("export_seconds", "<= 11"),
    ("first_contact_seconds", "<= 1.5"),
)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m reltui.bench",
        description="Measure reltui on synthetic databases of several sizes.",
    )
    parser.add_argument(
        "--sizes",
        default=",".join(map(str, DEFAULT_SIZES)),
        help="Comma-separated contact counts (default: %(default)s).",
    )
    parser.add_argument(
        "--answers",
        type=int,
        default=MIN_ANSWERS,
        help="Answers to time in the review (default: %(default)s).",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="Runs of each command; the median is reported (default: %(default)s).",
    )
    parser.add_argument("--json", action="store_true", help="Print one JSON object.")
    parser.add_argument(
        "--keep-exports",
        type=Path,
        metavar="DIR",
        help="Copy each size's export to DIR/export-SIZE.csv (to compare two versions).",
    )
    parser.add_argument(
        "--smoke", action="store_true", help="One run of each command: checks that all of it runs."
    )
    args = parser.parse_args(argv)
    try:
        args.sizes = sorted({int(size) for size in args.sizes.split(",") if size.strip()})
    except ValueError:
        parser.error(f"--sizes: expected numbers separated by commas, got {args.sizes!r}")
    if not args.sizes or min(args.sizes) < 1 or args.answers < 1 or args.repeat < 1:
        parser.error("--sizes, --answers and --repeat must be positive")
    if args.smoke:
        args.repeat = 1
    return args


def ratios(results: list[SizeResult]) -> dict[str, float | None]:
    """Largest size's figure over the smallest size's, for the figures that must stay flat."""
    smallest, largest = results[0], results[-1]
    found: dict[str, float | None] = {}
    for name, _ in RATIOS:
        found[name] = _ratio(getattr(largest, name), getattr(smallest, name))
    return found


def baseline_ratios(result: SizeResult, baselines: Baselines) -> dict[str, float | None]:
    """One size's figures over their baselines, by label."""
    found: dict[str, float | None] = {}
    for label, name, baseline, _ in BASELINE_RATIOS:
        below = getattr(baselines, baseline, None)
        if below is None:
            below = getattr(result, baseline)
        found[label] = _ratio(getattr(result, name), below)
    return found


def scale_ratios(results: list[SizeResult]) -> dict[str, float | None]:
    """A million contacts' figures over 100,000's (empty unless both were measured)."""
    by_size = {result.contacts: result for result in results}
    if MILLION not in by_size or HUNDRED_THOUSAND not in by_size:
        return {}
    big, small = by_size[MILLION], by_size[HUNDRED_THOUSAND]
    return {name: _ratio(getattr(big, name), getattr(small, name)) for name, _ in SCALE_RATIOS}


def _ratio(high: float, low: float) -> float | None:
    return high / low if low else None


def _shown(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def format_table(
    results: list[SizeResult],
    found: dict[str, float | None],
    baselines: Baselines,
    against: dict[int, dict[str, float | None]],
    scaled: dict[str, float | None],
) -> str:
    """The figures as Markdown tables: baselines, one column per size, then the ratios."""
    lines = [
        f"Machine-speed reference: {REFERENCE_LOOP:,} additions in a Python loop took "
        f"{baselines.machine_reference:.3f} s (best of {REFERENCE_RUNS}).",
        "",
        "| baseline in this run | value |",
        "| --- | ---: |",
        f"| minimal Textual app (Static + Footer), first frame (s) | "
        f"{baselines.minimal_app_seconds:.3f} |",
        f"| reltui --help (s) | {baselines.help_seconds:.3f} |",
        "",
    ]
    sizes = [f"{result.contacts:,}" for result in results]
    lines += [
        "| figure | " + " | ".join(sizes) + " | target |",
        "| --- | " + " | ".join("---:" for _ in sizes) + " | --- |",
    ]
    for name, label, pattern, target in ROWS:
        cells = [pattern.format(getattr(result, name)) for result in results]
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {target} |")
    lines += [
        "",
        "| ratio to its baseline | " + " | ".join(sizes) + " | target |",
        "| --- | " + " | ".join("---:" for _ in sizes) + " | --- |",
    ]
    for label, _, _, target in BASELINE_RATIOS:
        cells = [_shown(against[result.contacts][label]) for result in results]
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {target} |")
    labels = {name: label for name, label, _, _ in ROWS}
    if len(results) > 1:
        span = f"{results[-1].contacts:,}/{results[0].contacts:,}"
        lines += ["", f"| ratio {span} | value | target |", "| --- | ---: | --- |"]
        for name, target in RATIOS:
            lines.append(f"| {labels[name]} | {_shown(found[name])} | {target} |")
    if scaled:
        lines += ["", "| ratio 1,000,000/100,000 | value | target |", "| --- | ---: | --- |"]
        for name, target in SCALE_RATIOS:
            lines.append(f"| {labels[name]} | {_shown(scaled[name])} | {target} |")
    answers = results[0].answers
    lines.append("")
    history = ", ".join(
        f"{result.contacts:,}: {result.history_reviews:,} reviews, "
        f"{result.history_touches:,} touches, {result.history_actions:,} next actions"
        for result in results
    )
    lines.append(f"History in each database (a year): {history}.")
    lines.append(f"Answers timed per size: {answers}; {STEPS_NOTE}; medians of repeated runs.")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> dict[str, object]:
    """Measure the baselines and every size; returns the JSON document."""
    now = now_local()
    results: list[SizeResult] = []
    with tempfile.TemporaryDirectory(prefix="reltui-bench-") as temp:
        if not args.json:
            print("measuring the baselines...", file=sys.stderr, flush=True)
        baselines = measure_baselines(args.repeat, Path(temp))
        if args.keep_exports is not None:
            args.keep_exports.mkdir(parents=True, exist_ok=True)
        for size in args.sizes:
            if not args.json:
                print(f"measuring {size:,} contacts...", file=sys.stderr, flush=True)
            keep = None
            if args.keep_exports is not None:
                keep = args.keep_exports / f"export-{size}.csv"
            results.append(measure_size(size, args.answers, args.repeat, Path(temp), now, keep))
    found = ratios(results)
    against = {result.contacts: baseline_ratios(result, baselines) for result in results}
    scaled = scale_ratios(results)
    return {
        "sizes": args.sizes,
        "answers": args.answers,
        "repeat": args.repeat,
        "baselines": asdict(baselines),
        "results": {str(result.contacts): asdict(result) for result in results},
        "ratios": found,
        "baseline_ratios": {str(size): values for size, values in against.items()},
        "scale_ratios": scaled,
        "table": format_table(results, found, baselines, against, scaled),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; 0 when every measurement ran, 1 when one failed."""
    args = parse_args(argv)
    try:
        document = run(args)
    except BenchError as error:
        print(f"reltui.bench: {error}", file=sys.stderr)
        return 1
    if args.json:
        print(orjson.dumps(document, option=orjson.OPT_INDENT_2).decode())
    else:
        print(document["table"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
