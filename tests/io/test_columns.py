"""read_csv reads plain files column-wise (pyarrow) and others row by row (csv): the same tables."""

from __future__ import annotations

import csv
import io
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sociale_kaart as sk
from sociale_kaart.core.columnar import CodedColumn, pydantic_only
from sociale_kaart.core.errors import Problem
from sociale_kaart.io import formats
from sociale_kaart.io.limits import Limits
from sociale_kaart.testing import graphs_equal
from tests.core.columnar_compare import same

_CELL = st.text(alphabet=st.sampled_from(list("ab1 ;,\t\u00a0é\u2028\x1c.-:|")), max_size=4)
_END = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def _texts(draw: Any) -> tuple[str, str]:
    """A CSV text without quotes: rows of cells, perhaps ragged or blank, any line end."""
    delimiter = draw(st.sampled_from([",", ";"]))
    width = draw(st.integers(1, 4))
    header = [f"h{i}" for i in range(width)]
    lines = [delimiter.join(header)]
    for _ in range(draw(st.integers(0, 6))):
        cells = draw(
            st.one_of(
                st.lists(_CELL, min_size=width, max_size=width).filter(
                    lambda c: any(x.strip() for x in c)
                ),
                st.lists(_CELL, min_size=0, max_size=width + 1),
            )
        )
        lines.append(delimiter.join(c.replace(delimiter, "") for c in cells))
    end = draw(_END)
    return end.join(lines) + draw(st.sampled_from(["", end])), delimiter


def _table(text: str, tmp: Path, columns: bool) -> tuple[Any, list[Problem]]:
    path = tmp / "residents.csv"
    path.write_text(text, encoding="utf-8", newline="")
    problems: list[Problem] = []
    if columns:
        table = formats._read_csv_table(path, "residents", problems)
    else:
        with pydantic_only():  # row by row, by csv alone
            table = formats._read_csv_table(path, "residents", problems)
    if table is None:
        return None, problems
    rows = [(row.line, row.values) for row in table.all_rows()]
    return (table.columns, table.list_sep, rows), problems


@settings(max_examples=300, deadline=None)
@given(case=_texts())
def test_plain_texts_read_column_wise_as_csv_reads_them(
    case: tuple[str, str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    text, delimiter = case
    tmp = tmp_path_factory.mktemp("t")
    assert _table(text, tmp, True) == _table(text, tmp, False)
    plain = formats._plain_columns(text, delimiter, Limits())
    if plain is not None:
        header, columns = plain
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        assert header == records[0]
        assert [list(c) for c in columns] == [list(c) for c in zip(*records[1:], strict=True)] or (
            len(records) == 1 and all(len(c) == 0 for c in columns)
        )


def test_what_is_read_column_wise_and_what_row_by_row() -> None:
    limits = Limits()
    assert formats._plain_columns("id,name\nr1,a\r\nr2,b\n", ",", limits) is not None
    for text in (
        'id,name\nr1,"a, b"\n',  # quotes: csv
        "id,name\nr1,a\n\nr2,b\n",  # a blank row: csv counts it in the line numbers
        "id,name\nr1,a\n , \n",  # a row of blanks
        "id,name\nr1,a,b\n",  # too wide
        "id,name\nr1\n",  # too short
        "id,name\nr1,a\x00\n",
    ):
        assert formats._plain_columns(text, ",", limits) is None, text
    assert formats._plain_columns("id,name\nr1,abcdef\n", ",", Limits(max_cell_chars=5)) is None
    assert formats._plain_columns("id,name\nr1,a\nr2,b\n", ",", Limits(max_rows=1)) is None
    assert formats._plain_columns("id,name\nr1,a\n", ",", Limits(max_columns=1)) is None
    with pydantic_only():
        assert formats._plain_columns("id,name\nr1,a\n", ",", limits) is None


def test_a_coded_column_is_a_sequence() -> None:
    column = CodedColumn(["x", "", "y"], [2, 0, 0, 1])
    assert list(column) == ["y", "x", "x", ""] and len(column) == 4
    assert column[0] == "y" and column[-1] == "" and column[1:3] == ["x", "x"]
    assert column.count("x") == 2 and "y" in column


def test_without_pyarrow_every_file_is_read_by_csv(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow.csv", None)  # import fails
    assert formats._plain_columns("id,name\nr1,a\n", ",", Limits()) is None


def test_a_synthetic_map_reads_the_same_on_both_paths(tmp_path: Path) -> None:
    """Column-wise with the columnar checks, and row by row with pydantic alone."""
    G0 = sk.datasets.synthetic(300, seed=5)
    folder = sk.write_csv(G0, tmp_path / "map")
    G = sk.read_csv(folder)
    with pydantic_only():
        H = sk.read_csv(folder)
    assert graphs_equal(G, H)
    assert list(G.nodes) == list(H.nodes)
    assert list(G.edges(keys=True)) == list(H.edges(keys=True))
    for node in G:
        assert same(G.nodes[node], H.nodes[node])
    for u, v, k, data in G.edges(keys=True, data=True):
        assert same(data, H.edges[u, v, k])
    assert {k: v for k, v in G.graph.items() if k != "loaded_at"} == {
        k: v for k, v in H.graph.items() if k != "loaded_at"
    }


def test_a_dutch_excel_file_with_semicolons_reads_the_same_on_both_paths(tmp_path: Path) -> None:
    folder = tmp_path / "map"
    folder.mkdir()
    (folder / "residents.csv").write_bytes(
        "\ufeffid;naam;breedtegraad;verhuisd_in\r\nr1;Zoë;52,37;1-3-2024\r\nr2;Jan;;\r\n".encode(
            "cp1252", errors="ignore"
        )
    )
    with warnings.catch_warnings(record=True) as fast:
        warnings.simplefilter("always")
        G = sk.read_csv(folder)
    with warnings.catch_warnings(record=True) as slow, pydantic_only():
        warnings.simplefilter("always")
        H = sk.read_csv(folder)
    assert graphs_equal(G, H)
    assert G.nodes["r1"]["lat"] == 52.37 and str(G.nodes["r1"]["moved_in"]) == "2024-03-01"
    assert [str(w.message) for w in fast] == [str(w.message) for w in slow]
    assert any("day first" in str(w.message) for w in fast)
    assert any("1252" in str(w.message) for w in fast)
