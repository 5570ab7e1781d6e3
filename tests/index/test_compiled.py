"""Tests for the compiled map index (sociale_kaart.index.compiled): one cache, one rule."""

from __future__ import annotations

import copy
import datetime as dt
import gc
import pickle
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sociale_kaart as sk
from sociale_kaart.index import MapIndex, get_index
from sociale_kaart.index.compiled import CACHE_KEY

DAY = dt.date(2026, 11, 21)
N_OTHERS = 293  # the sample has 294 nodes: degree centrality divides by 293


def _answers(G: nx.MultiDiGraph) -> dict[str, Any]:
    """The three analyses of the stale-cache scene, each through another facet."""
    return {
        "centrality": sk.centrality(G, measures=["degree", "betweenness"]),
        "referrals": sk.suggest_referrals(G, "r_henk", today=DAY),
        "gaps": sk.find_gaps(G, today=DAY),
    }


def _assert_same(got: dict[str, Any], want: dict[str, Any]) -> None:
    pd.testing.assert_frame_equal(got["centrality"], want["centrality"])
    pd.testing.assert_frame_equal(got["referrals"], want["referrals"])
    pd.testing.assert_frame_equal(got["gaps"], want["gaps"])


def _fresh(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The same map rebuilt from scratch: through the frames and the builder (journal included)."""
    H = sk.from_frames(**sk.to_frames(G))
    assert (H.graph.get("referrals") is None) == (G.graph.get("referrals") is None)
    return H


# ----------------------------------------------------------------------------- the scene


def test_swapping_one_tie_for_another_with_equal_counts_is_seen() -> None:
    G = sk.load_sample()
    before = _answers(G)  # every facet is built and kept
    nodes, edges = G.number_of_nodes(), G.number_of_edges()
    G.remove_edge("r_oudste", "r_194", key="knows")
    G.add_edge("r_henk", "r_samira", key="knows", relation="knows", trust=3)
    assert (G.number_of_nodes(), G.number_of_edges()) == (nodes, edges)

    after = _answers(G)
    # Henk has one tie more: 5 of the 293 others instead of 4.
    assert before["centrality"].loc["r_henk", "degree"] == pytest.approx(4 / N_OTHERS)
    assert after["centrality"].loc["r_henk", "degree"] == pytest.approx(5 / N_OTHERS)
    assert after["centrality"].loc["r_henk", "degree"] == pytest.approx(0.01706, abs=1e-5)
    # Samira's friend r_027 is now in Henk's own network, two steps away.
    assert "r_027" not in set(before["referrals"]["target"])
    via_samira = after["referrals"].set_index("target").loc["r_027", "path"]
    assert via_samira == ["r_henk", "r_samira", "r_027"]
    # r_194 lost its only tie: a new isolation gap.
    isolated = after["gaps"].query("gap_type == 'isolation'")["nodes"].map(tuple)
    assert ("r_194",) in set(isolated)
    assert ("r_194",) not in set(
        before["gaps"].query("gap_type == 'isolation'")["nodes"].map(tuple)
    )
    # And each answer is the one a map built from scratch gives.
    _assert_same(after, _answers(_fresh(G)))


def test_an_attribute_edited_in_place_needs_clear_cache() -> None:
    G = sk.load_sample()
    trust = sk.centrality(G, weight="trust", measures="degree")
    referrals = sk.suggest_referrals(G, "r_duo_a", today=DAY)
    gaps = sk.find_gaps(G, today=DAY)

    # Edits in place go around networkx: the cache cannot see them.
    G.edges["r_duo_a", "r_duo_b", "knows"]["trust"] = 1
    # Without clear_cache the analyses answer for the map before the edit:
    # the weighted degree and the referral costs still use trust 4.
    stale = sk.centrality(G, weight="trust", measures="degree")
    pd.testing.assert_frame_equal(stale, trust)
    pd.testing.assert_frame_equal(sk.suggest_referrals(G, "r_duo_a", today=DAY), referrals)
    # Some fields are read from the node itself, others from the index, so
    # after more edits an answer may even mix the old map and the new.
    G.nodes["i_opvoedcafe"]["capacity"] = 0  # full: a coverage gap the index cannot see
    pd.testing.assert_frame_equal(sk.find_gaps(G, today=DAY), gaps)
    fresh = _fresh(G)

    # The documented rule: sk.clear_cache(G) after editing in place.
    sk.clear_cache(G)
    now = sk.centrality(G, weight="trust", measures="degree")
    pd.testing.assert_frame_equal(now, sk.centrality(fresh, weight="trust", measures="degree"))
    assert now.loc["r_duo_a", "degree"] == pytest.approx(
        trust.loc["r_duo_a", "degree"] - 3 / N_OTHERS
    )
    got = sk.suggest_referrals(G, "r_duo_a", today=DAY)
    pd.testing.assert_frame_equal(got, sk.suggest_referrals(fresh, "r_duo_a", today=DAY))
    assert not got.equals(referrals)
    got_gaps = sk.find_gaps(G, today=DAY)
    pd.testing.assert_frame_equal(got_gaps, sk.find_gaps(fresh, today=DAY))
    assert not got_gaps.equals(gaps)


def test_validate_clears_the_cache_too() -> None:
    G = sk.load_sample()
    before = sk.centrality(G, weight="trust", measures="degree")
    G.edges["r_duo_a", "r_duo_b", "knows"]["trust"] = 1
    sk.validate(G)  # what a user calls after hand edits
    after = sk.centrality(G, weight="trust", measures="degree")
    assert after.loc["r_duo_a", "degree"] == pytest.approx(
        before.loc["r_duo_a", "degree"] - 3 / N_OTHERS
    )


# ----------------------------------------------------------------------------- builds


def test_one_report_builds_each_facet_once(tmp_path: Path) -> None:
    G = sk.load_sample()
    sk.report(G, tmp_path / "wijk.html", today=DAY)
    builds = get_index(G).builds
    assert dict(builds) == {
        "lookups": 1,  # coverage, find_gaps and meeting_audit share it
        "edges": 1,  # one walk over the edges for every tie view
        "moves": 1,  # every example referral searches the same moves
        "ties(relations=all, weight=None, undirected)": 1,  # centrality, the map
        "ties(relations=all, weight=None, directed, symmetric=knows+meets+partners)": 1,
        # the connectors of "Kansen": brokerage among residents on knows ties (issue 14)
        "ties(relations=knows, weight=None, directed, symmetric=knows+meets+partners)": 1,
    }
    # A second report reuses everything.
    snapshot = dict(builds)
    sk.report(G, tmp_path / "again.html", today=DAY)
    assert get_index(G).builds == snapshot
    # The public report runs only the aggregate gap analyses, and counts the connectors.
    H = sk.load_sample()
    sk.report(H, tmp_path / "public.html", today=DAY, audience="public")
    assert dict(get_index(H).builds) == {
        "lookups": 1,
        "edges": 1,
        "ties(relations=knows, weight=None, directed, symmetric=knows+meets+partners)": 1,
    }


def test_facets_are_built_lazily_and_once() -> None:
    G = sk.load_sample()
    index = get_index(G)
    assert index.builds == {}
    sk.find_gaps(G, today=DAY)
    sk.coverage(G, today=DAY)
    sk.meeting_audit(G)  # judged on the real today: the look-ups are shared all the same
    assert dict(index.builds) == {"edges": 1, "lookups": 1}  # the look-ups read the edge table
    assert index.lookups(today=DAY) is index.lookups(today=DAY)
    later = index.lookups(today=dt.date(2030, 1, 1))
    assert later.today == dt.date(2030, 1, 1)
    assert later.supporters is index.lookups(today=DAY).supporters
    sk.suggest_referrals(G, "r_henk", today=DAY)
    sk.suggest_referrals(G, "r_samira", today=DAY)
    assert index.builds["moves"] == 1
    sk.centrality(G, measures="degree")
    sk.centrality(G, measures="degree", relations="knows")
    sk.centrality(G, measures="degree", relations=["knows"])
    assert index.builds["ties(relations=knows, weight=None, undirected)"] == 1
    assert index.builds["edges"] == 1  # both tie views start from one walk over the edges
    assert index.builds.total() == 5
    assert get_index(G) is index


# ----------------------------------------------------------------------------- the rule


def _small() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_edge(1, 2, key="knows", w=1)
    G.add_edge(2, 3, key="knows")
    G.add_node(9)
    return G


MUTATIONS: dict[str, Callable[[nx.MultiDiGraph], Any]] = {
    "add_node": lambda G: G.add_node(5),
    "add_node on an existing node": lambda G: G.add_node(1, a=1),
    "add_nodes_from": lambda G: G.add_nodes_from([7]),
    "remove_node": lambda G: G.remove_node(9),
    "remove_nodes_from": lambda G: G.remove_nodes_from([9]),
    "add_edge": lambda G: G.add_edge(3, 1, key="knows"),
    "add_edge on an existing edge": lambda G: G.add_edge(1, 2, key="knows", w=5),
    "add_edges_from": lambda G: G.add_edges_from([(3, 1)]),
    "add_weighted_edges_from": lambda G: G.add_weighted_edges_from([(3, 1, 2.0)]),
    "remove_edge": lambda G: G.remove_edge(1, 2, key="knows"),
    "remove_edges_from": lambda G: G.remove_edges_from([(1, 2, "knows")]),
    "update": lambda G: G.update(edges=[(3, 4)]),
    "clear": lambda G: G.clear(),
    "clear_edges": lambda G: G.clear_edges(),
    "set_node_attributes": lambda G: nx.set_node_attributes(G, {1: 5}, "a"),
    "set_edge_attributes": lambda G: nx.set_edge_attributes(G, {(1, 2, "knows"): 5}, "w"),
    "relabel_nodes(copy=False)": lambda G: nx.relabel_nodes(G, {9: 10}, copy=False),
}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_every_networkx_mutation_renews_the_index(name: str) -> None:
    # The list in the sociale_kaart.index docstring, checked on the installed networkx.
    G = _small()
    index = get_index(G)
    index.ties()
    MUTATIONS[name](G)
    assert get_index(G) is not index


def test_in_place_edits_keep_the_index() -> None:
    G = _small()
    index = get_index(G)
    G.nodes[1]["a"] = 1
    G.edges[1, 2, "knows"]["w"] = 3
    G.graph["name"] = "x"
    assert get_index(G) is index  # as documented: call clear_cache
    sk.clear_cache(G)
    assert get_index(G) is not index


def test_clear_cache_without_a_graph_forgets_every_graph() -> None:
    G, H = _small(), _small()
    gi, hi = get_index(G), get_index(H)
    sk.clear_cache()
    assert get_index(G) is not gi
    assert get_index(H) is not hi


def test_a_view_notices_changes_to_the_graph_under_it() -> None:
    G = sk.load_sample()
    view = G.subgraph([n for n in G if n != "r_spil"])
    first = sk.centrality(view, measures="degree")
    assert sk.centrality(view, measures="degree") is not first  # a new frame...
    index = get_index(view)
    assert get_index(view) is index  # ...from the same index
    G.remove_edge("r_henk", "r_082", key="knows")  # changes the view's ties too
    assert get_index(view) is not index
    pd.testing.assert_frame_equal(
        sk.centrality(view, measures="degree"),
        sk.centrality(nx.MultiDiGraph(view), measures="degree"),
    )
    assert (
        sk.centrality(view, measures="degree").loc["r_henk", "degree"]
        < (first.loc["r_henk", "degree"])
    )
    index = get_index(view)
    sk.clear_cache(G)  # forgetting a graph forgets its views
    assert get_index(view) is not index


def test_copies_and_pickles_start_without_an_index() -> None:
    G = sk.load_sample()
    index = get_index(G)
    index.ties()
    for other in (G.copy(), copy.deepcopy(G), pickle.loads(pickle.dumps(G))):
        got = get_index(other)
        assert got is not index
        assert got.builds == {}
        assert got.ties().n == len(G)
    assert not isinstance(G.copy().__networkx_cache__.get(CACHE_KEY), MapIndex)


def test_a_graph_without_a_networkx_cache_is_never_cached() -> None:
    G = sk.load_sample()
    G.__networkx_cache__ = None
    first = get_index(G)
    assert not first.cached
    assert get_index(G) is not first
    before = sk.centrality(G, measures="degree").loc["r_henk", "degree"]
    G.remove_edge("r_oudste", "r_194", key="knows")
    G.add_edge("r_henk", "r_samira", key="knows", relation="knows")
    after = sk.centrality(G, measures="degree").loc["r_henk", "degree"]
    assert (before, after) == (pytest.approx(4 / N_OTHERS), pytest.approx(5 / N_OTHERS))


def test_the_index_does_not_keep_its_graph_alive() -> None:
    G = sk.datasets.synthetic(50, seed=1)
    sk.centrality(G, measures="degree")
    sk.find_gaps(G, today=DAY)
    sk.suggest_referrals(G, next(n for n, k in G.nodes(data="kind") if k == "resident"))
    index = get_index(G)
    alive = weakref.ref(G)
    del G
    gc.collect()
    assert alive() is None
    with pytest.raises(RuntimeError, match="no longer exists"):
        index.graph


# ----------------------------------------------------------------------------- property

_BASE = sk.datasets.synthetic(30, seed=3)
_RELATIONS = ("knows", "supports", "meets", "knows_of", "refers")

_INDEX = st.integers(0, 10**6)
edit = st.one_of(
    st.tuples(st.just("add_edge"), _INDEX, _INDEX, st.sampled_from(_RELATIONS)),
    st.tuples(st.just("remove_edge"), _INDEX, _INDEX, st.just("")),
    st.tuples(st.just("swap_edge"), _INDEX, _INDEX, st.sampled_from(_RELATIONS)),
    st.tuples(st.just("add_node"), _INDEX, _INDEX, st.sampled_from(_RELATIONS)),
    st.tuples(st.just("remove_node"), _INDEX, _INDEX, st.just("")),
)


def _apply(G: nx.MultiDiGraph, step: tuple[str, int, int, str], i: int) -> None:
    action, a, b, relation = step
    nodes = list(G)
    if action in ("remove_edge", "swap_edge") and G.number_of_edges():
        edges = list(G.edges(keys=True))
        G.remove_edge(*edges[a % len(edges)])
    if action in ("add_edge", "swap_edge") and len(nodes) >= 2:
        u, v = nodes[a % len(nodes)], nodes[b % len(nodes)]
        if u != v:
            G.add_edge(u, v, key=relation, relation=relation, trust=1 + b % 4)
    elif action == "add_node":
        new = f"r_new{i}"
        G.add_node(new, kind="resident", name=new)
        if nodes:
            G.add_edge(new, nodes[a % len(nodes)], key=relation, relation=relation)
    elif action == "remove_node" and len(nodes) > 2:
        G.remove_node(nodes[a % len(nodes)])


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(edit, min_size=1, max_size=3), min_size=1, max_size=5))
def test_centrality_after_random_edits_equals_a_copy_from_scratch(
    batches: list[list[tuple[str, int, int, str]]],
) -> None:
    # Batches of edits between analyses, so that a batch can keep the counts
    # (a swapped edge, a node removed and another added) as in the stale scene.
    G = _BASE.copy()
    measures = ["degree", "betweenness", "closeness"]
    sk.centrality(G, measures=measures)  # warm the index before editing
    sk.centrality(G, measures="degree", weight="trust")
    i = 0
    for batch in batches:
        for step in batch:
            _apply(G, step, i)
            i += 1
        fresh = G.copy()
        got = sk.centrality(G, measures=measures)
        pd.testing.assert_frame_equal(got, sk.centrality(fresh, measures=measures))
        weighted = sk.centrality(G, measures="degree", weight="trust")
        pd.testing.assert_frame_equal(
            weighted, sk.centrality(fresh, measures="degree", weight="trust")
        )


# ----------------------------------------------------------------------------- layer


def test_the_index_layer_imports_only_core_and_itself() -> None:
    # The index holds data; the algorithms that read it sit above it.
    import ast

    import sociale_kaart.index

    folder = Path(sociale_kaart.index.__file__).parent
    allowed = ("sociale_kaart.core", "sociale_kaart.index")
    upward = []
    for path in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            for name in names:
                if name.startswith("sociale_kaart") and not name.startswith(allowed):
                    upward.append(f"{path.name}: {name}")
    assert upward == []
