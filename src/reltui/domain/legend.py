"""One legend for every status, wherever a status is drawn: the app's split bar and card, the
summary, and ``reltui stats --trend``. Each status has its own shade, so it reads without colour
(``NO_COLOR``, a monochrome terminal) as well as with it."""

from __future__ import annotations

from reltui.domain.rules import Status

STATUS_GLYPHS: dict[Status, str] = {
    Status.CLIENT: "█",
    Status.CANDIDATE: "▓",
    Status.CUSTOMER: "▒",
    Status.UNREVIEWED: "░",
}
# For a terminal that cannot show the shades.
ASCII_STATUS_GLYPHS: dict[Status, str] = {
    Status.CLIENT: "#",
    Status.CANDIDATE: "+",
    Status.CUSTOMER: "=",
    Status.UNREVIEWED: ".",
}
