"""The weekly report's Markdown, from a known review log."""

from datetime import date

import pytest
from test_trend import TODAY, N, Y, at, build_review_log, save_review

from reltui.domain.models import Contact
from reltui.review.insights import weekly_report
from reltui.review.report import clean_text, contact_label, escape_markdown, render_report

W47_REPORT = """\
# Relationship review, week 2026-W47

Mon 2026-11-16 to Sun 2026-11-22

## Split

| Status | Before (end of 2026-W46) | After (end of 2026-W47) | Change |
| --- | ---: | ---: | ---: |
| Clients | 3 | 2 | -1 |
| Candidates | 1 | 3 | +2 |
| Customers | 1 | 1 | 0 |
| Unreviewed | 2 | 1 | -1 |
| Total | 7 | 7 | 0 |

## Reviewed (4)

- Ada Lovelace: candidate
- Brian Kernighan: candidate
- Dan Bricklin: candidate
- Henry Ford: client

## First reviews (1)

- Dan Bricklin: candidate

## Promoted (0)

No promotions this week.

## Demoted (1)

- Ada Lovelace: client to candidate, now at risk; lost Ask referral

## Skipped (0)

No contacts skipped this week.

## Notes (0)

No notes this week.

## Candidates' plans (3)

| Candidate | Since | Weeks | Next actions |
| --- | --- | ---: | --- |
| Brian Kernighan | 2026-11-02 | 2 | deliver a quick win and follow up in person |
| Ada Lovelace | 2026-11-17 | 0 | ask for a testimonial after the next delivery |
| Dan Bricklin | 2026-11-18 | 0 | book a needs conversation; ask for a testimonial after the next \
delivery; ask what they would tell a prospect about working with you; deliver a quick win and \
follow up in person |

## Next actions done (0)

No next actions done this week.

## Open next actions (0, 0 overdue)

None overdue.

## Stuck candidates (0)

No candidate is stuck: every one has work open or gained a yes.

## Touches (0)

No touches logged this week.

## Clients cooling (0)

No client has gone without a touch too long.

2 clients with no touch logged.

## Blocking question

**Trust & respect** is the missing yes for 3 of 4 customers and candidates.

| Question | Missing |
| --- | ---: |
| Know needs | 1 |
| Ask referral | 2 |
| Use as reference | 1 |
| Trust & respect | 3 |

## Trend (last 12 weeks)

| Week | Clients | Candidates | Customers | Unreviewed |
| --- | ---: | ---: | ---: | ---: |
| 2026-W36 | 1 | 0 | 0 | 6 |
| 2026-W37 | 1 | 0 | 0 | 6 |
| 2026-W38 | 1 | 0 | 0 | 6 |
| 2026-W39 | 1 | 0 | 0 | 6 |
| 2026-W40 | 1 | 0 | 1 | 5 |
| 2026-W41 | 2 | 0 | 1 | 4 |
| 2026-W42 | 2 | 0 | 2 | 3 |
| 2026-W43 | 2 | 0 | 2 | 3 |
| 2026-W44 | 3 | 0 | 2 | 2 |
| 2026-W45 | 2 | 2 | 1 | 2 |
| 2026-W46 | 3 | 1 | 1 | 2 |
| 2026-W47 | 2 | 3 | 1 | 1 |
"""


@pytest.fixture
def review_log(tmp_path):
    store, ids = build_review_log(tmp_path / "db")
    yield store, ids
    store.close()


def report_text(store, monday, today=TODAY):
    return render_report(weekly_report(store, monday, today))


