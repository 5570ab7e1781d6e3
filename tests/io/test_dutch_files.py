"""Files as Dutch teams keep them (issue 11): Windows-1252 ``;`` CSV from Dutch Excel."""

from __future__ import annotations

from pathlib import Path

import pytest

import sociale_kaart as sk


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
