"""The interactive map: privacy of tooltips, highlight, physics switch, safe HTML."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from typing import Any

import networkx as nx
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sociale_kaart as sk
from sociale_kaart.core.records import KINDS, SENSITIVE_FIELDS
from sociale_kaart.pictures.interactive import PHYSICS_MAX_NODES, TOOLTIP_FIELDS, tooltip_fields
from sociale_kaart.testing import maps, safe_text
from tests.conftest import tiny_map
from tests.pictures._page import map_blocks


def _data(page: str) -> list[dict[str, Any]]:
    """The JSON data blocks of a page, parsed (nodes and edges back from their rows)."""
    return map_blocks(page)


def _node(net: Any, node_id: str) -> dict[str, Any]:
    return next(n for n in net.nodes if n["id"] == node_id)


# ----------------------------------------------------------------------------- privacy


def test_tooltip_whitelists_leave_sensitive_fields_out() -> None:
    for kind, fields in TOOLTIP_FIELDS.items():
        assert not set(fields) & SENSITIVE_FIELDS[kind], kind


def test_resident_tooltip_hides_name_needs_statuses(tiny: nx.MultiDiGraph) -> None:
    net = sk.interactive(tiny, language="en")
    r1 = _node(net, "r1")
    assert r1["label"] == ""
    assert "Anna" not in r1["title"]
    assert "Finances" not in r1["title"] and "eu_citizen" not in r1["title"]
    assert "1950" not in r1["title"]
    page = net.generate_html()
    assert "Anna Secret" not in page and "eu_citizen" not in page and "1950" not in page


def test_show_widens_the_tooltip(tiny: nx.MultiDiGraph) -> None:
    net = sk.interactive(tiny, language="en", show=["name", "needs", "statuses"])
    r1 = _node(net, "r1")
    assert r1["label"] == "Anna Secret"
    assert "needs (ZRM): Finances (2), Loneliness" in r1["title"]
    assert "statuses: eu_citizen" in r1["title"]
    assert tooltip_fields("resident", {"needs"})[-1] == "needs"


def test_professionals_and_offers_are_labelled_by_name(tiny: nx.MultiDiGraph) -> None:
    net = sk.interactive(tiny, language="nl")
    assert _node(net, "p1")["label"] == "Pia Werker"
    assert "Initiatief: i1" in _node(net, "i1")["title"]
    assert "thema's: Eenzaamheid, Sociaal netwerk" in _node(net, "i1")["title"]


def test_unknown_show_field_is_an_error(tiny: nx.MultiDiGraph) -> None:
    with pytest.raises(ValueError, match="show= names unknown fields"):
        sk.interactive(tiny, show=["password"])


def test_only_whitelisted_keys_reach_the_page(tiny: nx.MultiDiGraph) -> None:
    net = sk.interactive(tiny)
    net.add_node("x1", label="extra", title="<b>bold</b>", secret="do-not-leak")
    (data,) = _data(net.generate_html())
    keys = {k for n in data["nodes"] for k in n}
    assert keys == {
        "id",
        "label",
        "title",
        "x",
        "y",
        "size",
        "color",
        "border",
        "borderWidth",
        "kind",
        "nbs",
        "themes",
        "rank",
    }
    assert "do-not-leak" not in net.generate_html()


# ----------------------------------------------------------------------------- drawing


def test_colours_by_kind_and_legend(tiny: nx.MultiDiGraph) -> None:
    net = sk.interactive(tiny, language="en")
    from sociale_kaart.pictures.style import KIND_COLORS

    for n in net.nodes:
        assert n["color"] == KIND_COLORS[tiny.nodes[n["id"]]["kind"]]
    assert [label for _, label in net.sk_legend] == [
        "Residents",
        "Professionals",
        "Initiatives",
        "Organisations",
        "Places",
    ]


def test_color_by_field_and_mapping(tiny: nx.MultiDiGraph) -> None:
    net = sk.interactive(tiny, color_by="neighbourhood")
    assert {label for _, label in net.sk_legend} == {"Noord", "Zuid"}
    net = sk.interactive(tiny, color_by={"r1": "a", "r2": "b"})
    assert len({_node(net, "r1")["color"], _node(net, "r2")["color"]}) == 2
    with pytest.raises(ValueError, match="color_by"):
        sk.interactive(tiny, color_by="needs")


def test_size_by_series_grows_with_value(tiny: nx.MultiDiGraph) -> None:
    sizes = pd.Series({"r1": 0.0, "r2": 1.0, "p1": 4.0})
    net = sk.interactive(tiny, size_by=sizes)
    assert _node(net, "r1")["size"] < _node(net, "r2")["size"] < _node(net, "p1")["size"]
    degree = sk.interactive(tiny, size_by="degree")
    assert _node(degree, "p1")["size"] == max(n["size"] for n in degree.nodes)


def test_highlight_referral_path(tiny: nx.MultiDiGraph) -> None:
    row = pd.Series({"path": ["r1", "p1", "i1"], "target": "i1"})
    net = sk.interactive(tiny, highlight=row)
    (data,) = _data(net.generate_html())
    marked = {n["id"] for n in data["nodes"] if n["borderWidth"] == 4}
    assert marked == {"r1", "p1", "i1"}
    thick = {(e["from"], e["to"]) for e in data["edges"] if e["width"] == 4.0}
    assert thick == {("p1", "r1"), ("p1", "i1")}


def test_highlight_path_step_without_a_tie_is_dashed(tiny: nx.MultiDiGraph) -> None:
    net = sk.interactive(tiny, highlight=["r2", "pl1"])
    (data,) = _data(net.generate_html())
    dashed = [e for e in data["edges"] if e["dashes"]]
    assert [(e["from"], e["to"]) for e in dashed] == [("r2", "pl1")]


def test_highlight_gap_rows_marks_nodes(tiny: nx.MultiDiGraph) -> None:
    gaps = pd.DataFrame({"gap_type": ["coverage"], "nodes": [["r1", "r2"]]})
    net = sk.interactive(tiny, highlight=gaps)
    assert {n for n, m in net.sk_meta.items() if m["borderWidth"] == 4} == {"r1", "r2"}
    with pytest.raises(sk.NodeNotFoundError):
        sk.interactive(tiny, highlight=pd.DataFrame({"nodes": [["nobody"]]}))
    with pytest.raises(ValueError, match="'path'"):
        sk.interactive(tiny, highlight={"target": "i1"})


def test_filters_offer_kinds_neighbourhoods_and_themes(tiny: nx.MultiDiGraph) -> None:
    net = sk.interactive(tiny, language="en")
    assert [k for k, _ in net.sk_filters["kind"]] == list(KINDS)
    assert [nb for nb, _ in net.sk_filters["neighbourhood"]] == ["Noord", "Zuid"]
    # residents' needs are not offered as filter themes unless shown
    assert "exercise" not in dict(net.sk_filters["theme"])
    assert "exercise" in dict(sk.interactive(tiny, show=["needs"]).sk_filters["theme"])
    assert net.sk_meta["p1"]["nbs"] == ["Noord", "Zuid"]


def test_physics_switches_off_above_the_threshold() -> None:
    small = sk.interactive(tiny_map(), max_physics_nodes=10)
    assert small.sk_large is False and small._vis_options()["physics"]["enabled"] is True
    big = sk.interactive(tiny_map(), max_physics_nodes=3)
    options = big._vis_options()
    assert big.sk_large is True and options["physics"]["enabled"] is False
    assert options["edges"]["smooth"] is False
    assert all(n["x"] is not None for n in big.nodes)
    assert PHYSICS_MAX_NODES == 1000


def test_large_synthetic_map_is_static_and_quick() -> None:
    G = sk.datasets.synthetic(600, seed=2)
    assert G.number_of_nodes() > 600
    net = sk.interactive(G, max_physics_nodes=500, language="nl")
    assert net.sk_large and "fixed layout" not in net.generate_html()  # Dutch note
    assert "vaste indeling" in net.generate_html()


# ----------------------------------------------------------------------------- HTML


def test_page_is_offline_with_csp(sample: nx.MultiDiGraph) -> None:
    page = sk.interactive(sample).generate_html()
    assert '<meta http-equiv="Content-Security-Policy"' in page
    found = re.search(r'Content-Security-Policy" content="([^"]+)"', page)
    assert found is not None
    csp = html.unescape(found.group(1))
    assert csp.startswith("default-src 'none'; script-src 'sha256-")
    assert "'unsafe-inline'" not in csp.split("style-src")[0]
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page)
    assert "sourceMappingURL" not in page


def test_two_maps_have_unique_container_ids(tiny: nx.MultiDiGraph) -> None:
    net = sk.interactive(tiny)
    a, b = net.fragment(include_library=False), net.fragment(include_library=False)
    ids = re.findall(r'class="sk-map" id="([^"]+)"', a + b)
    assert len(ids) == 2 and ids[0] != ids[1]


def test_jupyter_repr_is_a_sandboxed_srcdoc_iframe(tiny: nx.MultiDiGraph) -> None:
    frame = sk.interactive(tiny)._repr_html_()
    assert frame.startswith('<iframe sandbox="allow-scripts" ')
    assert "allow-same-origin" not in frame
    srcdoc = re.search(r'srcdoc="([^"]*)"', frame)
    assert srcdoc is not None
    assert html.unescape(srcdoc.group(1)).startswith("<!DOCTYPE html>")
    assert "<script" not in frame.split("srcdoc=")[1]  # all markup is escaped


def test_write_html_writes_one_file(tiny: nx.MultiDiGraph, tmp_path: Any) -> None:
    out = sk.write_html(tiny, tmp_path / "map.html", language="en")
    assert out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]


def test_unknown_node_in_nodes(tiny: nx.MultiDiGraph) -> None:
    with pytest.raises(sk.NodeNotFoundError, match="nobody"):
        sk.interactive(tiny, nodes=["r1", "nobody"])


def test_empty_map_renders() -> None:
    net = sk.interactive(nx.MultiDiGraph())
    assert net.nodes == [] and "<!DOCTYPE html>" in net.generate_html()


class _Collector(HTMLParser):
    """Every start tag and attribute name outside the JSON data blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _markup(page: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    body = re.sub(r"<script>.*?</script>", "<script></script>", page, flags=re.S)
    body = re.sub(r"<style>.*?</style>", "<style></style>", body, flags=re.S)
    parser = _Collector()
    parser.feed(body)
    return parser.tags


_EXPECTED_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "div",
    "label",
    "select",
    "option",
    "ul",
    "li",
    "span",
    "noscript",
    "script",
    "strong",
    "input",
    "datalist",
    "p",
    "ol",
}


