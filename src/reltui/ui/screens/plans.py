"""PlansScreen: every candidate with its next actions, the longest waiting first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from reltui.ui.rhythm_views import PlanRow, plan_rows
from reltui.ui.widgets.plan_list import PlanList
from reltui.ui.widgets.styles import MUTED

if TYPE_CHECKING:
    from reltui.ui.app import ReltuiApp

PLANS_BINDINGS: list[Binding] = [
    Binding("escape,P", "close", "Close", id="plans-close", tooltip="Back to where you were"),
]


class PlansScreen(Screen[None]):
    """Candidates' promotion plans; enter reviews the candidate under the cursor."""

    AUTO_FOCUS = "#plan-list"
    BINDINGS: ClassVar[list[BindingType]] = [*PLANS_BINDINGS]

    @dataclass
    class Planned(Message):
        """The worker built the rows of every candidate."""

        rows: list[PlanRow]

    def __init__(self) -> None:
        super().__init__(id="plans")

    @property
    def reltui(self) -> ReltuiApp:
        return cast("ReltuiApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static(Content.styled("Candidates' plans · loading…", "bold"), id="plans-title")
        yield PlanList(id="plan-list")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(PlanList).loading = True
        self._plan(self.reltui.session.clock().date())

    @work(thread=True, exclusive=True, group="plans")
    def _plan(self, today: date) -> None:
        session = self.reltui.session
        rows = plan_rows(session.store, session.questions, today)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Planned(rows))

    @on(Planned)
    def show(self, message: Planned) -> None:
        plan_list = self.query_one(PlanList)
        plan_list.set_rows(message.rows)
        plan_list.loading = False
        count = len(message.rows)
        self.query_one("#plans-title", Static).update(
            Content.assemble(
                (f"Candidates' plans · {count:,} candidate{'s' if count != 1 else ''}", "bold"),
                (" · longest waiting first · ⏎ reviews one", MUTED),
            )
        )

    @on(PlanList.Chosen)
    def open_contact(self, event: PlanList.Chosen) -> None:
        self.reltui.open_contact(event.contact_id)

    def action_close(self) -> None:
        self.dismiss()
