"""Readers and writers: every bad-input case names file, row and column; round trips are exact."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from hypothesis import given, settings

import sociale_kaart as sk
from sociale_kaart.core.builder import ENTITY_TABLES
from sociale_kaart.core.records import RELATIONS
from sociale_kaart.testing import build_from_records, graphs_equal, map_records, maps

WriteFolder = Callable[..., Path]


def _problems(folder: Path) -> list[sk.Problem]:
    with pytest.raises(sk.DataError) as info:
        sk.read_csv(folder)
    assert isinstance(info.value, ValueError)
    return info.value.errors


def _one(problems: list[sk.Problem], **expected: object) -> sk.Problem:
    found = [
        p for p in problems if all(getattr(p, key) == value for key, value in expected.items())
    ]
    assert found, f"no problem with {expected} in {problems}"
    return found[0]


# ----------------------------------------------------------------------------- reading


def test_semicolon_file_with_bom_decimal_comma_and_pipe_lists(write_folder: WriteFolder) -> None:
    folder = write_folder(
        residents__csv="\ufeffid;name;languages;needs;lat;lon\n"
        "r1;Fatma;tr|nl;taal:2|financien;51,81;4,68\n"
    )
    G = sk.read_csv(folder)
    attrs = G.nodes["r1"]
    assert attrs["languages"] == ["tr", "nl"]
    assert attrs["needs"] == {"language": 2, "finances": None}
    assert attrs["lat"] == pytest.approx(51.81)
    assert G.graph["name"] == "map"


def test_comma_file_with_semicolon_lists(write_folder: WriteFolder) -> None:
    folder = write_folder(
        initiatives__csv='id,name,themes,level,serves\ni1,"Koffie, thee",loneliness;exercise,'
        'Informeel,"Noord;Zuid"\n'
    )
    attrs = sk.read_csv(folder).nodes["i1"]
    assert attrs["name"] == "Koffie, thee"
    assert attrs["themes"] == ["loneliness", "exercise"]
    assert attrs["level"] == "informal"
    assert attrs["serves"] == ["Noord", "Zuid"]


def test_missing_required_column(write_folder: WriteFolder) -> None:
    problem = _one(_problems(write_folder(residents__csv="name\nFatma\n")), column="id")
    assert problem.file == "residents.csv" and problem.row == 1
    assert "required column 'id'" in problem.message


def test_empty_and_duplicate_ids_across_files(write_folder: WriteFolder) -> None:
    folder = write_folder(
        residents__csv="id,name\nr1,A\n,B\nx1,C\n",
        places__csv="id,name\nx1,Bench\n",
    )
    problems = _problems(folder)
    empty = _one(problems, file="residents.csv", row=3, column="id")
    assert "empty" in empty.message
    duplicate = _one(problems, column="id", value="x1")
    assert "residents.csv, row 4" in duplicate.message and "unique" in duplicate.message


def test_unknown_relation_kind_and_theme_suggest_the_nearest(write_folder: WriteFolder) -> None:
    folder = write_folder(
        residents__csv="id,needs\nr1,finance:2\nr2,\n",
        relations__csv="source,target,relation\nr1,r2,knowz\n",
    )
    problems = _problems(folder)
    theme = _one(problems, file="residents.csv", row=2, column="needs")
    assert "did you mean 'finances'" in theme.message
    relation = _one(problems, file="relations.csv", row=2, column="relation")
    assert "did you mean 'knows'" in relation.message


def test_unknown_kind_in_graph_and_unknown_column(write_folder: WriteFolder) -> None:
    problems = _problems(write_folder(residents__csv="id,birthyear\nr1,1980\n"))
    problem = _one(problems, column="birthyear", row=1)
    assert "did you mean 'birth_year'" in problem.message and "x_" in problem.message
    G = nx.MultiDiGraph()
    G.add_node("n1", kind="volunteer")
    with pytest.raises(sk.DataError) as info:
        sk.validate(G)
    _one(info.value.errors, column="kind", value="volunteer")


def test_unknown_file_is_reported_not_skipped(write_folder: WriteFolder) -> None:
    folder = write_folder(residents__csv="id\nr1\n", resident__csv="id\nr2\n")
    problem = _one(_problems(folder), file="resident.csv")
    assert "did you mean 'residents.csv'" in problem.message


def test_dangling_endpoints_and_wrong_kinds(write_folder: WriteFolder) -> None:
    folder = write_folder(
        residents__csv="id\nr1\nr2\n",
        places__csv="id\npl1\n",
        relations__csv="source,target,relation\nr1,r22,knows\npl1,r1,supports\nr1,r1,knows\n",
    )
    problems = _problems(folder)
    dangling = _one(problems, row=2, column="target", value="r22")
    assert "did you mean 'r2'" in dangling.message.lower()
    kinds = _one(problems, row=3, column="relation")
    assert "cannot join a place" in kinds.message and "professional" in kinds.message
    _one(problems, row=4, column="target")  # a tie with itself


def test_reference_columns_are_checked(write_folder: WriteFolder) -> None:
    folder = write_folder(
        professionals__csv="id,organisation\np1,o9\np2,pl1\n",
        places__csv="id\npl1\n",
    )
    problems = _problems(folder)
    _one(problems, row=2, column="organisation", value="o9")
    wrong = _one(problems, row=3, column="organisation", value="pl1")
    assert "is a place, not a organisation" in wrong.message


@pytest.mark.parametrize(
    ("files", "file", "row", "column", "words"),
    [
        (
            {
                "residents__csv": "id\nr1\nr2\n",
                "relations__csv": "source,target,relation,trust\nr1,r2,knows,7\n",
            },
            "relations.csv",
            2,
            "trust",
            "less than or equal to 4",
        ),
        ({"residents__csv": "id,birth_year\nr1,2090\n"}, "residents.csv", 2, "birth_year", "2090"),
        (
            {"residents__csv": "id,birth_year\nr1,nineteen\n"},
            "residents.csv",
            2,
            "birth_year",
            "whole number",
        ),
        ({"places__csv": "id,lat\npl1,200\n"}, "places.csv", 2, "lat", "less than or equal to 90"),
        (
            {"initiatives__csv": "id,capacity\ni1,-1\n"},
            "initiatives.csv",
            2,
            "capacity",
            "greater than or equal to 0",
        ),
        (
            {"initiatives__csv": "id,last_verified\ni1,31-02-2024\n"},
            "initiatives.csv",
            2,
            "last_verified",
            "YYYY-MM-DD",
        ),
        (
            {"initiatives__csv": "id,last_verified\ni1,2999-01-01\n"},
            "initiatives.csv",
            2,
            "last_verified",
            "future",
        ),
        ({"residents__csv": "id,needs\nr1,finances:9\n"}, "residents.csv", 2, "needs", "1-5"),
        (
            {"residents__csv": "id,languages\nr1,dutch\n"},
            "residents.csv",
            2,
            "languages",
            "ISO 639-1",
        ),
        ({"residents__csv": "id,postcode\nr1,ABC\n"}, "residents.csv", 2, "postcode", "1234 AB"),
        (
            {"initiatives__csv": "id,min_age,max_age\ni1,65,18\n"},
            "initiatives.csv",
            2,
            None,
            "above max_age",
        ),
        ({"initiatives__csv": "id,level\ni1,expert\n"}, "initiatives.csv", 2, "level", "informal"),
    ],
)
def test_bad_values_name_file_row_and_column(
    write_folder: WriteFolder,
    files: dict[str, str],
    file: str,
    row: int,
    column: str | None,
    words: str,
) -> None:
    problem = _one(_problems(write_folder(**files)), file=file, row=row, column=column)
    assert words in problem.message or words in str(problem)


def test_empty_file(write_folder: WriteFolder) -> None:
    problem = _one(_problems(write_folder(residents__csv="")), file="residents.csv")
    assert "empty" in problem.message


def test_file_that_is_not_csv(write_folder: WriteFolder) -> None:
    folder = write_folder(residents__csv=b"PK\x03\x04\x14\x00\x06\x00binary\x00\x00")
    problem = _one(_problems(folder), file="residents.csv")
    assert "not a CSV file" in problem.message and "read_excel" in problem.message


def test_wrong_encoding_names_the_line(write_folder: WriteFolder) -> None:
    # Issue 11: Windows-1252 (Dutch Excel) is read, with a notice naming the line.
    folder = write_folder(residents__csv="id,name\nr1,Anna\nr2,Zoë\n".encode("cp1252"))
    with pytest.warns(UserWarning, match=r"residents\.csv: .*line 3.*Windows-1252"):
        G = sk.read_csv(folder)
    assert G.nodes["r2"]["name"] == "Zoë"


def test_row_with_too_many_values(write_folder: WriteFolder) -> None:
    folder = write_folder(residents__csv="id,name\nr1,de Vries, Jan\n")
    problem = _one(_problems(folder), file="residents.csv", row=2)
    assert "double quotes" in problem.message


def test_all_problems_are_collected_and_no_map_is_returned(write_folder: WriteFolder) -> None:
    folder = write_folder(
        residents__csv="id,birth_year,needs\nr1,2090,\nr2,1980,cooking\n",
        places__csv="id,lat\npl1,200\n",
        relations__csv="source,target,relation\nr1,r2,likes\n",
    )
    problems = _problems(folder)
    assert {(p.file, p.row) for p in problems} >= {
        ("residents.csv", 2),
        ("residents.csv", 3),
        ("places.csv", 2),
        ("relations.csv", 2),
    }
    text = str(sk.DataError(problems))
    assert text.count("\n  - ") == len(problems)


def test_no_nodes_and_missing_folder(write_folder: WriteFolder, tmp_path: Path) -> None:
    problems = _problems(write_folder(residents__csv="id,name\n"))
    assert "no nodes" in problems[0].message
    with pytest.raises(FileNotFoundError):
        sk.read_csv(tmp_path / "nowhere")


def test_text_is_stored_as_text_never_interpreted(write_folder: WriteFolder) -> None:
    payload = '<script>alert("x")</script> & <b>bold</b>'
    folder = write_folder(
        places__csv=f'id,description\npl1,"{payload.replace(chr(34), 2 * chr(34))}"\n'
    )
    assert sk.read_csv(folder).nodes["pl1"]["description"] == payload


def test_custom_x_columns_are_kept(write_folder: WriteFolder, tmp_path: Path) -> None:
    folder = write_folder(residents__csv="id,x_wish\nr1,wandelmaatje\n")
    G = sk.read_csv(folder)
    assert G.nodes["r1"]["extra"] == {"x_wish": "wandelmaatje"}
    assert graphs_equal(sk.read_csv(sk.write_csv(G, tmp_path / "out")), G)


def test_themes_csv_extends_the_vocabulary(write_folder: WriteFolder) -> None:
    folder = write_folder(
        themes__csv="code,label_nl,label_en,domain\nsewing,Naaien,Sewing,time_use\n",
        initiatives__csv="id,themes\ni1,sewing;loneliness\n",
    )
    G = sk.read_csv(folder)
    assert G.graph["themes"]["sewing"] == {
        "label_nl": "Naaien",
        "label_en": "Sewing",
        "domain": "time_use",
    }
    assert G.nodes["i1"]["themes"] == ["sewing", "loneliness"]


def test_implied_edges_are_derived_and_not_written(tmp_path: Path, sample: nx.MultiDiGraph) -> None:
    assert sample.has_edge("p_legal", sample.nodes["p_legal"]["organisation"], "works_for")
    folder = sk.write_csv(sample, tmp_path)
    text = (folder / "relations.csv").read_text(encoding="utf-8")
    assert "works_for" not in text


# ----------------------------------------------------------------------------- round trips


def test_sample_round_trips_through_every_format(tmp_path: Path, sample: nx.MultiDiGraph) -> None:
    assert graphs_equal(sk.read_csv(sk.write_csv(sample, tmp_path / "c")), sample)
    assert graphs_equal(sk.read_csv(sk.write_csv(sample, tmp_path / "s", delimiter=";")), sample)
    assert graphs_equal(sk.read_excel(sk.write_excel(sample, tmp_path / "m.xlsx")), sample)
    assert graphs_equal(sk.read_json(sk.write_json(sample, tmp_path / "m.json")), sample)
    assert graphs_equal(sk.from_frames(**sk.to_frames(sample)), sample)


@settings(max_examples=30)
@given(maps())
def test_random_maps_round_trip_csv(G: nx.MultiDiGraph) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        assert graphs_equal(sk.read_csv(sk.write_csv(G, folder)), G)
        semicolon = Path(folder) / "semicolon"
        assert graphs_equal(sk.read_csv(sk.write_csv(G, semicolon, delimiter=";")), G)


@settings(max_examples=20)
@given(maps())
def test_random_maps_round_trip_excel_and_json(G: nx.MultiDiGraph) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        assert graphs_equal(sk.read_excel(sk.write_excel(G, Path(folder) / "m.xlsx")), G)
        assert graphs_equal(sk.read_json(sk.write_json(G, Path(folder) / "m.json")), G)
        assert graphs_equal(sk.from_frames(**sk.to_frames(G)), G)


@given(map_records())
def test_builder_keeps_every_record(records: dict[str, list[dict[str, object]]]) -> None:
    G = build_from_records(records)
    n_nodes = sum(len(records[t]) for t in ENTITY_TABLES)
    assert G.number_of_nodes() == n_nodes
    explicit = [e for e in G.edges(data=True) if not e[2]["implied"]]
    assert len(explicit) == len(records["relations"])
    sk.validate(G)


# ----------------------------------------------------------------------------- other readers


def test_read_json_rejects_non_node_link(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text(json.dumps([1, 2]), encoding="utf-8")
    with pytest.raises(sk.DataError, match="node-link"):
        sk.read_json(path)
    path.write_text("{broken", encoding="utf-8")
    with pytest.raises(sk.DataError, match="not valid JSON"):
        sk.read_json(path)


def test_json_is_node_link_for_networkx(tmp_path: Path, sample: nx.MultiDiGraph) -> None:
    data = json.loads(sk.write_json(sample, tmp_path / "m.json").read_text(encoding="utf-8"))
    H = nx.node_link_graph(data, edges="edges")
    assert H.number_of_edges() == sample.number_of_edges()
    assert H.nodes["r_samira"]["kind"] == "resident"


def test_excel_errors_name_sheet_and_row(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "bad.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "residents"
    sheet.append(["id", "birth_year"])
    sheet.append(["r1", 1980])
    sheet.append(["r2", 2090])
    workbook.create_sheet("notes").append(["free text"])
    workbook.save(path)
    with pytest.raises(sk.DataError) as info:
        sk.read_excel(path)
    problems = info.value.errors
    _one(problems, file="bad.xlsx [residents]", row=3, column="birth_year")
    _one(problems, file="bad.xlsx [notes]")
    not_excel = tmp_path / "fake.xlsx"
    not_excel.write_text("id\nr1\n", encoding="utf-8")
    with pytest.raises(sk.DataError, match="Excel workbook"):
        sk.read_excel(not_excel)


def test_excel_typed_cells(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "typed.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "initiatives"
    sheet.append(["id", "min_age", "last_verified", "themes", None])
    sheet.append([101, 18.0, dt.datetime(2026, 3, 1), "taal;beweging", None])
    sheet.append([None, None, None, None, None])  # an empty row is skipped
    workbook.save(path)
    G = sk.read_excel(path)
    attrs = G.nodes["101"]
    assert attrs["min_age"] == 18 and attrs["last_verified"] == dt.date(2026, 3, 1)
    assert attrs["themes"] == ["language", "exercise"]


def test_from_frames_accepts_an_id_index_and_reports_rows() -> None:
    residents = pd.DataFrame({"birth_year": [1980, 2090]}, index=pd.Index(["r1", "r2"], name="id"))
    with pytest.raises(sk.DataError) as info:
        sk.from_frames(residents=residents)
    _one(info.value.errors, file="residents (DataFrame)", row=3, column="birth_year")
    with pytest.raises(TypeError, match="DataFrame"):
        sk.from_frames(residents={"id": ["r1"]})  # type: ignore[arg-type]


def test_to_frames_shapes(sample: nx.MultiDiGraph) -> None:
    frames = sk.to_frames(sample)
    assert frames["residents"].index.name == "id"
    assert str(frames["residents"]["birth_year"].dtype) == "Int64"
    assert len(frames["residents"]) == 229
    assert set(frames["relations"]["relation"]) <= set(RELATIONS)


# ----------------------------------------------------------------------------- validate


def test_validate_collects_every_problem(sample: nx.MultiDiGraph) -> None:
    sk.validate(sample)
    G = sample.copy()
    G.nodes["r_samira"]["birth_year"] = 2090
    G.nodes["i_naaiclub"]["themes"] = ["sewing"]
    G.add_edge("p_legal", "pl_bankje", key="supports", relation="supports")
    G.add_edge("r_henk", "r_spil", key="knows", relation="friends")
    G.add_node(7, kind="place")
    with pytest.raises(sk.DataError) as info:
        sk.validate(G)
    problems = info.value.errors
    _one(problems, file="graph node 'r_samira'", column="birth_year")
    _one(problems, file="graph node 'i_naaiclub'", column="themes")
    _one(problems, column="relation", value="supports")
    _one(problems, column="relation", value="friends")
    _one(problems, column="id", value=7)
    assert len(problems) == 5
    with pytest.raises(TypeError, match="MultiDiGraph"):
        sk.validate(nx.Graph())  # type: ignore[arg-type]


def test_validate_rejects_unknown_attributes(sample: nx.MultiDiGraph) -> None:
    sample.nodes["r_henk"]["favourite_colour"] = "blue"
    with pytest.raises(sk.DataError) as info:
        sk.validate(sample)
    _one(info.value.errors, column="favourite_colour")
