"""Static figures, checked by what they draw (collections, offsets, colours, labels, legend)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

import sociale_kaart as sk
from sociale_kaart.pictures.layout import (
    SHARED,
    coordinate_layout,
    group_of,
    neighbourhood_layout,
)
from sociale_kaart.pictures.style import KIND_COLORS


@pytest.fixture(autouse=True)
def _close() -> Iterator[None]:
    yield
    plt.close("all")


def _by_gid(ax: Any) -> dict[str, Any]:
    return {c.get_gid(): c for c in ax.collections if c.get_gid()}


# ----------------------------------------------------------------------------- plot_map


def test_plot_map_draws_every_node_in_its_kind_colour(tiny: nx.MultiDiGraph) -> None:
    ax = sk.plot_map(tiny, layout="neighbourhood", language="en")
    colls = _by_gid(ax)
    counts = {gid: len(c.get_offsets()) for gid, c in colls.items() if gid.startswith("nodes:")}
    assert counts == {
        "nodes:resident": 2,
        "nodes:professional": 1,
        "nodes:initiative": 1,
        "nodes:organisation": 1,
        "nodes:place": 1,
    }
    for kind, colour in KIND_COLORS.items():
        face = colls[f"nodes:{kind}"].get_facecolor()[0]
        assert to_hex(face) == colour.lower()
    # 5 ties between distinct pairs: p1-r1, p1-r2, r1-i1, r1-r2, p1-i1, plus implied
    # works_for p1-o1, runs o1-i1, located_at i1-pl1
    assert len(colls["edges"].get_segments()) == 8
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Residents", "Professionals", "Initiatives", "Organisations", "Places"]


def test_plot_map_labels_the_largest_but_not_residents(tiny: nx.MultiDiGraph) -> None:
    # "auto": the nodes with a label text, the largest first (at most 15): residents have none
    ax = sk.plot_map(tiny, layout="neighbourhood")
    labels = {t.get_text() for t in ax.texts}
    assert labels == {"Koffieochtend", "Welzijn", "Pia Werker", "Buurthuis"}
    ax = sk.plot_map(tiny, layout="neighbourhood", labels=True, show=["name"])
    assert "Anna Secret" in {t.get_text() for t in ax.texts}


def test_plot_map_highlight_and_dutch_legend(tiny: nx.MultiDiGraph) -> None:
    row = {"path": ["r1", "p1", "i1"]}
    ax = sk.plot_map(tiny, highlight=row, layout="neighbourhood", language="nl")
    colls = _by_gid(ax)
    assert len(colls["highlight-edges"].get_segments()) == 2
    assert len(colls["highlight"].get_offsets()) == 3
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[0] == "Bewoners" and legend[-1] == "gemarkeerd"


def test_plot_map_uses_given_axes_and_has_no_side_effects(
    tiny: nx.MultiDiGraph, tmp_path: Any
) -> None:
    _fig, ax = plt.subplots()
    before = plt.get_fignums()
    out = sk.plot_map(tiny, ax=ax)
    assert out is ax and plt.get_fignums() == before
    assert list(tmp_path.iterdir()) == []


def test_plot_map_seed_makes_the_layout_repeatable(sample: nx.MultiDiGraph) -> None:
    a = sk.plot_map(sample, layout="neighbourhood", seed=3)
    b = sk.plot_map(sample, layout="neighbourhood", seed=3)
    c = sk.plot_map(sample, layout="neighbourhood", seed=4)
    off = [_by_gid(x)["nodes:resident"].get_offsets() for x in (a, b, c)]
    assert np.array_equal(off[0], off[1]) and not np.array_equal(off[0], off[2])


def test_plot_map_errors(tiny: nx.MultiDiGraph) -> None:
    with pytest.raises(sk.NodeNotFoundError):
        sk.plot_map(tiny, nodes=["nobody"])
    with pytest.raises(ValueError, match="layout"):
        sk.plot_map(tiny, layout="circle")
    with pytest.raises(ValueError, match="language"):
        sk.plot_map(tiny, language="de")


def test_plot_map_of_the_sample_draws_all_294_nodes(sample: nx.MultiDiGraph) -> None:
    ax = sk.plot_map(sample)
    total = sum(len(c.get_offsets()) for g, c in _by_gid(ax).items() if g.startswith("nodes:"))
    assert total == sample.number_of_nodes() == 294


# ----------------------------------------------------------------------------- layouts


def test_neighbourhood_layout_groups_discs(sample: nx.MultiDiGraph) -> None:
    pos = neighbourhood_layout(sample, seed=0)
    centres = {}
    for g in {group_of(a) for _, a in sample.nodes(data=True)}:
        pts = np.array([pos[n] for n, a in sample.nodes(data=True) if group_of(a) == g])
        centres[g] = pts.mean(axis=0)
    assert np.allclose(centres[SHARED], 0, atol=1.0)  # wijk-wide nodes in the middle
    buurten = [g for g in centres if g != SHARED]
    assert len(buurten) == 4
    dists = [np.linalg.norm(centres[a] - centres[b]) for a in buurten for b in buurten if a < b]
    assert min(dists) > 10


def test_coordinate_layout_does_not_use_resident_coordinates(sample: nx.MultiDiGraph) -> None:
    a = coordinate_layout(sample, seed=0)
    b = coordinate_layout(sample, seed=1)
    assert a["pl_bankje"] == b["pl_bankje"]  # places at their coordinates
    assert a["r_samira"] != b["r_samira"]  # residents placed at random near their buurt
    c = coordinate_layout(sample, seed=0, resident_coordinates=True)
    d = coordinate_layout(sample, seed=1, resident_coordinates=True)
    assert c["r_samira"] == d["r_samira"]


# ----------------------------------------------------------------------------- plot_ego


def test_plot_ego_draws_the_neighbourhood_within_radius(sample: nx.MultiDiGraph) -> None:
    ax = sk.plot_ego(sample, "r_alleen_3", radius=1, language="en")
    colls = _by_gid(ax)
    drawn = sum(len(c.get_offsets()) for g, c in colls.items() if g.startswith("nodes:"))
    expected = nx.ego_graph(sample.to_undirected(), "r_alleen_3", radius=1)
    assert drawn == expected.number_of_nodes()
    assert len(colls["highlight"].get_offsets()) == 1
    assert ax.get_title() == "The world of r_alleen_3"


def test_plot_ego_radius_two_is_larger(sample: nx.MultiDiGraph) -> None:
    def count(r: int) -> int:
        ax = sk.plot_ego(sample, "r_henk", radius=r)
        return sum(len(c.get_offsets()) for g, c in _by_gid(ax).items() if g.startswith("nodes:"))

    assert count(2) > count(1)
    with pytest.raises(sk.NodeNotFoundError):
        sk.plot_ego(sample, "nobody")
    with pytest.raises(ValueError, match="radius"):
        sk.plot_ego(sample, "r_henk", radius=0)


# ----------------------------------------------------------------------------- plot_referral


def test_plot_referral_scene_2_henk_to_the_swimming_pool(sample: nx.MultiDiGraph) -> None:
    """Scene 2: Henk -> social worker -> information point (pass) -> swimming."""
    row = pd.Series(
        {
            "path": ["r_henk", "p_maatschappelijk1", "o_infopunt", "i_zwemmen"],
            "target_name": "Zwemmen met de Meedoenpas",
            "theme": "exercise",
            "reasons": ["requires meedoen_pass, granted by o_infopunt"],
        }
    )
    ax = sk.plot_referral(sample, row, language="en")
    colls = _by_gid(ax)
    assert len(colls["highlight-edges"].get_segments()) == 3
    assert {g for g in colls if g.startswith("nodes:")} == {
        "nodes:resident",
        "nodes:professional",
        "nodes:organisation",
        "nodes:initiative",
    }
    steps = [t.get_text() for t in ax.texts if t.get_gid() == "step"]
    assert steps == ["supports", "knows of", ""]
    labels = [t.get_text() for t in ax.texts if str(t.get_gid()).startswith("label:")]
    assert labels[0] == "r_henk"  # residents by id, not by name
    assert "Exercise" in ax.get_title()
    with pytest.raises(ValueError, match="path"):
        sk.plot_referral(sample, {"target": "i_zwemmen"})


# ----------------------------------------------------------------------------- centrality


def test_plot_centrality_top_per_kind() -> None:
    frame = pd.DataFrame(
        {
            "kind": ["resident"] * 3 + ["professional"] * 2,
            "name": ["Ann", "Bob", "Cas", "Dirk", "Eva"],
            "pagerank": [0.1, 0.3, 0.2, 0.5, 0.4],
        },
        index=["r1", "r2", "r3", "p1", "p2"],
    )
    ax = sk.plot_centrality(frame, measure="pagerank", top=2, language="en")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["r2", "r3", "Dirk", "Eva"]
    widths = [p.get_width() for p in ax.patches]
    assert widths == [0.3, 0.2, 0.5, 0.4]
    assert [to_hex(p.get_facecolor()) for p in ax.patches][:2] == [
        KIND_COLORS["resident"].lower()
    ] * 2
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Residents", "Professionals"]
    with pytest.raises(ValueError, match="'closeness'"):
        sk.plot_centrality(frame, measure="closeness")


# ----------------------------------------------------------------------------- brokerage


def test_plot_brokerage_stacks_five_roles() -> None:
    frame = pd.DataFrame(
        {
            "kind": ["professional", "resident", "resident"],
            "name": ["Dewi", "Joyce", "Piet"],
            "coordinator": [1, 0, 0],
            "itinerant": [2, 1, 0],
            "representative": [0, 0, 1],
            "gatekeeper": [3, 0, 0],
            "liaison": [4, 5, 0],
            "total": [10, 6, 1],
        },
        index=["p_opbouw", "r_spil", "r_x"],
    )
    ax = sk.plot_brokerage(frame, top=2, language="nl")
    assert len(ax.patches) == 5 * 2
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Dewi", "r_spil"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    # issue 14: the roles in words a team uses
    assert legend == ["verbinder binnen de eigen groep", "verbinder van buitenaf",
                      "vertegenwoordiger", "poortwachter", "verbinder tussen groepen"]  # fmt: skip
    liaison = [p for p in ax.patches if p.get_gid() == "role:liaison"]
    assert [p.get_x() for p in liaison] == [6, 1]  # stacked after the other four roles
    with pytest.raises(ValueError, match="role columns"):
        sk.plot_brokerage(frame.drop(columns="liaison"))


# ----------------------------------------------------------------------------- coverage


def _coverage() -> pd.DataFrame:
    idx = pd.MultiIndex.from_tuples(
        [("Oude Dorp", "parenting"), ("Oude Dorp", "exercise"), ("Parkzicht", "parenting")],
        names=["neighbourhood", "theme"],
    )
    return pd.DataFrame(
        {
            "demand": [18.0, 4.0, np.nan],
            "residents": [6, 2, pd.NA],
            "supply": [0, 3, 2],
            "gap": [True, False, False],
        },
        index=idx,
    )


def test_plot_coverage_heatmap_marks_gaps() -> None:
    """Scene 10: parenting in Oude Dorp has demand and no supply."""
    ax = sk.plot_coverage(_coverage(), language="nl")
    image = ax.get_images()[0]
    matrix = image.get_array()
    assert matrix.shape == (2, 2)
    assert matrix[0, 1] == 18.0 and np.ma.is_masked(matrix[1, 0])
    assert [p.get_gid() for p in ax.patches] == ["gap:Oude Dorp:parenting"]
    cells = {t.get_gid(): t.get_text() for t in ax.texts}
    assert cells["cell:Oude Dorp:parenting"] == "18/0"
    assert cells["cell:Parkzicht:parenting"] == "–/2"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Beweging", "Opvoeding"]


def test_plot_coverage_rejects_a_frame_of_the_wrong_shape() -> None:
    with pytest.raises(ValueError, match="indexed by"):
        sk.plot_coverage(_coverage().reset_index())


def test_plot_coverage_from_a_map(tiny: nx.MultiDiGraph) -> None:
    ax = sk.plot_coverage(tiny, language="en")
    matrix = sk.coverage(tiny)["demand"].unstack("theme")
    assert ax.get_images()[0].get_array().shape == matrix.shape
