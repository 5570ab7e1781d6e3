"""structural_holes in one pass over the triangles, against the sparse-product way it replaced.

``reference_holes`` is the implementation before issue 16 (item 6): sparse
matrix products ``P @ P`` over every two-path, in row chunks. The triangle
pass must give the same frame (up to rounding: sums in another order) on the
sample, on hypothesis maps and on a synthetic map. The new pass is also
checked against networkx and igraph directly, and ``node_frame`` against its
old node-by-node form.
"""

from __future__ import annotations

import importlib
from collections.abc import Hashable, Iterable, Sequence
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sociale_kaart as sk
from sociale_kaart.analysis.frames import node_frame
from sociale_kaart.core.checks import check_edge_attribute, require_map
from sociale_kaart.core.naming import table_names
from sociale_kaart.index.ties import tie_view
from sociale_kaart.testing import maps

_ROWS_PER_CHUNK = 4_096
# The module, not the function of the same name that sociale_kaart.analysis exports.
module = importlib.import_module("sociale_kaart.analysis.brokerage")


def _as_list(value: str | Iterable[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def reference_node_frame(G: nx.Graph, nodes: Sequence[Hashable] | None = None) -> pd.DataFrame:
    """node_frame before issue 16: a loop over G.nodes plus table_names."""

    def neighbourhood(attrs: dict[str, Any]) -> str | None:
        one = attrs.get("neighbourhood")
        if one:
            return str(one)
        many = attrs.get("neighbourhoods")
        if isinstance(many, (list, tuple)) and many:
            return ";".join(str(n) for n in many)
        return None

    nodes = list(G) if nodes is None else list(nodes)
    data = G.nodes
    kinds, nbs = [], []
    for v in nodes:
        attrs = data[v]
        kinds.append(attrs.get("kind"))
        nbs.append(neighbourhood(attrs))
    names = table_names(G, nodes)
    index = pd.Index(nodes, name="id", dtype=object)
    return pd.DataFrame(
        {
            "kind": pd.Series(kinds, index=index, dtype=object),
            "name": pd.Series(names, index=index, dtype=object),
            "neighbourhood": pd.Series(nbs, index=index, dtype=object),
        }
    )


def reference_holes(
    G: nx.MultiDiGraph,
    *,
    relations: str | Iterable[str] | None = None,
    weight: str | None = None,
) -> pd.DataFrame:
    """structural_holes before issue 16, verbatim but for the names of its helpers."""
    require_map(G)
    check_edge_attribute(G, weight, parameter="weight")
    view = tie_view(G, relations=relations, weight=weight, directed=False)
    n = view.n
    frame = reference_node_frame(G, view.nodes)
    W = view.adjacency()
    B = W.copy()
    B.data = np.ones_like(B.data)
    degree = np.diff(B.indptr).astype(np.int64)
    strength = np.asarray(W.sum(axis=1)).ravel()
    with np.errstate(divide="ignore", invalid="ignore"):
        P = sp.csr_array(W.multiply(np.where(strength > 0, 1.0 / strength, 0.0)[:, None]))
        rowmax = np.zeros(n)
        nonempty = np.flatnonzero(degree > 0)
        if len(nonempty):
            rowmax[nonempty] = np.maximum.reduceat(W.data, W.indptr[nonempty])
        M = sp.csr_array(W.multiply(np.where(rowmax > 0, 1.0 / rowmax, 0.0)[:, None]))
    BM = (B @ M).tocsr() if n else B
    constraint = np.zeros(n)
    redundancy = np.zeros(n)
    for start in range(0, n, _ROWS_PER_CHUNK):
        rows = slice(start, min(n, start + _ROWS_PER_CHUNK))
        P_rows = P[rows]
        indirect = (P_rows @ P).multiply(B[rows])
        local = P_rows + indirect
        constraint[rows] = np.asarray(local.multiply(local).sum(axis=1)).ravel()
        redundancy[rows] = np.asarray(P_rows.multiply(BM[rows]).sum(axis=1)).ravel()
    isolated = degree == 0
    esize = np.where(isolated, np.nan, degree - redundancy)
    frame["degree"] = degree
    frame["effective_size"] = esize
    with np.errstate(divide="ignore", invalid="ignore"):
        frame["efficiency"] = np.where(isolated, np.nan, esize / np.maximum(degree, 1))
    frame["constraint"] = np.where(isolated, np.nan, constraint)
    frame.attrs = {
        "relations": None if relations is None else sorted(_as_list(relations)),
        "weight": weight,
    }
    return frame


def assert_same(new: pd.DataFrame, old: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(new, old, check_exact=False, rtol=1e-12, atol=1e-14)
    assert new.attrs == old.attrs
    # Missing values in the same places, and the same degrees exactly.
    for column in ("effective_size", "efficiency", "constraint"):
        assert (new[column].isna() == old[column].isna()).all()
    assert (new["degree"] == old["degree"]).all()


@st.composite
def dense_maps(draw: st.DrawFn, max_nodes: int = 12) -> nx.MultiDiGraph:
    """Residents tied by ``knows`` edges, dense enough for many triangles.

    Both directions of a pair may be drawn, with different trust (or none):
    parallel edges that the undirected view collapses to the strongest.
    """
    n = draw(st.integers(min_value=1, max_value=max_nodes))
    pairs = [(u, v) for u in range(n) for v in range(n) if u != v]
    chosen = (
        draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs))) if pairs else []
    )
    trust = draw(
        st.lists(
            st.one_of(st.none(), st.floats(min_value=1, max_value=4)),
            min_size=len(chosen),
            max_size=len(chosen),
        )
    )
    residents = pd.DataFrame({"id": [f"n{i}" for i in range(n)], "neighbourhood": "g"})
    relations = pd.DataFrame(
        {
            "source": [f"n{u}" for u, _ in chosen],
            "target": [f"n{v}" for _, v in chosen],
            "relation": "knows",
            "trust": pd.Series(trust, dtype=object),
        }
    )
    return sk.from_frames(residents=residents, relations=relations)


