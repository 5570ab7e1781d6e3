"""Tests for the researcher exports: GraphML, GEXF, the data package, Parquet, and R."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings

import sociale_kaart as sk
from sociale_kaart.io.export import _flat_graph
from sociale_kaart.testing import maps

WRITERS = {
    "graphml": lambda G, p, **kw: sk.write_graphml(G, p / "map.graphml", **kw),
    "gexf": lambda G, p, **kw: sk.write_gexf(G, p / "map.gexf", **kw),
    "datapackage": lambda G, p, **kw: sk.write_datapackage(G, p / "pkg", **kw),
    "parquet": lambda G, p, **kw: sk.write_parquet(G, p / "pq", **kw),
}


@pytest.fixture(scope="module")
def sample() -> nx.MultiDiGraph:
    return sk.load_sample()


def _all_text(path: Path) -> str:
    """Every byte the export wrote, as text (Parquet decoded to CSV)."""
    folder = path.parent if path.is_file() else path
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    parts = []
    for file in files:
        if file.suffix == ".parquet":
            parts.append(pd.read_parquet(file).to_csv())
            parts.append(file.read_bytes().decode("latin-1"))
        else:
            parts.append(file.read_text(encoding="utf-8"))
    return "\n".join(parts)


def _expected_nodes(G: nx.MultiDiGraph, fields: Any = None) -> dict[str, dict[str, Any]]:
    return {str(n): dict(d) for n, d in _flat_graph(G, fields, label=False).nodes(data=True)}


# --------------------------------------------------------------------------- round trips


def test_graphml_round_trip(sample: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = sk.write_graphml(sample, tmp_path / "map.graphml")
    H = nx.read_graphml(path, force_multigraph=True)
    expected = _expected_nodes(sample)
    assert set(H.nodes) == set(expected)
    for node, attrs in expected.items():
        got = H.nodes[node]
        assert set(got) == set(attrs), node
        for key, value in attrs.items():
            if isinstance(value, float) or isinstance(got[key], float):
                assert float(got[key]) == pytest.approx(float(value))
            else:
                assert got[key] == value, (node, key)
    edges = {(u, v, d["relation"]) for u, v, d in H.edges(data=True)}
    assert edges == {(u, v, k) for u, v, k in sample.edges(keys=True)}
    assert H.edges["p_schuld", "p_maatschappelijk2", "meets"]["hours_per_month"] == 3


def test_gexf_round_trip(sample: nx.MultiDiGraph, tmp_path: Path) -> None:
    H = nx.read_gexf(sk.write_gexf(sample, tmp_path / "map.gexf"))
    assert H.number_of_nodes() == sample.number_of_nodes()
    assert H.number_of_edges() == sample.number_of_edges()
    assert H.nodes["i_zwemmen"]["requires"] == "meedoen_pass"
    assert H.nodes["i_zwemmen"]["label"] == sample.nodes["i_zwemmen"]["name"]
    assert H.nodes["r_henk"]["label"] == "r_henk"
    relations = sorted(d["relation"] for _, _, d in H.edges(data=True))
    assert relations == sorted(k for _, _, k in sample.edges(keys=True))


def test_datapackage_round_trip(sample: nx.MultiDiGraph, tmp_path: Path) -> None:
    folder = sk.write_datapackage(sample, tmp_path / "pkg", title="Rivierwijk")
    assert folder == tmp_path / "pkg"
    meta = json.loads((folder / "datapackage.json").read_text())
    assert meta["profile"] == "tabular-data-package"
    nodes_res, edges_res = meta["resources"]
    with (folder / "nodes.csv").open(encoding="utf-8") as f:
        nodes = list(csv.DictReader(f))
    with (folder / "edges.csv").open(encoding="utf-8") as f:
        edges = list(csv.DictReader(f))
    assert [f["name"] for f in nodes_res["schema"]["fields"]] == list(nodes[0])
    assert [f["name"] for f in edges_res["schema"]["fields"]] == list(edges[0])
    types = {f["name"]: f["type"] for f in nodes_res["schema"]["fields"]}
    assert types["min_age"] == "integer" and types["last_verified"] == "date"
    assert types["cost_eur"] == "number" and types["languages"] == "string"
    ids = {row["id"] for row in nodes}
    assert ids == set(sample.nodes)
    assert all(row["source"] in ids and row["target"] in ids for row in edges)
    row = next(r for r in nodes if r["id"] == "i_zwemclub_vrouwen")
    assert row["languages"] == "ar;tr;so;nl" and float(row["cost_eur"]) == 3.0
    assert len(edges) == sample.number_of_edges()
    # the CSV pair rebuilds the same graph structure in plain networkx
    H = nx.MultiDiGraph()
    H.add_edges_from((r["source"], r["target"], r["relation"]) for r in edges)
    assert set(H.edges(keys=True)) == set(sample.edges(keys=True))


def test_parquet_round_trip(sample: nx.MultiDiGraph, tmp_path: Path) -> None:
    folder = sk.write_parquet(sample, tmp_path / "pq")
    nodes = pd.read_parquet(folder / "nodes.parquet")
    edges = pd.read_parquet(folder / "edges.parquet")
    expected_nodes, expected_edges = sk.export_tables(sample, flat=False)
    assert list(nodes.index) == list(expected_nodes.index)
    assert list(nodes.loc["i_zwemclub_vrouwen", "languages"]) == ["ar", "tr", "so", "nl"]
    assert nodes.loc["i_schaakclub", "last_verified"].isoformat() == "2024-03-12"
    assert nodes["min_age"].dtype.name in ("Int64", "int64", "float64")
    assert nodes.loc["i_seniorengym", "min_age"] == 65
    assert len(edges) == len(expected_edges) == sample.number_of_edges()
    assert edges["implied"].sum() == 16 + 13 + 25


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(G=maps(max_nodes=8, max_relations=10))
def test_graphml_and_datapackage_round_trip_random_maps(
    tmp_path_factory: pytest.TempPathFactory, G: nx.MultiDiGraph
) -> None:
    folder = tmp_path_factory.mktemp("rt")
    fields = {kind: list(f) for kind, f in sk.export_fields().items()}
    fields["resident"] = ["name", "birth_year", "needs", "statuses", "languages"]
    H = nx.read_graphml(sk.write_graphml(G, folder / "m.graphml", fields=fields))
    expected = _expected_nodes(G, fields)
    for node, attrs in expected.items():
        for key, value in attrs.items():
            got = H.nodes[node][key]
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                assert float(got) == pytest.approx(float(value))
            else:
                assert got == value, (node, key)
    package = sk.write_datapackage(G, folder / "pkg", fields=fields)
    frame = pd.read_csv(package / "nodes.csv", dtype=str, keep_default_na=False)
    assert set(frame["id"]) == {str(n) for n in G}


# --------------------------------------------------------------------------- privacy


def _resident_values(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Sensitive resident values that must not appear in a default export."""
    other = " ".join(
        " ".join(map(repr, d.values())) for _, d in G.nodes(data=True) if d["kind"] != "resident"
    )
    out: dict[str, list[str]] = {"name": [], "postcode": [], "needs": [], "lat": []}
    for _, attrs in G.nodes(data=True):
        if attrs["kind"] != "resident":
            continue
        if attrs["name"] and attrs["name"] not in other:
            out["name"].append(attrs["name"])
        if attrs["postcode"]:
            out["postcode"].append(attrs["postcode"])
        for theme, score in attrs["needs"].items():
            if score is not None:
                out["needs"].append(f"{theme}:{score}")
        if attrs.get("lat") is not None and repr(attrs["lat"]) not in other:
            out["lat"].append(repr(attrs["lat"]))
    return out


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_default_exports_hold_no_sensitive_resident_field(
    sample: nx.MultiDiGraph, tmp_path: Path, fmt: str
) -> None:
    path = WRITERS[fmt](sample, tmp_path)
    text = _all_text(path)
    for values in _resident_values(sample).values():
        for value in values:
            assert value not in text, value
    for field in ("birth_year", "needs", "statuses", "postcode"):
        # as an attribute name: attr.name="needs", title="needs", a CSV header cell
        assert not re.search(rf'(^|[",]){field}([",]|$)', text, re.M), field
    # statuses of residents: 'social_assistance' is held only by residents
    assert "social_assistance" not in text
    assert "wmo_indication" in text  # ... while offers may require a status


