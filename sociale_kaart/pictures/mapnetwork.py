"""The pyvis Network subclass behind :func:`sociale_kaart.pictures.interactive` (imports pyvis).

Kept in its own module so that ``import sociale_kaart`` does not import
pyvis (and IPython with it); :mod:`sociale_kaart.pictures.interactive` imports this
module when a map is made.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path
from typing import Any

from markupsafe import Markup
from pyvis.network import Network

from sociale_kaart.core.strings import check_language, text
from sociale_kaart.pictures.html import (
    assets,
    content_security_policy,
    environment,
    iframe_srcdoc,
    json_for_html,
)

__all__ = ["MapNetwork"]

PathLike = str | os.PathLike[str]

#: The keys of a node and of an edge on the page (an edge's id is ``e`` and its position).
NODE_KEYS = (
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
)
EDGE_KEYS = ("from", "to", "title", "width", "color", "opacity", "dashes")


def _columns(records: list[dict[str, Any]], keys: tuple[str, ...]) -> dict[str, Any]:
    """Records as columns, the keys once: ``{"n": len(records), "columns": {key: column}}``.

    A column is the list of its values, one per record; or, when fewer than
    half of them are distinct (a colour, a kind, a width), ``{"values":
    [each distinct value once], "at": [position in values, one per record]}``.
    Values are told apart as JSON (``1`` and ``1.0`` and ``true`` differ).
    The page's script turns the columns back into the records (``records`` in
    sk-map.js).
    """
    columns: dict[str, Any] = {}
    for key in keys:
        column = [r[key] for r in records]
        seen: dict[str, int] = {}
        at = [seen.setdefault(json.dumps(v, sort_keys=True), len(seen)) for v in column]
        if 2 * len(seen) < len(column):
            values = [json.loads(v) for v in seen]
            columns[key] = {"values": values, "at": at}
        else:
            columns[key] = column
    return {"n": len(records), "columns": columns}


class MapNetwork(Network):
    """A :class:`pyvis.network.Network` that renders through sociale_kaart's safe template.

    Made by :func:`sociale_kaart.interactive`. Use :meth:`generate_html` for the whole
    page, :meth:`fragment` for an HTML fragment to embed in another page,
    :meth:`write_html` to write a file. In Jupyter the map shows itself in
    a sandboxed ``<iframe srcdoc>``, which works offline in JupyterLab, the
    classic Notebook and VS Code.

    Only these keys of each node reach the page: ``id``, ``label``,
    ``title`` (shown as text), ``x``, ``y``, ``size``, ``color``, and from
    :func:`~sociale_kaart.interactive` the filters' kind, neighbourhoods and
    themes and the label ``rank`` (see :mod:`sociale_kaart.pictures.labelling`;
    a node without one is always labelled), and the search box's data
    (:mod:`sociale_kaart.pictures.search`); so even
    nodes added with pyvis's own ``add_node`` or ``from_nx`` cannot leak
    other attributes or inject markup.
    """

    def __init__(self, *, language: str = "en", title: str | None = None, **kwargs: Any) -> None:
        super().__init__(directed=True, cdn_resources="in_line", **kwargs)
        self.language = check_language(language)
        self.page_title = title or text("map.title", language)
        self.sk_meta: dict[str, dict[str, Any]] = {}
        self.sk_legend: list[tuple[str, str]] = []
        self.sk_filters: dict[str, list[tuple[str, str]]] = {}
        self.sk_note = ""
        self.sk_highlighted = False
        self.sk_large = False
        self.sk_seed = 0
        self.sk_label_steps: list[tuple[float, int]] = []
        self.sk_search: dict[str, Any] | None = None

    # --------------------------------------------------------------- data for the page

    def _node_data(self) -> list[dict[str, Any]]:
        out = []
        for node in self.nodes:
            nid = str(node.get("id"))
            meta = self.sk_meta.get(nid, {})
            colour = node.get("color", "#97c2fc")
            out.append(
                {
                    "id": nid,
                    "label": str(node.get("label") or ""),
                    "title": str(node.get("title") or ""),
                    "x": node.get("x"),
                    "y": node.get("y"),
                    "size": float(node.get("size") or 12),
                    "color": colour if isinstance(colour, str) else "#97c2fc",
                    "border": meta.get("border", "#555555"),
                    "borderWidth": meta.get("borderWidth", 1),
                    "kind": meta.get("kind", ""),
                    "nbs": meta.get("nbs", []),
                    "themes": meta.get("themes", []),
                    "rank": meta.get("rank", -1),
                }
            )
        return out

    def _edge_data(self) -> list[dict[str, Any]]:
        out = []
        for i, edge in enumerate(self.edges):
            out.append(
                {
                    "id": f"e{i}",
                    "from": str(edge.get("from")),
                    "to": str(edge.get("to")),
                    "title": str(edge.get("title") or ""),
                    "width": float(edge.get("width") or 1),
                    "color": str(edge.get("color") or "#bbbbbb"),
                    "opacity": float(edge.get("opacity", 0.6)),
                    "dashes": bool(edge.get("dashes", False)),
                }
            )
        return out

    def _vis_options(self) -> dict[str, Any]:
        physics = bool(self.options.physics.enabled) if hasattr(self.options, "physics") else True
        big = self.sk_large
        return {
            "autoResize": True,
            "physics": {
                "enabled": physics,
                "solver": "barnesHut",
                "barnesHut": {"gravitationalConstant": -3000, "springLength": 90},
                "stabilization": {"enabled": physics, "iterations": 150, "fit": True},
            },
            "layout": {"randomSeed": self.sk_seed, "improvedLayout": False},
            "interaction": {
                "hover": not big,
                "tooltipDelay": 150,
                "hideEdgesOnDrag": big,
                "hideEdgesOnZoom": big,
                "navigationButtons": False,
            },
            "nodes": {"font": {"size": 13, "face": "system-ui, sans-serif"}},
            "edges": {
                "smooth": False if (big or not physics) else {"type": "continuous"},
                "arrows": {"to": {"enabled": True, "scaleFactor": 0.4}},
            },
        }

    def map_context(self, *, height: str | None = None) -> dict[str, Any]:
        """What the ``_map.html.j2`` template needs to draw this map (a new container id)."""
        language = self.language
        controls = []
        for key in ("kind", "neighbourhood", "theme"):
            options = self.sk_filters.get(key) or []
            if options:
                controls.append(
                    {"key": key, "label": text(f"map.filter_{key}", language), "options": options}
                )
        data = {
            "nodes": _columns(self._node_data(), NODE_KEYS),
            "edges": _columns(self._edge_data(), EDGE_KEYS),  # ids: e + position, as _edge_data
            "options": self._vis_options(),
            "directed": True,
            "labelSteps": [[z, k] for z, k in self.sk_label_steps],
            "search": self.sk_search,
        }
        return {
            "cid": "sk-map-" + secrets.token_hex(6),
            "height": height or str(self.height),
            "controls": controls,
            "all_label": text("map.all", language),
            "legend": self.sk_legend,
            "legend_label": text("map.legend", language),
            "highlight_label": text("map.highlight", language) if self.sk_highlighted else "",
            "note": self.sk_note,
            "noscript": text("map.noscript", language),
            "search": self._search_context(),
            "data": json_for_html(data),
        }

    def _search_context(self) -> dict[str, Any] | None:
        """The search box's labels and suggestions, for the template (escaped there)."""
        found = self.sk_search
        if not found:
            return None
        words = found["text"]
        return {
            "heading": words["heading"],
            "theme": words["theme"],
            "near": words["near"],
            "radius": words["radius"],
            "resident": words["resident"],
            "anyone": words["anyone"],
            "themes": [t["label"] for t in found["themes"]],
            "places": sorted({p["label"] for p in found["places"]}, key=str.lower),
            "residents": [(r["id"], r["label"]) for r in found["residents"]],
        }

    # --------------------------------------------------------------- rendering

    def generate_html(
        self, name: str = "index.html", local: bool = True, notebook: bool = False
    ) -> str:
        """The whole page: one self-contained, offline HTML document.

        The arguments are pyvis's and are ignored.
        """
        parts = assets()
        page = environment().get_template("map.html.j2")
        self.html = page.render(
            language=self.language,
            title=self.page_title,
            csp=content_security_policy(),
            vis_css=Markup(parts["vis_css"]),
            map_css=Markup(parts["map_css"]),
            vis_js=Markup(parts["vis_js"]),
            map_js=Markup(parts["map_js"]),
            maps=[self.map_context()],
        )
        return str(self.html)

    def fragment(self, *, include_library: bool = True) -> str:
        """An HTML fragment (the map's container, styles and scripts) to embed in a page.

        Parameters
        ----------
        include_library : bool, default True
            Include vis-network, sociale_kaart's script and styles. When the
            page shows several maps, include them once (with the first map).

        Notes
        -----
        The host page decides its own Content-Security-Policy. If it uses
        one, it must allow the two inline scripts (their hashes are in
        ``sociale_kaart.pictures.html.content_security_policy``).
        """
        parts = assets()
        body = environment().get_template("_map.html.j2").render(m=self.map_context())
        if not include_library:
            return str(body)
        return str(
            Markup("<style>{}\n{}</style>\n{}<script>{}</script>\n<script>{}</script>\n").format(
                Markup(parts["vis_css"]),
                Markup(parts["map_css"]),
                Markup(body),
                Markup(parts["vis_js"]),
                Markup(parts["map_js"]),
            )
        )

    def write_html(
        self,
        name: PathLike,
        local: bool = True,
        notebook: bool = False,
        open_browser: bool = False,
    ) -> Path:
        """Write the page to ``name`` (UTF-8) and return its path. Nothing else is written."""
        path = Path(name)
        path.write_text(self.generate_html(), encoding="utf-8")
        return path

    def show(self, name: PathLike, local: bool = True, notebook: bool = True) -> Any:
        """Write the page to ``name``; return the map itself, which Jupyter displays."""
        self.write_html(name)
        return self

    def _repr_html_(self) -> str:
        """The map in a sandboxed ``<iframe srcdoc>``, for Jupyter and VS Code."""
        height = str(self.height)
        frame_height = f"calc({height} + 60px)" if height.endswith("px") else "700px"
        return iframe_srcdoc(self.generate_html(), height=frame_height, title=self.page_title)


MapNetwork.__module__ = "sociale_kaart.pictures.interactive"
