"""Sparse attributes (issue 16): a built map keeps only the attributes that are set.

The builder leaves a None field and an empty ``extra`` out of a node's or tie's
dict. Everything must read such a map as it read the dense one, where every
field of the model is present: these tests fill the absent fields back in (None,
and ``extra`` an empty dict, in the models' field order, as maps were built
before) and compare every analysis, writer and the diff on both, for the
sample, ``synthetic(2_000)`` and random maps.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings

import sociale_kaart as sk
from sociale_kaart.core.columnar import sparse_record
from sociale_kaart.core.records import MODELS, Relation
from sociale_kaart.testing import graphs_equal, maps

TODAY = _dt.date(2026, 11, 21)
KEY = "a test key of more than sixteen bytes"
_TIE_FIELDS = [f for f in Relation.model_fields if f not in ("source", "target")]
_NODE_FIELDS = {
    kind: [f for f in model.model_fields if f != "id"] for kind, model in MODELS.items()
}
#: Every field, sensitive ones and custom columns too.
ALL = sorted({f for fields in _NODE_FIELDS.values() for f in fields})


def _filled(attrs: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    out = {f: attrs.get(f, {} if f == "extra" else None) for f in fields}
    out.update((k, v) for k, v in attrs.items() if k not in out)
    return out


def dense(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``G`` with every absent field of the models filled in, as maps were before."""
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    for node, attrs in G.nodes(data=True):
        fields = _NODE_FIELDS.get(attrs.get("kind"), [])
        H.add_node(node, **_filled(dict(attrs), fields))
    for u, v, k, attrs in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=k, **_filled(dict(attrs), [*_TIE_FIELDS, "implied"]))
    return H


def _is_sparse(G: nx.MultiDiGraph) -> bool:
    dicts = [a for _, a in G.nodes(data=True)] + [a for *_, a in G.edges(data=True)]
    return all(None not in a.values() and a.get("extra", True) != {} for a in dicts)


@pytest.fixture(scope="module")
def sample() -> nx.MultiDiGraph:
    return sk.load_sample()


@pytest.fixture(scope="module")
def synthetic() -> nx.MultiDiGraph:
    return sk.datasets.synthetic(2_000, seed=3)


def _same_frames(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a, b, check_exact=True)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _tree(path: Path | list[Path]) -> dict[str, bytes]:
    """Every file under ``path`` (or the file itself, or the files listed) by its relative name."""
    if isinstance(path, list):
        return {f"{i}/{k}": v for i, p in enumerate(path) for k, v in _tree(p).items()}
    if path.is_file():
        return {"": path.read_bytes()}
    files = {
        str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()
    }
    if "datapackage.json" in files:  # the time it was written
        files["datapackage.json"] = re.sub(rb'"created": "[^"]*"', b"", files["datapackage.json"])
    return files


WRITERS: dict[str, Callable[[nx.MultiDiGraph, Path], Any]] = {
    "json": sk.write_json,
    "graphml": lambda G, p: sk.write_graphml(G, p, fields=ALL),
    "gexf": lambda G, p: sk.write_gexf(G, p, fields=ALL),
    "parquet": lambda G, p: sk.write_parquet(G, p, fields=ALL),
    "datapackage": lambda G, p: sk.write_datapackage(G, p, fields=ALL),
    "kumu": lambda G, p: sk.write_kumu(G, p, fields=ALL),
    "pajek": lambda G, p: sk.write_pajek(G, p),
    "ucinet": lambda G, p: sk.write_ucinet_dl(G, p),
    "hsds": lambda G, p: sk.write_hsds(G, p),
    "csv_semicolon": lambda G, p: sk.write_csv(G, p, delimiter=";"),
}


def _resident_with_need(G: nx.MultiDiGraph) -> str:
    return next(n for n, a in G.nodes(data=True) if a.get("kind") == "resident" and a.get("needs"))


ANALYSES: dict[str, Callable[[nx.MultiDiGraph], pd.DataFrame]] = {
    "summary": sk.summary,
    "centrality": lambda G: sk.centrality(G, samples=64, seed=1),
    "brokerage": sk.brokerage,
    "communities": lambda G: sk.communities(G, seed=1),
    "structural_holes": sk.structural_holes,
    "network_stats": sk.network_stats,
    "find_gaps": lambda G: sk.find_gaps(G, today=TODAY),
    "find_gaps_nl": lambda G: sk.find_gaps(G, today=TODAY, language="nl", aggregate_only=True),
    "coverage": lambda G: sk.coverage(G, today=TODAY),
    "suggest_referrals": lambda G: sk.suggest_referrals(
        G, _resident_with_need(G), today=TODAY, include_ineligible=True
    ),
    "export_nodes": lambda G: sk.export_tables(G, fields=ALL)[0],
    "export_edges": lambda G: sk.export_tables(G, fields=ALL)[1],
}


def test_the_builder_keeps_only_set_attributes(sample: nx.MultiDiGraph) -> None:
    assert _is_sparse(sample)
    tie = sample.edges["r_samira", "pl_bankje", "visits"]
    assert tie == {"relation": "visits", "since": _dt.date(2021, 1, 4), "implied": False}
    # implied ties hold their relation and the mark, and nothing else
    implied = [a for *_, a in sample.edges(data=True) if a["implied"]]
    assert implied and all(set(a) == {"relation", "implied"} for a in implied)
    # a set extra is kept
    H = sk.from_frames(
        residents=pd.DataFrame({"id": ["r1", "r2"], "x_note": ["buurvrouw", ""]}),
    )
    assert H.nodes["r1"] == {
        "extra": {"x_note": "buurvrouw"},
        "languages": [],
        "needs": {},
        "offers": [],
        "statuses": [],
        "kind": "resident",
    }
    assert "extra" not in H.nodes["r2"]


