"""stale_records(summary=True): one row per cause, for directories of thousands (issue 11)."""

import datetime as dt

import pandas as pd

import sociale_kaart as sk

TODAY = dt.date(2026, 11, 21)


def _directory(n_missing: int) -> object:
    rows = [{"id": f"m{i:04d}"} for i in range(n_missing)]
    rows += [
        {"id": "old1", "last_verified": "2020-01-15"},
        {"id": "old2", "last_verified": "2023-06-01"},
        {"id": "fresh", "last_verified": "2026-10-01"},
    ]
    return sk.from_frames(initiatives=pd.DataFrame(rows))


def test_two_thousand_unverified_records_are_one_row():
    table = sk.stale_records(_directory(2000), today=TODAY, summary=True)
    assert table.index.tolist() == ["old", "missing"]
    assert table.loc["missing", "records"] == 2000
    assert table.loc["missing", "examples"] == ["m0000", "m0001", "m0002"]
    assert pd.isna(table.loc["missing", "oldest_verified"])
    assert table.loc["old", "records"] == 2
    assert table.loc["old", "oldest_verified"] == dt.date(2020, 1, 15)
    assert table.loc["old", "examples"] == ["old1", "old2"]


def test_summary_agrees_with_the_full_table():
    G = sk.load_sample()
    full = sk.stale_records(G, today=TODAY)
    table = sk.stale_records(G, today=TODAY, summary=True)
    assert table["records"].to_dict() == full["reason"].value_counts().to_dict()


def test_no_stale_records_gives_an_empty_summary():
    G = sk.from_frames(initiatives=pd.DataFrame([{"id": "a", "last_verified": "2026-11-01"}]))
    table = sk.stale_records(G, today=TODAY, summary=True)
    assert table.empty
    assert list(table.columns) == ["records", "oldest_verified", "examples"]
