"""The weekly report as plain Markdown that reads well pasted into an email."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date, timedelta

from reltui.domain.models import Contact
from reltui.domain.questions import DEFAULT_QUESTIONS, QUESTION_IDS, Question
from reltui.domain.rhythm import WeekChange, most_blocking
from reltui.domain.rules import STATUS_ORDER, Split, Status
from reltui.domain.trend import iso_week
from reltui.review.actions import ActionRow
from reltui.review.insights import WeeklyReport

STATUS_LABELS = {
    Status.CLIENT: "Clients",
    Status.CANDIDATE: "Candidates",
    Status.CUSTOMER: "Customers",
    Status.UNREVIEWED: "Unreviewed",
}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")
# At the start of a list item these would open a heading, a nested list or a numbered list.
_BLOCK_START = re.compile(r"^([-+=]|\d+(?=[.)]))")
# Bidirectional overrides can make a line read differently from what it holds.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_SPACES = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """``text`` on one line with control characters (terminal escapes among them) removed."""
    kept = []
    for char in text:
        if char in "\t\n\r\v\f":
            kept.append(" ")
        elif unicodedata.category(char) != "Cc" and char not in _BIDI_CONTROLS:
            kept.append(char)
    return _SPACES.sub(" ", "".join(kept)).strip()


def escape_markdown(text: str) -> str:
    """Untrusted text made safe for Markdown prose and table cells."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", clean_text(text))
    match = _BLOCK_START.match(escaped)
    if match is None:
        return escaped
    if match[1][0].isdigit():
        end = match.end()
        return f"{escaped[:end]}\\{escaped[end:]}"
    return "\\" + escaped


def contact_label(contact: Contact) -> str:
    """A contact's name for the report, escaped; contacts without one get their id."""
    return escape_markdown(contact.name) or f"contact {contact.id}"


def _day(day: date) -> str:
    return f"{day:%a} {day.isoformat()}"


def _titles(questions: Sequence[Question]) -> dict[str, str]:
    titles = {question.id: escape_markdown(question.title) for question in questions}
    return {qid: titles.get(qid, qid) for qid in QUESTION_IDS}


def _table(header: Sequence[str], rows: Sequence[Sequence[object]], align: str) -> list[str]:
    """A pipe table; ``align`` holds ``l`` or ``r`` per column."""
    rule = ["---:" if side == "r" else "---" for side in align]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines


def _signed(number: int) -> str:
    return f"+{number}" if number > 0 else str(number)


def _split_section(report: WeeklyReport) -> list[str]:
    previous = iso_week(report.start - timedelta(days=7))
    rows = []
    for status in STATUS_ORDER:
        before, after = report.before.counts[status], report.after.counts[status]
        rows.append([STATUS_LABELS[status], before, after, _signed(after - before)])
    total_change = _signed(report.after.total - report.before.total)
    rows.append(["Total", report.before.total, report.after.total, total_change])
    header = ["Status", f"Before (end of {previous})", f"After (end of {report.week})", "Change"]
    return ["## Split", "", *_table(header, rows, "lrrr")]


def _list_section(title: str, items: list[str], empty: str) -> list[str]:
    return [f"## {title} ({len(items)})", "", *(items or [empty])]


def _plans_section(report: WeeklyReport) -> list[str]:
    if not report.plans:
        return _list_section("Candidates' plans", [], "No candidates.")
    rows = [
        [
            contact_label(plan.contact),
            plan.since.isoformat(),
            plan.weeks,
            "; ".join(escape_markdown(action) for action in plan.actions) or "-",
        ]
        for plan in report.plans
    ]
    header = ["Candidate", "Since", "Weeks", "Next actions"]
    return [f"## Candidates' plans ({len(rows)})", "", *_table(header, rows, "llrl")]


def _blocking_section(report: WeeklyReport, titles: dict[str, str]) -> list[str]:
    lines = ["## Blocking question", ""]
    top = most_blocking(report.blocking)
    held = report.after.counts[Status.CUSTOMER] + report.after.counts[Status.CANDIDATE]
    if top is None:
        return [*lines, "No customer or candidate is missing a yes."]
    lines.append(
        f"**{titles[top]}** is the missing yes for {report.blocking[top]} of "
        f"{held} customers and candidates."
    )
    rows = [[titles[qid], report.blocking[qid]] for qid in QUESTION_IDS]
    return [*lines, "", *_table(["Question", "Missing"], rows, "lr")]


