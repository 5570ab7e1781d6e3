"""The rendered Dutch report writes Dutch numbers and dates (issue 14)."""

from __future__ import annotations

import datetime as _dt
import re

import networkx as nx
import pytest

from sociale_kaart.report.page import _cell, render_report

TODAY = _dt.date(2026, 11, 21)  # the sample's "today"


def _visible_text(page: str) -> str:
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"<[^>]+>", " ", body)


@pytest.fixture(scope="module")
def team_nl(_sample_cached: nx.MultiDiGraph) -> str:
    return _visible_text(render_report(_sample_cached, language="nl", today=TODAY))


def test_dutch_report_has_no_decimal_points(team_nl: str) -> None:
    # "0.94" is English; Dutch writes "0,94". Thousands in Dutch use a point
    # followed by exactly three digits, so a point before one, two or four+
    # digits is an English decimal.
    bad = re.findall(r"(?<![\d.])\d+\.(?:\d{1,2}|\d{4,})(?!\d)", team_nl)
    assert bad == []


def test_dutch_report_writes_dates_in_words(team_nl: str) -> None:
    assert re.findall(r"\b20\d\d-\d\d-\d\d\b", team_nl) == []
    assert "21 november 2026" in team_nl


def test_report_cells_follow_the_page_language() -> None:
    assert _cell(0.9412, language="nl", min_cell=5) == "0,94"
    assert _cell(0.9412, language="en", min_cell=5) == "0.94"
    assert _cell(0.0123, language="nl", min_cell=5) == "0,012"
    assert _cell(12345.6, language="nl", min_cell=5) == "12.346"
    assert _cell(_dt.date(2026, 12, 2), language="nl", min_cell=5) == "2 december 2026"
