"""Theme-variable styles shared by the widgets, so a status looks the same everywhere."""

from __future__ import annotations

# The terminal's own ANSI colours: calm and distinct in 16 colours (TERM=screen, where theme
# colours collapse to white or turn red) as in 256. Green, cyan, yellow and grey; red is kept
# for at risk and for "no". Under NO_COLOR the shades of the legend tell statuses apart.
STATUS_STYLES = {
    "client": "bold ansi_green",
    "candidate": "bold ansi_cyan",
    "customer": "ansi_yellow",
    "unreviewed": "$text-muted",
}
ANSWER_STYLES = {
    "yes": "bold ansi_green",
    "no": "bold ansi_red",
    "unsure": "ansi_yellow",
}
AT_RISK_STYLE = "bold ansi_red"
MUTED = "$text-muted"


def status_style(status: str) -> str:
    return STATUS_STYLES.get(str(status), "")


def answer_label(answer: str | None) -> tuple[str, str]:
    """An answer as (text, style); unanswered shows as a dot."""
    if not answer:
        return ("·", MUTED)
    return (str(answer), ANSWER_STYLES.get(str(answer), ""))
