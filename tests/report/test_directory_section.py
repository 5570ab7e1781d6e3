"""The report of a directory-only map says there are no residents and shows supply (issue 11)."""

import datetime as dt

import pandas as pd

import sociale_kaart as sk
from sociale_kaart.report.page import render_report

TODAY = dt.date(2026, 11, 21)


def _directory():
    rows = [
        {
            "id": "a",
            "name": "Schuldhulp <b>x</b>",
            "themes": "finances",
            "last_verified": "2020-01-01",
        },
        {"id": "b", "name": "Taalcafe", "themes": "language"},
    ]
    return sk.from_frames(initiatives=pd.DataFrame(rows))


def test_directory_report_says_no_residents_in_dutch_and_english():
    nl = render_report(_directory(), language="nl", today=TODAY)
    assert "geen bewoners" in nl and 'id="directory"' in nl
    en = render_report(_directory(), language="en", today=TODAY)
    assert "no residents" in en and "Directory without residents" in en
    assert "<b>x</b>" not in en  # hostile text stays escaped


def test_map_with_residents_has_no_directory_section():
    html = render_report(sk.load_sample(), language="en", today=TODAY, referrals=0)
    assert "Directory without residents" not in html
