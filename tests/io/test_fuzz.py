"""Fuzz targets, one per reader (issue 10): CSV folder, Excel, JSON, HSDS zip and folder.

Each target feeds hostile and unlucky inputs to a reader for a fixed time
budget: ``SK_FUZZ_SECONDS`` seconds (default 6 in the normal test command;
CI may set 60). A reader may only ever raise :class:`sociale_kaart.DataError`
for bad content, and each input must be read within the documented bounds
(``PER_INPUT_SECONDS``, ``PER_INPUT_MEMORY``). Inputs are drawn by
hypothesis with fixed seeds, so a run is reproducible.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import resource
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

import sociale_kaart as sk
from sociale_kaart.core.builder import TABLES

BUDGET = float(os.environ.get("SK_FUZZ_SECONDS", "6"))
#: The documented bound for one small input (all inputs here are under 64 KB).
PER_INPUT_SECONDS = 10.0
#: The documented bound on memory growth over a whole target.
PER_INPUT_MEMORY = 512 * 2**20

_HSDS_TABLES = [
    "organization",
    "service",
    "location",
    "service_at_location",
    "language",
    "taxonomy_term",
    "attribute",
    "eligibility",
    "cost_option",
    "service_area",
    "schedule",
    "phone",
    "contact",
    "address",
]

_SAMPLE_TEXT = {
    "places": "id,name,neighbourhood,lat,lon\npl1,Buurthuis,Noord,51.8,4.6\n",
    "initiatives": "id,name,themes,place,cost_eur,capacity,last_verified\n"
    "i1,Koffie,loneliness,pl1,0,12,2025-01-01\n",
    "residents": "id,name,needs,languages,birth_year,gender\nr1,An,finances:2,nl,1980,female\n",
    "relations": "source,target,relation,trust\nr1,i1,participates_in,3\n",
}

#: Characters that break parsers: quotes, separators, line ends, NUL, BOM, escapes.
_NASTY_CHARS = st.sampled_from(
    [
        *list(",;|\"'\r\n\t\x00\ufeff\u2028\u2029\x85=+-@_x000D_{}[]:\\<>&"),
        "9" * 30,
        "1e999",
        "NaN",
        "-0",
        "�"[:0] or "\x7f",
        "é",
        "😀",
    ]
)
_FUZZ_TEXT = st.lists(_NASTY_CHARS | st.text(max_size=5), max_size=60).map("".join)


def _mutate(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    out = bytearray(data)
    for position, length, insert in edits:
        if not out:
            out.extend(insert)
            continue
        at = position % len(out)
        out[at : at + length] = insert
    return bytes(out)


_EDITS = st.lists(
    st.tuples(st.integers(0, 10**6), st.integers(0, 8), st.binary(max_size=8)), max_size=6
)


def _run_target(name: str, target: Callable[[Any], None], strategy: st.SearchStrategy[Any]) -> None:
    """Feed ``strategy`` to ``target`` until the budget is spent, in seeded rounds."""
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    deadline = time.monotonic() + BUDGET
    count = {"n": 0}

    def one(value: Any) -> None:
        start = time.monotonic()
        with contextlib.suppress(sk.DataError):
            target(value)
        took = time.monotonic() - start
        assert took < PER_INPUT_SECONDS, f"{name}: one input took {took:.1f} s"
        count["n"] += 1

    round_ = 0
    while time.monotonic() < deadline:
        test = settings(
            max_examples=25,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )(seed(round_)(given(strategy)(one)))
        test()
        round_ += 1
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - rss_before
    assert grown < PER_INPUT_MEMORY, f"{name}: memory grew by {grown / 2**20:.0f} MiB"
    assert count["n"] > 0


# --------------------------------------------------------------------------- CSV folder

_CSV_FILES = st.dictionaries(
    st.sampled_from([*TABLES, "RESIDENTS", "Places", "notes", "résidents"]),
    st.one_of(
        _FUZZ_TEXT,
        st.sampled_from(sorted(_SAMPLE_TEXT)).flatmap(
            lambda t: st.tuples(st.just(_SAMPLE_TEXT[t]), _FUZZ_TEXT, st.integers(0, 200)).map(
                lambda x: x[0][: x[2]] + x[1] + x[0][x[2] :]
            )
        ),
    ),
    max_size=4,
)


def _csv_target(files: dict[str, str]) -> None:
    folder = Path(tempfile.mkdtemp())
    try:
        for stem, text in files.items():
            (folder / f"{stem}.csv").write_bytes(text.encode("utf-8", "surrogatepass"))
        sk.read_csv(folder)
    finally:
        shutil.rmtree(folder)


def test_fuzz_read_csv() -> None:
    _run_target("read_csv", _csv_target, _CSV_FILES)


# --------------------------------------------------------------------------- Excel

_CELL = st.one_of(
    st.none(),
    _FUZZ_TEXT,
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.sampled_from(["=1+1", "=A1", "=NOW()", "id", "name", "kind"]),
)
_SHEETS = st.dictionaries(
    st.sampled_from([*TABLES, " Places ", "PLACES", "Blad1"]),
    st.lists(st.lists(_CELL, max_size=6), max_size=6),
    max_size=3,
)
_EXCEL_CACHE: dict[str, bytes] = {}


def _workbook_bytes(sheets: dict[str, list[list[Any]]]) -> bytes:
    import openpyxl
    from openpyxl.utils.exceptions import IllegalCharacterError

    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            try:
                sheet.append(row)
            except (IllegalCharacterError, ValueError, TypeError):
                continue
    if not book.worksheets:
        book.create_sheet("places")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _excel_target(value: tuple[dict[str, list[list[Any]]], list[tuple[int, int, bytes]]]) -> None:
    sheets, edits = value
    data = _mutate(_workbook_bytes(sheets), edits) if edits else _workbook_bytes(sheets)
    path = Path(tempfile.mkdtemp()) / "map.xlsx"
    try:
        path.write_bytes(data)
        sk.read_excel(path)
    finally:
        shutil.rmtree(path.parent)


def test_fuzz_read_excel() -> None:
    _run_target("read_excel", _excel_target, st.tuples(_SHEETS, _EDITS))


# --------------------------------------------------------------------------- JSON

_JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**80), 2**80),
    st.floats(allow_nan=False, allow_infinity=False),
    _FUZZ_TEXT,
    st.sampled_from(["place", "resident", "initiative", "knows", "pl1", "r1"]),
)
_JSON_VALUES = st.recursive(
    _JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["id", "kind", "name", "extra", "x_a"]) | _FUZZ_TEXT, inner, max_size=4
        )
    ),
    max_leaves=20,
)
_NODE = st.fixed_dictionaries(
    {
        "id": _JSON_VALUES,
        "kind": st.sampled_from(["place", "resident", "initiative"]) | _JSON_VALUES,
    },
    optional={
        "name": _JSON_VALUES,
        "extra": _JSON_VALUES,
        "needs": _JSON_VALUES,
        "languages": _JSON_VALUES,
        "capacity": _JSON_VALUES,
    },
)
_DOCUMENT = st.one_of(
    _JSON_VALUES,
    st.fixed_dictionaries(
        {"nodes": st.lists(_NODE | _JSON_VALUES, max_size=4)},
        optional={
            "edges": _JSON_VALUES | st.lists(_JSON_VALUES, max_size=3),
            "graph": _JSON_VALUES,
        },
    ),
)


def _json_target(value: tuple[Any, list[tuple[int, int, bytes]]]) -> None:
    document, edits = value
    data = json.dumps(document).encode()
    path = Path(tempfile.mkdtemp()) / "map.json"
    try:
        path.write_bytes(_mutate(data, edits) if edits else data)
        sk.read_json(path)
    finally:
        shutil.rmtree(path.parent)


def test_fuzz_read_json() -> None:
    _run_target("read_json", _json_target, st.tuples(_DOCUMENT, _EDITS))


# --------------------------------------------------------------------------- HSDS

_HSDS_FILES = st.dictionaries(
    st.sampled_from([*_HSDS_TABLES, "datapackage"]),
    st.one_of(
        _FUZZ_TEXT,
        st.just("id,name,organization_id\ns1,Zwemmen,o1\n"),
        st.tuples(st.just("id,name\no1,Welzijn\n"), _FUZZ_TEXT).map("".join),
    ),
    max_size=4,
)


def _hsds_files(files: dict[str, str], folder: Path) -> None:
    for stem, text in files.items():
        name = "datapackage.json" if stem == "datapackage" else f"{stem}.csv"
        (folder / name).write_bytes(text.encode("utf-8", "surrogatepass"))


def _hsds_folder_target(files: dict[str, str]) -> None:
    folder = Path(tempfile.mkdtemp())
    try:
        _hsds_files(files, folder)
        sk.read_hsds(folder)
    finally:
        shutil.rmtree(folder)


def _hsds_zip_target(value: tuple[dict[str, str], list[tuple[int, int, bytes]]]) -> None:
    files, edits = value
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for stem, text in files.items():
            name = "datapackage.json" if stem == "datapackage" else f"{stem}.csv"
            archive.writestr(name, text.encode("utf-8", "surrogatepass"))
    path = Path(tempfile.mkdtemp()) / "hsds.zip"
    try:
        data = buffer.getvalue()
        path.write_bytes(_mutate(data, edits) if edits else data)
        sk.read_hsds(path)
    finally:
        shutil.rmtree(path.parent)


def _hsds_json_target(value: tuple[Any, list[tuple[int, int, bytes]]]) -> None:
    document, edits = value
    data = json.dumps(document).encode()
    path = Path(tempfile.mkdtemp()) / "hsds.json"
    try:
        path.write_bytes(_mutate(data, edits) if edits else data)
        sk.read_hsds(path)
    finally:
        shutil.rmtree(path.parent)


def test_fuzz_read_hsds_folder() -> None:
    _run_target("read_hsds (folder)", _hsds_folder_target, _HSDS_FILES)


def test_fuzz_read_hsds_zip() -> None:
    _run_target("read_hsds (zip)", _hsds_zip_target, st.tuples(_HSDS_FILES, _EDITS))


def test_fuzz_read_hsds_json() -> None:
    _run_target("read_hsds (json)", _hsds_json_target, st.tuples(_JSON_VALUES, _EDITS))


@pytest.mark.parametrize("target", ["csv", "json"])
def test_fuzz_targets_can_fail(target: str) -> None:
    """The harness reports a reader that raises anything but DataError."""

    def broken(value: Any) -> None:
        raise KeyError("not a DataError")

    with pytest.raises(KeyError):
        _run_target(target, broken, st.just(1))
