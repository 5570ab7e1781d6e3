"""Files as Dutch teams keep them (issue 11): Windows-1252 ``;`` CSV, day-first dates, Blad1."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sociale_kaart as sk
from sociale_kaart.core.dates import day_first_dates


def _write_cp1252(folder: Path) -> None:
    folder.mkdir()
    text = "id;name;languages\r\nr1;Zoë;nl|tr\r\nr2;Hüseyin € ;nl\r\n"
    (folder / "residents.csv").write_bytes(text.encode("cp1252"))


def test_windows_1252_semicolon_csv_is_read_with_a_notice(tmp_path: Path) -> None:
    _write_cp1252(tmp_path / "map")
    with pytest.warns(UserWarning, match="Windows-1252"):
        G = sk.read_csv(tmp_path / "map")
    names = {G.nodes[n].get("name") for n in G}
    assert "Zoë" in names
    assert any(name and "€" in name for name in names)


def test_misnamed_column_is_reported_once_with_did_you_mean(tmp_path: Path) -> None:
    folder = tmp_path / "map"
    folder.mkdir()
    rows = "".join(f"r{i},Naam {i},nl\n" for i in range(2000))
    (folder / "residents.csv").write_text("id,name,languagse\n" + rows, encoding="utf-8")
    with pytest.raises(sk.DataError) as caught:
        sk.read_csv(folder)
    text = str(caught.value)
    assert text.count("languagse") == 2  # the column and the message, once
    assert "did you mean 'languages'" in text
    assert "Extra inputs" not in text


def test_empty_default_sheet_is_ignored_with_a_notice(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    assert book.active is not None
    book.active.title = "Blad1"
    sheet = book.create_sheet("residents")
    sheet.append(["id", "name"])
    sheet.append(["r1", "Hüseyin"])
    path = tmp_path / "kaart.xlsx"
    book.save(path)
    with pytest.warns(UserWarning, match=r"\[Blad1\].*empty default sheet"):
        G = sk.read_excel(path)
    assert G.nodes["r1"]["name"] == "Hüseyin"


# ----------------------------------------------------------------------------- day-first dates


def _residents(folder: Path, moved_in: list[str]) -> None:
    folder.mkdir()
    rows = "".join(f"r{i};Bewoner {i};{day}\r\n" for i, day in enumerate(moved_in))
    (folder / "residents.csv").write_text("id;name;moved_in\r\n" + rows, encoding="utf-8")


def test_dutch_dates_d_m_yyyy_are_read_day_first_with_a_notice(tmp_path: Path) -> None:
    _residents(tmp_path / "map", ["1-3-2024", "01-03-2024", "15-11-2023", "2/1/2022", "7.6.2021"])
    with pytest.warns(UserWarning, match=r"residents\.csv: dates read day first.*moved_in \(5"):
        G = sk.read_csv(tmp_path / "map")
    got = [G.nodes[f"r{i}"]["moved_in"] for i in range(5)]
    assert got == [
        dt.date(2024, 3, 1),
        dt.date(2024, 3, 1),
        dt.date(2023, 11, 15),
        dt.date(2022, 1, 2),
        dt.date(2021, 6, 7),
    ]


def test_iso_dates_stay_iso_and_say_nothing(tmp_path: Path) -> None:
    _residents(tmp_path / "map", ["2024-03-01", "2023-11-15"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        G = sk.read_csv(tmp_path / "map")
    assert G.nodes["r0"]["moved_in"] == dt.date(2024, 3, 1)


def test_month_first_date_column_is_an_error_and_nothing_is_swapped(tmp_path: Path) -> None:
    # 3/4/2024 alone could be either; 3/15/2024 can only be month first.
    _residents(tmp_path / "map", ["3/4/2024", "3/15/2024"])
    with pytest.raises(sk.DataError) as caught:
        sk.read_csv(tmp_path / "map")
    messages = [p.message for p in caught.value.errors]
    assert any("written month first ('3/15/2024')" in m for m in messages)
    # the ambiguous value is reported as unread, never read as 3 April
    assert any(p.value == "3/4/2024" for p in caught.value.errors)


def test_two_digit_years_and_impossible_days_are_errors_with_the_fix(tmp_path: Path) -> None:
    _residents(tmp_path / "map", ["1-3-24", "31-2-2024"])
    with pytest.raises(sk.DataError) as caught:
        sk.read_csv(tmp_path / "map")
    bad = {p.value: p.message for p in caught.value.errors}
    assert set(bad) == {"1-3-24", "31-2-2024"}
    assert all("d-m-yyyy with the year in full" in m for m in bad.values())


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    pad=st.booleans(),
    sep=st.sampled_from("-/."),
)
def test_day_first_dates_read_every_date_back(day: dt.date, pad: bool, sep: str) -> None:
    form = "{:02d}" if pad else "{}"
    raw = sep.join([form.format(day.day), form.format(day.month), str(day.year)])
    rows = [{"since": raw}]
    result = day_first_dates(rows, ["since"])
    assert rows[0]["since"] == day.isoformat()
    assert result.read == {"since": 1}
    assert result.month_first == {}


def test_journal_dates_day_first() -> None:
    from sociale_kaart.core.journal import REFERRAL_COLUMNS, validate_referrals

    G = sk.load_sample()
    journal = sk.journal(G)[list(REFERRAL_COLUMNS)].copy()
    iso = list(journal["date"])
    journal["date"] = [f"{d.day}-{d.month}-{d.year}" for d in iso]
    with pytest.warns(UserWarning, match=r"referrals\.csv: dates read day first"):
        clean = validate_referrals(G, journal)
    assert list(clean["date"]) == iso
