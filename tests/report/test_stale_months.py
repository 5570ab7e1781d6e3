"""report(stale_months=) lists the same stale offers as stale_records, by the same rule."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import sociale_kaart as sk

DAY = dt.date(2026, 11, 21)


def _quality_ids(page: str) -> set[str]:
    start = page.index('id="quality"')
    section = page[start : page.index("<h3>", page.index("<h3>", start) + 4)]
    return set(re.findall(r"<tr><td>([^<]+)</td>", section))


@pytest.mark.parametrize("months", [6, 12, 24])
def test_the_report_and_stale_records_agree(tmp_path: Path, months: int) -> None:
    G = sk.load_sample()
    page = sk.report(G, tmp_path / "r.html", today=DAY, stale_months=months)
    html = page.read_text(encoding="utf-8")
    table = sk.stale_records(G, today=DAY, stale_months=months)
    expected = set(table.index[table["stale"]])
    assert _quality_ids(html) == expected
    assert f"more than {months} months" in html
    # The gaps table of the report uses the same rule.
    gaps = sk.find_gaps(G, today=DAY, kinds="stale_record", stale_months=months)
    assert {nodes[0] for nodes in gaps["nodes"]} == expected


def test_more_months_fewer_stale_offers() -> None:
    G = sk.load_sample()
    counts = [
        int(sk.stale_records(G, today=DAY, stale_months=m)["stale"].sum()) for m in (6, 12, 30)
    ]
    assert counts[0] > counts[1] > counts[2] >= 1  # 'never verified' is always stale
