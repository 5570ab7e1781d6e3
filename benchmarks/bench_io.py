"""Load and validate: sociale_kaart's validating reader against a plain networkx load."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path
from typing import Any

import networkx as nx
from run import timed

import sociale_kaart as sk
from sociale_kaart.core.columnar import pydantic_only


def plain_networkx_load(folder: Path) -> nx.MultiDiGraph:
    """Read the same CSV files into networkx with no validation at all."""
    G = nx.MultiDiGraph()
    for table in ("residents", "professionals", "initiatives", "organisations", "places"):
        path = folder / f"{table}.csv"
        if path.exists():
            with path.open(encoding="utf-8", newline="") as handle:
                G.add_nodes_from((row.pop("id"), row) for row in csv.DictReader(handle))
    with (folder / "relations.csv").open(encoding="utf-8", newline="") as handle:
        G.add_edges_from(
            (row["source"], row["target"], row["relation"], row) for row in csv.DictReader(handle)
        )
    return G


def run(G: nx.MultiDiGraph, n_residents: int) -> list[dict[str, Any]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = sk.write_csv(G, Path(tmp) / "map")
        ours, H = timed(lambda: sk.read_csv(folder))
        with pydantic_only():
            old, _ = timed(lambda: sk.read_csv(folder))
        plain, P = timed(lambda: plain_networkx_load(folder))
        rows.append(
            {
                "operation": "read_csv (parse, validate, build)",
                "sociale_kaart_s": ours,
                "networkx_s": plain,
                "note": "networkx: csv.DictReader into a MultiDiGraph, no checks, values stay text",
            }
        )
        rows.append(
            {
                "operation": "read_csv, every record through pydantic (pydantic_only)",
                "sociale_kaart_s": old,
                "networkx_s": None,
                "note": "files read by csv, every record through pydantic: the path the "
                "column-wise reading and checks replace (issue 16)",
            }
        )
        assert H.number_of_edges() == G.number_of_edges()
        assert P.number_of_nodes() == G.number_of_nodes()
        seconds, _ = timed(lambda: sk.write_csv(G, Path(tmp) / "again"))
        rows.append(
            {"operation": "write_csv", "sociale_kaart_s": seconds, "networkx_s": None, "note": ""}
        )
    seconds, _ = timed(lambda: sk.validate(G))
    rows.append(
        {
            "operation": "validate(G)",
            "sociale_kaart_s": seconds,
            "networkx_s": None,
            "note": "networkx has no schema check",
        }
    )
    return rows