def _simple(G: nx.MultiDiGraph, weight: str | None) -> nx.Graph:
    """The undirected simple graph of the ties, the strongest of parallel edges kept."""
    H = nx.Graph()
    H.add_nodes_from(G)
    for u, v, data in G.edges(data=True):
        if u == v:
            continue
        w = data.get(weight) if weight else None
        w = 1 if w is None else w
        H.add_edge(u, v, w=max(w, H[u][v]["w"]) if H.has_edge(u, v) else w)
    return H


# ------------------------------------------------------------------ equal to the old implementation


@pytest.mark.parametrize(
    "options",
    [{}, {"weight": "trust"}, {"relations": ["knows", "knows_of"]}, {"relations": "partners"}],
)
def test_equals_the_old_way_on_the_sample(options):
    G = sk.load_sample()
    assert_same(sk.structural_holes(G, **options), reference_holes(G, **options))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps(max_nodes=14, max_relations=40), st.sampled_from([None, "trust"]))
def test_equals_the_old_way_on_maps(G, weight):
    assert_same(sk.structural_holes(G, weight=weight), reference_holes(G, weight=weight))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dense_maps(), st.sampled_from([None, "trust"]))
def test_equals_the_old_way_on_dense_maps(G, weight):
    assert_same(sk.structural_holes(G, weight=weight), reference_holes(G, weight=weight))


def test_equals_the_old_way_on_a_synthetic_map():
    G = sk.datasets.synthetic(1_000, seed=3)
    assert_same(sk.structural_holes(G), reference_holes(G))
    assert_same(sk.structural_holes(G, weight="trust"), reference_holes(G, weight="trust"))


@pytest.mark.parametrize("pairs", [1, 2, 7, 100])
def test_in_chunks(monkeypatch, pairs):
    G = sk.datasets.synthetic(300, seed=2)
    whole = sk.structural_holes(G, weight="trust")
    monkeypatch.setattr(module, "_PAIRS_PER_CHUNK", pairs)
    assert_same(sk.structural_holes(G, weight="trust"), whole)


# ------------------------------------------------------------------ by hand and against the peers


def test_weighted_triangle_with_a_tail_by_hand():
    # n0 -2- n1, n1 -1- n2, n0 -3- n2, n2 -1- n3. For n1: p10 = 2/3, p12 = 1/3,
    # p02 = 3/5, p20 = 3/5, so c = (2/3 + 1/3 * 3/5)^2 + (1/3 + 2/3 * 3/5)^2 = 290/225.
    # Row maxima 3 (n0) and 3 (n2): E = (1 - 1/3 * 3/3) + (1 - 2/3 * 3/3) = 1.
    residents = pd.DataFrame({"id": ["n0", "n1", "n2", "n3"], "neighbourhood": "g"})
    relations = pd.DataFrame(
        {
            "source": ["n0", "n1", "n0", "n2"],
            "target": ["n1", "n2", "n2", "n3"],
            "relation": "knows",
            "trust": [2, 1, 3, 1],
        }
    )
    G = sk.from_frames(residents=residents, relations=relations)
    h = sk.structural_holes(G, weight="trust")
    assert h.loc["n1", "constraint"] == pytest.approx(290 / 225, rel=1e-14)
    assert h.loc["n1", "effective_size"] == pytest.approx(1.0, rel=1e-14)
    assert h.loc["n3", "constraint"] == pytest.approx(1.0, rel=1e-14)
    assert h.loc["n3", "effective_size"] == pytest.approx(1.0, rel=1e-14)
    # Unweighted, n2 has 3 contacts and 1 tie among them: E = 3 - 2 * 1 / 3 (Borgatti 1997).
    assert sk.structural_holes(G).loc["n2", "effective_size"] == pytest.approx(7 / 3, rel=1e-14)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dense_maps(max_nodes=10), st.sampled_from([None, "trust"]))
