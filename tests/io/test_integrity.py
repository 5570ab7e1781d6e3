"""Issue 10, "nothing lost, nothing leaked": one test (or more) per class of failure.

The audit's cases are the floor; each test also tries the neighbours of a case.
"""

from __future__ import annotations

import contextlib
import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

import sociale_kaart as sk
from sociale_kaart.testing import graphs_equal

#: Text a user can type or paste: every line and paragraph separator, control characters,
#: the OOXML escape itself, quotes and delimiters, formula starts.
NASTY = [
    "Bench\rpl_fake",
    "a\r\nb\nc",
    "x\u2028y\u2029z",
    "c\x01\x07\x1b\x1fd",
    "e\x85f\x0bg\x0ch\x1c\x1d\x1ei",
    "_x000D_ literal, _x005F_ too",
    'q"uo,te;s|and pipes',
    "=1+1",
    "+31 20",
    "-2",
    "@SUM(A1)",
    "\ufffeZ\uffff",
    "emoji \U0001f600 and \u200b zero width",
]

LOSSLESS: dict[str, tuple[Callable[[nx.MultiDiGraph, Path], Path], Callable[[Path], object]]] = {
    "csv": (lambda G, p: sk.write_csv(G, p / "csv"), sk.read_csv),
    "csv-semicolon": (lambda G, p: sk.write_csv(G, p / "csv2", delimiter=";"), sk.read_csv),
    "excel": (lambda G, p: sk.write_excel(G, p / "map.xlsx"), sk.read_excel),
    "json": (lambda G, p: sk.write_json(G, p / "map.json"), sk.read_json),
}


def _nasty_map() -> nx.MultiDiGraph:
    places = pd.DataFrame(
        {
            "id": [f"pl{i}" for i in range(len(NASTY))],
            "name": NASTY,
            "description": list(reversed(NASTY)),
            "x_note": NASTY,
        }
    )
    initiatives = pd.DataFrame(
        {
            "id": ["i1", "i2"],
            "name": ["Gratis", "Koffie"],
            "themes": ["finances", "loneliness"],
            "cost_eur": [0, 2.5],
            "capacity": [0, 12],
            "schedule": ["ma\r9-12", "di\u2028wo"],
        }
    )
    relations = pd.DataFrame(
        {
            "source": ["i1"],
            "target": ["pl0"],
            "relation": ["located_at"],
            "x_why": ["zie\rnotitie"],
        }
    )
    return sk.from_frames(places=places, initiatives=initiatives, relations=relations, name="m")


# --------------------------------------------------------------------------- 1. round trips


@pytest.mark.parametrize("fmt", sorted(LOSSLESS))
def test_round_trips_that_corrupt(fmt: str, tmp_path: Path) -> None:
    """Every string survives each lossless format, and no phantom node appears."""
    G = _nasty_map()
    write, read = LOSSLESS[fmt]
    H = read(write(G, tmp_path))
    assert isinstance(H, nx.MultiDiGraph)
    assert sorted(H) == sorted(G)
    for node in G:
        assert H.nodes[node] == G.nodes[node], node
    assert sorted(H.edges(keys=True, data=True)) == sorted(G.edges(keys=True, data=True))
    assert H.nodes["i1"]["cost_eur"] == 0 and type(H.nodes["i1"]["cost_eur"]) is float


def test_round_trips_that_corrupt_a_lone_cr_is_quoted(tmp_path: Path) -> None:
    folder = sk.write_csv(_nasty_map(), tmp_path / "csv")
    text = (folder / "places.csv").read_bytes()
    assert b'"Bench\rpl_fake"' in text


def test_round_trips_that_corrupt_frames_keep_the_name() -> None:
    G = _nasty_map()
    H = sk.from_frames(**sk.to_frames(G))
    assert H.graph["name"] == "m"
    assert graphs_equal(G, H)
    assert sk.from_frames(**sk.to_frames(G), name="other").graph["name"] == "other"