def section(text, title):
    """The lines of one ``## title`` section, without its heading and trailing blank line."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"## {title}"))
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    return [line for line in lines[start + 1 : end] if line]


def test_report_of_the_current_week(review_log):
    store, _ = review_log
    assert report_text(store, date(2026, 11, 16)) == W47_REPORT


def test_report_of_a_week_a_client_was_lost(review_log):
    store, _ = review_log
    text = report_text(store, date(2026, 11, 2))
    assert text.startswith(
        "# Relationship review, week 2026-W45\n\nMon 2026-11-02 to Sun 2026-11-08\n"
    )
    assert section(text, "Reviewed") == [
        "- Brian Kernighan: candidate",
        "- Grace Hopper: candidate",
    ]
    assert section(text, "Promoted") == ["- Brian Kernighan: customer to candidate"]
    assert section(text, "Demoted") == [
        "- Grace Hopper: client to candidate, now at risk; lost Know needs"
    ]
    assert section(text, "Split")[2:4] == [
        "| Clients | 3 | 2 | -1 |",
        "| Candidates | 0 | 2 | +2 |",
    ]
    # Plans and blockers as they stood at the end of that week, not as they stand today.
    assert section(text, "Candidates' plans")[2:] == [
        "| Brian Kernighan | 2026-11-02 | 0 | deliver a quick win and follow up in person |",
        "| Grace Hopper | 2026-11-04 | 0 | book a needs conversation |",
    ]
    assert section(text, "Blocking question")[0] == (
        "**Know needs** is the missing yes for 2 of 3 customers and candidates."
    )
    assert section(text, "Blocking question")[3:] == [
        "| Know needs | 2 |",
        "| Ask referral | 0 |",
        "| Use as reference | 1 |",
        "| Trust & respect | 2 |",
    ]
    assert section(text, "Trend")[-1] == "| 2026-W45 | 2 | 2 | 1 | 2 |"


def test_hostile_names_are_escaped_and_skips_are_not_reviews(review_log):
    store, _ = review_log
    text = report_text(store, date(2026, 11, 9))
    assert section(text, "Reviewed") == [
        "- \\[Eve\\] \\*Evil\\* \\| \\<x\\>\\[31m\\_y\\`: customer",
        "- Grace Hopper: client",
    ]
    assert section(text, "Promoted") == ["- Grace Hopper: candidate to client"]
    assert section(text, "Demoted") == ["No demotions this week."]
    assert section(text, "Skipped") == ["- Brian Kernighan: until 2026-11-16"]
    assert "\x1b" not in text and "<x>" not in text


def test_a_quiet_week_says_so(review_log):
    store, _ = review_log
    text = report_text(store, date(2026, 9, 7))
    assert section(text, "Reviewed") == ["No contacts reviewed this week."]
    assert section(text, "Promoted") == ["No promotions this week."]
    assert section(text, "Candidates' plans") == ["No candidates."]
    assert section(text, "Blocking question") == ["No customer or candidate is missing a yes."]
    assert section(text, "Trend")[2] == "| 2026-W26 | 1 | 0 | 0 | 6 |"


def test_a_hostile_name_in_a_plan_cannot_break_the_table(tmp_path):
    name = "Mallory | evil | cells"
    store, ids = build_review_log(tmp_path / "db", (), people=(name,))
    with store:
        save_review(store, ids[name], at(date(2026, 11, 17)), (Y, Y, Y, N))
        row = section(report_text(store, date(2026, 11, 16)), "Candidates' plans")[2]
    assert row.startswith("| Mallory \\| evil \\| cells | 2026-11-17 | 0 |")
    assert row.replace("\\|", "").count("|") == 5


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Ada Lovelace", "Ada Lovelace"),
        ("[Bob](http://x) *b* _i_", "\\[Bob\\](http://x) \\*b\\* \\_i\\_"),
        ("`code` <b>html</b> a|b", "\\`code\\` \\<b\\>html\\</b\\> a\\|b"),
        ("back\\slash", "back\\\\slash"),
        ("# heading", "\\# heading"),
        ("- list", "\\- list"),
        ("+44 20 7946 0000", "\\+44 20 7946 0000"),
        ("1. first", "1\\. first"),
        ("Bell\nLabs\t\x07", "Bell Labs"),
        ("\x1b[2J\x1b]0;title\x07Eve", "\\[2J\\]0;titleEve"),
        ("abc\u202edef", "abcdef"),
        ("Zoë Ünal", "Zoë Ünal"),
    ],
)
def test_escape_markdown(text, escaped):
    assert escape_markdown(text) == escaped


def test_clean_text_keeps_markdown_but_drops_control_characters():
    assert clean_text("  [Eve]\x1b[31m  *x*\r\n") == "[Eve][31m *x*"


def test_contact_without_a_printable_name_gets_its_id():
    assert contact_label(Contact(id=7, name="\x1b\x07")) == "contact 7"


def test_report_counts_actions_done_open_and_overdue(review_log):
    from reltui.domain.actions import DONE, close

    store, ids = review_log
    monday = date(2026, 11, 16)
    done = store.open_action(ids["Dan Bricklin"], "book a *call*", monday)
    store.save_action(close(done, DONE, date(2026, 11, 17)))
    earlier = store.open_action(ids["Dan Bricklin"], "old one", monday)
    store.save_action(close(earlier, DONE, date(2026, 11, 9)))
    store.open_action(ids["Ada Lovelace"], "lunch", date(2026, 11, 17))
    store.open_action(ids["Grace Hopper"], "send notes", date(2026, 11, 30))
    text = report_text(store, monday)
    assert section(text, "Next actions done") == [
        "- Dan Bricklin: book a \\*call\\* (due 2026-11-16)"
    ]
    assert section(text, "Open next actions") == ["- Ada Lovelace: lunch (due 2026-11-17)"]
    assert "## Open next actions (2, 1 overdue)" in text
