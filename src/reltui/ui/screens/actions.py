"""ActionsScreen: next actions, every open one (``P``) or one contact's (``A``), to get done.

Keys: ``x`` done, ``d`` drop, ``+``/``-`` a day later/earlier, ``>``/``<`` a week, ``D`` a typed
day, ``e`` the text, ``a`` a new action, ``u`` undo, ``enter`` opens the contact.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Static

from reltui.domain.actions import (
    DONE,
    DROPPED,
    Action,
    actions_summary,
    agenda_order,
    close,
    due_in,
    moved,
)
from reltui.review import relationship
from reltui.review.actions import open_action_rows
from reltui.review.relationship import ActivityStep
from reltui.store.errors import StoreError
from reltui.ui.key_notices import ExplainsKeys
from reltui.ui.keymap import key_of
from reltui.ui.one_frame import redraw_in_one_frame
from reltui.ui.text import safe
from reltui.ui.widgets.action_list import ActionLine, ActionList, label_of
from reltui.ui.widgets.footer import KeyFooter
from reltui.ui.widgets.notice_line import NoticeLine
from reltui.ui.widgets.styles import MUTED

ACTIONS_BINDINGS: list[Binding] = [
    Binding("x", "close_action('done')", "Done", id="action-done", tooltip="Mark it done"),
    Binding("d", "close_action('dropped')", "Drop", id="action-drop", tooltip="Drop it"),
    Binding("plus,equals_sign", "move(1)", "+1 day", id="action-later", tooltip="A day later"),
    Binding(
        "minus", "move(-1)", "-1 day", show=False, id="action-earlier", tooltip="A day earlier"
    ),
    Binding(
        "greater_than_sign",
        "move(7)",
        "+1 week",
        show=False,
        id="action-week-later",
        tooltip="A week later",
    ),
    Binding(
        "less_than_sign",
        "move(-7)",
        "-1 week",
        show=False,
        id="action-week-earlier",
        tooltip="A week earlier",
    ),
    Binding("D", "set_due", "Due day", show=False, id="action-due", tooltip="Type a due day"),
    Binding("e", "edit_text", "Edit", show=False, id="action-edit", tooltip="Change the text"),
    Binding("a", "add_action", "Add", id="action-add", tooltip="Add an action"),
    Binding("u", "undo", "Undo", show=False, id="action-undo", tooltip="Undo the last change"),
    Binding("escape", "close", "Close", id="actions-close", tooltip="Back to where you were"),
]
WRITING_ACTIONS = frozenset({"close_action", "move", "set_due", "edit_text", "add_action", "undo"})


class ActionsScreen(ExplainsKeys):
    """Open actions across contacts, overdue first; or every action of one contact."""

    AUTO_FOCUS = "#action-list"
    BINDINGS: ClassVar[list[BindingType]] = [*ACTIONS_BINDINGS]
    WRITING_ACTIONS = WRITING_ACTIONS

    @property
    def undo_key(self) -> str:
        return key_of(self.app, "action-undo", "u")

    def __init__(self, contact_id: int | None = None) -> None:
        super().__init__(id="actions" if contact_id is None else "contact-actions")
        self.contact_id = contact_id

    @property
    def today(self) -> date:
        return self.reltui.session.clock().date()

    def compose(self) -> ComposeResult:
        yield Static("", id="actions-title")
        empty = (
            "No open actions. A review that leaves someone a candidate or at risk opens them; "
            "a adds one."
            if self.contact_id is None
            else "No actions for this contact yet: a adds one."
        )
        yield ActionList(empty, id="action-list")
        yield NoticeLine()
        yield KeyFooter()

    def on_mount(self) -> None:
        self.refresh_rows()

    def on_screen_resume(self) -> None:
        # A form over this screen may have changed what it shows: one frame for all of it.
        redraw_in_one_frame(self)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action in WRITING_ACTIONS and self.reltui.store.read_only)

    # ---- rows ------------------------------------------------------------------------------

    def _lines(self) -> list[ActionLine]:
        store, today = self.reltui.store, self.today
        if self.contact_id is None:
            rows = open_action_rows(store, today)
            return [
                ActionLine(
                    row.action, safe(row.name), safe(row.action.text), label_of(row.action, today)
                )
                for row in rows
            ]
        name = safe(store.contact_name(self.contact_id))
        actions = store.actions(self.contact_id)
        # Open ones first, soonest due first; then the closed ones, latest closed first.
        open_ones = sorted(
            (a for a in actions if a.is_open), key=lambda a: agenda_order(a, "", today)
        )
        closed = sorted(
            (a for a in actions if not a.is_open),
            key=lambda a: (a.closed or a.due, a.id),
            reverse=True,
        )
        return [
            ActionLine(action, name, safe(action.text), label_of(action, today))
            for action in [*open_ones, *closed]
        ]

    def refresh_rows(self, keep: str | None = None) -> None:
        action_list = self.query_one(ActionList)
        lines = self._lines()
        action_list.set_rows(lines, keep)
        open_count, overdue = actions_summary((line.action for line in lines), self.today)
        if self.contact_id is None:
            title = Content.assemble(
                ("Next actions", "bold"),
                (f" · {open_count:,} open · {overdue:,} overdue · ⏎ opens the contact", MUTED),
            )
        else:
            name = safe(self.reltui.store.contact_name(self.contact_id))
            title = Content.assemble(
                ("Next actions for ", "bold"),
                (name, "bold"),
                (f" · {open_count} open · {overdue} overdue", MUTED),
            )
        self.query_one("#actions-title", Static).update(title)

    @property
    def current(self) -> Action | None:
        line = self.query_one(ActionList).current
        return line.action if line is not None else None

    # ---- changes ---------------------------------------------------------------------------

    def _change(self, before: Action, after: Action, said: str) -> None:
        try:
            relationship.change_action(self.reltui.session, before, after)
        except StoreError as error:
            self.notify(f"Not saved: {error}", severity="error", markup=False)
            return
        self._changed(after, said)

    def _changed(self, action: Action, said: str) -> None:
        self.reltui.contact_changed(action.contact_id)
        self.refresh_rows(keep=action.id)
        self.notify(said, markup=False, timeout=2)
        redraw_in_one_frame(self)  # the rows, the title and the notice together

    def action_close_action(self, state: str) -> None:
        action = self.current
        if action is None:
            return
        if not action.is_open:
            self.notify(f"Already {action.state}", markup=False, timeout=2)
            return
        word = "Done" if state == DONE else "Dropped"
        closed = close(action, DONE if state == DONE else DROPPED, self.today)
        self._change(action, closed, f"{word}: {safe(action.text)}; {self.undo_key} undoes it")

    def action_move(self, days: int) -> None:
        action = self.current
        if action is None or not action.is_open:
            return
        due = action.due + timedelta(days=days)
        self._change(action, moved(action, due), f"Due {due:%a} {due.isoformat()}")

    def action_set_due(self) -> None:
        self._open_form(self.current, due_only=True)

    def action_edit_text(self) -> None:
        self._open_form(self.current)

    def action_add_action(self) -> None:
        contact_id = self.contact_id
        if contact_id is None:
            line = self.query_one(ActionList).current
            if line is None:
                self.notify("Open a contact's actions with A to add one", markup=False, timeout=3)
                return
            contact_id = line.contact_id
        self._open_form(None, contact_id=contact_id)

    def _open_form(
        self, action: Action | None, *, contact_id: int | None = None, due_only: bool = False
    ) -> None:
        from reltui.ui.screens.action_form import ActionEntry, ActionForm

        if action is None and contact_id is None:
            return
        if action is not None and not action.is_open:
            self.notify(f"That action is {action.state}", markup=False, timeout=2)
            return
        today = self.today
        owner = action.contact_id if action is not None else cast(int, contact_id)
        name = safe(self.reltui.store.contact_name(owner))
        default_due = (
            action.due if action is not None else due_in(today, self.reltui.settings.action_days)
        )

        def closed(entry: ActionEntry | None) -> None:
            if entry is None:
                return
            if action is None:
                try:
                    added = relationship.add_action(
                        self.reltui.session, owner, entry.text, entry.due
                    )
                except StoreError as error:
                    self.notify(f"Not saved: {error}", severity="error", markup=False)
                    return
                self._changed(added, f"Added; {self.undo_key} undoes it")
                return
            changed = replace(action, text=entry.text, due=entry.due)
            self._change(action, changed, f"Saved; {self.undo_key} undoes it")

        text = action.text if action is not None else ""
        self.reltui.push_form(
            ActionForm, name, text, default_due, today, due_only=due_only, callback=closed
        )

    def action_undo(self) -> None:
        session = self.reltui.session
        step = session.last_step
        if not isinstance(step, ActivityStep) or step.action is None:
            self.notify("Nothing to undo here", markup=False, timeout=2)
            return
        what = session.undo_description() or "a change"
        session.undo()
        self._changed(step.action[1], f"Undid: {safe(what)}")

    @on(ActionList.Chosen)
    def open_contact(self, event: ActionList.Chosen) -> None:
        self.reltui.open_contact(event.contact_id)

    def action_close(self) -> None:
        self.dismiss()
