"""Theme-variable styles shared by the widgets, so a status looks the same everywhere."""

from __future__ import annotations

STATUS_STYLES = {
    "client": "bold $text-success",
    "candidate": "bold $text-accent",
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