def test_fields_whitelist_includes_named_sensitive_fields(
    sample: nx.MultiDiGraph, tmp_path: Path
) -> None:
    path = sk.write_graphml(sample, tmp_path / "m.graphml", fields=["name", "birth_year"])
    H = nx.read_graphml(path)
    assert H.nodes["r_samira"]["name"] == "Samira Benhaddou"
    assert H.nodes["r_samira"]["birth_year"] == 1987
    assert "languages" not in H.nodes["r_samira"]
    assert "themes" not in H.nodes["i_zwemmen"] and H.nodes["i_zwemmen"]["kind"] == "initiative"


def test_export_fields_checks_names() -> None:
    with pytest.raises(ValueError, match="not a field"):
        sk.export_fields(["nam"])
    with pytest.raises(ValueError, match="not a kind"):
        sk.export_fields({"residents": ["name"]})
    with pytest.raises(TypeError, match="single string"):
        sk.export_fields("name")
    chosen = sk.export_fields({"resident": ["neighbourhood", "x_note"]})
    assert chosen["resident"] == ("neighbourhood", "x_note")
    assert "name" in chosen["initiative"]


def test_custom_columns_only_when_named(tmp_path: Path) -> None:
    G = sk.from_frames(
        residents=pd.DataFrame({"id": ["r1"], "x_note": ["lives alone"]}),
        places=pd.DataFrame({"id": ["pl1"], "name": ["Bench"]}),
    )
    nodes, _ = sk.export_tables(G)
    assert "x_note" not in nodes.columns
    nodes, _ = sk.export_tables(G, fields={"resident": ["extra"]})
    assert nodes.loc["r1", "x_note"] == "lives alone"


