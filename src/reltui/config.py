"""Settings from the YAML config file, validated into a frozen dataclass."""

from __future__ import annotations

import getpass
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reltui.domain.actions import DEFAULT_ACTION_DAYS, DEFAULT_STUCK_WEEKS
from reltui.domain.cooling import DEFAULT_TOUCH_DAYS
from reltui.domain.questions import DEFAULT_QUESTIONS, QUESTION_IDS, Question
from reltui.domain.rules import DEFAULT_CADENCE_DAYS, DEFAULT_CANDIDATE_MIN_YES, Status


class ConfigError(Exception):
    """A config file that cannot be used; the message is one line naming the key."""


def _default_reviewer() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        return "me"


@dataclass(frozen=True)
class Settings:
    """Everything reltui reads from the config file."""

    reviewer: str = field(default_factory=_default_reviewer)
    db: Path | None = None
    candidate_min_yes: int = DEFAULT_CANDIDATE_MIN_YES
    cadence_days: Mapping[Status, int] = field(default_factory=lambda: dict(DEFAULT_CADENCE_DAYS))
    questions: tuple[Question, ...] = DEFAULT_QUESTIONS
    theme: str = "textual-dark"
    auto_advance: bool = True
    backups: int = 10
    animations: bool = False
    # Binding id -> keys ("j", or "j,down"), replacing that binding's own keys.
    keys: Mapping[str, str] = field(default_factory=dict)
    action_days: int = DEFAULT_ACTION_DAYS
    stuck_weeks: int = DEFAULT_STUCK_WEEKS
    touch_days: Mapping[Status, int] = field(default_factory=lambda: dict(DEFAULT_TOUCH_DAYS))

    def with_overrides(self, **changes: Any) -> Settings:
        """A copy with some values replaced (command-line options win over the file)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


KNOWN_KEYS = {
    "reviewer",
    "db",
    "candidate_min_yes",
    "cadence_days",
    "questions",
    "theme",
    "auto_advance",
    "backups",
    "animations",
    "keys",
    "action_days",
    "stuck_weeks",
    "touch_days",
}
QUESTION_FIELDS = {"title", "text", "next_action"}
BINDING_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _expect(key: str, value: Any, kind: type | tuple[type, ...], allowed: str) -> Any:
    if isinstance(value, bool) and kind is int:
        raise ConfigError(f"{key}: {value!r} is not allowed; expected {allowed}")
    if not isinstance(value, kind):
        raise ConfigError(f"{key}: {value!r} is not allowed; expected {allowed}")
    return value


def _days_by_status(
    key: str, value: Any, base: Mapping[Status, int], *, can_be_off: bool
) -> dict[Status, int]:
    """A ``{status: days}`` mapping over ``base``; with ``can_be_off``, ``off`` (or false, null,
    0) leaves a status out."""
    result = dict(base)
    raw = _expect(key, value, dict, "a mapping of status to days")
    allowed = "a whole number of days from 1 to 3650" + (", or off" if can_be_off else "")
    for name, days in raw.items():
        where = f"{key}.{name}"
        if name not in ("client", "candidate", "customer"):
            raise ConfigError(f"{where}: unknown status; allowed: client, candidate, customer")
        if can_be_off and (days is None or days is False or days == 0 or days == "off"):
            result.pop(Status(name), None)
            continue
        days = _expect(where, days, int, allowed)
        if not 1 <= days <= 3650:
            off = " days or off" if can_be_off else " days"
            raise ConfigError(f"{where}: {days} is not allowed; expected 1-3650{off}")
        result[Status(name)] = days
    return result


def settings_from_mapping(data: Mapping[str, Any], base: Settings | None = None) -> Settings:
    """Validate a parsed config mapping; raise ``ConfigError`` naming the first bad key."""
    settings = base or Settings()
    unknown = sorted(set(data) - KNOWN_KEYS)
    if unknown:
        raise ConfigError(
            f"{unknown[0]}: unknown key; allowed keys are {', '.join(sorted(KNOWN_KEYS))}"
        )
    changes: dict[str, Any] = {}
    if "reviewer" in data:
        reviewer = _expect("reviewer", data["reviewer"], str, "a non-empty name").strip()
        if not reviewer:
            raise ConfigError("reviewer: must not be empty")
        changes["reviewer"] = reviewer
    if data.get("db") is not None:
        changes["db"] = Path(_expect("db", data["db"], str, "a directory path")).expanduser()
    if "candidate_min_yes" in data:
        value = _expect("candidate_min_yes", data["candidate_min_yes"], int, "a whole number 1-4")
        if not 1 <= value <= 4:
            raise ConfigError(f"candidate_min_yes: {value} is not allowed; expected 1-4")
        changes["candidate_min_yes"] = value
    if "cadence_days" in data:
        changes["cadence_days"] = _days_by_status(
            "cadence_days", data["cadence_days"], settings.cadence_days, can_be_off=False
        )
    if "questions" in data:
        raw = _expect("questions", data["questions"], dict, "a mapping of question id to wording")
        by_id = {question.id: question for question in settings.questions}
        for question_id, wording in raw.items():
            key = f"questions.{question_id}"
            if question_id not in QUESTION_IDS:
                raise ConfigError(f"{key}: unknown question; allowed: {', '.join(QUESTION_IDS)}")
            wording = _expect(key, wording, dict, "a mapping with title, text, next_action")
            for name, text in wording.items():
                if name not in QUESTION_FIELDS:
                    raise ConfigError(
                        f"{key}.{name}: unknown key; allowed: {', '.join(sorted(QUESTION_FIELDS))}"
                    )
                if not isinstance(text, str) or not text.strip():
                    raise ConfigError(f"{key}.{name}: expected non-empty text")
            by_id[question_id] = replace(by_id[question_id], **wording)
        changes["questions"] = tuple(by_id[qid] for qid in QUESTION_IDS)
    if "theme" in data:
        changes["theme"] = _expect("theme", data["theme"], str, "a theme name")
    for flag in ("auto_advance", "animations"):
        if flag in data:
            changes[flag] = _expect(flag, data[flag], bool, "true or false")
    if "backups" in data:
        value = _expect("backups", data["backups"], int, "a whole number 0-100")
        if not 0 <= value <= 100:
            raise ConfigError(f"backups: {value} is not allowed; expected 0-100")
        changes["backups"] = value
    if "keys" in data:
        changes["keys"] = _keys(data["keys"])
    if "touch_days" in data:
        changes["touch_days"] = _days_by_status(
            "touch_days", data["touch_days"], settings.touch_days, can_be_off=True
        )
    for key, low, high, unit in (("action_days", 1, 365, "days"), ("stuck_weeks", 1, 104, "weeks")):
        if key in data:
            value = _expect(key, data[key], int, f"a whole number of {unit} from {low} to {high}")
            if not low <= value <= high:
                raise ConfigError(f"{key}: {value} is not allowed; expected {low}-{high} {unit}")
            changes[key] = value
    return replace(settings, **changes)


def _keys(raw: Any) -> dict[str, str]:
    """The ``keys:`` section: binding id to keys. The review checks the ids and clashes."""
    raw = _expect("keys", raw, dict, "a mapping of binding id to key, e.g. answer-yes: j")
    keys: dict[str, str] = {}
    for binding_id, value in raw.items():
        key = f"keys.{binding_id}"
        if not isinstance(binding_id, str) or not BINDING_ID.fullmatch(binding_id):
            raise ConfigError(f"{key}: not a binding id; ids look like answer-yes")
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 9:
            value = str(value)  # question-1: 5 reads as a number
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(
                f"{key}: {value!r} is not allowed; expected a key such as j or ctrl+j"
            )
        names = [name.strip() for name in value.split(",")]
        if not all(names) or any(" " in name for name in names):
            raise ConfigError(f"{key}: {value!r} is not allowed; separate several keys with commas")
        keys[binding_id] = ",".join(names)
    return keys


def load_settings(path: Path, *, required: bool = False) -> Settings:
    """Read and validate the config file; a missing optional file gives the defaults."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if required:
            raise ConfigError(f"{path}: config file not found") from None
        return Settings()
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read config ({error.__class__.__name__})") from None
    import yaml  # only when there is a file: most runs have none, and it costs start-up time

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise ConfigError(f"{path}: not valid YAML{where}") from None
    if data is None:
        return Settings()
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of keys at the top level")
    try:
        return settings_from_mapping(data)
    except ConfigError as error:
        raise ConfigError(f"{path}: {error}") from None
