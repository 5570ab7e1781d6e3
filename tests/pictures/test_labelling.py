"""Which nodes get a label: the zoom rule, its data in the page, the static declutter."""

from __future__ import annotations

import itertools
import math
from typing import Any

import matplotlib.pyplot as plt
import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import sociale_kaart as sk
from sociale_kaart.pictures.labelling import (
    LABEL_ZOOM_STEPS,
    declutter,
    label_count,
    label_order,
    labels_at_zoom,
    zoom_table,
)
from sociale_kaart.pictures.style import node_label, node_sizes
from tests.pictures._page import map_blocks


def _data(page: str) -> dict[str, Any]:
    (block,) = map_blocks(page)
    return block


# ----------------------------------------------------------------------------- the rule


def test_label_count_by_hand() -> None:
    # base 15: ceil(15 * step**2), the step the zoom rounds down to
    assert label_count(1.0, total=100) == 15
    assert label_count(1.4, total=100) == 15  # rounds down to the step 1.0
    assert label_count(1.5, total=100) == 34  # ceil(15 * 2.25) = ceil(33.75)
    assert label_count(0.5, total=100) == 4  # ceil(3.75)
    assert label_count(0.01, total=100) == 1  # below the first step: ceil(0.15)
    assert label_count(3.0, total=100) == 100  # 135, at most total
    assert label_count(2.0, total=100, base=2) == 8
    assert label_count(5.0, total=0) == 0


@pytest.mark.parametrize("bad", [0, -1.0, float("nan"), True, "1"])
def test_label_count_refuses_a_bad_zoom(bad: Any) -> None:
    with pytest.raises(ValueError, match="zoom must be a positive number"):
        label_count(bad, total=3)


def test_label_count_refuses_a_negative_total() -> None:
    with pytest.raises(ValueError, match="total must be a whole number"):
        label_count(1.0, total=-1)


@given(
    st.floats(min_value=1e-3, max_value=100.0),
    st.floats(min_value=1e-3, max_value=100.0),
    st.integers(min_value=0, max_value=500),
)
def test_label_count_grows_with_zoom_and_stays_within_total(a: float, b: float, n: int) -> None:
    lo, hi = sorted((a, b))
    assert 0 <= label_count(lo, total=n) <= label_count(hi, total=n) <= n


def test_zoom_table_is_the_count_at_each_step() -> None:
    table = zoom_table(40)
    assert [z for z, _ in table] == list(LABEL_ZOOM_STEPS)
    assert all(k == label_count(z, total=40) for z, k in table)


def test_label_order_path_first_then_size_degree_id() -> None:
    sizes = {"a": 8.0, "b": 20.0, "c": 8.0, "d": 8.0, "e": 30.0}
    order = label_order(sizes, degree={"c": 3, "a": 3}, always=["d", "zz", "d"])
    assert order == ["d", "e", "b", "a", "c"]  # zz is not a candidate; a/c tie on degree: id


@given(
    st.dictionaries(st.integers(0, 30), st.floats(1.0, 40.0), max_size=25),
    st.lists(st.integers(0, 30), max_size=5),
    st.floats(0.05, 10.0),
)
def test_labels_at_zoom_keep_the_path_and_the_largest(
    sizes: dict[int, float], always: list[int], zoom: float
) -> None:
    chosen = labels_at_zoom(sizes, zoom, always=always)
    fixed = [n for n in dict.fromkeys(always) if n in sizes]
    assert chosen[: len(fixed)] == fixed
    rest = [n for n in sizes if n not in fixed]
    assert len(chosen) == len(fixed) + label_count(zoom, total=len(rest))
    others = chosen[len(fixed) :]
    left = [n for n in rest if n not in others]
    if others and left:  # nobody left out is larger than somebody labelled
        assert min(sizes[n] for n in others) >= max(sizes[n] for n in left)


# ----------------------------------------------------------------------------- the page's data