@pytest.mark.parametrize("name", list(ANALYSES))
def test_every_analysis_reads_sparse_as_dense(
    name: str, sample: nx.MultiDiGraph, synthetic: nx.MultiDiGraph
) -> None:
    for G in (sample, synthetic):
        D = dense(G)
        assert not _is_sparse(D)
        _same_frames(ANALYSES[name](G), ANALYSES[name](D))


@pytest.mark.parametrize("which", ["sample", "synthetic"])
def test_writers_and_round_trip(which: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    G = request.getfixturevalue(which)
    D = dense(G)
    a, b = sk.write_csv(G, tmp_path / "sparse"), sk.write_csv(D, tmp_path / "dense")
    assert _files(a) == _files(b)  # every column, with the same empty cells
    header = (a / "relations.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.split(",")[:6] == [
        "source",
        "target",
        "relation",
        "trust",
        "intensity",
        "hours_per_month",
    ]
    back = sk.read_csv(a)
    assert graphs_equal(back, G) and _is_sparse(back)
    assert {k for (*_, k) in back.edges(keys=True)} == {k for (*_, k) in G.edges(keys=True)}
    # every other writer gives the same bytes too
    for name, write in WRITERS.items():
        a, b = write(G, tmp_path / f"sparse_{name}"), write(D, tmp_path / f"dense_{name}")
        assert _tree(a) == _tree(b), name
    excel_a = sk.write_excel(G, tmp_path / "sparse.xlsx")
    excel_b = sk.write_excel(D, tmp_path / "dense.xlsx")
    sheets_a = pd.read_excel(excel_a, sheet_name=None)
    sheets_b = pd.read_excel(excel_b, sheet_name=None)
    assert list(sheets_a) == list(sheets_b)
    for sheet in sheets_a:
        _same_frames(sheets_a[sheet], sheets_b[sheet])
    shards_a, shards_b = sk.shard_tables(G), sk.shard_tables(D)  # (file names are random)
    for table in ("nodes", "ties", "boundary"):
        _same_frames(getattr(shards_a, table), getattr(shards_b, table))
    frames_a, frames_b = sk.to_frames(G), sk.to_frames(D)
    assert list(frames_a) == list(frames_b)
    for table in frames_a:
        _same_frames(frames_a[table], frames_b[table])
    sk.validate(D)  # a dense map, as hand-built maps and older pickles are, is valid
    assert graphs_equal(sk.read_json(tmp_path / "sparse_json"), G)


def test_graphs_equal_reads_absent_as_unset(sample: nx.MultiDiGraph) -> None:
    D = dense(sample)
    assert graphs_equal(sample, D) and graphs_equal(D, sample)
    D.nodes["r_samira"]["postcode"] = "3311 BF"
    assert not graphs_equal(sample, D)


def test_diff_sees_no_change_between_the_conventions(sample: nx.MultiDiGraph) -> None:
    change = sk.diff(sample, dense(sample), today=TODAY, samples=64)
    assert change.records.empty and change.ties.empty, (change.records, change.ties)
    assert change.empty


def test_diff_and_snapshot_give_the_same_answers_on_both() -> None:
    H = sk.load_sample("rivierwijk_history")
    A, B = sk.snapshot(H, on="2026-11-01"), sk.snapshot(H, on="2026-11-21")
    assert _is_sparse(A) and _is_sparse(B)
    DA, DB = sk.snapshot(dense(H), on="2026-11-01"), sk.snapshot(dense(H), on="2026-11-21")
    assert graphs_equal(A, DA) and graphs_equal(B, DB)
    sparse_change = sk.diff(A, B, today=TODAY, samples=64)
    dense_change = sk.diff(dense(A), dense(B), today=TODAY, samples=64)
    for name in ("records", "ties"):
        a, b = getattr(sparse_change, name), getattr(dense_change, name)
        assert len(a) and list(a.columns) == list(b.columns)
        for column in ("before", "after"):  # added and removed rows hold the whole dict
            a[column] = [sparse_record(v) if isinstance(v, dict) else v for v in a[column]]
            b[column] = [sparse_record(v) if isinstance(v, dict) else v for v in b[column]]
        _same_frames(a, b)
    for name in ("measures", "gaps", "coverage"):
        _same_frames(getattr(sparse_change, name), getattr(dense_change, name))
    assert graphs_equal(sk.apply_diff(A, sparse_change), B)
    assert graphs_equal(sk.apply_diff(dense(A), dense_change), B)


def test_pseudonymise_and_merge_agree(sample: nx.MultiDiGraph) -> None:
    P = sk.pseudonymise(sample, key=KEY)
    Q = sk.pseudonymise(dense(sample), key=KEY)
    assert graphs_equal(P, Q)
    _same_frames(sk.export_tables(P)[0], sk.export_tables(Q)[0])
    _same_frames(sk.find_duplicates(sample), sk.find_duplicates(dense(sample)))


@pytest.mark.filterwarnings("ignore:This map has no residents")
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(G=maps())
def test_random_maps_read_sparse_as_dense(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    assert _is_sparse(G)
    D = dense(G)
    for name in ("summary", "find_gaps", "coverage", "export_nodes", "export_edges"):
        _same_frames(ANALYSES[name](G), ANALYSES[name](D))
    folder = tmp_path / "x"
    a, b = sk.write_csv(G, folder / "a"), sk.write_csv(D, folder / "b")
    assert _files(a) == _files(b)
    assert graphs_equal(sk.read_csv(a), G)
    assert sk.diff(G, D, today=TODAY, samples=16).empty