_TOKENS = [
    *"<>&\"'/=` ax:()",
    "</script>",
    "<!--",
    "href",
    "{{7*7}}",
    "<img src=x onerror=",
    "&amp;",
]
_markup_text = st.lists(st.sampled_from(_TOKENS), max_size=8).map("".join).map(str.strip)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps(max_nodes=8, max_relations=8, text=_markup_text | safe_text()))
def test_property_no_markup_from_the_data(G: nx.MultiDiGraph) -> None:
    show = ["name", "needs", "statuses", "birth_year", "postcode"]
    page = sk.interactive(G, show=show, language="en").generate_html()
    tags = _markup(page)
    data_id = re.findall(r'<script type="application/json" id="([^"]+)">', page)[0]
    assert {t for t, _ in tags} <= _EXPECTED_TAGS
    scripts = [a for t, a in tags if t == "script"]
    assert [a for a in scripts if a] == [[("type", "application/json"), ("id", data_id)]]
    for _, attrs in tags:
        for name, _ in attrs:
            assert not name.startswith("on"), name
    # the text comes back whole, as text, from the JSON block
    (data,) = _data(page)
    titles = {n["id"]: n["title"] for n in data["nodes"]}
    for node, attrs in G.nodes(data=True):
        if attrs.get("kind") != "resident" and attrs.get("name"):
            assert f"name: {attrs['name']}" in titles[str(node)]