def test_the_page_embeds_ranks_and_the_zoom_table(sample: nx.MultiDiGraph) -> None:
    path = ["r_samira", "p_maatschappelijk1", "i_taalschool"]
    net = sk.interactive(sample, highlight=path)
    data = _data(net.generate_html())
    nodes = {n["id"]: n for n in data["nodes"]}
    # the path is always labelled (rank -1) when it has a label text
    for n in path:
        if nodes[n]["label"]:
            assert nodes[n]["rank"] == -1
    # nodes without a label text (residents, by default) have no rank: never labelled
    assert nodes["r_henk"]["label"] == "" and nodes["r_henk"]["rank"] is None
    ranked = sorted(
        (n for n in nodes.values() if n["rank"] is not None and n["rank"] >= 0),
        key=lambda n: n["rank"],
    )
    assert [n["rank"] for n in ranked] == list(range(len(ranked)))
    # the ranks follow the drawn size, largest first (the path nodes are drawn 1.4 times larger)
    assert all(a["size"] >= b["size"] for a, b in itertools.pairwise(ranked))
    assert data["labelSteps"] == [[z, k] for z, k in zoom_table(len(ranked))]
    # what the script shows at each zoom step is labels_at_zoom in Python
    texts = {n: node_label(sample, n) for n in sample}
    sizes = node_sizes(sample, None, list(sample))
    candidates = {n: sizes[n] for n in sample if texts[n]}
    for z, k in data["labelSteps"]:
        in_page = {i for i, n in nodes.items() if n["rank"] is not None and n["rank"] < k}
        expected = labels_at_zoom(candidates, z, degree=dict(sample.degree), always=path)
        assert in_page == {str(n) for n in expected}, z


def test_a_resident_on_the_path_is_labelled_only_with_a_name(sample: nx.MultiDiGraph) -> None:
    path = ["r_samira", "p_maatschappelijk1"]
    plain = {
        n["id"]: n for n in _data(sk.interactive(sample, highlight=path).generate_html())["nodes"]
    }
    assert plain["r_samira"]["label"] == "" and plain["r_samira"]["rank"] is None
    named = sk.interactive(sample, highlight=path, show=["name"]).generate_html()
    nodes = {n["id"]: n for n in _data(named)["nodes"]}
    assert nodes["r_samira"]["label"] and nodes["r_samira"]["rank"] == -1


# ----------------------------------------------------------------------------- the static map


def _boxes(ax: Any) -> list[Any]:
    renderer = ax.figure.canvas.get_renderer()
    return [
        t.get_window_extent(renderer)
        for t in ax.texts
        if str(t.get_gid() or "").startswith("label:") and t.get_text()
    ]


@pytest.mark.parametrize("labels", ["auto", True])
def test_no_two_labels_overlap_in_the_static_map(sample: nx.MultiDiGraph, labels: Any) -> None:
    ax = sk.plot_map(sample, labels=labels, highlight=["p_maatschappelijk1", "i_taalschool"])
    try:
        boxes = _boxes(ax)
        assert len(boxes) >= 5
        for a, b in itertools.combinations(boxes, 2):
            assert not (a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1)
        gids = {t.get_gid() for t in ax.texts}
        assert {"label:p_maatschappelijk1", "label:i_taalschool"} <= gids  # the path goes first
    finally:
        plt.close(ax.figure)


def test_declutter_keeps_the_first_of_two_overlapping() -> None:
    fig, ax = plt.subplots()
    try:
        texts = [ax.text(0.5, 0.5, "first"), ax.text(0.5, 0.5, "second"), ax.text(0.1, 0.1, "x")]
        kept = declutter(texts, fig.canvas.get_renderer())
        assert [t.get_text() for t in kept] == ["first", "x"]
        assert [t.get_text() for t in ax.texts] == ["first", "x"]
    finally:
        plt.close(fig)


def test_labels_at_zoom_one_is_at_most_the_base() -> None:
    sizes = {i: float(i) for i in range(100)}
    assert len(labels_at_zoom(sizes, 1.0)) == 15
    assert labels_at_zoom(sizes, 1.0)[0] == 99
    assert math.isclose(len(labels_at_zoom(sizes, 0.5)), 4)
