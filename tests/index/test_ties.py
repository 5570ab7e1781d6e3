"""Tests for the array views in sociale_kaart.index.ties (the ``ties`` facet)."""

from __future__ import annotations

import gc
import weakref

import numpy as np
import pytest

import sociale_kaart as sk
from sociale_kaart.index import get_index
from sociale_kaart.index import ties as _fast


def test_view_is_cached_and_invalidated_by_edits():
    G = sk.load_sample()
    view = _fast.tie_view(G)
    assert _fast.tie_view(G) is view
    assert _fast.tie_view(G, relations="knows") is not view
    G.add_edge("r_samira", "r_henk", key="knows", relation="knows")
    fresh = _fast.tie_view(G)
    assert fresh is not view
    assert fresh.m == view.m + 1


def test_clear_cache_after_editing_a_weight():
    G = sk.load_sample()
    u, v = "r_duo_a", "r_duo_b"
    before = sk.centrality(G, weight="trust", measures="degree").loc[u, "degree"]
    G.edges[u, v, "knows"]["trust"] = 1  # same counts: the cache cannot see it
    assert sk.centrality(G, weight="trust", measures="degree").loc[u, "degree"] == before
    sk.clear_cache(G)
    after = sk.centrality(G, weight="trust", measures="degree").loc[u, "degree"]
    assert after == pytest.approx(before - 3 / (len(G) - 1))


def test_cache_does_not_keep_graphs_alive():
    G = sk.datasets.synthetic(50, seed=1)
    view = _fast.tie_view(G)
    assert get_index(G).ties() is view
    alive = weakref.ref(G)
    del G
    gc.collect()
    assert alive() is None


def test_parallel_edges_collapse_to_the_strongest():
    G = sk.load_sample()
    view = _fast.tie_view(G, weight="trust")
    pairs = set(zip(view.src.tolist(), view.dst.tolist(), strict=True))
    assert len(pairs) == view.m
    assert np.all(view.src < view.dst)
    assert view.igraph().ecount() == view.m
    sk.clear_cache()
    assert _fast.tie_view(G, weight="trust") is not view


def test_clear_cache_forgets_the_referral_index_too() -> None:
    from sociale_kaart.index.moves import moves_index

    G = sk.load_sample()
    sk.suggest_referrals(G, "r_samira", top=1)
    moves = moves_index(G)
    assert get_index(G).builds["moves"] == 1
    sk.clear_cache(G)
    assert moves_index(G) is not moves