def test_the_columns_on_the_page_are_the_nodes_and_edges(sample: nx.MultiDiGraph) -> None:
    """Nodes and edges go as columns (keys once); read back, they are the records exactly."""
    away = next(  # a place with no tie to r_samira: the path's step is drawn dashed
        n
        for n, k in sorted(sample.nodes(data="kind"))
        if k == "place"
        and not sample.has_edge("r_samira", n)
        and not sample.has_edge(n, "r_samira")
    )
    net = sk.interactive(sample, language="nl", highlight=["r_samira", away])
    page = net.generate_html()
    (data,) = _data(page)
    assert data["nodes"] == net._node_data() and len(data["nodes"]) == sample.number_of_nodes()
    assert data["edges"] == net._edge_data() and any(e["dashes"] for e in data["edges"])
    assert page.count('"borderWidth"') == 1  # a key once, not once per node
    (block,) = re.findall(r'<script type="application/json" id="[^"]+">(.*?)</script>', page, re.S)
    nodes, edges = json.loads(block)["nodes"]["columns"], json.loads(block)["edges"]["columns"]
    kinds = [k for _, k in sample.nodes(data="kind")]
    assert nodes["kind"]["values"] == list(dict.fromkeys(kinds))  # each kind once, in order
    assert [nodes["kind"]["values"][i] for i in nodes["kind"]["at"]] == kinds
    assert nodes["id"] == [str(n) for n in sample]  # all distinct: a plain list
    assert len(edges["width"]["values"]) == 2 and "id" not in edges  # 1.0 and 4.0
