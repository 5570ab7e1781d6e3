"""Benchmark of gap detection against a plain-networkx approach, on the same map.

``run(G, n_residents)`` is called by ``benchmarks/run.py`` with
``sk.datasets.synthetic(n, seed=1)``. Run it alone with
``python benchmarks/bench_gaps.py 10000``.

The plain-networkx baselines do what a careful analyst would write without
the library: for every resident with a need, ``nx.single_source_shortest_path_length``
over the people graph (cut off at ``max_hops - 1``), then every offer those
people know, checked with the eligibility rules one pair at a time; and for
coverage, every offer on a theme checked against every resident of the cell.
Where the baseline would take minutes it is timed on a fraction of the
residents (or cells) and scaled up linearly; the note says so.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections import defaultdict
from typing import Any

import networkx as nx

import sociale_kaart as sk
from sociale_kaart.core.eligibility import evaluate

TODAY = dt.date(2026, 11, 21)
MAX_HOPS = 3
#: Most residents the plain baselines visit before scaling up.
BASELINE_RESIDENTS = 3_000
AWARE = ("knows_of", "refers", "works_for", "participates", "volunteers")
OFFER_KINDS = ("initiative", "organisation")


def _naive_paths(G: nx.MultiDiGraph, residents: list[str]) -> int:
    """Residents with a need and no path to an eligible offer, the plain way."""
    people = nx.Graph()
    people.add_nodes_from(n for n, k in G.nodes(data="kind") if k in ("resident", "professional"))
    people.add_edges_from((u, v) for u, v, k in G.edges(keys=True) if k in ("knows", "supports"))
    knows: dict[str, list[str]] = defaultdict(list)
    for u, v, k in G.edges(keys=True):
        if k in AWARE and G.nodes[v]["kind"] in OFFER_KINDS:
            knows[u].append(v)
    unreached = 0
    for r in residents:
        needs = set(G.nodes[r]["needs"] or {})
        near = nx.single_source_shortest_path_length(people, r, cutoff=MAX_HOPS - 1)
        found: set[str] = set()
        for person in near:
            for offer in knows.get(person, ()):
                attrs = G.nodes[offer]
                hit = needs & set(attrs["themes"] or [])
                if hit and evaluate(G.nodes[r], attrs, today=TODAY)[0] != "no":
                    found |= hit
        unreached += bool(needs - found)
    return unreached


def _naive_coverage(G: nx.MultiDiGraph, cells: list[tuple[str, str, list[str]]]) -> int:
    """Supply per cell (eligible offers with room, by level), checking every pair."""
    offers = [(o, a) for o, a in G.nodes(data=True) if a["kind"] in OFFER_KINDS]
    gaps = 0
    for _nb, theme, residents in cells:
        by_level: dict[str | None, int] = defaultdict(int)
        for _offer, attrs in offers:
            if theme not in (attrs["themes"] or []) or attrs.get("capacity") == 0:
                continue
            if any(evaluate(G.nodes[r], attrs, today=TODAY)[0] != "no" for r in residents):
                by_level[attrs.get("level")] += 1
        gaps += not (by_level["informal"] or by_level["general"])
    return gaps


def _timed(fn: Any, *args: Any) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def run(G: nx.MultiDiGraph, n_residents: int) -> list[dict[str, Any]]:
    """Time find_gaps, isolation and coverage against plain-networkx baselines."""
    needy = sorted(
        (n for n, a in G.nodes(data=True) if a["kind"] == "resident" and a["needs"]), key=str
    )
    part = needy[:BASELINE_RESIDENTS]
    scale = len(needy) / max(1, len(part))
    naive_paths = _timed(_naive_paths, G, part) * scale
    cells_by_key: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in needy:
        for theme in G.nodes[r]["needs"]:
            cells_by_key[(G.nodes[r]["neighbourhood"], theme)].append(r)
    cells = [(nb, th, rs) for (nb, th), rs in sorted(cells_by_key.items(), key=str)]
    cell_part = cells[: max(1, len(cells) // max(1, round(scale)))]
    cell_scale = len(cells) / max(1, len(cell_part))
    naive_cov = _timed(_naive_coverage, G, cell_part) * cell_scale
    fraction = f"timed on {len(part)} of {len(needy)} residents with a need, scaled up"
    cell_fraction = f"timed on {len(cell_part)} of {len(cells)} cells, scaled up"
    return [
        {
            "operation": "find_gaps (the eight map gap types; no journal)",
            "sociale_kaart_s": _timed(lambda: sk.find_gaps(G, today=TODAY)),
            "networkx_s": naive_paths + naive_cov,
            "note": "baseline: plain path check + plain coverage only; "
            f"{fraction if scale > 1 else 'all residents'}",
        },
        {
            "operation": "isolation (paths to an eligible offer, 3 hops)",
            "sociale_kaart_s": _timed(lambda: sk.isolation(G, today=TODAY)),
            "networkx_s": naive_paths,
            "note": "baseline: nx.single_source_shortest_path_length + evaluate per pair; "
            + (fraction if scale > 1 else "all residents"),
        },
        {
            "operation": "coverage (neighbourhood x theme matrix)",
            "sociale_kaart_s": _timed(lambda: sk.coverage(G, today=TODAY)),
            "networkx_s": naive_cov,
            "note": "baseline: evaluate every offer for every resident of a cell; "
            + (cell_fraction if cell_scale > 1 else "all cells"),
        },
    ]


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000
    start = time.perf_counter()
    graph = sk.datasets.synthetic(n, seed=1)
    print(f"synthetic({n}) built in {time.perf_counter() - start:.1f} s", flush=True)
    for row in run(graph, n):
        base = row["networkx_s"]
        print(
            f"{row['operation']:<50} {row['sociale_kaart_s']:8.2f} s"
            f"  networkx {base if base is None else round(base, 2)} s  ({row['note']})"
        )
