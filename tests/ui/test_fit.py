"""Text that fits: emails never broken across lines, list columns aligned whatever the name."""

from __future__ import annotations

from ui_support import open_store, screen_lines, settle

from reltui.formats.records import ContactRecord
from reltui.ui.text import in_columns

LONG_EMAIL = "bartholomew.featherstonehaugh@umbradesignstudio.example.com"
NAMES = (
    "Ann Plain",
    "Zoe\u0301 Combining",  # e + combining acute: one cell
    "Zero\u200bWidth Space",
    "Jo\u200dined Name",
)


def test_in_columns_composes_marks_and_drops_zero_width_characters():
    assert in_columns("Zoe\u0301") == "Zoé"
    assert in_columns("a\u200bb\u200c\u200dc\u2060d\ufeff") == "abcd"
    assert in_columns("plain") == "plain"


async def test_a_long_email_is_cut_with_an_ellipsis_not_broken(tmp_path, make):
    with open_store(tmp_path / "db") as store:
        store.import_records([ContactRecord(name="Bart Long", emails=[LONG_EMAIL])])
        app = make(store, queue="all")
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            lines = screen_lines(app)
            email_lines = [line for line in lines if "bartholomew" in line]
            assert len(email_lines) == 1
            assert "…" in email_lines[0]
            assert not any(line.lstrip().startswith("ple.com") for line in lines)
        # Wide enough, the whole address shows.
        async with make(store, queue="all").run_test(size=(200, 50)) as pilot:
            await settle(pilot)
            assert any(LONG_EMAIL in line for line in screen_lines(pilot.app))


async def test_list_columns_line_up_with_combining_and_zero_width_names(tmp_path, make):
    with open_store(tmp_path / "db") as store:
        store.import_records(
            [
                ContactRecord(name=name, emails=[f"p{i}@example.com"], company="Acme")
                for i, name in enumerate(NAMES)
            ]
        )
        app = make(store, queue="all")
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("L")
            await settle(pilot)
            rows = [line for line in screen_lines(app) if "Acme" in line]
            assert len(rows) == len(NAMES)
            assert len({row.index("Acme") for row in rows}) == 1
