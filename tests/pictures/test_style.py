"""One style module for drawing, and drawing code that computes no analyses itself."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

import sociale_kaart as sk
from sociale_kaart.core.records import SENSITIVE_FIELDS
from sociale_kaart.pictures import style
from sociale_kaart.pictures.interactive import TOOLTIP_FIELDS, TOOLTIP_OMITS

PACKAGE = Path(sk.__file__).parent
PICTURES = sorted((PACKAGE / "pictures").glob("*.py"))


def _imports(path: Path) -> list[ast.ImportFrom]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sociale_kaart")
    ]


#: Private names imported across modules before this rule, left to their owners.
_KNOWN_PRIVATE_IMPORTS = {
    ("analysis/twomode.py", "_betweenness"),
    ("analysis/twomode.py", "_pivot_count"),
    ("io/hsds/mapping.py", "_Record"),
    # merged late in the session that added them; to be shared through public names
    ("io/research.py", "_flat"),
    ("io/research.py", "_node_values"),
    ("pictures/timeline.py", "_axes"),
    ("referral/directory.py", "_resolve_need"),
    ("referral/directory.py", "_check_resident"),
    ("cli/main.py", "_coords"),
}


def test_no_module_imports_the_private_helpers_of_another() -> None:
    found = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        for node in _imports(path):
            found |= {(rel, a.name) for a in node.names if a.name.startswith("_")}
    assert found - _KNOWN_PRIVATE_IMPORTS == set(), "share it through a public name instead"


def test_pictures_call_only_public_analyses() -> None:
    """Where a picture needs centrality or coverage, it calls the public function."""
    public = set(sk.__all__)
    layers = ("analysis", "gaps", "referral", "index")
    found = []
    for path in PICTURES:
        for node in _imports(path):
            if (node.module or "").split(".")[1:2] and node.module.split(".")[1] in layers:
                found += [(path.name, node.module, a.name) for a in node.names]
    assert found, "the check found no import at all: it would pass vacuously"
    assert [f for f in found if f[2] not in public] == []


def test_colours_live_only_in_the_style_module() -> None:
    hexes = []
    for path in PICTURES:
        if path.name == "style.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                value = node.value
                if len(value) == 7 and value.startswith("#") and value[1:].isalnum():
                    hexes.append((path.name, value))
    # mapnetwork.py keeps pyvis's own defaults for nodes and edges that come without colours
    assert {name for name, _ in hexes} <= {"mapnetwork.py"}


def test_kind_colours_cover_every_kind_and_differ() -> None:
    assert set(style.KIND_COLORS) == set(sk.core.vocabulary.KINDS)
    assert len(set(style.KIND_COLORS.values())) == len(style.KIND_COLORS)
    assert style.HIGHLIGHT_COLOR not in style.KIND_COLORS.values()
    assert len(style.ROLE_COLORS) == len(sk.core.vocabulary.BROKERAGE_ROLES)


def test_tooltip_whitelist_is_the_export_whitelist() -> None:
    exported = sk.export_fields()
    assert set(TOOLTIP_FIELDS) == set(exported)
    for kind, fields in TOOLTIP_FIELDS.items():
        assert fields == tuple(f for f in exported[kind] if f not in TOOLTIP_OMITS)
        assert not set(fields) & SENSITIVE_FIELDS[kind], kind


def test_node_sizes_by_hand() -> None:
    G = nx.MultiDiGraph()
    lo, hi = style.SIZE_RANGE
    sizes = style.node_sizes(G, {"a": 0.0, "b": 0.25, "c": 1.0}, ["a", "b", "c", "d"])
    assert sizes == {"a": lo, "b": lo + 0.5 * (hi - lo), "c": hi, "d": lo}
    assert style.node_sizes(G, None, ["a"]) == {"a": style.NODE_SIZE}
    assert style.node_sizes(G, {"a": 3.0, "b": 3.0}, ["a", "b"]) == {
        "a": lo + 0.5**0.5 * (hi - lo),
        "b": lo + 0.5**0.5 * (hi - lo),
    }


def test_size_by_a_centrality_column_uses_sk_centrality() -> None:
    G = sk.load_sample()
    nodes = list(G)
    sizes = style.node_sizes(G, "pagerank", nodes)
    pagerank = sk.centrality(G)["pagerank"]
    assert max(sizes, key=sizes.__getitem__) == pagerank.idxmax()
    with pytest.raises(ValueError, match=r"not a column of sk\.centrality"):
        style.node_sizes(G, "fame", nodes)


def test_node_colors_by_field_and_errors() -> None:
    G = sk.load_sample()
    nodes = [n for n, a in G.nodes(data=True) if a["kind"] == "initiative"]
    colours, legend = style.node_colors(G, "level", nodes, "nl")
    levels = sorted({G.nodes[n].get("level") for n in nodes} - {None})
    assert [label for _, label in legend] == levels
    assert {colours[n] for n in nodes} <= set(style.PALETTE) | {style.MISSING_COLOR}
    with pytest.raises(ValueError, match="color_by must be 'kind'"):
        style.node_colors(G, "buurt", nodes, "nl")
    with pytest.raises(TypeError, match="color_by"):
        style.node_colors(G, 3, nodes, "nl")  # type: ignore[arg-type]
