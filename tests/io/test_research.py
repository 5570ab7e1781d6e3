"""Research formats: UCINET DL, Pajek .net/.clu and Kumu JSON, each written and read back."""

from __future__ import annotations

import json

import pytest

import sociale_kaart as sk
from sociale_kaart.core.records import MODELS
from sociale_kaart.testing import graphs_equal


@pytest.fixture(scope="module")
def survey():
    return sk.datasets.load_survey(wave=1)


def trust_ties(G):
    return {
        (u, v): float(d["trust"]) for u, v, d in G.edges(data=True) if d.get("trust") is not None
    }


@pytest.mark.parametrize("fmt", ["edgelist1", "fullmatrix"])
def test_ucinet_dl_round_trip(survey, tmp_path, fmt):
    path = sk.write_ucinet_dl(survey, tmp_path / f"trust_{fmt}.dl", format=fmt, weight="trust")
    D = sk.read_ucinet_dl(path)
    assert list(D) == list(survey)
    assert {(u, v): w for u, v, w in D.edges(data="weight")} == pytest.approx(trust_ties(survey))


def test_ucinet_dl_binary_and_by_relation(tmp_path):
    G = sk.load_sample()
    D = sk.read_ucinet_dl(sk.write_ucinet_dl(G, tmp_path / "knows.dl", relation="knows"))
    expected = {(u, v) for u, v, k in G.edges(keys=True) if k == "knows"}
    assert set(D.edges()) == expected
    assert all(w == 1 for *_, w in D.edges(data="weight"))


def test_reads_a_hand_written_dl_file(tmp_path):
    path = tmp_path / "hand.dl"
    path.write_text("DL N=3 FORMAT=EDGELIST1\nLABELS:\nann, bas, cor\nDATA:\nann bas 2\n3 1\n")
    D = sk.read_ucinet_dl(path)
    assert sorted(D.edges(data="weight")) == [("ann", "bas", 2.0), ("cor", "ann", 1.0)]
    path.write_text("dl n=2 format=fullmatrix\ndata:\n0 1\n0.5 0\n")
    assert sorted(sk.read_ucinet_dl(path).edges(data="weight")) == [
        ("1", "2", 1.0),
        ("2", "1", 0.5),
    ]
    path.write_text("dl n=2 format=nodelist1\ndata:\n1 2\n")
    with pytest.raises(ValueError, match="not read"):
        sk.read_ucinet_dl(path)


def test_dl_rejects_bad_options(survey, tmp_path):
    with pytest.raises(ValueError, match="not a DL format"):
        sk.write_ucinet_dl(survey, tmp_path / "x.dl", format="nodelist")


def test_pajek_round_trip_with_partitions(survey, tmp_path):
    net, team, background = sk.write_pajek(
        survey,
        tmp_path / "teams.net",
        weight="trust",
        partitions=["team", "x_background"],
        fields=["team", "x_background"],
    )
    D = sk.read_pajek(net)
    assert list(D) == list(survey)
    assert {(u, v): w for u, v, w in D.edges(data="weight")} == pytest.approx(trust_ties(survey))
    teams = sk.read_pajek_partition(team, net)
    assert teams == {v: survey.nodes[v]["team"] for v in survey}
    backgrounds = sk.read_pajek_partition(background, net)
    assert backgrounds == {v: survey.nodes[v]["extra"]["x_background"] for v in survey}
    numbers = sk.read_pajek_partition(team)  # without the .net: numbers
    assert numbers["1"] == "Noord"


def test_pajek_partitions_follow_the_whitelist(tmp_path):
    G = sk.load_sample()
    with pytest.raises(ValueError, match="not among the exported fields"):
        sk.write_pajek(G, tmp_path / "x.net", partitions=["gender"])  # sensitive
    with pytest.raises(ValueError, match="not among the exported fields"):
        sk.write_pajek(sk.datasets.load_survey(1), tmp_path / "y.net", partitions=["x_background"])
    net, kinds = sk.write_pajek(G, tmp_path / "kinds.net")
    assert set(sk.read_pajek_partition(kinds, net).values()) == set(sk.core.vocabulary.KINDS)
    # a partition on a field only some kinds have: the others get class 0, "no value"
    net, hood = sk.write_pajek(G, tmp_path / "h.net", partitions=["neighbourhood"])
    values = sk.read_pajek_partition(hood, net)
    assert values["r_samira"] == G.nodes["r_samira"]["neighbourhood"]
    assert values[next(v for v, d in G.nodes(data=True) if d["kind"] == "professional")] is None


def test_kumu_round_trip_is_lossless_with_all_fields(tmp_path):
    G = sk.load_sample()
    every = sorted({f for m in MODELS.values() for f in m.model_fields if f != "id"})
    H = sk.read_kumu(sk.write_kumu(G, tmp_path / "all.json", fields=every))
    H.graph["themes"] = G.graph["themes"]  # Kumu has no theme vocabulary
    assert graphs_equal(G, H)


def test_kumu_survey_round_trip_keeps_scores(survey, tmp_path):
    path = sk.write_kumu(survey, tmp_path / "survey.json", fields=["name", "team", "extra"])
    data = json.loads(path.read_text())
    first = data["connections"][0]
    assert {"from", "to", "type", "direction", "trust", "trust_reliable", "value"} <= set(first)
    assert first["direction"] == "mutual"
    H = sk.read_kumu(path)
    assert trust_ties(H) == trust_ties(survey)
    assert H.nodes["m01"]["extra"]["x_background"] == "welfare"


def test_kumu_leaves_sensitive_fields_out_by_default(tmp_path):
    G = sk.load_sample()
    data = json.loads(sk.write_kumu(G, tmp_path / "k.json").read_text())
    resident = next(e for e in data["elements"] if e["label"] == "r_samira")
    assert not {"name", "birth_year", "needs", "lat", "lon", "postcode"} & set(resident)
    organisation = next(e for e in data["elements"] if e["type"] == "organisation")
    assert "name" in organisation