def test_round_trips_that_corrupt_excel_keeps_excel_escapes(tmp_path: Path) -> None:
    """A workbook saved by Excel writes CR as _x000D_ and a literal _x000D_ as _x005F_x000D_."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "places"
    sheet.append(["id", "name"])
    sheet.append(["pl1", "regel 1_x000D_\nregel 2"])
    sheet.append(["pl2", "_x005F_x000D_"])
    book.save(tmp_path / "excel.xlsx")
    G = sk.read_excel(tmp_path / "excel.xlsx")
    assert G.nodes["pl1"]["name"] == "regel 1\r\nregel 2"
    assert G.nodes["pl2"]["name"] == "_x000D_"


# --------------------------------------------------------------------------- 8. partial maps


def test_silent_partial_maps_numbers_out_of_bounds() -> None:
    for column, value in [
        ("capacity", 10**29),
        ("cost_eur", float("inf")),
        ("cost_eur", float("-inf")),
        ("cost_eur", 10.0**12),
        ("lat", float("inf")),
    ]:
        frame = pd.DataFrame({"id": ["i1"], "name": ["x"], "themes": ["finances"], column: [value]})
        with pytest.raises(sk.DataError) as err:
            sk.from_frames(initiatives=frame)
        assert err.value.errors[0].column == column


def test_silent_partial_maps_nul_anywhere(tmp_path: Path) -> None:
    body = "id,name\n" + "".join(f"pl{i},plek {i}\n" for i in range(400))
    folder = tmp_path / "map"
    folder.mkdir()
    (folder / "places.csv").write_text(body + "pl_x,na\x00am\n", encoding="utf-8")
    assert len(body) > 4096
    with pytest.raises(sk.DataError) as err:
        sk.read_csv(folder)
    assert err.value.errors[0].row == 402 and err.value.errors[0].column == "name"
    with pytest.raises(sk.DataError, match="NUL"):
        sk.from_frames(places=pd.DataFrame({"id": ["pl1"], "x_note": ["a\x00"]}))


def test_silent_partial_maps_duplicate_frame_columns() -> None:
    frame = pd.DataFrame([["pl1", "A", "B"]], columns=["id", "name", "Name "])
    with pytest.raises(sk.DataError, match="appears twice"):
        sk.from_frames(places=frame)


def _zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _workbook(tmp_path: Path, sheets: dict[str, list[list[object]]], name: str = "m.xlsx") -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def _excel_error(path: Path) -> str:
    with pytest.raises(sk.DataError) as err:
        sk.read_excel(path)
    return str(err.value)


def test_silent_partial_maps_excel_duplicate_header(tmp_path: Path) -> None:
    path = _workbook(tmp_path, {"places": [["id", "name", "Name"], ["pl1", "A", "B"]]})
    assert "column 'name' appears twice" in _excel_error(path)


def test_silent_partial_maps_excel_duplicate_sheets(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path,
        {"places": [["id", "name"], ["pl1", "A"]], " Places ": [["id", "name"], ["pl2", "B"]]},
    )
    assert "a second sheet for the places table" in _excel_error(path)


def test_silent_partial_maps_excel_values_beyond_the_header(tmp_path: Path) -> None:
    path = _workbook(tmp_path, {"places": [["id", "name"], ["pl1", "A", "lost?"]]})
    message = _excel_error(path)
    assert "row 2" in message and "beyond the 2 named columns" in message


def test_silent_partial_maps_excel_formula_without_value(tmp_path: Path) -> None:
    path = _workbook(tmp_path, {"places": [["id", "name"], ["pl1", '=CONCAT("a","b")']]})
    message = _excel_error(path)
    assert "row 2, column 'name'" in message and "formula without a saved value" in message


def test_silent_partial_maps_folder_entries(tmp_path: Path) -> None:
    folder = tmp_path / "map"
    folder.mkdir()
    (folder / "places.csv").write_text("id,name\npl1,A\n", encoding="utf-8")
    (folder / "PLACES.csv").write_text("id,name\npl2,B\n", encoding="utf-8")
    (folder / "residents.csv").symlink_to(tmp_path / "nowhere.csv")
    outside = tmp_path / "outside.csv"
    outside.write_text("id,name\nr1,Secret\n", encoding="utf-8")
    (folder / "professionals.csv").symlink_to(outside)
    (folder / "initiatives.csv").mkdir()
    os.mkfifo(folder / "organisations.csv")
    inside = folder / "sub"
    inside.mkdir()
    (inside / "rel.csv").write_text("source,target,relation\n", encoding="utf-8")
    (folder / "relations.csv").symlink_to(inside / "rel.csv")  # inside the folder: fine
    with pytest.raises(sk.DataError) as err:
        sk.read_csv(folder)
    by_file = {p.file: p.message for p in err.value.errors}
    assert "a second file for the places table" in by_file["places.csv"]
    assert "points to nothing" in by_file["residents.csv"]
    assert "outside the map folder" in by_file["professionals.csv"]
    assert "a folder named like a CSV file" in by_file["initiatives.csv"]
    assert "not a regular file" in by_file["organisations.csv"]
    assert "relations.csv" not in by_file


# --------------------------------------------------------------------------- 9. DataError only


JSON_CASES = {
    "deep nesting": "[" * 100_000 + "]" * 100_000,
    "deep inside": '{"nodes": [], "graph": {"themes": ' + "[" * 5000 + "]" * 5000 + "}}",
    "5000 digits": '{"nodes": [{"id": "pl1", "kind": "place", "capacity": ' + "9" * 5000 + "}]}",
    "graph is a list": '{"nodes": [{"id": "pl1", "kind": "place"}], "graph": [1]}',
    "themes is a list": '{"nodes": [{"id": "pl1", "kind": "place"}], "graph": {"themes": [1]}}',
    "theme is a number": '{"nodes": [{"id": "pl1", "kind": "place"}], '
    '"graph": {"themes": {"zz": 5}}}',
    "extra is a list": '{"nodes": [{"id": "pl1", "kind": "place", "extra": [1]}]}',
    "edges is an object": '{"nodes": [{"id": "pl1", "kind": "place"}], "edges": {"a": 1}}',
    "ids are lists": '{"nodes": [{"id": [1], "kind": "place"}], "edges": '
    '[{"source": [1], "target": {"a": 2}, "relation": "knows"}]}',
    "name is a list": '{"nodes": [{"id": "pl1", "kind": "place"}], "graph": {"name": [1]}}',
    "nodes are numbers": '{"nodes": [1, "a", null]}',
    "a list as the whole": "[1, 2]",
    "not JSON": "{nodes: }",
    "kind is a list": '{"nodes": [{"id": "a", "kind": ["place"]}]}',
    "needs is a list": '{"nodes": [{"id": "r", "kind": "resident", "needs": [[1]]}]}',
    "languages is a dict": '{"nodes": [{"id": "r", "kind": "resident", "languages": {"a": 1}}]}',
}


@pytest.mark.parametrize("case", sorted(JSON_CASES))
def test_raw_tracebacks_instead_of_data_error_json(case: str, tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    path.write_text(JSON_CASES[case], encoding="utf-8")
    with pytest.raises(sk.DataError):
        sk.read_json(path)
    hsds = tmp_path / "hsds.json"
    hsds.write_text(JSON_CASES[case], encoding="utf-8")
    with contextlib.suppress(sk.DataError):
        sk.read_hsds(hsds)


def test_raw_tracebacks_instead_of_data_error_excel_xml(tmp_path: Path) -> None:
    good = _workbook(tmp_path, {"places": [["id", "name"], ["pl1", "A"]]})
    with zipfile.ZipFile(good) as archive:
        members = {i.filename: archive.read(i) for i in archive.infolist()}
    for member in ("xl/worksheets/sheet1.xml", "xl/workbook.xml", "[Content_Types].xml"):
        hostile = dict(members)
        hostile[member] = b"<?xml version='1.0'?><worksheet><sheetData><row><c"
        path = tmp_path / "hostile.xlsx"
        path.write_bytes(_zip_bytes(hostile))
        with pytest.raises(sk.DataError, match="cannot read this as an Excel workbook"):
            sk.read_excel(path)
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
        b"]><sst>&c;</sst>"
    )
    hostile = dict(members)
    hostile["xl/sharedStrings.xml"] = laughs
    path.write_bytes(_zip_bytes(hostile))
    with contextlib.suppress(sk.DataError):
        sk.read_excel(path)


def test_raw_tracebacks_instead_of_data_error_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sociale_kaart.cli.main import main

    path = tmp_path / "map.json"
    path.write_text(JSON_CASES["graph is a list"], encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "'graph' must be an object" in err and "has no attribute" not in err


# --------------------------------------------------------------------------- 7. bounds


def test_readers_without_bounds_zip_bomb(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("organization.csv", b"id,name\n" + b" " * 20_000_000)
    assert bomb.stat().st_size < 100_000
    with pytest.raises(sk.DataError, match="max_ratio"):
        sk.read_hsds(bomb)
    good = _workbook(tmp_path, {"places": [["id", "name"], ["pl1", "A"]]})
    with zipfile.ZipFile(good, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\x00" * 20_000_000)
    with pytest.raises(sk.DataError, match="max_ratio"):
        sk.read_excel(good)
    with pytest.raises(sk.DataError, match="max_unzipped_bytes"):
        sk.read_excel(good, limits=sk.Limits(max_unzipped_bytes=1_000_000, max_ratio=10**6))


def test_readers_without_bounds_rows_columns_cells(tmp_path: Path) -> None:
    import time

    folder = tmp_path / "wide"
    folder.mkdir()
    (folder / "places.csv").write_text(
        ",".join(f"x_{i}" for i in range(100_000)) + "\n", encoding="utf-8"
    )
    start = time.perf_counter()
    with pytest.raises(sk.DataError, match="max_columns"):
        sk.read_csv(folder)
    assert time.perf_counter() - start < 5
    (folder / "places.csv").write_text("id,name\n" + "pl,x\n" * 50, encoding="utf-8")
    with pytest.raises(sk.DataError, match="max_rows"):
        sk.read_csv(folder, limits=sk.Limits(max_rows=10))
    (folder / "places.csv").write_text("id,name\npl1," + "a" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(sk.DataError, match="max_cell_chars"):
        sk.read_csv(folder, limits=sk.Limits(max_cell_chars=1000))
    (folder / "places.csv").write_text("id,name\npl1," + "a" * 200_000 + "\n", encoding="utf-8")
    with pytest.raises(sk.DataError, match="max_cell_chars"):
        sk.read_csv(folder)
    with pytest.raises(sk.DataError, match="max_file_bytes"):
        sk.read_csv(folder, limits=sk.Limits(max_file_bytes=1000))
    path = _workbook(tmp_path, {"places": [["id", "name"], *[[None, None]] * 3000, ["pl1", "A"]]})
    with pytest.raises(sk.DataError, match="max_rows"):
        sk.read_excel(path, limits=sk.Limits(max_rows=1000))
    path = _workbook(tmp_path, {"places": [["id", "name"], ["pl1", "a" * 5000]]})
    with pytest.raises(sk.DataError, match="max_cell_chars"):
        sk.read_excel(path, limits=sk.Limits(max_cell_chars=1000))
    json_path = tmp_path / "m.json"
    json_path.write_text('{"nodes": [' + "[" * 40 + "]" * 40 + "]}", encoding="utf-8")
    with pytest.raises(sk.DataError, match="max_json_depth"):
        sk.read_json(json_path)


def test_readers_without_bounds_leave_the_process_alone(tmp_path: Path) -> None:
    import csv

    before = csv.field_size_limit()
    sk.read_hsds(sk.write_hsds(tiny(), tmp_path / "hsds"))
    assert csv.field_size_limit() == before


def test_limits_are_checked() -> None:
    with pytest.raises(ValueError, match="max_rows"):
        sk.Limits(max_rows=0)


def tiny() -> nx.MultiDiGraph:
    from tests.conftest import tiny_map

    return tiny_map()


# --------------------------------------------------------------------------- 6. formulas

FORMULAS = ["=1+1", "+31 6", "-2", "@SUM(A1)", "'=already quoted", '=HYPERLINK("http://x")']


def _formula_map() -> nx.MultiDiGraph:
    places = pd.DataFrame(
        {
            "id": [f"pl{i}" for i in range(len(FORMULAS))],
            "name": FORMULAS,
            "description": FORMULAS,
            "neighbourhood": ["=cmd|' /C calc'!A0"] * len(FORMULAS),
        }
    )
    organisations = pd.DataFrame({"id": ["o1"], "name": ['=WEBSERVICE("x")']})
    return sk.from_frames(places=places, organisations=organisations)


def _cells(folder: Path) -> list[str]:
    import csv

    out = []
    for file in sorted(folder.glob("*.csv")):
        with file.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                out.extend(row)
    return out


@pytest.mark.parametrize("writer", ["datapackage", "hsds"])
def test_formula_injection_in_exports(writer: str, tmp_path: Path) -> None:
    G = _formula_map()
    write = sk.write_datapackage if writer == "datapackage" else sk.write_hsds
    cells = _cells(write(G, tmp_path / writer))
    assert cells
    dangerous = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert dangerous == []
    assert "'=1+1" in cells and "''=already quoted" in cells


def test_formula_injection_hsds_reads_back_exactly(tmp_path: Path) -> None:
    G = _formula_map()
    H = sk.read_hsds(sk.write_hsds(G, tmp_path / "hsds"))
    assert {H.nodes[n]["name"] for n in H if n.startswith("pl")} >= set(FORMULAS)


def test_formula_injection_team_copy_keeps_text(tmp_path: Path) -> None:
    G = _formula_map()
    for fmt in sorted(LOSSLESS):
        write, read = LOSSLESS[fmt]
        H = read(write(G, tmp_path))
        assert isinstance(H, nx.MultiDiGraph)
        assert [H.nodes[f"pl{i}"]["name"] for i in range(len(FORMULAS))] == FORMULAS
    import openpyxl

    book = openpyxl.load_workbook(tmp_path / "map.xlsx")
    types = {c.data_type for row in book["places"].iter_rows(min_row=2) for c in row}
    assert "f" not in types


def _sparse_workbook(tmp_path: Path, row: int) -> Path:
    """A workbook whose second row sits at ``row``, past the <dimension> it declares."""
    import re

    good = _workbook(tmp_path, {"places": [["id", "name"], ["pl1", "A"]]}, name="good.xlsx")
    with zipfile.ZipFile(good) as archive:
        members = {i.filename: archive.read(i) for i in archive.infolist()}
    xml = members["xl/worksheets/sheet1.xml"].decode()
    xml = re.sub(r'r="([AB])2"', rf'r="\g<1>{row}"', xml.replace('<row r="2"', f'<row r="{row}"'))
    members["xl/worksheets/sheet1.xml"] = xml.encode()
    path = tmp_path / "sparse.xlsx"
    path.write_bytes(_zip_bytes(members))
    return path


def test_silent_partial_maps_excel_rows_past_the_declared_dimension(tmp_path: Path) -> None:
    path = _sparse_workbook(tmp_path, 5000)
    assert list(sk.read_excel(path)) == ["pl1"]
    with pytest.raises(sk.DataError, match="max_rows"):
        sk.read_excel(path, limits=sk.Limits(max_rows=1000))


def test_readers_without_bounds_excel_twenty_million_empty_rows(tmp_path: Path) -> None:
    import time

    path = _sparse_workbook(tmp_path, 20_000_000)
    start = time.perf_counter()
    with pytest.raises(sk.DataError, match="max_rows"):
        sk.read_excel(path)
    assert time.perf_counter() - start < 30


def test_read_hsds_takes_limits(tmp_path: Path) -> None:
    """The readers' bounds are overridable in read_hsds too, like in read_csv."""
    folder = sk.write_hsds(sk.load_sample(), tmp_path / "hsds")
    assert sk.read_hsds(folder).number_of_nodes() > 0
    with pytest.raises(sk.DataError, match=r"limit|Limits"):
        sk.read_hsds(folder, limits=sk.Limits(max_file_bytes=100))
