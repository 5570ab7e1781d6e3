"""Directory-only maps (issue 11): gaps and coverage say plainly that there are no residents."""

import warnings

import pytest

import sociale_kaart as sk


def _without_residents():
    G = sk.load_sample()
    return G.subgraph([n for n, k in G.nodes(data="kind") if k != "resident"]).copy()


def test_find_gaps_warns_on_map_without_residents_in_dutch():
    with pytest.warns(UserWarning, match="geen bewoners"):
        sk.find_gaps(_without_residents(), language="nl")


def test_coverage_warns_on_map_without_residents():
    with pytest.warns(UserWarning, match="no residents"):
        sk.coverage(_without_residents())


def test_map_with_residents_does_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sk.find_gaps(sk.load_sample())
