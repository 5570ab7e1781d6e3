"""Brokerage tests: roles by hand, R sna reference values, Burt's measures."""

from __future__ import annotations

import itertools
import json
import random
import shutil
import subprocess

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sociale_kaart as sk
from sociale_kaart.testing import graphs_equal, maps
from tests._paths import DATA

ROLES = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison"]


def group_map(edges, groups):
    """Residents n<i> in neighbourhood g<groups[i]>, with knows edges as given."""
    residents = pd.DataFrame(
        {"id": [f"n{i}" for i in range(len(groups))], "neighbourhood": [f"g{g}" for g in groups]}
    )
    relations = pd.DataFrame(
        {
            "source": [f"n{u}" for u, _ in edges],
            "target": [f"n{v}" for _, v in edges],
            "relation": "knows",
        }
    )
    return sk.from_frames(residents=residents, relations=relations)


def roles(G, **kwargs):
    kwargs.setdefault("by", "neighbourhood")
    kwargs.setdefault("symmetric", ())
    return sk.brokerage(G, **kwargs)


def naive_brokerage(G, groups, symmetric=()):
    """Independent reference: loop over every ordered triple of a networkx DiGraph."""
    D = nx.DiGraph()
    D.add_nodes_from(G)
    for u, v, key in G.edges(keys=True):
        if u != v:
            D.add_edge(u, v)
            if key in symmetric:
                D.add_edge(v, u)
    counts = {v: dict.fromkeys(ROLES, 0) for v in D}
    for v in D:
        if groups[v] is None:
            continue
        for i in D.predecessors(v):
            for j in D.successors(v):
                if i == j or D.has_edge(i, j) or groups[i] is None or groups[j] is None:
                    continue
                gi, gv, gj = groups[i], groups[v], groups[j]
                if gi == gv == gj:
                    role = "coordinator"
                elif gi == gj:
                    role = "itinerant"
                elif gi == gv:
                    role = "representative"
                elif gv == gj:
                    role = "gatekeeper"
                else:
                    role = "liaison"
                counts[v][role] += 1
    return counts


# --------------------------------------------------------------------------- by hand


@pytest.mark.parametrize(
    ("groups", "role"),
    [
        ([0, 0, 0], "coordinator"),  # A -> A -> A
        ([0, 1, 0], "itinerant"),  # A -> B -> A
        ([0, 0, 1], "representative"),  # A -> A -> B
        ([0, 1, 1], "gatekeeper"),  # A -> B -> B
        ([0, 1, 2], "liaison"),  # A -> B -> C
    ],
)
def test_each_role_on_one_two_path(groups, role):
    b = roles(group_map([(0, 1), (1, 2)], groups))
    expected = dict.fromkeys(ROLES, 0) | {role: 1}
    assert b.loc["n1", ROLES].to_dict() == expected
    assert b.loc["n1", "total"] == 1
    assert b.drop("n1")["total"].sum() == 0


def test_a_direct_tie_closes_the_two_path():
    b = roles(group_map([(0, 1), (1, 2), (0, 2)], [0, 1, 2]))
    assert b["total"].sum() == 0
    # The reverse direct tie does not close i -> v -> j.
    b = roles(group_map([(0, 1), (1, 2), (2, 0)], [0, 1, 2]))
    assert b["total"].tolist() == [1, 1, 1]


def test_mutual_ties_are_not_two_paths_back():
    b = roles(group_map([(0, 1), (1, 0)], [0, 1]))
    assert b["total"].sum() == 0


def test_symmetric_relations_count_both_ways():
    G = group_map([(0, 1), (1, 2)], [0, 1, 2])
    assert roles(G, symmetric=())["total"].tolist() == [0, 1, 0]
    # By default knows holds both ways: n1 brokers n0 -> n2 and n2 -> n0.
    assert sk.brokerage(G, by="neighbourhood").loc["n1", "liaison"] == 2


def test_nodes_without_a_group_are_left_out():
    G = group_map([(0, 1), (1, 2), (2, 3)], [0, 1, 1, 2])
    b = roles(G, by=lambda node, attrs: None if node == "n0" else attrs["neighbourhood"])
    assert b.loc["n1", "total"] == 0  # its only two-path starts at n0
    assert b.loc["n2", "gatekeeper"] == 0
    assert b.loc["n2", "representative"] == 1  # n1 -> n2 -> n3: A -> A -> B
    assert b.loc["n0", "group"] is None


def test_kind_partition_and_callable_agree():
    G = sk.load_sample()
    by_name = sk.brokerage(G, by="kind")
    by_func = sk.brokerage(G, by=lambda node, attrs: attrs["kind"])
    pd.testing.assert_frame_equal(by_name[ROLES], by_func[ROLES])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps(max_nodes=14, max_relations=40), st.sampled_from(["kind", "neighbourhood"]))
