"""Issue 10, "nothing lost, nothing leaked": one test (or more) per class of failure.

The audit's cases are the floor; each test also tries the neighbours of a case.
"""

from __future__ import annotations

import io
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
