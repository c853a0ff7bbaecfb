"""One legend for the statuses: distinct shades without colour, calm distinct colours in 16."""

from textual.color import Color

from reltui.cli.stats import ASCII_GLYPHS, UNICODE_GLYPHS
from reltui.domain.legend import ASCII_STATUS_GLYPHS, STATUS_GLYPHS
from reltui.domain.rules import STATUS_ORDER, Status
from reltui.ui.widgets import split_bar
from reltui.ui.widgets.styles import AT_RISK_STYLE, STATUS_STYLES

RED = {1, 9}


def ansi_of(style: str) -> int | None:
    colours = [word for word in style.split() if word.startswith("ansi_")]
    return Color.parse(colours[0]).ansi if colours else None


def test_every_status_has_its_own_shade_with_and_without_unicode():
    assert len(set(STATUS_GLYPHS.values())) == len(Status)
    assert len(set(ASCII_STATUS_GLYPHS.values())) == len(Status)


def test_the_app_and_stats_trend_draw_statuses_with_the_same_shades():
    for status in STATUS_ORDER:
        assert split_bar.GLYPHS[str(status)] == STATUS_GLYPHS[status]
    assert UNICODE_GLYPHS[:3] == tuple(STATUS_GLYPHS[s] for s in STATUS_ORDER[:3])
    assert ASCII_GLYPHS[:3] == tuple(ASCII_STATUS_GLYPHS[s] for s in STATUS_ORDER[:3])


def test_statuses_keep_calm_distinct_ansi_colours_and_only_at_risk_is_red():
    colours = {
        status: ansi_of(STATUS_STYLES[status]) for status in ("client", "candidate", "customer")
    }
    assert len(set(colours.values())) == 3
    assert not RED & set(colours.values())
    bar = {ansi_of(split_bar.STYLES[status]) for status in ("client", "candidate", "customer")}
    assert bar == set(colours.values())
    assert ansi_of(AT_RISK_STYLE) in RED