def test_equals_a_naive_triple_loop(G, partition):
    groups = dict(G.nodes(data=partition))
    b = sk.brokerage(G, by=partition)
    ref = naive_brokerage(G, groups, symmetric=("knows", "partners", "meets"))
    for role in ROLES:
        assert b[role].to_dict() == {v: ref[v][role] for v in G}
    assert (b["total"] == b[ROLES].sum(axis=1)).all()


def test_many_two_paths_are_counted_in_chunks(monkeypatch):
    import importlib

    module = importlib.import_module("sociale_kaart.analysis.brokerage")
    D = nx.gnp_random_graph(40, 0.2, seed=5, directed=True)
    groups = [i % 3 for i in range(40)]
    G = group_map(list(D.edges()), groups)
    whole = roles(G)
    monkeypatch.setattr(module, "_PATHS_PER_CHUNK", 7)
    pd.testing.assert_frame_equal(roles(G), whole)


# --------------------------------------------------------------------------- R sna


def test_equals_sna_reference_values():
    """Raw counts of R sna::brokerage (sna 2.7-1), computed once and stored.

    Cases: a directed Krackhardt kite with three mutual ties and three groups,
    three random directed graphs (14 nodes, p = 0.25) with three groups, and a
    graph where many ties are mutual (four groups). See tests/data.
    """
    cases = json.loads((DATA / "brokerage_cases.json").read_text())
    expected = json.loads((DATA / "brokerage_sna_raw.json").read_text())
    assert set(cases) == {"kite", "random1", "random2", "random3", "mutual"}
    for name, case in cases.items():
        b = roles(group_map(case["edges"], case["groups"]))
        mine = b[[*ROLES, "total"]].to_numpy()
        np.testing.assert_array_equal(mine, np.array(expected[name]), err_msg=name)


def _sna_available():
    if shutil.which("Rscript") is None:
        return False
    check = subprocess.run(
        ["Rscript", "-e", "suppressMessages(library(sna))"], capture_output=True, check=False
    )
    return check.returncode == 0


SNA_SCRIPT = r"""
suppressMessages(library(sna))
for (path in commandArgs(trailingOnly = TRUE)) {
  lines <- readLines(path)
  n <- as.integer(lines[1])
  cl <- as.integer(strsplit(lines[2], " ")[[1]])
  m <- matrix(0, n, n)
  if (length(lines) > 2) for (e in lines[3:length(lines)]) {
    ij <- as.integer(strsplit(e, " ")[[1]]); m[ij[1] + 1, ij[2] + 1] <- 1
  }
  b <- brokerage(m, cl)$raw.nli
  write.table(b, file = paste0(path, ".out"), sep = " ", row.names = FALSE, col.names = FALSE)
}
"""


@pytest.mark.r
@pytest.mark.skipif(not _sna_available(), reason="needs Rscript with the sna package")
def test_equals_sna_live(tmp_path):
    script = tmp_path / "brokerage.R"
    script.write_text(SNA_SCRIPT)
    rng = random.Random(11)
    cases = []
    for case in range(8):
        n = rng.randint(6, 16)
        D = nx.gnp_random_graph(n, rng.uniform(0.15, 0.45), seed=case, directed=True)
        edges = list(D.edges())
        edges += [(v, u) for u, v in edges[::3]]  # some mutual ties
        edges = sorted(set(edges))
        groups = [rng.randrange(3) for _ in range(n)]
        data = tmp_path / f"case{case}.txt"
        data.write_text(
            "\n".join([str(n), " ".join(map(str, groups)), *(f"{u} {v}" for u, v in edges)])
        )
        cases.append((data, edges, groups))
    subprocess.run(
        ["Rscript", str(script), *(str(c[0]) for c in cases)], capture_output=True, check=True
    )
    for data, edges, groups in cases:
        expected = np.loadtxt(f"{data}.out", ndmin=2)
        mine = roles(group_map(edges, groups))[[*ROLES, "total"]].to_numpy()
        np.testing.assert_array_equal(mine, expected, err_msg=data.name)


# --------------------------------------------------------------------------- sample scenes


def test_scene_13_r_spil_brokers_between_the_buurten():
    b = sk.brokerage(sk.load_sample(), by="neighbourhood", relations="knows")
    residents = b[b["kind"] == "resident"]
    assert residents["total"].idxmax() == "r_spil"
    # She knows people in all four buurten, so she links other buurten to each other.
    assert b.loc["r_spil", "liaison"] > 0
    assert b.loc["r_spil", "liaison"] == residents["liaison"].max()


