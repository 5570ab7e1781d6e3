"""PARTNER scores on a hand-computed case, a star, and the survey sample."""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import pytest

import sociale_kaart as sk


def rated(source, target, trust=None, value=None, intensity=None):
    row = {"source": source, "target": target, "relation": "knows", "intensity": intensity}
    if trust is not None:
        row.update(trust=trust, trust_reliable=trust, trust_mission=trust, trust_open=trust)
    if value is not None:
        row.update(value=value, value_power=value, value_involvement=value, value_resources=value)
    return row


def hand_map():
    prof = pd.DataFrame({"id": ["a", "b", "c", "d"]})
    rel = pd.DataFrame(
        [
            rated("a", "b", 4, 2, "integration"),
            rated("c", "b", 2, 4, "cooperation"),
            rated("b", "a", 3, 3),
            rated("a", "c", intensity="awareness"),
        ]
    )
    return sk.from_frames(professionals=prof, relations=rel)


def test_hand_computed_case():
    scores = sk.partner_scores(hand_map())
    m = scores.members
    # b is rated by a (trust 4, value 2) and c (trust 2, value 4)
    assert m.loc["b", "trust"] == 3 and m.loc["b", "value"] == 3 and m.loc["b", "ratings"] == 2
    assert m.loc["b", "trust_open"] == 3 and m.loc["b", "value_power"] == 3
    assert m.loc["a", "trust"] == 3 and m.loc["a", "ratings"] == 1
    assert math.isnan(m.loc["c", "trust"]) and m.loc["c", "ratings"] == 0  # a -> c is unrated
    assert m["degree"].tolist() == [2, 2, 2, 0]
    assert m.loc["a", ["share_awareness", "share_integration"]].tolist() == [0.5, 0.5]
    assert m.loc["b", ["share_cooperation", "share_integration"]].tolist() == [0.5, 0.5]
    assert math.isnan(m.loc["d", "share_awareness"])
    net = scores.network
    assert net["trust"] == 3 and net["value"] == 3  # (4 + 2 + 3) / 3
    assert net["ties"] == 4 and net["partnerships"] == 3 and net["members"] == 4
    assert net["density"] == 0.5  # 3 of 6 pairs
    assert net["degree_centralisation"] == pytest.approx(1 / 3)  # (0 + 0 + 0 + 2) / (3 * 2)
    shares = [net[f"share_{i}"] for i in sk.core.vocabulary.INTENSITIES]
    assert shares == pytest.approx([1 / 3, 1 / 3, 0, 1 / 3])


def test_star_is_fully_centralised_and_nodes_restrict():
    prof = pd.DataFrame({"id": ["h", "s1", "s2", "s3"]})
    rel = pd.DataFrame([rated("h", s, 3) for s in ("s1", "s2", "s3")])
    G = sk.from_frames(professionals=prof, relations=rel)
    assert sk.partner_scores(G).network["degree_centralisation"] == 1.0
    sub = sk.partner_scores(G, nodes=["s1", "s2", "s3"])
    assert sub.network["partnerships"] == 0 and sub.network["degree_centralisation"] == 0
    with pytest.raises(sk.NodeNotFoundError):
        sk.partner_scores(G, nodes=["h", "nobody"])


def test_density_and_centralisation_agree_with_networkx():
    G = sk.datasets.load_survey(wave=2)
    scores = sk.partner_scores(G)
    H = nx.Graph(nx.DiGraph(G).to_undirected())
    assert scores.network["density"] == pytest.approx(nx.density(H))
    degrees = dict(H.degree())
    assert scores.members["degree"].to_dict() == degrees
    n, top = len(H), max(degrees.values())
    freeman = sum(top - d for d in degrees.values()) / ((n - 1) * (n - 2))
    assert scores.network["degree_centralisation"] == pytest.approx(freeman)


def test_member_trust_is_mean_of_received_ratings_on_sample():
    G = sk.datasets.load_survey(wave=1)
    m = sk.partner_scores(G).members
    incoming = [
        d["trust"] for _, _, d in G.in_edges("m07", data=True) if d.get("trust") is not None
    ]
    assert m.loc["m07", "trust"] == pytest.approx(sum(incoming) / len(incoming))
    assert G.graph["survey"]["missing"] == "symmetrise"