def _trend_section(trend: Sequence[tuple[str, Split]]) -> list[str]:
    header = ["Week", *(STATUS_LABELS[status] for status in STATUS_ORDER)]
    rows = [[week, *(split.counts[status] for status in STATUS_ORDER)] for week, split in trend]
    return [f"## Trend (last {len(rows)} weeks)", "", *_table(header, rows, "lrrrr")]


def _demoted_line(change: WeekChange, titles: dict[str, str]) -> str:
    line = f"- {contact_label(change.contact)}: {change.before} to {change.after}"
    if change.before == Status.CLIENT:
        lost = ", ".join(titles[qid] for qid in change.lost) or "none recorded"
        line += f", now at risk; lost {lost}"
    return line


def _action_line(row: ActionRow) -> str:
    name = escape_markdown(row.name) or f"contact {row.action.contact_id}"
    return f"- {name}: {escape_markdown(row.action.text)} (due {row.action.due.isoformat()})"


def _actions_section(report: WeeklyReport) -> list[str]:
    actions = report.actions
    done = [_action_line(row) for row in actions.done]
    overdue = [_action_line(row) for row in actions.overdue]
    return [
        *_list_section("Next actions done", done, "No next actions done this week."),
        "",
        f"## Open next actions ({actions.open}, {len(overdue)} overdue)",
        "",
        *(overdue or ["None overdue."]),
    ]


def _touches_section(report: WeeklyReport) -> list[str]:
    touches = report.touches
    total = sum(touches.by_kind.values())
    kinds = ", ".join(f"{count} {kind}" for kind, count in touches.by_kind.items())
    cooling = [f"- {contact_label(contact)}" for contact in touches.cooling]
    never = touches.never_touched
    return [
        f"## Touches ({total})",
        "",
        kinds or "No touches logged this week.",
        "",
        *_list_section("Clients cooling", cooling, "No client has gone without a touch too long."),
        "",
        f"{never} client{'s' if never != 1 else ''} with no touch logged.",
    ]


def _stuck_section(report: WeeklyReport) -> list[str]:
    stuck = [f"- {contact_label(contact)}" for contact in report.actions.stuck]
    return _list_section(
        "Stuck candidates", stuck, "No candidate is stuck: every one has work open or gained a yes."
    )


def render_report(report: WeeklyReport, questions: Sequence[Question] = DEFAULT_QUESTIONS) -> str:
    """The weekly report as Markdown: plain tables and lists, no HTML, names escaped."""
    titles = _titles(questions)
    reviewed = [f"- {contact_label(change.contact)}: {change.after}" for change in report.reviewed]
    first = [
        f"- {contact_label(change.contact)}: {change.after}" for change in report.first_reviews
    ]
    promoted = [
        f"- {contact_label(change.contact)}: {change.before} to {change.after}"
        for change in report.promoted
    ]
    demoted = [_demoted_line(change, titles) for change in report.demoted]
    skipped = [f"- {contact_label(entry.contact)}: until {entry.text}" for entry in report.skipped]
    noted = [
        f"- {contact_label(entry.contact)}: {escape_markdown(entry.text)}" for entry in report.noted
    ]
    lines = [
        f"# Relationship review, week {report.week}",
        "",
        f"{_day(report.start)} to {_day(report.end)}",
        "",
        *_split_section(report),
        "",
        *_list_section("Reviewed", reviewed, "No contacts reviewed this week."),
        "",
        *_list_section("First reviews", first, "No first reviews this week."),
        "",
        *_list_section("Promoted", promoted, "No promotions this week."),
        "",
        *_list_section("Demoted", demoted, "No demotions this week."),
        "",
        *_list_section("Skipped", skipped, "No contacts skipped this week."),
        "",
        *_list_section("Notes", noted, "No notes this week."),
        "",
        *_plans_section(report),
        "",
        *_actions_section(report),
        "",
        *_stuck_section(report),
        "",
        *_touches_section(report),
        "",
        *_blocking_section(report, titles),
        "",
        *_trend_section([(entry.week, entry.split) for entry in report.trend]),
    ]
    return "\n".join(lines) + "\n"