def test_single_node_map_exports(tmp_path: Path) -> None:
    G = sk.from_frames(places=pd.DataFrame({"id": ["pl1"], "name": ["Bench"]}))
    for fmt, write in WRITERS.items():
        assert write(G, tmp_path / fmt).exists()
    nodes, edges = sk.export_tables(G)
    assert list(nodes.index) == ["pl1"] and edges.empty


# --------------------------------------------------------------------------- R


@pytest.mark.r
@pytest.mark.skipif(shutil.which("Rscript") is None, reason="R is not installed")
def test_r_igraph_reads_the_graphml_and_the_csv_pair(
    sample: nx.MultiDiGraph, tmp_path: Path
) -> None:
    graphml = sk.write_graphml(sample, tmp_path / "rivierwijk.graphml")
    package = sk.write_datapackage(sample, tmp_path / "pkg")
    script = f"""
    if (!requireNamespace("igraph", quietly = TRUE)) quit(status = 3)
    suppressMessages(library(igraph))
    g <- read_graph("{graphml}", format = "graphml")
    nodes <- read.csv("{package / "nodes.csv"}", stringsAsFactors = FALSE)
    edges <- read.csv("{package / "edges.csv"}", stringsAsFactors = FALSE)
    h <- graph_from_data_frame(edges, directed = TRUE, vertices = nodes)
    cat(vcount(g), ecount(g), vcount(h), ecount(h),
        V(g)$kind[V(g)$id == "r_samira"], sum(E(h)$relation == "supports"), "\\n")
    """
    done = subprocess.run(
        ["Rscript", "-e", script], capture_output=True, text=True, timeout=120, check=False
    )
    if done.returncode == 3:
        pytest.skip("the R package igraph is not installed")
    assert done.returncode == 0, done.stderr
    supports = sum(1 for *_, k in sample.edges(keys=True) if k == "supports")
    n, m = sample.number_of_nodes(), sample.number_of_edges()
    assert done.stdout.split() == [str(n), str(m), str(n), str(m), "resident", str(supports)]


def test_survey_fields_are_exported_without_resident_data():
    """Issue 15: the PARTNER scores travel into exports; they rate partners, not residents."""
    from sociale_kaart.datasets import load_survey

    G = load_survey(1)
    _, edges = sk.export_tables(G)
    for column in ("trust", "value", "works_with", "trust_reliable", "value_resources"):
        assert column in edges.columns
    data = next(d for _, _, d in G.edges(data=True) if "value" in d)
    assert data["value"] == pytest.approx(
        sum(data[i] for i in ("value_power", "value_involvement", "value_resources") if i in data)
        / sum(i in data for i in ("value_power", "value_involvement", "value_resources"))
    )
    assert edges["value"].notna().sum() == sum("value" in d for _, _, d in G.edges(data=True))
    for private in ("debts", "health", "nationality", "gender"):
        assert private not in edges.columns


def test_a_dated_tie_keeps_its_end_and_a_volunteer_their_consent(tmp_path: Path) -> None:
    # `until` (issue 12) and `consent` (issue 14) were once left out of every export
    G = sk.load_sample("rivierwijk_history")
    ended = {
        (u, v, k): d["until"] for u, v, k, d in G.edges(keys=True, data=True) if d.get("until")
    }
    consent = {
        (u, v, k): d["consent"]
        for u, v, k, d in G.edges(keys=True, data=True)
        if d.get("consent") is not None
    }
    assert ended and consent
    _, edges = sk.export_tables(G, flat=False)
    keyed = edges.set_index(["source", "target", "relation"])
    for (u, v, k), day in ended.items():
        assert keyed.loc[(u, v, k), "until"] == day
    for (u, v, k), given_ in consent.items():
        assert bool(keyed.loc[(u, v, k), "consent"]) is given_
    with (sk.write_datapackage(G, tmp_path / "pkg") / "edges.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert sum(bool(r["until"]) for r in rows) == len(ended)
