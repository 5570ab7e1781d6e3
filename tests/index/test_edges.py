"""The ``edges`` facet and the tie views made from it, against the edge-by-edge walk they replace.

``reference_view`` is the loop ``make_view`` ran before the edge table
(issue 12, scale): over ``G.adj``, one edge at a time. The views made from the
table must equal it for every option set, on the sample and on random
multigraphs (directed and not, with self-loops, parallel edges and weights).
"""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sociale_kaart as sk
from sociale_kaart.index import get_index
from sociale_kaart.index.edges import make_edge_table
from sociale_kaart.index.ties import TieView, _weight_value, make_view

RELS = ("knows", "works_at", "meets", "partners")


def reference_view(
    G: nx.Graph,
    relations: tuple[str, ...] | None,
    weight: str | None,
    directed: bool,
    symmetric: frozenset[str],
) -> TieView:
    nodes = list(G)
    n = len(nodes)
    index: dict[Hashable, int] = {v: i for i, v in enumerate(nodes)}
    keep = None if relations is None else frozenset(relations)
    multi = G.is_multigraph()
    src: list[int] = []
    dst: list[int] = []
    wts: list[float] = []
    for u, nbrs in G.adj.items():
        for v, data in nbrs.items():
            if u == v:
                continue
            items = data.items() if multi else [(data.get("relation"), data)]
            for rel_key, attrs in items:
                relation = attrs.get("relation", rel_key)
                if keep is not None and relation not in keep:
                    continue
                w = (
                    1.0
                    if weight is None
                    else _weight_value(attrs.get(weight), weight, u, v, relation)
                )
                src.append(index[u])
                dst.append(index[v])
                wts.append(w)
                if directed and relation in symmetric:
                    src.append(index[v])
                    dst.append(index[u])
                    wts.append(w)
    s = np.asarray(src, dtype=np.int64)
    d = np.asarray(dst, dtype=np.int64)
    w_arr = np.asarray(wts, dtype=float)
    if not directed:
        s, d = np.minimum(s, d), np.maximum(s, d)
    codes = s * max(n, 1) + d
    order = np.lexsort((-w_arr, codes))
    codes, w_arr = codes[order], w_arr[order]
    first = np.ones(len(codes), dtype=bool)
    first[1:] = codes[1:] != codes[:-1]
    codes, w_arr = codes[first], w_arr[first]
    return TieView(
        nodes=nodes,
        src=codes // max(n, 1),
        dst=codes % max(n, 1),
        weight=None if weight is None else w_arr,
        directed=directed,
    )


def assert_same(a: TieView, b: TieView) -> None:
    assert a.nodes == b.nodes
    assert a.directed == b.directed
    np.testing.assert_array_equal(a.src, b.src)
    np.testing.assert_array_equal(a.dst, b.dst)
    if b.weight is None:
        assert a.weight is None
    else:
        assert a.weight is not None
        np.testing.assert_array_equal(a.weight, b.weight)


OPTIONS = [
    (None, None, False, frozenset()),
    (("knows",), None, False, frozenset()),
    (None, "trust", False, frozenset()),
    (None, None, True, frozenset()),
    (None, None, True, frozenset({"knows", "meets", "partners"})),
    (("knows", "meets"), "trust", True, frozenset({"knows"})),
]


@pytest.mark.parametrize("options", OPTIONS, ids=str)
def test_sample_views_equal_the_edge_by_edge_walk(options) -> None:
    G = sk.load_sample()
    assert_same(make_view(get_index(G).edges(), *options), reference_view(G, *options))


def test_the_table_lists_every_edge_once_in_networkx_order() -> None:
    G = sk.load_sample()
    table = get_index(G).edges()
    assert table is get_index(G).edges()
    listed = [
        (table.nodes[u], table.nodes[v], k, d)
        for u, v, k, d in zip(table.src, table.dst, table.keys, table.data, strict=True)
    ]
    assert listed == list(G.edges(keys=True, data=True))
    assert all(d is G.edges[u, v, k] for u, v, k, d in listed)  # the graph's own dicts
    assert list(table.relations) == [d.get("relation", k) for _, _, k, d in listed]


def test_a_bad_weight_names_the_first_bad_tie_as_before() -> None:
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key="knows", trust=2)
    G.add_edge("b", "c", key="knows", trust="veel")
    G.add_edge("c", "d", key="knows", trust=-1)
    with pytest.raises(ValueError) as new:
        make_view(make_edge_table(G), None, "trust", False, frozenset())
    with pytest.raises(ValueError) as old:
        reference_view(G, None, "trust", False, frozenset())
    assert str(new.value) == str(old.value)
    assert "'b' -> 'c' (knows)" in str(new.value)


def test_a_negative_weight_is_refused_after_good_ones() -> None:
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key="knows", trust=2.0)
    G.add_edge("b", "c", key="knows", trust=-1)
    with pytest.raises(ValueError, match="positive numbers"):
        make_view(make_edge_table(G), None, "trust", False, frozenset())


@st.composite
def graphs(draw: st.DrawFn) -> nx.Graph:
    multi = draw(st.booleans())
    directed = draw(st.booleans())
    cls = {
        (True, True): nx.MultiDiGraph,
        (True, False): nx.MultiGraph,
        (False, True): nx.DiGraph,
        (False, False): nx.Graph,
    }[(multi, directed)]
    G = cls()
    n = draw(st.integers(1, 8))
    G.add_nodes_from(draw(st.permutations(list(range(n)))))
    for _ in range(draw(st.integers(0, 20))):
        u, v = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
        rel = draw(st.sampled_from(RELS))
        attrs = {"trust": draw(st.one_of(st.none(), st.integers(1, 5), st.floats(0.5, 5)))}
        if draw(st.booleans()):
            attrs["relation"] = draw(st.sampled_from(RELS))
        if multi:
            G.add_edge(u, v, key=rel, **attrs)
        else:
            G.add_edge(u, v, **{"relation": rel, **attrs})
    return G


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    graphs(),
    st.sampled_from([None, ("knows",), ("knows", "meets")]),
    st.sampled_from([None, "trust"]),
    st.booleans(),
    st.sampled_from([frozenset(), frozenset({"knows"}), frozenset(RELS)]),
)
def test_views_equal_the_edge_by_edge_walk(G, relations, weight, directed, symmetric) -> None:
    symmetric = symmetric if directed else frozenset()
    assert_same(
        make_view(make_edge_table(G), relations, weight, directed, symmetric),
        reference_view(G, relations, weight, directed, symmetric),
    )
