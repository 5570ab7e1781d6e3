"""summary(G): counts per neighbourhood, and once=True, whose rows add up (issue 14)."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pandas as pd
from hypothesis import given

import sociale_kaart as sk
from sociale_kaart.testing import maps


def _map() -> nx.MultiDiGraph:
    """Three residents in two buurten, a professional in both, one in Noord only."""

    def frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
        return pd.DataFrame(rows)

    return sk.from_frames(
        residents=frame(
            [
                {"id": "r1", "neighbourhood": "Noord"},
                {"id": "r2", "neighbourhood": "Noord"},
                {"id": "r3", "neighbourhood": "Zuid"},
            ]
        ),
        professionals=frame(
            [
                {"id": "p_both", "neighbourhoods": "Noord;Zuid"},
                {"id": "p_noord", "neighbourhoods": "Noord"},
            ]
        ),
        relations=frame(
            [
                {"source": "p_both", "target": "r1", "relation": "supports"},
                {"source": "p_both", "target": "r3", "relation": "supports"},
                {"source": "p_noord", "target": "r2", "relation": "supports"},
                {"source": "r1", "target": "r3", "relation": "knows"},  # Noord to Zuid
                {"source": "p_both", "target": "p_noord", "relation": "knows"},
            ]
        ),
    )


def test_default_counts_a_professional_in_each_of_their_neighbourhoods() -> None:
    out = sk.summary(_map())
    assert out.index.tolist() == ["Noord", "Zuid", "total"]
    assert out["professionals"].tolist() == [2, 1, 2]  # Noord 2 + Zuid 1 = 3 > 2
    assert out["supports"].tolist() == [3, 2, 3]  # p_both's two ties count in both rows
    assert out["knows"].tolist() == [2, 1, 2]


def test_once_counts_everything_once_so_the_rows_add_up() -> None:
    out = sk.summary(_map(), once=True)
    assert out.index.tolist() == ["Noord", "Zuid", "(several)", "total"]
    assert out["professionals"].tolist() == [1, 0, 1, 2]
    assert out["residents"].tolist() == [2, 1, 0, 3]
    # p_noord's tie in Noord; p_both's two in "(several)"
    assert out["supports"].tolist() == [1, 0, 2, 3]
    # r1 -> r3 counts in the source's buurt (Noord); p_both -> p_noord in "(several)"
    assert out["knows"].tolist() == [1, 0, 1, 2]
    rows = out.drop(index="total")
    assert (rows.sum() == out.loc["total"]).all()


def test_once_does_not_change_a_map_with_one_neighbourhood_per_node() -> None:
    G = _map()
    G.nodes["p_both"]["neighbourhoods"] = ["Zuid"]
    pd.testing.assert_frame_equal(sk.summary(G), sk.summary(G, once=True))


def test_once_puts_several_before_none_and_keeps_the_input() -> None:
    G = _map()
    G.add_node("o1", kind="organisation", name="Welzijn")  # no neighbourhood
    before = nx.to_dict_of_dicts(G)
    out = sk.summary(G, once=True)
    assert out.index.tolist()[-3:] == ["(several)", "(none)", "total"]
    assert nx.to_dict_of_dicts(G) == before


@given(maps(max_nodes=10, max_relations=15))
def test_property_once_rows_add_up_to_the_total_and_totals_agree(G: nx.MultiDiGraph) -> None:
    once = sk.summary(G, once=True)
    every = sk.summary(G)
    assert (once.drop(index="total").sum() == once.loc["total"]).all()
    assert (once.loc["total"] == every.loc["total"]).all()
    # counting in every neighbourhood never gives fewer than counting once
    assert (every.drop(index="total").sum() >= once.loc["total"]).all()
