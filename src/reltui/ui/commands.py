"""Command palette commands: export, switch queue, list, trend, next actions, jump to a contact."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from reltui.review.queues import QUEUE_PHRASES, QUEUES
from reltui.ui.keymap import key_of
from reltui.ui.text import safe

if TYPE_CHECKING:
    from reltui.ui.app import ReltuiApp

# Contact hits rank below the fixed commands unless the name matches well.
CONTACT_HITS = 8
MIN_CONTACT_QUERY = 2


class ReviewCommands(Provider):
    """reltui's own commands; contact names are shown as plain text, never as markup."""

    @property
    def reltui(self) -> ReltuiApp:
        return cast("ReltuiApp", self.app)

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app = self.reltui

        def key(binding_id: str, default: str) -> str:
            return f" (key {key_of(app, binding_id, default)})"

        commands: list[tuple[str, Callable[[], object], str]] = [
            ("Export CSV", app.export_csv, "Write every contact's decision to a CSV in ~"),
            (
                "List contacts",
                partial(app.open_list),
                "All contacts as a table" + key("list-view", "L"),
            ),
            (
                "Trend",
                partial(app.open_trend),
                "Clients, candidates, customers per week" + key("trend", "T"),
            ),
            (
                "Next actions",
                partial(app.open_actions),
                "Every open next action, overdue first, then by due day" + key("actions", "P"),
            ),
        ]
        for name in QUEUES:
            title, holds = QUEUE_PHRASES[name]
            commands.append((title, partial(app.switch_queue, name), f"Queue {name}: {holds}"))
        return commands

    async def discover(self) -> Hits:
        for title, callback, help_text in self._commands():
            yield DiscoveryHit(Content(title), callback, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback, help_text in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, text=title, help=help_text)
        if len(query.strip()) < MIN_CONTACT_QUERY:
            return
        app = self.reltui
        index = await asyncio.to_thread(app.contact_search)
        hits = await asyncio.to_thread(index.search, query, CONTACT_HITS)
        for hit in hits:
            contact = app.store.contact(hit.contact_id)
            name = safe(contact.name) or "(no name)"
            display = Content.assemble("Jump to ", (name, "bold"))
            if contact.company:
                display = Content.assemble(display, (f" · {safe(contact.company)}", "dim"))
            yield Hit(
                min(hit.score, 100) / 100 * 0.9,
                display,
                partial(app.open_contact, hit.contact_id),
                text=f"Jump to {name}",
                help="Open this contact in the review",
            )
