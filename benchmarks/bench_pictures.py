"""Benchmarks of the pictures: the interactive map, the static map, the report.

``run(G, n_residents)`` is called by ``benchmarks/run.py`` for synthetic maps of
1k, 10k and 100k residents. Run alone: ``python benchmarks/bench_pictures.py 1000``.
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import networkx as nx

import sociale_kaart as sk


def _time(func: Any) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def _first(G: nx.MultiDiGraph, n: int) -> nx.MultiDiGraph:
    return G.subgraph(list(G.nodes)[:n])


def _pyvis_plain(H: nx.MultiDiGraph) -> str:
    """What plain pyvis does: from_nx (copies every attribute) and its own template."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    simple = nx.DiGraph()
    for n, a in H.nodes(data=True):
        simple.add_node(n, **{k: str(v) for k, v in a.items() if v is not None})
    simple.add_edges_from((u, v) for u, v in H.edges())
    net.from_nx(simple)
    return str(net.generate_html())


def run(G: nx.MultiDiGraph, n_residents: int) -> list[dict[str, Any]]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows: list[dict[str, Any]] = []
    n_nodes = G.number_of_nodes()

    # 1. the interactive page of the whole map (physics off above 1,000 nodes)
    ours = _time(lambda: sk.interactive(G).generate_html())
    part = min(n_nodes, 5000)
    H = _first(G, part)
    plain = _time(lambda: _pyvis_plain(H))
    scale = (n_nodes / part) ** 2  # pyvis add_node checks a list: quadratic
    rows.append(
        {
            "operation": f"interactive map page, {n_nodes:,} nodes",
            "sociale_kaart_s": ours,
            "networkx_s": plain * scale,
            "note": "plain pyvis from_nx + its template"
            + ("" if part == n_nodes else f"; timed on {part:,} nodes, scaled quadratically"),
        }
    )

    # 2. the 5,000-node map that must open in a few seconds
    if n_nodes >= 5000:
        H = _first(G, 5000)
        net = sk.interactive(H)
        ours = _time(lambda: sk.interactive(H).generate_html())
        rows.append(
            {
                "operation": "interactive map page, 5,000 nodes",
                "sociale_kaart_s": ours,
                "networkx_s": _time(lambda: _pyvis_plain(H)),
                "note": f"physics {'on' if not net.sk_large else 'off'}, Python layout; "
                "plain pyvis leaves layout to the browser",
            }
        )

    # 3. the static map
    def ours_plot() -> None:
        ax = sk.plot_map(G, layout="neighbourhood", labels=False)
        ax.figure.savefig(io.BytesIO(), format="png", dpi=80)
        plt.close("all")

    part = min(n_nodes, 2000)
    H = nx.Graph(_first(G, part))

    def plain_plot() -> None:
        pos = nx.spring_layout(H, seed=0, iterations=50)
        fig, ax = plt.subplots(figsize=(9, 9))
        nx.draw_networkx(H, pos=pos, ax=ax, with_labels=False, node_size=10, width=0.3)
        fig.savefig(io.BytesIO(), format="png", dpi=80)
        plt.close("all")

    plain = _time(plain_plot)
    rows.append(
        {
            "operation": f"plot_map (layout + draw + PNG), {n_nodes:,} nodes",
            "sociale_kaart_s": _time(ours_plot),
            "networkx_s": plain * (n_nodes / part) ** 2,
            "note": "nx.spring_layout(50 iterations) + nx.draw_networkx"
            + ("" if part == n_nodes else f"; timed on {part:,} nodes, scaled quadratically"),
        }
    )

    # 4. the report (with whatever analyses this version has)
    if n_residents <= 10_000:
        with tempfile.TemporaryDirectory() as tmp:
            ours = _time(lambda: sk.report(G, Path(tmp) / "r.html"))
        rows.append(
            {
                "operation": f"report, {n_nodes:,} nodes",
                "sociale_kaart_s": ours,
                "networkx_s": None,
                "note": "includes every analysis available in this version",
            }
        )
    return rows


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    graph = sk.datasets.synthetic(n, seed=1)
    for row in run(graph, n):
        plain = row["networkx_s"]
        plain_text = "-" if plain is None else f"{plain:8.2f}"
        print(f"{row['operation']:<50} {row['sociale_kaart_s']:8.2f} {plain_text}  {row['note']}")