def test_equals_networkx_on_dense_maps(G, weight):
    h = sk.structural_holes(G, weight=weight)
    H = _simple(G, weight)
    w = None if weight is None else "w"
    constraint = nx.constraint(H, nodes=list(H), weight=w)
    esize = nx.effective_size(H, nodes=list(H), weight=w)
    np.testing.assert_allclose(h["constraint"], [constraint[v] for v in h.index], rtol=1e-12)
    np.testing.assert_allclose(h["effective_size"], [esize[v] for v in h.index], rtol=1e-12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(dense_maps(), maps(max_nodes=14, max_relations=40)), st.sampled_from([None, "trust"])
)
def test_equals_igraph_on_the_collapsed_ties(G, weight):
    # igraph's constraint is Burt's on a_ij + a_ji summed over parallel edges; on
    # the undirected simple graph of the ties (parallel edges collapsed to the
    # strongest, as here) the definitions agree, isolates included (NaN).
    ig = pytest.importorskip("igraph")
    view = tie_view(G, weight=weight)
    g = ig.Graph(n=view.n, edges=list(zip(view.src.tolist(), view.dst.tolist(), strict=True)))
    theirs = g.constraint(weights=None if weight is None else view.weight.tolist())
    ours = sk.structural_holes(G, weight=weight)["constraint"].to_numpy()
    np.testing.assert_allclose(ours, theirs, rtol=1e-12, equal_nan=True)


def test_where_igraph_differs_parallel_and_mutual_edges():
    # igraph on the map's own edges sums parallel edges and counts a mutual
    # pair (u -> v and v -> u) twice: n0 <-> n1 weighs 2 there, 1 here.
    ig = pytest.importorskip("igraph")
    residents = pd.DataFrame({"id": ["n0", "n1", "n2"], "neighbourhood": "g"})
    relations = pd.DataFrame(
        {"source": ["n0", "n1", "n1"], "target": ["n1", "n0", "n2"], "relation": "knows"}
    )
    G = sk.from_frames(residents=residents, relations=relations)
    ours = sk.structural_holes(G)["constraint"]
    index = {v: i for i, v in enumerate(G)}
    raw = ig.Graph(n=len(G), edges=[(index[u], index[v]) for u, v in G.edges()], directed=True)
    theirs = dict(zip(G, raw.constraint(), strict=True))
    assert ours["n1"] == pytest.approx(0.5)  # two contacts, equal shares
    assert theirs["n1"] == pytest.approx((2 / 3) ** 2 + (1 / 3) ** 2)  # n0 counted twice
    collapsed = ig.Graph(n=len(G), edges=[(0, 1), (1, 2)])
    assert collapsed.constraint()[index["n1"]] == pytest.approx(ours["n1"])


# ------------------------------------------------------------------ node_frame


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps(max_nodes=14, max_relations=10), st.randoms(use_true_random=False))
def test_node_frame_equals_the_old_way(G, rng):
    pd.testing.assert_frame_equal(node_frame(G), reference_node_frame(G))
    some = rng.sample(list(G), k=len(G) // 2)
    pd.testing.assert_frame_equal(node_frame(G, some), reference_node_frame(G, some))
    view = G.subgraph(some)
    pd.testing.assert_frame_equal(node_frame(view), reference_node_frame(view))


def test_node_frame_odd_attributes():
    G = nx.MultiDiGraph()
    G.add_node("a", kind="professional", name="", neighbourhoods=["x", "y"])
    G.add_node("b", kind="organisation", name=float("nan"), neighbourhood="")
    G.add_node("c", kind="resident", name="Samira", neighbourhood="z")
    G.add_node("d", name=3, neighbourhoods=("q",))
    G.add_node(7)
    pd.testing.assert_frame_equal(node_frame(G), reference_node_frame(G))
    assert node_frame(G)["name"].isna().tolist() == [True, True, True, False, True]
    with pytest.raises(KeyError):
        node_frame(G, ["a", "nowhere"])
    with pytest.raises(KeyError):
        reference_node_frame(G, ["a", "nowhere"])
