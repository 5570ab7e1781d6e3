"""The columnar checks give exactly what pydantic gives, record by record and problem by problem."""

from __future__ import annotations

import datetime as dt
import math
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

import sociale_kaart as sk
from sociale_kaart.core import builder
from sociale_kaart.core.columnar import (
    ROW_RULES,
    UNSURE,
    _judge,
    _plan,
    check_records,
    cross_field_validators,
    pydantic_only,
    using_pydantic_only,
)
from sociale_kaart.core.records import MODELS, Relation
from sociale_kaart.core.themes import default_vocabulary
from sociale_kaart.testing import graphs_equal
from tests.core.columnar_compare import compare, same
from tests.io import test_io

ALL_MODELS: list[type[BaseModel]] = [*MODELS.values(), Relation]
CONTEXT = {"themes": default_vocabulary(), "list_sep": ";"}


def _slow(records: list[dict[str, Any]], columns: list[str], model: type[BaseModel]) -> Any:
    with pydantic_only():
        return check_records(records, columns, model, CONTEXT)


# ------------------------------------------------------------------ the switch and the rules


def test_pydantic_only_holds_in_its_block_only() -> None:
    assert not using_pydantic_only()
    with pydantic_only():
        assert using_pydantic_only()
        with pydantic_only():
            assert using_pydantic_only()
        assert using_pydantic_only()
    assert not using_pydantic_only()
    with pytest.raises(RuntimeError), pydantic_only():
        raise RuntimeError
    assert not using_pydantic_only()


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.__name__)
def test_every_rule_across_fields_is_known(model: type[BaseModel]) -> None:
    """A new model validator (or one reading info.data) must be taught to the columnar check."""
    found = cross_field_validators(model)
    assert found <= ROW_RULES.keys(), found - ROW_RULES.keys()
    assert _plan(model).understood
    if model is Relation:
        assert {"_end_after_start", "_consent_on_volunteers"} <= found
    if model is MODELS["initiative"]:
        assert "_age_range" in found