def test_scene_13_p_opbouw_links_organisations():
    G = sk.load_sample()
    b = sk.brokerage(G, by="kind", relations=["knows", "knows_of"])
    # Residents -> p_opbouw -> initiatives: a resident reaches an offer through her.
    pros = b[b["kind"] == "professional"]
    assert pros["liaison"].idxmax() == "p_opbouw"


def test_empty_map_and_bad_partition():
    empty = sk.brokerage(nx.MultiDiGraph())
    assert empty.empty
    assert list(empty.columns) == ["kind", "name", "group", *ROLES, "total"]
    with pytest.raises(TypeError, match="by must be a node attribute name"):
        sk.brokerage(sk.load_sample(), by=3)
    with pytest.raises(ValueError, match="unknown relation"):
        sk.brokerage(sk.load_sample(), relations="kent")


def test_does_not_change_the_map():
    G = sk.load_sample()
    before = G.copy()
    sk.brokerage(G)
    sk.structural_holes(G, weight="trust")
    assert graphs_equal(G, before)


# --------------------------------------------------------------------------- structural holes


def test_structural_holes_by_hand():
    # A star of four leaves: no contacts know each other.
    star = group_map([(0, i) for i in range(1, 5)], [0] * 5)
    h = sk.structural_holes(star)
    assert h.loc["n0", "constraint"] == pytest.approx(4 * (1 / 4) ** 2)
    assert h.loc["n0", "effective_size"] == pytest.approx(4)
    assert h.loc["n0", "efficiency"] == pytest.approx(1)
    # A triangle: each contact is tied to the other.
    tri = group_map([(0, 1), (1, 2), (2, 0)], [0] * 3)
    h = sk.structural_holes(tri)
    assert h["constraint"].tolist() == pytest.approx([2 * (1 / 2 + 1 / 4) ** 2] * 3)
    assert h["effective_size"].tolist() == pytest.approx([1.0] * 3)


def test_structural_holes_isolates_are_missing():
    G = group_map([(0, 1)], [0, 0, 0])
    h = sk.structural_holes(G)
    assert np.isnan(h.loc["n2", ["effective_size", "efficiency", "constraint"]].astype(float)).all()
    assert h.loc["n2", "degree"] == 0


def _nx_graph(G, weight=None):
    H = nx.Graph()
    H.add_nodes_from(G)
    for u, v, data in G.edges(data=True):
        w = data.get(weight) if weight else None
        w = 1 if w is None else w
        H.add_edge(u, v, w=max(w, H[u][v]["w"]) if H.has_edge(u, v) else w)
    return H


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps(max_nodes=14, max_relations=40), st.sampled_from([None, "trust"]))
def test_structural_holes_equal_networkx(G, weight):
    h = sk.structural_holes(G, weight=weight)
    H = _nx_graph(G, weight)
    w = None if weight is None else "w"
    # nodes=list(H) takes networkx's node-by-node path: its all-nodes sparse
    # path (networkx 3.6) divides weighted mutual weights by the wrong row max.
    constraint = nx.constraint(H, nodes=list(H), weight=w)
    esize = nx.effective_size(H, nodes=list(H), weight=w)
    np.testing.assert_allclose(h["constraint"], [constraint[v] for v in h.index], atol=1e-9)
    np.testing.assert_allclose(h["effective_size"], [esize[v] for v in h.index], atol=1e-9)


def test_structural_holes_on_the_sample_scene_13():
    h = sk.structural_holes(sk.load_sample(), relations=["knows", "knows_of"])
    pros = h[h["kind"] == "professional"]
    assert pros["effective_size"].idxmax() == "p_opbouw"
    assert pros["constraint"].idxmin() == "p_opbouw"
    residents = h[h["kind"] == "resident"]
    assert residents["effective_size"].idxmax() == "r_spil"


def test_structural_holes_in_chunks(monkeypatch):
    import importlib

    module = importlib.import_module("sociale_kaart.analysis.brokerage")
    G = sk.load_sample()
    whole = sk.structural_holes(G)
    monkeypatch.setattr(module, "_PAIRS_PER_CHUNK", 7)
    pd.testing.assert_frame_equal(sk.structural_holes(G), whole)


def test_structural_holes_empty_map():
    h = sk.structural_holes(nx.MultiDiGraph())
    assert h.empty
    assert list(h.columns) == [
        "kind",
        "name",
        "neighbourhood",
        "degree",
        "effective_size",
        "efficiency",
        "constraint",
    ]


def test_triples_helper_is_exhaustive():
    # The naive reference itself: one two-path in a path of three.
    G = group_map([(0, 1), (1, 2)], [0, 0, 0])
    ref = naive_brokerage(G, {f"n{i}": 0 for i in range(3)})
    assert sum(itertools.chain.from_iterable(c.values() for c in ref.values())) == 1
