"""Reading reltui's screens: the answers shown, colours, terminal modes; starting a review."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from e2e.tmux import TmuxServer, TmuxSession

QUESTION_TITLES = ("Know needs", "Ask referral", "Use as reference", "Trust & respect")
_QUESTION_ROW = re.compile(
    rf"([ ▶])([1-4]) ({'|'.join(map(re.escape, QUESTION_TITLES))})\s+(yes|no|unsure|·)"
)
UNANSWERED = "·"
HIDDEN = "?"


def answers_on(screen: str) -> tuple[str, ...]:
    """The four answers the question panel shows ("·" for none), in question order."""
    found = {int(match[2]): match[4] for match in _QUESTION_ROW.finditer(screen)}
    return tuple(found.get(number, HIDDEN) for number in range(1, 5))


def showing(
    contact: str,
    position: str,
    answers: tuple[str, ...] | None = None,
    must_see: tuple[int, ...] = (),
) -> Callable[[str], bool]:
    """A wait_for predicate: this contact at this queue position, with these answers.

    A notice ("Saved", "Undid: ...") covers the line above the footer for a few seconds and may
    hide a question row; hidden rows are not compared, except those in ``must_see``.
    """

    def check(screen: str) -> bool:
        lines = screen.splitlines()
        if not lines or f" {position} " not in lines[0] or contact not in screen:
            return False
        if answers is None:
            return True
        shown = answers_on(screen)
        if any(shown[number - 1] == HIDDEN for number in must_see):
            return False
        return all(seen in (want, HIDDEN) for seen, want in zip(shown, answers, strict=True))

    return check


def next_open(answers: list[str], after: int) -> int:
    """The question the review highlights next: the first unanswered after ``after``, wrapping.

    Mirrors the review screen so a test knows which question a key answers even while a
    notification hides the highlight.
    """
    for offset in range(1, 5):
        number = (after + offset - 1) % 4 + 1
        if answers[number - 1] == UNANSWERED:
            return number
    return after


def answer(
    session: TmuxSession,
    contact: str,
    position: str,
    keys: str,
    before: tuple[str, ...] = (UNANSWERED,) * 4,
) -> None:
    """Answer the current contact's open questions, waiting after each key until it shows.

    ``y``/``n``/``m`` are yes/no/unsure. The key that completes all four answers moves the
    review on to the next contact, so the caller waits for that screen.
    """
    labels = {"y": "yes", "n": "no", "m": "unsure"}
    given = list(before)
    session.wait_for(showing(contact, position, before), description=f"{contact} at {position}")
    question = next_open(given, 0)
    for key in keys:
        given[question - 1] = labels[key]
        session.send_keys(key)
        if UNANSWERED not in given:
            return
        session.wait_for(
            showing(contact, position, tuple(given), must_see=(question,)),
            description=f"{contact} answers {given}",
        )
        question = next_open(given, question)


_SGR = re.compile(r"\x1b\[([0-9;]*)m")
_GREY_INDEXES = {0, 7, 8, 15, *range(232, 256)}
_GREY_BASIC = {30, 37, 90, 97, 40, 47, 100, 107}


def _grey_256(index: int) -> bool:
    if 16 <= index <= 231:
        red, green, blue = (index - 16) // 36, (index - 16) // 6 % 6, (index - 16) % 6
        return red == green == blue
    return index in _GREY_INDEXES


def hues(escaped: str) -> set[str]:
    """The non-grey colours set by SGR sequences in ``escaped`` (capture-pane -e output)."""
    found: set[str] = set()
    for match in _SGR.finditer(escaped):
        params = [int(part) if part else 0 for part in match[1].split(";")]
        index = 0
        while index < len(params):
            code = params[index]
            if code in (38, 48, 58) and index + 1 < len(params):
                if params[index + 1] == 5 and index + 2 < len(params):
                    if not _grey_256(params[index + 2]):
                        found.add(f"{code};5;{params[index + 2]}")
                    index += 3
                    continue
                if params[index + 1] == 2 and index + 4 < len(params):
                    red, green, blue = params[index + 2 : index + 5]
                    if not red == green == blue:
                        found.add(f"{code};2;{red};{green};{blue}")
                    index += 5
                    continue
            basic = 30 <= code <= 37 or 40 <= code <= 47 or 90 <= code <= 107
            if basic and code not in _GREY_BASIC:
                found.add(str(code))
            index += 1
    return found


_PRIVATE_MODE = re.compile(rb"\x1b\[\?([0-9;]+)([hl])")
# Modes an app turns on and must turn off on the way out (25, the cursor, must end visible).
RESTORED_MODES = {
    1049: "l",  # alternate screen
    25: "h",  # cursor visible
    1000: "l",  # mouse clicks
    1002: "l",  # mouse drags
    1003: "l",  # all mouse motion
    1006: "l",  # SGR mouse encoding
    1004: "l",  # focus events
    2004: "l",  # bracketed paste
}


def modes_left_on(output: bytes) -> dict[int, str]:
    """Terminal modes whose last setting in ``output`` is not the one a shell expects back."""
    last: dict[int, str] = {}
    for match in _PRIVATE_MODE.finditer(output):
        for mode in match[1].split(b";"):
            if mode:
                last[int(mode)] = match[2].decode()
    return {
        mode: state
        for mode, state in last.items()
        if mode in RESTORED_MODES and RESTORED_MODES[mode] != state
    }


def start_review(
    tmux: TmuxServer,
    exe: str | Path,
    db: Path,
    queue: str = "all",
    name: str = "review",
    **env: str,
) -> TmuxSession:
    """Start ``reltui review --queue QUEUE`` on ``db`` and wait for the fixture's first contact."""
    session = tmux.new_session(
        name, [str(exe), "--db", str(db), "review", "--queue", queue], env=env
    )
    session.wait_for(showing("Ada Lovelace", "1 of 6"), description="the first contact")
    return session