def test_an_unknown_rule_sends_every_record_through_pydantic(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    model = MODELS["place"]
    monkeypatch.setattr(
        "sociale_kaart.core.columnar._PLANS",
        {model: type(_plan(model))(_plan(model).fields, False)},
    )
    calls: list[int] = []
    real = model.model_validate

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(model, "model_validate", counting)
    check_records([{"id": "pl1"}, {"id": "pl2"}], ["id"], model, CONTEXT)
    assert len(calls) == 2


def test_fast_acceptances_are_derived_from_the_fields() -> None:
    resident = {c.name: c.fast for c in _plan(MODELS["resident"]).fields}
    assert resident["name"] is not None and resident["lat"] is not None
    assert resident["id"] is not None
    # fields with validators of their own are judged by pydantic
    for name in ("birth_year", "gender", "languages", "needs", "postcode", "moved_in"):
        assert resident[name] is None, name
    relation = {c.name: c.fast for c in _plan(Relation).fields}
    assert relation["source"] is not None and relation["hours_per_month"] is not None
    for name in ("relation", "trust", "intensity", "consent", "since"):
        assert relation[name] is None, name
    lat = resident["lat"]
    assert lat is not None
    assert lat("52.5") == 52.5 and lat(" -90 ") == -90.0 and lat("") is None
    for unsure in ("91", "52,5", "1e1", "nan", "+5", "05", 52.5):
        assert lat(unsure) is UNSURE, unsure


_NUMBER_TEXT = st.one_of(
    st.from_regex(r"\s?[-+]?[0-9]{1,17}(\.[0-9]{0,17})?\s?", fullmatch=True),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
)
_ANY_TEXT = st.one_of(st.text(max_size=12), _NUMBER_TEXT, st.sampled_from(["", " ", "r1", "a;b"]))


@given(value=_ANY_TEXT)
def test_fast_acceptances_agree_with_pydantic(value: str) -> None:
    """What a fast acceptance takes, pydantic takes too, and makes the same value of it."""
    for model in ALL_MODELS:
        for column in _plan(model).fields:
            if column.fast is None:
                continue
            got = column.fast(value)
            if got is UNSURE:
                continue
            judged = _judge(model, column.name, value, CONTEXT)
            assert same(got, judged), (model.__name__, column.name, value, got, judged)
            assert same(got, _whole_field(model, column.name, value))


@given(values=st.lists(_ANY_TEXT, max_size=8, unique=True))
def test_batch_acceptances_give_what_the_acceptance_gives(values: list[str]) -> None:
    """``fast.many`` (the batch form, for a column's distinct values) agrees with ``fast``."""
    checked = 0
    for model in ALL_MODELS:
        for column in _plan(model).fields:
            many = getattr(column.fast, "many", None)
            if many is None:
                continue
            checked += 1
            expected = [column.fast(value) for value in values]  # type: ignore[misc]
            got = many(values)
            assert len(got) == len(expected)
            for a, b in zip(got, expected, strict=True):
                assert (a is UNSURE and b is UNSURE) or same(a, b), (column.name, values, a, b)
    assert checked >= 10


def _whole_field(model: type[BaseModel], name: str, value: str) -> Any:
    base: dict[str, Any] = (
        {"source": "a", "target": "b", "relation": "knows"} if model is Relation else {"id": "x"}
    )
    return getattr(model.model_validate({**base, name: value}, context=CONTEXT), name)


# ------------------------------------------------------------------ hand-computed cases


def test_values_are_pydantic_values() -> None:
    records = [
        {"id": " r1 ", "birth_year": "1980", "lat": "52,37", "languages": "NL; tr", "x_a": " b "},
        {"id": "r2", "birth_year": "", "lat": "52.5", "languages": "nl", "x_a": ""},
    ]
    columns = ["id", "birth_year", "lat", "languages", "x_a"]
    out = check_records(records, columns, MODELS["resident"], CONTEXT)
    first, second = out
    assert isinstance(first, dict) and isinstance(second, dict)
    assert first["id"] == "r1" and first["birth_year"] == 1980 and first["lat"] == 52.37
    assert first["languages"] == ["nl", "tr"] and first["extra"] == {"x_a": "b"}
    assert second["birth_year"] is None and second["lat"] == 52.5 and second["extra"] == {}
    assert second["needs"] == {} and second["moved_in"] is None
    assert list(first) == list(MODELS["resident"].model_fields)
    compare(out, _slow(records, columns, MODELS["resident"]))


def test_lists_are_never_shared_between_records() -> None:
    records = [{"id": f"r{i}", "languages": "nl;ar", "needs": "finances:2"} for i in range(3)]
    out = check_records(records, ["id", "languages", "needs"], MODELS["resident"], CONTEXT)
    dicts = [r for r in out if isinstance(r, dict)]
    assert len({id(r["languages"]) for r in dicts}) == 3
    assert len({id(r["needs"]) for r in dicts}) == 3
    assert len({id(r["offers"]) for r in dicts}) == 3
    assert len({id(r["extra"]) for r in dicts}) == 3


@pytest.mark.parametrize(
    ("model", "record", "words"),
    [
        (MODELS["resident"], {"moved_in": "2020-01-02", "moved_out": "2020-01-01"}, "before"),
        (MODELS["initiative"], {"min_age": "65", "max_age": "18"}, "above max_age"),
        (Relation, {"consent": "ja"}, "volunteers ties only"),
        (MODELS["place"], {"x_note": "a\x00b"}, "NUL"),
        (MODELS["place"], {"name": "a\x00b"}, "NUL"),
        (MODELS["resident"], {"lat": "91"}, "less than or equal to 90"),
        (MODELS["initiative"], {"capacity": "10000001"}, "less than or equal to 10000000"),
        (MODELS["resident"], {"id": "a;b"}, "may not contain"),
    ],
)
def test_rules_across_fields_and_bad_values_give_pydantic_messages(
    model: type[BaseModel], record: dict[str, Any], words: str
) -> None:
    base = {"source": "a", "target": "b", "relation": "knows"} if model is Relation else {"id": "x"}
    good = dict(base)
    bad = {**base, **record}
    columns = list(dict.fromkeys([*good, *bad]))
    records = [dict.fromkeys(columns, "") | good, bad]
    out = check_records(records, columns, model, CONTEXT)
    assert isinstance(out[0], dict)
    assert isinstance(out[1], ValidationError)
    assert words in str(out[1])
    compare(out, _slow(records, columns, model))


def test_consent_on_a_volunteers_tie_is_kept() -> None:
    records = [{"source": "r1", "target": "i1", "relation": "volunteers", "consent": "ja"}]
    out = check_records(records, list(records[0]), Relation, CONTEXT)
    assert isinstance(out[0], dict) and out[0]["consent"] is True


def test_unknown_columns_and_stray_keys_take_the_old_path() -> None:
    model = MODELS["place"]
    for records, columns in [
        ([{"id": "pl1", "colour": "red"}], ["id", "colour"]),
        ([{"id": "pl1", "colour": "red"}], ["id"]),
        ([{"id": "pl1", "extra": {"x_a": "1"}}], ["id", "extra"]),
    ]:
        compare(check_records(records, columns, model, CONTEXT), _slow(records, columns, model))


# ------------------------------------------------------------------ random tables


_POOLS: dict[str, list[Any]] = {
    "id": ["r1", " r2 ", "", "a;b", "x|y", "r\x00", "r\t3", 7, 7.0, None, "ü1", "r1"],
    "name": ["Fatma", "  ", "", "na\x00am", "a\u00a0b", 3, None, "\x1cx\x1c", "Koffie, thee"],
    "neighbourhood": ["Noord", "", " Zuid "],
    "birth_year": ["1980", "1980.0", "1800", "nineteen", "", 1980, 1980.5, "2090", " 1975 ", True],
    "gender": ["vrouw", "male", "x", "", None],
    "languages": ["nl;ar", "nl|ar", "dutch", "", "NL; tr", ["nl", "ar"], ("nl",)],
    "needs": ["finances:2;language", "finance:2", "finances:9", "finances:2;finances:3", "", {}],
    "statuses": ["meedoen_pass", "bad tag!", ""],
    "offers": ["finances", "nope", ""],
    "lat": ["52.1", "52,1", "200", "-90", "1e1", "nan", "inf", "", " 51.5 ", 52.1, math.nan, "0"],
    "lon": ["5.1", "-0", "00.5", "5.", "181", 5, "", None],
    "postcode": ["1234 AB", "1234ab", "ABC", ""],
    "moved_in": ["2020-01-02", "2999-01-01", "2020-02-30", "", dt.date(2020, 1, 2), "1-3-2024"],
    "moved_out": ["2020-01-01", "2021-01-01", "", "x", dt.datetime(2021, 1, 1, 0, 0)],
    "x_note": ["a", "", " b ", "a\x00", 5, None, "c\x01"],
    "role": ["wijkcoach", ""],
    "organisation": ["o1", "", " o2"],
    "neighbourhoods": ["Noord;Zuid", "", "a|b"],
    "hours_per_week": ["32", "32.5", "81", "-1", "", "32,5"],
    "started": ["2020-01-01", "", "2999-01-01"],
    "left": ["2019-01-01", "2021-01-01", ""],
    "themes": ["finances;loneliness", "finance", "", "Financiën"],
    "level": ["informeel", "expert", "", "General"],
    "min_age": ["18", "65", "130", "-1", "", "18.0", 18],
    "max_age": ["18", "65", "", "x"],
    "capacity": ["0", "10", "-1", "10000001", "1e3", "", 10**29],
    "cost_eur": ["0", "2.5", "2,5", "1000001", "inf", "", math.inf],
    "genders": ["vrouw;man", "x", ""],
    "requires": ["meedoen_pass", "", "Meedoen Pass"],
    "last_verified": ["2024-01-01", "31-02-2024", "2999-01-01", ""],
    "opened": ["2020-01-01", "", "2021-01-01"],
    "closed": ["2020-06-01", "2019-01-01", ""],
    "place": ["pl1", "", "pl 2"],
    "type": ["leegstand", "library", "", "Vacant  Space"],
    "source": ["r1", " r2", "", 5, "a;b"],
    "target": ["i1", "r1", "", None],
    "relation": ["knows", "volunteers", "knowz", "Knows", "", "works-for"],
    "trust": ["3", "3.5", "7", "", 3.0, "3,5", "1"],
    "intensity": ["Awareness", "x", "", "coordination"],
    "hours_per_month": ["10", "800", "-1", "", "7,5"],
    "since": ["2020-01-02", "", "2999-01-01"],
    "until": ["2020-01-01", "", "2030-01-01"],
    "trust_open": ["1", "4", "5", "2.0", ""],
    "works_with": ["ja", "nee", "1", "maybe", "", True],
    "consent": ["ja", "", "nee", "maybe"],
}
_MISSING = object()


@st.composite
def _tables(draw: st.DrawFn) -> tuple[type[BaseModel], list[str], list[dict[str, Any]]]:
    model = draw(st.sampled_from(ALL_MODELS))
    fields = [f for f in model.model_fields if f in _POOLS]
    chosen = draw(st.lists(st.sampled_from([*fields, "x_note"]), unique=True, max_size=8))
    required = ["source", "target", "relation"] if model is Relation else ["id"]
    columns = list(dict.fromkeys([*required, *chosen]))
    records = []
    for _ in range(draw(st.integers(0, 8))):
        record = {}
        for column in columns:
            value = draw(st.sampled_from([*_POOLS[column], _MISSING]))
            if value is not _MISSING:
                record[column] = value
        records.append(record)
    return model, columns, records


@given(table=_tables())
def test_random_tables_give_the_same_results_on_both_paths(
    table: tuple[type[BaseModel], list[str], list[dict[str, Any]]],
) -> None:
    model, columns, records = table
    compare(check_records(records, columns, model, CONTEXT), _slow(records, columns, model))


# ------------------------------------------------------------------ whole files, both paths


def _corpus() -> list[dict[str, str]]:
    """The bad-input cases of tests/io/test_io.py, and more, as CSV folders."""
    marks = test_io.test_bad_values_name_file_row_and_column.pytestmark  # type: ignore[attr-defined]
    cases: list[dict[str, str]] = [args[0] for args in marks[0].args[1]]
    cases += [
        {"residents__csv": "name\nFatma\n"},
        {"residents__csv": "id,name\nr1,A\n,B\nx1,C\n", "places__csv": "id,name\nx1,Bench\n"},
        {
            "residents__csv": "id,needs\nr1,finance:2\nr2,\n",
            "relations__csv": "source,target,relation\nr1,r2,knowz\n",
        },
        {"residents__csv": "id,birthyear\nr1,1980\n"},
        {
            "residents__csv": "id\nr1\nr2\n",
            "places__csv": "id\npl1\n",
            "relations__csv": "source,target,relation\n"
            "r1,r22,knows\npl1,r1,supports\nr1,r1,knows\n",
        },
        {"professionals__csv": "id,organisation\np1,o9\np2,pl1\n", "places__csv": "id\npl1\n"},
        {
            "residents__csv": "id;naam;geboortejaar;breedtegraad;verhuisd_in;vertrokken\n"
            "r1;Fatma;1980;52,37;1-3-2020;15-2-2020\nr2;Jan;;52,1;3-4-2021;\n",
        },
        {"relations__csv": "source,target,relation,since\nr1,r2,knows,3/15/2024\n"},
        {
            "residents__csv": "id,moved_in,moved_out,x_note\nr1,2020-01-02,2020-01-01,a\n"
            "r2,2020-01-01,2020-01-02,\nr1,,,dup\n",
            "initiatives__csv": "id,min_age,max_age,capacity,cost_eur\n"
            'i1,65,18,1,2.5\ni2,18,65,1e3,"2,5"\n',
            "relations__csv": "source,target,relation,consent,trust\n"
            "r1,i2,participates,ja,3\nr2,i2,volunteers,ja,3.5\nr2,i2,volunteers,,\n",
        },
        {
            "residents__csv": 'id,name\n r1 ,"Koffie, thee"\nr2,a\u00a0b\nr3,na\x00am\n',
            "relations__csv": "source,target,relation,x_why\nr1,r2,Knows, waarom \n",
        },
        {
            "organisations__csv": "id,themes,level\no1,finances,informeel\n",
            "initiatives__csv": "id,organisation,place,themes\ni1,o1,pl1,finances\n",
            "places__csv": "id,type,opened,closed\npl1,leegstand,2020-01-01,2019-01-01\n",
        },
    ]
    return cases


def _write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir()
    for key, text in files.items():
        (folder / key.replace("__", ".")).write_text(text, encoding="utf-8")
    return folder


def _read(folder: Path) -> tuple[nx.MultiDiGraph | None, list[Any], list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            G = sk.read_csv(folder, name="m")
        except sk.DataError as err:
            return None, list(err.errors), [str(w.message) for w in caught]
    return G, [], [str(w.message) for w in caught]


@pytest.mark.parametrize("case", range(len(_corpus())))
def test_the_corpus_reads_the_same_on_both_paths(case: int, tmp_path: Path) -> None:
    folder = _write(tmp_path / "map", _corpus()[case])
    G, problems, notices = _read(folder)
    with pydantic_only():
        H, old_problems, old_notices = _read(folder)
    assert problems == old_problems
    assert [repr(p.value) for p in problems] == [repr(p.value) for p in old_problems]
    assert notices == old_notices
    assert (G is None) == (H is None)
    if G is not None and H is not None:
        assert graphs_equal(G, H)
        assert list(G.nodes) == list(H.nodes) and list(G.edges(keys=True)) == list(
            H.edges(keys=True)
        )
        for node in G:
            assert same(G.nodes[node], H.nodes[node])
        for u, v, k, data in G.edges(keys=True, data=True):
            assert same(data, H.edges[u, v, k])


def test_the_synthetic_map_reads_the_same_on_both_paths(tmp_path: Path) -> None:
    folder = sk.write_csv(sk.datasets.synthetic(150, seed=3), tmp_path / "map")
    G = sk.read_csv(folder)
    with pydantic_only():
        H = sk.read_csv(folder)
    assert graphs_equal(G, H)
    for node in G:
        assert same(G.nodes[node], H.nodes[node])
    for u, v, k, data in G.edges(keys=True, data=True):
        assert same(data, H.edges[u, v, k])


# ------------------------------------------------------------------ the graph filled directly


def test_the_graph_is_filled_as_networkx_fills_it() -> None:
    nodes = [("a", {"kind": "resident", "x": 1}), ("b", {"kind": "place"}), ("c", {})]
    edges = [(("a", "b", "knows"), {"t": 1}), (("a", "b", "supports"), {}), (("b", "a", "k"), {})]
    G = nx.MultiDiGraph()
    builder._fill(G, nodes, edges)
    H = nx.MultiDiGraph()
    H.add_nodes_from(nodes)
    H.add_edges_from((u, v, k, d) for (u, v, k), d in edges)
    assert nx.utils.graphs_equal(G, H)
    assert list(G.edges(keys=True, data=True)) == list(H.edges(keys=True, data=True))
    assert G.in_degree("b") == H.in_degree("b") == 2
    assert dict(G.pred["b"]["a"]) == dict(H.pred["b"]["a"])
    G.add_edge("c", "a", "knows")
    assert G.has_edge("c", "a", "knows") and "c" in G.pred["a"]
    G.remove_edge("a", "b", "knows")
    assert not G.has_edge("a", "b", "knows") and G.has_edge("a", "b", "supports")


def test_check_columns_is_used_by_the_builder(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    real: Callable[..., Any] = builder.check_columns

    def spy(data: Any, columns: Any, model: Any, context: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(model.__name__)
        return real(data, columns, model, context, *args, **kwargs)

    monkeypatch.setattr(builder, "check_columns", spy)
    sk.from_frames(places=__import__("pandas").DataFrame({"id": ["pl1"]}))
    assert seen == ["Place"]
