"""The Dutch-Excel fixture (issue 11): it loads with notices, no errors, and exact values.

``tests/io/dutch_excel.py`` writes the map as Dutch Excel saves it: Windows-1252
``;`` CSV files with Dutch headers and day-first dates, and a workbook whose
first sheet is the empty ``Blad1``.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import networkx as nx
import pytest

import sociale_kaart as sk
from tests.io.dutch_excel import EXPECTED, write_csv_folder, write_workbook


def _read(reader: object, path: Path) -> tuple[nx.MultiDiGraph, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        G = reader(path)  # type: ignore[operator]
    return G, [str(w.message) for w in caught]


def _check_values(G: nx.MultiDiGraph) -> None:
    for (node, attribute), value in EXPECTED.items():
        assert G.nodes[node][attribute] == value, (node, attribute)
    assert G.number_of_nodes() == 6
    supports = [d for _, _, d in G.edges(data=True) if d["relation"] == "supports"]
    assert [d["trust"] for d in supports] == [3.5]
    since = {(u, v): d.get("since") for u, v, d in G.edges(data=True) if not d.get("implied")}
    assert str(since[("r_zoe", "i_naaiclub")]) == "2024-05-12"
    assert since[("p_ines", "i_budgetcafe")] is None


def test_dutch_excel_csv_folder_loads_with_notices(tmp_path: Path) -> None:
    G, notices = _read(sk.read_csv, write_csv_folder(tmp_path / "kaart"))
    _check_values(G)
    text = "\n".join(notices)
    assert "Windows-1252" in text  # the encoding, per file with accents
    assert "dates read day first" in text  # which date convention was used
    assert "Dutch column names read as" in text  # the aliases
    for table in ("residents", "initiatives", "professionals", "relations"):
        assert any(n.startswith(f"{table}.csv: dates read day first") for n in notices), table


def test_dutch_excel_workbook_with_empty_blad1_loads_with_notices(tmp_path: Path) -> None:
    G, notices = _read(sk.read_excel, write_workbook(tmp_path / "kaart.xlsx"))
    _check_values(G)
    assert any("[Blad1]" in n and "empty default sheet" in n for n in notices)
    # date cells are dates already; only the pasted text column is read day first
    assert [n for n in notices if "dates read day first" in n] == [
        "kaart.xlsx [relations]: dates read day first (d-m-yyyy, as Dutch Excel writes them): "
        "since (2 values, '12-5-2024' as 2024-05-12)"
    ]


def test_dutch_excel_fixture_round_trips_as_utf8(tmp_path: Path) -> None:
    with pytest.warns(UserWarning):
        G = sk.read_csv(write_csv_folder(tmp_path / "kaart"))
    out = sk.write_csv(G, tmp_path / "out")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # UTF-8, ISO dates, English headers: nothing to say
        again = sk.read_csv(out)
    _check_values(again)
