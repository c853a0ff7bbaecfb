"""Theme-variable styles shared by the widgets, so a status looks the same everywhere."""

from __future__ import annotations

# Calm, distinct colours that stay apart in 16 colours too (TERM=screen): green, blue, yellow
# and grey; red is kept for at risk and for "no".
STATUS_STYLES = {
    "client": "bold $text-success",
    "candidate": "bold $text-primary",
    "customer": "$text-warning",
    "unreviewed": "$text-muted",
}
ANSWER_STYLES = {
    "yes": "bold $text-success",
    "no": "bold $text-error",
    "unsure": "$text-warning",
}
AT_RISK_STYLE = "bold $text-error"
MUTED = "$text-muted"


def status_style(status: str) -> str:
    return STATUS_STYLES.get(str(status), "")


def answer_label(answer: str | None) -> tuple[str, str]:
    """An answer as (text, style); unanswered shows as a dot."""
    if not answer:
        return ("·", MUTED)
    return (str(answer), ANSWER_STYLES.get(str(answer), ""))
