"""``python -m reltui.bench``: time import, startup, answers, stats and export at several sizes."""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

import orjson

from reltui.bench.measure import BenchError, SizeResult, measure_size
from reltui.store.db import now_local

DEFAULT_SIZES = (1000, 10000, 100000)
MIN_ANSWERS = 200

# (field, label, unit format, target at the largest size)
ROWS: tuple[tuple[str, str, str, str], ...] = (
    ("import_seconds", "import CSV (s)", "{:.2f}", "<= 3 s at 100k"),
    ("import_rate", "import rate (contacts/s)", "{:,.0f}", ""),
    ("first_contact_seconds", "first contact on screen (s)", "{:.3f}", "<= 0.8 s"),
    ("answer_p50_ms", "answer key-to-screen p50 (ms)", "{:.1f}", ""),
    ("answer_p95_ms", "answer key-to-screen p95 (ms)", "{:.1f}", "<= 16 ms"),
    ("save_p50_ms", "  of which save_review p50 (ms)", "{:.1f}", ""),
    ("stats_seconds", "stats --json (s)", "{:.3f}", "<= 1.0 s"),
    ("export_seconds", "export (s)", "{:.3f}", "<= 1.5 s"),
    ("review_peak_mb", "review peak memory (MB)", "{:.0f}", "<= 300 MB"),
    ("bytes_per_answer", "bytes written per answer", "{:,.0f}", "independent of size"),
)
# Ratio of the largest size to the smallest, for the figures that must not grow with size.
RATIOS: tuple[tuple[str, str], ...] = (
    ("first_contact_seconds", "<= 1.5"),
    ("answer_p50_ms", ""),
    ("answer_p95_ms", "<= 1.3"),
    ("bytes_per_answer", "~ 1.0"),
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
        low, high = getattr(smallest, name), getattr(largest, name)
        found[name] = high / low if low else None
    return found


def format_table(results: list[SizeResult], found: dict[str, float | None]) -> str:
    """The figures as a Markdown table, one column per size, then the ratios."""
    sizes = [f"{result.contacts:,}" for result in results]
    lines = [
        "| figure | " + " | ".join(sizes) + " | target |",
        "| --- | " + " | ".join("---:" for _ in sizes) + " | --- |",
    ]
    for name, label, pattern, target in ROWS:
        cells = [pattern.format(getattr(result, name)) for result in results]
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {target} |")
    span = f"{results[-1].contacts:,}/{results[0].contacts:,}"
    lines.append("")
    lines.append(f"| ratio {span} | value | target |")
    lines.append("| --- | ---: | --- |")
    labels = {name: label for name, label, _, _ in ROWS}
    for name, target in RATIOS:
        value = found[name]
        shown = "n/a" if value is None else f"{value:.2f}"
        lines.append(f"| {labels[name]} | {shown} | {target} |")
    answers = results[0].answers
    lines.append("")
    lines.append(f"Answers timed per size: {answers}; medians of repeated runs.")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> dict[str, object]:
    """Measure every size; returns the JSON document."""
    now = now_local()
    results: list[SizeResult] = []
    with tempfile.TemporaryDirectory(prefix="reltui-bench-") as temp:
        for size in args.sizes:
            if not args.json:
                print(f"measuring {size:,} contacts...", file=sys.stderr, flush=True)
            results.append(measure_size(size, args.answers, args.repeat, Path(temp), now))
    found = ratios(results)
    return {
        "sizes": args.sizes,
        "answers": args.answers,
        "repeat": args.repeat,
        "results": {str(result.contacts): asdict(result) for result in results},
        "ratios": found,
        "table": format_table(results, found),
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
