"""What a stored record must hold before it is believed: each check names what is wrong.

Every review and contact is checked as it is read, so a bad record is reported where it lies
(file and line) instead of failing later, far from it, in whatever first uses it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from reltui.domain.questions import QUESTION_IDS
from reltui.domain.rules import Answer, Decision, Status

_ANSWERS = frozenset([*(answer.value for answer in Answer), None])
_DECISIONS = frozenset([*(decision.value for decision in Decision), None])
_STATUSES = frozenset(status.value for status in Status)
_QUESTIONS = frozenset(QUESTION_IDS)
CONTACT_TEXT = ("email", "company", "position", "phone", "notes", "url", "connected_on", "source")
CONTACT_LISTS = ("emails", "phones", "tags")


def _is_time(value: object) -> bool:
    if type(value) is not str:
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def review_problem(document: Mapping[str, Any]) -> str | None:
    """What is wrong with a stored review, or ``None`` when it may be used."""
    get = document.get
    review_id = get("id")
    if type(review_id) is not str or not review_id:
        return "review id is not text"
    contact_id = get("contact_id")
    if type(contact_id) is not int or contact_id < 1:
        return f"contact id {contact_id!r} is not a positive whole number"
    if not _is_time(get("at")):
        return f"time {get('at')!r} is not a date and time"
    answers = get("answers")
    if answers is not None:
        if type(answers) is not dict or not answers.keys() <= _QUESTIONS:
            return "answers are not the four questions"
        for question, answer in answers.items():
            if answer not in _ANSWERS:
                return f"answer {answer!r} to {question} is not yes, no or unsure"
    status = get("status", Status.UNREVIEWED.value)
    if status not in _STATUSES:
        return f"status {status!r} is not one of {', '.join(sorted(_STATUSES))}"
    decision = get("decision")
    if decision not in _DECISIONS:
        return f"decision {decision!r} is not promote, keep or skip"
    for name in ("reviewer", "note"):
        if type(get(name, "")) is not str:
            return f"{name} is not text"
    deferred = get("deferred_until")
    if deferred is not None and not _is_time(deferred):
        return f"deferred until {deferred!r} is not a date and time"
    database = get("database")
    if database is not None and type(database) is not str:
        return "database id is not text"
    return None


def contact_problem(document: Mapping[str, Any]) -> str | None:
    """What is wrong with a stored contact, or ``None`` when it may be used."""
    if type(document.get("name")) is not str:
        return "name is not text"
    for name in CONTACT_TEXT:
        value = document.get(name)
        if value is not None and type(value) is not str:
            return f"{name} is not text"
    for name in CONTACT_LISTS:
        values = document.get(name)
        if values is not None and (
            type(values) is not list or any(type(value) is not str for value in values)
        ):
            return f"{name} is not a list of text"
    return None
