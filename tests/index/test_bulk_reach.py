"""The bulk look-ups behind the vectorised gap detectors, against straightforward references.

``GapIndex.reached_needs`` (every resident's reachable themes in one search per
neighbourhood, over bit sets) must give what a plain breadth-first search with
networkx gives, resident by resident; and ``GapIndex.rule_patterns`` (one
eligibility row per resident pattern) what ``GapIndex.eligible`` says pair by
pair (issue 16, item 6).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings

import sociale_kaart as sk
from sociale_kaart.core.vocabulary import OFFER_KINDS
from sociale_kaart.index.lookups import GapIndex, _pack
from sociale_kaart.testing import maps

TODAY = dt.date(2026, 11, 21)


def _reached_by_networkx(ix: GapIndex, resident: Hashable, max_hops: int) -> set[str]:
    """Themes of the offers known within ``max_hops - 1`` people steps that may be used."""
    people = nx.Graph()
    people.add_node(resident)
    people.add_edges_from((a, b) for a, others in ix.people.items() for b in others)
    near = nx.single_source_shortest_path_length(people, resident, cutoff=max(0, max_hops - 1))
    themes: set[str] = set()
    for person in near:
        for offer in ix.aware.get(person, ()):
            if ix.kind[offer] in OFFER_KINDS and ix.eligible(resident, offer):
                themes.update(ix.attrs[offer].get("themes") or ())
    return themes


def _check_reach(ix: GapIndex, max_hops: int) -> int:
    themes, reached = ix.reached_needs(max_hops=max_hops)
    assert reached.shape == (len(ix.residents()), len(themes))
    hits = 0
    for r in ix.residents():
        got = {th for th, hit in zip(themes, reached[ix.position[r]].tolist(), strict=True) if hit}
        assert got == _reached_by_networkx(ix, r, max_hops), (r, max_hops)
        # and the resident-by-resident search of the index agrees
        assert got == set(ix.reachable_needs(r, max_hops=max_hops, themes=themes)), r
        hits += len(got)
    return hits


@pytest.mark.parametrize(("n", "seed"), [(250, 1), (400, 6), (600, 11)])
def test_bulk_reach_matches_networkx_on_synthetic_maps(n: int, seed: int) -> None:
    ix = GapIndex(sk.datasets.synthetic(n, seed=seed), today=TODAY)
    found = [_check_reach(ix, hops) for hops in (1, 2, 3, 4)]
    assert found[0] < found[1] <= found[2] <= found[3]  # more hops reach more themes


def test_bulk_reach_of_the_sample() -> None:
    ix = GapIndex(sk.load_sample(), today=TODAY)
    assert _check_reach(ix, 3) > 0
    assert _check_reach(ix, 1) >= 0


@settings(max_examples=60, deadline=None)
@given(maps(max_nodes=14, max_relations=16))
def test_bulk_reach_on_random_maps(G: nx.MultiDiGraph) -> None:
    ix = GapIndex(G, today=TODAY)
    for hops in (1, 2, 3):
        _check_reach(ix, hops)


@settings(max_examples=40, deadline=None)
@given(maps(max_nodes=14, max_relations=10))
def test_rule_patterns_agree_with_eligible_on_random_maps(G: nx.MultiDiGraph) -> None:
    ix = GapIndex(G, today=TODAY)
    pat = ix.rule_patterns()
    for r in ix.residents():
        row = pat.table[pat.of_resident[ix.position[r]]]
        bits = pat.rule_bits[pat.of_resident[ix.position[r]]]
        for o in ix.offers:
            rule = pat.rule_id[ix.rule[o]]
            assert bool(row[rule]) is ix.eligible(r, o), (r, o)
            assert bool(bits >> rule & 1) is ix.eligible(r, o), (r, o)


def test_rule_patterns_of_a_synthetic_map_on_two_days() -> None:
    G = sk.datasets.synthetic(400, seed=3)
    for today in (TODAY, dt.date(2045, 1, 1)):
        ix = GapIndex(G, today=today)
        pat = ix.rule_patterns()
        assert len(pat.table) < len(ix.residents())  # residents share patterns
        for r in ix.residents():
            row = pat.table[pat.of_resident[ix.position[r]]]
            for o in ix.offers:
                assert bool(row[pat.rule_id[ix.rule[o]]]) is ix.eligible(r, o), (r, o, today)


def test_pack_puts_column_c_in_bit_c_mod_64_of_word_c_div_64() -> None:
    flags = np.zeros((2, 130), dtype=bool)
    flags[0, [0, 63, 64, 129]] = True
    packed = _pack(flags, 3)
    assert packed.dtype == np.uint64
    assert packed[0].tolist() == [1 | 1 << 63, 1, 1 << 1]
    assert packed[1].tolist() == [0, 0, 0]
