"""Benchmarks for interoperability and privacy: HSDS import, exports, pseudonyms.

``run(G, n_residents)`` is called by ``benchmarks/run.py`` with
``sk.datasets.synthetic(n, seed=1)``. Run this file on its own to time it at
1k, 10k and 100k residents::

    PYTHONPATH=. python benchmarks/bench_interop.py
"""

from __future__ import annotations

import csv
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

import sociale_kaart as sk
from sociale_kaart.io.export import _flat_graph

HSDS_SERVICES = 5000


def _time(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def make_hsds_package(folder: Path, n_services: int) -> Path:
    """A messy HSDS 1.x-style package with ``n_services`` services (one in 50 broken)."""
    folder.mkdir(parents=True, exist_ok=True)
    n_orgs = max(1, n_services // 5)
    n_locations = max(1, n_services // 3)
    with (folder / "organizations.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "description", "email"])
        for i in range(n_orgs):
            w.writerow([f"org{i}", f"Organisation {i}", f"<p>About org {i} &amp; more</p>", ""])
    with (folder / "locations.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "organization_id", "name", "latitude", "longitude"])
        for i in range(n_locations):
            w.writerow([f"loc{i}", f"org{i % n_orgs}", f"Place {i}", 51.8 + i * 1e-5, 4.6])
    with (folder / "services.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "organization_id", "name", "description", "status", "fees"])
        for i in range(n_services):
            org = f"org{i % n_orgs}" if i % 50 else "org-missing"
            w.writerow([f"svc{i}", org, f"Service {i}", "Help <b>for</b> all", "active", "free"])
    with (folder / "services_at_location.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "service_id", "location_id"])
        for i in range(n_services):
            w.writerow([f"sal{i}", f"svc{i}", f"loc{i % n_locations}"])
    with (folder / "eligibility.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "service_id", "eligibility"])
        texts = ["adults 18+", "ages 12-17 in the county", "seniors", "65 and older"]
        for i in range(n_services):
            w.writerow([f"el{i}", f"svc{i}", texts[i % len(texts)]])
    with (folder / "languages.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "service_id", "language"])
        for i in range(n_services):
            w.writerow([f"la{i}", f"svc{i}", "English, Spanish" if i % 3 else "Papiamento"])
    return folder


def run(G: nx.MultiDiGraph, n_residents: int) -> list[dict[str, Any]]:
    """Time the interop operations on ``G``; return rows for the benchmark table."""
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        if n_residents == 1000:  # the HSDS import does not depend on the map: time it once
            package = make_hsds_package(root / "hsds", HSDS_SERVICES)
            seconds = _time(lambda: sk.read_hsds(package))
            rows.append(
                {
                    "operation": f"read_hsds ({HSDS_SERVICES} services, messy)",
                    "sociale_kaart_s": seconds,
                    "networkx_s": None,
                    "note": "no networkx equivalent; includes validation and the report",
                }
            )
        flat = _flat_graph(G, None, label=False)
        rows.append(
            {
                "operation": "write_graphml",
                "sociale_kaart_s": _time(lambda: sk.write_graphml(G, root / "a.graphml")),
                "networkx_s": _time(lambda: nx.write_graphml(flat, root / "b.graphml")),
                "note": "networkx on a pre-flattened copy (it fails on lists, None, dates)",
            }
        )
        rows.append(
            {
                "operation": "write_gexf",
                "sociale_kaart_s": _time(lambda: sk.write_gexf(G, root / "a.gexf")),
                "networkx_s": _time(lambda: nx.write_gexf(flat, root / "b.gexf")),
                "note": "networkx on a pre-flattened copy",
            }
        )
        rows.append(
            {
                "operation": "write_datapackage",
                "sociale_kaart_s": _time(lambda: sk.write_datapackage(G, root / "pkg")),
                "networkx_s": _time(lambda: nx.write_edgelist(flat, root / "e.txt", data=False)),
                "note": "networkx: a bare edge list, no node table",
            }
        )
        rows.append(
            {
                "operation": "write_parquet",
                "sociale_kaart_s": _time(lambda: sk.write_parquet(G, root / "pq")),
                "networkx_s": None,
                "note": "",
            }
        )
        key = "benchmark key, never a real one"
        rows.append(
            {
                "operation": "pseudonymise",
                "sociale_kaart_s": _time(lambda: sk.pseudonymise(G, key=key)),
                "networkx_s": _time(lambda: nx.relabel_nodes(G, {n: f"x{n}" for n in G})),
                "note": "networkx: relabel_nodes with a ready mapping, no hashing",
            }
        )
        rows.append(
            {
                "operation": "check_disclosure",
                "sociale_kaart_s": _time(lambda: sk.check_disclosure(G)),
                "networkx_s": None,
                "note": "",
            }
        )
    return rows


if __name__ == "__main__":  # pragma: no cover
    for n in (1000, 10_000, 100_000):
        start = time.perf_counter()
        G = sk.datasets.synthetic(n, seed=1)
        print(f"synthetic({n}): {time.perf_counter() - start:.1f} s", flush=True)
        for row in run(G, n):
            nx_s = row["networkx_s"]
            nx_text = f"{nx_s:8.2f}" if nx_s is not None else "       -"
            print(f"  {row['operation']:<40} {row['sociale_kaart_s']:8.2f} {nx_text}", flush=True)
