"""The README's table of review keys says what the bindings say: ids, keys and descriptions."""

from __future__ import annotations

import re
from pathlib import Path

from reltui.ui.key_table import END, START, key_rows, markdown_table, review_bindings, with_table
from reltui.ui.keymap import readable_key
from reltui.ui.screens.help import GROUPED, action_name

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_table() -> list[tuple[list[str], list[str], str]]:
    """The README's rows, read back: (keys, ids, does)."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index(START) + len(START) : text.index(END)]
    rows = []
    for line in section.strip().splitlines()[2:]:
        if not line.startswith("|"):
            break
        keys, ids, does = (cell.strip() for cell in line.strip().strip("|").split(" | "))
        rows.append((re.findall(r"`([^`]+)`", keys), re.findall(r"`([^`]+)`", ids), does))
    return rows


def test_readme_lists_every_review_and_app_key_once_as_the_bindings_have_it():
    bindings = {binding.id: binding for binding in review_bindings()}
    rows = readme_table()
    listed = [binding_id for _, ids, _ in rows for binding_id in ids]
    assert sorted(listed) == sorted(bindings), "run: python -m reltui.ui.key_table README.md"
    for keys, ids, does in rows:
        expected_keys = [
            readable_key(key) for binding_id in ids for key in bindings[binding_id].key.split(",")
        ]
        assert keys == expected_keys, ids
        first = bindings[ids[0]]
        expected = GROUPED.get(action_name(first)) or first.tooltip or first.description
        assert does == expected, ids


def test_readme_names_every_other_id_with_its_keys():
    from reltui.ui.key_check import binding_ids

    text = README.read_text(encoding="utf-8")
    section = text[text.index(START) : text.index(END)]
    for binding_id in binding_ids():
        assert f"`{binding_id}`" in section, binding_id
    assert "- list: `list-back` (escape), `list-close` (L), `list-filter` (/)" in section


def test_readme_table_is_the_generated_one():
    text = README.read_text(encoding="utf-8")
    assert with_table(text) == text, "run: python -m reltui.ui.key_table README.md"


def test_the_check_catches_a_key_changed_in_the_bindings():
    from textual.binding import Binding

    changed = [
        binding.with_key("j") if binding.id == "answer-yes" else binding
        for binding in review_bindings()
    ]
    assert markdown_table(changed) != markdown_table()
    assert key_rows(changed)[0] == (["j"], ["answer-yes"], "Answer yes, go on")
    assert isinstance(changed[0], Binding)
